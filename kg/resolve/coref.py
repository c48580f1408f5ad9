"""Role descriptions: who "the home secretary" is.

:func:`resolve_role_descriptions`, run by the affiliations step: a one-holder office
used as a description ("the home secretary", "the PM") names the person the document
gives that post explicitly; failing that, the person who is the grammatical subject of
the sentence just before or after the description (live blogs introduce a minister by
post, then by name) wins the vote, ties going to the person the document names most.
People with another one-holder post are not candidates. Each description is proposed
as an alias (rule ``role-description``); once the resolution stage
(:mod:`kg.resolve.aliases`) applies it, :meth:`Resolver.lookup` finds the person from
it. Pronoun genders are in :mod:`kg.resolve.genders`.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import cache

from ..data import load
from ..facts import AliasProposal, Span
from .genders import PRONOUN_GENDER, gender_of, learn_genders
from .names import name_key, party_canonical
from .subjects import subject_persons

__all__ = ["exclusive_offices", "office_key", "resolve_role_descriptions", "party_of_office", "subject_persons"]


@cache
def exclusive_offices() -> tuple[str, ...]:
    """One-holder offices, lower case, longest first ('shadow home secretary', 'prime minister', ...)."""
    o = load("offices")
    depts = [d.lower() for d in o["departments"]]
    out: set[str] = set()
    for t in o["exclusive"]:
        if "{dept}" in t:
            out.update(t.replace("{dept}", d) for d in depts)
        elif "{" not in t:
            out.add(t.lower())
    out.update(f"shadow {x}" for x in list(out) if not x.startswith("shadow "))
    return tuple(sorted(out, key=lambda x: (-len(x), x)))


def office_key(label: str) -> str:
    """'The PM' -> 'prime minister'; 'Shadow Home Secretary' -> 'shadow home secretary'."""
    k = re.sub(r"^(?:the|a|an)\s+", "", label.strip().lower())
    k = re.sub(r"[’']s$", "", k)
    k = re.sub(r"^ex-\s*", "former ", k)        # "the ex-PM" and "the former PM" are one post
    for short, full in load("offices")["abbreviations"].items():
        k = re.sub(rf"\b{short}\b", full, k)
    return k


@cache
def _party_words() -> tuple[str, ...]:
    """Every party name and alias, longest first ('Scottish Conservatives', 'Tory', ...)."""
    words = {a for p in load("parties")["parties"] for a in (p["name"], *p["aliases"]) if len(a) > 2}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


def party_of_office(label: str) -> str | None:
    """'Tory leader' -> 'Conservative Party': the party a party office belongs to, else None."""
    words = label.split()
    for n in range(len(words) - 1, 0, -1):
        party = party_canonical(" ".join(words[:n]))
        if party:
            return party
    return None


@cache
def _description_re() -> re.Pattern:
    alts = "|".join(re.escape(o) for o in exclusive_offices())
    abbr = "|".join(re.escape(a) for a in load("offices")["abbreviations"])
    parties = "|".join(re.escape(p) for p in _party_words())
    party_posts = r"(?:deputy\s+|co-)?leader|chair(?:man|woman)?|chief\s+whip"
    posts = rf"(?:{alts})|(?:deputy\s+)?(?:{abbr.upper()})|(?-i:{parties})\s+(?:{party_posts})"
    # "the (former) prime minister", or a headline's bare "Speaker confirms ..." at a line start
    return re.compile(rf"\b[Tt]he\s+(?:(?:former|ex-|then|outgoing|new)\s*)?(?:{posts})\b"
                      rf"|(?m:^)(?=[A-Z])(?:{posts})\b(?=\s+(?-i:[a-z]))", re.I)


def _pronoun_gender_after(sent, pos: int, spans) -> str:
    """The gender of the first he/she/his/her after ``pos`` in the sentence, when no person is
    named in between (the pronoun then takes up the description just before it)."""
    for t in sent:
        if t.idx < pos:
            continue
        if any(s[3] == "Person" and s[0] <= t.idx < s[1] for s in spans):
            return ""
        if PRONOUN_GENDER.get(t.lower_) in ("m", "f") and t.pos_ in ("PRON", "DET"):
            return PRONOUN_GENDER[t.lower_]
    return ""


def _one_subject(neighbours: list[set[str]], excluded: set[str]) -> list[str]:
    """The vote of one occurrence: the sentence before, else the one after, when it has exactly
    one eligible person as subject (two, "X will ask while Y answers", say nothing of the post)."""
    for subjects in neighbours:
        eligible = subjects - excluded
        if len(eligible) == 1:
            return list(eligible)
    return []


def _holders(explicit: dict[str, set[str]]) -> dict[str, list[str]]:
    """Office key -> the people the document gives it explicitly. A post held 'of' a place or
    formerly ("former first minister of Ruritania") also answers the bare description ("the
    first minister") when nobody holds that one outright."""
    by_office: dict[str, list[str]] = {}
    loose: dict[str, list[str]] = {}
    for person, labels in explicit.items():
        for label in labels:
            key = office_key(label)
            by_office.setdefault(key, []).append(person)
            bare = re.sub(r"\s+of\s+.*$", "", re.sub(r"^(?:former|ex-|then)\s*", "", key))
            if bare != key:
                loose.setdefault(bare, []).append(person)
    for key, people in loose.items():
        by_office.setdefault(key, people)
    return by_office


#: (person key, post label as written, entry id, span of the description)
DescribedPost = tuple[str, str, str, tuple[int, int]]


def resolve_role_descriptions(ctx, explicit: dict[str, set[str]], parties: dict[str, set[str]] | None = None
                              ) -> tuple[list[DescribedPost], list[AliasProposal]]:
    """Each office described but held implicitly, and every resolved description as an alias proposal.

    Nothing is written to the resolver: the proposals are for the resolution stage
    (:func:`kg.resolve.aliases.apply_aliases`), in the order the descriptions were resolved.
    """
    holders = _holders(explicit)
    exclusive = set(exclusive_offices())
    occurrences: dict[str, list[tuple[str, tuple[int, int], str, list[str]]]] = {}
    not_holders: dict[str, set[str]] = {}     # office -> persons the text shows do not hold it
    genders_of: dict[str, set[str]] = {}      # office -> genders of the pronouns that take it up
    for entry, doc in ctx.pairs():
        spans = ctx.resolver.spans_in(entry.id)
        sents = list(doc.sents)
        for m in _description_re().finditer(entry.text):
            # skip descriptions that are part of a longer post ("the prime minister's adviser" is fine)
            if any(s[0] <= m.start() < s[1] for s in spans):
                continue
            office = office_key(m.group(0))
            idx = next((i for i, s in enumerate(sents) if s.start_char <= m.start() < s.end_char), None)
            votes: list[set[str]] = []     # person subjects of the sentence before, then after
            if idx is not None:
                # a headline's bare post ("Speaker confirms ...") is named in the body below it
                order = (idx + 1, idx + 2, idx - 1) if not m.group(0)[:4].lower().startswith("the ") else (idx - 1, idx + 1)
                if order[0] == idx - 1 and subject_persons(sents[idx], spans, asking=True):
                    # "Jo Doe asked about X, with the FM insisting ...": a sentence about someone
                    # else says nothing of who comes next
                    order = (idx - 1,)
                votes = [set(subject_persons(sents[j], spans)) if 0 <= j < len(sents) else set()
                         for j in order]
                # "Doe says the first minister could ...", "The Tory leader took aim at Sir Jo
                # Doe's plan": whoever else the sentence names speaks of the holder or is acted
                # on by the holder, and is not the holder
                not_holders.setdefault(office, set()).update(
                    s[2] for s in spans if s[3] == "Person" and sents[idx].start_char <= s[0] < sents[idx].end_char)
                g = _pronoun_gender_after(sents[idx], m.end(), spans)
                if g:       # "the chancellor has admitted her plans ...": the holder is a woman
                    genders_of.setdefault(office, set()).add(g)
            occurrences.setdefault(office, []).append((entry.id, (m.start(), m.end()), m.group(0), votes))
    mention_count = Counter({k: len(e.mentions) for k, e in ctx.resolver.entities.items()})
    taken_exclusive = {p for p, labels in explicit.items() if any(office_key(x) in exclusive for x in labels)}
    posts: list[DescribedPost] = []
    aliases: list[AliasProposal] = []
    learned: dict[str, str] | None = None     # genders, read only when a pronoun asks for them
    for office, occ in sorted(occurrences.items()):
        given = holders.get(office, [])
        if len(set(given)) == 1:
            aliases.extend(_proposals(given[0], occ))
            continue
        if given:
            continue
        party = party_of_office(office)
        party_key = ctx.resolver.lookup(party, "Party") if party else None
        # a party's post goes to nobody known to be in another party, and holding a government
        # post ("First Minister") does not rule out leading a party
        excluded = {p for p, held in (parties or {}).items() if held and party_key not in held} if party_key \
            else set(taken_exclusive)
        excluded |= not_holders.get(office, set())
        if len(genders_of.get(office, ())) == 1:
            learned = learned if learned is not None else learn_genders(ctx)
            want = next(iter(genders_of[office]))
            excluded |= {k for k in ctx.resolver.entities if gender_of(k, ctx.resolver.entities, learned) in
                         ({"m", "f"} - {want})}
        tally = Counter(v for *_, votes in occ for v in _one_subject(votes, excluded))
        if not tally:
            continue
        ranked = sorted(tally.items(), key=lambda kv: (-kv[1], -mention_count[kv[0]], kv[0]))
        person = ranked[0][0]
        if len(ranked) > 1 and ranked[1][1] == ranked[0][1] and mention_count[ranked[1][0]] == mention_count[person]:
            continue
        aliases.extend(_proposals(person, occ))
        taken_exclusive.add(person)
        # the post as the text words it ("the PM" is "PM"), once per wording
        seen: set[str] = set()
        for entry_id, span, surface, _ in occ:
            label = _title(re.sub(r"^[Tt]he\s+", "", surface))
            if label.lower() not in seen:
                seen.add(label.lower())
                posts.append((person, label, entry_id, span))
    return posts, aliases


def _proposals(person: str, occ: list[tuple[str, tuple[int, int], str, list]]) -> list[AliasProposal]:
    """Every wording of a resolved description, as an alias of its holder."""
    return [AliasProposal(person, surface, "role-description", entry_id, Span(*span))
            for entry_id, span, surface, _ in occ]


def _title(words: str) -> str:
    """'home secretary' -> 'Home Secretary'; 'PM' and small words kept as they are."""
    small = {"of", "the", "and", "for", "to", "on"}
    return " ".join(w if w.isupper() or (i and w in small) else w[:1].upper() + w[1:]
                    for i, w in enumerate(words.split()))


_ = name_key
