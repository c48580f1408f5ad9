"""Name keys, honorifics, lexicons and edit distance (pure functions)."""
import pytest

from kg.resolve.genders import honorific_gender
from kg.resolve.names import (content_words, edit_distance, lexicon_canonical, name_key, party_abbreviations,
                              party_canonical, strip_honorifics)


@pytest.mark.parametrize("surface, key", [
    ("Ms Doe", "doe"), ("Sir John Smith", "john smith"), ("the Treasury", "treasury"),
    ("Doe’s", "doe"), ("Prof Jane Doe", "jane doe"),
])
def test_name_key(surface, key):
    assert name_key(surface) == key


def test_strip_honorifics_keeps_bare_word():
    assert strip_honorifics("Dame Jane Roe") == "Jane Roe"
    assert strip_honorifics("Mr") == "Mr"


@pytest.mark.parametrize("surface, party", [
    ("Tories", "Conservative Party"), ("Lib Dems", "Liberal Democrats"), ("SNP", "Scottish National Party"),
    ("Labour", "Labour Party"), ("Northtown", None),
])
def test_party_canonical(surface, party):
    assert party_canonical(surface) == party


def test_party_abbreviations_include_commons_forms():
    assert {"Lab", "Con", "LD", "SNP"} <= party_abbreviations()


@pytest.mark.parametrize("surface, expected", [
    ("the Commons", ("Body", "House of Commons")), ("this House", ("Body", "House of Commons")),
    ("Radio 4", ("Body", "BBC Radio 4")), ("the government", ("Body", "UK government")),
    ("Wales", ("Place", "Wales")), ("Northtown Council", None),
])
def test_lexicon_canonical(surface, expected):
    assert lexicon_canonical(surface) == expected


@pytest.mark.parametrize("a, b, d", [("doe", "doe", 0), ("smith", "smtih", 1), ("roberts", "robert", 1),
                                     ("fairweather", "fairwether", 1), ("abc", "xyz", 3)])
def test_edit_distance(a, b, d):
    assert edit_distance(a, b) == d


@pytest.mark.parametrize("surface, g", [("Ms Doe", "f"), ("Dame Jane Roe", "f"), ("Sir John Smith", "m"),
                                        ("Lord Smith", "m"), ("Jane Doe", "")])
def test_honorific_gender(surface, g):
    assert honorific_gender(surface) == g


def test_content_words_ignore_punctuation_and_function_words():
    assert content_words("the Children’s Wellbeing, Bill") == ["children", "wellbeing", "bill"]
