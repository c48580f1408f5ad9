"""Ready queries: headers, answers on a hand-made graph, label matching, safe parameters, output.

The toy graph is built from kg.facts through kg.rdf.mapping (the same code
path as a real build), so the queries are checked against the mapping itself,
not against whatever the extractors happen to find in the seed. Every answer
test runs on each local back-end: rdflib memory, Oxigraph on disk, and the
VALUES text a remote endpoint receives (run here by pyoxigraph).
"""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime, timezone
from io import BytesIO

import pytest
from rdflib import Literal, URIRef
from rdflib.query import Result

from kg.errors import QueryError
from kg.queries import (bind_params, format_result, inject_values, ready_queries, ready_query, result_table, run_query,
                        run_ready, to_term, with_prefixes)

BASE = "https://kg.example.org/id/"
EXPECTED_QUERIES = {
    "statements-by-person", "statements-by-party", "who-responds-to-whom", "people-by-post",
    "party-memberships", "bills-and-what-they-include", "inquiries", "claims-by-predicate",
    "actor-timeline", "most-mentioned-actors", "co-mentioned-with",
}
HOSTILE = ['"', "'", '\\', '"} ; DROP ALL ; {"', '} ; DROP ALL ; {', '""" } DROP ALL { """',
           "x\" . } } ; CLEAR ALL ; INSERT DATA { <a:b> <a:c> \"d\" } #", "\n} #\n", "<x> } DROP ALL {", "<a:b> } DROP ALL { <c:d>"]


# --- the toy graph -------------------------------------------------------------------------------

def _t(h: int, day: int = 6) -> datetime:
    return datetime(2025, 1, day, h, tzinfo=timezone.utc)


def toy_documents():
    """Two tiny documents with every fact type; returns [(Document, Facts)]."""
    from kg.entries import Document, Entry
    from kg.facts import Claim, Entity, Facts, Membership, Mention, Provenance, RoleHolding, Span, Statement

    def prov(entry: str, a: int = 0, b: int = 10) -> Provenance:
        return Provenance(entry, Span(a, b), "test.v1", 0.9)

    def ent(key, type_, name, entries, aliases=()):
        e = Entity(key=key, type=type_, name=name, aliases=set(aliases))
        e.mentions = [Mention(name, type_, prov(x)) for x in entries]
        return e

    d1 = Document(id="toy1", title="Toy blog one", date=date(2025, 1, 6), entries=[
        Entry(id="e0001", ordinal=1, position=2, text="Yvette Cooper told MPs the inquiry will go ahead.",
              published=_t(9), updated=_t(12)),          # both: the time is the published one, once
        Entry(id="e0002", ordinal=2, position=1, text="Chris Philp said Cooper had failed. The Tories want more.",
              updated=_t(10)),                          # only "Updated at", as most text dumps
        Entry(id="e0003", ordinal=3, position=0, text="The Crime and Policing Bill includes new offences.",
              published=_t(11)),
    ])
    f1 = Facts(entities={e.key: e for e in [
        ent("person/yvette-cooper", "Person", "Yvette Cooper", ["e0001", "e0002"], ["Cooper", "Home Secretary Cooper"]),
        ent("person/chris-philp", "Person", "Chris Philp", ["e0002"], ["Philp"]),
        ent("person/louise-casey", "Person", "Louise Casey", ["e0001"]),
        ent("party/labour", "Party", "Labour Party", ["e0001"], ["Labour"]),
        ent("party/conservatives", "Party", "Conservative Party", ["e0002"], ["Tories", "Conservatives"]),
        ent("inquiry/grooming-gangs", "Inquiry", "Grooming gangs inquiry", ["e0001"], ["national inquiry"]),
        ent("bill/crime-and-policing-bill", "Bill", "Crime and Policing Bill", ["e0003"]),
        ent("body/home-office", "Body", "Home Office", ["e0001"]),
        ent("place/oldham", "Place", "Oldham", ["e0002"]),
    ]})
    f1.memberships = [Membership("person/yvette-cooper", "party/labour", prov("e0001")),
                      Membership("person/chris-philp", "party/conservatives", prov("e0002"))]
    f1.roles = [RoleHolding("person/yvette-cooper", "Home Secretary", prov("e0001"), organisation="body/home-office"),
                RoleHolding("person/chris-philp", "Shadow Home Secretary", prov("e0002"))]
    f1.statements = [
        Statement("person/yvette-cooper", "The inquiry will go ahead.", "direct", prov("e0001", 20, 46),
                  cue="tell", venue="the Commons", addressee="MPs"),
        Statement("person/chris-philp", "Cooper had failed.", "indirect", prov("e0002", 0, 30), cue="say",
                  responds_to="person/yvette-cooper", about=("person/yvette-cooper",)),
    ]
    f1.claims = [
        Claim("person/chris-philp", "proposes", "The Tories want a national inquiry.", prov("e0002"),
              object="inquiry/grooming-gangs"),
        Claim("person/louise-casey", "leads", "Louise Casey will lead the inquiry.", prov("e0001"),
              object="inquiry/grooming-gangs"),
        Claim("bill/crime-and-policing-bill", "includes", "The Bill includes new offences.", prov("e0003"),
              object_text="new offences"),
        Claim("person/chris-philp", "criticises", "Chris Philp said Cooper had failed.", prov("e0002"),
              object="person/yvette-cooper"),
    ]
    d2 = Document(id="toy2", title="Toy blog two", date=date(2025, 1, 7), entries=[
        Entry(id="e0001", ordinal=1, position=0, text="Cooper replied to Philp on LBC.", published=_t(15, day=7)),
    ])
    f2 = Facts(entities={e.key: e for e in [
        ent("person/yvette-cooper", "Person", "Yvette Cooper", ["e0001"], ["Cooper"]),
        ent("person/chris-philp", "Person", "Chris Philp", ["e0001"]),
    ]})
    f2.statements = [Statement("person/yvette-cooper", "Philp is wrong about the inquiry.", "direct",
                               prov("e0001", 5, 40), cue="reply", venue="LBC", responds_to="person/chris-philp")]
    return [(d1, f1), (d2, f2)]


def toy_graphs():
    """[(graph IRI, [triples])] for the toy documents, via the real mapping."""
    from kg.pipeline import document_triples
    from kg.rdf import mapping

    return [(mapping.graph_iri(BASE, d.id), list(document_triples(d, f, BASE))) for d, f in toy_documents()]


def toy_dataset(spec: str = "rdflib"):
    """The toy documents on a store; by default rdflib's own, the reference the others are checked by."""
    from kg.store import open_store, replace_graph

    ds = open_store(spec)
    for iri, triples in toy_graphs():
        replace_graph(ds, iri, triples)
    return ds


class ValuesEngine:
    """Runs queries the way a remote endpoint receives them: VALUES text, no bindings API.

    pyoxigraph executes the text, so the injection is checked by a real SPARQL
    parser and engine without a server (the server tests do it over HTTP too).
    """

    def __init__(self, ds):
        import pyoxigraph as ox
        from rdflib import Dataset

        from kg.store import KgOxigraphStore, to_ox
        store = ox.Store()
        store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g.identifier if hasattr(g, "identifier") else g))
                     for s, p, o, g in ds.quads((None, None, None, None)))
        self.dataset = Dataset(store=KgOxigraphStore(store), default_union=True)

    def query(self, sparql: str, params: dict | None = None) -> Result:
        """The text with its VALUES block, run with no bindings (kg.store.query adds none)."""
        from kg.queries import _bindings
        from kg.store import query

        text = inject_values(with_prefixes(sparql), _bindings(params))
        return query(self.dataset, text)


@pytest.fixture(scope="module", params=["rdflib", "memory", "oxigraph", "values"])
def engine(request, tmp_path_factory):
    """A function (query text, params) -> Result on one back-end holding the toy graph."""
    if request.param in ("rdflib", "memory"):
        ds = toy_dataset(request.param)
        yield lambda q, p=None: run_query(ds, q, p)
    elif request.param == "oxigraph":
        ds = toy_dataset(f"oxigraph:{tmp_path_factory.mktemp('ox') / 'store'}")
        yield lambda q, p=None: run_query(ds, q, p)
        ds.close()
    else:
        eng = ValuesEngine(toy_dataset())
        yield eng.query


def ready(engine, name, **params):
    """Rows of a ready query as tuples of strings (name parameters bound as ``run_ready`` binds them)."""
    q = ready_query(name)
    return [tuple(r) for r in result_table(engine(q.text, bind_params(q, params)))[1]]


def column(rows, i):
    return [r[i] for r in rows]


# --- headers and drift ---------------------------------------------------------------------------

def test_every_expected_query_ships():
    assert set(ready_queries()) == EXPECTED_QUERIES


@pytest.mark.parametrize("name", sorted(EXPECTED_QUERIES))
def test_query_header_and_parse(name):
    from rdflib.plugins.sparql import prepareQuery

    q = ready_query(name)
    assert q.title and len(q.description) > 20, "title and description say what the query answers"
    assert q.question.endswith("?") and 15 < len(q.question) <= 90, "one short question, for kg query --list"
    assert all(p.help for p in q.params)
    prepareQuery(with_prefixes(q.text))           # parses in rdflib
    import pyoxigraph as ox
    ox.Store().query(with_prefixes(q.text))        # and in Oxigraph
    projected = q.text.split("WHERE")[0]
    for p in q.params:
        assert f"?{p.name}" in q.text, f"{name}: parameter {p.name} unused"
        assert f"?{p.name} " not in projected + " ", f"{name}: parameter {p.name} must not be projected"


def test_unknown_query_suggests():
    with pytest.raises(QueryError, match="statements-by-person"):
        ready_query("statements-by-persn")


# --- answers (every back-end) --------------------------------------------------------------------

def test_statements_by_person(engine):
    rows = ready(engine, "statements-by-person", person="Yvette Cooper")
    assert column(rows, 3) == ["The inquiry will go ahead.", "Philp is wrong about the inquiry."]
    assert rows[0][1:3] == ("Yvette Cooper", "direct") and rows[0][4:6] == ("tell", "the Commons")
    assert rows[1][6] == "Chris Philp"


@pytest.mark.parametrize("name", ["yvette cooper", "YVETTE COOPER", "Cooper", "home secretary cooper",
                                  "Ms Yvette  Cooper", "Yvette Cooper\u2019s"])
def test_label_and_alias_any_case(engine, name):
    rows = ready(engine, "statements-by-person", person=name)
    assert len(rows) == 2


@pytest.mark.parametrize("name", ["Yvette", "yvette cooperr", "Chris Philp"])
def test_name_parameter_matches_whole_names_only(engine, name):
    """The key is the whole name or alias: a first name or a typo finds nothing of hers."""
    texts = column(ready(engine, "statements-by-person", person=name), 3)
    assert "The inquiry will go ahead." not in texts


def test_statements_by_party(engine):
    rows = ready(engine, "statements-by-party", party="tories")
    assert [(r[1], r[2], r[4]) for r in rows] == [("Conservative Party", "Chris Philp", "Cooper had failed.")]
    assert len(ready(engine, "statements-by-party", party="Labour")) == 2


def test_who_responds_to_whom(engine):
    rows = ready(engine, "who-responds-to-whom")
    assert sorted(rows) == [("Chris Philp", "Yvette Cooper", "1"), ("Yvette Cooper", "Chris Philp", "1")]
    assert ready(engine, "who-responds-to-whom", person="philp") == [("Chris Philp", "Yvette Cooper", "1")]


def test_people_by_post(engine):
    rows = ready(engine, "people-by-post")
    assert rows == [("Home Secretary", "Yvette Cooper", "", "Home Office"),
                    ("Shadow Home Secretary", "Chris Philp", "", "")]
    assert ready(engine, "people-by-post", post="home secretary") == rows[:1]


def test_party_memberships(engine):
    assert ready(engine, "party-memberships") == [("Conservative Party", "Chris Philp", "1"),
                                                  ("Labour Party", "Yvette Cooper", "1")]
    assert ready(engine, "party-memberships", party="labour") == [("Labour Party", "Yvette Cooper", "1")]


def test_bills(engine):
    rows = ready(engine, "bills-and-what-they-include")
    assert [r[:3] for r in rows] == [("Crime and Policing Bill", "new offences", "The Bill includes new offences.")]


def test_inquiries(engine):
    rows = ready(engine, "inquiries", inquiry="National Inquiry")
    assert sorted((r[1], r[2]) for r in rows) == [("calls for", "Chris Philp"), ("leads", "Louise Casey")]


def test_claims_by_predicate(engine):
    assert len(ready(engine, "claims-by-predicate")) == 4
    rows = ready(engine, "claims-by-predicate", predicate="Criticises")
    assert [(r[1], r[2], r[3]) for r in rows] == [("Chris Philp", "criticises", "Yvette Cooper")]


def test_actor_timeline(engine):
    rows = ready(engine, "actor-timeline", actor="cooper")
    whats = [(r[0][:13], r[1]) for r in rows]
    assert ("2025-01-06T09", "said") in whats and ("2025-01-06T10", "object of claim: criticises") in whats
    assert ("2025-01-07T15", "said") in whats and ("2025-01-07T15", "mentioned") in whats
    assert [r[0] for r in rows] == sorted(r[0] for r in rows), "ordered by entry time"


#: the time each statement and claim row must carry: its entry's datePublished, else its dateModified
ENTRY_TIMES = {"toy1/entry/e0001": "2025-01-06T09", "toy1/entry/e0002": "2025-01-06T10",
               "toy1/entry/e0003": "2025-01-06T11", "toy2/entry/e0001": "2025-01-07T15"}


@pytest.mark.parametrize("name, params, entry_col", [
    ("statements-by-person", {"person": "cooper"}, 7), ("statements-by-person", {"person": "philp"}, 7),
    ("statements-by-party", {"party": "tories"}, 5), ("statements-by-party", {"party": "labour"}, 5),
    ("claims-by-predicate", {}, 5), ("actor-timeline", {"actor": "cooper"}, 3)])
def test_time_is_published_else_updated(engine, name, params, entry_col):
    """Each row carries its entry's time, the published one when there are both, in one row."""
    rows = ready(engine, name, **params)
    assert rows
    for r in rows:
        want = ENTRY_TIMES[r[entry_col].split("/doc/", 1)[1]]
        assert r[0][:13] == want, f"{name}: {r[entry_col]} has time {r[0]!r}, not {want}"
    assert len(rows) == len(set(rows)), "an entry with two times must not double its rows"


def test_most_mentioned(engine):
    rows = ready(engine, "most-mentioned-actors")
    assert rows[0] == ("Yvette Cooper", "Person", "3")
    assert ready(engine, "most-mentioned-actors", type="party") == [("Conservative Party", "Party", "1"),
                                                                  ("Labour Party", "Party", "1")]


def test_co_mentioned_with(engine):
    rows = ready(engine, "co-mentioned-with", actor="Chris Philp")
    assert rows[0] == ("Yvette Cooper", "Person", "2")
    assert {r[0] for r in rows} == {"Yvette Cooper", "Conservative Party", "Oldham"}


def test_unmatched_name_returns_nothing(engine):
    assert ready(engine, "statements-by-person", person="Nobody At All") == []


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_parameter_is_data(engine, hostile):
    """Quotes, braces and update keywords in a parameter match nothing and change nothing."""
    before = ready(engine, "most-mentioned-actors")
    for name, param in [("statements-by-person", "person"), ("co-mentioned-with", "actor"),
                        ("people-by-post", "post"), ("claims-by-predicate", "predicate")]:
        try:
            assert ready(engine, name, **{param: hostile}) == []
        except QueryError as exc:       # only an IRI-looking value may be refused, never run
            assert hostile.startswith("<"), exc
    assert ready(engine, "most-mentioned-actors") == before


def test_hostile_literal_survives_round_trip(engine):
    """The exact hostile string reaches the engine as one literal (it comes back unchanged)."""
    for hostile in HOSTILE:
        if hostile.startswith("<"):
            continue
        res = engine("SELECT ?out WHERE { BIND(STR(?x) AS ?out) }", {"x": hostile})
        assert result_table(res)[1] == [[hostile]]


# --- parameters and errors -----------------------------------------------------------------------

def test_run_ready_checks_parameters():
    ds = toy_dataset()
    with pytest.raises(QueryError, match="missing --param person"):
        run_ready(ds, "statements-by-person")
    with pytest.raises(QueryError, match="unknown parameter nmae"):
        run_ready(ds, "statements-by-person", {"person": "x", "nmae": "y"})
    with pytest.raises(QueryError, match="bad parameter name"):
        run_query(ds, "SELECT * WHERE { ?s ?p ?o }", {"a b": "x"})


def test_to_term():
    assert to_term("<https://example.org/x>") == URIRef("https://example.org/x")
    assert to_term("Yvette Cooper") == Literal("Yvette Cooper")
    assert to_term("<>") == Literal("<>")
    with pytest.raises(QueryError, match="not a valid IRI"):
        to_term("<x> } DROP ALL { <y>")


def test_inject_values_places_block_inside_where():
    q = 'CONSTRUCT { ?s ?p "{" } WHERE { # a { brace\n ?s ?p ?o FILTER(?o = "WHERE {") }'
    out = inject_values(q, {"o": Literal('a"b')})
    assert out.index("VALUES") > out.index("WHERE {")
    assert 'VALUES (?o) { ("a\\"b") }' in out
    assert inject_values("SELECT ?s { ?s ?p ?o }", {"p": URIRef("http://x/p")}).startswith(
        "SELECT ?s { VALUES (?p) { (<http://x/p>) }")
    nested = inject_values("SELECT ?a WHERE { ?a ?b ?c { ?a ?q ?x FILTER(?x = ?name) } }", {"name": "n"})
    assert '{ ?a ?b ?c { VALUES (?name) { ("n") }  ?a ?q' in nested, "VALUES go where the parameter is used"
    assert "VALUES" in inject_values("DESCRIBE <http://x/a>", {"p": Literal("x")})


def test_syntax_error_is_query_error(engine):
    with pytest.raises(QueryError):
        engine("SELECT WHERE {", None)


# --- output --------------------------------------------------------------------------------------

def test_formats():
    ds = toy_dataset()
    res = run_ready(ds, "party-memberships")
    table = format_result(res, "table")
    lines = table.splitlines()
    assert lines[0].split() == ["partyLabel", "member", "sources"] and set(lines[1]) <= {"-", " "}
    assert lines[2].index("Chris Philp") == lines[0].index("member"), "columns are aligned"
    assert format_result(res, "csv").splitlines()[1] == "Conservative Party,Chris Philp,1"
    assert format_result(res, "tsv").splitlines()[1] == "Conservative Party\tChris Philp\t1"
    data = json.loads(format_result(res, "json"))
    assert data["head"]["vars"] == ["partyLabel", "member", "sources"]
    assert data["results"]["bindings"][0]["sources"]["datatype"].endswith("#integer")
    parsed = Result.parse(BytesIO(format_result(res, "json").encode()), format="json")
    assert len(parsed.bindings) == 2
    with pytest.raises(QueryError, match="CONSTRUCT"):
        format_result(res, "ttl")
    g = run_query(ds, "CONSTRUCT { ?p a kg:Person } WHERE { ?p a kg:Person }")
    assert "kg:Person" in format_result(g, "ttl")


def _kg(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=cwd)


@pytest.fixture(scope="module")
def toy_trig(tmp_path_factory):
    from kg.export import serialize
    path = tmp_path_factory.mktemp("toy") / "graph.trig"
    path.write_text(serialize(toy_dataset(), "trig"), encoding="utf-8")
    return path


def test_cli_list():
    out = _kg("query", "--list")
    assert out.returncode == 0, out.stderr
    for name in EXPECTED_QUERIES:
        assert name in out.stdout
        assert f"\n    {ready_query(name).question}\n" in out.stdout, "the question each query answers"
    assert "--param person" in out.stdout
    for note in ("faster", "Oxigraph", "triples", " ms", "subquery"):    # notes on speed are not for users
        assert note not in out.stdout, note


def test_header_ends_where_the_indented_continuations_end():
    from kg.queries import parse_header

    q = parse_header("x", "# title: X\n# question: Who?\n# description: One\n#   two.\n"
                          "# param who (optional, name): a name\n#   or alias\n# A note on speed: 3x faster.\n"
                          "# param late: not a parameter\nSELECT * WHERE { ?s ?p ?o }\n")
    assert (q.title, q.question, q.description) == ("X", "Who?", "One two.")
    assert [(p.name, p.help, p.kind) for p in q.params] == [("who", "a name or alias", "name")]


def test_cli_ready_query_by_name(toy_trig):
    out = _kg("query", "statements-by-person", "--param", "person=yvette cooper", "--graph", str(toy_trig),
              "--format", "csv")
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0].startswith("time,speaker,kind,text")
    assert len(out.stdout.splitlines()) == 3


def test_cli_query_errors(toy_trig):
    assert _kg("query", "statements-by-person", "--graph", str(toy_trig)).returncode == 2   # a usage error
    bad = _kg("query", "most-mentioned-actors", "--param", "oops", "--graph", str(toy_trig))
    assert bad.returncode == 2 and "NAME=VALUE" in bad.stderr
    assert _kg("query", "nope.rq", "--graph", str(toy_trig)).returncode == 2
    assert _kg("query", "SELECT WHERE {", "--graph", str(toy_trig)).returncode == 1


# --- the seed: the time column is filled wherever the entry has a time -----------------------------

def test_seed_rows_carry_their_entry_time(seed_graph):
    """Every statement and claim row of the seed has its entry's time when the text gives one
    (the seed's blocks have only "Updated at" lines, so datePublished alone left the column empty)."""
    from kg.sources import read_document
    from tests.conftest import SEED

    times = {e.id: e.time for e in read_document(SEED).entries}
    assert sum(t is not None for t in times.values()) >= 6
    speakers = {r[0] for r in result_table(run_query(
        seed_graph, "SELECT DISTINCT ?name WHERE { ?s kg:speaker ?p . ?p skos:hiddenLabel ?name }"))[1]}
    assert len(speakers) >= 5
    runs = [("claims-by-predicate", {}, 5), ("statements-by-party", {"party": "labour"}, 5),
            ("statements-by-party", {"party": "conservatives"}, 5)]
    runs += [("statements-by-person", {"person": s}, 7) for s in sorted(speakers)]
    checked = timed = 0
    for name, params, entry_col in runs:
        for row in result_table(run_ready(seed_graph, name, params))[1]:
            want = times[row[entry_col].rsplit("/", 1)[1]]
            got = datetime.fromisoformat(row[0].replace("Z", "+00:00")) if row[0] else None
            assert got == want, f"{name} {params}: entry {row[entry_col]} has time {row[0]!r}, not {want}"
            checked += 1
            timed += got is not None
    assert checked > 50 and timed > 20, (checked, timed)


# --- paging: --limit and --offset ------------------------------------------------------------------

def test_page_query_appends_or_combines_limit_and_offset():
    from kg.queries import page_query

    assert page_query("SELECT * WHERE { ?s ?p ?o } ORDER BY ?s", 5, 10).endswith("ORDER BY ?s\nLIMIT 5\nOFFSET 10\n")
    assert page_query("SELECT * { ?s ?p ?o } LIMIT 25  # the top 25", 10, 20).endswith("}\nLIMIT 5\nOFFSET 20\n")
    assert page_query("SELECT * { ?s ?p ?o } LIMIT 25", None, 30).endswith("}\nLIMIT 0\nOFFSET 30\n")
    assert page_query("SELECT * { ?s ?p ?o } OFFSET 3", 2).endswith("}\nLIMIT 2\nOFFSET 3\n")
    for unpageable in ("ASK { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE { SELECT * { ?s ?p ?o } }",
                       "SELECT * { ?s ?p ?o } VALUES ?s { <a:b> }"):
        assert page_query(unpageable, 2) is None, unpageable
    with pytest.raises(QueryError):
        page_query("SELECT * { ?s ?p ?o }", -1)


@pytest.mark.parametrize("name, params", [("claims-by-predicate", {}), ("co-mentioned-with", {"actor": "chris philp"}),
                                          ("most-mentioned-actors", {}), ("actor-timeline", {"actor": "cooper"})])
def test_a_page_is_that_slice_of_the_rows(engine, name, params):
    """The engine pages the query text: each page is the slice of the whole answer, in order."""
    from kg.queries import page_query

    q = ready_query(name)
    whole = [tuple(r) for r in result_table(engine(q.text, bind_params(q, params)))[1]]
    assert len(whole) >= 3
    for limit, offset in [(2, 0), (2, 1), (1, len(whole) - 1), (5, len(whole))]:
        page = [tuple(r) for r in result_table(engine(page_query(q.text, limit, offset), bind_params(q, params)))[1]]
        assert page == whole[offset:offset + limit], (limit, offset)


def test_cli_limit_and_offset(toy_trig):
    base = ["query", "claims-by-predicate", "--graph", str(toy_trig)]
    every = _kg(*base, "--format", "csv")
    assert every.returncode == 0 and len(every.stdout.splitlines()) == 5      # csv: every row by default
    first = _kg(*base, "--format", "csv", "--limit", "2")
    assert first.stdout.splitlines() == every.stdout.splitlines()[:3]
    assert "more follow: --offset 2" in first.stderr
    rest = _kg(*base, "--format", "csv", "--limit", "2", "--offset", "2")
    assert rest.stdout.splitlines() == every.stdout.splitlines()[:1] + every.stdout.splitlines()[3:]
    assert "more follow" not in rest.stderr
    data = json.loads(_kg(*base, "--format", "json", "--limit", "1").stdout)
    assert len(data["results"]["bindings"]) == 1
    assert _kg(*base, "--limit", "-1").returncode == 2


def test_cli_table_shows_a_screenful_by_default(toy_trig):
    import os

    env = {**os.environ, "LINES": "7", "COLUMNS": "200"}       # room for 3 rows with header and note
    run = subprocess.run([sys.executable, "-m", "kg", "query", "claims-by-predicate", "--graph", str(toy_trig)],
                         capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    assert len(run.stdout.splitlines()) == 2 + 3 and "(rows 1-3; more follow: --offset 3" in run.stderr
    run = subprocess.run([sys.executable, "-m", "kg", "query", "claims-by-predicate", "--graph", str(toy_trig),
                          "--limit", "0"], capture_output=True, text=True, env=env)
    assert len(run.stdout.splitlines()) == 2 + 4 and "(4 rows)" in run.stderr
