"""Named, transactional migrations, recorded in the ``_migrations`` table (sqlite-utils style).

Append new migrations at the end; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_initial",
        """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL,
            title TEXT, url TEXT, outlet TEXT,
            published TEXT, reference_date TEXT,
            source TEXT,
            text TEXT NOT NULL,
            record TEXT NOT NULL,
            pipeline TEXT,
            ingested_at TEXT NOT NULL
        );
        CREATE TABLE actors (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            actor_id TEXT NOT NULL,
            name TEXT NOT NULL, type TEXT, country TEXT, affiliation TEXT,
            n_mentions INTEGER NOT NULL DEFAULT 0,
            record TEXT NOT NULL,
            PRIMARY KEY (doc_id, actor_id)
        );
        CREATE TABLE places (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            place_id TEXT NOT NULL,
            name TEXT NOT NULL, kind TEXT, country TEXT, admin1 TEXT, lat REAL, lon REAL,
            n_mentions INTEGER NOT NULL DEFAULT 0,
            record TEXT NOT NULL,
            PRIMARY KEY (doc_id, place_id)
        );
        CREATE TABLE events (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            event_id TEXT NOT NULL,
            type TEXT, subtype TEXT, plover TEXT,
            actor1 TEXT, actor2 TEXT, place TEXT,
            date TEXT, date_text TEXT,
            fatalities INTEGER, fatalities_text TEXT,
            certainty TEXT, claim TEXT, confidence REAL,
            start INTEGER, "end" INTEGER, sentence TEXT, section TEXT,
            record TEXT NOT NULL,
            PRIMARY KEY (doc_id, event_id)
        );
        CREATE TABLE claims (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            claim_id TEXT NOT NULL,
            speaker TEXT, speaker_text TEXT, speaker_kind TEXT, speaker_org TEXT,
            cue TEXT, channel TEXT, quote TEXT, content TEXT, date TEXT,
            hedged INTEGER, confidence REAL,
            start INTEGER, "end" INTEGER, sentence TEXT,
            record TEXT NOT NULL,
            PRIMARY KEY (doc_id, claim_id)
        );
        CREATE INDEX events_date ON events(date);
        CREATE INDEX events_actor1 ON events(actor1);
        CREATE INDEX events_actor2 ON events(actor2);
        CREATE INDEX events_type ON events(type, subtype);
        CREATE INDEX claims_speaker ON claims(speaker);
        CREATE INDEX actors_id ON actors(actor_id);
        CREATE INDEX places_id ON places(place_id);
        """,
    ),
]


def applied(conn: sqlite3.Connection) -> list[str]:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    return [r[0] for r in conn.execute("SELECT name FROM _migrations ORDER BY name")]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply every pending migration, each in its own transaction. Returns the names applied."""
    done = set(applied(conn))
    ran: list[str] = []
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in filter(str.strip, sql.split(";")):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO _migrations VALUES (?, ?)", (name, datetime.now(UTC).isoformat())
            )
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise
        ran.append(name)
    return ran


SCHEMA_VERSION = MIGRATIONS[-1][0]
