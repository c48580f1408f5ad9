"""Pronoun and anaphor coreference and gender inference (kg.resolve.pronouns, kg.resolve.genders),
on hand-built entities and invented sentences."""
from kg.facts import Entity
from kg.resolve.genders import gender_of, given_name_gender, honorific_gender, learn_genders
from kg.resolve.pronouns import EntryMemory, resolve_anaphor, resolve_pronoun


def _entities(*specs):
    return {key: Entity(key=key, type=t, name=key.split("/")[-1], gender=g) for key, t, g in specs}


ENTS = _entities(("person/orla", "Person", "f"), ("person/bram", "Person", ""),
                 ("body/gadget-union", "Body", ""), ("party/wessex", "Party", ""))


def _memory():
    m = EntryMemory(sent_starts=[0, 30, 60])
    m.note(0, "person/orla", subject=True)
    m.note(10, "body/gadget-union")
    m.note(31, "person/bram", subject=True)
    m.note(40, "party/wessex")
    return m


def test_a_pronoun_takes_the_nearest_compatible_antecedent():
    m = _memory()
    assert resolve_pronoun("he", 65, m, ENTS, {}) == "person/bram"      # Orla is known to be "she"
    assert resolve_pronoun("she", 65, m, ENTS, {}) == "person/bram"     # nearest; his gender is unknown
    assert resolve_pronoun("they", 65, m, ENTS, {}) == "party/wessex"
    assert resolve_pronoun("she", 5, m, ENTS, {}) == "person/orla"
    assert resolve_pronoun("he", 5, m, ENTS, {}) is None                # nobody before but Orla
    assert resolve_pronoun("she", 65, None, ENTS, {}) is None


def test_a_learned_gender_rules_a_candidate_out():
    m = _memory()
    assert resolve_pronoun("she", 65, m, ENTS, {"person/bram": "f"}) == "person/bram"
    assert resolve_pronoun("she", 65, m, ENTS, {"person/bram": "m"}) == "person/orla"


def test_a_spokesperson_voice_lets_a_body_be_she():
    m = EntryMemory(sent_starts=[0])
    m.note(0, "body/gadget-union", subject=True)
    assert resolve_pronoun("she", 40, m, ENTS, {}) is None
    m.voices["body/gadget-union"] = "f"
    assert resolve_pronoun("she", 40, m, ENTS, {}) == "body/gadget-union"


def test_an_anaphor_takes_the_last_entity_of_its_type():
    m = _memory()
    assert resolve_anaphor(("Body",), 65, m, ENTS) == "body/gadget-union"
    assert resolve_anaphor(("Party",), 35, m, ENTS) is None
    assert resolve_anaphor(("Party",), 65, m, ENTS) == "party/wessex"


def test_gender_of_prefers_the_entity_then_the_learned_table():
    assert gender_of("party/wessex", ENTS, {"party/wessex": "f"}) == "p"
    assert gender_of("person/orla", ENTS, {"person/orla": "m"}) == "f"
    assert gender_of("person/bram", ENTS, {"person/bram": "m"}) == "m"
    assert gender_of("person/bram", ENTS, {}) == ""


def test_honorific_and_given_name_genders():
    assert honorific_gender("Dame Orla Quillfeather") == "f" and honorific_gender("Lord Tuttlewick") == "m"
    assert honorific_gender("Dr Quillfeather") == ""
    assert given_name_gender("Sir John Tuttlewick") == "m"
    assert given_name_gender("Tuttlewick") == ""


def test_learn_genders_from_an_honorific_and_a_report(nlp):
    from kg.extract.context import DocContext
    from kg.extract.entities import extract_document_mentions
    from kg.resolve.merge import resolve_mentions
    from tests.conftest import doc_from_texts
    doc = doc_from_texts("Marlo Quillfeather said she would vote against the gadgets bill.",
                         "Bram Tuttlewick was not convinced.")
    parsed = [nlp(e.text) for e in doc.entries]
    ctx = DocContext(doc=doc, parsed=parsed, resolver=resolve_mentions(extract_document_mentions(doc, parsed), doc.id))
    bram = ctx.resolver.lookup("Tuttlewick", "Person")
    assert bram not in learn_genders(ctx)           # "Bram" is no known given name
    ctx.resolver.add_alias(bram, "Sir B. Tuttlewick", "test")
    learned = learn_genders(ctx)
    assert learned[ctx.resolver.lookup("Marlo Quillfeather", "Person")] == "f"
    assert learned[bram] == "m"
