"""Serialisations, atomic file writes and the printed summary.

RDF formats (Turtle, N-Triples, N-Quads, TriG, JSON-LD with kg's prefixes as a
compact context, RDF/XML) come from :func:`serialize` and :func:`write_rdf`:
pyoxigraph's writers (tens of times faster than rdflib's) fed in canonical
order (:func:`canonical_stream`), so a rerun writes the same bytes on any store.
For tools outside RDF, :func:`export_data` also writes the actor network as
GraphML or GEXF (for Gephi) and CSV tables of statements and memberships.
Reading the quads, on whichever back-end holds them, is :mod:`kg.store`'s
(:func:`kg.store.canonical_stream`, re-exported here with its kin).
"""
from __future__ import annotations

import os
import tempfile
from collections import Counter
from pathlib import Path

from rdflib import Graph

from .rdf.namespace import bind_prefixes
from .store import canonical_quads, canonical_stream, named_ox_quads, oxigraph_copy, triple_count

__all__ = ["RDF_FORMATS", "TABLE_FORMATS", "EXPORT_FORMATS", "write_atomic", "union_graph", "serialize",
           "write_atomic_with", "write_rdf", "canonical_quads", "canonical_stream", "oxigraph_copy",
           "jsonld_context", "actor_network", "export_data", "statements_table", "memberships_table",
           "summary", "summary_text"]

#: CLI name -> (rdflib format, file extension, needs named graphs)
RDF_FORMATS = {
    "turtle": ("turtle", "ttl", False), "ttl": ("turtle", "ttl", False),
    "nt": ("nt", "nt", False), "ntriples": ("nt", "nt", False),
    "nq": ("nquads", "nq", True), "nquads": ("nquads", "nq", True),
    "trig": ("trig", "trig", True),
    "jsonld": ("json-ld", "jsonld", True), "json-ld": ("json-ld", "jsonld", True),
    "xml": ("xml", "rdf", False),
}


def write_atomic(path: str | Path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` atomically (see :func:`write_atomic_with`)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return write_atomic_with(path, lambda fh: fh.write(data))


def write_atomic_with(path: str | Path, fill) -> Path:
    """Have ``fill(binary_file)`` write a temporary file beside ``path``, fsync, then rename over it.

    A reader (or a crash, or SIGKILL) sees the old file or the new one, never half of
    one; a failed write removes its temporary file. The new file keeps the old one's
    permissions, or gets the usual ones (0666 less the umask), not mkstemp's private 0600.
    Streaming through ``fill`` lets a large graph go to disk without a copy in memory.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _file_mode(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fill(fh)
            fh.flush()
            os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path


def _file_mode(path: Path) -> int:
    """The mode a replaced file should keep, else what ``open()`` would have given."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def union_graph(ds) -> Graph:
    """All triples of a dataset's named graphs in one plain Graph (for triple formats)."""
    g = Graph()
    bind_prefixes(g)
    for triple in ds.triples((None, None, None)):
        g.add(triple)
    return g


def jsonld_context() -> dict[str, str]:
    """The compact JSON-LD context: kg's prefixes, so keys read ``kg:speaker``, not full IRIs."""
    from .rdf.namespace import PREFIXES

    return dict(PREFIXES)


def serialize(ds, fmt: str = "turtle") -> str:
    """Serialise a dataset in canonical order; triple formats get the union, quad formats keep named graphs."""
    try:
        rdf_fmt = RDF_FORMATS[fmt][0]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(sorted(RDF_FORMATS))}") from None
    if rdf_fmt == "json-ld":
        return _jsonld(ds)
    return _ox_serialize(ds, fmt, None).decode("utf-8")


def write_rdf(ds, path: str | Path, fmt: str = "turtle") -> Path:
    """Stream a dataset to ``path`` in an RDF format, atomically, in canonical order."""
    if RDF_FORMATS[fmt][0] == "json-ld":
        return write_atomic(path, _jsonld(ds))
    return write_atomic_with(path, lambda fh: _ox_serialize(ds, fmt, fh))


def _ox_serialize(ds, fmt: str, output):
    """pyoxigraph writes :func:`canonical_stream` (to ``output``, or returns the bytes)."""
    import pyoxigraph as ox

    from .rdf.namespace import PREFIXES

    rdf_fmt, _, with_graphs = RDF_FORMATS[fmt]
    ox_fmt = getattr(ox.RdfFormat, _OX_FORMATS[rdf_fmt])
    prefixes = dict(PREFIXES) if rdf_fmt in ("turtle", "trig", "xml") else None
    return ox.serialize(canonical_stream(ds, with_graphs), output, ox_fmt, prefixes=prefixes)


def _jsonld(ds) -> str:
    """JSON-LD of the named graphs, written by pyoxigraph, with kg's prefixes as a compact context.

    rdflib's JSON-LD compaction drops an empty-string value that shares a
    property with another value (found by a property test), so pyoxigraph
    writes the expanded form and kg shortens property and type IRIs to
    ``prefix:name`` itself; ``@id`` values stay absolute.
    """
    import json as _json

    import pyoxigraph as ox

    data = _json.loads(ox.serialize(named_ox_quads(ds), format=ox.RdfFormat.JSON_LD) or b"[]")
    context = jsonld_context()
    by_length = sorted(context.items(), key=lambda kv: -len(kv[1]))

    def short(iri: str) -> str:
        for prefix, ns in by_length:
            rest = iri[len(ns):]
            if iri.startswith(ns) and rest and not rest.startswith("//"):
                return f"{prefix}:{rest}"
        return iri

    def walk(node):
        if isinstance(node, list):
            return [walk(n) for n in node]
        if not isinstance(node, dict):
            return node
        out = {}
        for key, value in node.items():
            if key == "@type":
                value = [short(v) for v in value] if isinstance(value, list) else short(value)
            elif not key.startswith("@"):
                key = short(key)
            out[key] = value if key == "@type" else walk(value)
        return out

    graphs = walk(data if isinstance(data, list) else [data])
    return _json.dumps({"@context": context, "@graph": graphs}, ensure_ascii=False, indent=1) + "\n"


_OX_FORMATS = {"turtle": "TURTLE", "nt": "N_TRIPLES", "nquads": "N_QUADS", "trig": "TRIG", "xml": "RDF_XML"}


# --- the actor network and tables, for tools outside RDF ---------------------------------------

#: CLI name -> file extension, for the non-RDF exports
TABLE_FORMATS = {"graphml": "graphml", "gexf": "gexf", "statements-csv": "csv", "memberships-csv": "csv"}
#: every format ``kg export --to`` accepts
EXPORT_FORMATS = tuple(sorted(set(RDF_FORMATS) | set(TABLE_FORMATS)))

_ACTORS_Q = """
SELECT ?a ?label ?kind (COUNT(DISTINCT ?e) AS ?mentions) WHERE {
  VALUES ?t { kg:Person kg:Party kg:Body kg:Inquiry kg:Bill kg:Place }
  ?a a ?t . BIND(STRAFTER(STR(?t), "#") AS ?kind)
  OPTIONAL { ?a rdfs:label ?label }
  OPTIONAL { ?e schema:mentions ?a }
} GROUP BY ?a ?label ?kind"""
_EDGES_Q = """
SELECT ?a ?b ?relation (COUNT(DISTINCT ?fact) AS ?weight) WHERE {
  { ?fact a kg:Membership ; org:member ?a ; org:organization ?b . BIND("member of" AS ?relation) }
  UNION { ?fact a org:Membership ; org:member ?a ; org:organization ?post . ?post a kg:Post ; org:postIn ?b .
          BIND("holds a post in" AS ?relation) }
  UNION { ?fact a kg:Claim ; kg:claimSubject ?a ; kg:claimPredicate ?p ; kg:claimObject ?b .
          BIND(STRAFTER(STR(?p), "#") AS ?relation) }
  UNION { ?fact a kg:Statement ; kg:speaker ?a ; kg:respondsTo ?b . BIND("responds to" AS ?relation) }
  UNION { ?fact schema:mentions ?a , ?b . FILTER(STR(?a) < STR(?b)) BIND("co-mentioned" AS ?relation) }
} GROUP BY ?a ?b ?relation"""


def actor_network(ds):
    """Actors (people, parties, bodies, inquiries, bills, places) and the relations between them.

    A networkx MultiDiGraph keyed by relation: membership, post, each claim
    predicate, replies, and co-mention in an entry (weight = how many facts or
    entries). Node and edge attributes are plain strings and ints, which GraphML
    and GEXF both carry.
    """
    import networkx as nx

    from .queries import run_query

    g = nx.MultiDiGraph()
    for row in run_query(ds, _ACTORS_Q):
        node = str(row["a"])
        label = str(row.get("label") or node.rsplit("/", 1)[-1])
        if node in g:       # one node per IRI even if two documents label it differently
            g.nodes[node]["mentions"] = max(g.nodes[node]["mentions"], int(row["mentions"]))
            continue
        g.add_node(node, label=label, kind=str(row["kind"]), mentions=int(row["mentions"]))
    for row in run_query(ds, _EDGES_Q):
        a, b, rel = str(row["a"]), str(row["b"]), str(row["relation"])
        if a in g and b in g and a != b:
            g.add_edge(a, b, key=rel, relation=rel, weight=int(row["weight"]))
    return g


_STATEMENTS_Q = """
SELECT ?statement ?time ?speaker ?speakerIri ?kind ?text ?cue ?venue ?respondsTo ?entry ?document
       ?extractor ?confidence WHERE {
  ?statement a kg:Statement ; kg:speaker ?speakerIri ; schema:text ?text ; kg:kind ?k ; kg:inEntry ?entry .
  OPTIONAL { ?speakerIri rdfs:label ?speaker }
  OPTIONAL { ?statement kg:cue ?cue } OPTIONAL { ?statement kg:venue ?venue }
  OPTIONAL { ?statement kg:respondsTo ?r . ?r rdfs:label ?respondsTo }
  OPTIONAL { ?statement kg:extractor ?extractor } OPTIONAL { ?statement kg:confidence ?confidence }
  OPTIONAL { ?entry schema:datePublished ?time } OPTIONAL { ?entry schema:dateModified ?time }   # published, else updated
  OPTIONAL { ?entry kg:inDocument ?document }
  BIND(STRAFTER(STR(?k), "#") AS ?kind)
} ORDER BY ?time ?entry ?statement"""
_MEMBERSHIPS_Q = """
SELECT ?membership ?person ?personIri ?party ?partyIri ?date ?entry ?extractor ?confidence WHERE {
  ?membership a kg:Membership ; org:member ?personIri ; org:organization ?partyIri .
  OPTIONAL { ?personIri rdfs:label ?person } OPTIONAL { ?partyIri rdfs:label ?party }
  OPTIONAL { ?membership dcterms:date ?date } OPTIONAL { ?membership kg:inEntry ?entry }
  OPTIONAL { ?membership kg:extractor ?extractor } OPTIONAL { ?membership kg:confidence ?confidence }
} ORDER BY ?party ?person ?membership"""


def _csv(ds, sparql: str) -> str:
    from .queries import format_result, run_query

    return format_result(run_query(ds, sparql), "csv")


def statements_table(ds) -> str:
    """Every statement as a CSV row: speaker, kind, text, cue, venue, reply target, entry, provenance."""
    return _csv(ds, _STATEMENTS_Q)


def memberships_table(ds) -> str:
    """Every party membership as a CSV row: person, party, date, entry, provenance."""
    return _csv(ds, _MEMBERSHIPS_Q)


def export_data(ds, fmt: str) -> str:
    """Any ``kg export`` format as text: an RDF serialisation, GraphML, GEXF or a CSV table."""
    if fmt in RDF_FORMATS:
        return serialize(ds, fmt)
    if fmt in ("graphml", "gexf"):
        import io

        import networkx as nx

        buf = io.BytesIO()
        g = actor_network(ds)
        (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(g, buf)
        return buf.getvalue().decode("utf-8")
    if fmt == "statements-csv":
        return statements_table(ds)
    if fmt == "memberships-csv":
        return memberships_table(ds)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(EXPORT_FORMATS)}")


_SUMMARY_Q = """
PREFIX kg: <https://kg.example.org/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <http://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?t (COUNT(DISTINCT ?n) AS ?c) WHERE {
  { VALUES ?t { kg:Person kg:Party kg:Body kg:Inquiry kg:Bill kg:Place kg:Entry kg:Statement kg:Claim
                kg:Membership kg:LiveBlog }
    ?n a ?t }
  # a post holding is an org:Membership of a person in an org:Post, with the post's org:role
  UNION { ?n a org:Membership ; org:role ?role . BIND("PostHolding" AS ?t) }
} GROUP BY ?t"""
_TOP_Q = """
PREFIX kg: <https://kg.example.org/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <http://schema.org/>
SELECT ?n ?label ?t (COUNT(DISTINCT ?e) AS ?c) WHERE {
  VALUES ?t { kg:Person kg:Party kg:Body kg:Inquiry kg:Bill kg:Place }
  ?n a ?t ; rdfs:label ?label . ?e schema:mentions ?n }
GROUP BY ?n ?label ?t ORDER BY DESC(?c) ?label LIMIT 10"""


def summary(ds) -> dict:
    """Counts of each kind of node and the ten most mentioned actors (run on any store)."""
    from .queries import run_query

    counts = Counter({str(r[0]).rsplit("#", 1)[-1]: int(r[1]) for r in run_query(ds, _SUMMARY_Q)})
    top = [(str(r[1]), str(r[2]).rsplit("#", 1)[-1], int(r[3])) for r in run_query(ds, _TOP_Q)]
    return {"triples": triple_count(ds), "counts": dict(counts), "top": top}


def summary_text(info: dict) -> str:
    c = info["counts"]
    lines = [f"triples: {info['triples']}",
             "documents: {}  entries: {}".format(c.get("LiveBlog", 0), c.get("Entry", 0)),
             "actors: " + "  ".join(f"{t}: {c.get(t, 0)}" for t in
                                    ("Person", "Party", "Body", "Inquiry", "Bill", "Place")),
             "facts: " + "  ".join(f"{t}: {c.get(t, 0)}" for t in
                                   ("Membership", "PostHolding", "Statement", "Claim")),
             "most mentioned (entries):"]
    lines += [f"  {n:>3}  {label} ({t})" for label, t, n in info["top"]]
    return "\n".join(lines)
