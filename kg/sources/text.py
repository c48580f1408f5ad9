"""The plain-text live-blog reader: copy-pasted or scraped page dumps.

Two layouts are recognised from the text itself:

* **share-closed** (Guardian mirrors): a block ends with a ``Share`` line,
  optionally followed by ``Updated at 18.27 GMT``, the update time of the block
  it closes;
* **time-led** (Guardian live pages, BBC live, hearing write-ups): a bare time
  (``12.41pm GMT``, ``10.02am``, ``Title published at 13:44 GMT``) opens a block.

Lines are classified one by one (time, furniture, byline, text); furniture is
dropped from ``Entry.text`` but stays in ``Entry.raw``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from ..data import load
from ..entries import Document, Entry
from . import apply_meta

__all__ = ["parse_text", "parse_clock", "is_byline", "clean_lines", "is_summary_heading", "number_entries"]

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_CLOCK = r"(?P<h>\d{1,2})[.:](?P<m>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?"
_ZONE = r"(?:\s*(?P<tz>GMT|BST|UTC|CET|CEST|Greenwich Mean Time|British Summer Time))?"
_DATE_TAIL = r"(?:,?\s+(?:on\s+)?(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3,9})\.?(?:\s+(?P<year>\d{4}))?)?"
_TIME_LINE = re.compile(rf"^(?:published at\s+)?{_CLOCK}{_ZONE}{_DATE_TAIL}"
                        r"(?:\s*,\s*(?P<author>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3}))?$")
#: "Jane Doe27 March 2025 05:01": a writer and a full date stamp that close a post (the
#: Independent's layout; the name and the day run together once the page is flattened)
_STAMP_LINE = re.compile(r"^(?P<author>[A-Z][A-Za-z'’-]+(?:\s+[A-Z][A-Za-z'’-]+){0,3})\s*(?P<day>\d{1,2})\s+"
                         r"(?P<month>[A-Za-z]{3,9})\s+(?P<year>\d{4})\s+(?P<h>\d{1,2})[.:](?P<m>\d{2})$")
#: "London politics latest: ", "UK politics live – ": the section label a page title opens with
_SECTION_LABEL = re.compile(r"^[^:–\n]{0,40}\b(?:live|latest|as it happened)\s*[:–—-]\s+", re.I)
#: " | Politics News | Sky News": the section and site a page title ends with
_SITE_SUFFIX = re.compile(r"(?:\s+\|\s+[^|]{1,40}){1,3}$")
_UPDATED_LINE = re.compile(rf"^(?:last\s+)?updated(?: at)?\s+{_CLOCK}{_ZONE}{_DATE_TAIL}$", re.I)
_TITLE_TIME_LINE = re.compile(rf"^(?P<title>.*?)\s*published at\s+{_CLOCK}{_ZONE}{_DATE_TAIL}$", re.I)
_DATE_LINE = re.compile(
    rf"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?P<day>\d{{1,2}})\s+(?P<month>[A-Za-z]{{3,9}})\.?\s+"
    rf"(?P<year>\d{{4}})(?:,?\s+{_CLOCK}{_ZONE})?$", re.I)
_NAME_WORD = r"(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|[A-Z]\.|Mc[A-Z][a-z]+|Mac[A-Z][a-z]+|O['’][A-Z][a-z]+)"
_NAME_LINE = re.compile(rf"^{_NAME_WORD}(?:\s+(?:de|van|von|der|da|du|al|el|bin|le|la)?\s*{_NAME_WORD}){{1,3}}$")
_SENTENCE_END = re.compile(r"(?:[.!?:;,…]|[.!?,…][\"”’'])$")
_ZONES = {"gmt": timezone.utc, "utc": timezone.utc, "greenwich mean time": timezone.utc,
          "bst": timezone(timedelta(hours=1)), "british summer time": timezone(timedelta(hours=1)),
          "cet": timezone(timedelta(hours=1)), "cest": timezone(timedelta(hours=2))}


@dataclass
class _Line:
    text: str           # stripped text
    start: int          # offset of the line in the decoded document
    end: int


@dataclass
class _Block:
    lines: list[_Line] = field(default_factory=list)     # content lines
    raw_start: int = -1
    raw_end: int = -1
    published: tuple | None = None                       # parsed clock match groups
    updated: tuple | None = None
    title: str = ""
    author: str = ""                                     # "20:30 , Jane Doe": the time line names the writer
    summary: bool = False                                # a dropped "Summary" label opened the block

    def touch(self, line: _Line) -> None:
        if self.raw_start < 0:
            self.raw_start = line.start
        self.raw_end = max(self.raw_end, line.end)


def _layout() -> dict:
    return load("layout")


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


@cache
def _furniture() -> frozenset[str]:
    """The normalised furniture lines, built once (the check runs on every line of a corpus)."""
    return frozenset(_norm(f) for f in _layout()["furniture_lines"])


@cache
def _patterns(key: str) -> tuple[re.Pattern, ...]:
    """The layout file's regular expressions under ``key``, compiled once."""
    return tuple(re.compile(p) for p in _layout()[key])


def _is_furniture(text: str) -> bool:
    """A whole line of page chrome: a known label, or a credit, embed notice or badge by pattern."""
    t = text.strip()
    return _norm(t) in _furniture() or any(p.fullmatch(t) for p in _patterns("furniture_patterns")) \
        or _is_role_line(t)


def _is_role_line(text: str) -> bool:
    """A line that only gives a writer's role ("Reporting from the inquiry")."""
    return any(p.fullmatch(text.strip()) for p in _patterns("author_role_patterns"))


def _byline_pattern_names(text: str) -> str:
    """The writers named by a byline-shaped line ("Edited by A and B", "Politics live with A"), else ''."""
    for p in _patterns("byline_patterns"):
        m = p.fullmatch(text.strip())
        if m:
            return m.group("names").strip()
    return ""


def is_byline(text: str) -> bool:
    """A line holding only a person's name (optionally "By ..."), as bylines do."""
    if _byline_pattern_names(text):
        return True
    t = _split_role(text.strip())[0]
    for prefix in _layout()["byline_prefixes"]:
        if t.startswith(prefix + " "):
            t = t[len(prefix) + 1:]
            t = re.split(r",\s", t, maxsplit=1)[0]   # "By A Writer, in Birmingham"
            break
    return bool(_NAME_LINE.match(t)) and not _is_furniture(t)


def _split_role(text: str) -> tuple[str, str]:
    """"Name, Political correspondent" -> ("Name", "Political correspondent")."""
    name, _, role = text.partition(", ")
    if role and _is_author_role(role) and _NAME_LINE.match(name.strip()):
        return name.strip(), role.strip()
    return text, ""


def _byline_name(text: str) -> str:
    names = _byline_pattern_names(text)
    if names:
        return re.sub(r"\s*\([^()]*\)", "", names)      # "A (now) and B (earlier)"
    t = _split_role(text.strip())[0]
    for prefix in _layout()["byline_prefixes"]:
        if t.startswith(prefix + " "):
            return re.split(r",\s", t[len(prefix) + 1:], maxsplit=1)[0].strip()
    return t


def _is_author_role(text: str) -> bool:
    words = text.lower().split()
    return 0 < len(words) <= 5 and not text.rstrip().endswith(".") and \
        any(w.strip(",") in _layout()["author_role_words"] for w in words)


def _clean_inline(text: str) -> str:
    for pat in _layout()["inline_furniture"]:
        text = re.sub(pat, "", text)
    for pat in _patterns("signoff_patterns"):
        text = pat.sub("", text)
    for prefix in _layout()["strip_prefixes"]:
        if text.startswith(prefix):
            text = text[len(prefix):].lstrip()
    return text.strip()


def parse_clock(groups: dict, day: date | None, tzname: str) -> datetime | None:
    """Combine a matched clock (and optional day/month/year) with the document date."""
    h, m = int(groups["h"]), int(groups["m"])
    ampm = (groups.get("ampm") or "").replace(".", "").lower()
    if ampm == "pm" and h < 12:
        h += 12
    elif ampm == "am" and h == 12:
        h = 0
    if h > 23 or m > 59:
        return None
    if groups.get("day") and groups.get("month"):
        month = _MONTHS.get(groups["month"][:3].lower())
        year = int(groups["year"]) if groups.get("year") else (day.year if day else None)
        if month and year:
            try:
                day = date(year, month, int(groups["day"]))
            except ValueError:
                pass
    if day is None:
        return None
    zone = groups.get("tz")
    if zone:
        tz = _ZONES[zone.lower()]
    else:
        try:
            tz = ZoneInfo(tzname)
        except Exception:  # unknown zone name in metadata: fall back to UTC, stay explicit
            tz = timezone.utc
    return datetime.combine(day, time(h, m), tzinfo=tz)


def _split_lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(_Line(stripped, pos + lead, pos + lead + len(stripped)))
        pos += len(raw) + 1
    return out


def _drop_key_events(lines: list[_Line]) -> list[_Line]:
    """Remove a "Key events" list (headlines repeated as links) up to its closing furniture."""
    lay = _layout()
    starts = {_norm(s) for s in lay["key_events_start"]}
    ends = {_norm(s) for s in lay["key_events_end"]}
    out, i = [], 0
    while i < len(lines):
        if _norm(lines[i].text) in starts:
            window = [j for j in range(i + 1, min(len(lines), i + 40)) if _norm(lines[j].text) in ends]
            if window:
                last = window[0]
                while last + 1 < len(lines) and _norm(lines[last + 1].text) in ends:
                    last += 1
                i = last + 1
                continue
        out.append(lines[i])
        i += 1
    return out


def _drop_appeals(lines: list[_Line]) -> list[_Line]:
    """Remove a publisher's appeal box (a donation or newsletter pitch of several paragraphs)
    from its opening line to its closing sentence; words glued after that sentence on the same
    line are the report resuming and stay. Markers are data (``appeal_runs``)."""
    runs = [(re.compile(r["start"]), re.compile(r["end"])) for r in _layout().get("appeal_runs", [])]
    out, i = [], 0
    while i < len(lines):
        opening = next((end for start, end in runs if start.match(lines[i].text)), None)
        close = next((j for j in range(i, min(len(lines), i + 12)) if opening and opening.search(lines[j].text)),
                     None) if opening else None
        if close is None:
            out.append(lines[i])
            i += 1
            continue
        line = lines[close]
        m = opening.search(line.text)
        rest = line.text[m.end():].strip()
        if rest:
            cut = line.end - len(rest)
            out.append(_Line(rest, cut, line.end))
        i = close + 1
    return out


def _groups(m: re.Match) -> dict:
    return {k: v for k, v in m.groupdict().items() if v is not None}


def _segment(lines: list[_Line]) -> tuple[str, list[_Line], list[_Block]]:
    """Split classified lines into a header and blocks; returns (layout, header, blocks)."""
    time_led = any(_TIME_LINE.match(l.text) or _TITLE_TIME_LINE.match(l.text) for l in lines)
    header: list[_Line] = []
    blocks: list[_Block] = []
    cur: _Block | None = None if time_led else _Block()
    pending_title: _Line | None = None
    for line in lines:
        t = line.text
        m_upd = _UPDATED_LINE.match(t)
        if m_upd:
            target = cur if time_led else (blocks[-1] if blocks else cur)
            if target is not None and target.updated is None:
                target.updated = _groups(m_upd)
                target.touch(line)
            continue
        if time_led:
            m_tt = _TITLE_TIME_LINE.match(t)
            m_t = _TIME_LINE.match(t)
            if m_tt and m_tt.group("title"):
                cur = _Block(published=_groups(m_tt), title=_clean_inline(m_tt.group("title")))
                cur.touch(line)
                blocks.append(cur)
                pending_title = line
                continue
            if m_t:
                if cur is not None and pending_title is not None and not cur.lines:
                    cur.touch(line)          # the time line repeating its title's time
                    pending_title = None
                    continue
                cur = _Block(published=_groups(m_t), author=m_t.group("author") or "")
                cur.touch(line)
                blocks.append(cur)
                pending_title = None
                continue
            pending_title = None
            if cur is None:
                header.append(line)
                continue
            cur.touch(line)
            if _is_furniture(t) and not _is_role_line(t):
                cur.summary = cur.summary or (not cur.lines and _is_summary_heading(t))
                continue
            cur.lines.append(line)
        else:
            assert cur is not None
            cur.touch(line)
            m_stamp = _STAMP_LINE.match(t)
            if m_stamp and _MONTHS.get(m_stamp.group("month")[:3].lower()):
                if cur.lines:           # the stamp closes the post above it
                    cur.published, cur.author = _groups(m_stamp), m_stamp.group("author")
                    blocks.append(cur)
                    cur = _Block()
                continue
            if _norm(t) == "share":
                if cur.lines:
                    blocks.append(cur)
                    cur = _Block()
                continue
            if _is_furniture(t) and not _is_role_line(t):
                cur.summary = cur.summary or (not cur.lines and _is_summary_heading(t))
                continue
            cur.lines.append(line)
    if not time_led and cur is not None and cur.lines:
        blocks.append(cur)
    return ("time-led" if time_led else "share-closed"), header, blocks


def _read_header(doc: Document, header: list[_Line]) -> tuple[_Block | None, _Block | None]:
    """Title, byline and date from the lines above the first timed block; returns the block of
    the title itself (a headline is news: "Doe says X" there is a statement like any other) and
    the block of what else is left there."""
    rest = _Block()
    title_line: _Line | None = None
    for i, line in enumerate(header):
        t = line.text
        m_date = _DATE_LINE.match(t)
        if not rest.lines and _is_summary_heading(t) and len(t.split()) <= 3:
            rest.summary = True          # "Summary": a label over the recap, never the title
            continue
        if not doc.title and not rest.lines and not rest.summary and not m_date and not is_byline(t) \
                and not _is_furniture(t) and not _is_lede(t):
            doc.title = _clean_inline(t)    # the first line that is not furniture ("Live", "Share")
            title_line = _Line(_SECTION_LABEL.sub("", _SITE_SUFFIX.sub("", t)), line.start, line.end)
            continue
        if m_date:
            g = _groups(m_date)
            month = _MONTHS.get(g["month"][:3].lower())
            if month and doc.date is None:
                try:
                    doc.date = date(int(g["year"]), month, int(g["day"]))
                except ValueError:
                    pass
            continue
        if is_byline(t) and (not rest.lines or _byline_pattern_names(t)):
            doc.author = doc.author or _byline_name(t)    # "A and B" above the first post: writers
            continue
        if _is_furniture(t):
            rest.summary = rest.summary or (not rest.lines and _is_summary_heading(t))
            continue
        rest.touch(line)
        rest.lines.append(line)
    title = None
    if title_line is not None and title_line.text:
        title = _Block(lines=[title_line])
        title.touch(title_line)
    return (rest if rest.lines else None), title


def _is_lede(text: str) -> bool:
    """A long sentence ending in a full stop opens the report (a standfirst), it is no title:
    its words are news and go to the extractors."""
    return len(text.split()) > 14 and text.rstrip().endswith((".", ".”", ".\""))


def _is_summary_heading(text: str) -> bool:
    low = text.lower()
    return any(marker in low for marker in _layout()["summary_markers"]) and len(low.split()) <= 8


def _make_entry(block: _Block, doc: Document, position: int, source_text: str) -> Entry | None:
    lines = [(l, _clean_inline(l.text)) for l in block.lines]
    lines = [(l, t) for l, t in lines if t and (_is_role_line(t) or not _is_furniture(t))]
    author, author_role = block.author, ""
    # a byline sits among the first lines: alone, or after the headline
    for idx in range(min(3, len(lines))):
        if is_byline(lines[idx][1]) and len(lines) > idx + 1:
            author = _byline_name(lines[idx][1])
            author_role = _split_role(lines[idx][1])[1]
            del lines[idx]
            if not author_role and idx < len(lines) and (_is_author_role(lines[idx][1])
                                                         or _is_role_line(lines[idx][1])):
                author_role = lines[idx][1]
                del lines[idx]
            break
    # more writer lines near the top ("A,B and C", "By contributor D and E, PA") are credits too
    lines = [(l, t) for i, (l, t) in enumerate(lines) if i >= 4 or not _byline_pattern_names(t) or len(lines) == 1]
    lines = _drop_inner_bylines(lines)
    lines = [(l, t) for l, t in lines if not _is_role_line(t)]
    texts = [t for _, t in lines]
    headline = block.title
    if headline:
        texts.insert(0, headline)
    elif len(texts) > 1 and not _SENTENCE_END.search(texts[0]) and len(texts[0].split()) <= 30:
        headline = texts[0]
    if not texts:
        return None
    is_summary = block.summary or any(_is_summary_heading(t) for t in texts[:1]) or (
        bool(headline) and _is_summary_heading(headline))
    published = parse_clock(block.published, doc.date, doc.timezone) if block.published else None
    updated = parse_clock(block.updated, doc.date, doc.timezone) if block.updated else None
    start, end = max(block.raw_start, 0), max(block.raw_end, 0)
    return Entry(id="", ordinal=0, position=position, text="\n".join(texts),
                 raw=source_text[start:end], headline=headline, author=author,
                 author_role=author_role, published=published, updated=updated,
                 is_summary=is_summary, source_start=start, source_end=end)


def _drop_inner_bylines(lines: list[tuple[_Line, str]]) -> list[tuple[_Line, str]]:
    """A name-only line followed by a writer's role ("Political correspondent") is a byline
    wherever it sits: in a page copied without its timestamps, posts run together, and each
    post's byline lands mid-text. A name-only line without such a role is kept (it may
    introduce an embedded post)."""
    out, skip = [], False
    for i, (line, t) in enumerate(lines):
        if skip:
            skip = False
            continue
        nxt = lines[i + 1][1] if i + 1 < len(lines) else ""
        if _NAME_LINE.match(t) and is_byline(t) and (_is_author_role(nxt) or _is_role_line(nxt)):
            skip = True
            continue
        out.append((line, t))
    return out


def clean_lines(lines: list[str]) -> list[str]:
    """Body lines with page furniture removed, as the text layouts clean their blocks.

    The structured readers (HTML, API, feeds) call this on the text of each entry so a
    credit, a caption or a "Share" label that a publisher left in a body never reaches
    the extractors, by the same rules (``kg/data/layout.json``) as a copied page.
    """
    out = []
    for line in lines:
        t = _clean_inline(" ".join(line.split()))
        if t and not _is_furniture(t):
            out.append(t)
    return out


def is_summary_heading(text: str) -> bool:
    """A headline that marks a recap entry ("A summary of today's developments")."""
    return _is_summary_heading(text)


def number_entries(entries: list[Entry], newest_first_default: bool) -> list[Entry]:
    """Give entries their position, ordinal (1 = oldest) and id ``e0007`` from reading order.

    The order in time is read from the entries' own times; when they do not tell,
    ``newest_first_default`` decides (live pages list the newest entry first). The
    oldest entry is always ``e0001``, so ids stay put while a live blog grows.
    """
    newest_first = _newest_first(entries, "share-closed" if newest_first_default else "time-led")
    n = len(entries)
    for pos, e in enumerate(entries):
        e.position = pos
        e.ordinal = n - pos if newest_first else pos + 1
        e.id = f"e{e.ordinal:04d}"
    return entries


def _newest_first(entries: list[Entry], layout: str) -> bool:
    times = [e.time for e in entries if e.time is not None]
    down = sum(1 for a, b in zip(times, times[1:]) if a > b)
    up = sum(1 for a, b in zip(times, times[1:]) if a < b)
    if down == up:
        return layout == "share-closed"      # that layout's convention
    return down > up


def parse_text(text: str, doc_id: str, source: str, meta: dict | None = None) -> Document:
    """Parse a decoded live-blog dump into a :class:`Document` (entries in reading order)."""
    doc = Document(id=doc_id, source=source)
    apply_meta(doc, meta or {}, source)
    lines = _drop_appeals(_drop_key_events(_split_lines(text)))
    layout, header, blocks = _segment(lines)
    doc.layout = layout
    head_block, title_block = _read_header(doc, header) if header else (None, None)
    if head_block is not None:
        blocks.insert(0, head_block)
    if title_block is not None:
        blocks.insert(0, title_block)
    entries = [e for e in (_make_entry(b, doc, i, text) for i, b in enumerate(blocks)) if e]
    doc.entries = number_entries(entries, newest_first_default=layout == "share-closed")
    return doc
