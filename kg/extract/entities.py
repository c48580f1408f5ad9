"""Mentions of people, parties, bodies, inquiries, bills and places.

Born here: :class:`~kg.facts.Mention`. Sources are the statistical NER and the
lexicon ruler added in :mod:`kg.nlp`; this module maps their labels to kg's
types, trims articles and possessives, and drops page furniture.
"""
from __future__ import annotations

import re

from ..entries import Entry
from ..facts import Mention, Provenance, Span

__all__ = ["EXTRACTOR", "LABEL_TYPES", "extract_mentions", "clean_surface"]

EXTRACTOR = "kg.entities.v1"

#: spaCy / ruler label -> kg type
LABEL_TYPES = {
    "PERSON": "Person", "PARTY": "Party", "ORG": "Body", "BODY": "Body",
    "GPE": "Place", "LOC": "Place", "INQUIRY": "Inquiry", "BILL": "Bill", "LAW": "Bill",
}
_FURNITURE = {"share", "gmt", "bst", "javascript", "key events", "updated", "update"}
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.I)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def clean_surface(text: str) -> tuple[str, int, int]:
    """Strip a leading article and a trailing possessive; return text and trims."""
    lead = _LEADING.match(text)
    start = lead.end() if lead else 0
    core = text[start:]
    poss = _POSSESSIVE.search(core)
    end_trim = len(poss.group(0)) if poss else 0
    core = core[: len(core) - end_trim] if end_trim else core
    stripped = core.rstrip(" ,.;:")
    end_trim += len(core) - len(stripped)
    return stripped, start, end_trim


def extract_mentions(entry: Entry, doc) -> list[Mention]:
    """Mentions in one parsed entry, with character spans into ``entry.text``."""
    out: list[Mention] = []
    for ent in doc.ents:
        kg_type = LABEL_TYPES.get(ent.label_)
        if kg_type is None:
            continue
        text, lead, trail = clean_surface(ent.text)
        if not text or text.lower() in _FURNITURE or not any(ch.isalpha() for ch in text):
            continue
        if "\n" in text:
            text = text.split("\n")[0].strip()
            if not text:
                continue
        start = ent.start_char + lead
        span = Span(start, start + len(text))
        source = "lexicon" if ent.ent_id_ else ent.label_
        out.append(Mention(text=text, type=kg_type, source_label=source,
                           prov=Provenance(entry.id, span, EXTRACTOR, 0.9 if ent.ent_id_ else 0.7)))
    return out
