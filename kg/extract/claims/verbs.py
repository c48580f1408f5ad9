"""Verb triggers: "X turned down Y", "Y, led by X", "A will be included in B".

A verb form in ``data/claim_verbs.json`` triggers its rules (:func:`verb_rules`): the rule
names the predicate, an optional particle ("turned down"), where the object sits (direct
object, a preposition's object, a clause) and what subject or object types it needs. The
subject comes from :func:`.arguments.subject_token`; what blocks a claim is read here: a
negation, a weak modal ("might back"), a condition ("if X backs"), a passive subject, a
phrasal verb the rule does not list ("backed down"). Passives with a "by" agent, "led by X"
and "included in" have their own rules; a headline verb the tagger took for a plural noun
("Jane Doe attacks Widget Party") is read as the verb between two named actors.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..speakers import cue_lexicon
from ..statements.cues import headline_passive
from .arguments import add, object_key, resolve, subject_token, unwrap_request, MAX_OBJECT_WORDS
from .tree import child, has_mark, pobj, rules

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .state import EntryState

__all__ = ["verb_rules", "verb", "verb_blocked", "object_of", "modal_blocks", "announced", "passive", "passive_agent",
           "misparsed_verb"]


#: modals that leave an act undone ("might back")
_WEAK_MODALS = {"can", "could", "may", "might", "should", "would"}


def verb_rules(tok: Token) -> list[dict]:
    """The claim rules a verb triggers, by its form or, for any unlisted inflection, its lemma."""
    low = tok.lower_
    lemma = tok.lemma_.lower() if tok.pos_ in ("VERB", "AUX") else low
    return [r for r in rules()["verbs"] if low in r["forms"] or lemma in r["forms"]]


def has_particle(tok: Token, rule: dict) -> Token | None:
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
            c = child(cand, ("prep", "dative", "prt", "advmod"), then)
            if c is not None:
                return c
        if tok.i + 2 < len(tok.doc) and tok.doc[nxt[0].i + 1].lower_ == then:
            return tok.doc[nxt[0].i + 1]
        return None
    return nxt[0]


def phrasal(tok: Token) -> bool:
    """A particle right after the verb ('back', 'down', 'off', ...) makes it another verb."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return child(tok, ("prt",)) is not None or (
        nxt is not None and nxt.head.i == tok.i and nxt.dep_ in ("advmod", "prt")
        and nxt.lower_ in ("back", "down", "off", "out", "up", "away"))


def verb(st: EntryState, tok: Token, rule: dict) -> None:
    """One verb rule at one verb: its subject does what the rule says to the object the rule
    points at, unless the clause leaves it undone (negated, passive, modal, conditional, asked
    of someone) or subject and object are not of the types the rule needs."""
    part = has_particle(tok, rule)
    if part is None or verb_blocked(st, tok, rule):
        return
    subj = subject_token(tok)
    if tok.dep_ == "acl" and subj is None:
        return
    subj_key = resolve(st, subj)
    types = rule.get("subject_types")
    if subj_key and types and st.finder.entities[subj_key].type not in types:
        return
    obj = object_of(tok, part, rule)
    if obj is None or obj.lemma_.lower() in rule.get("not_objects", ()) or obj.lower_ in rule.get("not_objects", ()):
        return
    if rule["predicate"] != "announces":
        obj = unwrap_request(obj)      # "launched a bid for X" announces the bid, not X
    start = evidence_start(subj, tok)
    obj_types = rule.get("object_types")
    obj_key = None
    if obj_types:
        obj_key = resolve(st, obj) if obj.pos_ in ("PROPN",) or obj.ent_type_ else None
        if obj_key and st.finder.entities[obj_key].type not in obj_types:
            return
    if rule.get("actor_object") and obj_key is None:
        obj_key = object_key(st, obj, subj_key)
        ent = st.finder.entities.get(obj_key) if obj_key else None
        if ent is None or ent.type not in ("Person", "Party", "Body"):
            return
    obj_text = extended_object(st, tok, obj, rule) if obj_key is None else ""
    add(st, subj_key, rule["predicate"], obj, tok, obj_key=obj_key, obj_text=obj_text, start=start,
        conf=0.65)


def verb_blocked(st: EntryState, tok: Token, rule: dict) -> bool:
    """Whether the clause leaves the rule's act undone or is another verb: a phrasal verb the
    rule does not list, a passive or negated verb, a weak modal, a condition, a prediction in
    another's words, a request of someone, or no object of the kind the rule needs."""
    if not rule.get("particle") and phrasal(tok):
        return True             # "run out", "fought back tears", "backed down": another verb
    if child(tok, ("nsubjpass",)) is not None or child(tok, ("neg",)) is not None or headline_passive(tok):
        return True             # "Doe urged to quit by MPs": done to Doe
    if modal_blocks(st, tok) or has_mark(tok):
        return True
    if rule["predicate"] == "announces" and not announced(st, tok):
        return True
    if tok.dep_ == "xcomp" and tok.head.lower_ in rules()["request_verbs"] \
            and child(tok.head, ("prep",), "on") is not None:
        return True             # "called on X to back Y": demanded of X, not (yet) done by anyone
    if tok.dep_ == "xcomp" and rule["predicate"] != "proposes" and (
            (tok.head.lower_ in rules()["request_verbs"] and tok.head.tag_ == "VBN"
             and child(tok.head, ("nsubj", "aux")) is None)
            or (tok.head.lemma_.lower() in ("want", "wish", "like", "hope") and child(tok.head, ("dobj",)) is not None)):
        return True             # "Asked to scrap X, Y said ...", "want him to lead": asked for or wished, not done
    if rule.get("needs_dobj") and child(tok, ("dobj",)) is None:
        return True
    if rule.get("needs_object_with") and child(tok, ("prep",), rule["object_with"]) is None and \
            child(child(tok, ("dobj",)) or tok, ("prep",), rule["object_with"]) is None:
        return True         # "puts a cap on X" includes; "puts 150,000 into poverty" does not
    return False


def evidence_start(subj: Token | None, tok: Token) -> int:
    """Where a verb claim's evidence starts: at its subject when that comes shortly before
    the verb (the subject's head word only when a long phrase sits between), else the verb."""
    start = min(subj.left_edge.idx, tok.idx) if subj is not None and subj.i < tok.i else tok.idx
    if subj is not None and subj.i < tok.i and tok.i - subj.i > 12:
        start = subj.idx if tok.i - subj.i <= 25 else tok.idx
    return start


def object_of(tok: Token, part: Token, rule: dict) -> Token | None:
    """The object a rule points at, trying its places ("dobj|prep:for") in order: a direct
    object, a preposition's object (``part`` when the rule's particle is that preposition), an
    open or a finite clause ("suggested that the council should hold a review"). None when a
    place shows the verb has no object of its kind ("suggesting the proceedings were odd")."""
    for where in rule["object"].split("|"):
        if where == "dobj":
            o = child(tok, ("dobj",))
            clause = child(tok, ("ccomp",))
            if o is not None and clause is not None and clause.i > o.i and child(clause, ("nsubj",)) is None \
                    and rule["predicate"] == "proposes" and not proposal_clause(clause):
                return None     # "suggesting the proceedings were odd": the object is the clause's subject
            if o is None:       # "praise (Ms X) for ...": a bracketed name parses as npadvmod
                o = next((c for c in tok.rights if c.dep_ == "npadvmod" and c.pos_ == "PROPN"), None)
            if o is not None:
                return o
        elif where.startswith("prep:"):
            word = where.split(":", 1)[1]
            prep = part if part is not None and part.i != tok.i and part.lower_ == word else \
                child(tok, ("prep", "dative"), word)
            if prep is None and (d := child(tok, ("dobj",))) is not None:
                prep = child(d, ("prep",), word)      # "poll staff on X": hung on the object
            o = pobj(prep)
            if o is not None:
                return o
            if prep is not None and tok.dep_ == "relcl":
                return tok.head         # "an idea that X long pushed for"
            if prep is not None and prep.dep_ == "mark" and prep.head.i > tok.i:
                return prep.head        # "pressed for the rules to be eased": a clause object
            if prep is not None and prep.i > tok.i and word == "for":
                clause = next((c for c in tok.children if c.dep_ in ("ccomp", "advcl") and c.i > prep.i), None)
                if clause is not None:
                    return clause       # "called for the levy to be scrapped": the whole demand
        elif where == "xcomp":
            o = child(tok, ("xcomp",))
            if o is not None:
                return o
        elif where == "ccomp":
            c = child(tok, ("ccomp",))
            if c is not None and rule["predicate"] == "proposes" and not proposal_clause(c):
                c = None        # "suggesting the proceedings were odd" asserts; a proposal says what should be
            if c is not None and rule["predicate"] == "proposes" and not has_mark(c, ("whether", "if")):
                return c        # "suggested that the council should hold a review": the whole proposal
            if c is not None and not has_mark(c):
                s = child(c, ("nsubjpass", "nsubj"))
                if s is not None and s.pos_ == "PRON":
                    return None     # "confirmed she'll vote for it": no actor is announced
                # "confirmed that a duty to report will be included": what the clause is about;
                # "... that MPs will get a vote": a bare plural says less than the whole clause
                bare = s is not None and s.pos_ == "NOUN" and len(list(s.subtree)) == 1
                return c if s is None or bare else s
        elif where == "oprd":
            if child(tok, ("oprd",)) is not None:
                return child(tok, ("dobj",))
    return None


def proposal_clause(clause: Token) -> bool:
    """'that X should/must be ...', 'that X be ...': a clause that says what ought to happen."""
    return clause.tag_ == "VB" or any(a.dep_ == "aux" and a.lower_ in ("should", "must", "ought", "could")
                                      for a in clause.children)


def extended_object(st: EntryState, tok: Token, obj: Token, rule: dict) -> str:
    """'puts a cap on fees for ...': the object runs on through the rule's preposition."""
    word = rule.get("object_with")
    prep = child(tok, ("prep",), word) if word else None
    if prep is None or prep.i < obj.i:
        return ""
    right = prep.right_edge
    for c in tok.rights:        # "... on every firm to file a return"
        if c.i > prep.i and c.dep_ in ("xcomp", "advcl") and c.left_edge.lower_ == "to":
            right = c.right_edge
    words = st.text[obj.left_edge.idx:right.idx + len(right)].split()
    return " ".join(words[:MAX_OBJECT_WORDS + 6]).strip(" ,.;:")


def announced(st: EntryState, tok: Token) -> bool:
    """'asked X to confirm' is a request; 'X will unveil', in another's words, is a prediction."""
    if tok.dep_ == "xcomp" and tok.head.lower_ in rules()["request_verbs"]:
        return False
    future = any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll") for c in tok.children)
    speaker = st.speaker_at(tok.idx)
    subj = resolve(st, subject_token(tok))
    return not (future and speaker and subj and subj != speaker)


def modal_blocks(st: EntryState, tok: Token) -> bool:
    """'can announce', 'might back': not (yet) done; reported 'would back' is a commitment."""
    modals = [c.lower_ for c in tok.children if c.dep_ == "aux" and c.lower_ in _WEAK_MODALS]
    if not modals:
        return False
    if performative(tok):
        return False
    return not (set(modals) == {"would"} and reported(st, tok))


def reported(st: EntryState, tok: Token) -> bool:
    """Whether a verb sits in reported speech (where "would" is the past of "will")."""
    if st.speaker_at(tok.idx):
        return True
    forms = cue_lexicon()["forms"]
    return any(a.lower_ in forms for a in tok.ancestors)


def performative(tok: Token) -> bool:
    """'May I thank X', 'Can we pay tribute to X': the courtesy formula performs the act."""
    subj = child(tok, ("nsubj",))
    aux = [c for c in tok.children if c.dep_ == "aux" and c.lower_ in ("can", "may", "might", "could")]
    return bool(aux) and subj is not None and subj.lower_ in ("i", "we") and aux[0].i < subj.i


def passive(st: EntryState, tok: Token) -> None:
    """'Y, led by X' / 'Y is chaired by X' (leads) and 'A will be included in B' (includes)."""
    lex = rules()
    low = tok.lower_
    if low in lex["passive_leads"]:
        agent = child(tok, ("agent",))
        x = pobj(agent)
        if x is None:
            return
        y = child(tok, ("nsubjpass",)) if tok.dep_ != "acl" else tok.head
        if y is None:
            return
        add(st, resolve(st, x), "leads", y, tok, start=min(y.idx, tok.idx),
            end=x.right_edge.idx + len(x.right_edge), conf=0.7)
    elif low in lex["passive_includes"] and child(tok, ("auxpass",)) is not None:
        measure = child(tok, ("nsubjpass",))
        prep = child(tok, ("prep",), "in")
        bill = pobj(prep)
        if measure is None or bill is None:
            return
        key = resolve(st, bill) or st.finder._base_np(bill)
        if key and st.finder.entities[key].type in ("Bill", "Inquiry"):
            add(st, key, "includes", measure, tok, start=measure.left_edge.idx,
                end=bill.right_edge.idx + len(bill.right_edge), conf=0.7)


def passive_agent(st: EntryState, tok: Token) -> None:
    """'Amendment A, tabled by X' / 'the plan was rejected by X and Y': any claim verb in the
    passive with a 'by' agent; the agents are the subjects, the thing done to the object."""
    if tok.tag_ != "VBN" or tok.lower_ in rules()["passive_leads"]:
        return
    agent = child(tok, ("agent",))
    x = pobj(agent)
    if x is None or child(tok, ("neg",)) is not None:
        return
    y = child(tok, ("nsubjpass",)) if tok.dep_ not in ("acl", "relcl") else tok.head
    if y is None or y.pos_ == "PRON" and tok.dep_ not in ("acl", "relcl"):
        return
    for rule in verb_rules(tok):
        if rule["predicate"] in ("includes", "refers") or has_particle(tok, rule) is None:
            continue
        obj_text = ""
        if tok.dep_ in ("acl", "relcl"):      # the noun without the clause that describes it
            obj_text = st.text[y.left_edge.idx:tok.left_edge.idx].strip(" ,;:–—-")
        for who in (x, *[c for c in x.conjuncts if c.i > x.i]):
            key = resolve(st, who)
            if key:
                add(st, key, rule["predicate"], y, tok, obj_text=obj_text, start=min(y.left_edge.idx, tok.idx),
                    end=who.right_edge.idx + len(who.right_edge), conf=0.6)
        return


def misparsed_verb(st: EntryState, tok: Token) -> None:
    """'Jane Doe attacks Widget Party': the small model often tags a headline's present-tense
    verb as a plural noun. Between two named actors, a listed verb form is read as the verb."""
    if not tok.lower_.endswith("s") or tok.tag_ not in ("NNS", "NNPS") or tok.i == 0 or tok.i + 1 >= len(st.doc):
        return
    matching = [r for r in rules()["verbs"] if tok.lower_ in r["forms"] and not r.get("particle")]
    if not matching:
        return
    before, after = st.doc[tok.i - 1], st.doc[tok.i + 1]
    subj_key, obj_key = resolve(st, before), resolve(st, after)
    if subj_key and obj_key and subj_key != obj_key and before.pos_ in ("PROPN", "NOUN") \
            and after.pos_ == "PROPN":
        add(st, subj_key, matching[0]["predicate"], after, tok, obj_key=obj_key, conf=0.5)
