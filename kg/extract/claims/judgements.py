"""Judgements: praise and attack that no claim verb names.

"described X as 'a disgrace'" and "called X a Y" (:func:`judge`) take the tone of the
description (:func:`tone`, over the tone words of ``data/claim_verbs.json``); "horrified to
see X ..." (:func:`reaction`) attacks X. Inside a speaker's statement, a verdict on an actor
or a measure ("Y was 'a shambles'", :func:`verdict`), "betrayed by X"
(:func:`negative_passive`) and "X failed to ..." (:func:`failures`) are the speaker's; in
indirect speech only the quoted words count.
"""
from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from ...nlp import tokens_in
from ..speakers import cue_lexicon
from .arguments import PRONOUN_OBJECTS, add, object_key, resolve, subject_token
from .state import in_quotes
from .tree import child, find_prep, has_mark, pobj, rules
from .verbs import modal_blocks

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.tokens import Token

    from ...facts import Statement
    from .state import EntryState

__all__ = ["tone", "judge", "reaction", "statement_judgements", "verdict", "negative_passive", "failures"]


def tone(tokens: Iterable[Token]) -> int:
    """Sign of an evaluation: +1 praise, -1 attack, 0 neutral (a "not" flips the words' sign).

    Why: "described X as Y" and "X said Y was 'Z'" are claims only when Y/Z judge;
    the tone lexicon in the data file decides which way.
    """
    lex = rules()
    neg, pos = set(lex["negative_words"]), set(lex["positive_words"])
    tokens = list(tokens)
    ids = {t.i for t in tokens}
    score, flip = 0, False
    for t in tokens:
        w = t.lower_.strip("‘’'\"“”")
        lemma = t.lemma_.lower()
        if hyphenated(t) or nested(t, ids):
            continue            # "half-right" is not "right"; "a body that did not act" is no "not"
        if w in neg or lemma in neg:        # any inflection: "shamed" is "shame"
            score -= 1
        elif w in pos or lemma in pos:
            score += 1
        elif t.dep_ == "neg" or w in ("not", "never", "n't"):
            flip = True
        elif w == "no" and t.dep_ == "det":
            score -= 1                  # "has 'no answers'", "'no idea'"
    if flip:
        score = -score
    return (score > 0) - (score < 0)


def hyphenated(tok: Token) -> bool:
    """Part of a hyphenated compound ("half-right", "long-awaited")."""
    doc = tok.doc
    before = tok.i > 0 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_
    after = tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-" and not tok.whitespace_
    return before or after


def nested(tok: Token, ids: set[int]) -> bool:
    """A negation inside a relative or subordinate clause of the evaluated words."""
    if tok.dep_ != "neg":
        return False
    cur = tok.head
    while cur.i in ids and cur.head.i != cur.i:
        if cur.dep_ in ("relcl", "acl", "advcl", "ccomp"):
            return True
        cur = cur.head
    return False


def judge(st: EntryState, tok: Token) -> None:
    """'described X as Y' / 'called X a Y': the tone of the description Y decides praise or attack."""
    if tok.lower_ not in rules()["judging_verbs"] or child(tok, ("neg",)) is not None:
        return
    target = child(tok, ("dobj",))
    if target is None or modal_blocks(st, tok):
        return
    desc = pobj(child(tok, ("prep",), "as")) or pobj(child(target, ("prep",), "as")) \
        or child(tok, ("oprd", "xcomp")) or child(target, ("appos",))
    if desc is None:
        return
    sign = tone(desc.subtree)
    if sign == 0:
        return
    subj = subject_token(tok)
    start = subj.left_edge.idx if subj is not None and 0 < tok.i - subj.i <= 12 else tok.idx
    add(st, resolve(st, subj), "praises" if sign > 0 else "criticises", target, tok, start=start,
        end=desc.right_edge.idx + len(desc.right_edge), conf=0.55)


def reaction(st: EntryState, tok: Token) -> None:
    """'horrified to see X scrap ...', 'found it shocking that X ...': the reactor attacks X."""
    if tok.lower_ not in rules()["reaction_words"] or child(tok, ("neg",)) is not None:
        return
    who = st.speaker_at(tok.idx)
    if who is None:
        head = tok.head if tok.dep_ in ("acomp", "oprd", "xcomp") else tok
        who = resolve(st, child(head, ("nsubj",)))
    if who is None:
        return
    region = list(tok.subtree)
    if tok.dep_ in ("acomp", "oprd", "xcomp", "ccomp"):
        region += [t for c in tok.head.children if c.dep_ == "ccomp" and c.i > tok.i for t in c.subtree]
    for t in region:
        if t.i > tok.i and t.dep_ in ("nsubj", "nsubjpass", "dobj") and t.lower_ not in PRONOUN_OBJECTS:
            key = resolve(st, t) if t.pos_ != "NOUN" or t.ent_type_ else object_key(st, t, who)
            if key == who:
                continue
            if key or t.pos_ == "NOUN":
                add(st, who, "criticises", t, tok, obj_key=key, start=tok.idx,
                    end=t.right_edge.idx + len(t.right_edge), conf=0.5)
                return


def statement_judgements(st: EntryState, stmt: Statement) -> None:
    """Judgements in a speaker's words: "Y was 'a shambles'", "X 'ignored us'", "'betrayed by X'".

    Why: a reported verdict on an actor or a measure is an attack or praise by
    the speaker even though no attacking verb is used. Only quoted words count
    in indirect speech (the outlet's own words are not the speaker's verdict).
    """
    for tok in tokens_in(st.doc, stmt.prov.span.start, stmt.prov.span.end):
        if not st.is_question(tok.sent):
            negative_passive(st, stmt, tok)
            if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
                verdict(st, stmt, tok)


def quoted(st: EntryState, stmt: Statement, tokens: Iterable[Token]) -> list:
    """Those tokens that are the speaker's own (quoted) words."""
    if stmt.kind == "direct":
        return list(tokens)
    return [t for t in tokens if in_quotes(st.text, t.idx)]


_NO_VERDICT_SUBJECTS = {"i", "we", "you", "they", "them", "there", "who", "which", "that", "this", "these",
                        "those", "what", "one"}


def verdict(st: EntryState, stmt: Statement, tok: Token) -> None:
    """'Y is/was <judging words>' or 'X <verb> <quoted judging words>' inside a statement.

    An entity subject may be judged by any verb ("the council 'should be
    ashamed'"); a plain noun phrase only by a copula, and only by the
    words that head the complement ("the fee was 'a cruel tax ...'").
    """
    subj = child(tok, ("nsubj",)) or child(tok, ("nsubjpass",))   # "Y has been 'shamed'"
    if subj is None or subj.lower_ in _NO_VERDICT_SUBJECTS or has_mark(tok):
        return
    copula = tok.lower_ in rules()["copulas"]
    judge = stmt.speaker
    nouns = cue_lexicon()["nouns"]
    said_in = next((a for a in tok.ancestors if a.pos_ == "NOUN" and a.lower_ in nouns), None)
    if said_in is not None:     # "X's claim that she was 'an apologist'": X's verdict, not the speaker's
        owner = child(said_in, ("poss",))
        judge = resolve(st, owner) if owner is not None else None
        if not judge:
            return
    target = for_target(tok) if subj.lower_ == "it" else subj
    if target is None:
        return
    key = resolve(st, target)
    if key == judge:
        return
    if key is None and (not copula or target.pos_ not in ("NOUN", "PROPN") or demonstrative(target)
                        or child(tok, ("aux",)) is not None):
        return
    words = verdict_words(tok, subj, shallow=key is None)
    if subj.dep_ == "nsubjpass":
        words = sorted([*words, tok], key=lambda t: t.i)   # the passive verb is the verdict
    words = quoted(st, stmt, words)
    if key and copula and any(w.lower_ in rules()["agreeing_words"] and w.dep_ == "acomp" for w in words):
        predicate = "supports"      # "I think X is right"
    else:
        sign = tone(words) if words else 0
        if sign == 0:
            return
        predicate = "praises" if sign > 0 else "criticises"
    add(st, judge, predicate, target, tok, obj_key=key,
        start=subj.left_edge.idx, end=tok.right_edge.idx + len(tok.right_edge), conf=0.45)


def for_target(tok: Token) -> Token | None:
    """'it would be "reckless" for the council to ...': the judged party is the 'for' object."""
    for head in [tok, *(c for c in tok.children if c.dep_ in ("acomp", "attr"))]:
        o = pobj(child(head, ("prep",), "for"))
        if o is not None:
            return o
    for clause in tok.children:     # "... for the council to press on": 'for' marks a clause
        if clause.dep_ in ("advcl", "ccomp", "xcomp") and has_mark(clause, ("for",)):
            return child(clause, ("nsubj",))
    return None


def demonstrative(tok: Token) -> bool:
    """'this idea', 'that plan': points back at context the claim would lose."""
    det = child(tok, ("det",))
    return det is not None and det.lower_ in ("this", "that", "these", "those")


def verdict_words(tok: Token, subj: Token, shallow: bool) -> list:
    """The words of a clause that can carry its verdict (not the subject, not side clauses).

    ``shallow`` keeps only the complement's head and its own modifiers, so a
    plain noun phrase is judged by what it is called, not by every word around.
    """
    skip = {t.i for t in subj.subtree} | {tok.i}
    for c in tok.children:
        if c.dep_ in ("ccomp", "advcl", "conj", "cc", "mark", "parataxis") or \
                (c.dep_ == "prep" and c.lower_ in ("for", "despite", "after", "before", "because", "with")):
            skip |= {t.i for t in c.subtree}
    for t in tok.subtree:          # "respond to X's comment with 'disgust'": the manner judges nobody here
        if t.dep_ == "prep" and t.lower_ == "with":
            skip |= {x.i for x in t.subtree}
    if not shallow:
        return [t for t in tok.subtree if t.i not in skip]
    words = [c for c in tok.children if c.dep_ == "neg"]
    for comp in tok.children:
        if comp.dep_ in ("attr", "acomp", "oprd") and comp.i not in skip:
            words += [comp, *(c for c in comp.children if c.dep_ in ("amod", "compound", "det", "neg", "advmod"))]
            for prep in (c for c in comp.children if c.dep_ == "prep"):   # "a patch on a rotten roof"
                for o in (c for c in prep.children if c.dep_ == "pobj"):
                    words += [c for c in o.children if c.dep_ == "amod"]
    return sorted(words, key=lambda t: t.i)


def negative_passive(st: EntryState, stmt: Statement, tok: Token) -> None:
    """'betrayed by X', 'misled by X' in a speaker's words: the speaker attacks X."""
    for words in negative_passives().get(tok.lower_, ()):
        if tok.i + len(words) > len(st.doc):
            continue
        if [t.lower_ for t in st.doc[tok.i:tok.i + len(words)]] != words:
            continue
        if child(tok, ("neg",)) is not None or child(tok.head, ("neg",)) is not None:
            return
        agent = child(tok, ("agent",)) or find_prep(tok, "by")
        x = pobj(agent)
        if x is not None and (key := resolve(st, x)) != stmt.speaker:
            add(st, stmt.speaker, "criticises", x, tok, obj_key=key, start=tok.idx,
                end=x.right_edge.idx + len(x.right_edge), conf=0.5)
        return


@cache
def negative_passives() -> dict[str, tuple[list[str], ...]]:
    """The negative passive phrases ("betrayed by", ...) as word lists, keyed by their first word."""
    index: dict[str, list[list[str]]] = {}
    for phrase in rules()["negative_passives"]:
        words = phrase.lower().split()
        index.setdefault(words[0], []).append(words)
    return {k: tuple(v) for k, v in index.items()}


def failures(st: EntryState) -> None:
    """A speaker who reports that someone 'failed to' act criticises them."""
    verbs = set(rules()["failure_verbs"])
    for stmt in st.statements:
        for tok in tokens_in(st.doc, stmt.prov.span.start, stmt.prov.span.end):
            if (tok.lower_ in verbs or failure_phrase(tok)) and tok.pos_ == "VERB":
                subj = child(tok, ("nsubj",))
                if subj is None or subj.pos_ == "PRON":
                    continue
                key = resolve(st, subj)
                if key and key != stmt.speaker:
                    add(st, stmt.speaker, "criticises", subj, tok, obj_key=key, conf=0.5)


def failure_phrase(tok: Token) -> bool:
    """'voted against': reported of a rival, a charge like 'failed to'."""
    for first, second in rules()["failure_phrases"]:
        if tok.lower_ == first and child(tok, ("prep", "prt"), second) is not None:
            return True
    return False
