"""The HTML, Guardian Content API and feed readers, and reading a file by its content.

Fixtures are invented pages in ``tests/data/inputs/``; each carries furniture (cookie
banners, captions, credits, share widgets, bylines) that must stay out of entry text.
"""
from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from kg.errors import BadInputError
from kg.sources import FORMATS, doc_id_for, iter_source_files, read_document, sniff_format
from kg.sources.guardian import api_url, redact
from kg.sources.html import html_to_text, parse_html

INPUTS = Path(__file__).resolve().parent.parent / "data" / "inputs"
FURNITURE = ("cookie", "Cookie", "Photograph", "Share", "Facebook", "Twitter", "Accept", "Reuse this content",
             "newsletter", "Sign up", "Related:", "Advertisement", "Privacy policy")
UTC = timezone.utc
BST = timezone(timedelta(hours=1))


def entries(doc) -> list[tuple]:
    """(id, headline, author, published, updated) of each entry in reading order."""
    return [(e.id, e.headline, e.author, e.published, e.updated) for e in doc.entries]


def assert_no_furniture(doc) -> None:
    for e in doc.entries:
        for word in FURNITURE:
            assert word not in e.text, (e.id, word, e.text)


def test_json_ld_live_blog():
    doc = read_document(INPUTS / "liveblog_jsonld.html")
    assert doc.layout == "html-json-ld"
    assert (doc.title, doc.date, doc.author, doc.publisher) == (
        "Politics live: Treasury row over council funding", date(2025, 3, 4), "Marta Quillon", "Example News")
    assert doc.url == "https://news.example.org/politics/live/2025/mar/04/council-funding"
    assert entries(doc) == [
        ("e0003", "Lib Dems demand emergency statement", "Ravi Castellan",
         datetime(2025, 3, 4, 11, 40, tzinfo=UTC), datetime(2025, 3, 4, 11, 52, tzinfo=UTC)),
        ("e0002", "Minister defends settlement", "Marta Quillon", datetime(2025, 3, 4, 10, 15, tzinfo=UTC), None),
        ("e0001", "Morning summary", "Marta Quillon", datetime(2025, 3, 4, 9, 2, tzinfo=UTC), None),
    ]
    # the HTML body of an update becomes lines; its figure and caption are gone
    assert doc.entries[1].text == ("Minister defends settlement\nOwen Trelawny, the local government minister, "
                                   "told MPs the settlement was the fairest in a decade.\n"
                                   "He said the Conservative Party had left councils with empty reserves.")
    assert doc.entries[2].is_summary          # "Morning summary" marks a recap
    assert_no_furniture(doc)


def test_microdata_live_blog():
    doc = read_document(INPUTS / "liveblog_microdata.html")
    assert doc.layout == "html-microdata"
    assert (doc.title, doc.date, doc.author) == (
        "Election night live: counts under way in the north-east", date(2025, 5, 1), "Lena Arkwright")
    assert entries(doc) == [
        ("e0002", "Reform UK gains a council seat", "Piers Underhill", datetime(2025, 5, 2, 1, 35, tzinfo=BST), None),
        ("e0001", "Turnout looks low", "", datetime(2025, 5, 1, 23, 10, tzinfo=BST), None),
    ]
    assert doc.entries[0].text.endswith("Carys Venn, the Reform UK candidate, said: \u201cVoters here wanted a change.\u201d")
    assert_no_furniture(doc)


def test_page_without_structured_data_is_segmented_by_time():
    doc = read_document(INPUTS / "liveblog_plain.html")
    assert doc.layout == "html-text-time-led"
    assert (doc.title, doc.date) == ("PMQs live: Starling and Hawthorne clash over housing", date(2025, 3, 12))
    title, *posts = doc.entries          # the title is news too: an entry of its own, with no time
    assert (title.text, title.published) == ("Starling and Hawthorne clash over housing", None)   # no section label
    assert [(e.id, e.headline, e.published) for e in posts] == [
        ("e0003", "Hawthorne accuses government of broken promises", datetime(2025, 3, 12, 12, 31, tzinfo=UTC)),
        ("e0002", "SNP presses on energy bills", datetime(2025, 3, 12, 12, 9, tzinfo=UTC)),
        ("e0001", "", datetime(2025, 3, 12, 11, 52, tzinfo=UTC)),
    ]
    assert "Nadia Fenwick" not in " ".join(e.text for e in doc.entries)       # the byline
    assert_no_furniture(doc)


def test_guardian_content_api():
    doc = read_document(INPUTS / "guardian_api.guardian.json")
    assert (doc.id, doc.layout, doc.date) == ("guardian_api", "guardian-api", date(2025, 2, 19))
    assert doc.title == "Welsh budget vote: ministers win backing after late deal \u2013 live"
    assert entries(doc) == [
        ("e0003", "Budget passes", "Gethin Morlais", datetime(2025, 2, 19, 17, 58, tzinfo=UTC),
         datetime(2025, 2, 19, 18, 10, tzinfo=UTC)),
        ("e0002", "", "Gethin Morlais", datetime(2025, 2, 19, 12, 2, tzinfo=UTC), None),
        ("e0001", "What is happening today", "Nia Brithdir", datetime(2025, 2, 19, 8, 30, tzinfo=UTC),
         datetime(2025, 2, 19, 8, 45, tzinfo=UTC)),
    ]
    assert [(e.key_event, e.is_summary) for e in doc.entries] == [(True, False), (False, False), (False, True)]
    assert "Draft" not in " ".join(e.text for e in doc.entries)     # an unpublished block
    assert doc.entries[1].text.endswith("secured a real change for families.")
    assert_no_furniture(doc)


@pytest.mark.parametrize("name, layout, title, first", [
    ("feed_rss.xml", "feed-rss20", "Example Herald \u2013 Scottish politics live",
     ("e0002", "FMQs: Swinton challenged on ferries", "Morag Ellisland", datetime(2025, 3, 6, 12, 40, tzinfo=UTC), None)),
    ("feed_atom.xml", "feed-atom10", "Example Courier: Stormont live",
     ("e0002", "Executive agrees health plan", "Ciaran Duneight", datetime(2025, 4, 2, 15, 10, tzinfo=UTC),
      datetime(2025, 4, 2, 15, 30, tzinfo=UTC))),
])
def test_feeds(name, layout, title, first):
    doc = read_document(INPUTS / name)
    assert (doc.layout, doc.title, len(doc.entries)) == (layout, title, 2)
    assert entries(doc)[0] == first
    assert doc.entries[1].id == "e0001" and doc.date is not None
    assert_no_furniture(doc)


@pytest.mark.parametrize("fixture, fmt", [
    ("liveblog_jsonld.html", "html"), ("feed_rss.xml", "feed"), ("feed_atom.xml", "feed"),
    ("guardian_api.guardian.json", "guardian"),
])
def test_a_file_is_read_by_its_content_not_its_extension(tmp_path, fixture, fmt):
    data = (INPUTS / fixture).read_bytes()
    disguised = tmp_path / "saved.txt"
    disguised.write_bytes(data)
    assert sniff_format(data.decode("utf-8"), "saved.txt") == fmt
    assert read_document(disguised).layout == read_document(INPUTS / fixture).layout


def test_sniffing_rules():
    assert sniff_format('{"id": "p1", "text": "x"}\n', "blog.txt") == "jsonl"
    assert sniff_format("<?xml version='1.0'?>\n<!-- c -->\n<rss version='2.0'>", "x") == "feed"
    assert sniff_format("\ufeff  <!DOCTYPE html><html>", "x") == "html"
    assert sniff_format("Markup <html> in a quote", "blog.txt") == "text"
    assert sniff_format("plain words", "page.html") == "html"         # the extension when content says nothing
    assert sniff_format("plain words", "notes") == "text"


def test_folder_reads_only_documented_extensions(tmp_path):
    for name in ("a.html", "b.htm", "c.xml", "d.rss", "e.atom", "f.guardian.json", "g.txt", "h.jsonl"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    for name in ("answers.json", "g.meta.json", "notes.pdf", "README.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    skipped: list = []
    found = sorted(p.name for p in iter_source_files([tmp_path], skipped))
    assert found == ["a.html", "b.htm", "c.xml", "d.rss", "e.atom", "f.guardian.json", "g.txt", "h.jsonl"]
    assert sorted(p.name for p in skipped) == ["README.md", "notes.pdf"]     # answer keys are not listed


def test_doc_ids_drop_the_format_suffix():
    assert [doc_id_for(Path(n)) for n in ("x.guardian.json", "y.html", "z.rss", "w.JSON")] == ["x", "y", "z", "w"]
    assert set(FORMATS) == {"text", "jsonl", "html", "feed", "guardian"}


def test_cli_format_choices_match_the_readers():
    from kg.cli import INPUT_FORMATS

    assert tuple(FORMATS) == INPUT_FORMATS


def test_date_option_dates_a_text_without_one(tmp_path):
    blog = tmp_path / "undated.txt"
    blog.write_text("10.05am\nThe minister said the plan was ready.\n10.40am\nThe critic said it was not.\n",
                    encoding="utf-8")
    from kg.sources import date_warning

    doc = read_document(blog)
    assert doc.date is None and all(e.time is None for e in doc.entries)
    assert "no date anywhere" in date_warning(doc)
    dated = read_document(blog, default_date=date(2025, 6, 10))
    assert dated.date == date(2025, 6, 10) and date_warning(dated) is None
    assert [(e.published.hour, e.published.minute, e.published.utcoffset()) for e in dated.entries] == \
        [(10, 5, timedelta(hours=1)), (10, 40, timedelta(hours=1))]          # London in June


def test_date_option_never_overrides_the_document_date():
    doc = read_document(INPUTS / "liveblog_jsonld.html", default_date=date(2020, 1, 1))
    assert doc.date == date(2025, 3, 4)


@pytest.mark.parametrize("text, message", [
    ('{"response": {"content": {"webTitle": "x"}}}', "no blocks.body[]: request the item with show-blocks=all"),
    ('{"response": {"content": {"blocks": {"body": []}}}}', "no entries found"),
    ("<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>", "feed has no items"),
    ("<!DOCTYPE html><html><body><nav>Home</nav><script>var x = 1;</script></body></html>", "no entries found"),
])
def test_bad_structured_inputs_are_one_line_refusals(tmp_path, text, message):
    path = tmp_path / "bad.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BadInputError) as info:
        read_document(path)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_garbled_json_ld_falls_back_to_the_page_text():
    page = ("<!DOCTYPE html><html><head><script type='application/ld+json'>{\"@type\": \"LiveBlogPosting\", "
            "</script></head><body><main><p>10.05am GMT</p><p>The minister said the plan was ready.</p>"
            "<p>Wed 11 June 2025</p></main></body></html>")
    doc = parse_html(page, "x", "x", {"date": "2025-06-11"})
    assert doc.layout.startswith("html-text") and "The minister said the plan was ready." in doc.entries[-1].text


def test_hostile_markup_in_structured_text_stays_text():
    page = ("<!DOCTYPE html><html><head><script type='application/ld+json'>"
            '{"@type": "LiveBlogPosting", "liveBlogUpdate": [{"@type": "BlogPosting", "datePublished": '
            '"2025-06-11T10:00:00Z", "articleBody": "Ed Example said: \\"&lt;script&gt;alert(1)&lt;/script&gt; '
            'is not a policy\\"."}]}</script></head><body></body></html>')
    doc = parse_html(page, "x", "x", {})
    assert doc.entries[0].text == 'Ed Example said: "&lt;script&gt;alert(1)&lt;/script&gt; is not a policy".'


def test_html_to_text_keeps_paragraphs_and_drops_media():
    assert html_to_text("<p>One <a href='#'>link</a> here.</p><figure><figcaption>Cap</figcaption></figure>"
                        "<ul><li>a</li><li>b</li></ul><script>x()</script>") == "One link here.\na\nb"
    assert html_to_text("no markup at all") == "no markup at all"


def test_guardian_key_comes_from_the_environment_and_never_shows(monkeypatch):
    monkeypatch.delenv("KG_GUARDIAN_KEY", raising=False)
    url = "https://content.guardianapis.com/politics/live/2025/feb/19/example"
    with pytest.raises(BadInputError, match="set KG_GUARDIAN_KEY"):
        api_url(url)
    monkeypatch.setenv("KG_GUARDIAN_KEY", "s3cret")
    full = api_url(url)
    assert "show-blocks=all" in full and "api-key=s3cret" in full
    assert "s3cret" not in redact(full)
    assert api_url("https://news.example.org/live") == "https://news.example.org/live"


def test_folder_build_of_the_fixtures(tmp_path):
    """A folder of every new format builds; each document names its own graph."""
    shutil.copytree(INPUTS, tmp_path / "inputs")
    import kg

    ds = kg.build([tmp_path / "inputs"])
    graphs = {str(g.identifier).rsplit("/", 1)[-1] for g in ds.graphs() if "graph" in str(g.identifier)}
    assert {"liveblog_jsonld", "liveblog_microdata", "liveblog_plain", "guardian_api", "feed_rss",
            "feed_atom"} <= graphs
    from kg.rdf.namespace import KG, RDFS

    people = {str(ds.value(p, RDFS.label)) for p in set(ds.subjects(None, KG.Person, unique=True))}
    assert {"Daisy Penhallow", "Eluned Carrow", "Alasdair Swinton", "Orla Brackenridge"} <= people
    writers = {"Marta Quillon", "Ravi Castellan", "Gethin Morlais", "Nia Brithdir", "Morag Ellisland",
               "Ciaran Duneight", "Piers Underhill", "Lena Arkwright", "Nadia Fenwick", "Jo Bramley"}
    assert not people & writers               # bylines and credits are metadata, never actors


def test_key_events_reach_the_graph_as_metadata():
    import kg
    from rdflib import Literal

    from kg.rdf.namespace import KG

    ds = kg.build([INPUTS / "guardian_api.guardian.json"])
    flagged = {str(s).rsplit("/", 1)[-1] for s in ds.subjects(KG.isKeyEvent, Literal(True))}
    assert flagged == {"e0003"}


def test_text_that_merely_starts_with_a_brace_is_still_text():
    assert sniff_format("{{7*7}} is not JSON\nShare\n", "blog.txt") == "text"
    assert sniff_format('{"response": {"content": {}}}', "x.txt") == "guardian"     # one line
    assert sniff_format('{\n "response": {"content": {}}\n}\n', "x.txt") == "guardian"  # pretty-printed
    assert sniff_format('{"id": "p1", "text": "x"}', "x.txt") == "jsonl"
    assert sniff_format('{"text": "broken\n', "x.jsonl") == "jsonl"        # the extension decides


def test_a_page_declaring_its_charset_is_read_in_it(tmp_path):
    page = ("<!DOCTYPE html><html><head><meta charset=\"windows-1252\"><title>t</title></head><body><main>"
            "<p>10.05am GMT</p><p>Andr\u00e9 Dupont, a caf\u00e9 owner, said the plan would fail.</p>"
            "<p>Tue 10 June 2025</p></main></body></html>")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1252"))
    doc = read_document(path)
    assert "Andr\u00e9 Dupont, a caf\u00e9 owner" in doc.entries[-1].text
    from kg.sources.html import declared_charset

    assert declared_charset(b"plain text <meta charset=latin-1>") is None       # not a page
    assert declared_charset(b'<html><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">') \
        == "iso-8859-1"
    assert declared_charset(b"<html><meta charset=utf-8>") is None


def test_page_metadata_dates_a_page_without_structured_data():
    page = ("<!DOCTYPE html><html><head><meta property='article:published_time' content='2025-06-10T07:00:00Z'>"
            "<title>t</title></head><body><main><h1>Rail row live</h1><p>10.05am</p>"
            "<p>The minister said the plan was ready.</p><p>10.40am</p><p>The critic said it was not.</p>"
            "</main></body></html>")
    doc = parse_html(page, "x", "x", {})
    assert doc.date == date(2025, 6, 10)
    assert [e.published for e in doc.entries if e.text != doc.title] == [datetime(2025, 6, 10, 10, 5, tzinfo=BST),
                                                  datetime(2025, 6, 10, 10, 40, tzinfo=BST)]
