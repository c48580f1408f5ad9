"""The ontology and the shapes: parse, cover every term kg writes, and actually constrain."""
from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, XSD

from kg.export import union_graph
from kg.rdf.namespace import KG, KG_NS, SDO

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "kg.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES)


def validate(graph: Graph, shapes: Graph) -> tuple[bool, str]:
    ok, _, text = pyshacl.validate(graph, shacl_graph=shapes, inference="none")
    return ok, text


def test_every_namespace_term_is_defined_in_the_ontology(ontology):
    terms = [name for name in KG.__annotations__]
    missing = [t for t in terms if (URIRef(KG_NS + t), None, None) not in ontology]
    assert not missing, f"terms used by kg but not in ontology/kg.ttl: {missing}"


def test_every_ontology_term_is_known_to_the_closed_namespace(ontology):
    defined = {str(s)[len(KG_NS):] for s in ontology.subjects() if str(s).startswith(KG_NS)}
    assert defined <= set(KG.__annotations__), defined - set(KG.__annotations__)


def test_closed_namespace_rejects_a_misspelt_term():
    with pytest.raises(AttributeError):
        KG.speakr  # noqa: B018


def test_classes_align_to_standard_vocabularies(ontology):
    from rdflib.namespace import RDFS
    assert (KG.Person, RDFS.subClassOf, SDO.Person) in ontology
    assert (KG.Party, RDFS.subClassOf, SDO.PoliticalParty) in ontology
    assert (KG.Membership, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Membership")) in ontology
    assert (KG.Entry, RDF.type, OWL.Class) in ontology


def test_seed_graph_conforms_to_shapes(seed_graph, shapes):
    ok, text = validate(union_graph(seed_graph), shapes)
    assert ok, text


def test_shapes_reject_an_entry_time_without_time_zone(seed_graph, shapes):
    g = union_graph(seed_graph)
    entry = next(g.subjects(RDF.type, KG.Entry))
    g.remove((entry, SDO.datePublished, None))
    g.add((entry, SDO.datePublished, Literal("2025-01-06T18:27:00", datatype=XSD.dateTime)))
    ok, text = validate(g, shapes)
    assert not ok and "time zone" in text


def test_shapes_reject_a_statement_without_speaker(seed_graph, shapes):
    g = union_graph(seed_graph)
    entry = next(g.subjects(RDF.type, KG.Entry))
    s = URIRef("https://kg.example.org/id/doc/x/statement/bad")
    g.add((s, RDF.type, KG.Statement))
    g.add((s, SDO.text, Literal("words")))
    g.add((s, KG.kind, KG.direct))
    g.add((s, KG.inEntry, entry))
    ok, _ = validate(g, shapes)
    assert not ok


def test_statement_kinds_are_concepts_of_the_scheme(seed_graph, ontology):
    from rdflib.namespace import SKOS
    kinds = set(union_graph(seed_graph).objects(None, KG.kind))
    assert kinds == {KG.direct, KG.indirect}
    for kind in kinds:
        assert (kind, RDF.type, SKOS.Concept) in ontology
        assert (kind, SKOS.inScheme, KG.statementKinds) in ontology
        assert ontology.value(kind, SKOS.prefLabel).value == str(kind).rsplit("#", 1)[-1]
    assert (KG.statementKinds, RDF.type, SKOS.ConceptScheme) in ontology


def test_shapes_reject_a_statement_kind_given_as_a_string(seed_graph, shapes):
    g = union_graph(seed_graph)
    s = next(g.subjects(KG.kind, KG.direct))
    g.set((s, KG.kind, Literal("direct")))
    ok, _ = validate(g, shapes)
    assert not ok


def test_post_holdings_are_org_memberships_of_a_post_with_its_role(seed_graph):
    from rdflib.namespace import SKOS
    org = "http://www.w3.org/ns/org#"
    g = union_graph(seed_graph)
    holdings = [m for m in g.subjects(RDF.type, URIRef(org + "Membership")) if (m, RDF.type, KG.Membership) not in g]
    assert len(holdings) > 5
    for h in holdings:
        person, post, role = (g.value(h, URIRef(org + p)) for p in ("member", "organization", "role"))
        assert (post, RDF.type, KG.Post) in g and (post, RDF.type, URIRef(org + "Post")) in g
        assert (person, URIRef(org + "holds"), post) in g and (post, URIRef(org + "heldBy"), person) in g
        assert (post, URIRef(org + "role"), role) in g and g.value(role, SKOS.prefLabel) is not None
        assert g.value(h, KG.inEntry) is not None
    assert not list(g.triples((None, RDF.type, URIRef(KG_NS + "PostHolding"))))


def test_shapes_reject_a_post_holding_without_its_role(seed_graph, shapes):
    org = "http://www.w3.org/ns/org#"
    g = union_graph(seed_graph)
    h = next(m for m in g.subjects(RDF.type, URIRef(org + "Membership")) if (m, RDF.type, KG.Membership) not in g)
    g.remove((h, URIRef(org + "role"), None))
    ok, _ = validate(g, shapes)
    assert not ok


def test_shapes_reject_a_party_membership_with_a_post_for_party(seed_graph, shapes):
    org = "http://www.w3.org/ns/org#"
    g = union_graph(seed_graph)
    m = next(g.subjects(RDF.type, KG.Membership))
    g.set((m, URIRef(org + "organization"), next(g.subjects(RDF.type, KG.Post))))
    ok, _ = validate(g, shapes)
    assert not ok
