"""The store's second back-end: PostgreSQL, chosen by a ``postgresql://`` URL.

The store's SQL is written once, in SQLite's dialect (store/query.py, names.py, ledger_index.py,
ledger_read.py, migrations.py, feeds/state.py). :class:`PgConnection` gives a psycopg 3
connection the ``execute``/``executemany`` face of a ``sqlite3.Connection`` and rewrites each
statement once (:func:`translate`, cached) — so every query function gives the same answers on
both back-ends, and a test runs the store's tests against both.

What the rewrite changes (each rule a line of :data:`RULES`, data not code paths):

- placeholders: ``?`` -> ``%s`` (a literal ``%`` doubled);
- ``json_each(?)`` (a list passed as one JSON parameter) -> ``json_array_elements_text(?::json)``;
  ``json_array_length(x.record, '$.k')`` -> ``json_array_length(x.record::json -> 'k')``;
- ``COLLATE NOCASE`` (SQLite's ASCII case folding) -> ``lower(...)`` on both sides: every text
  column is ``COLLATE "C"``, where ``lower`` folds ASCII letters only, as NOCASE does;
  ``SELECT DISTINCT c COLLATE NOCASE`` -> one spelling per case-folded group (the smallest);
- ``LIKE`` (case-insensitive for ASCII in SQLite) -> ``ILIKE``;
- an empty ``IN ()`` (SQLite: false; ``NOT IN ()``: true) -> ``= ANY ('{}')`` / ``<> ALL ('{}')``;
- ``BEGIN IMMEDIATE`` (SQLite: one writer at a time) -> ``BEGIN`` and a transaction-level
  advisory lock: writers take turns per document, as with SQLite, so two ingests into one store
  lose nothing and duplicate nothing, and the ledger index stays consistent.

The schema (:func:`ddl`): text columns ``COLLATE "C"`` (byte order, as SQLite compares: the
ledger index relies on it), ``INTEGER`` -> ``BIGINT`` (64-bit LSH bands), ``REAL`` -> ``DOUBLE
PRECISION``, NOCASE indexes -> ``lower(column)`` indexes. Text that holds U+0000 (which
PostgreSQL text cannot hold; the ledger index's sort keys use it) is stored with an
order-preserving escape (U+0001 U+0001 for U+0000, U+0001 U+0002 for U+0001) and read back as it
was written. Sums come back as ``int`` (PostgreSQL's ``numeric``) as SQLite gives them.
"""

from __future__ import annotations

import atexit
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit

from ..errors import StoreError

PG_SCHEMES = ("postgresql://", "postgres://")
#: advisory lock keys (pg_advisory_*): one writer transaction at a time; one migration at a time
WRITE_LOCK = 0x6E6C_7772  # "nlwr"
MIGRATE_LOCK = 0x6E6C_6D67  # "nlmg"
WATCH_LOCK = 0x6E6C_7774  # "nlwt"
#: connections the API's pool keeps per store URL
POOL_MAX = 8


class Connection(Protocol):
    """What the store's modules use of a connection (``sqlite3.Connection`` or PgConnection)."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...

    def executemany(self, sql: str, seq_of_parameters: Iterable[Any], /) -> Any: ...

    def close(self) -> None: ...


def is_postgres(url: str) -> bool:
    return url.startswith(PG_SCHEMES)


def shown_url(url: str) -> str:
    """The URL without its password (for messages)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


#: (pattern, replacement) applied in order to every statement on PostgreSQL (module docstring)
RULES: tuple[tuple[str, str], ...] = (
    (r"\bjson_each\(\?\)", "json_array_elements_text(?::json)"),
    (r"json_array_length\((\w+)\.record, '\$\.(\w+)'\)", r"json_array_length(\1.record::json -> '\2')"),
    (
        r"([\w.]+) COLLATE NOCASE IN \(SELECT value FROM json_array_elements_text\(\?::json\)\)",
        r"lower(\1) IN (SELECT lower(value) FROM json_array_elements_text(?::json))",
    ),
    (r"SELECT DISTINCT (\w+) COLLATE NOCASE FROM (\w+)", r"SELECT min(\1) FROM \2 GROUP BY lower(\1)"),
    (r"([\w.]+) = \? COLLATE NOCASE", r"lower(\1) = lower(?)"),
    (r"\bLIKE\b", "ILIKE"),
    (r"\bNOT IN \(\)", "<> ALL ('{}')"),
    (r"\bIN \(\)", "= ANY ('{}')"),
)  # fmt: skip
_RULES = tuple((re.compile(p), r) for p, r in RULES)

#: schema rewrites (module docstring), applied to the migrations' statements on PostgreSQL
DDL_RULES: tuple[tuple[str, str], ...] = (
    (r"\((\w+) COLLATE NOCASE\)", r"(lower(\1))"),
    (r"\bTEXT\b", 'TEXT COLLATE "C"'),
    (r"\bINTEGER\b", "BIGINT"),
    (r"\bREAL\b", "DOUBLE PRECISION"),
)
_DDL_RULES = tuple((re.compile(p), r) for p, r in DDL_RULES)


@lru_cache(maxsize=4096)
def translate(sql: str) -> str:
    """A statement of the store's SQLite dialect in PostgreSQL's (module docstring)."""
    for pattern, repl in _RULES:
        sql = pattern.sub(repl, sql)
    return sql.replace("%", "%%").replace("?", "%s")


def ddl(sql: str) -> str:
    """A schema statement of the migrations in PostgreSQL's dialect."""
    for pattern, repl in _DDL_RULES:
        sql = pattern.sub(repl, sql)
    return translate(sql)


def _escape(s: str) -> str:
    return s.replace("\x01", "\x01\x02").replace("\x00", "\x01\x01")


def _unescape(s: str) -> str:
    return s.replace("\x01\x01", "\x00").replace("\x01\x02", "\x01")


def _adapt(context: Any) -> None:
    """Register the dumpers and loaders of the module docstring on a connection."""
    from psycopg.adapt import Loader
    from psycopg.types.string import StrDumperUnknown, TextLoader

    class EscapingDumper(StrDumperUnknown):  # type: ignore[misc]
        def dump(self, obj: str) -> bytes:
            if "\x00" in obj or "\x01" in obj:
                obj = _escape(obj)
            return bytes(super().dump(obj))

    class UnescapingLoader(TextLoader):  # type: ignore[misc]
        def load(self, data: Any) -> str:
            s = bytes(data).decode("utf-8")
            return _unescape(s) if "\x01" in s else s

    class NumberLoader(Loader):  # type: ignore[misc]
        def load(self, data: Any) -> int | float:
            s = bytes(data).decode("ascii")
            return float(s) if any(ch in s for ch in ".eEN") else int(s)

    adapters = context.adapters
    adapters.register_dumper(str, EscapingDumper)
    for name in ("text", "varchar"):
        adapters.register_loader(name, UnescapingLoader)
    adapters.register_loader("numeric", NumberLoader)


_WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


class _Deferred:
    """What ``execute`` returns for a write sent later: no rows."""

    rowcount = -1
    description = None

    def fetchone(self) -> None:
        return None

    def fetchall(self) -> list[Any]:
        return []

    def __iter__(self) -> Iterator[Any]:
        return iter(())


_DEFERRED = _Deferred()


class PgConnection:
    """A psycopg connection with the face of a ``sqlite3.Connection`` (module docstring).

    Inside a transaction, writes (INSERT, UPDATE, DELETE) are queued and sent together, in one
    round trip (psycopg's pipeline mode), before the next read, savepoint or COMMIT: a document's
    write is a few hundred statements, and each would otherwise wait for the server. What a
    statement reads is unchanged (the queue goes first); an error of a queued write is raised
    by the statement that sends it, inside the same transaction, which the caller rolls back as
    before; ROLLBACK (TO a savepoint) drops what is queued since."""

    dialect = "postgresql"

    def __init__(self, conn: Any, url: str, pool: Any = None):
        self.raw = conn
        self.url = url
        self._pool = pool
        self._queue: list[tuple[str, tuple[Any, ...]]] = []
        self._in_tx = False

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Any:
        if self._in_tx and _WRITE.match(sql):
            self._queue.append((translate(sql), tuple(parameters)))
            return _DEFERRED
        word = sql.split(None, 1)[0].upper() if sql.strip() else ""
        if word == "ROLLBACK":
            self._queue.clear()
            if sql.strip().upper() == "ROLLBACK":
                self._in_tx = False
            return self.raw.execute(sql)
        self.flush()
        if sql.strip() == "BEGIN IMMEDIATE":
            with self.raw.pipeline():
                self.raw.execute("BEGIN")
                cur = self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            self._in_tx = True
            return cur
        cur = self.raw.execute(translate(sql), tuple(parameters))
        if word == "BEGIN":
            self._in_tx = True
        elif word in ("COMMIT", "END"):
            self._in_tx = False
        return cur

    def executemany(self, sql: str, seq_of_parameters: Iterable[Sequence[Any]], /) -> Any:
        rows = [tuple(p) for p in seq_of_parameters]
        if self._in_tx and _WRITE.match(sql):
            q = translate(sql)
            self._queue.extend((q, r) for r in rows)
            return _DEFERRED
        self.flush()
        cur = self.raw.cursor()
        if rows:
            cur.executemany(translate(sql), rows)
        return cur

    def flush(self) -> None:
        """Send the queued writes, in one round trip (runs of one statement as executemany)."""
        if not self._queue:
            return
        queue, self._queue = self._queue, []
        cur = self.raw.cursor()
        with self.raw.pipeline():
            i = 0
            while i < len(queue):
                j = i + 1
                while j < len(queue) and queue[j][0] == queue[i][0]:
                    j += 1
                if j - i == 1:
                    cur.execute(*queue[i])
                else:
                    cur.executemany(queue[i][0], [p for _, p in queue[i:j]])
                i = j

    def execute_ddl(self, sql: str) -> Any:
        return self.raw.execute(ddl(sql))

    def has_table(self, name: str) -> bool:
        row = self.raw.execute("SELECT to_regclass(%s)", (name,)).fetchone()
        return row is not None and row[0] is not None

    def try_lock(self, key: int) -> bool:
        """A session advisory lock (held until :meth:`unlock` or the connection closes)."""
        return bool(self.raw.execute("SELECT pg_try_advisory_lock(%s)", (key,)).fetchone()[0])

    def unlock(self, key: int) -> None:
        self.raw.execute("SELECT pg_advisory_unlock(%s)", (key,))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.putconn(self.raw)
            self._pool = None
        elif not self.raw.closed:
            self.raw.close()


def _connect(url: str) -> Any:
    import psycopg

    conn = psycopg.connect(url, autocommit=True)
    _adapt(conn)
    return conn


_pools: dict[str, Any] = {}
_pools_lock = threading.Lock()


def _pool(url: str) -> tuple[Any, bool]:
    """The connection pool of ``url`` (made at first use) and whether it was just made."""
    from psycopg_pool import ConnectionPool

    with _pools_lock:
        if url in _pools:
            return _pools[url], False
        pool = ConnectionPool(
            url, min_size=1, max_size=POOL_MAX, kwargs={"autocommit": True}, configure=_adapt,
            open=True, name="newsledger",
        )  # fmt: skip
        _pools[url] = pool
        return pool, True


@atexit.register
def _close_pools() -> None:
    with _pools_lock:
        for pool in _pools.values():
            pool.close()
        _pools.clear()


def open_pg(url: str, *, readonly: bool = False, pooled: bool = False) -> PgConnection:
    """A migrated PostgreSQL store at ``url`` (``readonly``: it must hold a store already;
    ``pooled``: the connection comes from, and returns to, a pool kept per URL)."""
    import psycopg

    from . import migrations

    try:
        if pooled:
            pool, fresh = _pool(url)
            conn = PgConnection(pool.getconn(), url, pool)
        else:
            fresh = True
            conn = PgConnection(_connect(url), url)
    except Exception as exc:
        raise StoreError(f"cannot open store: {exc}", source=shown_url(url)) from exc
    try:
        if readonly and not conn.has_table("_migrations"):
            raise StoreError(f"no store at {shown_url(url)} (run `newsledger ingest` first)")
        if fresh:
            conn.raw.execute("SELECT pg_advisory_lock(%s)", (MIGRATE_LOCK,))
            try:
                migrations.migrate(conn)
            finally:
                conn.raw.execute("SELECT pg_advisory_unlock(%s)", (MIGRATE_LOCK,))
    except psycopg.Error as exc:
        conn.close()
        raise StoreError(f"cannot open store: {exc}", source=shown_url(url)) from exc
    except BaseException:
        conn.close()
        raise
    return conn


def is_busy(exc: BaseException) -> bool:
    """Whether ``exc`` says the store cannot be written now (locked, read-only, no right)."""
    if isinstance(exc, sqlite3.OperationalError):
        return True
    try:
        import psycopg
    except ImportError:  # pragma: no cover - a dependency
        return False
    return isinstance(
        exc,
        psycopg.OperationalError
        | psycopg.errors.InsufficientPrivilege
        | psycopg.errors.ReadOnlySqlTransaction,
    )


__all__ = [
    "Connection",
    "PgConnection",
    "is_busy",
    "is_postgres",
    "open_pg",
    "shown_url",
    "translate",
]
