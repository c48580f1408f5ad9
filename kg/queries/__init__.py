"""SPARQL: run queries with safely bound parameters; ready queries live beside this file as .rq."""
from __future__ import annotations

from rdflib import Literal, URIRef

from ..errors import QueryError
from ..rdf.namespace import PREFIXES

__all__ = ["run_query", "with_prefixes", "to_term"]


def with_prefixes(sparql: str) -> str:
    """Prepend kg's PREFIX lines that the query does not declare itself."""
    head = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items()
                   if f"prefix {p}:" not in sparql.lower())
    return head + sparql


def to_term(value):
    """A parameter value as an RDF term: IRIs in <...> become IRIs, the rest literals."""
    if isinstance(value, (URIRef, Literal)):
        return value
    s = str(value)
    if s.startswith("<") and s.endswith(">") and " " not in s:
        return URIRef(s[1:-1])
    return Literal(s)


def run_query(graph, sparql: str, params: dict | None = None):
    """Run a query; ``params`` are bound with initBindings, never pasted into the text."""
    bindings = {k: to_term(v) for k, v in (params or {}).items()}
    try:
        return graph.query(with_prefixes(sparql), initBindings=bindings or None)
    except Exception as exc:  # rdflib raises pyparsing and plain exceptions alike
        raise QueryError(f"query failed: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
