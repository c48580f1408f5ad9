"""A local live-blog server for the fetch and watch tests (127.0.0.1, port 0, a thread).

Every route is invented content. ``/blog`` grows by one entry per request until it has
them all, and answers ``304`` to a conditional GET once it stops growing; the other routes
answer each failure kg must report in one line.
"""
from __future__ import annotations

import hashlib
import html
import json
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

#: invented entries, oldest first: (ISO time, headline, body, author)
ENTRIES = [
    ("2025-06-10T09:05:00+01:00", "Morning briefing",
     "Good morning. MPs return to a row over the new rail timetable.", "Imogen Hartley"),
    ("2025-06-10T10:20:00+01:00", "Transport secretary defends timetable",
     "Declan Fairweather, the transport secretary, said the new timetable would cut delays on every "
     "commuter line.", "Imogen Hartley"),
    ("2025-06-10T11:45:00+01:00", "Lib Dems call for inquiry",
     "Priya Lockwood, the Liberal Democrat transport spokesperson, said: \u201cPassengers deserve an "
     "independent inquiry into this shambles.\u201d", "Tobias Wren"),
]

ROBOTS = "User-agent: *\nDisallow: /private/\n"


def live_blog_html(entries: list[tuple[str, str, str, str]], title: str = "Politics live: rail timetable row") -> str:
    """A page with a LiveBlogPosting (newest entry first) and furniture in its visible HTML."""
    updates = [{"@type": "BlogPosting", "headline": h, "articleBody": b, "datePublished": t,
                "author": {"@type": "Person", "name": a}} for t, h, b, a in reversed(entries)]
    ld = {"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": title,
          "coverageStartTime": entries[0][0] if entries else None, "liveBlogUpdate": updates}
    blocks = "".join(
        f"<article><time>{html.escape(t)}</time><h2>{html.escape(h)}</h2><p class=byline>{html.escape(a)}</p>"
        f"<p>{html.escape(b)}</p><figure><figcaption>Photograph: Ann Example/PA</figcaption></figure>"
        f"<div class=share><button>Share</button></div></article>" for t, h, b, a in reversed(entries))
    return (f"<!DOCTYPE html><html><head><meta charset=utf-8><title>{html.escape(title)}</title>"
            f"<script type=\"application/ld+json\">{json.dumps(ld)}</script></head><body>"
            f"<div class=cookie-banner>We use cookies. Accept all cookies</div><main>{blocks}</main></body></html>")


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args) -> None:      # quiet
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
              headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        srv = self.server
        path = self.path.split("?", 1)[0]
        with srv.lock:
            srv.hits[path] = srv.hits.get(path, 0) + 1
            hit = srv.hits[path]
            srv.user_agents.append(self.headers.get("User-Agent", ""))
        try:
            self._route(path, hit)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _route(self, path: str, hit: int) -> None:
        srv = self.server
        if path == "/robots.txt":
            return self._send(200, ROBOTS.encode(), "text/plain")
        if path == "/blog":
            shown = ENTRIES[:min(hit + srv.blog_start - 1, len(ENTRIES))]
            body = live_blog_html(shown).encode("utf-8")
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                return self._send(304, b"", headers={"ETag": etag})
            return self._send(200, body, headers={"ETag": etag})
        if path == "/flaky":          # good, then garbled, then grown
            if hit == 2:
                return self._send(200, b"<html><body><div>Loading\xe2\x80\xa6</div></body></html>")
            return self._send(200, live_blog_html(ENTRIES[:hit if hit < 2 else 3]).encode("utf-8"))
        if path == "/flaky500":       # good, then a server error, then grown
            if hit == 2:
                return self._send(500, b"oops")
            return self._send(200, live_blog_html(ENTRIES[:hit if hit < 2 else 3]).encode("utf-8"))
        if path == "/window":         # only the latest two entries, as many pages and feeds show
            shown = ENTRIES[max(0, hit - 1):hit + 1]
            return self._send(200, live_blog_html(shown).encode("utf-8"))
        if path == "/busy":           # 503 with Retry-After once, then the page
            if hit == 1:
                return self._send(503, b"busy", headers={"Retry-After": "0"})
            return self._send(200, live_blog_html(ENTRIES).encode("utf-8"))
        if path == "/gone":
            return self._send(404, b"not here")
        if path == "/broken":
            return self._send(500, b"internal error")
        if path == "/slow":
            time.sleep(srv.slow_seconds)
            return self._send(200, live_blog_html(ENTRIES).encode("utf-8"))
        if path == "/truncated":
            body = live_blog_html(ENTRIES).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body) + 5000))
            self.end_headers()
            self.wfile.write(body[:200])
            self.wfile.flush()
            self.close_connection = True
            return None
        if path == "/image":
            return self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
        if path == "/huge":           # 20 MB, announced in Content-Length
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(20 * 1024 * 1024))
            self.end_headers()
            chunk = b"<p>" + b"x" * 65533 + b"\n"
            for _ in range(320):
                self.wfile.write(chunk)
            return None
        if path == "/huge-stream":    # 20 MB without a Content-Length: the cap applies while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.close_connection = True
            chunk = b"<p>" + b"x" * 65533 + b"\n"
            for _ in range(320):
                self.wfile.write(chunk)
            return None
        if path == "/feed":
            return self._send(200, srv.files["feed"], "application/rss+xml")
        if path == "/api":
            return self._send(200, srv.files["api"], "application/json")
        if path == "/nodate":
            return self._send(200, b"10.05am\nThe minister said the plan was ready.\n10.40am\n"
                                   b"The shadow minister said it was not.\n", "text/plain; charset=utf-8")
        if path.startswith("/private/"):
            return self._send(200, live_blog_html(ENTRIES).encode("utf-8"))
        return self._send(404, b"no route")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.hits: dict[str, int] = {}
        self.user_agents: list[str] = []
        self.blog_start = 1          # entries shown at the first /blog request
        self.slow_seconds = 2.0
        self.files: dict[str, bytes] = {}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@contextmanager
def live_server():
    """A running :class:`_Server`, shut down (and its port closed) on exit."""
    srv = _Server()
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(timeout=5)
