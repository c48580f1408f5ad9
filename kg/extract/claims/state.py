"""What the claim stages of one entry share: the entry, its parse, its statements, the claims so far.

Every stage reads the same few things: the entry's text and parse, the memory of whom it
named (for pronouns), its statements (whose words are where) and the claims already made
(a later one may point back at a proposal). They live for one entry only, so a stage is a
function of this state and a token, testable on one invented entry. :func:`record` is the
one place a claim joins the entry's output: evidence cut to the trigger's sentence, one
claim per subject, predicate and object, and a span no other claim of its predicate uses.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...facts import Claim, Provenance, Span, Statement
from ...resolve.pronouns import EntryMemory
from ..speakers import SpeakerFinder
from .tree import rules

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span as Sent, Token

    from ...entries import Entry

__all__ = ["EXTRACTOR", "EntryState", "record", "evidence_of", "unique_span", "is_question", "in_quotes"]

EXTRACTOR = "kg.claims.v1"
_MAX_EVIDENCE_WORDS = 80


@dataclass
class EntryState:
    """One entry under extraction. ``statements`` are the entry's own (they give "I" and "we"
    their speaker), ``out`` the claims found so far, ``seen`` their (subject, predicate,
    object) keys and ``spans`` the (predicate, start, end) spans they use."""

    finder: SpeakerFinder
    entry: Entry
    doc: Doc
    memory: EntryMemory
    statements: list[Statement] = field(default_factory=list)
    text: str = field(init=False)
    out: list[Claim] = field(default_factory=list)
    seen: set[tuple] = field(default_factory=set)
    spans: set[tuple[str, int, int]] = field(default_factory=set)
    #: cache: whether the sentence starting at a token index is a question
    questions: dict[int, bool] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.text = self.entry.text

    def speaker_at(self, pos: int) -> str | None:
        """The speaker of the narrowest statement holding ``pos`` (whose "I" is there)."""
        hits = [s for s in self.statements if s.prov.span.start <= pos < s.prov.span.end]
        return min(hits, key=lambda s: s.prov.span.end - s.prov.span.start).speaker if hits else None

    def quoted_speaker(self, pos: int) -> str | None:
        """The speaker whose own quoted words are at ``pos`` (a direct statement, or the quoted
        part of an indirect one)."""
        for stmt in self.statements:
            if stmt.prov.span.start <= pos < stmt.prov.span.end and (stmt.kind == "direct" or in_quotes(self.text, pos)):
                return stmt.speaker
        return None

    def is_question(self, sent: Sent) -> bool:
        """:func:`is_question`, once per sentence (statement scans ask for each token's sentence)."""
        known = self.questions.get(sent.start)
        if known is None:
            known = self.questions[sent.start] = is_question(sent)
        return known


def is_question(sent: Sent) -> bool:
    """A question asserts nothing, unless it is a courtesy formula ("May I thank X ...?")."""
    if not sent.text.rstrip().rstrip("”\"’'").endswith("?"):
        return False
    words = [t.lower_ for t in sent if t.is_alpha][:2]
    return " ".join(words) not in rules()["performative_openers"]


def in_quotes(text: str, pos: int) -> bool:
    """Whether offset ``pos`` sits inside a double-quoted (or ‘curly single’) run of its paragraph."""
    start = text.rfind("\n", 0, pos) + 1
    before = text[start:pos]
    if before.count("“") > before.count("”"):
        return True
    if before.count('"') % 2 == 1:
        return True
    opens = len(re.findall(r"(?:^|[\s(\[])‘", before))
    closes = len(re.findall(r"’(?=[\s.,;:!?)\]]|$)", before))
    return opens > closes


def evidence_of(text: str, anchor: Token, start: int | None, end: int | None) -> tuple[int, int, str]:
    """The evidence of a claim triggered at ``anchor``: its sentence within its paragraph
    (where a gold-style reader looks), widened to ``start``-``end`` inside that paragraph,
    at most 80 words. Returns the span's bounds and its words."""
    sent = anchor.sent
    para_start = text.rfind("\n", 0, anchor.idx) + 1
    para_end = text.find("\n", anchor.idx)
    para_end = len(text) if para_end < 0 else para_end
    lo, hi = max(sent.start_char, para_start), min(sent.end_char, para_end)
    if start is not None and end is not None and end - start > 0:
        lo, hi = min(lo, max(start, para_start)), max(hi, min(end, para_end))
    evidence = text[lo:hi].strip()
    words = evidence.split()
    if len(words) > _MAX_EVIDENCE_WORDS:
        evidence = " ".join(words[:_MAX_EVIDENCE_WORDS])
    return lo, hi, evidence


def unique_span(st: EntryState, predicate: str, lo: int, hi: int, anchor: Token, obj_tok: Token | None) -> Span:
    """The evidence span, or a run inside it, that no other claim of this predicate uses.

    Why: a claim's node is named after its entry, span and predicate, so two
    claims read from one sentence ("pleas from X and Y for Z") would merge into one
    node with two subjects; a narrower span (trigger onwards, the trigger, the
    object) keeps them apart.
    """
    a = anchor.idx
    tries = [(lo, hi), (a, hi), (a, a + len(anchor)), (lo, a + len(anchor))]
    if obj_tok is not None:
        tries += [(obj_tok.idx, hi), (min(a, obj_tok.idx), max(a + len(anchor), obj_tok.idx + len(obj_tok)))]
    tries += [(lo + i, hi) for i in range(1, 20)]
    for start, end in tries:
        if lo <= start < end <= hi and (predicate, start, end) not in st.spans:
            st.spans.add((predicate, start, end))
            return Span(start, end)
    return Span(lo, hi)


def record(st: EntryState, subj_key: str, predicate: str, obj_key: str | None, obj_text: str, anchor: Token,
           obj_tok: Token | None, start: int | None = None, end: int | None = None, conf: float = 0.6) -> None:
    """Add a claim whose subject and object are settled, once per (subject, predicate, object)."""
    lo, hi, evidence = evidence_of(st.text, anchor, start, end)
    key = (subj_key, predicate, obj_key or obj_text.lower())
    if key in st.seen:
        return
    st.seen.add(key)
    span = unique_span(st, predicate, lo, max(hi, lo), anchor, obj_tok)
    st.out.append(Claim(subject=subj_key, predicate=predicate, evidence=evidence,
                        prov=Provenance(st.entry.id, span, EXTRACTOR, conf),
                        object=obj_key or "", object_text="" if obj_key else obj_text))
