"""Noun triggers: "demands from X for Y", "X's request to ...", "X's inquiry", announcements.

A noun form in ``data/claim_verbs.json`` names where its subject sits (a possessive, a
"from"/"by" phrase, the person it describes, the subject of the verb it is the object of)
and where its object sits ("for Y", "into Y"); a noun received rather than made ("faced
criticism from Y") turns round. A person's possessive before a leading noun ("Doe's
inquiry") leads it. What a speaker reports "will be published / set up" they announce.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...nlp import tokens_in
from .arguments import add, resolve, subject_token
from .tree import child, find_prep, pobj, rules

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .state import EntryState

__all__ = ["claim_noun", "noun_object", "noun_subjects", "possessive_lead", "described_by", "announcements"]


def claim_noun(st: EntryState, tok: Token) -> None:
    """'demands from X for Y', 'X's request to ...', 'X carried out an investigation into Y',
    'work by X into Y', 'we need an inquiry into Y' (a want is a proposal)."""
    low = tok.lower_
    for rule in rules()["nouns"]:
        if low not in rule["forms"]:
            continue
        received = tok.dep_ in ("dobj", "pobj") and tok.head.lower_ in rule.get("not_heads", ())
        obj = noun_object(st, tok, rule, received)
        if obj is None:
            continue
        predicate, obj, subjects = noun_subjects(st, tok, rule, obj, received)
        for s in subjects:
            start = min(s.left_edge.idx, tok.idx)
            add(st, resolve(st, s), predicate, obj, tok, start=start, conf=0.55)


def noun_object(st: EntryState, tok: Token, rule: dict, received: bool) -> Token | None:
    """The object of a noun rule at its first place that has one ("for Y", "into Y"); for a
    noun received ("X faced criticism"), the receiver. None for an object of a type the rule
    rules out ("an attack on Kharkiv" is war news, not a political attack)."""
    obj = None
    for where in rule["object"].split("|"):
        if where.startswith("prep:"):
            obj = pobj(find_prep(tok, where.split(":")[1]))
        else:
            obj = child(tok, (where,))
        if obj is not None:
            break
    if obj is None and received:
        obj = subject_token(tok.head)      # "X faced criticism from Y": X is the one criticised
    if obj is None:
        return None
    if rule.get("object_not_types") and (k := resolve(st, obj)) and \
            st.finder.entities[k].type in rule["object_not_types"]:
        return None
    return obj


def noun_subjects(st: EntryState, tok: Token, rule: dict, obj: Token,
                  received: bool) -> tuple[str, Token, list[Token]]:
    """Who makes the demand, the attack, the investigation: the first of the rule's places
    that names someone (a possessive, "from X and Y", the person the noun describes, the
    subject of the verb the noun is the object of). A verb may change the claim: "we need an
    inquiry into Y" proposes the inquiry. Returns the predicate, the object and the subjects."""
    lex = rules()
    predicate = rule["predicate"]
    subjects = []
    for where in rule["subject"].split("|"):
        if where == "poss":
            poss = child(tok, ("poss",))
            subjects = [poss] if poss is not None and resolve(st, poss) else []
        elif where.startswith("prep:"):
            frm = pobj(child(tok, ("prep", "agent"), where.split(":")[1]))
            if frm is None and received:    # "faced criticism (from Y)": hung on the verb
                frm = pobj(child(tok.head, ("prep", "agent"), where.split(":")[1]))
            if frm is None and received:    # "faced allegations of X from Y": hung deeper in the phrase
                frm = next((pobj(t) for t in tok.subtree if t.dep_ in ("prep", "agent")
                            and t.lower_ == where.split(":")[1] and pobj(t) is not None), None)
            subjects = [frm, *frm.conjuncts] if frm is not None else []
        elif where == "governing" and tok.dep_ == "pobj" and tok.head.dep_ == "prep" \
                and tok.head.head.pos_ in ("VERB", "AUX") and child(tok.head.head, ("neg",)) is None:
            s = subject_token(tok.head.head)    # "X voted in favour of Y": the voter
            subjects = [s] if s is not None else []
        elif where == "described":
            s = described_by(tok)
            subjects = [s] if s is not None else []
        elif where == "verb" and tok.dep_ in ("dobj", "pobj") and tok.head.pos_ in ("VERB", "AUX"):
            head = tok.head
            if head.lower_ in lex["opposing_heads"] or child(head, ("neg",)) is not None \
                    or head.lower_ in rule.get("not_heads", ()):
                continue    # "rebuffed pleas for Y": the pleas are someone else's
            if predicate == "investigates" and head.lower_ in lex["wanting_verbs"]:
                predicate, obj = "proposes", tok
            elif predicate == "investigates" and head.lower_ not in lex["investigating_verbs"]:
                continue
            s = subject_token(head)
            subjects = [s] if s is not None else []
        if subjects:
            break
    return predicate, obj, subjects


def possessive_lead(st: EntryState, tok: Token) -> None:
    """'Jane Doe's inquiry', 'Doe's review': a person's possessive before a leading noun leads
    what the phrase names (a known entity, else the words after the possessive)."""
    lex = rules()
    low = tok.lower_
    if low in lex["possessive_leads"]:
        poss = child(tok, ("poss",))
        if poss is not None and poss.ent_type_ == "PERSON":
            key = resolve(st, poss)
            if key and st.finder.is_person(key):
                phrase = st.text[tok.left_edge.idx:tok.idx + len(tok)]
                obj_key = st.finder.lookup(phrase)
                add(st, key, "leads", tok, tok, obj_key=obj_key,
                    obj_text="" if obj_key else re.sub(r"^.*?['’]s?\s+", "", phrase),
                    start=poss.left_edge.idx, end=tok.idx + len(tok), conf=0.55)


def described_by(tok: Token) -> Token | None:
    """Whom a describing noun describes: 'X, a critic of Y', 'X is one of the campaigners for Y',
    'X, who is a supporter of Y'. None when the noun describes nobody named."""
    while tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in ("one", "some", "among"):
        tok = tok.head.head
    if tok.dep_ == "appos":
        return tok.head
    if tok.dep_ == "attr" and tok.head.lemma_ == "be" and child(tok.head, ("neg",)) is None:
        subj = subject_token(tok.head)
        if subj is not None and subj.lower_ in ("who", "that"):
            verb = tok.head
            while verb.dep_ == "conj":      # "X, who lost her seat ... and who is today among ..."
                verb = verb.head
            return verb.head if verb.dep_ == "relcl" else None
        return subj
    return None


def announcements(st: EntryState) -> None:
    """What a speaker reports 'will be published / set up / made' is announced by them."""
    lex = rules()
    for stmt in st.statements:
        if stmt.cue not in lex["announcing_cues"]:
            continue
        for tok in tokens_in(st.doc, stmt.prov.span.start, stmt.prov.span.end):
            if tok.lower_ not in lex["announce_passive"]:
                continue
            if child(tok, ("auxpass",)) is None:
                continue
            aux = [c.lower_ for c in tok.children if c.dep_ == "aux"]
            if not any(x in ("will", "would", "is", "are", "be", "being") for x in aux) and \
                    not any(c.lower_ == "being" for c in tok.children):
                continue
            thing = child(tok, ("nsubjpass",))
            if thing is None or thing.pos_ == "PRON":
                continue
            end = tok.idx + len(tok)
            for c in tok.rights:
                if c.dep_ in ("prep", "npadvmod", "oprd", "attr", "xcomp", "advmod", "dobj"):
                    end = max(end, c.right_edge.idx + len(c.right_edge))
            add(st, stmt.speaker, "announces", thing, tok, start=thing.left_edge.idx, end=end, conf=0.55)
