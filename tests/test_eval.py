"""The scorer on small hand-built graph/gold pairs with known scores."""
from __future__ import annotations

import pytest
from rdflib import Dataset

from kg.entries import Document, Entry
from kg.eval import norm_name, norm_text, score
from kg.facts import Claim, Entity, Membership, Provenance, RoleHolding, Span, Statement
from kg.rdf import mapping

BASE = "https://kg.example.org/id/"
DOC = Document(id="d", entries=[Entry(id="e0001", ordinal=1, position=0, text="x" * 200)])


def prov(a=0, b=10):
    return Provenance("e0001", Span(a, b), "test", 1.0)


def graph_of(entities=(), memberships=(), roles=(), statements=(), claims=()) -> Dataset:
    ds = Dataset(default_union=True)
    g = ds.graph(mapping.graph_iri(BASE, "d"))
    triples = [*mapping.document_triples(DOC, BASE), *mapping.entry_triples(DOC, DOC.entries[0], BASE)]
    for e in entities:
        triples += mapping.entity_triples(e, DOC, BASE)
    for m in memberships:
        triples += mapping.membership_triples(m, DOC, BASE)
    for r in roles:
        triples += mapping.role_triples(r, DOC, BASE)
    for s in statements:
        triples += mapping.statement_triples(s, DOC, BASE)
    for c in claims:
        triples += mapping.claim_triples(c, DOC, BASE)
    for t in triples:
        g.add(t)
    return ds


def ent(key, type_, name, *aliases):
    return Entity(key=key, type=type_, name=name, aliases=set(aliases))


JANE = ent("person/jane-doe", "Person", "Jane Doe", "Doe", "the widget secretary")
JANE_DUP = ent("person/d/doe", "Person", "Doe")
GREENS = ent("party/green-party", "Party", "Green Party", "Greens")
TOWN = ent("place/springfield", "Place", "Springfield")


def gold(**kw):
    base = {"entities": [{"type": "Person", "name": "Jane Doe", "aliases": ["Ms Doe"]},
                         {"type": "Party", "name": "Green Party", "aliases": ["Greens"]},
                         {"type": "Person", "name": "John Roe", "aliases": []}],
            "memberships": [], "roles": [], "statements": [], "claims": []}
    base.update(kw)
    return base


def test_norms_follow_the_schema():
    assert norm_name("The Sir Jane Doe's") == "jane doe"
    assert norm_name("Prof Alan Smithee") == "alan smithee"
    assert norm_text("“Hello,”  she’s   said") == "hello, she's said"


def test_entities_duplicate_node_counts_once_found_once_spurious():
    r = score(gold(), graph_of([JANE, JANE_DUP, GREENS, TOWN]))["entities"]
    # gold: 3 (Jane found, Greens found, John missed); graph: 4 nodes, 2 correct
    assert (r.tp_gold, r.n_gold, r.tp_pred, r.n_pred) == (2, 3, 2, 4)
    assert r.precision == pytest.approx(0.5) and r.recall == pytest.approx(2 / 3)
    assert r.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert "Person: John Roe" in r.missed
    assert sorted(r.spurious) == ["Person: Doe", "Place: Springfield"]


def test_entities_by_type():
    r = score(gold(), graph_of([JANE, GREENS]))["entities"].extra["by_type"]
    assert r["Party"].f1 == 1.0
    assert r["Person"].recall == 0.5


def test_memberships_and_roles_with_constituency():
    g = graph_of([JANE, GREENS, TOWN],
                 memberships=[Membership("person/jane-doe", "party/green-party", prov())],
                 roles=[RoleHolding("person/jane-doe", "MP", prov(), constituency="place/springfield"),
                        RoleHolding("person/jane-doe", "Widget Secretary", prov())])
    gd = gold(memberships=[{"person": "Jane Doe", "party": "Green Party"},
                           {"person": "John Roe", "party": "Green Party"}],
              roles=[{"person": "Jane Doe", "role": "MP", "constituency": "Springfield"},
                     {"person": "Jane Doe", "role": "the widget secretary"}])
    gd["entities"].append({"type": "Place", "name": "Springfield", "aliases": []})
    r = score(gd, g)
    assert (r["memberships"].precision, r["memberships"].recall) == (1.0, 0.5)
    assert (r["roles"].precision, r["roles"].recall) == (1.0, 1.0)


def test_role_with_wrong_constituency_does_not_match():
    other = ent("place/shelbyville", "Place", "Shelbyville")
    g = graph_of([JANE, other], roles=[RoleHolding("person/jane-doe", "MP", prov(), constituency="place/shelbyville")])
    r = score(gold(roles=[{"person": "Jane Doe", "role": "MP", "constituency": "Springfield"}]), g)["roles"]
    assert r.recall == 0.0 and r.precision == 0.0


def test_statements_one_graph_statement_covers_two_gold_snippets():
    s1 = Statement("person/jane-doe", "We will build “more widgets” this year. And we will tax gadgets heavily.",
                   "direct", prov(0, 50), responds_to="person/d/doe")
    s2 = Statement("person/jane-doe", "Nothing to do with any gold item at all here.", "indirect", prov(60, 90))
    gd = gold(statements=[
        {"speaker": "Jane Doe", "kind": "direct", "snippet": "we will build \"more widgets\" this year",
         "responds_to": "Doe"},
        {"speaker": "Jane Doe", "kind": "direct", "snippet": "we will tax gadgets heavily"},
        {"speaker": "John Roe", "kind": "direct", "snippet": "this is never said by anyone"}])
    r = score(gd, graph_of([JANE, JANE_DUP], statements=[s1, s2]))["statements"]
    assert r.recall == pytest.approx(2 / 3)
    assert r.precision == pytest.approx(1 / 2)
    assert r.extra["responds_to"] == {"gold": 1, "found": 1}


def test_statement_with_wrong_speaker_is_not_found():
    s = Statement("party/green-party", "we will tax gadgets heavily", "direct", prov())
    r = score(gold(statements=[{"speaker": "Jane Doe", "kind": "direct",
                                "snippet": "we will tax gadgets heavily"}]), graph_of([JANE, GREENS], statements=[s]))
    assert r["statements"].recall == 0.0


def test_claims_match_by_object_or_evidence():
    c1 = Claim("person/jane-doe", "criticises", "Doe attacked the Greens over taxes", prov(), object="party/green-party")
    c2 = Claim("person/jane-doe", "proposes", "called for a national widget review", prov(), object_text="widget review")
    c3 = Claim("person/jane-doe", "supports", "unrelated", prov(), object_text="something else")
    gd = gold(claims=[
        {"subject": "Jane Doe", "predicate": "criticises", "object": "Green Party", "evidence": "x"},
        {"subject": "Jane Doe", "predicate": "proposes", "object": "national widget review",
         "evidence": "called for a national widget review"},
        {"subject": "Jane Doe", "predicate": "opposes", "object": "Green Party", "evidence": "y"}])
    r = score(gd, graph_of([JANE, GREENS], claims=[c1, c2, c3]))["claims"]
    assert r.recall == pytest.approx(2 / 3)
    assert r.precision == pytest.approx(2 / 3)


def test_empty_graph_scores_zero_recall_and_empty_gold_is_perfect():
    r = score(gold(), graph_of())
    assert r["entities"].recall == 0.0
    assert r["claims"].f1 == 1.0   # nothing to find, nothing claimed


def test_claim_with_right_evidence_but_wrong_object_counts_only_as_evidence():
    c = Claim("person/jane-doe", "criticises", "Doe attacked the Greens over taxes", prov(), object="person/d/doe")
    gd = gold(claims=[{"subject": "Jane Doe", "predicate": "criticises", "object": "Green Party",
                       "evidence": "attacked the Greens over taxes"}])
    r = score(gd, graph_of([JANE, GREENS], claims=[c]))
    assert r["claims"].recall == 0.0 and r["claims"].precision == 0.0
    assert r["claims_evidence"].recall == 1.0 and r["claims_evidence"].precision == 1.0


def test_pooled_scores_sum_counts_not_f1s():
    from kg.eval import pool

    small = score(gold(), graph_of([JANE, GREENS]))          # entities: 2 of 3 found, 2 of 2 right
    big = score(gold(), graph_of([JANE, JANE_DUP, GREENS, TOWN]))  # 2 of 3 found, 2 of 4 right
    p = pool({"a": small, "b": big})["entities"]
    assert (p.tp_gold, p.n_gold, p.tp_pred, p.n_pred) == (4, 6, 4, 6)
    assert p.precision == pytest.approx(4 / 6)
    assert "[a] Person: John Roe" in p.missed
    assert p.extra["by_type"]["Person"].n_gold == 4
