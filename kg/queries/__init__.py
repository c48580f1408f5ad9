"""SPARQL: ready queries (one question per ``.rq`` file beside this module) and a safe runner.

Parameters never enter query text as typed by a user. They become RDF terms
(:func:`to_term`) and are bound by the engine: ``initBindings`` on rdflib; on
Oxigraph and remote endpoints a ``VALUES`` block whose terms are written by
``term.n3()`` (which escapes quotes, backslashes and newlines), placed at the
top of the group where the parameter is first used, so that group's FILTER
sees it (SPARQL evaluates groups bottom-up). (pyoxigraph's own ``substitutions``
follow SEP-0007 and refuse a variable the query does not project, and a
parameter is exactly such a variable.) The query-text helpers live in
:mod:`kg.sparql` (re-exported here), which :mod:`kg.store` imports too, so this
package and the store layer never import each other to dodge a cycle.

Ready queries find a named actor through its lookup keys: kg writes
``skos:hiddenLabel`` = :func:`kg.resolve.names.name_key` of every label and
alias (lower case, no honorific or leading article), and a parameter flagged
``name`` is bound as the same key of the user's text, so ``--param
person="sir jane doe"`` finds Jane Doe with one index lookup on any engine. A
ready query names its parameters in its header::

    # title: Statements by person
    # question: What did this person say, when, where, and in answer to whom?
    # description: What one person said ...
    #   (a description or a parameter's help goes on in lines indented after the '#')
    # param person (required, name): a name or alias of the speaker

The question is the one line ``kg query --list`` shows; comments after the header
(how a query is made fast, say) are notes for its maintainers, never shown.

A required name parameter's lookup opens the WHERE group (every engine starts
from the few matching nodes; ``LCASE`` in a FILTER read every label: 170 ms
instead of 9 ms for one person at 1M triples on Oxigraph). An optional
parameter left out is simply unbound, and the query's ``FILTER(!BOUND(?x) ||
EXISTS { ... })`` lets everything through. rdflib applies a FILTER only after
its whole group is joined, and inline VALUES blocks stop its lazy joins: the
queries use ``FILTER(?t IN (...))`` instead.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rdflib import BNode, Literal, URIRef, Variable
from rdflib.query import Result

from ..errors import ParameterError, QueryError, StoreError
from ..sparql import VARIABLE, inject_values, names_a_graph, page_query, to_term, with_prefixes
from ..store import query as store_query

__all__ = ["Param", "ReadyQuery", "ready_queries", "ready_query", "run_query", "run_ready",
           "with_prefixes", "to_term", "inject_values", "names_a_graph", "page_query", "format_result",
           "result_table"]

_HEADER = re.compile(r"^#\s*(title|question|description|param)\b\s*(.*)$")
#: a header line's continuation: a comment indented by two spaces or more
_CONTINUED = re.compile(r"^#\s{2,}\S")
_PARAM = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*(?:\((required|optional)(?:\s*,\s*(name|kg))?\))?\s*:\s*(.*)$")


@dataclass(frozen=True)
class Param:
    """One parameter of a ready query (bound to the SPARQL variable of the same name)."""

    name: str
    required: bool
    help: str
    #: how the value is bound: "text" as typed (a plain literal, or an IRI written <...>);
    #: "name" as its lookup key (``kg.resolve.names.name_key``, what ``skos:hiddenLabel``
    #: holds: any case or honorific matches); "kg" as the IRI of that term in kg's vocabulary
    #: ("criticises" -> kg:criticises), so the engine looks it up in an index
    kind: str = "text"


@dataclass(frozen=True)
class ReadyQuery:
    """A shipped query: its file name (without .rq), its header and its text."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    #: the one-line question the query answers (what ``kg query --list`` shows)
    question: str = ""


def parse_header(name: str, text: str) -> ReadyQuery:
    """Read the ``# title:``, ``# question:``, ``# description:`` and ``# param`` lines that open
    a .rq file.

    A description or a parameter's help may continue on comment lines indented
    by two spaces or more; the header ends at the first other line (a comment
    that is not indented, like a note on speed, belongs to the query text).
    """
    title, question, desc, params, last = "", "", [], [], None
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _HEADER.match(line)
        if m:
            key, value = m.group(1), m.group(2).lstrip(":").strip()
            if key == "title":
                title, last = value, None
            elif key == "question":
                question, last = value, None
            elif key == "description":
                desc, last = [value], "description"
            else:
                pm = _PARAM.match(value)
                if not pm:
                    raise QueryError(f"{name}.rq: bad param line {line!r}")
                params.append(Param(pm.group(1), pm.group(2) != "optional", pm.group(4).strip(),
                                    pm.group(3) or "text"))
                last = "param"
        elif last == "description" and _CONTINUED.match(line):
            desc.append(line[1:].strip())
        elif last == "param" and _CONTINUED.match(line):
            p = params[-1]
            params[-1] = Param(p.name, p.required, f"{p.help} {line[1:].strip()}", p.kind)
        else:
            break
    if not title:
        raise QueryError(f"{name}.rq: the header has no '# title:' line")
    return ReadyQuery(name, title, " ".join(desc), tuple(params), text, question)


@lru_cache(maxsize=1)
def ready_queries() -> dict[str, ReadyQuery]:
    """Every shipped query by name, sorted; read once from the package data."""
    out = {}
    for res in sorted(resources.files(__name__).iterdir(), key=lambda r: r.name):
        if res.name.endswith(".rq"):
            name = res.name[:-3]
            out[name] = parse_header(name, res.read_text(encoding="utf-8"))
    return out


def ready_query(name: str) -> ReadyQuery:
    """The ready query ``name`` (a trailing .rq is allowed); QueryError names the choices."""
    name = name.removesuffix(".rq")
    try:
        return ready_queries()[name]
    except KeyError:
        import difflib

        near = difflib.get_close_matches(name, ready_queries(), n=3)
        hint = f"; did you mean {', '.join(near)}?" if near else "; 'kg query --list' shows them"
        raise QueryError(f"no ready query {name!r}{hint}") from None


# --- running ------------------------------------------------------------------------------------

def _bindings(params: dict | None) -> dict[str, object]:
    out = {}
    for k, v in (params or {}).items():
        if not VARIABLE.match(str(k)):
            raise QueryError(f"bad parameter name {k!r}: use letters, digits and _")
        out[str(k)] = to_term(v)
    return out


def run_query(graph, sparql: str, params: dict | None = None, *, limit: int | None = None,
              offset: int = 0) -> Result:
    """Run a query on any kg store; ``params`` are bound as RDF terms, never pasted as typed.

    The back-end is :mod:`kg.store`'s business (:func:`kg.store.query`): Oxigraph
    and remote stores get a VALUES block, rdflib binds ``initBindings``, and
    literals typed ``xsd:string`` come back plain everywhere. ``limit``/``offset``
    page a SELECT's rows in the engine (see :func:`kg.sparql.page_query`).
    """
    bindings = _bindings(params)
    sliced = None
    if limit is not None or offset:
        paged = page_query(sparql, limit, offset)
        if paged is None:
            sliced = slice(offset, None if limit is None else offset + limit)
        else:
            sparql = paged
    result = _run(graph, sparql, bindings)
    if sliced is not None and result.type == "SELECT":
        result.bindings = list(result.bindings)[sliced]
    return result


def _run(graph, sparql: str, bindings: dict) -> Result:
    """Run on whatever back-end holds ``graph`` (:func:`kg.store.query`), kg's prefixes added;
    an engine's own exception becomes a QueryError with its first line."""
    try:
        return store_query(graph, with_prefixes(sparql), bindings)
    except (QueryError, StoreError):
        raise
    except Exception as exc:  # rdflib raises pyparsing and plain exceptions alike
        msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise QueryError(f"query failed: {msg}") from None


def run_ready(graph, name: str, params: dict | None = None, *, limit: int | None = None,
              offset: int = 0) -> Result:
    """Run a ready query after checking its parameters: unknown or missing ones are an error."""
    q = ready_query(name)
    params = dict(params or {})
    known = {p.name for p in q.params}
    unknown = sorted(set(params) - known)
    if unknown:
        raise ParameterError(f"{q.name}: unknown parameter {', '.join(unknown)}; it takes "
                         f"{', '.join(sorted(known)) or 'no parameters'}")
    missing = [p.name for p in q.params if p.required and p.name not in params]
    if missing:
        raise ParameterError(f"{q.name}: missing --param {missing[0]}=VALUE ({q.params[0].help})")
    for name, value in params.items():
        allowed = _closed_values().get(name)
        if allowed and str(value).strip().lower() not in {a.lower() for a in allowed}:
            raise ParameterError(f"{q.name}: {name}={value!r} is not one of {', '.join(allowed)}")
    return run_query(graph, q.text, bind_params(q, params), limit=limit, offset=offset)


@lru_cache(maxsize=1)
def _closed_values() -> dict[str, tuple[str, ...]]:
    """Parameters whose values come from a closed list: refused, not silently matched to nothing."""
    from ..facts import CLAIM_PREDICATES

    from ..facts import ENTITY_TYPES

    return {"predicate": tuple(CLAIM_PREDICATES), "type": tuple(ENTITY_TYPES)}


def bind_params(q: ReadyQuery, params: dict) -> dict:
    """``params`` with each ``name`` parameter's text replaced by its lookup key and each
    ``kg`` parameter's by the IRI of that kg term.

    Both are looked up in an index on every engine, where ``LCASE`` in a FILTER
    had to read every label. A kg term is found in kg's closed vocabulary in any
    case ("Criticises" -> kg:criticises); any other text is percent-encoded into
    a valid IRI that matches nothing.
    """
    from urllib.parse import quote

    from ..rdf.namespace import KG_NS
    from ..resolve.names import name_key

    kinds = {p.name: p.kind for p in q.params}
    out = {}
    for k, v in params.items():
        kind = kinds.get(k, "text")
        if kind == "name" and not isinstance(v, URIRef):
            v = Literal(name_key(str(v)))
        elif kind == "kg" and not isinstance(v, URIRef):
            text = str(v).strip()
            v = URIRef(KG_NS + _kg_terms().get(text.lower(), quote(text, safe="")))
        out[k] = v
    return out


@lru_cache(maxsize=1)
def _kg_terms() -> dict[str, str]:
    """kg's vocabulary by lower-cased name."""
    from ..rdf.namespace import KG

    return {name.lower(): name for name in KG.__annotations__}


# --- output -------------------------------------------------------------------------------------

def result_table(result: Result) -> tuple[list[str], list[list[str]]]:
    """Column names and rows of strings ('' for unbound) of a SELECT result."""
    names = [str(v) for v in result.vars]
    rows = [["" if row.get(Variable(n)) is None else str(row.get(Variable(n))) for n in names]
            for row in result.bindings]
    return names, rows


def _json_term(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def format_result(result: Result, fmt: str = "table", max_width: int = 80) -> str:
    """A result as text: ``table`` (aligned), ``csv``, ``tsv``, ``json`` (SPARQL 1.1 Query
    Results JSON) or ``ttl`` (CONSTRUCT/DESCRIBE). ASK gives ``true``/``false`` (or JSON)."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        from ..rdf.namespace import bind_prefixes

        bind_prefixes(result.graph)
        return result.graph.serialize(format="turtle")
    if result.type == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.askAnswer)}) + "\n"
        return ("true" if result.askAnswer else "false") + "\n"
    if fmt == "ttl":
        raise QueryError("--format ttl is for CONSTRUCT and DESCRIBE queries; this is a SELECT")
    if fmt == "json":
        names = [str(v) for v in result.vars]
        rows = [{str(k): _json_term(v) for k, v in row.items() if v is not None} for row in result.bindings]
        return json.dumps({"head": {"vars": names}, "results": {"bindings": rows}},
                          ensure_ascii=False, indent=1) + "\n"
    names, rows = result_table(result)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(names)
        writer.writerows(rows)
        return buf.getvalue()
    rows = [[" ".join(c.split()) for c in r] for r in rows]   # one line per row
    widths = [min(max([len(n)] + [len(r[i]) for r in rows]), max_width) for i, n in enumerate(names)]
    fit = lambda c, w: (c if len(c) <= w else c[: w - 1] + "…").ljust(w)  # noqa: E731
    lines = ["  ".join(fit(n, w) for n, w in zip(names, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(fit(c, w) for c, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(lines) + "\n"
