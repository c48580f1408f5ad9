"""Readers: one per input format, each turning a file into a :class:`Document`.

A file named on the command line is read by its content (:func:`sniff_format`: an HTML
page, an RSS or Atom feed, a Guardian Content API response, JSON Lines, else a text
dump); its extension decides only when the content does not. In a folder only the
documented extensions are read (:data:`FOLDER_SUFFIXES`). Decoding is strict: a file
kg cannot read with confidence raises :class:`~kg.errors.BadInputError` naming the
problem rather than producing a graph of mojibake.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..entries import Document
from ..errors import BadInputError

__all__ = ["FORMATS", "FOLDER_SUFFIXES", "MAX_FILE_BYTES", "MAX_ENTRY_CHARS", "read_document", "iter_source_files",
           "decode_bytes", "read_sidecar", "doc_id_for", "check_entry_sizes", "sniff_format", "parse_source",
           "read_data", "is_url", "date_warning"]

#: file extensions each reader claims (longest first where one ends another)
FORMATS = {"text": (".txt", ".text", ".md"), "jsonl": (".jsonl", ".ndjson"),
           "html": (".html", ".htm", ".xhtml"), "feed": (".rss", ".atom", ".xml"),
           "guardian": (".guardian.json", ".json")}
#: what a folder build reads: the documented formats (a README.md beside the blogs is not one;
#: a .md file named on the command line is still read as text). A plain ``.json`` in a folder is
#: an answer key by this project's convention; a saved API response there is ``NAME.guardian.json``
FOLDER_SUFFIXES = (".txt", ".text", ".jsonl", ".ndjson", ".html", ".htm", ".rss", ".atom", ".xml",
                   ".guardian.json")
#: every suffix a document id drops, longest first
_ID_SUFFIXES = tuple(sorted({s for exts in FORMATS.values() for s in exts}, key=len, reverse=True))
#: files that are never documents: sidecars, answer keys, hidden files
_SKIP_SUFFIXES = (".meta.json",)
#: a live blog is ~100 KB; a bigger file is a mistake (a dump, a video) and would cost GBs once parsed
MAX_FILE_BYTES = 64 * 1024 * 1024
#: spaCy's own ``nlp.max_length``: its parser needs ~1 GB per 100,000 words of one text, so
#: an entry longer than this is refused with a message rather than crashing the NLP stage
MAX_ENTRY_CHARS = 1_000_000
#: control characters no RDF format can carry everywhere (XML 1.0 forbids them); \t and \n stay,
#: \v and \f become line breaks, U+FFFE/U+FFFF are non-characters
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]")
_BREAKS = re.compile("\r\n?|[\v\f]")


def doc_id_for(path: Path) -> str:
    """A document id from its file name: lower-case, safe in an IRI path segment."""
    stem = _stem(path.name)
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-.").lower()
    return slug or "document"


def _stem(name: str) -> str:
    """A file name without the format suffix kg knows it by (``blog.guardian.json`` -> ``blog``)."""
    for suffix in _ID_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def is_url(source: object) -> bool:
    """A source to fetch rather than a path to open."""
    return isinstance(source, str) and bool(re.match(r"(?i)https?://", source))


def decode_bytes(data: bytes, source: str, encoding: str | None = None) -> str:
    """Decode a file's bytes, refusing what is empty, binary or not the encoding.

    UTF-8 (with or without BOM) is the default; UTF-16 and UTF-32 are accepted
    only with a BOM, which makes them unambiguous. Any other encoding must be
    asked for by name, because guessing Latin-1 silently corrupts names.
    """
    if not data:
        raise BadInputError(source, "empty file")
    if encoding:
        try:
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError) as exc:
            raise BadInputError(source, f"cannot decode as {encoding}: {exc}") from None
    elif data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        text = _decode_or_fail(data, "utf-32", source)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _decode_or_fail(data, "utf-16", source)
    else:
        if b"\x00" in data[:65536]:
            if _looks_utf16(data[:65536]):
                raise BadInputError(source, "looks like UTF-16 without a byte-order mark; "
                                            "pass --encoding utf-16-le (or utf-16-be)")
            raise BadInputError(source, "binary file (contains NUL bytes); expected text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise BadInputError(
                f"{source}:{line}",
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                "convert it to UTF-8 or pass --encoding (e.g. cp1252)") from None
    if _looks_binary(text):
        raise BadInputError(source, "binary file (mostly control characters); expected text")
    if text.startswith("\ufeff"):          # a BOM kept by an explicit --encoding utf-8/utf-16-le
        text = text[1:]
    if not text.strip():
        raise BadInputError(source, "no text (whitespace only)")
    return normalize_text(text)


def normalize_text(text: str) -> str:
    """LF line ends and no control characters, so every offset and every literal is portable.

    CRLF and lone CR become LF (a Mac-era dump builds the same graph as a Unix one);
    controls that XML 1.0 cannot hold are dropped here, once, instead of breaking an export.
    """
    if "\r" in text or "\v" in text or "\f" in text:
        text = _BREAKS.sub("\n", text)
    if _CONTROLS.search(text):
        text = _CONTROLS.sub("", text)
    return text


def _looks_utf16(sample: bytes) -> bool:
    """Text in UTF-16 without BOM: one byte of each pair mostly NUL, the other mostly printable."""
    if len(sample) < 4:
        return False
    for zeros, chars in ((sample[0::2], sample[1::2]), (sample[1::2], sample[0::2])):
        printable = sum(1 for b in chars if b >= 0x20 or b in (9, 10, 13))
        if zeros.count(0) > 0.6 * len(zeros) and printable > 0.9 * len(chars):
            return True
    return False


def _decode_or_fail(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise BadInputError(source, f"truncated or invalid {encoding.upper()}: {exc.reason}") from None


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return controls / len(sample) > 0.05


def read_sidecar(path: Path) -> dict:
    """Metadata beside a document: ``NAME.meta.json`` ({"title", "date", ...})."""
    stem = _stem(path.name)
    meta_path = path.with_name(stem + ".meta.json")
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInputError(str(meta_path), f"malformed metadata: {exc}") from None
    if not isinstance(meta, dict):
        raise BadInputError(str(meta_path), "metadata must be a JSON object")
    return meta


def clean_string(value: object, field: str, source: str) -> str:
    """A metadata or JSON field as clean text: scalars only, normalised, no lone surrogates.

    JSON may smuggle in what a byte decoder never produces (``"\\ud800"``, ``"\\u0000"``);
    a lone surrogate cannot be written as UTF-8, so it is refused here, not at export.
    """
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise BadInputError(source, f"{field!r} must be a string, not {type(value).__name__}")
    text = normalize_text(str(value))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise BadInputError(source, f"{field!r} holds an invalid \\u escape (lone surrogate)") from None
    return text


def apply_meta(doc: Document, meta: dict, source: str) -> None:
    """Copy known metadata keys onto a document, validating the date."""
    meta = {k: clean_string(v, k, source) for k, v in meta.items()
            if k in ("title", "date", "timezone", "url", "author", "publisher", "id")}
    if meta.get("title"):
        doc.title = str(meta["title"])
    if meta.get("date"):
        try:
            doc.date = date.fromisoformat(str(meta["date"])[:10])
        except ValueError:
            raise BadInputError(source, f"metadata date {meta['date']!r} is not YYYY-MM-DD") from None
    for key in ("timezone", "url", "author", "publisher"):
        if meta.get(key):
            setattr(doc, key, str(meta[key]))
    if meta.get("id"):
        doc.id = re.sub(r"[^A-Za-z0-9_.-]+", "-", str(meta["id"])).strip("-.").lower() or doc.id


def format_for(path: Path, forced: str | None = None) -> str:
    """The format a file's name claims (``text`` when none does), or the forced one."""
    if forced:
        if forced not in FORMATS:
            raise BadInputError(str(path), f"unknown format {forced!r}; choose from {', '.join(FORMATS)}")
        return forced
    name = path.name.lower()
    for fmt, exts in FORMATS.items():
        if name.endswith(exts):
            return fmt
    return "text"


_XML_PROLOGUE = re.compile(r"\A(?:\s|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)*", re.S | re.I)


def sniff_format(text: str, name: str = "") -> str:
    """The format of a document from its first characters, else from its name.

    ``<html``/``<!DOCTYPE html`` is a page, ``<rss``/``<feed``/``<rdf:RDF`` a feed, a JSON
    object holding ``response.content`` a Content API item, any other leading JSON object
    JSON Lines; anything else is read by the name's extension (``text`` by default).
    """
    head = text[:4096].lstrip("\ufeff \t\r\n")
    low = head[:200].lower()
    if low.startswith(("<!doctype html", "<html")):
        return "html"
    rest = head[_XML_PROLOGUE.match(head).end():].lower() if head.startswith("<") else ""
    if rest.startswith(("<rss", "<feed", "<rdf:rdf")):
        return "feed"
    if rest.startswith(("<html", "<head", "<body")):
        return "html"
    if head.startswith("{"):
        fmt = _sniff_json(text.lstrip("\ufeff \t\r\n"))
        if fmt:
            return fmt
    return format_for(Path(name or "document.txt"))


def _sniff_json(text: str) -> str:
    """``guardian`` for a Content API response, ``jsonl`` when the first line is a JSON object, else ''."""
    from .guardian import is_guardian_response

    end = text.find("\n")
    first = text if end < 0 else text[:end]
    for candidate in (first,) if end < 0 else (first, text):
        try:
            value = json.loads(candidate)
        except (json.JSONDecodeError, RecursionError):
            continue
        if is_guardian_response(value):
            return "guardian"
        if candidate is first and isinstance(value, dict):
            return "jsonl"
    return ""


def check_entry_sizes(text: str, source: str) -> None:
    """Refuse a text line longer than :data:`MAX_ENTRY_CHARS` before any regex walks it.

    Such a line would be one oversized entry anyway; refusing it here keeps a 50 MB
    one-line file to a second of work instead of minutes in the layout rules.
    """
    if len(text) <= MAX_ENTRY_CHARS:
        return
    for lineno, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_ENTRY_CHARS:
            raise BadInputError(f"{source}:{lineno}", _too_long(len(line), "line"))


def _too_long(n: int, what: str) -> str:
    return (f"{what} of {n:,} characters; kg refuses entries over {MAX_ENTRY_CHARS:,} characters "
            "(the NLP limit): split it into smaller entries")


def _read_bytes(path: Path, source: str) -> bytes:
    """The file's bytes, refusing directories, unreadable files and files over the size limit."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise IsADirectoryError
        if size > MAX_FILE_BYTES:
            raise BadInputError(source, f"file of {size:,} bytes; kg refuses documents over "
                                        f"{MAX_FILE_BYTES:,} bytes (split the live blog)")
        return path.read_bytes()
    except IsADirectoryError:
        raise BadInputError(source, "is a directory") from None
    except OSError as exc:
        raise BadInputError(source, f"cannot read: {exc.strerror or exc}") from None


def parse_source(text: str, fmt: str, doc_id: str, source: str, meta: dict) -> Document:
    """Decoded text -> :class:`Document` by the reader of ``fmt``."""
    if fmt == "text":
        check_entry_sizes(text, source)
    if fmt == "jsonl":
        from .jsonl import parse_jsonl
        return parse_jsonl(text, doc_id, source, meta)
    if fmt == "html":
        from .html import parse_html
        return parse_html(text, doc_id, source, meta)
    if fmt == "feed":
        from .feed import parse_feed
        return parse_feed(text, doc_id, source, meta)
    if fmt == "guardian":
        from .guardian import parse_guardian
        return parse_guardian(text, doc_id, source, meta)
    from .text import parse_text
    return parse_text(text, doc_id, source, meta)


def read_data(data: bytes, source: str, doc_id: str, *, name: str = "", format: str | None = None,
              encoding: str | None = None, meta: dict | None = None,
              default_date: date | None = None) -> Document:
    """Bytes of a file or a fetched page -> :class:`Document`, the format sniffed from the content.

    ``default_date`` (``--date``) dates a document that gives no date of its own; the text
    is read again with it, since a text dump's clock times need a day to become times.
    """
    if encoding is None:
        from .html import declared_charset

        encoding = declared_charset(data)
    text = decode_bytes(data, source, encoding)
    del data
    meta = dict(meta or {})
    fmt = format_for(Path(name or source), format) if format else sniff_format(text, name or source)
    doc = parse_source(text, fmt, doc_id, source, meta)
    if doc.date is None and default_date is not None and not meta.get("date"):
        doc = parse_source(text, fmt, doc_id, source, {**meta, "date": default_date.isoformat()})
    if not doc.entries:
        raise BadInputError(source, "no entries found (only page furniture?)")
    for entry in doc.entries:
        if len(entry.text) > MAX_ENTRY_CHARS:
            raise BadInputError(source, _too_long(len(entry.text), f"entry {entry.id}"))
    return doc


def read_document(path: str | Path, format: str | None = None, encoding: str | None = None,
                  default_date: date | None = None) -> Document:
    """Read one file into a :class:`Document` with its entries.

    Every failure is a :class:`BadInputError` naming the file (and line where known):
    the caller decides whether one bad file stops a build.
    """
    path = Path(path)
    source = str(path)
    data = _read_bytes(path, source)
    return read_data(data, source, doc_id_for(path), name=path.name, format=format, encoding=encoding,
                     meta=read_sidecar(path), default_date=default_date)


def date_warning(doc: Document) -> str | None:
    """One line for a document with no date anywhere (metadata, page or entry times), else None."""
    if doc.date is not None or any(e.time is not None for e in doc.entries):
        return None
    return (f"{doc.source}: no date anywhere (no metadata, dateline or entry times); "
            "entry times are unknown: pass --date YYYY-MM-DD")


def iter_source_files(paths: list[str | Path], skipped: list[Path] | None = None) -> Iterator[Path | str]:
    """Expand directories (sorted, non-recursive into hidden dirs) into document files.

    In a folder only the documented formats are read; the other files are appended to
    ``skipped`` (answer keys and sidecars excepted) so the caller can list them.
    """
    for p in paths:
        if is_url(p):
            yield p                 # fetched by the caller (kg.sources.fetch)
            continue
        p = Path(p)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                if not child.is_file() or any(part.startswith(".") for part in child.relative_to(p).parts) \
                        or child.name.endswith(_SKIP_SUFFIXES):
                    continue
                if child.name.lower().endswith(FOLDER_SUFFIXES):
                    yield child
                elif skipped is not None and child.suffix.lower() != ".json":
                    skipped.append(child)
        else:
            yield p
