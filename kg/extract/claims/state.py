"""Per-entry state of the claim stages."""
from __future__ import annotations

EXTRACTOR = "kg.claims.v1"
