"""The document-level reply stage on hand-made statements (no parsing)."""
from kg.extract.replies import link_replies
from kg.facts import Provenance, Span, Statement


def _st(entry, start, speaker, question=False, asked="", responds_to="", cue=""):
    return Statement(speaker=speaker, text="words words words", kind="indirect",
                     prov=Provenance(entry, Span(start, start + 5), "test", 1.0),
                     question=question, asked=asked, responds_to=responds_to, cue=cue)


def test_owed_answer_crosses_entries_and_ends_with_a_new_question():
    sts = [_st("e1", 0, "asker", question=True, asked="minister"),
           _st("e2", 0, "minister"),
           _st("e2", 10, "bystander"),
           _st("e3", 0, "other", question=True, asked="minister"),
           _st("e3", 20, "minister")]
    out = link_replies(sts, {"e1": 1, "e2": 2, "e3": 3})
    assert [s.responds_to for s in out] == ["", "asker", "", "", "other"]


def test_open_question_is_answered_by_the_next_other_speaker():
    sts = [_st("e1", 0, "asker", question=True), _st("e1", 10, "asker"), _st("e1", 20, "minister")]
    out = link_replies(sts, {"e1": 1})
    assert [s.responds_to for s in out] == ["", "", "asker"]


def test_time_order_not_list_order_decides():
    sts = [_st("e2", 0, "minister"), _st("e1", 0, "asker", question=True, asked="minister")]
    out = link_replies(sts, {"e1": 1, "e2": 2})
    assert out[0].responds_to == "asker" and out[1].speaker == "asker"


def test_a_link_found_in_the_entry_is_kept():
    sts = [_st("e1", 0, "asker", question=True, asked="minister"),
           _st("e2", 0, "minister", responds_to="someone")]
    assert link_replies(sts, {"e1": 1, "e2": 2})[1].responds_to == "someone"


def test_a_recap_entry_is_an_exchange_of_its_own():
    sts = [_st("s", 0, "asker", question=True, asked="minister"),
           _st("e1", 0, "minister"),
           _st("s", 10, "minister")]
    out = link_replies(sts, {"s": 9, "e1": 1}, {"s"})
    assert out[1].responds_to == ""          # the recap's question does not reach the timeline
    assert out[2].responds_to == "asker"     # but is answered inside the recap


def test_exchanges_go_stale():
    sts = [_st("e1", 0, "asker", question=True),
           _st("e3", 0, "someone"),                               # two entries later: not an answer
           _st("e4", 0, "other", question=True, asked="minister"),
           _st("e9", 0, "minister")]                              # five entries later: stale too
    out = link_replies(sts, {"e1": 1, "e3": 3, "e4": 4, "e9": 9})
    assert [s.responds_to for s in out] == ["", "", "", ""]


def test_a_reply_cue_answers_the_last_other_speaker_one_entry_back():
    sts = [_st("e1", 0, "leader"), Statement(speaker="pm", text="words words words", kind="direct", cue="reply",
                                             prov=Provenance("e2", Span(0, 5), "test", 1.0))]
    assert link_replies(sts, {"e1": 1, "e2": 2})[1].responds_to == "leader"


def test_an_answered_open_question_is_closed_for_a_third_speaker():
    sts = [_st("e1", 0, "asker", question=True), _st("e1", 10, "minister"), _st("e1", 20, "minister"),
           _st("e2", 0, "backbencher")]
    out = link_replies(sts, {"e1": 1, "e2": 2})
    assert [s.responds_to for s in out] == ["", "asker", "asker", ""]


def test_a_headline_answer_responds_to_whom_its_entry_answers():
    sts = [_st("e1", 0, "asker", question=True),
           _st("e2", 0, "minister"),                      # the headline of e2, summing up the answer
           _st("e2", 40, "backbencher", question=True),
           _st("e2", 60, "minister")]
    out = link_replies(sts, {"e1": 1, "e2": 2}, headlines={"e2": 30})
    assert [s.responds_to for s in out] == ["", "backbencher", "", "backbencher"]
    out = link_replies(sts, {"e1": 1, "e2": 2})
    assert out[1].responds_to == "asker"                  # without the headline it reads as an answer to e1


def test_adding_to_ones_own_words_answers_nobody_new():
    sts = [_st("e1", 0, "caller", question=True, cue="call"), _st("e2", 0, "commentator", cue="add"),
           _st("e3", 0, "asker", question=True, cue="ask"), _st("e3", 10, "minister", cue="say"),
           _st("e3", 20, "minister", cue="add")]
    out = link_replies(sts, {"e1": 1, "e2": 2, "e3": 3})
    assert [s.responds_to for s in out] == ["", "", "", "asker", "asker"]
