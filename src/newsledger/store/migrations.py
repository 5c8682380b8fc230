"""Named, transactional migrations, recorded in the ``_migrations`` table (sqlite-utils style).

Append new migrations at the end; never edit one that has shipped.
"""

from __future__ import annotations

from datetime import UTC, datetime

from .dialect import Connection

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
    (
        "0002_ledger_index",
        # the cross-article analysis kept up to date document by document (store/ledger_index.py):
        # documents written since the last update, what each document contributes, and the event
        # clusters (each report's cluster, named by its first report), indexed by actor
        """
        CREATE TABLE ledger_dirty (doc_id TEXT PRIMARY KEY);
        INSERT INTO ledger_dirty SELECT id FROM documents;
        CREATE TABLE ledger_docs (
            doc_id TEXT PRIMARY KEY, ord TEXT NOT NULL, info TEXT NOT NULL, nshingles INTEGER
        );
        CREATE TABLE ledger_name_rows (
            key TEXT NOT NULL, cat INTEGER NOT NULL, rank TEXT NOT NULL, name TEXT NOT NULL,
            doc_id TEXT NOT NULL
        );
        CREATE INDEX ledger_name_rows_key ON ledger_name_rows(key, cat, rank);
        CREATE INDEX ledger_name_rows_doc ON ledger_name_rows(doc_id);
        CREATE TABLE ledger_names (
            key TEXT NOT NULL, cat INTEGER NOT NULL, rank TEXT NOT NULL, name TEXT NOT NULL,
            PRIMARY KEY (key, cat)
        );
        CREATE TABLE ledger_alias_rows (
            alias TEXT NOT NULL, key TEXT NOT NULL, rank TEXT NOT NULL, doc_id TEXT NOT NULL
        );
        CREATE INDEX ledger_alias_rows_alias ON ledger_alias_rows(alias, rank);
        CREATE INDEX ledger_alias_rows_doc ON ledger_alias_rows(doc_id);
        CREATE TABLE ledger_aliases (alias TEXT PRIMARY KEY, key TEXT NOT NULL, rank TEXT NOT NULL);
        CREATE TABLE ledger_dup_bands (band INTEGER NOT NULL, doc_id TEXT NOT NULL);
        CREATE INDEX ledger_dup_bands_band ON ledger_dup_bands(band);
        CREATE INDEX ledger_dup_bands_doc ON ledger_dup_bands(doc_id);
        CREATE TABLE ledger_copies (
            doc_id TEXT PRIMARY KEY, grp TEXT NOT NULL, original TEXT NOT NULL, similarity REAL
        );
        CREATE INDEX ledger_copies_grp ON ledger_copies(grp);
        CREATE INDEX ledger_copies_original ON ledger_copies(original);
        CREATE TABLE ledger_claims (
            key TEXT PRIMARY KEY, doc_id TEXT NOT NULL, speaker_key TEXT, org_key TEXT,
            record TEXT NOT NULL
        );
        CREATE INDEX ledger_claims_doc ON ledger_claims(doc_id);
        CREATE INDEX ledger_claims_speaker ON ledger_claims(speaker_key);
        CREATE INDEX ledger_claims_org ON ledger_claims(org_key);
        CREATE TABLE ledger_claim_bands (band INTEGER NOT NULL, claim TEXT NOT NULL, doc_id TEXT NOT NULL);
        CREATE INDEX ledger_claim_bands_band ON ledger_claim_bands(band);
        CREATE INDEX ledger_claim_bands_doc ON ledger_claim_bands(doc_id);
        CREATE TABLE ledger_claim_terms (
            term TEXT NOT NULL, pol INTEGER NOT NULL, claim TEXT NOT NULL, doc_id TEXT NOT NULL
        );
        CREATE INDEX ledger_claim_terms_term ON ledger_claim_terms(term, pol);
        CREATE INDEX ledger_claim_terms_doc ON ledger_claim_terms(doc_id);
        CREATE TABLE ledger_reports (
            key TEXT PRIMARY KEY, doc_id TEXT NOT NULL, pos INTEGER NOT NULL, ord TEXT NOT NULL,
            orig TEXT NOT NULL, label TEXT, record TEXT NOT NULL
        );
        CREATE INDEX ledger_reports_doc ON ledger_reports(doc_id, pos);
        CREATE INDEX ledger_reports_label ON ledger_reports(label, ord);
        CREATE TABLE ledger_report_keys (raw TEXT NOT NULL, doc_id TEXT NOT NULL);
        CREATE INDEX ledger_report_keys_raw ON ledger_report_keys(raw);
        CREATE INDEX ledger_report_keys_doc ON ledger_report_keys(doc_id);
        CREATE TABLE ledger_blocks (bkey TEXT NOT NULL, key TEXT NOT NULL, doc_id TEXT NOT NULL);
        CREATE INDEX ledger_blocks_bkey ON ledger_blocks(bkey);
        CREATE INDEX ledger_blocks_doc ON ledger_blocks(doc_id);
        CREATE TABLE ledger_cluster_actors (actor TEXT NOT NULL, place TEXT, label TEXT NOT NULL);
        CREATE INDEX ledger_cluster_actors_actor ON ledger_cluster_actors(actor, place);
        CREATE INDEX ledger_cluster_actors_label ON ledger_cluster_actors(label)
        """,
    ),
    (
        "0003_name_indexes",
        # name resolution (store/names.py) finds actors, places and claim speakers by name, and
        # lists the distinct names for folding and suggestions, without scanning whole tables
        """
        CREATE INDEX actors_name ON actors(name COLLATE NOCASE);
        CREATE INDEX places_name ON places(name COLLATE NOCASE);
        CREATE INDEX places_admin1 ON places(admin1 COLLATE NOCASE);
        CREATE INDEX claims_speaker_text ON claims(speaker_text COLLATE NOCASE)
        """,
    ),
    (
        "0004_feed_state",
        # what `newsledger watch` fetched (feeds/state.py): each feed or sitemap's validators and
        # last answer, each article address's state, validators, hashes and document
        """
        CREATE TABLE feed_sources (
            url TEXT PRIMARY KEY, kind TEXT, title TEXT,
            etag TEXT, last_modified TEXT, content_hash TEXT,
            status INTEGER, error TEXT, entries INTEGER,
            checked_at TEXT, changed_at TEXT
        );
        CREATE TABLE feed_items (
            url TEXT PRIMARY KEY, source TEXT NOT NULL, state TEXT NOT NULL,
            stamp TEXT, title TEXT, published TEXT, doc_id TEXT,
            etag TEXT, last_modified TEXT, content_hash TEXT, text_hash TEXT,
            status INTEGER, error TEXT, attempts INTEGER NOT NULL DEFAULT 0,
            seen_at TEXT NOT NULL, fetched_at TEXT
        );
        CREATE INDEX feed_items_state ON feed_items(state, seen_at);
        CREATE INDEX feed_items_text_hash ON feed_items(text_hash)
        """,
    ),
    (
        "0005_ledger_pages",
        # a ledger read pages its claims and events in SQL (store/ledger_read.py): each claim and
        # each actor's cluster row carries its place in the ledger's order (date or "9999", then
        # key or event id), and a claim its polarity, content terms and their number (candidate
        # pairs are checked without reading records); the index is rebuilt by its next reader
        """
        ALTER TABLE ledger_claims ADD COLUMN sort_key TEXT;
        ALTER TABLE ledger_claims ADD COLUMN nterms INTEGER;
        ALTER TABLE ledger_claims ADD COLUMN terms TEXT;
        ALTER TABLE ledger_claims ADD COLUMN pol INTEGER;
        ALTER TABLE ledger_cluster_actors ADD COLUMN sort_key TEXT;
        DELETE FROM ledger_docs;
        DELETE FROM ledger_dirty;
        INSERT INTO ledger_dirty SELECT id FROM documents
        """,
    ),
    (
        "0006_ledger_claims_light",
        # what a ledger read asks of many claims without their records, in a narrow table (a
        # ledger_claims row holds the record first: reading a later column walks the record)
        # and in covering indexes (the page of an actor's claims and clusters, their counts)
        """
        CREATE TABLE ledger_claim_light (
            key TEXT PRIMARY KEY, doc_id TEXT NOT NULL, pol INTEGER, nterms INTEGER, terms TEXT
        );
        CREATE INDEX ledger_claim_light_doc ON ledger_claim_light(doc_id);
        INSERT INTO ledger_claim_light SELECT key, doc_id, pol, nterms, terms FROM ledger_claims;
        CREATE INDEX ledger_claims_speaker_page ON ledger_claims(speaker_key, sort_key, doc_id, key);
        CREATE INDEX ledger_claims_org_page ON ledger_claims(org_key, sort_key, doc_id, key);
        CREATE INDEX ledger_cluster_actors_page ON ledger_cluster_actors(actor, label, sort_key)
        """,
    ),
    (
        "0007_ledger_claim_kind",
        # a ledger shows an actor's statements unless asked for other claim kinds
        # (store/ledger_read.py): each claim row carries its kind, the page indexes hold it after
        # the actor (still covering); the index is rebuilt by its next reader (the stored
        # records take the kind in too)
        """
        ALTER TABLE ledger_claims ADD COLUMN kind TEXT;
        DROP INDEX ledger_claims_speaker_page;
        DROP INDEX ledger_claims_org_page;
        CREATE INDEX ledger_claims_speaker_page
            ON ledger_claims(speaker_key, kind, sort_key, doc_id, key);
        CREATE INDEX ledger_claims_org_page ON ledger_claims(org_key, kind, sort_key, doc_id, key);
        DELETE FROM ledger_docs;
        DELETE FROM ledger_dirty;
        INSERT INTO ledger_dirty SELECT id FROM documents
        """,
    ),
]


def _schema(conn: Connection, statement: str) -> None:
    """Run a schema statement (on PostgreSQL in its dialect: store/dialect.py's ``ddl``)."""
    getattr(conn, "execute_ddl", conn.execute)(statement)


def applied(conn: Connection) -> list[str]:
    _schema(
        conn,
        "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
    )
    return [r[0] for r in conn.execute("SELECT name FROM _migrations ORDER BY name")]


def migrate(conn: Connection) -> list[str]:
    """Apply every pending migration, each in its own transaction. Returns the names applied."""
    done = set(applied(conn))
    ran: list[str] = []
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in filter(str.strip, sql.split(";")):
                _schema(conn, statement)
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
