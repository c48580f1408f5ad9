"""End to end: the real `kg` command on the seed, and its refusals."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.namespace import RDF

from kg.rdf.namespace import KG, SDO

from tests.conftest import ROOT, SEED

KG_CMD = [sys.executable, "-m", "kg"]
COMMANDS = ["build", "watch", "query", "export", "view", "explain", "eval"]


def run(*args, cwd=None, check=False):
    proc = subprocess.run([*KG_CMD, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=600)
    if check and proc.returncode != 0:
        raise AssertionError(f"kg {' '.join(map(str, args))} -> {proc.returncode}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    proc = run("build", ROOT / "seeds", "--out", out, check=True)
    assert "Person:" in proc.stdout          # the summary is printed
    return out


def test_build_writes_turtle_html_and_summary(built):
    for name in ("graph.ttl", "graph.trig", "graph.html", "summary.txt"):
        assert (built / name).stat().st_size > 0, name


def test_turtle_parses_with_pyoxigraph_to_the_same_number_of_triples(built):
    import pyoxigraph
    data = (built / "graph.ttl").read_bytes()
    ox = list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE))
    g = Graph().parse(data=data.decode("utf-8"), format="turtle")
    assert len(ox) == len(g) > 500


def test_every_seed_entry_is_in_the_graph_in_order_with_time_zone(built):
    from kg.sources import read_document
    doc = read_document(SEED)
    g = Graph().parse(built / "graph.ttl")
    rows = sorted(((int(g.value(e, KG.position)), e) for e in g.subjects(RDF.type, KG.Entry)))
    assert len(rows) == len(doc.entries) == 20
    for (pos, node), entry in zip(rows, doc.entries):
        assert str(g.value(node, SDO.articleBody)) == entry.text
        if entry.time is not None:
            stamp = g.value(node, SDO.datePublished) or g.value(node, SDO.dateModified)
            assert re.search(r"(Z|[+-]\d\d:\d\d)$", str(stamp)), stamp
    timed = [e for e in doc.entries if e.time is not None]
    assert len(timed) >= 6      # every "Updated at" line gives its block a time
    bylined = {e.author for e in doc.entries if e.author}
    assert len(bylined) >= 2


def test_query_lists_people_with_the_entries_that_mention_them(built):
    q = """SELECT ?name (COUNT(?e) AS ?n) WHERE { ?p a kg:Person ; rdfs:label ?name . ?e schema:mentions ?p }
           GROUP BY ?name ORDER BY DESC(?n) ?name"""
    proc = run("query", q, "--graph", built / "graph.trig", "--format", "csv", check=True)
    lines = proc.stdout.strip().splitlines()
    assert lines[0] == "name,n"
    assert len(lines) > 10
    assert all(int(line.rsplit(",", 1)[1]) >= 1 for line in lines[1:])


def test_query_on_the_turtle_output_answers_as_the_trig_one(built):
    """graph.ttl holds the union as plain triples: it must answer, not come back empty."""
    out = {f: run("query", "most-mentioned-actors", "--graph", built / f, "--format", "csv", check=True).stdout
           for f in ("graph.ttl", "graph.trig")}
    assert len(out["graph.ttl"].splitlines()) > 5
    assert out["graph.ttl"] == out["graph.trig"]


def test_query_naming_graphs_still_sees_each_document(built):
    """Ready queries load graph.trig as the union alone; a query that names graphs gets them."""
    proc = run("query", "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s a kg:Entry } }",
               "--graph", built / "graph.trig", "--format", "csv", check=True)
    assert proc.stdout.splitlines()[1] == "1"        # the seed: one document, one graph


def test_query_json_is_sparql_results_json(built):
    import json
    proc = run("query", "SELECT ?e WHERE { ?e a kg:Entry } LIMIT 3", "--graph", built / "graph.trig",
               "--format", "json", check=True)
    data = json.loads(proc.stdout)
    assert data["head"]["vars"] == ["e"] and len(data["results"]["bindings"]) == 3


def test_bad_query_is_one_line_and_exit_1(built):
    proc = run("query", "SELECT WHERE {", "--graph", built / "graph.trig")
    assert proc.returncode == 1 and len(proc.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("name,content,problem", [
    ("empty.txt", b"", "empty"),
    ("binary.txt", bytes(range(256)) * 8, "binary"),
    ("latin1.txt", "Caf\u00e9 society said the minister.\nShare\n".encode("latin-1"), "UTF-8"),
])
def test_bad_input_one_line_error_exit_3_and_no_output(tmp_path, name, content, problem):
    src = tmp_path / name
    src.write_bytes(content)
    out = tmp_path / "out"
    proc = run("build", src, "--out", out)
    assert proc.returncode == 3
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and problem in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    proc = run(command, "--help", check=True)
    assert "usage: kg " + command in proc.stdout


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    from kg.cli import make_parser
    sub = next(a for a in make_parser()._actions if a.__class__.__name__ == "_SubParsersAction")
    missing = [c for c in sub.choices if f"kg {c}" not in readme]
    assert not missing, f"commands missing from README.md: {missing}"


def test_readme_opens_with_the_two_commands_and_ci_calls_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme[:1500]
    assert "make run" in head and "make test" in head
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.M)


def test_python_api_builds_a_dataset():
    import kg
    g = kg.build([SEED])
    assert isinstance(g, Dataset)
    assert len(list(g.subjects(RDF.type, KG.Entry))) == 20


# -- usage errors and inputs (issue: a new user's trial) ----------------------------------------
def test_unknown_ready_query_suggests_the_nearest(built):
    proc = run("query", "statments-by-person", "--graph", built / "graph.trig")
    assert proc.returncode == 2
    assert "statements-by-person" in proc.stderr and "expected" not in proc.stderr


@pytest.mark.parametrize("args", [
    ["query", "claims-by-predicate", "--param", "predicate=banana"],
    ["query", "statements-by-person"],
    ["view", "--types", "Banana", "--out", "x.html"],
])
def test_usage_errors_exit_2_with_the_allowed_values(built, tmp_path, args):
    proc = run(*args, "--graph", built / "graph.trig", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("kg: ")


def test_query_output_format_is_not_the_input_format():
    proc = run("query", "party-memberships", "--sources", SEED, "--format", "csv", check=True)
    assert proc.stdout.splitlines()[0].startswith("partyLabel,")


def test_folder_build_reads_only_input_formats(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "blog.txt").write_text("12.01pm GMT\nJane Hollowell said the levy would pass.\n", encoding="utf-8")
    (src / "README.md").write_text("Share\nUpdated at 12.02pm GMT\nNotes about this folder.\n", encoding="utf-8")
    proc = run("build", src, "--out", tmp_path / "out", check=True)
    assert "skipped" in proc.stderr and "README.md" in proc.stderr
    assert "README" not in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
