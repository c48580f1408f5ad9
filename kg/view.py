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
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import networkx as nx
from rdflib import Literal, URIRef

from .errors import KgError
from .rdf.namespace import KG, ORG, RDF, RDFS, SDO, SKOS
from .resolve.names import name_key
from .store import triple_reader

__all__ = ["DEFAULT_CAP", "STATEMENT_MODES", "TYPE_STYLE", "ViewOptions", "ViewData", "read_view_data",
           "parse_when", "build_network", "pagerank", "centrality", "match_nodes", "select_view",
           "page_payload", "script_json", "render_html", "local_snapshot", "make_page", "write_view"]

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
#: entries naming more actors than this (round-ups, summaries) link none of them as "mentioned with"
COOCCURRENCE_MAX_ACTORS = 30
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
    keys: dict[str, frozenset[str]] = field(default_factory=dict)                        # iri -> lookup keys
    entries: dict[str, EntryInfo] = field(default_factory=dict)
    statements: list[Said] = field(default_factory=list)
    claims: list[ClaimRec] = field(default_factory=list)
    memberships: set[tuple[str, str]] = field(default_factory=set)                       # (person, party)
    holdings: list[Holding] = field(default_factory=list)
    mentions: dict[str, set[str]] = field(default_factory=dict)                           # entry -> actors
    documents: list[str] = field(default_factory=list)                                    # live-blog titles


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
    cooccurrence: int = 1                # "mentioned with" edges need this many shared entries; 0: none
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


def _distinct(names: Iterable[str], label: str) -> list[str]:
    """Aliases without the label and without case-only repeats ("the Home Secretary" once, not thrice)."""
    seen, out = {_norm(label)}, []
    for name in names:
        if _norm(name) not in seen:
            seen.add(_norm(name))
            out.append(name)
    return out


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
            alts = _distinct(sorted(str(a) for a in graph.objects(node, SKOS.altLabel)), label)
            data.actors[str(node)] = (type_, label, tuple(alts))
            data.keys[str(node)] = _actor_keys(label, alts, graph.objects(node, SKOS.hiddenLabel))
    docs: dict[str, tuple[str, str]] = {}
    for e in graph.subjects(RDF.type, KG.Entry):
        doc = graph.value(e, KG.inDocument)
        if doc is not None and str(doc) not in docs:
            docs[str(doc)] = (_first(graph, doc, SDO.headline) or _first(graph, doc, RDFS.label),
                              _safe_url(_first(graph, doc, SDO.url)))
        title, url = docs.get(_s(doc), ("", ""))
        t = _when(graph.value(e, SDO.datePublished)) or _when(graph.value(e, SDO.dateModified))
        headline = _short(_first(graph, e, SDO.headline) or _first(graph, e, SDO.articleBody).split("\n", 1)[0], 90)
        data.entries[str(e)] = EntryInfo(str(e), t, headline, title, url)
        data.mentions[str(e)] = {str(a) for a in graph.objects(e, SDO.mentions) if str(a) in data.actors}
    for s in graph.subjects(RDF.type, KG.Statement):
        data.statements.append(Said(
            id=str(s), speaker=_s(graph.value(s, KG.speaker)), text=_first(graph, s, SDO.text),
            kind=_first(graph, s, KG.kind).rsplit("#", 1)[-1], entry=_s(graph.value(s, KG.inEntry)),
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
            str(person), _first(graph, post, RDFS.label),
            _s(graph.value(post, ORG.postIn)), _s(graph.value(post, KG.constituency))))
    data.documents = sorted(title for title, _ in docs.values() if title)
    data.statements.sort(key=lambda x: x.id)
    data.claims.sort(key=lambda x: x.id)
    data.holdings = sorted(set(data.holdings), key=lambda h: (h.person, h.role, h.organisation, h.constituency))
    return data


# ---------------------------------------------------------------- the network

def parse_when(text: str, end: bool = False) -> datetime:
    """A ``--since``/``--until`` value: an ISO date or date-time; naive values are London time.

    A bare date given as an end (``--until 2025-01-06``) means the end of that day,
    so the bound stays exclusive and still includes the whole day named.
    """
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
            day = date.fromisoformat(text.strip()) + timedelta(days=1 if end else 0)
            return datetime.combine(day, time(), LONDON)
        t = datetime.fromisoformat(text.strip())
    except ValueError:
        raise KgError(f"{text!r} is not an ISO date or date-time (e.g. 2025-01-06 or 2025-01-06T14:00)") from None
    return t if t.tzinfo else t.replace(tzinfo=LONDON)


def _in_window(data: ViewData, entry: str, opts: ViewOptions) -> bool:
    """Whether a fact from ``entry`` falls inside --since/--until (undated facts drop out of a window)."""
    if opts.since is None and opts.until is None:
        return True
    info = data.entries.get(entry)
    t = info.time if info else None
    if t is None:
        return False
    return (opts.since is None or t >= opts.since) and (opts.until is None or t < opts.until)


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "\u2026"


def build_network(data: ViewData, opts: ViewOptions = ViewOptions()) -> nx.MultiDiGraph:
    """One node per actor (and per statement with ``statements="nodes"``); edges collapsed with counts.

    Edge kinds: ``member`` (member of), ``holds`` (a post in a body or for a
    place, labelled with the role), ``claim`` (the claim predicate), ``speaks``
    and ``responds`` (statements collapsed speaker -> subject), ``said``/``about``
    (statement nodes) and ``cooccurs`` (mentioned in the same entries; kept only
    between otherwise unlinked actors, at least ``opts.cooccurrence`` times and
    among either end's ``opts.cooccurrence_top`` strongest, so clusters show
    without a hairball).
    """
    types = set(opts.types or ACTOR_TYPES)
    statements = [s for s in data.statements if _in_window(data, s.entry, opts)]
    claims = [c for c in data.claims if _in_window(data, c.entry, opts)]
    mentions = {e: a for e, a in data.mentions.items() if _in_window(data, e, opts)}
    if opts.since is None and opts.until is None:
        active = set(data.actors)
    else:   # in a window, an actor must be mentioned, speak or be claimed about inside it
        active = set().union(*mentions.values()) if mentions else set()
        for s in statements:
            active.update((s.speaker, s.responds_to, *s.about))
        for c in claims:
            active.update((c.subject, c.object))
    g = nx.MultiDiGraph()
    for iri in sorted(active & set(data.actors)):
        type_, label, alts = data.actors[iri]
        if type_ in types:
            g.add_node(iri, type=type_, label=label, alts=alts,
                       keys=data.keys.get(iri) or _actor_keys(label, alts))
    counts: Counter[tuple[str, str, str, str]] = Counter()
    for person, party in data.memberships:
        counts[(person, party, "member", "member of")] += 1
    for h in data.holdings:
        for target in (h.organisation, h.constituency):
            if target:
                counts[(h.person, target, "holds", h.role)] += 1
    for c in claims:
        if c.object:
            counts[(c.subject, c.object, "claim", c.predicate)] += 1
    if opts.statements == "edges":
        for s in statements:
            for target in s.about:
                if target != s.speaker:
                    counts[(s.speaker, target, "speaks", "speaks about")] += 1
            if s.responds_to:
                counts[(s.speaker, s.responds_to, "responds", "responds to")] += 1
    elif opts.statements == "nodes":
        for s in statements:
            if s.speaker not in g:
                continue
            g.add_node(s.id, type="Statement", label=_short(s.text, 32), alts=())
            counts[(s.speaker, s.id, "said", "said")] += 1
            for target in s.about:
                counts[(s.id, target, "about", "about")] += 1
            if s.responds_to:
                counts[(s.id, s.responds_to, "responds", "responds to")] += 1
    for (a, b, kind, label), n in sorted(counts.items()):
        if a in g and b in g and a != b:
            g.add_edge(a, b, key=f"{kind}:{label}", kind=kind, label=label, count=n,
                       weight=n * (3 if kind in ("member", "holds") else 2))
    if opts.cooccurrence:
        for a, b, n in _cooccurrence_edges(g, mentions.values(), opts.cooccurrence, opts.cooccurrence_top):
            g.add_edge(a, b, key="cooccurs", kind="cooccurs", label="", count=n, weight=n)
    return g


def _cooccurrence_edges(g: nx.MultiDiGraph, mention_sets: Iterable[set[str]], minimum: int,
                        top: int) -> list[tuple[str, str, int]]:
    """Pairs of actors mentioned together often, among each end's strongest, not already linked."""
    pairs: Counter[tuple[str, str]] = Counter()
    strength: Counter[tuple[str, str]] = Counter()
    for actors in mention_sets:
        present = sorted(a for a in actors if a in g)
        if len(present) > COOCCURRENCE_MAX_ACTORS:     # a round-up, not a relation; and pairs grow as n^2
            continue
        for i, a in enumerate(present):
            for b in present[i + 1:]:
                pairs[(a, b)] += 1
                strength[(a, b)] += 1.0 / (len(present) - 1)   # a summary naming 25 actors links each weakly
    chosen: dict[str, set[tuple[str, str]]] = defaultdict(set)
    ranked = sorted((p for p, n in pairs.items() if n >= minimum), key=lambda p: (-strength[p], -pairs[p], p))
    for a, b in ranked:
        for end in (a, b):
            if len(chosen[end]) < top:
                chosen[end].add((a, b))
    keep = set().union(*chosen.values()) if chosen else set()
    return [(a, b, pairs[(a, b)]) for a, b in ranked
            if (a, b) in keep and not g.has_edge(a, b) and not g.has_edge(b, a)]


def pagerank(g: nx.Graph, alpha: float = 0.85, weight: str = "weight", tol: float = 1e-9,
             max_iter: int = 200) -> dict[str, float]:
    """Weighted PageRank on the undirected multigraph (edges summed), by power iteration.

    Undirected because a main actor is one much talked about *and* much talking;
    written here because networkx's own ``pagerank`` needs scipy, which kg does
    not otherwise depend on. Isolated nodes share the teleport mass.
    """
    nodes = list(g)
    n = len(nodes)
    if not n:
        return {}
    nbrs: dict[str, dict[str, float]] = {v: defaultdict(float) for v in nodes}
    for a, b, d in g.edges(data=True):
        if a != b:
            w = float(d.get(weight, 1.0))
            nbrs[a][b] += w
            nbrs[b][a] += w
    strength = {v: sum(nbrs[v].values()) for v in nodes}
    pr = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(pr[v] for v in nodes if not strength[v]) / n
        new = dict.fromkeys(nodes, (1.0 - alpha) / n + dangling)
        for v in nodes:
            if strength[v]:
                share = alpha * pr[v] / strength[v]
                for u, w in nbrs[v].items():
                    new[u] += share * w
        err = sum(abs(new[v] - pr[v]) for v in nodes)
        pr = new
        if err < n * tol:
            break
    return pr


def centrality(g: nx.Graph, size_by: str = "pagerank") -> dict[str, float]:
    """The score nodes are sized and capped by: PageRank, or weighted degree."""
    if size_by == "degree":
        return {v: float(d) for v, d in g.degree(weight="weight")}
    return pagerank(g)


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _actor_keys(label: str, alts: Iterable[str] = (), stored: Iterable = ()) -> frozenset[str]:
    """An actor's lookup keys: the ``skos:hiddenLabel`` values kg wrote (what ``kg query`` name
    parameters are matched against), and :func:`kg.resolve.names.name_key` of its label and
    aliases, which are the same keys for graphs written before kg stored them."""
    keys = {str(k) for k in stored} | {name_key(n) for n in (label, *alts)}
    return frozenset(keys - {""})


def match_nodes(g: nx.Graph, name: str) -> list[str]:
    """Actor nodes found by ``name`` as ``kg query`` finds them: its lookup key (any case, no
    honorific, leading article or possessive: "sir jane doe", "the tories") is one of theirs;
    else the nodes whose label, alias or key contains the text typed."""
    want, typed = name_key(name), _norm(name)
    nodes = [(v, d) for v, d in g.nodes(data=True) if d.get("type") != "Statement"]
    exact = sorted(v for v, d in nodes if want and want in d.get("keys", ()))
    if exact:
        return exact
    return sorted(v for v, d in nodes if typed and any(
        typed in x or (want and want in x)
        for x in (_norm(d["label"]), *map(_norm, d.get("alts", ())), *d.get("keys", ()))))


def _nearest_names(g: nx.Graph, name: str, n: int = 3) -> list[str]:
    """Labels of the actors whose names are closest to ``name`` (for the error message)."""
    import difflib

    labels = {}
    for _, d in g.nodes(data=True):
        if d.get("type") != "Statement":
            for x in (d["label"], *d.get("alts", ())):
                labels.setdefault(name_key(x), d["label"])
    near = difflib.get_close_matches(name_key(name), list(labels), n=n * 3, cutoff=0.6)
    return list(dict.fromkeys(labels[k] for k in near))[:n]


def select_view(g: nx.MultiDiGraph, opts: ViewOptions, scores: dict[str, float]
                ) -> tuple[nx.MultiDiGraph, dict]:
    """Apply --focus/--depth, then the cap (most central first; focus nodes always stay).

    Returns the subgraph and what was left out, so the page can say so.
    """
    centres: list[str] = []
    nodes = set(g)
    if opts.focus:
        centres = match_nodes(g, opts.focus)
        if not centres:
            near = _nearest_names(g, opts.focus)
            hint = f"; did you mean {' or '.join(near)}?" if near else ""
            raise KgError(f"--focus {opts.focus!r}: no node has that name or alias{hint}")
        und = g.to_undirected(as_view=True)
        nodes = set().union(*(nx.ego_graph(und, c, radius=opts.depth) for c in centres))
    kept = nodes
    if opts.cap and len(nodes) > opts.cap:
        ranked = sorted(nodes - set(centres), key=lambda v: (-scores.get(v, 0.0), g.nodes[v]["label"], v))
        kept = set(centres[: opts.cap]) | set(ranked[: max(0, opts.cap - len(centres))])
    sub = g.subgraph(kept).copy()
    base_edges = g.subgraph(nodes).copy().number_of_edges() if opts.focus else g.number_of_edges()
    info = {"left_nodes": len(nodes) - sub.number_of_nodes(),
            "left_edges": base_edges - sub.number_of_edges(),
            "cap": opts.cap, "focus": [g.nodes[c]["label"] for c in centres], "depth": opts.depth,
            "total_nodes": g.number_of_nodes(), "total_edges": g.number_of_edges()}
    return sub, info


# ---------------------------------------------------------------- the page

def _when_text(t: datetime | None) -> str:
    return t.astimezone(LONDON).strftime("%-d %b %Y %H:%M") if t else ""


def _entry_json(data: ViewData, entry: str) -> dict:
    info = data.entries.get(entry) or EntryInfo(entry)
    return {"time": info.time.isoformat() if info.time else "", "when": _when_text(info.time),
            "entry": info.headline, "doc": info.doc_title, "url": info.url}


def _details(g: nx.MultiDiGraph, full: nx.MultiDiGraph, data: ViewData, opts: ViewOptions) -> dict[str, dict]:
    """The side panel's content for every node shown: names, posts, parties, statements, claims."""
    label = {iri: lab for iri, (_, lab, _) in data.actors.items()}
    said: dict[str, list[Said]] = defaultdict(list)
    for s in data.statements:
        if _in_window(data, s.entry, opts):
            said[s.speaker].append(s)
    claimed: dict[str, list[ClaimRec]] = defaultdict(list)
    for c in data.claims:
        if _in_window(data, c.entry, opts):
            claimed[c.subject].append(c)
    posts: dict[str, list[str]] = defaultdict(list)
    for h in data.holdings:
        where = [label.get(x, "") for x in (h.organisation, h.constituency) if x]
        posts[h.person].append(", ".join([h.role, *filter(None, where)]))
    parties: dict[str, list[str]] = defaultdict(list)
    for person, party in sorted(data.memberships):
        parties[person].append(label.get(party, party))
    mentioned = Counter(a for e, actors in data.mentions.items() if _in_window(data, e, opts) for a in actors)
    by_id = {s.id: s for s in data.statements}

    def statement(s: Said) -> dict:
        return {"text": s.text, "kind": s.kind, "venue": s.venue, "speaker": label.get(s.speaker, ""),
                "respondsTo": label.get(s.responds_to, ""), **_entry_json(data, s.entry)}

    out: dict[str, dict] = {}
    for v, d in g.nodes(data=True):
        if d["type"] == "Statement":
            out[v] = {"type": "Statement", "label": d["label"], "statements": [statement(by_id[v])]}
            continue
        mine = sorted(said.get(v, []), key=lambda s: (_entry_json(data, s.entry)["time"], s.id))
        out[v] = {
            "type": d["type"], "label": d["label"], "alts": list(d.get("alts", ())),
            "posts": sorted(set(posts.get(v, []))), "parties": parties.get(v, []),
            "mentions": mentioned.get(v, 0),
            "statements": [statement(s) for s in mine],
            "claims": [{"predicate": c.predicate, "object": label.get(c.object, "") or c.object_text,
                        "evidence": c.evidence, **_entry_json(data, c.entry)}
                       for c in sorted(claimed.get(v, []), key=lambda c: c.id)],
            "hidden": sorted({full.nodes[u]["label"] for u in nx.all_neighbors(full, v) if u not in g}),
        }
    return out


def physics_options(n_nodes: int) -> dict:
    """vis-network options: forceAtlas2 with a bounded stabilisation, then physics off.

    The iteration budget shrinks as the graph grows so that the page settles in
    a few seconds (bench/bench_view.py measures it); edges are straight because
    smooth curves cost more than they show.
    """
    iterations = 400 if n_nodes <= 200 else 250 if n_nodes <= 1000 else 120
    return {
        "layout": {"randomSeed": 7, "improvedLayout": n_nodes <= 150},
        "physics": {"solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -90, "centralGravity": 0.012,
                                         "springLength": 120, "springConstant": 0.05,
                                         "damping": 0.5, "avoidOverlap": 0.6},
                    "maxVelocity": 60, "minVelocity": 1, "timestep": 0.45,
                    "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 50,
                                      "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": n_nodes > 500,
                        "hideEdgesOnZoom": n_nodes > 1000, "navigationButtons": False, "keyboard": False},
    }


def _scale(score: float, lo: float, hi: float) -> float:
    """0..1, slightly compressed (power 0.75) so the main actors stand out yet the rest stay legible."""
    return ((score - lo) / (hi - lo)) ** 0.75 if hi > lo else 0.5


def page_payload(g: nx.MultiDiGraph, full: nx.MultiDiGraph, data: ViewData, opts: ViewOptions,
                 scores: dict[str, float], info: dict, title: str) -> dict:
    """The JSON the page reads: nodes (sized by centrality), edges, details, legend, stats."""
    actor_scores = [scores.get(v, 0.0) for v, d in g.nodes(data=True) if d["type"] != "Statement"]
    lo, hi = (min(actor_scores), max(actor_scores)) if actor_scores else (0.0, 0.0)
    nodes = []
    for v, d in sorted(g.nodes(data=True), key=lambda x: (-scores.get(x[0], 0.0), x[0])):
        if d["type"] == "Statement":
            size, font = 6.0, 10
        else:   # squares, diamonds and stars look bigger than a dot of the same size
            k = _scale(scores.get(v, 0.0), lo, hi)
            shrink = 1.0 if TYPE_STYLE[d["type"]][1] in ("dot", "triangle") else 0.8
            size, font = round((8 + 40 * k) * shrink, 1), round(14 + 16 * k)
        nodes.append({"id": v, "label": _short(d["label"]), "type": d["type"], "size": size, "font": font,
                      "names": [d["label"], *d.get("alts", ())], "score": round(scores.get(v, 0.0), 6)})
    edges = []
    for a, b, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2]["kind"], e[2]["label"])):
        n = d["count"]
        if d["kind"] == "cooccurs":
            label, tip = "", f"mentioned together in {n} entries"
        else:
            label = d["label"] + (f" \u00d7{n}" if n > 1 else "")
            tip = label
        edges.append({"from": a, "to": b, "kind": d["kind"], "label": label, "title": tip, "count": n})
    types = Counter(d["type"] for _, d in g.nodes(data=True))
    times = sorted(e.time for e in data.entries.values() if e.time and _in_window(data, e.id, opts))
    n_statements = sum(1 for s in data.statements if _in_window(data, s.entry, opts))
    return {
        "title": title, "documents": data.documents,
        "nodes": nodes, "edges": edges,
        "details": _details(g, full, data, opts),
        "legend": [{"type": t, "colour": c, "shape": s, "glyph": gl, "count": types.get(t, 0)}
                   for t, (c, s, gl) in TYPE_STYLE.items() if types.get(t)],
        "stats": {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "statements": n_statements,
                  "claims": sum(1 for c in data.claims if _in_window(data, c.entry, opts)),
                  "from": _when_text(times[0]) if times else "", "to": _when_text(times[-1]) if times else "",
                  "statementMode": opts.statements, "sizeBy": opts.size_by, **info},
        "vis": physics_options(g.number_of_nodes()),
    }


def script_json(data) -> str:
    """JSON safe inside any <script> element: no '<', '>' or '&' survive literally.

    So no string can close the element (``</script>``) or open a comment
    (``<!--``); U+2028/9 are escaped for old JavaScript parsers.
    """
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _asset(name: str) -> str:
    return resources.files("kg").joinpath("view_assets", name).read_text(encoding="utf-8")


def _vis_js() -> str:
    js = resources.files("pyvis").joinpath("lib/vis-9.1.2/vis-network.min.js").read_text(encoding="utf-8")
    if re.search(r"</script|<!--", js, re.I):    # would end the inline element early; not in 9.1.2
        raise KgError("the bundled vis-network cannot be inlined safely")
    return js


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def render_html(payload: dict, title: str = "kg") -> str:
    """The whole page as one string; every script and style inline, allowed by hash in the CSP.

    Placeholders are filled in one pass, so text substituted in is never scanned again.
    """
    import html

    parts = {"TITLE": html.escape(title), "STYLE": _asset("view.css"), "VIS": _vis_js(),
             "APP": _asset("view.js"), "DATA": script_json(payload)}
    parts["CSP"] = ("default-src 'none'; "
                    f"script-src {_sha256(parts['VIS'])} {_sha256(parts['APP'])}; "
                    f"style-src {_sha256(parts['STYLE'])}; img-src data:; "
                    "connect-src 'none'; base-uri 'none'; form-action 'none'")
    return re.sub(r"\{\{([A-Z]+)\}\}", lambda m: parts[m.group(1)], _asset("page.html"))


_READ_PREDICATES = (RDF.type, RDFS.label, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, KG.inDocument, SDO.headline, SDO.url,
                    SDO.datePublished, SDO.dateModified, SDO.articleBody, SDO.mentions, KG.speaker, SDO.text,
                    KG.kind, KG.inEntry, KG.respondsTo, KG.about, KG.venue, KG.claimSubject, KG.claimPredicate,
                    KG.claimObject, KG.objectText, KG.evidence, ORG.memberOf, ORG.holds,
                    ORG.postIn, KG.constituency)


def local_snapshot(graph):
    """What :func:`read_view_data` reads from, on any back-end (see :func:`kg.store.triple_reader`):
    the graph itself, a direct reader, or a local copy of the predicates the view reads."""
    return triple_reader(graph, _READ_PREDICATES)


def make_page(graph, title: str = "kg", **options) -> str:
    """The page for an RDF graph with ``kg view``'s options (see :class:`ViewOptions`)."""
    opts = ViewOptions(**options)
    data = read_view_data(local_snapshot(graph))
    full = build_network(data, opts)
    scores = centrality(full, opts.size_by)
    g, info = select_view(full, opts, scores)
    return render_html(page_payload(g, full, data, opts, scores, info, title), title)


def write_view(graph, path: str | Path, title: str = "kg", **options) -> Path:
    """Write the page atomically; ``options`` are :class:`ViewOptions` fields (statements, focus, ...)."""
    from .export import write_atomic

    return write_atomic(path, make_page(graph, title, **options))
