"""What every claim stage reads: the trigger lexicon and a few steps through the parse.

The lexicon is data (``data/claim_verbs.json``); these helpers only walk the dependency
tree around a token, so a stage reads as its rule ("the verb's 'for' object"), not as a loop.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...data import load

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["rules", "child", "pobj", "find_prep", "has_mark"]


def rules() -> dict:
    """The claim lexicon: verb and noun triggers, tone words, lists the rules consult."""
    return load("claim_verbs")


def child(tok: Token, deps: tuple[str, ...], word: str | None = None) -> Token | None:
    """The first child of ``tok`` attached by one of ``deps`` (and spelled ``word``, if given)."""
    for c in tok.children:
        if c.dep_ in deps and (word is None or c.lower_ == word):
            return c
    return None


def pobj(prep: Token | None) -> Token | None:
    """The object of a preposition (or its clause: 'for abolishing X')."""
    return child(prep, ("pobj", "pcomp")) if prep is not None else None


def find_prep(tok: Token, word: str) -> Token | None:
    """A preposition on ``tok``, or (when the parser hung it lower) anywhere in its phrase."""
    direct = child(tok, ("prep",), word)
    if direct is not None:
        return direct
    for t in tok.subtree:
        if t.dep_ == "prep" and t.lower_ == word and t.i > tok.i:
            return t
    nxt = tok.right_edge.i + 1          # "demands from X for Y": the parser hung "for Y" on the verb
    if nxt < len(tok.doc) and tok.doc[nxt].lower_ == word and tok.doc[nxt].dep_ == "prep" \
            and tok.doc[nxt].head.i == tok.head.i:
        return tok.doc[nxt]
    return None


def has_mark(tok: Token, words: tuple[str, ...] = ("whether", "if")) -> bool:
    """An embedded question or a condition ("asked whether X backs", "if X backs"): nothing done."""
    return any(c.dep_ == "mark" and c.lower_ in words for c in tok.children)
