"""Arguments of a claim: the subject and object a trigger's parse points at, resolved.

The subject is the trigger's logical subject (its own, a relative clause's head, the
subject of the clause a conjunct joins, the one a request is put to); the object is what a
rule names, and both resolve to an entity when they can: the shared speaker resolver first,
then the whole noun phrase, "the bill" as the document's one bill, an acronym, a person
described. An object that names no entity stays a short phrase (:func:`object_phrase`).
Every stage hands its claim to :func:`add`, which settles the object and records the claim.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...resolve.genders import PRONOUN_GENDER
from ...resolve.merge import initials_match
from ...resolve.names import content_words
from ..speakers import cue_lexicon
from ..statements.cues import is_cue
from .state import record
from .tree import child, pobj, rules

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ...facts import Claim
    from .state import EntryState

__all__ = ["MAX_OBJECT_WORDS", "PRONOUN_OBJECTS", "add", "claim_object", "resolve", "object_key", "subject_token",
           "phrase_key", "type_noun_key", "acronym_key", "described", "named_in", "proposal_meant",
           "object_phrase", "object_end", "unwrap_request"]

#: an object phrase is at most this many words
MAX_OBJECT_WORDS = 14
#: pronouns that stand for a thing, not an actor
PRONOUN_OBJECTS = {"it", "this", "that", "these", "those"}
_RELATIVES = {"which", "that", "who", "whom", "what", "whose"}
_SUBJECT_PRONOUNS = {"i", "we", "you", "he", "she", "they"}
#: a free-text object is the thing itself: "the amendment" is recorded as "amendment"
_DETERMINER = re.compile(r"^(?:for\s+)?(?:the|a|an|his|her|its|their|this|that|these|those|our|my|your)\s+"
                         r"|^for\s+", re.I)      # ("called for the tax to be scrapped": "tax to be scrapped")
#: objects that name nothing by themselves
_INDEFINITES = {"something", "anything", "nothing", "everything", "someone", "anyone", "somebody", "anybody"}
#: prepositions that complete an object noun ("a cap on fees", "the review of X", "tax breaks
#: for Y"); any other one after the noun ("a gentler levy from the back rows") is the
#: verb's circumstance, not part of the thing
_OBJECT_PREPS = frozenset({"of", "to", "on", "into", "for", "against", "about", "over", "with", "between"})


def _addressed(name: Token) -> bool:
    """The name is whom something is written or said to ("wrote to Jo Doe ...")."""
    head = name.head if name.dep_ in ("compound", "flat") else name
    return head.dep_ == "pobj" and head.head.lower_ == "to"


def subject_token(tok: Token) -> Token | None:
    """Logical subject of a trigger: own subject, relative-clause head, or a conjunct's subject."""
    s = child(tok, ("nsubj",))
    if s is not None:
        if s.lower_ in ("who", "which", "that") and tok.dep_ == "relcl":
            return tok.head
        return s
    if tok.dep_ == "relcl":
        return tok.head
    if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.dep_ == "pobj" and tok.head.head.lower_ == "to" \
            and tok.head.head.head.pos_ in ("VERB", "AUX"):
        # "wrote to Jo Doe calling for talks": the writer calls, not the one written to
        return child(tok.head.head.head, ("nsubj",))
    if tok.tag_ == "VBG" and tok.i > 0 and tok.nbor(-1).pos_ == "PROPN" and tok.nbor(-1).head.i != tok.i \
            and tok.dep_ in ("xcomp", "advcl", "conj", "acl") and not _addressed(tok.nbor(-1)):
        return tok.nbor(-1)     # "..., and Jane Doe launching her bid": the name right before the gerund
    if tok.dep_ == "conj" and tok.tag_ in ("VBZ", "VBD", "VBP") and tok.head.tag_ in ("VB", "VBG", "VBN"):
        # "He says X is about to scrap Y and accuses Z": a finite verb is no conjunct of an
        # infinitive; it pairs with the nearest verb above of its own form
        for anc in tok.ancestors:
            if anc.tag_ == tok.tag_ and anc.pos_ == "VERB" and (s := child(anc, ("nsubj",))) is not None:
                return s
    if tok.dep_ == "acl" and tok.i == tok.head.i + 1 and tok.head.dep_ == "ROOT" and \
            tok.head.lower_ in cue_lexicon()["document_nouns"]:
        return tok.head          # "The panel's paper urged X" parsed as a fragment
    if tok.dep_ in ("xcomp", "ccomp"):
        ctrl = child(tok.head, ("dobj",))
        if ctrl is not None and ctrl.i < tok.i:
            return ctrl          # "asked the minister to confirm", "got X to lead": X does it
    cur = tok
    for _ in range(3):
        if cur.dep_ in ("conj", "xcomp", "advcl") and cur.head.i != cur.i:
            cur = past_conjunct_head(cur)
            s = child(cur, ("nsubj",))
            if s is not None:
                return s
        else:
            break
    return None


def past_conjunct_head(tok: Token) -> Token:
    """The clause a conjunct really joins: "X said the union would join the talks but condemned ...".

    Why: the parser hangs a past-tense conjunct on the nearest verb, here the
    reported "would join"; the tense change shows it continues the reporting
    verb, whose subject (X, not the party) is the actor.
    """
    head = tok.head
    if tok.dep_ == "conj" and head.pos_ in ("NOUN", "PROPN", "ADJ") and tok.sent.root.pos_ in ("VERB", "AUX"):
        return tok.sent.root        # "X writes Y was the reason and urges Z": the verb hung on a noun
    if tok.dep_ == "conj" and tok.tag_ == "VBD" and head.dep_ == "ccomp" and \
            child(tok, ("aux",)) is None and any(c.dep_ == "aux" and c.lower_ in ("would", "will")
                                                  for c in head.children):
        return head.head
    return head


def resolve(st: EntryState, tok: Token) -> str | None:
    """Entity a token names: the shared resolver, then the whole phrase, then 'the bill'."""
    if tok is None:
        return None
    if tok.pos_ == "PRON" and tok.dep_ == "nsubj" and tok.lower_ in PRONOUN_GENDER \
            and is_cue(tok.head, in_context=False) and (said := st.speaker_at(tok.head.idx)):
        return said         # "He says ... and accuses X": the one the statement gives the words to
    key = st.finder.resolve_token(tok, st.memory, st.speaker_at)
    if key and tok.pos_ == "PRON" and PRONOUN_GENDER.get(tok.lower_) == "p" and not salient(st, key, tok):
        return None         # "they", "it": only a party, body or bill the text is about just now
    if key and tok.pos_ == "PRON" and PRONOUN_GENDER.get(tok.lower_) in ("m", "f") \
            and key == st.quoted_speaker(tok.idx):
        return None         # "he" in Doe's own quoted words is someone else, never Doe
    if key or tok.pos_ == "PRON":
        return key
    return phrase_key(st, tok) or type_noun_key(st, tok) or acronym_key(st, tok) or described(st, tok)


def salient(st: EntryState, key: str, tok: Token) -> bool:
    """A bill or inquiry, or an actor that is a subject of this sentence or the two before."""
    ent = st.finder.entities.get(key)
    if ent is not None and ent.type in ("Bill", "Inquiry"):
        return True
    here = st.memory.sentence_of(tok.idx)
    return any(k == key and subj and here - st.memory.sentence_of(p) <= 2
               for p, k, subj in st.memory.before(tok.idx))


def phrase_key(st: EntryState, tok: Token) -> str | None:
    """The whole noun phrase up to its head, brackets and all ("The Widget (Repair) Bill")."""
    if tok.pos_ not in ("PROPN", "NOUN"):
        return None
    end = tok.idx + len(tok)
    for c in tok.rights:
        if c.dep_ in ("compound", "flat"):
            end = c.right_edge.idx + len(c.right_edge)
    key = st.finder.lookup(st.text[tok.left_edge.idx:end])
    if key and tok.lower_ in cue_lexicon()["person_nouns"] and st.finder.entities[key].type == "Party":
        return None         # "a Labour MP calls for ...": a person of the party, not the party
    return key


def type_noun_key(st: EntryState, tok: Token) -> str | None:
    """'the bill' / 'widget bill' -> the document's one bill (or the one its modifiers name).

    Why: a live blog names a bill in full once and then says "the bill"; a
    new entry may not repeat the name, so entry memory alone misses it.
    """
    lex = rules()
    types = lex["type_nouns"].get(tok.lower_)
    if not types or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    det = child(tok, ("det",))
    if det is not None and det.lower_ in lex["indefinite_dets"]:
        return None
    mods = [c.lower_ for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and c.is_alpha]
    cands = [e for e in st.finder.entities.values() if e.type in types]
    if not mods and (det is None or det.lower_ not in ("the", "this", "that")):
        return None
    if mods:
        cands = [e for e in cands if names_all(e.name, mods)]
    if len(cands) > 1:      # "the independent inquiry": prefer the one that is called an inquiry
        cands = [e for e in cands if names_all(e.name, [tok.lower_])] or cands
    return cands[0].key if len(cands) == 1 else None


def names_all(name: str, words: list[str]) -> bool:
    """Every word (or its stem: 'widget' ~ 'Widgets', 'ports' ~ 'Port') begins a word of ``name``."""
    have = re.findall(r"\w+", name.lower())
    stems = [w[:-1] if w.endswith("s") and len(w) > 4 else w for w in words]
    return all(any(h.startswith(st) for h in have) for st in stems)


def acronym_key(st: EntryState, tok: Token) -> str | None:
    """'the WRA', 'NWA': the one body, inquiry or party whose initials the word spells."""
    if not (tok.is_upper or tok.text[:1].isupper() and sum(ch.isupper() for ch in tok.text) >= 2):
        return None
    hits = {e.key for e in st.finder.entities.values() if e.type in ("Body", "Inquiry", "Party")
            and initials_match(tok.text, e.name)}
    return hits.pop() if len(hits) == 1 else None


def described(st: EntryState, tok: Token) -> str | None:
    """'A senior MP has attacked ...' when the tagger made 'MP' a proper noun."""
    if tok.pos_ != "PROPN" or tok.lower_ not in cue_lexicon()["person_nouns"]:
        return None
    return st.finder._person_description(tok, st.memory)


def object_key(st: EntryState, tok: Token, subj_key: str) -> str | None:
    """An object's entity: 'him'/'her' is never the clause's own subject; 'X's comment' is X."""
    low = tok.lower_
    if tok.pos_ == "PRON" and low in PRONOUN_GENDER and not low.endswith(("self", "selves")):
        want = PRONOUN_GENDER[low]
        for key in st.memory.ranked_before(tok.idx):
            ent = st.finder.entities.get(key)
            if key == subj_key or ent is None:
                continue
            if want == "p" and ent.type != "Person":
                if low in ("it", "its") and ent.type == "Party":
                    continue    # "we called for it": a party is "they", the thing called for is "it"
                return key if salient(st, key, tok) else None
            if want != "p" and ent.type == "Person" and st.finder.gender(key) in ("", want):
                return key
        return None
    if low in cue_lexicon()["nouns"]:
        poss = child(tok, ("poss",))
        if poss is not None:
            return resolve(st, poss)
    key = resolve(st, tok) if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ else None
    if key is None and tok.pos_ != "PRON":
        key = st.finder._base_np(tok) or phrase_key(st, tok) or type_noun_key(st, tok)
    if key is None and tok.pos_ == "NOUN":
        # "to see the shadow home secretary weaponise this": the parser took the verb for the
        # head noun; the name is the compound run before it
        lo = tok.left_edge.i
        for j in range(tok.i - 1, lo, -1):
            if tok.doc[j].dep_ != "compound":
                break
            key = st.finder.lookup(tok.doc[lo:j + 1].text)
            if key:
                break
    return key


def named_in(st: EntryState, phrase: str, subj_key: str) -> str | None:
    """The inquiry, bill or body a free-text object describes ('the child abuse inquiry' is
    the Independent Inquiry into Child Abuse): every content word of the phrase is in one
    known name of that type, the phrase's head word among them. Unique, or nothing."""
    words = content_words(phrase)
    if len(words) < 2 or len(words) > 8:
        return None
    stems = {w[:5] for w in words}
    subj = st.finder.entities.get(subj_key)
    hits = set()
    for ent in st.finder.entities.values():
        if ent.type not in ("Inquiry", "Bill", "Body") or ent.key == subj_key or (subj and subj.type == ent.type):
            continue        # "the inquiry's investigation into X" is about X, not another inquiry
        for name in (ent.name, *ent.aliases):
            have = {w[:5] for w in content_words(name)}
            if stems <= have and words[-1][:5] in have:
                hits.add(ent.key)
                break
    return hits.pop() if len(hits) == 1 else None


def proposal_meant(st: EntryState, tok: Token, subj_key: str) -> Claim | None:
    """The latest proposal by someone else in this entry, when the object is 'this suggestion',
    'the idea', 'that call' with nothing of its own to say what it is."""
    if tok.lemma_.lower() not in rules()["proposal_nouns"]:
        return None
    det = child(tok, ("det",))
    if det is None or det.lower_ not in ("this", "that", "the") or \
            any(c.dep_ in ("prep", "acl", "relcl", "ccomp") for c in tok.children):
        return None
    return next((c for c in reversed(st.out) if c.predicate == "proposes" and c.subject != subj_key
                 and c.prov.span.start < tok.idx), None)


def unwrap_request(obj: Token) -> Token:
    """'demands for X', 'a request to hold X', 'calls from Y for X': what is asked for is X."""
    if obj.lemma_.lower() not in rules()["request_nouns"]:
        return obj
    for c in obj.children:
        if c.dep_ == "prep" and c.lower_ == "for":
            inner = pobj(c)
            if inner is not None:
                return inner
        if c.dep_ in ("acl", "relcl", "xcomp") and c.pos_ == "VERB":
            inner = child(c, ("dobj",))
            if inner is not None:
                return inner
    return obj


def clause_follows(tok: Token) -> bool:
    """'called for it to be mandatory': the pronoun is the subject of a clause that says what
    it is; in 'back it at second reading' it is a plain object that points elsewhere."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return tok.dep_ in ("nsubj", "nsubjpass") or (nxt is not None and nxt.lower_ in ("to", "being", "be"))


def object_end(tok: Token) -> int:
    """Index after the last token of an object phrase: the noun with its modifiers and
    complements ("a plan to scrap X" keeps its infinitive), up to its own relative or
    participial clause, a comma, a time ("last week") or a circumstantial preposition; a
    coordination is kept only while the whole stays short. Only the noun's own dependents
    are cut: what its complements carry stays whole."""
    end = tok.right_edge.i + 1
    for c in tok.rights:
        if cuts_object(tok, c):
            return c.left_edge.i if c.dep_ != "punct" else c.i
    return end


def cuts_object(head: Token, c: Token) -> bool:
    """Whether right child ``c`` of an object phrase's ``head`` ends the phrase."""
    if c.dep_ in ("relcl", "advcl", "appos", "npadvmod") or (c.dep_ == "acl" and c.left_edge.lower_ != "to"):
        return True
    if c.dep_ == "prep":
        obj = next((g for g in c.children if g.dep_ == "pobj"), None)
        return c.lower_ not in _OBJECT_PREPS or (obj is not None and obj.ent_type_ in ("DATE", "TIME"))
    if c.dep_ == "punct":
        return c.text in ",;:(–—"
    return c.dep_ == "cc" and head.right_edge.i + 1 - head.left_edge.i > MAX_OBJECT_WORDS


def object_phrase(doc: Doc, tok: Token, text: str) -> tuple[str, int]:
    """A short object phrase: the noun phrase the token heads (see :func:`object_end`),
    clipped, without leading articles."""
    toks = list(doc[tok.left_edge.i:object_end(tok)])
    toks = toks[:MAX_OBJECT_WORDS]
    if not toks:
        return "", tok.idx
    a, b = toks[0].idx, toks[-1].idx + len(toks[-1])
    phrase = text[a:b].strip(" ,.;:“”\"'‘’")
    return phrase, b


def claim_object(st: EntryState, subj_key: str, predicate: str, obj_tok: Token | None, anchor: Token,
                 obj_key: str | None = None, obj_text: str = "") -> tuple[str | None, str] | None:
    """The object of a claim as (entity key, free text): a pronoun followed by its clause, the
    proposal 'this suggestion' points back at, the entity the token names, or a short phrase.
    None when what is left names nothing (the subject itself, a pronoun, 'something')."""
    if obj_tok is not None and obj_tok.lower_ in PRONOUN_OBJECTS and not obj_text and clause_follows(obj_tok):
        # "called for it to be mandatory": the clause after the pronoun says what "it" is
        right = max((t.idx + len(t) for t in anchor.subtree), default=obj_tok.idx + len(obj_tok))
        obj_text = " ".join(st.text[obj_tok.idx:right].split()[:MAX_OBJECT_WORDS])
    if obj_tok is not None and obj_key is None and not obj_text and predicate != "proposes":
        earlier = proposal_meant(st, obj_tok, subj_key)
        if earlier is not None:     # "welcomed this suggestion": the proposal just made
            obj_key = earlier.object
            obj_text = re.sub(r"^to\s+\w+\s+(?:(?:a|an|the)\s+)?", "", earlier.object_text)
    if obj_tok is not None and obj_key is None and not obj_text:
        obj_key = object_key(st, obj_tok, subj_key)
        if obj_key is None:
            obj_text, _ = object_phrase(st.doc, obj_tok, st.text)
    if obj_key == subj_key:
        return None
    obj_text = _DETERMINER.sub("", obj_text.strip())
    if not obj_key and obj_text.split(" ", 1)[0].lower() in _INDEFINITES:
        return None         # "proposes something that ...": the words name nothing
    if not obj_key and (not obj_text or obj_text.lower() in PRONOUN_GENDER or obj_text.lower() in _RELATIVES
                        or obj_text.split()[0].lower() in _SUBJECT_PRONOUNS):
        return None         # an unresolved pronoun, a relative or a clause is no object
    if not obj_key:
        obj_key = named_in(st, obj_text, subj_key)
        if obj_key:
            obj_text = ""
    if predicate in ("praises", "criticises") and obj_tok is not None and not obj_key:
        owner = child(obj_tok, ("poss",))      # "hailed the party's result": the party
        owner_key = resolve(st, owner) if owner is not None and owner.pos_ != "PRON" else None
        if owner_key and owner_key != subj_key:
            obj_key, obj_text = owner_key, ""
    return obj_key, obj_text


def add(st: EntryState, subj_key: str | None, predicate: str, obj_tok: Token | None, anchor: Token,
        obj_key: str | None = None, obj_text: str = "", start: int | None = None, end: int | None = None,
        conf: float = 0.6) -> None:
    """A claim of a stage, triggered at ``anchor``: kept when its subject resolved and its
    object (:func:`claim_object`) names something; ``start``-``end`` widen its evidence."""
    if not subj_key:
        return
    obj = claim_object(st, subj_key, predicate, obj_tok, anchor, obj_key, obj_text)
    if obj is not None:
        record(st, subj_key, predicate, obj[0], obj[1], anchor, obj_tok, start, end, conf)
