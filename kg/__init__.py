"""kg: a knowledge graph of the actors, bodies and claims in news live blogs.

The Python API mirrors the CLI::

    import kg
    g = kg.build(["seeds/"])                 # an rdflib Dataset (union default graph)
    rows = kg.query(g, "SELECT ?p WHERE { ?p a kg:Person }")
    kg.export(g, "out/graph.ttl")
    kg.view(g, "out/graph.html")
"""
from __future__ import annotations

from pathlib import Path

__all__ = ["__version__", "build", "load", "query", "export", "view"]
__version__ = "0.1.0"


def build(sources, *, base: str | None = None, model: str | None = None, strict: bool = False,
          store: str | None = None):
    """Build the graph of live-blog files or directories; returns an rdflib Dataset."""
    from .pipeline import build_dataset
    from .store import open_store

    ds, _ = build_dataset([sources] if isinstance(sources, (str, Path)) else sources, base=base,
                          model=model, strict=strict, dataset=open_store(store))
    return ds


def load(path, format: str | None = None):
    """Load a graph kg wrote (Turtle, TriG, N-Quads, ...) into a Dataset."""
    from .store import open_store

    ds = open_store(None)
    path = Path(path)
    fmt = format or {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt",
                     ".jsonld": "json-ld"}.get(path.suffix, "turtle")
    ds.parse(path, format=fmt)
    return ds


def query(graph, sparql: str, **params):
    """Run SPARQL with parameters bound as RDF terms (never pasted into the text)."""
    from .queries import run_query

    return run_query(graph, sparql, params)


def export(graph, path, format: str | None = None) -> Path:
    """Write the graph in an RDF format (by ``format`` or the file extension), atomically."""
    from .export import RDF_FORMATS, serialize, write_atomic

    path = Path(path)
    fmt = format or next((k for k, v in RDF_FORMATS.items() if v[1] == path.suffix.lstrip(".")), "turtle")
    return write_atomic(path, serialize(graph, fmt))


def view(graph, path="out/graph.html", **options) -> Path:
    """Write the interactive HTML view of the graph."""
    from .view import write_view

    return write_view(graph, path, **options)
