"""Exports: every RDF format round-trips (rdflib isomorphic, pyoxigraph parses), network and tables."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.export import EXPORT_FORMATS, RDF_FORMATS, actor_network, export_data, serialize
from tests.test_queries import toy_dataset, toy_graphs

QUAD_FORMATS = ["nq", "trig", "jsonld"]
TRIPLE_FORMATS = ["turtle", "nt", "xml"]


@pytest.fixture(scope="module", params=["rdflib", "memory", "oxigraph"])
def source(request, tmp_path_factory):
    """The toy graph on each store: rdflib's memory store, Oxigraph in RAM, Oxigraph on disk."""
    spec = request.param if request.param != "oxigraph" else f"oxigraph:{tmp_path_factory.mktemp('ox') / 'store'}"
    return toy_dataset(spec)


def union(ds) -> Graph:
    g = Graph()
    for t in ds.triples((None, None, None)):
        g.add(t)
    return g


def graphs_of(ds) -> dict[str, Graph]:
    """The non-empty named graphs (on Oxigraph the default graph is kg's copy of their union)."""
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    out = {}
    for g in ds.graphs():
        if len(g) and g.identifier != DATASET_DEFAULT_GRAPH_ID:
            copy = Graph()
            for t in g:
                copy.add(t)
            out[str(g.identifier)] = copy
    return out


@pytest.mark.parametrize("fmt", TRIPLE_FORMATS)
def test_triple_formats_round_trip(source, fmt):
    reference = union(toy_dataset())
    data = serialize(source, fmt)
    back = Graph().parse(data=data, format=RDF_FORMATS[fmt][0])
    assert len(back) == len(reference) and isomorphic(back, reference)
    _parses_with_pyoxigraph(data, fmt, len(reference))


@pytest.mark.parametrize("fmt", QUAD_FORMATS)
def test_quad_formats_keep_named_graphs(source, fmt):
    reference = graphs_of(toy_dataset())
    data = serialize(source, fmt)
    back = Dataset()
    back.parse(data=data, format=RDF_FORMATS[fmt][0])
    got = graphs_of(back)
    assert set(got) == set(reference)
    for name in reference:
        assert isomorphic(got[name], reference[name]), name
    _parses_with_pyoxigraph(data, fmt, sum(len(g) for g in reference.values()))


def _parses_with_pyoxigraph(data: str, fmt: str, n: int) -> None:
    import pyoxigraph as ox

    ox_fmt = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML,
              "nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD}[fmt]
    assert len(list(ox.parse(data.encode("utf-8"), format=ox_fmt))) == n


def test_jsonld_uses_compact_context():
    data = json.loads(serialize(toy_dataset(), "jsonld"))
    assert data["@context"]["kg"] == "https://kg.example.org/ns#"
    assert data["@context"]["schema"] == "http://schema.org/"
    text = json.dumps(data)
    assert '"kg:speaker"' in text and "https://kg.example.org/ns#speaker" not in text


def test_seed_round_trips(seed_graph):
    for fmt in ("turtle", "trig"):
        data = serialize(seed_graph, fmt)
        if fmt == "turtle":
            assert isomorphic(Graph().parse(data=data, format="turtle"), union(seed_graph))
        else:
            back = Dataset()
            back.parse(data=data, format="trig")
            assert graphs_of(back).keys() == graphs_of(seed_graph).keys()


def test_actor_network_graphml_and_gexf(tmp_path):
    import networkx as nx

    ds = toy_dataset()
    g = actor_network(ds)
    cooper = "https://kg.example.org/id/person/yvette-cooper"
    assert g.nodes[cooper]["label"] == "Yvette Cooper" and g.nodes[cooper]["kind"] == "Person"
    assert g.nodes[cooper]["mentions"] == 3
    rels = {(g.nodes[a]["label"], g.nodes[b]["label"], k) for a, b, k in g.edges(keys=True)}
    assert ("Yvette Cooper", "Labour Party", "member of") in rels
    assert ("Chris Philp", "Yvette Cooper", "criticises") in rels
    assert ("Chris Philp", "Yvette Cooper", "responds to") in rels
    assert ("Yvette Cooper", "Home Office", "holds a post in") in rels
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = tmp_path / f"net.{fmt}"
        path.write_text(export_data(ds, fmt), encoding="utf-8")
        back = read(path)
        assert back.number_of_nodes() == g.number_of_nodes()
        assert back.number_of_edges() == g.number_of_edges()


def test_csv_tables():
    ds = toy_dataset()
    rows = list(csv.DictReader(io.StringIO(export_data(ds, "statements-csv"))))
    assert len(rows) == 3
    philp = next(r for r in rows if r["speaker"] == "Chris Philp")
    assert philp["respondsTo"] == "Yvette Cooper" and philp["kind"] == "indirect" and philp["cue"] == "say"
    assert philp["time"].startswith("2025-01-06T10") and philp["extractor"] == "test.v1"   # updated only
    assert sorted(r["time"][:13] for r in rows if r["speaker"] == "Yvette Cooper") == [
        "2025-01-06T09", "2025-01-07T15"]           # published and updated: the published time, one row
    members = list(csv.DictReader(io.StringIO(export_data(ds, "memberships-csv"))))
    assert {(r["person"], r["party"]) for r in members} == {("Yvette Cooper", "Labour Party"),
                                                          ("Chris Philp", "Conservative Party")}


def test_cli_export_choices_match_library():
    from kg.cli import EXPORT_CHOICES

    assert tuple(EXPORT_CHOICES) == EXPORT_FORMATS


def test_cli_export_to_file(tmp_path):
    trig = tmp_path / "g.trig"
    trig.write_text(serialize(toy_dataset(), "trig"), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "kg", "export", "--to", "gexf", "--graph", str(trig),
                          "-o", str(tmp_path / "net.gexf")], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "<gexf" in (tmp_path / "net.gexf").read_text()
    out = subprocess.run([sys.executable, "-m", "kg", "export", "--to", "nq", "--graph", str(trig)],
                         capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.count("\n") == sum(1 for _ in toy_dataset().quads())


def test_triples_shared_by_documents_are_written_once(source, tmp_path):
    """A triple two documents state (an actor's label) is in the union, and so in a triples
    file, once; every other triple too, whichever store holds the graphs."""
    from kg.export import write_rdf

    per_graph = [set(ts) for _, ts in toy_graphs()]
    shared = set.intersection(*per_graph[:2]) if len(per_graph) > 1 else set()
    assert shared, "the toy documents must share a triple for this test to mean anything"
    path = write_rdf(source, tmp_path / "g.nt", "nt")
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert len(lines) == len(set(lines)) == len(set().union(*per_graph))
