"""Progress: every command that builds shows a bar on a terminal, and nothing in a pipe or with -q.

The commands run with stderr on a pseudo-terminal (what a person at a shell sees) and
with stderr on a pipe (a CI log, a script); stdout goes to a file either way.
"""
from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from tests.conftest import DEV, ROOT, SEED

#: a progress bar redraws its line: a carriage return not followed by a newline (a terminal
#: shows each newline as \r\n)
BAR = re.compile(r"\r(?!\n)")


def run_kg(args, tmp_path: Path, tty: bool) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``kg ARGS``; with ``tty`` stderr is a terminal."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open(tmp_path / "stdout", "w+b") as out:
        if not tty:
            done = subprocess.run([sys.executable, "-m", "kg", *map(str, args)], stdout=out,
                                  stderr=subprocess.PIPE, env=env, cwd=ROOT, timeout=600)
            out.seek(0)
            return done.returncode, out.read().decode(), done.stderr.decode()
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))   # a 120-column terminal
        proc = subprocess.Popen([sys.executable, "-m", "kg", *map(str, args)], stdout=out, stderr=slave,
                                stdin=subprocess.DEVNULL, env=env, cwd=ROOT)
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:           # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        os.close(master)
        code = proc.wait(timeout=600)
        out.seek(0)
        return code, out.read().decode(), b"".join(chunks).decode(errors="replace")


def test_build_shows_entries_then_each_file_written_on_a_terminal(tmp_path):
    code, _, err = run_kg(["build", SEED, "--out", tmp_path / "out", "--jobs", "1"], tmp_path, tty=True)
    assert code == 0, err
    assert "kg build" in err and " entries" in err and "entries/s" in err, err
    for name in ("graph.ttl", "graph.trig", "graph.html", "summary.txt"):
        assert f"writing {name}" in err, err
    assert "built 1 documents" in err


@pytest.mark.parametrize("tty", [True, False], ids=["quiet-on-a-terminal", "in-a-pipe"])
def test_build_has_no_bar_with_quiet_or_in_a_pipe(tmp_path, tty):
    args = ["build", SEED, "--out", tmp_path / "out", "--jobs", "1"] + (["-q"] if tty else [])
    code, _, err = run_kg(args, tmp_path, tty=tty)
    assert code == 0, err
    assert not BAR.search(err) and "entries/s]" not in err and "writing graph" not in err, err
    assert ("built 1 documents" in err) is (not tty), "the totals line: in a log, not with -q"


@pytest.mark.parametrize("command", [
    ["view", "--out", "{tmp}/v.html"], ["export", "--to", "nt", "-o", "{tmp}/g.nt"],
    ["query", "most-mentioned-actors"], ["explain", "the tories"]])
def test_commands_that_build_from_sources_show_progress(tmp_path, command):
    args = [a.replace("{tmp}", str(tmp_path)) for a in command] + ["--sources", SEED]
    code, out, err = run_kg(args, tmp_path, tty=True)
    assert code == 0, err
    assert f"kg {command[0]}" in err and " entries" in err, err
    if command[0] in ("view", "export"):      # (-q is the same code for every command: two suffice)
        code, out, err = run_kg(args + ["-q"], tmp_path, tty=True)
        assert code == 0 and not BAR.search(err) and " entries" not in err, err


def test_eval_over_a_folder_counts_documents(tmp_path):
    texts = sorted(DEV.glob("*.txt"))
    code, out, err = run_kg(["eval", "--gold-dir", DEV, *texts, "--summary"], tmp_path, tty=True)
    assert code == 0, err
    assert "kg eval" in err and f"{len(texts)}/{len(texts)} [" in err and "documents/s" in err, err
    assert "pooled over 3 documents" in out
    code, out, err = run_kg(["eval", "--gold-dir", DEV, *texts, "--summary"], tmp_path, tty=False)
    assert code == 0 and not BAR.search(err) and "documents" not in err, err
