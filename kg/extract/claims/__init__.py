"""Claims: actor-predicate-object relations the narrative (or a quoted speaker) asserts.

Born here: :class:`~kg.facts.Claim`, from the dependency structure over lemma classes, in
stages, each a module of this package working on one entry's :class:`~.state.EntryState`:

1. :mod:`.arguments`: subject and object are the trigger's arguments, resolved: the
   logical subject ("X, who leads Y", "asked X to confirm"), an object entity or a short
   phrase; "I" and "we" inside quoted words stand for the quoted speaker. Every stage hands
   its claim to :func:`.arguments.add`; :func:`.state.record` keeps it once;
2. :mod:`.verbs`: verb triggers from ``data/claim_verbs.json`` ("X turned down Y"),
   passives ("Y, led by X", "the plan was rejected by X", "A will be included in B") and
   headline verbs the tagger took for nouns;
3. :mod:`.nouns`: noun triggers ("demands from X for Y", "X's request to ...", "X carried out
   an investigation into Y", "X's inquiry"), and announcements: what a speaker says "will be
   published / set up / made";
4. :mod:`.judgements`: praise and attack by tone ("described X as Y", "horrified to see X
   ..."), verdicts in a speaker's words ("Y was 'a shambles'", "betrayed by X", "X failed
   to ...");
5. :mod:`.posts`: after every entry, a post that heads a named body leads it ("chair of the
   widgets committee").

A question asserts nothing (:func:`~.state.is_question`). Subjects must resolve to an
entity; objects may stay a short phrase (``object_text``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...facts import Claim, Statement
from ..speakers import SpeakerFinder
from ..statements import entry_memory
from . import arguments, judgements, nouns, verbs
from .judgements import tone
from .posts import leads_from_posts
from .state import EXTRACTOR, EntryState, in_quotes, is_question

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.tokens import Doc

    from ...entries import Entry

__all__ = ["EXTRACTOR", "add_claims", "extract_entry_claims", "entry_claims", "open_entry", "leads_from_posts",
           "tone", "in_quotes", "is_question"]


def open_entry(finder: SpeakerFinder, entry: Entry, doc: Doc, statements: Iterable[Statement] = ()) -> EntryState:
    """An entry ready for its triggers: the names it mentions noted in memory (as the
    statements extractor noted them), its statements at hand."""
    return EntryState(finder, entry, doc, entry_memory(finder, entry, doc), list(statements))


def entry_claims(st: EntryState) -> list[Claim]:
    """Run the stages on one entry: every token of every sentence that is no question, in
    reading order (verb triggers, passives and descriptions on verbs; reactions on any
    word; noun triggers on nouns), then what the entry's statements announce, report as
    failures and judge."""
    for sent in st.doc.sents:
        if st.is_question(sent):
            continue            # a question asserts nothing
        for tok in sent:
            if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
                if not _quoted_third_party(st, tok):
                    for rule in verbs.verb_rules(tok):
                        verbs.verb(st, tok, rule)
                    verbs.passive(st, tok)
                    verbs.passive_agent(st, tok)
                judgements.judge(st, tok)
            judgements.reaction(st, tok)
            if tok.pos_ in ("NOUN", "PROPN"):
                nouns.claim_noun(st, tok)
                nouns.possessive_lead(st, tok)
                verbs.misparsed_verb(st, tok)
    nouns.announcements(st)
    judgements.failures(st)
    for stmt in st.statements:
        judgements.statement_judgements(st, stmt)
    return st.out


def _quoted_third_party(st: EntryState, tok) -> bool:
    """A verb inside quote marks whose subject is not the speaker ("... Doe has launched a
    splurge", in someone's quoted words): what the quote says others did is no claim the text
    makes. The speaker's own acts there ("I thank X", "we oppose Y") still are."""
    if not in_quotes(st.text, tok.idx):
        return False
    subj = arguments.subject_token(tok)
    return subj is None or subj.lower_ not in ("i", "we")


def extract_entry_claims(finder: SpeakerFinder, entry: Entry, doc: Doc,
                         statements: Iterable[Statement] = ()) -> list[Claim]:
    """Claims of one parsed entry; ``statements`` (of this entry) give 'I'/'we' their speaker."""
    return entry_claims(open_entry(finder, entry, doc, statements))


def add_claims(ctx, facts) -> None:
    """Append every claim of the document to ``facts.claims``."""
    finder = SpeakerFinder(ctx)
    for entry, doc in ctx.pairs():
        stmts = [s for s in facts.statements if s.prov.entry_id == entry.id]
        facts.claims.extend(extract_entry_claims(finder, entry, doc, stmts))
    facts.claims.extend(leads_from_posts(facts.roles, finder, facts.claims))
