"""Connecting to the store and writing documents into it."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from .. import __version__
from ..document import Document
from ..errors import StoreError
from . import migrations
from .dialect import Connection, is_postgres, open_pg, shown_url
from .query import (
    QueryFilters,
    find_document_id,
    query_actors,
    query_claims,
    query_documents,
    query_events,
    query_places,
)

WriteStatus = Literal["new", "unchanged", "replaced"]


def content_hash(doc: Document) -> str:
    """What makes two inputs "the same content": text and the metadata the input gave."""
    key = json.dumps([doc.text, doc.title, doc.url, doc.outlet, doc.published], ensure_ascii=False)
    # surrogatepass: a lone surrogate (refused by write) must not crash the comparison
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def _unstorable(*texts: str) -> str | None:
    """What makes a document unstorable (SQLite takes UTF-8 only), or None."""
    try:
        for text in texts:
            text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return (
            f"holds a lone surrogate ({exc.object[exc.start : exc.end]!a}), not valid Unicode; "
            "the readers replace them, a document built by hand must too"
        )
    return None


def _path_of(url: str) -> str:
    for prefix in ("sqlite:///", "sqlite://"):
        if url.startswith(prefix):
            return url[len(prefix) :] or ":memory:"
    return url


class Store:
    """An open ledger. Use as a context manager or call :meth:`close`."""

    def __init__(self, conn: Connection, path: str):
        self.conn = conn
        self.path = path  # a file path, or a PostgreSQL URL without its password

    @property
    def backend(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return str(getattr(self.conn, "dialect", "sqlite"))

    # -- lifecycle ---------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------
    def status_of(self, doc: Document, digest: str | None = None) -> WriteStatus:
        """What :meth:`write` would do with ``doc``, without running anything
        (``digest``: its :func:`content_hash`, when the caller has it already)."""
        try:
            row = self.conn.execute(
                "SELECT content_hash FROM documents WHERE id = ?", (doc.id,)
            ).fetchone()
        except UnicodeEncodeError:  # an id no UTF-8 store can hold: not stored, so "new"
            return "new"  # (write refuses it with a StoreError)
        if row is None:
            return "new"
        return "unchanged" if row[0] == (digest or content_hash(doc)) else "replaced"

    def write(
        self, doc: Document, pipeline: str | None = None, *, force: bool = False
    ) -> WriteStatus:
        """Store one document and its records in one transaction.

        Same id and same content: nothing changes. Same id, new content: the old records are
        replaced. A failure anywhere rolls the whole document back.
        """
        digest = content_hash(doc)
        status = self.status_of(doc, digest)
        if status == "unchanged" and not force:
            return status
        record = doc.to_dict()
        record_json = json.dumps(record, ensure_ascii=False)
        bad = _unstorable(doc.id, doc.source or "", record_json)
        if bad is not None:
            raise StoreError(f"document {doc.id!a} {bad}", source=self.path)
        c = self.conn
        c.execute("BEGIN IMMEDIATE")  # one writer at a time (PostgreSQL: an advisory lock)
        try:
            # read again under the lock: another process may have written this document since
            row = c.execute("SELECT content_hash FROM documents WHERE id = ?", (doc.id,)).fetchone()
            if row is not None and row[0] == digest and not force:
                c.execute("COMMIT")
                return "unchanged"
            status = "new" if row is None else "replaced"
            for table in ("events", "claims", "actors", "places"):
                c.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc.id,))
            c.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
            # the ledger index takes the document in at its next update (store/ledger_index.py)
            c.execute("INSERT INTO ledger_dirty VALUES (?) ON CONFLICT DO NOTHING", (doc.id,))
            c.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    doc.id, digest, doc.title, doc.url, doc.outlet, doc.published,
                    doc.reference_date, doc.source, doc.text,
                    record_json,
                    pipeline or f"newsledger {__version__}", datetime.now(UTC).isoformat(),
                ),
            )  # fmt: skip
            c.executemany(
                "INSERT INTO actors VALUES (?,?,?,?,?,?,?,?)",
                [
                    (doc.id, a["id"], a["name"], a["type"], a["country"], a["affiliation"],
                     len(a["mentions"]), json.dumps(a, ensure_ascii=False))
                    for a in record["actors"]
                ],
            )  # fmt: skip
            c.executemany(
                "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)",
                [
                    (doc.id, p["id"], p["name"], p["kind"], p["country"], p["admin1"], p["lat"],
                     p["lon"], len(p["mentions"]), json.dumps(p, ensure_ascii=False))
                    for p in record["places"]
                ],
            )  # fmt: skip
            c.executemany(
                "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (doc.id, e["id"], e["type"], e["subtype"], e["plover"], e["actor1"],
                     e["actor2"], e["place"], e["date"], e["date_text"], e["fatalities"],
                     e["fatalities_text"], e["certainty"], e["claim"], e["confidence"],
                     e["evidence"]["start"], e["evidence"]["end"], e["evidence"]["sentence"],
                     e["evidence"]["section"], json.dumps(e, ensure_ascii=False))
                    for e in record["events"]
                ],
            )  # fmt: skip
            c.executemany(
                "INSERT INTO claims VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (doc.id, k["id"], k["speaker"], k["speaker_text"], k["speaker_kind"],
                     k["speaker_org"], k["cue"], k["channel"], k["quote"], k["content"], k["date"],
                     int(bool(k["hedged"])), k["confidence"], k["evidence"]["start"],
                     k["evidence"]["end"], k["evidence"]["sentence"],
                     json.dumps(k, ensure_ascii=False))
                    for k in record["claims"]
                ],
            )  # fmt: skip
            from .ledger_index import after_write

            after_write(c)  # the ledger index takes the document in (store/ledger_index.py)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return status

    # -- reading -------------------------------------------------------------------------
    def get_document(self, doc_id: str) -> Document | None:
        """The document ``doc_id`` names: its id, else an id prefix (``%``/``_`` literal)."""
        found = find_document_id(self.conn, doc_id)
        if found is None:
            return None
        row = self.conn.execute(
            "SELECT record, source FROM documents WHERE id = ?", (found,)
        ).fetchone()
        if row is None:
            return None
        doc = Document.from_dict(json.loads(row[0]))
        doc.source = row[1]
        return doc

    def iter_documents(self) -> Iterator[Document]:
        for record, source in self.conn.execute(
            "SELECT record, source FROM documents ORDER BY published NULLS FIRST, id"
        ):
            doc = Document.from_dict(json.loads(record))
            doc.source = source
            yield doc

    def fingerprint(self) -> tuple[int, str | None]:
        """What changes whenever a document is added or replaced: the number of documents and
        the newest ingest time (readers use it to know when work over the whole store is stale)."""
        n, newest = self.conn.execute("SELECT count(*), max(ingested_at) FROM documents").fetchone()
        return int(n), newest

    def count(self, table: str = "documents") -> int:
        if table not in ("documents", "events", "claims", "actors", "places"):
            raise ValueError(table)
        return int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def documents(
        self, filters: QueryFilters | None = None, sort: str = "date"
    ) -> list[dict[str, Any]]:
        """Stored documents, newest first by date (``sort="ingested"``: newest ingest first)."""
        return query_documents(self.conn, filters or QueryFilters(), sort)

    def events(self, filters: QueryFilters | None = None) -> list[dict[str, Any]]:
        return query_events(self.conn, filters or QueryFilters())

    def claims(self, filters: QueryFilters | None = None) -> list[dict[str, Any]]:
        return query_claims(self.conn, filters or QueryFilters())

    def actors(self, filters: QueryFilters | None = None) -> list[dict[str, Any]]:
        return query_actors(self.conn, filters or QueryFilters())

    def places(self, filters: QueryFilters | None = None) -> list[dict[str, Any]]:
        return query_places(self.conn, filters or QueryFilters())


#: How often opening retries when another process is creating or migrating the same store.
OPEN_ATTEMPTS = 8
#: What SQLite says when another process won a race to create or migrate the store.
_RACED = (
    "already exists",
    "database is locked",
    "UNIQUE constraint failed: _migrations",
    "duplicate column name",  # an ALTER TABLE ADD COLUMN another process has just applied
)


def _prepare(conn: sqlite3.Connection, path: str) -> None:
    """WAL mode and pending migrations, safe when several processes open one new store at once:
    the losers of a race (a table another process just created, a lock it holds) read again
    what is applied and go on; a migration that fails for any other reason raises at once."""
    for attempt in range(OPEN_ATTEMPTS):
        try:
            if path != ":memory:" and conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            migrations.migrate(conn)
            return
        except sqlite3.OperationalError as exc:
            if attempt == OPEN_ATTEMPTS - 1 or not any(r in str(exc) for r in _RACED):
                raise
        except sqlite3.IntegrityError as exc:
            if attempt == OPEN_ATTEMPTS - 1 or _RACED[2] not in str(exc):
                raise
        time.sleep(0.02 * (attempt + 1))


def open_store(
    url: str = "newsledger.db",
    *,
    readonly: bool = False,
    handoff: bool = False,
    pooled: bool = False,
) -> Store:
    """Open (creating and migrating if needed) the store at ``url``: a path or sqlite:///path
    (SQLite), or postgresql://USER[:PASSWORD]@HOST[:PORT]/DB (PostgreSQL, store/dialect.py).

    ``handoff``: the connection may pass from one thread to another, used by one at a time (a
    web request whose dependency and endpoint run in different worker threads). ``pooled``: on
    PostgreSQL the connection comes from a pool kept per URL, and closing the store returns it
    (the API's requests); SQLite opens a file, so it has no pool."""
    if is_postgres(url):
        return Store(open_pg(url, readonly=readonly, pooled=pooled), shown_url(url))
    path = _path_of(url)
    try:
        if path != ":memory:":
            p = Path(path)
            if readonly and not p.exists():
                raise StoreError(f"no store at {path} (run `newsledger ingest` first)")
            p.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            path, isolation_level=None, timeout=30, check_same_thread=not handoff
        )
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        _prepare(conn, path)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open store: {exc}", source=path) from exc
    return Store(conn, path)
