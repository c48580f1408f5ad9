"""Stores: open a graph on a back-end chosen by name.

``memory`` (default) is rdflib's in-memory Dataset; further back-ends
(``oxigraph:PATH``, ``sparql:QUERY_URL[,UPDATE_URL]``) plug in by spec prefix.
"""
from __future__ import annotations

from rdflib import Dataset

from .errors import StoreError
from .rdf.namespace import bind_prefixes

__all__ = ["open_store", "STORE_KINDS"]

STORE_KINDS = ("memory",)


def open_store(spec: str | None = None) -> Dataset:
    """A Dataset (union default graph) on the back-end named by ``spec``."""
    kind, _, arg = (spec or "memory").partition(":")
    if kind == "memory":
        ds = Dataset(default_union=True)
        bind_prefixes(ds)
        return ds
    raise StoreError(f"unknown store {spec!r}; choose from {', '.join(STORE_KINDS)}")
