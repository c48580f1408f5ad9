"""The bad-input corpus (tests/data/bad/EXPECTED.json): every file builds or is refused cleanly.

Each row of the table is checked through :func:`kg.sources.read_document`; rows marked
``cli`` also run through the real ``kg build`` in a subprocess, where a refusal must be
exit 3 with one stderr line naming the file and the problem, and never a traceback.
Big inputs (a 50 MB entry, a file over the size limit) are generated in ``tmp_path``.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.errors import BadInputError
from kg.rdf.namespace import DCTERMS, KG, SDO
from kg.sources import MAX_ENTRY_CHARS, MAX_FILE_BYTES, read_document

BAD = Path(__file__).resolve().parent / "data" / "bad"
ROOT = BAD.parents[2]
TABLE = json.loads((BAD / "EXPECTED.json").read_text(encoding="utf-8"))["cases"]
BIG = 50 * 1024 * 1024          # "a 50 MB single entry"


def _case_id(case: dict) -> str:
    name = case.get("path") or case.get("folder")
    opts = ",".join(f"{k}={v}" for k, v in case.get("options", {}).items())
    return f"{name}[{opts}]" if opts else name


def _generate(kind: str, path: Path) -> Path:
    """Write a big input at test time (never committed)."""
    if kind == "big_entry_text":
        with path.open("w", encoding="utf-8") as fh:
            fh.write("A headline for a huge entry\n")
            fh.write("word " * (BIG // 5))
            fh.write("\nShare\n")
    elif kind == "big_entry_jsonl":
        path.write_text(json.dumps({"text": "x" * BIG}) + "\n", encoding="utf-8")
    elif kind == "many_lines_entry":
        line = "Yvette Cooper said the plan would work and the panel would meet in spring.\n"
        path.write_text(line * (MAX_ENTRY_CHARS // len(line) + 10) + "Share\n", encoding="utf-8")
    elif kind == "huge_file":
        with path.open("wb") as fh:       # sparse: costs no disk and must never be read
            fh.truncate(MAX_FILE_BYTES + 1)
    else:
        raise AssertionError(f"unknown generator {kind}")
    return path


def _source(case: dict, tmp_path: Path) -> Path:
    if "generate" in case:
        return _generate(case["generate"], tmp_path / case["path"])
    return BAD / (case.get("path") or case["folder"])


def run_kg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The real CLI in a fresh interpreter (what a user runs)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("KG_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          env=env, cwd=cwd or ROOT, timeout=300)


def _assert_refusal_message(message: str, case: dict, source: Path) -> None:
    assert "\n" not in message.strip(), message
    assert "Traceback" not in message
    assert (case.get("where") or source.name) in message, message
    assert case["message"] in message, message


# -- through the reader: every row -------------------------------------------------------------

FILE_CASES = [c for c in TABLE if "folder" not in c]


@pytest.mark.parametrize("case", FILE_CASES, ids=_case_id)
def test_reader_follows_the_table(case: dict, tmp_path: Path) -> None:
    source = _source(case, tmp_path)
    options = case.get("options", {})
    if case["outcome"] == "refuse":
        with pytest.raises(BadInputError) as info:
            read_document(source, **options)
        _assert_refusal_message(str(info.value), case, source)
        assert info.value.exit_code == 3
    else:
        doc = read_document(source, **options)
        assert len(doc.entries) == case["entries"]
        if "contains" in case:
            assert any(case["contains"] in e.text for e in doc.entries), [e.text for e in doc.entries]
        if "same_as" in case:
            ref = read_document(BAD / case["same_as"])
            assert [(e.id, e.text, e.headline, e.updated, e.source_start, e.source_end) for e in doc.entries] \
                == [(e.id, e.text, e.headline, e.updated, e.source_start, e.source_end) for e in ref.entries]


def test_mixed_folder_through_the_reader_lists_good_and_bad() -> None:
    from kg.pipeline import read_documents
    from kg.sources import iter_source_files

    failures: list[BadInputError] = []
    docs = list(read_documents(iter_source_files([BAD / "mixed"]), fmt=None, encoding=None, strict=False,
                               failures=failures))
    assert [d.id for d in docs] == ["a_good", "b_good"]
    assert [Path(f.source.split(":")[0]).name for f in failures] == ["c_empty.txt", "d_binary.txt",
                                                                     "e_malformed.jsonl"]


def test_a_50mb_entry_is_refused_fast(tmp_path: Path) -> None:
    """The size limit must be cheap: the layout rules never walk a 50 MB line."""
    import time

    source = _generate("big_entry_text", tmp_path / "big.txt")
    started = time.perf_counter()
    with pytest.raises(BadInputError, match="refuses entries over 1,000,000"):
        read_document(source)
    assert time.perf_counter() - started < 10


def test_line_ends_build_the_same_graph(nlp) -> None:
    """CRLF and lone CR give the graph LF gives (only the source path literal differs, and the
    build, which is named by the bytes of its input: a PROV activity)."""
    from rdflib.namespace import PROV, RDF

    from kg.pipeline import build_dataset

    graphs = []
    for kind in ("lf", "crlf", "cr"):
        ds, _ = build_dataset([BAD / "line_ends" / kind / "blog.txt"])
        builds = set(ds.subjects(RDF.type, PROV.Activity))
        assert len(builds) == 1
        g = Graph()
        for s, p, o in ds.triples((None, None, None)):
            if p not in (DCTERMS.source, PROV.wasGeneratedBy) and s not in builds:
                g.add((s, p, o))
        graphs.append(g)
    assert len(graphs[0]) > 20
    assert isomorphic(graphs[0], graphs[1]) and isomorphic(graphs[0], graphs[2])


def test_hostile_text_is_literal_data_and_iris_stay_valid(nlp) -> None:
    """Quotes, markup and odd names: texts round-trip as literals; every IRI parses in pyoxigraph."""
    import pyoxigraph

    from kg.export import serialize
    from kg.pipeline import build_dataset

    files = [BAD / n for n in ("quotes.txt", "html_js.txt", "names.txt", "controls.txt")]
    ds, report = build_dataset(files)
    assert len(report.documents) == 4
    n_triples = len(set(ds.triples((None, None, None))))
    n_quads = len(list(ds.quads((None, None, None, None))))
    for fmt, rdf_format, expected in (("turtle", pyoxigraph.RdfFormat.TURTLE, n_triples),
                                      ("nt", pyoxigraph.RdfFormat.N_TRIPLES, n_triples),
                                      ("trig", pyoxigraph.RdfFormat.TRIG, n_quads),
                                      ("nq", pyoxigraph.RdfFormat.N_QUADS, n_quads)):
        data = serialize(ds, fmt).encode("utf-8")
        quads = list(pyoxigraph.parse(data, rdf_format))       # strict: an invalid IRI raises
        assert len(quads) == expected, fmt
    bodies = {str(o) for o in ds.objects(None, SDO.articleBody)}
    for path in files:
        for entry in read_document(path).entries:
            assert entry.text in bodies


# -- through the real CLI: a representative subset ----------------------------------------------

CLI_FILE_CASES = [c for c in FILE_CASES if c.get("cli")]


@pytest.mark.parametrize("case", CLI_FILE_CASES, ids=_case_id)
def test_cli_follows_the_table(case: dict, tmp_path: Path) -> None:
    source = _source(case, tmp_path)
    out = tmp_path / "out"
    args = ["build", str(source), "--out", str(out), "-q", "--jobs", "1"]
    if case.get("options", {}).get("encoding"):
        args += ["--encoding", case["options"]["encoding"]]
    result = run_kg(*args)
    assert "Traceback" not in result.stderr
    if case["outcome"] == "refuse":
        assert result.returncode == 3, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert result.stderr.startswith("kg: ")
        _assert_refusal_message(result.stderr, case, source)
        assert not out.exists()
        return
    assert result.returncode == 0, result.stderr
    g = Graph().parse(out / "graph.ttl", format="turtle")
    assert (None, KG.inDocument, None) in g
    if "contains" in case:
        assert any(case["contains"] in str(o) for o in g.objects(None, SDO.articleBody))
    if source.name == "html_js.txt":
        page = (out / "graph.html").read_text(encoding="utf-8")
        assert "<script>alert" not in page, "article text reached the page as markup"


def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_cli_mixed_folder_builds_the_good_and_lists_the_bad(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_kg("build", str(BAD / "mixed"), "--out", str(out), "--jobs", "1")
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr
    skipped = [line for line in result.stderr.splitlines() if line.startswith("kg: skipped ")]
    assert len(skipped) == 3
    for name in ("c_empty.txt", "d_binary.txt", "e_malformed.jsonl:1"):
        assert any(name in line for line in skipped), result.stderr
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    graphs = {str(g.identifier).rsplit("/", 1)[-1] for g in ds.graphs() if len(g)}
    assert graphs == {"a_good", "b_good"}
    assert "documents: 2" in result.stdout


def test_cli_strict_mixed_folder_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("# the previous build\n", encoding="utf-8")
    before = _snapshot(out)
    result = run_kg("build", str(BAD / "mixed"), "--out", str(out), "--strict")
    assert result.returncode == 3
    assert result.stderr.strip().splitlines() == [f"kg: {BAD / 'mixed' / 'c_empty.txt'}: empty file"]
    assert _snapshot(out) == before


def test_cli_all_bad_files_are_each_listed(tmp_path: Path) -> None:
    result = run_kg("build", str(BAD / "empty.txt"), str(BAD / "binary.txt"), str(BAD / "truncated.jsonl"),
                    "--out", str(tmp_path / "out"))
    assert result.returncode == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("kg: ") for line in lines), result.stderr
    assert "truncated.jsonl:4: malformed JSON" in lines[2]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("args, code, words", [
    (["build", "--jobs", "0", "x.txt"], 2, "must be 1 or more"),
    (["build"], 2, "required"),
    (["build", str(BAD / "good.jsonl"), "--encoding", "no-such-codec"], 3, "cannot decode as no-such-codec"),
    (["build", str(BAD / "good.jsonl"), "--out", str(BAD / "good.jsonl")], 1, "--out must be a directory"),
])
def test_cli_usage_and_environment_errors_are_one_line(args: list[str], code: int, words: str) -> None:
    result = run_kg(*args)
    assert result.returncode == code, result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr
