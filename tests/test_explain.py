"""kg explain: the evidence behind a fact, on an invented live blog made through kg.rdf.mapping.

The document and its facts are written by hand (spans chosen in the invented text), so
the expected sentence and mark are known exactly; a last test builds an invented text
through the whole pipeline and checks that every statement and claim explains to its
own span.
"""
from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from kg.entries import Document, Entry
from kg.errors import KgError
from kg.explain import ANSI_MARKS, explain, format_evidence, marked_sentence, sentence_bounds
from kg.facts import Claim, Entity, Membership, Mention, Provenance, RoleHolding, Span, Statement
from kg.rdf import mapping

BASE = "https://kg.example.org/id/"
E1 = ('Jane Doe told MPs the widget levy would fall. "We will cut it by half," she said. '
      "John Roe called the plan reckless.")
E2 = "Labour MP Jane Doe answered Roe at the dispatch box.\nShe did not give a date."


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part))


def _prov(entry: str, text: str, part: str) -> Provenance:
    return Provenance(entry, _span(text, part), "test.v1", 0.8)


def widgets_graph(spec: str = "rdflib"):
    """One invented document: a published entry with a headline, then an updated-only one without."""
    from kg.store import open_store, replace_graph

    doc = Document(id="widgets", title="Widget levy debate: as it happened", url="https://example.org/widgets",
                   entries=[Entry(id="e0001", ordinal=1, position=1, text=E1, headline="Doe opens the widget debate",
                                  published=datetime(2025, 3, 4, 12, 0, tzinfo=timezone.utc)),
                            Entry(id="e0002", ordinal=2, position=0, text=E2,
                                  updated=datetime(2025, 3, 4, 12, 30, tzinfo=timezone.utc))])

    def ent(key, type_, name, entries, *aliases):
        return Entity(key=key, type=type_, name=name, aliases=set(aliases),
                      mentions=[Mention(name, type_, Provenance(e, Span(0, 1), "test.v1", 1.0)) for e in entries])

    ents = [ent("person/jane-doe", "Person", "Jane Doe", ("e0001", "e0002"), "Doe", "the widget secretary"),
            ent("person/john-roe", "Person", "John Roe", ("e0001",), "Roe"),
            ent("party/labour", "Party", "Labour Party", ("e0002",), "Labour")]
    triples = [*mapping.document_triples(doc, BASE)]
    for e in doc.entries:
        triples += mapping.entry_triples(doc, e, BASE)
    for e in ents:
        triples += mapping.entity_triples(e, doc, BASE)
    triples += mapping.statement_triples(Statement("person/jane-doe", "We will cut it by half,", "direct",
                                                   _prov("e0001", E1, "We will cut it by half,"), cue="say"), doc, BASE)
    triples += mapping.claim_triples(Claim("person/john-roe", "criticises", "John Roe called the plan reckless.",
                                           _prov("e0001", E1, "John Roe called the plan reckless"),
                                           object_text="the plan"), doc, BASE)
    triples += mapping.membership_triples(Membership("person/jane-doe", "party/labour",
                                                     _prov("e0002", E2, "Labour MP Jane Doe")), doc, BASE)
    triples += mapping.role_triples(RoleHolding("person/jane-doe", "Widget Secretary",
                                                _prov("e0001", E1, "Jane Doe")), doc, BASE)
    ds = open_store(spec)
    replace_graph(ds, mapping.graph_iri(BASE, doc.id), triples)
    return ds


def _iri(graph, cls: str) -> str:
    from kg.queries import result_table, run_query

    rows = result_table(run_query(graph, f"SELECT ?x WHERE {{ ?x a {cls} }} ORDER BY ?x"))[1]
    assert rows, cls
    return rows[0][0]


@pytest.fixture(scope="module", params=["rdflib", "memory"])
def graph(request):
    return widgets_graph(request.param)


def test_statement(graph):
    evidence, total = explain(graph, _iri(graph, "kg:Statement"))
    assert total == 1 and len(evidence) == 1
    out = format_evidence(evidence, total)
    assert out.startswith("statement: Jane Doe said (direct): \u201cWe will cut it by half,\u201d\n")
    assert "  time      2025-03-04 12:00 UTC (published)\n" in out
    assert "  headline  Doe opens the widget debate\n" in out
    assert "  document  Widget levy debate: as it happened <https://example.org/widgets>\n" in out
    assert "extractor test.v1, confidence 0.8" in out
    assert '  sentence  "\u00bbWe will cut it by half,\u00ab" she said.\n' in out     # the sentence only


def test_claim_in_the_same_entry(graph):
    out = format_evidence(*explain(graph, _iri(graph, "kg:Claim")))
    assert out.startswith("claim: John Roe criticises the plan\n")
    assert "  sentence  \u00bbJohn Roe called the plan reckless\u00ab.\n" in out


def test_membership_from_an_updated_entry_without_headline(graph):
    out = format_evidence(*explain(graph, _iri(graph, "kg:Membership")))
    assert out.startswith("membership: Jane Doe is a member of Labour Party\n")
    assert "  time      2025-03-04 12:30 UTC (updated)\n" in out and "  headline  (none)\n" in out
    assert "  sentence  \u00bbLabour MP Jane Doe\u00ab answered Roe at the dispatch box.\n" in out   # not the next line


def test_post_gives_the_facts_that_name_it(graph):
    out = format_evidence(*explain(graph, _iri(graph, "org:Post")))
    assert "holds the post of Widget Secretary" in out
    assert "  sentence  \u00bbJane Doe\u00ab told MPs the widget levy would fall.\n" in out


@pytest.mark.parametrize("name", ["dame jane doe", "Ms Jane Doe\u2019s", "<https://kg.example.org/id/person/jane-doe>"])
def test_actor_by_name_or_iri_gives_its_mentions_oldest_first(graph, name):
    evidence, total = explain(graph, name)
    assert total == 2 and [ev.kind for ev in evidence] == ["mention", "mention"]
    assert [ev.entry.rsplit("/", 1)[1] for ev in evidence] == ["e0001", "e0002"]
    out = format_evidence(evidence, total)
    assert "\u00bbJane Doe\u00ab told MPs" in out and "Labour MP \u00bbJane Doe\u00ab answered" in out


def test_a_name_of_an_actor_and_a_post_gives_both(graph):
    evidence, total = explain(graph, "THE WIDGET SECRETARY")       # her alias, and the post's title
    assert total == 3 and sorted(ev.kind for ev in evidence) == ["mention", "mention", "post holding"]


def test_limit_says_how_many_were_left_out(graph):
    evidence, total = explain(graph, "jane doe", limit=1)
    assert (len(evidence), total) == (1, 2)
    assert format_evidence(evidence, total).endswith("(1 of 2 shown; --limit 0 shows all)\n")


def test_entry_gives_its_text(graph):
    out = format_evidence(*explain(graph, BASE + "doc/widgets/entry/e0002"))
    assert out.startswith("entry: ") and "  text      Labour MP Jane Doe answered Roe" in out


@pytest.mark.parametrize("target, message", [("Nobody Here", "no actor has that name"),
                                             (BASE + "nothing", "not in the graph"),
                                             (BASE + "doc/widgets", "not a fact"),
                                             ("<not an iri>", "no actor")])
def test_unknown_targets_are_refused(graph, target, message):
    with pytest.raises(KgError, match=message):
        explain(graph, target)


def test_sentence_bounds():
    text = 'First one. "Second, quoted." Third\nFourth line.'
    s, e = sentence_bounds(text, text.index("Second"), text.index("Second") + 6)
    assert text[s:e] == '"Second, quoted."'
    s, e = sentence_bounds(text, text.index("Third"), text.index("Third") + 5)
    assert text[s:e] == "Third"
    assert marked_sentence("One. Two three. Four.", (5, 8), ("[", "]")) == "[Two] three."
    assert marked_sentence("a\n b", None) == "a b"


# ---------------------------------------------------------------- the command

def run_kg(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def trig(tmp_path_factory):
    from kg.export import serialize

    path = tmp_path_factory.mktemp("explain") / "graph.trig"
    path.write_text(serialize(widgets_graph(), "trig"), encoding="utf-8")
    return path


def test_cli_explain(trig):
    claim = BASE + "doc/widgets/claim/"
    iri = next(line.rsplit(",", 1)[1] for line in run_kg("query", "claims-by-predicate", "--graph", trig,
                                                        "--format", "csv").stdout.splitlines()[1:])
    assert iri.startswith(claim)
    r = run_kg("explain", iri, "--graph", trig)
    assert r.returncode == 0, r.stderr
    assert "\u00bbJohn Roe called the plan reckless\u00ab." in r.stdout        # not a terminal: plain marks
    r = run_kg("explain", iri, "--graph", trig, "--color", "always")
    assert f"{ANSI_MARKS[0]}John Roe called the plan reckless{ANSI_MARKS[1]}." in r.stdout
    r = run_kg("explain", "Nobody Here", "--graph", trig)
    assert r.returncode == 1 and r.stderr.startswith("kg: 'Nobody Here': no actor") and not r.stdout
    assert run_kg("explain", iri, "--graph", trig, "--limit", "-1").returncode == 2
    assert "explain" in run_kg("--help").stdout


INVENTED = """Ann Quillfeather, the widget secretary, told MPs the levy would be halved.
"We will halve the widget levy by spring," Quillfeather said.
Share
Updated at 12.05 GMT
Tom Sprocket, the Conservative MP for Eastmarsh, criticised Quillfeather over the levy.
He said the plan would hurt small workshops.
Share
Updated at 12.40 GMT
"""


def test_every_built_fact_explains_to_its_own_span(tmp_path, nlp):
    """An invented blog through the whole pipeline: each statement and claim marks its span."""
    import kg
    from kg.queries import result_table, run_query

    (tmp_path / "blog.txt").write_text(INVENTED, encoding="utf-8")
    ds = kg.build([tmp_path / "blog.txt"])
    rows = result_table(run_query(ds, """SELECT ?x ?start ?end ?body WHERE {
        ?x kg:inEntry ?e ; kg:startChar ?start ; kg:endChar ?end . ?e schema:articleBody ?body }"""))[1]
    assert len(rows) >= 4
    for iri, start, end, body in rows:
        (ev,), total = explain(ds, iri)
        assert total == 1 and ev.span == (int(start), int(end))
        marked = re.search("\u00bb(.*)\u00ab", format_evidence([ev], 1)).group(1)
        assert marked == " ".join(body[int(start):int(end)].split())


def test_the_readme_example_is_real_output(seed_graph):
    """The README's kg explain example is what kg prints for that IRI on the seed."""
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"^\$ kg explain (https://\S+)\n(.*?)^(?:\$ |```)", readme, re.M | re.S)
    assert m, "README has a kg explain example"
    assert format_evidence(*explain(seed_graph, m.group(1))) == m.group(2)


def test_a_post_held_in_w3c_org_terms():
    """A holding written as an org:Membership of the post with its org:role reads as a post holding."""
    from rdflib import Dataset, Literal, URIRef

    from kg.rdf.namespace import KG, ORG, RDF, RDFS

    n = lambda s: URIRef(BASE + s)        # noqa: E731
    ds = Dataset(default_union=True)
    g = ds.graph(n("graph/w"))
    g.add((n("doc/w/entry/e1"), RDF.type, KG.Entry))
    g.add((n("doc/w/entry/e1"), URIRef("http://schema.org/articleBody"), Literal("Ann Poe, the widget minister, spoke.")))
    for s, p, o in [(n("h"), RDF.type, ORG.Membership), (n("h"), ORG.member, n("person/ann-poe")),
                    (n("h"), ORG.organization, n("post/widget-minister")), (n("h"), ORG.role, n("role/widget-minister")),
                    (n("h"), KG.inEntry, n("doc/w/entry/e1")), (n("h"), KG.startChar, Literal(0)),
                    (n("h"), KG.endChar, Literal(28)), (n("person/ann-poe"), RDFS.label, Literal("Ann Poe")),
                    (n("post/widget-minister"), RDFS.label, Literal("Widget Minister")),
                    (n("role/widget-minister"), RDFS.label, Literal("Widget Minister"))]:
        g.add((s, p, o))
    for target in (n("h"), n("post/widget-minister"), n("role/widget-minister")):
        out = format_evidence(*explain(ds, str(target)))
        assert out.startswith("post holding: Ann Poe holds the post of Widget Minister\n"), out
        assert "\u00bbAnn Poe, the widget minister\u00ab, spoke." in out
