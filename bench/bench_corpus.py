"""Scale benchmark: the seed and invented variants, N documents, through kg and through spaCy alone.

    .venv/bin/python bench/bench_corpus.py --docs 500

Variants swap the seed's people for invented names and shuffle its sentences within
each block, so every document is new text of the seed's shape. Reports entries/s,
words/s, peak memory (ru_maxrss of this process and of the NLP workers), the ratio of
kg's whole build (read, NLP, extract, RDF, Turtle/TriG/HTML/summary) to spaCy's
``nlp.pipe`` alone over the same texts, and the throughput of 1 against 2 processes.
"""
from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEED = ROOT / "seeds" / "000_419dad81a3bebef5.txt"
FIRST = ["Amara", "Bryn", "Ciaran", "Delyth", "Eamon", "Fenella", "Gethin", "Harriet", "Idris", "Jocasta",
         "Kwame", "Lowri", "Magnus", "Niamh", "Oluwaseun", "Priya", "Quentin", "Rhiannon", "Sanjay", "Tamsin"]
LAST = ["Ashworth", "Blackwood", "Carrow", "Dunmore", "Ellery", "Fairbrother", "Greaves", "Hollis", "Ibbotson",
        "Jessop", "Kettering", "Lockhart", "Maddox", "Northcott", "Okafor", "Penrose", "Quayle", "Ravensworth"]
PEOPLE = ["Yvette Cooper", "Chris Philp", "Keir Starmer", "Elon Musk", "Kemi Badenoch", "Nigel Farage",
          "Jess Phillips", "Robert Jenrick", "Wes Streeting", "Richard Tice", "Tulip Siddiq", "Shockat Adam"]


def variant(text: str, i: int) -> str:
    """The seed with invented people and each block's body sentences shuffled (deterministic in ``i``)."""
    rng = random.Random(i)
    for person in PEOPLE:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        text = text.replace(person, f"{first} {last}").replace(person.split()[-1], last)
    blocks = text.split("\nShare\n")
    out = []
    for block in blocks:
        lines = block.split("\n")
        head, body = lines[:1], [l for l in lines[1:] if l and not re.match(r"^Updated at", l)]
        tail = [l for l in lines[1:] if re.match(r"^Updated at", l)]
        rng.shuffle(body)
        out.append("\n".join(head + body + tail))
    return "\nShare\n".join(out)


def make_corpus(folder: Path, n: int) -> list[Path]:
    seed = SEED.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"blog_{i:04d}.txt"
        p.write_text(seed if i == 0 else variant(seed, i), encoding="utf-8")
        paths.append(p)
    return paths


def _maxrss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def spacy_alone(paths: list[Path], n_process: int) -> tuple[float, int, int]:
    """nlp.pipe over exactly the entry texts kg parses; returns seconds, entries, words."""
    from kg.nlp import load_pipeline
    from kg.sources import read_document

    nlp = load_pipeline()

    def texts():
        for p in paths:
            for e in read_document(p).entries:
                yield e.text

    n_entries = sum(len(read_document(p).entries) for p in paths)
    words = sum(len(e.text.split()) for p in paths for e in read_document(p).entries)
    started = time.perf_counter()
    for _ in nlp.pipe(texts(), batch_size=32, n_process=n_process):
        pass
    return time.perf_counter() - started, n_entries, words


def kg_build(paths: list[Path], jobs: int, out: Path) -> tuple[float, float]:
    """kg's whole build as ``kg build`` runs it; returns (total seconds, build_dataset seconds)."""
    from kg.cli import write_build_outputs
    from kg.pipeline import build_dataset

    started = time.perf_counter()
    ds, report = build_dataset(paths, jobs=jobs)
    built = time.perf_counter() - started
    write_build_outputs(ds, out, title="bench")
    return time.perf_counter() - started, built


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=500, help="documents in the corpus (default 500)")
    ap.add_argument("--skip-parallel", action="store_true", help="skip the 2-process runs")
    args = ap.parse_args(argv)
    from kg.nlp import load_pipeline

    load_pipeline()                                   # not timed: loaded once per process either way
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_corpus(Path(tmp) / "corpus", args.docs)
        sp1, entries, words = spacy_alone(paths, 1)
        kg1, kg1_build = kg_build(paths, 1, Path(tmp) / "out1")
        print(f"corpus: {args.docs} documents, {entries} entries, {words} words")
        print(f"spaCy nlp.pipe alone, 1 process: {sp1:.1f} s ({entries / sp1:.1f} entries/s, {words / sp1:.0f} words/s)")
        print(f"kg build, 1 process: {kg1:.1f} s total, {kg1_build:.1f} s to the graph "
              f"({entries / kg1:.1f} entries/s, {words / kg1:.0f} words/s)")
        print(f"ratio kg whole build / spaCy alone: {kg1 / sp1:.2f} (target <= 1.5)")
        if not args.skip_parallel:
            sp2, _, _ = spacy_alone(paths, 2)
            kg2, kg2_build = kg_build(paths, 2, Path(tmp) / "out2")
            print(f"spaCy nlp.pipe alone, 2 processes: {sp2:.1f} s ({sp1 / sp2:.2f}x of 1 process)")
            print(f"kg build, 2 processes: {kg2:.1f} s total, {kg2_build:.1f} s to the graph "
                  f"({kg1 / kg2:.2f}x the throughput of 1 process; target >= 1.6)")
        print(f"peak memory: {_maxrss_mb(resource.RUSAGE_SELF):.0f} MB this process, "
              f"{_maxrss_mb(resource.RUSAGE_CHILDREN):.0f} MB largest worker (target < 2048 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
