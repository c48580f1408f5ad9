"""A news-shaped synthetic corpus for store benchmarks, built through kg's own mapping.

Documents of timestamped entries; people with parties, posts and aliases;
statements of about 200 characters with cue, venue and replies; claims with
every predicate; provenance on every fact node. Deterministic for a seed, so
two runs measure the same graph. Facts go through :mod:`kg.rdf.mapping`, so
the graph has exactly the shape a real build has, and the ready queries find
their answers in it.
"""
from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone

__all__ = ["PEOPLE_NAMES", "corpus_graphs", "triples_per_document", "documents_for"]

FIRST = ["Yvette", "Chris", "Keir", "Kemi", "Nigel", "Rachel", "Wes", "Angela", "Ed", "Lucy", "James",
         "Priya", "Robert", "Sarah", "David", "Bridget", "Lee", "Jess", "Richard", "Emily"]
LAST = ["Cooper", "Philp", "Starmer", "Badenoch", "Farage", "Reeves", "Streeting", "Rayner", "Davey",
        "Powell", "Cleverly", "Patel", "Jenrick", "Olney", "Lammy", "Phillipson", "Anderson", "Tice", "Thornberry"]
PEOPLE_NAMES = [f"{f} {l}" for f in FIRST for l in LAST]        # 380 people
PARTIES = [("Labour Party", "Labour"), ("Conservative Party", "Tories"), ("Liberal Democrats", "Lib Dems"),
           ("Reform UK", "Reform"), ("Green Party", "Greens"), ("SNP", "Scottish National Party")]
POSTS = ["Home Secretary", "Chancellor", "Prime Minister", "Shadow Home Secretary", "Health Secretary",
         "Leader of the Opposition", "Foreign Secretary", "Education Secretary"]
BODIES = ["Home Office", "Treasury", "NHS", "Ofcom", "Electoral Commission", "House of Commons", "BBC", "Met Police"]
INQUIRIES = ["Grooming gangs inquiry", "Covid inquiry", "Post Office inquiry", "Grenfell inquiry"]
BILLS = ["Crime and Policing Bill", "Children's Wellbeing Bill", "Employment Rights Bill", "Planning Bill"]
PLACES = ["Oldham", "Rotherham", "Telford", "Manchester", "Clacton", "Westminster", "Scotland", "Wales"]
WORDS = ("the government must act now on this because people across the country are waiting for answers "
         "and we will not stand by while ministers fail to deliver what they promised in the manifesto").split()
CUES = ["say", "tell", "reply", "warn", "argue", "claim"]
VENUES = ["the Commons", "LBC", "BBC Radio 4", "a post on X", "Sky News", ""]
PREDICATES = ["announces", "proposes", "supports", "opposes", "criticises", "praises", "refers", "includes",
              "leads", "investigates", "threatens"]


def _sentence(rng: random.Random, n: int = 200) -> str:
    words, size = [], 0
    while size < n:
        w = rng.choice(WORDS)
        words.append(w)
        size += len(w) + 1
    return " ".join(words).capitalize()[:n].rstrip() + "."


def documents_for(target_triples: int, entries_per_doc: int = 40) -> int:
    return max(1, round(target_triples / triples_per_document(entries_per_doc)))


def triples_per_document(entries_per_doc: int = 40) -> int:
    """About how many triples one generated document makes (measured once, cached)."""
    key = entries_per_doc
    if key not in _PER_DOC:
        _PER_DOC[key] = sum(len(t) for _, t in corpus_graphs(1, entries_per_doc=entries_per_doc, seed=99))
    return _PER_DOC[key]


_PER_DOC: dict[int, int] = {}


def corpus_graphs(n_docs: int, *, entries_per_doc: int = 40, seed: int = 1,
                  base: str = "https://kg.example.org/id/") -> Iterator[tuple[object, list[tuple]]]:
    """Yield (graph IRI, triples) per generated document."""
    from kg.entries import Document, Entry
    from kg.facts import Claim, Entity, Facts, Membership, Mention, Provenance, RoleHolding, Span, Statement
    from kg.pipeline import document_triples
    from kg.rdf import mapping
    from kg.resolve.names import slug

    rng = random.Random(seed)
    people = [(f"person/{slug(n)}", n, rng.randrange(len(PARTIES))) for n in PEOPLE_NAMES]
    actors = ([("Party", f"party/{slug(n)}", n, {a}) for n, a in PARTIES]
              + [("Body", f"body/{slug(n)}", n, set()) for n in BODIES]
              + [("Inquiry", f"inquiry/{slug(n)}", n, {n.replace(' inquiry', '')}) for n in INQUIRIES]
              + [("Bill", f"bill/{slug(n)}", n, set()) for n in BILLS]
              + [("Place", f"place/{slug(n)}", n, set()) for n in PLACES])
    start = datetime(2024, 7, 1, 7, tzinfo=timezone.utc)
    for d in range(n_docs):
        day = start + timedelta(days=d)
        doc = Document(id=f"bench-{seed}-{d:06d}", title=f"Politics live: day {d}", date=date(day.year, day.month, day.day),
                       url=f"https://news.example.org/politics/live/{d}", author="A Reporter", publisher="Example News")
        cast = rng.sample(people, 12)
        others = rng.sample(actors, 8)
        mentions: dict[str, list[str]] = {}
        facts = Facts()
        speakers_so_far: list[str] = []
        for i in range(entries_per_doc):
            eid = f"e{i + 1:04d}"
            text = _sentence(rng, 600)
            doc.entries.append(Entry(id=eid, ordinal=i + 1, position=entries_per_doc - 1 - i, text=text,
                                     headline=text[:60] if i % 5 == 0 else "",
                                     published=day + timedelta(minutes=7 * i), author="A Reporter"))
            prov = lambda a=0, b=200: Provenance(eid, Span(a, b), "bench.v1", 0.8)  # noqa: E731
            for key, *_ in rng.sample(cast, 3):
                mentions.setdefault(key, []).append(eid)
            for _, key, *_ in rng.sample(others, 2):
                mentions.setdefault(key, []).append(eid)
            speaker = rng.choice(cast)[0]
            mentions.setdefault(speaker, []).append(eid)
            responds = rng.choice(speakers_so_far) if speakers_so_far and rng.random() < 0.3 else ""
            if responds == speaker:
                responds = ""
            facts.statements.append(Statement(speaker, _sentence(rng), rng.choice(["direct", "indirect"]), prov(),
                                              cue=rng.choice(CUES), venue=rng.choice(VENUES), responds_to=responds))
            speakers_so_far.append(speaker)
            if i % 2 == 0:
                obj = rng.choice(others)
                facts.claims.append(Claim(rng.choice(cast)[0], rng.choice(PREDICATES), _sentence(rng, 120),
                                          prov(0, 120), object=obj[1]))
        by_key = {p[0]: p for p in cast}
        for key, entries in list(mentions.items()):
            if key in by_key:
                _, name, party = by_key[key]
                ent = Entity(key, "Person", name, aliases={name.split()[-1]})
                pk = f"party/{slug(PARTIES[party][0])}"
                facts.memberships.append(Membership(key, pk, Provenance(entries[0], Span(0, 20), "bench.v1", 0.9)))
                mentions.setdefault(pk, []).append(entries[0])
                if rng.random() < 0.3:
                    facts.roles.append(RoleHolding(key, rng.choice(POSTS), Provenance(entries[0], Span(0, 20), "bench.v1")))
            else:
                kind, _, name, aliases = next(a for a in actors if a[1] == key)
                ent = Entity(key, kind, name, aliases=set(aliases))
            ent.mentions = [Mention(ent.name, ent.type, Provenance(e, Span(0, 5), "bench.v1")) for e in entries]
            facts.entities[key] = ent
        for key in list(mentions):       # parties added by memberships above
            if key not in facts.entities:
                kind, _, name, aliases = next(a for a in actors if a[1] == key)
                ent = Entity(key, kind, name, aliases=set(aliases))
                ent.mentions = [Mention(name, kind, Provenance(e, Span(0, 5), "bench.v1")) for e in mentions[key]]
                facts.entities[key] = ent
        yield mapping.graph_iri(base, doc.id), list(document_triples(doc, facts, base))
