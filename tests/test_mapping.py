"""The RDF mapping at its boundary: what it refuses to write, whatever the extractors hand it."""
from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, URIRef

from kg.entries import Document, Entry
from kg.facts import Entity, Facts, Provenance, Span, Statement
from kg.pipeline import document_triples
from kg.rdf import mapping
from kg.rdf.namespace import KG

BASE = "https://kg.example.org/id/"
SHAPES = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"
TEXT = "Jane Doe said the widget review would report in May."


def _doc() -> Document:
    return Document(id="d", title="Widgets live", entries=[Entry(id="e0001", ordinal=1, position=0, text=TEXT)])


def _statement(speaker: str, responds_to: str = "") -> Statement:
    return Statement(speaker=speaker, text="the widget review would report in May", kind="indirect",
                     prov=Provenance("e0001", Span(14, 52), "kg.test.v1"), cue="say", responds_to=responds_to)


def _facts(*extra: Entity) -> Facts:
    ents = [Entity("person/jane-doe", "Person", "Jane Doe"), *extra]
    return Facts(entities={e.key: e for e in ents})


@pytest.mark.parametrize("key, kg_type", [("inquiry/widget-review", "Inquiry"), ("bill/widgets-bill", "Bill"),
                                          ("place/northtown", "Place")])
def test_a_speaker_that_is_not_an_actor_is_never_written(key, kg_type):
    facts = _facts(Entity(key, kg_type, "Widget thing"))
    facts.statements.append(_statement(key))
    triples = list(document_triples(_doc(), facts, BASE))
    assert not [t for t in triples if t[1] == KG.speaker]
    assert not [t for t in triples if t[2] == KG.Statement]
    # the same call without the document's entities reads the type from the key
    assert list(mapping.statement_triples(_statement(key), _doc(), BASE)) == []


@pytest.mark.parametrize("key, kg_type", [("person/jane-doe", "Person"), ("party/widget-party", "Party"),
                                          ("body/widget-office", "Body")])
def test_a_speaker_that_is_an_actor_is_written(key, kg_type):
    facts = _facts(Entity(key, kg_type, "Widget actor"))
    facts.statements.append(_statement(key))
    triples = list(document_triples(_doc(), facts, BASE))
    assert [o for s, p, o in triples if p == KG.speaker] == [mapping.entity_iri(BASE, key)]


def test_a_speaker_missing_from_the_entities_is_not_written():
    facts = _facts()
    facts.statements.append(_statement("person/nobody-known"))
    assert not [t for t in document_triples(_doc(), facts, BASE) if t[1] == KG.speaker]


def test_a_reply_target_that_is_not_an_actor_is_left_out_but_the_statement_stays():
    facts = _facts(Entity("bill/widgets-bill", "Bill", "Widgets Bill"), Entity("person/john-roe", "Person", "John Roe"))
    facts.statements.append(_statement("person/jane-doe", responds_to="bill/widgets-bill"))
    triples = list(document_triples(_doc(), facts, BASE))
    assert [t for t in triples if t[1] == KG.speaker]
    assert not [t for t in triples if t[1] == KG.respondsTo]
    facts.statements[0] = _statement("person/jane-doe", responds_to="person/john-roe")
    assert [o for s, p, o in document_triples(_doc(), facts, BASE) if p == KG.respondsTo] == [
        mapping.entity_iri(BASE, "person/john-roe")]


def test_the_shapes_refuse_an_inquiry_as_speaker():
    """The shapes and kg:speaker's range agree: an inquiry speaker written by hand fails validation."""
    facts = _facts(Entity("inquiry/widget-review", "Inquiry", "Widget review"))
    facts.statements.append(_statement("person/jane-doe"))
    g = Graph()
    for t in document_triples(_doc(), facts, BASE):
        g.add(t)
    shapes = Graph().parse(SHAPES)
    ok, _, text = pyshacl.validate(g, shacl_graph=shapes, inference="none")
    assert ok, text
    (node,) = g.subjects(KG.speaker, None)
    g.set((node, KG.speaker, URIRef(mapping.entity_iri(BASE, "inquiry/widget-review"))))
    ok, _, text = pyshacl.validate(g, shacl_graph=shapes, inference="none")
    assert not ok and "speaker is an actor" in text
