"""Mentions and their types, on invented sentences (never seed or dev text)."""
import pytest

from tests.conftest import doc_from_texts, parse_entry


def _facts(nlp, *texts):
    from kg.pipeline import extract_document
    doc = doc_from_texts(*texts)
    return extract_document(doc, parsed=[nlp(e.text) for e in doc.entries])


def _names(facts, kg_type):
    return {e.name for e in facts.entities.values() if e.type == kg_type}


def _labels(facts, kg_type):
    from kg.resolve.names import normalise
    return {normalise(x).lower() for e in facts.entities.values() if e.type == kg_type for x in (e.name, *e.aliases)}


@pytest.mark.parametrize("text, kg_type, name", [
    ("The Widget Safety (Amendment) Bill will be published next month.", "Bill", "Widget Safety (Amendment) Bill"),
    ("She said the measure would go in the gadgets and widgets bill this spring.", "Bill", "gadgets and widgets bill"),
    ("Jane Doe leads the independent review of coastal widgets, which began in May.", "Inquiry",
     "independent review of coastal widgets"),
    ("He chaired the inquiry into widget failures in Northshire, it emerged.", "Inquiry",
     "inquiry into widget failures in Northshire"),
    ("The Widgetford Inquiry resumes today.", "Inquiry", "Widgetford Inquiry"),
    ("Widgetford Council has rejected the plan.", "Body", "Widgetford Council"),
    ("The Widget Makers’ Association says members are angry.", "Body", "Widget Makers’ Association"),
    ("She referred herself to the ministerial widgets watchdog on Monday.", "Body", "ministerial widgets watchdog"),
    ("Jane Doe, Labour MP for Widgetford North, said no.", "Place", "Widgetford North"),
    ("The minister told the Commons it was wrong.", "Body", "House of Commons"),
    ("He told BBC Radio 4 that it was wrong.", "Body", "BBC Radio 4"),
])
def test_pattern_mentions(nlp, text, kg_type, name):
    from kg.resolve.names import normalise
    assert normalise(name).lower() in _labels(_facts(nlp, text), kg_type)


def test_acronym_defined_once_is_used_everywhere(nlp):
    f = _facts(nlp, "The Office for Widget Standards (OWS) will warn next week.", "The OWS says nothing.")
    bodies = [e for e in f.entities.values() if e.type == "Body" and "OWS" in e.aliases]
    assert len(bodies) == 1 and bodies[0].name == "Office for Widget Standards"


def test_org_surname_is_the_person(nlp):
    f = _facts(nlp, "Jane Fairweather told MPs the plan was sound.", "Fairweather said it would work.")
    people = [e for e in f.entities.values() if e.type == "Person"]
    assert [p.name for p in people] == ["Jane Fairweather"]
    assert "Fairweather" in people[0].aliases


def test_misspelt_surname_merges(nlp):
    f = _facts(nlp, "Jane Fairweather spoke first.", "Fairwether said the plan would work.")
    assert _names(f, "Person") == {"Jane Fairweather"}


@pytest.mark.parametrize("text, junk", [
    ("Share", "share"), ("Updated at 12.41pm GMT", "gmt"),
    ("Image source, PA Media. The minister spoke.", "pa media"),
    ("Jane Doe has tabled a Bill to ban widgets.", "bill"),
])
def test_furniture_and_junk_are_not_entities(nlp, text, junk):
    f = _facts(nlp, text)
    assert junk not in {x.lower() for e in f.entities.values() for x in (e.name, *e.aliases)}


def test_commons_style_names(nlp):
    f = _facts(nlp, "Jane Widgeon (Lab) asks about flooding.")
    assert "Jane Widgeon" in _names(f, "Person")
    assert "Labour Party" in _names(f, "Party")


def test_mentions_have_provenance(nlp):
    from kg.extract.entities import EXTRACTOR, extract_mentions
    entry, doc = parse_entry(nlp, "Jane Doe, the widget secretary, spoke to the Home Office.")
    mentions = extract_mentions(entry, doc)
    assert {"Jane Doe", "Home Office"} <= {m.text for m in mentions}
    for m in mentions:
        assert m.prov.extractor == EXTRACTOR and m.prov.entry_id == entry.id
        assert entry.text[m.prov.span.start:m.prov.span.end] == m.text


# -- document-level typing and person spans ----------------------------------------------------
def test_a_full_name_the_model_calls_an_organisation_is_a_person_when_its_surname_is_one(nlp):
    f = _facts(nlp, "Quentin Widgery gave evidence on Tuesday.", "Widgery said the plan was sound.",
               "Ms Widgery added that she had no regrets.")
    assert [e.name for e in f.entities.values() if e.type == "Person"] == ["Quentin Widgery"]
    assert not _names(f, "Body") and not _names(f, "Place")


def test_event_words_are_never_people(nlp):
    f = _facts(nlp, "Brexit said nothing, and Covid dominated the debate as Jane Widget spoke.")
    assert "Brexit" not in _names(f, "Person") and "Covid" not in _names(f, "Person")
    assert "Jane Widget" in _names(f, "Person")


@pytest.mark.parametrize("text, name", [
    ("Counsel Tom Gadgetry KC asked about the widgets.", "Tom Gadgetry"),
    ("The Courier's Ann Quill reports that the vote is close.", "Ann Quill"),
])
def test_person_spans_lose_post_nominals_and_owners(nlp, text, name):
    assert name in _names(_facts(nlp, text), "Person")


def test_bylines_are_metadata_not_people(nlp):
    from kg.entries import Document, Entry
    from kg.pipeline import extract_document
    doc = Document(id="t", entries=[Entry(id="e0001", ordinal=1, position=0, author="Cat Scribe",
                                          text="Jane Widget said the levy would pass.")])
    f = extract_document(doc, parsed=[nlp(e.text) for e in doc.entries])
    assert _names(f, "Person") == {"Jane Widget"}


def test_a_name_cut_off_at_the_end_of_a_page_is_not_an_entity(nlp):
    f = _facts(nlp, "The inquiry heard from Jane Widget and then from Tom Gadg")
    assert _names(f, "Person") == {"Jane Widget"}


@pytest.mark.parametrize("text, kg_type, name", [
    ("MPs will vote on the Widgets, Gadgets and Sprockets bill next week.", "Bill", "Widgets, Gadgets and Sprockets bill"),
    ("The debate on the widget levy bill is starting.", "Bill", "widget levy bill"),
    ("Evidence to the Coastal Widgets inquiry resumes today.", "Inquiry", "Coastal Widgets inquiry"),
])
def test_lower_case_heads_after_names(nlp, text, kg_type, name):
    assert name in _names(_facts(nlp, text), kg_type)


@pytest.mark.parametrize("text", [
    "Families face a higher energy bill this winter.",
    "She praised the Shop Local to Help Local inquiry findings.",
    "He will appear before the inquiry on Monday.",
])
def test_invoices_title_tails_and_dates_are_not_bills_or_inquiries(nlp, text):
    f = _facts(nlp, text)
    assert not _names(f, "Bill") and not {n for n in _names(f, "Inquiry") if n in ("Help Local inquiry", "inquiry on Monday")}


@pytest.mark.parametrize("text, kg_type, name, junk", [
    ("Police Northshire Chief Constable Jane Hollowell said no.", "Person", "Jane Hollowell", "Constable Jane Hollowell"),
])
def test_posts_glued_to_names_are_cut(nlp, text, kg_type, name, junk):
    names = _names(_facts(nlp, text), kg_type)
    assert name in names and junk not in names


def test_a_name_after_a_post_and_comma_is_a_person(nlp):
    f = _facts(nlp, "She lost her chief of staff, Morgan Quillfeather, on Monday.")
    assert "Morgan Quillfeather" in _names(f, "Person")


def test_descriptors_before_a_body_are_cut_and_titles_with_possessives_kept(nlp):
    f = _facts(nlp, "Former Widget Office boss Ann Sprocket gave evidence. Her Majesty's Widget Service "
                    "was not consulted.")
    bodies = _names(f, "Body")
    assert "Widget Office" in bodies and "Former Widget Office" not in bodies
    assert "Her Majesty" not in bodies


@pytest.mark.parametrize("text, kg_type, name, not_type", [
    ("Olivia March's government will carry on the widget talks.", "Person", "Olivia March", "Body"),
    ("The minister said the trip to Gorbridge Castle in 2020 was a mistake.", "Place", "Gorbridge Castle",
     "Person"),
    ("Labour has taken the south-west Wessex seat of Gorbridge.", "Place", "Gorbridge", "Person"),
])
def test_types_from_the_shape_of_the_phrase(nlp, text, kg_type, name, not_type):
    facts = _facts(nlp, text)
    assert name in _names(facts, kg_type), facts.entities
    assert not [n for n in _names(facts, not_type) if "March" in n or "Gorbridge" in n], facts.entities


def test_a_given_name_before_a_place_word_stays_a_person(nlp):
    facts = _facts(nlp, "Barbara Castle said the widget plan was weak.")
    assert "Barbara Castle" in _names(facts, "Person"), facts.entities


@pytest.mark.parametrize("text, kg_type, name", [
    ("Olivia March's government 'will carry on widget talks to the existing timetable'", "Person", "Olivia March"),
    ("Members met Victoria Station staff about the widget timetable.", "Place", "Victoria Station"),
])
def test_given_names_start_names_the_model_missed(nlp, text, kg_type, name):
    assert name in _names(_facts(nlp, text), kg_type)


def test_a_given_name_that_is_a_common_word_starts_no_name(nlp):
    facts = _facts(nlp, "Will Labour back the widget bill? Bill Committee members met today.")
    assert not [n for n in _names(facts, "Person") if n.startswith(("Will", "Bill"))], facts.entities


def test_a_known_body_owning_a_project_is_the_body(nlp):
    facts = _facts(nlp, "The row is over the Post Office's Network Renewal scheme.",
                   "The Prison Officers' Association and Her Majesty's Prison Service disagreed.")
    bodies = _names(facts, "Body")
    assert "Post Office" in bodies and "Her Majesty's Prison Service" in bodies, bodies
    assert not [b for b in bodies if "Network" in b], bodies


def test_common_acronyms_are_no_bodies(nlp):
    facts = _facts(nlp, "Ministers bought PPE and raised VAT while GDP fell.")
    assert not {"PPE", "VAT", "GDP"} & _names(facts, "Body"), facts.entities


def test_one_word_ideas_are_no_actors(nlp):
    facts = _facts(nlp, "Jane Doe says a definition of Islamophobia must not bring back blasphemy law. "
                        "Thatcherism is back, says John Smith.")
    names = {e.name for e in facts.entities.values()}
    assert not {"Islamophobia", "Thatcherism"} & names, names


@pytest.mark.parametrize("text, name, kg_type", [
    ("Gadgetson says he won't allow a widget levy to come back.", "Gadgetson", "Person"),
    ("Ofcom says it will review the widget decision.", "Ofcom", "Body"),
])
def test_a_lone_speaker_referred_to_as_he_or_she_is_a_person(nlp, text, name, kg_type):
    assert name in _names(_facts(nlp, text), kg_type)


def test_fiscal_events_are_no_bodies(nlp):
    facts = _facts(nlp, "Jane Doe says the Budget was a blow to widget makers. The Office for Budget "
                        "Responsibility disagreed.")
    bodies = _names(facts, "Body")
    assert "Budget" not in bodies and "Office for Budget Responsibility" in bodies, bodies


def test_a_gazetteer_place_is_a_place_whatever_the_model_says(nlp):
    f = _facts(nlp, "Asked about the strain on Glasgow from rising rents, Tom Gadget blamed landlords.",
               "Asked about Swansea, Ann Sprocket said the port would reopen.")
    assert {"Glasgow", "Swansea"} <= _names(f, "Place")
    assert not ({"Glasgow", "Swansea"} & (_names(f, "Person") | _names(f, "Body")))


def test_a_gazetteer_word_that_is_a_surname_here_stays_a_person(nlp):
    f = _facts(nlp, "Tom Swansea said the plan would fail. Swansea added that it was late.")
    assert "Tom Swansea" in _names(f, "Person")
    assert "Swansea" not in _names(f, "Place")


def test_demonyms_are_not_entities(nlp):
    f = _facts(nlp, "Tom Gadget said the change would matter more to ordinary Scots than to Britons abroad.")
    assert not ({"Scots", "Britons"} & {e.name for e in f.entities.values()})


def test_a_known_given_name_joins_the_surname_the_model_found(nlp):
    f = _facts(nlp, "Rhodri Bevanstowe accused the minister of ignoring the report.")
    assert "Rhodri Bevanstowe" in _names(f, "Person")
    assert "Bevanstowe" not in _names(f, "Person")


def test_a_post_or_a_question_session_is_no_body(nlp):
    f = _facts(nlp, "First Minister Ian Quarrie faced the opposition leaders at First Minister's Questions.")
    assert "Ian Quarrie" in _names(f, "Person")
    assert not ({"First Minister", "First Minister's Questions"} & {e.name for e in f.entities.values()})


def test_statistics_words_acronyms_and_cut_names_are_not_entities(nlp):
    f = _facts(nlp, "Turnout in the ward was 51.2%. In a talk and Q&A, Tom Gadget said ministers back the "
                    "Electoral Commission, despite the GCSE fiasco and waits in A&E.",
               "A past Llywydd of the Senedd, Lord Tom Gadget, spoke.")
    names = {e.name for e in f.entities.values()}
    assert not ({"Turnout", "Q&A", "GCSE", "A&E"} & names)
    assert not any(n.endswith(" of the") for n in names)
    assert "Electoral Commission" in _names(f, "Body")


def test_a_lone_given_name_is_the_person_named_in_full_with_it(nlp):
    f = _facts(nlp, "Here is an extract from Amelia’s article, by Amelia Marsh.")
    assert _names(f, "Person") == {"Amelia Marsh"}
    assert not _names(f, "Place")


def test_committees_written_in_lower_case(nlp):
    f = _facts(nlp, "Amy Pond is chair of the Wessex committee. The Commons Treasury committee will question the "
                    "chancellor. The home affairs committee said the plan was flawed. The chair of the justice "
                    "committee, Rory Smithers, agreed.")
    assert {"Wessex committee", "Commons Treasury committee", "home affairs committee",
            "justice committee"} <= _names(f, "Body")


def test_institutions_the_model_takes_for_people_are_bodies(nlp):
    f = _facts(nlp, "Tom Gadget visited Barlinnie Prison on Monday. Amy Pond says Morriston Hospital has declared "
                    "an alert five times. Hugo Keith KC mocks the idea.")
    assert {"Barlinnie Prison", "Morriston Hospital"} <= _names(f, "Body")
    assert "KC" not in {e.name for e in f.entities.values()}
    assert not any("(" in e.name for e in f.entities.values())
