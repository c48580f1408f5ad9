"""Write docs/vocabulary.md, the guide to kg's vocabulary for people who write SPARQL.

Generated from ``ontology/kg.ttl`` (its terms, labels, comments, hierarchy, domains and
ranges, SKOS concept schemes, and the order and section comments of the file) and from
``docs/examples/*.rq`` (an example query per class, named after it, and further examples).
Run ``make docs`` (or ``python docs/make_vocab.py``); ``--check`` exits 1 when the guide is
out of date. ``tests/test_vocabulary.py`` runs every example against the seed's build.

Why not pyLODE: the pyLODE release that installs on Python 3.11 with rdflib 7.6 (3.3.4;
3.4.1 is packaged without the file its version module reads, later ones need Python 3.12)
takes any skos:ConceptScheme in the file for the ontology itself (wrong title, and header
metadata that changes from run to run with the hash seed) and lists no SKOS concept, and its
HTML page does not read in a repository browser. Markdown does, and diffs well.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "kg.ttl"
EXAMPLES = ROOT / "docs" / "examples"
OUT = ROOT / "docs" / "vocabulary.md"

_SECTION = re.compile(r"^# -{8,}\s*(.+?)\s*$")
_TERM = re.compile(r"^(kg:[A-Za-z][A-Za-z0-9]*)\s+a\s")

INTRO = """\
How to read kg's graphs with SPARQL: every class and property kg defines, with the standard
terms it builds on, and an example query per class. The examples run as they are on the
graph of `kg build` (`kg query docs/examples/Person.rq`), on `kg serve` and on any SPARQL
1.1 store the graph is loaded into; `tests/test_vocabulary.py` runs each one on the seed.

* Each document is a named graph; queries read the default graph, which kg keeps as the
  union of them, so a plain `?s ?p ?o` pattern sees every document.
* Facts (statements, claims, party memberships, post holdings) are nodes of their own, each
  with its provenance: `kg:inEntry` (the entry), `kg:startChar`/`kg:endChar` (the span of the
  entry's `schema:articleBody`), `kg:extractor`, `kg:confidence`, and `prov:wasGeneratedBy`
  (the build). When something was said is its entry's `schema:datePublished` or
  `schema:dateModified`.
* Names: `rdfs:label` (and `skos:prefLabel`) is the name to show, `skos:altLabel` every other
  form, and `skos:hiddenLabel` a lookup key (lower case, no honorific, leading "the" or
  possessive) that finds any of them with one index lookup: `?who skos:hiddenLabel "jane doe"`.
* kg's own terms are sub-classes and sub-properties of standard ones, and the data carries
  the standard types too (`schema:Person`, `foaf:Person`, `org:Organization`, ...); the
  ontology itself is not in the data graph: load `ontology/kg.ttl` beside it for labels and
  for the concept schemes.
"""


def _curie(g: Graph, term) -> str:
    if isinstance(term, Literal):
        return f'"{term}"'
    try:
        prefix, _, name = g.compute_qname(str(term), generate=False)
        return f"{prefix}:{name}"
    except (ValueError, KeyError):
        return f"<{term}>"


def _code(g: Graph, terms) -> str:
    return ", ".join(f"`{_curie(g, t)}`" for t in sorted(terms, key=lambda t: _curie(g, t))) or "—"


def _text(g: Graph, node, *props) -> str:
    """The node's value for the first property that has one, on one line (English preferred)."""
    for p in props:
        values = sorted(g.objects(node, p), key=lambda v: (getattr(v, "language", None) not in (None, "en"), str(v)))
        if values:
            return " ".join(str(values[0]).split())
    return ""


def _title(text: str) -> str:
    return text[:1].upper() + text[1:]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _layout(text: str) -> list[tuple[str, list[str], list[str]]]:
    """(section title, its comment lines, kg terms in file order) for each ``# ----- title`` section."""
    sections: list[tuple[str, list[str], list[str]]] = []
    lines = text.splitlines()
    for i, line in enumerate(lines):
        m = _SECTION.match(line)
        if m:
            notes = []
            for follow in lines[i + 1:]:
                if not follow.startswith("#") or _SECTION.match(follow):
                    break
                notes.append(follow[2:] if follow.startswith("# ") else follow[1:])
            sections.append((m.group(1), notes, []))
            continue
        m = _TERM.match(line)
        if m and sections:
            sections[-1][2].append(m.group(1))
    return sections


def _example(name: str) -> str:
    path = EXAMPLES / f"{name}.rq"
    return path.read_text(encoding="utf-8").strip() if path.exists() else ""


def _example_block(title: str, path_name: str) -> list[str]:
    query = _example(path_name)
    return [f"{title} (`docs/examples/{path_name}.rq`):", "", "```sparql", query, "```", ""]


def render() -> str:
    g = Graph(bind_namespaces="none").parse(ONTOLOGY)     # the file's prefixes, not rdflib's defaults
    text = ONTOLOGY.read_text(encoding="utf-8")
    ns = next(iter(g.subjects(RDF.type, OWL.Ontology)))
    kg_ns = dict(g.namespaces())["kg"]

    def term(curie: str) -> URIRef:
        return URIRef(str(kg_ns) + curie.split(":", 1)[1])

    domain_of: dict = defaultdict(set)
    range_of: dict = defaultdict(set)
    for p in set(g.subjects(RDF.type, OWL.ObjectProperty)) | set(g.subjects(RDF.type, OWL.DatatypeProperty)):
        for d in g.objects(p, RDFS.domain):
            domain_of[d].add(p)
        for r in g.objects(p, RDFS.range):
            range_of[r].add(p)

    out = ["# The kg vocabulary", "", f"{_text(g, ns, RDFS.label, DCTERMS.title)}: `{ns}`.", "",
           "<!-- Generated by docs/make_vocab.py from ontology/kg.ttl and docs/examples/*.rq;"
           " do not edit by hand: run `make docs`. -->", "",
           INTRO,
           _text(g, ns, DCTERMS.description), ""]
    for comment in sorted(" ".join(str(c).split()) for c in g.objects(ns, RDFS.comment)):
        out += [comment, ""]
    out += [f"Namespace `{kg_ns}` (prefix `kg:`), version {_text(g, ns, OWL.versionInfo)}. "
            "Source: `ontology/kg.ttl`; the shapes every graph meets: `ontology/shapes.ttl` (SHACL).", "",
            "## Prefixes", "", "| prefix | namespace |", "|---|---|"]
    used = {"kg", "schema", "org", "prov", "foaf", "skos", "dcterms", "rdf", "rdfs", "owl", "xsd"}
    out += [f"| `{p}:` | `{n}` |" for p, n in sorted(g.namespaces()) if p in used]
    sections = _layout(text)
    out += ["", "## Contents", ""]
    out += [f"* [{_title(title)}](#{re.sub(r'[^a-z0-9 -]', '', title.lower()).replace(' ', '-')})"
            for title, _, _ in sections]
    extra = sorted(p.stem for p in EXAMPLES.glob("*.rq") if (term(f"kg:{p.stem}"), RDF.type, OWL.Class) not in g)
    if extra:
        out.append("* [More examples](#more-examples)")
    out.append("")

    for title, notes, terms in sections:
        out += [f"## {_title(title)}", ""]
        if notes:
            out += ["From the ontology file:", "", "```text", *notes, "```", ""]
        classes = [t for t in terms if (term(t), RDF.type, OWL.Class) in g]
        props = [t for t in terms if (term(t), RDF.type, OWL.ObjectProperty) in g
                 or (term(t), RDF.type, OWL.DatatypeProperty) in g]
        schemes = [t for t in terms if (term(t), RDF.type, SKOS.ConceptScheme) in g]
        for c in classes:
            node = term(c)
            out += [f"### `{c}` — {_text(g, node, RDFS.label)}", ""]
            if _text(g, node, RDFS.comment):
                out += [_text(g, node, RDFS.comment), ""]
            out.append(f"* Sub-class of: {_code(g, g.objects(node, RDFS.subClassOf))}")
            subs = set(g.subjects(RDFS.subClassOf, node))
            if subs:
                out.append(f"* Super-class of: {_code(g, subs)}")
            if domain_of.get(node):
                out.append(f"* Properties (domain): {_code(g, domain_of[node])}")
            if range_of.get(node):
                out.append(f"* Value of (range): {_code(g, range_of[node])}")
            out.append("")
            if _example(c.split(":")[1]):
                out += _example_block("Example", c.split(":")[1])
        if props:
            out += ["| property | kind | domain | range | meaning |", "|---|---|---|---|---|"]
            for p in props:
                node = term(p)
                kind = "object" if (node, RDF.type, OWL.ObjectProperty) in g else "datatype"
                supers = list(g.objects(node, RDFS.subPropertyOf))
                meaning = _text(g, node, RDFS.comment) or _title(_text(g, node, RDFS.label)) + "."
                if supers:
                    meaning += f" Sub-property of {_code(g, supers)}."
                out.append(f"| `{p}` | {kind} | {_code(g, g.objects(node, RDFS.domain))} | "
                           f"{_code(g, g.objects(node, RDFS.range))} | {_cell(meaning.strip())} |")
            out.append("")
        for s in schemes:
            node = term(s)
            out += [f"### `{s}` — concept scheme: {_text(g, node, SKOS.prefLabel, RDFS.label)}", "",
                    _text(g, node, SKOS.definition), "", "| concept | label | definition |", "|---|---|---|"]
            concepts = sorted(g.subjects(SKOS.inScheme, node), key=str)
            out += [f"| `{_curie(g, k)}` | {_text(g, k, SKOS.prefLabel)} | {_cell(_text(g, k, SKOS.definition))} |"
                    for k in concepts]
            out.append("")
    if extra:
        out += ["## More examples", ""]
        for name in extra:
            out += _example_block(name, name)
    return "\n".join(out).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/vocabulary.md is out of date")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT.relative_to(ROOT)} is out of date: run 'make docs'", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
