"""Mentions -> entities within one document, each merge recorded with its rule.

Rules, in the order they are tried on every mention (each a small function;
the rule's name is what :attr:`Entity.merges` records):

* ``party-lexicon``   party aliases to the canonical party ("Tories" -> Conservative Party);
* ``lexicon``         well-known bodies and nations to their canonical name ("the Commons");
* ``exact``           same type and same name key (articles, honorifics, possessives ignored);
* ``surname``         a one-word person mention (also "Ms Doe") to the one full name ending in it;
* ``near-miss``       a misspelt name (edit distance 1, or 2 on long names) of a person already
                      in the document ("Jnae Doe", "Deo"), only when exactly one person is that close;
* ``acronym``         "OBR" to the one body, inquiry or party whose initials it spells;
* ``short-form``      a bill or inquiry named by a subset of another's words ("the prisons bill");
* ``prison-short``    "Ashby" to "HMP Ashby" (prefixes from ``kg/data/bodies.json``);
* ``government-of``   "Ruritanian government" and "government of Ruritania".

Across documents entities meet only through their IRIs, which are minted from
the full canonical name; a person known only by a surname gets a
document-scoped key, so two documents' "Doe" never merge.
"""
from __future__ import annotations

import re
from collections import defaultdict

from ..data import load
from ..facts import Entity, Mention
from .genders import honorific_gender
from .names import (content_words, is_given_name, within_edits, lexicon_canonical, name_key, normalise,
                    party_canonical, slug, strip_honorifics)

__all__ = ["Resolver", "resolve_mentions", "entity_key", "near_miss", "initials_match", "short_form_of"]


def entity_key(kg_type: str, name: str, doc_id: str) -> str:
    """Identity key; one-word person names are scoped to their document."""
    base = slug(strip_honorifics(name))
    if kg_type == "Person" and len(strip_honorifics(name).split()) < 2:
        return f"person/{doc_id}/{base}"
    return f"{kg_type.lower()}/{base}"


class Resolver:
    """The document's entity table and the alias index used by later extractors."""

    def __init__(self, doc_id: str):
        self.doc_id = doc_id
        self.entities: dict[str, Entity] = {}
        self._index: dict[tuple[str, str], str] = {}        # (type, name_key) -> entity key
        self._any: dict[str, list[str]] = defaultdict(list)  # name_key -> entity keys
        self._surnames: dict[str, list[str]] | None = None   # surname -> people (rebuilt on change)
        self._spans: dict[str, list[tuple[int, int, str, str]]] | None = None   # entry -> spans (ditto)

    # -- building ---------------------------------------------------------
    def _register(self, ent: Entity, surface: str) -> None:
        k = name_key(surface)
        if not k:
            return
        self._index.setdefault((ent.type, k), ent.key)
        if ent.key not in self._any[k]:
            self._any[k].append(ent.key)

    def add_alias(self, key: str, surface: str, rule: str) -> None:
        """Record another surface form of an entity, and why."""
        ent = self.entities[key]
        surface = normalise(surface)
        if surface and surface != ent.name and surface not in ent.aliases:
            ent.aliases.add(surface)
            ent.merges.append((rule, surface))
        self._register(ent, surface)

    def new_entity(self, kg_type: str, name: str, rule: str = "new") -> Entity:
        name = normalise(name)
        key = entity_key(kg_type, name, self.doc_id)
        ent = self.entities.get(key)
        if ent is None:
            ent = Entity(key=key, type=kg_type, name=name)
            ent.merges.append((rule, name))
            self.entities[key] = ent
            self._surnames = None
        self._register(ent, name)
        bare = strip_honorifics(name)
        if bare != name:
            self.add_alias(key, bare, "honorific")
        return ent

    def attach(self, key: str, mention: Mention, rule: str) -> None:
        self._spans = None
        ent = self.entities[key]
        ent.mentions.append(mention)
        if normalise(mention.text) != ent.name:
            self.add_alias(key, mention.text, rule)
        if not ent.gender and ent.type == "Person":
            ent.gender = honorific_gender(mention.text)

    def rename(self, key: str, name: str, rule: str) -> str:
        """Give an entity a fuller canonical name (its key follows); returns the new key."""
        ent = self.entities.pop(key)
        self._surnames = None
        self._spans = None
        old = ent.name
        ent.name = normalise(name)
        ent.key = entity_key(ent.type, ent.name, self.doc_id)
        if ent.key in self.entities:                # already exists: fold into it
            target = self.entities[ent.key]
            target.mentions.extend(ent.mentions)
            target.aliases |= ent.aliases | {old}
            target.merges.extend(ent.merges + [(rule, old)])
            ent = target
        else:
            self.entities[ent.key] = ent
            ent.aliases.discard(ent.name)
            ent.aliases.add(old)
            ent.merges.append((rule, old))
        for idx in (self._index,):
            for k, v in list(idx.items()):
                if v == key:
                    idx[k] = ent.key
        for k, keys in self._any.items():
            self._any[k] = [ent.key if x == key else x for x in keys]
        self._register(ent, ent.name)
        return ent.key

    # -- looking up -------------------------------------------------------
    def lookup(self, surface: str, kg_type: str | None = None) -> str | None:
        """The entity key a surface form names in this document, or None."""
        if kg_type in (None, "Party"):
            party = party_canonical(surface)
            if party:
                key = self._index.get(("Party", name_key(party)))
                if key:
                    return key
        k = name_key(surface)
        if not k:
            return None
        if kg_type:
            key = self._index.get((kg_type, k))
            if key:
                return key
            if kg_type == "Person":
                return self._surname(k)
            return None
        keys = self._any.get(k, [])
        if len(keys) >= 1:
            return keys[0]
        return self._surname(k)

    def _surname(self, k: str) -> str | None:
        if " " in k:
            return None
        if self._surnames is None:      # lookups far outnumber new people: index once per change
            self._surnames = defaultdict(list)
            for e in self.entities.values():
                if e.type == "Person" and len(e.name.split()) > 1:
                    self._surnames[name_key(e.name).split(" ")[-1]].append(e.key)
        hits = self._surnames.get(k, ())
        return hits[0] if len(hits) == 1 else None

    def spans_in(self, entry_id: str) -> list[tuple[int, int, str, str]]:
        """(start, end, entity key, type) of every resolved mention in one entry, in text order.

        Indexed by entry on first use (every extractor asks once per entry, and a scan of
        the whole document each time grew with the square of its length); attaching or
        renaming drops the index.
        """
        if self._spans is None:
            index: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
            for ent in self.entities.values():
                for m in ent.mentions:
                    if m.prov.span.end > m.prov.span.start:
                        index[m.prov.entry_id].append((m.prov.span.start, m.prov.span.end, ent.key, ent.type))
            self._spans = {k: sorted(v) for k, v in index.items()}
        return list(self._spans.get(entry_id, ()))

    def by_type(self, kg_type: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.type == kg_type]


# -- pure matching helpers ------------------------------------------------------------------------
def near_miss(a: str, b: str) -> bool:
    """Two name keys one slip apart: distance 1 from length 5, 2 from length 8 (never identical)."""
    if a == b or min(len(a), len(b)) < 5:
        return False
    if a[0] != b[0] and len(a.split()) > 1:
        return False
    limit = 2 if min(len(a), len(b)) >= 8 else 1
    return within_edits(a, b, limit)


def initials_match(acronym: str, name: str) -> bool:
    """'MoJ' ~ 'Ministry of Justice'; 'IIWS' ~ 'Independent Inquiry into Widget Safety'."""
    if not (2 <= len(acronym) <= 8) or " " in acronym or not acronym[0].isupper():
        return False
    if sum(ch.isupper() for ch in acronym) < 2:
        return False
    words = re.findall(r"[A-Za-z][\w’']*", name)
    if len(words) < 2:
        return False
    caps = "".join(w[0] for w in words if w[0].isupper()).lower()
    every = "".join(w[0] for w in words).lower()
    return acronym.lower() in (caps, every)


def _stem(word: str) -> str:
    return word[:5] if len(word) > 5 else word


def short_form_of(short: str, full: str) -> bool:
    """'the widgets bill' ~ 'Widgets (Safety and Supply) Bill'; 'widget bill' ~ 'Coastal Widgeting ... Bill'.

    Every content word of the short form (by a five-letter stem) is in the full
    name, the short form has a word besides the head, and it is shorter.
    """
    s, f = content_words(short), content_words(full)
    if len(s) < 2 or len(s) >= len(f) or s[-1] != f[-1]:
        return False
    fs = {_stem(w) for w in f}
    return all(_stem(w) in fs for w in s)


# -- the rules ------------------------------------------------------------------------------------
def _full_names(mentions: list[Mention]) -> set[str]:
    return {name_key(m.text) for m in mentions
            if m.type == "Person" and len(strip_honorifics(m.text).split()) > 1}


def _order(m: Mention, full: set[str]) -> tuple:
    """Full person names first, then longer names, so short forms have something to attach to."""
    is_full_person = m.type == "Person" and name_key(m.text) in full
    return (0 if is_full_person else 1, -len(m.text.split()), m.prov.entry_id, m.prov.span.start)


def _rule_near_miss(res: Resolver, m: Mention, k: str) -> str | None:
    people = [e for e in res.by_type("Person") if len(e.name.split()) > 1]
    if " " in k:
        hits = [e.key for e in people if near_miss(k, name_key(e.name))]
    else:
        hits = [e.key for e in people if near_miss(k, name_key(e.name).split()[-1])]
        if not hits and not any(name_key(e.name).split()[-1] == k for e in people):
            hits = []
    return hits[0] if len(hits) == 1 else None


def _rule_given_name(res: Resolver, k: str) -> str | None:
    """'Amelia's article' by Amelia Marsh: a lone given name is the one person the document
    names in full with it (two people sharing it leave it alone)."""
    if " " in k or not is_given_name(k):
        return None
    hits = [e.key for e in res.entities.values() if e.type == "Person" and len(e.name.split()) > 1
            and name_key(e.name).split(" ")[0] == k]
    return hits[0] if len(hits) == 1 else None


def _rule_acronym(res: Resolver, m: Mention) -> str | None:
    text = m.text.strip()
    hits = [e.key for e in res.entities.values() if e.type in ("Body", "Inquiry", "Party")
            and (initials_match(text, e.name) or any(initials_match(text, a) for a in e.aliases))]
    return hits[0] if len(set(hits)) == 1 else None


def _rule_short_form(res: Resolver, m: Mention) -> str | None:
    if m.type not in ("Bill", "Inquiry", "Body"):
        return None
    hits = [e.key for e in res.by_type(m.type) if short_form_of(m.text, e.name)]
    return hits[0] if len(hits) == 1 else None


def _rule_body_near_miss(res: Resolver, m: Mention, k: str) -> str | None:
    if m.type not in ("Body", "Inquiry", "Bill") or len(k) < 10:
        return None
    hits = [e.key for e in res.by_type(m.type) if within_edits(k, name_key(e.name), 1)]
    return hits[0] if len(hits) == 1 else None


def _rule_prison_short(res: Resolver, m: Mention, k: str) -> str | None:
    if " " in k:
        return None
    prefixes = [p.lower() for p in load("bodies")["short_name_prefixes"]]
    hits = [e.key for e in res.by_type("Body")
            if any(name_key(e.name) == f"{p} {k}" for p in prefixes)]
    return hits[0] if len(hits) == 1 else None


def _rule_government_of(res: Resolver, m: Mention, k: str) -> str | None:
    mine = re.fullmatch(r"(?:government of (\w+)|(\w+) government)", k)
    if not mine:
        return None
    stem = (mine.group(1) or mine.group(2))[:4]
    for e in res.by_type("Body"):
        other = re.fullmatch(r"(?:government of (\w+)|(\w+) government)", name_key(e.name))
        if other and (other.group(1) or other.group(2))[:4] == stem:
            return e.key
    return None


def _place_from_party_collision(m: Mention) -> bool:
    return m.type in ("Party", "Body", "Place") and bool(party_canonical(m.text)) \
        and not m.source_label.startswith("pattern:bill")


def resolve_mentions(mentions: list[Mention], doc_id: str) -> Resolver:
    """Merge a document's mentions into entities (see the module docstring for the rules)."""
    res = Resolver(doc_id)
    full = _full_names(mentions)
    surnames = {fk.split(" ")[-1] for fk in full}
    for m in sorted(mentions, key=lambda m: _order(m, full)):
        _resolve_one(res, m, surnames)
    _prefer_full_acronym_names(res)
    return res


def _resolve_one(res: Resolver, m: Mention, surnames: set[str]) -> None:
    kg_type = m.type
    k = name_key(m.text)
    if not k:
        return
    if _place_from_party_collision(m):
        ent = res.new_entity("Party", party_canonical(m.text), "party-lexicon")
        res.attach(ent.key, m, "party-lexicon")
        return
    lex = lexicon_canonical(m.text) if kg_type != "Person" else None
    if lex and (kg_type == lex[0] or kg_type in ("Body", "Place")):
        ent = res.new_entity(lex[0], lex[1], "lexicon")
        res.attach(ent.key, m, "lexicon")
        return
    if kg_type in ("Body", "Place") and k in surnames and not m.source_label.startswith("pattern"):
        kg_type = "Person"
    if kg_type == "Person" and " " not in k:
        key = res.lookup(m.text, "Person")
        if key:
            res.attach(key, m, "surname" if m.type == "Person" else "retype-surname")
            return
    key = res.lookup(m.text, kg_type)
    if key:
        res.attach(key, m, "exact")
        return
    rules = []
    if kg_type == "Person":
        rules.append(("given-name", lambda: _rule_given_name(res, k)))
        rules.append(("near-miss", lambda: _rule_near_miss(res, m, k)))
    else:
        rules += [("acronym", lambda: _rule_acronym(res, m)),
                  ("short-form", lambda: _rule_short_form(res, m)),
                  ("near-miss", lambda: _rule_body_near_miss(res, m, k)),
                  ("prison-short", lambda: _rule_prison_short(res, m, k)),
                  ("government-of", lambda: _rule_government_of(res, m, k))]
    for rule, fn in rules:
        key = fn()
        if key:
            res.attach(key, m, rule)
            return
    ent = res.new_entity(kg_type, m.text)
    res.attach(ent.key, m, "new")


def _prefer_full_acronym_names(res: Resolver) -> None:
    """An entity first met as 'OBR' and later spelt out takes the spelt-out name (merge recorded)."""
    for ent in list(res.entities.values()):
        if ent.type in ("Body", "Inquiry") and ent.name.isupper():
            longer = [a for a in ent.aliases if initials_match(ent.name, a)]
            if longer:
                res.rename(ent.key, max(longer, key=len), "acronym")
