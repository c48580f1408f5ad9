"""The HTML reader: saved or fetched live-blog pages.

Three ways in, best first:

1. **JSON-LD**: the schema.org ``LiveBlogPosting`` that publishers embed for search
   engines (``<script type="application/ld+json">``), whose ``liveBlogUpdate`` items
   carry ``headline``, ``articleBody``, ``datePublished``, ``dateModified`` and
   ``author``: every entry arrives with its time and writer as structure.
2. **Microdata**: the same vocabulary as ``itemscope``/``itemprop`` attributes.
3. **Main text**: a page with neither is reduced to its main text by trafilatura and
   then segmented by the text reader's time-led rules (``12.41pm GMT`` opens an entry).

Structured data is read with selectolax (the Lexbor HTML parser) and the standard
``json`` module rather than extruct: the page needs only two syntaxes, and extruct
brings seven more packages (an RDFa parser, microformats, html5lib ...) for them.
Entry bodies pass the text reader's furniture stage (``clean_lines``), so a credit or a
"Share" label left inside a body never reaches the extractors; headline, author and
times stay metadata.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from ..entries import Document, Entry
from . import apply_meta, clean_string
from .text import clean_lines, is_summary_heading, number_entries, parse_text

__all__ = ["parse_html", "html_to_text", "parse_iso_time", "find_live_blog", "main_text", "declared_charset"]

#: elements whose text is never article text: scripts, media furniture, widgets, chrome
_DROP = ("script", "style", "noscript", "template", "svg", "iframe", "figure", "figcaption", "aside",
         "button", "nav", "footer", "header", "form", "select", "dialog")
#: elements that end a line of text
_BLOCKS = ("p", "div", "li", "ul", "ol", "br", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
           "tr", "section", "article", "time", "pre", "dd", "dt", "hr")
_TAG = re.compile(r"<[a-zA-Z/!][^>]*>")


def parse_iso_time(value: object, tzname: str = "Europe/London") -> datetime | None:
    """An ISO 8601 time as an aware datetime, or None for a missing or garbled one.

    A structured page with one bad date is still worth reading, so a bad value is
    dropped rather than refusing the page; a time without an offset takes ``tzname``.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        t = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if t.tzinfo is None:
        try:
            t = t.replace(tzinfo=ZoneInfo(tzname))
        except Exception:
            return None
    return t


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag within its first 4 KB, if not UTF-8.

    A saved page carries its encoding in its markup rather than in an HTTP header; a
    Windows-1252 page that says so is read as such instead of being refused.
    """
    head = data[:4096]
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return None                 # a text that merely quotes a tag is not a page
    m = _META_CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    return None if name in ("utf-8", "utf8", "us-ascii") else name


def _parser(html: str):
    from selectolax.lexbor import LexborHTMLParser

    return LexborHTMLParser(html)


def html_to_text(fragment: str) -> str:
    """Readable text of an HTML fragment: one line per paragraph, no captions, scripts or widgets."""
    if not _TAG.search(fragment):
        return fragment.strip()
    tree = _parser(fragment)
    for node in tree.css(",".join(_DROP)):
        node.decompose()
    for node in tree.css(",".join(_BLOCKS)):
        node.insert_before("\n")
    root = tree.body or tree.root
    text = root.text(separator="") if root is not None else ""
    return "\n".join(" ".join(line.split()) for line in text.split("\n") if line.strip())


# --- structured data ---------------------------------------------------------------------------

def _types(obj: dict) -> set[str]:
    t = obj.get("@type", obj.get("type", []))
    items = t if isinstance(t, list) else [t]
    return {str(x).rsplit("/", 1)[-1] for x in items}


def _walk(obj) -> Iterator[dict]:
    """Every JSON object in a JSON-LD value (``@graph`` arrays, nested lists, sub-objects)."""
    if isinstance(obj, dict):
        yield obj
        for v in obj.values():
            yield from _walk(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _walk(v)


def json_ld_objects(tree) -> Iterator[dict]:
    """Objects of every JSON-LD script; a script that is not valid JSON is skipped."""
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(node.text(deep=True) or "")
        except (json.JSONDecodeError, ValueError):
            continue
        yield from _walk(data)


def _microdata_value(node):
    if "itemscope" in node.attributes:
        return _microdata_item(node)
    attrs = node.attributes
    if node.tag == "meta":
        return attrs.get("content") or ""
    if node.tag == "time" and attrs.get("datetime"):
        return attrs["datetime"]
    if node.tag in ("a", "link", "area") and attrs.get("href"):
        return attrs["href"]
    if node.tag == "img" and attrs.get("src"):
        return attrs["src"]
    if attrs.get("content"):
        return attrs["content"]
    return html_to_text(node.html or "")


def _microdata_item(node) -> dict:
    """One microdata item as a JSON-LD-shaped dict (``@type`` and its properties)."""
    item: dict = {"@type": (node.attributes.get("itemtype") or "").split()}
    stack = list(node.iter(include_text=False))
    while stack:
        child = stack.pop(0)
        prop = child.attributes.get("itemprop")
        if prop:
            value = _microdata_value(child)
            for name in prop.split():
                if name in item:
                    if not isinstance(item[name], list):
                        item[name] = [item[name]]
                    item[name].append(value)
                else:
                    item[name] = value
        if "itemscope" not in child.attributes:
            stack[0:0] = list(child.iter(include_text=False))
    return item


def microdata_objects(tree) -> Iterator[dict]:
    """Top-level microdata items of the page (nested items are inside their parents)."""
    for node in tree.css("[itemscope]"):
        if "itemprop" not in node.attributes:
            yield from _walk(_microdata_item(node))


def find_live_blog(html: str) -> tuple[dict | None, str]:
    """The page's ``LiveBlogPosting`` as a JSON-LD-shaped dict and where it came from."""
    tree = _parser(html)
    for where, objects in (("json-ld", json_ld_objects(tree)), ("microdata", microdata_objects(tree))):
        for obj in objects:
            if "LiveBlogPosting" in _types(obj):
                return obj, where
    return None, ""


def _first(value) -> object:
    return value[0] if isinstance(value, list) and value else value


def _names(value) -> str:
    """Author(s) as one string: a name, a Person object, or a list of either."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        name = _first(name)
        if isinstance(name, str) and name.strip():
            names.append(" ".join(name.split()))
    return " and ".join(dict.fromkeys(names))


def _text_of(value, field: str, source: str) -> str:
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("@value") or value.get("text") or ""
    return clean_string(value if isinstance(value, str) else "", field, source)


@dataclass(frozen=True)
class _Update:
    headline: str
    body: str
    published: datetime | None
    updated: datetime | None
    author: str


def _update(obj: dict, tzname: str, source: str) -> _Update:
    body = _text_of(obj.get("articleBody") or obj.get("text") or obj.get("description"), "articleBody", source)
    return _Update(headline=" ".join(html_to_text(_text_of(obj.get("headline"), "headline", source)).split()),
                   body=html_to_text(body), published=parse_iso_time(_first(obj.get("datePublished")), tzname),
                   updated=parse_iso_time(_first(obj.get("dateModified")), tzname),
                   author=_names(obj.get("author")))


def make_entry(headline: str, body: str, *, published: datetime | None, updated: datetime | None,
               author: str = "", key_event: bool = False, summary: bool = False, raw: str = "") -> Entry | None:
    """An entry from structured fields: the body's furniture dropped, the headline its first line."""
    headline = " ".join(headline.split())
    lines = clean_lines(body.split("\n"))
    if headline and lines and lines[0] == headline:
        lines = lines[1:]
    texts = ([headline] if headline else []) + lines
    if not lines and not headline:
        return None
    if updated is not None and published is not None and updated == published:
        updated = None
    return Entry(id="", ordinal=0, position=0, text="\n".join(texts), raw=raw or "\n".join(texts),
                 headline=headline, author=author, published=published, updated=updated,
                 is_summary=summary or (bool(headline) and is_summary_heading(headline)),
                 key_event=key_event)


def document_date(doc: Document, *candidates: object) -> None:
    """Set the document's date from the first candidate time, else its earliest entry."""
    if doc.date is not None:
        return
    for value in candidates:
        t = value if isinstance(value, datetime) else parse_iso_time(_first(value), doc.timezone)
        if t is not None:
            doc.date = _local_date(t, doc.timezone)
            return
    times = [e.time for e in doc.entries if e.time is not None]
    if times:
        doc.date = _local_date(min(times), doc.timezone)


def _local_date(t: datetime, tzname: str) -> date:
    try:
        return t.astimezone(ZoneInfo(tzname)).date()
    except Exception:
        return t.date()


def _live_blog_document(blog: dict, where: str, html: str, doc_id: str, source: str, meta: dict) -> Document:
    doc = Document(id=doc_id, source=source, layout=f"html-{where}")
    apply_meta(doc, meta, source)
    doc.title = doc.title or " ".join(_text_of(blog.get("headline") or blog.get("name"), "headline", source).split()) \
        or page_title(html)
    doc.url = doc.url or _text_of(blog.get("url") or blog.get("mainEntityOfPage"), "url", source)
    doc.author = doc.author or _names(blog.get("author"))
    doc.publisher = doc.publisher or _names(blog.get("publisher"))
    updates = blog.get("liveBlogUpdate") or []
    updates = updates if isinstance(updates, list) else [updates]
    entries = []
    for obj in updates:
        if not isinstance(obj, dict):
            continue
        u = _update(obj, doc.timezone, source)
        entry = make_entry(u.headline, u.body, published=u.published, updated=u.updated, author=u.author)
        if entry is not None:
            entries.append(entry)
    doc.entries = number_entries(entries, newest_first_default=True)
    document_date(doc, blog.get("coverageStartTime"), blog.get("datePublished"))
    return doc


#: where a page without structured data states its date, most specific first
_DATE_SELECTORS = ('meta[property="article:published_time"]', 'meta[name="article:published_time"]',
                   'meta[itemprop="datePublished"]', 'meta[name="date"]', 'meta[name="dc.date"]',
                   "time[datetime]")


def page_date(html: str, tzname: str = "Europe/London") -> date | None:
    """The date a page states in its metadata (``article:published_time``, ``<time datetime>``)."""
    tree = _parser(html)
    for selector in _DATE_SELECTORS:
        node = tree.css_first(selector)
        if node is None:
            continue
        value = node.attributes.get("content") or node.attributes.get("datetime") or ""
        t = parse_iso_time(value, tzname)
        if t is not None:
            return _local_date(t, tzname)
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            continue
    return None


def page_title(html: str) -> str:
    """The page's ``og:title`` or ``<title>``, for a document without structured data."""
    tree = _parser(html)
    node = tree.css_first('meta[property="og:title"]')
    if node is not None and node.attributes.get("content"):
        return " ".join(node.attributes["content"].split())
    node = tree.css_first("title")
    return " ".join(node.text().split()) if node is not None else ""


#: page chrome removed before main-text extraction: navigation, widgets, media and consent walls
_CHROME = ("nav", "footer", "aside", "form", "button", "dialog", "figure", "figcaption", "script", "style",
           "noscript", "iframe", "svg", "template", "[class*=cookie]", "[id*=cookie]", "[class*=consent]",
           "[id*=consent]", "[role=navigation]", "[role=banner]", "[aria-hidden=true]")


def _strip_chrome(html: str) -> str:
    """The page without chrome, ``<time>`` elements turned into paragraphs.

    trafilatura drops ``<time>``, but the clock it holds is what the time-led segmentation
    needs to find where an entry begins; and with ``favor_recall`` it keeps a lone menu
    item of a page that has no article, which must not become an entry.
    """
    tree = _parser(html)
    for node in tree.css(",".join(_CHROME)):
        node.decompose()
    for node in tree.css("time"):
        text = " ".join(node.text().split())
        node.replace_with(_parser(f"<p>{_escape(text)}</p>").css_first("p")) if text else node.decompose()
    return tree.html or ""


def _escape(text: str) -> str:
    import html as _html

    return _html.escape(text, quote=False)


def main_text(html: str) -> str:
    """The page's main text, one paragraph per line (trafilatura; tables and comments left out).

    Chosen over readability-lxml by ``bench/bench_main_text.py`` on the fixture pages:
    readability lost the title, the dateline and an entry, and kept share widgets.
    """
    import trafilatura

    return trafilatura.extract(_strip_chrome(html), output_format="txt", include_comments=False,
                               include_tables=False, include_images=False, favor_recall=True,
                               deduplicate=False, with_metadata=False) or ""


def parse_html(html: str, doc_id: str, source: str, meta: dict | None = None) -> Document:
    """Parse a live-blog page into a :class:`Document` (structured data first, else main text)."""
    meta = dict(meta or {})
    blog, where = find_live_blog(html)
    if blog is not None:
        doc = _live_blog_document(blog, where, html, doc_id, source, meta)
        if doc.entries:
            return doc
    text = main_text(html)
    doc = parse_text(text, doc_id, source, meta)
    if doc.date is None:
        day = page_date(html, doc.timezone)
        if day is not None:           # clock times need the day: read the text again with it
            doc = parse_text(text, doc_id, source, {**meta, "date": day.isoformat()})
    doc.layout = f"html-text-{doc.layout}"
    doc.title = doc.title or page_title(html)
    return doc
