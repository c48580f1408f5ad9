"""Presented words: 'This is from X', 'Here's X', embedded posts -> X's direct statements."""
from __future__ import annotations

import pytest

from tests.conftest import doc_from_texts


def _rows(*texts):
    from kg.pipeline import extract_document
    facts = extract_document(doc_from_texts(*texts))
    names = {k: e.name for k, e in facts.entities.items()}
    return [(names.get(s.speaker, s.speaker), s.text, s.kind) for s in facts.statements]


def _by(rows, speaker, words):
    return [r for r in rows if r[0] == speaker and words in r[1]]


@pytest.mark.parametrize("intro", [
    "This is from Jane Doe, the Daily Widget's political editor, with her reading of the vote.",
    "Here's Jane Doe, the chair of the widgets committee.",
    "From the Daily Widget's political editor, Jane Doe",
    "Here is the complete text of Jane Doe's speech to the conference.",
])
def test_presenter_lines_hand_the_next_paragraphs_over(intro):
    rows = _rows(f"{intro}\nThe widget levy will not survive the summer recess in its present form.\n"
                 "Ministers are now looking for a way out before the autumn budget.")
    said = _by(rows, "Jane Doe", "widget levy will not survive")
    assert said and said[0][2] == "direct", rows
    assert "way out before the autumn budget" in said[0][1], rows      # one presented text, one statement
    assert not _by(rows, "Jane Doe", intro[:20]), rows                  # the introduction is not hers


def test_an_embedded_post_runs_from_its_name_line_to_its_date_line():
    rows = _rows("John Smith, the party's treasurer, has weighed in.\nJohn Smith MP\n"
                 "Very sad to see the widget plant close today. Hundreds of jobs lost.\nMarch 3, 2024\n"
                 "Meanwhile, the council has said nothing about the closure for three days now.")
    assert _by(rows, "John Smith", "widget plant close"), rows
    assert not [r for r in rows if "council has said nothing" in r[1]], rows


def test_words_given_to_someone_else_stay_out_of_the_presented_text():
    rows = _rows("This is from Jane Doe, the paper's political editor.\n"
                 "Around forty rebels have signed the widget amendment. Their leaders say more will follow.\n"
                 "“Colleagues are in despair,” one Labour MP tells me. It feels like the bill will pass.")
    assert _by(rows, "Jane Doe", "forty rebels have signed"), rows
    assert _by(rows, "Jane Doe", "bill will pass"), rows
    assert not [r for r in rows if "more will follow" in r[1] or "despair" in r[1]], rows


@pytest.mark.parametrize("text", [
    "Here are the key points from the debate.\nThe widget levy will rise by two pence next April.",
    "From Monday, the widget levy rises.\nThe widget levy will rise by two pence next April.",
    "Here is the main passage of Jane Doe's speech. She set out her plan.\n"
    "Effectively, she was rewriting the widget policy of her party.",
])
def test_no_presenter_no_presented_words(text):
    rows = _rows(text)
    assert not [r for r in rows if "two pence" in r[1] or "rewriting" in r[1]], rows
