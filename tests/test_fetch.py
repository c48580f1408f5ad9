"""kg.sources.fetch and `kg build URL` against a local server (127.0.0.1 only, no other network)."""
from __future__ import annotations

import socket

import pytest

from kg import __version__
from kg.cli import main
from kg.sources.fetch import Fetcher, FetchError, doc_id_for_url, read_url

from .liveserver import ENTRIES, live_server


@pytest.fixture()
def server():
    with live_server() as srv:
        yield srv


def fetcher(tmp_path, **kw) -> Fetcher:
    kw.setdefault("timeout", 5.0)
    return Fetcher(cache_dir=tmp_path / "cache", retries=kw.pop("retries", 2), backoff=0.01, **kw)


def refusal(f: Fetcher, url: str) -> str:
    with pytest.raises(FetchError) as info:
        f.fetch(url)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(url.split("?")[0].rstrip("/")[:20])
    return message


def test_fetch_sends_user_agent_and_reads_robots(server, tmp_path):
    with fetcher(tmp_path) as f:
        got = f.fetch(server.url + "/blog")
    assert got.status == 200 and got.content_type == "text/html" and got.etag
    assert server.hits["/robots.txt"] == 1
    assert all(ua == f"kg/{__version__} (knowledge graphs of news live blogs; python-httpx)"
               for ua in server.user_agents)


def test_robots_disallow_is_respected(server, tmp_path):
    with fetcher(tmp_path) as f:
        assert "disallowed by the site's robots.txt" in refusal(f, server.url + "/private/page")
    assert "/private/page" not in server.hits


def test_conditional_get_answers_304_from_the_cache(server, tmp_path):
    server.blog_start = 99                     # the page is whole: it no longer changes
    with fetcher(tmp_path) as f:
        first = f.fetch(server.url + "/blog")
    with fetcher(tmp_path) as f:               # a new client, the same cache on disk
        again = f.fetch(server.url + "/blog")
    assert first.status == 200 and again.status == 304 and again.not_modified
    assert again.data == first.data
    assert server.hits["/blog"] == 2


def test_404_is_one_line_and_not_retried(server, tmp_path):
    with fetcher(tmp_path) as f:
        assert refusal(f, server.url + "/gone").endswith("HTTP 404 Not Found")
    assert server.hits["/gone"] == 1


def test_500_is_retried_a_bounded_number_of_times(server, tmp_path):
    with fetcher(tmp_path, retries=2) as f:
        assert refusal(f, server.url + "/broken").endswith("HTTP 500 Internal Server Error (after 3 tries)")
    assert server.hits["/broken"] == 3


def test_slow_answer_times_out(server, tmp_path):
    server.slow_seconds = 2.0
    with fetcher(tmp_path, timeout=0.3, retries=1) as f:
        assert "timed out (no answer within 0.3 s) (after 2 tries)" in refusal(f, server.url + "/slow")


def test_truncated_body_is_refused(server, tmp_path):
    with fetcher(tmp_path, retries=0) as f:
        assert "closed before the whole body arrived (truncated)" in refusal(f, server.url + "/truncated")


def test_wrong_content_type_is_refused(server, tmp_path):
    with fetcher(tmp_path) as f:
        assert "content type 'image/png' is not HTML, JSON, a feed or text" in refusal(f, server.url + "/image")


@pytest.mark.parametrize("route", ["/huge", "/huge-stream"])
def test_20_mb_page_is_refused(server, tmp_path, route):
    with fetcher(tmp_path) as f:
        message = refusal(f, server.url + route)
    assert "kg refuses pages over 10,485,760 bytes" in message


def test_connection_refused(tmp_path):
    with socket.socket() as s:                 # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with fetcher(tmp_path, retries=1) as f:
        assert refusal(f, f"http://127.0.0.1:{port}/blog").endswith("connection refused")


def test_dns_failure(tmp_path, monkeypatch):
    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)   # no resolver is asked
    with fetcher(tmp_path, retries=0) as f:
        assert refusal(f, "http://blog.invalid/live").endswith("cannot resolve host 'blog.invalid' (DNS)")


def test_not_a_url(tmp_path):
    with fetcher(tmp_path) as f:
        assert refusal(f, "ftp://example.invalid/x").endswith("not an http(s) URL")


def test_read_url_reads_the_page_by_content(server, tmp_path):
    server.blog_start = 99
    with fetcher(tmp_path) as f:
        doc, _ = read_url(server.url + "/blog", f)
    assert doc.layout == "html-json-ld"
    assert [e.headline for e in doc.entries] == [h for _, h, _, _ in reversed(ENTRIES)]
    assert doc.id == doc_id_for_url(server.url + "/blog") == "127.0.0.1-blog"
    assert not any("Photograph" in e.text or "cookies" in e.text or "Share" in e.text for e in doc.entries)


def test_doc_id_for_url_is_safe_and_bounded():
    assert doc_id_for_url("https://news.example.org/politics/live/2025/jun/10/rail?page=2") == \
        "news.example.org-politics-live-2025-jun-10-rail"
    long = doc_id_for_url("https://x.example/" + "a/" * 200)
    assert len(long) <= 100 and long.startswith("x.example-a-a")


def test_cli_build_url(server, tmp_path, capsys):
    server.blog_start = 99
    out = tmp_path / "out"
    code = main(["build", server.url + "/blog", "--out", str(out), "--cache", str(tmp_path / "c"), "-q"])
    assert code == 0, capsys.readouterr().err
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "Declan Fairweather" in ttl and "Photograph: Ann Example" not in ttl


def test_cli_build_url_failure_is_one_line_exit_3(server, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["build", server.url + "/gone", "--out", str(out), "--cache", str(tmp_path / "c"), "-q"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 3
    assert err == [f"kg: {server.url}/gone: HTTP 404 Not Found"]
    assert not out.exists()


def test_cli_build_no_date_warns_and_date_sets_it(server, tmp_path, capsys):
    args = ["build", server.url + "/nodate", "--cache", str(tmp_path / "c"), "-q"]
    assert main(args + ["--out", str(tmp_path / "a")]) == 0
    err = capsys.readouterr().err
    assert f"kg: warning: {server.url}/nodate: no date anywhere" in err and "--date YYYY-MM-DD" in err
    assert main(args + ["--out", str(tmp_path / "b"), "--date", "2025-06-10"]) == 0
    assert "no date anywhere" not in capsys.readouterr().err
    assert "2025-06-10T10:05:00" in (tmp_path / "b" / "graph.ttl").read_text(encoding="utf-8")


def test_python_api_builds_a_url_into_the_default_cache(server, tmp_path, monkeypatch):
    import kg
    from kg.sources.fetch import default_cache_dir

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "kg" / "http"
    server.blog_start = 99
    ds = kg.build([server.url + "/blog"])
    assert any("127.0.0.1-blog" in str(g.identifier) for g in ds.graphs())
    assert list((tmp_path / "xdg" / "kg" / "http").glob("*.body"))      # kept for the next conditional GET


@pytest.mark.parametrize("route, fixture, layout", [
    ("/feed", "feed_rss.xml", "feed-rss20"),
    ("/api", "guardian_api.guardian.json", "guardian-api"),
])
def test_feeds_and_api_responses_are_read_by_content(server, tmp_path, route, fixture, layout):
    from pathlib import Path

    server.files[route.strip("/")] = (Path(__file__).parent / "data" / "inputs" / fixture).read_bytes()
    with fetcher(tmp_path) as f:
        doc, got = read_url(server.url + route, f)
    assert doc.layout == layout and len(doc.entries) >= 2 and got.status == 200


def test_retry_after_is_honoured_and_capped(server, tmp_path):
    from kg.sources.fetch import MAX_RETRY_AFTER, retry_after

    with Fetcher(cache_dir=tmp_path / "c", retries=1, backoff=30.0) as f:   # Retry-After: 0 beats 30 s
        got = f.fetch(server.url + "/busy")
    assert got.status == 200 and server.hits["/busy"] == 2
    assert retry_after("3", 1.0) == 3.0 and retry_after("86400", 1.0) == MAX_RETRY_AFTER
    assert retry_after("Wed, 21 Oct 2026 07:28:00 GMT", 1.5) == 1.5 and retry_after("", 2.0) == 2.0


def test_a_fetched_document_is_its_own_build_and_conforms(server, tmp_path):
    """A URL's bytes are known only once fetched: its graph names a build hashed from the document."""
    import pyshacl
    from rdflib import Graph
    from rdflib.namespace import PROV, RDF

    from kg.export import union_graph
    from kg.pipeline import build_dataset

    from .conftest import ROOT

    server.blog_start = 99
    with fetcher(tmp_path) as f:
        ds, report = build_dataset([server.url + "/blog"], fetcher=f, jobs=1)
    assert report.documents == ["127.0.0.1-blog"]
    graph = union_graph(ds)
    builds = set(graph.subjects(RDF.type, PROV.Activity))
    assert len(builds) == 1
    ok, _, text = pyshacl.validate(graph, shacl_graph=Graph().parse(ROOT / "ontology" / "shapes.ttl"),
                                   inference="none")
    assert ok, text
