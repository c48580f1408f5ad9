"""Claims: actor-predicate-object relations the narrative (or a quoted speaker) asserts.

Born here: :class:`~kg.facts.Claim`. Triggers are data (``data/claim_verbs.json``:
verb forms, an optional particle, where the object sits); the rules here read
the dependency parse around a trigger:

* active clauses: subject = the verb's subject ("X turned down Y"), climbing
  through conjuncts and relative clauses ("X, who leads Y");
* passives: "Y, led by X" / "Y is chaired by X" (subject = the agent),
  "A will be included in B" (subject = the bill, object = the measure);
* speech nouns: "demands from X for Y", "X's request to ...", "X carried out an
  investigation into Y", "X's inquiry" (leads);
* announcements: what a speaker says "will be published / set up / made".

"I" and "we" inside quoted words stand for the quoted speaker. Subjects must
resolve to an entity; objects may stay a short phrase (``object_text``).
"""
from __future__ import annotations

import re
from functools import cache

from ...data import load
from ...facts import Claim, Provenance, Span
from ...nlp import tokens_in
from ...resolve.genders import PRONOUN_GENDER
from ...resolve.names import content_words
from ...resolve.merge import initials_match
from ..speakers import SpeakerFinder, cue_lexicon
from ..statements import entry_memory
from ..statements.cues import is_cue
from .posts import leads_from_posts
from .state import EXTRACTOR

__all__ = ["EXTRACTOR", "add_claims", "extract_entry_claims", "leads_from_posts", "tone", "in_quotes",
           "is_question"]

_MAX_OBJECT_WORDS = 14
_WEAK_MODALS = {"can", "could", "may", "might", "should", "would"}
_PRONOUN_OBJECTS = {"it", "this", "that", "these", "those"}
_MAX_EVIDENCE_WORDS = 80


_RELATIVES = {"which", "that", "who", "whom", "what", "whose"}
_SUBJECT_PRONOUNS = {"i", "we", "you", "he", "she", "they"}
#: a free-text object is the thing itself: "the amendment" is recorded as "amendment"
_DETERMINER = re.compile(r"^(?:the|a|an|his|her|its|their|this|that|these|those|our|my|your)\s+", re.I)


def _unwrap_request(obj):
    """'demands for X', 'a request to hold X', 'calls from Y for X': what is asked for is X."""
    if obj.lemma_.lower() not in _rules()["request_nouns"]:
        return obj
    for c in obj.children:
        if c.dep_ == "prep" and c.lower_ == "for":
            inner = _pobj(c)
            if inner is not None:
                return inner
        if c.dep_ in ("acl", "relcl", "xcomp") and c.pos_ == "VERB":
            inner = _child(c, ("dobj",))
            if inner is not None:
                return inner
    return obj


def _phrasal(tok) -> bool:
    """A particle right after the verb ('back', 'down', 'off', ...) makes it another verb."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return _child(tok, ("prt",)) is not None or (
        nxt is not None and nxt.head.i == tok.i and nxt.dep_ in ("advmod", "prt")
        and nxt.lower_ in ("back", "down", "off", "out", "up", "away"))


def _rules() -> dict:
    return load("claim_verbs")


def _verb_rules(tok) -> list[dict]:
    """The claim rules a verb triggers, by its form or, for any unlisted inflection, its lemma."""
    low = tok.lower_
    lemma = tok.lemma_.lower() if tok.pos_ in ("VERB", "AUX") else low
    return [r for r in _rules()["verbs"] if low in r["forms"] or lemma in r["forms"]]


def _child(tok, deps: tuple[str, ...], word: str | None = None):
    for c in tok.children:
        if c.dep_ in deps and (word is None or c.lower_ == word):
            return c
    return None


def _pobj(prep):
    return _child(prep, ("pobj", "pcomp")) if prep is not None else None


def _has_particle(tok, rule: dict):
    """The particle/preposition token a rule needs ('down', 'for', 'back' ... 'at')."""
    part = rule.get("particle")
    if not part:
        return tok
    nxt = [c for c in tok.children if c.lower_ == part]
    if not nxt and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == part:
        nxt = [tok.nbor(1)]
    if not nxt:
        return None
    then = rule.get("then")
    if then:
        for cand in (nxt[0], tok):
            c = _child(cand, ("prep", "dative", "prt", "advmod"), then)
            if c is not None:
                return c
        if tok.i + 2 < len(tok.doc) and tok.doc[nxt[0].i + 1].lower_ == then:
            return tok.doc[nxt[0].i + 1]
        return None
    return nxt[0]


def _find_prep(tok, word: str):
    """A preposition on ``tok``, or (when the parser hung it lower) anywhere in its phrase."""
    direct = _child(tok, ("prep",), word)
    if direct is not None:
        return direct
    for t in tok.subtree:
        if t.dep_ == "prep" and t.lower_ == word and t.i > tok.i:
            return t
    nxt = tok.right_edge.i + 1          # "demands from X for Y": the parser hung "for Y" on the verb
    if nxt < len(tok.doc) and tok.doc[nxt].lower_ == word and tok.doc[nxt].dep_ == "prep" \
            and tok.doc[nxt].head.i == tok.head.i:
        return tok.doc[nxt]
    return None


def _subject_token(tok):
    """Logical subject of a trigger: own subject, relative-clause head, or a conjunct's subject."""
    s = _child(tok, ("nsubj",))
    if s is not None:
        if s.lower_ in ("who", "which", "that") and tok.dep_ == "relcl":
            return tok.head
        return s
    if tok.dep_ == "relcl":
        return tok.head
    if tok.tag_ == "VBG" and tok.i > 0 and tok.nbor(-1).pos_ == "PROPN" and tok.nbor(-1).head.i != tok.i \
            and tok.dep_ in ("xcomp", "advcl", "conj", "acl"):
        return tok.nbor(-1)     # "..., and Jane Doe launching her bid": the name right before the gerund
    if tok.dep_ == "conj" and tok.tag_ in ("VBZ", "VBD", "VBP") and tok.head.tag_ in ("VB", "VBG", "VBN"):
        # "He says X is about to scrap Y and accuses Z": a finite verb is no conjunct of an
        # infinitive; it pairs with the nearest verb above of its own form
        for anc in tok.ancestors:
            if anc.tag_ == tok.tag_ and anc.pos_ == "VERB" and (s := _child(anc, ("nsubj",))) is not None:
                return s
    if tok.dep_ == "acl" and tok.i == tok.head.i + 1 and tok.head.dep_ == "ROOT" and \
            tok.head.lower_ in cue_lexicon()["document_nouns"]:
        return tok.head          # "The panel's paper urged X" parsed as a fragment
    if tok.dep_ in ("xcomp", "ccomp"):
        ctrl = _child(tok.head, ("dobj",))
        if ctrl is not None and ctrl.i < tok.i:
            return ctrl          # "asked the minister to confirm", "got X to lead": X does it
    cur = tok
    for _ in range(3):
        if cur.dep_ in ("conj", "xcomp", "advcl") and cur.head.i != cur.i:
            cur = _past_conjunct_head(cur)
            s = _child(cur, ("nsubj",))
            if s is not None:
                return s
        else:
            break
    return None


def _names_all(name: str, words: list[str]) -> bool:
    """Every word (or its stem: 'widget' ~ 'Widgets', 'ports' ~ 'Port') begins a word of ``name``."""
    have = re.findall(r"\w+", name.lower())
    stems = [w[:-1] if w.endswith("s") and len(w) > 4 else w for w in words]
    return all(any(h.startswith(st) for h in have) for st in stems)


def _past_conjunct_head(tok):
    """The clause a conjunct really joins: "X said the union would join the talks but condemned ...".

    Why: the parser hangs a past-tense conjunct on the nearest verb, here the
    reported "would join"; the tense change shows it continues the reporting
    verb, whose subject (X, not the party) is the actor.
    """
    head = tok.head
    if tok.dep_ == "conj" and head.pos_ in ("NOUN", "PROPN", "ADJ") and tok.sent.root.pos_ in ("VERB", "AUX"):
        return tok.sent.root        # "X writes Y was the reason and urges Z": the verb hung on a noun
    if tok.dep_ == "conj" and tok.tag_ == "VBD" and head.dep_ == "ccomp" and \
            _child(tok, ("aux",)) is None and any(c.dep_ == "aux" and c.lower_ in ("would", "will")
                                                  for c in head.children):
        return head.head
    return head


def _failure_phrase(tok) -> bool:
    """'voted against': reported of a rival, a charge like 'failed to'."""
    for first, second in _rules()["failure_phrases"]:
        if tok.lower_ == first and _child(tok, ("prep", "prt"), second) is not None:
            return True
    return False


def _performative(tok) -> bool:
    """'May I thank X', 'Can we pay tribute to X': the courtesy formula performs the act."""
    subj = _child(tok, ("nsubj",))
    aux = [c for c in tok.children if c.dep_ == "aux" and c.lower_ in ("can", "may", "might", "could")]
    return bool(aux) and subj is not None and subj.lower_ in ("i", "we") and aux[0].i < subj.i


def _has_mark(tok, words: tuple[str, ...] = ("whether", "if")) -> bool:
    """An embedded question or a condition ("asked whether X backs", "if X backs"): nothing done."""
    return any(c.dep_ == "mark" and c.lower_ in words for c in tok.children)


_NO_VERDICT_SUBJECTS = {"i", "we", "you", "they", "them", "there", "who", "which", "that", "this", "these",
                        "those", "what", "one"}


def _for_target(tok):
    """'it would be "reckless" for the council to ...': the judged party is the 'for' object."""
    for head in [tok, *(c for c in tok.children if c.dep_ in ("acomp", "attr"))]:
        o = _pobj(_child(head, ("prep",), "for"))
        if o is not None:
            return o
    for clause in tok.children:     # "... for the council to press on": 'for' marks a clause
        if clause.dep_ in ("advcl", "ccomp", "xcomp") and _has_mark(clause, ("for",)):
            return _child(clause, ("nsubj",))
    return None


def _described_by(tok):
    """Whom a describing noun describes: 'X, a critic of Y', 'X is one of the campaigners for Y',
    'X, who is a supporter of Y'. None when the noun describes nobody named."""
    while tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in ("one", "some", "among"):
        tok = tok.head.head
    if tok.dep_ == "appos":
        return tok.head
    if tok.dep_ == "attr" and tok.head.lemma_ == "be" and _child(tok.head, ("neg",)) is None:
        subj = _subject_token(tok.head)
        if subj is not None and subj.lower_ in ("who", "that"):
            verb = tok.head
            while verb.dep_ == "conj":      # "X, who lost her seat ... and who is today among ..."
                verb = verb.head
            return verb.head if verb.dep_ == "relcl" else None
        return subj
    return None


#: objects that name nothing by themselves
_INDEFINITES = {"something", "anything", "nothing", "everything", "someone", "anyone", "somebody", "anybody"}


def _proposal_clause(clause) -> bool:
    """'that X should/must be ...', 'that X be ...': a clause that says what ought to happen."""
    return clause.tag_ == "VB" or any(a.dep_ == "aux" and a.lower_ in ("should", "must", "ought", "could")
                                      for a in clause.children)


def _clause_follows(tok) -> bool:
    """'called for it to be mandatory': the pronoun is the subject of a clause that says what
    it is; in 'back it at second reading' it is a plain object that points elsewhere."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return tok.dep_ in ("nsubj", "nsubjpass") or (nxt is not None and nxt.lower_ in ("to", "being", "be"))


def _demonstrative(tok) -> bool:
    """'this idea', 'that plan': points back at context the claim would lose."""
    det = _child(tok, ("det",))
    return det is not None and det.lower_ in ("this", "that", "these", "those")


def _verdict_words(tok, subj, shallow: bool) -> list:
    """The words of a clause that can carry its verdict (not the subject, not side clauses).

    ``shallow`` keeps only the complement's head and its own modifiers, so a
    plain noun phrase is judged by what it is called, not by every word around.
    """
    skip = {t.i for t in subj.subtree} | {tok.i}
    for c in tok.children:
        if c.dep_ in ("ccomp", "advcl", "conj", "cc", "mark", "parataxis") or \
                (c.dep_ == "prep" and c.lower_ in ("for", "despite", "after", "before", "because", "with")):
            skip |= {t.i for t in c.subtree}
    for t in tok.subtree:          # "respond to X's comment with 'disgust'": the manner judges nobody here
        if t.dep_ == "prep" and t.lower_ == "with":
            skip |= {x.i for x in t.subtree}
    if not shallow:
        return [t for t in tok.subtree if t.i not in skip]
    words = [c for c in tok.children if c.dep_ == "neg"]
    for comp in tok.children:
        if comp.dep_ in ("attr", "acomp", "oprd") and comp.i not in skip:
            words += [comp, *(c for c in comp.children if c.dep_ in ("amod", "compound", "det", "neg", "advmod"))]
            for prep in (c for c in comp.children if c.dep_ == "prep"):   # "a patch on a rotten roof"
                for o in (c for c in prep.children if c.dep_ == "pobj"):
                    words += [c for c in o.children if c.dep_ == "amod"]
    return sorted(words, key=lambda t: t.i)


#: prepositions that complete an object noun ("a cap on fees", "the review of X", "tax breaks
#: for Y"); any other one after the noun ("a softer Brexit from the backbenches") is the
#: verb's circumstance, not part of the thing
_OBJECT_PREPS = frozenset({"of", "to", "on", "into", "for", "against", "about", "over", "with", "between"})


def _object_end(tok) -> int:
    """Index after the last token of an object phrase: the noun with its modifiers and
    complements ("a plan to scrap X" keeps its infinitive), up to its own relative or
    participial clause, a comma, a time ("last week") or a circumstantial preposition; a
    coordination is kept only while the whole stays short. Only the noun's own dependents
    are cut: what its complements carry stays whole."""
    end = tok.right_edge.i + 1
    for c in tok.rights:
        if _cuts_object(tok, c):
            return c.left_edge.i if c.dep_ != "punct" else c.i
    return end


def _cuts_object(head, c) -> bool:
    """Whether right child ``c`` of an object phrase's ``head`` ends the phrase."""
    if c.dep_ in ("relcl", "advcl", "appos", "npadvmod") or (c.dep_ == "acl" and c.left_edge.lower_ != "to"):
        return True
    if c.dep_ == "prep":
        obj = next((g for g in c.children if g.dep_ == "pobj"), None)
        return c.lower_ not in _OBJECT_PREPS or (obj is not None and obj.ent_type_ in ("DATE", "TIME"))
    if c.dep_ == "punct":
        return c.text in ",;:(–—"
    return c.dep_ == "cc" and head.right_edge.i + 1 - head.left_edge.i > _MAX_OBJECT_WORDS


def _phrase(doc, tok, text: str) -> tuple[str, int]:
    """A short object phrase: the noun phrase the token heads (see :func:`_object_end`),
    clipped, without leading articles."""
    toks = list(doc[tok.left_edge.i:_object_end(tok)])
    toks = toks[:_MAX_OBJECT_WORDS]
    if not toks:
        return "", tok.idx
    a, b = toks[0].idx, toks[-1].idx + len(toks[-1])
    phrase = text[a:b].strip(" ,.;:“”\"'‘’")
    return phrase, b


def tone(tokens) -> int:
    """Sign of an evaluation: +1 praise, -1 attack, 0 neutral (a "not" flips the words' sign).

    Why: "described X as Y" and "X said Y was 'Z'" are claims only when Y/Z judge;
    the tone lexicon in the data file decides which way.
    """
    rules = _rules()
    neg, pos = set(rules["negative_words"]), set(rules["positive_words"])
    tokens = list(tokens)
    ids = {t.i for t in tokens}
    score, flip = 0, False
    for t in tokens:
        w = t.lower_.strip("‘’'\"“”")
        lemma = t.lemma_.lower()
        if _hyphenated(t) or _nested(t, ids):
            continue            # "half-right" is not "right"; "a body that did not act" is no "not"
        if w in neg or lemma in neg:        # any inflection: "shamed" is "shame"
            score -= 1
        elif w in pos or lemma in pos:
            score += 1
        elif t.dep_ == "neg" or w in ("not", "never", "n't"):
            flip = True
        elif w == "no" and t.dep_ == "det":
            score -= 1                  # "has 'no answers'", "'no idea'"
    if flip:
        score = -score
    return (score > 0) - (score < 0)


def _hyphenated(tok) -> bool:
    """Part of a hyphenated compound ("half-right", "long-awaited")."""
    doc = tok.doc
    before = tok.i > 0 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_
    after = tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-" and not tok.whitespace_
    return before or after


def _nested(tok, ids: set[int]) -> bool:
    """A negation inside a relative or subordinate clause of the evaluated words."""
    if tok.dep_ != "neg":
        return False
    cur = tok.head
    while cur.i in ids and cur.head.i != cur.i:
        if cur.dep_ in ("relcl", "acl", "advcl", "ccomp"):
            return True
        cur = cur.head
    return False


def in_quotes(text: str, pos: int) -> bool:
    """Whether offset ``pos`` sits inside a double-quoted (or ‘curly single’) run of its paragraph."""
    start = text.rfind("\n", 0, pos) + 1
    before = text[start:pos]
    if before.count("“") > before.count("”"):
        return True
    if before.count('"') % 2 == 1:
        return True
    opens = len(re.findall(r"(?:^|[\s(\[])‘", before))
    closes = len(re.findall(r"’(?=[\s.,;:!?)\]]|$)", before))
    return opens > closes


@cache
def _negative_passives() -> dict[str, tuple[list[str], ...]]:
    """The negative passive phrases ("betrayed by", ...) as word lists, keyed by their first word."""
    index: dict[str, list[list[str]]] = {}
    for phrase in _rules()["negative_passives"]:
        words = phrase.lower().split()
        index.setdefault(words[0], []).append(words)
    return {k: tuple(v) for k, v in index.items()}


def is_question(sent) -> bool:
    """A question asserts nothing, unless it is a courtesy formula ("May I thank X ...?")."""
    if not sent.text.rstrip().rstrip("”\"’'").endswith("?"):
        return False
    words = [t.lower_ for t in sent if t.is_alpha][:2]
    return " ".join(words) not in _rules()["performative_openers"]


class _ClaimFinder:
    """Claims of one entry."""

    def __init__(self, finder: SpeakerFinder, entry, doc, memory, speaker_at, statements):
        self.finder, self.entry, self.doc = finder, entry, doc
        self.text = entry.text
        self.memory = memory
        self.speaker_at = speaker_at
        self.statements = statements
        self.out: list[Claim] = []
        self.seen: set[tuple] = set()
        self.spans: set[tuple[str, int, int]] = set()
        self._questions: dict[int, bool] = {}

    def is_question(self, sent) -> bool:
        """:func:`is_question`, once per sentence (statement scans ask for each token's sentence)."""
        known = self._questions.get(sent.start)
        if known is None:
            known = self._questions[sent.start] = is_question(sent)
        return known

    def resolve(self, tok) -> str | None:
        """Entity a token names: the shared resolver, then the whole phrase, then 'the bill'."""
        if tok is None:
            return None
        if tok.pos_ == "PRON" and tok.dep_ == "nsubj" and tok.lower_ in PRONOUN_GENDER \
                and is_cue(tok.head, in_context=False) and (said := self.speaker_at(tok.head.idx)):
            return said         # "He says ... and accuses X": the one the statement gives the words to
        key = self.finder.resolve_token(tok, self.memory, self.speaker_at)
        if key and tok.pos_ == "PRON" and PRONOUN_GENDER.get(tok.lower_) == "p" and not self.salient(key, tok):
            return None         # "they", "it": only a party, body or bill the text is about just now
        if key and tok.pos_ == "PRON" and PRONOUN_GENDER.get(tok.lower_) in ("m", "f") \
                and key == self.quoted_speaker(tok.idx):
            return None         # "he" in Doe's own quoted words is someone else, never Doe
        if key or tok.pos_ == "PRON":
            return key
        return self.phrase_key(tok) or self.type_noun_key(tok) or self.acronym_key(tok) or self.described(tok)

    def proposal_meant(self, tok, subj_key: str):
        """The latest proposal by someone else in this entry, when the object is 'this suggestion',
        'the idea', 'that call' with nothing of its own to say what it is."""
        if tok.lemma_.lower() not in _rules()["proposal_nouns"]:
            return None
        det = _child(tok, ("det",))
        if det is None or det.lower_ not in ("this", "that", "the") or \
                any(c.dep_ in ("prep", "acl", "relcl", "ccomp") for c in tok.children):
            return None
        return next((c for c in reversed(self.out) if c.predicate == "proposes" and c.subject != subj_key
                     and c.prov.span.start < tok.idx), None)

    def quoted_speaker(self, pos: int) -> str | None:
        """The speaker whose own quoted words are at ``pos`` (a direct statement, or the quoted
        part of an indirect one)."""
        for st in self.statements:
            if st.prov.span.start <= pos < st.prov.span.end and (st.kind == "direct" or in_quotes(self.text, pos)):
                return st.speaker
        return None

    def salient(self, key: str, tok) -> bool:
        """A bill or inquiry, or an actor that is a subject of this sentence or the two before."""
        ent = self.finder.entities.get(key)
        if ent is not None and ent.type in ("Bill", "Inquiry"):
            return True
        here = self.memory.sentence_of(tok.idx)
        return any(k == key and subj and here - self.memory.sentence_of(p) <= 2
                   for p, k, subj in self.memory.before(tok.idx))

    def described(self, tok) -> str | None:
        """'A senior MP has attacked ...' when the tagger made 'MP' a proper noun."""
        if tok.pos_ != "PROPN" or tok.lower_ not in cue_lexicon()["person_nouns"]:
            return None
        return self.finder._person_description(tok, self.memory)

    def phrase_key(self, tok) -> str | None:
        """The whole noun phrase up to its head, brackets and all ("The Widget (Repair) Bill")."""
        if tok.pos_ not in ("PROPN", "NOUN"):
            return None
        end = tok.idx + len(tok)
        for c in tok.rights:
            if c.dep_ in ("compound", "flat"):
                end = c.right_edge.idx + len(c.right_edge)
        return self.finder.lookup(self.text[tok.left_edge.idx:end])

    def type_noun_key(self, tok) -> str | None:
        """'the bill' / 'widget bill' -> the document's one bill (or the one its modifiers name).

        Why: a live blog names a bill in full once and then says "the bill"; a
        new entry may not repeat the name, so entry memory alone misses it.
        """
        rules = _rules()
        types = rules["type_nouns"].get(tok.lower_)
        if not types or tok.pos_ not in ("NOUN", "PROPN"):
            return None
        det = _child(tok, ("det",))
        if det is not None and det.lower_ in rules["indefinite_dets"]:
            return None
        mods = [c.lower_ for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and c.is_alpha]
        cands = [e for e in self.finder.entities.values() if e.type in types]
        if not mods and (det is None or det.lower_ not in ("the", "this", "that")):
            return None
        if mods:
            cands = [e for e in cands if _names_all(e.name, mods)]
        if len(cands) > 1:      # "the independent inquiry": prefer the one that is called an inquiry
            cands = [e for e in cands if _names_all(e.name, [tok.lower_])] or cands
        return cands[0].key if len(cands) == 1 else None

    def acronym_key(self, tok) -> str | None:
        """'the WRA', 'NWA': the one body, inquiry or party whose initials the word spells."""
        if not (tok.is_upper or tok.text[:1].isupper() and sum(ch.isupper() for ch in tok.text) >= 2):
            return None
        hits = {e.key for e in self.finder.entities.values() if e.type in ("Body", "Inquiry", "Party")
                and initials_match(tok.text, e.name)}
        return hits.pop() if len(hits) == 1 else None

    def object_key(self, tok, subj_key: str) -> str | None:
        """An object's entity: 'him'/'her' is never the clause's own subject; 'X's comment' is X."""
        low = tok.lower_
        if tok.pos_ == "PRON" and low in PRONOUN_GENDER and not low.endswith(("self", "selves")):
            want = PRONOUN_GENDER[low]
            for key in self.memory.ranked_before(tok.idx):
                ent = self.finder.entities.get(key)
                if key == subj_key or ent is None:
                    continue
                if want == "p" and ent.type != "Person":
                    if low in ("it", "its") and ent.type == "Party":
                        continue    # "we called for it": a party is "they", the thing called for is "it"
                    return key if self.salient(key, tok) else None
                if want != "p" and ent.type == "Person" and self.finder.gender(key) in ("", want):
                    return key
            return None
        if low in cue_lexicon()["nouns"]:
            poss = _child(tok, ("poss",))
            if poss is not None:
                return self.resolve(poss)
        key = self.resolve(tok) if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ else None
        if key is None and tok.pos_ != "PRON":
            key = self.finder._base_np(tok) or self.phrase_key(tok) or self.type_noun_key(tok)
        if key is None and tok.pos_ == "NOUN":
            # "to see the shadow home secretary weaponise this": the parser took the verb for the
            # head noun; the name is the compound run before it
            lo = tok.left_edge.i
            for j in range(tok.i - 1, lo, -1):
                if tok.doc[j].dep_ != "compound":
                    break
                key = self.finder.lookup(tok.doc[lo:j + 1].text)
                if key:
                    break
        return key

    def announced(self, tok) -> bool:
        """'asked X to confirm' is a request; 'X will unveil', in another's words, is a prediction."""
        if tok.dep_ == "xcomp" and tok.head.lower_ in _rules()["request_verbs"]:
            return False
        future = any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll") for c in tok.children)
        speaker = self.speaker_at(tok.idx)
        subj = self.resolve(_subject_token(tok))
        return not (future and speaker and subj and subj != speaker)

    def reported(self, tok) -> bool:
        """Whether a verb sits in reported speech (where "would" is the past of "will")."""
        if self.speaker_at(tok.idx):
            return True
        forms = cue_lexicon()["forms"]
        return any(a.lower_ in forms for a in tok.ancestors)

    def modal_blocks(self, tok) -> bool:
        """'can announce', 'might back': not (yet) done; reported 'would back' is a commitment."""
        modals = [c.lower_ for c in tok.children if c.dep_ == "aux" and c.lower_ in _WEAK_MODALS]
        if not modals:
            return False
        if _performative(tok):
            return False
        return not (set(modals) == {"would"} and self.reported(tok))

    def add(self, subj_key: str | None, predicate: str, obj_tok, anchor, obj_key: str | None = None,
            obj_text: str = "", start: int | None = None, end: int | None = None, conf: float = 0.6) -> None:
        if not subj_key:
            return
        if obj_tok is not None and obj_tok.lower_ in _PRONOUN_OBJECTS and not obj_text and _clause_follows(obj_tok):
            # "called for it to be mandatory": the clause after the pronoun says what "it" is
            right = max((t.idx + len(t) for t in anchor.subtree), default=obj_tok.idx + len(obj_tok))
            obj_text = " ".join(self.text[obj_tok.idx:right].split()[:_MAX_OBJECT_WORDS])
        if obj_tok is not None and obj_key is None and not obj_text and predicate != "proposes":
            earlier = self.proposal_meant(obj_tok, subj_key)
            if earlier is not None:     # "welcomed this suggestion": the proposal just made
                obj_key = earlier.object
                obj_text = re.sub(r"^to\s+\w+\s+(?:(?:a|an|the)\s+)?", "", earlier.object_text)
        if obj_tok is not None and obj_key is None and not obj_text:
            obj_key = self.object_key(obj_tok, subj_key)
            if obj_key is None:
                obj_text, _ = _phrase(self.doc, obj_tok, self.text)
        if obj_key == subj_key:
            return
        obj_text = _DETERMINER.sub("", obj_text.strip())
        if not obj_key and obj_text.split(" ", 1)[0].lower() in _INDEFINITES:
            return              # "proposes something that ...": the words name nothing
        if not obj_key and (not obj_text or obj_text.lower() in PRONOUN_GENDER or obj_text.lower() in _RELATIVES
                            or obj_text.split()[0].lower() in _SUBJECT_PRONOUNS):
            return              # an unresolved pronoun, a relative or a clause is no object
        if not obj_key:
            obj_key = self.named_in(obj_text, subj_key)
            if obj_key:
                obj_text = ""
        if predicate in ("praises", "criticises") and obj_tok is not None and not obj_key:
            owner = _child(obj_tok, ("poss",))      # "hailed the party's result": the party
            owner_key = self.resolve(owner) if owner is not None and owner.pos_ != "PRON" else None
            if owner_key and owner_key != subj_key:
                obj_key, obj_text = owner_key, ""
        # evidence: the trigger's sentence within its paragraph, where the gold-style reader looks
        sent = anchor.sent
        para_start = self.text.rfind("\n", 0, anchor.idx) + 1
        para_end = self.text.find("\n", anchor.idx)
        para_end = len(self.text) if para_end < 0 else para_end
        lo, hi = max(sent.start_char, para_start), min(sent.end_char, para_end)
        if start is not None and end is not None and end - start > 0:
            lo, hi = min(lo, max(start, para_start)), max(hi, min(end, para_end))
        evidence = self.text[lo:hi].strip()
        words = evidence.split()
        if len(words) > _MAX_EVIDENCE_WORDS:
            evidence = " ".join(words[:_MAX_EVIDENCE_WORDS])
        key = (subj_key, predicate, obj_key or obj_text.lower())
        if key in self.seen:
            return
        self.seen.add(key)
        span = self.unique_span(predicate, lo, max(hi, lo), anchor, obj_tok)
        self.out.append(Claim(subject=subj_key, predicate=predicate, evidence=evidence,
                              prov=Provenance(self.entry.id, span, EXTRACTOR, conf),
                              object=obj_key or "", object_text="" if obj_key else obj_text))

    def named_in(self, phrase: str, subj_key: str) -> str | None:
        """The inquiry, bill or body a free-text object describes ('the child abuse inquiry' is
        the Independent Inquiry into Child Abuse): every content word of the phrase is in one
        known name of that type, the phrase's head word among them. Unique, or nothing."""
        words = content_words(phrase)
        if len(words) < 2 or len(words) > 8:
            return None
        stems = {w[:5] for w in words}
        subj = self.finder.entities.get(subj_key)
        hits = set()
        for ent in self.finder.entities.values():
            if ent.type not in ("Inquiry", "Bill", "Body") or ent.key == subj_key or (subj and subj.type == ent.type):
                continue        # "the inquiry's investigation into X" is about X, not another inquiry
            for name in (ent.name, *ent.aliases):
                have = {w[:5] for w in content_words(name)}
                if stems <= have and words[-1][:5] in have:
                    hits.add(ent.key)
                    break
        return hits.pop() if len(hits) == 1 else None

    def unique_span(self, predicate: str, lo: int, hi: int, anchor, obj_tok) -> Span:
        """The evidence span, or a run inside it, that no other claim of this predicate uses.

        Why: a claim's node is named after its entry, span and predicate, so two
        claims read from one sentence ("pleas from X and Y for Z") would merge into one
        node with two subjects; a narrower span (trigger onwards, the trigger, the
        object) keeps them apart.
        """
        a = anchor.idx
        tries = [(lo, hi), (a, hi), (a, a + len(anchor)), (lo, a + len(anchor))]
        if obj_tok is not None:
            tries += [(obj_tok.idx, hi), (min(a, obj_tok.idx), max(a + len(anchor), obj_tok.idx + len(obj_tok)))]
        tries += [(lo + i, hi) for i in range(1, 20)]
        for start, end in tries:
            if lo <= start < end <= hi and (predicate, start, end) not in self.spans:
                self.spans.add((predicate, start, end))
                return Span(start, end)
        return Span(lo, hi)

    # -- triggers ---------------------------------------------------------
    def run(self) -> list[Claim]:
        for sent in self.doc.sents:
            if self.is_question(sent):
                continue            # a question asserts nothing
            for tok in sent:
                if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
                    for rule in _verb_rules(tok):
                        self.verb(tok, rule)
                    self.passive(tok)
                    self.passive_agent(tok)
                    self.judge(tok)
                self.reaction(tok)
                if tok.pos_ in ("NOUN", "PROPN"):
                    self.noun(tok)
                    self.misparsed_verb(tok)
        self.announcements()
        self.failures()
        for st in self.statements:
            self.judgements(st)
        return self.out

    def judge(self, tok) -> None:
        """'described X as Y' / 'called X a Y': the tone of the description Y decides praise or attack."""
        if tok.lower_ not in _rules()["judging_verbs"] or _child(tok, ("neg",)) is not None:
            return
        target = _child(tok, ("dobj",))
        if target is None or self.modal_blocks(tok):
            return
        desc = _pobj(_child(tok, ("prep",), "as")) or _pobj(_child(target, ("prep",), "as")) \
            or _child(tok, ("oprd", "xcomp")) or _child(target, ("appos",))
        if desc is None:
            return
        sign = tone(desc.subtree)
        if sign == 0:
            return
        subj = _subject_token(tok)
        start = subj.left_edge.idx if subj is not None and 0 < tok.i - subj.i <= 12 else tok.idx
        self.add(self.resolve(subj), "praises" if sign > 0 else "criticises", target, tok, start=start,
                 end=desc.right_edge.idx + len(desc.right_edge), conf=0.55)

    def reaction(self, tok) -> None:
        """'horrified to see X scrap ...', 'found it shocking that X ...': the reactor attacks X."""
        if tok.lower_ not in _rules()["reaction_words"] or _child(tok, ("neg",)) is not None:
            return
        who = self.speaker_at(tok.idx)
        if who is None:
            head = tok.head if tok.dep_ in ("acomp", "oprd", "xcomp") else tok
            who = self.resolve(_child(head, ("nsubj",)))
        if who is None:
            return
        region = list(tok.subtree)
        if tok.dep_ in ("acomp", "oprd", "xcomp", "ccomp"):
            region += [t for c in tok.head.children if c.dep_ == "ccomp" and c.i > tok.i for t in c.subtree]
        for t in region:
            if t.i > tok.i and t.dep_ in ("nsubj", "nsubjpass", "dobj") and t.lower_ not in _PRONOUN_OBJECTS:
                key = self.resolve(t) if t.pos_ != "NOUN" or t.ent_type_ else self.object_key(t, who)
                if key == who:
                    continue
                if key or t.pos_ == "NOUN":
                    self.add(who, "criticises", t, tok, obj_key=key, start=tok.idx,
                             end=t.right_edge.idx + len(t.right_edge), conf=0.5)
                    return

    def judgements(self, st) -> None:
        """Judgements in a speaker's words: "Y was 'a shambles'", "X 'ignored us'", "'betrayed by X'".

        Why: a reported verdict on an actor or a measure is an attack or praise by
        the speaker even though no attacking verb is used. Only quoted words count
        in indirect speech (the outlet's own words are not the speaker's verdict).
        """
        for tok in tokens_in(self.doc, st.prov.span.start, st.prov.span.end):
            if not self.is_question(tok.sent):
                self.negative_passive(st, tok)
                if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
                    self.verdict(st, tok)

    def quoted(self, st, tokens) -> list:
        """Those tokens that are the speaker's own (quoted) words."""
        if st.kind == "direct":
            return list(tokens)
        return [t for t in tokens if in_quotes(self.text, t.idx)]

    def verdict(self, st, tok) -> None:
        """'Y is/was <judging words>' or 'X <verb> <quoted judging words>' inside a statement.

        An entity subject may be judged by any verb ("the council 'should be
        ashamed'"); a plain noun phrase only by a copula, and only by the
        words that head the complement ("the fee was 'a cruel tax ...'").
        """
        subj = _child(tok, ("nsubj",)) or _child(tok, ("nsubjpass",))   # "Y has been 'shamed'"
        if subj is None or subj.lower_ in _NO_VERDICT_SUBJECTS or _has_mark(tok):
            return
        copula = tok.lower_ in _rules()["copulas"]
        judge = st.speaker
        nouns = cue_lexicon()["nouns"]
        said_in = next((a for a in tok.ancestors if a.pos_ == "NOUN" and a.lower_ in nouns), None)
        if said_in is not None:     # "X's claim that she was 'an apologist'": X's verdict, not the speaker's
            owner = _child(said_in, ("poss",))
            judge = self.resolve(owner) if owner is not None else None
            if not judge:
                return
        target = _for_target(tok) if subj.lower_ == "it" else subj
        if target is None:
            return
        key = self.resolve(target)
        if key == judge:
            return
        if key is None and (not copula or target.pos_ not in ("NOUN", "PROPN") or _demonstrative(target)
                            or _child(tok, ("aux",)) is not None):
            return
        words = _verdict_words(tok, subj, shallow=key is None)
        if subj.dep_ == "nsubjpass":
            words = sorted([*words, tok], key=lambda t: t.i)   # the passive verb is the verdict
        words = self.quoted(st, words)
        if key and copula and any(w.lower_ in _rules()["agreeing_words"] and w.dep_ == "acomp" for w in words):
            predicate = "supports"      # "I think X is right"
        else:
            sign = tone(words) if words else 0
            if sign == 0:
                return
            predicate = "praises" if sign > 0 else "criticises"
        self.add(judge, predicate, target, tok, obj_key=key,
                 start=subj.left_edge.idx, end=tok.right_edge.idx + len(tok.right_edge), conf=0.45)

    def negative_passive(self, st, tok) -> None:
        """'betrayed by X', 'misled by X' in a speaker's words: the speaker attacks X."""
        for words in _negative_passives().get(tok.lower_, ()):
            if tok.i + len(words) > len(self.doc):
                continue
            if [t.lower_ for t in self.doc[tok.i:tok.i + len(words)]] != words:
                continue
            if _child(tok, ("neg",)) is not None or _child(tok.head, ("neg",)) is not None:
                return
            agent = _child(tok, ("agent",)) or _find_prep(tok, "by")
            x = _pobj(agent)
            if x is not None and (key := self.resolve(x)) != st.speaker:
                self.add(st.speaker, "criticises", x, tok, obj_key=key, start=tok.idx,
                         end=x.right_edge.idx + len(x.right_edge), conf=0.5)
            return

    def failures(self) -> None:
        """A speaker who reports that someone 'failed to' act criticises them."""
        verbs = set(_rules()["failure_verbs"])
        for st in self.statements:
            for tok in tokens_in(self.doc, st.prov.span.start, st.prov.span.end):
                if (tok.lower_ in verbs or _failure_phrase(tok)) and tok.pos_ == "VERB":
                    subj = _child(tok, ("nsubj",))
                    if subj is None or subj.pos_ == "PRON":
                        continue
                    key = self.resolve(subj)
                    if key and key != st.speaker:
                        self.add(st.speaker, "criticises", subj, tok, obj_key=key, conf=0.5)

    def verb(self, tok, rule: dict) -> None:
        part = _has_particle(tok, rule)
        if part is None:
            return
        if not rule.get("particle") and _phrasal(tok):
            return                  # "run out", "fought back tears", "backed down": another verb
        if _child(tok, ("nsubjpass",)) is not None or _child(tok, ("neg",)) is not None:
            return
        if self.modal_blocks(tok) or _has_mark(tok):
            return
        if rule["predicate"] == "announces" and not self.announced(tok):
            return
        if tok.dep_ == "xcomp" and tok.head.lower_ in _rules()["request_verbs"] \
                and _child(tok.head, ("prep",), "on") is not None:
            return                  # "called on X to back Y": demanded of X, not (yet) done by anyone
        if rule.get("needs_dobj") and _child(tok, ("dobj",)) is None:
            return
        if rule.get("needs_object_with") and _child(tok, ("prep",), rule["object_with"]) is None and \
                _child(_child(tok, ("dobj",)) or tok, ("prep",), rule["object_with"]) is None:
            return              # "puts a cap on X" includes; "puts 150,000 into poverty" does not
        subj = _subject_token(tok)
        if tok.dep_ == "acl" and subj is None:
            return
        subj_key = self.resolve(subj)
        types = rule.get("subject_types")
        if subj_key and types and self.finder.entities[subj_key].type not in types:
            return
        obj = self.object_of(tok, part, rule)
        if obj is None or obj.lemma_.lower() in rule.get("not_objects", ()) or obj.lower_ in rule.get("not_objects", ()):
            return
        if rule["predicate"] != "announces":
            obj = _unwrap_request(obj)      # "launched a bid for X" announces the bid, not X
        start = min(subj.left_edge.idx, tok.idx) if subj is not None and subj.i < tok.i else tok.idx
        if subj is not None and subj.i < tok.i and tok.i - subj.i > 12:
            start = subj.idx if tok.i - subj.i <= 25 else tok.idx
        obj_types = rule.get("object_types")
        obj_key = None
        if obj_types:
            obj_key = self.resolve(obj) if obj.pos_ in ("PROPN",) or obj.ent_type_ else None
            if obj_key and self.finder.entities[obj_key].type not in obj_types:
                return
        if rule.get("actor_object") and obj_key is None:
            obj_key = self.object_key(obj, subj_key)
            ent = self.finder.entities.get(obj_key) if obj_key else None
            if ent is None or ent.type not in ("Person", "Party", "Body"):
                return
        obj_text = self.extended_object(tok, obj, rule) if obj_key is None else ""
        self.add(subj_key, rule["predicate"], obj, tok, obj_key=obj_key, obj_text=obj_text, start=start,
                 conf=0.65)

    def extended_object(self, tok, obj, rule: dict) -> str:
        """'puts a cap on fees for ...': the object runs on through the rule's preposition."""
        word = rule.get("object_with")
        prep = _child(tok, ("prep",), word) if word else None
        if prep is None or prep.i < obj.i:
            return ""
        right = prep.right_edge
        for c in tok.rights:        # "... on every firm to file a return"
            if c.i > prep.i and c.dep_ in ("xcomp", "advcl") and c.left_edge.lower_ == "to":
                right = c.right_edge
        words = self.text[obj.left_edge.idx:right.idx + len(right)].split()
        return " ".join(words[:_MAX_OBJECT_WORDS + 6]).strip(" ,.;:")

    def object_of(self, tok, part, rule: dict):
        for where in rule["object"].split("|"):
            if where == "dobj":
                o = _child(tok, ("dobj",))
                clause = _child(tok, ("ccomp",))
                if o is not None and clause is not None and clause.i > o.i and _child(clause, ("nsubj",)) is None \
                        and rule["predicate"] == "proposes" and not _proposal_clause(clause):
                    return None     # "suggesting the proceedings were odd": the object is the clause's subject
                if o is None:       # "praise (Ms X) for ...": a bracketed name parses as npadvmod
                    o = next((c for c in tok.rights if c.dep_ == "npadvmod" and c.pos_ == "PROPN"), None)
                if o is not None:
                    return o
            elif where.startswith("prep:"):
                word = where.split(":", 1)[1]
                prep = part if part is not None and part.i != tok.i and part.lower_ == word else \
                    _child(tok, ("prep", "dative"), word)
                if prep is None and (d := _child(tok, ("dobj",))) is not None:
                    prep = _child(d, ("prep",), word)      # "poll staff on X": hung on the object
                o = _pobj(prep)
                if o is not None:
                    return o
                if prep is not None and tok.dep_ == "relcl":
                    return tok.head         # "an idea that X long pushed for"
                if prep is not None and prep.dep_ == "mark" and prep.head.i > tok.i:
                    return prep.head        # "pressed for the rules to be eased": a clause object
            elif where == "xcomp":
                o = _child(tok, ("xcomp",))
                if o is not None:
                    return o
            elif where == "ccomp":
                c = _child(tok, ("ccomp",))
                if c is not None and rule["predicate"] == "proposes" and not _proposal_clause(c):
                    c = None        # "suggesting the proceedings were odd" asserts; a proposal says what should be
                if c is not None and rule["predicate"] == "proposes" and not _has_mark(c, ("whether", "if")):
                    return c        # "suggested that the council should hold a review": the whole proposal
                if c is not None and not _has_mark(c):
                    s = _child(c, ("nsubjpass", "nsubj"))
                    if s is not None and s.pos_ == "PRON":
                        return None     # "confirmed she'll vote for it": no actor is announced
                    return s or c
            elif where == "oprd":
                if _child(tok, ("oprd",)) is not None:
                    return _child(tok, ("dobj",))
        return None

    def misparsed_verb(self, tok) -> None:
        """'Jane Doe attacks Widget Party': the small model often tags a headline's present-tense
        verb as a plural noun. Between two named actors, a listed verb form is read as the verb."""
        if not tok.lower_.endswith("s") or tok.tag_ not in ("NNS", "NNPS") or tok.i == 0 or tok.i + 1 >= len(self.doc):
            return
        rules = [r for r in _rules()["verbs"] if tok.lower_ in r["forms"] and not r.get("particle")]
        if not rules:
            return
        before, after = self.doc[tok.i - 1], self.doc[tok.i + 1]
        subj_key, obj_key = self.resolve(before), self.resolve(after)
        if subj_key and obj_key and subj_key != obj_key and before.pos_ in ("PROPN", "NOUN") \
                and after.pos_ == "PROPN":
            self.add(subj_key, rules[0]["predicate"], after, tok, obj_key=obj_key, conf=0.5)

    def passive_agent(self, tok) -> None:
        """'Amendment A, tabled by X' / 'the plan was rejected by X and Y': any claim verb in the
        passive with a 'by' agent; the agents are the subjects, the thing done to the object."""
        if tok.tag_ != "VBN" or tok.lower_ in _rules()["passive_leads"]:
            return
        agent = _child(tok, ("agent",))
        x = _pobj(agent)
        if x is None or _child(tok, ("neg",)) is not None:
            return
        y = _child(tok, ("nsubjpass",)) if tok.dep_ not in ("acl", "relcl") else tok.head
        if y is None or y.pos_ == "PRON" and tok.dep_ not in ("acl", "relcl"):
            return
        for rule in _verb_rules(tok):
            if rule["predicate"] in ("includes", "refers") or _has_particle(tok, rule) is None:
                continue
            obj_text = ""
            if tok.dep_ in ("acl", "relcl"):      # the noun without the clause that describes it
                obj_text = self.text[y.left_edge.idx:tok.left_edge.idx].strip(" ,;:–—-")
            for who in (x, *[c for c in x.conjuncts if c.i > x.i]):
                key = self.resolve(who)
                if key:
                    self.add(key, rule["predicate"], y, tok, obj_text=obj_text, start=min(y.left_edge.idx, tok.idx),
                             end=who.right_edge.idx + len(who.right_edge), conf=0.6)
            return

    def passive(self, tok) -> None:
        """'Y, led by X' / 'Y is chaired by X' (leads) and 'A will be included in B' (includes)."""
        rules = _rules()
        low = tok.lower_
        if low in rules["passive_leads"]:
            agent = _child(tok, ("agent",))
            x = _pobj(agent)
            if x is None:
                return
            y = _child(tok, ("nsubjpass",)) if tok.dep_ != "acl" else tok.head
            if y is None:
                return
            self.add(self.resolve(x), "leads", y, tok, start=min(y.idx, tok.idx),
                     end=x.right_edge.idx + len(x.right_edge), conf=0.7)
        elif low in rules["passive_includes"] and _child(tok, ("auxpass",)) is not None:
            measure = _child(tok, ("nsubjpass",))
            prep = _child(tok, ("prep",), "in")
            bill = _pobj(prep)
            if measure is None or bill is None:
                return
            key = self.resolve(bill) or self.finder._base_np(bill)
            if key and self.finder.entities[key].type in ("Bill", "Inquiry"):
                self.add(key, "includes", measure, tok, start=measure.left_edge.idx,
                         end=bill.right_edge.idx + len(bill.right_edge), conf=0.7)

    def noun(self, tok) -> None:
        """'demands from X for Y', 'X's request to ...', 'X carried out an investigation into Y',
        'work by X into Y', 'we need an inquiry into Y' (a want is a proposal)."""
        rules = _rules()
        low = tok.lower_
        for rule in rules["nouns"]:
            if low not in rule["forms"]:
                continue
            obj = None
            for where in rule["object"].split("|"):
                if where.startswith("prep:"):
                    obj = _pobj(_find_prep(tok, where.split(":")[1]))
                else:
                    obj = _child(tok, (where,))
                if obj is not None:
                    break
            received = tok.dep_ in ("dobj", "pobj") and tok.head.lower_ in rule.get("not_heads", ())
            if obj is None and received:
                obj = _subject_token(tok.head)      # "X faced criticism from Y": X is the one criticised
            if obj is None:
                continue
            if rule.get("object_not_types") and (k := self.resolve(obj)) and \
                    self.finder.entities[k].type in rule["object_not_types"]:
                continue            # "an attack on Kharkiv" is war news, not a political attack
            predicate = rule["predicate"]
            subjects = []
            for where in rule["subject"].split("|"):
                if where == "poss":
                    poss = _child(tok, ("poss",))
                    subjects = [poss] if poss is not None and self.resolve(poss) else []
                elif where.startswith("prep:"):
                    frm = _pobj(_child(tok, ("prep", "agent"), where.split(":")[1]))
                    if frm is None and received:    # "faced criticism (from Y)": hung on the verb
                        frm = _pobj(_child(tok.head, ("prep", "agent"), where.split(":")[1]))
                    subjects = [frm, *frm.conjuncts] if frm is not None else []
                elif where == "described":
                    s = _described_by(tok)
                    subjects = [s] if s is not None else []
                elif where == "verb" and tok.dep_ in ("dobj", "pobj") and tok.head.pos_ in ("VERB", "AUX"):
                    head = tok.head
                    if head.lower_ in rules["opposing_heads"] or _child(head, ("neg",)) is not None \
                            or head.lower_ in rule.get("not_heads", ()):
                        continue    # "rebuffed pleas for Y": the pleas are someone else's
                    if predicate == "investigates" and head.lower_ in rules["wanting_verbs"]:
                        predicate, obj = "proposes", tok
                    elif predicate == "investigates" and head.lower_ not in rules["investigating_verbs"]:
                        continue
                    s = _subject_token(head)
                    subjects = [s] if s is not None else []
                if subjects:
                    break
            for s in subjects:
                start = min(s.left_edge.idx, tok.idx)
                self.add(self.resolve(s), predicate, obj, tok, start=start, conf=0.55)
        if low in rules["possessive_leads"]:
            poss = _child(tok, ("poss",))
            if poss is not None and poss.ent_type_ == "PERSON":
                key = self.resolve(poss)
                if key and self.finder.is_person(key):
                    phrase = self.text[tok.left_edge.idx:tok.idx + len(tok)]
                    obj_key = self.finder.lookup(phrase)
                    self.add(key, "leads", tok, tok, obj_key=obj_key,
                             obj_text="" if obj_key else re.sub(r"^.*?['’]s?\s+", "", phrase),
                             start=poss.left_edge.idx, end=tok.idx + len(tok), conf=0.55)

    def announcements(self) -> None:
        """What a speaker reports 'will be published / set up / made' is announced by them."""
        rules = _rules()
        for st in self.statements:
            if st.cue not in rules["announcing_cues"]:
                continue
            for tok in tokens_in(self.doc, st.prov.span.start, st.prov.span.end):
                if tok.lower_ not in rules["announce_passive"]:
                    continue
                if _child(tok, ("auxpass",)) is None:
                    continue
                aux = [c.lower_ for c in tok.children if c.dep_ == "aux"]
                if not any(x in ("will", "would", "is", "are", "be", "being") for x in aux) and \
                        not any(c.lower_ == "being" for c in tok.children):
                    continue
                thing = _child(tok, ("nsubjpass",))
                if thing is None or thing.pos_ == "PRON":
                    continue
                end = tok.idx + len(tok)
                for c in tok.rights:
                    if c.dep_ in ("prep", "npadvmod", "oprd", "attr", "xcomp", "advmod", "dobj"):
                        end = max(end, c.right_edge.idx + len(c.right_edge))
                self.add(st.speaker, "announces", thing, tok, start=thing.left_edge.idx, end=end, conf=0.55)


def extract_entry_claims(finder: SpeakerFinder, entry, doc, statements=()) -> list[Claim]:
    """Claims of one parsed entry; ``statements`` (of this entry) give 'I'/'we' their speaker."""
    memory = entry_memory(finder, entry, doc)
    stmts = list(statements)

    def speaker_at(pos: int) -> str | None:
        hits = [s for s in stmts if s.prov.span.start <= pos < s.prov.span.end]
        return min(hits, key=lambda s: s.prov.span.end - s.prov.span.start).speaker if hits else None

    return _ClaimFinder(finder, entry, doc, memory, speaker_at, stmts).run()


def add_claims(ctx, facts) -> None:
    """Append every claim of the document to ``facts.claims``."""
    finder = SpeakerFinder(ctx)
    for entry, doc in ctx.pairs():
        stmts = [s for s in facts.statements if s.prov.entry_id == entry.id]
        facts.claims.extend(extract_entry_claims(finder, entry, doc, stmts))
    facts.claims.extend(leads_from_posts(facts.roles, finder, facts.claims))
