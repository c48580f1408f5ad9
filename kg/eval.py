"""Gold file vs graph: precision, recall and F1 per category, with the items behind them.

Implements ``shared/gold/SCHEMA.md`` as written. The normalisation here is the
schema's own and deliberately independent of kg's resolver, so the scorer
cannot flatter the extractor by sharing its mistakes.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BadInputError

__all__ = ["norm_name", "norm_text", "Score", "load_gold", "graph_items", "score", "pool", "format_report",
           "CATEGORIES", "DIAGNOSTICS"]

CATEGORIES = ("entities", "memberships", "roles", "statements", "claims")
#: reported beside the categories, for diagnosis only (the schema's evidence route for claims)
DIAGNOSTICS = ("claims_evidence",)
ENTITY_TYPES = ("Person", "Party", "Body", "Inquiry", "Bill", "Place")
_TITLES = r"(?:sir|dame|lord|baroness|lady|prof|professor|dr|mr|mrs|ms|miss|mx|rev)\.?"
_QUOTE_MAP = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"',
                            "‟": '"', "`": "'", "\u00a0": " "})


def norm_text(text: str) -> str:
    """Quotes straightened then dropped, white space collapsed, lower case."""
    t = unicodedata.normalize("NFC", text or "").translate(_QUOTE_MAP).lower()
    t = t.replace('"', "").replace("'", "'")
    return re.sub(r"\s+", " ", t).strip()


def norm_name(name: str) -> str:
    """The schema's name match: case, leading 'the', titles and possessive 's ignored."""
    t = unicodedata.normalize("NFC", name or "").translate(_QUOTE_MAP).lower().strip()
    t = re.sub(r"\s+", " ", t)
    t = re.sub(r"^the\s+", "", t)
    t = re.sub(rf"^(?:{_TITLES}\s+)+", "", t)
    t = re.sub(r"'s$|'$", "", t)
    return t.strip(" .,;:")


def _role(label: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", norm_text(label))


@dataclass
class Score:
    matched: list = field(default_factory=list)
    missed: list = field(default_factory=list)
    spurious: list = field(default_factory=list)
    tp_pred: int = 0       # graph items that count as correct
    n_pred: int = 0
    tp_gold: int = 0       # gold items found
    n_gold: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else (1.0 if not self.n_gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        d = {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
             "f1": round(self.f1, 4), "matched": self.matched, "missed": self.missed,
             "spurious": self.spurious}
        for key, value in self.extra.items():
            d[key] = {t: v.as_dict() for t, v in value.items()} if key == "by_type" else value
        return d

    def add(self, other: "Score", label: str = "") -> None:
        """Pool ``other`` into this score: counts summed, items listed under ``label``."""
        for name in ("tp_pred", "n_pred", "tp_gold", "n_gold"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("matched", "missed", "spurious"):
            getattr(self, name).extend(f"[{label}] {x}" if label else x for x in getattr(other, name))
        for key, value in other.extra.items():
            if key == "responds_to":
                mine = self.extra.setdefault(key, {"gold": 0, "found": 0})
                mine["gold"] += value["gold"]
                mine["found"] += value["found"]
            elif key == "by_type":
                mine = self.extra.setdefault(key, {t: Score() for t in value})
                for t, sub in value.items():
                    mine.setdefault(t, Score()).add(sub)


def load_gold(path: str | Path) -> dict:
    try:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInputError(str(path), f"cannot read gold file: {exc}") from None
    if not isinstance(gold, dict):
        raise BadInputError(str(path), "gold file must be a JSON object")
    for key in CATEGORIES:
        gold.setdefault(key, [])
    return gold


# -- what the graph holds -----------------------------------------------------------------------
_PREFIX = """PREFIX kg: <https://kg.example.org/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <http://schema.org/>
"""


def graph_items(graph) -> dict:
    """Entities (with labels), memberships, roles, statements and claims read back from RDF."""
    labels: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    types: dict[str, str] = {}
    for row in graph.query(_PREFIX + """
        SELECT ?n ?t ?l ?alt WHERE {
          VALUES ?t { kg:Person kg:Party kg:Body kg:Inquiry kg:Bill kg:Place }
          ?n a ?t . { ?n rdfs:label ?l } UNION { ?n skos:altLabel ?alt } }"""):
        n = str(row[0])
        types[n] = str(row[1]).rsplit("#", 1)[-1]
        if row[2] is not None:
            names[n] = min(names.get(n, str(row[2])), str(row[2]))
        labels.setdefault(n, set()).add(str(row[2] if row[2] is not None else row[3]))
    memberships = {(str(r[0]), str(r[1])) for r in graph.query(_PREFIX + """
        SELECT DISTINCT ?p ?o WHERE { ?p org:memberOf ?o }""")}
    roles = set()
    for r in graph.query(_PREFIX + """
        SELECT DISTINCT ?p ?label ?c WHERE { ?p org:holds ?post . ?post a org:Post ; rdfs:label ?label .
          OPTIONAL { ?post kg:constituency ?c } }"""):
        roles.add((str(r[0]), str(r[1]), str(r[2]) if r[2] is not None else ""))
    statements = []
    for r in graph.query(_PREFIX + """
        SELECT ?s ?sp ?text ?kind ?resp WHERE { ?s a kg:Statement ; kg:speaker ?sp ; schema:text ?text .
          OPTIONAL { ?s kg:kind ?kind } OPTIONAL { ?s kg:respondsTo ?resp } } ORDER BY ?s"""):
        statements.append({"id": str(r[0]), "speaker": str(r[1]), "text": str(r[2]),
                           "kind": str(r[3] or "").rsplit("#", 1)[-1], "responds_to": str(r[4]) if r[4] else ""})
    claims = []
    for r in graph.query(_PREFIX + """
        SELECT ?c ?s ?p ?o ?ot ?ev WHERE { ?c a kg:Claim ; kg:claimSubject ?s ; kg:claimPredicate ?p .
          OPTIONAL { ?c kg:claimObject ?o } OPTIONAL { ?c kg:objectText ?ot } OPTIONAL { ?c kg:evidence ?ev } }
        ORDER BY ?c"""):
        claims.append({"id": str(r[0]), "subject": str(r[1]), "predicate": str(r[2]).rsplit("#", 1)[-1],
                       "object": str(r[3]) if r[3] else "", "object_text": str(r[4] or ""),
                       "evidence": str(r[5] or "")})
    return {"labels": labels, "names": names, "types": types, "memberships": memberships, "roles": roles,
            "statements": statements, "claims": claims}


# -- scoring ----------------------------------------------------------------------------------
def _gold_names(gold: dict) -> dict[str, set[str]]:
    """gold name -> normalised name and aliases."""
    table: dict[str, set[str]] = {}
    for e in gold["entities"]:
        table.setdefault(e["name"], set()).update(norm_name(x) for x in [e["name"], *e.get("aliases", [])])
    return table


def _names_of(name: str, table: dict[str, set[str]]) -> set[str]:
    return table.get(name, {norm_name(name)})


def _node_label(items: dict, node: str) -> str:
    return items["names"].get(node) or node.rsplit("/", 1)[-1]


def _node_names(items: dict, node: str) -> set[str]:
    return {norm_name(x) for x in items["labels"].get(node, set())} or {norm_name(node.rsplit("/", 1)[-1])}


def _score_entities(gold: dict, items: dict, kg_type: str | None = None) -> Score:
    sc = Score()
    gold_ents = [e for e in gold["entities"] if kg_type in (None, e["type"])]
    nodes = sorted(n for n, t in items["types"].items() if kg_type in (None, t))
    node_names = {n: _node_names(items, n) for n in nodes}
    taken: set[str] = set()
    sc.n_gold, sc.n_pred = len(gold_ents), len(nodes)
    for e in gold_ents:
        names = {norm_name(x) for x in [e["name"], *e.get("aliases", [])]}
        hits = [n for n in nodes if items["types"][n] == e["type"] and node_names[n] & names]
        # prefer the node whose own name is the gold name, then the one sharing most forms
        hits.sort(key=lambda n: (norm_name(_node_label(items, n)) != norm_name(e["name"]),
                                 -len(node_names[n] & names), n))
        free = [n for n in hits if n not in taken]
        if free:
            taken.add(free[0])
            sc.tp_gold += 1
            sc.matched.append(f"{e['type']}: {e['name']} = {_node_label(items, free[0])}")
        else:
            sc.missed.append(f"{e['type']}: {e['name']}")
    sc.tp_pred = len(taken)
    sc.spurious = [f"{items['types'][n]}: {_node_label(items, n)}" for n in nodes if n not in taken]
    return sc


def _score_pairs(gold_pairs: list[tuple], pred_pairs: list[tuple], match, show_gold, show_pred) -> Score:
    sc = Score(n_gold=len(gold_pairs), n_pred=len(pred_pairs))
    taken: set[int] = set()
    for g in gold_pairs:
        hit = next((i for i, p in enumerate(pred_pairs) if i not in taken and match(g, p)), None)
        if hit is None:
            sc.missed.append(show_gold(g))
        else:
            taken.add(hit)
            sc.matched.append(show_gold(g))
    sc.tp_gold = sc.tp_pred = len(taken)
    sc.spurious = [show_pred(p) for i, p in enumerate(pred_pairs) if i not in taken]
    return sc


def _score_statements(gold: dict, items: dict, table) -> Score:
    preds = items["statements"]
    sc = Score(n_gold=len(gold["statements"]), n_pred=len(preds))
    covering: set[int] = set()
    resp_gold = resp_found = 0
    for g in gold["statements"]:
        speaker = _names_of(g["speaker"], table)
        snippet = norm_text(g["snippet"])
        hits = [i for i, p in enumerate(preds)
                if _node_names(items, p["speaker"]) & speaker and snippet in norm_text(p["text"])]
        if g.get("responds_to"):
            resp_gold += 1
            target = _names_of(g["responds_to"], table)
            if any(preds[i]["responds_to"] and _node_names(items, preds[i]["responds_to"]) & target for i in hits):
                resp_found += 1
        if hits:
            sc.tp_gold += 1
            covering.update(hits)
            sc.matched.append(f"{g['speaker']}: {g['snippet']}")
        else:
            sc.missed.append(f"{g['speaker']}: {g['snippet']}")
    sc.tp_pred = len(covering)
    sc.spurious = [f"{_node_label(items, p['speaker'])}: {p['text'][:120]}"
                   for i, p in enumerate(preds) if i not in covering]
    sc.extra["responds_to"] = {"gold": resp_gold, "found": resp_found}
    return sc


def _score_claims(gold: dict, items: dict, table, evidence: bool = False) -> Score:
    """Claims need subject, predicate and object; with ``evidence`` a graph claim whose
    evidence contains the gold evidence also counts, whatever its object (diagnosis only)."""
    preds = items["claims"]
    sc = Score(n_gold=len(gold["claims"]), n_pred=len(preds))
    covering: set[int] = set()
    for g in gold["claims"]:
        subj = _names_of(g["subject"], table)
        obj_names = _names_of(g["object"], table) if g["object"] in table else set()
        obj_text = norm_text(g["object"])
        ev = norm_text(g.get("evidence", ""))

        def ok(p) -> bool:
            if p["predicate"] != g["predicate"] or not (_node_names(items, p["subject"]) & subj):
                return False
            if p["object"] and obj_names and _node_names(items, p["object"]) & obj_names:
                return True
            texts = [norm_text(p["object_text"])] if p["object_text"] else []
            if p["object"]:
                texts += [norm_text(x) for x in items["labels"].get(p["object"], [])]
            if any(t and (t in obj_text or obj_text in t) for t in texts):
                return True
            return evidence and bool(ev) and ev in norm_text(p["evidence"])

        hits = [i for i, p in enumerate(preds) if ok(p)]
        label = f"{g['subject']} {g['predicate']} {g['object']}"
        if hits:
            sc.tp_gold += 1
            covering.update(hits)
            sc.matched.append(label)
        else:
            sc.missed.append(label)
    sc.tp_pred = len(covering)
    sc.spurious = [f"{_node_label(items, p['subject'])} {p['predicate']} "
                   f"{_node_label(items, p['object']) if p['object'] else p['object_text']}"
                   for i, p in enumerate(preds) if i not in covering]
    return sc


def score(gold: dict, graph) -> dict:
    """Score a graph against a gold dict; returns {category: Score} plus entities by type."""
    items = graph_items(graph)
    table = _gold_names(gold)
    ents = _score_entities(gold, items)
    ents.extra["by_type"] = {t: _score_entities(gold, items, t) for t in ENTITY_TYPES}
    mems = _score_pairs(
        [(m["person"], m["party"]) for m in gold["memberships"]], sorted(items["memberships"]),
        lambda g, p: bool(_node_names(items, p[0]) & _names_of(g[0], table))
        and bool(_node_names(items, p[1]) & _names_of(g[1], table)),
        lambda g: f"{g[0]} -> {g[1]}",
        lambda p: f"{_node_label(items, p[0])} -> {_node_label(items, p[1])}")
    roles = _score_pairs(
        [(r["person"], r["role"], r.get("constituency", "")) for r in gold["roles"]], sorted(items["roles"]),
        lambda g, p: bool(_node_names(items, p[0]) & _names_of(g[0], table)) and _role(p[1]) == _role(g[1])
        and (not g[2] or (bool(p[2]) and bool(_node_names(items, p[2]) & _names_of(g[2], table)))),
        lambda g: f"{g[0]}: {g[1]}" + (f" ({g[2]})" if g[2] else ""),
        lambda p: f"{_node_label(items, p[0])}: {p[1]}" + (f" ({_node_label(items, p[2])})" if p[2] else ""))
    return {"entities": ents, "memberships": mems, "roles": roles,
            "statements": _score_statements(gold, items, table), "claims": _score_claims(gold, items, table),
            "claims_evidence": _score_claims(gold, items, table, evidence=True)}


def pool(results: dict[str, dict]) -> dict:
    """Scores over several documents: counts summed, then P/R/F1 computed once (the schema's pooling)."""
    pooled: dict[str, Score] = {cat: Score() for cat in (*CATEGORIES, *DIAGNOSTICS)}
    for name, result in results.items():
        for cat, sc in result.items():
            pooled.setdefault(cat, Score()).add(sc, name)
    return pooled


def as_json(result: dict) -> dict:
    return {k: v.as_dict() for k, v in result.items()}


def format_report(result: dict, name: str = "", details: bool = True) -> str:
    """A plain-text report: a table of P/R/F1, then the items behind each number."""
    lines = [f"== {name}" if name else "", f"{'category':<22}{'P':>7}{'R':>7}{'F1':>7}"]
    for cat in (*CATEGORIES, *DIAGNOSTICS):
        s = result.get(cat)
        if s is None:
            continue
        shown = f"({cat})" if cat in DIAGNOSTICS else cat
        lines.append(f"{shown:<22}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}")
        if cat == "entities":
            for t, d in s.extra.get("by_type", {}).items():
                lines.append(f"  {t:<20}{d.precision:7.3f}{d.recall:7.3f}{d.f1:7.3f}")
    rt = result["statements"].extra.get("responds_to", {})
    if rt:
        lines.append(f"responds-to links found: {rt['found']} of {rt['gold']}")
    if details:
        for cat in CATEGORIES:
            s = result[cat]
            for what in ("matched", "missed", "spurious"):
                items = getattr(s, what)
                lines.append(f"-- {cat} {what} ({len(items)})")
                lines.extend(f"   {x}" for x in items)
    return "\n".join(line for line in lines if line is not None)
