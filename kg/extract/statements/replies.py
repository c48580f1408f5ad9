"""Stage 5, replies within an entry: whom each draft answers.

Markers in the text ("Doe replied:", "In response", "Responding to X", "X answering Y",
"Answering for the government was X"), question-and-answer turns, and a speaker who goes
on answering the same person for the rest of the entry. Links across entries are
:mod:`kg.extract.replies`, which runs on the finished statements of the whole document.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...nlp import doc_ents, tokens_in
from ..speakers import fronted_questioner
from .source import fronted_subject, inverted_answerers, own_subject, past_fronted_phrase

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .state import Draft, EntryState

__all__ = ["link_entry_replies", "response_markers", "reply_target", "nested"]

#: words that may carry a reply's target ("in response to X", "questions from X")
_TARGET_WORDS = ("response", "responding", "reply", "replying", "answer", "questions",
                 "questioned", "asked", "pressed", "challenged", "question")


def nested(st: EntryState, d: Draft) -> bool:
    """A draft inside another speaker's draft: a report inside their words."""
    return any(o is not d and o.speaker != d.speaker and o.start <= d.start and d.end <= o.end
               for o in st.drafts)


def _ends_in_question(st: EntryState, d: Draft) -> bool:
    """'Jane Doe (Lab) says ... Does the minister agree?': a paragraph that is one speaker's
    report ending in a question puts that question (the PMQs and committee write-up)."""
    if d.para < 0 or d.para >= len(st.paras):
        return False
    pa, pb = st.paras[d.para]
    if not st.text[pa:pb].rstrip().endswith("?") or d.start - pa > 80:
        return False
    first = min((o for o in st.drafts if o.para == d.para), key=lambda o: o.start, default=None)
    return first is d


def reply_target(st: EntryState, tok: Token) -> str:
    """Whom a reply word answers: its 'to' object (or that object's possessor, or a person
    named inside it: 'in reply to a point made by Jane Doe'); for question words the
    'from'/'by' object ('facing questions from Jane Doe', 'pressed by Jane Doe')."""
    finder, memory = st.finder, st.memory
    preps = ("to",) if tok.lower_.startswith(("respon", "repl", "answer")) else ("from", "by")
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is None:
                continue
            poss = next((g for g in obj.children if g.dep_ == "poss"), None)
            key = finder.resolve_token(poss if poss is not None else obj, memory, None)
            if key and finder.is_person(key):
                return key
            person = next((k for t in obj.subtree
                           for k in [finder.resolve_token(t, memory, None)]
                           if t.pos_ == "PROPN" and finder.is_person(k)), None)
            if person or key:
                return person or key
    # a parse that lost the attachment: the first name after 'to' before the next comma
    nxt = tok.nbor(1) if tok.i + 1 < len(st.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        for t in st.doc[nxt.i + 1:]:
            if t.text in (",", ":", ".", "\n") or t.sent is not tok.sent:
                break
            if t.ent_type_ and t.ent_iob_ == "B":
                ent = next((e for e in doc_ents(st.doc) if e.start == t.i), None)
                key = finder.lookup(ent.text) if ent is not None else None
                if key:
                    return key
    return ""


def _answering(st: EntryState, tok: Token) -> tuple[int, str, str] | None:
    """(offset, responder, answered) for 'X answering Y' / 'X answers Y's question'."""
    finder = st.finder
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    poss = next((g for g in obj.children if g.dep_ == "poss"), None)
    target = finder.resolve_token(poss if poss is not None else obj, st.memory, None)
    subj = own_subject(tok) or (tok.head if tok.dep_ == "acl" else None)
    who = finder.resolve_token(subj, st.memory, None) if subj is not None else None
    if who and target and who != target and finder.is_person(target):
        para = st.para_of(tok.idx)
        return (st.paras[para][0] if para >= 0 else 0, who, target)
    return None


def _fronted_questioner(st: EntryState, sent) -> tuple[int, str, str] | None:
    """'Facing questions from X, the minister said ...': the main clause's speaker answers X."""
    asker = fronted_questioner(sent)
    if asker is None:
        return None
    verb = next((t for t in sent if t.dep_ == "ROOT"), None)
    subj = own_subject(verb) if verb is not None else None
    if subj is None:
        return None
    finder = st.finder
    target = finder.resolve_token(asker, st.memory, None)
    who = finder.resolve_token(past_fronted_phrase(subj), st.memory, None)
    if who and target and who != target and finder.is_person(target):
        return (sent.start_char, who, target)
    return None


def response_markers(st: EntryState) -> list[tuple[int, str, str]]:
    """'X responded to Y's statement' / 'In his response to Y, X ...': X answers Y from
    here on. Returns (offset, responder, answered) triples; answered may be ''."""
    out: list[tuple[int, str, str]] = []
    for sent_at, name in inverted_answerers(st).values():
        who = st.finder.lookup(name)
        if who:
            out.append((sent_at, who, ""))
    for sent in st.doc.sents:
        marker = _fronted_questioner(st, sent)
        if marker:
            out.append(marker)
    for tok in st.doc:
        if tok.lower_ in ("answering", "answers", "answered") and tok.pos_ == "VERB":
            marker = _answering(st, tok)       # "Jane Doe answering John Roe at FMQs"
            if marker:
                out.append(marker)
            continue
        if tok.lower_ not in ("response", "responded", "responding", "reply", "replied", "replying"):
            continue
        if st.in_run(tok.idx):
            continue
        target = reply_target(st, tok)
        clause = tok.head if tok.pos_ != "VERB" else tok
        while clause.pos_ not in ("VERB", "AUX") and clause.head is not clause:
            clause = clause.head
        if clause.dep_ in ("advcl", "pcomp") and clause.head is not clause:
            clause = clause.head
        subj = own_subject(clause)
        para = st.para_of(tok.idx)
        pa = st.paras[para][0] if para >= 0 else 0
        if subj is None or subj.idx < pa:
            subj = fronted_subject(clause, pa) if clause.idx >= pa else None
        if subj is None:
            # "Speaking, in reply to a question put by Y, ...": the participle's subject is
            # whoever the entry has been reporting
            if clause.tag_ != "VBG" or clause.i != clause.sent.start:
                continue
            before = [d for d in st.drafts if d.start < tok.idx]
            who = before[-1].speaker if before else ""
        else:
            who = st.finder.resolve_token(subj, st.memory, None)
        if who and target != who:
            out.append((max(pa, tok.sent.start_char), who, target or ""))
    return out


def _marker_near(st: EntryState, d: Draft) -> str | None:
    """A reply marker in the sentence introducing the statement: '' means 'the previous speaker'."""
    a = d.start
    para = st.para_of(a)
    pa = st.paras[para][0] if para >= 0 else 0
    # the introducing text: from the sentence start (or previous line for block quotes)
    lead_start = pa
    if a - pa < 3 and para > 0:
        lead_start = st.paras[para - 1][0]
    lead_start = max(lead_start, a - 240)
    lead = st.text[lead_start:a].lower()
    for marker in st.lex["response_markers"]:
        if marker in lead:
            toks = [t for t in tokens_in(st.doc, lead_start, a) if t.lower_ in _TARGET_WORDS]
            for t in toks:
                key = reply_target(st, t)
                if key:
                    return key
            return ""
    return None


def _qa_turns(st: EntryState) -> None:
    """In an entry with questions, a turn that follows a question answers its asker
    (or only the person it was put to, when the text names one)."""
    turns: list[list[Draft]] = []
    for d in st.drafts:
        if nested(st, d):
            continue        # a report inside another's words ("X says the government said ...")
        if turns and turns[-1][0].speaker == d.speaker:
            turns[-1].append(d)
        else:
            turns.append([d])

    def is_q(d: Draft) -> bool:
        return d.question or st.text_of(d).rstrip().endswith("?") or _ends_in_question(st, d)

    if not any(is_q(d) for t in turns for d in t):
        return
    pending: tuple[str, str] | None = None
    for turn in turns:
        speaker = turn[0].speaker
        if any(is_q(d) for d in turn):
            for d in turn:
                d.question = True
            put_to = next((d.asked for d in turn if d.asked), "")
            pending = (speaker, put_to)
        elif pending and pending[0] != speaker and pending[1] in ("", speaker):
            for d in turn:
                if not d.responds_to:
                    d.responds_to = pending[0]
            pending = None
        elif pending and pending[1]:
            pending = None
        else:
            pending = (speaker, "")


def link_entry_replies(st: EntryState) -> None:
    """Set ``responds_to`` on the entry's drafts (sorted into reading order here): a marker
    near the statement, a reply cue, a standing marker of its speaker, question-and-answer
    turns; then a speaker keeps answering the same person; a report inside another's words
    answers nobody."""
    st.drafts.sort(key=lambda d: d.start)
    drafts = st.drafts
    markers = response_markers(st)
    for i, d in enumerate(drafts):
        prev = next((p.speaker for p in reversed(drafts[:i]) if p.speaker != d.speaker), "")
        target = next(((pos, t) for pos, who, t in reversed(markers)
                       if who == d.speaker and pos <= d.start), None)
        if target is not None and any(q.question and q.speaker != d.speaker and target[0] <= q.start < d.start
                                      for q in drafts[:i]):
            target = None       # a question put since the marker: the speaker now answers that
        sent_marker = _marker_near(st, d)
        if sent_marker is not None:
            d.responds_to = sent_marker or prev
        elif d.cue in st.lex["reply"] and prev:
            d.responds_to = prev
        elif target is not None and target[0] <= d.start:
            d.responds_to = target[1] or prev
    for pos, who, t in markers:     # "... Speaking in response to Y.": said before the marker
        if t and not any(d.speaker == who and d.start >= pos for d in drafts):
            for d in drafts:
                if d.speaker == who and d.start < pos and not d.responds_to and not d.question:
                    d.responds_to = t
    _qa_turns(st)
    # a speaker keeps answering the same person for the rest of the entry
    current: dict[str, str] = {}
    for d in drafts:
        if d.responds_to:
            current[d.speaker] = d.responds_to
        elif d.speaker in current and not d.question:
            d.responds_to = current[d.speaker]
    first: dict[str, str] = {}
    for d in drafts:
        if d.responds_to and d.speaker not in first:
            first[d.speaker] = d.responds_to
    for d in drafts:
        if not d.responds_to and d.speaker in first and not d.question:
            d.responds_to = first[d.speaker]
    for d in drafts:
        if d.responds_to == d.speaker or nested(st, d):
            d.responds_to = ""      # a report inside another's words answers nobody
