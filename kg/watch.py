"""Following a live blog while it is written: poll a URL, add new and changed entries to its graph.

Each poll fetches the page (a conditional GET: an unchanged page costs a ``304``), reads
it, and merges its entries into those seen before, matched by publication time and
headline (by text when an entry has no time). New and changed entries are added; an
entry that has scrolled off the page (a live page or a feed shows only the latest ones)
is kept. When anything was added or changed, the merged document is extracted again and
its named graph *replaced* in the store: facts span entries (who "she" is, who answers
whom), so the document is the unit that stays consistent; the other documents in the
store are untouched. Then the outputs in ``out`` are rewritten atomically (see
:func:`kg.cli.write_build_outputs`).

A failed fetch, or a page that looks garbled (see :func:`garbled`), is reported before
anything is written, so the store and the outputs keep the last good state. The entries
are read back from the store when a watch starts, so a restarted watch reports only what
changed since the last one and keeps the entries that scrolled off the page meanwhile.
"""
from __future__ import annotations

import copy
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timezone
from pathlib import Path

from .entries import Document, Entry
from .errors import BadInputError

__all__ = ["Poll", "Watcher", "entry_key", "merge_entries", "stored_entries", "deferred_interrupt", "garbled"]


@dataclass(frozen=True)
class Poll:
    """What one poll found; ``line()`` is what ``kg watch`` prints."""

    number: int
    ok: bool
    changed: bool = False
    new_entries: int = 0
    changed_entries: int = 0
    off_page: int = 0                # entries kept although the page no longer shows them
    entries: int = 0
    statements: int = 0
    actors: int = 0
    new_statements: int = 0
    new_actors: int = 0
    not_modified: bool = False
    error: str = ""

    def line(self) -> str:
        head = f"poll {self.number}:"
        if not self.ok:
            return f"{head} failed: {self.error}; nothing changed"
        if not self.changed:
            why = "not modified (304)" if self.not_modified else "no new or changed entries"
            return f"{head} {why} ({self.entries} entries, {self.statements} statements, {self.actors} actors)"
        kept = f" ({self.off_page} no longer on the page, kept)" if self.off_page else ""
        return (f"{head} {self.new_entries} new, {self.changed_entries} changed entries{kept}; "
                f"{self.new_statements:+d} statements, {self.new_actors:+d} actors (now {self.entries} entries, "
                f"{self.statements} statements, {self.actors} actors)")


def entry_key(entry: Entry) -> str:
    """What identifies an entry from one poll to the next: its publication time and headline.

    Ids cannot: they number the entries a page shows, and a page that shows only the
    latest ones renumbers them. An entry without a time is known by its text alone, so
    an edit of it reads as a new entry.
    """
    if entry.published is not None:
        return f"{entry.published.astimezone(timezone.utc).isoformat()}|{entry.headline}"
    return "text|" + entry.text


def _same(a: Entry, b: Entry) -> bool:
    return (a.text, a.headline, a.author, a.updated, a.is_summary, a.key_event) == \
        (b.text, b.headline, b.author, b.updated, b.is_summary, b.key_event)


@dataclass(frozen=True)
class Merge:
    """Entries known after a poll (reading order, newest first) and what the poll changed."""

    entries: list[Entry]
    new: int
    changed: int
    off_page: int
    overlap: int                     # entries of the page that were known before


def merge_entries(known: list[Entry], page: list[Entry], newest_first: bool) -> Merge:
    """The page's entries in its own order, then the known ones it no longer shows (older ones).

    The page's version of an entry wins; an entry known before and absent from the page
    is kept, placed on the older side of the page's entries.
    """
    before = {entry_key(e): e for e in known}
    on_page = [entry_key(e) for e in page]
    new = sum(1 for k in on_page if k not in before)
    changed = sum(1 for k, e in zip(on_page, page) if k in before and not _same(before[k], e))
    shown = set(on_page)
    off = [copy.copy(e) for e in known if entry_key(e) not in shown]
    fresh = [copy.copy(e) for e in page]
    merged = fresh + off if newest_first else off + fresh
    return Merge(merged, new, changed, len(off), len(on_page) - new)


def _newest_first(doc: Document) -> bool:
    """Whether the page lists its newest entry first (ordinals fall down the page)."""
    if len(doc.entries) < 2:
        return True
    return doc.entries[0].ordinal > doc.entries[-1].ordinal


@dataclass
class Watcher:
    """Polls one URL into one dataset; ``poll()`` does one round, ``run()`` loops."""

    url: str
    dataset: object                              # an rdflib Dataset from kg.store.open_store
    out: Path | None
    fetcher: object                              # kg.sources.fetch.Fetcher
    base: str | None = None
    model: str | None = None
    fmt: str | None = None
    encoding: str | None = None
    default_date: date | None = None
    known: list[Entry] | None = None             # the entries of the last good poll, reading order
    counts: tuple[int, int] = (0, 0)             # (statements, actors) of the last good poll
    warnings: list[str] = field(default_factory=list)
    layout: str = ""                             # the reader layout of the last good poll

    def poll(self, number: int) -> Poll:
        """One round: fetch, merge, and when entries are new or changed rebuild the document's graph."""
        from .pipeline import add_document, extract_document
        from .rdf.iris import base_iri
        from .sources import date_warning
        from .sources.fetch import read_url
        from .sources.text import number_entries

        base = base_iri(self.base)
        try:
            doc, fetched = read_url(self.url, self.fetcher, format=self.fmt, encoding=self.encoding,
                                    default_date=self.default_date)
        except BadInputError as exc:
            return self._failed(number, str(exc))
        if self.known is None:
            self.known, self.counts = stored_entries(self.dataset, base, doc.id)
            warning = date_warning(doc)
            if warning:
                self.warnings.append(warning)
        merge = merge_entries(self.known, doc.entries, _newest_first(doc))
        suspect = garbled(doc.layout, self.layout, merge.overlap, len(self.known), len(doc.entries))
        if suspect:
            return self._failed(number, f"{doc.source}: {suspect}")
        self.layout = doc.layout
        if not (merge.new or merge.changed):
            return Poll(number, ok=True, not_modified=fetched.not_modified, entries=len(self.known),
                        off_page=merge.off_page, statements=self.counts[0], actors=self.counts[1])
        doc.entries = number_entries(merge.entries, newest_first_default=_newest_first(doc))
        facts = extract_document(doc, self.model)
        with deferred_interrupt():        # Ctrl-C here waits until the graph and the outputs are whole
            add_document(self.dataset, doc, facts, base)
            _flush(self.dataset)
            if self.out is not None:
                from .cli import write_build_outputs

                write_build_outputs(self.dataset, self.out, title=f"kg: {doc.title or doc.id}")
        statements, actors = len(facts.statements), len(facts.entities)
        poll = Poll(number, ok=True, changed=True, new_entries=merge.new, changed_entries=merge.changed,
                    off_page=merge.off_page, entries=len(doc.entries), statements=statements, actors=actors,
                    new_statements=statements - self.counts[0], new_actors=actors - self.counts[1])
        self.known, self.counts = doc.entries, (statements, actors)
        return poll

    def _failed(self, number: int, error: str) -> Poll:
        return Poll(number, ok=False, error=error, entries=len(self.known or []),
                    statements=self.counts[0], actors=self.counts[1])

    def run(self, every: float, polls: int | None, report: Callable[[Poll], None],
            sleep: Callable[[float], None] | None = None) -> list[Poll]:
        """Poll ``polls`` times (forever when None), ``every`` seconds apart; Ctrl-C ends the wait."""
        sleep = sleep or time.sleep
        done: list[Poll] = []
        number = 0
        while polls is None or number < polls:
            number += 1
            poll = self.poll(number)
            done.append(poll)
            report(poll)
            if polls is not None and number >= polls:
                break
            sleep(every)
        return done


def garbled(layout: str, last_layout: str, overlap: int, known: int, shown: int) -> str:
    """Why a poll looks like a partial or garbled page, or '' when it looks whole.

    A live blog grows and edits its entries; its page does not turn from one with
    structured data into one without, nor show none of the entries it showed a poll
    ago while it shows as many. Either is taken as a failed load (a consent wall, a
    half-rendered page, another page at the URL) and changes nothing.
    """
    if last_layout and layout != last_layout:
        return f"the page changed from {last_layout} to {layout} (a partial or garbled page?)"
    if known and not overlap and shown <= known:
        return f"none of its {shown} entries was there before (a partial or garbled page?)"
    return ""


@contextmanager
def deferred_interrupt() -> Iterator[None]:
    """Hold back Ctrl-C (SIGINT) while the store and outputs are written, then deliver it.

    Replacing a named graph drops the old triples before adding the new ones; an
    interrupt between the two would leave the document without a graph.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[object] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def _flush(ds) -> None:
    """Make an on-disk Oxigraph store durable after each change (a killed watch loses nothing)."""
    from .store import flush

    flush(ds)


def stored_entries(ds, base: str, doc_id: str) -> tuple[list[Entry], tuple[int, int]]:
    """The document's entries (reading order) and its statement and actor counts, as the store holds them."""
    from .facts import ENTITY_TYPES
    from .rdf.mapping import graph_iri
    from .rdf.namespace import KG_NS

    g = graph_iri(base, doc_id)          # minted and validated by kg.rdf.iris: safe in a query
    sdo = "http://schema.org/"
    rows = ds.query(
        f"SELECT ?id ?pos ?body ?head ?author ?role ?pub ?mod ?summary ?key WHERE {{ GRAPH <{g}> {{ "
        f"?e a <{KG_NS}Entry> ; <http://purl.org/dc/terms/identifier> ?id ; <{KG_NS}position> ?pos ; "
        f"<{sdo}articleBody> ?body . OPTIONAL {{ ?e <{sdo}headline> ?head }} "
        f"OPTIONAL {{ ?e <{KG_NS}byline> ?author }} OPTIONAL {{ ?e <{KG_NS}bylineRole> ?role }} "
        f"OPTIONAL {{ ?e <{sdo}datePublished> ?pub }} OPTIONAL {{ ?e <{sdo}dateModified> ?mod }} "
        f"OPTIONAL {{ ?e <{KG_NS}isSummary> ?summary }} OPTIONAL {{ ?e <{KG_NS}isKeyEvent> ?key }} }} }}")
    entries = sorted((_stored_entry(row) for row in rows), key=lambda e: e.position)
    if not entries:
        return [], (0, 0)
    statements = next(iter(ds.query(
        f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH <{g}> {{ ?s a <{KG_NS}Statement> }} }}")))[0]
    types = " ".join(f"<{KG_NS}{t}>" for t in ENTITY_TYPES)
    actors = next(iter(ds.query(
        f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ GRAPH <{g}> {{ ?a a ?t VALUES ?t {{ {types} }} }} }}")))[0]
    return entries, (int(statements), int(actors))


def _stored_entry(row) -> Entry:
    def text(value) -> str:
        return str(value) if value is not None else ""

    def when(value):
        return value.toPython() if value is not None and hasattr(value.toPython(), "isoformat") else None

    ident, pos, body, head, author, role, pub, mod, summary, key = row
    return Entry(id=str(ident), ordinal=0, position=int(pos), text=str(body), raw=str(body), headline=text(head),
                 author=text(author), author_role=text(role), published=when(pub), updated=when(mod),
                 is_summary=bool(summary is not None and summary.toPython()),
                 key_event=bool(key is not None and key.toPython()))
