"""What the stages of one entry share: the entry, its parse, its quotations, the drafts so far.

A statement is drafted by the attribution stage, merged and linked later; the drafts and the
entry's memory of who was named are the state every stage reads. They live for one entry
only, so a stage is a function of this state (and a token), testable on one invented entry.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...resolve.pronouns import EntryMemory
from .. import quotes
from ..quotes import QuoteRun
from ..speakers import SpeakerFinder, cue_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ...entries import Entry

__all__ = ["Draft", "EntryState"]


@dataclass
class Draft:
    """A statement before merging and reply linking: character pieces of the entry's text."""

    speaker: str
    pieces: list[tuple[int, int]]
    kind: str
    cue: str = ""
    venue: str = ""
    addressee: str = ""
    responds_to: str = ""
    question: bool = False
    asked: str = ""                 # who a question is put to, when the text says
    confidence: float = 0.8
    para: int = 0

    @property
    def start(self) -> int:
        return min(a for a, _ in self.pieces)

    @property
    def end(self) -> int:
        return max(b for _, b in self.pieces)


@dataclass
class EntryState:
    """One entry under extraction. ``runs`` are its quotations (marked ones at first; the
    content stage adds unmarked block quotes), ``used_runs`` the ids of runs a cue has taken,
    ``drafts`` the statements found so far and ``memory`` whom the entry has named."""

    finder: SpeakerFinder
    entry: Entry
    doc: Doc
    counsel: str | None = None
    text: str = field(init=False)
    paras: list[tuple[int, int]] = field(init=False)
    runs: list[QuoteRun] = field(init=False)
    used_runs: set[int] = field(default_factory=set)
    drafts: list[Draft] = field(default_factory=list)
    memory: EntryMemory = field(default_factory=EntryMemory)
    lex: dict = field(default_factory=cue_lexicon)
    #: caches: the run index (for :meth:`in_run`), venues by sentence, inverted answerers
    run_index: tuple | None = field(default=None, repr=False)
    venues: dict[int, str] = field(default_factory=dict, repr=False)
    inverted: dict[int, tuple[int, str]] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.text = self.entry.text
        self.paras = quotes.paragraphs(self.text)
        self.runs = quotes.find_quote_runs(self.text)

    @property
    def headline_len(self) -> int:
        """Length of the headline the text starts with (0 without one)."""
        head = self.entry.headline
        return len(head) if head and self.text.startswith(head) else 0

    def para_of(self, pos: int) -> int:
        """Index of the paragraph holding ``pos`` (-1 outside every paragraph)."""
        for i, (a, b) in enumerate(self.paras):
            if a <= pos <= b:
                return i
        return -1

    def in_run(self, pos: int) -> QuoteRun | None:
        """The quote run holding character ``pos`` (bisection over the runs' pieces when disjoint:
        this is asked for every token of the entry)."""
        if self.run_index is None or self.run_index[0] != len(self.runs):
            pieces = sorted((a, b, id(r), r) for r in self.runs for a, b in r.pieces)
            disjoint = all(p[1] <= q[0] for p, q in zip(pieces, pieces[1:]))
            self.run_index = (len(self.runs), [p[0] for p in pieces], pieces, disjoint)
        _, starts, pieces, disjoint = self.run_index
        if disjoint:
            k = bisect_right(starts, pos) - 1
            return pieces[k][3] if k >= 0 and pos < pieces[k][1] else None
        for r in self.runs:
            if any(a <= pos < b for a, b in r.pieces):
                return r
        return None

    def text_of(self, d: Draft) -> str:
        """A draft's words, marks stripped from all but the first piece."""
        return " ".join(quotes.strip_marks(self.text[a:b]) if i else self.text[a:b].strip()
                        for i, (a, b) in enumerate(d.pieces))

    def add(self, d: Draft) -> None:
        """Keep a draft unless a longer one of its speaker holds it; it replaces the shorter
        ones it holds. Its speaker becomes the entry's subject where it begins."""
        if not d.speaker:
            return
        d.pieces = [(a, b) for a, b in d.pieces if b > a]
        if not d.pieces:
            return
        for old in self.drafts:
            if old.speaker == d.speaker and old.start <= d.start and old.end >= d.end:
                return                     # already said, in a longer statement
        self.drafts = [o for o in self.drafts
                       if not (o.speaker == d.speaker and d.start <= o.start and d.end >= o.end)]
        for a, b in d.pieces:
            self.memory.note(a, d.speaker, True)
        self.drafts.append(d)
