"""Stage 4, attribution: drafts of statements, each a speaker with the pieces they said.

For each cue of :mod:`.cues` the speaker comes from :mod:`.source` and the words from
:mod:`.content`; here they meet, with the cue's venue ("on LBC"), addressee ("told MPs")
and, for questions and calls, whom they are put to. Then the attributions that need no
cue verb: quotations labelled with a name ("'Words' - Doe"), quotations that continue the
previous speaker, a bare paragraph between two of one speaker's, headlines ("Doe: words"),
lines labelled with an actor and a recap's "Party to scrap X" lines.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...data import load
from ...nlp import tokens_in
from ...resolve.names import normalise
from ..speakers import cue_lexicon, is_put_it_to, verb_lemma
from .content import covers, cue_content, extend_to_quote_end, pieces_from, run_stands_alone, trim
from .cues import reports_nothing
from .source import last_subject_person, own_subject, speaker
from .state import Draft

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .state import EntryState

__all__ = ["attribute_cue", "according", "speech_noun", "tabled_question", "question_line_drafts",
           "quote_label_lines", "orphan_runs", "sandwiched", "headline_quote", "labelled_lines",
           "summary_plans"]

#: what follows a quotation that opens its line when the line names its speaker: ": Doe says",
#: " - Doe", " – the Widget Party"
_QUOTE_LABEL = re.compile(r"^\s*[:–—-]\s*((?:[Tt]he\s+)?[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3})")


def _venues() -> list[tuple[re.Pattern, str]]:
    data = load("venues")["venues"]
    return [(re.compile(r"\b" + re.escape(k) + r"\b", re.I), v)
            for k, v in sorted(data.items(), key=lambda kv: -len(kv[0]))]


# -- what a cue tells besides its speaker --------------------------------------------------------
def venue(st: EntryState, tok: Token) -> str:
    """The first venue the cue's sentence names outside quotes (once per sentence)."""
    sent = tok.sent
    if sent.start in st.venues:
        return st.venues[sent.start]
    text, label = sent.text, ""
    for pat, name in _venues():
        if any(not st.in_run(sent.start_char + m.start()) for m in pat.finditer(text)):
            label = name
            break
    st.venues[sent.start] = label
    return label


def addressee(st: EntryState, tok: Token, lemma: str) -> str:
    """Whom the words were addressed to, as written: "told MPs", "wrote to the chancellor"."""
    for c in tok.children:
        if lemma == "tell" and c.dep_ in ("dobj", "dative"):
            return c.text if c.pos_ != "PRON" else ""
        if lemma in ("write", "say", "reply") and c.dep_ == "prep" and c.lower_ == "to":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return st.text[obj.left_edge.idx:obj.idx + len(obj)]
    return ""


def asked(st: EntryState, tok: Token) -> str:
    """Who a question or call is put to: 'asks the PM', 'calls on Jane Doe to ...'."""
    resolve = st.finder.resolve_token
    if is_put_it_to(tok):
        to = st.doc[tok.i + 2]
        obj = next((g for g in to.children if g.dep_ == "pobj"), None) or (
            st.doc[to.i + 1] if to.i + 1 < len(st.doc) else None)
        return resolve(obj, st.memory, None) or "" if obj is not None else ""
    for c in tok.children:
        if c.dep_ in ("dobj", "dative"):
            return resolve(c, st.memory, None) or ""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "on":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return resolve(obj, st.memory, None) or ""
    return ""


# -- cues ----------------------------------------------------------------------------------------
def attribute_cue(st: EntryState, tok: Token) -> None:
    """A speech verb's statement: its speaker (:func:`.source.speaker`), its words
    (:func:`.content.cue_content`), with the verb as cue and what the verb tells of venue,
    addressee and whom a question is put to."""
    if reports_nothing(st, tok):
        return
    lemma = verb_lemma(tok)
    who, conf = speaker(st, tok)
    if not who:
        return
    para = st.para_of(tok.idx)
    pa, pb = st.paras[para] if para >= 0 else (0, len(st.text))
    common = dict(cue=lemma, venue=venue(st, tok), addressee=addressee(st, tok, lemma), para=para,
                  question=lemma in st.lex["question"])
    if common["question"] or lemma in st.lex["directed"]:
        common["asked"] = asked(st, tok)
        common["question"] = True
    found = cue_content(st, tok, lemma, pa, pb)
    if found is None:
        return
    if found.run is not None:
        st.used_runs.add(id(found.run))
    st.add(Draft(who, found.pieces, found.kind, confidence=conf + found.shift, **common))


def according(st: EntryState, tok: Token) -> None:
    """'..., according to X': the sentence without the phrase is X's."""
    to = st.doc[tok.i + 1]
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if obj is None:
        return
    who = st.finder.resolve_token(obj, st.memory, None)
    if not who:
        return
    sent = tok.sent
    phrase = {t.i for t in tok.subtree} | {tok.i, to.i} | {t.i for t in obj.subtree}
    toks = [t for t in sent if t.i not in phrase and not st.in_run(t.idx) or t.i not in phrase]
    pieces = pieces_from(st, toks)
    if pieces:
        st.add(Draft(who, pieces, "indirect", cue="say", confidence=0.75, para=st.para_of(tok.idx)))


def speech_noun(st: EntryState, tok: Token) -> None:
    """'X's claim that ...': the possessor is the speaker, the clause the content."""
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl")
                   and any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children)), None)
    if owner is None or clause is None:
        return
    who = st.finder.resolve_token(owner, st.memory, None)
    if not who:
        return
    a, b = trim(st.text, clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge))
    b = extend_to_quote_end(st, b)
    if b - a >= 2:
        st.add(Draft(who, [(a, b)], "indirect", cue="claim", confidence=0.7, para=st.para_of(tok.idx)))


def tabled_question(st: EntryState, tok: Token) -> None:
    """'an urgent question, tabled by X, on Y' / 'a question from X about Y': X asks about Y."""
    asker = None
    for c in tok.children:
        if c.dep_ == "acl" and c.lower_ in ("tabled", "asked", "put", "raised", "submitted"):
            asker = next((g for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"), None)
        elif c.dep_ == "prep" and c.lower_ == "from":
            asker = next((g for g in c.children if g.dep_ == "pobj"), None)
        if asker is not None:
            break
    holders = [tok, *(c for c in tok.children if c.dep_ == "acl")]
    if tok.dep_ == "pobj":      # "moved on to a question (X tabled it) on Y": Y hangs on the verb
        holders.append(tok.head.head)
    topic = next((c for h in holders for c in h.children
                  if c.dep_ == "prep" and c.lower_ in ("on", "about") and c.i > tok.i), None)
    if asker is None or topic is None:
        return
    who = st.finder.resolve_token(asker, st.memory, None)
    if not st.finder.is_person(who):
        return
    objs = [g for g in topic.children if g.dep_ in ("pobj", "pcomp")]
    if not objs:
        return
    a, b = trim(st.text, objs[0].left_edge.idx, topic.right_edge.idx + len(topic.right_edge))
    b = extend_to_quote_end(st, b)
    if b - a >= 8:
        st.memory.note(asker.idx, who, True)
        st.add(Draft(who, [(a, b)], "indirect", cue="ask", question=True, confidence=0.6,
                     para=st.para_of(tok.idx)))


def question_line_drafts(st: EntryState, qlines: list[tuple[int, int]]) -> None:
    """'Q: ...' lines are questions of the document's counsel, or else of the last person
    the entry made its subject."""
    for a, b in qlines:
        key = st.counsel or last_subject_person(st, a)
        if key:
            s, e = trim(st.text, a, b)
            st.add(Draft(key, [(s, e)], "direct", cue="ask", question=True, confidence=0.75,
                         para=st.para_of(a)))


# -- without a cue verb --------------------------------------------------------------------------
def _actor(st: EntryState, key: str | None):
    """The entity of ``key`` when it is a person, party or body (who may speak), else None."""
    ent = st.finder.entities.get(key) if key else None
    return ent if ent is not None and ent.type in ("Person", "Party", "Body") else None


def quote_label_lines(st: EntryState) -> None:
    """A line that is a quotation and then its speaker: "'I did not lie': Doe sets out her
    case", "'Not our plan' - Widget Party". The name must be an actor the document knows."""
    text = st.text
    for run in st.runs:
        if id(run) in st.used_runs or any(covers(d, run) for d in st.drafts):
            continue
        line_start = text.rfind("\n", 0, run.open_at) + 1
        line_end = text.find("\n", run.close_at)
        line_end = len(text) if line_end < 0 else line_end
        if text[line_start:run.open_at].strip(" \t•*-–—"):
            continue            # words before the quotation: not a label line
        m = _QUOTE_LABEL.match(text[run.close_at:line_end])
        if m is None or run.open_at < st.headline_len \
                or m.group(1).split()[-1].lower() in st.lex["person_nouns"]:
            continue            # the headline has its own rule; "- Tory MP" names no one
        who = st.finder.lookup(m.group(1))
        if _actor(st, who) is None:
            continue
        st.used_runs.add(id(run))
        st.add(Draft(who, list(run.pieces), "direct", cue="say", confidence=0.6, para=st.para_of(run.start)))


def orphan_runs(st: EntryState) -> None:
    """A quote paragraph with no cue continues the entry's previous speaker."""
    for run in st.runs:
        if id(run) in st.used_runs or any(covers(d, run) for d in st.drafts):
            continue
        if not run_stands_alone(st, run):
            continue
        prev = [d for d in st.drafts if d.start < run.open_at]
        if not prev:
            continue
        last = max(prev, key=lambda d: d.end)
        st.used_runs.add(id(run))
        st.add(Draft(last.speaker, list(run.pieces), "direct", cue="", confidence=0.65,
                     para=st.para_of(run.start), venue=last.venue))


def _names_subject(st: EntryState, a: int, b: int) -> bool:
    """The paragraph has a subject of its own: a person, a pronoun, or people described ("a
    number of MSPs voiced worries", "Tory MPs accused ..."), so it is nobody's continuation."""
    people = cue_lexicon()["person_nouns"]

    def human(t) -> bool:
        if t.lemma_.lower() in people or t.lower_.removesuffix("s") in people:
            return True
        return any(c.dep_ == "prep" and c.lower_ == "of" and any(
            g.dep_ == "pobj" and (g.lemma_.lower() in people or g.lower_.removesuffix("s") in people) for g in c.children)
            for c in t.children)

    return any(t.dep_ in ("nsubj", "nsubjpass") and (t.ent_type_ == "PERSON" or t.pos_ == "PRON" or human(t))
               for t in tokens_in(st.doc, a, b))


def sandwiched(st: EntryState) -> None:
    """A paragraph with no speech of its own, between two paragraphs of one speaker,
    continues that speaker's report ("one point, she says / a bare paragraph / another point, she says")."""
    by_para: dict[int, set[str]] = {}
    for d in st.drafts:
        by_para.setdefault(d.para, set()).add(d.speaker)
    body_first = 1 if st.entry.headline else 0
    for i in range(body_first + 1, len(st.paras) - 1):
        if i in by_para or (i - 1) not in by_para or (i + 1) not in by_para:
            continue
        before, after = by_para[i - 1], by_para[i + 1]
        if len(before) != 1 or before != after:
            continue
        a, b = trim(st.text, *st.paras[i])
        if st.in_run(a) or st.text[a:b].rstrip().endswith(":") or _names_subject(st, a, b):
            continue
        st.add(Draft(next(iter(before)), [(a, b)], "indirect", cue="", confidence=0.5, para=i))


def headline_quote(st: EntryState) -> None:
    """Headlines that attribute words by punctuation, not by a verb:

    * "'Quoted words' - backbench MP" and "Words of the entry - Jane Doe": the words;
    * "Doe: words of the entry": the whole headline (the label is part of what is shown).

    The name must resolve to an actor the document knows; a body's first statement
    speaks for an unresolved label ("'Quoted' - backbench MP").
    """
    head = st.entry.headline
    if not head or not st.text.startswith(head):
        return
    quoted = re.match(r"^\s*[‘'“\"](.+?)[’'”\"]\s*[-–—]\s*(.+)$", head)
    dashed = re.match(r"^\s*(\S.{8,}?)\s+[-–—]\s+([A-Z][\w’'. -]{1,40})$", head)
    labelled = re.match(r"^\s*([A-Z][\w’'. -]{1,40}?)\s*:\s+(\S.{8,})$", head)
    body = [d for d in st.drafts if d.start >= len(head)]
    if quoted or dashed:
        m = quoted or dashed
        words, name, piece = m.group(1), m.group(2), (m.start(1), m.end(1))
    elif labelled:
        words, name, piece = labelled.group(2), labelled.group(1), (labelled.start(1), labelled.end(2))
    else:
        return
    if len(words.split()) < 3:
        return
    norm_words = normalise(words).lower()
    if any(norm_words in normalise(st.text_of(d)).lower() for d in body):
        return          # the body already quotes it in full
    who = st.finder.lookup(name.strip())
    if who is not None and not st.finder.is_person(who) and not quoted:
        ent = st.finder.entities.get(who)
        if ent is None or ent.type not in ("Party", "Body"):
            who = None
    if who is None and quoted:
        who = body[0].speaker if body else None
    if who:
        st.add(Draft(who, [piece], "direct" if quoted else "indirect", cue="say", confidence=0.6, para=0))


def labelled_lines(st: EntryState) -> None:
    """Summary bullets that label a line with its actor: "Widget Party: will vote against
    the levy". The label must name a party, body or person the document knows, and no
    statement may already cover the line."""
    for m in re.finditer(r"(?m)^[ \t]*([A-Z][\w’'. -]{1,40}?):[ \t]+(\S[^\n]{8,})$", st.text):
        if m.start() < st.headline_len or len(m.group(2).split()) < 3:
            continue            # the headline has its own rule
        if any(d.start < m.end() and m.start() < d.end for d in st.drafts):
            continue
        key = st.finder.lookup(m.group(1).strip())
        if _actor(st, key) is None:
            continue
        st.add(Draft(key, [(m.start(2), m.end(2))], "indirect", cue="say", confidence=0.55,
                     para=st.para_of(m.start(2))))


def summary_plans(st: EntryState) -> None:
    """In a recap, a headline-style line "Widget Party to scrap the levy" / "Widget Party will
    scrap the levy" reports what the actor announced: the predicate is its statement."""
    if not st.entry.is_summary:
        return
    for sent in st.doc.sents:
        root = sent.root
        if any(d.start < sent.end_char and sent.start_char < d.end for d in st.drafts):
            continue
        subj = own_subject(root)
        if root.pos_ in ("NOUN", "PROPN"):      # "Widget Party to scrap ...": a headline's verbless root
            verb = next((c for c in root.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"), None)
            root, subj = (verb, sent.root) if verb is not None else (root, None)
        if root.pos_ != "VERB":
            continue
        aux = [c for c in root.children if c.dep_ == "aux" and c.lower_ in ("to", "will", "'ll")]
        if not aux or subj is None or subj.i > aux[0].i:
            continue
        key = st.finder.resolve_token(subj, st.memory, None)
        if _actor(st, key) is None:
            continue
        a, b = trim(st.text, aux[0].idx, sent.end_char)
        if b - a > 10:
            st.add(Draft(key, [(a, b)], "indirect", cue="say", confidence=0.5, para=st.para_of(a)))
