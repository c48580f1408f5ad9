"""The build: sources -> entries -> NLP -> extractors -> resolution -> RDF, one document at a time.

Documents stream through one by one, so a corpus is never held in memory at
once; each document's triples go to its own named graph, so rebuilding a
document replaces exactly its triples.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from .entries import Document
from .errors import BadInputError
from .extract.context import DocContext
from .extract.entities import extract_mentions
from .facts import Facts
from .nlp import load_pipeline
from .rdf import mapping
from .rdf.iris import base_iri
from .rdf.namespace import bind_prefixes
from .resolve.merge import resolve_mentions
from .sources import iter_source_files, read_document

__all__ = ["BuildReport", "extract_document", "document_triples", "build_dataset", "new_dataset"]


@dataclass
class BuildReport:
    documents: list[str] = field(default_factory=list)
    entries: int = 0
    words: int = 0
    triples: int = 0
    failures: list[BadInputError] = field(default_factory=list)


def extract_document(doc: Document, model: str | None = None, parsed: list | None = None) -> Facts:
    """All facts of one document, resolved (the extractors run in dependency order)."""
    if parsed is None:
        nlp = load_pipeline(model)
        parsed = list(nlp.pipe([e.text for e in doc.entries], batch_size=32))
    mentions = [m for e, p in zip(doc.entries, parsed) for m in extract_mentions(e, p)]
    resolver = resolve_mentions(mentions, doc.id)
    ctx = DocContext(doc=doc, parsed=parsed, resolver=resolver)
    facts = Facts(entities=resolver.entities)
    for step in _fact_steps():
        step(ctx, facts)
    return facts


def _fact_steps() -> list[Callable[[DocContext, Facts], None]]:
    """Later extractors (roles, statements, claims) registered in dependency order."""
    steps = []
    try:
        from .extract.roles import add_affiliations
        steps.append(add_affiliations)
    except ImportError:
        pass
    try:
        from .extract.statements import add_statements
        steps.append(add_statements)
    except ImportError:
        pass
    try:
        from .extract.claims import add_claims
        steps.append(add_claims)
    except ImportError:
        pass
    return steps


def document_triples(doc: Document, facts: Facts, base: str):
    """Every triple of one document, in a deterministic order."""
    yield from mapping.document_triples(doc, base)
    for entry in doc.entries:
        yield from mapping.entry_triples(doc, entry, base)
    for ent in sorted(facts.entities.values(), key=lambda e: e.key):
        yield from mapping.entity_triples(ent, doc, base)
    for m in facts.memberships:
        yield from mapping.membership_triples(m, doc, base)
    for r in facts.roles:
        yield from mapping.role_triples(r, doc, base)
    for s in facts.statements:
        yield from mapping.statement_triples(s, doc, base)
    for c in facts.claims:
        yield from mapping.claim_triples(c, doc, base)


def new_dataset(store: str = "default") -> Dataset:
    ds = Dataset(store=store, default_union=True)
    bind_prefixes(ds)
    return ds


def build_dataset(sources: Iterable[str | Path], *, base: str | None = None, model: str | None = None,
                  strict: bool = False, dataset: Dataset | None = None, fmt: str | None = None,
                  encoding: str | None = None, progress: Callable[[Document], None] | None = None
                  ) -> tuple[Dataset, BuildReport]:
    """Build (or add to) a dataset from files and directories; bad files are reported, not fatal.

    With ``strict`` the first bad file raises :class:`BadInputError`.
    """
    base = base_iri(base)
    ds = dataset if dataset is not None else new_dataset()
    report = BuildReport()
    files = list(iter_source_files(list(sources)))
    if not files:
        raise BadInputError(", ".join(map(str, sources)) or "(no sources)", "no input documents found")
    for path in files:
        try:
            doc = read_document(path, format=fmt, encoding=encoding)
        except BadInputError as exc:
            if strict:
                raise
            report.failures.append(exc)
            continue
        facts = extract_document(doc, model)
        g_iri = mapping.graph_iri(base, doc.id)
        ds.remove_graph(g_iri)
        graph = ds.graph(g_iri)
        for triple in document_triples(doc, facts, base):
            graph.add(triple)
        report.documents.append(doc.id)
        report.entries += len(doc.entries)
        report.words += sum(len(e.text.split()) for e in doc.entries)
        if progress:
            progress(doc)
    if not report.documents and report.failures:
        raise report.failures[0]
    return ds, report
