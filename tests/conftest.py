"""Shared fixtures: the spaCy pipeline and the seed's graph are built once per session."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_419dad81a3bebef5.txt"
SEED_GOLD = Path(__file__).resolve().parent / "000_419dad81a3bebef5.json"
DEV = Path(__file__).resolve().parent / "data" / "dev"
IN_CI = bool(os.environ.get("CI"))


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load_pipeline
    return load_pipeline()


@pytest.fixture(scope="session")
def seed_graph():
    import kg
    return kg.build([SEED])


def parse_entry(nlp, text: str, entry_id: str = "e0001"):
    """An Entry and its parse for an invented sentence (extractor unit tests)."""
    from kg.entries import Entry
    entry = Entry(id=entry_id, ordinal=1, position=0, text=text)
    return entry, nlp(text)


def doc_from_texts(*texts: str, doc_id: str = "t"):
    """A Document of invented entries, oldest first."""
    from kg.entries import Document, Entry
    entries = [Entry(id=f"e{i + 1:04d}", ordinal=i + 1, position=i, text=t) for i, t in enumerate(texts)]
    return Document(id=doc_id, entries=entries)
