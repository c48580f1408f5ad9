"""Following a live blog while it is written: poll a URL, rebuild its graph when entries change.

Each poll fetches the page (a conditional GET: an unchanged page costs a ``304``), reads
it and compares its entries with the last ones seen, by id and text. When an entry is new
or its text changed, the document is extracted again and its named graph *replaced* in
the store: facts span entries (who "she" is, who answers whom), so the document is the
unit that stays consistent; the other documents in the store are untouched. Then the
outputs in ``out`` are rewritten atomically (see :func:`kg.cli.write_build_outputs`).

A failed fetch, or a page that looks garbled (entries gone, structured data gone: see
:func:`garbled`), is reported before anything is written, so the store and the outputs
keep the last good state. The previous state is read back from the store when a
watch starts, so a restarted watch reports only what changed since the last one.
"""
from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .entries import Document
from .errors import BadInputError

__all__ = ["Poll", "Watcher", "entry_texts", "stored_state", "deferred_interrupt", "garbled"]


@dataclass(frozen=True)
class Poll:
    """What one poll found; ``line()`` is what ``kg watch`` prints."""

    number: int
    ok: bool
    changed: bool = False
    new_entries: int = 0
    changed_entries: int = 0
    removed_entries: int = 0
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
        parts = [f"{self.new_entries} new", f"{self.changed_entries} changed"]
        if self.removed_entries:
            parts.append(f"{self.removed_entries} removed")
        return (f"{head} {', '.join(parts)} entries; {self.new_statements:+d} statements, "
                f"{self.new_actors:+d} actors (now {self.entries} entries, {self.statements} statements, "
                f"{self.actors} actors)")


def entry_texts(doc: Document) -> dict[str, str]:
    """Entry id -> text: what decides whether an entry is new or changed."""
    return {e.id: e.text for e in doc.entries}


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
    seen: dict[str, str] | None = None           # entry id -> text of the last good poll
    counts: tuple[int, int] = (0, 0)             # (statements, actors) of the last good poll
    warnings: list[str] = field(default_factory=list)
    layout: str = ""                             # the reader layout of the last good poll
    _started: bool = False

    def poll(self, number: int) -> Poll:
        """One round: fetch, compare, and when entries changed rebuild the document's graph."""
        from .pipeline import add_document, extract_document
        from .rdf.iris import base_iri
        from .sources import date_warning
        from .sources.fetch import read_url

        base = base_iri(self.base)
        try:
            doc, fetched = read_url(self.url, self.fetcher, format=self.fmt, encoding=self.encoding,
                                    default_date=self.default_date)
        except BadInputError as exc:
            return Poll(number, ok=False, error=str(exc), entries=len(self.seen or {}),
                        statements=self.counts[0], actors=self.counts[1])
        if not self._started:
            self._started = True
            self.seen, self.counts = stored_state(self.dataset, base, doc.id) if self.seen is None \
                else (self.seen, self.counts)
            warning = date_warning(doc)
            if warning:
                self.warnings.append(warning)
        now = entry_texts(doc)
        seen = self.seen or {}
        new = [k for k in now if k not in seen]
        changed = [k for k in now if k in seen and now[k] != seen[k]]
        removed = [k for k in seen if k not in now]
        suspect = garbled(doc.layout, self.layout, len(removed), len(seen))
        if suspect:
            return Poll(number, ok=False, error=f"{doc.source}: {suspect}", entries=len(seen),
                        statements=self.counts[0], actors=self.counts[1])
        self.layout = doc.layout
        if not (new or changed or removed):
            return Poll(number, ok=True, not_modified=fetched.not_modified, entries=len(now),
                        statements=self.counts[0], actors=self.counts[1])
        facts = extract_document(doc, self.model)
        with deferred_interrupt():        # Ctrl-C here waits until the graph and the outputs are whole
            add_document(self.dataset, doc, facts, base)
            _flush(self.dataset)
            if self.out is not None:
                from .cli import write_build_outputs

                write_build_outputs(self.dataset, self.out, title=f"kg: {doc.title or doc.id}")
        statements, actors = len(facts.statements), len(facts.entities)
        poll = Poll(number, ok=True, changed=True, new_entries=len(new), changed_entries=len(changed),
                    removed_entries=len(removed), entries=len(now), statements=statements, actors=actors,
                    new_statements=statements - self.counts[0], new_actors=actors - self.counts[1])
        self.seen, self.counts = now, (statements, actors)
        return poll

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


def garbled(layout: str, last_layout: str, removed: int, seen: int) -> str:
    """Why a poll looks like a partial or garbled page, or '' when it looks whole.

    A live blog grows and edits its entries; it does not lose them, nor turn from a page
    with structured data into one without. Either is taken as a failed load (a consent
    wall, a half-rendered page) and changes nothing: rebuild with ``kg build`` to accept it.
    """
    if last_layout and layout != last_layout:
        return f"the page changed from {last_layout} to {layout} (a partial or garbled page?)"
    if removed:
        return f"{removed} of {seen} entries are gone (a partial or garbled page?)"
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
    from .store import oxigraph_store

    store = oxigraph_store(ds)
    if store is not None and hasattr(store, "flush"):
        try:
            store.flush()
        except Exception:       # an in-memory store has nothing to flush
            pass


def stored_state(ds, base: str, doc_id: str) -> tuple[dict[str, str], tuple[int, int]]:
    """The document's entries (id -> text) and its statement and actor counts, as the store holds them."""
    from .facts import ENTITY_TYPES
    from .rdf.mapping import graph_iri
    from .rdf.namespace import KG_NS

    g = graph_iri(base, doc_id)          # minted and validated by kg.rdf.iris: safe in a query
    seen = {str(row[0]): str(row[1]) for row in ds.query(
        f"SELECT ?id ?body WHERE {{ GRAPH <{g}> {{ ?e a <{KG_NS}Entry> ; "
        f"<http://purl.org/dc/terms/identifier> ?id ; <http://schema.org/articleBody> ?body }} }}")}
    if not seen:
        return {}, (0, 0)
    statements = next(iter(ds.query(
        f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH <{g}> {{ ?s a <{KG_NS}Statement> }} }}")))[0]
    types = " ".join(f"<{KG_NS}{t}>" for t in ENTITY_TYPES)
    actors = next(iter(ds.query(
        f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ GRAPH <{g}> {{ ?a a ?t VALUES ?t {{ {types} }} }} }}")))[0]
    return seen, (int(statements), int(actors))
