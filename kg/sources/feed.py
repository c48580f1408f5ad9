"""The feed reader: RSS and Atom (feedparser), each item an entry.

An item's title is the entry's headline, its content (or summary) the text, read as
HTML with captions and embeds dropped; its published/updated times and author are
metadata. Feeds list the newest item first, and the entries are numbered from the
oldest, so ids stay put as the feed grows.
"""
from __future__ import annotations

import calendar
from datetime import datetime, timezone

from ..entries import Document
from ..errors import BadInputError
from . import apply_meta, clean_string
from .html import document_date, html_to_text, make_entry
from .text import number_entries

__all__ = ["parse_feed"]


def _time(parsed) -> datetime | None:
    """feedparser's UTC ``struct_time`` as an aware datetime.

    Callers read it with ``dict.get``: feedparser's own ``get`` maps a missing
    ``updated_parsed`` to ``published_parsed`` (with a deprecation warning).
    """
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc)
    except (OverflowError, ValueError, TypeError):
        return None


def _body(item) -> str:
    for content in item.get("content") or []:
        if content.get("value"):
            return content["value"]
    return item.get("summary") or item.get("description") or ""


def parse_feed(text: str, doc_id: str, source: str, meta: dict | None = None) -> Document:
    """Parse an RSS or Atom document (decoded text) into a :class:`Document`."""
    import feedparser

    # bytes, never a str: feedparser would take a str that looks like a path or URL as one to open
    parsed = feedparser.parse(text.encode("utf-8"))
    if not parsed.entries:
        problem = f"malformed feed ({parsed.bozo_exception})" if parsed.get("bozo") else "feed has no items"
        raise BadInputError(source, problem)
    doc = Document(id=doc_id, source=source, layout="feed-" + (parsed.get("version") or "unknown"))
    apply_meta(doc, meta or {}, source)
    feed = parsed.feed
    doc.title = doc.title or " ".join(clean_string(feed.get("title"), "title", source).split())
    doc.url = doc.url or clean_string(feed.get("link"), "link", source)
    entries = []
    for i, item in enumerate(parsed.entries):
        where = f"{source}: item {i + 1}"
        entry = make_entry(html_to_text(clean_string(item.get("title"), "title", where)),
                           html_to_text(clean_string(_body(item), "content", where)),
                           published=_time(dict.get(item, "published_parsed")),
                           updated=_time(dict.get(item, "updated_parsed")),
                           author=" ".join(clean_string(item.get("author"), "author", where).split()))
        if entry is not None:
            entries.append(entry)
    doc.entries = number_entries(entries, newest_first_default=True)
    document_date(doc, _time(dict.get(feed, "published_parsed")))
    return doc
