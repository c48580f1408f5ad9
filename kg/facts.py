"""Facts: the records extractors produce and the RDF mapping consumes.

Plain frozen dataclasses with no spaCy and no rdflib inside, so every stage can
be tested with hand-built values and a fact can be pickled across processes.
Spans are character offsets into ``Entry.text`` (see :mod:`kg.entries`); a fact
never holds a parsed token.
"""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "ENTITY_TYPES", "CLAIM_PREDICATES", "Span", "Provenance", "Mention", "Entity",
    "Membership", "RoleHolding", "Statement", "Claim", "AliasProposal", "Facts",
]

#: The actor and artefact types kg knows; they match the gold-file schema.
ENTITY_TYPES = ("Person", "Party", "Body", "Inquiry", "Bill", "Place")

#: The closed set of claim predicates (see the gold schema).
CLAIM_PREDICATES = (
    "announces", "proposes", "supports", "opposes", "criticises", "praises",
    "refers", "includes", "leads", "investigates", "threatens",
)


@dataclass(frozen=True, order=True)
class Span:
    """Half-open character range ``[start, end)`` in one entry's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.start}..{self.end}")


@dataclass(frozen=True)
class Provenance:
    """Where a fact was born: which entry, which characters, which rule, how sure."""

    entry_id: str
    span: Span
    extractor: str
    confidence: float = 1.0


@dataclass(frozen=True)
class Mention:
    """A surface form of an actor in an entry, before resolution."""

    text: str
    type: str
    prov: Provenance
    #: the label spaCy gave, kept for explanation ("PERSON", "ORG", "lexicon")
    source_label: str = ""


@dataclass
class Entity:
    """One real-world actor or artefact within a build: many mentions, one key."""

    key: str                    # stable identity key, e.g. "person/jane-doe"
    type: str
    name: str                   # canonical, fullest form
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    #: why mentions were merged: (rule, surface form) pairs
    merges: list[tuple[str, str]] = field(default_factory=list)
    gender: str = ""            # "f", "m" or "" when the text never says

    @property
    def entry_ids(self) -> list[str]:
        return sorted({m.prov.entry_id for m in self.mentions})


@dataclass(frozen=True)
class Membership:
    person: str                 # entity key
    party: str                  # entity key
    prov: Provenance


@dataclass(frozen=True)
class RoleHolding:
    person: str                 # entity key
    role: str                   # post label as the text gives it, title-cased
    prov: Provenance
    constituency: str = ""      # entity key of a Place, when given
    organisation: str = ""      # entity key of the body or party the post is in


@dataclass(frozen=True)
class Statement:
    """Something a person or body said: quoted (direct) or reported (indirect)."""

    speaker: str                # entity key
    text: str
    kind: str                   # "direct" | "indirect"
    prov: Provenance
    cue: str = ""               # the cue verb lemma: say, tell, reply, ...
    venue: str = ""             # the Commons, LBC, a post on X, ...
    addressee: str = ""         # MPs, the Commons, ...
    responds_to: str = ""       # entity key of the speaker answered
    about: tuple[str, ...] = ()  # entity keys mentioned in the text
    question: bool = False      # a question or challenge put to someone: it opens an exchange
    asked: str = ""             # entity key of the person it was put to, when the text names one

    def __post_init__(self) -> None:
        if self.kind not in ("direct", "indirect"):
            raise ValueError(f"statement kind must be direct or indirect, not {self.kind!r}")


@dataclass(frozen=True)
class Claim:
    """An actor-predicate-object relation the narrative asserts."""

    subject: str                # entity key
    predicate: str              # one of CLAIM_PREDICATES
    evidence: str
    prov: Provenance
    object: str = ""            # entity key, when the object is an entity
    object_text: str = ""       # short phrase, when it is not

    def __post_init__(self) -> None:
        if self.predicate not in CLAIM_PREDICATES:
            raise ValueError(f"unknown claim predicate {self.predicate!r}")


@dataclass(frozen=True)
class AliasProposal:
    """Another surface form an extractor found for an entity ("the home secretary" for Jane Doe).

    Extractors only propose: the resolution stage (:func:`kg.resolve.aliases.apply_aliases`)
    records proposals in the order they were made, so every later reader of the resolver
    sees one alias table, and no extractor's result depends on when another one ran.
    """

    key: str                    # entity key the surface form names
    surface: str                # as written ("the shadow home secretary")
    rule: str                   # why: "role-apposition", "role-description", "party-description"
    entry_id: str               # where it was found
    span: Span


@dataclass
class Facts:
    """Everything extracted from one document, after resolution."""

    entities: dict[str, Entity] = field(default_factory=dict)
    memberships: list[Membership] = field(default_factory=list)
    roles: list[RoleHolding] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    #: surface forms extractors found for entities, in the order found (applied by the resolution stage)
    alias_proposals: list[AliasProposal] = field(default_factory=list)
