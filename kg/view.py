"""RDF -> networkx -> one offline HTML page: the explorable view of a kg graph.

The flow is one way and each step is a small pure function, so each can be
tested without a browser:

``read_view_data`` (RDF triple patterns -> plain records) -> ``build_network``
(records + :class:`ViewOptions` -> a networkx graph of actors, filtered by type
and time) -> ``select_view`` (focus/ego network and the size cap, keeping the
most central nodes) -> ``page_payload`` (JSON-ready dict: nodes, edges, the
side-panel details) -> ``render_html`` (kg's own template, vis-network inlined).

Why not pyvis's template: it links Bootstrap and tom-select from a CDN even with
``cdn_resources="in_line"`` and pastes titles into HTML unescaped. The page here
inlines vis-network from pyvis's bundled ``lib/vis-9.1.2`` and kg's own
``view_assets``; article text travels only as JSON inside
``<script type="application/json">`` with ``<``, ``>`` and ``&`` escaped, and
the page's script shows it with ``textContent`` (labels are drawn on a canvas),
so a quote can never become markup. A Content-Security-Policy allows only the
page's own inline scripts (by hash) and no network at all.

Why the default cap (:data:`DEFAULT_CAP`): see ``bench/bench_view.py``.
"""
from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import networkx as nx
from rdflib import Literal, URIRef

from .errors import KgError
from .rdf.namespace import KG, ORG, RDF, RDFS, SDO, SKOS

__all__ = ["DEFAULT_CAP", "STATEMENT_MODES", "TYPE_STYLE", "ViewOptions", "ViewData", "read_view_data",
           "parse_when", "build_network", "pagerank", "select_view", "page_payload", "script_json",
           "render_html", "write_view"]

#: Most nodes a page shows before the least central are left out (measured: bench/bench_view.py).
DEFAULT_CAP = 300
STATEMENT_MODES = ("edges", "nodes", "hidden")
ACTOR_TYPES = ("Person", "Party", "Body", "Inquiry", "Bill", "Place")
#: type -> (colour, vis shape, legend glyph); colour-blind-safe Tableau 10 colours
TYPE_STYLE = {
    "Person": ("#4e79a7", "dot", "\u25cf"),
    "Party": ("#e15759", "diamond", "\u25c6"),
    "Body": ("#59a14f", "square", "\u25a0"),
    "Inquiry": ("#f28e2b", "star", "\u2605"),
    "Bill": ("#b07aa1", "hexagon", "\u2b22"),
    "Place": ("#9c755f", "triangle", "\u25b2"),
    "Statement": ("#bab0ac", "dot", "\u2022"),
}
LONDON = ZoneInfo("Europe/London")
_TYPE_OF = {getattr(KG, t): t for t in ACTOR_TYPES}


# ---------------------------------------------------------------- records

@dataclass(frozen=True)
class EntryInfo:
    """Where a fact was read: the entry's time and headline, its document's title and URL."""

    id: str
    time: datetime | None = None
    headline: str = ""
    doc_title: str = ""
    url: str = ""


@dataclass(frozen=True)
class Said:
    """One kg:Statement, flattened."""

    id: str
    speaker: str
    text: str
    kind: str = ""
    entry: str = ""
    responds_to: str = ""
    about: tuple[str, ...] = ()
    venue: str = ""


@dataclass(frozen=True)
class ClaimRec:
    """One kg:Claim, flattened; ``object`` is an actor IRI or empty, then ``object_text`` says what."""

    id: str
    subject: str
    predicate: str
    object: str = ""
    object_text: str = ""
    evidence: str = ""
    entry: str = ""


@dataclass(frozen=True)
class Holding:
    """A post a person holds (org:holds), with the body or constituency it belongs to."""

    person: str
    role: str
    organisation: str = ""
    constituency: str = ""


@dataclass
class ViewData:
    """Everything the page can show, read once from the graph; plain Python, no rdflib terms."""

    actors: dict[str, tuple[str, str, tuple[str, ...]]] = field(default_factory=dict)  # iri -> type, label, alts
    entries: dict[str, EntryInfo] = field(default_factory=dict)
    statements: list[Said] = field(default_factory=list)
    claims: list[ClaimRec] = field(default_factory=list)
    memberships: set[tuple[str, str]] = field(default_factory=set)                       # (person, party)
    holdings: list[Holding] = field(default_factory=list)
    mentions: dict[str, set[str]] = field(default_factory=dict)                           # entry -> actors


@dataclass(frozen=True)
class ViewOptions:
    """What the page shows; every field maps to one ``kg view`` option."""

    statements: str = "edges"            # edges: speaker -> subject with counts; nodes; hidden
    focus: str | None = None             # a label or alias: show its ego network only
    depth: int = 1                       # ego-network radius, in hops
    types: tuple[str, ...] = ()          # actor types to keep; empty keeps all
    since: datetime | None = None        # facts and mentions from entries at or after
    until: datetime | None = None        # ... and strictly before
    cap: int = DEFAULT_CAP               # most nodes drawn; 0 draws all
    size_by: str = "pagerank"            # pagerank | degree
    cooccurrence: int = 2                # "mentioned with" edges need this many shared entries; 0: none
    cooccurrence_top: int = 3            # ... and are among either end's strongest few

    def __post_init__(self) -> None:
        if self.statements not in STATEMENT_MODES:
            raise KgError(f"--statements must be one of {', '.join(STATEMENT_MODES)}, not {self.statements!r}")
        if self.size_by not in ("pagerank", "degree"):
            raise KgError(f"--size must be pagerank or degree, not {self.size_by!r}")
        unknown = [t for t in self.types if t not in ACTOR_TYPES]
        if unknown:
            raise KgError(f"unknown type {', '.join(unknown)}; choose from {', '.join(ACTOR_TYPES)}")
        if self.depth < 0 or self.cap < 0:
            raise KgError("--depth and --cap must not be negative")


# ---------------------------------------------------------------- reading RDF

def _s(term) -> str:
    return "" if term is None else str(term)


def _first(graph, s, p) -> str:
    return next((str(o) for o in graph.objects(s, p)), "")


def _when(value) -> datetime | None:
    """An xsd:dateTime literal as an aware datetime (naive values are read as London time)."""
    if value is None:
        return None
    v = value.toPython() if isinstance(value, Literal) else value
    if isinstance(v, datetime):
        return v if v.tzinfo else v.replace(tzinfo=LONDON)
    if isinstance(v, date):
        return datetime.combine(v, time(), LONDON)
    try:
        return _when(datetime.fromisoformat(str(v)))
    except ValueError:
        return None


def _safe_url(url: str) -> str:
    """Only http(s) URLs may become links; anything else (``javascript:``, ``data:``) is dropped."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


def read_view_data(graph) -> ViewData:
    """Read actors, entries, statements, claims, memberships, posts and mentions with triple patterns.

    Triple patterns rather than SPARQL: they run at the store's native speed
    (rdflib's SPARQL engine is the slow part on large graphs) and behave the same
    on every back-end.
    """
    data = ViewData()
    for cls, type_ in _TYPE_OF.items():
        for node in graph.subjects(RDF.type, cls):
            if not isinstance(node, URIRef) or str(node) in data.actors:
                continue
            label = _first(graph, node, RDFS.label) or _first(graph, node, SKOS.prefLabel) or str(node)
            alts = sorted({str(a) for a in graph.objects(node, SKOS.altLabel)} - {label})
            data.actors[str(node)] = (type_, label, tuple(alts))
    docs: dict[str, tuple[str, str]] = {}
    for e in graph.subjects(RDF.type, KG.Entry):
        doc = graph.value(e, KG.inDocument)
        if doc is not None and str(doc) not in docs:
            docs[str(doc)] = (_first(graph, doc, SDO.headline) or _first(graph, doc, RDFS.label),
                              _safe_url(_first(graph, doc, SDO.url)))
        title, url = docs.get(_s(doc), ("", ""))
        t = _when(graph.value(e, SDO.datePublished)) or _when(graph.value(e, SDO.dateModified))
        headline = _first(graph, e, SDO.headline) or _first(graph, e, SDO.articleBody).split("\n", 1)[0][:140]
        data.entries[str(e)] = EntryInfo(str(e), t, headline, title, url)
        data.mentions[str(e)] = {str(a) for a in graph.objects(e, SDO.mentions) if str(a) in data.actors}
    for s in graph.subjects(RDF.type, KG.Statement):
        data.statements.append(Said(
            id=str(s), speaker=_s(graph.value(s, KG.speaker)), text=_first(graph, s, SDO.text),
            kind=_first(graph, s, KG.kind), entry=_s(graph.value(s, KG.inEntry)),
            responds_to=_s(graph.value(s, KG.respondsTo)),
            about=tuple(sorted(str(a) for a in graph.objects(s, KG.about))), venue=_first(graph, s, KG.venue)))
    for c in graph.subjects(RDF.type, KG.Claim):
        pred = _s(graph.value(c, KG.claimPredicate))
        data.claims.append(ClaimRec(
            id=str(c), subject=_s(graph.value(c, KG.claimSubject)), predicate=re.split(r"[#/]", pred)[-1],
            object=_s(graph.value(c, KG.claimObject)), object_text=_first(graph, c, KG.objectText),
            evidence=_first(graph, c, KG.evidence), entry=_s(graph.value(c, KG.inEntry))))
    for person, party in graph.subject_objects(ORG.memberOf):
        data.memberships.add((str(person), str(party)))
    for person, post in graph.subject_objects(ORG.holds):
        data.holdings.append(Holding(
            str(person), _first(graph, post, KG.roleLabel) or _first(graph, post, RDFS.label),
            _s(graph.value(post, ORG.postIn)), _s(graph.value(post, KG.constituency))))
    data.statements.sort(key=lambda x: x.id)
    data.claims.sort(key=lambda x: x.id)
    data.holdings = sorted(set(data.holdings), key=lambda h: (h.person, h.role, h.organisation, h.constituency))
    return data
