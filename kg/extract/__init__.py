"""Extractors: one module per kind of fact, each a pure function of an entry and its parse.

Every extractor has a versioned name (``kg.entities.v1``) that goes into the
provenance of each fact it makes, so a fact can always be traced to its rule.
"""
