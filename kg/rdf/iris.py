"""The only place IRIs are minted: readable, deterministic, percent-encoded, validated.

Every segment is percent-encoded (RFC 3987 allows far more, but an encoded IRI
is also a valid URI, which every store accepts), and the result is checked by
pyoxigraph, whose parser raises where rdflib would only warn.
"""
from __future__ import annotations

import os
from urllib.parse import quote

__all__ = ["DEFAULT_BASE", "base_iri", "mint_iri", "validate_iri"]

DEFAULT_BASE = "https://kg.example.org/id/"


def base_iri(base: str | None = None) -> str:
    """The data base IRI: argument, else ``KG_BASE``, else :data:`DEFAULT_BASE`; ends with / or #."""
    b = base or os.environ.get("KG_BASE") or DEFAULT_BASE
    if not b.endswith(("/", "#")):
        b += "/"
    validate_iri(b)
    return b


def validate_iri(iri: str) -> str:
    """Raise ValueError unless ``iri`` is an absolute IRI that pyoxigraph accepts."""
    from pyoxigraph import NamedNode

    NamedNode(iri)   # raises ValueError on an invalid IRI
    return iri


def mint_iri(base: str, *segments: str) -> str:
    """``base`` + the segments, each percent-encoded; '/' inside a segment separates sub-paths."""
    parts = []
    for seg in segments:
        for piece in str(seg).split("/"):
            parts.append(quote(piece, safe="-._~") or "_")
    return validate_iri(base + "/".join(parts))
