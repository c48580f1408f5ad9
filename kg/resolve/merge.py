"""Mentions -> entities within one document, each merge recorded with its rule.

Rules, in order (each is a small function, tried on every mention):

* ``party-lexicon``  party aliases to the canonical party ("Tories" -> Conservative Party);
* ``exact``          same type and same name key (articles, honorifics, possessives ignored);
* ``surname``        a one-word person mention to the one full name ending in it;
* ``retype-surname`` an ORG/GPE span that is a known person's surname is that person.

Across documents entities meet only through their IRIs, which are minted from
the full canonical name; a person known only by a surname gets a
document-scoped key, so two documents' "Smith" never merge.
"""
from __future__ import annotations

from collections import defaultdict

from ..facts import Entity, Mention
from .names import name_key, normalise, party_canonical, slug, strip_honorifics

__all__ = ["Resolver", "resolve_mentions", "entity_key"]


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
        self._register(ent, name)
        bare = strip_honorifics(name)
        if bare != name:
            self.add_alias(key, bare, "honorific")
        return ent

    def attach(self, key: str, mention: Mention, rule: str) -> None:
        ent = self.entities[key]
        ent.mentions.append(mention)
        if normalise(mention.text) != ent.name:
            self.add_alias(key, mention.text, rule)

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
        hits = [e.key for e in self.entities.values()
                if e.type == "Person" and len(e.name.split()) > 1
                and name_key(e.name).split(" ")[-1] == k]
        return hits[0] if len(hits) == 1 else None

    def by_type(self, kg_type: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.type == kg_type]


def _full_names(mentions: list[Mention]) -> set[str]:
    return {name_key(m.text) for m in mentions if m.type == "Person" and len(strip_honorifics(m.text).split()) > 1}


def resolve_mentions(mentions: list[Mention], doc_id: str) -> Resolver:
    """Merge a document's mentions into entities (see the module docstring for the rules)."""
    res = Resolver(doc_id)
    full = _full_names(mentions)
    surnames = {fk.split(" ")[-1] for fk in full}
    # full names first, so surnames have something to attach to
    ordered = sorted(mentions, key=lambda m: (0 if m.type == "Person" and name_key(m.text) in full else 1))
    for m in ordered:
        kg_type = m.type
        k = name_key(m.text)
        if kg_type in ("Party", "Body", "Place") and party_canonical(m.text) and kg_type != "Person":
            ent = res.new_entity("Party", party_canonical(m.text), "party-lexicon")
            res.attach(ent.key, m, "party-lexicon")
            continue
        if kg_type in ("Body", "Place") and k in surnames:
            kg_type = "Person"
        if kg_type == "Person" and " " not in k:
            key = res.lookup(m.text, "Person")
            if key:
                res.attach(key, m, "surname" if m.type == "Person" else "retype-surname")
                continue
        key = res.lookup(m.text, kg_type)
        if key:
            res.attach(key, m, "exact")
            continue
        ent = res.new_entity(kg_type, m.text)
        res.attach(ent.key, m, "new")
    return res
