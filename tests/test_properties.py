"""Property-based tests: IRIs, literal round trips, export formats and the readers, on generated input.

No spaCy here, so a thousand examples per property stay fast. Profiles: ``kg-ci``
(1,000 examples, used when ``CI`` is set) and ``kg-dev`` (100 locally); they are
applied per test rather than loaded globally, so other test modules keep their own.
"""
from __future__ import annotations

import json
import os
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

settings.register_profile("kg-ci", max_examples=1000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("kg-dev", max_examples=100, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
PROFILE = settings(settings.get_profile("kg-ci" if os.environ.get("CI") else "kg-dev"))

import pyoxigraph  # noqa: E402
from rdflib import Dataset, Graph, Literal, URIRef  # noqa: E402
from rdflib.compare import isomorphic  # noqa: E402

from kg.entries import Document, Entry  # noqa: E402
from kg.errors import BadInputError  # noqa: E402
from kg.export import serialize  # noqa: E402
from kg.rdf import mapping  # noqa: E402
from kg.rdf.iris import DEFAULT_BASE, mint_iri  # noqa: E402
from kg.rdf.namespace import DCTERMS, KG, RDF, RDFS, SDO, SKOS, XSD, bind_prefixes  # noqa: E402
from kg.resolve.names import slug  # noqa: E402
from kg.sources import decode_bytes, normalize_text, read_document  # noqa: E402
from kg.sources.jsonl import parse_jsonl  # noqa: E402
from kg.sources.text import parse_text  # noqa: E402

BASES = st.sampled_from([DEFAULT_BASE, "http://example.org/", "https://kg.example.org/id#", "urn:kg:"])
#: text as a reader can hand it on: decoded, LF line ends, no controls XML cannot hold
READER_TEXT = st.text().map(normalize_text)

# -- IRIs --------------------------------------------------------------------------------------


@PROFILE
@given(BASES, st.lists(st.text(), min_size=1, max_size=4))
def test_minted_iris_are_valid_and_stable(base: str, segments: list[str]) -> None:
    iri = mint_iri(base, *segments)
    pyoxigraph.NamedNode(iri)                                   # raises on an invalid IRI
    assert iri == mint_iri(base, *[str(s) for s in list(segments)])
    assert iri.startswith(base)
    assert not any(ch.isspace() or ch in '<>"{}|\\^`' for ch in iri)


@PROFILE
@given(BASES, st.text(), st.text(min_size=1))
def test_document_entry_and_entity_iris_are_valid(base: str, doc_id: str, name: str) -> None:
    for term in (mapping.graph_iri(base, doc_id), mapping.document_iri(base, doc_id),
                 mapping.entry_iri(base, doc_id, name), mapping.entity_iri(base, "person/" + slug(name))):
        pyoxigraph.NamedNode(str(term))
        triple = pyoxigraph.Triple(pyoxigraph.NamedNode(str(term)), pyoxigraph.NamedNode(str(RDF.type)),
                                   pyoxigraph.NamedNode(str(KG.Person)))
        data = pyoxigraph.serialize([triple], format=pyoxigraph.RdfFormat.N_TRIPLES)
        assert [q.triple for q in pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_TRIPLES)] == [triple]


# -- entry text -> triples -> Turtle -> parse -> same text ----------------------------------------


@PROFILE
@given(READER_TEXT, READER_TEXT, READER_TEXT)
def test_entry_text_round_trips_through_turtle(text: str, headline: str, author: str) -> None:
    doc = Document(id="d", title=headline)
    entry = Entry(id="e0001", ordinal=1, position=0, text=text, raw=text + author, headline=headline,
                  author=author)
    g = Graph()
    for triple in mapping.document_triples(doc, DEFAULT_BASE):
        g.add(triple)
    for triple in mapping.entry_triples(doc, entry, DEFAULT_BASE):
        g.add(triple)
    back = Graph().parse(data=g.serialize(format="turtle"), format="turtle")
    e = mapping.entry_iri(DEFAULT_BASE, "d", "e0001")
    assert str(back.value(e, SDO.articleBody)) == text
    assert isomorphic(g, back)


# -- every export format re-parses to an isomorphic graph ------------------------------------------

_PREDICATES = [RDFS.label, SKOS.altLabel, SDO.articleBody, SDO.headline, KG.ordinal, KG.confidence,
               DCTERMS.date, SDO.datePublished, KG.isSummary, SDO.url, SDO.mentions, KG.speaker]
_NAIVE = datetime(2025, 1, 6, 18, 27)


def _literal() -> st.SearchStrategy:
    return st.one_of(
        READER_TEXT.map(Literal),
        st.integers(min_value=-10**12, max_value=10**12).map(Literal),
        st.floats(min_value=0, max_value=1, allow_nan=False)          # as mapping writes confidences
          .map(lambda x: Literal(round(x, 3), datatype=XSD.decimal)),
        st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1))
          .map(lambda d: Literal(d.isoformat(), datatype=XSD.date)),
        st.integers(min_value=-10**6, max_value=10**6)
          .map(lambda m: Literal((_NAIVE + timedelta(minutes=m)).replace(tzinfo=timezone.utc).isoformat(),
                                 datatype=XSD.dateTime)),
        st.booleans().map(Literal),
    )


_NODES = st.builds(lambda kind, name: URIRef(mint_iri(DEFAULT_BASE, kind, name)),
                   st.sampled_from(["person", "party", "doc", "body"]), st.text(max_size=20))
_TRIPLES = st.tuples(_NODES, st.sampled_from(_PREDICATES), st.one_of(_NODES, _literal()))
_DATASETS = st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), _TRIPLES), min_size=1, max_size=12)


def _dataset(quads: list) -> Dataset:
    ds = Dataset(default_union=True)
    bind_prefixes(ds)
    for graph_name, triple in quads:
        ds.graph(mapping.graph_iri(DEFAULT_BASE, graph_name)).add(triple)
    return ds


def _named(ds: Dataset) -> dict[str, Graph]:
    out = {}
    for g in ds.graphs():
        if len(g) and str(g.identifier).startswith(DEFAULT_BASE):
            copy = Graph()
            for t in g:
                copy.add(t)
            out[str(g.identifier)] = copy
    return out


_EMPTY_THEN_ZERO = [("a", (URIRef(DEFAULT_BASE + "person/_"), RDFS.label, Literal(""))),
                    ("a", (URIRef(DEFAULT_BASE + "person/_"), RDFS.label, Literal(0)))]


@PROFILE
@given(_DATASETS, st.sampled_from(["turtle", "nt", "xml", "jsonld", "trig", "nq"]))
@example(_EMPTY_THEN_ZERO, "jsonld")   # found by this property: compact JSON-LD dropped a falsy value
@example(_EMPTY_THEN_ZERO, "turtle")
def test_every_export_format_reparses_to_an_isomorphic_graph(quads: list, fmt: str) -> None:
    ds = _dataset(quads)
    data = serialize(ds, fmt)
    rdf_format = {"turtle": "turtle", "nt": "nt", "xml": "xml", "jsonld": "json-ld", "trig": "trig",
                  "nq": "nquads"}[fmt]
    if fmt in ("trig", "nq", "jsonld"):
        back = Dataset(default_union=True)
        back.parse(data=data, format=rdf_format)
        expected, got = _named(ds), _named(back)
        assert expected.keys() == got.keys()
        for name in expected:
            assert isomorphic(expected[name], got[name]), name
    else:
        union = Graph()
        for t in ds.triples((None, None, None)):
            union.add(t)
        assert isomorphic(union, Graph().parse(data=data, format=rdf_format))


# -- the readers never crash: only BadInputError --------------------------------------------------

_LAYOUT_LINES = st.sampled_from([
    "Share", "Updated at 18.27 GMT", "12.41pm GMT", "99.99pm", "0.00am BST", "10:02", "Key events",
    "Please turn on JavaScript to use this feature", "Title published at 13:44 GMT 12 March",
    "published at 25:61 Greenwich Mean Time 31 February", "Monday 6 January 2025", "31 Feb 2025",
    "By A Writer", "Yvette Cooper, Political correspondent", "Summary", "UPDATE: news", "Live Reporting",
    "Image source, Getty ImagesA caption", "", " ", "\u2028", "\ufeff",
])
_TEXTS = st.one_of(st.text(), st.lists(st.one_of(_LAYOUT_LINES, st.text(max_size=40)), max_size=30)
                   .map("\n".join))


def _reader_outcome(call, source: str) -> None:
    try:
        doc = call()
    except BadInputError as exc:
        message = str(exc)
        assert "\n" not in message and "\r" not in message, f"not one line: {message!r}"
        assert exc.problem.strip(), "the message says what is wrong"
        assert exc.source.startswith(source) and message.startswith(exc.source + ": "), (
            f"the message names the file {source!r} first: {message!r}")
        return
    assert doc.entries is not None
    for e in doc.entries:
        assert e.id and isinstance(e.text, str)
        e.text.encode("utf-8")                                     # writable in every output


@PROFILE
@given(_TEXTS)
def test_text_reader_never_crashes(text: str) -> None:
    _reader_outcome(lambda: parse_text(normalize_text(text), "d", "d.txt"), "d.txt")


_JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
                            lambda kids: st.lists(kids, max_size=3)
                            | st.dictionaries(st.text(max_size=5), kids, max_size=3), max_leaves=6)
_KEYS = st.sampled_from(["id", "text", "time", "updated", "headline", "author", "summary", "document",
                         "title", "date", "timezone"])
_JSON_LINES = st.lists(st.one_of(
    st.dictionaries(_KEYS, _JSON_VALUES | st.text() | st.sampled_from(
        ["2025-01-06T12:00:00", "2025-01-06T12:00:00Z", "2025-13-40", "Europe/London", "Mars/Olympus",
         "\\ud800"]), max_size=6).map(json.dumps),
    st.text(max_size=30)), max_size=8).map("\n".join)


@PROFILE
@given(_JSON_LINES)
def test_jsonl_reader_never_crashes(text: str) -> None:
    _reader_outcome(lambda: parse_jsonl(normalize_text(text), "d", "d.jsonl"), "d.jsonl")


@PROFILE
@given(st.binary(max_size=2000) | _TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")),
       st.sampled_from([None, "utf-8", "cp1252", "utf-16", "latin-1", "no-such-codec"]))
def test_decoder_never_crashes(data: bytes, encoding: str | None) -> None:
    try:
        text = decode_bytes(data, "f.txt", encoding)
    except BadInputError:
        return
    text.encode("utf-8")
    assert "\r" not in text


@PROFILE
@given(st.binary(max_size=2000) | _TEXTS.map(str.encode) | _JSON_LINES.map(str.encode),
       st.sampled_from(["blog.txt", "blog.jsonl"]))
def test_read_document_never_crashes_on_arbitrary_bytes(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        _reader_outcome(lambda: read_document(path), str(path))


def test_profiles_run_a_thousand_examples_in_ci() -> None:
    assert settings.get_profile("kg-ci").max_examples >= 1000
    if os.environ.get("CI"):
        assert PROFILE.max_examples >= 1000
