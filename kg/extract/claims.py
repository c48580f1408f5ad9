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

from ..data import load
from ..facts import Claim, Provenance, Span
from .speakers import SpeakerFinder, verb_lemma
from .statements import entry_memory

__all__ = ["EXTRACTOR", "add_claims", "extract_entry_claims"]

EXTRACTOR = "kg.claims.v1"
_MAX_OBJECT_WORDS = 14
_WEAK_MODALS = {"can", "could", "may", "might", "should", "would"}
_PRONOUN_OBJECTS = {"it", "this", "that", "these", "those"}
_MAX_EVIDENCE_WORDS = 80


def _rules() -> dict:
    return load("claim_verbs")


def _verb_rules(tok) -> list[dict]:
    low = tok.lower_
    return [r for r in _rules()["verbs"] if low in r["forms"]]


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
    if tok.dep_ in ("xcomp", "ccomp"):
        ctrl = _child(tok.head, ("dobj",))
        if ctrl is not None and ctrl.i < tok.i:
            return ctrl          # "asked the minister to confirm", "got X to lead": X does it
    cur = tok
    for _ in range(3):
        if cur.dep_ in ("conj", "xcomp", "advcl") and cur.head is not cur:
            cur = cur.head
            s = _child(cur, ("nsubj",))
            if s is not None:
                return s
        else:
            break
    return None


def _phrase(doc, tok, text: str) -> tuple[str, int]:
    """A short object phrase: the token's subtree, clipped, without leading articles."""
    toks = [t for t in tok.subtree]
    toks = toks[:_MAX_OBJECT_WORDS]
    if not toks:
        return "", tok.idx
    a, b = toks[0].idx, toks[-1].idx + len(toks[-1])
    phrase = text[a:b].strip(" ,.;:“”\"'‘’")
    return phrase, b


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

    def resolve(self, tok) -> str | None:
        if tok is None:
            return None
        return self.finder.resolve_token(tok, self.memory, self.speaker_at)

    def add(self, subj_key: str | None, predicate: str, obj_tok, anchor, obj_key: str | None = None,
            obj_text: str = "", start: int | None = None, end: int | None = None, conf: float = 0.6) -> None:
        if not subj_key:
            return
        if obj_tok is not None and obj_tok.lower_ in _PRONOUN_OBJECTS and not obj_text:
            # "called for it to be mandatory": the clause after the pronoun says what "it" is
            right = max((t.idx + len(t) for t in anchor.subtree), default=obj_tok.idx + len(obj_tok))
            obj_text = " ".join(self.text[obj_tok.idx:right].split()[:_MAX_OBJECT_WORDS])
        if obj_tok is not None and obj_key is None and not obj_text:
            obj_key = self.resolve(obj_tok) if obj_tok.pos_ in ("PROPN", "PRON") or obj_tok.ent_type_ else None
            if obj_key is None:
                obj_key = self.finder._base_np(obj_tok) if obj_tok.pos_ != "PRON" else None
            if obj_key is None:
                obj_text, _ = _phrase(self.doc, obj_tok, self.text)
        if obj_key == subj_key:
            return
        if not obj_key and not obj_text:
            return
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
        self.out.append(Claim(subject=subj_key, predicate=predicate, evidence=evidence,
                              prov=Provenance(self.entry.id, Span(lo, max(hi, lo)), EXTRACTOR, conf),
                              object=obj_key or "", object_text="" if obj_key else obj_text))

    # -- triggers ---------------------------------------------------------
    def run(self) -> list[Claim]:
        for sent in self.doc.sents:
            if sent.text.rstrip().endswith("?"):
                continue            # a question asserts nothing
            for tok in sent:
                if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
                    for rule in _verb_rules(tok):
                        self.verb(tok, rule)
                    self.passive(tok)
                if tok.pos_ in ("NOUN", "PROPN"):
                    self.noun(tok)
        self.announcements()
        self.failures()
        return self.out

    def failures(self) -> None:
        """A speaker who reports that someone 'failed to' act criticises them."""
        verbs = set(_rules()["failure_verbs"])
        for st in self.statements:
            a, b = st.prov.span.start, st.prov.span.end
            for tok in self.doc:
                if a <= tok.idx < b and tok.lower_ in verbs and tok.pos_ == "VERB":
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
        if rule["predicate"] == "leads" and _child(tok, ("prt",)) is not None:
            return                  # "run out", "head off": not leading anything
        if _child(tok, ("nsubjpass",)) is not None or _child(tok, ("neg",)) is not None:
            return
        if any(c.dep_ == "aux" and c.lower_ in _WEAK_MODALS for c in tok.children):
            return                  # "can announce", "might back": not (yet) done
        if rule.get("needs_dobj") and _child(tok, ("dobj",)) is None:
            return
        subj = _subject_token(tok)
        if tok.dep_ == "acl" and subj is None:
            return
        subj_key = self.resolve(subj)
        types = rule.get("subject_types")
        if subj_key and types and self.finder.entities[subj_key].type not in types:
            return
        obj = self.object_of(tok, part, rule)
        if obj is None:
            return
        start = min(subj.left_edge.idx, tok.idx) if subj is not None and subj.i < tok.i else tok.idx
        if subj is not None and subj.i < tok.i and tok.i - subj.i > 12:
            start = subj.idx if tok.i - subj.i <= 25 else tok.idx
        obj_types = rule.get("object_types")
        obj_key = None
        if obj_types:
            obj_key = self.resolve(obj) if obj.pos_ in ("PROPN",) or obj.ent_type_ else None
            if obj_key and self.finder.entities[obj_key].type not in obj_types:
                return
        self.add(subj_key, rule["predicate"], obj, tok, obj_key=obj_key, start=start, conf=0.65)

    def object_of(self, tok, part, rule: dict):
        for where in rule["object"].split("|"):
            if where == "dobj":
                o = _child(tok, ("dobj",))
                if o is not None:
                    return o
            elif where.startswith("prep:"):
                word = where.split(":", 1)[1]
                prep = part if part is not None and part is not tok and part.lower_ == word else \
                    _child(tok, ("prep", "dative"), word)
                o = _pobj(prep)
                if o is not None:
                    return o
            elif where == "xcomp":
                o = _child(tok, ("xcomp",))
                if o is not None:
                    return o
            elif where == "ccomp":
                c = _child(tok, ("ccomp",))
                if c is not None:
                    return _child(c, ("nsubjpass", "nsubj")) or c
            elif where == "oprd":
                if _child(tok, ("oprd",)) is not None:
                    return _child(tok, ("dobj",))
        return None

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
            if obj is None:
                continue
            predicate = rule["predicate"]
            subjects = []
            for where in rule["subject"].split("|"):
                if where == "poss":
                    poss = _child(tok, ("poss",))
                    subjects = [poss] if poss is not None else []
                elif where.startswith("prep:"):
                    frm = _pobj(_child(tok, ("prep", "agent"), where.split(":")[1]))
                    subjects = [frm, *frm.conjuncts] if frm is not None else []
                elif where == "verb" and tok.dep_ in ("dobj", "pobj") and tok.head.pos_ in ("VERB", "AUX"):
                    head = tok.head
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
            a, b = st.prov.span.start, st.prov.span.end
            for tok in self.doc:
                if not (a <= tok.idx < b) or tok.lower_ not in rules["announce_passive"]:
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
