"""The JSON Lines reader: the documented way to feed kg from any other source.

Format (UTF-8, one JSON object per line, blank lines ignored)::

    {"document": {"id": "...", "title": "...", "date": "2025-01-06", "timezone": "Europe/London", "url": "..."}}
    {"id": "p1", "time": "2025-01-06T18:27:00+00:00", "author": "...", "headline": "...", "text": "..."}

The ``document`` line is optional (a ``NAME.meta.json`` sidecar works too) and
must come first. Entries are given in reading order (oldest first, or newest first as
live pages show them: their times tell which); ``time`` is ISO 8601, and
a time without an offset takes the document's time zone. Only ``text`` is
required. A line that is not JSON, or not an object, is an error naming the
line number: a half-written file must not silently lose its tail.
"""
from __future__ import annotations

import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

from ..entries import Document, Entry
from ..errors import BadInputError
from . import apply_meta, clean_string
from .text import number_entries

__all__ = ["parse_jsonl"]


def _parse_time(value, doc: Document, where: str) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        t = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise BadInputError(where, f"time {value!r} is not ISO 8601") from None
    if t.tzinfo is None:
        try:
            t = t.replace(tzinfo=ZoneInfo(doc.timezone))
        except Exception:
            raise BadInputError(where, f"unknown time zone {doc.timezone!r}") from None
    return t


def parse_jsonl(text: str, doc_id: str, source: str, meta: dict | None = None) -> Document:
    """Parse decoded JSON Lines into a :class:`Document`; any bad line is an error naming file:line."""
    doc = Document(id=doc_id, source=source, layout="jsonl")
    apply_meta(doc, meta or {}, source)
    rows: list[tuple[int, dict, int, int]] = []
    pos = 0
    for lineno, line in enumerate(text.split("\n"), start=1):
        start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BadInputError(f"{source}:{lineno}", f"malformed JSON ({exc.msg} at column {exc.colno})") from None
        if not isinstance(obj, dict):
            raise BadInputError(f"{source}:{lineno}", "each line must be a JSON object")
        if "document" in obj:
            if rows:
                raise BadInputError(f"{source}:{lineno}", "the document line must come first")
            if not isinstance(obj["document"], dict):
                raise BadInputError(f"{source}:{lineno}", "\"document\" must be an object")
            apply_meta(doc, obj["document"], f"{source}:{lineno}")
            continue
        rows.append((lineno, obj, start, start + len(line)))
    for position, (lineno, obj, start, end) in enumerate(rows):
        where = f"{source}:{lineno}"
        body = obj.get("text")
        if not isinstance(body, str) or not body.strip():
            raise BadInputError(where, "entry has no \"text\" string")
        text = clean_string(body, "text", where).strip()
        if not text:
            raise BadInputError(where, "entry has no \"text\" string")
        headline = " ".join(clean_string(obj.get("headline"), "headline", where).split())
        if headline:
            text = headline + "\n" + text
        # an id names the entry's IRI: keep it to IRI-safe characters (no "/", no dot segments)
        eid = re.sub(r"[^A-Za-z0-9_.-]+", "-", clean_string(obj.get("id"), "id", where)).strip("-.")
        doc.entries.append(Entry(
            id=eid, ordinal=position + 1, position=position, text=text,
            raw=text, headline=headline, author=clean_string(obj.get("author"), "author", where).strip(),
            published=_parse_time(obj.get("time"), doc, where),
            updated=_parse_time(obj.get("updated"), doc, where),
            is_summary=bool(obj.get("summary", False)), source_start=start, source_end=end))
    # ordinal 1 = oldest, read from the entries' times as the other readers do (a file in a
    # live page's newest-first order keeps each entry's place in time); given ids are kept
    given = [e.id for e in doc.entries]
    number_entries(doc.entries, newest_first_default=False)
    for e, eid in zip(doc.entries, given):
        e.id = eid
    seen: set[str] = set()
    for e in doc.entries:
        if not e.id or e.id in seen:
            e.id = f"e{e.ordinal:04d}"
        seen.add(e.id)
    return doc
