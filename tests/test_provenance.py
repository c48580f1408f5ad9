"""Provenance of builds: each build is a PROV activity named by kg's version, its inputs and options."""
from __future__ import annotations

from pathlib import Path

from rdflib import Literal, URIRef

import kg
from kg.export import union_graph
from kg.pipeline import build_dataset, build_for
from kg.rdf import mapping
from kg.rdf.iris import base_iri
from kg.rdf.namespace import KG, ORG, PROV, RDF, SDO, XSD

BLOG = ("Widget plan unveiled\n"
        "Jane Doe, the widget secretary, said the plan would create jobs in Northtown.\n"
        "Share\n"
        "Updated at 10.15 GMT\n")
OTHER = ("Gadget row\n"
         "John Roe told MPs the gadget levy was unfair.\n"
         "Share\n")


def _facts(g) -> set:
    return {n for cls in (KG.Statement, KG.Claim, ORG.Membership) for n in g.subjects(RDF.type, cls)}


def test_every_fact_was_generated_by_the_build_which_used_the_document(seed_graph):
    g = union_graph(seed_graph)
    (build,) = set(g.subjects(RDF.type, PROV.Activity))
    facts = _facts(g)
    assert len(facts) > 100
    for fact in facts:
        assert list(g.objects(fact, PROV.wasGeneratedBy)) == [build], fact
    (doc,) = set(g.subjects(RDF.type, KG.LiveBlog))
    assert list(g.objects(build, PROV.used)) == [doc]
    (agent,) = g.objects(build, PROV.wasAssociatedWith)
    assert (agent, RDF.type, PROV.SoftwareAgent) in g
    assert g.value(agent, SDO.softwareVersion) == Literal(kg.__version__)
    assert f"/build/{kg.__version__}/" in str(build)


def test_no_clock_time_enters_the_graph(seed_graph):
    """Only the entries' own times are xsd:dateTime; facts carry no prov:generatedAtTime."""
    g = union_graph(seed_graph)
    assert not list(g.triples((None, PROV.generatedAtTime, None)))
    assert not list(g.triples((None, PROV.startedAtTime, None)))
    timed = {p for s, p, o in g if isinstance(o, Literal) and o.datatype == XSD.dateTime}
    assert timed and timed <= {SDO.datePublished, SDO.dateModified}
    assert all((s, RDF.type, KG.Entry) in g for s, p, o in g if p in timed)


def _write(folder: Path, name: str, text: str, meta: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    if meta is not None:
        path.with_name(path.stem + ".meta.json").write_text(meta, encoding="utf-8")
    return path


def test_the_build_is_named_by_version_inputs_and_options(tmp_path):
    base = base_iri()
    a = _write(tmp_path / "a", "blog.txt", BLOG)
    same = _write(tmp_path / "b", "blog.txt", BLOG)          # same name and bytes elsewhere
    first = build_for([a], base)
    assert build_for([a], base) == first
    assert build_for([same], base) == first                   # the folder is not part of the input
    assert build_for([a], base, encoding="utf-8") != first    # an option that shapes the output
    assert build_for([a], base, model="en_core_web_sm") != first
    assert build_for([a], "https://data.example.org/id/") != first
    edited = _write(tmp_path / "c", "blog.txt", BLOG.replace("jobs", "many jobs"))
    assert build_for([edited], base) != first                 # the bytes are the input
    with_meta = _write(tmp_path / "d", "blog.txt", BLOG, meta='{"title": "Widgets live"}')
    assert build_for([with_meta], base) != first              # so is the sidecar's metadata
    other = mapping.build_activity(base, [("blog.txt", "0" * 64)], version="9.9.9")
    assert "/build/9.9.9/" in str(other.iri) and other.agent != first.agent


def test_one_build_of_two_documents_is_one_activity_that_used_both(tmp_path, nlp):
    a = _write(tmp_path, "blog_a.txt", BLOG)
    b = _write(tmp_path, "blog_b.txt", OTHER)
    ds, report = build_dataset([a, b], jobs=1)
    assert report.documents == ["blog_a", "blog_b"]
    (build,) = set(ds.subjects(RDF.type, PROV.Activity))
    base = base_iri()
    assert build == build_for([a, b], base).iri
    assert set(ds.objects(build, PROV.used)) == {mapping.document_iri(base, "blog_a"),
                                                 mapping.document_iri(base, "blog_b")}
    for doc_id in ("blog_a", "blog_b"):            # each document's graph says which build made it
        graph = ds.graph(mapping.graph_iri(base, doc_id))
        assert (build, PROV.used, mapping.document_iri(base, doc_id)) in graph
        facts = _facts(graph)
        assert facts and all(graph.value(f, PROV.wasGeneratedBy) == build for f in facts)


def test_a_document_built_without_files_is_named_by_its_content():
    from kg.entries import Document, Entry
    base = base_iri()
    doc = Document(id="d", entries=[Entry(id="e0001", ordinal=1, position=0, text="Jane Doe spoke.")])
    first = mapping.document_build(doc, base)
    doc.source = "/some/where/else.txt"
    assert mapping.document_build(doc, base) == first
    doc.entries[0].text = "John Roe spoke."
    assert mapping.document_build(doc, base) != first
    assert isinstance(first.iri, URIRef)
