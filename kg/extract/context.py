"""What every document-level extractor receives: the document, its parses, its entities."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..entries import Document, Entry
from ..resolve.merge import Resolver

__all__ = ["DocContext"]


@dataclass
class DocContext:
    doc: Document
    parsed: list[Any]          # spaCy Docs, one per entry, same order as doc.entries
    resolver: Resolver

    def pairs(self) -> list[tuple[Entry, Any]]:
        return list(zip(self.doc.entries, self.parsed))
