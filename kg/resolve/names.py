"""Name normalisation: the keys under which surface forms are compared.

Pure string functions; the gold scorer uses the same normalisation, so what
kg merges and what it is scored on agree.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache

from ..data import load

__all__ = ["normalise", "name_key", "slug", "HONORIFICS", "strip_honorifics", "party_canonical"]

HONORIFICS = ("sir", "dame", "lord", "baroness", "lady", "prof", "professor", "dr", "mr", "mrs",
              "ms", "miss", "mx", "rev", "the rt hon", "rt hon", "cllr", "councillor", "kc", "mp")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"',
                         "‟": '"', "′": "'", "″": '"', "\u00a0": " "})


def normalise(text: str) -> str:
    """Unicode NFC, straight quotes, collapsed white space."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    return re.sub(r"\s+", " ", text).strip()


def strip_honorifics(name: str) -> str:
    """'Sir Edward Leigh' -> 'Edward Leigh'; 'Ms Cooper' -> 'Cooper'."""
    words = normalise(name).split(" ")
    while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS:
        words = words[1:]
    while len(words) > 1 and words[-1].lower().rstrip(".") in ("kc", "mp", "qc", "obe", "mbe", "cbe"):
        words = words[:-1]
    return " ".join(words)


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
