"""Reruns and incremental updates: same input, same bytes; new entries, new triples only.

Entry ids count from the oldest entry (see kg/sources/text.py), so a live blog that
gained entries keeps every IRI it had; each document lives in its own named graph,
so adding a document never touches another's triples; people are keyed by name, not
by document, so the same full name in two documents is one node.
"""
from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

from rdflib import Dataset, Graph, Literal

from kg.export import serialize
from kg.pipeline import build_dataset, new_dataset
from kg.rdf import mapping
from kg.rdf.iris import base_iri
from kg.rdf.namespace import DCTERMS, KG, PROV, RDF, RDFS, SDO

from .conftest import DEV, ROOT, SEED

NEW_BLOCK = ("Ed Davey demands an emergency budget\n"
             "Ed Davey, the Liberal Democrat leader, said ministers must act on social care this week.\n"
             "Share\n"
             "Updated at 20.05 GMT\n")
#: facts about where an entry sits in its source file, which prepending moves by design
POSITIONAL = {KG.position, KG.sourceStart, KG.sourceEnd, DCTERMS.source}


def _without_build(triples: set, ds: Dataset) -> set:
    """Less the triples naming the build: changed input is a new build (PROV activity), by design."""
    builds = set(ds.subjects(RDF.type, PROV.Activity))
    return {t for t in triples if t[1] != PROV.wasGeneratedBy and t[0] not in builds}


def _kg(*args: str, seed: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": seed}
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=300)


def test_building_twice_gives_byte_identical_outputs(tmp_path: Path) -> None:
    """Two processes with different hash seeds: set order must not leak into any file."""
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        result = _kg("build", str(SEED), "--out", str(out), "-q", "--jobs", "1", seed=seed)
        assert result.returncode == 0, result.stderr
        outs.append(out)
    for name in ("graph.ttl", "graph.trig", "summary.txt"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


def test_turtle_depends_on_the_graph_not_the_insertion_order(seed_graph) -> None:
    quads = list(seed_graph.quads((None, None, None, None)))
    random.Random(7).shuffle(quads)
    shuffled = new_dataset()
    for s, p, o, g in quads:
        shuffled.graph(g.identifier if hasattr(g, "identifier") else g).add((s, p, o))
    for fmt in ("turtle", "trig", "nt", "nq"):     # every text format is written in sorted order
        assert serialize(shuffled, fmt) == serialize(seed_graph, fmt), fmt


def _triples(ds: Dataset, doc_id: str) -> set:
    return set(ds.graph(mapping.graph_iri(base_iri(), doc_id)))


def test_a_live_blog_that_gained_entries_adds_only_the_new(tmp_path: Path, nlp) -> None:
    copy = tmp_path / SEED.name
    copy.write_text(NEW_BLOCK + SEED.read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copy(SEED.with_name(SEED.name.replace(".txt", ".meta.json")), tmp_path)
    before, _ = build_dataset([SEED])
    after, _ = build_dataset([copy])
    doc_id = SEED.stem
    old, new = _triples(before, doc_id), _triples(after, doc_id)
    old_entries = {e for e in before.subjects(KG.inDocument, None)}
    new_entries = {e for e in after.subjects(KG.inDocument, None)}
    assert old_entries < new_entries
    (added,) = new_entries - old_entries
    assert str(added).endswith("/entry/e0021")
    assert "Ed Davey" in str(after.value(added, SDO.articleBody))
    for entry in old_entries:
        assert after.value(entry, SDO.articleBody) == before.value(entry, SDO.articleBody)
    kept = {t for t in _without_build(old, before) if t[1] not in POSITIONAL}
    assert kept <= new, sorted(map(str, list(kept - new)[:5]))
    assert len(new) > len(old)
    # every fact of the new graph, old or new, names the one new build, which used the document
    (old_build,), (new_build,) = set(before.subjects(RDF.type, PROV.Activity)), set(after.subjects(RDF.type, PROV.Activity))
    assert old_build != new_build
    assert {o for s, p, o in new if p == PROV.wasGeneratedBy} == {new_build}
    assert (new_build, PROV.used, mapping.document_iri(base_iri(), doc_id)) in new


def test_a_second_document_leaves_the_first_graph_alone(nlp) -> None:
    ds, _ = build_dataset([SEED])
    first = _triples(ds, SEED.stem)
    second = DEV / "dev1_guardian_pmqs.txt"
    build_dataset([second], dataset=ds)
    assert _triples(ds, SEED.stem) == first
    assert len(_triples(ds, "dev1_guardian_pmqs")) > 50
    build_dataset([SEED], dataset=ds)            # rebuilding a document replaces exactly its graph
    assert _triples(ds, SEED.stem) == first


def test_the_same_person_in_two_documents_is_one_node(tmp_path: Path, nlp) -> None:
    a = tmp_path / "blog_a.txt"
    b = tmp_path / "blog_b.jsonl"
    a.write_text("Cooper sets out plans\nYvette Cooper told MPs the panel would start in spring.\nShare\n",
                 encoding="utf-8")
    b.write_text('{"text": "Yvette Cooper said the home office would publish the figures."}\n',
                 encoding="utf-8")
    ds, report = build_dataset([a, b])
    assert report.documents == ["blog_a", "blog_b"]
    people = set(ds.subjects(RDFS.label, Literal("Yvette Cooper")))
    assert len(people) == 1
    (person,) = people
    mentioning = {str(d) for e in ds.subjects(SDO.mentions, person) for d in ds.objects(e, KG.inDocument)}
    assert len(mentioning) == 2
    g = Graph().parse(data=serialize(ds, "turtle"), format="turtle")
    assert len(set(g.subjects(RDFS.label, Literal("Yvette Cooper")))) == 1
