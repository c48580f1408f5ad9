"""Who a subject phrase stands for: names, role descriptions, nominal anaphors and pronouns.

Statements and claims both need "the entity this subject names", so the rules
live here once. Names and role descriptions go through the document's
:class:`~kg.resolve.merge.Resolver` (an adapter tries the variants a subject
phrase comes in: with or without article, apposition, possessive). Pronouns
and "the union" / "the party" style anaphors are coreference, which lives in
:mod:`kg.resolve.pronouns` (antecedents in an :class:`EntryMemory`) with
genders from :mod:`kg.resolve.genders`; :class:`SpeakerFinder` delegates to it.
"""
from __future__ import annotations

import re

from ..nlp import cue_lexicon, doc_ents
from ..resolve import pronouns
from ..resolve.genders import PRONOUN_GENDER, gender_of
from ..resolve.names import party_canonical
from ..resolve.pronouns import ANAPHORS, EntryMemory

__all__ = ["verb_lemma", "cue_lexicon", "SpeakerFinder"]

_FIRST_PERSON = {"i", "we", "me", "us", "my", "our"}


def is_put_it_to(token) -> bool:
    """'Counsel puts it to Jane Doe that ...': counsel's way of asking."""
    doc = token.doc
    return token.lemma_.lower() == "put" and token.i + 2 < len(doc) \
        and doc[token.i + 1].lower_ == "it" and doc[token.i + 2].lower_ == "to"


def verb_lemma(token) -> str:
    """A verb's lemma from the cue table, the parser's lemma, or its lower-case text."""
    low = token.lower_
    table = cue_lexicon()["forms"]
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.lower_ == "back" and f"{low} back" in table:
        return table[f"{low} back"]
    if is_put_it_to(token):
        return "put it to"
    if low in table:
        return table[low]
    return token.lemma_ or low


class SpeakerFinder:
    """Resolves subject phrases of one document to entity keys."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.resolver = ctx.resolver
        self.entities = ctx.resolver.entities
        self.genders = ctx.learned_genders()
        #: person key -> head words of the posts they hold ("minister" for "armed forces minister"),
        #: filled once posts are known, so "the minister" can name the one the entry introduced
        self.post_heads: dict[str, set[str]] = {}
        #: person key -> the parties they belong to, once memberships are known
        self.parties: dict[str, set[str]] = {}

    # -- names ------------------------------------------------------------
    def lookup(self, surface: str, kg_type: str | None = None) -> str | None:
        """Resolver lookup over the variants a phrase comes in ("the PM's", "Ms X")."""
        surface = re.sub(r"\s+", " ", surface).strip(" ,.;:–—-\"“”‘’'()")
        if not surface:
            return None
        variants = [surface]
        bare = re.sub(r"(?:['’]s|['’])$", "", surface)
        if bare != surface:
            variants.append(bare)
        for v in list(variants):
            low = v.lower()
            if low.startswith(("the ", "a ", "an ")):
                variants.append(v.split(" ", 1)[1])
            elif v[:1].islower() or v.split(" ")[0].isalpha():
                variants.append("the " + v)
        for v in variants:
            try:
                key = self.resolver.lookup(v, kg_type)
            except Exception:   # a resolver in flux must not sink the extractor
                key = None
            if key and key in self.entities:
                return key
        words = surface.split()
        for k in (1, 2):        # "Chair Jo Doe", "Senior Tory Jo Doe": a title the mention left out
            if len(words) - k >= 2 and kg_type in (None, "Person"):
                key = self.resolver.lookup(" ".join(words[k:]), "Person")
                if key and key in self.entities:
                    return key
        return None

    def gender(self, key: str) -> str:
        """See :func:`kg.resolve.genders.gender_of`."""
        return gender_of(key, self.entities, self.genders)

    def is_person(self, key: str | None) -> bool:
        return pronouns.is_person(self.entities, key)

    # -- phrases ----------------------------------------------------------
    def resolve_span(self, doc, start: int, end: int, head=None) -> str | None:
        """Entity named by tokens ``doc[start:end]``: an entity span first, then the phrase."""
        ents = [e for e in doc_ents(doc) if e.start >= start and e.end <= end]
        if head is not None:
            ents.sort(key=lambda e: (0 if e.start <= head.i < e.end else 1,
                                     0 if e.label_ == "PERSON" else 1, abs(e.root.i - head.i)))
        else:
            ents.sort(key=lambda e: (0 if e.label_ == "PERSON" else 1, e.start))
        for e in ents:
            key = self.lookup(e.text)
            if key:
                return key
        return None

    def resolve_token(self, tok, memory: EntryMemory | None, speaker_at=None) -> str | None:
        """The entity a subject (or object) token names.

        Order: first-person words inside a quotation (``speaker_at`` maps an
        offset to its speaker), pronouns, the base noun phrase (a name, or a
        role description the resolver knows), appositions ("its chair, X"),
        document nouns ("a submission from X"), then nominal anaphors
        ("the union", "the veteran politician", "a backbench MP").
        """
        low = tok.lower_
        doc = tok.doc
        if low in _FIRST_PERSON:
            return speaker_at(tok.idx) if speaker_at else None
        if low in PRONOUN_GENDER and tok.pos_ == "PRON":
            return self.resolve_pronoun(low, tok.idx, memory)
        key = self._base_np(tok)
        if key:
            return key
        for child in tok.children:
            if child.dep_ == "appos":
                key = self._base_np(child) or self.lookup(doc[child.left_edge.i:child.i + 1].text)
                if key:
                    return key
        if low in cue_lexicon()["document_nouns"]:
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in ("from", "of", "by"):
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            key = self.resolve_token(obj, memory, speaker_at)
                            if key:
                                return key
                if child.dep_ == "poss":
                    key = self.resolve_token(child, memory, speaker_at)
                    if key:
                        return key
        if memory is not None:
            if low in ANAPHORS and tok.pos_ == "NOUN":
                return self.resolve_anaphor(ANAPHORS[low], tok.idx, memory)
            if low in cue_lexicon()["person_nouns"] and tok.pos_ in ("NOUN", "PROPN"):
                return self._person_description(tok, memory)     # "MP" is often tagged PROPN
        return None

    def _base_np(self, tok) -> str | None:
        """Name or role description in the phrase up to its head ("Labour MP Jane Doe")."""
        doc = tok.doc
        lo, hi = tok.left_edge.i, tok.i + 1
        for child in tok.rights:
            if child.dep_ in ("compound", "flat", "nmod") or (child.dep_ == "prep" and tok.pos_ == "PROPN"):
                hi = max(hi, child.right_edge.i + 1)
        # drop a leading clause or appositive material that ends before the head
        for t in doc[lo:tok.i]:
            if t.dep_ in ("punct",) and t.text in ",;:–—(":
                lo = t.i + 1
        ents = [e for e in doc_ents(doc) if e.start < hi and e.end > lo]
        ents.sort(key=lambda e: (0 if e.start <= tok.i < e.end else 1, 0 if e.label_ == "PERSON" else 1,
                                 abs(e.root.i - tok.i)))
        for e in ents:
            holds_head = e.start <= tok.i < e.end
            if not holds_head and (e.start > tok.i or tok.pos_ != "NOUN" or tok.lower_ not in ANAPHORS):
                continue          # "Tory MPs", "Council of Wessex": a modifier, not the speaker
            key = self.lookup(e.text)
            if key:
                return key
        key = self.lookup(doc[lo:hi].text)
        if key and not (tok.lower_ in cue_lexicon()["person_nouns"] and key in self.entities
                        and self.entities[key].type == "Party"):
            return key          # ("a Labour MP" is a person of that party, never the party)
        for e in ents:           # a modifier may still name the speaker when nothing else does
            if e.end <= tok.i and tok.pos_ == "NOUN" and tok.lower_ in ANAPHORS:
                key = self.lookup(e.text)
                if key:
                    return key
        return None

    def _person_description(self, tok, memory: EntryMemory) -> str | None:
        """'the veteran politician' -> the person last named; 'a backbench MP' -> the next one."""
        det = next((c for c in tok.children if c.dep_ == "det"), None)
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod")]
        if det is not None and det.lower_ in ("a", "an"):
            sent = tok.sent
            # a person this sentence already names ("a Tory MP asks Jane Doe ...") is someone else
            here = {key for p, key, _ in memory.items if sent.start_char <= p < sent.end_char}
            for p, key, subj in memory.after(sent.end_char - 1):
                if subj and self.is_person(key) and key not in here:
                    return key
            head_end = memory.headline_end
            named = [key for p, key, _ in memory.items if p < head_end and self.is_person(key)]
            if len(set(named)) == 1 and tok.idx >= head_end:
                return named[0]     # the headline names them; the body introduces "a Labour MP"
            return None
        if det is not None and det.lower_ == "the" and not mods:
            for key in memory.ranked_before(tok.idx):      # "armed forces minister X ... the minister"
                if tok.lower_ in self.post_heads.get(key, ()):
                    return key
            return None
        if det is None or det.lower_ != "the" or not mods:
            return None
        if not any(self._is_party_word(m) or m.lower_ in cue_lexicon()["describing_words"] for m in mods):
            return None
        party = self._described_party(mods)
        for key in memory.ranked_before(tok.idx):
            if not self.is_person(key):
                continue
            held = [self.entities[k].name for k in self.parties.get(key, ()) if k in self.entities]
            if party and held and not any(_same_party(party, name) for name in held):
                continue        # "the SNP leader" is not the Conservative named just before
            if party and not held and self.post_heads.get(key, {tok.lower_}) - {tok.lower_}:
                continue        # nor the first minister, whose party the text never gave
            return key
        return None

    def _described_party(self, mods) -> str | None:
        """The party a description names ("the Welsh Tory leader" -> Conservative Party), by the
        party lexicon, so a party the document never names as such still rules candidates out."""
        words = sorted(mods, key=lambda t: t.i)
        if not words:
            return None
        phrase = words[0].doc[words[0].i:words[-1].i + 1].text
        for surface in [phrase] + [m.text for m in words]:
            key = self._party_key(surface)
            if key and key in self.entities:
                return self.entities[key].name
            if name := party_canonical(surface):
                return name
        return None

    def _party_key(self, tok) -> str | None:
        try:
            return self.resolver.lookup(tok.text, "Party")
        except Exception:
            return None

    def _is_party_word(self, tok) -> bool:
        try:
            key = self.resolver.lookup(tok.text, "Party")
        except Exception:
            key = None
        return bool(key) or tok.ent_type_ in ("NORP", "PARTY")

    def resolve_pronoun(self, word: str, pos: int, memory: EntryMemory | None) -> str | None:
        """See :func:`kg.resolve.pronouns.resolve_pronoun`."""
        return pronouns.resolve_pronoun(word, pos, memory, self.entities, self.genders)

    def resolve_anaphor(self, types: tuple[str, ...], pos: int, memory: EntryMemory) -> str | None:
        """See :func:`kg.resolve.pronouns.resolve_anaphor`."""
        return pronouns.resolve_anaphor(types, pos, memory, self.entities)


def _same_party(a: str, b: str) -> bool:
    """Party names that mean one party for a description: "Conservative Party" and "Scottish
    Conservative Party", "Welsh Labour" and "Labour Party" (a nation's branch of a party)."""
    core = lambda n: set(n.lower().replace("'", " ").split()) - {"party", "the", "and"}
    ca, cb = core(a), core(b)
    return bool(ca) and bool(cb) and (ca <= cb or cb <= ca)


#: words that open a sentence with who is asking: "Facing questions from X, ...", "Questioned
#: by X, ...", "Under questioning from X, ..."
FRONTED_QUESTIONS = frozenset({"facing", "questioned", "pressed", "asked", "challenged", "grilled", "quizzed",
                               "under", "responding", "replying"})


def fronted_questioner(sent):
    """The asker a sentence opens with ("Facing questions from X, ..."), else None."""
    first = next((t for t in sent if not t.is_space and not t.is_punct), None)
    if first is None or first.lower_ not in FRONTED_QUESTIONS:
        return None
    comma = next((t.i for t in sent if t.text == "," and t.i > first.i), None)
    if comma is None:
        return None
    return next((t for t in reversed(sent[first.i - sent.start:comma - sent.start]) if t.ent_type_ == "PERSON"), None)
