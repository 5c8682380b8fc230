"""The store: idempotent re-ingest, replacement of changed documents, atomic writes, WAL reads."""

from __future__ import annotations

import sqlite3
from pathlib import Path

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
from newsledger.store.migrations import MIGRATIONS


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


def test_store_reingest_same_content_changes_nothing(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "l.db")) as store:
        assert store.write(sample()) == "new"
        assert store.write(sample()) == "unchanged"
        assert store.count("documents") == 1 and store.count("events") == 1


def test_store_changed_document_replaces_its_records(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "l.db")) as store:
        store.write(sample())
        changed = sample("Rebels shelled the town of Example on Tuesday.")
        changed.events = []
        assert store.write(changed) == "replaced"
        assert store.count("events") == 0
        assert store.get_document("d1").text.endswith("Tuesday.")  # type: ignore[union-attr]


def test_store_failed_write_leaves_nothing_half_written(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "l.db")) as store:
        store.write(sample(doc_id="keep"))
        bad = sample(doc_id="bad")
        bad.events.append(bad.events[0])  # duplicate primary key -> fails mid-document
        with pytest.raises(sqlite3.IntegrityError):
            store.write(bad)
        assert store.get_document("bad") is None
        assert store.count("documents") == 1 and store.count("actors") == 1


def test_store_queries_filter_by_actor_place_type_and_date(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "l.db")) as store:
        store.write(sample())
        assert len(store.events(QueryFilters(actor="rebel"))) == 1
        assert len(store.events(QueryFilters(actor="government"))) == 0
        assert len(store.events(QueryFilters(place="kabul"))) == 1
        assert len(store.events(QueryFilters(type="shelling"))) == 1
        assert len(store.events(QueryFilters(since="2025-02"))) == 0
        assert len(store.events(QueryFilters(until="2025-01"))) == 1
        row = store.actors()[0]
        assert (row["id"], row["events_as_actor1"], row["mentions"]) == ("rebels", 1, 1)


def test_until_a_month_keeps_every_day_of_it_for_events_claims_and_documents(
    tmp_path: Path,
) -> None:
    doc = sample()
    ev = doc.events[0].evidence
    doc.claims = [Claim("c1", ev, "Rebels", "say", "the town", 27, 34, date="2025-01-06")]
    with open_store(str(tmp_path / "l.db")) as store:
        store.write(doc)
        for period, kept in [("2025", 1), ("2025-01", 1), ("2025-01-06", 1), ("2024-12", 0)]:
            f = QueryFilters(until=period)
            counts = (len(store.events(f)), len(store.claims(f)), len(store.documents(f)))
            assert counts == (kept, kept, kept), period


def test_store_reads_while_another_connection_writes(tmp_path: Path) -> None:
    path = str(tmp_path / "l.db")
    writer = open_store(path)
    writer.write(sample(doc_id="first"))
    writer.conn.execute("BEGIN IMMEDIATE")  # an ingest holding the write lock
    writer.conn.execute("DELETE FROM events")
    reader = open_store(path, readonly=True)
    assert len(reader.events()) == 1  # sees the last committed state, not blocked
    writer.conn.execute("ROLLBACK")
    reader.close()
    writer.close()


def test_store_migrations_are_recorded_once(tmp_path: Path) -> None:
    path = str(tmp_path / "l.db")
    open_store(path).close()
    with open_store(path) as store:
        names = [r[0] for r in store.conn.execute("SELECT name FROM _migrations")]
    assert names == [m[0] for m in MIGRATIONS]
