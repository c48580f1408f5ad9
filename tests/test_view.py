"""The HTML view without a browser: reading, filtering, sizing, capping, escaping, the CLI.

Graphs are made by hand through kg.facts and kg.rdf.mapping (so they stay in
step with the mapping): a small invented story, and the same story with
hostile text from tests/data/hostile/payloads.json in every string field.
tests/test_view_browser.py opens the same pages in Chromium.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import networkx as nx
import pytest
from rdflib import Dataset

import kg.view  # noqa: F401  (kg.view is also the API function, so take the module from sys.modules)
from kg.entries import Document, Entry
from kg.errors import KgError
from kg.facts import Claim, Entity, Membership, Mention, Provenance, RoleHolding, Span, Statement
from kg.rdf import mapping

V = sys.modules["kg.view"]
BASE = "https://kg.example.org/id/"
HOSTILE = json.loads((Path(__file__).parent / "data" / "hostile" / "payloads.json").read_text(encoding="utf-8"))
LONDON = ZoneInfo("Europe/London")


def iri(key: str) -> str:
    return str(mapping.entity_iri(BASE, key))


def _prov(entry: str, start: int = 0) -> Provenance:
    return Provenance(entry, Span(start, start + 5), "test", 1.0)


def _ent(key: str, type_: str, name: str, entries: tuple[str, ...], *aliases: str) -> Entity:
    return Entity(key=key, type=type_, name=name, aliases=set(aliases),
                  mentions=[Mention(name, type_, _prov(e)) for e in entries])


def story(texts: dict[str, str] | None = None, url: str = "https://example.org/live/widgets") -> Dataset:
    """An invented PMQs live blog: four entries an hour apart, nine actors, posts, statements, claims.

    ``texts`` replaces named strings (names, quotes, headlines) to plant hostile text.
    """
    t = {"jane": "Jane Doe", "jane_alias": "the widget secretary", "quote1": "We will publish the widget report.",
         "quote2": "the bill will pass before Easter", "quote3": "The secretary has failed Springfield.",
         "quote4": "Springfield needs widgets.", "evidence": "Doe announced the widget inquiry",
         "headline": "Doe opens PMQs", "title": "PMQs: the widget row \u2013 as it happened", **(texts or {})}
    t0 = datetime(2025, 1, 6, 12, 0, tzinfo=LONDON)
    entries = [Entry(id=f"e000{i}", ordinal=i, position=4 - i, text=f"entry {i} " + "x" * 60,
                     headline=t["headline"] if i == 1 else f"Entry {i}",
                     published=t0.replace(hour=11 + i)) for i in range(1, 5)]
    doc = Document(id="story", title=t["title"], url=url, entries=entries)
    ents = [
        _ent("person/jane-doe", "Person", t["jane"], ("e0001", "e0002", "e0003"), "Doe", t["jane_alias"]),
        _ent("person/john-roe", "Person", "John Roe", ("e0002", "e0003"), "Roe"),
        _ent("person/ann-poe", "Person", "Ann Poe", ("e0004",), "Poe"),
        _ent("party/labour", "Party", "Labour Party", ("e0001",), "Labour"),
        _ent("party/conservative", "Party", "Conservative Party", ("e0002",), "Tories"),
        _ent("body/home-office", "Body", "Home Office", ("e0001",)),
        _ent("inquiry/widget-inquiry", "Inquiry", "Widget Inquiry", ("e0001", "e0003")),
        _ent("bill/widgets-bill", "Bill", "Widgets Bill", ("e0003",)),
        _ent("place/springfield", "Place", "Springfield", ("e0002", "e0004")),
    ]
    memberships = [Membership("person/jane-doe", "party/labour", _prov("e0001")),
                   Membership("person/john-roe", "party/conservative", _prov("e0002")),
                   Membership("person/ann-poe", "party/conservative", _prov("e0004"))]
    roles = [RoleHolding("person/jane-doe", "Widget Secretary", _prov("e0001"), organisation="body/home-office"),
             RoleHolding("person/ann-poe", "MP", _prov("e0004"), constituency="place/springfield")]
    statements = [
        Statement("person/jane-doe", t["quote1"], "direct", _prov("e0001", 10), cue="say", venue="the Commons",
                  about=("inquiry/widget-inquiry",)),
        Statement("person/john-roe", t["quote3"], "direct", _prov("e0002", 10), cue="say",
                  about=("person/jane-doe", "place/springfield")),
        Statement("person/jane-doe", t["quote2"], "indirect", _prov("e0003", 10), cue="reply",
                  responds_to="person/john-roe", about=("bill/widgets-bill",)),
        Statement("person/ann-poe", t["quote4"], "direct", _prov("e0004", 10), about=("place/springfield",)),
    ]
    claims = [Claim("person/jane-doe", "announces", t["evidence"], _prov("e0001", 20), object="inquiry/widget-inquiry"),
              Claim("person/john-roe", "criticises", "Roe attacked Doe", _prov("e0002", 20), object="person/jane-doe"),
              Claim("person/jane-doe", "supports", "Doe backs the bill", _prov("e0003", 20), object="bill/widgets-bill"),
              Claim("person/ann-poe", "proposes", "Poe wants a widget fund", _prov("e0004", 20),
                    object_text="a widget fund")]
    triples = [*mapping.document_triples(doc, BASE)]
    for e in entries:
        triples += mapping.entry_triples(doc, e, BASE)
    for ent in ents:
        triples += mapping.entity_triples(ent, doc, BASE)
    for m in memberships:
        triples += mapping.membership_triples(m, doc, BASE)
    for r in roles:
        triples += mapping.role_triples(r, doc, BASE)
    for s in statements:
        triples += mapping.statement_triples(s, doc, BASE)
    for c in claims:
        triples += mapping.claim_triples(c, doc, BASE)
    ds = Dataset(default_union=True)
    g = ds.graph(mapping.graph_iri(BASE, doc.id))
    for tr in triples:
        g.add(tr)
    return ds


def hostile_story() -> Dataset:
    """The story with a payload in every string a reader of the page sees."""
    p = HOSTILE["payloads"]
    return story({"jane": p[0], "jane_alias": p[2], "quote1": p[1], "quote2": p[3], "quote3": p[5],
                  "quote4": p[7], "evidence": p[4], "headline": p[6], "title": p[8] + " " + p[9] + " " + p[10]},
                 url=HOSTILE["url"])


@pytest.fixture(scope="module")
def data():
    return V.read_view_data(story())


def kinds(g) -> set[tuple[str, str, str, str]]:
    return {(a.rsplit("/", 1)[-1], b.rsplit("/", 1)[-1], d["kind"], d["label"]) for a, b, d in g.edges(data=True)}


# ---------------------------------------------------------------- reading

def test_read_view_data_flattens_actors_facts_and_entry_times(data):
    assert len(data.actors) == 9
    assert data.actors[iri("person/jane-doe")] == ("Person", "Jane Doe", ("Doe", "the widget secretary"))
    assert {s.text for s in data.statements} >= {"We will publish the widget report."}
    jane2 = next(s for s in data.statements if s.text.startswith("the bill"))
    assert jane2.responds_to == iri("person/john-roe") and jane2.kind == "indirect"
    assert data.entries[jane2.entry].time == datetime(2025, 1, 6, 14, 0, tzinfo=LONDON)
    assert data.entries[jane2.entry].doc_title.startswith("PMQs")
    assert (iri("person/ann-poe"), iri("party/conservative")) in data.memberships
    assert {(h.role, h.organisation, h.constituency) for h in data.holdings} == {
        ("Widget Secretary", iri("body/home-office"), ""), ("MP", "", iri("place/springfield"))}
    assert {c.predicate for c in data.claims} == {"announces", "criticises", "supports", "proposes"}
    assert data.documents == ["PMQs: the widget row \u2013 as it happened"]


def test_aliases_drop_the_label_and_case_only_repeats():
    assert V._distinct(["Doe", "the Home Secretary", "The home secretary", "jane doe"], "Jane Doe") == [
        "Doe", "the Home Secretary"]


def test_only_http_urls_become_links():
    assert V._safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<b>", "file:///etc/passwd",
                "//example.org", "http:no-host"):
        assert V._safe_url(bad) == ""


# ---------------------------------------------------------------- the network

def test_statements_as_edges_collapse_speaker_to_subject_with_counts(data):
    g = V.build_network(data, V.ViewOptions(cooccurrence=0))
    assert g.number_of_nodes() == 9
    assert kinds(g) == {
        ("jane-doe", "labour", "member", "member of"), ("john-roe", "conservative", "member", "member of"),
        ("ann-poe", "conservative", "member", "member of"),
        ("jane-doe", "home-office", "holds", "Widget Secretary"), ("ann-poe", "springfield", "holds", "MP"),
        ("jane-doe", "widget-inquiry", "claim", "announces"), ("john-roe", "jane-doe", "claim", "criticises"),
        ("jane-doe", "widgets-bill", "claim", "supports"),
        ("jane-doe", "widget-inquiry", "speaks", "speaks about"), ("jane-doe", "widgets-bill", "speaks", "speaks about"),
        ("john-roe", "jane-doe", "speaks", "speaks about"), ("john-roe", "springfield", "speaks", "speaks about"),
        ("ann-poe", "springfield", "speaks", "speaks about"), ("jane-doe", "john-roe", "responds", "responds to")}


def test_repeated_facts_become_one_edge_with_a_count(data):
    twice = V.ViewData(**{**data.__dict__, "statements": data.statements + [
        V.Said("x", iri("person/ann-poe"), "again", "direct", data.statements[0].entry,
               about=(iri("place/springfield"),))]})
    g = V.build_network(twice, V.ViewOptions(cooccurrence=0))
    counts = [d["count"] for a, b, d in g.edges(data=True) if d["kind"] == "speaks" and a == iri("person/ann-poe")]
    assert counts == [2]
    payload = V.page_payload(g, g, twice, V.ViewOptions(), V.centrality(g), {}, "t")
    assert "speaks about \u00d72" in {e["label"] for e in payload["edges"]}


def test_statements_as_nodes_and_hidden(data):
    g = V.build_network(data, V.ViewOptions(statements="nodes", cooccurrence=0))
    stmts = [v for v, d in g.nodes(data=True) if d["type"] == "Statement"]
    assert len(stmts) == 4 and g.number_of_nodes() == 13
    said = {(a, b) for a, b, d in g.edges(data=True) if d["kind"] == "said"}
    assert len(said) == 4 and all(a in data.actors for a, _ in said)
    hidden = V.build_network(data, V.ViewOptions(statements="hidden", cooccurrence=0))
    assert not {k for *_, k, _ in kinds(hidden)} & {"speaks", "responds", "said", "about"}
    # hidden from the drawing, still in the side panel
    details = V._details(hidden, hidden, data, V.ViewOptions(statements="hidden"))
    assert [s["text"] for s in details[iri("person/jane-doe")]["statements"]] == [
        "We will publish the widget report.", "the bill will pass before Easter"]


def test_types_filter_keeps_only_those_types(data):
    g = V.build_network(data, V.ViewOptions(types=("Person", "Party")))
    assert {d["type"] for _, d in g.nodes(data=True)} == {"Person", "Party"}
    assert g.number_of_nodes() == 5
    with pytest.raises(KgError, match="unknown type"):
        V.ViewOptions(types=("Widget",))


def test_time_window_filters_facts_and_actors(data):
    opts = V.ViewOptions(since=V.parse_when("2025-01-06T13:00"), until=V.parse_when("2025-01-06T14:00"),
                         cooccurrence=0)
    g = V.build_network(data, opts)
    # entry e0002 (13:00) only: John speaks about Jane and Springfield, criticises Jane
    assert {d["label"] for _, d in g.nodes(data=True)} == {"Jane Doe", "John Roe", "Conservative Party",
                                                          "Springfield"}
    assert ("john-roe", "jane-doe", "claim", "criticises") in kinds(g)
    assert not any(k == "speaks" and a == "jane-doe" for a, _, k, _ in kinds(g))
    details = V._details(g, g, data, opts)
    assert details[iri("person/jane-doe")]["statements"] == []


def test_parse_when_dates_mean_whole_days_in_london():
    assert V.parse_when("2025-01-06") == datetime(2025, 1, 6, tzinfo=LONDON)
    assert V.parse_when("2025-01-06", end=True) == datetime(2025, 1, 7, tzinfo=LONDON)
    assert V.parse_when("2025-07-01T09:30+00:00").utcoffset().total_seconds() == 0
    with pytest.raises(KgError, match="ISO"):
        V.parse_when("last tuesday")


def test_cooccurrence_prefers_specific_entries_and_skips_linked_pairs():
    g = nx.MultiDiGraph()
    for v in "abcdef":
        g.add_node(v, type="Person", label=v)
    g.add_edge("a", "b", kind="member")
    summary = set("abcdef")            # one entry naming everyone: weak links
    edges = V._cooccurrence_edges(g, [summary, {"c", "d"}, {"c", "d"}, {"a", "b"}], minimum=1, top=1)
    assert edges[0] == ("c", "d", 3)
    assert all((a, b) != ("a", "b") for a, b, _ in edges)
    assert V._cooccurrence_edges(g, [summary, {"c", "d"}], minimum=2, top=3) == [("c", "d", 2)]


def test_pagerank_finds_the_hub_and_sums_to_one():
    star = nx.MultiDiGraph()
    star.add_edges_from(("hub", f"n{i}") for i in range(6))
    star.add_node("alone")
    pr = V.pagerank(star)
    assert max(pr, key=pr.get) == "hub"
    assert sum(pr.values()) == pytest.approx(1.0)
    assert pr["n0"] == pytest.approx(pr["n5"]) and pr["alone"] < pr["n0"]
    assert V.pagerank(nx.MultiDiGraph()) == {}


def test_focus_matches_any_label_and_takes_the_ego_network(data):
    g = V.build_network(data, V.ViewOptions(cooccurrence=0))
    scores = V.centrality(g)
    sub, info = V.select_view(g, V.ViewOptions(focus="THE  Widget secretary", depth=1), scores)
    assert info["focus"] == ["Jane Doe"]
    assert {d["label"] for _, d in sub.nodes(data=True)} == {
        "Jane Doe", "John Roe", "Labour Party", "Home Office", "Widget Inquiry", "Widgets Bill"}
    assert V.match_nodes(g, "tories") == [iri("party/conservative")]
    assert V.match_nodes(g, "springf") == [iri("place/springfield")]      # else a substring
    with pytest.raises(KgError, match="no node"):
        V.select_view(g, V.ViewOptions(focus="Nobody At All"), scores)


@pytest.mark.parametrize("name, key", [
    ("sir john roe", "person/john-roe"), ("Mr Roe", "person/john-roe"), ("the tories", "party/conservative"),
    ("THE CONSERVATIVE PARTY", "party/conservative"), ("Dame Jane Doe\u2019s", "person/jane-doe"),
    ("the labour party's", "party/labour")])
def test_focus_finds_actors_by_lookup_key_as_queries_do(data, name, key):
    """--focus takes any name a ready query's name parameter takes (honorific, article, possessive)."""
    from kg.queries import bind_params, ready_query, result_table, run_query

    g = V.build_network(data, V.ViewOptions(cooccurrence=0))
    assert V.match_nodes(g, name) == [iri(key)]
    sub, info = V.select_view(g, V.ViewOptions(focus=name), V.centrality(g))
    assert info["focus"] == [g.nodes[iri(key)]["label"]] and iri(key) in sub
    q = ready_query("actor-timeline")     # the same name finds the same actor in kg query
    assert result_table(run_query(story(), q.text, bind_params(q, {"actor": name})))[1]


def test_focus_miss_suggests_near_names(data):
    g = V.build_network(data, V.ViewOptions(cooccurrence=0))
    with pytest.raises(KgError, match="did you mean John Roe"):
        V.select_view(g, V.ViewOptions(focus="Jon Roe"), V.centrality(g))


def test_cap_keeps_the_most_central_and_says_what_was_left_out(data):
    g = V.build_network(data, V.ViewOptions(cooccurrence=0))
    scores = V.centrality(g)
    sub, info = V.select_view(g, V.ViewOptions(cap=3), scores)
    assert set(sub) == set(sorted(g, key=lambda v: -scores[v])[:3])
    assert iri("person/jane-doe") in sub
    assert info["left_nodes"] == 6 and info["left_edges"] == g.number_of_edges() - sub.number_of_edges() > 0
    focused, info = V.select_view(g, V.ViewOptions(focus="Widgets Bill", depth=2, cap=2), scores)
    assert iri("bill/widgets-bill") in focused and len(focused) == 2
    assert V.select_view(g, V.ViewOptions(cap=0), scores)[1]["left_nodes"] == 0


def test_main_actor_is_drawn_biggest(data):
    g = V.build_network(data)
    payload = V.page_payload(g, g, data, V.ViewOptions(), V.centrality(g), {}, "t")
    biggest = max(payload["nodes"], key=lambda n: n["size"])
    assert biggest["names"][0] == "Jane Doe"
    assert {n["type"] for n in payload["nodes"]} == {t["type"] for t in payload["legend"]}


def test_details_hold_names_posts_party_statements_and_claims(data):
    g = V.build_network(data)
    d = V._details(g, g, data, V.ViewOptions())[iri("person/jane-doe")]
    assert d["alts"] == ["Doe", "the widget secretary"]
    assert d["posts"] == ["Widget Secretary, Home Office"] and d["parties"] == ["Labour Party"]
    first, second = d["statements"]
    assert (first["kind"], first["when"], first["entry"], first["venue"]) == (
        "direct", "6 Jan 2025 12:00", "Doe opens PMQs", "the Commons")
    assert first["url"] == "https://example.org/live/widgets"
    assert second["respondsTo"] == "John Roe" and second["time"] == "2025-01-06T14:00:00+00:00"
    assert [(c["predicate"], c["object"]) for c in d["claims"]] == [("announces", "Widget Inquiry"),
                                                                    ("supports", "Widgets Bill")]
    poe = V._details(g, g, data, V.ViewOptions())[iri("person/ann-poe")]
    assert poe["claims"][0]["object"] == "a widget fund" and poe["posts"] == ["MP, Springfield"]


# ---------------------------------------------------------------- the page

class _Page(HTMLParser):
    """Tags with their attributes, and the text of each script element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.styles: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._in = tag
            (self.scripts.append((dict(attrs), "")) if tag == "script" else self.styles.append(""))

    def handle_endtag(self, tag):
        self._in = None if tag == self._in else self._in

    def handle_data(self, text):
        if self._in == "script":
            self.scripts[-1] = (self.scripts[-1][0], self.scripts[-1][1] + text)
        elif self._in == "style":
            self.styles[-1] += text


def parse_page(html: str) -> _Page:
    p = _Page()
    p.feed(html)
    return p


@pytest.fixture(scope="module")
def hostile_html() -> str:
    return V.make_page(hostile_story(), title=HOSTILE["title"], statements="nodes")


def test_script_json_cannot_close_a_script_and_round_trips():
    value = {"t": "</script><!-- & \u2028 <b>", "n": [1, "x"]}
    text = V.script_json(value)
    assert not set("<>&") & set(text) and "\u2028" not in text
    assert json.loads(text) == value


def test_hostile_text_never_becomes_markup(hostile_html):
    page = parse_page(hostile_html)
    tag_names = [t for t, _ in page.tags]
    assert tag_names.count("script") == 3 and not {"img", "svg", "iframe", "a", "link", "base"} & set(tag_names)
    assert [a.get("type") for a, _ in page.scripts] == ["application/json", None, None]
    assert "window.__pwned" not in page.scripts[1][1] + page.scripts[2][1]
    assert all("on" + ev not in a for _, attrs in page.tags for a in attrs for ev in ("error", "load"))
    title = next(i for i, (t, _) in enumerate(page.tags) if t == "title")
    assert "&lt;/title&gt;&lt;script&gt;" in hostile_html and page.tags[title + 1][0] == "style"
    # the data island holds the payloads verbatim once decoded
    payload = json.loads(page.scripts[0][1])
    text = json.dumps(payload, ensure_ascii=False)
    for p in HOSTILE["payloads"][:9]:
        assert json.dumps(p, ensure_ascii=False)[1:-1] in text, p
    assert not any(s.get("url") for d in payload["details"].values() for s in d.get("statements", []))


def test_page_is_self_contained_and_its_csp_allows_exactly_its_scripts(hostile_html):
    page = parse_page(hostile_html)
    assert not any(("src" in a or "href" in a) for _, a in page.tags)
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp and "unsafe" not in csp

    def h(s):
        return "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
    script_src = re.search(r"script-src ([^;]+)", csp).group(1).split()
    assert script_src == [h(page.scripts[1][1]), h(page.scripts[2][1])]
    assert re.search(r"style-src ([^;]+)", csp).group(1).split() == [h(page.styles[0])]
    assert "bootstrap" not in hostile_html.lower() and "cdn." not in hostile_html.lower()


def test_write_view_keeps_cmd_builds_signature(tmp_path):
    path = V.write_view(story(), tmp_path / "g.html", title="kg: story")
    page = parse_page(path.read_text(encoding="utf-8"))
    payload = json.loads(page.scripts[0][1])
    assert payload["title"] == "kg: story" and payload["stats"]["nodes"] == 9
    assert payload["stats"]["statements"] == 4 and payload["stats"]["from"] == "6 Jan 2025 12:00"


# ---------------------------------------------------------------- the command

def run_kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def story_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("view") / "story.trig"
    path.write_text(story().serialize(format="trig"), encoding="utf-8")
    return path


def test_cli_view_with_options(story_file, tmp_path):
    out = tmp_path / "focus.html"
    r = run_kg("view", "--graph", str(story_file), "--out", str(out), "--focus", "Roe", "--statements", "nodes",
               "--types", "person,party", "--until", "2025-01-06", "--title", "Roe")
    assert r.returncode == 0, r.stderr
    payload = json.loads(parse_page(out.read_text(encoding="utf-8")).scripts[0][1])
    assert payload["stats"]["focus"] == ["John Roe"] and payload["title"] == "Roe"
    assert {n["type"] for n in payload["nodes"]} <= {"Person", "Party", "Statement"}
    assert "John Roe" in {n["label"] for n in payload["nodes"]}


INVENTED_BLOG = """Sir Alan Brightwater, the Conservative MP for Eastmarsh, said the Tories would oppose the widget levy.
"This levy will hurt every small workshop in the country," he told reporters.
Share
Updated at 14.05 GMT
Labour's Priya Holloway said the government would press ahead with the levy.
She said the Conservatives had no plan of their own.
Share
Updated at 14.40 GMT
"""


@pytest.mark.parametrize("name", ["sir alan brightwater", "the tories", "Alan Brightwater's"])
def test_cli_view_focus_takes_the_names_query_takes(tmp_path, name):
    """An invented blog built by kg: a name kg query finds, kg view --focus finds too."""
    (tmp_path / "blog.txt").write_text(INVENTED_BLOG, encoding="utf-8")
    r = run_kg("build", str(tmp_path / "blog.txt"), "--out", str(tmp_path / "out"), "-q")
    assert r.returncode == 0, r.stderr
    graph = str(tmp_path / "out" / "graph.trig")
    r = run_kg("query", "actor-timeline", "--param", f"actor={name}", "--graph", graph, "--format", "csv")
    assert r.returncode == 0 and len(r.stdout.splitlines()) > 1, r.stderr
    r = run_kg("view", "--graph", graph, "--focus", name, "--out", str(tmp_path / "v.html"))
    assert r.returncode == 0, r.stderr
    focus = json.loads(parse_page((tmp_path / "v.html").read_text(encoding="utf-8")).scripts[0][1])["stats"]["focus"]
    assert focus == ["Alan Brightwater" if "alan" in name.lower() else "Conservative Party"]


def test_cli_view_errors(story_file, tmp_path):
    r = run_kg("view", "--graph", str(story_file), "--out", str(tmp_path / "x.html"), "--focus", "Nobody")
    assert r.returncode == 1 and "no node" in r.stderr
    r = run_kg("view", "--graph", str(story_file), "--statements", "everywhere")
    assert r.returncode == 2
    r = run_kg("view", "--graph", str(story_file), "--since", "yesterday", "--out", str(tmp_path / "y.html"))
    assert r.returncode == 1 and "ISO" in r.stderr


def test_cli_cap_default_is_the_library_default():
    from kg.cli import make_parser
    assert make_parser().parse_args(["view"]).cap == V.DEFAULT_CAP
