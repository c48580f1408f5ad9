"""The vocabulary guide: generated from the ontology, current, and every example query answers."""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import OWL, RDF

from kg.queries import run_query
from kg.rdf.namespace import KG_NS

from .conftest import ROOT

EXAMPLES = sorted((ROOT / "docs" / "examples").glob("*.rq"))
GUIDE = ROOT / "docs" / "vocabulary.md"


def _make_vocab():
    spec = importlib.util.spec_from_file_location("make_vocab", ROOT / "docs" / "make_vocab.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ROOT / "ontology" / "kg.ttl")


def test_the_guide_is_generated_from_the_current_ontology_and_examples():
    assert GUIDE.read_text(encoding="utf-8") == _make_vocab().render(), "docs/vocabulary.md is stale: run 'make docs'"


def test_the_guide_names_every_term_of_the_ontology(ontology):
    text = GUIDE.read_text(encoding="utf-8")
    terms = {str(s)[len(KG_NS):] for s in ontology.subjects() if str(s).startswith(KG_NS)}
    assert len(terms) > 50
    missing = sorted(t for t in terms if f"`kg:{t}`" not in text)
    assert not missing, missing


def test_every_class_has_an_example_query(ontology):
    classes = {str(c)[len(KG_NS):] for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(KG_NS)}
    assert len(classes) >= 12
    have = {p.stem for p in EXAMPLES}
    assert classes <= have, sorted(classes - have)
    text = GUIDE.read_text(encoding="utf-8")
    for name in classes:                     # each shown under its class
        assert re.search(rf"### `kg:{name}`[^#]*?Example \(`docs/examples/{name}\.rq`\)", text, re.S), name


@pytest.fixture(scope="module")
def rdflib_seed(seed_graph) -> Dataset:
    """The seed's build copied into rdflib's own store: the examples must not lean on Oxigraph."""
    from kg.export import serialize
    ds = Dataset(default_union=True)
    ds.parse(data=serialize(seed_graph, "trig"), format="trig")
    return ds


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_each_example_answers_on_the_seed(example: Path, seed_graph, rdflib_seed):
    sparql = example.read_text(encoding="utf-8")
    assert sparql.startswith("# "), "an example opens with the question it answers"
    assert "PREFIX kg:" in sparql, "an example declares its prefixes, to run on any endpoint"
    for graph in (seed_graph, rdflib_seed):
        rows = list(run_query(graph, sparql))
        assert rows, f"{example.name} returns no rows on {type(graph.store).__name__}"
        assert any(value is not None for value in rows[0]), example.name


def test_examples_use_only_terms_the_ontology_defines(ontology):
    for example in EXAMPLES:
        for name in re.findall(r"\bkg:([A-Za-z]\w*)", example.read_text(encoding="utf-8")):
            assert (URIRef(KG_NS + name), None, None) in ontology, f"{example.name}: kg:{name}"
