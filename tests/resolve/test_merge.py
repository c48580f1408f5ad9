"""Resolution rules, each on hand-built mentions of invented people and bodies."""
import pytest

from kg.facts import Mention, Provenance, Span
from kg.resolve.merge import entity_key, initials_match, near_miss, resolve_mentions, short_form_of


def _m(text, kg_type="Person", entry="e0001", start=0, label="PERSON"):
    return Mention(text=text, type=kg_type, source_label=label,
                   prov=Provenance(entry, Span(start, start + len(text)), "test", 1.0))


def _one(res, kg_type):
    ents = res.by_type(kg_type)
    assert len(ents) == 1, [e.name for e in ents]
    return ents[0]


def _rules(ent):
    return {r for r, _ in ent.merges}


@pytest.mark.parametrize("forms, rule", [
    (["Jane Doe", "Doe"], "surname"),
    (["Jane Doe", "Ms Doe"], "surname"),
    (["Jane Doe", "Doe's"], "surname"),
    (["Jane Doe", "Deo"], None),                      # too short for a near miss: stays apart
    (["Jane Fairweather", "Fairwether"], "near-miss"),
    (["Jane Fairweather", "Jane Fairwether"], "near-miss"),
])
def test_person_rules(forms, rule):
    res = resolve_mentions([_m(f, start=i * 20) for i, f in enumerate(forms)], "d")
    if rule is None:
        assert len(res.by_type("Person")) == 2
    else:
        ent = _one(res, "Person")
        assert ent.name == forms[0] and rule in _rules(ent)


def test_near_miss_needs_a_unique_candidate():
    res = resolve_mentions([_m("Jane Harding"), _m("John Hardina", start=20), _m("Hardin", start=40)], "d")
    assert len(res.by_type("Person")) == 3


def test_org_that_is_a_surname_is_the_person():
    res = resolve_mentions([_m("Jane Doe"), _m("Doe", "Body", start=20, label="ORG")], "d")
    ent = _one(res, "Person")
    assert "retype-surname" in _rules(ent)
    assert not res.by_type("Body")


def test_honorific_sets_gender():
    res = resolve_mentions([_m("Jane Doe"), _m("Ms Doe", start=20)], "d")
    assert _one(res, "Person").gender == "f"


@pytest.mark.parametrize("forms", [
    ["Office for Widget Standards", "OWS"],
    ["Ministry of Widgets", "MoW"],
])
def test_acronym(forms):
    res = resolve_mentions([_m(f, "Body", start=i * 40, label="ORG") for i, f in enumerate(forms)], "d")
    ent = _one(res, "Body")
    assert ent.name == forms[0] and "acronym" in _rules(ent)


@pytest.mark.parametrize("full, short", [
    ("Widget Safety (Amendment) Bill", "widget safety bill"),
    ("Widgets and Gadgets Bill", "widgets and gadgets bill"),
    ("Coastal Widgeting (Resilience) Bill", "widget bill"),
])
def test_bill_short_forms_merge(full, short):
    res = resolve_mentions([_m(full, "Bill", label="pattern:bill"), _m(short, "Bill", start=50, label="pattern:bill")], "d")
    assert _one(res, "Bill").name == full


def test_lexicon_bodies_share_one_node():
    res = resolve_mentions([_m("Commons", "Body", label="lexicon"), _m("House of Commons", "Body", start=20, label="ORG")], "d")
    assert _one(res, "Body").name == "House of Commons"


def test_prison_short_name():
    res = resolve_mentions([_m("HMP Widgetby", "Body", label="pattern:prison"), _m("Widgetby", "Body", start=30, label="ORG")], "d")
    assert _one(res, "Body").name == "HMP Widgetby"


def test_role_alias_lookup():
    res = resolve_mentions([_m("Jane Doe")], "d")
    key = res.lookup("Jane Doe", "Person")
    res.add_alias(key, "the widget secretary", "role-apposition")
    assert res.lookup("the widget secretary") == key
    assert ("role-apposition", "the widget secretary") in res.entities[key].merges


def test_bare_surnames_are_scoped_to_their_document():
    assert entity_key("Person", "Doe", "doc1") != entity_key("Person", "Doe", "doc2")
    assert entity_key("Person", "Jane Doe", "doc1") == entity_key("Person", "Jane Doe", "doc2")


def test_helpers():
    assert near_miss("fairweather", "fairwether") and not near_miss("doe", "deo")
    assert initials_match("IIWS", "Independent Inquiry into Widget Safety")
    assert short_form_of("the gadgets bill", "Gadgets (Safety) Bill")
    assert not short_form_of("the gadgets bill", "Widgets Bill")
