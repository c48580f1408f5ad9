"""Documents and entries: what every reader produces and every later stage reads.

An :class:`Entry` keeps the block exactly as found (``raw``) and a cleaned
``text`` with page furniture removed; every fact found later holds character
offsets into ``text``, so the evidence of any fact can be cut back out of it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

__all__ = ["Document", "Entry"]


@dataclass
class Entry:
    """One timestamped block of a live blog."""

    id: str                      # stable within the document: "e0007" (7th oldest)
    ordinal: int                 # 1 = oldest; stays put when newer entries appear
    position: int                # 0-based reading order in the source
    text: str                    # cleaned body; the headline, if any, is its first line
    raw: str = ""                # the block as it stood in the source, furniture and all
    headline: str = ""
    author: str = ""
    author_role: str = ""
    published: datetime | None = None
    updated: datetime | None = None
    is_summary: bool = False
    key_event: bool = False      # the publisher flagged it as a key event (metadata, never text)
    source_start: int = 0        # offsets of ``raw`` in the decoded source document
    source_end: int = 0

    @property
    def time(self) -> datetime | None:
        """The best single time for the entry: published, else last updated."""
        return self.published or self.updated

    @property
    def body_start(self) -> int:
        """Offset in ``text`` where the body begins (after the headline line)."""
        return len(self.headline) + 1 if self.headline else 0


@dataclass
class Document:
    """One live blog: metadata plus its entries in reading order."""

    id: str                      # slug of the file name; names the document's graph
    title: str = ""
    date: date | None = None
    timezone: str = "Europe/London"
    url: str = ""
    author: str = ""
    publisher: str = ""
    source: str = ""             # path or name it was read from
    layout: str = ""             # which reader layout recognised it
    entries: list[Entry] = field(default_factory=list)

    def entry(self, entry_id: str) -> Entry:
        for e in self.entries:
            if e.id == entry_id:
                return e
        raise KeyError(entry_id)
