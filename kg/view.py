"""RDF -> networkx -> an offline vis-network HTML page (first version; see issue 6).

pyvis builds the node and edge lists; the page itself is rendered from kg's own
template with vis-network inlined from pyvis's bundled copy, because pyvis's
template links Bootstrap from a CDN and does not escape its data. All article
text reaches the page as JSON data inside a script tag, escaped so that no
string can close the tag, and is shown with ``textContent``, never as markup.
"""
from __future__ import annotations

import html
import json
from importlib import resources
from pathlib import Path

import networkx as nx

__all__ = ["graph_to_networkx", "render_html", "write_view"]

_Q = """
PREFIX kg: <https://kg.example.org/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?n ?t ?l WHERE { VALUES ?t { kg:Person kg:Party kg:Body kg:Inquiry kg:Bill kg:Place } ?n a ?t ; rdfs:label ?l }
"""
_E = """
PREFIX kg: <https://kg.example.org/ns#>
PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?a ?p ?b WHERE {
  { ?a org:memberOf ?b . BIND("member of" AS ?p) }
  UNION { ?c a kg:Claim ; kg:claimSubject ?a ; kg:claimPredicate ?pp ; kg:claimObject ?b . BIND(STRAFTER(STR(?pp), "#") AS ?p) }
  UNION { ?s a kg:Statement ; kg:speaker ?a ; kg:respondsTo ?b . BIND("responds to" AS ?p) }
}"""
COLOURS = {"Person": "#4e79a7", "Party": "#e15759", "Body": "#59a14f", "Inquiry": "#f28e2b",
           "Bill": "#b07aa1", "Place": "#9c755f"}


def graph_to_networkx(graph) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for n, t, label in graph.query(_Q):
        g.add_node(str(n), label=str(label), type=str(t).rsplit("#", 1)[-1])
    for a, p, b in graph.query(_E):
        if str(a) in g and str(b) in g:
            g.add_edge(str(a), str(b), label=str(p))
    return g


def _script_json(data) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' survive literally."""
    return (json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render_html(g: nx.MultiDiGraph, title: str = "kg") -> str:
    lib = resources.files("pyvis").joinpath("lib/vis-9.1.2")
    js = lib.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    nodes = [{"id": n, "label": d["label"], "group": d["type"], "color": COLOURS.get(d["type"], "#999"),
              "value": 1 + g.degree(n)} for n, d in sorted(g.nodes(data=True))]
    edges = [{"from": a, "to": b, "label": d["label"], "arrows": "to"} for a, b, d in g.edges(data=True)]
    safe_js = js.replace("</script", "<\\/script")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{margin:0;font-family:sans-serif}}#net{{width:100vw;height:100vh}}</style>
<script>{safe_js}</script></head>
<body><div id="net"></div>
<script id="kg-data" type="application/json">{_script_json({"nodes": nodes, "edges": edges})}</script>
<script>
const data = JSON.parse(document.getElementById("kg-data").textContent);
const network = new vis.Network(document.getElementById("net"),
  {{nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges)}},
  {{physics: {{stabilization: {{iterations: 300}}}}, edges: {{smooth: false}}}});
network.once("stabilizationIterationsDone", () => network.setOptions({{physics: false}}));
</script></body></html>
"""


def write_view(graph, path: str | Path, title: str = "kg") -> Path:
    from .export import write_atomic
    return write_atomic(path, render_html(graph_to_networkx(graph), title))
