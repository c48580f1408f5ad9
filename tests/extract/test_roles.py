"""Posts and party memberships, on invented sentences (never seed or dev text)."""
import pytest

from tests.conftest import doc_from_texts


def _facts(nlp, *texts):
    from kg.pipeline import extract_document
    doc = doc_from_texts(*texts)
    return extract_document(doc, parsed=[nlp(e.text) for e in doc.entries])


def _roles(f):
    name = {k: e.name for k, e in f.entities.items()}
    return {(name[r.person], r.role, name.get(r.constituency, "")) for r in f.roles}


def _members(f):
    name = {k: e.name for k, e in f.entities.items()}
    return {(name[m.person], name[m.party]) for m in f.memberships}


@pytest.mark.parametrize("text, person, role, place", [
    ("Jane Fairweather, the shadow home secretary, said the plan would fail.", "Jane Fairweather",
     "Shadow Home Secretary", ""),
    ("The health secretary, Tom Widgeon, said the plan would work.", "Tom Widgeon", "Health Secretary", ""),
    ("Labour MP Ann Gadgetry (Widgetford) said the plan would work.", "Ann Gadgetry", "MP", "Widgetford"),
    ("Ann Gadgetry, Conservative MP for Widgetford North, said no.", "Ann Gadgetry", "MP", "Widgetford North"),
    ("Liberal Democrat home affairs spokeswoman Ann Gadgetry said no.", "Ann Gadgetry",
     "Home Affairs Spokeswoman", ""),
    ("The SNP's deputy leader, Tom Widgeon, said no.", "Tom Widgeon", "Deputy Leader of SNP", ""),
    ("Tom Widgeon, the Plaid Cymru co-leader, said no.", "Tom Widgeon", "Plaid Cymru Co-Leader", ""),
    ("The chair of the widgets committee, Ann Gadgetry, said no.", "Ann Gadgetry",
     "Chair of the Widgets Committee", ""),
    ("Ann Gadgetry, the chief inspector of widgets, said no.", "Ann Gadgetry", "Chief Inspector of Widgets", ""),
    ("Tom Widgeon, who was acting deputy PM, said no.", "Tom Widgeon", "Acting Deputy PM", ""),
    ("Ann Gadgetry, the City and anti-fraud minister, said no.", "Ann Gadgetry", "City and Anti-Fraud Minister", ""),
])
def test_role_patterns(nlp, text, person, role, place):
    assert (person, role, place) in _roles(_facts(nlp, text))


@pytest.mark.parametrize("text, person, party", [
    ("Labour MP Ann Gadgetry said no.", "Ann Gadgetry", "Labour Party"),
    ("Conservative former minister Tom Widgeon said no.", "Tom Widgeon", "Conservative Party"),
    ("Ann Gadgetry (LD) asked about widgets.", "Ann Gadgetry", "Liberal Democrats"),
    ("Tom Widgeon, the Lib Dem justice spokesperson, said no.", "Tom Widgeon", "Liberal Democrats"),
    ("Widgets were praised by Tom Widgeon after the Tory politician visited.", "Tom Widgeon", "Conservative Party"),
])
def test_memberships(nlp, text, person, party):
    assert (person, party) in _members(_facts(nlp, text))


def test_no_role_for_a_vague_description(nlp):
    f = _facts(nlp, "Ann Gadgetry, a Labour minister, said no.")
    assert ("Ann Gadgetry", "Labour Party") in _members(f)
    assert not f.roles


def test_role_description_resolves_and_is_an_alias(nlp):
    f = _facts(nlp, "Ann Gadgetry said the widget plan was sound. The home secretary added that it would work.")
    assert ("Ann Gadgetry", "Home Secretary", "") in _roles(f)
    ent = next(e for e in f.entities.values() if e.name == "Ann Gadgetry")
    assert "the home secretary" in {a.lower() for a in ent.aliases}


def test_explicit_holder_wins_the_description(nlp):
    f = _facts(nlp, "The chancellor, Tom Widgeon, spoke. Ann Gadgetry replied. The chancellor said no.")
    assert ("Tom Widgeon", "Chancellor", "") in _roles(f)
    assert not any(r[0] == "Ann Gadgetry" for r in _roles(f))


def test_pronoun_gender(nlp):
    f = _facts(nlp, "Tom Widgeon spoke to MPs. He said the plan would work.")
    assert next(e for e in f.entities.values() if e.name == "Tom Widgeon").gender == "m"


def test_provenance(nlp):
    from kg.extract.roles import EXTRACTOR
    f = _facts(nlp, "Labour MP Ann Gadgetry said no.")
    for fact in [*f.roles, *f.memberships]:
        assert fact.prov.extractor == EXTRACTOR and fact.prov.entry_id == "e0001"
        assert fact.prov.span.end > fact.prov.span.start


@pytest.mark.parametrize("text", ["Bob Quillfeather, the home secretary's special adviser, said no.",
                                  "Bob Quillfeather, the home secretary\u2019s special adviser, said no."])
def test_a_possessive_office_is_someone_elses(nlp, text):
    """'X, the home secretary's adviser': X is not the home secretary, and is not named so."""
    f = _facts(nlp, text)
    assert not any(r[0] == "Bob Quillfeather" for r in _roles(f))
    ent = next(e for e in f.entities.values() if e.name == "Bob Quillfeather")
    assert "the home secretary" not in {a.lower() for a in ent.aliases}
