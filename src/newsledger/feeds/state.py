"""What `newsledger watch` has fetched, kept in the store beside the ledger (migration
``0004_feed_state``), so that a watch resumes after a kill without refetching or losing an article.

- ``feed_sources``: one row per feed or sitemap: its validators (ETag, Last-Modified), the hash of
  its last body, the last HTTP status and error, when it was checked and when it last changed.
- ``feed_items``: one row per article address: its state, the publisher's update stamp, the
  document it became, its validators and body hash, the hash of its text, the last HTTP status
  and error, how many polls running it failed for a transient reason, when it was first seen
  and last fetched.

Item states: ``pending`` (to fetch), ``done`` (its document is in the store: set only after the
document's own transaction committed), ``copy`` (the same text is stored already, under another
address or from a file), ``gone`` (404/410), ``disallowed`` (robots.txt), ``skipped`` (the
pipeline skipped it on purpose, e.g. its language), ``failed`` (given up; ``error`` says why).

All SQL of the feeds stage is here, in the SQL SQLite and PostgreSQL share (``ON CONFLICT``),
through the store's connection: a later store back-end changes this module only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..store import Store
from .parse import Entry

STATES = ("pending", "done", "copy", "gone", "disallowed", "skipped", "failed")
_ITEM_COLUMNS = (
    "url", "source", "state", "stamp", "title", "published", "doc_id", "etag", "last_modified",
    "content_hash", "text_hash", "status", "error", "attempts", "seen_at", "fetched_at",
)  # fmt: skip
_SOURCE_COLUMNS = (
    "url", "kind", "title", "etag", "last_modified", "content_hash", "status", "error",
    "entries", "checked_at", "changed_at",
)  # fmt: skip


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Item:
    url: str
    source: str
    state: str = "pending"
    stamp: str | None = None
    title: str | None = None
    published: str | None = None
    doc_id: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    text_hash: str | None = None
    status: int | None = None
    error: str | None = None
    attempts: int = 0
    seen_at: str = ""
    fetched_at: str | None = None


@dataclass
class Source:
    url: str
    kind: str | None = None
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    status: int | None = None
    error: str | None = None
    entries: int | None = None
    checked_at: str | None = None
    changed_at: str | None = None


class FetchState:
    """The two tables, through an open :class:`~newsledger.store.Store`."""

    def __init__(self, store: Store):
        self.store = store
        self.conn = store.conn

    # -- sources -------------------------------------------------------------------------
    def source(self, url: str) -> Source | None:
        row = self.conn.execute(
            f"SELECT {', '.join(_SOURCE_COLUMNS)} FROM feed_sources WHERE url = ?", (url,)
        ).fetchone()
        return Source(*row) if row else None

    def save_source(self, s: Source) -> None:
        cols = ", ".join(_SOURCE_COLUMNS)
        sets = ", ".join(f"{c} = excluded.{c}" for c in _SOURCE_COLUMNS[1:])
        self.conn.execute(
            f"INSERT INTO feed_sources ({cols}) VALUES ({', '.join('?' * len(_SOURCE_COLUMNS))})"
            f" ON CONFLICT (url) DO UPDATE SET {sets}",
            tuple(getattr(s, c) for c in _SOURCE_COLUMNS),
        )

    # -- items ---------------------------------------------------------------------------
    def note_entries(self, source: str, entries: list[Entry]) -> tuple[int, int]:
        """Record what a source lists, in one transaction: a new address becomes ``pending``; a
        known one whose update stamp changed is ``pending`` again (its validators kept, so the
        refetch is conditional). Returns (new, changed)."""
        new = changed = 0
        seen = now()
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            for e in entries:
                row = c.execute(
                    "SELECT state, stamp FROM feed_items WHERE url = ?", (e.url,)
                ).fetchone()
                if row is None:
                    c.execute(
                        "INSERT INTO feed_items (url, source, state, stamp, title, published,"
                        " attempts, seen_at) VALUES (?, ?, 'pending', ?, ?, ?, 0, ?)",
                        (e.url, source, e.stamp, e.title, e.published, seen),
                    )
                    new += 1
                elif e.stamp and row[1] != e.stamp and row[0] in ("pending", "disallowed"):
                    c.execute("UPDATE feed_items SET stamp = ? WHERE url = ?", (e.stamp, e.url))
                elif e.stamp and row[1] != e.stamp:
                    c.execute(
                        "UPDATE feed_items SET state = 'pending', stamp = ?,"
                        " title = coalesce(?, title), published = coalesce(?, published),"
                        " attempts = 0, error = NULL"
                        " WHERE url = ?",
                        (e.stamp, e.title, e.published, e.url),
                    )
                    changed += 1
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return new, changed

    def pending(self, sources: list[str] | None = None) -> list[Item]:
        """Items to fetch, oldest first (of ``sources`` when given, else of all)."""
        sql = f"SELECT {', '.join(_ITEM_COLUMNS)} FROM feed_items WHERE state = 'pending'"
        params: tuple[Any, ...] = ()
        if sources is not None:
            sql += f" AND source IN ({', '.join('?' * len(sources))})"
            params = tuple(sources)
        return [Item(*r) for r in self.conn.execute(sql + " ORDER BY seen_at, url", params)]

    def item(self, url: str) -> Item | None:
        row = self.conn.execute(
            f"SELECT {', '.join(_ITEM_COLUMNS)} FROM feed_items WHERE url = ?", (url,)
        ).fetchone()
        return Item(*row) if row else None

    def save_item(self, item: Item) -> None:
        sets = ", ".join(f"{c} = ?" for c in _ITEM_COLUMNS[1:])
        self.conn.execute(
            f"UPDATE feed_items SET {sets} WHERE url = ?",
            (*(getattr(item, c) for c in _ITEM_COLUMNS[1:]), item.url),
        )

    def counts(self) -> dict[str, int]:
        """Items per state."""
        out = dict.fromkeys(STATES, 0)
        for state, n in self.conn.execute("SELECT state, count(*) FROM feed_items GROUP BY state"):
            out[state] = int(n)
        return out

    # -- the ledger ----------------------------------------------------------------------
    def stored(self, doc_id: str) -> bool:
        """Whether a document with exactly this id is in the store."""
        return (
            self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
            is not None
        )

    def copy_of(self, url: str, text_hash: str, file_id: str) -> str | None:
        """The stored document that already holds this text: one fetched from another address
        with the same text hash, or one ingested from a file (its id is the text's
        :func:`~newsledger.document.content_id`)."""
        row = self.conn.execute(
            "SELECT doc_id FROM feed_items WHERE text_hash = ? AND url <> ? AND state = 'done'"
            " AND doc_id IS NOT NULL LIMIT 1",
            (text_hash, url),
        ).fetchone()
        if row is not None and self.stored(row[0]):
            return str(row[0])
        return file_id if self.stored(file_id) else None
