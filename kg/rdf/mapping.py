"""Facts -> triples: one function per fact type, each pure (no graph, no I/O).

Statements, claims, memberships and post holdings are nodes of their own
(rdflib 7 has no RDF-star), each carrying its provenance: entry, character
span, extractor and confidence. Only IRIs are minted here, never blank nodes,
so a graph can be pushed to a remote store and rebuilt identically.
"""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from rdflib import Literal, URIRef

from ..entries import Document, Entry
from ..facts import Claim, Entity, Membership, Provenance, RoleHolding, Statement
from ..resolve.names import name_key, slug
from .iris import mint_iri
from .namespace import DCTERMS, FOAF, KG, ORG, PROV, RDF, RDFS, SDO, SKOS, XSD

__all__ = ["TYPE_CLASSES", "document_iri", "entry_iri", "entity_iri", "graph_iri", "post_iri",
           "document_triples", "entry_triples", "entity_triples", "membership_triples",
           "role_triples", "statement_triples", "claim_triples"]

Triple = tuple

#: kg type -> (kg class, standard classes it is also typed with)
TYPE_CLASSES = {
    "Person": (KG.Person, (SDO.Person, FOAF.Person)),
    "Party": (KG.Party, (SDO.PoliticalParty, ORG.Organization)),
    "Body": (KG.Body, (SDO.Organization, ORG.Organization)),
    "Inquiry": (KG.Inquiry, (SDO.Event,)),
    "Bill": (KG.Bill, (SDO.Legislation,)),
    "Place": (KG.Place, (SDO.Place,)),
}


def graph_iri(base: str, doc_id: str) -> URIRef:
    return URIRef(mint_iri(base, "graph", doc_id))


def document_iri(base: str, doc_id: str) -> URIRef:
    return URIRef(mint_iri(base, "doc", doc_id))


def entry_iri(base: str, doc_id: str, entry_id: str) -> URIRef:
    return URIRef(mint_iri(base, "doc", doc_id, "entry", entry_id))


def entity_iri(base: str, key: str) -> URIRef:
    return URIRef(mint_iri(base, key))


def post_iri(base: str, role: str, constituency_key: str = "") -> URIRef:
    parts = ["post", slug(role)]
    if constituency_key:
        parts.append(constituency_key.split("/")[-1])
    return URIRef(mint_iri(base, *parts))


def _dt(value) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.dateTime)


def _prov_triples(node: URIRef, prov: Provenance, base: str, doc: Document) -> Iterator[Triple]:
    entry = entry_iri(base, doc.id, prov.entry_id)
    yield node, KG.inEntry, entry
    yield node, PROV.wasDerivedFrom, entry
    yield node, KG.startChar, Literal(prov.span.start)
    yield node, KG.endChar, Literal(prov.span.end)
    yield node, KG.extractor, Literal(prov.extractor)
    # a Decimal, not a float: a float typed xsd:decimal is written as "0.9" but read back ill-typed
    yield node, KG.confidence, Literal(Decimal(str(round(float(prov.confidence), 3))), datatype=XSD.decimal)
    try:
        t = doc.entry(prov.entry_id).time
    except KeyError:
        t = None
    if t is not None:
        yield node, PROV.generatedAtTime, _dt(t)


def document_triples(doc: Document, base: str) -> Iterator[Triple]:
    d = document_iri(base, doc.id)
    yield d, RDF.type, KG.LiveBlog
    yield d, RDF.type, SDO.LiveBlogPosting
    yield d, DCTERMS.identifier, Literal(doc.id)
    if doc.title:
        yield d, SDO.headline, Literal(doc.title)
        yield d, RDFS.label, Literal(doc.title)
    if doc.date:
        yield d, DCTERMS.date, Literal(doc.date.isoformat(), datatype=XSD.date)
    if doc.url:
        yield d, SDO.url, Literal(doc.url, datatype=XSD.anyURI)
    if doc.author:
        yield d, KG.byline, Literal(doc.author)
    if doc.publisher:
        yield d, SDO.publisher, Literal(doc.publisher)
    if doc.source:
        yield d, DCTERMS.source, Literal(doc.source)


def entry_triples(doc: Document, entry: Entry, base: str) -> Iterator[Triple]:
    d = document_iri(base, doc.id)
    e = entry_iri(base, doc.id, entry.id)
    yield d, SDO.liveBlogUpdate, e
    yield e, RDF.type, KG.Entry
    yield e, RDF.type, SDO.BlogPosting
    yield e, KG.inDocument, d
    yield e, DCTERMS.identifier, Literal(entry.id)
    yield e, KG.ordinal, Literal(entry.ordinal)
    yield e, KG.position, Literal(entry.position)
    yield e, SDO.articleBody, Literal(entry.text)
    if entry.raw and entry.raw != entry.text:
        yield e, KG.rawText, Literal(entry.raw)
    yield e, KG.sourceStart, Literal(entry.source_start)
    yield e, KG.sourceEnd, Literal(entry.source_end)
    if entry.headline:
        yield e, SDO.headline, Literal(entry.headline)
    if entry.author:
        yield e, KG.byline, Literal(entry.author)
    if entry.author_role:
        yield e, KG.bylineRole, Literal(entry.author_role)
    if entry.published:
        yield e, SDO.datePublished, _dt(entry.published)
    if entry.updated:
        yield e, SDO.dateModified, _dt(entry.updated)
    if entry.is_summary:
        yield e, KG.isSummary, Literal(True)
    if entry.key_event:
        yield e, KG.isKeyEvent, Literal(True)


def entity_triples(ent: Entity, doc: Document, base: str) -> Iterator[Triple]:
    node = entity_iri(base, ent.key)
    kg_class, std = TYPE_CLASSES[ent.type]
    yield node, RDF.type, kg_class
    for cls in std:
        yield node, RDF.type, cls
    yield node, RDFS.label, Literal(ent.name)
    yield node, SKOS.prefLabel, Literal(ent.name)
    for alias in sorted(ent.aliases):
        yield node, SKOS.altLabel, Literal(alias)
    yield from lookup_keys(node, [ent.name, *ent.aliases])
    for entry_id in ent.entry_ids:
        yield entry_iri(base, doc.id, entry_id), SDO.mentions, node
    for rule in sorted({r for r, _ in ent.merges}):
        yield node, KG.mergeRule, Literal(rule)


def lookup_keys(node: URIRef, names) -> Iterator[Triple]:
    """``skos:hiddenLabel`` = :func:`name_key` of each label and alias ("Dame Jane Doe" ->
    "jane doe"): SKOS's label for search, never displayed.

    Ready queries find an actor by name through it with one index lookup (the
    runner binds the same key of the user's text); matching every label with
    ``LCASE`` in a FILTER scanned all labels, 170 ms for one person at 1M triples.
    """
    for key in sorted({name_key(n) for n in names} - {""}):
        yield node, SKOS.hiddenLabel, Literal(key)


def _fact_iri(base: str, doc: Document, kind: str, prov: Provenance, *extra: str) -> URIRef:
    return URIRef(mint_iri(base, "doc", doc.id, kind,
                           "-".join([prov.entry_id, str(prov.span.start), str(prov.span.end), *extra])))


def membership_triples(m: Membership, doc: Document, base: str) -> Iterator[Triple]:
    person, party = entity_iri(base, m.person), entity_iri(base, m.party)
    node = URIRef(mint_iri(base, "doc", doc.id, "membership",
                           f"{m.person.split('/')[-1]}--{m.party.split('/')[-1]}"))
    yield node, RDF.type, KG.Membership
    yield node, RDF.type, ORG.Membership
    yield node, ORG.member, person
    yield node, ORG.organization, party
    yield person, ORG.memberOf, party
    if doc.date:
        yield node, DCTERMS.date, Literal(doc.date.isoformat(), datatype=XSD.date)
    yield from _prov_triples(node, m.prov, base, doc)


def role_triples(r: RoleHolding, doc: Document, base: str) -> Iterator[Triple]:
    person = entity_iri(base, r.person)
    post = post_iri(base, r.role, r.constituency)
    node = URIRef(mint_iri(base, "doc", doc.id, "holding",
                           f"{r.person.split('/')[-1]}--{post.split('/post/')[-1].replace('/', '--')}"))
    yield post, RDF.type, KG.Post
    yield post, RDF.type, ORG.Post
    label = r.role if not r.constituency else r.role
    yield post, RDFS.label, Literal(label)
    yield post, KG.roleLabel, Literal(r.role)
    yield from lookup_keys(post, [r.role])
    if r.constituency:
        yield post, KG.constituency, entity_iri(base, r.constituency)
    if r.organisation:
        yield post, ORG.postIn, entity_iri(base, r.organisation)
    yield person, ORG.holds, post
    yield post, ORG.heldBy, person
    yield node, RDF.type, KG.PostHolding
    yield node, KG.holder, person
    yield node, KG.post, post
    if doc.date:
        yield node, DCTERMS.date, Literal(doc.date.isoformat(), datatype=XSD.date)
    yield from _prov_triples(node, r.prov, base, doc)


def statement_triples(s: Statement, doc: Document, base: str) -> Iterator[Triple]:
    node = _fact_iri(base, doc, "statement", s.prov)
    yield node, RDF.type, KG.Statement
    if s.kind == "direct":
        yield node, RDF.type, SDO.Quotation
    yield node, KG.speaker, entity_iri(base, s.speaker)
    yield node, PROV.wasAttributedTo, entity_iri(base, s.speaker)
    yield node, SDO.text, Literal(s.text)
    yield node, KG.kind, Literal(s.kind)
    if s.cue:
        yield node, KG.cue, Literal(s.cue)
    if s.venue:
        yield node, KG.venue, Literal(s.venue)
    if s.addressee:
        yield node, KG.addressee, Literal(s.addressee)
    if s.responds_to:
        yield node, KG.respondsTo, entity_iri(base, s.responds_to)
    for key in s.about:
        yield node, KG.about, entity_iri(base, key)
    yield from _prov_triples(node, s.prov, base, doc)


def claim_triples(c: Claim, doc: Document, base: str) -> Iterator[Triple]:
    # subject and object are part of the name: one sentence can carry several claims
    # with the same span and predicate ("demands from X and Y")
    node = _fact_iri(base, doc, "claim", c.prov, c.predicate, slug(c.subject),
                     slug(c.object or c.object_text)[:60])
    subject = entity_iri(base, c.subject)
    predicate = KG[c.predicate]
    yield node, RDF.type, KG.Claim
    yield node, RDF.type, SDO.Claim
    yield node, KG.claimSubject, subject
    yield node, KG.claimPredicate, predicate
    yield node, KG.evidence, Literal(c.evidence)
    if c.object:
        obj = entity_iri(base, c.object)
        yield node, KG.claimObject, obj
        yield subject, predicate, obj
    if c.object_text:
        yield node, KG.objectText, Literal(c.object_text)
    yield from _prov_triples(node, c.prov, base, doc)
