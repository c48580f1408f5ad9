"""Stage 3, content: what was said, as character pieces of the entry's text.

Given a cue, the words it reports are a quotation next to it ('said: “...”', '“...,” he
said'), its complement clause (reported speech, which keeps its reporting verb phrase:
"has defended ..."), or the rest of the sentence when the cue is an aside ("No, says X").
Quotations are :mod:`kg.extract.quotes`' runs plus the unmarked block quotes found here
(paragraphs after "Doe said:"). Bounds are trimmed of spaces, a leading "that" and
trailing punctuation; :func:`statement_text` joins a statement's pieces.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...nlp import doc_ents, tokens_in
from ..quotes import QuoteRun
from ..speakers import cue_lexicon
from .cues import is_cue, main_clause
from .source import UNNAMED, inverted_subject, own_subject, subject

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .state import Draft, EntryState

__all__ = ["CueContent", "cue_content", "trim", "complement", "verb_phrase_start", "block_quotes",
           "adjacent_run", "run_continues", "run_stands_alone", "covers", "content_bounds",
           "extend_to_quote_end", "is_whole_quote", "parenthetical", "remainder", "pieces_from",
           "statement_text"]

_GAP = re.compile(r"^[\s,:;–—-]*$")
_TRAIL_PUNCT = " \n\t,.;:–—-"
_QUESTION_WORDS = {"whether", "if", "when", "why", "how", "what", "who", "which", "where"}
#: what may stand between two pieces of one statement and be kept: "and", "but", a comma
_JOINING_GAP = re.compile(r"[ \t]*,?[ \t]*(?:and|but|or)?[ \t]*")


# -- pure text and parse helpers -----------------------------------------------------------------
def trim(text: str, a: int, b: int) -> tuple[int, int]:
    """Shrink [a, b) past spaces, a leading 'that', and trailing punctuation."""
    while a < b and text[a] in _TRAIL_PUNCT:
        a += 1
    m = re.match(r"that\s+", text[a:b])
    if m:
        a += m.end()
    while b > a and text[b - 1] in _TRAIL_PUNCT:
        b -= 1
    return a, b


#: conjunctions that open a clause of time or cause, never a reported one
_TIME_MARKS = frozenset({"after", "before", "when", "while", "as", "because", "since", "although", "though",
                         "until", "once", "whenever"})


def complement(tok: Token, lemma: str) -> Token | None:
    """The clause or phrase holding what was said (None when the cue stands alone)."""
    kids = list(tok.children)
    for c in kids:
        if c.dep_ == "ccomp" and not any(m.dep_ == "mark" and m.lower_ in _TIME_MARKS for m in c.children):
            return c        # ("after the result was called, X said": a time, not what X said)
    for c in kids:
        # "told the Gazette in an interview that he hopes ...": the parser hung the reported
        # clause on the noun of the cue's circumstance
        if c.dep_ == "prep" and c.i > tok.i:
            for g in c.children:
                clause = next((x for x in g.children if x.dep_ in ("relcl", "acl") and any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in x.children)), None) if g.dep_ == "pobj" else None
                if clause is not None:
                    return clause
    if lemma in ("ask", "urge", "tell", "call", "press", "challenge", "question", "write", "warn",
                 "demand", "promise", "pledge", "suggest", "agree", "continue", "threaten", "vow", "refuse",
                 "decline", "offer"):
        for c in kids:
            if c.dep_ == "xcomp":
                return c
        for c in kids:
            if c.dep_ == "advcl" and any(g.lower_ in _QUESTION_WORDS for g in c.children if g.dep_ in ("mark", "advmod")):
                return c
        for c in kids:
            if c.dep_ in ("dobj", "pobj") and lemma == "ask":
                for g in c.children:
                    if g.dep_ in ("acl", "relcl", "xcomp"):
                        return g
    if lemma == "put it to":
        # "puts it to Jane Doe that she knew": the clause after the person is the question
        for t in tok.subtree:
            if t.i > tok.i + 2 and t.dep_ in ("ccomp", "relcl", "acl") and t.head.i >= tok.i:
                return t
    if lemma in ("call", "press", "push", "appeal", "plead"):
        for c in kids:              # "calls for X to resign": what is called for
            if c.dep_ == "prep" and c.lower_ == "for" and any(g.dep_ in ("pobj", "pcomp") for g in c.children):
                return c
            if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "for" for g in c.children):
                return c
    if lemma in cue_lexicon()["question"]:
        # "asks about the levy", "challenges the PM on homelessness": the topic is what was asked
        # (hung on the verb, or by the parser on the one asked)
        for c in kids + [g for k in kids if k.dep_ == "dobj" for g in k.children]:
            if c.dep_ == "prep" and c.lower_ in ("about", "on", "over", "for"):
                return c
    if lemma == "accuse":
        for c in kids:
            if c.dep_ == "prep" and c.lower_ == "of":
                for g in c.children:
                    if g.dep_ in ("pcomp", "pobj"):
                        return g
    if lemma in cue_lexicon()["object_content"]:
        for c in kids:
            if c.dep_ == "dobj" and c.tag_ not in ("WDT", "WP"):
                return c        # ("..., which she rejected": a pronoun says nothing itself)
    return None


def verb_phrase_start(tok: Token) -> int:
    """Where the reporting verb phrase begins ("has also defended ..."): reported speech keeps
    its verb, because the verb is part of what is reported ("denies", "pledged to", "confirms")."""
    left = [c.idx for c in tok.children if c.i < tok.i and c.dep_ in ("aux", "auxpass", "advmod")
            and all(t.dep_ not in ("nsubj", "nsubjpass") for t in c.subtree)]
    start = min([tok.idx, *left])
    # the sentence as written keeps its short subject: "Doe replied that ...", "but he says ..."
    subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
    if subj is None or subj.right_edge.i - subj.left_edge.i > 3 or subj.left_edge.i < tok.sent.start \
            or not (subj.pos_ in ("PROPN", "PRON") or subj.ent_type_):
        return start
    between = tok.doc[subj.right_edge.i + 1:tok.i]
    if any(t.pos_ in ("VERB", "PUNCT") or t.dep_ not in ("aux", "auxpass", "advmod", "neg") for t in between):
        return start
    first = subj.left_edge
    if first.i > tok.sent.start and first.nbor(-1).dep_ == "cc" and first.nbor(-1).lower_ in ("but", "and", "so"):
        first = first.nbor(-1)
    return min(start, first.idx)


def parenthetical(tok: Token) -> bool:
    """'No, says X.' / 'The plan, she says, is ...' / 'X, she says.': the cue is an aside."""
    if tok.dep_ == "parataxis":
        return True
    subj = own_subject(tok)
    if subj is not None and subj.i > tok.i:
        return True
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < tok.sent.end else None
    if nxt is not None and not nxt.is_punct:
        return False        # "..., X said p": words follow the cue (here cut off), no aside
    before = [t for t in tok.sent if t.i < tok.i and (subj is None or t.i < subj.left_edge.i)]
    return bool(before) and before[-1].text in (",", "–", "—") and any(t.pos_ == "VERB" or t.pos_ == "AUX" for t in before)


def statement_text(text: str, pieces: list[tuple[int, int]]) -> str:
    """A statement's words from its pieces: a joining "and" between two pieces is kept, the
    opening mark of a later quoted piece dropped, spaces collapsed."""
    parts = []
    prev_end = None
    for a, b in sorted(pieces):
        if prev_end is not None and _JOINING_GAP.fullmatch(text[prev_end:a]) and text[prev_end:a].strip():
            parts.append(text[prev_end:a].strip())    # "hails X and calls for Y": keep the "and"
        piece = text[a:b].strip()
        if parts and piece and piece[0] in "“\"'‘":
            piece = piece[1:]
        parts.append(piece)
        prev_end = b
    out = re.sub(r"[ \t]+", " ", " ".join(p for p in parts if p)).strip()
    # "attacking X as 'biased' and": the conjunct that followed is a statement of its own
    return re.sub(r"[\s,]+(?:and|or|but)$", "", out)


# -- unmarked block quotes -----------------------------------------------------------------------
def _para_has_narrative_cue(st: EntryState, a: int, b: int) -> bool:
    """A paragraph that attributes speech in the third person is narrative, not a quote."""
    for tok in tokens_in(st.doc, a, b):
        if is_cue(tok) and not st.in_run(tok.idx) and main_clause(tok):
            subj = subject(tok)
            if subj is not None and subj.lower_ not in ("i", "we", "you"):
                return True
    return False


def _first_person(st: EntryState, a: int, b: int) -> bool:
    """The paragraph speaks in the first person (I, we, us, our, my, me) outside quote marks."""
    return any(t.lower_ in ("i", "we", "us", "our", "my", "me") and t.pos_ == "PRON" or
               t.lower_ in ("our", "my") for t in tokens_in(st.doc, a, b) if not st.in_run(t.idx))


def _starts_with_name(st: EntryState, a: int) -> bool:
    return any(e.start_char == a and e.label_ in ("PERSON", "ORG") for e in doc_ents(st.doc))


def _last_sentence_tokens(st: EntryState, a: int, b: int) -> list[Token]:
    toks = tokens_in(st.doc, a, b)
    if not toks:
        return []
    sent = toks[-1].sent
    return [t for t in sent if a <= t.idx < b]


#: a colon that points at a link or a list, not at words said
_POINTER = re.compile(r"\b(?:here|below|above|link|following|read more|watch|listen)\s*:$", re.I)


#: a paragraph ending on its cue ("In response, Jo Doe said in a statement."): the words follow
_IN_A_STATEMENT = re.compile(r"\b(?:said|says|wrote|writes|posted|added|tweeted)\s+(?:in|on)\s+"
                             r"(?:a|an|her|his|their|its)\s+(?:\w+\s+){0,2}(?:statement|post|letter|tweet|message)\.$")


def block_quotes(st: EntryState) -> list[QuoteRun]:
    """Unmarked paragraphs after a line ending in a colon with a cue ("Doe said:"), up to a
    quoted paragraph, a paragraph of narrative or one that starts with a name."""
    out = []
    for i, (a, b) in enumerate(st.paras[:-1]):
        line = st.text[a:b].rstrip()
        statement_line = bool(_IN_A_STATEMENT.search(line))     # "X said in a statement." + its words
        if not (line.endswith(":") or statement_line) or st.in_run(b - 1) or _POINTER.search(line):
            continue        # ("... which you can find here:": a link follows, not the words)
        last_sent = _last_sentence_tokens(st, a, b)
        if not any(is_cue(t) for t in last_sent):
            continue
        if statement_line and not _first_person(st, *st.paras[i + 1]):
            continue        # the words of "... said in a statement." speak in the first person
        j = i + 1
        pieces = []
        while j < len(st.paras):
            pa, pb = st.paras[j]
            first = st.text[pa:pb].lstrip()[:1]
            if first in "\"“'‘" or st.in_run(pa):
                break
            if pieces and (_para_has_narrative_cue(st, pa, pb) or _starts_with_name(st, pa)) \
                    and not _first_person(st, pa, pb):
                break           # ("he assured us ...": a speaker's own "us" keeps the quote going)
            if not pieces and _para_has_narrative_cue(st, pa, pb) and _starts_with_name(st, pa):
                break
            if st.text[pa:pb].rstrip().endswith(":") and pieces:
                break
            pieces.append((pa, pb))
            j += 1
        if pieces:
            out.append(QuoteRun(open_at=pieces[0][0], close_at=pieces[-1][1], pieces=pieces,
                                marked=False))
    return out


# -- quotations next to a cue --------------------------------------------------------------------
def _cue_clause_edges(st: EntryState, tok: Token) -> tuple[int, int]:
    """Character range of the cue with its subject and non-clausal dependents."""
    toks = [tok]
    subj = subject(tok)
    if subj is not None and subj.head is tok:
        toks.extend(subj.subtree)
    for c in tok.children:
        if c.dep_ in ("dobj", "dative", "prep", "agent", "aux", "auxpass", "neg", "advmod", "prt",
                      "npadvmod", "nsubj") and not any(st.in_run(t.idx) for t in c.subtree):
            toks.extend(c.subtree)
    if tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "back":
        toks.append(tok.nbor(1))
    a = min(t.idx for t in toks)
    b = max(t.idx + len(t) for t in toks)
    return a, b


def adjacent_run(st: EntryState, tok: Token, pa: int, pb: int) -> QuoteRun | None:
    """A quote run nobody has taken right after the cue ('said: “...”'), else right before
    it ('“...,” he said')."""
    a, b = _cue_clause_edges(st, tok)
    free = [r for r in st.runs if id(r) not in st.used_runs]
    for run in free:
        if run.open_at >= b and _GAP.match(st.text[b:run.open_at]) and run.open_at - b < 4:
            return run
        if not run.marked and run.open_at >= b and re.fullmatch(r"\.?\s*", st.text[b:run.open_at]) \
                and _IN_A_STATEMENT.search(st.text[:run.open_at].rstrip()):
            return run          # "X said in a statement." and the paragraph of its words
    for run in free:
        if run.close_at <= a and _GAP.match(st.text[run.close_at:a]) and a - run.close_at < 4 \
                and st.para_of(run.close_at - 1) == st.para_of(a) and run_stands_alone(st, run):
            return run
    return None


def run_continues(st: EntryState, run: QuoteRun, tok: Token, pb: int) -> bool:
    """Whether the cue's sentence goes on after the quotation with more of the clause
    (a lower-case word right after the closing mark), not a new sentence or an aside."""
    end = min(tok.sent.end_char, pb)
    if run.close_at >= end or len(run.pieces) > 1:
        return False
    rest = st.text[run.close_at:end]
    return bool(re.match(r"\s+[a-z]", rest)) and not re.match(r"\s+(?:he|she|they|it|we|I)\s+\w+\b", rest) \
        and not any(is_cue(t) for t in tok.sent if t.idx >= run.close_at)


def run_stands_alone(st: EntryState, run: QuoteRun) -> bool:
    """A quotation that opens its line (or follows a finished sentence) and is not given to
    someone unnamed by a cue after it ("'...,' one MP tells me")."""
    text = st.text
    before = text[:run.open_at]
    line_start = before.rfind("\n") + 1
    lead = before[line_start:].strip()
    if st.entry.headline and run.open_at < len(st.entry.headline):
        return False
    if not (lead == "" or lead.endswith((".", "?", "!", "”", '"'))):
        return False
    # "'...,' one MP tells me", "'...!' shouted someone": a cue after the quote, in its line,
    # gives it to someone the text leaves unnamed
    line_end = text.find("\n", run.close_at)
    line_end = len(text) if line_end < 0 else line_end
    span = st.doc.char_span(run.close_at, line_end, alignment_mode="contract") if line_end > run.close_at else None
    after = []
    for t in span or ():
        if t.text in (".", "?") and after:
            break
        after.append(t)
    return not any(is_cue(t) and (s := subject(t) or inverted_subject(t)) is not None
                   and (s.lower_ in UNNAMED if s.pos_ == "PRON" else _indefinite(s))
                   for t in after)      # ("'...?' Mr Doe pressed", "'No,' the minister replies": named)


def _indefinite(tok: Token) -> bool:
    """A subject that names nobody in particular: "one Labour MP", "a minister", "some
    backbenchers" (a name or "the minister" is someone the text can point to)."""
    return any(c.dep_ in ("det", "nummod") and c.lower_ in _INDEFINITE for c in tok.children)


_INDEFINITE = frozenset({"a", "an", "one", "another", "some", "several", "two", "three", "many", "other"})


def covers(d: Draft, run: QuoteRun) -> bool:
    """Whether a draft already holds a quotation."""
    return any(a <= run.start and b >= run.end - 1 for a, b in d.pieces)


def is_whole_quote(st: EntryState, a: int, b: int) -> bool:
    """Whether [a, b) is (within a character) one quotation."""
    for run in st.runs:
        if run.open_at <= a + 1 and run.close_at >= b - 1:
            return True
    return False


def extend_to_quote_end(st: EntryState, b: int) -> int:
    """An end inside a quotation moves to the quotation's end (in the same paragraph)."""
    run = st.in_run(max(b - 1, 0))
    if run is not None and run.close_at > b and st.para_of(run.close_at - 1) == st.para_of(b - 1):
        return run.close_at
    return b


# -- a cue's complement --------------------------------------------------------------------------
def _absorb_questions(st: EntryState, b: int, para_end: int) -> int:
    """'X says ... Will the PM publish them?': a bare question after a report is the speaker's."""
    for sent in st.doc.sents:
        if sent.start_char < b or sent.start_char >= para_end:
            continue
        if st.text[b:sent.start_char].strip(" .") or not sent.text.rstrip().endswith("?"):
            break
        if any(is_cue(t) for t in sent):
            break
        b = min(sent.end_char, para_end)
    return b


def content_bounds(st: EntryState, tok: Token, comp: Token, para_end: int) -> tuple[int, int]:
    """Characters of what was said: the complement, stretched to the sentence end
    unless another speech clause begins there."""
    a = comp.left_edge.idx
    last = comp.right_edge
    if comp.i < tok.i:            # "X, she says": the content precedes the cue
        a = min(a, comp.left_edge.idx)
        b = last.idx + len(last)
        return trim(st.text, a, extend_to_quote_end(st, b))
    sub = {t.i for t in comp.subtree}
    first = comp.left_edge
    while first.i - 1 > tok.i and first.nbor(-1).dep_ == "advmod" and first.nbor(-1).head is tok:
        first = first.nbor(-1)
    a = first.idx
    end_tok = last
    for t in tok.sent[last.i - tok.sent.start + 1:] if last.i >= tok.sent.start else []:
        if t.idx >= para_end:
            break
        if t.i in sub:
            end_tok = t
            continue
        if (is_cue(t) and t is not tok) or t.lower_ in ("according",):
            break
        run = st.in_run(t.idx)
        if run is not None and id(run) in st.used_runs:
            break
        end_tok = t
    b = min(end_tok.idx + len(end_tok), para_end)
    b = _absorb_questions(st, b, para_end)
    # stop before a trailing cue clause (", adding:", "as he told ...")
    for t in st.doc[comp.right_edge.i + 1:end_tok.i + 1]:
        if is_cue(t) and t.i not in sub:
            b = min(b, t.left_edge.idx if t.left_edge.idx > a else t.idx)
    return trim(st.text, a, extend_to_quote_end(st, b))


# -- the sentence around an aside ----------------------------------------------------------------
def pieces_from(st: EntryState, toks: list[Token]) -> list[tuple[int, int]]:
    """Runs of consecutive tokens as trimmed character pieces (each with a letter)."""
    pieces: list[list[int]] = []
    for t in toks:
        if pieces and t.i == pieces[-1][1] + 1:
            pieces[-1][1] = t.i
        else:
            pieces.append([t.i, t.i])
    out = []
    for i, j in pieces:
        a, b = trim(st.text, st.doc[i].idx, st.doc[j].idx + len(st.doc[j]))
        if b - a >= 2 and any(ch.isalpha() for ch in st.text[a:b]):
            out.append((a, b))
    return out


def remainder(st: EntryState, tok: Token, pa: int, pb: int) -> list[tuple[int, int]]:
    """'No, says X.' / 'The plan, she says, is ...': the sentence without the cue clause."""
    sent = [t for t in tok.sent if pa <= t.idx < pb]
    drop = {tok.i}
    subj = subject(tok)
    if subj is not None:
        drop |= {t.i for t in subj.subtree}
    if tok.dep_ in ("parataxis", "advcl", "ccomp") and tok.head.i != tok.i:
        drop |= {t.i for t in tok.subtree}
    else:
        for c in tok.children:
            if c.dep_ in ("dobj", "dative", "prep", "agent", "aux", "advmod", "prt"):
                drop |= {t.i for t in c.subtree}
    keep = [t for t in sent if t.i not in drop]
    if not any(t.is_alpha for t in keep):
        return []
    return pieces_from(st, keep)


# -- a speech verb's words -----------------------------------------------------------------------
@dataclass(frozen=True)
class CueContent:
    """What a speech verb reports: ``pieces`` of ``kind`` (direct or indirect), ``shift`` to
    add to the speaker's confidence, and the quotation taken (``run``), if any."""

    pieces: list[tuple[int, int]]
    kind: str
    shift: float = 0.0
    run: QuoteRun | None = None


def _put_to_rest(st: EntryState, tok: Token, pb: int) -> tuple[int, int] | None:
    """'X put it to Y she wanted to be "..."', which she rejected': the parser made the put the
    clause's aside; what was put is the rest of the sentence after Y, without a trailing
    relative clause."""
    to = st.doc[tok.i + 2]
    who = next((c for c in to.children if c.dep_ == "pobj"), None)
    if who is None:
        return None
    a = who.idx + len(who.text)
    end = min(tok.sent.end_char, pb)
    text = st.text[a:end]
    cut = re.search(r",\s+(?:which|who|something|a claim|an accusation)\b", text)
    a, b = trim(st.text, a, a + (cut.start() if cut else len(text)))
    return (a, b) if b - a > 10 else None


def cue_content(st: EntryState, tok: Token, lemma: str, pa: int, pb: int) -> CueContent | None:
    """The words a speech verb reports, within its paragraph [pa, pb), first found first:

    * a quotation next to it (direct), unless the complement reports around the quotation
      ('says “...” is now due') or the sentence goes on after it ('says 'rat brain' former
      boss'), when the whole reported clause is the content;
    * its complement (reported, with the verb phrase; direct when it is one quotation);
    * a clause the parser failed to hang on the verb ("X said he 'very much welcomes' it");
    * for an aside ("No, says X"), the rest of the sentence.
    """
    comp = complement(tok, lemma)
    if lemma == "put it to" and comp is None:
        put = _put_to_rest(st, tok, pb)
        if put is not None:
            return CueContent([put], "indirect")
    run = adjacent_run(st, tok, pa, pb)
    if run is not None and comp is not None and comp.i > tok.i and any(
            not st.in_run(t.idx) and t.is_alpha for t in comp.subtree):
        run = None           # 'says “...” is now due': the quote is part of a report
    if run is not None and run.open_at > tok.idx and run_continues(st, run, tok, pb):
        # "says 'rat brain' former boss 'calculating'": the quote is a piece of a reported clause
        a, b = trim(st.text, verb_phrase_start(tok), min(tok.sent.end_char, pb))
        return CueContent([(a, b)], "indirect", run=run)
    if run is not None:
        return CueContent(list(run.pieces), "direct", 0.05, run)
    if comp is not None:
        a, b = content_bounds(st, tok, comp, pb)
        if b - a < 2:
            return None
        kind = "direct" if is_whole_quote(st, a, b) else "indirect"
        if kind == "indirect" and comp.i > tok.i:
            a = min(a, verb_phrase_start(tok))
        return CueContent([(a, b)], kind)
    if tok.dep_ == "csubj" and tok.i + 3 < tok.sent.end:
        # ", insisting turning it around will take time": the parser made the cue the subject of
        # what was said; the rest of the sentence is the content
        a, b = trim(st.text, verb_phrase_start(tok), min(tok.sent.end_char, pb))
        return CueContent([(a, b)], "indirect", -0.15) if b - a > 10 else None
    if lemma not in st.lex["needs_complement"] and tok.i + 3 < tok.sent.end \
            and st.doc[tok.i + 1].pos_ in ("PRON", "DET", "PROPN", "NOUN") \
            and st.doc[tok.i + 1].dep_ in ("nsubj", "nsubjpass", "mark", "det", "compound") \
            and tok.i > tok.sent.start and not parenthetical(tok):
        # "X said he 'very much welcomes' it": a clause the parser failed to hang on the cue
        a, b = trim(st.text, verb_phrase_start(tok), min(tok.sent.end_char, pb))
        return CueContent([(a, b)], "indirect", -0.15) if b - a > 10 else None
    if lemma in st.lex["needs_complement"] or not parenthetical(tok):
        return None
    pieces = remainder(st, tok, pa, pb)
    return CueContent(pieces, "indirect", -0.1) if pieces else None
