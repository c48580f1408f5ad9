"""What every document-level extractor receives: the document, its parses, its entities."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..entries import Document, Entry
from ..resolve.genders import learn_genders
from ..resolve.merge import Resolver

__all__ = ["DocContext"]


@dataclass
class DocContext:
    doc: Document
    parsed: list[Any]          # spaCy Docs, one per entry, same order as doc.entries
    resolver: Resolver
    _genders: dict[str, str] | None = field(default=None, repr=False)

    def pairs(self) -> list[tuple[Entry, Any]]:
        return list(zip(self.doc.entries, self.parsed))

    def learned_genders(self) -> dict[str, str]:
        """The genders the document's pronouns teach (:func:`kg.resolve.genders.learn_genders`),
        learnt once: statements and claims both ask, after resolution, when nothing changes."""
        if self._genders is None:
            self._genders = learn_genders(self)
        return self._genders
