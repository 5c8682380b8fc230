"""The store: idempotent re-ingest, replacement of changed documents, atomic writes, WAL reads;
each test runs on both back-ends (``store_url``: SQLite and PostgreSQL)."""

from __future__ import annotations

import sqlite3

import psycopg
import pytest

from newsledger.document import (
    Actor,
    Claim,
    Document,
    Event,
    Evidence,
    Mention,
    Place,
    Section,
)
from newsledger.store import QueryFilters, open_store
from newsledger.store.filters import UnknownName
from newsledger.store.migrations import MIGRATIONS

ALL_KINDS = ("statement", "topic", "belief", "intention", "evidence", "sentiment")


def sample(
    text: str = "Rebels shelled the town of Example on Monday.", doc_id: str = "d1"
) -> Document:
    ev = Evidence(0, len(text), text, "body")
    return Document(
        id=doc_id,
        text=text,
        published="2025-01-06",
        sections=[Section("body", 0, len(text))],
        actors=[Actor("rebels", "Rebels", "rebel_group", mentions=[Mention("Rebels", 0, 6)])],
        places=[
            Place(
                "geonames:1",
                "Example",
                "city",
                "AF",
                "Kabul",
                34.5,
                69.2,
                [Mention("Example", 27, 34)],
            )
        ],
        events=[
            Event(
                "e1",
                ev,
                "Explosions/Remote violence",
                "Shelling/artillery/missile attack",
                "ASSAULT",
                actor1="rebels",
                place="geonames:1",
                date="2025-01-06",
            )
        ],
    )


def test_store_reingest_same_content_changes_nothing(store_url: str) -> None:
    with open_store(store_url) as store:
        assert store.write(sample()) == "new"
        assert store.write(sample()) == "unchanged"
        assert store.count("documents") == 1 and store.count("events") == 1


def test_store_changed_document_replaces_its_records(store_url: str) -> None:
    with open_store(store_url) as store:
        store.write(sample())
        changed = sample("Rebels shelled the town of Example on Tuesday.")
        changed.events = []
        assert store.write(changed) == "replaced"
        assert store.count("events") == 0
        assert store.get_document("d1").text.endswith("Tuesday.")  # type: ignore[union-attr]


def test_store_failed_write_leaves_nothing_half_written(store_url: str) -> None:
    with open_store(store_url) as store:
        store.write(sample(doc_id="keep"))
        bad = sample(doc_id="bad")
        bad.events.append(bad.events[0])  # duplicate primary key -> fails mid-document
        with pytest.raises((sqlite3.IntegrityError, psycopg.IntegrityError)):
            store.write(bad)
        assert store.get_document("bad") is None
        assert store.count("documents") == 1 and store.count("actors") == 1


def test_store_queries_filter_by_actor_place_type_and_date(store_url: str) -> None:
    with open_store(store_url) as store:
        store.write(sample())
        assert len(store.events(QueryFilters(actor="Rebels"))) == 1
        with pytest.raises(UnknownName):  # names resolve as every listing resolves them
            store.events(QueryFilters(actor="government"))
        assert len(store.events(QueryFilters(place="kabul"))) == 1
        assert len(store.events(QueryFilters(type="shelling"))) == 1
        assert len(store.events(QueryFilters(since="2025-02"))) == 0
        assert len(store.events(QueryFilters(until="2025-01"))) == 1
        row = store.actors()[0]
        assert (row["id"], row["events_as_actor1"], row["mentions"]) == ("rebels", 1, 1)


def test_until_a_month_keeps_every_day_of_it_for_events_claims_and_documents(
    store_url: str,
) -> None:
    doc = sample()
    ev = doc.events[0].evidence
    doc.claims = [Claim("c1", ev, "Rebels", "say", "the town", 27, 34, date="2025-01-06")]
    with open_store(store_url) as store:
        store.write(doc)
        for period, kept in [("2025", 1), ("2025-01", 1), ("2025-01-06", 1), ("2024-12", 0)]:
            f = QueryFilters(until=period)
            counts = (len(store.events(f)), len(store.claims(f)), len(store.documents(f)))
            assert counts == (kept, kept, kept), period


def test_store_reads_while_another_connection_writes(store_url: str) -> None:
    path = store_url
    writer = open_store(path)
    writer.write(sample(doc_id="first"))
    writer.conn.execute("BEGIN IMMEDIATE")  # an ingest holding the write lock
    writer.conn.execute("DELETE FROM events")
    reader = open_store(path, readonly=True)
    assert len(reader.events()) == 1  # sees the last committed state, not blocked
    writer.conn.execute("ROLLBACK")
    reader.close()
    writer.close()


def test_store_migrations_are_recorded_once(store_url: str) -> None:
    path = store_url
    open_store(path).close()
    with open_store(path) as store:
        names = [r[0] for r in store.conn.execute("SELECT name FROM _migrations")]
    assert names == [m[0] for m in MIGRATIONS]


# -- the ledger index: kept document by document, the same as a full analysis -----------------
# Synthetic documents (generated words, no real text): a few actors with aliases, towns close
# enough to merge and far enough to stay apart, events with and without dates, places and
# actors, asserted and hypothetical, claims that repeat, deny and negate each other, and
# republished copies.
ACTOR_POOL = [
    ("grp-a", "Northern Front", ["NF"]),
    ("grp-b", "River Brigade", []),
    ("grp-c", "Hill Council", ["HC", "the Council"]),
    ("grp-d", "Coast Guard Unit", ["NF"]),  # the same alias as another actor: earliest wins
    ("min", "Defence Ministry", []),
    ("grp-e", "NF", []),  # a name that is someone's alias: its records follow the winner
]
TOWNS = [
    ("geonames:11", "Amberford", "Westland", 10.00, 20.00),
    ("geonames:12", "Birchwick", "Westland", 10.10, 20.10),  # 15 km from Amberford
    ("geonames:13", "Cedarholm", "Eastland", 12.00, 24.00),
]
TYPES = [
    ("Battles", "Armed clash", "FIGHT", "clash"),
    ("Explosions/Remote violence", "Air/drone strike", "ASSAULT", "strike"),
    ("Protests", "Peaceful protest", "PROTEST", "protest"),
]
FILLER = [
    "market",
    "road",
    "bridge",
    "school",
    "village",
    "council",
    "water",
    "grain",
    "fuel",
    "convoy",
    "night",
    "morning",
]


def synthetic_doc(rng, i: int, body: str | None = None) -> Document:
    day = rng.randrange(6)
    published = f"2024-05-{10 + day:02d}" if rng.random() > 0.1 else None
    words = [rng.choice(FILLER) for _ in range(40)]
    text = body or (f"Illustration {i}, generated for newsledger tests. " + " ".join(words) + ".")
    actors = [
        Actor(a, n, "rebel_group", aliases=list(al)) for a, n, al in rng.sample(ACTOR_POOL, 3)
    ]
    places = [Place(p, n, "city", "XX", adm, lat, lon) for p, n, adm, lat, lon in TOWNS]
    doc = Document(
        id=f"doc{i:03d}", text=text, title=f"t{i}", outlet=f"Outlet {rng.randrange(4)}",
        published=published, sections=[Section("body", 0, len(text))], actors=actors,
        places=places,
    )  # fmt: skip
    ev = Evidence(0, len(text), text[:60], "body")
    for k in range(rng.randrange(4)):
        ev = Evidence(k * 5, k * 5 + 4, f"sentence {k} of {i}", "body")
        name, town = rng.choice(actors).name, rng.choice(TOWNS)
        typ, sub, plover, word = rng.choice(TYPES)
        speaker = rng.choice(actors)
        negated = rng.random() < 0.3
        cue = "deny" if negated and rng.random() < 0.5 else "say"
        content = (
            f"{name} {'did not carry' if negated and cue == 'say' else 'carried'} out the {word} "
            f"in {town[1]} near the {rng.choice(FILLER)}"
        )
        doc.claims.append(
            Claim(f"c{k}", ev, speaker.name, cue, content, 0, 4, speaker=speaker.id,
                  speaker_kind="organization", date=None, about=[a.id for a in actors[:2]],
                  kind=CLAIM_KINDS[(i + k) % len(CLAIM_KINDS)])
        )  # fmt: skip
    for k in range(rng.randrange(1, 5)):
        ev = Evidence(100 + k * 5, 104 + k * 5, f"event sentence {k} of {i}", "body")
        typ, sub, plover, _ = rng.choice(TYPES)
        a1 = rng.choice([*actors, None])
        a2 = rng.choice([*actors, None])
        town = rng.choice([*TOWNS, None])
        doc.events.append(
            Event(
                f"e{k}", ev, typ, sub, plover,
                actor1=a1.id if a1 else None, actor2=a2.id if a2 and a2 is not a1 else None,
                place=town[0] if town else None,
                date=f"2024-05-{8 + rng.randrange(8):02d}" if rng.random() > 0.3 else None,
                fatalities=rng.choice([None, 3, 5]),
                certainty=rng.choice(["reported", "reported", "claimed", "denied", "hypothetical"]),
                claim=f"c{k}" if k < len(doc.claims) and rng.random() < 0.3 else None,
            )
        )  # fmt: skip
    return doc


#: the kinds the synthetic claims take in turn: half of them statements
CLAIM_KINDS = ("statement", "belief", "statement", "intention")


def _groups(events) -> list[list[str]]:
    return sorted(sorted(m.key for m in e.members) for e in events)


def test_ledger_index_built_document_by_document_equals_a_full_analysis(store_url: str) -> None:
    import random

    from newsledger.analysis import analyze, build_ledger, flatten
    from newsledger.store.filters import with_kept_events
    from newsledger.store.ledger_index import catch_up, rebuild
    from newsledger.store.ledger_read import _Assembly, store_ledger

    rng = random.Random(11)
    docs = [synthetic_doc(rng, i) for i in range(60)]
    for i in range(6):  # republished copies: the same body under another outlet and date
        src = docs[rng.randrange(len(docs))]
        copy = synthetic_doc(rng, 100 + i, body=src.text)
        docs.append(copy)
    rng.shuffle(docs)
    with open_store(store_url) as store:
        for n, d in enumerate(docs):
            store.write(d)
            if n % 7 == 0:
                catch_up(store.conn)
        for d in rng.sample(docs, 8):  # replaced: new events, claims and text
            new = synthetic_doc(rng, int(d.id[3:]))
            new.id = d.id
            store.write(new)
        for d in rng.sample(docs, 5):  # deleted (nothing in the library deletes: done by hand)
            store.conn.execute("DELETE FROM documents WHERE id = ?", (d.id,))
            store.conn.execute(
                "INSERT INTO ledger_dirty VALUES (?) ON CONFLICT DO NOTHING", (d.id,)
            )
        catch_up(store.conn)
        # the index serves the default ledger: asserted events only
        full = analyze(flatten(with_kept_events(store.iter_documents(), QueryFilters())))
        stored = {}
        for (label,) in store.conn.execute("SELECT DISTINCT label FROM ledger_reports"):
            stored.setdefault("x", []).append(_Assembly(store.conn, set())._event(label))
        assert _groups(stored["x"]) == _groups(full.events)
        assert len(full.events) > 20 and any(len(e.members) > 2 for e in full.events)
        assert full.duplicates.links and full.contradictions
        names = [n for _, n, _ in ACTOR_POOL] + ["NF", "HC", "council", "Nobody Here"]
        for built in ("document by document", "rebuilt in one pass"):
            for name in names:
                for kinds in (None, ("belief", "statement"), ALL_KINDS):
                    a = build_ledger(full, name, kinds)
                    b = store_ledger(store.conn, name, kinds=kinds)
                    assert (a is None) == (b is None), (built, name)
                    if a is not None and b is not None:
                        assert b.to_dict() == a.to_dict(), (built, name, kinds)
                        _check_pages(store.conn, name, a, kinds)
                        shown = {c.claim.kind for c in a.claims}
                        assert shown <= set(kinds or ("statement",)), (name, kinds)
                        assert a.kinds == tuple(sorted(kinds or ("statement",)))
            # statements by default: the whole ledger holds more claims than the default one
            every = build_ledger(full, "Northern Front", ALL_KINDS)
            said = build_ledger(full, "Northern Front")
            assert every is not None and said is not None
            assert len(said.claims) < len(every.claims)
            assert {c.claim.kind for c in every.claims} == set(CLAIM_KINDS)
            rebuild(store.conn)


def _check_pages(conn, name: str, full, kinds: tuple[str, ...] | None = None) -> None:
    """A page of the ledger (``limit``): the last claims and events of the whole ledger, each
    exactly as the whole ledger shows it, and the totals when there are more."""
    from newsledger.store.ledger_read import store_ledger

    for k in (1, 3, 10, 1000):
        p = store_ledger(conn, name, limit=k, kinds=kinds)
        assert p is not None
        assert [c.to_dict() for c in p.claims] == [c.to_dict() for c in full.claims[-k:]], k
        assert [e.to_dict() for e in p.events] == [e.to_dict() for e in full.events[-k:]], k
        assert p.claims_total == (len(full.claims) if len(full.claims) > k else None)
        assert p.events_total == (len(full.events) if len(full.events) > k else None)
        if k == 1000:  # nothing left out: the same answer as without a limit
            assert p.to_dict() == full.to_dict()


def test_a_failing_ledger_index_loses_no_document(store_url: str, monkeypatch, caplog) -> None:
    import random

    from newsledger.store import ledger_index
    from newsledger.store.ledger_read import store_ledger

    rng = random.Random(3)
    with open_store(store_url) as store:
        store.write(synthetic_doc(rng, 1))
        assert ledger_index.pending(store.conn) == 0  # taken in by the write itself

        def broken(self, ids):
            raise RuntimeError("index broken")

        monkeypatch.setattr(ledger_index._Update, "run", broken)
        doc = synthetic_doc(rng, 2)
        assert store.write(doc) == "new"  # the write goes on
        assert "index broken" in caplog.text
        assert store.get_document(doc.id) is not None and ledger_index.pending(store.conn) == 1
        monkeypatch.undo()
        name = doc.actors[0].name
        ledger = store_ledger(store.conn, name)  # a reader takes the marked document in first
        assert ledger_index.pending(store.conn) == 0
        assert ledger is not None
        assert any(m.doc_id == doc.id for e in ledger.events for m in e.event.members) or any(
            c.claim.doc_id == doc.id for c in ledger.claims
        )


def test_migration_0007_gives_a_store_indexed_before_kinds_its_kinds(store_url: str) -> None:
    """A store whose ledger index was built before it held claims' kinds (0007 undone by hand:
    no kind column, the former page indexes) is re-indexed by its next reader after 0007: the
    ledger then shows statements by default and every kind on request."""
    import random

    from newsledger.store.ledger_index import catch_up
    from newsledger.store.ledger_read import store_ledger

    rng = random.Random(3)
    docs = [synthetic_doc(rng, i) for i in range(12)]
    with open_store(store_url) as store:
        for d in docs:
            store.write(d)
        catch_up(store.conn)
        for sql in (
            "DROP INDEX ledger_claims_speaker_page",
            "DROP INDEX ledger_claims_org_page",
            "ALTER TABLE ledger_claims DROP COLUMN kind",
            "CREATE INDEX ledger_claims_speaker_page "
            "ON ledger_claims(speaker_key, sort_key, doc_id, key)",
            "CREATE INDEX ledger_claims_org_page ON ledger_claims(org_key, sort_key, doc_id, key)",
            "DELETE FROM _migrations WHERE name = '0007_ledger_claim_kind'",
        ):
            getattr(store.conn, "execute_ddl", store.conn.execute)(sql)
        assert store.conn.execute("SELECT count(*) FROM ledger_docs").fetchone()[0] == len(docs)
    with open_store(store_url) as store:
        applied = [r[0] for r in store.conn.execute("SELECT name FROM _migrations")]
        assert applied[-1] == "0007_ledger_claim_kind"
        assert store.conn.execute("SELECT count(*) FROM ledger_docs").fetchone()[0] == 0
        n_every = n_said = 0
        for _, name, _ in ACTOR_POOL[:3]:
            every = store_ledger(store.conn, name, kinds=ALL_KINDS)
            said = store_ledger(store.conn, name)
            assert every is not None and said is not None
            assert {c.claim.kind for c in said.claims} <= {"statement"}
            n_every, n_said = n_every + len(every.claims), n_said + len(said.claims)
        assert n_every > n_said > 0
        stored = {r[0] for r in store.conn.execute("SELECT DISTINCT kind FROM ledger_claims")}
        assert stored == set(CLAIM_KINDS)
