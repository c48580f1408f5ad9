"""Direct and reported speech: who said what, to whom, where, and in reply to whom.

Born here: :class:`~kg.facts.Statement`, in stages, each a module of this package working
on one entry's :class:`~.state.EntryState`:

1. :mod:`.cues`: the words that announce speech: speech verbs from ``data/cues.json``
   (said, told, replied, asked ...), speech nouns ("X's claim that"), "according to X",
   tabled questions, ``Q:`` lines;
2. :mod:`.source`: the cue's subject, resolved by :mod:`kg.extract.speakers` (names, role
   descriptions, pronouns, "the union"), with the entry's names noted first as antecedents;
3. :mod:`.content`: what was said: quoted runs (:mod:`kg.extract.quotes`), unmarked block
   quotes after a line ending in a colon, a cue's complement clause, the rest of a sentence;
4. :mod:`.attribution`: cue, source and content become drafts; headlines and recaps speak
   too ("words - Doe", "Doe: words", "Party to scrap X"), and quotations with no cue
   continue the previous speaker;
5. :mod:`.replies`: replies within the entry ("Doe replied:", "In response", "X answering
   Y", question-and-answer turns); across entries, :mod:`kg.extract.replies`.

Reported speech keeps its reporting verb phrase ("has defended ..."), as a reader would
quote it. One statement per quote run and per paragraph and speaker: consecutive pieces a
speaker says in one paragraph are one statement (:func:`merge_drafts`).
"""
from __future__ import annotations

from dataclasses import replace

from ...facts import Provenance, Span, Statement
from ...nlp import doc_ents
from ..presented import extract_presented
from ..replies import link_replies
from ...resolve.pronouns import EntryMemory
from ..speakers import SpeakerFinder
from . import attribution
from .content import block_quotes, statement_text
from .cues import find_cues, question_lines
from .replies import link_entry_replies
from .source import counsel as find_counsel
from .source import prefill_memory
from .state import Draft, EntryState

__all__ = ["EXTRACTOR", "add_statements", "extract_entry_statements", "entry_memory", "open_entry",
           "entry_drafts", "merge_drafts", "speaker_finder"]

EXTRACTOR = "kg.statements.v1"

#: what to do at each kind of cue (see :func:`.cues.find_cues`)
_AT_CUE = {"according": attribution.according, "verb": attribution.attribute_cue,
           "noun": attribution.speech_noun, "tabled": attribution.tabled_question}


def open_entry(finder: SpeakerFinder, entry, doc, counsel: str | None = None) -> EntryState:
    """An entry ready for its cues: its names noted in memory, skipping those inside marked
    quotations only (a name in an unmarked block quote is still noted), then its block
    quotes added to its runs, all in reading order."""
    st = EntryState(finder, entry, doc, counsel)
    prefill_memory(st)
    st.runs.extend(block_quotes(st))
    st.runs.sort(key=lambda r: r.open_at)
    return st


def entry_drafts(st: EntryState) -> list[Draft]:
    """Run the stages on one entry: question lines, every cue in reading order, the
    attributions without a cue, then the entry's replies."""
    qlines = question_lines(st)
    attribution.question_line_drafts(st, qlines)
    for kind, tok in find_cues(st, sorted(qlines)):
        _AT_CUE[kind](st, tok)
    attribution.quote_label_lines(st)
    attribution.orphan_runs(st)
    attribution.sandwiched(st)
    attribution.headline_quote(st)
    attribution.labelled_lines(st)
    attribution.summary_plans(st)
    link_entry_replies(st)
    return [d for d in st.drafts if not _belief_in_report(d, st.drafts)]


#: cue lemmas of thought rather than speech: inside another's report ("X says Y, suggesting
#: they believe Z") they are what the reporter says of them, not words of theirs
_THOUGHT = frozenset({"believe", "think", "feel", "know", "want", "hope", "fear", "expect"})


def _belief_in_report(d: Draft, drafts: list[Draft]) -> bool:
    """A thought cue whose words sit inside another speaker's statement."""
    return d.cue in _THOUGHT and any(
        o is not d and o.speaker != d.speaker and any(a <= d.start and d.end <= b for a, b in o.pieces)
        for o in drafts)


def _union(pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pieces of one statement with overlaps joined: a cue inside another cue's words ("the staff
    who he admits are anxious") must not repeat the words they share."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(set(pieces)):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def merge_drafts(drafts: list[Draft]) -> list[Draft]:
    """Consecutive statements of one speaker in one paragraph are one statement."""
    out: list[Draft] = []
    for d in sorted(drafts, key=lambda d: d.start):
        prev = out[-1] if out else None
        if prev is not None and prev.speaker == d.speaker and prev.para == d.para and d.para >= 0:
            prev.pieces = _union(prev.pieces + d.pieces)
            prev.kind = "direct" if "direct" in (prev.kind, d.kind) else "indirect"
            prev.responds_to = prev.responds_to or d.responds_to
            prev.venue = prev.venue or d.venue
            prev.addressee = prev.addressee or d.addressee
            prev.cue = prev.cue or d.cue
            prev.question = prev.question or d.question
            prev.confidence = max(prev.confidence, d.confidence)
            continue
        out.append(replace(d, pieces=list(d.pieces)))
    return out


def _about(finder: SpeakerFinder, doc, pieces, speaker: str) -> tuple[str, ...]:
    """Entities named inside a statement's pieces, other than its speaker."""
    keys = []
    for ent in doc_ents(doc):
        if any(a <= ent.start_char and ent.end_char <= b for a, b in pieces):
            key = finder.lookup(ent.text)
            if key and key != speaker and key not in keys:
                keys.append(key)
    return tuple(keys)


def extract_entry_statements(finder: SpeakerFinder, entry, doc, counsel: str | None = None,
                             page_end: bool = False) -> list[Statement]:
    """Statements of one parsed entry (see the module docstring for the stages); ``page_end``
    says the entry runs to the end of the page (where a copied page is often cut)."""
    drafts = merge_drafts(entry_drafts(open_entry(finder, entry, doc, counsel)))
    out = []
    for d in drafts:
        text = statement_text(entry.text, d.pieces)
        if len(text.split()) < 1 or _cut_short(entry.text, d, text, page_end):
            continue
        prov = Provenance(entry.id, Span(d.start, d.end), EXTRACTOR, round(min(max(d.confidence, 0.1), 1.0), 2))
        out.append(Statement(speaker=d.speaker, text=text, kind=d.kind, prov=prov, cue=d.cue,
                             venue=d.venue, addressee=d.addressee, responds_to=d.responds_to,
                             about=_about(finder, doc, d.pieces, d.speaker), question=d.question,
                             asked=d.asked if finder.is_person(d.asked) else ""))
    return out


#: short words that end a sentence whole
_SHORT_WORDS = frozenset("a i an to of in on at is it be we he me my no so up us or by do go as if".split())


def _cut_short(text: str, d: Draft, words: str, page_end: bool) -> bool:
    """Words that run into a page cut mid-word ("has revealed he will b") before they said
    anything: fewer than seven words, ending the entry without a stop, in the entry that ends
    the page or on a fragment no word ends with."""
    body = text.rstrip()
    if d.end < len(body) or not body[-1:].isalpha() or len(words.split()) >= 7:
        return False
    last = body.split()[-1].lower()
    return page_end or (len(last) <= 2 and last not in _SHORT_WORDS)


def speaker_finder(ctx, facts) -> SpeakerFinder:
    """The document's speaker finder, told the posts and parties found so far (so "the
    minister" and "the Labour MP" can name the person who holds them)."""
    finder = SpeakerFinder(ctx)
    for r in facts.roles:
        finder.post_heads.setdefault(r.person, set()).add(r.role.split()[-1].lower())
    for m in facts.memberships:
        finder.parties.setdefault(m.person, set()).add(m.party)
    return finder


def add_statements(ctx, facts) -> None:
    """Append every statement of the document to ``facts.statements``."""
    finder = speaker_finder(ctx, facts)
    counsel = find_counsel(ctx, finder)
    found: list[Statement] = []
    last = max(ctx.doc.entries, key=lambda e: e.source_end, default=None)
    for entry, doc in ctx.pairs():
        own = extract_entry_statements(finder, entry, doc, counsel, page_end=entry is last)
        found.extend(own)
        found.extend(extract_presented(finder, entry, doc, own))
    headlines = {e.id: len(e.headline) for e in ctx.doc.entries if e.headline and e.text.startswith(e.headline)}
    facts.statements.extend(link_replies(found, {e.id: e.ordinal for e in ctx.doc.entries},
                                         {e.id for e in ctx.doc.entries if e.is_summary}, headlines))


def entry_memory(finder: SpeakerFinder, entry, doc) -> EntryMemory:
    """The entities an entry names, in order, with main subjects marked (for claims)."""
    return open_entry(finder, entry, doc, None).memory
