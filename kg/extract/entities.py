"""Mentions of people, parties, bodies, inquiries, bills and places.

Born here: :class:`~kg.facts.Mention`. Three sources feed one list of
candidate spans per entry, and where candidates overlap the more specific
source wins (pattern > lexicon > statistical NER, then the longer span):

* **patterns** written here against the text: bills and acts, named and
  described inquiries, councils and prisons, constituencies after "MP for",
  Commons-style "Jane Doe (Lab)", acronyms defined in brackets, lower-case
  bodies such as "the home affairs committee";
* **lexicon** spans from the entity ruler (:mod:`kg.nlp`): parties, bodies,
  nations, programmes and image credits from ``kg/data``;
* **NER** spans from the spaCy model, repaired where the small model
  habitually cuts a name short ("the Widget League for Fair" + "Reform").

A second, document-level pass (:func:`extract_document_mentions`) fixes types
with context that one entry cannot give: a span the model calls ORG or GPE
that is elsewhere a person's surname is that person, an acronym defined in
one entry is an entity in every entry. Bylines are entry metadata, never mentions.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ..data import load
from ..nlp import doc_ents, doc_text, token_starts
from ..entries import Document, Entry
from ..facts import Mention, Provenance, Span
from ..resolve.names import (is_given_name, lexicon_canonical, name_key, party_abbreviations, party_canonical,
                             strip_honorifics)

__all__ = ["EXTRACTOR", "LABEL_TYPES", "extract_mentions", "extract_document_mentions", "clean_surface",
           "is_furniture"]

EXTRACTOR = "kg.entities.v2"

#: spaCy / ruler label -> kg type (labels missing here are not entities, but may be retyped)
LABEL_TYPES = {
    "PERSON": "Person", "PARTY": "Party", "ORG": "Body", "BODY": "Body", "FAC": "Body",
    "GPE": "Place", "LOC": "Place", "INQUIRY": "Inquiry", "BILL": "Bill", "LAW": "Bill",
}
#: labels whose spans are kept only when context retypes them (the model's guess is often a person)
_RETYPABLE = {"PRODUCT", "WORK_OF_ART", "NORP"}
#: ruler labels that are never entities but must block NER from making junk of the span
_BLOCKING = {"PROGRAMME", "CREDIT"}

_LEADING = re.compile(r"^(?:the|a|an)\s+", re.I)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_NAME_WORD = r"[A-Z][\w’'.-]*"
_CAP_RUN = rf"{_NAME_WORD}(?:\s+(?:of|and|for|on|the|in|&)\s+{_NAME_WORD}|\s+{_NAME_WORD})*"

# -- priorities: higher wins an overlap --------------------------------------------------------
P_NER, P_LEXICON, P_PATTERN = 1, 2, 3


@dataclass(frozen=True)
class _Cand:
    """A candidate span before overlap resolution (character offsets into the entry text)."""

    start: int
    end: int
    type: str | None
    source: str
    priority: int


# -- small pure helpers ------------------------------------------------------------------------
def clean_surface(text: str) -> tuple[str, int, int]:
    """Strip a leading article and a trailing possessive; return text and trims."""
    lead = _LEADING.match(text)
    start = lead.end() if lead else 0
    core = text[start:]
    poss = _POSSESSIVE.search(core)
    end_trim = len(poss.group(0)) if poss else 0
    core = core[: len(core) - end_trim] if end_trim else core
    stripped = core.rstrip(" ,.;:(")
    end_trim += len(core) - len(stripped)
    return stripped, start, end_trim


@cache
def _furniture() -> frozenset[str]:
    bodies = load("bodies")
    layout = load("layout")
    words = {*bodies["furniture"], *bodies["image_credits"], *layout["furniture_lines"]}
    return frozenset(w.lower() for w in words)


def is_furniture(text: str) -> bool:
    """Page furniture and image credits are never entities ("Share", "GMT", "PA Media")."""
    t = text.strip().lower()
    return t in _furniture() or bool(re.fullmatch(r"[\d.:]+\s*(?:am|pm)?\s*(?:gmt|bst)?", t))


@cache
def _not_bill_words() -> frozenset[str]:
    return frozenset(load("bodies")["not_bill_words"])


@cache
def _not_people() -> frozenset[str]:
    names = load("names")
    return frozenset(w.lower() for w in (*names["not_people"], *names["not_entities"]))


@cache
def _not_entities() -> frozenset[str]:
    return frozenset(w.lower() for w in load("names")["not_entities"])


@cache
def _person_trim() -> tuple[re.Pattern, re.Pattern]:
    """Patterns that cut a person span down to the name: post-nominals and glued caption words
    at the end ("Jane Doe KC", "Jane DoeImage"), an owner before it ("the Courier's Jane Doe")."""
    names = load("names")
    post = "|".join(map(re.escape, names["post_nominals"]))
    glued = "|".join(map(re.escape, sorted(names["glued_suffixes"], key=len, reverse=True)))
    tail = re.compile(rf"(?:\s+(?:{post})\b|(?<=[a-z])(?:{glued})\b|\s+[-–—].*)+$")
    head = re.compile(r"^(?:[•·*]\s*|[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*[’']s?\s+(?=[A-Z]))")
    return head, tail


def trim_person(text: str) -> tuple[int, int]:
    """(lead, tail) characters to cut from a person span's text (see :func:`_person_trim`)."""
    head, tail = _person_trim()
    m = head.match(text)
    lead = m.end() if m and len(text[m.end():].split()) >= 2 else 0
    words = text[lead:].split(" ")
    # a descriptor or post glued on by the model: "Brexiteer Jane Doe", "Tory Jane Doe", "Constable Jane Doe"
    while len(words) > 2 and (words[0].lower() in _not_people() or party_canonical(words[0])
                              or words[0].lower() in _office_heads()):
        lead += len(words[0]) + 1
        words = words[1:]
    t = tail.search(text, lead)
    end = t.start() if t and t.start() > lead else len(text)
    return lead, len(text) - end


@cache
def _offices() -> dict:
    return load("offices")


@cache
def _office_heads() -> frozenset[str]:
    o = _offices()
    return frozenset(w.lower() for w in (*o["heads"], *o["titles"]) if " " not in w)


@cache
def _office_titles() -> frozenset[str]:
    return frozenset(w.lower() for w in _offices()["titles"])


def _char_to_token(doc, char: int):
    """The token starting at or containing ``char``, else None (bisect over cached token starts)."""
    starts = token_starts(doc)
    i = bisect_right(starts, char) - 1
    if i < 0:
        return None
    tok = doc[i]
    return tok if char < tok.idx + max(len(tok.text), 1) else None


# -- pattern candidates -------------------------------------------------------------------------
_BILL = re.compile(
    rf"\b((?:{_NAME_WORD}\s+(?:(?:and|of|the|for|on|in|to)\s+)?)*?{_NAME_WORD}(?:\s+\([A-Z][^()\n]{{0,40}}\))?"
    r",?\s+(?:Bill|Act))\b(?![’']s\b)(?!\s+(?:on|of|for)\s+[A-Z])")
_LOWER_BILL = re.compile(r"\b(?:the|a|an|its|this|their|his|her|on|to|against|for|of|Tory|Labour|government’s|"
                         r"government's)\s+((?:[a-z][\w’'-]*\s+(?:and\s+)?){1,5})bill\b(?!s)")
#: "the Widgets, Gadgets and Sprockets bill", "the WGS bill": capitalised words, lower-case 'bill'
_CAPS_BILL = re.compile(r"\b((?:[A-Z][\w’'-]*,?\s+(?:and\s+)?){1,6})bill\b(?!s)")
#: "the Widget Board inquiry", "the Gadget inquiry": a named inquiry written in lower case
_CAPS_INQUIRY = re.compile(r"\b((?:[A-Z][\w’'-]*\s+){1,4})inquiry\b(?!\s+(?:into|on|of)\b)")
_NAMED_INQUIRY = re.compile(
    rf"\b((?:Independent|Public|National)\s+(?:Inquiry|Review|Commission|Investigation)\s+(?:into|of|on)\s+{_CAP_RUN}"
    rf"|(?:{_NAME_WORD}\s+){{1,4}}(?:Inquiry|Review|Commission))\b")
_DESCRIBED_INQUIRY = re.compile(
    r"\b(?:the|an?|its)\s+((?:[a-z][\w-]*\s+){0,3}(?:inquiry|review|commission|investigation)\s+(?:into|of|on)\s+)",
    re.I)
_BILL_STOP = {"of", "the", "out", "to", "a", "in", "on", "for", "by", "with", "from", "that", "this", "into", "at",
              "his", "her", "their", "its", "our"}
_PROPOSAL_WORDS = {"new", "another", "national", "further", "fresh", "additional", "separate", "full",
                   "proper", "statutory", "second", "possible", "potential", "rapid", "wider", "local"}
_INSTITUTIONAL = {"independent", "public", "statutory", "judicial", "parliamentary", "official", "judge-led"}
_COUNCIL = re.compile(rf"\b((?:{_NAME_WORD}\s+){{1,4}}(?:[Cc]ouncil|Police|Constabulary)(?:\s+(?:of|for)\s+{_NAME_WORD})?)\b")
_LOWER_BODY = re.compile(   # overlapping: "The chair of the home affairs committee" holds the committee
    r"(?=\b(?:[Tt]he|[Aa]n?)\s+((?:new\s+)?((?:[a-z][\w-]*\s+(?:and\s+)?){1,5})(?:panel|watchdog|taskforce|committee))\b)")
#: "the Wessex committee", "the Commons Treasury committee": a named committee written in lower case
_NAMED_COMMITTEE = re.compile(r"\b[Tt]he\s+((?:[A-Z][\w’'-]*\s+){1,4}(?:committee|panel))\b")
_GENERIC_BODY_WORDS = {"select", "new", "special", "cross-party", "parliamentary", "relevant", "same", "other",
                       "independent", "government", "cabinet", "his", "her", "their", "its", "this"}
_CONSTITUENCY_AFTER = re.compile(
    rf"\b(?:MP|MSP|MS|member)\s+for\s+({_NAME_WORD}(?:[ -](?:and|upon|on|under|in|the|{_NAME_WORD}))*)"
    rf"|\bwho represents\s+({_NAME_WORD}(?:[ -](?:and|upon|on|under|in|the|{_NAME_WORD}))*)"
    rf"|\bwhose\s+({_NAME_WORD}(?:[ -](?:and|upon|on|under|in|the|{_NAME_WORD}))*)\s+constituency")
_COMMONS_NAME = re.compile(rf"\b({_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})\s+\(([A-Z][\w ’'-]{{0,30}})\)")
_ACRONYM_DEF = re.compile(r"\(([A-Z][A-Za-z]{1,7})\)")
_GOVERNMENT = re.compile(rf"\b(?:the\s+)?(?:[a-z]+\s+)?((?:{_NAME_WORD})\s+government|government\s+of\s+{_NAME_WORD})\b")


@cache
def _prison_re() -> re.Pattern:
    prefixes = "|".join(re.escape(p) for p in load("bodies")["short_name_prefixes"])
    return re.compile(rf"\b((?:{prefixes})\s+{_NAME_WORD}(?:\s+{_NAME_WORD})?)\b")


@cache
def _org_re() -> re.Pattern:
    """Capitalised runs ending in an organisation noun: 'the Widget Makers' Benevolent Association'."""
    heads = "|".join(sorted(load("bodies")["org_heads"], key=len, reverse=True))
    word = r"[A-Z][\w’'-]*(?:[’']s|s[’'])?"
    return re.compile(rf"\b((?:{word}\s+(?:(?:and|of|for|on|&)\s+)?){{1,6}}(?:{heads})(?:\s+(?:of|for)\s+{word}(?:\s+(?:and\s+)?{word})*)?)\b")


def _split_org_run(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """'Bank of England and Home Office' is two bodies: split at an 'and' that follows a complete name."""
    heads = set(load("bodies")["org_heads"])
    for m in re.finditer(r"\s+and\s+", text[s:e]):
        left = text[s:s + m.start()]
        right = text[s + m.end():e]
        if (left.split()[-1] in heads or lexicon_canonical(left)) and len(right.split()) >= 2:
            return [(s, s + m.start()), *_split_org_run(text, s + m.end(), e)]
    return [(s, e)]


def _trim_trailing_lower(text: str, start: int) -> tuple[int, int] | None:
    """Trim trailing function words ("Northtown West and") from a captured name run."""
    m = re.match(r"^(.*?[A-Za-z0-9)])(?:\s+(?:and|upon|on|under|in|the|of))*\s*$", text, re.S)
    if not m:
        return None
    return start, start + len(m.group(1))


def _past_lead(text: str, s: int, e: int, words: str) -> int:
    """Start of a captured name after one leading word of ``words`` ('The', 'In', ...)."""
    lead = re.match(rf"(?:{words})\s+", text[s:e])
    return s + lead.end() if lead else s


def _pattern_cands(text: str, doc) -> list[_Cand]:
    """Spans found by the hand-written patterns above (highest priority)."""
    out: list[_Cand] = []
    for m in _BILL.finditer(text):
        s, e = m.span(1)
        phrase = m.group(1)
        first = phrase.split()[0]
        if first in ("The", "This", "A", "An") or len(phrase.split()) < 2:
            s += len(first) + 1 if first in ("The", "This", "A", "An") else 0
            if len(text[s:e].split()) < 2:
                continue
        if not re.match(r"(?:The|This|A|An)\s", text[s:e]):
            out.append(_Cand(s, e, "Bill", "pattern:bill", P_PATTERN))
    for m in _CAPS_BILL.finditer(text):
        s, e = m.start(1), m.end()
        s = _past_lead(text, s, e, "The|This|A|An|In|On|At|Under|Labour|Tory|Conservative")
        if len(text[s:e].split()) >= 2 and not text[s:e].split()[0].lower() in _not_bill_words():
            out.append(_Cand(s, e, "Bill", "pattern:bill-caps", P_PATTERN))
    for m in _CAPS_INQUIRY.finditer(text):
        s, e = m.start(1), m.end()
        s = _past_lead(text, s, e, "The|This|A|An|In|On|At|Today|Yesterday")
        if re.search(r"[A-Z][\w’'-]*\s+(?:to|of|and|for|on|in)\s+$", text[max(0, s - 30):s]):
            continue            # the tail of a longer title ("Shop Local to Help Local")
        if len(text[s:e].split()) >= 2:
            out.append(_Cand(s, e, "Inquiry", "pattern:inquiry-caps", P_PATTERN))
    for m in _LOWER_BILL.finditer(text):
        words = m.group(1).split()
        start = m.start(1)
        while words and words[0] in ("the", "a", "an", "its", "this", "their", "his", "her"):
            start += len(words[0]) + 1          # "on the widget bill": the determiner is not the name
            words = words[1:]
        if words and words[0] in ("new", "government", "proposed", "draft", "same", "whole", "forthcoming"):
            continue
        if any(w in _not_bill_words() for w in words):
            continue
        if not words or any(w in _BILL_STOP for w in words):
            continue
        if all(w in ("and",) for w in words):
            continue
        out.append(_Cand(start, m.end(), "Bill", "pattern:bill-lower", P_PATTERN))
    for m in _NAMED_INQUIRY.finditer(text):
        s, e = m.span(1)
        s = _past_lead(text, s, e, "The|This|An?|In|At|On")
        if len(text[s:e].split()) >= 2 and not lexicon_canonical(text[s:e]):    # "Electoral Commission": a body
            out.append(_Cand(s, e, "Inquiry", "pattern:inquiry", P_PATTERN))
    out.extend(_described_inquiries(text, doc))
    for m in _COUNCIL.finditer(text):
        s, e = m.span(1)
        s = _past_lead(text, s, e, "The|This|A|An|In|At|On|By")
        if len(text[s:e].split()) >= 2:
            out.append(_Cand(s, e, "Body", "pattern:council", P_PATTERN))
    for m in _org_re().finditer(text):
        for s, e in _split_org_run(text, *m.span(1)):
            s = _past_lead(text, s, e, "The|This|A|An|In|At|On|By|From|With")
            if len(text[s:e].split()) >= 2 and not party_canonical(text[s:e]):
                out.append(_Cand(s, e, "Body", "pattern:org", P_PATTERN - 0.5))
    for m in _prison_re().finditer(text):
        out.append(_Cand(*m.span(1), "Body", "pattern:prison", P_PATTERN))
    out.extend(_lower_bodies(text, doc))
    for m in _CONSTITUENCY_AFTER.finditer(text):
        g = next(i for i in (1, 2, 3) if m.group(i))
        span = _trim_trailing_lower(m.group(g), m.start(g))
        if span:
            out.append(_Cand(*span, "Place", "pattern:constituency", P_PATTERN))
    out.extend(_commons_names(text))
    for m in _GOVERNMENT.finditer(text):
        s, e = m.span(1)
        word = text[s:e].split()[0]
        if word.endswith(("'s", "’s", "s'", "s’")):
            continue            # "Jane Doe's government" is hers, not a named government
        if word.lower() in ("the", "uk", "british", "labour", "conservative", "tory", "coalition", "scottish",
                            "welsh", "local") or party_canonical(word):
            continue
        out.append(_Cand(s, e, "Body", "pattern:government", P_PATTERN))
    return out


def _described_inquiries(text: str, doc) -> list[_Cand]:
    """'the inquiry into abuse in X', 'an independent commission on social care' (not proposals)."""
    out = []
    for m in _DESCRIBED_INQUIRY.finditer(text):
        mods = {w.lower() for w in m.group(1).split()[:-2]}
        if mods & _PROPOSAL_WORDS:
            continue
        obj_start = m.end(1)
        tok = _char_to_token(doc, obj_start)
        if tok is None or tok.lower_ in ("why", "how", "whether", "what", "who", "the", "claims", "allegations") \
                or tok.ent_type_ in ("DATE", "TIME"):
            continue            # "the inquiry on Monday" is a date, not a subject
        prep = doc[tok.i - 1] if tok.i > 0 else None
        if prep is None or prep.lower_ not in ("into", "of", "on"):
            continue
        sub = [t for t in prep.subtree if t.i > prep.i]
        end_tok = None
        for t in sub:
            if t.is_punct or t.lower_ in ("that", "which", "who", "after", "before", "because", "when", "and", "but"):
                break
            end_tok = t
        if end_tok is None:
            continue
        s = m.start(1)
        for w in m.group(1).split()[:-2]:
            if w.lower() in _INSTITUTIONAL:
                break
            s += len(w) + 1
        e = end_tok.idx + len(end_tok.text)
        if len(text[obj_start:e].split()) >= 2 or text[obj_start].isupper():
            out.append(_Cand(s, e, "Inquiry", "pattern:inquiry-described", P_PATTERN))
    return out


def _lower_bodies(text: str, doc) -> list[_Cand]:
    """Lower-case bodies named by what they are: 'the ministerial standards watchdog'."""
    out = []
    for m in _LOWER_BODY.finditer(text):
        words = m.group(2).split()
        if not words or set(w.lower() for w in words) <= _GENERIC_BODY_WORDS or words[0] in _GENERIC_BODY_WORDS:
            continue
        toks = [_char_to_token(doc, m.start(2) + len(" ".join(words[:i])) + (1 if i else 0)) for i in range(len(words))]
        if any(t is None or t.pos_ not in ("NOUN", "ADJ", "PROPN", "CCONJ") for t in toks):
            continue
        s = m.start(1) + (4 if m.group(1).startswith("new ") else 0)
        out.append(_Cand(s, m.end(1), "Body", "pattern:body-lower", P_PATTERN))
    for m in _NAMED_COMMITTEE.finditer(text):
        words = m.group(1).split()[:-1]
        if any(party_canonical(w) for w in words) or not all(
                (t := _char_to_token(doc, m.start(1) + len(" ".join(words[:i])) + (1 if i else 0))) is not None
                and t.pos_ in ("PROPN", "NOUN", "ADJ") for i in range(len(words))):
            continue            # "the Labour committee" is a party's, not a body of its own
        out.append(_Cand(m.start(1), m.end(1), "Body", "pattern:body-lower", P_PATTERN))
    return out


def _commons_names(text: str) -> list[_Cand]:
    """'Jane Doe (Lab)': a person and a party; 'Jane Doe (Northtown)' after 'MP': a person and a place."""
    out = []
    abbrevs = party_abbreviations()
    for m in _COMMONS_NAME.finditer(text):
        inner = m.group(2).strip()
        name_s, name_e = m.span(1)
        lead = re.match(r"(?:(?:The|A|An|MP|Labour|Conservative|Tory|[A-Z][a-z]+ MP)\s+)+", m.group(1))
        if inner in abbrevs or party_canonical(inner):
            if lead:
                name_s += lead.end()
            if len(text[name_s:name_e].split()) >= 2:
                out.append(_Cand(name_s, name_e, "Person", "pattern:commons-name", P_PATTERN))
            out.append(_Cand(m.start(2), m.end(2), "Party", "pattern:party-abbrev", P_PATTERN))
        elif re.search(r"\bMPs?\s+$", text[max(0, m.start() - 40):m.start(1) + (lead.end() if lead else 0)]) \
                and not re.match(r"(?:Mr|Ms|Mrs|Dr|Sir|Dame)\b", inner):
            out.append(_Cand(m.start(2), m.end(2), "Place", "pattern:constituency", P_PATTERN))
    return out


# -- NER and lexicon candidates ------------------------------------------------------------------
def _model_cands(text: str, doc) -> list[_Cand]:
    """Ruler and NER spans, with the small model's habitual truncations repaired."""
    out = []
    ents = list(doc_ents(doc))
    for i, ent in enumerate(ents):
        label = ent.label_
        if label in _BLOCKING:
            out.append(_Cand(ent.start_char, ent.end_char, None, label, P_LEXICON))
            continue
        kg_type = LABEL_TYPES.get(label)
        if label == "DATE" and len(ent) == 1 and ent.start > 0 and is_given_name(doc[ent.start - 1].text) \
                and doc[ent.start - 1].is_title and doc[ent.start - 1].ent_type_ in ("", "PERSON"):
            # "Theresa May's": a given name before a month-shaped surname is a person, not a date
            out.append(_Cand(doc[ent.start - 1].idx, ent.end_char, "Person", "PERSON", P_NER))
            continue
        if kg_type is None and label not in _RETYPABLE:
            continue
        if ent.ent_id_:
            if label == "PARTY" and _party_is_name_part(ent, doc):
                continue
            out.append(_Cand(ent.start_char, ent.end_char, kg_type, "lexicon", P_LEXICON))
            continue
        start, end = _repair_ner(ent, doc, ents[i + 1] if i + 1 < len(ents) else None)
        if _truncated(ent, doc, end) or _title_part(doc, end):
            continue
        out.append(_Cand(start, end, kg_type if label not in _RETYPABLE else "?" + label, label, P_NER))
    return out


@cache
def _ambiguous_given() -> frozenset[str]:
    return frozenset(w.lower() for w in load("names")["ambiguous_given_names"])


#: two capitalised words, overlapping matches included ("Ulster Unionist Rory Quill" holds
#: "Rory Quill" although "Unionist Rory" is tried first)
_TWO_CAPS = re.compile(r"(?=\b([A-Z][^\W\d_]+)[ \t]+([A-Z][^\W\d_’'-]*(?:[’'-][A-Z][^\W\d_]+)*)\b)")


def _given_name_cands(doc, model: list[_Cand] = ()) -> list[_Cand]:
    """'Jane Doe' the model missed: a given name and one capitalised word, nothing else around.

    Lowest priority: any other candidate over the same words wins, except a model person that
    is only the surname ("Rhodri [Bevan]"): then the whole name takes that person's place. A
    given name that is also a common word or place ('Will', 'Bill', 'Victoria') never starts
    one. Candidates come from the text (a regex), so only the few places that look like names
    cost a token look-up.
    """
    surname_only = {(c.start, c.end): c.priority for c in model if c.type == "Person"}
    out = []
    text = doc_text(doc)
    for m in _TWO_CAPS.finditer(text):
        if m.group(1).lower() in _ambiguous_given() or not is_given_name(m.group(1)):
            continue
        span = doc.char_span(m.start(1), m.end(2))
        if span is None or len(span) != 2:
            continue
        tok, nxt = span[0], span[1]
        after = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
        before = doc[tok.i - 1] if tok.i > 0 else None
        if nxt.pos_ != "PROPN" or party_canonical(nxt.text) \
                or (after is not None and after.is_title and after.pos_ == "PROPN") \
                or (before is not None and before.is_title and before.pos_ == "PROPN" and not before.is_sent_start
                    and before.ent_type_ != "PARTY"):       # "the Ulster Unionist Rory Quill" is a name
            continue
        end = nxt.idx + len(nxt)
        out.append(_Cand(tok.idx, end, "Person", "given-name", surname_only.get((nxt.idx, end), 0)))
    return out


def _party_is_name_part(ent, doc) -> bool:
    """A one-word party alias inside another name: 'Fair Reform', '(Reform) Bill'."""
    if len(ent) != 1:
        return False
    prev = doc[ent.start - 1] if ent.start > 0 else None
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if prev is not None and prev.text == "(" and nxt is not None and nxt.text == ")":
        return True
    return bool(prev is not None and prev.is_title and not prev.is_sent_start and prev.ent_type_ in ("ORG", "")
                and prev.pos_ == "PROPN" and not party_canonical(prev.text))


def _repair_ner(ent, doc, nxt) -> tuple[int, int]:
    """Extend an ORG over 'of Britain' / a glued capitalised word / a trailing 'programme'."""
    start, end = ent.start_char, ent.end_char
    if ent.label_ != "ORG":
        return start, end
    j = ent.end
    # ORG + "of|for" + capitalised run ("The Widget Council" + "of Northland")
    if j + 1 < len(doc) and doc[j].lower_ in ("of", "for") and doc[j + 1].is_title:
        k = j + 1
        while k < len(doc) and (doc[k].is_title or (doc[k].lower_ in ("and", "of") and k + 1 < len(doc)
                                                    and doc[k + 1].is_title)):
            k += 1
        end = doc[k - 1].idx + len(doc[k - 1].text)
        j = k
    # ORG immediately followed by a capitalised word the ruler took ("Fair" + "Reform")
    while j < len(doc) and doc[j].is_title and doc[j].pos_ == "PROPN" and doc[j].ent_type_ in ("PARTY", "ORG", ""):
        end = doc[j].idx + len(doc[j].text)
        j += 1
    if j < len(doc) and doc[j].lower_ in ("programme", "group", "campaign", "initiative", "scheme", "network"):
        end = doc[j].idx + len(doc[j].text)
    # "the Action on" + ORG: a capitalised word and a preposition glued on the left
    i = ent.start
    if doc[i].lower_ == "the":
        i += 1
    if i >= 2 and doc[i - 1].lower_ in ("on", "for", "of") and doc[i - 2].is_title and i >= 3 \
            and doc[i - 3].lower_ == "the":
        start = doc[i - 2].idx
    return start, end


def _truncated(ent, doc, end: int) -> bool:
    """An ORG/PERSON span the model cut mid-phrase: its last word modifies a lower-case noun after it."""
    if ent.label_ not in ("ORG", "PERSON"):
        return False
    last = doc[ent.end - 1]
    if end > ent.end_char:
        return False
    if last.pos_ == "ADJ":
        return True
    nxt = doc[ent.end] if ent.end < len(doc) else None
    return bool(nxt is not None and nxt.is_lower and nxt.pos_ == "NOUN" and last.dep_ in ("compound", "amod")
                and len(ent) == 1)


def _title_part(doc, end: int) -> bool:
    """'Home' in 'Home Secretary': a span followed by an office word is part of a title."""
    tok = _char_to_token(doc, end + 1) if end + 1 < len(doc_text(doc)) else None
    if tok is not None and tok.idx == end + 1 and tok.lower_ in ("secretary", "minister", "office"):
        return True
    words = doc_text(doc)[max(0, end - 40):end].split()
    return bool(words) and words[-1].lower() in ("secretary", "minister")


# -- overlap resolution and cleaning ---------------------------------------------------------------
def _resolve_overlaps(cands: Iterable[_Cand]) -> list[_Cand]:
    """Greedy: higher priority, then longer span, then earlier start, wins."""
    chosen: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (-c.priority, -(c.end - c.start), c.start)):
        if c.end <= c.start:
            continue
        if any(c.start < o.end and o.start < c.end and not _nested_place(c, o) for o in chosen):
            continue
        chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _nested_place(inner: _Cand, outer: _Cand) -> bool:
    """A place named inside a described inquiry or body ('inquiry into abuse in X') is kept as well."""
    return (inner.type == "Place" and outer.type == "Inquiry" and outer.source.startswith("pattern")
            and outer.start <= inner.start and inner.end <= outer.end)


def _to_mention(entry: Entry, c: _Cand) -> Mention | None:
    """Clean a candidate (articles, possessives, line breaks, furniture) into a Mention."""
    raw = entry.text[c.start:c.end]
    if "\n" in raw:
        raw = raw.split("\n")[0]
    text, lead, _trail = clean_surface(raw)
    if c.type == "Person":
        cut_lead, cut_tail = trim_person(text)
        text = text[cut_lead:len(text) - cut_tail].rstrip(" ,.;:")
        lead += cut_lead
    elif c.type == "Body" and c.source in ("ORG", "FAC", "pattern:org"):
        owner = re.search(r"[’']s\s", text)
        if owner and c.source == "pattern:org" and not lexicon_canonical(text[:owner.start()]):
            owner = None            # a pattern's run keeps its owner: "Her Majesty's Prison Service"
        if owner:                       # "Widget Board's Network": the body is the owner
                                        # (a pattern's run keeps it: "Her Majesty's Prison Service")
            text = text[:owner.start()]
        desc = re.match(r"(?:(?:Former|Ex|Then|New|Outgoing)\b-?\s*)+", text)
        if desc and len(text) > desc.end():
            text, lead = text[desc.end():], lead + desc.end()
    if not text or is_furniture(text) or not any(ch.isalpha() for ch in text) or text.lower() in _not_entities():
        return None
    if text.count("(") > text.count(")"):
        text = text[:text.index("(")].rstrip()     # "WHO (World Health Organisation": a bracket left open
        if not text:
            return None
    if c.type in ("Body", "Place") and c.priority < P_LEXICON and re.search(r"\s(?:of|the|and|for)$", text):
        return None             # "Llywydd of the": the model stopped inside a longer name
    if c.type in ("Body", "Place") and text.lower() in _office_titles() and c.priority < P_LEXICON:
        return None             # "First Minister('s Questions)": a post, no organisation
    if " " not in text and text.lower().endswith(_not_entity_suffixes()) and c.priority < P_LEXICON:
        return None             # "Islamophobia", "Thatcherism": an idea, not an actor
    if c.type == "Person" and (not text[0].isupper() or text.lower() in _not_people()):
        return None
    if c.end >= len(entry.text.rstrip()) and entry.text.rstrip()[-1:].isalpha() and c.priority < P_LEXICON:
        return None         # the text stops mid-word here: a cut-off page, not a name (a lexicon name is whole)
    start = c.start + lead
    conf = 0.7 if c.priority <= P_NER else 0.9 if c.priority == P_LEXICON else 0.85
    return Mention(text=text, type=c.type or "?", source_label=c.source,
                   prov=Provenance(entry.id, Span(start, start + len(text)), EXTRACTOR, conf))


def _drop_junk(m: Mention, doc) -> bool:
    """Single words the model calls a person or place that are plainly not names ('a Bill', 'AI')."""
    words = m.text.split()
    if m.type == "Person" and len(words) == 1:
        tok = _char_to_token(doc, m.prov.span.start)
        if tok is not None and tok.i > 0 and doc[tok.i - 1].lower_ in ("a", "an", "the", "this", "that"):
            return True
        if m.text.lower() in _office_heads() or m.text in ("Bill", "Act"):
            return True
    if m.type == "Place" and m.source_label in ("GPE", "LOC") and m.text.isupper() and len(m.text) <= 3:
        return True
    if len(words) == 1 and m.source_label in _MODEL_LABELS + ("PERSON", "pattern:org"):
        tok = _char_to_token(doc, m.prov.span.start)
        if tok is not None and tok.is_stop or m.text.endswith("-") or len(m.text.strip("-")) < 2:
            return True     # "Than", "ex-": a sentence's first word or a broken hyphen, not a name
    return False


_HEADLINE_SPEAKER = re.compile(r"^([A-Z][a-z’'-]+(?:\s[A-Z][a-z’'-]+)?):\s+[‘'“\"]")


def _headline_speaker(entry: Entry) -> list[_Cand]:
    """"Doe: 'We were misled'": a headline that labels a quotation with a name names a person."""
    if not entry.headline or not entry.text.startswith(entry.headline):
        return []
    m = _HEADLINE_SPEAKER.match(entry.headline)
    if not m or m.group(1).lower() in _not_people() or is_furniture(m.group(1)) or party_canonical(m.group(1)) \
            or lexicon_canonical(m.group(1)):
        return []
    return [_Cand(m.start(1), m.end(1), "Person", "pattern:headline-speaker", P_PATTERN)]


def extract_mentions(entry: Entry, doc) -> list[Mention]:
    """Mentions in one parsed entry, with character spans into ``entry.text`` (types not yet final)."""
    text = entry.text
    model = _model_cands(text, doc)
    cands = _pattern_cands(text, doc) + model + _headline_speaker(entry) + _given_name_cands(doc, model)
    out = []
    for c in _resolve_overlaps(cands):
        if c.type is None:
            continue
        m = _to_mention(entry, c)
        if m is not None and not _drop_junk(m, doc):
            out.append(m)
    return out


# -- the document-level pass -----------------------------------------------------------------------
def _with_type(m: Mention, kg_type: str, why: str) -> Mention:
    return Mention(text=m.text, type=kg_type, prov=m.prov, source_label=f"{m.source_label}>{why}")


def _acronym_mentions(doc: Document, parsed: list, mentions: list[Mention]) -> list[Mention]:
    """'Office for Budget Responsibility (OBR)': every later bare 'OBR' in the document is that body."""
    defined: dict[str, str] = {}
    by_entry: dict[str, list[Mention]] = {}
    for m in mentions:
        by_entry.setdefault(m.prov.entry_id, []).append(m)
    for entry in doc.entries:
        for m in _ACRONYM_DEF.finditer(entry.text):
            before = [x for x in by_entry.get(entry.id, []) if 0 <= m.start() - x.prov.span.end <= 2]
            if before and before[0].type in ("Body", "Inquiry", "Party") and _initials_match(m.group(1), before[0].text):
                defined[m.group(1)] = before[0].type
    out = []
    for entry in doc.entries:
        taken = [(x.prov.span.start, x.prov.span.end) for x in by_entry.get(entry.id, [])]
        for acr, kg_type in defined.items():
            for m in re.finditer(rf"\b{re.escape(acr)}\b", entry.text):
                if any(s <= m.start() < e for s, e in taken):
                    continue
                out.append(Mention(text=acr, type=kg_type, source_label="acronym",
                                   prov=Provenance(entry.id, Span(m.start(), m.end()), EXTRACTOR, 0.85)))
    return out


def _initials_match(acronym: str, name: str) -> bool:
    """'MoJ' ~ 'Ministry of Justice'; 'WMBA' ~ 'Widget Makers' Benevolent Association'."""
    words = re.findall(r"[A-Za-z][\w’']*", name)
    caps = "".join(w[0] for w in words if w[0].isupper()).lower()
    every = "".join(w[0] for w in words).lower()
    return acronym.lower() in (caps, every)


def _retype(mentions: list[Mention], doc: Document, parsed: list) -> list[Mention]:
    """Fix types with document context (see the module docstring)."""
    persons_full = {name_key(m.text) for m in mentions if m.type == "Person" and len(strip_honorifics(m.text).split()) > 1}
    surnames = {k.split()[-1] for k in persons_full}
    # surnames used alone for a person ("Doe said", "Ms Doe"): a full name ending in one is that person
    lone_surnames = {name_key(strip_honorifics(m.text)) for m in mentions
                     if m.type == "Person" and len(strip_honorifics(m.text).split()) == 1}
    given = {k.split()[0] for k in persons_full}
    person_texts = {name_key(m.text) for m in mentions if m.type == "Person"}
    place_words = {w for m in mentions if m.type == "Place" and len(m.text.split()) > 1
                   for w in name_key(m.text).split() if w not in ("and", "upon", "on", "the")}
    place_texts = {name_key(m.text) for m in mentions if m.type == "Place"}
    parses = {e.id: p for e, p in zip(doc.entries, parsed)}
    texts = {e.id: e.text for e in doc.entries}
    prefixes = tuple(p.lower() + " " for p in load("bodies")["short_name_prefixes"])
    short_bodies = {name_key(m.text)[len(p):] for m in mentions if m.type == "Body"
                    for p in prefixes if name_key(m.text).startswith(p)}
    out = []
    for m in mentions:
        k = name_key(m.text)
        words = k.split()
        src = m.source_label
        if len(words) == 1 and k in short_bodies and m.type in ("Person", "Place", "Body") and k not in surnames:
            out.append(_with_type(m, "Body", "short-name"))
            continue
        if m.type == "Body" and src == "ORG" and len(words) == 1 and k not in surnames and (re.search(
                r"\b(?:in|near|at|from|visit|visits|visited|across|around)\s+$",
                texts.get(m.prov.entry_id, "")[:m.prov.span.start]) or _PLACE_LEAD.search(
                texts.get(m.prov.entry_id, "")[:m.prov.span.start])):
            out.append(_with_type(m, "Place", "after-preposition"))
            continue
        if m.type in ("Body", "Place", "?PRODUCT", "?WORK_OF_ART", "?NORP") and k in person_texts and not src.startswith("pattern") and src != "lexicon":
            out.append(_with_type(m, "Person", "same-text-person"))
            continue
        if m.type in ("Body", "Place", "?PRODUCT", "?WORK_OF_ART") and len(words) == 1 and k in surnames and src in ("ORG", "GPE", "LOC", "PRODUCT", "WORK_OF_ART", "NORP"):
            out.append(_with_type(m, "Person", "surname"))
            continue
        if m.type != "Person" and src in _MODEL_LABELS and _name_shaped(m.text) and (
                is_given_name(m.text.split()[0]) or words[-1] in lone_surnames):
            out.append(_with_type(m, "Person", "name-shape"))
            continue
        if m.type in ("Place", "Body") and len(words) == 1 and k in given and k not in _known_places() \
                and src in _MODEL_LABELS:
            out.append(_with_type(m, "Person", "given-name-of-person"))    # "Amelia's article", by Amelia Marsh
            continue
        if m.type != "Place" and src in (*_MODEL_LABELS, "PERSON") and k in _known_places() and k not in surnames \
                and k not in given:
            out.append(_with_type(m, "Place", "gazetteer"))     # "pressures on Glasgow" is no person
            continue
        if m.type == "Person" and src == "PERSON" and len(m.text.split()) >= 2 \
                and m.text.split()[-1] in _body_heads() and not is_given_name(m.text.split()[-2]):
            out.append(_with_type(m, "Body", "body-shape"))     # "Barlinnie Prison" is no person
            continue
        if m.type == "Person" and src == "PERSON" and _place_shaped(m, words, texts.get(m.prov.entry_id, ""), surnames):
            out.append(_with_type(m, "Place", "place-shape"))
            continue
        if m.type in ("Person", "Body", "?NORP") and len(words) == 1 and k in place_words and k not in surnames \
                and k not in given and not src.startswith("pattern") and src != "lexicon":
            out.append(_with_type(m, "Place", "place-word"))
            continue
        if m.type.startswith("?") or (m.type in ("Body", "Place") and src in ("ORG", "GPE", "LOC", "FAC")):
            p = parses.get(m.prov.entry_id)
            retyped = _person_by_context(m, p, mentions) if p is not None else None
            if retyped:
                out.extend(retyped)
                continue
            if m.type == "Place" and k in place_texts:
                out.append(m)
                continue
        if m.type.startswith("?"):
            continue
        out.append(m)
    return out


@cache
def _body_heads() -> frozenset[str]:
    return frozenset(load("names")["body_heads"])


@cache
def _known_places() -> frozenset[str]:
    """Name keys of places in the gazetteer (``data/places.json``)."""
    return frozenset(name_key(p) for p in load("places")["places"])


#: words before a place's name: "the seat of X", "the town of X"
_PLACE_LEAD = re.compile(r"\b(?:seat|constituency|town|city|village|borough|county|ward) of\s+$")


@cache
def _not_entity_suffixes() -> tuple[str, ...]:
    return tuple(w.lower() for w in load("names")["not_entity_suffixes"])


@cache
def _place_heads() -> frozenset[str]:
    return frozenset(w.lower() for w in load("names")["place_heads"])


def _place_shaped(m: Mention, words: list[str], text: str, surnames: set[str]) -> bool:
    """A 'person' the model found that reads as a place: 'Barnard Castle' (a place head after a
    word that is no given name), or one word after 'the seat of' / 'in' that names nobody else
    in the document ('the seat of Northtown'); 'in Doe's view' stays a person."""
    if is_given_name(words[0]) and words[0] not in _ambiguous_given():
        return False
    if len(words) > 1:
        return words[-1] in _place_heads()
    before, after = text[:m.prov.span.start], text[m.prov.span.end:m.prov.span.end + 2]
    return words[0] not in surnames and not after.startswith(("'", "’")) and bool(re.search(
        r"\b(?:in|near|at|across|around)\s+$", before) or _PLACE_LEAD.search(before))


@cache
def _speech_lemmas() -> frozenset[str]:
    return frozenset(load("cues")["verbs"])


_MODEL_LABELS = ("ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT")


def _name_shaped(text: str) -> bool:
    """Two or three capitalised words and nothing else: 'Jane Doe', 'Jane Mary Doe'."""
    words = text.split()
    return 2 <= len(words) <= 3 and all(re.fullmatch(r"[A-Z][a-zà-ÿ’'-]+(?:-[A-Z][a-zà-ÿ’'-]+)?|Mc[A-Z][a-z]+", w)
                                        for w in words)


def _person_by_context(m: Mention, doc, mentions: list[Mention]) -> list[Mention] | None:
    """A name-shaped span the model mistyped, recognised by what surrounds it.

    'X and Jane Doe' (coordinated with a person), 'X, the health secretary,'
    (an office in apposition), 'X (Lab)', and 'the mayor of Greater Northtown
    Jane Doe' (a place and a person glued together after 'mayor of').
    """
    span = doc.char_span(m.prov.span.start, m.prov.span.end, alignment_mode="expand")
    if span is not None and len(span) == 1 and span[0].is_title and span[0].dep_ == "nsubj" \
            and span[0].head.lemma_.lower() in _speech_lemmas() and any(
                t.lower_ in ("he", "she", "his", "her") and t.dep_ in ("nsubj", "nsubjpass", "poss")
                for t in span[0].head.subtree if t.i > span[0].head.i):
        return [_with_type(m, "Person", "speaker")]      # 'Doe says she ...': a body would say 'it' or 'we'
    if span is None or not all(t.is_title and t.pos_ == "PROPN" for t in span):
        return None
    root = span.root
    if 2 <= len(span) <= 3 and root.dep_ == "nsubj" and root.head.lemma_.lower() in _speech_lemmas():
        return [_with_type(m, "Person", "speaker")]      # 'Jane Doe challenges the PM on ...'
    text = doc_text(doc)
    owner = re.search(r"((?:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*)[’']s?\s+$", text[max(0, m.prov.span.start - 40):m.prov.span.start])
    if 2 <= len(span) <= 3 and owner and party_canonical(owner.group(1)):
        return [_with_type(m, "Person", "party-possessive")]   # "the Widget Party's Jane Doe"
    after = text[m.prov.span.end:m.prov.span.end + 60]
    before = text[max(0, m.prov.span.start - 40):m.prov.span.start]
    if 2 <= len(span) <= 3 and re.search(r"\b(?:" + "|".join(map(re.escape, _office_heads())) + r"|staff|communications)\s*,\s*$",
                                          before, re.I):
        return [_with_type(m, "Person", "apposition")]     # "her chief of staff, Jane Doe"
    if 2 <= len(span) <= 3:
        if re.match(r",\s+(?:(?:the|a|an|our|its)\s+)?(?:[\w’'-]+\s+){0,5}?(?:" + "|".join(map(re.escape, _office_heads())) + r")\b", after, re.I) \
                or re.match(r"\s+\((?:" + "|".join(map(re.escape, party_abbreviations())) + r")\)", after):
            return [_with_type(m, "Person", "apposition")]
    if 2 <= len(span) <= 3:
        persons = [x for x in mentions if x.type == "Person" and x.prov.entry_id == m.prov.entry_id]
        for x in persons:
            if x is m:
                continue
            gap_after = text[m.prov.span.end:x.prov.span.start] if x.prov.span.start >= m.prov.span.end else None
            gap_before = text[x.prov.span.end:m.prov.span.start] if x.prov.span.end <= m.prov.span.start else None
            if (gap_after is not None and re.fullmatch(r",?\s+(?:and|or)\s+", gap_after)) or \
                    (gap_before is not None and re.fullmatch(r",?\s+(?:and|or)\s+", gap_before)):
                return [_with_type(m, "Person", "coordination")]
    if len(span) >= 3 and re.search(r"\b(?:mayor|leader|minister|MP|chair|governor)\s+(?:of|for)\s+$", before, re.I):
        cut = span[-2].idx - doc[0].idx
        place_text = text[m.prov.span.start:cut].rstrip()
        person_text = text[cut:m.prov.span.end]
        place = Mention(text=place_text, type="Place", source_label=f"{m.source_label}>split",
                        prov=Provenance(m.prov.entry_id, Span(m.prov.span.start, m.prov.span.start + len(place_text)),
                                        EXTRACTOR, 0.6))
        person = Mention(text=person_text, type="Person", source_label=f"{m.source_label}>split",
                         prov=Provenance(m.prov.entry_id, Span(cut, m.prov.span.end), EXTRACTOR, 0.6))
        return [place, person]
    return None


def _surname_mentions(doc: Document, parsed: list, mentions: list[Mention]) -> list[Mention]:
    """Bare surnames of people the document names in full, where the model saw nothing ('Doe, the ...')."""
    surnames = {strip_honorifics(m.text).split()[-1] for m in mentions
                if m.type == "Person" and len(strip_honorifics(m.text).split()) > 1}
    surnames = {s for s in surnames if len(s) >= 3 and s[0].isupper()}
    if not surnames:
        return []
    pattern = _any_of(surnames)
    covered = _covered(mentions)
    out = []
    for entry, parse in zip(doc.entries, parsed):
        spans = covered.get(entry.id, [])
        for m in pattern.finditer(entry.text):
            if any(s < m.end() and m.start() < e for s, e in spans):
                continue
            tok = _char_to_token(parse, m.start())
            if tok is None or tok.pos_ != "PROPN" or tok.ent_type_ in ("DATE", "TIME", "PRODUCT", "EVENT"):
                continue
            if m.end() < len(entry.text) and re.match(r"\s+[A-Z]", entry.text[m.end():m.end() + 2]):
                continue
            out.append(Mention(text=m.group(1), type="Person", source_label="surname-scan",
                               prov=Provenance(entry.id, Span(m.start(), m.end()), EXTRACTOR, 0.75)))
    return out


def _any_of(names: set[str]) -> re.Pattern:
    """One pattern for a set of names, longest first, never inside a longer word."""
    return re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")(?![\w-])")


def _covered(mentions: list[Mention]) -> dict[str, list[tuple[int, int]]]:
    """Entry id -> the character spans its mentions already take."""
    covered: dict[str, list[tuple[int, int]]] = {}
    for m in mentions:
        covered.setdefault(m.prov.entry_id, []).append((m.prov.span.start, m.prov.span.end))
    return covered


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    seen: set[tuple[str, int, int, str]] = set()
    out = []
    for m in mentions:
        key = (m.prov.entry_id, m.prov.span.start, m.prov.span.end, m.text)
        if key in seen and m.prov.span.end > m.prov.span.start:
            continue
        seen.add(key)
        out.append(m)
    return out


def extract_document_mentions(doc: Document, parsed: list) -> list[Mention]:
    """All mentions of a document, typed with document-wide context (see the module docstring)."""
    mentions = [m for e, p in zip(doc.entries, parsed) for m in extract_mentions(e, p)]
    mentions += _acronym_mentions(doc, parsed, mentions)
    mentions = _retype(_retype(mentions, doc, parsed), doc, parsed)
    mentions = [m for m in mentions if not (m.type == "Person" and m.text.lower() in _not_people())]
    mentions = _drop_cut_names(mentions, doc)
    mentions = mentions + _full_name_mentions(doc, mentions)
    return _dedupe(mentions + _surname_mentions(doc, parsed, mentions))


def _full_name_mentions(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """Every other occurrence of a person's full name that the model missed (one sense per
    discourse: 'Jane Doe' is Jane Doe wherever the document writes it)."""
    names = {m.text for m in mentions if m.type == "Person" and len(m.text.split()) >= 2 and m.text[0].isupper()}
    if not names:
        return []
    pattern = _any_of(names)
    covered = _covered(mentions)
    out = []
    for entry in doc.entries:
        spans = covered.get(entry.id, [])
        for m in pattern.finditer(entry.text):
            if any(s <= m.start() and m.end() <= e for s, e in spans):
                continue
            if any(s < m.end() and m.start() < e and not (m.start() <= s and e <= m.end()) and e - s > 0
                   and not _glued_place(entry.text, s, e, m.start()) for s, e in spans):
                continue
            out.append(Mention(text=m.group(1), type="Person", source_label="full-name-scan",
                               prov=Provenance(entry.id, Span(m.start(), m.end()), EXTRACTOR, 0.8)))
    return out


def _glued_place(text: str, s: int, e: int, name_start: int) -> bool:
    """An overlapping span that only ends inside the name: the model glued a word of the name on."""
    return s < name_start < e


def _drop_cut_names(mentions: list[Mention], doc: Document) -> list[Mention]:
    """'Jane Dor' at the end of a line, where the document names 'Jane Dorsett': a page cut mid-word
    (an excerpt, a truncated scrape) is not a person of its own."""
    texts = {e.id: e.text for e in doc.entries}
    full = {m.text for m in mentions if m.type == "Person"}

    def cut(m: Mention) -> bool:
        rest = texts.get(m.prov.entry_id, "")[m.prov.span.end:]
        at_line_end = not rest.strip(" ") or rest.lstrip(" ").startswith("\n")
        return at_line_end and any(f != m.text and f.startswith(m.text) and f[len(m.text)].isalpha() for f in full)

    return [m for m in mentions if not (m.type == "Person" and cut(m))]
