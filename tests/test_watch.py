"""`kg watch` against a local live blog that grows between polls, into a real Oxigraph store on disk."""
from __future__ import annotations

import signal
import threading

import pytest

from kg.cli import main
from kg.sources.fetch import Fetcher
from kg.store import open_store
from kg.watch import Poll, Watcher, deferred_interrupt, entry_key, garbled, merge_entries, stored_entries

from .liveserver import live_server


def entry_ids(store_spec: str) -> set[str]:
    ds = open_store(store_spec, must_exist=True)
    rows = ds.query("SELECT ?id WHERE { GRAPH ?g { ?e a <https://kg.example.org/ns#Entry> ; "
                    "<http://purl.org/dc/terms/identifier> ?id } }")
    ids = {str(r[0]) for r in rows}
    ds.close()
    return ids


def test_cli_watch_three_polls(tmp_path, capsys):
    with live_server() as srv:
        srv.blog_start = 2                      # poll 1: two entries, poll 2: three, poll 3: 304
        store = f"oxigraph:{tmp_path / 'store'}"
        out = tmp_path / "out"
        code = main(["watch", srv.url + "/blog", "--polls", "3", "--every", "0.05", "--store", store,
                     "--out", str(out), "--cache", str(tmp_path / "cache")])
    captured = capsys.readouterr()
    lines = captured.out.strip().splitlines()
    assert code == 0, captured.err
    assert len(lines) == 3
    assert lines[0].startswith("poll 1: 2 new, 0 changed entries; +")
    assert lines[1].startswith("poll 2: 1 new, 0 changed entries; +")
    assert lines[2].startswith("poll 3: not modified (304) (3 entries,")
    assert "statements" in lines[1] and "actors" in lines[1]
    assert entry_ids(store) == {"e0001", "e0002", "e0003"}
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "Priya Lockwood" in ttl and "Photograph" not in ttl and "cookies" not in ttl
    assert (out / "graph.html").exists() and not list(out.glob(".kg-build-*"))


def test_restarted_watch_reports_only_what_changed(tmp_path, capsys):
    with live_server() as srv:
        srv.blog_start = 3                      # the whole blog at once
        store = f"oxigraph:{tmp_path / 'store'}"
        args = ["watch", srv.url + "/blog", "--polls", "1", "--every", "0.05", "--store", store,
                "--out", str(tmp_path / "out"), "--cache", str(tmp_path / "cache")]
        assert main(args) == 0
        first = capsys.readouterr().out
        assert main(args[:-2] + ["--cache", str(tmp_path / "other-cache")]) == 0   # a 200, same entries
        second = capsys.readouterr().out
    assert first.startswith("poll 1: 3 new, 0 changed entries")
    assert second.startswith("poll 1: no new or changed entries (3 entries,")


@pytest.mark.parametrize("route", ["/flaky", "/flaky500"])
def test_failed_or_garbled_fetch_changes_nothing(tmp_path, route):
    store_path = tmp_path / "store"
    out = tmp_path / "out"
    with live_server() as srv, Fetcher(cache_dir=tmp_path / "cache", retries=0, backoff=0.01) as fetcher:
        ds = open_store(f"oxigraph:{store_path}")
        watcher = Watcher(srv.url + route, ds, out, fetcher)
        first = watcher.poll(1)
        assert first.ok and first.changed and first.entries == 1
        before_quads = set(ds.store._inner) if hasattr(ds.store, "_inner") else None
        before_ttl = (out / "graph.ttl").read_bytes()
        second = watcher.poll(2)
        assert not second.ok and "nothing changed" in second.line()
        assert (out / "graph.ttl").read_bytes() == before_ttl
        if before_quads is not None:
            assert set(ds.store._inner) == before_quads
        third = watcher.poll(3)
        assert third.ok and third.new_entries == 2 and third.entries == 3
        assert (out / "graph.ttl").read_bytes() != before_ttl
        ds.close()
    known, (statements, actors) = stored_entries(open_store(f"oxigraph:{store_path}", must_exist=True),
                                                 "https://kg.example.org/id/", watcher_doc_id(route))
    assert [e.id for e in known] == ["e0003", "e0002", "e0001"] and actors >= 2
    assert known[0].headline == "Lib Dems call for inquiry" and known[0].published is not None


def watcher_doc_id(route: str) -> str:
    return "127.0.0.1" + route.replace("/", "-")


def test_entries_that_scroll_off_the_page_are_kept(tmp_path, capsys):
    """A page (or feed) that shows only its latest entries: older ones stay in the graph, ids stay put."""
    with live_server() as srv:
        store = f"oxigraph:{tmp_path / 'store'}"
        code = main(["watch", srv.url + "/window", "--polls", "2", "--every", "0.01", "--store", store,
                     "--out", str(tmp_path / "out"), "--cache", str(tmp_path / "cache")])
    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    assert lines[0].startswith("poll 1: 2 new, 0 changed entries; ")
    assert lines[1].startswith("poll 2: 1 new, 0 changed entries (1 no longer on the page, kept); ")
    assert "(now 3 entries," in lines[1]
    known, _ = stored_entries(open_store(store, must_exist=True), "https://kg.example.org/id/", "127.0.0.1-window")
    assert [(e.id, e.headline) for e in known] == [("e0003", "Lib Dems call for inquiry"),
                                                   ("e0002", "Transport secretary defends timetable"),
                                                   ("e0001", "Morning briefing")]


def test_poll_lines():
    assert Poll(4, ok=False, error="http://x/: HTTP 500").line() == "poll 4: failed: http://x/: HTTP 500; nothing changed"
    line = Poll(2, ok=True, changed=True, new_entries=1, entries=3, statements=5, actors=7,
                new_statements=2, new_actors=-1).line()
    assert line == "poll 2: 1 new, 0 changed entries; +2 statements, -1 actors (now 3 entries, 5 statements, 7 actors)"


def _entry(eid, minute, headline, text, ordinal):
    from datetime import datetime, timezone

    from kg.entries import Entry

    return Entry(id=eid, ordinal=ordinal, position=0, text=text, headline=headline,
                 published=datetime(2025, 6, 10, 9, minute, tzinfo=timezone.utc))


def test_merge_entries():
    a, b, c = (_entry("e0001", 1, "A", "A\none", 1), _entry("e0002", 2, "B", "B\ntwo", 2),
               _entry("e0003", 3, "C", "C\nthree", 3))
    edited = _entry("e0002", 2, "B", "B\ntwo, corrected", 2)
    merge = merge_entries([b, a], [c, edited], newest_first=True)
    assert [e.text for e in merge.entries] == ["C\nthree", "B\ntwo, corrected", "A\none"]
    assert (merge.new, merge.changed, merge.off_page, merge.overlap) == (1, 1, 1, 1)
    oldest_first = merge_entries([a, b], [edited, c], newest_first=False)
    assert [e.headline for e in oldest_first.entries] == ["A", "B", "C"]
    assert entry_key(a) == "2025-06-10T09:01:00+00:00|A"
    assert entry_key(_entry("x", 1, "A", "A", 1).__class__(id="y", ordinal=1, position=0, text="t")) == "text|t"


def test_run_stops_after_n_polls_and_sleeps_between():
    calls: list = []

    class Fake(Watcher):
        def poll(self, number):
            calls.append(number)
            return Poll(number, ok=True)

    slept: list[float] = []
    done = Fake("http://x/", None, None, None).run(0.5, 3, report=lambda p: None, sleep=slept.append)
    assert [p.number for p in done] == calls == [1, 2, 3]
    assert slept == [0.5, 0.5]


def test_ctrl_c_stops_cleanly(tmp_path, capsys, monkeypatch):
    """An interrupt while waiting ends the watch with exit 0 and a line saying what is kept."""
    import kg.watch

    def interrupted_sleep(seconds):
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.watch.time, "sleep", interrupted_sleep)
    with live_server() as srv:
        srv.blog_start = 3
        code = main(["watch", srv.url + "/blog", "--every", "30", "--store", f"oxigraph:{tmp_path / 's'}",
                     "--out", str(tmp_path / "out"), "--cache", str(tmp_path / "c")])
    captured = capsys.readouterr()
    assert code == 0
    assert captured.out.startswith("poll 1: 3 new")
    assert "stopped; the store and outputs hold the last good poll" in captured.err
    assert (tmp_path / "out" / "graph.ttl").exists()


def test_interrupt_during_a_write_is_delivered_after_it():
    assert threading.current_thread() is threading.main_thread()
    finished = []
    with pytest.raises(KeyboardInterrupt):
        with deferred_interrupt():
            signal.raise_signal(signal.SIGINT)
            finished.append(True)              # the write goes on to the end
    assert finished == [True]


def test_watch_refuses_a_file(tmp_path, capsys):
    assert main(["watch", str(tmp_path / "blog.html"), "--polls", "1"]) == 2
    assert "kg watch follows an http(s) URL" in capsys.readouterr().err


def test_watch_fails_with_exit_3_when_every_poll_fails(tmp_path, capsys):
    with live_server() as srv:
        code = main(["watch", srv.url + "/gone", "--polls", "2", "--every", "0.01",
                     "--out", str(tmp_path / "out"), "--cache", str(tmp_path / "c")])
    captured = capsys.readouterr()
    assert code == 3
    assert captured.out.splitlines() == [f"poll 1: failed: {srv.url}/gone: HTTP 404 Not Found; nothing changed",
                                         f"poll 2: failed: {srv.url}/gone: HTTP 404 Not Found; nothing changed"]
    assert not (tmp_path / "out").exists()


def test_garbled_rules():
    assert garbled("html-json-ld", "", 0, 0, 3) == ""
    assert garbled("html-json-ld", "html-json-ld", 2, 3, 3) == ""
    assert "changed from html-json-ld to html-text-time-led" in garbled("html-text-time-led", "html-json-ld", 3, 3, 3)
    assert garbled("html-json-ld", "html-json-ld", 0, 3, 2).startswith("none of its 2 entries was there before")
    assert garbled("html-json-ld", "html-json-ld", 0, 3, 9) == ""      # a page that grew past all it showed


def test_sigint_stops_a_running_watch_cleanly(tmp_path):
    """A real Ctrl-C (SIGINT) to a running `kg watch`: exit 0, one line saying so, the store intact."""
    import select
    import subprocess
    import sys
    import time

    with live_server() as srv:
        srv.blog_start = 3
        store = f"oxigraph:{tmp_path / 'store'}"
        proc = subprocess.Popen(
            [sys.executable, "-m", "kg", "watch", srv.url + "/blog", "--every", "0.2", "--store", store,
             "--out", str(tmp_path / "out"), "--cache", str(tmp_path / "cache")],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            lines: list[str] = []
            deadline = time.monotonic() + 180
            while len(lines) < 2 and time.monotonic() < deadline:
                ready, _, _ = select.select([proc.stdout], [], [], 1.0)
                if ready:
                    line = proc.stdout.readline()
                    if not line:
                        break
                    lines.append(line)
            assert len(lines) == 2, (lines, proc.poll())
            proc.send_signal(signal.SIGINT)
            out, err = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert proc.returncode == 0, err
    assert lines[0].startswith("poll 1: 3 new") and lines[1].startswith("poll 2: not modified (304)")
    assert "kg: stopped; the store and outputs hold the last good poll" in err and "Traceback" not in err
    assert entry_ids(store) == {"e0001", "e0002", "e0003"}
