"""The build: sources -> entries -> NLP -> extractors -> resolution -> RDF, one document at a time.

Documents stream through one by one, so a corpus is never held in memory at
once; each document's triples go to its own named graph, so rebuilding a
document replaces exactly its triples. The build itself is a PROV activity
(:class:`kg.rdf.mapping.Build`) named by kg's version and the hashes of its
input files and options; every fact points to it.
"""
from __future__ import annotations

import hashlib
import itertools
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rdflib import Dataset

from .entries import Document
from .errors import BadInputError
from .extract.context import DocContext
from .extract.entities import extract_document_mentions
from .facts import Facts
from .nlp import cache_sentences, load_pipeline
from .rdf import mapping
from .rdf.iris import base_iri
from .resolve.merge import resolve_mentions
from .sources import date_warning, is_url, iter_source_files, read_document

__all__ = ["BuildReport", "NoDocumentsError", "extract_document", "document_triples", "build_dataset", "new_dataset",
           "read_documents", "parse_documents", "add_document", "choose_processes", "default_jobs",
           "input_digest", "build_for"]


@dataclass
class BuildReport:
    documents: list[str] = field(default_factory=list)
    entries: int = 0
    words: int = 0
    triples: int = 0
    failures: list[BadInputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)       # one line each, e.g. a document with no date
    skipped: list[Path] = field(default_factory=list)      # files of a folder that are no input format
    seconds: float = 0.0


class NoDocumentsError(BadInputError):
    """Every input file was refused; ``failures`` holds each file's own error."""

    def __init__(self, failures: list[BadInputError]):
        self.failures = list(failures)
        first = self.failures[0]
        more = f" (and {len(self.failures) - 1} more refused files)" if len(self.failures) > 1 else ""
        super().__init__(first.source, first.problem + more)


def extract_document(doc: Document, model: str | None = None, parsed: list | None = None) -> Facts:
    """All facts of one document, resolved (the extractors run in dependency order)."""
    if parsed is None:
        nlp = load_pipeline(model)
        parsed = list(nlp.pipe([e.text for e in doc.entries], batch_size=32))
    for parsed_doc in parsed:
        cache_sentences(parsed_doc)
    mentions = extract_document_mentions(doc, parsed)
    resolver = resolve_mentions(mentions, doc.id)
    ctx = DocContext(doc=doc, parsed=parsed, resolver=resolver)
    facts = Facts(entities=resolver.entities)
    for step in _fact_steps():
        step(ctx, facts)
    return facts


def _fact_steps() -> list[Callable[[DocContext, Facts], None]]:
    """Later extractors in dependency order, with the resolution stage between affiliations and
    statements; a broken import fails loudly.

    Extractors only read the resolver. The affiliations step proposes aliases ("the home
    secretary" is Jane Doe); :func:`~kg.resolve.aliases.resolve_references` applies them and
    infers pronoun genders; bylines, statements and claims then look names up in the one table.
    """
    from .extract.claims import add_claims
    from .extract.roles import add_affiliations, add_byline_roles
    from .extract.statements import add_statements
    from .resolve.aliases import resolve_references

    return [add_affiliations, resolve_references, add_byline_roles, add_statements, add_claims]


def document_triples(doc: Document, facts: Facts, base: str, build: mapping.Build | None = None):
    """Every triple of one document, in a deterministic order.

    ``build`` is the run that made them (:func:`build_for`); without one, the build of
    this document alone, named by a hash of the document itself.
    """
    if build is None:
        build = mapping.document_build(doc, base)
    yield from mapping.document_triples(doc, base)
    for entry in doc.entries:
        yield from mapping.entry_triples(doc, entry, base)
    for ent in sorted(facts.entities.values(), key=lambda e: e.key):
        yield from mapping.entity_triples(ent, doc, base)
    for m in facts.memberships:
        yield from mapping.membership_triples(m, doc, base, build)
    for r in facts.roles:
        yield from mapping.role_triples(r, doc, base, build)
    for s in facts.statements:
        yield from mapping.statement_triples(s, doc, base, facts.entities, build)
    for c in facts.claims:
        yield from mapping.claim_triples(c, doc, base, build)
    yield from mapping.activity_triples(build, doc, base)


def input_digest(path: Path) -> str:
    """SHA-256 of an input file's bytes, and of its ``NAME.meta.json`` sidecar when there is one
    (the metadata shapes the graph too); a file that cannot be read hashes as its error."""
    h = hashlib.sha256()
    for part in (path, path.with_name(path.stem + ".meta.json")):
        if part != path and not part.is_file():
            continue
        try:
            h.update(hashlib.sha256(part.read_bytes()).digest())
        except OSError as exc:
            h.update(f"unreadable: {exc.strerror}".encode())
    return h.hexdigest()


def build_for(files: Iterable[Path], base: str, *, model: str | None = None, fmt: str | None = None,
              encoding: str | None = None) -> mapping.Build:
    """The PROV activity of a build of ``files``: kg's version, each file's name and
    :func:`input_digest`, and the options that change the output (not ``jobs``, not
    ``strict``, which only decide how fast or whether a bad file stops the run)."""
    options = {"base": base, "format": fmt or "auto", "encoding": encoding or "auto", "model": model or "default"}
    return mapping.build_activity(base, [(p.name, input_digest(p)) for p in files], options)


def new_dataset(store: str = "memory") -> Dataset:
    """An empty dataset on ``store`` (a ``--store`` value; see :mod:`kg.store`)."""
    from .store import open_store

    return open_store(store)


#: entries per nlp.pipe batch: big enough to amortise inter-process messages, small enough
#: that the Docs in flight (~3.7 MB per 1,000 words) stay a few tens of MB
BATCH_SIZE = 32
#: below this much input (bytes on disk, ~35k words) a second process costs more than it saves
PARALLEL_MIN_BYTES = 200_000


def default_jobs() -> int:
    """All cores this process may run on (the affinity mask, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:      # macOS, Windows
        return max(1, os.cpu_count() or 1)


def choose_processes(jobs: int | None, files: list[Path]) -> int:
    """How many NLP processes to run: ``jobs`` (default all cores), but 1 for a small input.

    Forking workers and shipping Docs back as bytes costs about a second; it only pays
    when there is enough text to keep every process busy for a while.
    """
    jobs = default_jobs() if not jobs or jobs < 1 else jobs
    if jobs == 1:
        return 1
    size = 0
    for path in files:
        try:
            size += Path(path).stat().st_size if not is_url(path) else 0
        except OSError:
            continue
        if size >= PARALLEL_MIN_BYTES:
            return jobs
    return 1


def read_documents(files: Iterable[Path | str], *, fmt: str | None, encoding: str | None, strict: bool,
                   failures: list[BadInputError], warnings: list[str] | None = None,
                   default_date: date | None = None, fetcher=None) -> Iterator[Document]:
    """Documents one at a time; a bad file (or URL) is recorded in ``failures`` (or raised when strict).

    URLs are fetched with ``fetcher`` (a :class:`kg.sources.fetch.Fetcher`; one with the
    default cache when None); ``default_date`` dates documents that give no date.
    """
    own_fetcher = None
    try:
        for path in files:
            try:
                if is_url(path):
                    from .sources.fetch import Fetcher, default_cache_dir, read_url

                    if fetcher is None:
                        fetcher = own_fetcher = Fetcher(cache_dir=default_cache_dir())
                    doc = read_url(str(path), fetcher, format=fmt, encoding=encoding, default_date=default_date)[0]
                else:
                    doc = read_document(path, format=fmt, encoding=encoding, default_date=default_date)
            except BadInputError as exc:
                if strict:
                    raise
                failures.append(exc)
                continue
            warning = date_warning(doc)
            if warning and warnings is not None:
                warnings.append(warning)
            yield doc
    finally:
        if own_fetcher is not None:
            own_fetcher.close()


def parse_documents(docs: Iterable[Document], *, model: str | None = None, n_process: int = 1,
                    batch_size: int = BATCH_SIZE) -> Iterator[tuple[Document, list]]:
    """Each document with its parsed entries, through one ``nlp.pipe`` over the whole stream.

    One pipe over every entry of every document keeps all processes busy across document
    boundaries; ``as_tuples`` carries the owning document along, and since spaCy keeps
    order, a document is complete when its last entry comes back. Only the documents
    in flight are held, never the corpus. The pipeline is loaded only once a readable
    document exists, so a run of bad files fails fast.
    """
    docs = iter(docs)
    first = next(docs, None)
    if first is None:
        return
    nlp = load_pipeline(model)

    def entry_texts() -> Iterator[tuple[str, Document]]:
        for doc in itertools.chain([first], docs):
            for entry in doc.entries:
                yield entry.text, doc

    current: Document | None = None
    parsed: list = []
    for pdoc, doc in nlp.pipe(entry_texts(), as_tuples=True, n_process=n_process, batch_size=batch_size):
        if doc is not current:
            current, parsed = doc, []
        parsed.append(pdoc)
        if len(parsed) == len(doc.entries):
            yield doc, parsed
            current, parsed = None, []


def add_document(ds: Dataset, doc: Document, facts: Facts, base: str, build: mapping.Build | None = None) -> int:
    """Replace the document's named graph with its triples; returns how many."""
    from .store import replace_graph

    return replace_graph(ds, mapping.graph_iri(base, doc.id), document_triples(doc, facts, base, build))


def build_dataset(sources: Iterable[str | Path], *, base: str | None = None, model: str | None = None,
                  strict: bool = False, dataset: Dataset | None = None, fmt: str | None = None,
                  encoding: str | None = None, progress: Callable[[Document], None] | None = None,
                  jobs: int | None = None, default_date: date | None = None,
                  fetcher=None) -> tuple[Dataset, BuildReport]:
    """Build (or add to) a dataset from files and directories; bad files are reported, not fatal.

    Documents stream from disk through the NLP in one pipe (``jobs`` processes, default all
    cores when the input is big enough) and each lands in its own named graph. With
    ``strict`` every file is read (cheaply, without NLP) before any work, and the first bad
    one raises :class:`BadInputError`, so a strict build fails fast and changes nothing.
    """
    started = time.perf_counter()
    base = base_iri(base)
    ds = dataset if dataset is not None else new_dataset()
    report = BuildReport()
    files = list(iter_source_files(list(sources), report.skipped))
    if not files:
        raise BadInputError(", ".join(map(str, sources)) or "(no sources)", "no input documents found")
    if strict:
        for _ in read_documents(files, fmt=fmt, encoding=encoding, strict=True, failures=[],
                                default_date=default_date, fetcher=fetcher):
            pass
    # a URL's bytes are known only once fetched: a fetched document is its own build, named by
    # a hash of the document as read (mapping.document_build); the files share one build
    paths = [f for f in files if not is_url(f)]
    build = build_for(paths, base, model=model, fmt=fmt, encoding=encoding) if paths else None
    docs = read_documents(files, fmt=fmt, encoding=encoding, strict=strict, failures=report.failures,
                          warnings=report.warnings, default_date=default_date, fetcher=fetcher)
    for doc, parsed in parse_documents(docs, model=model, n_process=choose_processes(jobs, files)):
        facts = extract_document(doc, model, parsed=parsed)
        del parsed
        report.triples += add_document(ds, doc, facts, base, None if is_url(doc.source) else build)
        report.documents.append(doc.id)
        report.entries += len(doc.entries)
        report.words += sum(len(e.text.split()) for e in doc.entries)
        if progress:
            progress(doc)
    report.seconds = time.perf_counter() - started
    if not report.documents and report.failures:
        raise NoDocumentsError(report.failures)
    return ds, report
