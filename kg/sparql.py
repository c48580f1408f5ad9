"""SPARQL text: kg's prefixes, parameters as a VALUES block, paging, and a tokenizer.

Pure functions of query text, shared by :mod:`kg.queries` (ready queries, the
runner) and :mod:`kg.store` (a remote endpoint receives its parameters as a
VALUES block): both import this module, and neither has to import the other.
Nothing here touches a store or rdflib's query engine.
"""
from __future__ import annotations

import re

from rdflib import BNode, Literal, URIRef

from .errors import QueryError
from .rdf.iris import validate_iri
from .rdf.namespace import PREFIXES

__all__ = ["VARIABLE", "with_prefixes", "to_term", "inject_values", "page_query", "names_a_graph",
           "strip_comments", "selects_distinct"]

#: a SPARQL variable name (without its ``?``), as kg accepts it for a parameter
VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def with_prefixes(sparql: str) -> str:
    """Prepend kg's PREFIX lines that the query does not declare itself."""
    low = sparql.lower()
    head = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items()
                   if not re.search(rf"prefix\s+{p}:", low))
    return head + sparql


def to_term(value: object) -> URIRef | Literal:
    """A parameter value as an RDF term: ``<iri>`` becomes a validated IRI, anything else a literal.

    Validation matters because rdflib only warns on an IRI with spaces or
    braces, and such an IRI could close a VALUES block on a remote endpoint.
    """
    if isinstance(value, (URIRef, Literal)):
        term = value
    else:
        s = str(value)
        term = URIRef(s[1:-1]) if len(s) > 2 and s.startswith("<") and s.endswith(">") else Literal(s)
    if isinstance(term, URIRef):
        try:
            validate_iri(str(term))
        except ValueError:
            raise QueryError(f"parameter {str(term)!r} is not a valid IRI") from None
    return term


# --- VALUES injection (Oxigraph and remote endpoints) -----------------------------------------

_TOKEN = re.compile(
    r'(?P<str>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')'
    r'|(?P<iri><[^<>"{}|^`\\\s]*>)'
    r'|(?P<comment>#[^\n]*)'
    r'|(?P<word>[?$]?[A-Za-z_][A-Za-z0-9_-]*)'
    r'|(?P<open>\{)|(?P<close>\})'
    r'|(?P<other>.)', re.S)


def _where_brace(sparql: str) -> int | None:
    """Offset just after the ``{`` that opens the query's WHERE group, or None (e.g. DESCRIBE <x>).

    Strings, IRIs and comments are skipped, so a brace or the word WHERE
    inside them does not count.
    """
    depth, after_where, first_open = 0, False, None
    for m in _TOKEN.finditer(sparql):
        kind = m.lastgroup
        if kind == "word" and depth == 0 and m.group().upper() == "WHERE":
            after_where = True
        elif kind == "open":
            if depth == 0:
                if after_where:
                    return m.end()
                if first_open is None:
                    first_open = m.end()
            depth += 1
        elif kind == "close":
            depth -= 1
    return None if after_where else first_open


def _use_brace(sparql: str, name: str) -> int | None:
    """Offset just after the ``{`` of the innermost group holding the first use of ``?name``
    in the query pattern (a CONSTRUCT template does not count), or None if unused."""
    stack: list[int] = []
    construct = after_where = False
    for m in _TOKEN.finditer(sparql):
        kind, text = m.lastgroup, m.group()
        if kind == "word" and not stack:
            construct |= text.upper() == "CONSTRUCT"
            after_where |= text.upper() == "WHERE"
        elif kind == "open":
            stack.append(m.end())
        elif kind == "close":
            if stack:
                stack.pop()
        elif kind == "word" and text[0] in "?$" and text[1:] == name and stack and (after_where or not construct):
            return stack[-1]
    return None


def inject_values(sparql: str, bindings: dict) -> str:
    """The query with ``VALUES (?x) { (term) }`` at the top of the group where ``?x`` is first used.

    Each term is written by ``n3()``: a literal's quotes, backslashes and line
    breaks are escaped, and IRIs were validated by :func:`to_term`, so no value
    can end the block. A parameter the pattern never uses goes at the top of
    the WHERE group (or after the query when there is none).
    """
    blocks: dict[int | None, list[str]] = {}
    for k, v in bindings.items():
        name = str(k)
        if not VARIABLE.match(name):
            raise QueryError(f"bad parameter name {name!r}")
        term = to_term(v)
        if isinstance(term, BNode):
            raise QueryError("a blank node cannot be a parameter")
        at = _use_brace(sparql, name)
        at = at if at is not None else _where_brace(sparql)
        blocks.setdefault(at, []).append(f" VALUES (?{name}) {{ ({term.n3()}) }} ")
    out = sparql
    for at in sorted((a for a in blocks if a is not None), reverse=True):
        out = out[:at] + "".join(blocks[at]) + out[at:]
    if None in blocks:
        out += "\n" + "".join(blocks[None])
    return out


# --- paging and reading query text -------------------------------------------------------------

_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
_TRAILING = re.compile(r"\b(LIMIT|OFFSET)\s+(\d+)\s*$", re.I)


def page_query(sparql: str, limit: int | None, offset: int = 0) -> str | None:
    """A SELECT with ``LIMIT``/``OFFSET`` at its end, so the engine stops once the page is full
    (rows past it are never turned into Python); a query's own LIMIT and OFFSET are combined
    with the page's. None when the query cannot be paged in its text (not a SELECT, or a
    trailing VALUES block after its modifiers): the caller slices the rows instead.
    """
    if limit is not None and limit < 0 or offset < 0:
        raise QueryError("--limit and --offset must not be negative")
    body = strip_comments(sparql).rstrip()
    depth, closed, form, trailing = 0, False, "", []
    for m in _TOKEN.finditer(body):
        kind, word = m.lastgroup, m.group().upper()
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
            closed |= depth == 0
        elif kind == "word" and not form and word in _FORMS:
            form = word
        elif kind == "word" and depth == 0 and closed:
            trailing.append(word)           # after the WHERE group: modifiers, or a VALUES block
    if form != "SELECT" or "VALUES" in trailing:
        return None
    own_limit, own_offset = None, 0
    while (m := _TRAILING.search(body)) is not None:
        if m.group(1).upper() == "LIMIT":
            own_limit = int(m.group(2))
        else:
            own_offset = int(m.group(2))
        body = body[:m.start()].rstrip()
    if own_limit is not None:
        room = max(0, own_limit - offset)
        limit = room if limit is None else min(limit, room)
    out = body + "\n"
    if limit is not None:
        out += f"LIMIT {limit}\n"
    if own_offset + offset:
        out += f"OFFSET {own_offset + offset}\n"
    return out


def names_a_graph(sparql: str) -> bool:
    """True if the query reads named graphs (``GRAPH``, ``FROM NAMED``), outside strings and comments."""
    return any(m.lastgroup == "word" and m.group().upper() in ("GRAPH", "NAMED")
               for m in _TOKEN.finditer(sparql))


def strip_comments(sparql: str) -> str:
    """The query without its ``#`` comments (a ``#`` inside a string or IRI is kept)."""
    return "".join(m.group() for m in _TOKEN.finditer(sparql) if m.lastgroup != "comment")


_DISTINCT = re.compile(r"^\s*SELECT\s+(DISTINCT|REDUCED)\b", re.I | re.M)


def selects_distinct(sparql: str) -> bool:
    """True for a ``SELECT DISTINCT``/``REDUCED`` query (comments ignored): its rows must not repeat,
    whatever a server returns."""
    return bool(_DISTINCT.search(strip_comments(sparql)))
