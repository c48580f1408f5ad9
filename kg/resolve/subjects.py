"""Who a sentence is about: the persons that are its subjects, and those that speak in it.

Coreference (:mod:`kg.resolve.coref`) votes with them for the holder of a described post, and
gender learning (:mod:`kg.resolve.genders`) reads the pronouns that follow them.
"""
from __future__ import annotations

__all__ = ["subject_persons"]


#: verbs whose subject puts a question or demand to someone else (that someone is the post holder)
_ASKING = frozenset({"ask", "question", "press", "challenge", "urge", "demand", "call", "quiz", "grill", "intervene"})


def subject_persons(sent, spans, asking: bool = False) -> list[str]:
    """Entity keys of persons that are the subject of a sentence (nsubj / nsubjpass inside the
    mention); subjects of asking verbs only with ``asking``."""
    out = []
    for s in spans:
        if s[3] != "Person" or not (sent.start_char <= s[0] < sent.end_char):
            continue
        toks = [t for t in sent if s[0] <= t.idx < s[1]]
        if any(t.dep_ in ("nsubj", "nsubjpass") and (asking or t.head.lemma_.lower() not in _ASKING) for t in toks):
            out.append(s[2])        # one who asks "the PM" something is not the PM
    return out
