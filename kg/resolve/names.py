"""Name normalisation: the keys under which surface forms are compared.

Pure string functions; the gold scorer uses the same normalisation, so what
kg merges and what it is scored on agree.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache

from rapidfuzz.distance import OSA

from ..data import load

__all__ = ["normalise", "name_key", "slug", "HONORIFICS", "FEMALE_HONORIFICS", "MALE_HONORIFICS",
           "strip_honorifics", "party_canonical", "party_abbreviations", "lexicon_canonical", "edit_distance",
           "within_edits", "content_words", "given_names", "is_given_name"]

FEMALE_HONORIFICS = ("dame", "baroness", "lady", "mrs", "ms", "miss")
MALE_HONORIFICS = ("sir", "lord", "mr")
HONORIFICS = ("sir", "dame", "lord", "baroness", "lady", "prof", "professor", "dr", "mr", "mrs",
              "ms", "miss", "mx", "rev", "the rt hon", "rt hon", "cllr", "councillor", "kc", "mp")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"',
                         "‟": '"', "′": "'", "″": '"', "\u00a0": " "})


def normalise(text: str) -> str:
    """Unicode NFC, straight quotes, collapsed white space."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    return re.sub(r"\s+", " ", text).strip()


def strip_honorifics(name: str) -> str:
    """'Sir John Doe' -> 'John Doe'; 'Ms Doe' -> 'Doe'."""
    words = normalise(name).split(" ")
    while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS:
        words = words[1:]
    while len(words) > 1 and words[-1].lower().rstrip(".") in ("kc", "mp", "qc", "obe", "mbe", "cbe"):
        words = words[:-1]
    return " ".join(words)


@cache
def name_key(name: str) -> str:
    """Comparison key: lower case, no leading article, no honorific, no possessive."""
    s = normalise(name).lower()
    s = re.sub(r"^(?:the|a|an)\s+", "", s)
    s = re.sub(r"'s?$", "", s)
    s = strip_honorifics(s)
    return re.sub(r"[^\w&' -]", "", s).strip()


def slug(text: str) -> str:
    """ASCII-ish lower-case slug for readable IRIs; non-Latin text is kept (IRIs allow it)."""
    s = unicodedata.normalize("NFKD", normalise(text))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"['\"]", "", s.lower())
    s = re.sub(r"[^\w]+", "-", s, flags=re.UNICODE).strip("-_")
    return s or "x"


@cache
def _party_table() -> dict[str, str]:
    table = {}
    for party in load("parties")["parties"]:
        for alias in (party["name"], *party["aliases"], *party.get("adjectives", [])):
            table[name_key(alias)] = party["name"]
    return table


def party_canonical(surface: str) -> str | None:
    """The canonical party for an alias ('Tories' -> 'Conservative Party'), else None."""
    return _party_table().get(name_key(surface))


@cache
def party_abbreviations() -> frozenset[str]:
    """Commons-style bracketed party abbreviations ('Lab', 'Con', 'LD', 'SNP', 'Plaid Cymru')."""
    out = set()
    for party in load("parties")["parties"]:
        out.update(party.get("abbreviations", []))
        out.update(a for a in party["aliases"] if a[:1].isupper())
    return frozenset(out)


@cache
def _lexicon_table() -> dict[str, tuple[str, str]]:
    data = load("bodies")
    table: dict[str, tuple[str, str]] = {}
    for body in data["bodies"]:
        for alias in (body["name"], *body["aliases"], *body.get("lower_aliases", [])):
            table.setdefault(name_key(alias), (body.get("type", "Body"), body["name"]))
    for nation in data["nations"]:
        for alias in (nation["name"], *nation["aliases"]):
            table.setdefault(name_key(alias), ("Place", nation["name"]))
    return table


def lexicon_canonical(surface: str) -> tuple[str, str] | None:
    """(type, canonical name) of a well-known institution or nation ('the Commons'), else None."""
    return _lexicon_table().get(name_key(surface))


def edit_distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance: a transposition ('Smtih') costs one edit (rapidfuzz)."""
    return OSA.distance(a, b)


def within_edits(a: str, b: str, limit: int) -> bool:
    """``edit_distance(a, b) <= limit``; rapidfuzz stops as soon as the limit is passed."""
    return abs(len(a) - len(b)) <= limit and OSA.distance(a, b, score_cutoff=limit) <= limit


_FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "and", "into", "on", "in", "for", "to", "by", "&"})


def content_words(name: str) -> list[str]:
    """Lower-case words of a name without function words or punctuation ('the Widgets and Gadgets, Bill')."""
    words = re.findall(r"[\w']+", normalise(name).lower())
    return [re.sub(r"'s$", "", w) for w in words if w not in _FUNCTION_WORDS]


@cache
def given_names() -> dict[str, str]:
    """Given name (lower case) -> 'f', 'm' or '' (either), from ``kg/data/given_names.json``."""
    data = load("given_names")
    table = {n.lower(): "" for n in data["either"]}
    table.update({n.lower(): "f" for n in data["female"]})
    table.update({n.lower(): "m" for n in data["male"]})
    return table


def is_given_name(word: str) -> bool:
    """A common given name ('Jane'), so a name-shaped span that starts with it is a person."""
    return word.lower() in given_names()
