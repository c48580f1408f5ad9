"""The resolution stage after affiliations: extractors' alias proposals become the resolver's.

Extractors read the resolver and never write to it; what they learn about names
("the home secretary" is Jane Doe, "the Widget Party politician" is the person
named just before) comes back as :class:`~kg.facts.AliasProposal` records. This
module is the one place those proposals are written, in the order they were
made, so that the alias table is the same however the extractors are arranged,
and every later stage (statements, claims, bylines) looks names up in one table.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..facts import AliasProposal
from .genders import infer_gender
from .merge import Resolver

if TYPE_CHECKING:
    from ..extract.context import DocContext
    from ..facts import Facts

__all__ = ["apply_aliases", "resolve_references"]


def apply_aliases(resolver: Resolver, proposals: Iterable[AliasProposal]) -> None:
    """Record each proposal as an alias of its entity, in order.

    Order matters: the resolver's index keeps the first entity registered for a
    name key, and :attr:`Entity.merges` lists rules in the order they were applied.
    A proposal for an entity the resolver does not hold is an extractor's bug and raises.
    """
    for p in proposals:
        resolver.add_alias(p.key, p.surface, p.rule)


def resolve_references(ctx: DocContext, facts: Facts) -> None:
    """The pipeline step between affiliations and statements: aliases, then pronoun genders.

    Gender inference reads only mentions and parses, never aliases, so its place
    after the aliases only keeps the order the build has always had.
    """
    apply_aliases(ctx.resolver, facts.alias_proposals)
    infer_gender(ctx)
