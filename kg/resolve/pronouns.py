"""Pronoun and nominal-anaphor coreference: who "she", "they" and "the union" are.

Statements and claims both resolve subjects through
:class:`~kg.extract.speakers.SpeakerFinder`; the coreference it needs lives here,
as a resolution concern, reading the entity table and never writing to it. An
:class:`EntryMemory` holds the entities an entry has named so far, in reading
order: the antecedents. A pronoun takes the most salient compatible one
(genders from :mod:`kg.resolve.genders`); "the union" / "the party" takes the
last entity named of the type the noun implies.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..facts import Entity
from .genders import PRONOUN_GENDER, gender_of

__all__ = ["PRONOUN_GENDER", "ANAPHORS", "EntryMemory", "is_person", "resolve_pronoun", "resolve_anaphor"]

#: nominal anaphors a subject may use for the entity last named of a type
ANAPHORS = {
    "union": ("Body",), "group": ("Body",), "party": ("Party",), "council": ("Body",),
    "department": ("Body",), "ministry": ("Body",), "committee": ("Body",), "charity": ("Body",),
    "campaign": ("Body",), "organisation": ("Body",), "association": ("Body",), "watchdog": ("Body",),
    "regulator": ("Body",), "company": ("Body",), "firm": ("Body",), "trust": ("Body",),
    "force": ("Body",), "agency": ("Body",), "body": ("Body",), "inquiry": ("Inquiry",),
    "review": ("Inquiry",), "commission": ("Inquiry", "Body"), "bill": ("Bill",),
}


@dataclass
class EntryMemory:
    """Entities an entry has named so far, in reading order: the antecedents for pronouns.

    ``sent_starts`` (character offsets of the entry's sentences) lets a pronoun
    prefer the nearest sentence over a more salient but older subject.
    """

    items: list[tuple[int, str, bool]] = field(default_factory=list)   # (char pos, key, main subject)
    sent_starts: list[int] = field(default_factory=list)
    headline_end: int = 0           # the entry's headline occupies text[:headline_end]
    voices: dict[str, str] = field(default_factory=dict)  # body key -> gender of its spokesperson

    def note(self, pos: int, key: str | None, subject: bool = False) -> None:
        if key and (pos, key, subject) not in self.items:
            self.items.append((pos, key, subject))

    def before(self, pos: int) -> list[tuple[int, str, bool]]:
        return sorted((it for it in self.items if it[0] < pos), key=lambda it: it[0])

    def after(self, pos: int) -> list[tuple[int, str, bool]]:
        return sorted((it for it in self.items if it[0] > pos), key=lambda it: it[0])

    def sentence_of(self, pos: int) -> int:
        n = 0
        for i, s in enumerate(self.sent_starts):
            if s <= pos:
                n = i
        return n

    def ranked_before(self, pos: int) -> list[str]:
        """Keys before ``pos`` in salience order: subjects of the last three sentences
        (nearest first), then any mention of the last two, then the rest by recency."""
        here = self.sentence_of(pos)
        scored = []
        for p, key, subj in self.before(pos):
            dist = here - self.sentence_of(p)
            tier = 0 if subj and dist <= 3 else (1 if dist <= 2 else 2)
            scored.append((tier, dist, -p, key))
        scored.sort()
        seen, out = set(), []
        for *_, key in scored:
            if key not in seen:
                seen.add(key)
                out.append(key)
        return out


def is_person(entities: Mapping[str, Entity], key: str | None) -> bool:
    return bool(key) and entities.get(key) is not None and entities[key].type == "Person"


def resolve_pronoun(word: str, pos: int, memory: EntryMemory | None, entities: Mapping[str, Entity],
                    learned: Mapping[str, str]) -> str | None:
    """Nearest compatible antecedent; a known gender that differs rules a candidate out.

    ``learned`` is the document's fallback gender table (:func:`kg.resolve.genders.learn_genders`).
    """
    if memory is None:
        return None
    want = PRONOUN_GENDER[word]
    ranked = memory.ranked_before(pos)
    if want == "p":
        for key in ranked:
            ent = entities.get(key)
            if ent is not None and ent.type in ("Party", "Body", "Inquiry"):
                return key
        return None
    for key in ranked:
        if is_person(entities, key) and gender_of(key, entities, learned) in ("", want):
            return key
        if memory.voices.get(key, "?") in ("", want):
            return key      # "The council's spokeswoman declined ... She said": the council
    return None


def resolve_anaphor(types: tuple[str, ...], pos: int, memory: EntryMemory,
                    entities: Mapping[str, Entity]) -> str | None:
    """The entity last named before ``pos`` of one of ``types`` ("the union" -> the last Body)."""
    for _, key, _ in reversed(memory.before(pos)):
        ent = entities.get(key)
        if ent is not None and ent.type in types:
            return key
    return None
