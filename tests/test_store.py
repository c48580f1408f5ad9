"""Stores: specs, the persistent Oxigraph store (incremental, replaced not duplicated, reopened).

Remote stores are exercised against real servers in test_servers.py.
"""
from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import XSD, BNode, Literal, URIRef

from kg.errors import StoreError
from kg.queries import result_table, run_query, run_ready
from kg.store import from_ox, open_store, parse_spec, plain_term, replace_graph, store_kind, to_ox
from tests.conftest import SEED
from tests.test_queries import toy_graphs

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def n_quads(ds) -> int:
    return int(result_table(run_query(ds, COUNT))[1][0][0])


def test_parse_spec():
    assert parse_spec(None).kind == "memory" and parse_spec("memory").kind == "memory"
    assert parse_spec("rdflib").kind == "rdflib"
    assert parse_spec("oxigraph:/tmp/x").location == "/tmp/x"
    s = parse_spec("sparql:http://h:1/q,http://h:1/u")
    assert (s.kind, s.location, s.update_url) == ("sparql", "http://h:1/q", "http://h:1/u")
    assert parse_spec("sparql:http://h/q").update_url == "http://h/q"
    assert [parse_spec(s).persistent for s in ["memory", "rdflib", "oxigraph:/x", "sparql:http://h/q"]] == \
        [False, False, True, True]
    for bad in ["oxigraph:", "sqlite:x", "sparql:ftp://x", "memory:x", "sparql:"]:
        with pytest.raises(StoreError):
            parse_spec(bad)


@pytest.fixture(params=["rdflib", "memory", "oxigraph"])
def store(request, tmp_path):
    spec = request.param if request.param != "oxigraph" else f"oxigraph:{tmp_path / 'store'}"
    ds = open_store(spec)
    yield ds
    if request.param == "oxigraph":
        ds.close()


def test_replace_graph_replaces(store):
    graphs = toy_graphs()
    total = sum(len(t) for _, t in graphs)
    for iri, triples in graphs:
        assert replace_graph(store, iri, triples) == len(triples)
    assert n_quads(store) == total
    for iri, triples in graphs:            # a rebuild: same count, no duplicates
        replace_graph(store, iri, triples)
    assert n_quads(store) == total
    iri, triples = graphs[0]
    replace_graph(store, iri, triples[:10])     # a shorter document replaces the old one wholly
    assert n_quads(store) == total - len(triples) + 10


def test_pipeline_style_writes_work(store):
    """The pipeline's ds.remove_graph + graph.add path also replaces on every local store."""
    for _ in range(2):
        for iri, triples in toy_graphs():
            store.remove_graph(iri)
            g = store.graph(iri)
            for t in triples:
                g.add(t)
    assert n_quads(store) == sum(len(t) for _, t in toy_graphs())


def test_queries_see_the_union(store):
    for iri, triples in toy_graphs():
        replace_graph(store, iri, triples)
    rows = result_table(run_ready(store, "statements-by-person", {"person": "Yvette Cooper"}))[1]
    assert len(rows) == 2, "statements from both documents' graphs"


def test_oxigraph_persists_and_reopens(tmp_path):
    spec = f"oxigraph:{tmp_path / 'store'}"
    ds = open_store(spec)
    for iri, triples in toy_graphs():
        replace_graph(ds, iri, triples)
    n = n_quads(ds)
    assert store_kind(ds) == "oxigraph"
    ds.close()
    del ds
    import gc
    gc.collect()
    again = open_store(spec, must_exist=True)
    assert n_quads(again) == n
    assert len(again) > 0 and {str(g.identifier) for g in again.graphs() if len(g)} >= {
        "https://kg.example.org/id/graph/toy1", "https://kg.example.org/id/graph/toy2"}
    again.close()


def test_missing_store_for_readers(tmp_path):
    with pytest.raises(StoreError, match="no Oxigraph store"):
        open_store(f"oxigraph:{tmp_path / 'nope'}", must_exist=True)
    assert not (tmp_path / "nope").exists()


def test_locked_store_is_a_clear_error(tmp_path):
    spec = f"oxigraph:{tmp_path / 'store'}"
    ds = open_store(spec)
    code = f"from kg.store import open_store; open_store({spec!r})"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    ds.close()
    assert out.returncode != 0 and "StoreError" in out.stderr and "another process" in out.stderr


def test_term_conversion_keeps_plain_literals():
    import pyoxigraph as ox

    for term in [URIRef("https://kg.example.org/id/x"), Literal("plain"), Literal("en", lang="en"),
                 Literal("3", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer"))]:
        assert from_ox(to_ox(term)) == term
    assert from_ox(ox.Literal("x", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#string"))) == Literal("x")
    assert plain_term(Literal("x", datatype=URIRef("http://www.w3.org/2001/XMLSchema#string"))) == Literal("x")
    assert isinstance(from_ox(to_ox(BNode("b1"))), BNode)



def _fields(term):
    """Everything an rdflib term carries: its class, text, and for a literal its four fields."""
    extra = () if not isinstance(term, Literal) else (
        term.language, term.datatype, term.value, term.ill_typed, repr(term.value))
    return type(term), str(term), repr(term), hash(term), extra


@pytest.mark.parametrize("kind, text", [
    ("iri", "https://kg.example.org/id/person/jos%C3%A9-o-neill"),
    ("iri", "https://kg.example.org/id/doc/d/entry/é-ü"),
    ("plain", ""),
    ("plain", 'He said: "no" \n <script>alert(1)</script> — ünïcödé 🙂'),
    ("dt", "2024-07-01T07:00:00Z"),
    ("dt", "2024-07-01T07:00:00+01:00"),
    ("dt", "2024-07-01T07:00:00.250Z"),
    ("dt", "2024-07-01T07:00:00"),
    ("dt", "-0044-03-15T12:00:00Z"),
])
def test_fast_term_builders_match_rdflibs_constructors(kind, text):
    """from_ox builds IRIs, plain strings and dateTimes without rdflib's constructors (they
    re-check what Oxigraph checked); the result must be the constructor's, field by field,
    including rdflib's normalised lexical form of a dateTime ("Z" -> "+00:00"). The term
    goes through a real Oxigraph store and comes back as a query answers it."""
    import pyoxigraph as ox

    term = {"iri": lambda: ox.NamedNode(text), "plain": lambda: ox.Literal(text),
            "dt": lambda: ox.Literal(text, datatype=ox.NamedNode(str(XSD.dateTime)))}[kind]()
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("https://kg.example.org/s"), ox.NamedNode("https://kg.example.org/p"), term))
    (back,) = [row["o"] for row in store.query("SELECT ?o WHERE { ?s ?p ?o }")]
    expected = {"iri": URIRef, "plain": Literal,
                "dt": lambda v: Literal(v, datatype=XSD.dateTime)}[kind](back.value)
    built = from_ox(back)
    assert _fields(built) == _fields(expected)
    assert built == expected and built.n3() == expected.n3()


@pytest.mark.slow
def test_cli_build_into_oxigraph_twice(tmp_path):
    """kg build --store oxigraph:PATH adds to the store; building the same file again replaces it."""
    store = tmp_path / "store"
    counts = []
    for _ in range(2):
        out = subprocess.run([sys.executable, "-m", "kg", "build", str(SEED), "--store", f"oxigraph:{store}",
                              "--out", str(tmp_path / "out"), "-q"], capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        counts.append(out.stdout.splitlines()[0])
    assert counts[0] == counts[1] and counts[0].startswith("triples:")
    out = subprocess.run([sys.executable, "-m", "kg", "query", "most-mentioned-actors", "--store",
                          f"oxigraph:{store}", "--format", "tsv"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("actor\tkind\tentries\n") and "Yvette Cooper\tPerson\t" in out.stdout


def test_bench_corpus_generator_builds_a_tiny_corpus():
    """The benchmark's generator makes graphs of kg's own shape (the benchmark itself never runs here)."""
    from bench.corpus import corpus_graphs

    ds = open_store("memory")
    graphs = list(corpus_graphs(2, entries_per_doc=4))
    assert len(graphs) == 2 and all(len(t) > 100 for _, t in graphs)
    for iri, triples in graphs:
        replace_graph(ds, iri, triples)
    assert result_table(run_ready(ds, "most-mentioned-actors"))[1]
    assert result_table(run_ready(ds, "claims-by-predicate"))[1]
    again = list(corpus_graphs(2, entries_per_doc=4))
    assert [sorted(t) for _, t in again] == [sorted(t) for _, t in graphs], "deterministic for a seed"


def test_oxigraph_default_graph_is_the_set_union(tmp_path):
    """kg's Oxigraph default graph equals the union of the documents' graphs (no per-graph copies),
    through replace_graph and through rdflib's remove_graph/add alike."""
    import pyoxigraph as ox

    ds = open_store(f"oxigraph:{tmp_path / 'store'}")
    store = ds.store._inner

    def check():
        union = {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, None)
                 if not isinstance(q.graph_name, ox.DefaultGraph)}
        default = {(q.subject, q.predicate, q.object)
                   for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
        assert default == union and union
    (i1, t1), (i2, t2) = toy_graphs()
    replace_graph(ds, i1, t1)
    replace_graph(ds, i2, t2)
    check()
    replace_graph(ds, i1, t1[:5])           # shared labels survive while toy2 still holds them
    check()
    ds.remove_graph(i2)
    check()
    g = ds.graph(i2)
    for t in t2:
        g.add(t)
    check()
    ds.close()


def test_rdflib_api_reads_the_union_once_with_plain_strings(store):
    """``ds.subjects``/``ds.query``/``ds.value`` on any store: each triple once, strings plain.

    On Oxigraph kg keeps the default graph as the union copy; read naively, every
    triple would come back once per graph holding it, plus once for the copy.
    """
    from rdflib import RDF, RDFS

    from kg.rdf.namespace import KG

    for iri, triples in toy_graphs():
        replace_graph(store, iri, triples)
    people = list(store.subjects(RDF.type, KG.Person))
    assert people and len(people) == len(set(people))
    rows = list(store.query("SELECT ?p ?l WHERE { ?p a <%s> ; <%s> ?l }" % (KG.Person, RDFS.label)))
    assert len(rows) == len(set(rows)) == len(people)
    label = store.value(people[0], RDFS.label)
    assert label == Literal(str(label)) and label.datatype is None
    assert all(r[1].datatype is None for r in rows)
    assert len(set(store.triples((None, None, None)))) == len(list(store.triples((None, None, None))))
    named = {str(g) for _, _, _, g in store.quads((None, RDF.type, KG.Person, None))}
    assert named and all(g.startswith("https://") for g in named)     # documents' graphs, not the copy


@pytest.mark.parametrize("fmt", ["trig", "nquads", "turtle"])
def test_graph_file_loads_as_the_union_alone_with_the_same_answers(tmp_path, fmt):
    """``named_graphs=False`` (what ``kg query`` uses for ready queries) keeps every triple of
    the union and none of the per-document copies, and the ready queries answer the same."""
    from kg.export import write_rdf
    from kg.store import load_graph_file, oxigraph_store, triple_count

    ds = open_store("memory")
    for iri, triples in toy_graphs():
        replace_graph(ds, iri, triples)
    path = write_rdf(ds, tmp_path / f"g.{ {'nquads': 'nq', 'turtle': 'ttl'}.get(fmt, fmt) }", fmt)
    full, union = load_graph_file(path), load_graph_file(path, named_graphs=False)
    assert list(oxigraph_store(union).named_graphs()) == []
    assert triple_count(union) == triple_count(full) == triple_count(ds) > 50
    for name, params in [("statements-by-person", {"person": "yvette cooper"}), ("who-responds-to-whom", {}),
                         ("most-mentioned-actors", {})]:
        want = result_table(run_ready(full, name, params))[1]
        assert want and result_table(run_ready(union, name, params))[1] == want


def test_quads_and_canonical_quads_are_the_documents_quads_on_every_store(store):
    """``kg.store.quads`` reads every document's quad once (kg's union copy on Oxigraph left out),
    and ``canonical_quads`` holds the same quads, sorted, on every back-end."""
    from kg.store import canonical_quads, quads

    graphs = toy_graphs()
    for iri, triples in graphs:
        replace_graph(store, iri, triples)
    want = {(s, p, o, URIRef(str(iri))) for iri, triples in graphs for s, p, o in triples}
    got = list(quads(store))
    assert len(got) == len(set(got)) and set(got) == want
    canonical = canonical_quads(store)
    keys = [(str(q.graph_name), str(q.subject)) for q in canonical]
    assert keys == sorted(keys) and len(set(keys)) > 1
    assert {(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), from_ox(q.graph_name))
            for q in canonical} == want
