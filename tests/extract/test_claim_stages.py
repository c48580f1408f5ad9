"""Claims, one stage at a time (state, arguments, verbs, nouns, judgements, posts).

Each test runs a single stage of :mod:`kg.extract.claims` on one invented entry, so a failure
points at the stage that broke, not at the pipeline. The entry is parsed and its entities,
posts and statements found as the pipeline finds them; no claim is made before the stage runs.
"""
from __future__ import annotations

import pytest

from kg.extract.claims import entry_claims, open_entry
from kg.extract.claims import arguments, judgements, nouns, state, verbs
from kg.extract.claims.posts import leads_from_posts
from kg.extract.claims.state import EntryState

JANE = "person/jane-doe"
TOM = "person/tom-brindle"
BILL = "bill/widget-bill"


def _setup(nlp, text: str):
    """The state of a one-entry document as the claims stage receives it, and its facts."""
    from kg.entries import Document, Entry
    from kg.extract.context import DocContext
    from kg.extract.entities import extract_document_mentions
    from kg.extract.roles import add_affiliations, add_byline_roles
    from kg.extract.speakers import SpeakerFinder
    from kg.extract.statements import add_statements
    from kg.facts import Facts
    from kg.nlp import cache_sentences
    from kg.resolve.aliases import resolve_references
    from kg.resolve.merge import resolve_mentions

    entry = Entry(id="e0001", ordinal=1, position=0, text=text)
    doc = Document(id="t", entries=[entry])
    parsed = [nlp(text)]
    cache_sentences(parsed[0])
    resolver = resolve_mentions(extract_document_mentions(doc, parsed), doc.id)
    ctx = DocContext(doc=doc, parsed=parsed, resolver=resolver)
    facts = Facts(entities=resolver.entities)
    for step in (add_affiliations, resolve_references, add_byline_roles, add_statements):
        step(ctx, facts)
    return open_entry(SpeakerFinder(ctx), entry, parsed[0], facts.statements), facts


def _state(nlp, text: str) -> EntryState:
    return _setup(nlp, text)[0]


def _tok(st: EntryState, word: str, nth: int = 0):
    return [t for t in st.doc if t.text == word][nth]


def _rows(st: EntryState) -> list[tuple[str, str, str]]:
    return [(c.subject, c.predicate, c.object or c.object_text) for c in st.out]


# -- state ---------------------------------------------------------------------------------------
def test_a_claim_is_recorded_once_per_subject_predicate_and_object(nlp):
    st = _state(nlp, "Jane Doe backs the Widget Bill.")
    backs = _tok(st, "backs")
    state.record(st, JANE, "supports", BILL, "", backs, None)
    state.record(st, JANE, "supports", BILL, "", backs, None)
    assert _rows(st) == [(JANE, "supports", BILL)]
    state.record(st, JANE, "supports", None, "Widget Levy", backs, None)
    assert len(st.out) == 2
    assert st.out[0].evidence == "Jane Doe backs the Widget Bill."
    assert st.out[0].prov.extractor == state.EXTRACTOR


def test_two_claims_of_one_predicate_in_one_sentence_get_distinct_spans(nlp):
    st = _state(nlp, "The Widget Bill was rejected by Jane Doe and Tom Brindle.")
    verbs.passive_agent(st, _tok(st, "rejected"))
    assert _rows(st) == [(JANE, "opposes", BILL), (TOM, "opposes", BILL)]
    assert st.out[0].prov.span != st.out[1].prov.span


def test_evidence_stays_in_the_trigger_paragraph(nlp):
    st = _state(nlp, "Tom Brindle spoke first.\nJane Doe backs the Widget Bill.")
    lo, hi, words = state.evidence_of(st.text, _tok(st, "backs"), 0, len(st.text))
    assert words == "Jane Doe backs the Widget Bill."
    assert st.text[lo:hi] == words


def test_a_question_asserts_nothing_unless_it_is_a_courtesy(nlp):
    asked, courtesy = nlp("Has Jane Doe rejected the Widget Bill?"), nlp("May I thank Jane Doe for her work?")
    assert state.is_question(next(asked.sents))
    assert not state.is_question(next(courtesy.sents))


def test_in_quotes_is_inside_an_open_quotation_of_the_paragraph():
    text = 'Doe said "we will win" today.\nShe left.'
    assert state.in_quotes(text, text.index("will"))
    assert not state.in_quotes(text, text.index("today"))
    assert not state.in_quotes(text, text.index("left"))
    curly = "Doe called it ‘a farce’ today, in Tom’s view."
    assert state.in_quotes(curly, curly.index("farce"))
    assert not state.in_quotes(curly, curly.index("view"))


def test_the_speaker_at_a_position_is_the_statement_s(nlp):
    st = _state(nlp, '"We were betrayed by Tom Brindle," Jane Doe said. Tom Brindle left.')
    assert st.speaker_at(st.text.index("betrayed")) == JANE
    assert st.quoted_speaker(st.text.index("betrayed")) == JANE
    assert st.speaker_at(st.text.index("left")) is None


# -- arguments -----------------------------------------------------------------------------------
def test_a_relative_clause_s_subject_is_its_head(nlp):
    st = _state(nlp, "Jane Doe, who leads the Widget Inquiry, spoke today.")
    assert arguments.subject_token(_tok(st, "leads")).text == "Doe"


def test_who_is_asked_to_act_is_the_subject_of_the_act(nlp):
    st = _state(nlp, "Tom Brindle asked Jane Doe to confirm the widget plan.")
    subj = arguments.subject_token(_tok(st, "confirm"))
    assert arguments.resolve(st, subj) == JANE


def test_the_bill_is_the_document_s_one_bill(nlp):
    st = _state(nlp, "The Widget Bill was published. Jane Doe backs the bill. Tom Brindle wants a bill too.")
    assert arguments.resolve(st, _tok(st, "bill")) == BILL
    assert arguments.type_noun_key(st, _tok(st, "bill")) == BILL     # even where memory has no name
    assert arguments.type_noun_key(st, _tok(st, "bill", 1)) is None  # "a bill" is another one


def test_an_object_pronoun_is_never_the_clause_s_subject(nlp):
    st = _state(nlp, "Tom Brindle said Jane Doe thanked him.")
    assert arguments.object_key(st, _tok(st, "him"), JANE) == TOM
    assert arguments.object_key(st, _tok(st, "him"), TOM) not in (TOM, None)    # the next one back


def test_an_object_phrase_ends_before_its_own_clause(nlp):
    st = _state(nlp, "Jane Doe backs the plan that Tom Brindle drew up.")
    phrase, end = arguments.object_phrase(st.doc, _tok(st, "plan"), st.text)
    assert phrase == "the plan"
    assert st.text[:end].endswith("plan")


def test_an_object_that_names_nothing_makes_no_claim(nlp):
    st = _state(nlp, "Jane Doe proposes something new.")
    proposes = _tok(st, "proposes")
    assert arguments.claim_object(st, JANE, "proposes", _tok(st, "something"), proposes) is None
    arguments.add(st, JANE, "proposes", _tok(st, "something"), proposes)
    assert st.out == []


def test_a_claim_without_a_resolved_subject_is_dropped(nlp):
    st = _state(nlp, "Jane Doe backs the Widget Bill.")
    arguments.add(st, None, "supports", _tok(st, "Bill"), _tok(st, "backs"))
    assert st.out == []
    arguments.add(st, JANE, "supports", _tok(st, "Bill"), _tok(st, "backs"))
    assert _rows(st) == [(JANE, "supports", BILL)]


# -- verbs ---------------------------------------------------------------------------------------
def _verb(st: EntryState, word: str) -> None:
    tok = _tok(st, word)
    for rule in verbs.verb_rules(tok):
        verbs.verb(st, tok, rule)


def test_a_listed_verb_makes_its_claim(nlp):
    st = _state(nlp, "Jane Doe backs the Widget Bill.")
    _verb(st, "backs")
    assert _rows(st) == [(JANE, "supports", BILL)]


@pytest.mark.parametrize("text", ["Jane Doe does not back the Widget Bill.",
                                  "Jane Doe might back the Widget Bill."])
def test_a_negated_or_weak_verb_makes_no_claim(nlp, text):
    st = _state(nlp, text)
    _verb(st, "back")
    assert st.out == []


def test_reported_would_is_a_commitment_narrated_would_is_not(nlp):
    reported = _state(nlp, "Jane Doe said she would back the Widget Bill.")
    narrated = _state(nlp, "Jane Doe would back the Widget Bill.")
    assert not verbs.modal_blocks(reported, _tok(reported, "back"))
    assert verbs.modal_blocks(narrated, _tok(narrated, "back"))


def test_what_someone_is_asked_to_confirm_is_not_announced(nlp):
    st = _state(nlp, "Tom Brindle asked Jane Doe to confirm the widget plan.")
    assert not verbs.announced(st, _tok(st, "confirm"))
    _verb(st, "confirm")
    assert st.out == []


def test_led_by_leads(nlp):
    st = _state(nlp, "The Widget Inquiry, led by Jane Doe, will report in May.")
    verbs.passive(st, _tok(st, "led"))
    assert _rows(st) == [(JANE, "leads", "inquiry/widget-inquiry")]


# -- nouns ---------------------------------------------------------------------------------------
def test_demands_from_x_for_y_are_x_s_proposal(nlp):
    st = _state(nlp, "Tom Brindle rejected demands from Jane Doe for a widget inquiry.")
    nouns.claim_noun(st, _tok(st, "demands"))
    assert _rows(st) == [(JANE, "proposes", "widget inquiry")]


def test_a_critic_of_y_is_described_by_the_noun(nlp):
    st = _state(nlp, "Jane Doe, a critic of the Widget Bill, spoke today.")
    assert nouns.described_by(_tok(st, "critic")).text == "Doe"


def test_what_a_speaker_says_will_be_published_is_announced(nlp):
    st = _state(nlp, "Jane Doe said a review of widget safety will be published next month.")
    nouns.announcements(st)
    assert [(s, p) for s, p, _ in _rows(st)] == [(JANE, "announces")]
    assert st.out[0].object.startswith("inquiry/")     # the review the speaker names


# -- judgements ----------------------------------------------------------------------------------
@pytest.mark.parametrize("words,sign", [("a disgrace", -1), ("not a disgrace", 1), ("a great success", 1),
                                        ("half-right", 0), ("a plan", 0), ("no answers", -1)])
def test_tone(nlp, words, sign):
    assert judgements.tone(nlp(words)) == sign


def test_described_as_a_disgrace_is_an_attack(nlp):
    st = _state(nlp, "Jane Doe described Tom Brindle as a disgrace.")
    judgements.judge(st, _tok(st, "described"))
    assert _rows(st) == [(JANE, "criticises", TOM)]


def test_horrified_to_see_x_attacks_x(nlp):
    st = _state(nlp, "Jane Doe said she was horrified to see Tom Brindle scrap the widget levy.")
    judgements.reaction(st, _tok(st, "horrified"))
    assert _rows(st) == [(JANE, "criticises", TOM)]


def test_a_verdict_in_a_speaker_s_quoted_words_is_theirs(nlp):
    st = _state(nlp, 'Jane Doe said: "Tom Brindle is a disgrace."')
    judgements.statement_judgements(st, st.statements[0])
    assert _rows(st) == [(JANE, "criticises", TOM)]


def test_the_outlet_s_words_in_indirect_speech_judge_nobody(nlp):
    st = _state(nlp, "Jane Doe said Tom Brindle was a disgrace.")
    judgements.verdict(st, st.statements[0], _tok(st, "was"))
    assert st.out == []
    quoted = _state(nlp, 'Jane Doe said Tom Brindle was "a disgrace".')
    judgements.verdict(quoted, quoted.statements[0], _tok(quoted, "was"))
    assert _rows(quoted) == [(JANE, "criticises", TOM)]


def test_betrayed_by_x_attacks_x(nlp):
    st = _state(nlp, '"We were betrayed by Tom Brindle," Jane Doe said.')
    judgements.negative_passive(st, st.statements[0], _tok(st, "betrayed"))
    assert _rows(st) == [(JANE, "criticises", TOM)]


def test_x_failed_to_act_is_criticism(nlp):
    st = _state(nlp, "Jane Doe said Tom Brindle failed to act.")
    judgements.failures(st)
    assert _rows(st) == [(JANE, "criticises", TOM)]


# -- posts ---------------------------------------------------------------------------------------
def test_a_sitting_chair_of_a_known_body_leads_it(nlp):
    st, facts = _setup(nlp, "Jane Doe, chair of the Widget Committee, said the fees were too high.")
    found = leads_from_posts(facts.roles, st.finder, [])
    assert [(c.subject, c.predicate, c.object) for c in found] == [(JANE, "leads", "body/widget-committee")]
    assert leads_from_posts(facts.roles, st.finder, found) == []      # already claimed


def test_a_deputy_chair_leads_nothing(nlp):
    st, facts = _setup(nlp, "Jane Doe, deputy chair of the Widget Committee, said the fees were too high.")
    assert facts.roles
    assert leads_from_posts(facts.roles, st.finder, []) == []


# -- the stages together -------------------------------------------------------------------------
def test_entry_claims_runs_every_stage_in_reading_order(nlp):
    st = _state(nlp, "Tom Brindle rejected demands from Jane Doe for a widget inquiry.")
    assert entry_claims(st) == st.out
    assert _rows(st) == [(TOM, "opposes", "widget inquiry"), (JANE, "proposes", "widget inquiry")]


def test_a_question_makes_no_claim(nlp):
    st = _state(nlp, "Has Jane Doe rejected the Widget Bill?")
    assert entry_claims(st) == []
