"""Statements: tables of invented sentences -> who said what, to whom, in reply to whom."""
from __future__ import annotations

import pytest

from kg.extract.quotes import find_quote_runs
from tests.conftest import doc_from_texts


def _rows(doc):
    """(speaker name, text, kind, responds-to name, statement) for every statement of ``doc``."""
    from kg.pipeline import extract_document
    facts = extract_document(doc)
    names = {k: e.name for k, e in facts.entities.items()}
    return [(names.get(s.speaker, s.speaker), s.text, s.kind, names.get(s.responds_to, s.responds_to), s)
            for s in facts.statements]


def _statements(*texts):
    return _rows(doc_from_texts(*texts))


def _one_entry(text, **fields):
    """Rows of a one-entry document whose entry has ``fields`` (a headline, a recap flag)."""
    from kg.entries import Document, Entry
    return _rows(Document(id="t", entries=[Entry(id="e0001", ordinal=1, position=0, text=text, **fields)]))


def _said(rows, speaker_part: str, text_part: str):
    return [r for r in rows if speaker_part in r[0] and text_part in r[1]]


# -- quote marks (pure) ---------------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("He said: “One two.\n“Three four.”", ["One two.\nThree four."]),
    ("A “scare” word and “another”.", ["scare", "another"]),
    ("'A criminals' charter' - Some Party", ["A criminals' charter"]),
    ("He said “never closed.\nNext paragraph", ["never closed."]),
    ("“Outer ‘inner’ words,” she said.", ["Outer ‘inner’ words,"]),
    ('"Straight," he said. "Again."', ["Straight,", "Again."]),
    ("Don’t touch Smith’s ‘thing’ now", ["thing"]),
])
def test_quote_runs(text, expected):
    assert [r.text(text) for r in find_quote_runs(text)] == expected


# -- attribution through the whole pipeline -------------------------------------------------
def test_colon_quote_over_paragraphs_is_one_statement(nlp):
    rows = _statements("Jane Doe, the Labour MP for Northtown, told the Commons: “The widget tax is unfair.\n"
                       "“Families cannot pay it and they should not have to.”")
    hits = _said(rows, "Jane Doe", "widget tax is unfair")
    assert hits and "Families cannot pay it" in hits[0][1] and hits[0][2] == "direct"


def test_unmarked_block_quote_after_colon(nlp):
    rows = _statements("In an interview on LBC, Jane Doe said:\n"
                       "I think the widget scheme is a mistake and it will cost families dearly.\n"
                       "We would scrap it on day one.\n"
                       "John Smith, the Conservative MP, said the scheme was working.")
    hit = _said(rows, "Jane Doe", "widget scheme is a mistake")
    assert hit and "scrap it on day one" in hit[0][1]
    assert not _said(rows, "Jane Doe", "scheme was working")


def test_reported_speech_with_pronoun_chain(nlp):
    rows = _statements("Jane Doe says the widget bill will be published next month.\n"
                       "She says councils will get new powers to inspect factories.")
    assert _said(rows, "Jane Doe", "widget bill will be published next month")
    assert _said(rows, "Jane Doe", "councils will get new powers")


def test_trailing_cue_and_quote_before_cue(nlp):
    rows = _statements("“We will not back down on widgets,” John Smith told reporters.")
    assert _said(rows, "John Smith", "We will not back down on widgets")


def test_reply_links_to_previous_speaker(nlp):
    rows = _statements("John Smith told MPs: “The widget tax will hurt every family in the country.”\n"
                       "Jane Doe replied: “The tax is fair and the money goes to local schools.”")
    hit = _said(rows, "Jane Doe", "money goes to local schools")
    assert hit and hit[0][3] == "John Smith"


def test_responding_to_names_the_person_answered(nlp):
    rows = _statements("Responding to John Smith, Jane Doe said: “The figures were published in May.”")
    hit = _said(rows, "Jane Doe", "figures were published in May")
    assert hit and hit[0][3] == "John Smith"


def test_question_and_answer_lines(nlp):
    rows = _statements("Questions were put by counsel to the inquiry, Peter Brown KC.",
                       "Q: Did you read the widget report before the fire?\n"
                       "Mark Green says he never saw the widget report.")
    q = _said(rows, "Peter Brown", "Did you read the widget report")
    a = _said(rows, "Mark Green", "he never saw the widget report")
    assert q and a and "Peter Brown" in a[0][3]


def test_asks_then_answer_in_pmqs_run(nlp):
    rows = _statements("Jane Doe (Lab) asks when the widget factory in Northtown will reopen.\n"
                       "John Smith says the factory will reopen in the spring.")
    a = _said(rows, "John Smith", "factory will reopen in the spring")
    assert _said(rows, "Jane Doe", "when the widget factory")
    assert a and a[0][3] == "Jane Doe"


def test_inverted_cue(nlp):
    rows = _statements("Mark Green was asked whether he read the widget report.\n"
                       "No, says Mark Green. He says the report was never sent to him.")
    assert _said(rows, "Mark Green", "the report was never sent to him")


def test_no_statement_without_a_speaker(nlp):
    rows = _statements("The widget tax will be debated next week.")
    assert rows == []


def test_provenance_span_points_at_text(nlp):
    text = "Jane Doe says the widget bill will be published next month."
    rows = _statements(text)
    s = _said(rows, "Jane Doe", "widget bill")[0][4]
    assert s.prov.extractor == "kg.statements.v1"
    assert "widget bill will be published" in text[s.prov.span.start:s.prov.span.end]


# -- headlines, reported verbs, exchanges across entries -----------------------------------
def test_reported_speech_keeps_its_verb_phrase():
    rows = _statements("Jane Widget has also defended the levy on gadgets as fair.")
    assert _said(rows, "Jane Widget", "has also defended the levy on gadgets")


@pytest.mark.parametrize("headline, speaker, words", [
    ("The levy will be a disaster for thrift - Hollowell", "Jane Hollowell", "The levy will be a disaster"),
    ("Hollowell: the levy will be a disaster", "Jane Hollowell", "Hollowell: the levy will be a disaster"),
])
def test_headline_attributed_by_punctuation(headline, speaker, words):
    assert _said(_headlined(headline), speaker, words)


def test_headline_with_an_unknown_name_is_not_a_statement():
    assert not _said(_headlined("The levy will be a disaster for thrift - Analysis"), "", "disaster for thrift")


def _headlined(headline):
    return _one_entry(f"{headline}\nJane Hollowell spoke to the Commons on Tuesday afternoon.", headline=headline)


def test_answer_in_the_next_entry_responds_to_the_asker():
    rows = _statements("Tom Gadget asks Jane Widget whether the levy will rise.",
                       "Jane Widget says the levy will not rise this year.",
                       "Ann Sprocket asks about the levy on sprockets.",
                       "Jane Widget replies that sprockets are exempt.")
    first = _said(rows, "Jane Widget", "will not rise")
    second = _said(rows, "Jane Widget", "sprockets are exempt")
    assert first and first[0][3] == "Tom Gadget"
    assert second and second[0][3] == "Ann Sprocket"


def test_a_question_is_not_an_answer():
    rows = _statements("Tom Gadget asks Jane Widget whether the levy will rise.",
                       "Ann Sprocket asks Jane Widget about sprockets.")
    assert all(r[3] == "" for r in rows if "asks" in r[1] or r[0] in ("Tom Gadget", "Ann Sprocket"))


def test_a_name_inside_the_quote_is_not_the_speaker():
    rows = _statements('Tom Gadget says the levy was well known. "I heard that Ann Sprocket called it a tax on '
                       'thrift," he tells the committee.')
    assert _said(rows, "Tom Gadget", "I heard that Ann Sprocket called it")
    assert not _said(rows, "Ann Sprocket", "I heard that")


def test_answering_caption_links_the_answers():
    rows = _statements("Tom Gadget answering Ann Sprocket at question time\n"
                       "Tom Gadget says the levy will not rise this year.")
    hit = _said(rows, "Tom Gadget", "levy will not rise")
    assert hit and hit[0][3] == "Ann Sprocket"


def test_summary_label_flags_the_recap_and_is_not_the_title():
    from kg.sources.text import parse_text
    doc = parse_text("Summary\n\n• Jane Hollowell asks about the levy\n\n12:13 GMT 3 May 2024\n\n"
                     "Tom Gadget says no.\n", "t", "t.txt")
    assert doc.title != "Summary"
    assert [e.is_summary for e in sorted(doc.entries, key=lambda e: e.position)] == [True, False]


def test_pmqs_run_in_one_entry():
    rows = _statements("Jane Hollowell (Lab) asks about the widget levy.\n\n"
                       "Tom Gadget says the levy is fair.\n\n"
                       "Ann Sprocket (Con) says the government said it would cut the levy. Will it keep that promise?\n\n"
                       "Tom Gadget says the promise stands.")
    first, second = _said(rows, "Tom Gadget", "levy is fair"), _said(rows, "Tom Gadget", "promise stands")
    assert first and first[0][3] == "Jane Hollowell"
    assert second and second[0][3] == "Ann Sprocket"
    assert all(r[3] == "" for r in rows if r[0] not in ("Tom Gadget",))


def test_pronoun_chain_keeps_its_subject():
    rows = _statements("Tom Gadget rises to speak. He looks tired. He pauses for a while. "
                       "He begins with a swipe at Ann Sprocket's claim about the levy. He says the levy is fair.")
    assert _said(rows, "Tom Gadget", "the levy is fair")
    assert not _said(rows, "Ann Sprocket", "the levy is fair")


def test_begins_by_saying_borrows_the_subject():
    rows = _statements("The SNP's Tom Gadget begins by saying that the levy has never been so unpopular.")
    assert _said(rows, "Tom Gadget", "the levy has never been so unpopular")


def test_counsel_puts_it_to_the_witness():
    rows = _statements("Ann Sprocket KC puts it to Tom Gadget that he knew about the levy all along.",
                       "Tom Gadget says he did not know.")
    asked = _said(rows, "Ann Sprocket", "that he knew about the levy")
    answer = _said(rows, "Tom Gadget", "he did not know")
    assert asked and asked[0][4].question
    assert answer and answer[0][3] == "Ann Sprocket"


def test_coordinated_verbs_share_their_subject():
    rows = _statements("Ann Sprocket doubts the plan, and says Tom Gadget was always unfit for the job.")
    assert _said(rows, "Ann Sprocket", "Tom Gadget was always unfit")


def test_headline_names_the_mp_the_body_introduces():
    head = "Hollowell: 'Played for fools' by the whips"
    rows = _one_entry(head + "\nA Labour MP says no one knows why the whips back the levy.",
                      headline=head)
    assert any(r[0] == "Hollowell" and "no one knows" in r[1] for r in rows)


def _recap(*lines):
    return [r[:2] for r in _one_entry("\n".join(lines), is_summary=True)]


def test_recap_lines_report_what_actors_announced():
    rows = _recap("Jane Hollowell met the Green Party on Tuesday.",
                  "Greens to scrap the widget levy if elected",
                  "Green Party: will vote against the sprocket bill in the spring")
    assert any(s == "Green Party" and "to scrap the widget levy" in t for s, t in rows)
    assert any(s == "Green Party" and "will vote against the sprocket bill" in t for s, t in rows)


def test_plans_outside_a_recap_are_narrative():
    rows = _statements("Jane Hollowell met the Green Party on Tuesday.\nGreens to scrap the widget levy if elected")
    assert not _said(rows, "Green Party", "scrap the widget levy")


def test_a_reported_clause_the_parser_left_loose_is_still_reported():
    rows = _statements("Tom Gadget rose to speak.", "Gadget has said he “warmly greets” the widget pledge.")
    assert _said(rows, "Tom Gadget", "warmly greets")


def test_he_after_a_spokesman_is_the_body_the_spokesman_speaks_for():
    rows = _statements("The Prime Minister's official spokesman declined to comment on claims that John Smith "
                       "plans to axe the widget levy. He did say the levy is kept under review.")
    said = _said(rows, "", "levy is kept under review")
    assert said and said[0][0] == "Downing Street", rows


def test_a_quote_given_to_an_unnamed_source_does_not_continue_the_last_speaker():
    rows = _statements("Jane Doe, who tabled the widget amendment, confirms she will now vote for the bill.\n\n"
                       "“Colleagues are in despair,” one Labour MP tells me. It feels like the bill will pass.")
    assert not _said(rows, "", "despair"), rows


def test_a_response_marker_after_the_report_links_what_came_before():
    rows = _statements("Jane Doe, the chancellor, has defended the widget grant scheme.\n\n"
                       "Speaking at Treasury questions in reply to a question from John Smith, who has "
                       "put down the main widget amendment.")
    said = _said(rows, "Jane Doe", "defended the widget grant")
    assert said and said[0][3] == "John Smith", rows


def test_an_intervention_asking_is_a_question_and_the_next_answer_responds_to_it():
    rows = _statements("Replying to an intervention by John Smith, a DUP MP, Jane Doe says that the widget "
                       "scheme works.\nMary Jones (Lab) intervenes, asking about the widget figures out "
                       "on Monday. Will ministers put out a new estimate?\nJane Doe says there are "
                       "signs that the widget programmes work.")
    assert _said(rows, "Mary Jones", "widget figures"), rows
    said = _said(rows, "Jane Doe", "signs that the widget")
    assert said and said[0][3] == "Mary Jones", rows


def test_a_tabled_question_and_the_minister_answering_it():
    rows = _statements("After the statement, MPs moved on to an urgent question, put down by the DUP's John "
                       "Smith, on “the widget shortage in the north and the state of the ports”.\n\n"
                       "Answering for ministers was ports minister Tom Widget.\n\n"
                       "He noted this is the third shortage this year.\n\n"
                       "The minister then went on to say the ports are now recovering.")
    asked = _said(rows, "John Smith", "widget shortage in the north")
    assert asked, rows
    for words in ("third shortage", "ports are now recovering"):
        said = _said(rows, "Tom Widget", words)
        assert said and said[0][3] == "John Smith", rows


def test_a_thing_questioned_does_not_cut_the_statement():
    rows = _statements("Jane Doe said she is “deeply hurt” when her motives during the widget crisis "
                       "are questioned.")
    assert _said(rows, "Jane Doe", "crisis are questioned"), rows


def test_reported_speech_keeps_its_short_subject_as_written():
    rows = _statements("Tom Widget is asked if he will publish the widget list, but he says it has not reached him.",
                       "Jane Doe replied that the widget checks were optional.")
    assert _said(rows, "Jane Doe", "Jane Doe replied that the widget checks were optional"), rows
    assert [r for r in rows if "but he says it has not reached him" in r[1]], rows


@pytest.mark.parametrize("text, speaker, words, said", [
    ("Mary Jones has called for John Smith to announce his resignation today.", "John Smith", "resignation", False),
    ("John Smith is due to say that the widget plan works.", "John Smith", "widget plan works", False),
    ("Jane Doe broke in to ask whether the widget contracts were optional.", "Jane Doe",
     "widget contracts were optional", True),
    ("But the minister, Jane Doe, went on to say the widget plan is working.", "Jane Doe", "widget plan is working",
     True),
])
def test_infinitive_cues_asked_for_or_expected_are_not_said(text, speaker, words, said):
    rows = _statements(text)
    assert bool(_said(rows, speaker, words)) is said, rows


def test_a_second_participle_shares_the_first_ones_speaker():
    rows = _statements("John Smith said it was wrong.\n\nAfter taking the oath, he set out to undermine the panel, "
                       "attacking chair Jane Doe as “biased” and suggesting the hearings were “deeply "
                       "odd”.")
    said = _said(rows, "John Smith", "hearings were")
    assert said, rows
    assert not any(r[1].endswith(" and") for r in rows), rows


def test_a_quotation_line_labelled_with_its_speaker():
    rows = _statements("Key points\n  • Mary Jones says the widget plan is dead\n"
                       "  • Ex-minister on the attack against ‘biased’ widget committee\n"
                       "  • ‘I never misled anyone’: Smith sets stakes\nJohn Smith told the committee he did not lie.")
    assert _said(rows, "John Smith", "I never misled anyone"), rows
    assert not _said(rows, "Mary Jones", "biased"), rows


def test_a_quote_inside_a_reported_clause_keeps_the_clause():
    rows = _statements("Mary Jones says ‘widget brain’ former boss ‘calculating’ in her evidence.")
    assert _said(rows, "Mary Jones", "says ‘widget brain’ former boss ‘calculating’"), rows


def test_a_shout_from_someone_is_nobody_s_statement():
    rows = _statements("Jane Doe replied that the widget checks were optional.\n\n"
                       "“They were never optional!” shouted someone from the public seats.")
    assert not _said(rows, "", "never optional"), rows


@pytest.mark.parametrize("headline", ["PM asked whether he will publish a widget honours list",
                                      "Jane Doe pressed on widget levy"])
def test_a_passive_headline_question_is_nobody_s_statement(headline):
    rows = _one_entry(f"{headline}\nJane Doe is the prime minister. She says it has not reached her.",
                      headline=headline)
    assert not [r for r in rows if "honours list" in r[1] or "widget levy" in r[1]], rows


def test_a_passive_question_without_an_asker_is_nobody_s_statement():
    rows = _statements("Tom Widget is asked whether he is looking at the honours list drawn up by former Prime "
                       "Minister Mary Jones, but he says it has not reached him.")
    assert not _said(rows, "", "looking at the honours list"), rows
    assert _said(rows, "Tom Widget", "it has not reached him"), rows


def test_announcing_a_thing_is_a_claim_not_a_statement():
    rows = _statements("The Widget Office announces 12 new inspectors, filling posts left vacant by resignations.")
    assert not [r for r in rows if "12 new inspectors" in r[1]], rows


def test_asking_for_an_assurance_is_a_question_the_answer_responds_to():
    rows = _statements("Tom Grey (Lab) asks the minister for an assurance that no new widget levy is coming.\n"
                       "Jane Doe says she is happy to give him that assurance.")
    assert _said(rows, "Tom Grey", "no new widget levy is coming"), rows
    said = _said(rows, "Jane Doe", "happy to give")
    assert said and said[0][3] == "Tom Grey", rows


def test_a_reply_the_model_read_as_a_noun_phrase_still_speaks():
    rows = _statements("Jane Doe asks if Gadgetson stands by his widget promise.\n\n"
                       "Gadgetson replies, saying Northtown faces a “hard” winter, but officials are talking to "
                       "the workforce.")
    said = _said(rows, "Gadgetson", "Northtown faces a")
    assert said and said[0][3] == "Jane Doe", rows


def test_hailing_and_calling_for_in_one_sentence_is_one_statement():
    rows = _statements("Jane Doe hails the Widget Party's 'incredible result' and calls for John Smith to resign.")
    assert _said(rows, "Jane Doe", "'incredible result' and calls for John Smith to resign"), rows


def test_a_party_leader_description_is_someone_of_that_party():
    rows = _statements("First Minister Ian Quarrie took questions at noon.\n\n"
                       "  • Valley Labour's Gwen Threlfall criticised his record on trains\n"
                       "  • The Ruritanian Tory leader asked the premier to rule out a rise in fares\n"
                       "  • Quarrie insisted the budget was fair\n"
                       "  • The Valley Labour leader also asked if the premier could save 40 depots")
    # nobody is known to be a Tory: the Tory leader's question is nobody's rather than a guess
    assert not _said(rows, "", "rule out a rise in fares")
    assert _said(rows, "Gwen Threlfall", "save 40 depots")
    assert not _said(rows, "Ian Quarrie", "save 40 depots")


def test_a_participle_after_a_parenthetical_cue_is_the_cues_speakers():
    rows = _statements("Jane Holt attacks the plan. The entire scheme is failing, she says, and Keir Marsh is "
                       "only deepening it - adding that Ann Pell is \"an expert at complaints\".")
    assert _said(rows, "Jane Holt", "an expert at complaints")
    assert not _said(rows, "Keir Marsh", "an expert at complaints")


def test_a_cue_inside_anothers_words_does_not_repeat_them():
    rows = _statements("Jane Holt asks about the plant closure. Keir Marsh replies, saying the town faces a "
                       "\"grave\" moment, but ministers are talking to the workers who he admits are anxious.")
    said = _said(rows, "Keir Marsh", "grave")
    assert said and "who he who he" not in said[0][1]
    assert "the workers who he admits are anxious" in said[0][1]


def test_a_paragraph_about_a_group_of_members_is_not_the_neighbours_words():
    rows = _statements("The headlines:\n\n"
                       "Ian Quarrie insisted these were complex matters.\n\n"
                       "Several MSs voiced worries about dry reservoirs this year.\n\n"
                       "Ian Quarrie said Treasury policies were to blame.")
    assert not _said(rows, "", "voiced worries about dry reservoirs")


@pytest.mark.parametrize("headline", ["Tom Gadget accused of 'sandbag politics' over the widget levy",
                                      "Tom Gadget urged to quit by his own MPs"])
def test_a_headline_passive_is_not_the_subjects_statement(headline):
    assert not _said(_statements(headline), "Tom Gadget", "")


def test_an_active_cue_before_to_stays_a_statement():
    assert _said(_statements("Jane Doe promised to quit if the levy passed."), "Jane Doe", "to quit")


def test_a_sentence_opening_with_its_questioner_answers_them():
    rows = _statements("Questioned by Jane Doe, Tom Gadget said the widget plan was sound.")
    said = _said(rows, "Tom Gadget", "widget plan was sound")
    assert said and said[0][3] == "Jane Doe"


def test_the_questioner_in_an_opening_phrase_is_not_the_speaker():
    rows = _statements("Former PM Tom Gadget gave evidence today.",
                       "Facing questions from long-serving Tory MP Sir Bob Jenks, the former PM said "
                       "the farewell party for an aide “was unavoidable”.")
    assert _said(rows, "Tom Gadget", "was unavoidable")
    assert not _said(rows, "Bob Jenks", "was unavoidable")


def test_a_reply_the_model_reads_as_a_plural_noun_is_still_a_reply():
    rows = _statements("First Minister Jane Marlow is quizzed by members. Asked by independent member Tom Gadget "
                       "what plans the government has for buses, the first minister replies \"bus services are a "
                       "responsibility of the councils\".")
    said = _said(rows, "Jane Marlow", "bus services are a responsibility")
    assert said and said[0][3] == "Tom Gadget"


@pytest.mark.parametrize("texts, speaker, words", [
    (("Tom Gadget spoke next. \"Is it not time for a trade deal?\" Mr Gadget pressed.",), "Tom Gadget",
     "time for a trade deal"),
    (("John Smith has been fired as arts minister, tweeting that he was \"sad to be leaving the post\".",),
     "John Smith", "sad to be leaving the post"),
    (("Jane Marlow joins the debate. Marlow points to the exam results and says pupils are being "
      "failed by colleges.",), "Jane Marlow", "pupils are being failed"),
])
def test_cues_the_parse_hides(texts, speaker, words):
    assert _said(_statements(*texts), speaker, words)


def test_a_quote_given_to_an_unnamed_member_stays_nobodys():
    rows = _statements("Tom Gadget spoke first. \"We will not back down,\" one Labour MP tells me.")
    assert not _said(rows, "", "We will not back down")


def test_raising_an_issue_is_what_the_next_answer_responds_to():
    rows = _statements("  • Tom Gadget challenges Jane Marlow on quango spending.\n\n"
                       "  • Amy Pond raises the length of waits in casualty - while Marlow says "
                       "the totals are falling\n\n  • The session ends at one o'clock.")
    said = _said(rows, "Jane Marlow", "the totals are falling")
    assert said and said[0][3] == "Amy Pond"


def test_a_lower_case_committee_speaks_for_itself():
    rows = _statements("The Commons Treasury committee will question the chancellor. The home affairs committee "
                       "said the plan was flawed.")
    assert _said(rows, "home affairs committee", "the plan was flawed")


def test_a_leadership_contender_is_the_person_just_named():
    rows = _statements("Jane Marlow claimed that some officials should be sacked. Speaking at a fringe meeting, "
                       "the leadership contender said: “The trick is to find the good officials quickly.”")
    assert _said(rows, "Jane Marlow", "find the good officials quickly")


def test_a_reported_clause_hung_on_the_interview_is_still_what_was_said():
    rows = _statements("If you were away on Saturday, Tom Gadget, a tenant who warned of a fire, "
                       "told the Gazette in a long interview that he hopes the review will shame the council.")
    said = _said(rows, "Tom Gadget", "hopes the review will shame the council")
    assert said and "If you were away" not in said[0][1]


def test_a_belief_inside_anothers_report_is_not_a_statement():
    rows = _statements("Tom Gadget accuses Labour of being \"a boys' club\", suggesting they believe no "
                       "woman could lead it.")
    assert not _said(rows, "Labour", "no woman could lead it")
    assert _said(rows, "Tom Gadget", "a boys' club")


def test_put_it_to_without_that_and_a_rejection_in_a_relative_clause():
    rows = _statements("Counsel Tom Gadget questioned Amy Pondworth. Mr Gadget put it to Ms Pondworth she hoped to "
                       "go down as “the leader who beat the flood”, which she denied.")
    assert _said(rows, "Tom Gadget", "she hoped to go down as")
    assert not any(r[1].strip() == "which" for r in rows)


def test_the_answer_of_a_post_named_after_its_quote():
    rows = _statements("Former first minister Amy Pondworth is giving evidence to counsel Tom Gadget.\n\n"
                       "Mr Gadget then asked: \"By then your cabinet had lost control, had it not, Ms Pondworth?\"\n\n"
                       "\"No,\" the First Minister replies.")
    said = _said(rows, "Amy Pondworth", "No")
    assert said and said[0][3] == "Tom Gadget"
    assert not _said(rows, "Tom Gadget", "No,")


def test_a_fronted_time_clause_is_not_what_was_said():
    rows = _statements("Rising late after the count in the second division was read, Tom Gadget, who chairs "
                       "the ethics panel, said p")
    assert not _said(rows, "Tom Gadget", "Rising late")
    assert _said(_statements("The levy, Jane Marlow says, is a tax on thrift."), "Jane Marlow", "tax on thrift")


def test_words_cut_off_by_the_page_before_saying_anything_are_dropped():
    assert not _said(_statements("Tom Gadget spoke. Amy Pond revealed she will b"), "Amy Pond", "")
    assert _said(_statements("Tom Gadget spoke. Amy Pond said the widget levy would be scrapped next ye"),
                 "Amy Pond", "widget levy would be scrapped")


@pytest.mark.parametrize("text, speaker, words", [
    ("Chair Tom Gadget said the inquiry would resume on Monday.", "Tom Gadget", "inquiry would resume"),
    ("Campaigner Amy Pond criticised the Post Office.", "Amy Pond", "criticised the Post Office"),
])
def test_a_title_before_a_name_at_the_start(text, speaker, words):
    assert _said(_statements(text), speaker, words)


def test_a_party_describing_a_person_is_not_the_speaker():
    rows = _statements("Tory peer calls for the assembly to be abolished\n\n"
                       "Senior Tory Tom Gadget has called for the assembly to be abolished.")
    assert not _said(rows, "Conservative", "")
    assert _said(rows, "Tom Gadget", "the assembly to be abolished")


def test_words_said_in_a_relative_clause_are_the_named_persons():
    rows = _statements('The first minister, Tom Gadget, acknowledges that "the service is not yet good enough for '
                       'patients." He was replying to Conservative Amy Pond, who said "these queues are '
                       'plainly intolerable and the clinic is overwhelmed."')
    assert _said(rows, "Amy Pond", "these queues are plainly intolerable")
    said = _said(rows, "Tom Gadget", "the service is not yet good enough")
    assert said and said[0][3] == "Amy Pond"


@pytest.mark.parametrize("text, words", [
    ("Amy Pond confessed she liked neither the old budget nor the new plans.", "liked neither the old budget"),
    ("Amy Pond quipped that the widget plan was dead on arrival.", "the widget plan was dead"),
])
def test_more_speech_verbs(text, words):
    assert _said(_statements(text), "Amy Pond", words)


def test_a_noun_form_of_a_speech_verb_is_no_cue():
    assert not _said(_statements("Tom Gadget arrived. The protests continued outside the hall."), "", "protests")


def test_a_colon_pointing_at_a_link_introduces_no_words():
    rows = _statements("Our chief reporter Jane Marlow has written up her report, which you can find here:\n\n"
                       "Chair Rory Vance praises the calm of the audience as the inquiry closes\n\n"
                       "Hearings resume tomorrow morning.")
    assert not _said(rows, "Jane Marlow", "inquiry")


def test_the_writers_own_impersonal_voice_is_nobodys_statement():
    rows = _statements("Tory leader Amy Pond hosted a party for her MPs on Tuesday.\n\n"
                       "It's also worth noting that few of them came along.")
    assert not _said(rows, "", "few of them came along")


def test_questioning_someone_on_a_topic_is_a_question_the_next_speaker_answers():
    rows = _statements("  1. FMQs - The headlines\n\n"
                       "    • Tom Gadget questioned the first minister over the late ferry orders\n"
                       "    • Amy Pond said it was \"wrong\" that the ferry bill kept rising\n"
                       "    • The session ended.")
    assert _said(rows, "Tom Gadget", "over the late ferry orders")
    said = _said(rows, "Amy Pond", "ferry bill kept rising")
    assert said and said[0][3] == "Tom Gadget"


def test_the_paragraph_after_said_in_a_statement_is_the_statement():
    rows = _statements("In response, Jane Marlow said in a statement.\n"
                       "I want to thank Tom Gadget for his public service.")
    said = _said(rows, "Jane Marlow", "I want to thank Tom Gadget")
    assert said and said[0][2] == "direct"


def test_a_participle_the_parser_sank_into_the_next_clause_is_the_subjects():
    rows = _statements("Amy Pond says she will stay on. She has declined to discuss her future, insisting "
                       "rebuilding the party will take years.")
    assert _said(rows, "Amy Pond", "rebuilding the party will take years")
