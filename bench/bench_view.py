"""Benchmark of the HTML view: time to build the page, time for Chromium to settle its layout.

Run::

    .venv/bin/python bench/bench_view.py            # 100, 1,000 and 5,000 actors
    .venv/bin/python bench/bench_view.py 100 2000   # other sizes

For each size a synthetic graph is made through kg's own mapping (actors of
every type, entries mentioning a Zipf-skewed handful of them, party
memberships, statements and claims), then the page is written uncapped
(``cap=0``) and with the default cap, and opened from file:// in headless
Chromium; the page records ``performance.now()`` when vis-network reports
``stabilizationIterationsDone`` (``window.kgStabilisedAt``), i.e. from navigation
to a drawn, still graph.

Why DEFAULT_CAP = 300. Measured on this 2-core machine (seconds; "settled" is
navigation to a still graph; the second figure is a run under load average 5)::

    actors   cap    build   page MB   settled
       100   none   0.5     0.6       2.2 / 4.5
       300   none   1.8     0.8       5.4 (under load)
       500   none   0.8     1.1       7.0 (under load)
     1,000   none   1.2-1.6 1.7       10-13 / 18
     1,000   300    1.2     1.0       2.1 / 4.4
     5,000   none   4.2-6.0 6.5       45 / 66
     5,000   300    4.2-6.5 1.5       2.0-3.0 / 4.4

* Uncapped, 1,000 actors take 10 s or more to settle and 5,000 take most of a
  minute, and either is then a disc of unlabelled dots.
* Capped at 300 every size settles in 2-3 s (4.4 s under load); what remains
  grows with the graph is reading the RDF and PageRank over all of it in
  Python (about 6 s at 5,000 actors, linear). 300 labelled nodes is also about
  what a 1,400 x 900 window shows legibly after "fit". A live blog yields
  50-150 actors, so a single blog is never capped; a corpus is, and the page
  says how many nodes and edges were left out and how to see them
  (--focus NAME, --types, --cap 0).
"""
from __future__ import annotations

import json
import random
import shutil
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from rdflib import Dataset

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import kg.view  # noqa: E402,F401
from kg.entries import Document, Entry  # noqa: E402
from kg.facts import Claim, Entity, Membership, Mention, Provenance, Span, Statement  # noqa: E402
from kg.rdf import mapping  # noqa: E402

V = sys.modules["kg.view"]
BASE = "https://kg.example.org/id/"
MIX = (("Person", 0.6), ("Party", 0.03), ("Body", 0.15), ("Inquiry", 0.04), ("Bill", 0.04), ("Place", 0.14))
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
         "--window-size=1400,900"]


def synthetic_graph(n_actors: int, seed: int = 6) -> Dataset:
    """A graph shaped like a corpus of live blogs: few hubs, many minor actors, ~n/4 entries."""
    rnd = random.Random(seed)
    t0 = datetime(2025, 1, 6, 9, tzinfo=ZoneInfo("Europe/London"))
    n_entries = max(10, n_actors // 4)
    entries = [Entry(id=f"e{i:05d}", ordinal=i, position=i, text="x" * 80, headline=f"Entry {i}",
                     published=t0 + timedelta(minutes=5 * i)) for i in range(1, n_entries + 1)]
    doc = Document(id="synthetic", title=f"Synthetic blog, {n_actors} actors", entries=entries)
    types = [t for t, share in MIX for _ in range(max(2, round(share * n_actors)))][:n_actors]
    keys = [f"{t.lower()}/a{i:05d}" for i, t in enumerate(types)]
    weights = [1.0 / (i + 1) ** 0.9 for i in range(len(keys))]        # Zipf: a few main actors
    mentions: dict[str, list[str]] = {k: [] for k in keys}
    for e in entries:
        for k in set(rnd.choices(keys, weights, k=rnd.randint(3, 8))):
            mentions[k].append(e.id)
    for k in keys:                                                      # every actor is mentioned somewhere
        if not mentions[k]:
            mentions[k].append(rnd.choice(entries).id)

    def prov(entry: str, i: int) -> Provenance:
        return Provenance(entry, Span(i % 50, i % 50 + 5), "bench", 1.0)

    ents = [Entity(k, t, f"{t} {i:05d}", aliases={f"A{i}"},
                   mentions=[Mention("x", t, prov(e, 0)) for e in mentions[k]])
            for i, (k, t) in enumerate(zip(keys, types))]
    people = [k for k, t in zip(keys, types) if t == "Person"]
    parties = [k for k, t in zip(keys, types) if t == "Party"]
    triples = [*mapping.document_triples(doc, BASE)]
    for e in entries:
        triples += mapping.entry_triples(doc, e, BASE)
    for ent in ents:
        triples += mapping.entity_triples(ent, doc, BASE)
    for i, p in enumerate(people):
        triples += mapping.membership_triples(Membership(p, rnd.choice(parties), prov(entries[0].id, i)), doc, BASE)
    pw = weights[: len(people)]
    for i in range(n_actors // 2):
        e = rnd.choice(entries).id
        about = tuple(sorted(set(rnd.choices(keys, weights, k=rnd.randint(1, 2)))))
        triples += mapping.statement_triples(Statement(rnd.choices(people, pw)[0], f"statement {i}", "direct",
                                                       prov(e, i), about=about), doc, BASE)
    for i in range(n_actors // 5):
        triples += mapping.claim_triples(Claim(rnd.choices(people, pw)[0], "criticises", f"evidence {i}",
                                               prov(rnd.choice(entries).id, i + 7),
                                               object=rnd.choices(keys, weights)[0]), doc, BASE)
    ds = Dataset(default_union=True)
    g = ds.graph(mapping.graph_iri(BASE, doc.id))
    for t in triples:
        g.add(t)
    return ds


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for flag in [*FLAGS, f"--user-data-dir={tempfile.mkdtemp(prefix='kg-bench-')}"]:
        opts.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


def settle_ms(driver, page: Path, timeout: float = 120.0) -> float:
    """performance.now() at stabilizationIterationsDone, after a fresh load from file://."""
    driver.get("about:blank")
    driver.get(page.resolve().as_uri())
    deadline = time.monotonic() + timeout
    while (t := driver.execute_script("return window.kgStabilisedAt")) is None:
        if time.monotonic() > deadline:
            return float("nan")
        time.sleep(0.05)
    return float(t)


def main(sizes: list[int]) -> list[dict]:
    out = Path(tempfile.mkdtemp(prefix="kg-bench-view-"))
    driver = browser()
    rows = []
    try:
        for n in sizes:
            t = time.perf_counter()
            ds = synthetic_graph(n)
            made = time.perf_counter() - t
            for cap in (0, V.DEFAULT_CAP):
                if cap and n <= cap:
                    continue
                page = out / f"view-{n}-{cap}.html"
                t = time.perf_counter()
                V.write_view(ds, page, title=f"bench {n}", cap=cap)
                build = time.perf_counter() - t
                payload = page.stat().st_size
                ms = settle_ms(driver, page)
                row = {"actors": n, "cap": cap or "none", "graph_s": round(made, 2), "build_s": round(build, 2),
                       "page_MB": round(payload / 1e6, 2), "settled_s": round(ms / 1000, 2)}
                rows.append(row)
                print(json.dumps(row), flush=True)
    finally:
        driver.quit()
        shutil.rmtree(out, ignore_errors=True)
    print(f"\n{'actors':>7} {'cap':>5} {'build s':>8} {'page MB':>8} {'settled s':>10}")
    for r in rows:
        print(f"{r['actors']:>7} {r['cap']!s:>5} {r['build_s']:>8} {r['page_MB']:>8} {r['settled_s']:>10}")
    return rows


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000, 5000])
