"""The same facts whatever the format: the seed as text, as a LiveBlogPosting page and as JSON Lines.

The page and the JSON Lines are rendered here from the seed's entries (so they cannot
drift from it); the page's visible HTML carries furniture (cookie banner, captions,
credits, share widgets, bylines) that must not reach the extractors.
"""
from __future__ import annotations

import html
import json

import pytest

from kg.pipeline import extract_document
from kg.sources import read_document

from ..conftest import SEED


def body_of(entry) -> str:
    return entry.text[entry.body_start:] if entry.headline else entry.text


def render_live_blog_page(doc) -> str:
    """A schema.org LiveBlogPosting page of ``doc``, newest entry first, with page furniture."""
    updates = []
    for e in doc.entries:
        item = {"@type": "BlogPosting", "articleBody": body_of(e)}
        if e.headline:
            item["headline"] = e.headline
        if e.published:
            item["datePublished"] = e.published.isoformat()
        if e.updated:
            item["dateModified"] = e.updated.isoformat()
        if e.author:
            item["author"] = {"@type": "Person", "name": e.author}
        updates.append(item)
    ld = {"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": doc.title,
          "datePublished": f"{doc.date.isoformat()}T08:00:00+00:00", "liveBlogUpdate": updates}
    visible = "".join(
        f"<article><h2>{html.escape(e.headline)}</h2><p class=byline>By Ann Example</p>"
        + "".join(f"<p>{html.escape(line)}</p>" for line in body_of(e).split("\n"))
        + "<figure><img src=x.jpg><figcaption>A minister arrives. Photograph: Bo Example/PA</figcaption></figure>"
          "<div class=share><button>Share</button><a>Facebook</a><a>Twitter</a></div></article>"
        for e in doc.entries)
    return ("<!DOCTYPE html><html><head><meta charset=utf-8><title>Live</title>"
            f"<script type=\"application/ld+json\">{json.dumps(ld, ensure_ascii=False)}</script></head><body>"
            "<div class=cookie-banner><p>We use cookies to improve your experience.</p>"
            "<button>Accept and continue</button></div>"
            f"<main>{visible}</main><footer>Reuse this content</footer></body></html>")


def render_jsonl(doc) -> str:
    """The documented JSON Lines of ``doc``: a document line, then its entries in reading order."""
    lines = [json.dumps({"document": {"title": doc.title, "date": doc.date.isoformat(),
                                      "timezone": doc.timezone}}, ensure_ascii=False)]
    for e in doc.entries:
        row = {"id": e.id, "headline": e.headline, "text": body_of(e), "author": e.author,
               "summary": e.is_summary}
        if e.published:
            row["time"] = e.published.isoformat()
        if e.updated:
            row["updated"] = e.updated.isoformat()
        lines.append(json.dumps(row, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def fact_sets(doc) -> dict[str, set]:
    facts = extract_document(doc)
    return {
        "actors": {(e.key, e.type, e.name, frozenset(e.aliases)) for e in facts.entities.values()},
        "statements": set(facts.statements),
        "claims": set(facts.claims),
        "memberships": set(facts.memberships),
        "roles": set(facts.roles),
    }


@pytest.fixture(scope="module")
def renderings(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seed-formats")
    text_doc = read_document(SEED)
    page = folder / "seed.html"
    page.write_text(render_live_blog_page(text_doc), encoding="utf-8")
    lines = folder / "seed.jsonl"
    lines.write_text(render_jsonl(text_doc), encoding="utf-8")
    return text_doc, read_document(page), read_document(lines)


def test_every_format_gives_the_same_entries(renderings):
    text_doc, page_doc, jsonl_doc = renderings
    assert page_doc.layout == "html-json-ld" and jsonl_doc.layout == "jsonl"
    by_id = {e.id: e for e in text_doc.entries}
    for other in (page_doc, jsonl_doc):
        assert len(other.entries) == len(text_doc.entries) == 20
        for e in other.entries:
            t = by_id[e.id]
            assert (e.text, e.headline, e.author, e.published, e.updated, e.is_summary, e.ordinal) == \
                (t.text, t.headline, t.author, t.published, t.updated, t.is_summary, t.ordinal), e.id
    page_text = "\n".join(e.text for e in page_doc.entries)
    for furniture in ("cookies", "Photograph: Bo Example", "Ann Example", "Facebook", "Reuse this content"):
        assert furniture not in page_text


@pytest.mark.slow
def test_every_format_gives_the_same_facts(renderings):
    text_doc, page_doc, jsonl_doc = renderings
    expected = fact_sets(text_doc)
    assert len(expected["statements"]) > 20 and len(expected["actors"]) > 20 and expected["claims"]
    for doc in (page_doc, jsonl_doc):
        got = fact_sets(doc)
        for kind in expected:
            assert got[kind] == expected[kind], (doc.layout, kind, got[kind] ^ expected[kind])
