"""Claims: tables of invented sentences -> (subject, predicate, object) found."""
from __future__ import annotations

import pytest

from kg.facts import CLAIM_PREDICATES
from tests.conftest import doc_from_texts


def _claims(*texts):
    from kg.pipeline import extract_document
    facts = extract_document(doc_from_texts(*texts))
    names = {k: e.name for k, e in facts.entities.items()}
    return [(names.get(c.subject, c.subject), c.predicate, names.get(c.object, "") or c.object_text, c)
            for c in facts.claims]


def _has(rows, subj: str, pred: str, obj: str) -> bool:
    return any(subj in s and p == pred and obj.lower() in o.lower() for s, p, o, _ in rows)


@pytest.mark.parametrize("text,subj,pred,obj", [
    ("Jane Doe turned down demands for a new inquiry into widget safety.", "Jane Doe", "opposes",
     "inquiry into widget safety"),
    ("John Smith called for a national inquiry into widget fraud.", "John Smith", "proposes",
     "national inquiry into widget fraud"),
    ("John Smith accused Jane Doe of hiding the widget figures.", "John Smith", "criticises", "Jane Doe"),
    ("Jane Doe thanked John Smith for his work on the widget review.", "Jane Doe", "praises", "John Smith"),
    ("John Smith has referred himself to the standards commissioner.", "John Smith", "refers",
     "standards commissioner"),
    ("Mary Jones, who leads the independent review of widget safety, will report in May.", "Mary Jones",
     "leads", "independent review of widget safety"),
    ("Peter Brown threatened to force a vote on the widget levy.", "Peter Brown", "threatens",
     "force a vote on the widget levy"),
    ("Jane Doe backs the Widget Bill.", "Jane Doe", "supports", "Widget Bill"),
])
def test_claim_patterns(nlp, text, subj, pred, obj):
    rows = _claims(text)
    assert _has(rows, subj, pred, obj), rows


def test_passive_leads(nlp):
    rows = _claims("The Widget Inquiry is chaired by Sir Peter Brown, a retired judge.")
    assert any(p == "leads" and "Peter Brown" in s for s, p, _, _ in rows), rows


def test_all_predicates_are_in_the_closed_set(nlp):
    rows = _claims("Jane Doe accused John Smith of lying and called for a review of widget rules.")
    assert rows and all(p in CLAIM_PREDICATES for _, p, _, _ in rows)


def test_no_claim_from_a_question(nlp):
    rows = _claims("Will Jane Doe back the Widget Bill?")
    assert not rows


def test_evidence_is_verbatim(nlp):
    text = "John Smith accused Jane Doe of hiding the widget figures."
    rows = _claims(text)
    c = next(c for s, p, _, c in rows if p == "criticises")
    assert c.evidence in text and c.prov.extractor == "kg.claims.v1"


@pytest.mark.parametrize("texts,subj,pred,obj", [
    (("Jane Doe described the Widget Bill as “a shambles”.",), "Jane Doe", "criticises", "Widget Bill"),
    (("Mary Jones chairs the widget review. John Smith has described her as “a brilliant and tireless "
      "reviewer”.",), "John Smith", "praises", "Mary Jones"),
    (("Jane Doe, the Liberal Democrat leader, told reporters her party would support the Widget Bill.",),
     "Liberal Democrats", "supports", "Widget Bill"),
    (("Jane Doe said the widget fee was “a cruel con on pensioners”.",), "Jane Doe", "criticises", "fee"),
    (("Peter Brown said the families had been “betrayed by the Home Office”.",), "Peter Brown", "criticises",
     "Home Office"),
    (("John Smith called on the Home Office to release the widget audit.",), "John Smith", "proposes",
     "release the widget audit"),
    (("Jane Doe published the Widget Bill on Monday.",
      "Peter Brown says the bill puts a cap on widget fees for every shop."),
     "Widget Bill", "includes", "cap on widget fees"),
    (("Peter Brown announced the widget levy. John Smith accused him of “robbing savers”.",),
     "John Smith", "criticises", "Peter Brown"),
    (("Jane Doe said she was horrified that John Smith had scrapped the widget audit.",),
     "Jane Doe", "criticises", "John Smith"),
    (("Jane Doe replied: “May I thank John Smith for his patience with the widget audit.”",), "Jane Doe",
     "praises", "John Smith"),
    (("Jane Doe wrote that John Smith had voted against the Widget Bill twice.",),
     "Jane Doe", "criticises", "John Smith"),
    (("Mary Jones said the Conservatives had been “utterly reckless” with widget money.",), "Mary Jones",
     "criticises", "Conservative"),
])
def test_judgements_and_reported_commitments(nlp, texts, subj, pred, obj):
    rows = _claims(*texts)
    assert _has(rows, subj, pred, obj), rows


@pytest.mark.parametrize("text,pred", [
    ("Jane Doe could back the Widget Bill.", "supports"),
    ("Jane Doe asked whether John Smith backs the Widget Bill.", "supports"),
    ("Jane Doe described the Widget Bill as a long document.", "criticises"),
    ("Jane Doe described the Widget Bill as a long document.", "praises"),
    ("John Smith said Jane Doe will unveil the widget audit next week.", "announces"),
    ("Jane Doe said this idea was “dangerous”.", "criticises"),
    ("Jane Doe said John Smith was a centre-right figure.", "praises"),
    ("Mary Jones met Jane Doe. Jane Doe confirmed she would now vote for the Widget Bill.", "announces"),
    ("The Widget Bill will put an extra 20,000 families into hardship, Jane Doe says.", "includes"),
    ("Some Labour MPs say they will back it at second reading.", "supports"),
])
def test_no_claim_without_a_done_act_or_a_verdict(nlp, text, pred):
    rows = _claims(text)
    assert not [r for r in rows if r[1] == pred], rows


def test_rejected_calls_are_not_the_rejecters_proposal(nlp):
    rows = _claims("John Smith rejected calls for a new inquiry into widget fraud.")
    assert _has(rows, "John Smith", "opposes", "inquiry into widget fraud")
    assert not any(s == "John Smith" and p == "proposes" for s, p, _, _ in rows), rows


def test_claims_from_one_sentence_keep_apart(nlp):
    """Two proposers in one sentence: distinct claims with distinct spans (claim nodes are named by span)."""
    rows = _claims("Peter Brown turned down demands from John Smith and Mary Jones for a review of widget fraud.")
    props = [c for s, p, _, c in rows if p == "proposes"]
    assert {c.subject for c in props} == {"person/john-smith", "person/mary-jones"}, rows
    assert len({(c.prov.span.start, c.prov.span.end) for c in props}) == 2
    assert all(c.prov.extractor == "kg.claims.v1" for c in props)


def test_a_post_heading_a_named_body_leads_it():
    rows = _claims("Jane Doe, the chair of the Widget Standards Committee, said the report was fair.")
    assert _has(rows, "Jane Doe", "leads", "Widget Standards Committee")


@pytest.mark.parametrize("text", [
    "Jane Doe, the deputy chair of the Widget Standards Committee, said the report was fair.",
    "Jane Doe, the former chair of the Widget Standards Committee, said the report was fair.",
])
def test_deputies_and_former_heads_do_not_lead(text):
    assert not any(p == "leads" for _, p, _, _ in _claims(text))


@pytest.mark.parametrize("text,obj", [
    ("Jane Doe tabled the amendment on widget safety.", "amendment on widget safety"),
])
def test_free_text_objects_drop_their_determiner(text, obj):
    rows = _claims(text)
    assert any(o == obj for _, _, o, _ in rows), rows


@pytest.mark.parametrize("text,subj,pred,obj", [
    ("MPs rejected the reasoned amendment tabled by Ann Sprocket.", "Ann Sprocket", "proposes", "reasoned amendment"),
    ("The widget plan was rejected by Labour.", "Labour Party", "opposes", "widget plan"),
])
def test_passive_with_an_agent(text, subj, pred, obj):
    assert _has(_claims(text), subj, pred, obj)


def test_passive_agents_in_coordination_each_claim():
    rows = _claims("Widget reforms proposed by Labour and the Greens were rejected.")
    assert _has(rows, "Labour Party", "proposes", "Widget reforms")
    assert _has(rows, "Green Party", "proposes", "Widget reforms")


def test_praise_of_an_actors_possession_praises_the_actor():
    assert _has(_claims("Jane Doe hailed the Green Party's remarkable result."), "Jane Doe", "praises", "Green Party")


def test_an_unresolved_pronoun_is_no_object():
    rows = _claims("Jane Doe thanked her for years of service.")
    assert not any(o.lower() in ("her", "him") for _, _, o, _ in rows)


def test_headline_verb_the_model_tags_as_a_noun():
    assert _has(_claims("Keir Starmer attacks Reform UK over its plans."), "Keir Starmer", "criticises", "Reform UK")


def test_rejecting_demands_for_x_opposes_x():
    assert _has(_claims("Jane Doe rejected demands for a national inquiry into widget fraud."),
                "Jane Doe", "opposes", "national inquiry into widget fraud")


def test_free_text_object_naming_a_known_inquiry_links_to_it():
    rows = _claims("The Independent Inquiry into Widget Fraud reported last year.",
                   "Jane Doe praised the widget fraud inquiry.")
    assert any(s == "Jane Doe" and p == "praises" and c.object for s, p, _, c in rows)


@pytest.mark.parametrize("text,subj,pred,obj", [
    ("The Greens have vowed to reverse the widget levy.", "Green Party", "opposes", "widget levy"),
    ("Jane Doe said she stood by the widget forecast.", "Jane Doe", "supports", "widget forecast"),
])
def test_more_verbs_of_opposing_and_backing(text, subj, pred, obj):
    assert _has(_claims(text), subj, pred, obj)


def test_challenging_a_person_is_a_question_not_opposition():
    assert not any(p == "opposes" for _, p, _, _ in _claims("Jane Doe challenges Tom Gadget on the widget levy."))


def test_a_quoted_passive_verdict_criticises_its_subject():
    assert _has(_claims('Jane Doe said the Widgetford Council has been "disgraced" over school meals.'),
                "Jane Doe", "criticises", "Widgetford Council")


def test_promoting_a_plan_proposes_it():
    assert _has(_claims('The Greens are promoting their "fair widget plan" this week.'), "Green Party", "proposes",
                "fair widget plan")


@pytest.mark.parametrize("text", [
    "Jane Doe fought back tears as she spoke about the widget levy.",
    "Tom Gadget backed down over the widget levy.",
    "Jane Doe put it to Tom Gadget that he wanted the levy, which he rejected.",
])
def test_particle_verbs_and_relative_objects_are_no_claims(text):
    rows = _claims(text)
    assert not any(o.lower() in ("tears", "which") or p in ("opposes", "supports") and s == "Tom Gadget"
                   for s, p, o, _ in rows), rows


@pytest.mark.parametrize("texts, subj, pred, obj", [
    (("Jane Doe, the chancellor, says the plan is working.", "Tom Quill says widget prices have not been capped.\n\n"
      "He says the treasury is about to axe the widget grant for all households and accuses the Conservatives of "
      "squeezing families."), "Tom Quill", "criticises", "Conservative"),
    (("John Smith delivers parting shots at Jane Doe in his final PMQs.",), "John Smith", "criticises", "Jane Doe"),
    (("Jane Doe faced criticism from John Smith over the widget plan.",), "John Smith", "criticises", "Jane Doe"),
    (("John Smith paid tribute to Mary Jones after the vote.",), "John Smith", "praises", "Mary Jones"),
])
def test_attacks_and_tributes_in_nouns_and_shared_subjects(nlp, texts, subj, pred, obj):
    rows = _claims(*texts)
    assert _has(rows, subj, pred, obj), rows


def test_receiving_criticism_is_not_giving_it(nlp):
    rows = _claims("Mary Jones faced criticism over the widget plan.")
    assert not [r for r in rows if r[0] == "Mary Jones" and r[1] == "criticises"], rows


def test_it_and_they_name_only_what_the_text_is_about_just_now(nlp):
    rows = _claims("Jane Doe tells the Daily Widget she is unhappy.\n\nHer view reflects that of many rebels, "
                   "while others say they will grudgingly vote for it at the next stage.")
    assert not [r for r in rows if r[1] == "supports"], rows


def test_a_gerund_after_a_name_belongs_to_that_name(nlp):
    rows = _claims("Rolling coverage of the day, including Jane Doe becoming PM and starting her reshuffle "
                   "and John Smith unveiling his bid for the Widget Party leadership.")
    assert _has(rows, "John Smith", "announces", "bid for the Widget Party leadership"), rows
    assert not [r for r in rows if r[0] == "Jane Doe" and r[1] == "announces"], rows


@pytest.mark.parametrize("text, subj, pred, obj", [
    ("This is from Jane Doe, who lost her job as widget secretary and who is still one of the main Tory "
     "campaigners for a softer widget levy.", "Jane Doe", "proposes", "softer widget levy"),
    ("John Smith, a long-time critic of the Widget Bill, spoke first.", "John Smith", "criticises", "Widget Bill"),
    ("Mary Jones is a supporter of the Widget Bill.", "Mary Jones", "supports", "Widget Bill"),
])
def test_describing_nouns_say_where_someone_stands(nlp, text, subj, pred, obj):
    rows = _claims(text)
    assert _has(rows, subj, pred, obj), rows


def test_a_describing_noun_in_a_negated_clause_is_no_claim(nlp):
    rows = _claims("Mary Jones is not a supporter of the Widget Bill.")
    assert not [r for r in rows if r[1] == "supports"], rows


def test_a_typed_chair_leads_the_one_body_of_that_type(nlp):
    rows = _claims("The Widget Horizon Inquiry resumed today.",
                   "There was a tense exchange between Jane Doe and inquiry chair Sir John Smith.")
    assert _has(rows, "John Smith", "leads", "Widget Horizon Inquiry"), rows


def test_a_quoted_label_before_an_attack_noun_is_no_attacker(nlp):
    rows = _claims("'Jumped-up widget monitor' attack on Jane Doe from John Smith at PMQs")
    assert _has(rows, "John Smith", "criticises", "Jane Doe"), rows


def test_welcoming_the_suggestion_supports_what_was_proposed(nlp):
    rows = _claims("Jane Doe called on the first minister to back a tax on widget imports. "
                   "The first minister, John Smith, welcomed the suggestion.")
    assert _has(rows, "Jane Doe", "proposes", "tax on widget imports"), rows
    assert _has(rows, "John Smith", "supports", "tax on widget imports"), rows
    assert not [r for r in rows if r[0] == "Jane Doe" and r[1] == "supports"], rows


def test_a_verdict_inside_someone_elses_claim_is_theirs(nlp):
    rows = _claims("Jane Doe said she wanted her party to defend Mary Jones in response to John Smith’s claim "
                   "that Mary Jones was a “shameless widget liar”.")
    assert _has(rows, "John Smith", "criticises", "Mary Jones"), rows
    assert not [r for r in rows if r[0] == "Jane Doe" and r[1] == "criticises"], rows


def test_how_someone_should_respond_is_no_verdict_on_them(nlp):
    rows = _claims("Jane Doe says the Widget Party should respond to John Smith’s comment with ‘disgust and contempt’.")
    assert not [r for r in rows if r[1] == "criticises" and "Widget" in r[2]], rows


def test_a_role_name_before_a_misparsed_verb_is_still_the_object(nlp):
    rows = _claims("John Smith, the shadow home secretary, responded to the statement.",
                   "Jane Doe said she is “appalled to see the shadow home secretary weaponise this issue”.")
    assert _has(rows, "Jane Doe", "criticises", "John Smith"), rows


@pytest.mark.parametrize("text", [
    "Jane Doe said the Widget Party called for it ten years ago, adding: “We called for it ten years ago.”",
    "It is something that Jane Doe first called for twelve years ago.",
])
def test_it_is_no_party_and_something_is_no_object(nlp, text):
    rows = _claims(text)
    assert not [r for r in rows if r[1] == "proposes" and (r[2] == "Widget Party" or r[2].startswith("something"))], rows


@pytest.mark.parametrize("text, proposal", [
    ("John Smith attacked the panel, suggesting the hearings were “most odd”.", None),
    ("Mary Jones suggested that the council should hold a widget review.", "council should hold a widget review"),
])
def test_suggesting_what_is_is_no_proposal(nlp, text, proposal):
    rows = [r for r in _claims(text) if r[1] == "proposes"]
    if proposal is None:
        assert not rows, rows
    else:
        assert any(proposal in r[2] for r in rows), rows


def test_accepting_a_resignation_supports_nothing(nlp):
    rows = _claims("Jane Doe accepts John Smith's resignation after the widget row.")
    assert not [r for r in rows if r[1] == "supports"], rows
    assert _has(_claims("Jane Doe accepts the Widget Bill."), "Jane Doe", "supports", "Widget Bill")


@pytest.mark.parametrize("text, subj, obj, present", [
    ("The Widget Office has blamed the hold-ups on a rise in orders.", "Widget Office", "", False),
    ("Jane Doe blamed the delays on John Smith.", "Jane Doe", "John Smith", True),
    ("John Smith clashed with Tom Grey at PMQs. He said: “He said he’d honour the vote but he backed free "
     "movement.”", "John Smith", "free movement", False),
])
def test_blame_needs_an_actor_and_he_in_ones_own_quote_is_someone_else(nlp, text, subj, obj, present):
    rows = [r for r in _claims(text) if r[0] == subj and (not obj or obj in r[2])]
    assert bool(rows) is present, rows


@pytest.mark.parametrize("text, subj, pred, obj", [
    ("Jane Doe proposed a gentler widget levy from the backbenches.", "Jane Doe", "proposes", "gentler widget levy"),
    ("Tom Gadget announced a new team expected to run the campaign next year.", "Tom Gadget", "announces",
     "new team"),
    ("Tom Gadget announced his intention to resign.", "Tom Gadget", "announces", "intention to resign"),
    ("Jane Doe proposed a review of widget fees last week.", "Jane Doe", "proposes", "review of widget fees"),
    ("Jane Doe proposed a cap on widget fees for small traders.", "Jane Doe", "proposes",
     "cap on widget fees for small traders"),
])
def test_a_free_text_object_is_the_thing_without_its_circumstances(text, subj, pred, obj):
    rows = _claims(text)
    found = [o for s, p, o, _ in rows if subj in s and p == pred]
    assert found == [obj], rows


def test_a_titled_chair_leads_the_one_committee_named():
    rows = _claims("Tom Gadget tried to discredit the Widgets Committee, attacking chair Ann Pellow as biased.")
    assert _has(rows, "Ann Pellow", "leads", "Widgets Committee")
    rows = _claims("Tom Gadget attacked the Widgets Committee and the Gadgets Committee, and chair Ann Pellow.")
    assert not any(p == "leads" for _, p, _, _ in rows)


def test_a_headline_passive_claims_nothing_for_its_subject():
    rows = _claims("Tom Gadget urged to quit by his own MPs")
    assert not any("Tom Gadget" in s for s, _, _, _ in rows)
    assert _has(_claims("Jane Doe urged the minister to quit."), "Jane Doe", "proposes", "quit")


def test_what_a_quote_says_others_did_is_no_claim_but_the_speakers_own_act_is():
    rows = _claims("Jane Doe said: “Tom Gadget has launched a spending spree and we oppose it.”")
    assert not any("Tom Gadget" in s and p == "announces" for s, p, _, _ in rows), rows
    rows = _claims("Jane Doe replied: “May I thank John Smith for his patience with the widget audit.”")
    assert _has(rows, "Jane Doe", "praises", "John Smith")


def test_the_leader_of_the_house_leads_no_body():
    rows = _claims("Leader of the House Lucy Pewter said no.")
    assert not any(p == "leads" for _, p, _, _ in rows)


def test_in_favour_of_supports():
    assert _has(_claims("Tom Gadget voted in favour of the Widget Bill."), "Tom Gadget", "supports", "Widget Bill")
    assert not any(p == "supports" for _, p, _, _ in _claims("Jane Doe did not vote in favour of the plan."))


@pytest.mark.parametrize("text, subj, pred, obj", [
    ("Amy Pond took aim at Tom Gadget over the reshuffle.", "Amy Pond", "criticises", "Tom Gadget"),
    ("Amy Pond hit out at Tom Gadget over the reshuffle.", "Amy Pond", "criticises", "Tom Gadget"),
    ("Amy Pond lambasted Tom Gadget.", "Amy Pond", "criticises", "Tom Gadget"),
    ("Amy Pond labelled the Widget Bill a horror show.", "Amy Pond", "criticises", "Widget Bill"),
    ("Jane Marlow applauded Tom Gadget for his courage.", "Jane Marlow", "praises", "Tom Gadget"),
    ("Speaker Tom Gadget confirms that MPs will get a vote on the rebel amendment.", "Tom Gadget", "announces",
     "MPs will get a vote"),
])
def test_more_wordings_of_attack_praise_and_announcement(text, subj, pred, obj):
    assert _has(_claims(text), subj, pred, obj), _claims(text)


@pytest.mark.parametrize("text, subj, obj", [
    ("Tom Gadget has called for the assembly to be abolished.", "Tom Gadget", "assembly to be abolished"),
    ("Amy Pond has called for the tax to be scrapped.", "Amy Pond", "tax to be scrapped"),
    ("Unison has written to Amy Pond calling for urgent talks on funding.", "Unison", "urgent talks on funding"),
])
def test_what_a_call_asks_for_and_who_calls(text, subj, obj):
    rows = _claims(text)
    found = [(s, o) for s, p, o, _ in rows if p == "proposes"]
    assert found == [(subj, obj)], rows


@pytest.mark.parametrize("text", [
    "Labour has won the by-election in Kingsford, overturning a big Conservative majority.",
    "Amy Pond acknowledged the report.",
    "Asked to scrap the Wessex Government's plans for marine areas, Amy Pond said no policy would be imposed.",
])
def test_verbs_in_another_sense_claim_nothing(text):
    assert not [r for r in _claims(text) if r[1] in ("opposes", "praises")], _claims(text)


def test_a_party_member_described_is_not_the_party():
    assert not [r for r in _claims("Labour MP calls for public inquiry into sewage") if "Labour" in r[0]]


def test_allegations_against_someone_criticise_them():
    assert _has(_claims("Amy Pond made allegations against Tom Gadget."), "Amy Pond", "criticises", "Tom Gadget")


def test_facing_allegations_from_someone_is_their_criticism():
    rows = _claims("Jeremy Wode spoke first. Mr Wode faced allegations of a \"grave failure\" from Cabinet Office "
                   "minister Tom Gadget.")
    assert _has(rows, "Tom Gadget", "criticises", "Jeremy Wode")
