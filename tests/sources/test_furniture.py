"""The text reader's furniture stage, on invented page dumps: chrome, credits and bylines
become metadata or vanish; the reporting itself reaches the extractors."""
from kg.sources.text import parse_text

PAGE = """Skip to content
Live Reporting
Edited by Ann Quill and Bob Nib
All times are GMT

1. Widget levy row deepens published at 12:30 British Summer Time 3 May 2024

    Tom Penwright
    Reporting from Westminster

    Jane Widget says the levy is "a tax on thrift".
    Jane Widget speaks during the debateCredit: Widget Agency
    This Instagram content is not available in this app.
    Skip instagram post

2. 'We will not back down' - Widget published at 12:10 British Summer Time 3 May 2024

    • Ann Gadget says the plan is sound.
    Thanks for reading our coverage today, from Cat Scribe and Dan Ink.
"""

TIMED = """Widget levy: live

14:05 , Cat Scribe

Jane Widget said the levy would pass.
"""


def _doc(text):
    return parse_text(text, "t", "t.txt")


def test_chrome_credits_and_embeds_never_reach_the_text():
    text = "\n".join(e.text for e in _doc(PAGE).entries)
    for junk in ("Skip to content", "Edited by", "All times", "Credit:", "Instagram content", "Skip instagram",
                 "Thanks for reading", "Cat Scribe", "Reporting from", "Tom Penwright"):
        assert junk not in text, junk
    assert 'Jane Widget says the levy is "a tax on thrift".' in text
    assert "Ann Gadget says the plan is sound." in text


def test_byline_with_reporting_line_is_the_entry_author():
    entry = next(e for e in _doc(PAGE).entries if "levy row" in e.text)
    assert entry.author == "Tom Penwright"
    assert entry.author_role == "Reporting from Westminster"


def test_list_numbers_and_bullets_are_stripped():
    doc = _doc(PAGE)
    assert any(e.headline == "'We will not back down' - Widget" for e in doc.entries)
    assert all(not line.startswith(("•", "1.", "2.")) for e in doc.entries for line in e.text.splitlines())


def test_a_time_line_that_names_the_writer_gives_the_author():
    entry = _doc(TIMED).entries[-1]
    assert entry.author == "Cat Scribe"
    assert entry.text.strip() == "Jane Widget said the levy would pass."


def test_byline_with_shift_notes():
    doc = _doc("Widget levy: live\n\nBy Ann Quill (now) and Bob Nib (earlier),\n\n12.28pm BST\n\n"
               "Jane Widget said the levy would pass.\n")
    assert doc.author == "Ann Quill and Bob Nib"
    assert all("Quill" not in e.text for e in doc.entries)


def test_title_is_the_first_line_that_is_not_furniture():
    doc = _doc("Live\n\nWidget levy: latest news\n\n12.28pm BST\n\nJane Widget said the levy would pass.\n")
    assert doc.title == "Widget levy: latest news"


def test_a_headline_about_universal_credit_is_not_a_photo_credit():
    doc = _doc("Widget levy: live\n\n12.28pm BST\n\nUniversal Credit: Ministers to act on payments\n\n"
               "Jane Widget said the change would come in April.\n")
    assert "Universal Credit: Ministers to act on payments" in "\n".join(e.text for e in doc.entries)


def test_team_credits_leave_the_closing_post():
    doc = _doc("Widget levy: live\n\n"
               "Ann Quill was the editor. "
               "Bob Nib and Cat Scribe were the writers. Jane Widget will speak again tomorrow.\n")
    text = "\n".join(e.text for e in doc.entries)
    assert "Jane Widget will speak again tomorrow" in text
    for junk in ("Ann Quill", "Bob Nib", "Cat Scribe", "were the writers"):
        assert junk not in text


def test_a_byline_with_its_role_is_dropped_mid_text():
    doc = _doc("Widget inquiry: the day so far\n\n"
               "Jane Widget told the inquiry the levy was fair.\n"
               "She said traders had been consulted for a year.\n"
               "Counsel asked her about the costs.\n"
               "Did the levy raise prices?\n"
               "Tom Penwright\n"
               "Political correspondent\n"
               "Traders say prices rose within a week.\n"
               "Ann Gadget\n"
               "Thanks to everyone who wrote in.\n")
    text = "\n".join(e.text for e in doc.entries)
    assert "Tom Penwright" not in text and "Political correspondent" not in text
    assert "Traders say prices rose within a week." in text
    assert "Ann Gadget" in text       # a name-only line without a writer's role stays (an embedded post's author)


def test_aggregator_chrome_and_writer_names_above_the_title_go():
    doc = _doc("Get your news in one place.\n100’s of premium titles.\nShare\nOne app.\nShare\nStart reading\n"
               "Cat Scribe and Dan Ink\n\n"
               "Widget levy passes – as it happened\n\n"
               "Jane Widget said the levy would pass.\n")
    text = "\n".join(e.text for e in doc.entries)
    for junk in ("One app", "premium titles", "Cat Scribe", "Start reading", "Dan Ink"):
        assert junk not in text
    assert "Jane Widget said the levy would pass." in text


def test_an_opening_sentence_is_news_not_the_title():
    doc = _doc("Widget levy row: live\n\n"
               "Prime Minister Tom Gadget is under growing pressure as aides keep leaving his "
               "government in protest at the widget levy.\n"
               "Here are the latest updates:\n11.11am\nJane Widget has resigned.\n")
    assert doc.title == "Widget levy row: live"
    assert any("Prime Minister Tom Gadget is under growing pressure" in e.text for e in doc.entries)
    doc = _doc("Prime Minister Tom Gadget is under growing pressure as aides keep leaving his "
               "government in protest at the widget levy.\n11.11am\nJane Widget has resigned.\n")
    assert any("Prime Minister Tom Gadget" in e.text for e in doc.entries)


def test_a_writer_and_date_stamp_closes_each_post():
    doc = _doc("Widget row: latest\n"
               "Gadget defends levy: 'It is fair'\n"
               "Tom Gadget said the levy was fair.\n"
               "Cat Scribe27 March 2025 05:01\n"
               "Widget rebels regroup\n"
               "Ann Sprocket said the rebels would meet again.\n"
               "Dan Ink27 March 2025 04:01\n")
    stamped = [e for e in doc.entries if e.published is not None]
    assert len(stamped) == 2
    assert {e.author for e in stamped} == {"Cat Scribe", "Dan Ink"}
    assert {(e.published.day, e.published.hour) for e in stamped} == {(27, 5), (27, 4)}
    assert not any("Scribe" in e.text or "Dan Ink" in e.text for e in doc.entries)


def test_an_appeal_box_leaves_the_text_and_the_report_resumes():
    doc = _doc("Widget levy: live\n"
               "Your support helps us report\n"
               "From widgets to gadgets, the Paper reports from where things happen.\n"
               "The Paper is trusted by readers across the spectrum.\n"
               "Your support makes the difference.In a sharp rebuke, the Widget Institute warned that "
               "Tom Gadget was wrong.\n")
    text = "\n".join(e.text for e in doc.entries)
    assert "the Paper" not in text and "Your support" not in text
    assert "In a sharp rebuke, the Widget Institute warned that Tom Gadget was wrong." in text


def test_the_title_is_news_too():
    doc = _doc("Widget politics latest: Jane Widget says the levy 'crashed the market' | Politics News | Widget TV\n"
               "12:05\nTom Gadget said the levy would pass.\n")
    assert doc.title.startswith("Widget politics latest")
    first = doc.entries[0]
    assert "Jane Widget says the levy 'crashed the market'" in first.text
    assert "Widget TV" not in first.text


def test_writer_lists_agency_bylines_and_photo_credits_leave_the_text():
    doc = _doc("The Daily Widget\nJoe Quill,Amy Nib and Tom Scribe\n\n"
               "By contributor Rory Ink and Kate Pen, PA\nVotes are counted at the hall (Sam Lens/PA)\n\n"
               "Jane Widget said the count was close.\n")
    text = "\n".join(e.text for e in doc.entries)
    for junk in ("Joe Quill", "Amy Nib", "Rory Ink", "Kate Pen", "Sam Lens", "/PA"):
        assert junk not in text
    assert "Votes are counted at the hall" in text and "Jane Widget said the count was close." in text


def test_a_titles_section_label_is_not_news():
    doc = _doc("Widgetshire politics latest: Jane Widget says the levy failed\n"
               "12:05\nTom Gadget said the levy would pass.\n")
    first = doc.entries[0]
    assert first.text.startswith("Jane Widget says the levy failed")
    assert "Widgetshire" not in first.text
