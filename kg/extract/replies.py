"""Who answers whom across a document: question-and-answer runs that cross entry boundaries.

Born here: the ``responds_to`` of statements that their own entry left open. PMQs, committee
hearings and inquiries are written up as runs of entries: "Jane Doe asks the PM about ...",
then, often in the next entry, "He replies that ...". Within one entry the statements stage
links replies it can see; this stage reads the whole document in time order:

* a question or a call put to a named person ("asks the PM", "calls on X to") is owed an
  answer by that person: their next statements respond to the asker;
* a question put to nobody in particular is answered by the next other speaker, and once
  answered it is closed (the answerer goes on answering; a third speaker does not);
* a speaker who asks a question stops answering; a new question replaces an old one;
* "X replied:" with nobody named answers the last other speaker, also one entry back;
* "X added that ..." carries on X's own words: it answers an open question only when X was
  the one speaking just before;
* a summary entry (a recap of the session) is an exchange of its own: nothing carries into
  it or out of it, since its order is not the order of events;
* exchanges go stale: a question put to nobody is answered in its own entry or the next one,
  a question put to someone within the next ``OWED_ENTRIES`` entries (a live blog moves on).
"""
from __future__ import annotations

from dataclasses import replace

from ..facts import Statement

__all__ = ["link_replies", "OPEN_ENTRIES", "OWED_ENTRIES", "REPLY_CUES"]

#: cue lemmas that answer whoever spoke last ("X replied:", "Y hit back")
REPLY_CUES = frozenset({"reply", "respond", "answer", "hit back", "counter", "retort"})

#: cue lemmas that carry on the speaker's own words ("X added that ..."), never a new answer
CONTINUE_CUES = frozenset({"add", "continue", "go on"})

#: how many entries after its own a question put to nobody can still be answered
OPEN_ENTRIES = 1
#: how many entries after its own a question put to a named person can still be answered
OWED_ENTRIES = 3


def _nested(statements: list[Statement]) -> set[int]:
    """Indices of statements inside another speaker's statement of the same entry (compared
    entry by entry: a document-wide pairing grew with the square of its statements)."""
    by_entry: dict[str, list[int]] = {}
    for i, s in enumerate(statements):
        by_entry.setdefault(s.prov.entry_id, []).append(i)
    out = set()
    for ids in by_entry.values():
        for i in ids:
            s = statements[i]
            if any(j != i and statements[j].speaker != s.speaker
                   and statements[j].prov.span.start <= s.prov.span.start
                   and s.prov.span.end <= statements[j].prov.span.end for j in ids):
                out.add(i)
    return out


def _headline_answers(statements: list[Statement], headlines: dict[str, int]) -> list[Statement]:
    """'Doe says only 3% of cases are affected' as the headline of an entry whose body then
    gives a question and Doe's answer: the headline sums up that answer, so it responds to
    whom Doe answers in the body of its own entry, not to someone from before."""
    out = list(statements)
    for i, s in enumerate(out):
        head = headlines.get(s.prov.entry_id, 0)
        if s.question or s.prov.span.start >= head:
            continue
        body = sorted((x for x in out if x.prov.entry_id == s.prov.entry_id and x.prov.span.start >= head),
                      key=lambda x: x.prov.span.start)
        answer = next((x for x in body if x.speaker == s.speaker and x.responds_to and not x.question), None)
        if answer is not None and any(x.speaker == answer.responds_to for x in body):
            out[i] = replace(s, responds_to=answer.responds_to)
    return out


def link_replies(statements: list[Statement], ordinals: dict[str, int],
                 summaries: frozenset[str] | set[str] = frozenset(),
                 headlines: dict[str, int] | None = None) -> list[Statement]:
    """The statements with ``responds_to`` filled in where an open exchange answers it.

    ``ordinals`` gives each entry's place in time (1 = first); ``summaries`` the ids of recap
    entries; ``headlines`` the length of each entry's headline. Statements keep their order in
    the returned list.
    """
    return _headline_answers(_link(statements, ordinals, summaries), headlines or {})


def _link(statements: list[Statement], ordinals: dict[str, int], summaries) -> list[Statement]:
    """The exchanges, in time order (see the module docstring)."""
    timeline = sorted(range(len(statements)),
                      key=lambda i: (ordinals.get(statements[i].prov.entry_id, 0), statements[i].prov.span.start))
    owed: dict[str, tuple[int, str, int]] = {}   # answerer -> (when, asker, entry ordinal asked in)
    open_question = (-1, "", 0)                   # (when, asker, entry ordinal) of a question to nobody
    out = list(statements)
    nested = _nested(statements)
    segment = None
    last = (-1, "", 0)                  # (when, speaker, entry ordinal) of the last statement
    for t, i in enumerate(timeline):
        if i in nested:
            continue            # a report inside another's words ("X says the government said ...")
        s = out[i]
        speaker = s.speaker
        here = s.prov.entry_id if s.prov.entry_id in summaries else ""
        if here != segment:             # into or out of a recap: start afresh
            segment, owed, open_question, last = here, {}, (-1, "", 0), (-1, "", 0)
        entry_no = ordinals.get(s.prov.entry_id, 0)
        if not s.responds_to and s.cue in REPLY_CUES and last[1] not in ("", speaker) \
                and entry_no - last[2] <= OPEN_ENTRIES:
            s = out[i] = replace(s, responds_to=last[1])
        last_before, last = last[1], (t, speaker, entry_no)
        if not s.responds_to and not s.question:
            candidates = [(-1, "", 0)]
            mine = owed.get(speaker)
            if mine and entry_no - mine[2] <= OWED_ENTRIES:
                candidates.append(mine)
            if open_question[1] != speaker and entry_no - open_question[2] <= OPEN_ENTRIES \
                    and (s.cue not in CONTINUE_CUES or last_before == speaker):
                candidates.append(open_question)    # "X added that ..." goes on, answers nobody new
            asker = max(candidates)[1]        # the most recent question wins
            if asker and asker != speaker:
                s = out[i] = replace(s, responds_to=asker)
        if s.question:
            owed.pop(speaker, None)
            if s.asked and s.asked != speaker:
                owed[s.asked] = (t, speaker, entry_no)
            else:
                open_question = (t, speaker, entry_no)
        elif s.responds_to and speaker not in owed:
            owed[speaker] = (t, s.responds_to, entry_no)
        if not s.question and s.responds_to and s.responds_to == open_question[1]:
            open_question = (-1, "", 0)     # answered: a third speaker now speaks for themself
    return out
