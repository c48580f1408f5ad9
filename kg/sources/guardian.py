"""The Guardian Content API reader: a saved (or fetched) item requested with ``show-blocks=all``.

The response's ``response.content.blocks.body[]`` holds one block per live-blog entry:
``title`` (the headline), ``bodyHtml`` (read as text, captions and embeds dropped) or
``bodyTextSummary``, ``publishedDate``/``firstPublishedDate``, ``lastModifiedDate``,
``createdBy`` (the writer) and ``attributes.keyEvent``/``summary``. All of that arrives
as entry metadata; only the body is text for the extractors.

Reading a saved response needs no key. Fetching one needs the user's own API key in
``KG_GUARDIAN_KEY``: :func:`api_url` adds it (and ``show-blocks=all``) to a
``content.guardianapis.com`` URL, and :func:`redact` keeps it out of every message.
"""
from __future__ import annotations

import json
import os
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..entries import Document
from ..errors import BadInputError
from . import apply_meta, clean_string
from .html import document_date, html_to_text, make_entry, parse_iso_time
from .text import number_entries

__all__ = ["parse_guardian", "is_guardian_response", "api_url", "redact", "API_HOST", "KEY_ENV"]

API_HOST = "content.guardianapis.com"
KEY_ENV = "KG_GUARDIAN_KEY"


def is_guardian_response(obj: object) -> bool:
    """A decoded JSON value shaped like a Content API item response."""
    return isinstance(obj, dict) and isinstance(obj.get("response"), dict) \
        and isinstance(obj["response"].get("content"), dict)


def api_url(url: str, key: str | None = None) -> str:
    """A Content API item URL with ``show-blocks=all`` and the API key (from ``KG_GUARDIAN_KEY``).

    Other URLs come back unchanged. A Content API URL without a key anywhere is an error
    that names the variable to set, before any request is made.
    """
    parts = urlsplit(url)
    if parts.hostname != API_HOST:
        return url
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query.setdefault("show-blocks", "all")
    key = key or os.environ.get(KEY_ENV, "")
    if "api-key" not in query:
        if not key:
            raise BadInputError(redact(url), f"the Guardian Content API needs a key: set {KEY_ENV} "
                                             "(see README, 'Web pages, feeds and APIs')")
        query["api-key"] = key
    return urlunsplit(parts._replace(query=urlencode(query)))


def redact(url: str) -> str:
    """The URL without its API key, for messages, cache names and document ids."""
    return re.sub(r"([?&]api-key=)[^&#]*", r"\1REDACTED", url)


def _author(created_by: object) -> str:
    if not isinstance(created_by, dict):
        return ""
    name = " ".join(str(created_by.get(k) or "").strip() for k in ("firstName", "lastName")).strip()
    return " ".join(name.split())


def parse_guardian(text: str, doc_id: str, source: str, meta: dict | None = None) -> Document:
    """Parse a Content API response (JSON text) into a :class:`Document`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInputError(source, f"malformed JSON ({exc.msg} at line {exc.lineno})") from None
    if not is_guardian_response(data):
        raise BadInputError(source, "not a Guardian Content API item (no response.content)")
    content = data["response"]["content"]
    doc = Document(id=doc_id, source=source, layout="guardian-api")
    apply_meta(doc, meta or {}, source)
    doc.title = doc.title or " ".join(clean_string(content.get("webTitle"), "webTitle", source).split())
    doc.url = doc.url or clean_string(content.get("webUrl"), "webUrl", source)
    doc.publisher = doc.publisher or "The Guardian"
    blocks = content.get("blocks") or {}
    body = blocks.get("body") if isinstance(blocks, dict) else None
    if not isinstance(body, list):
        raise BadInputError(source, "no blocks.body[]: request the item with show-blocks=all")
    entries = []
    for i, block in enumerate(body):
        if not isinstance(block, dict) or block.get("published") is False:
            continue
        where = f"{source}: block {i + 1}"
        html = clean_string(block.get("bodyHtml"), "bodyHtml", where)
        text_body = html_to_text(html) if html.strip() else clean_string(
            block.get("bodyTextSummary"), "bodyTextSummary", where)
        attrs = block.get("attributes") if isinstance(block.get("attributes"), dict) else {}
        entry = make_entry(
            clean_string(block.get("title"), "title", where), text_body,
            published=parse_iso_time(block.get("publishedDate") or block.get("firstPublishedDate"), doc.timezone),
            updated=parse_iso_time(block.get("lastModifiedDate"), doc.timezone),
            author=_author(block.get("createdBy")), key_event=bool(attrs.get("keyEvent")),
            summary=bool(attrs.get("summary")))
        if entry is not None:
            entries.append(entry)
    doc.entries = number_entries(entries, newest_first_default=True)
    document_date(doc, content.get("webPublicationDate"))
    return doc
