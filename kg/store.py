"""Stores: open a graph on a back-end chosen by name, and write one document's graph into it.

Four back-ends, all seen by the rest of kg as an rdflib ``Dataset`` whose
default graph is the union of the named graphs (one named graph per document):

``memory``
    the default: an Oxigraph store held in RAM (through oxrdflib, like the
    on-disk one); ``kg build`` also writes files. Why not rdflib's own memory
    store: at a corpus's size its millions of Python objects cost ~1.3 GB per
    million triples and make the garbage collector's full passes, and so every
    later document, slower (500 live blogs: 4 GB, and the build 1.6x spaCy's
    time instead of 1.2x); Oxigraph keeps them outside the Python heap.
``rdflib``
    rdflib's pure-Python memory store, for comparison (tests, benchmarks) and
    for code that wants rdflib's own SPARQL engine.
``oxigraph:PATH``
    a persistent on-disk Oxigraph store through oxrdflib, so a build adds
    documents incrementally and a later ``kg query --store oxigraph:PATH``
    reads them without parsing anything. Queries, replacement of a graph and
    serialisation bypass rdflib and talk to pyoxigraph directly, because
    oxrdflib routes ``initBindings`` and bulk writes through slower paths.

    kg keeps an Oxigraph store's *default graph equal to the set union of its
    named graphs*, and queries read the default graph. Oxigraph's "union
    default graph" is a multiset: an actor's label and types are repeated in
    every document that mentions it, so a query joining labels and types
    multiplied rows by (documents per actor)^2 and took minutes at 100k
    triples. The extra copy costs disk; every write path keeps it in step
    (:func:`replace_graph`, and ``remove_graph``/``add`` through rdflib).
``sparql:QUERY_URL[,UPDATE_URL]``
    any SPARQL 1.1 endpoint (Virtuoso, Oxigraph server, Fuseki ...). HTTP goes
    through SPARQLWrapper, which does Basic and Digest auth (rdflib's own
    connector only does Basic, and Virtuoso's update endpoint wants Digest):
    ``KG_SPARQL_USER``, ``KG_SPARQL_PASSWORD`` and ``KG_SPARQL_AUTH``
    (``basic`` or ``digest``). Blank nodes are refused: they cannot cross to
    a remote store and come back the same.

:func:`replace_graph` is the one write the pipeline needs: drop a document's
graph and add its triples, in one bulk operation on every back-end.

The rest of kg reaches every back-end through this module alone, and never asks
which back-end it holds (a test keeps it so): :func:`query` runs SPARQL,
:func:`quads`, :func:`canonical_quads` and :func:`canonical_stream` read every
quad, :func:`triple_reader` answers the view's triple patterns,
:func:`as_oxigraph` gives an Oxigraph dataset for read-heavy work,
:func:`triple_count` and :func:`flush` do what their names say. Each takes the
fast path its back-end allows (pyoxigraph directly, rdflib's engine, or a
request to the endpoint) and returns the same terms: rdflib terms, strings plain.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore
from rdflib.query import Result

from .errors import QueryError, StoreError
from .rdf.namespace import PREFIXES, bind_prefixes
from .sparql import inject_values, selects_distinct, with_prefixes

#: the interface the rest of kg uses; ``store_kind`` and ``oxigraph_store`` (which back-end holds a
#: dataset) stay inside this module, where the dispatch lives
__all__ = ["STORE_KINDS", "StoreSpec", "parse_spec", "open_store", "load_graph_file", "replace_graph",
           "query", "quads", "canonical_quads", "canonical_stream", "named_ox_quads", "triple_reader",
           "as_oxigraph", "oxigraph_copy", "triple_count", "flush", "default_is_union",
           "rebuild_default_union", "RemoteStore", "from_ox", "to_ox", "ox_converter", "plain_term",
           "prefixes"]

STORE_KINDS = ("memory", "rdflib", "oxigraph:PATH", "sparql:QUERY_URL[,UPDATE_URL]")

#: most triples and bytes per INSERT DATA request: Virtuoso 7.2 refuses a request of ~350 kB
#: as "badly formed", so requests stay far below that
REMOTE_CHUNK = 1000
REMOTE_BYTES = 100_000
#: single-triple edits (Dataset.graph(g).add) batched per request
REMOTE_EDITS = 200


@dataclass(frozen=True)
class StoreSpec:
    """A parsed ``--store`` value."""

    kind: str                  # "memory" | "rdflib" | "oxigraph" | "sparql"
    location: str = ""         # directory (oxigraph) or query URL (sparql)
    update_url: str = ""       # sparql only; defaults to the query URL

    @property
    def persistent(self) -> bool:
        """True for a store that keeps its graph between runs (on disk, or an endpoint), so a
        reader opens it; ``memory`` and ``rdflib`` start empty, and a reader loads a file instead."""
        return self.kind in ("oxigraph", "sparql")


def parse_spec(spec: str | None) -> StoreSpec:
    """Parse ``memory``, ``rdflib``, ``oxigraph:PATH`` or ``sparql:QUERY_URL[,UPDATE_URL]``; raise StoreError otherwise."""
    text = (spec or "memory").strip()
    kind, sep, arg = text.partition(":")
    if kind in ("memory", "rdflib") and not arg:
        return StoreSpec(kind)
    if kind == "oxigraph" and arg:
        return StoreSpec("oxigraph", arg)
    if kind == "sparql" and arg:
        query_url, _, update_url = arg.partition(",")
        for url in (query_url, update_url):
            if url and not url.startswith(("http://", "https://")):
                raise StoreError(f"store {spec!r}: {url!r} is not an http(s) URL")
        return StoreSpec("sparql", query_url, update_url or query_url)
    raise StoreError(f"unknown store {spec!r}; choose from {', '.join(STORE_KINDS)}")


def open_store(spec: str | None = None, *, must_exist: bool = False) -> Dataset:
    """A Dataset (union default graph) on the back-end named by ``spec``.

    ``must_exist`` is for readers: opening a missing Oxigraph directory would
    otherwise create an empty store and every query would quietly return nothing.
    """
    s = parse_spec(spec)
    if s.kind == "memory":
        ds = Dataset(store=KgOxigraphStore(), default_union=True)
    elif s.kind == "rdflib":
        ds = Dataset(default_union=True)
    elif s.kind == "oxigraph":
        path = Path(s.location)
        if must_exist and not path.is_dir():
            raise StoreError(f"{path}: no Oxigraph store here; build one with 'kg build --store oxigraph:{path}'")
        ds = Dataset(store=KgOxigraphStore(), default_union=True)
        try:
            ds.open(str(path))
        except OSError as exc:
            raise StoreError(f"{path}: cannot open the Oxigraph store ({str(exc).splitlines()[0]}); "
                             "is another process using it?") from None
    else:
        ds = Dataset(store=RemoteStore(s.location, s.update_url), default_union=True)
    bind_prefixes(ds)
    return ds


def load_graph_file(path: str | Path, *, named_graphs: bool = True) -> Dataset:
    """A graph file kg wrote (TriG, N-Quads, Turtle ...) loaded into an in-memory Oxigraph dataset.

    What ``kg query``/``export``/``view`` read by default: pyoxigraph parses and
    answers the ready queries tens to thousands of times faster than rdflib's
    memory store, and the result is still an rdflib Dataset to the rest of kg.

    ``named_graphs=False`` keeps only the union, as the default graph: for
    queries that never name a graph (every ready query). Oxigraph's in-memory
    store files a triple of every graph under one index, so with each document's
    graph beside the union a lookup of an actor's label walks every document's
    copy: party-memberships took 2.2 s at 1M triples instead of 0.08 s.
    """
    import pyoxigraph as ox

    path = Path(path)
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TRIG
    store = ox.Store()
    try:
        # load, not bulk_load: in RAM it is the faster of the two (320k vs 280k triples/s at 1M)
        store.load(path=str(path), format=fmt)
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"{path}: not a graph kg can read ({str(exc).splitlines()[0]})") from None
    if named_graphs:
        rebuild_default_union(store)            # a file of triples is the union already
    elif next(iter(store.named_graphs()), None) is not None:
        # copied into a fresh store: dropping the graphs here would leave them indexed
        union = store.query("CONSTRUCT { ?s ?p ?o } WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
        data = union.serialize(format=ox.RdfFormat.N_TRIPLES)
        store = ox.Store()
        store.load(data, format=ox.RdfFormat.N_TRIPLES)
    ds = Dataset(store=KgOxigraphStore(store), default_union=True)
    bind_prefixes(ds)
    return ds


def store_kind(ds) -> str:
    """``oxigraph`` (in RAM or on disk), ``sparql`` or ``rdflib``: which fast path a dataset can take."""
    from oxrdflib import OxigraphStore

    store = getattr(ds, "store", None)
    if isinstance(store, RemoteStore):
        return "sparql"
    if isinstance(store, OxigraphStore):
        return "oxigraph"
    return "rdflib"


# --- Oxigraph: the default graph holds the set union of the named graphs ------------------------

def default_is_union(store) -> bool:
    """True when the default graph holds the union (kg wrote the store); else query the union."""
    import pyoxigraph as ox

    return next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None


def rebuild_default_union(store) -> None:
    """Add the union of the named graphs to the default graph of a freshly bulk-loaded store.

    A file of triples (Turtle, N-Triples) has no named graphs: its triples are
    the default graph already and stay as they are (clearing the default graph
    first emptied every Turtle file kg was asked to query). Triples a TriG
    file puts in its own default graph stay too: nothing read is dropped.
    """
    if next(iter(store.named_graphs()), None) is not None:
        store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")


def _in_some_named_graph(store, s, p, o) -> bool:
    import pyoxigraph as ox

    return any(not isinstance(q.graph_name, ox.DefaultGraph) for q in store.quads_for_pattern(s, p, o, None))


def _drop_named_graph(store, g) -> None:
    """Remove named graph ``g`` and every default-graph triple no other named graph still holds."""
    import pyoxigraph as ox

    if not store.contains_named_graph(g):
        return
    old = [(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, g)]
    store.remove_graph(g)
    dg = ox.DefaultGraph()
    for s, p, o in old:
        if not _in_some_named_graph(store, s, p, o):
            store.remove(ox.Quad(s, p, o, dg))


def _oxigraph_store_class():
    from oxrdflib import OxigraphStore

    class KgOxigraphStore(OxigraphStore):
        """oxrdflib's store, keeping the default graph equal to the union of the named graphs."""

        def add(self, triple, context, quoted=False):
            super().add(triple, context, quoted)
            if _named(context):
                self._inner.add(to_ox_quad(triple, None))

        def addN(self, quads):  # noqa: N802
            quads = list(quads)
            super().addN(quads)
            self._inner.extend([to_ox_quad(q[:3], None) for q in quads if _named(q[3])])

        def triples(self, triple_pattern, context=None):
            """As oxrdflib's, but the union is read once per triple, and strings come back plain.

            Union reads (``context`` None: ``ds.triples``, ``ds.subjects`` ...)
            read the default graph, which kg keeps as the set union of the
            documents' graphs; oxrdflib would yield a triple once per graph
            holding it (here: twice at least, with the union copy). Each
            triple's graphs are looked up only if asked for (``ds.quads``).
            ``"x"^^xsd:string`` is handed back as rdflib's plain ``"x"``: RDF 1.1
            makes them one term, rdflib two, so without this a notebook's
            ``g.value(x, RDFS.label) == Literal("Jane Doe")`` would be False here
            and True on rdflib's store.
            """
            import pyoxigraph as ox
            from oxrdflib._converter import from_ox_graph_name, to_ox_quad_pattern

            if context is not None or not default_is_union(self._inner):
                for (s, p, o), contexts in super().triples(triple_pattern, context):
                    yield (s, p, plain_term(o)), contexts
                return
            try:
                s, p, o, _ = to_ox_quad_pattern(triple_pattern, None)
            except (TypeError, ValueError):
                return
            inner, default = self._inner, ox.DefaultGraph()

            def graphs_of(q):           # a generator: nothing is looked up until it is read
                named = [g for g in (x.graph_name for x in inner.quads_for_pattern(q.subject, q.predicate, q.object))
                         if not isinstance(g, ox.DefaultGraph)]
                yield from (from_ox_graph_name(g, self) for g in named or [default])

            for q in inner.quads_for_pattern(s, p, o, default):
                yield (from_ox(q.subject), from_ox(q.predicate), plain_term(from_ox(q.object))), graphs_of(q)

        def query(self, query, initNs, initBindings, queryGraph, **kwargs):  # noqa: N803
            """SPARQL through rdflib's ``ds.query``: the union is kg's de-duplicated default graph.

            oxrdflib would ask Oxigraph for its multiset union of every graph,
            the default copy included, so each row would come back at least twice.
            """
            from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

            if queryGraph == "__UNION__" and default_is_union(self._inner):
                queryGraph = DATASET_DEFAULT_GRAPH_ID       # noqa: N806
            result = super().query(query, initNs, initBindings, queryGraph, **kwargs)
            if result.type == "SELECT":
                rows = result.bindings
                result.bindings = [{k: plain_term(v) for k, v in row.items()} for row in rows]
            return result

        def remove_graph(self, graph):
            import pyoxigraph as ox

            ident = getattr(graph, "identifier", graph)
            if _named(graph):
                _drop_named_graph(self._inner, ox.NamedNode(str(ident)))
            else:
                super().remove_graph(graph)

    return KgOxigraphStore


def _named(context) -> bool:
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    ident = getattr(context, "identifier", context)
    return isinstance(ident, URIRef) and ident != DATASET_DEFAULT_GRAPH_ID


def to_ox_quad(triple, graph):
    """An rdflib triple as a pyoxigraph quad in ``graph`` (None: the default graph)."""
    import pyoxigraph as ox

    s, p, o = triple
    return ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph() if graph is None else graph)


def KgOxigraphStore(store=None):  # noqa: N802  (a factory: oxrdflib is imported only when needed)
    """A new :class:`KgOxigraphStore` (see :func:`_oxigraph_store_class`), on ``store`` if given
    (a pyoxigraph Store), else on a new in-memory one."""
    global _KG_OX
    if _KG_OX is None:
        _KG_OX = _oxigraph_store_class()
    return _KG_OX(store=store)


_KG_OX = None


def oxigraph_store(ds):
    """The pyoxigraph ``Store`` behind an oxrdflib dataset (or None), for the fast paths."""
    return ds.store._inner if store_kind(ds) == "oxigraph" else None


# --- term conversion (pyoxigraph <-> rdflib) --------------------------------------------------

def plain_term(term):
    """``"x"^^xsd:string`` -> ``"x"``: RDF 1.1 says they are one term, rdflib says two.

    Oxigraph and Virtuoso hand back the typed form; normalising keeps answers
    comparable across stores and round trips isomorphic.
    """
    if isinstance(term, Literal) and term.datatype == XSD.string and term.language is None:
        return Literal(str(term))
    return term


_XSD_STRING = str(XSD.string)
_XSD_DATETIME = str(XSD.dateTime)
_DATETIME = URIRef(_XSD_DATETIME)


def from_ox(term):
    """A pyoxigraph term as an rdflib term (plain literals stay plain).

    IRIs, plain strings and ``xsd:dateTime`` values, nearly every term a ready
    query returns, are built by :func:`_uriref`, :func:`_plain` and
    :func:`_datetime`: rdflib's constructors re-validate and re-normalise what
    Oxigraph has already checked (an rdflib dateTime literal costs ~20-35 µs,
    its string and IRI 3-8 µs: most of a 3,000-row query's time).
    """
    if term is None:
        return None
    convert = _from_ox_by_type().get(type(term))
    if convert is None:
        raise StoreError(f"unsupported term from Oxigraph: {term!r}")
    return convert(term)


@lru_cache(maxsize=1)
def _from_ox_by_type() -> dict:
    """pyoxigraph term class -> converter (pyoxigraph is imported on first use only)."""
    import pyoxigraph as ox

    return {ox.NamedNode: lambda t: _uriref(t.value), ox.Literal: _from_ox_literal,
            ox.BlankNode: lambda t: BNode(t.value)}


def _from_ox_literal(term) -> Literal:
    if term.language:
        return Literal(term.value, lang=term.language)
    dt = term.datatype.value
    if dt == _XSD_STRING:
        return _plain(term.value)
    if dt == _XSD_DATETIME:
        return _datetime(term.value)
    return Literal(term.value, datatype=URIRef(dt))


# The three builders below fill the same fields as rdflib's constructors (rdflib is pinned in
# pyproject.toml; tests/test_store.py compares them with the constructors' results field by
# field, so an rdflib upgrade that changes Literal's layout fails there, not in a user's query).

def _uriref(iri: str) -> URIRef:
    """``URIRef(iri)`` for an IRI Oxigraph has already validated."""
    return str.__new__(URIRef, iri)


def _plain(text: str) -> Literal:
    """``Literal(text)``: a plain literal is its own value."""
    lit = str.__new__(Literal, text)
    lit._language, lit._datatype, lit._value, lit._ill_typed = None, None, text, None
    return lit


def _datetime(lexical: str) -> Literal:
    """``Literal(lexical, datatype=XSD.dateTime)``, normalised as rdflib does (``Z`` becomes
    ``+00:00``); a form Python's parser does not take goes through rdflib's constructor."""
    try:
        value = datetime.fromisoformat(lexical)
    except ValueError:
        return Literal(lexical, datatype=XSD.dateTime)
    lit = str.__new__(Literal, value.isoformat())
    lit._language, lit._datatype, lit._value, lit._ill_typed = None, _DATETIME, value, False
    return lit


def _memoised(convert):
    """``convert``, remembering each term it has converted (for one batch of terms)."""
    seen: dict = {}

    def conv(term):
        out = seen.get(term)
        if out is None:
            out = seen[term] = convert(term)
        return out
    return conv


def from_ox_memo():
    """:func:`from_ox`, memoised for one result: its rows repeat labels, IRIs and times
    (who-responds-to-whom at 1M in RAM: 389 ms without, 225 ms with)."""
    return _memoised(from_ox)


def ox_converter():
    """:func:`to_ox`, memoised: a graph repeats its predicates, types, graph and actor IRIs."""
    return _memoised(to_ox)


def to_ox(term):
    """An rdflib term as a pyoxigraph term (raises ValueError on an invalid IRI)."""
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise ValueError(f"not an RDF term: {term!r}")


# --- writing one document's graph --------------------------------------------------------------

#: quads written to an Oxigraph store between flushes. RocksDB otherwise keeps every write of
#: a long build in its memtables: 1.2 GB RSS after 1M triples, 300 MB (and 14 % faster)
#: flushing every 200k quads (bench/bench_store.py at 1M).
FLUSH_EVERY = 200_000


def _flush_now_and_then(holder, store, written: int) -> None:
    """Flush ``store`` once ``FLUSH_EVERY`` quads have been written since the last flush."""
    pending = getattr(holder, "_kg_unflushed", 0) + written
    if pending >= FLUSH_EVERY:
        store.flush()
        pending = 0
    holder._kg_unflushed = pending


def replace_graph(ds, iri, triples: Iterable[tuple]) -> int:
    """Replace named graph ``iri`` with ``triples`` in one bulk operation; returns the triple count.

    Rebuilding a document therefore replaces its triples instead of adding a
    second copy, on every back-end.
    """
    iri = URIRef(str(iri))
    kind = store_kind(ds)
    if kind == "oxigraph":
        import pyoxigraph as ox

        store = oxigraph_store(ds)
        g = ox.NamedNode(str(iri))
        conv = ox_converter()
        quads = [ox.Quad(conv(s), conv(p), conv(o), g) for s, p, o in triples]
        _drop_named_graph(store, g)
        store.extend(quads)
        store.extend([ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads])
        _flush_now_and_then(ds.store, store, 2 * len(quads))
        return len(quads)
    if kind == "sparql":
        return ds.store.replace_graph(iri, triples)
    ds.remove_graph(iri)
    graph = ds.graph(iri)
    items = list(triples)
    graph.addN((s, p, o, graph) for s, p, o in items)
    return len(items)


# --- remote SPARQL endpoints ---------------------------------------------------------------------

def _auth_from_env() -> tuple[str, str, str] | None:
    """(user, password, "basic"|"digest") from KG_SPARQL_USER / _PASSWORD / _AUTH, or None."""
    user = os.environ.get("KG_SPARQL_USER")
    if not user:
        return None
    mode = os.environ.get("KG_SPARQL_AUTH", "basic").lower()
    if mode not in ("basic", "digest"):
        raise StoreError(f"KG_SPARQL_AUTH must be basic or digest, not {mode!r}")
    return user, os.environ.get("KG_SPARQL_PASSWORD", ""), mode


def _n3(term) -> str:
    """A term for SPARQL text; blank nodes refused (they cannot cross to a remote store)."""
    if isinstance(term, BNode):
        raise StoreError("a blank node cannot be written to a remote store; kg mints IRIs only")
    return term.n3()


class RemoteStore(SPARQLUpdateStore):
    """rdflib's SPARQL update store with SPARQLWrapper as transport (Basic or Digest auth).

    Edits are batched (``autocommit=False``) and flushed before any read, so
    ``Dataset.graph(g).add(t)`` in a loop costs one request, not one per triple.
    """

    def __init__(self, query_url: str, update_url: str | None = None, auth=None, timeout: float = 120):
        super().__init__(query_endpoint=query_url, update_endpoint=update_url or query_url,
                         autocommit=False, returnFormat="json")
        self._auth = auth if auth is not None else _auth_from_env()
        self._timeout = timeout

    def _wrapper(self, url: str):
        from SPARQLWrapper import BASIC, DIGEST, POST, SPARQLWrapper

        sw = SPARQLWrapper(url, updateEndpoint=self.update_endpoint)
        sw.setMethod(POST)
        sw.setOnlyConneg(True)        # no format=/output= parameters: strict servers reject them
        sw.setTimeout(int(self._timeout))
        if self._auth:
            user, password, mode = self._auth
            sw.setHTTPAuth(DIGEST if mode == "digest" else BASIC)
            sw.setCredentials(user, password)
        return sw

    def http_query(self, text: str) -> Result:
        """Send a query; SELECT/ASK come back as an rdflib Result, CONSTRUCT/DESCRIBE with ``.graph``."""
        from SPARQLWrapper import JSON, TURTLE
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        sw = self._wrapper(self.query_endpoint)
        sw.setQuery(text)
        graph_form = sw.queryType in ("CONSTRUCT", "DESCRIBE")
        sw.setReturnFormat(TURTLE if graph_form else JSON)
        try:
            raw = sw.query().response.read()
        except (SPARQLWrapperException, OSError) as exc:
            raise StoreError(f"{self.query_endpoint}: query failed: {str(exc).splitlines()[0][:300]}") from None
        if graph_form:
            out = Result("CONSTRUCT")
            out.graph = Graph().parse(data=raw, format="turtle")
            return out
        return Result.parse(BytesIO(raw), format="json")

    def http_update(self, text: str) -> None:
        """Send an update (to the update URL, with auth)."""
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        sw = self._wrapper(self.query_endpoint)
        sw.setQuery(text)
        if not sw.isSparqlUpdateRequest():
            raise StoreError("not a SPARQL update")
        try:
            sw.query().response.read()
        except (SPARQLWrapperException, OSError) as exc:
            raise StoreError(f"{self.update_endpoint}: update failed: {str(exc).splitlines()[0][:300]}") from None

    # rdflib's SPARQLStore funnels all its HTTP through these two methods
    def _query(self, query, default_graph=None, named_graph=None):  # noqa: ARG002
        if default_graph is not None and not isinstance(default_graph, BNode):
            raise StoreError("kg reads the union of a remote store's graphs, not one graph")
        self._queries += 1
        return self.http_query(query)

    def _update(self, update):
        self._updates += 1
        self.http_update(update)

    def add_graph(self, graph) -> None:
        """Nothing to do: a graph exists on a SPARQL store once it has a triple."""

    def remove_graph(self, graph) -> None:
        self.commit()
        ident = getattr(graph, "identifier", graph)
        self._update(f"DROP SILENT GRAPH {_n3(URIRef(str(ident)))}")

    def replace_graph(self, iri: URIRef, triples: Iterable[tuple]) -> int:
        """DROP SILENT GRAPH, then INSERT DATA in requests of at most REMOTE_CHUNK triples / REMOTE_BYTES.

        Every triple is written (and a blank node refused) before the first
        request, so a bad triple leaves the old graph in place.
        """
        self.commit()
        g = _n3(iri)
        lines = [f"{_n3(s)} {_n3(p)} {_n3(o)} ." for s, p, o in triples]
        self._update(f"DROP SILENT GRAPH {g}")
        for chunk in _chunks(lines, REMOTE_CHUNK, REMOTE_BYTES):
            self._update(f"INSERT DATA {{ GRAPH {g} {{\n" + "\n".join(chunk) + "\n} }")
        return len(lines)

    def add(self, spo, context=None, quoted=False):
        for term in spo:
            _n3(term)
        super().add(spo, context, quoted)
        if self._edits and len(self._edits) >= REMOTE_EDITS:
            self.commit()

    def query(self, query, initNs=None, initBindings=None, queryGraph=None, DEBUG=False):  # noqa: N803,ARG002
        """Run a query; parameters go in a VALUES block at the top of WHERE (see kg.sparql).

        rdflib's SPARQLStore appends VALUES after the query instead, where a
        FILTER on the parameter has already run with it unbound.
        """
        if not isinstance(query, str):
            raise StoreError("a remote store takes query text, not a parsed query")
        self.commit()
        text = with_prefixes(query)
        if initBindings:
            text = inject_values(text, initBindings)
        return self.http_query(text)


def _chunks(lines: Iterable[str], size: int, max_bytes: int) -> Iterator[list[str]]:
    """Consecutive runs of ``lines`` with at most ``size`` items and about ``max_bytes`` characters."""
    chunk: list[str] = []
    used = 0
    for line in lines:
        if chunk and (len(chunk) >= size or used + len(line) > max_bytes):
            yield chunk
            chunk, used = [], 0
        chunk.append(line)
        used += len(line) + 1
    if chunk:
        yield chunk


def prefixes() -> dict[str, str]:
    """kg's prefixes (for serialisers and query parsers)."""
    return dict(PREFIXES)


def triple_count(ds) -> int:
    """Distinct triples in the union of the documents' graphs, on any store."""
    store = oxigraph_store(ds) if hasattr(ds, "store") else None
    if store is None:
        return len(ds)
    if default_is_union(store):
        q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        return int(next(iter(store.query(q)))[0].value)
    q = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
    return int(next(iter(store.query(q, use_default_graph_as_union=True)))[0].value)


# --- running SPARQL on any back-end --------------------------------------------------------------

def query(ds, sparql: str, bindings: Mapping[str, object] | None = None) -> Result:
    """Run ``sparql`` (kg's prefixes already declared) on whatever back-end holds ``ds``.

    ``bindings`` are RDF terms (see :func:`kg.sparql.to_term`), never pasted as
    typed. Oxigraph-backed datasets go straight to pyoxigraph (oxrdflib would
    convert every row twice) with a VALUES block; rdflib binds ``initBindings``;
    a remote endpoint gets a VALUES block too (:meth:`RemoteStore.query`).
    Literals typed ``xsd:string`` come back plain from every back-end.
    """
    ox_store = oxigraph_store(ds)
    if ox_store is not None:
        return _ox_query(ox_store, inject_values(sparql, dict(bindings or {})))
    result = ds.query(sparql, initBindings=dict(bindings) if bindings else None)
    if _is_remote(ds):
        return _plain_result(result, distinct=selects_distinct(sparql))
    return result


def _is_remote(ds) -> bool:
    """True for a dataset on a SPARQL endpoint."""
    return isinstance(getattr(ds, "store", None), RemoteStore)


def _ox_query(store, text: str) -> Result:
    """Run on a pyoxigraph Store over the union of its graphs; rows as rdflib terms."""
    import pyoxigraph as ox
    from rdflib import Variable

    from_ox = from_ox_memo()
    try:
        res = store.query(text, use_default_graph_as_union=not default_is_union(store))
    except SyntaxError as exc:
        raise QueryError(f"query failed: {str(exc).splitlines()[0]}") from None
    if isinstance(res, ox.QueryBoolean):
        out = Result("ASK")
        out.askAnswer = bool(res)
    elif isinstance(res, ox.QuerySolutions):
        out = Result("SELECT")
        out.vars = [Variable(v.value) for v in res.variables]
        out.bindings = [{v: from_ox(t) for v, t in zip(out.vars, row) if t is not None} for row in res]
    else:
        out = Result("CONSTRUCT")
        out.graph = Graph()
        out.graph.addN((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object), out.graph) for t in res)
    return out


def _plain_result(result: Result, distinct: bool = False) -> Result:
    """Rows with ``xsd:string`` literals made plain (remote endpoints type them).

    With ``distinct`` (a SELECT DISTINCT query), repeated rows are dropped:
    Virtuoso 7.2 returns duplicates for SELECT DISTINCT when a row holds a long
    literal (seen with 150+ character evidence sentences and a label present in
    two named graphs), and the answer must not depend on the server.
    """
    if result.type != "SELECT":
        return result
    out = Result("SELECT")
    out.vars = list(result.vars)
    rows = [{k: plain_term(v) for k, v in row.items()} for row in result.bindings]
    if distinct:
        seen, unique = set(), []
        for row in rows:
            key = frozenset(row.items())
            if key not in seen:
                seen.add(key)
                unique.append(row)
        rows = unique
    out.bindings = rows
    return out


# --- reading every quad ---------------------------------------------------------------------------

def quads(ds) -> Iterator[tuple]:
    """(s, p, o, graph IRI or None for the default graph) of every quad, as rdflib terms.

    Works on a plain rdflib Graph, any Dataset, and a SPARQL endpoint, which is
    asked for its graphs with a GRAPH query (rdflib's SPARQLStore yields none).
    On Oxigraph the default graph kg keeps as the union is left out (it repeats
    the documents' graphs).
    """
    if not hasattr(ds, "quads"):                     # a plain Graph
        return ((s, p, o, None) for s, p, o in ds)
    ox_store = oxigraph_store(ds)
    if ox_store is not None:
        return ((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), from_ox(q.graph_name))
                for q in _named_ox_quads(ox_store))
    if _is_remote(ds):
        rows = ds.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return ((r[0], r[1], plain_term(r[2]), r[3]) for r in rows)
    return _rdflib_quads(ds)


def _rdflib_quads(ds) -> Iterator[tuple]:
    """(s, p, o, graph IRI or None for the default graph) of every quad of an rdflib dataset."""
    for s, p, o, g in ds.quads((None, None, None, None)):
        ident = getattr(g, "identifier", g)
        named = isinstance(ident, URIRef) and not str(ident).startswith("urn:x-rdflib:")
        yield s, p, o, ident if named else None


def _named_ox_quads(store) -> Iterator:
    """The quads of a pyoxigraph store's named graphs (its default graph, kg's union copy, left out)."""
    import pyoxigraph as ox

    return (q for q in store.quads_for_pattern(None, None, None, None)
            if not isinstance(q.graph_name, ox.DefaultGraph))


def named_ox_quads(ds) -> Iterator:
    """The named graphs' quads as pyoxigraph quads, in the order the store yields them
    (for pyoxigraph's writers, such as JSON-LD's, that take them unsorted)."""
    import pyoxigraph as ox

    ox_store = oxigraph_store(ds)
    if ox_store is not None:
        return _named_ox_quads(ox_store)
    return (ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g)) for s, p, o, g in quads(ds) if g is not None)


# --- every quad in canonical order (what every RDF file kg writes is made of) ---------------------

_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def _triple_key(t) -> tuple:
    """Sort key of a pyoxigraph triple: subject, then ``rdf:type`` first, predicate, object."""
    p = str(t.predicate)
    return str(t.subject), p != _RDF_TYPE, p, str(t.object)


def _canonical_key(q) -> tuple:
    """Sort key of a pyoxigraph quad: its graph, then :func:`_triple_key`."""
    return (str(q.graph_name), *_triple_key(q))


def canonical_quads(ds) -> list:
    """Every quad of a dataset's named graphs as pyoxigraph quads, in canonical (sorted) order.

    Works on every back-end: an Oxigraph store is read natively (its default
    graph is kg's copy of the union, so it is left out); an rdflib dataset or
    graph is converted term by term (its default graph kept as the default
    graph). Sorting makes every file written from it byte-identical across
    reruns of the same input, whichever store holds it.
    """
    import pyoxigraph as ox

    store = oxigraph_store(ds)
    if store is not None:
        out = list(_named_ox_quads(store))
    else:
        conv = ox_converter()
        default = ox.DefaultGraph()
        out = [ox.Quad(conv(s), conv(p), conv(o), default if g is None else conv(g))
               for s, p, o, g in set(quads(ds))]
    out.sort(key=_canonical_key)
    return out


def canonical_stream(ds, quads: bool = True) -> Iterator:
    """A dataset's quads (or, for ``quads=False``, the union's triples) in canonical order.

    Canonical: named graphs by IRI, and within each, sorted by subject (its
    ``rdf:type`` first), predicate and object. Any file written from it is
    byte-identical across reruns of the same input, whichever store holds it,
    and pyoxigraph's writers group each subject's runs, so Turtle stays
    readable. Sorting one document's graph at a time keeps memory flat on a
    corpus; the union's triples are de-duplicated as they go (a triple two
    documents share, such as an actor's label, is written once, with the first).
    Only a subject with triples in two graphs can repeat a triple, so only those
    subjects' triples are remembered: at 1M triples, 112k of 970k, and the export's
    peak memory fell by ~300 MB (a store lookup per triple instead was 10x slower).
    """
    import pyoxigraph as ox

    store = oxigraph_store(ds)
    if store is None and not quads:         # an rdflib graph, dataset or endpoint: the union, one sort
        conv = ox_converter()
        yield from sorted({ox.Triple(conv(s), conv(p), conv(o)) for s, p, o in ds.triples((None, None, None))},
                          key=_triple_key)
        return
    if store is None:
        parts = [canonical_quads(ds)]
    else:
        graphs = sorted(store.named_graphs(), key=str) or [ox.DefaultGraph()]
        parts = (sorted(store.quads_for_pattern(None, None, None, g), key=_canonical_key) for g in graphs)
    if quads:
        for part in parts:
            yield from part
        return
    shared = _shared_subjects(store) if store is not None else None
    seen: set = set()
    for part in parts:
        for q in part:
            t = q.triple
            if shared is not None and type(t.subject) is ox.NamedNode and t.subject not in shared:
                yield t                 # its subject is in this graph only: it cannot repeat
            elif t not in seen:
                seen.add(t)
                yield t


def _shared_subjects(store) -> set:
    """IRIs that are the subject of triples in two or more named graphs of a pyoxigraph store."""
    sparql = "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?s HAVING (COUNT(DISTINCT ?g) > 1)"
    return {row[0] for row in store.query(sparql)}


def oxigraph_copy(ds) -> Dataset:
    """An in-memory Oxigraph dataset holding the same named graphs (and their union as default).

    For read-heavy work on a graph built in rdflib's memory store: the summary's
    aggregate queries run there in milliseconds instead of rdflib's seconds.
    """
    copy = Dataset(store=KgOxigraphStore(), default_union=True)
    inner = copy.store._inner
    inner.bulk_extend(canonical_quads(ds))
    rebuild_default_union(inner)
    bind_prefixes(copy)
    return copy


def as_oxigraph(ds):
    """``ds`` itself when Oxigraph holds it, else :func:`oxigraph_copy` (for read-heavy work:
    writing the build's files, the view, the summary's aggregate queries)."""
    return ds if oxigraph_store(ds) is not None else oxigraph_copy(ds)


def flush(ds) -> None:
    """Make an on-disk Oxigraph store durable now (a killed process loses nothing written);
    every other back-end has nothing to flush."""
    store = oxigraph_store(ds)
    if store is not None and hasattr(store, "flush"):
        try:
            store.flush()
        except Exception:       # an in-memory store has nothing to flush
            pass


# --- the view's triple patterns --------------------------------------------------------------------

class OxigraphReader:
    """The few reads of an rdflib Graph that :func:`read_view_data` makes, answered by pyoxigraph.

    Why: through oxrdflib each triple pattern costs tens of microseconds of
    rdflib plumbing, and copying the store into an rdflib Graph first costs
    as much again per triple and its memory; a corpus has hundreds of
    thousands of them. Reads the default graph when kg keeps it as the union
    of the documents' graphs, else every graph, without repeats.
    """

    def __init__(self, store):
        import pyoxigraph as ox

        self._store = store
        self._graph = ox.DefaultGraph() if default_is_union(store) else None

    def _match(self, s, p, o):
        quads = self._store.quads_for_pattern(None if s is None else to_ox(s), None if p is None else to_ox(p),
                                              None if o is None else to_ox(o), self._graph)
        if self._graph is not None:
            return quads
        seen: set = set()
        return (q for q in quads if not (q.triple in seen or seen.add(q.triple)))

    def subjects(self, p, o):
        return (from_ox(q.subject) for q in self._match(None, p, o))

    def objects(self, s, p):
        return (from_ox(q.object) for q in self._match(s, p, None))

    def value(self, s, p):
        return next(self.objects(s, p), None)

    def subject_objects(self, p):
        return ((from_ox(q.subject), from_ox(q.object)) for q in self._match(None, p, None))


def triple_reader(ds, predicates: Iterable[URIRef]):
    """What the view reads triple patterns from (``subjects``, ``objects``, ``value``,
    ``subject_objects``, as on an rdflib Graph): ``ds`` itself, a direct reader, or a local copy.

    rdflib's memory store answers triple patterns at native speed; an Oxigraph
    store (in RAM or on disk) is read through :class:`OxigraphReader`; a
    SPARQL endpoint, where each pattern would be a round trip, is copied once
    with one CONSTRUCT of the ``predicates`` the reader will be asked about.
    """
    if type(ds.store).__name__ in ("Memory", "SimpleMemory"):
        return ds
    store = oxigraph_store(ds)
    if store is not None:
        return OxigraphReader(store)
    values = " ".join(p.n3() for p in predicates)
    result = ds.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o }}")
    local = Graph()
    for triple in result.graph if result.graph is not None else result:
        local.add(triple)
    return local
