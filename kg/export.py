"""Serialisations, atomic file writes and the printed summary."""
from __future__ import annotations

import os
import tempfile
from collections import Counter
from pathlib import Path

from rdflib import Graph

from .rdf.namespace import bind_prefixes

__all__ = ["RDF_FORMATS", "write_atomic", "union_graph", "serialize", "summary", "summary_text"]

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
    """Write to a temporary file beside ``path``, fsync, then rename over it.

    A reader (or a crash) sees the old file or the new one, never half of one.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path


def union_graph(ds) -> Graph:
    """All triples of a dataset's named graphs in one plain Graph (for triple formats)."""
    g = Graph()
    bind_prefixes(g)
    for triple in ds.triples((None, None, None)):
        g.add(triple)
    return g


def serialize(ds, fmt: str = "turtle") -> str:
    """Serialise a dataset; triple formats get the union, quad formats keep named graphs."""
    try:
        rdf_fmt, _, quads = RDF_FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(sorted(RDF_FORMATS))}") from None
    if quads:
        return ds.serialize(format=rdf_fmt)
    return union_graph(ds).serialize(format=rdf_fmt)


_SUMMARY_Q = """
PREFIX kg: <https://kg.example.org/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <http://schema.org/>
SELECT ?t (COUNT(DISTINCT ?n) AS ?c) WHERE {
  VALUES ?t { kg:Person kg:Party kg:Body kg:Inquiry kg:Bill kg:Place kg:Entry kg:Statement kg:Claim
              kg:Membership kg:PostHolding kg:LiveBlog }
  ?n a ?t } GROUP BY ?t"""
_TOP_Q = """
PREFIX kg: <https://kg.example.org/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <http://schema.org/>
SELECT ?n ?label ?t (COUNT(DISTINCT ?e) AS ?c) WHERE {
  VALUES ?t { kg:Person kg:Party kg:Body kg:Inquiry kg:Bill kg:Place }
  ?n a ?t ; rdfs:label ?label . ?e schema:mentions ?n }
GROUP BY ?n ?label ?t ORDER BY DESC(?c) ?label LIMIT 10"""


def summary(ds) -> dict:
    counts = Counter({str(r[0]).rsplit("#", 1)[-1]: int(r[1]) for r in ds.query(_SUMMARY_Q)})
    top = [(str(r[1]), str(r[2]).rsplit("#", 1)[-1], int(r[3])) for r in ds.query(_TOP_Q)]
    return {"triples": len(ds), "counts": dict(counts), "top": top}


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
