"""``kg serve``: the graph over the SPARQL 1.1 Protocol, by the Oxigraph server.

kg does not run an HTTP server of its own: it starts ``oxigraph serve-read-only``
(or ``oxigraph serve`` with ``writable``), the server the ``oxigraph`` package
ships, a standards-compliant endpoint with YASGUI at its root. Queries see
the union of the documents' named graphs, as they do in ``kg query``: the
default graph kg keeps as their set union (see :mod:`kg.store`), or, for a
store kg did not write, Oxigraph's ``--union-default-graph``.

An ``oxigraph:PATH`` store is served in place. The memory store has nothing
on disk to serve, so its graph file (``out/graph.trig``) is first bulk-loaded
into a temporary Oxigraph directory, removed when the server stops.

Oxigraph documents that reading a store read-only while another process
writes it is undefined behaviour: do not ``kg build --store oxigraph:PATH``
into a directory that is being served.
"""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from .errors import StoreError

__all__ = ["oxigraph_binary", "server_command", "load_into_oxigraph", "start_server", "wait_until_ready",
           "stop_server", "serve"]


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable: beside this Python (a virtualenv), else on PATH."""
    here = Path(sys.executable).parent / "oxigraph"
    if here.is_file():
        return str(here)
    found = shutil.which("oxigraph")
    if not found:
        raise StoreError("the oxigraph server is not installed (pip install oxigraph)")
    return found


def server_command(location: str | Path, *, host: str = "127.0.0.1", port: int = 7878,
                   writable: bool = False, union: bool = True) -> list[str]:
    """The argv that serves ``location``: read-only unless ``writable``; ``union``: Oxigraph's
    union default graph (for stores whose default graph is not already the union)."""
    verb = "serve" if writable else "serve-read-only"
    return [oxigraph_binary(), verb, "--location", str(location), "--bind", f"{host}:{port}",
            *(["--union-default-graph"] if union else [])]


def needs_union_flag(location: str | Path) -> bool:
    """True unless the store's default graph already holds the union (kg wrote it)."""
    import gc

    import pyoxigraph as ox

    from .store import default_is_union

    store = ox.Store.read_only(str(location))
    try:
        return not default_is_union(store)
    finally:
        del store
        gc.collect()


def load_into_oxigraph(graph_file: str | Path, location: str | Path) -> None:
    """Bulk-load a graph file kg wrote (TriG, N-Quads, Turtle ...) into a new Oxigraph directory."""
    import gc

    import pyoxigraph as ox

    path = Path(graph_file)
    if not path.is_file():
        raise StoreError(f"{path}: no graph; run 'kg build' first or pass --store oxigraph:PATH")
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TRIG
    from .store import rebuild_default_union

    store = ox.Store(str(location))
    store.bulk_load(path=str(path), format=fmt)
    rebuild_default_union(store)
    store.flush()
    del store
    gc.collect()        # pyoxigraph releases the directory lock when the Store is dropped


def start_server(location: str | Path, *, host: str = "127.0.0.1", port: int = 7878, writable: bool = False,
                 union: bool = True, stdout=None, stderr=None) -> subprocess.Popen:
    """Start the Oxigraph server on ``location`` (returns at once; see :func:`wait_until_ready`)."""
    return subprocess.Popen(server_command(location, host=host, port=port, writable=writable, union=union),
                            stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL)


def wait_until_ready(url: str, proc: subprocess.Popen | None = None, timeout: float = 30.0) -> None:
    """Poll ``url`` (the server root) until it answers a trivial ASK; StoreError on exit or timeout."""
    probe = url.rstrip("/") + "/query?" + urllib.parse.urlencode({"query": "ASK {}"})
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise StoreError(f"the SPARQL server exited with code {proc.returncode} before it was ready")
        try:
            with urllib.request.urlopen(probe, timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    raise StoreError(f"{url}: the SPARQL server did not answer within {timeout:.0f} s")


def stop_server(proc: subprocess.Popen, timeout: float = 10.0) -> None:
    """Terminate the server and wait for it (kill if it will not stop)."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)


def _sigterm_to_exit(signum, frame):  # noqa: ARG001
    raise SystemExit(128 + signum)


def serve(spec: str | None = None, *, graph: str | Path = "out/graph.trig", port: int = 7878,
          host: str = "127.0.0.1", writable: bool = False) -> int:
    """Serve a store until interrupted; returns the exit code. Prints the endpoint URLs to stderr."""
    from .store import parse_spec

    s = parse_spec(spec)
    tmp = None
    if s.kind == "sparql":
        raise StoreError("a sparql: store is already an endpoint; query it directly")
    if s.kind == "oxigraph":
        location = Path(s.location)
        if not location.is_dir():
            raise StoreError(f"{location}: no Oxigraph store here; build one with 'kg build --store oxigraph:{location}'")
    else:
        tmp = tempfile.mkdtemp(prefix="kg-serve-")
        location = Path(tmp) / "store"
        load_into_oxigraph(graph, location)
    previous = signal.signal(signal.SIGTERM, _sigterm_to_exit)   # so a SIGTERM still stops the child
    proc = None
    try:
        proc = start_server(location, host=host, port=port, writable=writable, union=needs_union_flag(location))
        url = f"http://{host}:{port}"
        wait_until_ready(url, proc)
        mode = "read-write" if writable else "read-only"
        print(f"serving {url}/ ({mode}): SPARQL at {url}/query"
              + (f" and {url}/update" if writable else "") + "; YASGUI in a browser at /. Ctrl-C stops.",
              file=sys.stderr, flush=True)
        return proc.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        if proc is not None:
            stop_server(proc)
        signal.signal(signal.SIGTERM, previous)
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
