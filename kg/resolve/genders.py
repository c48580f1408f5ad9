"""Gender of people, for pronoun resolution: every way kg infers it, in one place.

A live blog rarely states gender; it shows it. The ways, in order of trust:

* :func:`honorific_gender`: an honorific in a mention ("Ms Doe", "Sir John"), set on
  the entity as mentions attach (:meth:`kg.resolve.merge.Resolver.attach`);
* :func:`infer_gender`: "she" / "he" as the subject of the sentence right after one
  whose subject is that person, the majority over the document, never overriding an
  honorific (run by the resolution stage, :func:`kg.resolve.aliases.resolve_references`);
* :func:`learn_genders`: a fallback table for pronoun resolution, from honorifics in
  any surface form, a well-known given name (:func:`given_name_gender`), and
  "X says she ..." reports; :func:`gender_of` combines it with the entity's own.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from ..facts import Entity
from ..nlp import cue_lexicon, doc_ents
from .subjects import subject_persons
from .names import FEMALE_HONORIFICS, MALE_HONORIFICS, given_names, normalise, strip_honorifics

__all__ = ["PRONOUN_GENDER", "honorific_gender", "given_name_gender", "infer_gender", "learn_genders", "gender_of"]

#: pronoun -> gender class ("m", "f", "p" for plural/organisation)
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                  "she": "f", "her": "f", "hers": "f", "herself": "f",
                  "they": "p", "them": "p", "their": "p", "it": "p", "its": "p"}
#: verbs whose subject reports someone else's words, so "X asks whether she ..." says nothing of X
_NOT_OWN_WORDS = ("ask", "question", "press", "urge", "accuse")


def _honorific_word_gender(word: str) -> str:
    """'f' for Ms/Mrs/Dame/Baroness..., 'm' for Mr/Sir/Lord, '' otherwise (one word)."""
    first = word.lower().rstrip(".")
    return "f" if first in FEMALE_HONORIFICS else "m" if first in MALE_HONORIFICS else ""


def honorific_gender(surface: str) -> str:
    """The gender the honorific opening ``surface`` carries, else ''."""
    return _honorific_word_gender(normalise(surface).split(" ")[0])


def _title_gender(text: str) -> str:
    """:func:`honorific_gender` without normalising: the first word split at a plain space
    only, so a surface with a non-breaking space after its honorific gives no vote."""
    return _honorific_word_gender(text.strip().split(" ")[0]) if text.strip() else ""


def given_name_gender(name: str) -> str:
    """'f' or 'm' from the first given name of ``name`` (honorifics skipped), else ''."""
    words = strip_honorifics(name).split()
    return given_names().get(words[0].lower(), "") if len(words) > 1 else ""


_SUBJECT_PRONOUN = {"she": "f", "he": "m"}


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
            if pron is not None and pron.lower_ in _SUBJECT_PRONOUN and pron.i - b.start <= 2:
                votes.setdefault(subjects[0], Counter())[_SUBJECT_PRONOUN[pron.lower_]] += 1
    for key, tally in votes.items():
        ent = ctx.resolver.entities.get(key)
        if ent is None or ent.gender:
            continue
        (g, n), *rest = tally.most_common()
        if not rest or rest[0][1] < n:
            ent.gender = g


def learn_genders(ctx) -> dict[str, str]:
    """Gender per person key from honorifics and the document's own "X says she ..." pronouns.

    Why: pronoun resolution needs gender, and a live blog states it only
    implicitly; the resolver may not know it. Read only: nothing is set on entities.
    """
    votes: dict[str, Counter] = {}
    for ent in ctx.resolver.entities.values():
        if ent.type == "Person":
            _vote_names(ent, votes)
    for doc in ctx.parsed:
        _vote_reports(ctx.resolver, doc, votes)
    return {k: c.most_common(1)[0][0] for k, c in votes.items() if c}


def _vote_names(ent: Entity, votes: dict[str, Counter]) -> None:
    """Two votes per surface form with an honorific, three for a well-known given name."""
    for surface in [ent.name, *ent.aliases, *(m.text for m in ent.mentions)]:
        g = _title_gender(surface)
        if g:
            votes.setdefault(ent.key, Counter())[g] += 2
    g = given_name_gender(ent.name)
    if g:
        votes.setdefault(ent.key, Counter())[g] += 3


def _vote_reports(res, doc, votes: dict[str, Counter]) -> None:
    """One vote for the first he/she in the clause a named person's own reporting verb governs."""
    forms = cue_lexicon()["forms"]
    for tok in doc:
        if tok.lower_ not in forms or forms[tok.lower_] in _NOT_OWN_WORDS:
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.pos_ != "PROPN":
            continue
        ent = next((e for e in doc_ents(doc) if e.start <= subj.i < e.end and e.label_ == "PERSON"), None)
        if ent is None:
            continue
        try:
            key = res.lookup(ent.text, "Person")
        except Exception:
            key = None
        if not key:
            continue
        comp = next((c for c in tok.children if c.dep_ in ("ccomp", "xcomp")), None)
        if comp is None:
            continue
        for t in comp.subtree:
            g = PRONOUN_GENDER.get(t.lower_)
            if g in ("m", "f") and t.pos_ == "PRON":
                votes.setdefault(key, Counter())[g] += 1
                break


def gender_of(key: str, entities: Mapping[str, Entity], learned: Mapping[str, str]) -> str:
    """'p' for anything not a person, else the entity's gender, else the learned one, else ''."""
    ent = entities.get(key)
    if ent is not None and ent.type != "Person":
        return "p"
    if ent is not None and ent.gender:
        return ent.gender
    return learned.get(key, "")
