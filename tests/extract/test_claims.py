"""Claims: tables of invented sentences -> (subject, predicate, object) found."""
from __future__ import annotations

import pytest

from kg.facts import CLAIM_PREDICATES
from tests.conftest import doc_from_texts


def _claims(*texts):
    from kg.pipeline import extract_document
    facts = extract_document(doc_from_texts(*texts))
    names = {k: e.name for k, e in facts.entities.items()}
    return [(names.get(c.subject, c.subject), c.predicate, names.get(c.object, "") or c.object_text, c)
            for c in facts.claims]


def _has(rows, subj: str, pred: str, obj: str) -> bool:
    return any(subj in s and p == pred and obj.lower() in o.lower() for s, p, o, _ in rows)


@pytest.mark.parametrize("text,subj,pred,obj", [
    ("Jane Doe turned down demands for a new inquiry into widget safety.", "Jane Doe", "opposes",
     "inquiry into widget safety"),
    ("John Smith called for a national inquiry into widget fraud.", "John Smith", "proposes",
     "national inquiry into widget fraud"),
    ("John Smith accused Jane Doe of hiding the widget figures.", "John Smith", "criticises", "Jane Doe"),
    ("Jane Doe thanked John Smith for his work on the widget review.", "Jane Doe", "praises", "John Smith"),
    ("John Smith has referred himself to the standards commissioner.", "John Smith", "refers",
     "standards commissioner"),
    ("Mary Jones, who leads the independent review of widget safety, will report in May.", "Mary Jones",
     "leads", "independent review of widget safety"),
    ("Peter Brown threatened to force a vote on the widget levy.", "Peter Brown", "threatens",
     "force a vote on the widget levy"),
    ("Jane Doe backs the Widget Bill.", "Jane Doe", "supports", "Widget Bill"),
])
def test_claim_patterns(nlp, text, subj, pred, obj):
    rows = _claims(text)
    assert _has(rows, subj, pred, obj), rows


def test_passive_leads(nlp):
    rows = _claims("The Widget Inquiry is chaired by Sir Peter Brown, a retired judge.")
    assert any(p == "leads" and "Peter Brown" in s for s, p, _, _ in rows), rows


def test_all_predicates_are_in_the_closed_set(nlp):
    rows = _claims("Jane Doe accused John Smith of lying and called for a review of widget rules.")
    assert rows and all(p in CLAIM_PREDICATES for _, p, _, _ in rows)


def test_no_claim_from_a_question(nlp):
    rows = _claims("Will Jane Doe back the Widget Bill?")
    assert not rows


def test_evidence_is_verbatim(nlp):
    text = "John Smith accused Jane Doe of hiding the widget figures."
    rows = _claims(text)
    c = next(c for s, p, _, c in rows if p == "criticises")
    assert c.evidence in text and c.prov.extractor == "kg.claims.v1"
