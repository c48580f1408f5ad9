"""Gender of people, for pronoun resolution: every way kg infers it, in one place.

A live blog rarely states gender; it shows it. In order of trust:

* an honorific in a mention ("Ms Doe", "Sir John"), set on the entity as mentions attach
  (:func:`honorific_gender`, used by :mod:`kg.resolve.merge`);
* :func:`infer_gender`: "she" / "he" as the subject of the sentence right after one
  whose subject is that person, the majority over the document, never overriding an
  honorific (run by the resolution stage, :func:`kg.resolve.aliases.resolve_references`);
* :func:`learn_genders`: a fallback table for speaker finding, from honorifics in any
  surface form, a well-known given name, and "X says she ..." reports.
"""
from __future__ import annotations

from collections import Counter

from .coref import subject_persons

__all__ = ["infer_gender"]

_PRONOUN = {"she": "f", "he": "m"}


def infer_gender(ctx) -> None:
    """Set Entity.gender from 'she'/'he' opening the sentence after one whose subject is that person."""
    votes: dict[str, Counter] = {}
    for entry, doc in ctx.pairs():
        spans = ctx.resolver.spans_in(entry.id)
        sents = list(doc.sents)
        for a, b in zip(sents, sents[1:]):
            subjects = subject_persons(a, spans)
            if len(set(subjects)) != 1:
                continue
            pron = next((t for t in b if t.dep_ in ("nsubj", "nsubjpass")), None)
            if pron is not None and pron.lower_ in _PRONOUN and pron.i - b.start <= 2:
                votes.setdefault(subjects[0], Counter())[_PRONOUN[pron.lower_]] += 1
    for key, tally in votes.items():
        ent = ctx.resolver.entities.get(key)
        if ent is None or ent.gender:
            continue
        (g, n), *rest = tally.most_common()
        if not rest or rest[0][1] < n:
            ent.gender = g
