"""Main-text extractors compared on the fixture pages: trafilatura vs readability-lxml.

For pages without structured data kg reduces the HTML to its main text and segments
it by time. What matters is (1) every body line kept, (2) every entry's time line
kept (else entries merge), (3) no furniture, (4) the title and dateline kept. Truth
for the pages with structured data is their own JSON-LD/microdata; the visible HTML
is what the extractors see. Run: ``.venv/bin/python bench/bench_main_text.py``
(readability-lxml is not a dependency: ``pip install readability-lxml==0.9`` first).
"""
from __future__ import annotations

import re
import time
from pathlib import Path

from kg.sources.html import _strip_chrome, find_live_blog, html_to_text, main_text

INPUTS = Path(__file__).resolve().parent.parent / "tests" / "data" / "inputs"
FURNITURE = ("cookie", "Photograph", "Share", "Facebook", "Twitter", "Accept", "Reuse this content",
             "newsletter", "Sign up", "Advertisement", "Privacy policy", "Copy link")
TIME_LINE = re.compile(r"^\d{1,2}[.:]\d{2}\s*(?:[ap]m)?\s*(?:GMT|BST)?$")
PLAIN_BODY = [  # liveblog_plain.html has no structured data: its body lines, by hand
    "Gideon Hawthorne, the Conservative leader, said the government had built fewer homes",
    "Rosalind Starling, the prime minister, replied that the Conservatives had left a planning system",
    "Fergus Mackintyre, the SNP Westminster leader, asked why households in Scotland",
    "The prime minister said a review of standing charges would report by the summer.",
    "Good afternoon. Prime minister's questions starts at noon",
]


def truth(page: str) -> tuple[list[str], int]:
    """(body lines, number of entries) of a fixture page."""
    blog, _ = find_live_blog(page)
    if blog is None:
        return PLAIN_BODY, 3
    lines = []
    for u in blog["liveBlogUpdate"]:
        lines += [line for line in html_to_text(u.get("articleBody") or "").split("\n")
                  if line and not line.startswith(("Photograph", "Share"))]
    return lines, len(blog["liveBlogUpdate"])


def visible(page: str) -> str:
    """The page as an extractor without a structured-data reader sees it (no JSON-LD, no microdata)."""
    page = re.sub(r"<script type=\"application/ld\+json\">.*?</script>", "", page, flags=re.S)
    return re.sub(r"\sitem(?:scope|prop|type)(?:=\"[^\"]*\")?", "", page)


def readability_text(page: str) -> str:
    from readability import Document

    return html_to_text(Document(page).summary(html_partial=True))


def score(text: str, body: list[str], entries: int) -> dict:
    lines = text.split("\n")
    return {"body kept": f"{sum(any(b in line for line in lines) for b in body)}/{len(body)}",
            "time lines": f"{sum(bool(TIME_LINE.match(line.strip())) for line in lines)}/{entries}",
            "furniture lines": sum(any(f in line for f in FURNITURE) for line in lines)}


def main() -> None:
    extractors = {"trafilatura (kg: chrome stripped first)": main_text,
                  "trafilatura (raw page)": lambda p: __import__("trafilatura").extract(p, favor_recall=True) or "",
                  "readability-lxml (chrome stripped first)": lambda p: readability_text(_strip_chrome(p)),
                  "readability-lxml (raw page)": readability_text}
    for path in sorted(INPUTS.glob("*.html")):
        page = path.read_text(encoding="utf-8")
        body, entries = truth(page)
        print(f"\n{path.name}: {len(body)} body lines, {entries} entries")
        for name, extract in extractors.items():
            started = time.perf_counter()
            text = extract(visible(page))
            ms = (time.perf_counter() - started) * 1000
            print(f"  {name:42} {score(text, body, entries)}  {ms:.0f} ms")


if __name__ == "__main__":
    main()
