"""Store benchmark: rdflib memory vs Oxigraph on disk, side by side, on a news-shaped corpus.

    .venv/bin/python bench/bench_store.py                 # ~100k triples (a few minutes)
    .venv/bin/python bench/bench_store.py --big           # ~1M triples as well
    .venv/bin/python bench/bench_store.py --triples 20000 --repeat 3

Each store runs in its own subprocess, so peak RSS (``ru_maxrss``) is that
store's alone. Measured: load time (every document through
:func:`kg.store.replace_graph`, as a build does), each ready query's median
latency over ``--repeat`` runs after one warm-up (a query slower than 2 s
is timed once: rdflib's memory store takes minutes on some), Turtle export time
(both through :func:`kg.export.serialize`, which has pyoxigraph write the text
in sorted order for either store), loading that Turtle file into a fresh store
(rdflib's parser into memory; pyoxigraph's bulk loader on disk), peak memory. Printed as a table with memory/Oxigraph ratios. Never run by the tests.
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

#: the parameters each ready query is timed with; per-actor queries name one actor
PARAMS = {
    "statements-by-person": {"person": "Yvette Cooper"},
    "statements-by-party": {"party": "Lib Dems"},
    "actor-timeline": {"actor": "Yvette Cooper"},
    "co-mentioned-with": {"actor": "Yvette Cooper"},
}
PER_ACTOR = set(PARAMS)


def worker(kind: str, n_docs: int, repeat: int) -> dict:
    """Load the corpus into one store, time everything, return the figures (runs in a subprocess)."""
    from bench.corpus import corpus_graphs
    from kg.export import serialize
    from kg.queries import ready_queries, run_ready
    from kg.store import open_store, replace_graph

    tmp = tempfile.mkdtemp(prefix="kg-bench-")
    ds = open_store("rdflib" if kind == "memory" else f"oxigraph:{tmp}/store")   # rdflib's own memory store
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
        ds.store._inner.flush()
    out = {"store": kind, "documents": n_docs, "triples": triples, "load_s": load, "generate_s": gen,
           "queries": {}, "rows": {}}
    for name in ready_queries():
        params = PARAMS.get(name, {})
        t0 = time.perf_counter()
        res = run_ready(ds, name, params)
        out["rows"][name] = len(res.bindings)          # warm-up, and a check both stores agree
        first = time.perf_counter() - t0
        times = [first] if first > 2.0 else []          # a query this slow is timed once
        for _ in range(0 if times else repeat):
            t0 = time.perf_counter()
            _ = run_ready(ds, name, params).bindings
            times.append(time.perf_counter() - t0)
        out["queries"][name] = statistics.median(times)
    out["disk_mb"] = sum(f.stat().st_size for f in Path(tmp).rglob("*") if f.is_file()) / 1e6
    t0 = time.perf_counter()
    ttl = serialize(ds, "turtle")
    out["turtle_s"] = time.perf_counter() - t0
    out["turtle_mb"] = len(ttl) / 1e6
    ttl_path = Path(tmp) / "graph.ttl"
    ttl_path.write_text(ttl, encoding="utf-8")
    del ttl
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024   # before the reload
    del ds
    out["turtle_triples"], out["turtle_load_s"] = turtle_load(kind, ttl_path, Path(tmp) / "reload")
    import shutil
    shutil.rmtree(tmp, ignore_errors=True)
    return out


def turtle_load(kind: str, path: Path, where: Path) -> tuple[int, float]:
    """Load a Turtle file into a fresh store of ``kind``: (triples, seconds).

    Oxigraph: pyoxigraph's bulk loader into a new on-disk store. Memory: rdflib's
    Turtle parser into its memory store, as an rdflib user would load the file.
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


def run_store(kind: str, n_docs: int, repeat: int) -> dict:
    cmd = [sys.executable, __file__, "--worker", kind, "--docs", str(n_docs), "--repeat", str(repeat)]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"{kind} worker failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def report(mem: dict, ox: dict) -> str:
    """The side-by-side table, ratios as memory / Oxigraph (higher = Oxigraph faster)."""
    lines = [f"corpus: {mem['documents']} documents, {mem['triples']:,} triples "
             f"(generated in {mem['generate_s']:.1f} s)",
             f"{'measure':34} {'memory':>11} {'oxigraph':>11} {'ratio':>8}"]

    def row(label, a, b, unit):
        ratio = a / b if b else float("inf")
        lines.append(f"{label:34} {a:>9.1f}{unit} {b:>9.1f}{unit} {ratio:>7.1f}x")

    row("load (replace_graph per doc)", mem["load_s"], ox["load_s"], " s")
    for name in mem["queries"]:
        tag = " *" if name in PER_ACTOR else ""
        row(f"{name}{tag}", mem["queries"][name] * 1000, ox["queries"][name] * 1000, "ms")
        if mem["rows"][name] != ox["rows"][name]:
            lines.append(f"  !! {name}: {mem['rows'][name]} rows on memory, {ox['rows'][name]} on oxigraph")
    row("turtle export", mem["turtle_s"], ox["turtle_s"], " s")
    row("turtle load (rdflib parse / bulk_load)", mem["turtle_load_s"], ox["turtle_load_s"], " s")
    lines.append(f"{'  = triples per second':34} {mem['turtle_triples'] / mem['turtle_load_s']:>11,.0f} "
                 f"{ox['turtle_triples'] / ox['turtle_load_s']:>11,.0f}   (targets: memory >= 300,000, "
                 "oxigraph >= 150,000)")
    row("peak RSS", mem["peak_rss_mb"], ox["peak_rss_mb"], "MB")
    lines.append(f"oxigraph on disk: {ox['disk_mb']:.0f} MB; * = per-actor query (target <= 50 ms on Oxigraph)")
    slow = [n for n, t in ox["queries"].items() if t > (0.05 if n in PER_ACTOR else 1.0)]
    lines.append("targets met" if not slow else f"over target on Oxigraph: {', '.join(slow)}")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--triples", type=int, default=100_000, help="corpus size (default 100k)")
    ap.add_argument("--big", action="store_true", help="also run at 1M triples")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs per query (median)")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--docs", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.docs, args.repeat)))
        return 0
    from bench.corpus import documents_for

    sizes = [args.triples] + ([1_000_000] if args.big else [])
    for size in sizes:
        n_docs = documents_for(size)
        mem = run_store("memory", n_docs, args.repeat)
        ox = run_store("oxigraph", n_docs, args.repeat)
        print(report(mem, ox), flush=True)
        print(flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
