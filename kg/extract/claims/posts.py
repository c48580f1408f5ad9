"""Leads from posts: a post that heads a named body ("chair of the X committee") leads it.

The roles extractor records posts; this stage reads the few whose words name a body the
document knows, after every entry's claims are in (a claim already made is not repeated).
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from ...facts import Claim, Provenance
from ..speakers import SpeakerFinder
from .state import EXTRACTOR

__all__ = ["leads_from_posts"]

_HEAD_OF = re.compile(r"^(?!.*\b(?:deputy|vice|former|ex|shadow|acting|interim|assistant)\b)"
                      r"(?!leader of the (?:house|opposition)\b)"   # a parliamentary post, not the body's head
                      r"(?:.*?\s)?(?:co-)?(?:chair|chairman|chairwoman|chairperson|chief executive|ceo|head|leader|"
                      r"director|director general|president|governor|chief constable|editor|boss)\s+of\s+(?:the\s+)?(.+)$",
                      re.I)


_TYPE_HEAD = re.compile(r"^(inquiry|committee|review|commission|panel|taskforce|board|tribunal)\s+"
                        r"(?:co-)?(?:chair|chairman|chairwoman|chairperson|head|lead|leader)$", re.I)


_BARE_CHAIR = re.compile(r"^(?:chair|chairman|chairwoman|chairperson)$", re.I)
#: head words of bodies that have a chair (a bare "chair" in the text is theirs)
_CHAIRED_BODIES = frozenset({"committee", "panel", "commission", "taskforce", "board", "tribunal"})


def leads_from_posts(roles: Iterable, finder: SpeakerFinder, existing: Iterable[Claim]) -> list[Claim]:
    """'Jane Doe, chair of the widgets committee': a post that heads a named body leads it.

    The post's own words name the body ("chair of X", "chief executive of X"); the claim's
    provenance is the post's. Only bodies and inquiries the document knows qualify (a party's
    leader is a post, recorded as such), and only a sitting head (not a deputy or a former one).
    """
    have = {(c.subject, c.predicate, c.object) for c in existing}
    out = []
    for r in roles:
        m = _HEAD_OF.match(r.role)
        typed = _TYPE_HEAD.match(r.role) if not m else None
        if typed:               # "inquiry chair Jane Doe": the one inquiry the document names
            word = typed.group(1).lower()
            kinds = ("Inquiry",) if word in ("inquiry", "review", "commission") else ("Body", "Inquiry")
            cands = {e.key for e in finder.entities.values() if e.type in kinds and word in e.name.lower().split()}
            key = cands.pop() if len(cands) == 1 else None
        elif _BARE_CHAIR.match(r.role):
            # "attacking the panel's chair, Jane Doe": a chair of nothing named chairs the one
            # committee, panel or inquiry the document names, when there is exactly one
            cands = {e.key for e in finder.entities.values() if e.type == "Inquiry" or (
                e.type == "Body" and set(e.name.lower().split()) & _CHAIRED_BODIES)}
            key = cands.pop() if len(cands) == 1 else None
        elif not m:
            continue
        else:
            key = finder.lookup(m.group(1).strip())
        ent = finder.entities.get(key) if key else None
        if ent is None or ent.type not in ("Body", "Inquiry") or (r.person, "leads", key) in have:
            continue
        have.add((r.person, "leads", key))
        out.append(Claim(subject=r.person, predicate="leads", evidence=r.role, object=key,
                         prov=Provenance(r.prov.entry_id, r.prov.span, EXTRACTOR, round(r.prov.confidence * 0.9, 2))))
    return out
