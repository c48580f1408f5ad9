"""Fetching live blogs over HTTP(S): polite, bounded, cached, and one clear line per failure.

* a User-Agent naming kg and its version, and ``robots.txt`` honoured (RFC 9309: a
  missing robots.txt allows everything; one that cannot be fetched because the server
  fails forbids everything until a later try);
* timeouts on every phase and a bounded number of retries with exponential backoff for
  what may pass (timeouts, refused or dropped connections, 5xx, 429; a ``Retry-After`` in
  seconds is honoured up to a minute), never for a 4xx;
* a size cap (:data:`MAX_FETCH_BYTES`), checked on ``Content-Length`` and while reading;
* conditional GET: the last body with its ``ETag``/``Last-Modified`` is kept in an on-disk
  cache, and a ``304 Not Modified`` is answered from it;
* only content kg can read (HTML, JSON, feeds, plain text); anything else is refused.

Every failure is a :class:`FetchError` (a :class:`~kg.errors.BadInputError`, exit 3)
whose message is one line naming the URL and what went wrong.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from .. import __version__
from ..errors import BadInputError

__all__ = ["Fetcher", "Fetched", "FetchError", "USER_AGENT", "MAX_FETCH_BYTES", "default_cache_dir",
           "ACCEPTED_TYPES"]

USER_AGENT = f"kg/{__version__} (knowledge graphs of news live blogs; python-httpx)"
#: a live-blog page is well under 5 MB; a bigger answer is a mistake (a video, a dump)
MAX_FETCH_BYTES = 10 * 1024 * 1024
#: media types kg has a reader for (anything else is refused before parsing)
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "application/json", "application/ld+json",
                  "application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
                  "application/rdf+xml", "text/plain", "application/x-ndjson", "application/jsonl")


class FetchError(BadInputError):
    """A URL that could not be fetched; the message is one line for a person."""


@dataclass(frozen=True)
class Fetched:
    """One answer: the body, its type and charset, and whether it came from the cache (304)."""

    url: str
    data: bytes
    content_type: str
    charset: str | None
    status: int                   # 200, or 304 when the cached body was still current
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/kg/http``, else ``~/.cache/kg/http`` (the user's cache directory)."""
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "kg" / "http"


def _display(url: str) -> str:
    from .guardian import redact

    return redact(url)


@dataclass
class Fetcher:
    """An HTTP client with kg's manners; one per build or watch (it remembers robots.txt)."""

    cache_dir: Path | None = None           # None: no cache
    timeout: float = 20.0                   # seconds, per connect/read/write phase
    retries: int = 2                        # further tries after the first
    backoff: float = 1.0                    # seconds before the first retry, doubled each time
    max_bytes: int = MAX_FETCH_BYTES
    user_agent: str = USER_AGENT
    respect_robots: bool = True
    _robots: dict[str, RobotFileParser | None] = field(default_factory=dict, repr=False)
    _client: object = field(default=None, repr=False)

    # --- the client -------------------------------------------------------------------------
    def client(self):
        if self._client is None:
            import httpx

            self._client = httpx.Client(timeout=httpx.Timeout(self.timeout), follow_redirects=True,
                                        max_redirects=5, headers={"User-Agent": self.user_agent})
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- the public call --------------------------------------------------------------------
    def fetch(self, url: str) -> Fetched:
        """GET ``url`` (conditionally, when the cache holds it); raise :class:`FetchError` on failure."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(_display(url), "not an http(s) URL")
        if self.respect_robots:
            try:
                allowed = self._allowed(url)
            except FetchError as exc:           # the site is unreachable: named by the URL asked for
                raise FetchError(_display(url), exc.problem) from None
            if not allowed:
                raise FetchError(_display(url), "disallowed by the site's robots.txt")
        cached = self._cache_read(url)
        headers = {"Accept": "text/html, application/xhtml+xml, application/json, application/rss+xml, "
                             "application/atom+xml, application/xml;q=0.9, text/plain;q=0.8, */*;q=0.1"}
        if cached is not None:
            if cached.etag:
                headers["If-None-Match"] = cached.etag
            if cached.last_modified:
                headers["If-Modified-Since"] = cached.last_modified
        status, resp_headers, body = self._get_with_retries(url, headers)
        if status == 304:
            if cached is None:
                raise FetchError(_display(url), "HTTP 304 Not Modified but nothing cached to reuse")
            return Fetched(url, cached.data, cached.content_type, cached.charset, 304,
                           resp_headers.get("etag", cached.etag),
                           resp_headers.get("last-modified", cached.last_modified))
        content_type, charset = _media_type(resp_headers.get("content-type", ""))
        if content_type and content_type not in ACCEPTED_TYPES:
            raise FetchError(_display(url), f"content type {content_type!r} is not HTML, JSON, a feed or text")
        fetched = Fetched(url, body, content_type, charset, 200, resp_headers.get("etag", ""),
                          resp_headers.get("last-modified", ""))
        if fetched.etag or fetched.last_modified:
            self._cache_write(fetched)
        return fetched

    # --- requests ---------------------------------------------------------------------------
    def _get_with_retries(self, url: str, headers: dict) -> tuple[int, dict, bytes]:
        attempt = 0
        while True:
            wait = self.backoff * (2 ** attempt)
            try:
                status, resp_headers, body = self._get_once(url, headers)
            except _Transient as exc:
                problem = str(exc)
            else:
                if status < 500 and status != 429:
                    if status >= 400 or (300 <= status < 400 and status != 304):
                        raise FetchError(_display(url), f"HTTP {status} {_reason(status)}")
                    return status, resp_headers, body
                problem = f"HTTP {status} {_reason(status)}"
                wait = retry_after(resp_headers.get("retry-after", ""), wait)
            if attempt >= self.retries:
                tries = f" (after {attempt + 1} tries)" if attempt else ""
                raise FetchError(_display(url), problem + tries)
            time.sleep(wait)
            attempt += 1

    def _get_once(self, url: str, headers: dict) -> tuple[int, dict, bytes]:
        """One GET, the body read up to the size cap; transient failures raise :class:`_Transient`."""
        import httpx

        try:
            with self.client().stream("GET", url, headers=headers) as resp:
                size = resp.headers.get("content-length")
                if size and size.isdigit() and int(size) > self.max_bytes:
                    raise FetchError(_display(url), _too_large(int(size), self.max_bytes))
                chunks, total = [], 0
                if resp.status_code == 200:
                    for chunk in resp.iter_bytes():
                        total += len(chunk)
                        if total > self.max_bytes:
                            raise FetchError(_display(url), _too_large(total, self.max_bytes, more=True))
                        chunks.append(chunk)
                return resp.status_code, {k.lower(): v for k, v in resp.headers.items()}, b"".join(chunks)
        except httpx.TimeoutException:
            raise _Transient(f"timed out (no answer within {self.timeout:g} s)") from None
        except httpx.ConnectError as exc:
            raise _Transient(_connect_problem(exc, urlsplit(url).hostname or "")) from None
        except httpx.RemoteProtocolError as exc:
            text = str(exc)
            if "incomplete" in text.lower() or "closed" in text.lower():
                raise _Transient("the connection closed before the whole body arrived (truncated)") from None
            raise _Transient(f"protocol error: {text}") from None
        except httpx.TooManyRedirects:
            raise FetchError(_display(url), "too many redirects") from None
        except httpx.TransportError as exc:
            raise _Transient(f"network error: {type(exc).__name__}: {exc}") from None
        except httpx.InvalidURL as exc:
            raise FetchError(_display(url), f"invalid URL: {exc}") from None

    # --- robots.txt -------------------------------------------------------------------------
    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        root = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        if root not in self._robots:
            self._robots[root] = self._load_robots(root)
        rules = self._robots[root]
        return True if rules is None else rules.can_fetch(self.user_agent, url)

    def _load_robots(self, root: str) -> RobotFileParser | None:
        """The site's rules; None (everything allowed) when it has none (RFC 9309, 4xx)."""
        rules = RobotFileParser(root + "/robots.txt")
        try:
            status, _, body = self._get_once(root + "/robots.txt", {})
        except FetchError:
            return None                     # a robots.txt too big to read: treat as absent
        except _Transient as exc:           # the site is unreachable: say why (not cached: next try asks again)
            raise FetchError(_display(root), str(exc)) from None
        if status >= 500:
            raise FetchError(_display(root + "/robots.txt"), f"robots.txt answered HTTP {status}; kg does not "
                                                             "fetch from a site whose robots.txt fails (RFC 9309)")
        if status != 200:
            return None
        rules.parse(body.decode("utf-8", "replace").splitlines())
        return rules

    # --- the cache --------------------------------------------------------------------------
    def _cache_paths(self, url: str) -> tuple[Path, Path] | None:
        if self.cache_dir is None:
            return None
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]
        return self.cache_dir / f"{key}.json", self.cache_dir / f"{key}.body"

    def _cache_read(self, url: str) -> Fetched | None:
        paths = self._cache_paths(url)
        if paths is None or not paths[0].exists() or not paths[1].exists():
            return None
        try:
            meta = json.loads(paths[0].read_text(encoding="utf-8"))
            data = paths[1].read_bytes()
        except (OSError, ValueError):
            return None                     # a damaged cache entry is a miss, not an error
        if meta.get("url") != _display(url) or meta.get("sha256") != hashlib.sha256(data).hexdigest():
            return None
        return Fetched(url, data, meta.get("content_type", ""), meta.get("charset"), 200,
                       meta.get("etag", ""), meta.get("last_modified", ""))

    def _cache_write(self, fetched: Fetched) -> None:
        """Body first, then its metadata (with the body's hash), each renamed into place."""
        paths = self._cache_paths(fetched.url)
        if paths is None:
            return
        meta = {"url": _display(fetched.url), "etag": fetched.etag, "last_modified": fetched.last_modified,
                "content_type": fetched.content_type, "charset": fetched.charset, "sha256": fetched.digest}
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            for path, data in ((paths[1], fetched.data), (paths[0], json.dumps(meta).encode("utf-8"))):
                tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
                tmp.write_bytes(data)
                os.replace(tmp, path)
        except OSError:
            pass                            # a read-only cache only costs a full download next time


#: the longest a server's Retry-After is honoured; a longer one fails the fetch after that wait
MAX_RETRY_AFTER = 60.0


def retry_after(header: str, default: float) -> float:
    """Seconds to wait before the next try: the server's ``Retry-After`` (in seconds), capped, else ``default``."""
    try:
        seconds = float(header.strip())
    except ValueError:
        return default              # absent, or an HTTP date: the backoff schedule is close enough
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


class _Transient(Exception):
    """A failure worth another try (timeout, refused or dropped connection)."""


def _media_type(header: str) -> tuple[str, str | None]:
    kind, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.lower() == "charset" and value:
            charset = value.strip('"\' ').lower()
    return kind.strip().lower(), charset


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _too_large(size: int, cap: int, more: bool = False) -> str:
    return (f"answer of {'more than ' if more else ''}{size:,} bytes; kg refuses pages over {cap:,} bytes "
            "(is this a live blog?)")


def _connect_problem(exc: Exception, host: str) -> str:
    text = str(exc)
    low = text.lower()
    if any(s in low for s in ("name or service not known", "nodename nor servname", "getaddrinfo",
                              "temporary failure in name resolution", "no address associated",
                              "name resolution")):
        return f"cannot resolve host {host!r} (DNS)"
    if "refused" in low:
        return "connection refused"
    if "certificate" in low or "ssl" in low:
        return f"TLS error: {text}"
    return f"cannot connect: {text}"


def doc_id_for_url(url: str) -> str:
    """A document id from a URL's host and path: stable across polls, safe in an IRI segment."""
    import re

    parts = urlsplit(url)
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{parts.hostname or ''}{parts.path}").strip("-.").lower()
    for suffix in (".html", ".htm", ".json", ".xml", ".rss", ".atom"):
        slug = slug.removesuffix(suffix)
    if len(slug) > 100:
        slug = slug[:90].rstrip("-.") + "-" + hashlib.sha256(slug.encode()).hexdigest()[:8]
    return slug or "document"


def read_url(url: str, fetcher: Fetcher, *, format: str | None = None, encoding: str | None = None,
             default_date=None):
    """Fetch ``url`` and read it like a file named on the command line; returns (document, answer).

    The format is sniffed from the body; the charset the server declares decodes it unless
    ``encoding`` is given. A Guardian Content API URL gets ``show-blocks=all`` and the key
    from ``KG_GUARDIAN_KEY``; the key never appears in a message, an id or the graph.
    """
    from . import read_data
    from .guardian import api_url, redact

    fetched = fetcher.fetch(api_url(url))
    charset = fetched.charset if fetched.charset not in (None, "utf-8", "utf8", "us-ascii") else None
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    doc = read_data(fetched.data, redact(url), doc_id_for_url(url), name=name, format=format,
                    encoding=encoding or charset, meta={"url": redact(url)}, default_date=default_date)
    return doc, fetched
