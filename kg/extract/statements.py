"""Direct and reported speech: who said what, to whom, where, and in reply to whom.

Born here: :class:`~kg.facts.Statement`. Stages, after BBC Citron's split:

1. *content*: quoted runs from the marks (:mod:`kg.extract.quotes`), plus
   unmarked block quotes that follow a line ending in a colon;
2. *cue*: speech verbs from ``data/cues.json`` (said, told, replied, asked ...),
   speech nouns ("X's claim that"), "according to X", ``Q:`` lines;
3. *source*: the cue's subject, resolved by :mod:`kg.extract.speakers`
   (names, role descriptions, pronouns, "the union");
4. *links*: replies ("Doe replied:", "In response", "Responding to X",
   "X answering Y"), question-and-answer turns within the entry, continuations
   ("She added:"); across entries, :mod:`kg.extract.replies`.

Headlines and recaps speak too: "words - Doe" and "Doe: words" headlines, lines
labelled with an actor, and a recap's "Party to scrap X" lines. Reported speech
keeps its reporting verb phrase ("has defended ..."), as a reader would quote it.

One statement per quote run and per paragraph and speaker: consecutive pieces
a speaker says in one paragraph are one statement.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from ..data import load
from ..facts import Provenance, Span, Statement
from ..nlp import doc_ents, tokens_in
from ..resolve.names import normalise
from ..resolve.pronouns import EntryMemory
from .replies import link_replies
from .quotes import QuoteRun, find_quote_runs, paragraphs, strip_marks
from .presented import extract_presented
from .speakers import SpeakerFinder, cue_lexicon, is_put_it_to, verb_lemma

__all__ = ["EXTRACTOR", "add_statements", "extract_entry_statements", "entry_memory"]

EXTRACTOR = "kg.statements.v1"
_GAP = re.compile(r"^[\s,:;–—-]*$")
_TRAIL_PUNCT = " \n\t,.;:–—-"
#: cue forms that are also common nouns or adjectives: only as verbs
_AMBIGUOUS = {"post", "posts", "claim", "claims", "call", "calls", "question", "questions", "state",
              "states", "notes", "point", "points", "press", "demand", "demands", "warning", "answer",
              "answers", "reply", "replies", "counter", "pledge", "promise", "repeats", "tweet",
              "tweets", "challenge", "challenges", "stress", "maintains", "continue", "add", "write",
              "writing", "written", "saying", "telling", "calling", "asking", "adding", "warning"}
_CLAUSE_DEPS = ("ccomp", "xcomp", "advcl", "conj", "parataxis", "relcl", "acl", "pcomp")
_MODALS = {"will", "would", "could", "may", "might", "should", "shall", "can", "must", "'ll", "wo"}
_QUESTION_WORDS = {"whether", "if", "when", "why", "how", "what", "who", "which", "where"}


@dataclass
class _Draft:
    """A statement before merging and reply linking."""

    speaker: str
    pieces: list[tuple[int, int]]
    kind: str
    cue: str = ""
    venue: str = ""
    addressee: str = ""
    responds_to: str = ""
    question: bool = False
    asked: str = ""                 # who a question is put to, when the text says
    confidence: float = 0.8
    para: int = 0
    about: set[str] = field(default_factory=set)

    @property
    def start(self) -> int:
        return min(a for a, _ in self.pieces)

    @property
    def end(self) -> int:
        return max(b for _, b in self.pieces)


# -- small helpers ------------------------------------------------------------------------------
def _venues() -> list[tuple[re.Pattern, str]]:
    data = load("venues")["venues"]
    return [(re.compile(r"\b" + re.escape(k) + r"\b", re.I), v)
            for k, v in sorted(data.items(), key=lambda kv: -len(kv[0]))]


#: pronouns that give words to nobody in particular ("shouted someone from the gallery")
_UNNAMED = frozenset({"someone", "somebody", "anyone", "anybody", "one", "others", "another", "many", "some"})
#: what follows a quotation that opens its line when the line names its speaker: ": Doe says",
#: " - Doe", " – the Widget Party"
_QUOTE_LABEL = re.compile(r"^\s*[:–—-]\s*((?:[Tt]he\s+)?[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3})")
#: "Answering for the government was X", "Responding to the question is X": an inverted answerer
_INVERTED_ANSWER = re.compile(r"^(?:Answering|Responding|Replying)\b[^.]{0,80}?\b(?:was|were|is|are)\s")


def _is_cue(tok) -> bool:
    """A speech cue verb (by form; ambiguous forms only when tagged as verbs)."""
    forms = cue_lexicon()["forms"]
    low = tok.lower_
    if is_put_it_to(tok):
        return True
    if tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children) and \
            any(c.dep_ == "nsubjpass" and c.pos_ == "NOUN" for c in tok.children):
        return False            # "when her motives are questioned": a thing questioned is no speaker's cue
    if low not in forms and tok.pos_ == "VERB" and tok.lemma_.lower() in cue_lexicon()["verbs"]:
        return True             # an inflection nobody listed: the lemma decides
    if low not in forms and not (low in ("hit", "hits") and tok.i + 1 < len(tok.doc)
                                 and tok.nbor(1).lower_ == "back"):
        return False
    if low in _AMBIGUOUS or forms.get(low) in ("call", "demand", "press", "question", "state",
                                               "note", "point", "post"):
        return tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")
    return tok.pos_ in ("VERB", "AUX", "NOUN", "PROPN") or tok.tag_.startswith("VB")


def _own_subject(tok):
    return next((c for c in tok.children if c.dep_ == "nsubj"), None)


def _subject(tok):
    """The cue's subject. A cue without one ("..., adding:", "and claimed") borrows it from
    the outermost speech verb above it, or from the verb it hangs on ("defended X, saying");
    a main-clause cue whose subject the parser lost behind a fronted phrase ("In the House
    Jane Doe said") takes the name that hangs on it through prepositions only."""
    own = _own_subject(tok)
    if own is not None:
        return own
    if _compound_speaker(tok) is not None:
        return _compound_speaker(tok)
    if tok.tag_ == "VBN" and tok.dep_ not in ("conj", "ROOT"):
        return None               # "when asked to ...": a passive, the asker is someone else
    if tok.dep_ in ("conj", "advcl", "xcomp", "acl", "pcomp"):
        found = None
        cur = tok.head
        for _ in range(6):
            if _is_cue(cur) and _own_subject(cur) is not None:
                found = _own_subject(cur)
            if cur.head is cur:
                break
            cur = cur.head
        if found is not None:
            return found
        if _is_cue(tok.head) and tok.head.dep_ == "ROOT":
            return _fronted_subject(tok.head, tok.head.sent.start_char)   # "X (Lab) intervenes, asking"
        if tok.dep_ in ("advcl", "xcomp"):
            return _own_subject(tok.head) or _compound_speaker(tok.head) or \
                (_subject(tok.head) if _is_cue(tok.head) else None)
        if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX"):
            # "Jane Doe questions X, and says ...": shared; "attacking X and suggesting Y": the
            # subject the first participle borrows
            return _own_subject(tok.head) or _compound_speaker(tok.head) or \
                (_subject(tok.head) if _is_cue(tok.head) else None)
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
            return _own_subject(tok.head.head)      # "Jane Doe begins by saying ..."
        return None
    if tok.dep_ == "ROOT":
        return _fronted_subject(tok, tok.sent.start_char)
    return None


def _compound_speaker(tok):
    """'Doe replies, saying ...': the model read 'Doe replies' as a noun phrase; the name before
    a speech-verb form tagged as a noun is its subject."""
    if tok.pos_ == "NOUN" and tok.lower_ in cue_lexicon()["forms"] and tok.i > 0 \
            and tok.nbor(-1).dep_ == "compound" and tok.nbor(-1).is_title:
        return tok.nbor(-1)
    return None


def _inverted_subject(tok):
    """'..., shouted someone from the gallery': the speaker after an inverted cue (parsed as an object)."""
    return next((c for c in tok.children if c.dep_ in ("dobj", "nsubj", "attr") and c.i > tok.i), None)


def _fronted_subject(tok, lo: int = 0):
    """The name a cue's lost subject most likely is: the first name before the cue (from
    offset ``lo``, the paragraph start) with no finite verb between them once
    comma-enclosed asides ("Jane Doe, who chairs the committee, said") are removed."""
    doc = tok.doc
    for label_group in (("PERSON",), ("ORG", "BODY", "PARTY")):
        for ent in doc_ents(doc):
            if ent.start_char < lo or ent.end > tok.i or ent.label_ not in label_group:
                continue
            gap = list(doc[ent.end:tok.i])
            depth, kept = 0, []
            for t in gap:
                if t.text in (",", "–", "—", "(", ")"):
                    depth = 1 - depth if t.text not in ("(", ")") else (1 if t.text == "(" else 0)
                    continue
                if depth == 0:
                    kept.append(t)
            if any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") or t.text == "\n" for t in kept):
                continue
            return ent.root
    return None


def _main_clause(tok) -> bool:
    """A verb heading its sentence (or conjoined with the head): not reported inside another clause."""
    cur = tok
    while cur.dep_ == "conj" and cur.head is not cur:
        cur = cur.head
    return cur.dep_ in ("ROOT", "parataxis")


def _complement(tok, lemma: str):
    """The clause or phrase holding what was said (None when the cue stands alone)."""
    kids = list(tok.children)
    for dep in ("ccomp",):
        for c in kids:
            if c.dep_ == dep:
                return c
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
        for c in kids:
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
            if c.dep_ == "dobj":
                return c
    return None


def _verb_phrase_start(tok) -> int:
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


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    """Shrink [a, b) past spaces, a leading 'that', and trailing punctuation."""
    while a < b and text[a] in _TRAIL_PUNCT:
        a += 1
    m = re.match(r"that\s+", text[a:b])
    if m:
        a += m.end()
    while b > a and text[b - 1] in _TRAIL_PUNCT:
        b -= 1
    return a, b


# -- the entry ----------------------------------------------------------------------------------
class _EntryExtractor:
    """Statements of one entry; state (memory, runs, drafts) lives for one entry only."""

    def __init__(self, finder: SpeakerFinder, entry, doc, counsel: str | None):
        self.finder = finder
        self.entry = entry
        self.doc = doc
        self.text = entry.text
        self.paras = paragraphs(self.text)
        self.runs: list[QuoteRun] = find_quote_runs(self.text)
        self._run_index: tuple | None = None
        self._venues: dict[int, str] = {}
        self.used_runs: set[int] = set()
        self.drafts: list[_Draft] = []
        self.memory = EntryMemory()
        self.counsel = counsel
        self.reply_state: dict[str, str] = {}
        self.lex = cue_lexicon()
        self._inverted: dict[int, tuple[int, str]] | None = None
        self._prefill_memory()
        self.runs.extend(self._block_quotes())
        self.runs.sort(key=lambda r: r.open_at)

    # -- setup ------------------------------------------------------------
    def _prefill_memory(self) -> None:
        self.memory.sent_starts = sorted({sent.start_char for sent in self.doc.sents} | {a for a, _ in self.paras})
        head = self.entry.headline
        self.memory.headline_end = len(head) if head and self.text.startswith(head) else 0
        para_starts = {a for a, _ in self.paras}
        for ent in self._named_spans():
            if self._in_run(ent.start_char):
                continue        # a name inside a quotation is what was said, not who is speaking
            key = self.finder.lookup(ent.text)
            subj = any((t.dep_ in ("nsubj", "nsubjpass") or t.head.dep_ == "nsubj" and t.dep_ == "appos")
                       and (_main_clause(t.head) or _is_cue(t.head) or t.dep_ == "appos") for t in ent) \
                or ent.start_char in self._inverted_answerers() \
                or ent.start_char in para_starts or self._before_first_verb(ent)
            self.memory.note(ent.start_char, key, subj)
        voices = self.lex["voice_nouns"]
        for tok in self.doc:        # "the council's spokeswoman would not comment": a voice of the body
            if tok.lower_ in voices and tok.dep_ in ("nsubj", "nsubjpass") and not self._in_run(tok.idx):
                key = self.finder.resolve_token(tok, self.memory)
                if key and not self.finder.is_person(key):
                    self.memory.voices[key] = voices[tok.lower_]
                    self.memory.note(tok.idx, key, True)
        # pronoun chains: "Jane Doe gets a question. She is struggling. She says ..." keeps Jane
        # Doe the subject, however many sentences the chain runs
        for tok in self.doc:
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.lower_ in ("he", "she") and tok.head.dep_ == "ROOT" \
                    and tok.i - tok.sent.start <= 1 and not self._in_run(tok.idx):
                key = self.finder.resolve_pronoun(tok.lower_, tok.idx, self.memory)
                if key:
                    self.memory.note(tok.idx, key, True)

    def _named_spans(self) -> list:
        """The model's entities plus the names resolution found that the model missed
        ('Jane Doe' written again, a bare surname), as spans of this entry's parse."""
        spans = list(doc_ents(self.doc))
        taken = {(e.start_char, e.end_char) for e in spans}
        for start, end, _key, _type in self.finder.resolver.spans_in(self.entry.id):
            if (start, end) in taken or any(e.start_char <= start < e.end_char for e in spans):
                continue
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        return sorted(spans, key=lambda e: e.start_char)

    def _before_first_verb(self, ent) -> bool:
        """A name ahead of its sentence's first verb is, in news prose, that sentence's subject."""
        sent = ent.sent
        lo = max(sent.start_char, max((a for a, _ in self.paras if a <= ent.start_char), default=0))
        toks = [t for t in sent if lo <= t.idx < ent.start_char]
        if any(t.pos_ in ("VERB", "AUX") or t.text in ("“", '"') for t in toks):
            return False
        return any(t.pos_ in ("VERB", "AUX") for t in sent if t.i >= ent.end)

    def _para_of(self, pos: int) -> int:
        for i, (a, b) in enumerate(self.paras):
            if a <= pos <= b:
                return i
        return -1

    def _in_run(self, pos: int) -> QuoteRun | None:
        """The quote run holding character ``pos`` (bisection over the runs' pieces when disjoint)."""
        if self._run_index is None or self._run_index[0] != len(self.runs):
            pieces = sorted((a, b, id(r), r) for r in self.runs for a, b in r.pieces)
            disjoint = all(p[1] <= q[0] for p, q in zip(pieces, pieces[1:]))
            self._run_index = (len(self.runs), [p[0] for p in pieces], pieces, disjoint)
        _, starts, pieces, disjoint = self._run_index
        if disjoint:
            k = bisect_right(starts, pos) - 1
            return pieces[k][3] if k >= 0 and pos < pieces[k][1] else None
        for r in self.runs:
            if any(a <= pos < b for a, b in r.pieces):
                return r
        return None

    def _para_has_narrative_cue(self, a: int, b: int) -> bool:
        """A paragraph that attributes speech in the third person is narrative, not a quote."""
        for tok in tokens_in(self.doc, a, b):
            if _is_cue(tok) and not self._in_run(tok.idx) and _main_clause(tok):
                subj = _subject(tok)
                if subj is not None and subj.lower_ not in ("i", "we", "you"):
                    return True
        return False

    def _starts_with_name(self, a: int) -> bool:
        return any(e.start_char == a and e.label_ in ("PERSON", "ORG") for e in doc_ents(self.doc))

    def _block_quotes(self) -> list[QuoteRun]:
        """Unmarked paragraphs after a line ending in a colon with a cue ("Doe said:")."""
        out = []
        for i, (a, b) in enumerate(self.paras[:-1]):
            line = self.text[a:b].rstrip()
            if not line.endswith(":") or self._in_run(b - 1):
                continue
            last_sent = self._last_sentence_tokens(a, b)
            if not any(_is_cue(t) for t in last_sent):
                continue
            j = i + 1
            pieces = []
            while j < len(self.paras):
                pa, pb = self.paras[j]
                first = self.text[pa:pb].lstrip()[:1]
                if first in "\"“'‘" or self._in_run(pa):
                    break
                if pieces and (self._para_has_narrative_cue(pa, pb) or self._starts_with_name(pa)):
                    break
                if not pieces and self._para_has_narrative_cue(pa, pb) and self._starts_with_name(pa):
                    break
                if self.text[pa:pb].rstrip().endswith(":") and pieces:
                    break
                pieces.append((pa, pb))
                j += 1
            if pieces:
                out.append(QuoteRun(open_at=pieces[0][0], close_at=pieces[-1][1], pieces=pieces,
                                    marked=False))
        return out

    def _last_sentence_tokens(self, a: int, b: int):
        toks = tokens_in(self.doc, a, b)
        if not toks:
            return []
        sent = toks[-1].sent
        return [t for t in sent if a <= t.idx < b]

    # -- speaker ----------------------------------------------------------
    def speaker_at(self, pos: int) -> str | None:
        """Who is quoted at ``pos`` (for "I"/"we" in quoted words)."""
        for d in self.drafts:
            if any(a <= pos < b for a, b in d.pieces):
                return d.speaker
        return None

    def _speaker(self, cue_tok) -> tuple[str | None, float]:
        subj = _subject(cue_tok)
        para = self._para_of(cue_tok.idx)
        pa = self.paras[para][0] if para >= 0 else 0
        if subj is not None and subj.idx < pa:
            # the parser ran a headline into this paragraph; look inside the paragraph only
            subj = _fronted_subject(cue_tok, pa)
        if subj is None:
            return None, 0.0
        key = self.finder.resolve_token(subj, self.memory, None)
        conf = 0.7 if subj.lower_ in ("he", "she", "they", "it") else 0.85
        if key:
            self.memory.note(subj.idx, key, True)
        return key, conf

    # -- cues -------------------------------------------------------------
    def run(self) -> list[_Draft]:
        q_lines = sorted(self._question_lines())
        for tok in self.doc:
            if self._in_run(tok.idx) and not self._in_qline(tok.idx, q_lines):
                continue
            if tok.lower_ == "according" and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
                self._according(tok)
            elif _is_cue(tok):
                self._cue(tok)
            elif tok.lower_ in self.lex["nouns"] and tok.pos_ == "NOUN":
                self._speech_noun(tok)
            elif tok.lower_ in ("question", "questions") and tok.pos_ == "NOUN":
                self._tabled_question(tok)
        self._quote_label_lines()
        self._orphan_runs()
        self._sandwiched()
        self._headline_quote()
        self._labelled_lines()
        self._summary_plans()
        self._replies()
        return self.drafts

    def _summary_plans(self) -> None:
        """In a recap, a headline-style line "Widget Party to scrap the levy" / "Widget Party will
        scrap the levy" reports what the actor announced: the predicate is its statement."""
        if not self.entry.is_summary:
            return
        for sent in self.doc.sents:
            root = sent.root
            if any(d.start < sent.end_char and sent.start_char < d.end for d in self.drafts):
                continue
            subj = _own_subject(root)
            if root.pos_ in ("NOUN", "PROPN"):      # "Widget Party to scrap ...": a headline's verbless root
                verb = next((c for c in root.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"), None)
                root, subj = (verb, sent.root) if verb is not None else (root, None)
            if root.pos_ != "VERB":
                continue
            aux = [c for c in root.children if c.dep_ == "aux" and c.lower_ in ("to", "will", "'ll")]
            if not aux or subj is None or subj.i > aux[0].i:
                continue
            key = self.finder.resolve_token(subj, self.memory, None)
            ent = self.finder.entities.get(key) if key else None
            if ent is None or ent.type not in ("Person", "Party", "Body"):
                continue
            a, b = _trim(self.text, aux[0].idx, sent.end_char)
            if b - a > 10:
                self._add(_Draft(key, [(a, b)], "indirect", cue="say", confidence=0.5, para=self._para_of(a)))

    def _labelled_lines(self) -> None:
        """Summary bullets that label a line with its actor: "Widget Party: will vote against
        the levy". The label must name a party, body or person the document knows, and no
        statement may already cover the line."""
        head = self.entry.headline if self.entry.headline and self.text.startswith(self.entry.headline) else ""
        for m in re.finditer(r"(?m)^[ \t]*([A-Z][\w’'. -]{1,40}?):[ \t]+(\S[^\n]{8,})$", self.text):
            if m.start() < len(head) or len(m.group(2).split()) < 3:
                continue            # the headline has its own rule
            if any(d.start < m.end() and m.start() < d.end for d in self.drafts):
                continue
            key = self.finder.lookup(m.group(1).strip())
            ent = self.finder.entities.get(key) if key else None
            if ent is None or ent.type not in ("Person", "Party", "Body"):
                continue
            self._add(_Draft(key, [(m.start(2), m.end(2))], "indirect", cue="say", confidence=0.55,
                             para=self._para_of(m.start(2))))

    def _question_lines(self) -> list[tuple[int, int]]:
        pat = re.compile(self.lex["question_line"])
        out = []
        for a, b in self.paras:
            m = pat.match(self.text[a:b])
            if m:
                out.append((a + m.end(), b))
        for a, b in out:
            key = self.counsel or self._last_subject_person(a)
            if key:
                s, e = _trim(self.text, a, b)
                self._add(_Draft(key, [(s, e)], "direct", cue="ask", question=True, confidence=0.75,
                                 para=self._para_of(a)))
        return out

    @staticmethod
    def _in_qline(pos: int, qlines: list[tuple[int, int]]) -> bool:
        """Whether ``pos`` is inside one of the sorted, disjoint question lines (a bisection:
        this runs for every token of every quotation)."""
        i = bisect_right(qlines, (pos, float("inf"))) - 1
        return i >= 0 and qlines[i][0] <= pos < qlines[i][1]

    def _last_subject_person(self, pos: int) -> str | None:
        for _, key, subj in reversed(self.memory.before(pos)):
            if subj and self.finder.is_person(key):
                return key
        return None

    def _cue(self, tok) -> None:
        if any(c.dep_ == "aux" and c.lower_ in _MODALS or c.dep_ == "neg" for c in tok.children):
            return                # "will warn", "did not say": a forecast or a denial, not a statement
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and (
                tok.head.lemma_.lower() in self.lex["unsaid_heads"]
                or any(c.dep_ == "nsubj" for c in tok.children)):
            return                # "called for X to announce", "is due to say": asked or expected, not said
        if any(c.dep_ == "auxpass" for c in tok.children) and not any(c.dep_ == "agent" for c in tok.children):
            return                # "the PM is asked if ...": put by someone the text does not name
        head = self.entry.headline
        if head and tok.idx < len(head) and self.text.startswith(head) and tok.lower_ in ("asked", "questioned",
                                                                                           "pressed", "urged"):
            return                # headline "PM asked if he would ...": a passive without its "is"
        lemma = verb_lemma(tok)
        speaker, conf = self._speaker(tok)
        if not speaker:
            return
        para = self._para_of(tok.idx)
        pa, pb = self.paras[para] if para >= 0 else (0, len(self.text))
        venue, addressee = self._venue(tok), self._addressee(tok, lemma)
        common = dict(cue=lemma, venue=venue, addressee=addressee, para=para,
                      question=lemma in self.lex["question"])
        if common["question"] or lemma in self.lex["directed"]:
            common["asked"] = self._asked(tok)
            common["question"] = True
        comp = _complement(tok, lemma)
        run = self._adjacent_run(tok, pa, pb)
        if run is not None and comp is not None and comp.i > tok.i and any(
                not self._in_run(t.idx) and t.is_alpha for t in comp.subtree):
            run = None           # 'says “...” is now due': the quote is part of a report
        if run is not None and run.open_at > tok.idx and self._run_continues(run, tok, pb):
            # "says 'rat brain' former boss 'calculating'": the quote is a piece of a reported clause
            a, b = _trim(self.text, _verb_phrase_start(tok), min(tok.sent.end_char, pb))
            self.used_runs.add(id(run))
            self._add(_Draft(speaker, [(a, b)], "indirect", confidence=conf, **common))
            return
        if run is not None:
            self.used_runs.add(id(run))
            self._add(_Draft(speaker, list(run.pieces), "direct", confidence=conf + 0.05, **common))
            return
        if comp is not None:
            a, b = self._content_bounds(tok, comp, pb)
            if b - a >= 2:
                kind = "direct" if self._is_whole_quote(a, b) else "indirect"
                if kind == "indirect" and comp.i > tok.i:
                    a = min(a, _verb_phrase_start(tok))
                self._add(_Draft(speaker, [(a, b)], kind, confidence=conf, **common))
            return
        if lemma not in self.lex["needs_complement"] and tok.i + 3 < tok.sent.end \
                and self.doc[tok.i + 1].pos_ in ("PRON", "DET", "PROPN", "NOUN") \
                and self.doc[tok.i + 1].dep_ in ("nsubj", "nsubjpass", "mark", "det", "compound") \
                and tok.i > tok.sent.start and not self._parenthetical(tok):
            # "X said he 'very much welcomes' it": a clause the parser failed to hang on the cue
            a, b = _trim(self.text, _verb_phrase_start(tok), min(tok.sent.end_char, pb))
            if b - a > 10:
                self._add(_Draft(speaker, [(a, b)], "indirect", confidence=conf - 0.15, **common))
            return
        if lemma in self.lex["needs_complement"] or not self._parenthetical(tok):
            return
        pieces = self._remainder(tok, pa, pb)
        if pieces:
            self._add(_Draft(speaker, pieces, "indirect", confidence=conf - 0.1, **common))

    def _run_continues(self, run: QuoteRun, tok, pb: int) -> bool:
        """Whether the cue's sentence goes on after the quotation with more of the clause
        (a lower-case word right after the closing mark), not a new sentence or an aside."""
        end = min(tok.sent.end_char, pb)
        if run.close_at >= end or len(run.pieces) > 1:
            return False
        rest = self.text[run.close_at:end]
        return bool(re.match(r"\s+[a-z]", rest)) and not re.match(r"\s+(?:he|she|they|it|we|I)\s+\w+\b", rest) \
            and not any(_is_cue(t) for t in tok.sent if t.idx >= run.close_at)

    def _asked(self, tok) -> str:
        """Who a question or call is put to: 'asks the PM', 'calls on Jane Doe to ...'."""
        if is_put_it_to(tok):
            to = self.doc[tok.i + 2]
            obj = next((g for g in to.children if g.dep_ == "pobj"), None) or (
                self.doc[to.i + 1] if to.i + 1 < len(self.doc) else None)
            return self.finder.resolve_token(obj, self.memory, None) or "" if obj is not None else ""
        for c in tok.children:
            if c.dep_ in ("dobj", "dative"):
                return self.finder.resolve_token(c, self.memory, None) or ""
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "on":
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return self.finder.resolve_token(obj, self.memory, None) or ""
        return ""

    def _according(self, tok) -> None:
        to = self.doc[tok.i + 1]
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if obj is None:
            return
        speaker = self.finder.resolve_token(obj, self.memory, None)
        if not speaker:
            return
        sent = tok.sent
        phrase = {t.i for t in tok.subtree} | {tok.i, to.i} | {t.i for t in obj.subtree}
        toks = [t for t in sent if t.i not in phrase and not self._in_run(t.idx) or t.i not in phrase]
        pieces = self._pieces_from(toks)
        if pieces:
            self._add(_Draft(speaker, pieces, "indirect", cue="say", confidence=0.75,
                             para=self._para_of(tok.idx)))

    def _speech_noun(self, tok) -> None:
        """'X's claim that ...': the possessor is the speaker, the clause the content."""
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl")
                       and any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children)), None)
        if owner is None or clause is None:
            return
        speaker = self.finder.resolve_token(owner, self.memory, None)
        if not speaker:
            return
        a, b = _trim(self.text, clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge))
        b = self._extend_to_quote_end(b)
        if b - a >= 2:
            self._add(_Draft(speaker, [(a, b)], "indirect", cue="claim", confidence=0.7,
                             para=self._para_of(tok.idx)))

    def _tabled_question(self, tok) -> None:
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
        speaker = self.finder.resolve_token(asker, self.memory, None)
        if not self.finder.is_person(speaker):
            return
        objs = [g for g in topic.children if g.dep_ in ("pobj", "pcomp")]
        if not objs:
            return
        a, b = _trim(self.text, objs[0].left_edge.idx, topic.right_edge.idx + len(topic.right_edge))
        b = self._extend_to_quote_end(b)
        if b - a >= 8:
            self.memory.note(asker.idx, speaker, True)
            self._add(_Draft(speaker, [(a, b)], "indirect", cue="ask", question=True, confidence=0.6,
                             para=self._para_of(tok.idx)))

    # -- content ----------------------------------------------------------
    def _cue_clause_edges(self, tok) -> tuple[int, int]:
        """Character range of the cue with its subject and non-clausal dependents."""
        toks = [tok]
        subj = _subject(tok)
        if subj is not None and subj.head is tok:
            toks.extend(subj.subtree)
        for c in tok.children:
            if c.dep_ in ("dobj", "dative", "prep", "agent", "aux", "auxpass", "neg", "advmod", "prt",
                          "npadvmod", "nsubj") and not any(self._in_run(t.idx) for t in c.subtree):
                toks.extend(c.subtree)
        if tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "back":
            toks.append(tok.nbor(1))
        a = min(t.idx for t in toks)
        b = max(t.idx + len(t) for t in toks)
        return a, b

    def _adjacent_run(self, tok, pa: int, pb: int) -> QuoteRun | None:
        """A quote run right after the cue ('said: “...”'), else right before it ('“...,” he said')."""
        a, b = self._cue_clause_edges(tok)
        free = [r for r in self.runs if id(r) not in self.used_runs]
        for run in free:
            if run.open_at >= b and _GAP.match(self.text[b:run.open_at]) and run.open_at - b < 4:
                return run
        for run in free:
            if run.close_at <= a and _GAP.match(self.text[run.close_at:a]) and a - run.close_at < 4 \
                    and self._para_of(run.close_at - 1) == self._para_of(a) and self._run_stands_alone(run):
                return run
        return None

    def _content_bounds(self, tok, comp, para_end: int) -> tuple[int, int]:
        """Characters of what was said: the complement, stretched to the sentence end
        unless another speech clause begins there."""
        a = comp.left_edge.idx
        last = comp.right_edge
        if comp.i < tok.i:            # "X, she says": the content precedes the cue
            a = min(a, comp.left_edge.idx)
            b = last.idx + len(last)
            return _trim(self.text, a, self._extend_to_quote_end(b))
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
            if (_is_cue(t) and t is not tok) or t.lower_ in ("according",):
                break
            run = self._in_run(t.idx)
            if run is not None and id(run) in self.used_runs:
                break
            end_tok = t
        b = min(end_tok.idx + len(end_tok), para_end)
        b = self._absorb_questions(b, para_end)
        # stop before a trailing cue clause (", adding:", "as he told ...")
        for t in self.doc[comp.right_edge.i + 1:end_tok.i + 1]:
            if _is_cue(t) and t.i not in sub:
                b = min(b, t.left_edge.idx if t.left_edge.idx > a else t.idx)
        return _trim(self.text, a, self._extend_to_quote_end(b))

    def _absorb_questions(self, b: int, para_end: int) -> int:
        """'X says ... Will the PM publish them?': a bare question after a report is the speaker's."""
        for sent in self.doc.sents:
            if sent.start_char < b or sent.start_char >= para_end:
                continue
            if self.text[b:sent.start_char].strip(" .") or not sent.text.rstrip().endswith("?"):
                break
            if any(_is_cue(t) for t in sent):
                break
            b = min(sent.end_char, para_end)
        return b

    def _extend_to_quote_end(self, b: int) -> int:
        run = self._in_run(max(b - 1, 0))
        if run is not None and run.close_at > b and self._para_of(run.close_at - 1) == self._para_of(b - 1):
            return run.close_at
        return b

    def _is_whole_quote(self, a: int, b: int) -> bool:
        for run in self.runs:
            if run.open_at <= a + 1 and run.close_at >= b - 1:
                return True
        return False

    def _parenthetical(self, tok) -> bool:
        """'No, says X.' / 'The plan, she says, is ...' / 'X, she says.': the cue is an aside."""
        if tok.dep_ == "parataxis":
            return True
        subj = _own_subject(tok)
        if subj is not None and subj.i > tok.i:
            return True
        before = [t for t in tok.sent if t.i < tok.i and (subj is None or t.i < subj.left_edge.i)]
        return bool(before) and before[-1].text in (",", "–", "—") and any(t.pos_ == "VERB" or t.pos_ == "AUX" for t in before)

    def _remainder(self, tok, pa: int, pb: int) -> list[tuple[int, int]]:
        """'No, says X.' / 'The plan, she says, is ...': the sentence without the cue clause."""
        sent = [t for t in tok.sent if pa <= t.idx < pb]
        drop = {tok.i}
        subj = _subject(tok)
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
        return self._pieces_from(keep)

    def _pieces_from(self, toks) -> list[tuple[int, int]]:
        pieces: list[list[int]] = []
        for t in toks:
            if pieces and t.i == pieces[-1][1] + 1:
                pieces[-1][1] = t.i
            else:
                pieces.append([t.i, t.i])
        out = []
        for i, j in pieces:
            a, b = _trim(self.text, self.doc[i].idx, self.doc[j].idx + len(self.doc[j]))
            if b - a >= 2 and any(ch.isalpha() for ch in self.text[a:b]):
                out.append((a, b))
        return out

    # -- venue and addressee ----------------------------------------------
    def _venue(self, tok) -> str:
        """The first venue the cue's sentence names outside quotes (once per sentence)."""
        sent = tok.sent
        if sent.start in self._venues:
            return self._venues[sent.start]
        text, label = sent.text, ""
        for pat, name in _venues():
            if any(not self._in_run(sent.start_char + m.start()) for m in pat.finditer(text)):
                label = name
                break
        self._venues[sent.start] = label
        return label

    def _addressee(self, tok, lemma: str) -> str:
        for c in tok.children:
            if lemma == "tell" and c.dep_ in ("dobj", "dative"):
                return c.text if c.pos_ != "PRON" else ""
            if lemma in ("write", "say", "reply") and c.dep_ == "prep" and c.lower_ == "to":
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return self.text[obj.left_edge.idx:obj.idx + len(obj)]
        return ""

    # -- runs nobody claimed ----------------------------------------------
    def _quote_label_lines(self) -> None:
        """A line that is a quotation and then its speaker: "'I did not lie': Doe sets out her
        case", "'Not our plan' - Widget Party". The name must be an actor the document knows."""
        for run in self.runs:
            if id(run) in self.used_runs or any(self._covers(d, run) for d in self.drafts):
                continue
            line_start = self.text.rfind("\n", 0, run.open_at) + 1
            line_end = self.text.find("\n", run.close_at)
            line_end = len(self.text) if line_end < 0 else line_end
            if self.text[line_start:run.open_at].strip(" \t•*-–—"):
                continue            # words before the quotation: not a label line
            m = _QUOTE_LABEL.match(self.text[run.close_at:line_end])
            head = self.entry.headline
            if m is None or (head and run.open_at < len(head) and self.text.startswith(head)) \
                    or m.group(1).split()[-1].lower() in self.lex["person_nouns"]:
                continue            # the headline has its own rule; "- Tory MP" names no one
            speaker = self.finder.lookup(m.group(1))
            ent = self.finder.entities.get(speaker) if speaker else None
            if ent is None or ent.type not in ("Person", "Party", "Body"):
                continue
            self.used_runs.add(id(run))
            self._add(_Draft(speaker, list(run.pieces), "direct", cue="say", confidence=0.6,
                             para=self._para_of(run.start)))

    def _orphan_runs(self) -> None:
        """A quote paragraph with no cue continues the entry's previous speaker."""
        for run in self.runs:
            if id(run) in self.used_runs or any(self._covers(d, run) for d in self.drafts):
                continue
            if not self._run_stands_alone(run):
                continue
            prev = [d for d in self.drafts if d.start < run.open_at]
            if not prev:
                continue
            last = max(prev, key=lambda d: d.end)
            self.used_runs.add(id(run))
            self._add(_Draft(last.speaker, list(run.pieces), "direct", cue="", confidence=0.65,
                             para=self._para_of(run.start), venue=last.venue))

    def _covers(self, d: _Draft, run: QuoteRun) -> bool:
        return any(a <= run.start and b >= run.end - 1 for a, b in d.pieces)

    def _run_stands_alone(self, run: QuoteRun) -> bool:
        before = self.text[:run.open_at]
        line_start = before.rfind("\n") + 1
        lead = before[line_start:].strip()
        if self.entry.headline and run.open_at < len(self.entry.headline):
            return False
        if not (lead == "" or lead.endswith((".", "?", "!", "”", '"'))):
            return False
        # "'...,' one MP tells me", "'...!' shouted someone": a cue after the quote, in its line,
        # gives it to someone the text leaves unnamed
        line_end = self.text.find("\n", run.close_at)
        line_end = len(self.text) if line_end < 0 else line_end
        span = self.doc.char_span(run.close_at, line_end, alignment_mode="contract") if line_end > run.close_at else None
        after = []
        for t in span or ():
            if t.text in (".", "?") and after:
                break
            after.append(t)
        return not any(_is_cue(t) and (s := _subject(t) or _inverted_subject(t)) is not None
                       and (s.pos_ != "PRON" or s.lower_ in _UNNAMED) for t in after)

    def _headline_quote(self) -> None:
        """Headlines that attribute words by punctuation, not by a verb:

        * "'Quoted words' - backbench MP" and "Words of the entry - Jane Doe": the words;
        * "Doe: words of the entry": the whole headline (the label is part of what is shown).

        The name must resolve to an actor the document knows; a body's first statement
        speaks for an unresolved label ("'Quoted' - backbench MP").
        """
        head = self.entry.headline
        if not head or not self.text.startswith(head):
            return
        quoted = re.match(r"^\s*[‘'“\"](.+?)[’'”\"]\s*[-–—]\s*(.+)$", head)
        dashed = re.match(r"^\s*(\S.{8,}?)\s+[-–—]\s+([A-Z][\w’'. -]{1,40})$", head)
        labelled = re.match(r"^\s*([A-Z][\w’'. -]{1,40}?)\s*:\s+(\S.{8,})$", head)
        body = [d for d in self.drafts if d.start >= len(head)]
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
        if any(norm_words in normalise(self._text(d)).lower() for d in body):
            return          # the body already quotes it in full
        speaker = self.finder.lookup(name.strip())
        if speaker is not None and not self.finder.is_person(speaker) and not quoted:
            ent = self.finder.entities.get(speaker)
            if ent is None or ent.type not in ("Party", "Body"):
                speaker = None
        if speaker is None and quoted:
            speaker = body[0].speaker if body else None
        if speaker:
            self._add(_Draft(speaker, [piece], "direct" if quoted else "indirect", cue="say",
                             confidence=0.6, para=0))

    # -- replies and questions --------------------------------------------
    def _replies(self) -> None:
        self.drafts.sort(key=lambda d: d.start)
        markers = self._response_markers()
        last_other: dict[int, str] = {}
        for i, d in enumerate(self.drafts):
            prev = next((p.speaker for p in reversed(self.drafts[:i]) if p.speaker != d.speaker), "")
            last_other[i] = prev
            target = next(((pos, t) for pos, who, t in reversed(markers)
                           if who == d.speaker and pos <= d.start), None)
            if target is not None and any(q.question and q.speaker != d.speaker and target[0] <= q.start < d.start
                                          for q in self.drafts[:i]):
                target = None       # a question put since the marker: the speaker now answers that
            sent_marker = self._marker_near(d)
            if sent_marker is not None:
                d.responds_to = sent_marker or prev
            elif d.cue in self.lex["reply"] and prev:
                d.responds_to = prev
            elif target is not None and target[0] <= d.start:
                d.responds_to = target[1] or prev
        for pos, who, t in markers:     # "... Speaking in response to Y.": said before the marker
            if t and not any(d.speaker == who and d.start >= pos for d in self.drafts):
                for d in self.drafts:
                    if d.speaker == who and d.start < pos and not d.responds_to and not d.question:
                        d.responds_to = t
        self._qa_turns()
        # a speaker keeps answering the same person for the rest of the entry
        current: dict[str, str] = {}
        for d in self.drafts:
            if d.responds_to:
                current[d.speaker] = d.responds_to
            elif d.speaker in current and not d.question:
                d.responds_to = current[d.speaker]
        first: dict[str, str] = {}
        for d in self.drafts:
            if d.responds_to and d.speaker not in first:
                first[d.speaker] = d.responds_to
        for d in self.drafts:
            if not d.responds_to and d.speaker in first and not d.question:
                d.responds_to = first[d.speaker]
        for d in self.drafts:
            if d.responds_to == d.speaker or self._nested(d):
                d.responds_to = ""      # a report inside another's words answers nobody

    def _qa_turns(self) -> None:
        """In an entry with questions, a turn that follows a question answers its asker
        (or only the person it was put to, when the text names one)."""
        turns: list[list[_Draft]] = []
        for d in self.drafts:
            if self._nested(d):
                continue        # a report inside another's words ("X says the government said ...")
            if turns and turns[-1][0].speaker == d.speaker:
                turns[-1].append(d)
            else:
                turns.append([d])

        def is_q(d: _Draft) -> bool:
            return d.question or self._text(d).rstrip().endswith("?") or self._ends_in_question(d)

        if not any(is_q(d) for t in turns for d in t):
            return
        pending: tuple[str, str] | None = None
        for turn in turns:
            speaker = turn[0].speaker
            if any(is_q(d) for d in turn):
                for d in turn:
                    d.question = True
                asked = next((d.asked for d in turn if d.asked), "")
                pending = (speaker, asked)
            elif pending and pending[0] != speaker and pending[1] in ("", speaker):
                for d in turn:
                    if not d.responds_to:
                        d.responds_to = pending[0]
                pending = None
            elif pending and pending[1]:
                pending = None
            else:
                pending = (speaker, "")

    def _nested(self, d: _Draft) -> bool:
        return any(o is not d and o.speaker != d.speaker and o.start <= d.start and d.end <= o.end
                   for o in self.drafts)

    def _ends_in_question(self, d: _Draft) -> bool:
        """'Jane Doe (Lab) says ... Does the minister agree?': a paragraph that is one speaker's
        report ending in a question puts that question (the PMQs and committee write-up)."""
        if d.para < 0 or d.para >= len(self.paras):
            return False
        pa, pb = self.paras[d.para]
        if not self.text[pa:pb].rstrip().endswith("?") or d.start - pa > 80:
            return False
        first = min((o for o in self.drafts if o.para == d.para), key=lambda o: o.start, default=None)
        return first is d

    def _names_subject(self, a: int, b: int) -> bool:
        return any(t.dep_ in ("nsubj", "nsubjpass") and (t.ent_type_ == "PERSON" or t.pos_ == "PRON")
                   for t in tokens_in(self.doc, a, b))

    def _sandwiched(self) -> None:
        """A paragraph with no speech of its own, between two paragraphs of one speaker,
        continues that speaker's report ("one point, she says / a bare paragraph / another point, she says")."""
        by_para: dict[int, set[str]] = {}
        for d in self.drafts:
            by_para.setdefault(d.para, set()).add(d.speaker)
        body_first = 1 if self.entry.headline else 0
        for i in range(body_first + 1, len(self.paras) - 1):
            if i in by_para or (i - 1) not in by_para or (i + 1) not in by_para:
                continue
            before, after = by_para[i - 1], by_para[i + 1]
            if len(before) != 1 or before != after:
                continue
            a, b = _trim(self.text, *self.paras[i])
            if self._in_run(a) or self.text[a:b].rstrip().endswith(":") or self._names_subject(a, b):
                continue
            self._add(_Draft(next(iter(before)), [(a, b)], "indirect", cue="", confidence=0.5, para=i))

    def _inverted_answerers(self) -> dict[int, tuple[int, str]]:
        """'Answering for the government was the minister Jane Doe.': name offset -> (sentence
        offset, name), by the words alone (the parser reads such a sentence every which way)."""
        if self._inverted is None:
            self._inverted = {}
            spans = None
            for sent in self.doc.sents:
                m = _INVERTED_ANSWER.match(sent.text)
                if m is None:
                    continue
                after = sent.start_char + m.end()
                spans = self._named_spans() if spans is None else spans
                for ent in spans:
                    if after <= ent.start_char < sent.end_char:
                        self._inverted[ent.start_char] = (sent.start_char, ent.text)
                        break
        return self._inverted

    def _response_markers(self) -> list[tuple[int, str, str]]:
        """'X responded to Y's statement' / 'In his response to Y, X ...': X answers Y from
        here on. Returns (offset, responder, answered) triples; answered may be ''."""
        out: list[tuple[int, str, str]] = []
        for sent_at, name in self._inverted_answerers().values():
            who = self.finder.lookup(name)
            if who:
                out.append((sent_at, who, ""))
        for tok in self.doc:
            if tok.lower_ in ("answering", "answers", "answered") and tok.pos_ == "VERB":
                marker = self._answering(tok)       # "Jane Doe answering John Roe at FMQs"
                if marker:
                    out.append(marker)
                continue
            if tok.lower_ not in ("response", "responded", "responding", "reply", "replied", "replying"):
                continue
            if self._in_run(tok.idx):
                continue
            target = self._to_target(tok)
            clause = tok.head if tok.pos_ != "VERB" else tok
            while clause.pos_ not in ("VERB", "AUX") and clause.head is not clause:
                clause = clause.head
            if clause.dep_ in ("advcl", "pcomp") and clause.head is not clause:
                clause = clause.head
            subj = _own_subject(clause)
            para = self._para_of(tok.idx)
            pa = self.paras[para][0] if para >= 0 else 0
            if subj is None or subj.idx < pa:
                subj = _fronted_subject(clause, pa) if clause.idx >= pa else None
            if subj is None:
                # "Speaking, in reply to a question put by Y, ...": the participle's subject is
                # whoever the entry has been reporting
                if clause.tag_ != "VBG" or clause.i != clause.sent.start:
                    continue
                before = [d for d in self.drafts if d.start < tok.idx]
                who = before[-1].speaker if before else ""
            else:
                who = self.finder.resolve_token(subj, self.memory, None)
            if who and target != who:
                out.append((max(pa, tok.sent.start_char), who, target or ""))
        return out

    def _answering(self, tok) -> tuple[int, str, str] | None:
        """(offset, responder, answered) for 'X answering Y' / 'X answers Y's question'."""
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if obj is None:
            return None
        poss = next((g for g in obj.children if g.dep_ == "poss"), None)
        target = self.finder.resolve_token(poss if poss is not None else obj, self.memory, None)
        subj = _own_subject(tok) or (tok.head if tok.dep_ == "acl" else None)
        who = self.finder.resolve_token(subj, self.memory, None) if subj is not None else None
        if who and target and who != target and self.finder.is_person(target):
            para = self._para_of(tok.idx)
            return (self.paras[para][0] if para >= 0 else 0, who, target)
        return None

    def _to_target(self, tok) -> str:
        """Whom a reply word answers: its 'to' object (or that object's possessor, or a person
        named inside it: 'in reply to a point made by Jane Doe'); for question words the
        'from'/'by' object ('facing questions from Jane Doe', 'pressed by Jane Doe')."""
        preps = ("to",) if tok.lower_.startswith(("respon", "repl", "answer")) else ("from", "by")
        for c in tok.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in preps:
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is None:
                    continue
                poss = next((g for g in obj.children if g.dep_ == "poss"), None)
                key = self.finder.resolve_token(poss if poss is not None else obj, self.memory, None)
                if key and self.finder.is_person(key):
                    return key
                person = next((k for t in obj.subtree
                               for k in [self.finder.resolve_token(t, self.memory, None)]
                               if t.pos_ == "PROPN" and self.finder.is_person(k)), None)
                if person or key:
                    return person or key
        # a parse that lost the attachment: the first name after 'to' before the next comma
        nxt = tok.nbor(1) if tok.i + 1 < len(self.doc) else None
        if nxt is not None and nxt.lower_ == "to":
            for t in self.doc[nxt.i + 1:]:
                if t.text in (",", ":", ".", "\n") or t.sent is not tok.sent:
                    break
                if t.ent_type_ and t.ent_iob_ == "B":
                    ent = next((e for e in doc_ents(self.doc) if e.start == t.i), None)
                    key = self.finder.lookup(ent.text) if ent is not None else None
                    if key:
                        return key
        return ""

    def _marker_near(self, d: _Draft) -> str | None:
        """A reply marker in the sentence introducing the statement: '' means 'the previous speaker'."""
        a = d.start
        para = self._para_of(a)
        pa = self.paras[para][0] if para >= 0 else 0
        # the introducing text: from the sentence start (or previous line for block quotes)
        lead_start = pa
        if a - pa < 3 and para > 0:
            lead_start = self.paras[para - 1][0]
        lead_start = max(lead_start, a - 240)
        lead = self.text[lead_start:a].lower()
        for marker in self.lex["response_markers"]:
            if marker in lead:
                toks = [t for t in tokens_in(self.doc, lead_start, a)
                        if t.lower_ in ("response", "responding", "reply", "replying", "answer", "questions",
                                        "questioned", "asked", "pressed", "challenged", "question")]
                for t in toks:
                    key = self._to_target(t)
                    if key:
                        return key
                return ""
        return None

    # -- bookkeeping ------------------------------------------------------
    def _text(self, d: _Draft) -> str:
        return " ".join(strip_marks(self.text[a:b]) if i else self.text[a:b].strip()
                        for i, (a, b) in enumerate(d.pieces))

    def _add(self, d: _Draft) -> None:
        if not d.speaker:
            return
        d.pieces = [(a, b) for a, b in d.pieces if b > a]
        if not d.pieces:
            return
        for old in self.drafts:
            if old.speaker == d.speaker and old.start <= d.start and old.end >= d.end:
                return                     # already said, in a longer statement
        self.drafts = [o for o in self.drafts
                       if not (o.speaker == d.speaker and d.start <= o.start and d.end >= o.end)]
        for a, b in d.pieces:
            self.memory.note(a, d.speaker, True)
        self.drafts.append(d)


# -- document level -----------------------------------------------------------------------------
def _counsel(ctx, finder: SpeakerFinder) -> str | None:
    """The person who puts the 'Q:' lines: named next to 'counsel', 'KC' and the like."""
    words = set(cue_lexicon()["questioner_words"])
    for doc in ctx.parsed:
        for sent in doc.sents:
            if not any(t.lower_ in words for t in sent):
                continue
            for ent in sent.ents:
                if ent.label_ == "PERSON":
                    key = finder.lookup(ent.text)
                    if key and finder.is_person(key):
                        return key
    return None


#: what may stand between two pieces of one statement and be kept: "and", "but", a comma
_JOINING_GAP = re.compile(r"[ \t]*,?[ \t]*(?:and|but|or)?[ \t]*")


def _merge(drafts: list[_Draft]) -> list[_Draft]:
    """Consecutive statements of one speaker in one paragraph are one statement."""
    out: list[_Draft] = []
    for d in sorted(drafts, key=lambda d: d.start):
        prev = out[-1] if out else None
        if prev is not None and prev.speaker == d.speaker and prev.para == d.para and d.para >= 0:
            prev.pieces = sorted(set(prev.pieces + d.pieces))
            prev.kind = "direct" if "direct" in (prev.kind, d.kind) else "indirect"
            prev.responds_to = prev.responds_to or d.responds_to
            prev.venue = prev.venue or d.venue
            prev.addressee = prev.addressee or d.addressee
            prev.cue = prev.cue or d.cue
            prev.question = prev.question or d.question
            prev.confidence = max(prev.confidence, d.confidence)
            continue
        out.append(replace(d, pieces=list(d.pieces)))
    return out


def _statement_text(text: str, pieces: list[tuple[int, int]]) -> str:
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


def _about(finder: SpeakerFinder, doc, pieces, speaker: str) -> tuple[str, ...]:
    keys = []
    for ent in doc_ents(doc):
        if any(a <= ent.start_char and ent.end_char <= b for a, b in pieces):
            key = finder.lookup(ent.text)
            if key and key != speaker and key not in keys:
                keys.append(key)
    return tuple(keys)


def extract_entry_statements(finder: SpeakerFinder, entry, doc, counsel: str | None = None) -> list[Statement]:
    """Statements of one parsed entry (see the module docstring for the stages)."""
    drafts = _merge(_EntryExtractor(finder, entry, doc, counsel).run())
    out = []
    for d in drafts:
        text = _statement_text(entry.text, d.pieces)
        if len(text.split()) < 1:
            continue
        prov = Provenance(entry.id, Span(d.start, d.end), EXTRACTOR, round(min(max(d.confidence, 0.1), 1.0), 2))
        out.append(Statement(speaker=d.speaker, text=text, kind=d.kind, prov=prov, cue=d.cue,
                             venue=d.venue, addressee=d.addressee, responds_to=d.responds_to,
                             about=_about(finder, doc, d.pieces, d.speaker), question=d.question,
                             asked=d.asked if finder.is_person(d.asked) else ""))
    return out


def add_statements(ctx, facts) -> None:
    """Append every statement of the document to ``facts.statements``."""
    finder = SpeakerFinder(ctx)
    for r in facts.roles:
        finder.post_heads.setdefault(r.person, set()).add(r.role.split()[-1].lower())
    for m in facts.memberships:
        finder.parties.setdefault(m.person, set()).add(m.party)
    counsel = _counsel(ctx, finder)
    found: list[Statement] = []
    for entry, doc in ctx.pairs():
        own = extract_entry_statements(finder, entry, doc, counsel)
        found.extend(own)
        found.extend(extract_presented(finder, entry, doc, own))
    headlines = {e.id: len(e.headline) for e in ctx.doc.entries if e.headline and e.text.startswith(e.headline)}
    facts.statements.extend(link_replies(found, {e.id: e.ordinal for e in ctx.doc.entries},
                                         {e.id for e in ctx.doc.entries if e.is_summary}, headlines))


def entry_memory(finder: SpeakerFinder, entry, doc) -> EntryMemory:
    """The entities an entry names, in order, with main subjects marked (for claims)."""
    return _EntryExtractor(finder, entry, doc, None).memory
