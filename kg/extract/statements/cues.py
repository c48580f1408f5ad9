"""Stage 1, cues: the words that announce speech.

A statement is born at a cue: a speech verb from ``data/cues.json`` ("said", "told",
"replied", "put it to"), a speech noun with an owner ("X's claim that"), "according to X",
a tabled question ("a question from X on Y") or a ``Q:`` line. This stage only says *which*
tokens are cues and which cue verbs report nothing ("will warn", "did not say"); who speaks
is :mod:`.source`, what was said :mod:`.content`.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..speakers import cue_lexicon, is_put_it_to, verb_lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .state import EntryState

__all__ = ["AMBIGUOUS", "MODALS", "is_cue", "main_clause", "reports_nothing", "find_cues",
           "question_lines", "in_qline"]

#: cue forms that are also common nouns or adjectives: only as verbs
AMBIGUOUS = {"post", "posts", "claim", "claims", "call", "calls", "question", "questions", "state",
             "states", "notes", "point", "points", "press", "demand", "demands", "warning", "answer",
             "answers", "reply", "replies", "counter", "pledge", "promise", "repeats", "tweet",
             "tweets", "challenge", "challenges", "stress", "maintains", "continue", "add", "write",
             "writing", "written", "saying", "telling", "calling", "asking", "adding", "warning",
             "protest", "protests", "remark", "remarks", "joke", "jokes", "boast", "boasts", "caution",
             "quip", "quips", "lament", "laments", "muse", "plead"}
MODALS = {"will", "would", "could", "may", "might", "should", "shall", "can", "must", "'ll", "wo"}


def is_cue(tok: Token, *, in_context: bool = True) -> bool:
    """Whether ``tok`` is a speech cue of the cue lexicon.

    In context (statements): by form, ambiguous forms ("claims", "calls") only when tagged
    as verbs, an unlisted inflection when its lemma is a speech verb, never a thing that is
    questioned ("when her motives are questioned").

    With ``in_context=False``, the lexicon alone decides: a listed form, or a verb whose
    lemma is a speech verb, whatever the parse made of it (claims ask it of the verb a
    pronoun hangs on: "He says ... and accuses X").
    """
    forms = cue_lexicon()["forms"]
    low = tok.lower_
    if not in_context:
        return low in forms or verb_lemma(tok) in cue_lexicon()["verbs"]
    if is_put_it_to(tok):
        return True
    if tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children) and \
            any(c.dep_ == "nsubjpass" and c.pos_ == "NOUN" for c in tok.children):
        return False            # "when her motives are questioned": a thing questioned is no speaker's cue
    if low not in forms and tok.pos_ == "VERB" and tok.lemma_.lower() in cue_lexicon()["verbs"]:
        return True             # an inflection nobody listed: the lemma decides
    if low not in forms and not (low in ("hit", "hits") and tok.i + 1 < len(tok.doc)
                                 and tok.nbor(1).lower_ == "back"):
        return False
    if low in AMBIGUOUS or forms.get(low) in ("call", "demand", "press", "question", "state",
                                              "note", "point", "post"):
        # tagged as a noun, it is still the verb when it heads a clause with a subject
        # ("the first minister replies ..." read as a plural noun)
        return tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB") or \
            any(c.dep_ == "nsubj" for c in tok.children) and (
                tok.dep_ == "ROOT" or any(c.dep_ == "ccomp" for c in tok.children))
    return tok.pos_ in ("VERB", "AUX", "NOUN", "PROPN") or tok.tag_.startswith("VB")


def main_clause(tok: Token) -> bool:
    """A verb heading its sentence (or conjoined with the head): not reported inside another clause."""
    cur = tok
    while cur.dep_ == "conj" and cur.head is not cur:
        cur = cur.head
    return cur.dep_ in ("ROOT", "parataxis")


def reports_nothing(st: EntryState, tok: Token) -> bool:
    """A cue verb that announces no statement: a forecast or a denial ("will warn", "did not
    say"), a call or an expectation ("called for X to announce", "is due to say"), a question
    put by someone unnamed ("the PM is asked if"), a headline's passive ("PM asked if ...")."""
    if any(c.dep_ == "aux" and c.lower_ in MODALS or c.dep_ == "neg" for c in tok.children):
        return True
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and (
            tok.head.lemma_.lower() in st.lex["unsaid_heads"]
            or any(c.dep_ == "nsubj" for c in tok.children)):
        return True
    if any(c.dep_ == "auxpass" for c in tok.children) and not any(c.dep_ == "agent" for c in tok.children):
        return True
    if tok.idx < st.headline_len and tok.lower_ in ("asked", "questioned", "pressed", "urged"):
        return True
    return headline_passive(tok)


def headline_passive(tok: Token) -> bool:
    """'Doe accused of "sandbag politics"', 'Doe urged to quit by MPs': a headline's passive
    without its "is" (a verb that takes an object, straight into a word only its passive takes):
    said to Doe, not by Doe. The verbs and their words are data (``passive_preps``)."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is None or tok.tag_ not in ("VBN", "VBD") or any(c.dep_ in ("dobj", "ccomp", "aux") for c in tok.children):
        return False
    preps = cue_lexicon()["passive_preps"].get(tok.lemma_.lower())
    return preps is not None and (nxt.lower_ == "by" or nxt.lower_ in preps)


def question_lines(st: EntryState) -> list[tuple[int, int]]:
    """The bodies of an inquiry transcript's question lines ("Q: Did you ...?"), in order."""
    pat = re.compile(st.lex["question_line"])
    out = []
    for a, b in st.paras:
        m = pat.match(st.text[a:b])
        if m:
            out.append((a + m.end(), b))
    return out


def in_qline(pos: int, qlines: list[tuple[int, int]]) -> bool:
    """Whether ``pos`` is inside one of the sorted, disjoint question lines (a bisection:
    this runs for every token of every quotation)."""
    i = bisect_right(qlines, (pos, float("inf"))) - 1
    return i >= 0 and qlines[i][0] <= pos < qlines[i][1]


def find_cues(st: EntryState, qlines: list[tuple[int, int]]) -> Iterator[tuple[str, Token]]:
    """The entry's cues in reading order, as (kind, token): ``according`` ("according to"),
    ``verb`` (a speech verb), ``noun`` (a speech noun: "claim", "pledge"), ``tabled`` ("a
    question from X"). Words inside quotations are what was said, not cues; a question line
    is read like narrative even where quote marks run through it."""
    doc = st.doc
    for tok in doc:
        if st.in_run(tok.idx) and not in_qline(tok.idx, qlines):
            continue
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            yield "according", tok
        elif is_cue(tok):
            yield "verb", tok
        elif tok.lower_ in st.lex["nouns"] and tok.pos_ == "NOUN":
            yield "noun", tok
        elif tok.lower_ in ("question", "questions") and tok.pos_ == "NOUN":
            yield "tabled", tok
