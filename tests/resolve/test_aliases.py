"""The resolution stage: extractors propose aliases, only kg.resolve.aliases writes them.

Invented people and sentences throughout.
"""
import dataclasses

import pytest

from kg.facts import AliasProposal, Facts, Mention, Provenance, Span
from kg.resolve.aliases import apply_aliases
from kg.resolve.merge import resolve_mentions
from tests.conftest import doc_from_texts


def _m(text, kg_type="Person", entry="e0001", start=0):
    return Mention(text=text, type=kg_type, source_label="PERSON",
                   prov=Provenance(entry, Span(start, start + len(text)), "test", 1.0))


def _proposal(key, surface, rule="role-apposition"):
    return AliasProposal(key, surface, rule, "e0001", Span(0, len(surface)))


def _state(res) -> tuple:
    """Everything the resolver knows (its caches aside): entities, their aliases, merges and genders, the index."""
    entities = {k: (e.name, sorted(e.aliases), list(e.merges), e.gender, len(e.mentions))
                for k, e in res.entities.items()}
    return entities, dict(res._index), {k: list(v) for k, v in res._any.items() if v}


def test_apply_aliases_makes_the_surface_a_lookup_and_records_the_rule():
    res = resolve_mentions([_m("Orla Quillfeather"), _m("Bram Tuttlewick", start=40)], "d")
    orla = res.lookup("Orla Quillfeather", "Person")
    assert res.lookup("the gadgets secretary") is None
    apply_aliases(res, [_proposal(orla, "the gadgets secretary"),
                        _proposal(orla, "the Wessex Party politician", "party-description")])
    assert res.lookup("the gadgets secretary") == orla
    assert res.lookup("The Gadgets Secretary", "Person") == orla
    assert res.entities[orla].merges[-2:] == [("role-apposition", "the gadgets secretary"),
                                              ("party-description", "the Wessex Party politician")]


def test_apply_aliases_keeps_proposal_order_the_first_claimant_of_a_surface_wins():
    res = resolve_mentions([_m("Orla Quillfeather"), _m("Bram Tuttlewick", start=40)], "d")
    orla, bram = res.lookup("Quillfeather", "Person"), res.lookup("Tuttlewick", "Person")
    apply_aliases(res, [_proposal(bram, "the gadgets secretary"), _proposal(orla, "the gadgets secretary")])
    assert res.lookup("the gadgets secretary") == bram
    assert "the gadgets secretary" in res.entities[orla].aliases    # recorded, though the index keeps Bram


def test_a_proposal_for_an_unknown_entity_is_an_error():
    res = resolve_mentions([_m("Orla Quillfeather")], "d")
    with pytest.raises(KeyError):
        apply_aliases(res, [_proposal("person/nobody-here", "the gadgets secretary")])


def test_alias_proposals_are_frozen():
    p = _proposal("person/orla-quillfeather", "the gadgets secretary")
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.surface = "someone else"


_TEXTS = (
    "Orla Quillfeather, the shadow gadgets secretary, said the scheme would fail. "
    "Bram Tuttlewick spoke to MPs. He said the scheme would work.",
    "Gadgets were praised by Bram Tuttlewick after the Tory politician visited a factory.",
    "Bram Tuttlewick defended the plan. The home secretary added that it was fully costed.",
)


def _context(nlp, *texts, doc=None):
    from kg.extract.context import DocContext
    from kg.extract.entities import extract_document_mentions
    doc = doc or doc_from_texts(*texts)
    parsed = [nlp(e.text) for e in doc.entries]
    resolver = resolve_mentions(extract_document_mentions(doc, parsed), doc.id)
    return DocContext(doc=doc, parsed=parsed, resolver=resolver)


def test_the_affiliations_step_only_reads_the_resolver(nlp):
    from kg.extract.roles import add_affiliations
    ctx = _context(nlp, *_TEXTS)
    before = _state(ctx.resolver)
    facts = Facts(entities=ctx.resolver.entities)
    add_affiliations(ctx, facts)
    assert _state(ctx.resolver) == before
    rules = {(p.rule, p.surface.lower()) for p in facts.alias_proposals}
    assert {("role-apposition", "the shadow gadgets secretary"), ("party-description", "the tory politician"),
            ("role-description", "the home secretary")} <= rules


def test_the_resolution_stage_applies_the_proposals_and_genders(nlp):
    from kg.extract.roles import add_affiliations
    from kg.resolve.aliases import resolve_references
    ctx = _context(nlp, *_TEXTS)
    facts = Facts(entities=ctx.resolver.entities)
    add_affiliations(ctx, facts)
    bram = ctx.resolver.lookup("Bram Tuttlewick", "Person")
    assert not ctx.resolver.entities[bram].gender
    resolve_references(ctx, facts)
    assert ctx.resolver.lookup("the shadow gadgets secretary", "Person") == ctx.resolver.lookup("Quillfeather")
    assert ctx.resolver.lookup("the home secretary", "Person") == bram
    assert ctx.resolver.entities[bram].gender == "m"


def test_a_byline_is_looked_up_after_the_aliases_apply(nlp):
    """The writer is named in the byline as the text describes them; only the alias finds them."""
    from kg.entries import Document, Entry
    from kg.pipeline import extract_document
    text = "Orla Quillfeather, the gadgets secretary, said the scheme would work."
    doc = Document(id="t", entries=[Entry(id="e0001", ordinal=1, position=0, text=text,
                                          author="Gadgets Secretary", author_role="Guest editor")])
    facts = extract_document(doc, parsed=[nlp(text)])
    orla = next(k for k, e in facts.entities.items() if e.name == "Orla Quillfeather")
    assert (orla, "Guest Editor") in {(r.person, r.role) for r in facts.roles}
