"""The evidence behind a fact: its entry's time and headline, and the sentence with the span marked.

Every fact kg writes (statement, claim, party membership, post holding) carries its
provenance: ``kg:inEntry`` (the live-blog entry) and ``kg:startChar``/``kg:endChar``
(the span in that entry's ``schema:articleBody``). :func:`explain` reads them back for
any IRI a query prints: a fact gives its own span; an actor (found by IRI or by any
name, through the same lookup keys as ``kg query``) gives the entries that mention it,
with the first naming of it marked; a post or any other node gives the facts that
point to it; an entry gives its own text. Reads go through :func:`kg.queries.run_query`
with the IRI bound as a term, so every store answers them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from rdflib import Literal, URIRef

from .errors import KgError
from .rdf.namespace import KG, KG_NS, ORG, RDF, RDFS, SDO, SKOS

__all__ = ["Evidence", "explain", "format_evidence", "marked_sentence", "sentence_bounds", "MARKS", "ANSI_MARKS"]

#: how the span is marked in plain text, and on a terminal (bold, underlined)
MARKS = ("\u00bb", "\u00ab")
ANSI_MARKS = ("\x1b[1;4m", "\x1b[0m")
_ACTOR_TYPES = {KG.Person, KG.Party, KG.Body, KG.Inquiry, KG.Bill, KG.Place}


def _kg(name: str) -> URIRef:
    """A kg term read if present, never required: the data model may move it to a standard one."""
    return URIRef(KG_NS + name)


_FACT_KINDS = {KG.Statement: "statement", KG.Claim: "claim", KG.Membership: "membership",
               _kg("PostHolding"): "post holding", ORG.Membership: "membership", ORG.Post: "post"}


@dataclass
class Evidence:
    """One place a fact was read: the entry, its time and headline, and the span in its text."""

    node: str                      # the fact (or, for a mention, the actor)
    kind: str                      # statement, claim, membership, post holding, mention, entry
    what: str                      # the fact in words: "Jane Doe criticises John Roe"
    entry: str = ""
    time: datetime | None = None
    time_kind: str = ""            # "published" or "updated"
    headline: str = ""
    document: str = ""
    url: str = ""
    text: str = ""                 # the entry's text (schema:articleBody)
    span: tuple[int, int] | None = None
    details: list[str] = field(default_factory=list)   # extractor, confidence


# ---------------------------------------------------------------- reading

def _rows(graph, sparql: str, **params) -> list[dict[str, object]]:
    from .queries import run_query

    result = run_query(graph, sparql, params)
    return [{str(k): v for k, v in row.items() if v is not None} for row in result.bindings]


def _local(iri) -> str:
    return re.split(r"[#/]", str(iri).rstrip("/#"))[-1]


def _properties(graph, node: URIRef) -> dict[URIRef, list[tuple[object, str]]]:
    """Outgoing edges of ``node``: predicate -> [(object, its label or text)]."""
    out: dict[URIRef, list[tuple[object, str]]] = {}
    for row in _rows(graph, "SELECT DISTINCT ?p ?o ?label WHERE { ?x ?p ?o . OPTIONAL { ?o rdfs:label ?label } }",
                     x=node):
        o = row["o"]
        label = str(row.get("label") or (o if isinstance(o, Literal) else _local(o)))
        pairs = out.setdefault(row["p"], [])
        if all(o != seen for seen, _ in pairs):
            pairs.append((o, label))
    return out


def _first(props, p) -> str:
    return props.get(p, [(None, "")])[0][1]


def _as_datetime(value) -> datetime | None:
    v = value.toPython() if isinstance(value, Literal) else value
    return v if isinstance(v, datetime) else None


def _entry(graph, entry: URIRef) -> dict[str, object]:
    rows = _rows(graph, """SELECT ?body ?published ?updated ?headline ?docTitle ?url WHERE {
      ?entry schema:articleBody ?body .
      OPTIONAL { ?entry schema:datePublished ?published }
      OPTIONAL { ?entry schema:dateModified ?updated }
      OPTIONAL { ?entry schema:headline ?headline }
      OPTIONAL { ?entry kg:inDocument ?d . OPTIONAL { ?d schema:headline ?docTitle } OPTIONAL { ?d schema:url ?url } }
    }""", entry=entry)
    return rows[0] if rows else {}


def _with_entry(ev: Evidence, graph, entry: URIRef) -> Evidence:
    info = _entry(graph, entry)
    ev.entry = str(entry)
    ev.text = str(info.get("body", ""))
    ev.headline = str(info.get("headline", ""))
    ev.document = str(info.get("docTitle", ""))
    ev.url = str(info.get("url", ""))
    for key in ("published", "updated"):
        t = _as_datetime(info.get(key))
        if t is not None:
            ev.time, ev.time_kind = t, key
            break
    return ev


def _what(props) -> tuple[str, str]:
    """(kind, the fact in words) from a fact node's own edges."""
    types = [o for o, _ in props.get(RDF.type, [])]
    kind = next((_FACT_KINDS[t] for t in types if t in _FACT_KINDS), _local(types[0]) if types else "fact")
    if KG.speaker in props:
        kind_text = _first(props, _kg("kind")) if _kg("kind") in props else ""
        said = f"{_first(props, KG.speaker)} said" + (f" ({kind_text})" if kind_text else "")
        reply = f" (in answer to {_first(props, KG.respondsTo)})" if KG.respondsTo in props else ""
        return kind, f"{said}: \u201c{_first(props, SDO.text)}\u201d{reply}"
    if KG.claimSubject in props:
        obj = _first(props, KG.claimObject) or _first(props, KG.objectText)
        return kind, f"{_first(props, KG.claimSubject)} {_local(props[KG.claimPredicate][0][0])} {obj}".rstrip()
    if ORG.member in props and ORG.organization in props:
        member, org = _first(props, ORG.member), _first(props, ORG.organization)
        if ORG.role in props:      # W3C ORG: holding a post is a membership of the post, with its role
            role = _first(props, ORG.role)
            return "post holding", f"{member} holds the post of {role}" + (f" ({org})" if org != role else "")
        return kind, f"{member} is a member of {org}"
    if _kg("holder") in props and _kg("post") in props:
        return kind, f"{_first(props, _kg('holder'))} holds the post of {_first(props, _kg('post'))}"
    return kind, _first(props, RDFS.label) or kind


def _fact_evidence(graph, node: URIRef, props) -> list[Evidence]:
    kind, what = _what(props)
    out = []
    for entry, _ in props[KG.inEntry]:
        ev = _with_entry(Evidence(str(node), kind, what), graph, entry)
        starts, ends = props.get(KG.startChar), props.get(KG.endChar)
        if starts and ends:
            ev.span = (int(starts[0][0]), int(ends[0][0]))
        for p, name in ((KG.extractor, "extractor"), (KG.confidence, "confidence")):
            if p in props:
                ev.details.append(f"{name} {props[p][0][1]}")
        out.append(ev)
    return out


def _mention_evidence(graph, node: URIRef, props, limit: int) -> tuple[list[Evidence], int]:
    """The entries that mention an actor, oldest first, with the first naming of it marked."""
    names = sorted({label for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel) for _, label in props.get(p, [])
                    if label.strip()}, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)", re.I) if names else None
    rows = _rows(graph, """SELECT DISTINCT ?entry ?published ?updated WHERE { ?entry schema:mentions ?x .
      OPTIONAL { ?entry schema:datePublished ?published } OPTIONAL { ?entry schema:dateModified ?updated } }""",
                 x=node)
    far = datetime.max.replace(tzinfo=None)

    def when(row) -> tuple:
        t = _as_datetime(row.get("published") or row.get("updated"))
        return (t is None, t.replace(tzinfo=None) if t else far, str(row["entry"]))

    rows = sorted({str(r["entry"]): r for r in rows}.values(), key=when)
    label = _first(props, RDFS.label) or _local(node)
    kind = next((_local(o) for o, _ in props.get(RDF.type, []) if o in _ACTOR_TYPES), "actor")
    out = []
    for row in rows[:limit] if limit else rows:
        ev = _with_entry(Evidence(str(node), "mention", f"{label} ({kind}) is mentioned"), graph, row["entry"])
        m = pattern.search(ev.text) if pattern else None
        ev.span = (m.start(), m.end()) if m else None
        if m is None:
            ev.details.append("no name of it in the text (found through a pronoun or a description)")
        out.append(ev)
    return out, len(rows)


def _resolve(graph, target: str) -> list[URIRef]:
    """The node(s) ``target`` names: an IRI (with or without <>), else an actor by lookup key."""
    t = target.strip()
    if t.startswith("<") and t.endswith(">"):
        t = t[1:-1]
    if re.match(r"^[a-z][a-z0-9+.-]*:\S+$", t, re.I):
        from .rdf.iris import validate_iri

        try:
            validate_iri(t)
        except ValueError:
            raise KgError(f"{target!r} is not a valid IRI") from None
        return [URIRef(t)]
    from .resolve.names import name_key

    return sorted({r["x"] for r in _rows(graph, "SELECT DISTINCT ?x WHERE { ?x skos:hiddenLabel ?key }",
                                         key=Literal(name_key(t)))
                   if isinstance(r["x"], URIRef)})


def explain(graph, target: str, limit: int = 10) -> tuple[list[Evidence], int]:
    """The evidence for ``target`` (an IRI as queries print them, or an actor's name) and how many
    pieces there are in all (more than shown when ``limit`` cut them; 0 shows all)."""
    nodes = _resolve(graph, target)
    if not nodes:
        raise KgError(f"{target!r}: no actor has that name or alias (give an IRI from a query's output)")
    out: list[Evidence] = []
    total = 0
    for node in nodes:
        props = _properties(graph, node)
        types = {o for o, _ in props.get(RDF.type, [])}
        if KG.inEntry in props:
            found = _fact_evidence(graph, node, props)
            total += len(found)
        elif types & _ACTOR_TYPES:
            found, n = _mention_evidence(graph, node, props, limit)
            total += n
        elif KG.Entry in types or SDO.articleBody in props:
            found = [_with_entry(Evidence(str(node), "entry", "the entry's text"), graph, node)]
            total += 1
        else:   # a post, or any node facts point at: the facts that do
            facts = sorted({r["f"] for r in _rows(
                graph, "SELECT DISTINCT ?f WHERE { ?f ?p ?x . ?f kg:inEntry ?e }", x=node)}, key=str)
            total += len(facts)
            found = [ev for f in (facts[:limit] if limit else facts)
                     for ev in _fact_evidence(graph, f, _properties(graph, f))]
            if not facts and not props:
                raise KgError(f"{target}: not in the graph")
            if not facts:
                raise KgError(f"{target}: not a fact, actor, post or entry (no evidence points to it)")
        out.extend(found)
    return (out[:limit] if limit else out), total


# ---------------------------------------------------------------- showing

_BOUNDARY = re.compile(r"(?<=[.!?\u2026])[\"\u201d\u2019')\]]*\s+|\n+")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end of the sentence(s) holding ``text[start:end]`` (closing quotes included)."""
    begin = 0
    for m in _BOUNDARY.finditer(text, 0, max(start, 0)):
        begin = m.end()
    m = _BOUNDARY.search(text, max(end, begin))
    stop = len(text[:m.end()].rstrip()) if m else len(text)
    return begin, max(stop, end)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def marked_sentence(text: str, span: tuple[int, int] | None, marks=MARKS) -> str:
    """The sentence around ``span`` with the span between ``marks``, on one line."""
    if not text:
        return ""
    if span is None or not (0 <= span[0] <= span[1] <= len(text)):
        short = _one_line(text)
        return short if len(short) <= 300 else short[:299] + "\u2026"
    a, b = span
    s, e = sentence_bounds(text, a, b)
    return _one_line(text[s:a]) + (" " if text[s:a][-1:].isspace() else "") + marks[0] + _one_line(text[a:b]) \
        + marks[1] + (" " if text[b:e][:1].isspace() else "") + _one_line(text[b:e])


def _when(ev: Evidence) -> str:
    if ev.time is None:
        return "(the entry gives no time)"
    return f"{ev.time.strftime('%Y-%m-%d %H:%M %Z').strip()} ({ev.time_kind})"


def format_evidence(evidence: list[Evidence], total: int, marks=MARKS) -> str:
    """The evidence as text: per piece, what the fact says, then time, headline, document, entry
    and the sentence with the span marked."""
    lines: list[str] = []
    for ev in evidence:
        lines.append(f"{ev.kind}: {_one_line(ev.what)}")
        if ev.node != ev.entry:
            lines.append(f"  {ev.node}")
        lines.append(f"  time      {_when(ev)}")
        lines.append(f"  headline  {_one_line(ev.headline) or '(none)'}")
        if ev.document:
            lines.append(f"  document  {_one_line(ev.document)}" + (f" <{ev.url}>" if ev.url else ""))
        where = [f"chars {ev.span[0]}-{ev.span[1]}"] if ev.span else []
        lines.append(f"  entry     {ev.entry}" + (f" ({', '.join(where + ev.details)})" if where or ev.details else ""))
        lines.append(f"  {'text    ' if ev.kind == 'entry' else 'sentence'}  {marked_sentence(ev.text, ev.span, marks)}")
        lines.append("")
    if total > len(evidence):
        lines.append(f"({len(evidence)} of {total} shown; --limit 0 shows all)")
    return "\n".join(lines).rstrip("\n") + "\n"
