"""Store benchmark: rdflib's memory store vs Oxigraph in RAM (kg's default) and on disk, side by side.

    .venv/bin/python bench/bench_store.py                 # ~100k triples (a few minutes)
    .venv/bin/python bench/bench_store.py --triples 1000000 --cap 120   # 1M (about 25 minutes)
    .venv/bin/python bench/bench_store.py --triples 20000 --repeat 3

On a news-shaped corpus (bench/corpus.py, through kg's own mapping). Each store
runs in its own subprocesses (Oxigraph first, while the machine is quiet): one
builds (every document through :func:`kg.store.replace_graph`, as ``kg
build`` does) and exports Turtle (through :func:`kg.export.write_rdf`, which
has pyoxigraph write the text in sorted order for every store); a fresh one
then queries as ``kg query`` would: the RAM store loads that Turtle file
(``Store.load``, timed), the disk store is reopened. rdflib's memory store
cannot outlive its process, so it is queried by its build. Measured: load time,
each ready query's median latency over ``--repeat`` runs after one warm-up (a
query slower than 2 s is timed once; one still running after ``--cap`` seconds
is stopped and shown as ">cap", its ratios lower bounds), Turtle export,
loading the file into a fresh store (rdflib's parser; ``Store.load`` in RAM;
pyoxigraph's bulk loader on disk), and each process's peak RSS (``ru_maxrss``).
Printed as a table with rdflib/Oxigraph ratios and a line per target. Never
run by the tests.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: (label, ready query, parameters): every ready query once, per-actor ones naming one actor;
#: claims-by-predicate as asked (one predicate) and as a whole-graph listing
CASES = [(name, name, {}) for name in (
    "bills-and-what-they-include", "inquiries", "most-mentioned-actors", "party-memberships",
    "people-by-post", "who-responds-to-whom")] + [
    ("statements-by-person", "statements-by-person", {"person": "Yvette Cooper"}),
    ("statements-by-party", "statements-by-party", {"party": "Lib Dems"}),
    ("actor-timeline", "actor-timeline", {"actor": "Yvette Cooper"}),
    ("co-mentioned-with", "co-mentioned-with", {"actor": "Yvette Cooper"}),
    ("claims-by-predicate", "claims-by-predicate", {"predicate": "criticises"}),
    ("claims-by-predicate (all)", "claims-by-predicate", {}),
]
PER_ACTOR = {"statements-by-person", "statements-by-party", "actor-timeline", "co-mentioned-with"}


class Capped(Exception):
    """A query ran past ``--cap`` seconds and was stopped."""


def timed(fn, cap: float):
    """(result, seconds) of ``fn()``, or raise Capped after ``cap`` seconds (SIGALRM: rdflib's
    engine is pure Python, so the signal stops it; Oxigraph's queries never come near)."""
    import signal

    def stop(*_):
        raise Capped
    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, cap)
    t0 = time.perf_counter()
    try:
        out = fn()
        return out, time.perf_counter() - t0
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def worker(kind: str, n_docs: int, repeat: int, cap: float, workdir: str | None = None) -> dict:
    """One phase of one store, in its own process (so ``ru_maxrss`` is that phase's peak).

    Without ``workdir``: the build. Every document goes through
    :func:`kg.store.replace_graph` as ``kg build`` does, then the store is
    written to Turtle; the disk store also bulk-loads that file into a fresh
    store, and rdflib's memory store (which cannot outlive its process) is
    queried here too. With ``workdir`` (RAM and disk): the queries, in a fresh
    process, as ``kg query`` runs them: the RAM store loads the Turtle file as
    the union alone (:func:`kg.store.load_graph_file`, timed), the disk store is
    reopened.
    """
    from kg.store import load_graph_file, open_store, triple_count

    if workdir is None:
        return build_phase(kind, n_docs, repeat, cap)
    out: dict = {}
    if kind == "ram":
        t0 = time.perf_counter()
        ds = load_graph_file(Path(workdir) / "graph.ttl")     # loaded once: timed, then queried
        out["turtle_load_s"] = time.perf_counter() - t0
        out["turtle_triples"] = triple_count(ds)
    else:
        ds = open_store(f"oxigraph:{workdir}/store", must_exist=True)
    out.update(time_queries(ds, repeat, cap))
    out["query_rss_mb"] = peak_rss_mb()
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_phase(kind: str, n_docs: int, repeat: int, cap: float) -> dict:
    """Build the corpus into a store of ``kind``, export it; see :func:`worker`."""
    from bench.corpus import corpus_graphs
    from kg.export import write_rdf
    from kg.store import flush, open_store, replace_graph

    tmp = tempfile.mkdtemp(prefix="kg-bench-")
    # memory: rdflib's own memory store; ram: kg's default (Oxigraph in RAM); oxigraph: on disk
    ds = open_store({"memory": "rdflib", "ram": "memory"}.get(kind, f"oxigraph:{tmp}/store"))
    triples = 0
    gen = load = 0.0
    it = corpus_graphs(n_docs)
    while True:
        t0 = time.perf_counter()
        try:
            iri, ts = next(it)
        except StopIteration:
            break
        t1 = time.perf_counter()
        triples += replace_graph(ds, iri, ts)
        load += time.perf_counter() - t1
        gen += t1 - t0
    if kind == "oxigraph":
        flush(ds)
    out = {"store": kind, "documents": n_docs, "triples": triples, "load_s": load, "generate_s": gen,
           "workdir": tmp}
    ttl_path = Path(tmp) / "graph.ttl"
    t0 = time.perf_counter()
    write_rdf(ds, ttl_path, "turtle")                   # streamed to disk, as kg build writes it
    out["turtle_s"] = time.perf_counter() - t0
    out["turtle_mb"] = ttl_path.stat().st_size / 1e6
    if kind == "memory":
        out.update(time_queries(ds, repeat, cap))
    out["disk_mb"] = sum(f.stat().st_size for f in Path(tmp).rglob("*") if f.is_file()) / 1e6
    out["build_rss_mb"] = peak_rss_mb()                 # before the reload below
    if kind == "memory":
        out["query_rss_mb"] = out["build_rss_mb"]       # one process: the build's store is queried
    if kind == "oxigraph":
        ds.close()
    del ds
    if kind != "ram":
        out["turtle_triples"], out["turtle_load_s"] = turtle_load(kind, ttl_path, Path(tmp) / "reload")
    return out


def time_queries(ds, repeat: int, cap: float) -> dict:
    """Each case's median latency (seconds; None if stopped at the cap) and its row count."""
    from kg.queries import run_ready

    out: dict = {"queries": {}, "rows": {}}
    for label, name, params in CASES:
        try:
            res, first = timed(lambda: run_ready(ds, name, params).bindings, cap)
        except Capped:
            out["queries"][label], out["rows"][label] = None, None     # stopped at the cap
            continue
        out["rows"][label] = len(res)                   # warm-up, and a check the stores agree
        times = [first] if first > 2.0 else []          # a query this slow is timed once
        for _ in range(0 if times else repeat):
            t0 = time.perf_counter()
            _ = run_ready(ds, name, params).bindings
            times.append(time.perf_counter() - t0)
        out["queries"][label] = statistics.median(times)
    return out


def turtle_load(kind: str, path: Path, where: Path | None) -> tuple[int, float]:
    """Load a Turtle file into a fresh store of ``kind``: (triples, seconds).

    oxigraph: pyoxigraph's bulk loader into a new on-disk store. memory: rdflib's
    Turtle parser into its memory store, as an rdflib user would. (The RAM
    store's load is timed by the query phase of :func:`worker`, which then
    queries what it loaded.)
    """
    if kind == "oxigraph":
        import pyoxigraph as ox

        store = ox.Store(str(where))
        t0 = time.perf_counter()
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
        store.flush()
        seconds = time.perf_counter() - t0
        return len(store), seconds
    from rdflib import Graph

    g = Graph()
    t0 = time.perf_counter()
    g.parse(str(path), format="turtle")
    return len(g), time.perf_counter() - t0


def run_store(kind: str, n_docs: int, repeat: int, cap: float) -> dict:
    """Both phases of one store, each in its own subprocess; the work directory is removed."""
    out = run_worker(kind, n_docs, repeat, cap)
    try:
        if kind != "memory":
            out.update(run_worker(kind, n_docs, repeat, cap, out["workdir"]))
    finally:
        import shutil
        shutil.rmtree(out["workdir"], ignore_errors=True)
    return out


def run_worker(kind: str, n_docs: int, repeat: int, cap: float, workdir: str | None = None) -> dict:
    cmd = [sys.executable, __file__, "--worker", kind, "--docs", str(n_docs), "--repeat", str(repeat),
           "--cap", str(cap)] + (["--workdir", workdir] if workdir else [])
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"{kind} worker failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def report(mem: dict, ram: dict, ox: dict, cap: float) -> str:
    """The side-by-side table: rdflib's memory store, kg's default store (Oxigraph in RAM)
    and Oxigraph on disk; ratios rdflib / Oxigraph (higher = Oxigraph faster).

    A query rdflib had not answered after ``cap`` seconds shows as ">cap" and its
    ratios as lower bounds.
    """
    lines = [f"corpus: {mem['documents']} documents, {mem['triples']:,} triples "
             f"(generated in {mem['generate_s']:.1f} s)",
             f"{'measure':38} {'rdflib mem':>11} {'oxi RAM':>10} {'oxi disk':>10} {'mem/RAM':>8} {'mem/disk':>8}"]

    def row(label, a, b, c, unit, scale=1.0):
        """One line; ``a`` None = rdflib stopped at the cap (its ratios are lower bounds)."""
        capped = a is None
        a = cap * scale if capped else a
        a_text = f"{'>' + format(a, '.0f'):>9}{unit}" if capped else f"{a:>9.1f}{unit}"
        ratios = [("-" if not x else f">={a / x:.0f}x" if capped else f"{a / x:.1f}x") for x in (b, c)]
        lines.append(f"{label:38} {a_text} {b:>8.1f}{unit} {c:>8.1f}{unit} {ratios[0]:>8} {ratios[1]:>8}")

    row("load (replace_graph per doc)", mem["load_s"], ram["load_s"], ox["load_s"], " s")
    under = []
    for name, t_ox in ox["queries"].items():
        t_mem, t_ram = mem["queries"].get(name), ram["queries"][name]
        tag = " *" if name in PER_ACTOR else ""
        row(f"{name}{tag}", None if t_mem is None else t_mem * 1000, t_ram * 1000, t_ox * 1000, "ms", 1000)
        if (t_mem if t_mem is not None else cap) / t_ram < 10:
            under.append(name)
        counts = {mem["rows"].get(name), ram["rows"][name], ox["rows"][name]} - {None}
        if len(counts) > 1:
            lines.append(f"  !! {name}: rows differ: rdflib {mem['rows'].get(name)}, RAM {ram['rows'][name]}, "
                         f"disk {ox['rows'][name]}")
    row("turtle export (written to a file)", mem["turtle_s"], ram["turtle_s"], ox["turtle_s"], " s")
    row("turtle load (parse / load / bulk_load)", mem["turtle_load_s"], ram["turtle_load_s"],
        ox["turtle_load_s"], " s")
    lines.append(f"{'  = triples per second':38} {mem['turtle_triples'] / mem['turtle_load_s']:>11,.0f} "
                 f"{ram['turtle_triples'] / ram['turtle_load_s']:>10,.0f} "
                 f"{ox['turtle_triples'] / ox['turtle_load_s']:>10,.0f}   (targets: RAM >= 300,000, disk >= 150,000)")
    row("peak RSS: build and export", mem["build_rss_mb"], ram["build_rss_mb"], ox["build_rss_mb"], "MB")
    row("peak RSS: queries (as kg query runs)", mem["query_rss_mb"], ram["query_rss_mb"], ox["query_rss_mb"],
        "MB")
    lines.append(f"oxigraph on disk: {ox['disk_mb']:.0f} MB; * = about one actor or party "
                 "(target on disk <= 50 ms, other queries <= 1 s)")
    slow = [n for n, t in ox["queries"].items() if t > (0.05 if n in PER_ACTOR else 1.0)]
    lines.append("latency targets met on disk" if not slow
                 else f"over the latency target on disk: {', '.join(slow)}")
    lines.append("every query >= 10x faster in Oxigraph RAM than in rdflib's memory store" if not under
                 else f"under 10x (rdflib memory / Oxigraph RAM): {', '.join(under)}")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--triples", type=int, default=100_000, help="corpus size (default 100k)")
    ap.add_argument("--big", action="store_true", help="also run at 1M triples")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs per query (median)")
    ap.add_argument("--cap", type=float, default=120.0,
                    help="seconds after which a query is stopped and shown as '>cap' (default 120)")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--docs", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--workdir", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.docs, args.repeat, args.cap, args.workdir)))
        return 0
    from bench.corpus import documents_for

    sizes = [args.triples] + ([1_000_000] if args.big else [])
    for size in sizes:
        n_docs = documents_for(size)
        ox = run_store("oxigraph", n_docs, args.repeat, args.cap)    # first, on a quiet machine
        ram = run_store("ram", n_docs, args.repeat, args.cap)
        mem = run_store("memory", n_docs, args.repeat, args.cap)
        print(report(mem, ram, ox, args.cap), flush=True)
        print(flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
