"""Statements, one stage at a time (cues, source, content, attribution, replies, merging).

Each test runs a single stage of :mod:`kg.extract.statements` on one invented entry (or on
drafts made by hand), so a failure points at the stage that broke, not at the pipeline.
"""
from __future__ import annotations

import pytest

from kg.extract.statements import merge_drafts, open_entry, speaker_finder
from kg.extract.statements import attribution, content, cues, replies, source
from kg.extract.statements.state import Draft

JANE = "person/jane-doe"
TOM = "person/tom-brindle"


def _state(nlp, text: str, counsel: str | None = None, **fields):
    """The state of a one-entry document, as the statements stage receives it (entities
    resolved, posts and parties known, names noted, block quotes found); no cue read yet."""
    from kg.entries import Document, Entry
    from kg.extract.context import DocContext
    from kg.extract.entities import extract_document_mentions
    from kg.extract.roles import add_affiliations
    from kg.facts import Facts
    from kg.nlp import cache_sentences
    from kg.resolve.merge import resolve_mentions

    entry = Entry(id="e0001", ordinal=1, position=0, text=text, **fields)
    doc = Document(id="t", entries=[entry])
    parsed = [nlp(text)]
    cache_sentences(parsed[0])
    resolver = resolve_mentions(extract_document_mentions(doc, parsed), doc.id)
    ctx = DocContext(doc=doc, parsed=parsed, resolver=resolver)
    facts = Facts(entities=resolver.entities)
    add_affiliations(ctx, facts)
    return open_entry(speaker_finder(ctx, facts), entry, parsed[0], counsel)


def _tok(st, word: str, nth: int = 0):
    return [t for t in st.doc if t.text == word][nth]


def _texts(st) -> list[str]:
    return [st.text_of(d) for d in st.drafts]


# -- cues ----------------------------------------------------------------------------------------
def test_an_ambiguous_form_is_a_cue_only_as_a_verb(nlp):
    st = _state(nlp, "Jane Doe claims the widget levy is unfair. The claims were false.")
    verb, noun = _tok(st, "claims"), _tok(st, "claims", 1)
    assert cues.is_cue(verb)
    assert not cues.is_cue(noun)
    assert cues.is_cue(noun, in_context=False)      # the lexicon alone knows the form


def test_a_thing_questioned_is_no_cue(nlp):
    st = _state(nlp, "Her motives are questioned by colleagues.")
    tok = _tok(st, "questioned")
    assert not cues.is_cue(tok)
    assert cues.is_cue(tok, in_context=False)


@pytest.mark.parametrize("text,word,expected", [
    ("Jane Doe will say the levy is unfair.", "say", True),
    ("Tom Brindle did not say anything about the levy.", "say", True),
    ("Jane Doe says the levy is unfair.", "says", False),
])
def test_forecasts_and_denials_report_nothing(nlp, text, word, expected):
    st = _state(nlp, text)
    assert cues.reports_nothing(st, _tok(st, word)) is expected


@pytest.mark.parametrize("text,kind,word", [
    ("According to Jane Doe, the widget plant will close in May.", "according", "According"),
    ("Tom Brindle rejected Jane Doe's claim that the levy was unfair.", "noun", "claim"),
    ("The Speaker granted an urgent question from Jane Doe on the widget plant.", "tabled", "question"),
])
def test_find_cues_names_the_kind_of_cue(nlp, text, kind, word):
    st = _state(nlp, text)
    assert (kind, word) in [(k, t.text) for k, t in cues.find_cues(st, [])]


def test_words_inside_a_quotation_are_no_cues(nlp):
    st = _state(nlp, "“We said no to the levy,” Jane Doe told reporters.")
    assert [(k, t.text) for k, t in cues.find_cues(st, [])] == [("verb", "told")]


def test_question_lines_are_the_words_after_the_q(nlp):
    text = "Jane Doe asked about the levy.\nQ: Did you read the widget report?\nTom Brindle said he had."
    st = _state(nlp, text)
    [(a, b)] = cues.question_lines(st)
    assert text[a:b] == "Did you read the widget report?"


def test_in_qline_bisects_sorted_lines():
    lines = [(3, 10), (20, 30)]
    assert [cues.in_qline(p, lines) for p in (2, 3, 9, 10, 25, 30)] == [False, True, True, False, True, False]


# -- source --------------------------------------------------------------------------------------
def test_the_subject_survives_an_aside(nlp):
    st = _state(nlp, "Jane Doe, who chairs the committee, said the levy was unfair.")
    said = _tok(st, "said")
    assert source.subject(said).text == "Doe"
    assert source.speaker(st, said) == (JANE, 0.85)


def test_a_pronoun_speaker_is_resolved_less_surely(nlp):
    st = _state(nlp, "Jane Doe spoke first. She said the levy was unfair.")
    assert source.speaker(st, _tok(st, "said")) == (JANE, 0.7)


def test_names_inside_quotations_are_not_antecedents(nlp):
    st = _state(nlp, "“Tom Brindle is wrong about the levy,” Jane Doe said.")
    assert TOM in st.finder.entities              # the name is known ...
    assert [key for _, key, _ in st.memory.items] == [JANE]    # ... but not noted as a speaker


def test_an_inverted_answerer_is_found_by_its_words(nlp):
    st = _state(nlp, "Answering for the government was the minister Jane Doe. She said the levy would stay.")
    assert source.inverted_answerers(st) == {46: (0, "Jane Doe")}


# -- content -------------------------------------------------------------------------------------
def test_trim_drops_spaces_a_leading_that_and_trailing_punctuation():
    text = "  that the levy works. "
    a, b = content.trim(text, 0, len(text))
    assert text[a:b] == "the levy works"


def test_statement_text_keeps_a_joining_and_drops_a_dangling_one():
    text = "hails the plan and calls for more"
    assert content.statement_text(text, [(0, 14), (19, 33)]) == "hails the plan and calls for more"
    assert content.statement_text("attacking the plan and", [(0, 22)]) == "attacking the plan"


def test_an_unmarked_block_quote_runs_until_a_named_paragraph(nlp):
    text = ("Jane Doe said:\nThe widget levy is unfair and families cannot pay it.\n"
            "We would scrap it on day one.\nTom Brindle said the levy was working.")
    st = _state(nlp, text)
    [run] = [r for r in st.runs if not r.marked]
    assert [text[a:b] for a, b in run.pieces] == ["The widget levy is unfair and families cannot pay it.",
                                                  "We would scrap it on day one."]


def test_reported_content_is_the_complement_and_keeps_its_verb(nlp):
    st = _state(nlp, "Mary Pelham says the widget levy works.")
    says = _tok(st, "says")
    comp = content.complement(says, "say")
    assert st.text[slice(*content.content_bounds(st, says, comp, len(st.text)))] == "the widget levy works"
    assert content.verb_phrase_start(says) == 0     # "Mary Pelham says": the short subject stays


def test_an_aside_cue_leaves_the_rest_of_the_sentence(nlp):
    st = _state(nlp, "Jane Doe spoke at length.\nThe levy, she says, is unfair.")
    says = _tok(st, "says")
    assert content.parenthetical(says)
    pa, pb = st.paras[1]
    assert [st.text[a:b] for a, b in content.remainder(st, says, pa, pb)] == ["The levy", "is unfair"]


def test_a_quotation_after_the_cue_is_adjacent(nlp):
    st = _state(nlp, "Jane Doe told reporters: “We said no to the levy.”")
    assert content.adjacent_run(st, _tok(st, "told"), *st.paras[0]) is st.runs[0]
    st.used_runs.add(id(st.runs[0]))            # a run a cue has taken is nobody else's
    assert content.adjacent_run(st, _tok(st, "told"), *st.paras[0]) is None


def test_a_verbs_words_are_its_quotation_else_its_clause_else_the_rest_of_an_aside(nlp):
    st = _state(nlp, "Jane Doe told reporters: “We said no to the levy.”")
    quoted = content.cue_content(st, _tok(st, "told"), "tell", *st.paras[0])
    assert (quoted.kind, quoted.shift, quoted.run) == ("direct", 0.05, st.runs[0])
    st = _state(nlp, "Mary Pelham says the widget levy works.")
    reported = content.cue_content(st, _tok(st, "says"), "say", *st.paras[0])
    assert ([st.text[a:b] for a, b in reported.pieces], reported.kind, reported.run) == (
        ["Mary Pelham says the widget levy works"], "indirect", None)
    st = _state(nlp, "Jane Doe spoke at length.\nThe levy, she says, is unfair.")
    aside = content.cue_content(st, _tok(st, "says"), "say", *st.paras[1])
    assert (len(aside.pieces), aside.kind, aside.shift) == (2, "indirect", -0.1)


# -- attribution ---------------------------------------------------------------------------------
def test_a_cue_with_a_quotation_drafts_a_direct_statement(nlp):
    st = _state(nlp, "Jane Doe told reporters: “We said no to the levy.”")
    attribution.attribute_cue(st, _tok(st, "told"))
    [d] = st.drafts
    assert (d.speaker, d.kind, d.cue, d.addressee) == (JANE, "direct", "tell", "reporters")
    assert st.text_of(d) == "We said no to the levy."
    assert st.used_runs == {id(st.runs[0])}


def test_according_to_gives_the_rest_of_the_sentence(nlp):
    st = _state(nlp, "According to Jane Doe, the widget plant will close in May.")
    attribution.according(st, _tok(st, "According"))
    assert [(d.speaker, st.text_of(d)) for d in st.drafts] == [(JANE, "the widget plant will close in May")]


def test_a_speech_noun_gives_its_clause_to_its_owner(nlp):
    st = _state(nlp, "Tom Brindle rejected Jane Doe's claim that the levy was unfair.")
    attribution.speech_noun(st, _tok(st, "claim"))
    assert [(d.speaker, d.cue, st.text_of(d)) for d in st.drafts] == [(JANE, "claim", "the levy was unfair")]


def test_a_tabled_question_is_its_askers(nlp):
    st = _state(nlp, "The Speaker granted an urgent question from Jane Doe on the closure of the widget plant.")
    attribution.tabled_question(st, _tok(st, "question"))
    [d] = st.drafts
    assert (d.speaker, d.question, st.text_of(d)) == (JANE, True, "the closure of the widget plant")


def test_a_question_line_is_counsels(nlp):
    st = _state(nlp, "Q: Did you read the widget report?\nA: I did.", counsel="person/counsel")
    attribution.question_line_drafts(st, cues.question_lines(st))
    [d] = st.drafts
    assert (d.speaker, d.kind, d.question, st.text_of(d)) == ("person/counsel", "direct", True,
                                                             "Did you read the widget report?")


def test_a_quotation_with_no_cue_continues_the_previous_speaker(nlp):
    st = _state(nlp, "Tom Brindle spoke next.\n“It raises money for schools in every town.”")
    st.drafts = [Draft("someone", [(0, 22)], "indirect", venue="the Commons")]
    attribution.orphan_runs(st)
    assert [(d.speaker, d.kind, d.venue) for d in st.drafts[1:]] == [("someone", "direct", "the Commons")]
    assert _texts(st)[1] == "It raises money for schools in every town."


def test_a_dashed_headline_gives_its_words_to_the_name(nlp):
    head = "The widget levy must go - Jane Doe"
    st = _state(nlp, head + "\nJane Doe spoke at a rally in Northtown.", headline=head)
    attribution.headline_quote(st)
    assert [(d.speaker, st.text_of(d)) for d in st.drafts] == [(JANE, "The widget levy must go")]


# -- replies within the entry --------------------------------------------------------------------
_TWO_TURNS = "Jane Doe asked whether the levy would rise.\nTom Brindle said it would not."


def _turns(nlp, first: Draft, second: Draft):
    st = _state(nlp, _TWO_TURNS)
    st.drafts = [second, first]                 # the stage sorts them into reading order
    replies.link_entry_replies(st)
    return st.drafts


def test_a_turn_after_a_question_answers_the_asker(nlp):
    first, second = _turns(nlp, Draft("a", [(0, 42)], "indirect", question=True, para=0),
                           Draft("b", [(44, 73)], "indirect", para=1))
    assert (first.responds_to, second.responds_to) == ("", "a")


def test_a_question_put_to_someone_else_is_not_answered_by_a_third(nlp):
    _, second = _turns(nlp, Draft("a", [(0, 42)], "indirect", question=True, asked="c", para=0),
                       Draft("b", [(44, 73)], "indirect", para=1))
    assert second.responds_to == ""


def test_a_question_put_to_someone_lapses_when_another_answers(nlp):
    st = _state(nlp, _TWO_TURNS + "\nMary Pelham said nothing about it.")
    asked, other, late = Draft("a", [(0, 42)], "indirect", question=True, asked="c", para=0), \
        Draft("b", [(44, 73)], "indirect", para=1), Draft("c", [(75, 108)], "indirect", para=2)
    st.drafts = [asked, late]
    replies.link_entry_replies(st)
    assert late.responds_to == "a"              # put to c, answered by c
    late.responds_to = ""
    st.drafts = [asked, other, late]
    replies.link_entry_replies(st)
    assert (other.responds_to, late.responds_to) == ("", "")


def test_a_reply_cue_answers_the_previous_speaker(nlp):
    _, second = _turns(nlp, Draft("a", [(0, 42)], "indirect", cue="say", para=0),
                       Draft("b", [(44, 73)], "indirect", cue="reply", para=1))
    assert second.responds_to == "a"


def test_a_report_inside_another_speakers_words_answers_nobody(nlp):
    st = _state(nlp, _TWO_TURNS)
    outer, inner = Draft("a", [(0, 72)], "indirect", cue="say", para=0), \
        Draft("b", [(9, 30)], "indirect", cue="reply", para=0)
    st.drafts = [outer, inner]
    assert replies.nested(st, inner) and not replies.nested(st, outer)
    replies.link_entry_replies(st)
    assert inner.responds_to == ""              # a reply cue, but inside a's words


def test_in_response_to_names_whom_a_reply_answers(nlp):
    st = _state(nlp, "In response to Jane Doe, Tom Brindle said the levy was fair.")
    assert replies.reply_target(st, _tok(st, "response")) == JANE


# -- merging -------------------------------------------------------------------------------------
def test_one_speakers_pieces_in_one_paragraph_merge():
    merged = merge_drafts([Draft("b", [(20, 30)], "direct", para=0, cue="say"),
                           Draft("b", [(0, 10)], "indirect", para=0, responds_to="x"),
                           Draft("b", [(40, 50)], "indirect", para=1)])
    assert [(d.pieces, d.kind, d.cue, d.responds_to) for d in merged] == [
        ([(0, 10), (20, 30)], "direct", "say", "x"), ([(40, 50)], "indirect", "", "")]
