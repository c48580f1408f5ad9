"""Every text in the tests builds a graph that conforms to ontology/shapes.ttl (SHACL).

The texts are found the way ``kg build tests/data/`` finds them (so a new input format's
examples are picked up as soon as its reader claims their extension), plus the seed. Each is
built once, alone, with the options its row in ``tests/data/bad/EXPECTED.json`` gives; a file
kg refuses must be one that table says is refused, so no text is silently left out.
"""
from __future__ import annotations

import json
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph

from kg.errors import BadInputError
from kg.export import union_graph
from kg.sources import iter_source_files

from .conftest import ROOT, SEED

DATA = Path(__file__).resolve().parent / "data"
BAD = DATA / "bad"
SHAPES = ROOT / "ontology" / "shapes.ttl"
CASES = json.loads((BAD / "EXPECTED.json").read_text(encoding="utf-8"))["cases"]
TEXTS = [*sorted(iter_source_files([DATA])), SEED]


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _rows(path: Path) -> list[dict]:
    """The table's rows for one file: its own, and what a row for its folder says of it."""
    try:
        key = path.relative_to(BAD).as_posix()
    except ValueError:
        return []
    rows = [c for c in CASES if c.get("path") == key]
    for c in CASES:
        if c.get("folder") == path.parent.relative_to(BAD).as_posix() and not c.get("options"):
            if path.stem in c.get("built", []):
                rows.append({"outcome": "build"})
            if path.name in [r.split(":")[0] for r in c.get("refused", [])]:
                rows.append({"outcome": "refuse"})
    return rows


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES)


def test_the_texts_are_found():
    names = {_rel(p) for p in TEXTS}
    assert len(names) == len(TEXTS) >= 25
    assert {"tests/data/dev/dev1_guardian_pmqs.txt", "tests/data/bad/good.jsonl", _rel(SEED)} <= names


@pytest.mark.slow
@pytest.mark.parametrize("path", TEXTS, ids=_rel)
def test_every_text_builds_a_graph_that_conforms(path: Path, shapes: Graph, nlp) -> None:
    from kg.pipeline import build_dataset

    rows = _rows(path)
    built = [r for r in rows if r["outcome"] == "build"]
    options = built[0].get("options", {}) if built else {}
    try:
        ds, report = build_dataset([path], encoding=options.get("encoding"), jobs=1)
    except BadInputError:
        refused = [r for r in rows if r["outcome"] == "refuse" and not r.get("options")]
        assert refused, f"{_rel(path)} was refused, but no row of EXPECTED.json says it is"
        return
    assert report.documents and not report.failures
    ok, _, text = pyshacl.validate(union_graph(ds), shacl_graph=shapes, inference="none")
    assert ok, f"{_rel(path)}:\n{text}"
