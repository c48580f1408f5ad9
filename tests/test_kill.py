"""Interruption: SIGKILL a real ``kg build`` at several moments; the previous outputs survive whole.

``kg build`` renders every output into a staging folder and renames each file into
place only when all are complete, so a build killed at any moment leaves each file
in ``--out`` either the previous complete version or the new complete version.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from rdflib import Dataset, Graph

from .conftest import DEV, ROOT, SEED

OUTPUTS = ("graph.ttl", "graph.trig", "graph.html", "summary.txt")
#: seconds after start: during imports, model loading, NLP, and serialising/renaming
KILL_AFTER = (0.3, 1.5, 3.0, 4.5, 6.0)


def _start_build(out: Path, *sources: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "kg", "build", *map(str, sources), "--out", str(out), "-q",
                             "--jobs", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)


def _assert_complete(out: Path) -> None:
    Graph().parse(out / "graph.ttl", format="turtle")
    Dataset().parse(out / "graph.trig", format="trig")
    assert (out / "graph.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert (out / "summary.txt").read_text(encoding="utf-8").startswith("triples: ")


def _outputs(out: Path) -> dict[str, bytes]:
    return {n: (out / n).read_bytes() for n in OUTPUTS}


def test_a_killed_build_leaves_the_previous_outputs_complete(tmp_path: Path) -> None:
    sources = (SEED, *sorted(DEV.glob("*.txt")))
    # the two complete versions a file may be: a build is byte-identical when rerun (test_rerun)
    ref = _start_build(tmp_path / "ref", *sources)
    assert ref.wait(timeout=300) == 0, ref.stderr.read()
    new = _outputs(tmp_path / "ref")
    out = tmp_path / "out"
    first = _start_build(out, SEED)
    assert first.wait(timeout=300) == 0, first.stderr.read()
    _assert_complete(out)
    old = _outputs(out)
    assert all(old[n] != new[n] for n in OUTPUTS), "the two builds must differ in every file"
    outcomes = []
    for delay in KILL_AFTER:
        before = _outputs(out)
        proc = _start_build(out, *sources)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        outcomes.append(proc.returncode)
        _assert_complete(out)
        for name in OUTPUTS:      # each file is the old one or a whole new one, never a mixture
            data = (out / name).read_bytes()
            assert data == before[name] or data == new[name], (
                f"{name} after a kill at {delay} s is neither the previous file nor the new build's "
                f"({len(data)} bytes; previous {len(before[name])}, new {len(new[name])})")
    assert -signal.SIGKILL in outcomes, "no build was actually killed"
    leftovers = [p.name for p in out.iterdir() if p.name not in OUTPUTS]
    # a later build sweeps the staging folders of killed ones
    last = _start_build(out, SEED)
    assert last.wait(timeout=300) == 0
    _assert_complete(out)
    assert [p.name for p in out.iterdir() if p.name not in OUTPUTS] == [], leftovers
