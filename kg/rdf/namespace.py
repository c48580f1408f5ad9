"""Vocabulary: kg's own terms (closed: a misspelt term fails at import) and the standard ones.

schema.org is bound as ``http://schema.org/`` on purpose: rdflib's built-in SDO
is the https form and lacks PoliticalParty.
"""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

__all__ = ["KG", "KG_NS", "SDO", "ORG", "PROV", "FOAF", "SKOS", "DCTERMS", "RDF", "RDFS", "OWL",
           "XSD", "PREFIXES", "bind_prefixes"]

KG_NS = "https://kg.example.org/ns#"
SDO = Namespace("http://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")


class KG(DefinedNamespace):
    """Every term kg's mapping may use; ontology/kg.ttl defines each one."""

    _NS = Namespace(KG_NS)
    _fail = True

    # classes
    LiveBlog: object
    Entry: object
    Actor: object
    Person: object
    Party: object
    Body: object
    Inquiry: object
    Bill: object
    Place: object
    Post: object
    Membership: object
    Statement: object
    Claim: object
    # document and entry properties
    ordinal: object
    position: object
    isSummary: object
    isKeyEvent: object
    rawText: object
    byline: object
    bylineRole: object
    sourceStart: object
    sourceEnd: object
    inDocument: object
    # provenance on fact nodes
    inEntry: object
    startChar: object
    endChar: object
    extractor: object
    confidence: object
    mergeRule: object
    buildOptions: object
    # statements
    speaker: object
    kind: object
    statementKinds: object
    direct: object
    indirect: object
    cue: object
    venue: object
    addressee: object
    respondsTo: object
    about: object
    # claims
    claimSubject: object
    claimPredicate: object
    claimObject: object
    claimRelation: object
    objectText: object
    evidence: object
    announces: object
    proposes: object
    supports: object
    opposes: object
    criticises: object
    praises: object
    refers: object
    includes: object
    leads: object
    investigates: object
    threatens: object
    # posts (the rest is W3C ORG: org:Post, org:Role, org:holds, org:heldBy, org:role, org:postIn)
    constituency: object


PREFIXES = {"kg": KG_NS, "schema": str(SDO), "org": str(ORG), "prov": str(PROV), "foaf": str(FOAF),
            "skos": str(SKOS), "dcterms": str(DCTERMS), "rdf": str(RDF), "rdfs": str(RDFS),
            "owl": str(OWL), "xsd": str(XSD)}


def bind_prefixes(graph) -> None:
    """Bind kg's prefixes on a graph (replacing rdflib's https schema binding)."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
