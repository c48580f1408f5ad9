"""Posts and party memberships: who holds what, and who belongs to which party.

Born here: :class:`~kg.facts.RoleHolding` and :class:`~kg.facts.Membership`.

A *role phrase* is a run of qualifiers ending in an office head word from
``kg/data/offices.json`` ("shadow home secretary", "home affairs spokeswoman",
"chair of the justice committee", "MP for Northtown"). A phrase is tied to a
person by its position, strongest first:

* ``apposition-after``  "Jane Doe, the shadow home secretary,";
* ``before``            "the health secretary, Jane Doe" / "Labour MP Jane Doe";
* ``relative``          "Jane Doe, who was acting deputy PM" / "Jane Doe, a moderate who was ...";
* ``and-after``         "Jane Doe ... leader and MP for Northtown";
* ``post-nominal``      "Jane Doe MP";
* ``as`` / ``copula``   "Jane Doe has quit as party leader" / "Jane Doe was the chancellor".

A party mention just before the phrase ("Labour MP", "the Widget Party's deputy
leader") or in brackets after the name ("Jane Doe (Lab)") is a membership, and so
is a party right before a name ("Labour's Jane Doe", "Tory rebel Jane Doe") or a
list after "N <party> MPs ...:";
a place after "MP for", in brackets after an MP's name, after "who
represents" or before "constituency" is the MP's constituency. Role
descriptions standing alone ("the home secretary") are resolved to people in
:mod:`kg.resolve.coref`.

The step reads the resolver and never writes to it: the surface forms it finds
for people ("the shadow home secretary", "the Widget Party politician", a resolved
role description) go to :attr:`Facts.alias_proposals` for the resolution stage
(:mod:`kg.resolve.aliases`). Posts given in bylines are a separate step,
:func:`add_byline_roles`, run after that stage.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from ..data import load
from ..nlp import doc_text
from ..facts import AliasProposal, Facts, Membership, Provenance, RoleHolding, Span
from ..resolve import coref
from ..resolve.names import is_given_name, party_canonical
from .context import DocContext
from .speakers import fronted_questioner

__all__ = ["EXTRACTOR", "add_affiliations", "add_byline_roles", "RolePhrase", "find_role_phrases", "role_label", "title_case"]

EXTRACTOR = "kg.roles.v1"

_SMALL = {"of", "the", "and", "for", "on", "to", "in", "at", "a", "an"}
_DETS = {"the", "a", "an", "our", "its", "his", "her", "their", "this", "that"}
_QUAL_POS = {"NOUN", "ADJ", "PROPN", "VERB", "X", "ADP"}


@cache
def _lex() -> dict:
    o = load("offices")
    heads = {h.lower() for h in o["heads"]} | {t.lower() for t in o["titles"] if " " not in t}
    titles = sorted({t.lower() for t in o["titles"] if " " in t}, key=lambda t: -len(t.split()))
    mods = {w for m in o["modifiers"] for w in m.lower().split()}
    return {"heads": heads, "titles": [t.split() for t in titles], "mods": mods,
            "drop": {w.lower() for w in o["drop_modifiers"]}, "generic": {g.lower() for g in o["generic"]},
            "party_offices": {k.lower(): v for k, v in o["party_offices"].items()},
            "preps": set(o["complement_preps"]), "party_nouns": {n.lower() for n in o["party_nouns"]},
            "entering": set(o["entering_verbs"])}


@dataclass(frozen=True)
class RolePhrase:
    """A role phrase in one entry: its character span, label words and what it names around it."""

    start: int                  # first character of the phrase (after any determiner/party/possessor)
    end: int
    words: tuple[str, ...]      # label words as written (qualifiers, head, complement)
    head: str                   # the head word, lower case
    party: str = ""             # canonical party named just before the phrase or in its complement
    party_surface: str = ""     # the party as written ("Tory", "Green party")
    left: int = 0               # start including determiner / party / possessor
    org_possessor: str = ""     # "The X Association (XA) general secretary" -> "X Association"
    place_possessor: str = ""   # "Ruritania's prime minister" -> "Ruritania"
    constituency: str = ""      # entity key of the place after "MP for"
    determiner: str = ""        # "the", "a", "our", ...


# -- small pure helpers ------------------------------------------------------------------------
def title_case(words: list[str] | tuple[str, ...]) -> str:
    """'widgets and anti-fraud minister' -> 'Widgets and Anti-Fraud Minister'; acronyms kept."""
    out = []
    for i, w in enumerate(words):
        if i > 0 and w.lower() in _SMALL:
            out.append(w.lower())
        elif any(ch.isupper() for ch in w[1:]) or w.isupper():
            out.append(w)
        else:
            out.append("-".join(p[:1].upper() + p[1:] for p in w.split("-")))
    text = " ".join(out)
    return re.sub(r"\s*-\s*", "-", text)


def role_labels(p: RolePhrase, text: str, spans=()) -> list[str]:
    """The labels a post is recorded under: as written, and with its owner where a possessive
    names one ("Ruritania's prime minister" is both 'Prime Minister' and 'Prime Minister of
    Ruritania'; "the Widget Party's leader" both 'Leader' and 'Widget Party Leader')."""
    label = role_label(p)
    possessive = bool(re.search(r"[’']s?\s+$", text[:p.start]))
    if not possessive or not (p.place_possessor or p.party_surface):
        # "first minister of Ruritania" is also recorded as written without its place
        place = re.match(r"^(.+?)\s+of\s+[A-Z][\w’' -]*$", label)
        places = [x for x in spans if x[3] == "Place" and p.start < x[0] and x[1] == p.end]
        if place and places and not p.org_possessor and len(place.group(1).split()) >= 2:
            return [label, place.group(1)]
        # "Police Scotland Chief Constable": the post is also recorded without the body before it
        owner = next((x for x in spans if x[3] in ("Body", "Party") and p.left <= x[0] and x[1] <= p.start
                      and p.words[:1] and text[x[0]:x[1]].split()[:1] == list(p.words[:1])), None)
        rest = text[max(owner[1], p.start):p.end].split() if owner is not None else []
        if rest and rest[0].lower() in ("office", "department", "ministry", "committee", "council"):
            rest = []           # "Cabinet office spokesperson": the owner runs on in lower case
        if rest and not p.party_surface:
            bare = title_case(rest)
            if bare.lower() != label.lower() and bare.lower() not in _lex()["generic"]:
                return [label, bare]
        return [label]
    from dataclasses import replace
    bare = role_label(replace(p, place_possessor="", party_surface=""))
    return [label, bare] if bare.lower() != label.lower() else [label]


def role_label(p: RolePhrase) -> str:
    """The RoleHolding label: title-cased, with the party where the post is a party's ('Reform UK Leader')."""
    words = [w for w in p.words if w.lower() not in _lex()["drop"]]
    core = " ".join(words).lower()
    template = _lex()["party_offices"].get(core)
    if template and p.party_surface:
        party = title_case(p.party_surface.split())
        return template.format(party=party)
    label = title_case(words)
    if p.org_possessor:
        label = f"{label} of the {p.org_possessor}"
    elif p.place_possessor:
        label = f"{label} of {p.place_possessor}"
    return label


def _is_generic(p: RolePhrase) -> bool:
    """'a Labour minister', 'the politician': too vague to record as a post."""
    words = [w.lower() for w in p.words if w.lower() not in _lex()["drop"]]
    return " ".join(words) in _lex()["generic"] and not p.org_possessor and not p.place_possessor \
        and not (p.party_surface and " ".join(words) in _lex()["party_offices"])


# -- finding role phrases ------------------------------------------------------------------------
def _mention_at(spans, i_char: int):
    for s in spans:
        if s[0] <= i_char < s[1]:
            return s
    return None


@cache
def _titles_by_first_word() -> dict[str, list[list[str]]]:
    """Multi-word titles indexed by their first word, so each token costs one dict look-up."""
    index: dict[str, list[list[str]]] = {}
    for words in _lex()["titles"]:
        index.setdefault(words[0], []).append(list(words))
    return index


def _title_at(doc, i: int) -> int:
    """Length in tokens of a multi-word title starting at token i ('leader of the opposition'), else 0."""
    for words in _titles_by_first_word().get(doc[i].lower_, ()):
        n = len(words)
        if i + n <= len(doc) and [t.lower_ for t in doc[i:i + n]] == words:
            return n
    return 0


def find_role_phrases(doc, spans) -> list[RolePhrase]:
    """Every role phrase in a parsed entry (see the module docstring)."""
    lex = _lex()
    out: list[RolePhrase] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        n_title = _title_at(doc, i)
        is_head = n_title or tok.lower_ in lex["heads"]
        if not is_head or _mention_at(spans, tok.idx) and _mention_at(spans, tok.idx)[3] in ("Person", "Body", "Place"):
            i += 1
            continue
        if tok.lower_ in ("mps", "peers") or (tok.text == "MPs") or tok.text in ("Ms", "Ms."):
            i += 1          # "Ms" is an honorific; only "MS" is a Member of the Senedd
            continue
        head_end = i + (n_title or 1)
        # a head followed by another head word belongs to the longer phrase ("chief inspector", "deputy governor")
        if not n_title and head_end < len(doc) and doc[head_end].lower_ in lex["heads"] and doc[head_end].lower_ != "mp":
            i += 1
            continue
        out.append(_build_phrase(doc, spans, i, head_end))
        i = head_end
    return [p for p in out if p is not None]


def _build_phrase(doc, spans, i: int, head_end: int) -> RolePhrase | None:
    lex = _lex()
    first = i
    # -- qualifiers to the left
    k = i - 1
    while k >= 0:
        t = doc[k]
        if t.text == "-" and k > 0 and doc[k - 1].idx + len(doc[k - 1].text) == t.idx:
            k -= 1
            continue
        if _mention_at(spans, t.idx) is not None:
            break
        low = t.lower_
        if low in _DETS or t.is_punct or low in ("’s", "'s", "’", "'") or t.pos_ in ("PRON", "AUX", "DET", "NUM"):
            break
        if low == "and" and k > 0 and doc[k - 1].pos_ in ("NOUN", "PROPN", "ADJ") and not doc[k - 1].is_punct \
                and _mention_at(spans, doc[k - 1].idx) is None and doc[k - 1].lower_ not in lex["heads"]:
            # "children and families minister" is one post; "schools minister and housing
            # minister" are two
            k -= 1
            continue
        if low in lex["mods"] or (t.pos_ in _QUAL_POS and t.pos_ != "ADP") and (t.is_lower or t.is_title or t.is_upper):
            if t.pos_ == "VERB" and low not in lex["mods"] and not (
                    t.tag_ in ("VBG", "VBN") and t.dep_ in ("amod", "compound", "nmod")):
                break
            if t.is_title and t.pos_ == "PROPN" and low not in lex["mods"] and not _office_word_ok(t):
                break
            k -= 1
            continue
        break
    first = k + 1
    while first < i and (doc[first].lower_ == "and" or doc[first].text == "-"):
        first += 1
    # -- complement to the right
    end_tok = head_end
    constituency = ""
    constituency_end = 0
    head = doc[i].lower_ if head_end - i == 1 else " ".join(t.lower_ for t in doc[i:head_end])
    if head_end < len(doc) and doc[head_end].lower_ in lex["preps"]:
        prep = doc[head_end]
        if head in ("mp", "msp") and prep.lower_ in ("for", "in"):     # "MP for X", "the new MP in X"
            place = _mention_at(spans, doc[head_end + 1].idx) if head_end + 1 < len(doc) else None
            if place and place[3] == "Place":
                constituency = place[2]
                constituency_end = place[1]
        elif head not in ("mp", "msp"):
            j = head_end + 1
            if j < len(doc) and doc[j].lower_ == "the":
                j += 1
            last = None
            while j < len(doc):
                t = doc[j]
                m = _mention_at(spans, t.idx)
                if t.ent_type_ in ("DATE", "TIME") or m is not None and m[3] == "Person" or (t.is_title and is_given_name(t.text) and j > head_end + 1):
                    break           # the holder's name begins: "... of Ruritania Jane Doe"
                if t.is_punct and t.text not in ("-", "’", "'") or t.pos_ in ("VERB", "AUX", "PRON", "DET") \
                        or (t.pos_ == "ADP" and m is None) or t.lower_ in ("and", "who", "which", "that"):
                    break
                last = j
                j += 1
            if last is not None:
                end_tok = last + 1
    words = _join_hyphens(doc, first, end_tok)
    start, end = doc[first].idx, doc[end_tok - 1].idx + len(doc[end_tok - 1].text)
    p = _with_left_context(doc, spans, RolePhrase(start=start, end=end, words=words, head=head,
                                                  left=start, constituency=constituency), first)
    if constituency_end:
        from dataclasses import replace
        p = replace(p, end=constituency_end)
    return p


def _office_word_ok(t) -> bool:
    """A capitalised qualifier is part of the title when it is a department word ('Home', 'City')."""
    depts = {d.lower() for d in load("offices")["departments"]}
    return t.lower_ in depts or t.lower_ in ("city", "westminster", "treasury", "cabinet", "foreign", "home",
                                             "shadow", "deputy", "chief", "general", "de", "facto")


def _join_hyphens(doc, a: int, b: int) -> tuple[str, ...]:
    words: list[str] = []
    glue = False
    for t in doc[a:b]:
        if t.text == "-":
            if words:
                words[-1] += "-"
            glue = True
            continue
        if glue and words:
            words[-1] += t.text
        else:
            words.append(t.text)
        glue = False
    return tuple(words)


def _with_left_context(doc, spans, p: RolePhrase, first: int) -> RolePhrase:
    """Look left of the phrase for a party, a possessor and a determiner."""
    text = doc_text(doc)
    left = p.start
    party = surface = org = place = det = attributive = ""
    before = text[:p.start]
    # possessive: "the Widget Party's deputy leader", "Ruritania's prime minister"
    m = re.search(r"([’']s|[’'])\s+$", before)
    gap_end = m.start() if m else len(before.rstrip())
    # never across a line break: "Jane Doe, Labour⏎Justice Minister: ..." starts a new line
    owner = _mention_ending_at(spans, gap_end) if "\n" not in before[gap_end:] else None
    if owner is None and not m and "\n" not in before[len(before.rstrip()):]:
        # "Labour MP", "The Widget Party shadow widgets secretary", "The X Association (XA) general secretary"
        # (never across a line break: "Jane Doe, Labour⏎Justice Minister: ..." is a new line)
        stripped = re.sub(r"\s*\([A-Z][A-Za-z]{1,7}\)\s*$", "", before.rstrip())
        owner = _mention_ending_at(spans, len(stripped))
        if owner is not None and owner[3] == "Body" and stripped != before.rstrip():
            org = text[owner[0]:owner[1]]
            left = owner[0]
            owner = None

    if owner is not None:
        if owner[3] == "Party":
            party = owner[2]
            surface = text[owner[0]:owner[1]]
            left = owner[0]
        elif owner[3] == "Place" and m:
            place = text[owner[0]:owner[1]]
            left = owner[0]
        elif owner[3] in ("Person", "Body") and m:
            left = owner[0]           # "the prime minister's adviser": the possessor is not the post
        elif owner[3] == "Body" and before.endswith(" "):
            attributive = text[owner[0]:owner[1]]        # "the Widget Agency chief executive"
            left = owner[0]
    lead: list[str] = []
    if left < p.start:      # "Former Widget Office boss", "the ex-Labour MP": a modifier before the owner
        mm = re.search(r"\b(former|ex|outgoing|acting|interim)(?:\s+|-)$", text[:left], re.I)
        if mm:
            lead, left = [mm.group(1)], mm.start(1)
    dm = re.search(r"\b(the|a|an|our|its|his|her|their|The|A|An|Our|Its|His|Her|Their)\s+$", text[:left])
    if dm:
        det = dm.group(1).lower()
        left = dm.start(1)
    # a party named in the complement: "deputy leader of Reform UK"
    if not party:
        for s in spans:
            if s[3] == "Party" and p.start <= s[0] and s[1] <= p.end:
                party, surface = s[2], ""
    words = (*lead, *attributive.split(), *p.words) if attributive else (*lead, *p.words)
    return RolePhrase(start=p.start, end=p.end, words=words, head=p.head, party=party, party_surface=surface,
                      left=left, org_possessor=org, place_possessor=place, constituency=p.constituency,
                      determiner=det)


def _mention_ending_at(spans, end: int):
    for s in spans:
        if s[1] == end:
            return s
    return None


# -- linking phrases to people -----------------------------------------------------------------------
_HON = r"(?:(?:Sir|Dame|Lord|Lady|Baroness|Dr|Prof|Professor|Mr|Mrs|Ms|Miss|the Rt Hon|Rt Hon)\.?\s+)*"
_AFTER_GAP = re.compile(r"^(?:\s+(?:KC|QC|MP|MSP|MS|MLA|OBE|CBE|MBE|KBE|DBE))*\s*(?:\([^()\n]{1,40}\)\s*)?,\s*$")
_AND_GAP = re.compile(r"^\s*(?:\([^()\n]{1,40}\)\s*)?,?\s*(?:and|&)\s+$")
_RELATIVE_GAP = re.compile(r"^\s*(?:\([^()\n]{1,40}\)\s*)?,\s*(?:an?\s+[a-z]+\s+)?who\s+(?:\w+\s+)?(?:is|was|has been|had been|became|"
                           r"served as|worked as|resigned as|stood down as|quit as|is now)\s*$")
_BEFORE_GAP = re.compile(rf"^\s*,?\s*{_HON}$")
_POSSESSIVE = re.compile(r"['’]s?\b")


def _link(p: RolePhrase, spans, text: str) -> tuple[str, str, tuple[int, int]] | None:
    """(person key, rule, person span) for a role phrase, or None (see the module docstring)."""
    if _POSSESSIVE.match(text, p.end):
        return None         # "X, the prime minister's adviser": the office is someone else's
    persons = [s for s in spans if s[3] == "Person"]
    before = [s for s in persons if s[1] <= p.left]
    after = [s for s in persons if s[0] >= p.end]
    if after and not p.determiner:
        s = after[0]            # "inquiry chair Sir Jane Doe": a bare title right before a name is hers
        if re.fullmatch(rf"[ \t]+{_HON}", text[p.end:s[0]]):      # (never across a line break)
            return s[2], "before", (s[0], s[1])
    if after:
        s = after[0]            # "Justice Minister: Jane Doe, Labour": a list line labels its holder
        if re.fullmatch(rf"[ \t]*:[ \t]*{_HON}", text[p.end:s[0]]):
            return s[2], "label", (s[0], s[1])
    if before:
        s = before[-1]
        gap = text[s[1]:p.left]
        if _AFTER_GAP.match(gap) and not re.search(r"[.;:!?\n]", gap):
            return s[2], "apposition-after", (s[0], s[1])
    if after:
        s = after[0]
        gap = text[p.end:s[0]]
        if _BEFORE_GAP.match(gap) and "\n" not in gap:
            return s[2], "before", (s[0], s[1])
    if before and p.head in ("mp", "msp", "ms", "mla") and p.left == p.start:
        s = before[-1]
        if re.fullmatch(r" ", text[s[1]:p.start]):
            return s[2], "post-nominal", (s[0], s[1])     # "Jane Doe MP"
    if before:
        s = before[-1]
        gap = text[s[1]:p.left]
        if _RELATIVE_GAP.match(gap):
            return s[2], "relative", (s[0], s[1])
        if _AND_GAP.match(gap) and p.determiner == "":
            return s[2], "and-after", (s[0], s[1])
    return None


def _copula_link(doc, p: RolePhrase, spans) -> tuple[str, str, tuple[int, int]] | None:
    """'Jane Doe was the chancellor then': the subject of 'be' holds the post it names."""
    inside = _phrase_tokens(doc, p)
    root = next((t for t in inside if not (p.start <= t.head.idx < p.end) or t.head.i == t.i), None)
    if root is None or root.dep_ != "attr" or root.head.lemma_ != "be":
        return None
    subj = next((c for c in root.head.children if c.dep_ == "nsubj"), None)
    person = next((x for x in spans if subj is not None and x[0] <= subj.idx < x[1]), None)
    if person is None and subj is not None and subj.lower_ in ("he", "she"):
        # "... had voted against it every year he was a Treasury minister": the one person
        # named earlier in the same sentence
        named = {x[2] for x in spans if x[3] == "Person" and subj.sent.start_char <= x[0] and x[1] <= subj.idx}
        person = next((x for x in spans if len(named) == 1 and x[2] in named), None)
    if person is not None and person[3] == "Person":
        return person[2], "copula", (person[0], person[1])
    return None


def _phrase_tokens(doc, p: RolePhrase) -> list:
    """The tokens of a role phrase (a span look-up: iterating the whole doc per phrase was slow)."""
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    return [t for t in span if p.start <= t.idx < p.end] if span is not None else []


def _person_at(spans, tok):
    span = _mention_at(spans, tok.idx) if tok is not None else None
    return span if span is not None and span[3] == "Person" else None


def _become_link(doc, p: RolePhrase, spans) -> tuple[str, str, tuple[int, int]] | None:
    """'Jane Doe became PM', 'Doe was appointed chancellor', 'named Doe foreign secretary',
    'appointed Doe as chancellor', 'Doe becoming PM': who enters the post the verb names."""
    inside = _phrase_tokens(doc, p)
    root = next((t for t in inside if not (p.start <= t.head.idx < p.end) or t.head.i == t.i), None)
    if root is None:
        return None
    verb, via_as = root.head, False
    if verb.lower_ == "as" and verb.dep_ == "prep" and root.dep_ == "pobj":
        verb, via_as = verb.head, True
    elif root.dep_ == "dobj" and p.left > 0:
        # "to appoint Tom Doe deputy prime minister": the parser made the post the object and
        # the name its modifier; the name right before the post is the one appointed
        named = _person_at(spans, _token_at(doc, max(0, p.left - 2)))
        if named is None or verb.lemma_.lower() not in _lex()["entering"] \
                or not re.fullmatch(r"\s+", doc_text(doc)[named[1]:p.left]):
            return None
        return named[2], "enters", (named[0], named[1])
    elif root.dep_ not in ("attr", "oprd", "xcomp", "acomp"):
        return None
    if verb.lemma_.lower() not in _lex()["entering"] or any(c.dep_ == "neg" for c in verb.children):
        return None
    person = _person_at(spans, next((c for c in verb.children if c.dep_ == "dobj"), None))
    if person is None and via_as:
        return None             # "X appointed Y as chancellor" is Y's post; "served as" is _as_link's
    if person is None:
        person = _person_at(spans, next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None))
    if person is None and verb.i > 0 and verb.lemma_ == "become":
        person = _person_at(spans, doc[verb.i - 1])      # "coverage of Jane Doe becoming PM"
    if person is None and verb.dep_ in ("xcomp", "advcl") and verb.head is not verb:
        # "Doe was demoted from chancellor to become a trade minister": the governing verb's subject
        person = _person_at(spans, next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None))
    if person is None:
        return None
    return person[2], "enters", (person[0], person[1])


def _as_link(doc, p: RolePhrase, spans) -> tuple[str, str, tuple[int, int]] | None:
    """'Jane Doe has quit as party leader', 'Doe, who was sacked as home secretary': the subject
    of the verb that the 'as' phrase hangs from holds the post (also across 'and')."""
    inside = _phrase_tokens(doc, p)
    root = next((t for t in inside if not (p.start <= t.head.idx < p.end) or t.head.i == t.i), None)
    if root is None or root.head.lower_ != "as" or root.head.dep_ != "prep":
        return None
    verb = root.head.head
    named = _person_at(spans, verb) if verb.pos_ == "PROPN" else None
    if named is not None:       # "the election of Jo Doe as chair": the 'as' hangs on the name itself
        return named[2], "as", (named[0], named[1])
    nominal = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None) \
        if verb.pos_ == "VERB" else None
    if nominal is not None and (owner := _noun_owner(nominal, spans)) is not None:
        # "questioned the appointment of Jo Doe as deputy": the parser hung 'as' on the verb
        return (owner[2], "as", (owner[0], owner[1])) if owner[3] == "Person" else None
    if verb.pos_ in ("NOUN", "PROPN"):
        owner = _noun_owner(verb, spans)
        if owner is not None:   # "Doe's record as chancellor", "the appointment of Doe as chair"
            return (owner[2], "as", (owner[0], owner[1])) if owner[3] == "Person" else None
    for _ in range(2):          # "resigned from her post as ...": climb the noun to its verb
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head.head if verb.head.dep_ == "prep" else verb.head
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.lower_ in ("who", "that") and verb.dep_ == "relcl":
            subj = verb.head
        if subj is not None:
            person = _mention_at(spans, subj.idx)
            if person is None:      # a name's head is its last word: look for a span ending there
                person = next((x for x in spans if x[0] <= subj.idx < x[1]), None)
            if person is not None and person[3] == "Person":
                return person[2], "as", (person[0], person[1])
            return None
        if verb.dep_ not in ("conj", "xcomp", "advcl"):
            return None
        verb = verb.head        # "... was moved to take a fresh role as X": the mover
    return None


def _possessive_as(p: RolePhrase, spans, text: str) -> tuple[str, str, tuple[int, int]] | None:
    """'Jane Doe's tenth session as first minister': by the words alone, since the parser often
    reads that 'as' as a conjunction. The possessor holds the post."""
    m = re.search(r"['’]s\s+(?:[\w-]+\s+){1,3}as\s+(?:the\s+)?$", text[max(0, p.left - 80):p.left])
    if not m:
        return None
    owner = _mention_ending_at(spans, max(0, p.left - 80) + m.start())
    return (owner[2], "as", (owner[0], owner[1])) if owner is not None and owner[3] == "Person" else None


def _noun_owner(noun, spans):
    """Whose the noun an 'as' phrase hangs from is, when a name says so: its named possessor
    ("Doe's time as") or its 'of' name ("the appointment of Doe as"). Such a noun's post is that
    one's, never the sentence subject's. A possessive pronoun ("resigned from her post as") is
    left to the caller, which reads it as the subject."""
    for c in noun.children:
        if (c.dep_ == "poss" and c.pos_ != "PRON") or (c.dep_ == "prep" and c.lower_ == "of"):
            target = c if c.dep_ == "poss" else next((g for g in c.children if g.dep_ == "pobj"), None)
            found = _mention_at(spans, target.idx) if target is not None else None
            if found is not None:
                return found
    return None


def _respectively(doc, phrases: list[RolePhrase], spans, text: str) -> dict[int, tuple[str, str, tuple[int, int]]]:
    """'Jo Doe and Al Roe resigned as schools minister and housing minister respectively': a
    chain of posts that ends in 'respectively' pairs, in order, with as many joined names."""
    out: dict[int, tuple[str, str, tuple[int, int]]] = {}
    for j, last in enumerate(phrases):
        if not re.match(r"[\s,]*respectively\b", text[last.end:]):
            continue
        i = j
        while i > 0 and re.fullmatch(r"\s*(?:,\s*)?(?:and\s+)?", text[phrases[i - 1].end:phrases[i].left]):
            i -= 1
        first = _as_link(doc, phrases[i], spans) or _become_link(doc, phrases[i], spans)
        head = _person_at(spans, _token_at(doc, first[2][0])) if first else None
        if head is None:
            continue
        tok = _token_at(doc, head[1] - 1)
        people = [x for t in sorted((tok, *tok.conjuncts), key=lambda t: t.i) if (x := _person_at(spans, t))]
        if len(people) == j - i + 1:
            for n, person in zip(range(i, j + 1), people):
                out[n] = (person[2], "respectively", (person[0], person[1]))
    return out


def _asks_in_opening(doc, person_span: tuple[int, int]) -> bool:
    """The person is the asker a sentence opens with ("Facing questions from X, ...")."""
    tok = _token_at(doc, person_span[0])
    asker = fronted_questioner(tok.sent) if tok is not None else None
    return asker is not None and person_span[0] <= asker.idx < person_span[1]


def _token_at(doc, char: int):
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _chain_link(p: RolePhrase, prev: tuple[RolePhrase, str] | None, text: str) -> str | None:
    """'Jane Doe, Labour MP for X and chair of the Y committee', 'Jane Doe, a Labour MP, chair of
    the Y committee': the next phrase in a run of appositions has the same holder."""
    if prev is None:
        return None
    q, key = prev
    gap = text[q.end:p.left]
    return key if re.fullmatch(r"\s*(?:,\s*)?(?:and|&)\s+|[ \t]*,[ \t]*", gap) else None


def _bracket_after(person_span, spans, text: str) -> tuple[str, str] | None:
    """'Jane Doe (Lab)' -> ('Party', key); 'Jane Doe (Northtown)' -> ('Place', key); a list line
    that ends 'Jane Doe, Labour' -> ('Party', key)."""
    m = re.match(r"\s*\(([^()\n]{1,40})\)", text[person_span[1]:]) or \
        re.match(r"[ \t]*,[ \t]*([^,\n]{2,40}?)[ \t]*(?:\n|$)", text[person_span[1]:])   # "...: Jane Doe, Labour"
    if not m:
        return None
    inner_start = person_span[1] + m.start(1)
    inner = _mention_at(spans, inner_start)
    if inner is not None and inner[3] in ("Party", "Place"):
        return inner[3], inner[2]
    return None


# -- the step ------------------------------------------------------------------------------------------
def add_affiliations(ctx: DocContext, facts: Facts) -> None:
    """Append the document's memberships and post holdings to ``facts`` (deduplicated), and the
    aliases they reveal to ``facts.alias_proposals`` (the resolver itself is only read)."""
    seen_m: set[tuple[str, str]] = set()
    seen_r: set[tuple[str, str, str]] = set()
    explicit: dict[str, set[str]] = {}

    def member(person: str, party: str, entry_id: str, span: tuple[int, int], conf: float) -> None:
        if (person, party) in seen_m or not person or not party:
            return
        seen_m.add((person, party))
        facts.memberships.append(Membership(person=person, party=party,
                                            prov=Provenance(entry_id, Span(*span), EXTRACTOR, conf)))

    def role(person: str, label: str, entry_id: str, span: tuple[int, int], conf: float,
             constituency: str = "", organisation: str = "") -> None:
        key = (person, label.lower(), constituency)
        if key in seen_r or "\n" in label:
            return              # a post is written within one paragraph, never across a break
        if constituency and (person, label.lower(), "") in seen_r:
            facts.roles[:] = [r for r in facts.roles if not (r.person == person and r.role.lower() == label.lower()
                                                             and not r.constituency)]
        elif not constituency and any(k[0] == person and k[1] == label.lower() for k in seen_r):
            return
        seen_r.add(key)
        facts.roles.append(RoleHolding(person=person, role=label, constituency=constituency, organisation=organisation,
                                       prov=Provenance(entry_id, Span(*span), EXTRACTOR, conf)))

    for entry, doc in ctx.pairs():
        text = entry.text
        spans = ctx.resolver.spans_in(entry.id)
        prev: tuple[RolePhrase, str] | None = None
        phrases = find_role_phrases(doc, spans)
        shared = _respectively(doc, phrases, spans, text)
        for n, p in enumerate(phrases):
            linked = shared.get(n) or _link(p, spans, text) or _become_link(doc, p, spans) \
                or _as_link(doc, p, spans) or _possessive_as(p, spans, text) or _copula_link(doc, p, spans)
            if linked and linked[1] == "apposition-after" and _asks_in_opening(doc, linked[2]):
                linked = None   # "Facing questions from X, the minister said": the post is the speaker's
            key = linked[0] if linked else _chain_link(p, prev, text)
            rule = linked[1] if linked else "and-chain"
            if key is None:
                prev = None
                continue
            prev = (p, key)
            span = (min(p.left, linked[2][0]) if linked else p.left, max(p.end, linked[2][1]) if linked else p.end)
            if p.party:
                member(key, p.party, entry.id, span, 0.85)
            titled_chair = rule == "before" and not p.determiner and p.words[-1:] and \
                p.words[-1].lower() in ("chair", "chairman", "chairwoman", "chairperson")
            if not _is_generic(p) or titled_chair:      # "attacking chair Jane Doe": a title
                constituency = p.constituency or _constituency_near(key, spans, text, p) if p.head == "mp" else ""
                for label in role_labels(p, text, spans):
                    role(key, label, entry.id, span, 0.8 if rule != "and-chain" else 0.7,
                         constituency=constituency, organisation=p.party if p.party and label != "MP" else "")
                    explicit.setdefault(key, set()).add(label.lower())
                if p.determiner == "the" and rule in ("apposition-after", "before"):
                    facts.alias_proposals.append(AliasProposal(key, f"the {' '.join(p.words).lower()}",
                                                               "role-apposition", entry.id, Span(*span)))
        for s in spans:
            if s[3] != "Person":
                continue
            br = _bracket_after(s, spans, text)
            if br and br[0] == "Party":
                member(s[2], br[1], entry.id, (s[0], s[1] + 12), 0.9)
        _description_memberships(ctx, entry, spans, member, facts.alias_proposals.append)
        _party_label_memberships(doc, spans, member, entry.id)
        for person, party, span, mp in _party_list_members(spans, text):
            member(person, party, entry.id, span, 0.75)
            if mp:
                role(person, "MP", entry.id, span, 0.7)
        _own_government_memberships(doc, spans, member, entry.id)
    parties: dict[str, set[str]] = {}
    for m in facts.memberships:
        parties.setdefault(m.person, set()).add(m.party)
    posts, aliases = coref.resolve_role_descriptions(ctx, explicit, parties)
    facts.alias_proposals.extend(aliases)
    for key, label, entry_id, span in posts:
        role(key, label, entry_id, span, 0.6)
        party = coref.party_of_office(label)
        party_key = ctx.resolver.lookup(party, "Party") if party else None
        if party_key:
            member(key, party_key, entry_id, span, 0.6)
    facts.roles[:] = _without_redundant_abbreviations(facts.roles)


def add_byline_roles(ctx: DocContext, facts: Facts) -> None:
    """An entry's byline post ("Jane Doe, Political editor") as a role of its writer.

    Why a step of its own, after the resolution stage: the writer is looked up by the
    byline's name, and a byline may name them as the text describes them, which the
    resolver knows only once the aliases :func:`add_affiliations` proposed are applied.
    A post the writer already holds (in any constituency) is not added twice, and an
    abbreviation beside its full form is dropped as in :func:`add_affiliations`.
    """
    held = {(r.person, r.role.lower()) for r in facts.roles}
    for entry in ctx.doc.entries:
        person = ctx.resolver.lookup(entry.author, "Person") if entry.author and entry.author_role else None
        if not person:
            continue
        label = title_case(entry.author_role.split())
        if (person, label.lower()) in held:
            continue
        held.add((person, label.lower()))
        facts.roles.append(RoleHolding(person=person, role=label,
                                       prov=Provenance(entry.id, Span(0, 0), EXTRACTOR, 0.9)))
    facts.roles[:] = _without_redundant_abbreviations(facts.roles)


def _without_redundant_abbreviations(roles: list[RoleHolding]) -> list[RoleHolding]:
    """'FM' beside 'First Minister' for the same person says nothing more: keep the full form."""
    abbr = {k.lower(): v.lower() for k, v in load("offices")["abbreviations"].items()}
    held = {(r.person, r.role.lower()) for r in roles}
    roles = [r for r in roles if not (r.role.lower() in abbr and (r.person, abbr[r.role.lower()]) in held)]
    return _one_wording_per_party(roles)


def _one_wording_per_party(roles: list[RoleHolding]) -> list[RoleHolding]:
    """'Tory Deputy Chairman' and 'Conservative Deputy Chairman' for one person are one post:
    keep the wording with the party's own name (or the first one met)."""
    def key(label: str) -> str:
        return " ".join(party_canonical(w) or w for w in label.lower().split())

    chosen: dict[tuple[str, str, str], RoleHolding] = {}
    for r in roles:
        k = (r.person, key(r.role), r.constituency)
        best = chosen.get(k)
        if best is None or (not _names_party(best.role) and _names_party(r.role)):
            chosen[k] = r
    keep = {id(r) for r in chosen.values()}
    return [r for r in roles if id(r) in keep]


def _names_party(label: str) -> bool:
    """The label spells a party as the party calls itself ('Conservative', not 'Tory')."""
    return any(party_canonical(w) and party_canonical(w).split()[0].lower() == w.lower() for w in label.split())


_PARTY_OWNER_GAP = re.compile(rf"^(?:[’']s?)\s+{_HON}$")
_PARTY_APPOSITION_GAP = re.compile(r"^,\s+$")


def _party_label_memberships(doc, spans, member, entry_id: str) -> None:
    """A party named right before a person labels that person's party.

    * possessive: "Labour's Jane Doe", "the Greens' Jane Doe";
    * apposition: "another Conservative, Jane Doe";
    * attributive: "Tory rebel Jane Doe", "Conservative Remain-supporter Jane Doe" (only
      descriptive nouns and adjectives between party and name; never a verb or a possessive).
    """
    text = doc_text(doc)
    for i, s in enumerate(spans):
        if s[3] != "Party":
            continue
        nxt = next((x for x in spans[i + 1:] if x[0] >= s[1]), None)
        if nxt is None or nxt[3] != "Person":
            continue
        gap = text[s[1]:nxt[0]]
        if _PARTY_OWNER_GAP.match(gap) or (_PARTY_APPOSITION_GAP.match(gap) and re.search(
                r"\b(?:another|fellow|a|the|one)\s+$", text[:s[0]], re.I)):
            member(nxt[2], s[2], entry_id, (s[0], nxt[1]), 0.8)
            continue
        words = gap.split()
        if not gap.startswith(" ") or len(words) > 3 or "\n" in gap:
            continue
        between = [t for t in doc if s[1] <= t.idx < nxt[0]]
        if all(t.pos_ in ("NOUN", "ADJ", "PROPN") or t.text == "-" for t in between) \
                and not any(t.text.endswith(("'s", "’s")) or t.tag_ == "POS" for t in between) \
                and not any(w[0].isupper() and w.lower() not in _lex()["mods"] for w in words[:-1] if w != "-"):
            member(nxt[2], s[2], entry_id, (s[0], nxt[1]), 0.7)


_LIST_HEAD = re.compile(r"\s+(MPs|MSPs|MSs|peers|rebels|backbenchers|members|councillors)\b")


def _party_list_members(spans, text: str) -> list[tuple[str, str, tuple[int, int], bool]]:
    """'13 Tory MPs voted against. They were: A, B and C': each listed person belongs to the party.

    The list follows a colon within the same or the next sentence of a "<party> MPs" phrase and
    holds only person names separated by commas and 'and'.
    """
    out = []
    for i, s in enumerate(spans):
        if s[3] != "Party":
            continue
        m = _LIST_HEAD.match(text, s[1])
        if not m:
            continue
        colon = text.find(":", m.end())
        if colon < 0 or colon - m.end() > 300 or len(re.findall(r"[.!?](?:\s|$)", text[m.end():colon])) > 1:
            continue
        stop = re.search(r"[.!?;\n]|$", text[colon + 1:])
        end = colon + 1 + stop.start()
        listed = [x for x in spans if colon < x[0] < end]
        pos = colon + 1
        people = []
        for x in listed:
            if x[3] != "Person" or not re.fullmatch(r"\s*(?:,\s*)?(?:and\s+|&\s+)?", text[pos:x[0]]):
                people = []
                break
            people.append(x)
            pos = x[1]
        if len(people) >= 2 and not text[pos:end].strip(" ,"):
            out.extend((x[2], s[2], (s[0], x[1]), m.group(1) in ("MPs",)) for x in people)
    return out


def _constituency_near(person: str, spans, text: str, p: RolePhrase) -> str:
    """The MP's constituency given next to the name: '(Northtown)', 'who represents X', 'whose X constituency'."""
    for s in spans:
        if s[2] != person or s[3] != "Person":
            continue
        br = _bracket_after(s, spans, text)
        if br and br[0] == "Place":
            return br[1]
        m = re.match(r"\s*,\s*(?:who represents|whose)\s+", text[s[1]:])
        if m:
            place = _mention_at(spans, s[1] + m.end())
            if place and place[3] == "Place":
                return place[2]
    return ""


_REPORTING = {"said", "says", "say", "told", "tells", "claimed", "claims", "argued", "argues", "insisted",
              "insists", "promised", "promises", "pledged", "pledges"}


def _own_government_memberships(doc, spans, member, entry_id: str) -> None:
    """'Jane Doe says a Labour government would ...': a speaker describing what 'a X government' does.

    Only the indefinite form counts: politicians speak of *a* government of their own party
    (a pledge, a record); an opponent's is "the last Tory government".
    """
    text = doc_text(doc)
    for tok in doc:
        if tok.lower_ not in _REPORTING:
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        person = _mention_at(spans, subj.idx) if subj is not None else None
        if person is None or person[3] != "Person":
            continue
        after = tok.idx + len(tok.text)
        m = re.match(r"\s+(?:that\s+)?an?\s+", text[after:])
        if not m:
            continue
        party = _mention_at(spans, after + m.end())
        if party is None or party[3] != "Party" or not re.match(r"\s+government\b", text[party[1]:]):
            continue
        member(person[2], party[2], entry_id, (person[0], party[1] + 11), 0.55)


_PARTY_DESCRIPTION = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+([A-Z][\w ]{1,30}?)\s+(politician|MP|minister|peer|veteran|grandee|"
                                r"backbencher|frontbencher|MSP|councillor)\b(?!\s*,?\s*(?:[A-Z]|for\b))")


def _description_memberships(ctx: DocContext, entry, spans, member,
                             propose: Callable[[AliasProposal], None]) -> None:
    """'the Widget Party politician' with no name after it: the person last named before it, same or
    previous sentence; the description is proposed as an alias of that person."""
    text = entry.text
    for m in _PARTY_DESCRIPTION.finditer(text):
        party = party_canonical(m.group(1))
        if not party:
            continue
        party_key = ctx.resolver.lookup(party, "Party")
        persons = [s for s in spans if s[3] == "Person" and s[1] <= m.start()]
        if not persons or not party_key:
            continue
        last = persons[-1]
        between = text[last[1]:m.start()]
        if len(re.findall(r"[.!?]\s", between)) > 1:
            continue
        member(last[2], party_key, entry.id, (m.start(), m.end()), 0.6)
        propose(AliasProposal(last[2], m.group(0), "party-description", entry.id, Span(m.start(), m.end())))

