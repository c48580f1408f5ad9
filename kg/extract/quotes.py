"""Quotation marks -> quoted runs: character spans of quoted words in an entry's text.

Pure string code, no spaCy, so every rule about marks is testable on its own.
Live blogs set quotes in several ways; the rules here follow the print
conventions they borrow:

* double marks (curly or straight) are the primary quotes; single marks inside
  them are nested quotes and stay part of the run;
* a paragraph with no double mark may use single marks as primary (headlines);
  a closing single mark is told from an apostrophe by position, and the last
  candidate before the next opening wins (``'A vandals' charter'``);
* a quote that spans paragraphs leaves the closing mark off each paragraph and
  reopens the next one with an opening mark; a paragraph that neither closes
  nor is followed by a reopened paragraph ends an unmatched run at its end.
"""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["QuoteRun", "find_quote_runs", "paragraphs", "strip_marks"]

_OPEN_D = "“„"
_CLOSE_D = "”‟"
_OPEN_S = "‘‚"
_CLOSE_S = "’"
_BEFORE_OPEN = set(" \t\n([{—–-/:") | {""}
_MARKS = "\"'“”‘’„‚‟"


@dataclass
class QuoteRun:
    """One quotation: content pieces (one per paragraph, marks excluded)."""

    open_at: int                  # offset of the opening mark (or content start if unmarked)
    close_at: int                 # offset just past the closing mark (or content end)
    pieces: list[tuple[int, int]] = field(default_factory=list)
    marked: bool = True
    closed: bool = True

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]

    def text(self, source: str) -> str:
        return "\n".join(source[a:b].strip() for a, b in self.pieces).strip()

    def contains(self, pos: int) -> bool:
        return self.open_at <= pos < self.close_at


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty lines as (start, end) offsets; Entry.text keeps one paragraph per line."""
    out, pos = [], 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            out.append((pos, end))
        pos = end + 1
    return out


def strip_marks(text: str) -> str:
    return text.strip().strip(_MARKS + " ,").strip()


def _prev(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else ""


def _next(text: str, i: int) -> str:
    return text[i + 1] if i + 1 < len(text) else ""


def _opens_double(text: str, i: int) -> bool:
    c = text[i]
    if c in _OPEN_D:
        return True
    return c == '"' and _prev(text, i) in _BEFORE_OPEN and _next(text, i) not in ("", " ", "\n")


def _opens_single(text: str, i: int) -> bool:
    c = text[i]
    if c not in _OPEN_S and c != "'":
        return False
    return _prev(text, i) in _BEFORE_OPEN and _next(text, i) not in ("", " ", "\n")


def _closes_single(text: str, i: int) -> bool:
    c = text[i]
    if c not in _CLOSE_S and c != "'":
        return False
    before, after = _prev(text, i), _next(text, i)
    if not before or before.isspace():
        return False
    if before.isalnum() and after.isalnum():
        return False          # an apostrophe inside a word: don't, Doe's
    return True


def _close_double(text: str, i: int, end: int) -> int | None:
    """Offset of the closing double mark at or after ``i`` within the paragraph."""
    for k in range(i, end):
        c = text[k]
        if c in _CLOSE_D or c == '"':
            return k
        if c in _OPEN_D and k > i:
            return None       # a new opening before any close: the earlier quote is unmatched
    return None


def _close_single(text: str, i: int, end: int) -> int | None:
    """The last closing single-mark candidate before the next opening one."""
    best = None
    for k in range(i, end):
        if _closes_single(text, k):
            best = k
        elif _opens_single(text, k) and best is not None:
            break
    return best


def _has_double(text: str, start: int, end: int) -> bool:
    return any(text[k] in _OPEN_D + _CLOSE_D or text[k] == '"' for k in range(start, end))


def find_quote_runs(text: str) -> list[QuoteRun]:
    """All quoted runs in ``text``, in order (see the module docstring for the rules)."""
    paras = paragraphs(text)
    runs: list[QuoteRun] = []
    p = 0
    while p < len(paras):
        start, end = paras[p]
        single_mode = not _has_double(text, start, end)
        k = start
        carried = False
        while k < end:
            opens = _opens_single(text, k) if single_mode else _opens_double(text, k)
            if not opens:
                k += 1
                continue
            run = QuoteRun(open_at=k, close_at=end)
            content_start = k + 1
            q, pend = p, end
            while True:
                close = (_close_single if single_mode else _close_double)(text, content_start, pend)
                if close is not None:
                    run.pieces.append((content_start, close))
                    run.close_at = close + 1
                    break
                run.pieces.append((content_start, pend))
                run.close_at = pend
                nxt = paras[q + 1] if q + 1 < len(paras) else None
                if single_mode or nxt is None or not _opens_double(text, nxt[0]):
                    run.closed = False
                    break
                q += 1
                content_start, pend = nxt[0] + 1, nxt[1]
            run.pieces = [(a, b) for a, b in run.pieces if b > a]
            if run.pieces:
                runs.append(run)
            if q != p:
                p, carried = q, True
                start, end = paras[p]
            k = run.close_at
        p += 1
        del carried
    return runs
