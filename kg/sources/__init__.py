"""Readers: one per input format, each turning a file into a :class:`Document`.

The format is chosen by extension (``.txt`` -> text dump, ``.jsonl`` -> JSON
Lines) or forced with ``format=``. Decoding is strict: a file kg cannot read
with confidence raises :class:`~kg.errors.BadInputError` naming the problem
rather than producing a graph of mojibake.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..entries import Document
from ..errors import BadInputError

__all__ = ["FORMATS", "read_document", "iter_source_files", "decode_bytes", "read_sidecar",
           "doc_id_for"]

#: file extensions each reader claims
FORMATS = {"text": (".txt", ".text", ".md"), "jsonl": (".jsonl", ".ndjson")}
#: files that are never documents: sidecars, answer keys, hidden files
_SKIP_SUFFIXES = (".meta.json",)


def doc_id_for(path: Path) -> str:
    """A document id from its file name: lower-case, safe in an IRI path segment."""
    stem = path.name
    for suffix in (".txt", ".text", ".md", ".jsonl", ".ndjson"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-.").lower()
    return slug or "document"


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
            raise BadInputError(source, "binary file (contains NUL bytes); expected text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise BadInputError(
                source,
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                "convert it or pass --encoding (e.g. cp1252)") from None
    if _looks_binary(text):
        raise BadInputError(source, "binary file (mostly control characters); expected text")
    if not text.strip():
        raise BadInputError(source, "no text (whitespace only)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
    stem = path.name
    for suffix in (".txt", ".text", ".md", ".jsonl", ".ndjson"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
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


def apply_meta(doc: Document, meta: dict, source: str) -> None:
    """Copy known metadata keys onto a document, validating the date."""
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
    if forced:
        if forced not in FORMATS:
            raise BadInputError(str(path), f"unknown format {forced!r}; choose from {', '.join(FORMATS)}")
        return forced
    name = path.name.lower()
    for fmt, exts in FORMATS.items():
        if name.endswith(exts):
            return fmt
    return "text"


def read_document(path: str | Path, format: str | None = None, encoding: str | None = None) -> Document:
    """Read one file into a :class:`Document` with its entries."""
    path = Path(path)
    source = str(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise BadInputError(source, "is a directory") from None
    except OSError as exc:
        raise BadInputError(source, f"cannot read: {exc.strerror or exc}") from None
    fmt = format_for(path, format)
    text = decode_bytes(data, source, encoding)
    meta = read_sidecar(path)
    if fmt == "jsonl":
        from .jsonl import parse_jsonl
        doc = parse_jsonl(text, doc_id_for(path), source, meta)
    else:
        from .text import parse_text
        doc = parse_text(text, doc_id_for(path), source, meta)
    if not doc.entries:
        raise BadInputError(source, "no entries found (only page furniture?)")
    return doc


def iter_source_files(paths: list[str | Path]) -> Iterator[Path]:
    """Expand directories (sorted, non-recursive into hidden dirs) into document files."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                if child.is_file() and not any(part.startswith(".") for part in child.relative_to(p).parts) \
                        and not child.name.endswith(_SKIP_SUFFIXES) \
                        and child.suffix.lower() in {e for exts in FORMATS.values() for e in exts}:
                    yield child
        else:
            yield p
