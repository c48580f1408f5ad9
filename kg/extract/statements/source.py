"""Stage 2, source: who speaks at a cue.

The speaker is the cue's subject, found in the parse (or where the parser lost it: a
fronted name, a name run into a noun phrase, an inverted "..., shouted someone") and
resolved to an entity by :mod:`kg.extract.speakers` (names, role descriptions, pronouns).
Pronouns need antecedents, so before any cue is read the entry's names and main subjects
are noted in its memory (:func:`prefill_memory`).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...nlp import doc_ents
from ..speakers import cue_lexicon, fronted_questioner
from .cues import is_cue, main_clause

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ..speakers import SpeakerFinder
    from .state import EntryState

__all__ = ["UNNAMED", "own_subject", "subject", "compound_speaker", "inverted_subject",
           "fronted_subject", "speaker", "named_spans", "prefill_memory", "inverted_answerers",
           "last_subject_person", "counsel"]

#: pronouns that give words to nobody in particular ("shouted someone from the gallery")
UNNAMED = frozenset({"someone", "somebody", "anyone", "anybody", "one", "others", "another", "many", "some"})
#: "Answering for the government was X", "Responding to the question is X": an inverted answerer
_INVERTED_ANSWER = re.compile(r"^(?:Answering|Responding|Replying)\b[^.]{0,80}?\b(?:was|were|is|are)\s")


# -- the subject in the parse --------------------------------------------------------------------
def own_subject(tok: Token) -> Token | None:
    """The token's own nominal subject."""
    return next((c for c in tok.children if c.dep_ == "nsubj"), None)


def subject(tok: Token) -> Token | None:
    """The cue's subject. A cue without one ("..., adding:", "and claimed") borrows it from
    the outermost speech verb above it, or from the verb it hangs on ("defended X, saying");
    a main-clause cue whose subject the parser lost behind a fronted phrase ("In the House
    Jane Doe said") takes the name that hangs on it through prepositions only."""
    own = own_subject(tok)
    if own is not None and own.lower_ in ("who", "that") and tok.dep_ == "relcl":
        return tok.head         # "Conservative Jo Doe, who said ...": the one the clause is about
    if own is not None:
        return own
    if compound_speaker(tok) is not None:
        return compound_speaker(tok)
    if tok.tag_ == "VBN" and tok.dep_ not in ("conj", "ROOT"):
        return None               # "when asked to ...": a passive, the asker is someone else
    if tok.dep_ in ("conj", "advcl", "xcomp", "acl", "pcomp"):
        found = None
        cur = tok.head
        for _ in range(6):
            if is_cue(cur) and own_subject(cur) is not None:
                found = own_subject(cur)
            aside = next((c for c in cur.children if c.dep_ == "parataxis" and c.i < tok.i and is_cue(c)
                          and own_subject(c) is not None), None)
            if aside is not None:   # "X is broken, she says, and Y is worse - adding ...": hers
                found = own_subject(aside)
            if cur.head is cur:
                break
            cur = cur.head
        if found is not None:
            return found
        if is_cue(tok.head) and tok.head.dep_ == "ROOT":
            return fronted_subject(tok.head, tok.head.sent.start_char)   # "X (Lab) intervenes, asking"
        if tok.dep_ in ("advcl", "xcomp"):
            # "X has been sacked, tweeting that ...": a passive head's subject speaks too
            return own_subject(tok.head) or compound_speaker(tok.head) or \
                (subject(tok.head) if is_cue(tok.head) else None) or \
                (next((c for c in tok.head.children if c.dep_ == "nsubjpass"), None)
                 if tok.tag_ == "VBG" and tok.i > tok.head.i else None)
        if tok.dep_ == "conj" and tok.head.pos_ == "NOUN" and tok.head.dep_ == "ROOT":
            # "Doe points to X and says ...": the model read "Doe points" as a noun phrase
            return next((c for c in tok.head.children if c.dep_ in ("compound", "amod") and c.is_title
                         and c.i == tok.head.i - 1), None)
        if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX"):
            # "Jane Doe questions X, and says ...": shared; "attacking X and suggesting Y": the
            # subject the first participle borrows
            return own_subject(tok.head) or compound_speaker(tok.head) or \
                (subject(tok.head) if is_cue(tok.head) else None)
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
            return own_subject(tok.head.head)      # "Jane Doe begins by saying ..."
        return None
    if tok.dep_ == "ROOT":
        return fronted_subject(tok, tok.sent.start_char)
    if tok.tag_ == "VBG" and tok.i > 0 and tok.nbor(-1).text == ",":
        # ", insisting ...": the parser hung the participle deep in the clause after it; the one
        # who insists is the sentence's subject
        root_subj = own_subject(tok.sent.root)
        if root_subj is not None and root_subj.i < tok.i:
            return root_subj
    return None


def compound_speaker(tok: Token) -> Token | None:
    """'Doe replies, saying ...': the model read 'Doe replies' as a noun phrase; the name before
    a speech-verb form tagged as a noun is its subject."""
    if tok.pos_ == "NOUN" and tok.lower_ in cue_lexicon()["forms"] and tok.i > 0 \
            and tok.nbor(-1).dep_ == "compound" and tok.nbor(-1).is_title:
        return tok.nbor(-1)
    return None


def inverted_subject(tok: Token) -> Token | None:
    """'..., shouted someone from the gallery': the speaker after an inverted cue (parsed as an object)."""
    return next((c for c in tok.children if c.dep_ in ("dobj", "nsubj", "attr") and c.i > tok.i), None)


def fronted_subject(tok: Token, lo: int = 0) -> Token | None:
    """The name a cue's lost subject most likely is: the first name before the cue (from
    offset ``lo``, the paragraph start) with no finite verb between them once
    comma-enclosed asides ("Jane Doe, who chairs the committee, said") are removed."""
    doc = tok.doc
    for label_group in (("PERSON",), ("ORG", "BODY", "PARTY")):
        for ent in doc_ents(doc):
            if ent.start_char < lo or ent.end > tok.i or ent.label_ not in label_group:
                continue
            if ent.label_ == "PARTY" and ent.end < len(doc) and doc[ent.end].lower_ in cue_lexicon()["person_nouns"]:
                continue        # "Tory peer calls for ...": the party describes the speaker, is not it
            gap = list(doc[ent.end:tok.i])
            depth, kept = 0, []
            for t in gap:
                if t.text in (",", "–", "—", "(", ")"):
                    depth = 1 - depth if t.text not in ("(", ")") else (1 if t.text == "(" else 0)
                    continue
                if depth == 0:
                    kept.append(t)
            if any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") or t.text == "\n" for t in kept):
                continue
            return ent.root
    return None


def past_fronted_phrase(subj: Token) -> Token:
    """'Facing questions from X, Y said': the parser may take X for the subject and Y for its
    apposition; the one who speaks is the name after the opening phrase's comma."""
    asker = fronted_questioner(subj.sent)
    if asker is None or subj.i > asker.i:
        return subj
    appos = next((c for c in subj.children if c.dep_ == "appos" and c.i > asker.i), None)
    return appos if appos is not None else subj


#: sentences in the writer's own voice: "It's worth noting", "It is understood", "It emerged"
_IMPERSONAL = re.compile(r"\s*It(?:['’]s| is| was| has)?\s+(?:also\s+|now\s+|still\s+)?(?:worth|understood|"
                         r"emerged|clear|thought|believed|expected|said|reported|fair|important|notable)\b", re.I)


# -- the speaker as an entity --------------------------------------------------------------------
def speaker(st: EntryState, cue_tok: Token) -> tuple[str | None, float]:
    """The entity speaking at a cue and how sure we are (a pronoun less than a name); the
    speaker becomes the entry's subject where it is named."""
    subj = subject(cue_tok)
    para = st.para_of(cue_tok.idx)
    pa = st.paras[para][0] if para >= 0 else 0
    if subj is not None and subj.idx < pa:
        # the parser ran a headline into this paragraph; look inside the paragraph only
        subj = fronted_subject(cue_tok, pa)
    if subj is None:
        return None, 0.0
    if subj.lower_ == "it" and _IMPERSONAL.match(cue_tok.sent.text):
        return None, 0.0        # "It's also worth noting that ...": the blog's own voice
    subj = past_fronted_phrase(subj)
    key = st.finder.resolve_token(subj, st.memory, None)
    conf = 0.7 if subj.lower_ in ("he", "she", "they", "it") else 0.85
    if key:
        st.memory.note(subj.idx, key, True)
    return key, conf


def last_subject_person(st: EntryState, pos: int) -> str | None:
    """The last person the entry made a main subject before ``pos``."""
    for _, key, subj in reversed(st.memory.before(pos)):
        if subj and st.finder.is_person(key):
            return key
    return None


def named_spans(st: EntryState) -> list[Span]:
    """The model's entities plus the names resolution found that the model missed
    ('Jane Doe' written again, a bare surname), as spans of this entry's parse."""
    spans = list(doc_ents(st.doc))
    taken = {(e.start_char, e.end_char) for e in spans}
    for start, end, _key, _type in st.finder.resolver.spans_in(st.entry.id):
        if (start, end) in taken or any(e.start_char <= start < e.end_char for e in spans):
            continue
        span = st.doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    return sorted(spans, key=lambda e: e.start_char)


def inverted_answerers(st: EntryState) -> dict[int, tuple[int, str]]:
    """'Answering for the government was the minister Jane Doe.': name offset -> (sentence
    offset, name), by the words alone (the parser reads such a sentence every which way).
    Computed once per entry."""
    if st.inverted is None:
        st.inverted = {}
        spans = None
        for sent in st.doc.sents:
            m = _INVERTED_ANSWER.match(sent.text)
            if m is None:
                continue
            after = sent.start_char + m.end()
            spans = named_spans(st) if spans is None else spans
            for ent in spans:
                if after <= ent.start_char < sent.end_char:
                    st.inverted[ent.start_char] = (sent.start_char, ent.text)
                    break
    return st.inverted


def _before_first_verb(st: EntryState, ent: Span) -> bool:
    """A name ahead of its sentence's first verb is, in news prose, that sentence's subject."""
    sent = ent.sent
    lo = max(sent.start_char, max((a for a, _ in st.paras if a <= ent.start_char), default=0))
    toks = [t for t in sent if lo <= t.idx < ent.start_char]
    if any(t.pos_ in ("VERB", "AUX") or t.text in ("“", '"') for t in toks):
        return False
    return any(t.pos_ in ("VERB", "AUX") for t in sent if t.i >= ent.end)


def prefill_memory(st: EntryState) -> None:
    """Note, before any cue is read, every name of the entry outside quotations (marking the
    main subjects), the voices of bodies ("the council's spokeswoman") and pronoun chains:
    the antecedents a cue's "he" or "the minister" resolves to."""
    st.memory.sent_starts = sorted({sent.start_char for sent in st.doc.sents} | {a for a, _ in st.paras})
    st.memory.headline_end = st.headline_len
    para_starts = {a for a, _ in st.paras}
    for ent in named_spans(st):
        if st.in_run(ent.start_char):
            continue        # a name inside a quotation is what was said, not who is speaking
        key = st.finder.lookup(ent.text)
        subj = any((t.dep_ in ("nsubj", "nsubjpass") or t.head.dep_ == "nsubj" and t.dep_ == "appos")
                   and (main_clause(t.head) or is_cue(t.head) or t.dep_ == "appos") for t in ent) \
            or ent.start_char in inverted_answerers(st) \
            or ent.start_char in para_starts or _before_first_verb(st, ent)
        st.memory.note(ent.start_char, key, subj)
    voices = st.lex["voice_nouns"]
    for tok in st.doc:        # "the council's spokeswoman would not comment": a voice of the body
        if tok.lower_ in voices and tok.dep_ in ("nsubj", "nsubjpass") and not st.in_run(tok.idx):
            key = st.finder.resolve_token(tok, st.memory)
            if key and not st.finder.is_person(key):
                st.memory.voices[key] = voices[tok.lower_]
                st.memory.note(tok.idx, key, True)
    # pronoun chains: "Jane Doe gets a question. She is struggling. She says ..." keeps Jane
    # Doe the subject, however many sentences the chain runs
    for tok in st.doc:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.lower_ in ("he", "she") and tok.head.dep_ == "ROOT" \
                and tok.i - tok.sent.start <= 1 and not st.in_run(tok.idx):
            key = st.finder.resolve_pronoun(tok.lower_, tok.idx, st.memory)
            if key:
                st.memory.note(tok.idx, key, True)


# -- the document's questioner -------------------------------------------------------------------
def counsel(ctx, finder: SpeakerFinder) -> str | None:
    """The person who puts the 'Q:' lines: named next to 'counsel', 'KC' and the like."""
    words = set(cue_lexicon()["questioner_words"])
    for doc in ctx.parsed:
        for sent in doc.sents:
            if not any(t.lower_ in words for t in sent):
                continue
            for ent in sent.ents:
                if ent.label_ == "PERSON":
                    key = finder.lookup(ent.text)
                    if key and finder.is_person(key):
                        return key
    return None
