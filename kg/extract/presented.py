"""Presented words: paragraphs a live blog hands over to someone without a speech verb.

Born here: direct statements whose speaker is named by a *presenter* line rather than by a cue
in the sentence. Live blogs paste in other people's words under a short introduction:

* "This is from Jane Doe, the paper's political editor." / "Here's John Roe, the committee
  chair." / "From the union's leader, Mary Jones" / "Here is the complete text of Jane
  Doe's speech." -- the paragraphs that follow are that person's words;
* an embedded post rendered as text: a line that is just a name ("Jane Doe MP"), the post, then
  a date line ("March 3, 2024") that closes it.

The forms are data (``presenters`` and ``embed_date_lines`` in ``kg/data/cues.json``). Sentences
that another statement already covers, or that attribute words to someone else ("one MP tells
me ..."), are left out; what remains, run by run, is the presenter's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..facts import Provenance, Span, Statement
from ..nlp import doc_ents
from .speakers import SpeakerFinder, cue_lexicon, verb_lemma

__all__ = ["extract_presented"]

EXTRACTOR = "kg.statements.presented.v1"
#: a presenter sentence must name its speaker within this many characters of its start
_MAX_PRESENTER_CHARS = 240
#: an embedded post is at most this many lines between its name line and its date line
_MAX_EMBED_LINES = 4
_FIRST_PERSON_SUBJECTS = {"i", "we"}
_ACTOR_TYPES = ("Person", "Party", "Body")
_CLOSERS = (".", "!", "?", "”", '"', "’", "'", ":", ";", ",", ")", "…")


@cache
def _patterns() -> tuple[list[tuple[re.Pattern, bool]], re.Pattern]:
    lex = cue_lexicon()
    presenters = [(re.compile(p["pattern"]), p.get("own_line", True)) for p in lex["presenters"]]
    dates = re.compile(lex["embed_date_lines"], re.IGNORECASE)
    return presenters, dates


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, stripped."""
    out, pos = [], 0
    for raw in text.split("\n"):
        a = pos + len(raw) - len(raw.lstrip())
        b = pos + len(raw.rstrip())
        if b > a:
            out.append((a, b))
        pos += len(raw) + 1
    return out


@dataclass
class _Entry:
    """One parsed entry, with what every helper reads computed once (spaCy rebuilds
    ``doc.text`` and ``doc.sents`` on every access)."""

    text: str
    sents: list
    ents: list


def _actor_in(finder: SpeakerFinder, page: _Entry, a: int, b: int) -> str | None:
    """The actor named in text[a:b]: a person before a body ('the BBC's Jane Doe' is Jane Doe)."""
    best = None
    for ent in page.ents:
        if ent.start_char < a or ent.end_char > b:
            continue
        key = finder.lookup(ent.text)
        entity = finder.entities.get(key) if key else None
        if entity is None or entity.type not in _ACTOR_TYPES:
            continue
        if entity.type == "Person":
            return key
        best = best or key
    if best is None:
        key = finder.lookup(page.text[a:b].strip(" ,.:;"))
        entity = finder.entities.get(key) if key else None
        if entity is not None and entity.type in _ACTOR_TYPES:
            return key
    return best


def _presenter(finder: SpeakerFinder, page: _Entry, a: int, b: int) -> tuple[str, int] | None:
    """(speaker key, end of the presenter sentence) when the line opens with a presenter."""
    presenters, _ = _patterns()
    sent = next((s for s in page.sents if s.start_char <= a < s.end_char), None)
    end = min(sent.end_char, b) if sent is not None else b
    text = page.text[a:end]
    if len(text) > _MAX_PRESENTER_CHARS:
        return None
    if sent is not None and sent.root.pos_ == "VERB":
        return None         # "From Monday, the rules change": a clause of its own, not an introduction
    own_line = not page.text[end:b].strip()
    for pattern, needs_own_line in presenters:
        m = pattern.match(text.strip())
        if m is None or (needs_own_line and not own_line):
            continue
        offset = a + (len(text) - len(text.lstrip()))
        key = _actor_in(finder, page, offset + m.start("who"), offset + m.end("who"))
        if key:
            return key, end
    return None


def _badge(finder: SpeakerFinder, page: _Entry, a: int, b: int) -> str | None:
    """The person a name-only line names ('Jane Doe MP', 'Jane Doe (@janedoe)')."""
    line = page.text[a:b]
    name = re.sub(r"\s*(\(?@\w+\)?|\bMP\b|\bMSP\b|\bMS\b|\bMEP\b)\s*$", "", line).strip(" ,.:")
    if not name or len(name.split()) > 5 or name[:1].islower():
        return None
    key = finder.lookup(name)
    return key if key and finder.is_person(key) else None


def _elsewhere(sent) -> bool:
    """A sentence that gives words to someone other than the writer: 'one MP tells me ...'."""
    forms = cue_lexicon()["forms"]
    tok = sent.root
    if tok.lower_ in forms or verb_lemma(tok) in forms:
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subj is not None and subj.lower_ not in _FIRST_PERSON_SUBJECTS
    return False


def _heading(line: str) -> bool:
    """A short line without closing punctuation: the next post's headline or a section label."""
    words = line.split()
    return len(words) < 20 and line[:1].isupper() and not line.rstrip().endswith(_CLOSERS)


def _runs(page: _Entry, lines: list[tuple[int, int]], covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs of consecutive free sentences (not covered, not attributed), across lines: one
    presented text is one statement, split only where someone else's words come between."""
    out, run = [], None
    for a, b in lines:
        for sent in page.sents:
            if sent.end_char <= a or sent.start_char >= b:
                continue
            s, e = max(sent.start_char, a), min(sent.end_char, b)
            if any(x < e and s < y for x, y in covered) or _elsewhere(sent):
                if run:
                    out.append(run)
                run = None
            else:
                run = (run[0], e) if run else (s, e)
    if run:
        out.append(run)
    return out


def extract_presented(finder: SpeakerFinder, entry, doc, statements: list[Statement]) -> list[Statement]:
    """Direct statements of the words an entry presents (see the module docstring)."""
    _, dates = _patterns()
    text = entry.text
    lines = _lines(text)
    if len(lines) < 2:
        return []           # nothing can follow a presenter or a name line
    page = _Entry(text, list(doc.sents), list(doc_ents(doc)))
    covered = [(s.prov.span.start, s.prov.span.end) for s in statements if s.prov.entry_id == entry.id]
    regions: list[tuple[str, list[tuple[int, int]]]] = []
    i = 0
    while i < len(lines):
        a, b = lines[i]
        found = _presenter(finder, page, a, b)
        if found:
            owner, end = found
            body = []           # the rest of the presenter's own line is the writer's comment
            j = i + 1
            while j < len(lines):
                x, y = lines[j]
                badge = _badge(finder, page, x, y)
                if dates.match(text[x:y]) or (badge is None and _heading(text[x:y])) \
                        or _presenter(finder, page, x, y):
                    break
                if badge is None:
                    body.append((x, y))
                elif badge != owner:
                    break
                j += 1
            regions.append((owner, body))
            i = j
            continue
        owner = _badge(finder, page, a, b)
        close = next((k for k in range(i + 1, min(i + 2 + _MAX_EMBED_LINES, len(lines)))
                      if dates.match(text[lines[k][0]:lines[k][1]])), None)
        if owner and close is not None and close > i + 1:
            regions.append((owner, lines[i + 1:close]))
            i = close + 1
            continue
        i += 1
    out = []
    for owner, body in regions:
        for s, e in _runs(page, body, covered):
            words = text[s:e].strip()
            if len(words.split()) < 4:
                continue
            about = tuple(dict.fromkeys(
                k for ent in page.ents if s <= ent.start_char and ent.end_char <= e
                and (k := finder.lookup(ent.text)) and k != owner))
            out.append(Statement(speaker=owner, text=re.sub(r"\s+", " ", words), kind="direct",
                                 prov=Provenance(entry.id, Span(s, e), EXTRACTOR, 0.55), about=about))
    return out
