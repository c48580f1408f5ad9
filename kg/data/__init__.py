"""Lexicons and patterns as data: loaded once, read-only.

Every word list a rule uses lives in a JSON file here so that general knowledge
(UK parties, offices, speech verbs, page furniture) can grow without touching
code. Nothing in these files may name a person from a test document.
"""
from __future__ import annotations

import json
from functools import cache
from importlib import resources

__all__ = ["load"]


@cache
def load(name: str):
    """Parse ``kg/data/NAME.json`` (cached; treat the result as read-only)."""
    with resources.files(__name__).joinpath(f"{name}.json").open(encoding="utf-8") as fh:
        return json.load(fh)
