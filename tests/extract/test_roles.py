"""Posts and party memberships, on invented sentences (never seed or dev text)."""
import pytest

from tests.conftest import doc_from_texts


def _facts(nlp, *texts):
    from kg.pipeline import extract_document
    doc = doc_from_texts(*texts)
    return extract_document(doc, parsed=[nlp(e.text) for e in doc.entries])


def _roles(f):
    name = {k: e.name for k, e in f.entities.items()}
    return {(name[r.person], r.role, name.get(r.constituency, "")) for r in f.roles}


def _members(f):
    name = {k: e.name for k, e in f.entities.items()}
    return {(name[m.person], name[m.party]) for m in f.memberships}


@pytest.mark.parametrize("text, person, role, place", [
    ("Jane Fairweather, the shadow home secretary, said the plan would fail.", "Jane Fairweather",
     "Shadow Home Secretary", ""),
    ("The health secretary, Tom Widgeon, said the plan would work.", "Tom Widgeon", "Health Secretary", ""),
    ("Labour MP Ann Gadgetry (Widgetford) said the plan would work.", "Ann Gadgetry", "MP", "Widgetford"),
    ("Ann Gadgetry, Conservative MP for Widgetford North, said no.", "Ann Gadgetry", "MP", "Widgetford North"),
    ("Liberal Democrat home affairs spokeswoman Ann Gadgetry said no.", "Ann Gadgetry",
     "Home Affairs Spokeswoman", ""),
    ("The SNP's deputy leader, Tom Widgeon, said no.", "Tom Widgeon", "Deputy Leader of SNP", ""),
    ("Tom Widgeon, the Plaid Cymru co-leader, said no.", "Tom Widgeon", "Plaid Cymru Co-Leader", ""),
    ("The chair of the widgets committee, Ann Gadgetry, said no.", "Ann Gadgetry",
     "Chair of the Widgets Committee", ""),
    ("Ann Gadgetry, the chief inspector of widgets, said no.", "Ann Gadgetry", "Chief Inspector of Widgets", ""),
    ("Tom Widgeon, who was acting deputy PM, said no.", "Tom Widgeon", "Acting Deputy PM", ""),
    ("Ann Gadgetry, the City and anti-fraud minister, said no.", "Ann Gadgetry", "City and Anti-Fraud Minister", ""),
])
def test_role_patterns(nlp, text, person, role, place):
    assert (person, role, place) in _roles(_facts(nlp, text))


@pytest.mark.parametrize("text, person, party", [
    ("Labour MP Ann Gadgetry said no.", "Ann Gadgetry", "Labour Party"),
    ("Conservative former minister Tom Widgeon said no.", "Tom Widgeon", "Conservative Party"),
    ("Ann Gadgetry (LD) asked about widgets.", "Ann Gadgetry", "Liberal Democrats"),
    ("Tom Widgeon, the Lib Dem justice spokesperson, said no.", "Tom Widgeon", "Liberal Democrats"),
    ("Widgets were praised by Tom Widgeon after the Tory politician visited.", "Tom Widgeon", "Conservative Party"),
])
def test_memberships(nlp, text, person, party):
    assert (person, party) in _members(_facts(nlp, text))


def test_no_role_for_a_vague_description(nlp):
    f = _facts(nlp, "Ann Gadgetry, a Labour minister, said no.")
    assert ("Ann Gadgetry", "Labour Party") in _members(f)
    assert not f.roles


def test_role_description_resolves_and_is_an_alias(nlp):
    f = _facts(nlp, "Ann Gadgetry said the widget plan was sound. The home secretary added that it would work.")
    assert ("Ann Gadgetry", "Home Secretary", "") in _roles(f)
    ent = next(e for e in f.entities.values() if e.name == "Ann Gadgetry")
    assert "the home secretary" in {a.lower() for a in ent.aliases}


def test_explicit_holder_wins_the_description(nlp):
    f = _facts(nlp, "The chancellor, Tom Widgeon, spoke. Ann Gadgetry replied. The chancellor said no.")
    assert ("Tom Widgeon", "Chancellor", "") in _roles(f)
    assert not any(r[0] == "Ann Gadgetry" for r in _roles(f))


def test_pronoun_gender(nlp):
    f = _facts(nlp, "Tom Widgeon spoke to MPs. He said the plan would work.")
    assert next(e for e in f.entities.values() if e.name == "Tom Widgeon").gender == "m"


def test_provenance(nlp):
    from kg.extract.roles import EXTRACTOR
    text = "Labour MP Ann Gadgetry said no."
    f = _facts(nlp, text)
    assert ("Ann Gadgetry", "MP", "") in _roles(f) and ("Ann Gadgetry", "Labour Party") in _members(f)
    for fact in [*f.roles, *f.memberships]:      # both lists hold a fact, checked above
        assert fact.prov.extractor == EXTRACTOR and fact.prov.entry_id == "e0001"
        assert 0 <= fact.prov.span.start < fact.prov.span.end <= len(text)
        assert "Ann Gadgetry" in text[fact.prov.span.start:fact.prov.span.end]


@pytest.mark.parametrize("text", ["Bob Quillfeather, the home secretary's special adviser, said no.",
                                  "Bob Quillfeather, the home secretary\u2019s special adviser, said no."])
def test_a_possessive_office_is_someone_elses(nlp, text):
    """'X, the home secretary's adviser': X is not the home secretary, and is not named so."""
    f = _facts(nlp, text)
    assert not any(r[0] == "Bob Quillfeather" for r in _roles(f))
    ent = next(e for e in f.entities.values() if e.name == "Bob Quillfeather")
    assert "the home secretary" not in {a.lower() for a in ent.aliases}


@pytest.mark.parametrize("text, person, party", [
    ("Labour's Jane Widget asked about the levy.", "Jane Widget", "Labour Party"),
    ("The SNP's Tom Gadget said no.", "Tom Gadget", "Scottish National Party"),
    ("Another Conservative, Ann Sprocket, said the levy was wrong.", "Ann Sprocket", "Conservative Party"),
    ("Tory rebel Ann Sprocket voted against the levy.", "Ann Sprocket", "Conservative Party"),
])
def test_party_named_right_before_a_person(nlp, text, person, party):
    assert (person, party) in _members(_facts(nlp, text))


def test_no_membership_across_a_verb(nlp):
    f = _facts(nlp, "Labour criticised Ann Sprocket over the levy.")
    assert not _members(f)


def test_listed_party_members(nlp):
    f = _facts(nlp, "Five Tory MPs voted against the levy. They were: Ann Sprocket, Tom Gadget, "
                    "Jane Widget, Bob Cogwheel and Sue Ratchet.")
    members = _members(f)
    for person in ("Ann Sprocket", "Tom Gadget", "Jane Widget", "Bob Cogwheel", "Sue Ratchet"):
        assert (person, "Conservative Party") in members
        assert (person, "MP", "") in _roles(f)


@pytest.mark.parametrize("text, person, role, party", [
    ("Jane Widget has quit as Labour leader, saying it was time.", "Jane Widget", "Labour Leader", "Labour Party"),
    ("Tom Gadget, who was sacked as widgets secretary last year, said no.", "Tom Gadget", "Widgets Secretary", ""),
])
def test_post_in_an_as_phrase(nlp, text, person, role, party):
    f = _facts(nlp, text)
    assert (person, role, "") in _roles(f)
    if party:
        assert (person, party) in _members(f)


def test_party_leader_description_resolves_with_membership(nlp):
    f = _facts(nlp, "Jane Widget said the levy was a tax on thrift. The Labour leader added that it would fail.")
    assert ("Jane Widget", "Labour Leader", "") in _roles(f)
    assert ("Jane Widget", "Labour Party") in _members(f)


def test_possessive_owner_gives_both_labels(nlp):
    f = _facts(nlp, "Ruritania's prime minister, Tom Gadget, said no.")
    assert {("Tom Gadget", "Prime Minister", ""), ("Tom Gadget", "Prime Minister of Ruritania", "")} <= _roles(f)


@pytest.mark.parametrize("text, person, role", [
    ("Tom Gadget MP said the levy was wrong.", "Tom Gadget", "MP"),
    ("Brexit secretary Tom Gadget said no.", "Tom Gadget", "Brexit Secretary"),
    ("Ann Sprocket resigned from her post as widgets secretary on Monday.", "Ann Sprocket", "Widgets Secretary"),
    ("She told LBC reporter Ann Sprocket that the levy was wrong.", "Ann Sprocket", "LBC Reporter"),
])
def test_more_post_patterns(nlp, text, person, role):
    assert (person, role, "") in _roles(_facts(nlp, text))


def test_description_between_two_subjects_is_not_guessed(nlp):
    f = _facts(nlp, "Tom Gadget lost his adviser on Monday. Later the PM joked about it. "
                    "As usual, Ann Sprocket will ask six questions while Jane Widget will ask two.")
    assert not any(r[1] in ("PM", "Prime Minister") and r[0] in ("Ann Sprocket", "Jane Widget") for r in _roles(f))


@pytest.mark.parametrize("text, person, role", [
    ("Tom Gadget was the health secretary at the time.", "Tom Gadget", "Health Secretary"),
    ("Ann Sprocket KC, counsel to the inquiry, stood up.", "Ann Sprocket", "Counsel to the Inquiry"),
    ("There was an exchange between Jane Widget, inquiry chair Sir Tom Gadget and a witness.", "Tom Gadget",
     "Inquiry Chair"),
])
def test_copula_post_nominal_and_bare_title_links(nlp, text, person, role):
    roles = _roles(_facts(nlp, text))
    assert (person, role, "") in roles
    assert not any(r[1] == role and r[0] != person for r in roles)


def test_relative_clause_after_a_short_description(nlp):
    f = _facts(nlp, "The PM moved Tom Gadget, a moderate who was widgets secretary, to the treasury.")
    assert ("Tom Gadget", "Widgets Secretary", "") in _roles(f)


def test_sentence_initial_party_description(nlp):
    f = _facts(nlp, "Ann Sprocket spoke next. A Labour MP says the levy was wrong.")
    assert ("Ann Sprocket", "Labour Party") in _members(f)


@pytest.mark.parametrize("text, person, role", [
    ("Tom Widgeon was appointed chancellor last night.", "Tom Widgeon", "Chancellor"),
    ("Ann Gadgetry became home secretary in 2019.", "Ann Gadgetry", "Home Secretary"),
    ("The prime minister appointed Ann Gadgetry as foreign secretary.", "Ann Gadgetry", "Foreign Secretary"),
])
def test_entering_a_post(nlp, text, person, role):
    roles = _roles(_facts(nlp, text))
    assert (person, role, "") in roles, roles


def test_appointing_someone_is_not_holding_their_post(nlp):
    roles = _roles(_facts(nlp, "Jane Fairweather appointed Ann Gadgetry as foreign secretary."))
    assert ("Jane Fairweather", "Foreign Secretary", "") not in roles, roles


def test_a_post_label_never_runs_across_a_paragraph_break(nlp):
    roles = _roles(_facts(nlp, "This is Tom Widgeon's last debate as leader of the Widget Party leader\n\n"
                               "Ann Gadgetry challenges him on housing."))
    assert not [r for r in roles if "\n" in r[1]], roles


def test_a_party_post_described_goes_to_nobody_of_another_party(nlp):
    f = _facts(nlp, "Northland's First Minister Ann Gadgetry says there will be relief when Tom Widgeon resigns as "
                    "Conservative leader.\n\nBut the SNP leader doubts whether Widgeon can stay "
                    "on until the autumn.")
    roles = _roles(f)
    assert ("Tom Widgeon", "SNP Leader", "") not in roles, roles
    assert ("Ann Gadgetry", "SNP Leader", "") in roles, roles


def test_a_post_after_its_body_is_also_recorded_bare(nlp):
    roles = _roles(_facts(nlp, "The family said the behaviour from Wessex Police Chief Constable Ann Gadgetry "
                               "was callous."))
    labels = {r[1] for r in roles if r[0] == "Ann Gadgetry"}
    assert "Chief Constable" in labels and len(labels) == 2, roles


def test_an_abbreviation_beside_its_full_form_is_not_kept(nlp):
    roles = _roles(_facts(nlp, "The prime minister, Tom Widgeon, spoke first.", "The PM, Tom Widgeon, then left."))
    labels = {r[1] for r in roles if r[0] == "Tom Widgeon"}
    assert "Prime Minister" in labels and "PM" not in labels, roles


def test_asking_the_prime_minister_does_not_make_one_the_prime_minister(nlp):
    roles = _roles(_facts(nlp, "Ann Gadgetry (Lib Dem) asks about ground rents for flat owners. "
                               "Will the PM support the Lib Dem bid to scrap them?"))
    assert not [r for r in roles if r[0] == "Ann Gadgetry" and r[1] in ("PM", "Prime Minister")], roles


def test_he_was_a_post_belongs_to_the_one_person_named_before_in_the_sentence(nlp):
    roles = _roles(_facts(nlp, "She told reporters that Tom Widgeon had voted against flood funding every single "
                               "year he was a Treasury minister."))
    assert ("Tom Widgeon", "Treasury Minister", "") in roles, roles


@pytest.mark.parametrize("text, person, role", [
    ("Ann Sprocket attacked Tom Gadget's record as widgets secretary.", "Tom Gadget", "Widgets Secretary"),
    ("The Greens questioned the appointment of Ann Sprocket as deputy first minister.", "Ann Sprocket",
     "Deputy First Minister"),
    ("Members welcomed the election of Tom Gadget as party chair.", "Tom Gadget", "Party Chair"),
])
def test_an_as_post_belongs_to_the_noun_it_describes(nlp, text, person, role):
    roles = _roles(_facts(nlp, text))
    assert (person, role, "") in roles
    assert not any(r[1] == role and r[0] != person for r in roles)


def test_an_ordinal_is_not_part_of_the_post(nlp):
    roles = _roles(_facts(nlp, "Tom Gadget was sworn in as Ruritania's ninth first minister on Friday."))
    assert ("Tom Gadget", "First Minister of Ruritania", "") in roles
    assert not any("Ninth" in r[1] for r in roles)


def test_whoever_speaks_of_a_post_does_not_hold_it(nlp):
    f = _facts(nlp, "Gwen Threlfall says one parent in the gallery asked how the first minister could sleep "
                    "at night. The first minister rejected that and stood by his budget.")
    roles = _roles(f)
    assert not any(r[0] == "Gwen Threlfall" and r[1] == "First Minister" for r in roles)


def test_a_post_taken_up_by_she_is_no_mans(nlp):
    f = _facts(nlp, "Tom Gadget said the widget plan was sound. The chancellor insisted her budget was fair.")
    assert not any(r[0] == "Tom Gadget" and r[1] == "Chancellor" for r in _roles(f))
    f = _facts(nlp, "Tom Gadget said the widget plan was sound. The chancellor insisted his budget was fair.")
    assert ("Tom Gadget", "Chancellor", "") in _roles(f)


def test_posts_paired_respectively_with_joined_names(nlp):
    roles = _roles(_facts(nlp, "Tom Wode and Ann Quarry resigned as schools minister and housing minister "
                               "respectively on Wednesday."))
    assert {("Tom Wode", "Schools Minister", ""), ("Ann Quarry", "Housing Minister", "")} <= roles
    assert not any(" and " in r[1] for r in roles)
    assert not any(r[0] == "Tom Wode" and r[1] == "Housing Minister" for r in roles)


def test_former_before_a_bodys_name_stays_in_the_post(nlp):
    roles = _roles(_facts(nlp, "  • Former Widget Office boss Ann Pellow is said to be out of touch."))
    assert ("Ann Pellow", "Former Widget Office Boss", "") in roles


def test_ex_and_former_describe_one_post(nlp):
    f = _facts(nlp, "Tom Gadget gave evidence today. Earlier, the ex-PM said the trip was a bad moment.",
               "Tom Gadget was asked about curfews. The former PM and the barrister are trading blows.")
    roles = _roles(f)
    assert ("Tom Gadget", "Former PM", "") in roles


def test_a_headline_post_without_its_article_is_described(nlp):
    f = _facts(nlp, "Speaker confirms MPs will vote on the rebel amendment\n"
                    "Tom Gadget says he has selected the amendment tabled by Ann Pellow.")
    assert ("Tom Gadget", "Speaker", "") in _roles(f)


def test_a_post_after_the_opening_questioner_is_not_theirs(nlp):
    roles = _roles(_facts(nlp, "Former prime minister Tom Gadget gave evidence today.",
                          "Facing questions from long-serving Tory MP Sir Bob Jenks, the former prime minister said "
                          "the farewell party for an aide “was unavoidable”."))
    assert not any(r[0] == "Bob Jenks" and "Prime Minister" in r[1] for r in roles)


def test_northern_irish_party_short_names_give_memberships(nlp):
    f = _facts(nlp, "The Ulster Unionist Rory Smithers raises farming. Alliance leader Amy Pondworth agrees. "
                    "The DUP’s Trevor Clarkson joins by audio link.")
    members = _members(f)
    assert {("Rory Smithers", "Ulster Unionist Party"), ("Amy Pondworth", "Alliance Party"),
            ("Trevor Clarkson", "Democratic Unionist Party")} <= members


@pytest.mark.parametrize("text, person, role", [
    ("The premier moved quickly to appoint Tom Gadget deputy prime minister.", "Tom Gadget", "Deputy Prime Minister"),
    ("Amy Pond has been moved from the Home Office to take a fresh role as foreign secretary.", "Amy Pond",
     "Foreign Secretary"),
    ("The party nominated Rory Smithers as deputy first minister.", "Rory Smithers", "Deputy First Minister"),
    ("Ann Lee was demoted from chancellor to become a trade minister.", "Ann Lee", "Trade Minister"),
    ("Jane Marlow’s tenth week as first minister ends on Friday.", "Jane Marlow", "First Minister"),
])
def test_appointment_wordings(nlp, text, person, role):
    assert (person, role, "") in _roles(_facts(nlp, text))


def test_a_list_of_posts_labels_each_line_with_its_holder(nlp):
    f = _facts(nlp, "First Minister: Jane Marlow, Labour\n\nDeputy First Minister: Tom Gadget, Conservative\n\n"
                    "Justice Minister: Amy Pond, Labour")
    assert {("Jane Marlow", "First Minister", ""), ("Tom Gadget", "Deputy First Minister", ""),
            ("Amy Pond", "Justice Minister", "")} == _roles(f)
    assert {("Jane Marlow", "Labour Party"), ("Tom Gadget", "Conservative Party"),
            ("Amy Pond", "Labour Party")} == _members(f)


def test_an_order_of_speakers_is_no_post(nlp):
    roles = _roles(_facts(nlp, "Jane Marlow pledged to act, while first speaker Tom Gadget promised to rebuild trust."))
    assert not any("Speaker" in r[1] for r in roles)


def test_a_headline_post_is_named_in_the_body_below(nlp):
    f = _facts(nlp, "Jane Marlow spoke in the debate.\n"
                    "Speaker confirms MPs will vote on the rebel amendment\n"
                    "The debate on the widget bill is starting.\n"
                    "Tom Gadget says he has selected the amendment tabled by Amy Pond.")
    roles = _roles(f)
    assert ("Tom Gadget", "Speaker", "") in roles
    assert not any(r[0] == "Jane Marlow" and r[1] == "Speaker" for r in roles)


def test_one_post_in_two_party_wordings_is_one_holding(nlp):
    roles = _roles(_facts(nlp, "Tory deputy chairman Lee Andrews said no.",
                          "Conservative deputy chairman Lee Andrews has revealed he will present a show."))
    assert [r for r in roles if r[0] == "Lee Andrews"] == [("Lee Andrews", "Conservative Deputy Chairman", "")]


def test_a_bare_post_ending_a_line_is_not_the_next_lines_name(nlp):
    roles = _roles(_facts(nlp, "  • Amy Pond promoted to home secretary\nJane Marlow quits government over a tax row"))
    assert not any(r[0] == "Jane Marlow" for r in roles)


def test_small_parties_and_assembly_members(nlp):
    f = _facts(nlp, "People Before Profit assembly member Amy Pondworth says the package will be insufficient.")
    assert ("Amy Pondworth", "People Before Profit") in _members(f)
    assert ("Amy Pondworth", "Assembly Member", "") in _roles(f)


def test_a_post_in_a_sentence_about_someone_else_is_not_the_next_persons(nlp):
    roles = _roles(_facts(nlp, "Amy Pond asked about prison costs, with the FM insisting the overruns were being "
                               "looked at. Lib Dem leader Rory Vance raised the issue of sewage."))
    assert not any(r[1] in ("FM", "First Minister") for r in roles)


def test_whoever_the_description_acts_on_does_not_hold_it(nlp):
    f = _facts(nlp, "Sir Tom Gadget faced a grilling from Amy Pond at question time. The Conservative leader lashed "
                    "out at Sir Tom’s weekend reshuffle.")
    assert not any(r[0] == "Tom Gadget" and "Conservative" in r[1] for r in _roles(f))
    assert ("Tom Gadget", "Conservative Party") not in _members(f)


def test_an_owner_running_on_in_lower_case_is_not_cut_from_the_post(nlp):
    roles = _roles(_facts(nlp, "Cabinet office spokesperson Amy Pondworth MP said the advert should go up again."))
    assert ("Amy Pondworth", "Cabinet Office Spokesperson", "") in roles
    assert not any(r[1] == "Office Spokesperson" for r in roles)


def test_a_run_of_appositions_shares_its_holder(nlp):
    roles = _roles(_facts(nlp, "Dame Amy Pondworth, a Labour MP, chair of the Widget Select Committee and keen "
                               "campaigner, will speak later."))
    assert ("Amy Pondworth", "Chair of the Widget Select Committee", "") in roles
    assert not any("Campaigner" in r[1] for r in roles)
