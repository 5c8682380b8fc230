"""PostgreSQL as the shared store: concurrent writers, the dialect's rewrites, what only a server
has (a read-only open of an empty database, a second watch). Against a real throwaway cluster
(tests/pgcluster.py), never a mock; skipped, saying why, where no server can be started. The
store's other tests run on both back-ends through the ``store_url`` fixture (conftest.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsledger.errors import StoreError
from newsledger.store import QueryFilters, open_store
from newsledger.store.dialect import ddl, translate

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
EXE = Path(sys.executable).parent / "newsledger"


# -- the rewrite of the store's SQL (no server needed) -------------------------------------------
@pytest.mark.parametrize(
    ("sqlite", "postgres"),
    [
        ("SELECT id FROM documents WHERE id = ?", "SELECT id FROM documents WHERE id = %s"),
        (
            "e.actor1 IN (SELECT value FROM json_each(?))",
            "e.actor1 IN (SELECT value FROM json_array_elements_text(%s::json))",
        ),
        (
            "WHERE name COLLATE NOCASE IN (SELECT value FROM json_each(?))",
            "WHERE lower(name) IN (SELECT lower(value) FROM json_array_elements_text(%s::json))",
        ),
        ("SELECT DISTINCT name COLLATE NOCASE FROM actors", "SELECT min(name) FROM actors GROUP BY lower(name)"),
        ("WHERE speaker_text = ? COLLATE NOCASE", "WHERE lower(speaker_text) = lower(%s)"),
        ("record LIKE ? ESCAPE '\\'", "record ILIKE %s ESCAPE '\\'"),
        ("a.term NOT IN () AND b.claim IN ()", "a.term <> ALL ('{}') AND b.claim = ANY ('{}')"),
        ("SELECT json_array_length(l.record, '$.terms') = 1", "SELECT json_array_length(l.record::json -> 'terms') = 1"),
        ("SELECT '50%' || ?", "SELECT '50%%' || %s"),
    ],
)  # fmt: skip
def test_the_store_sql_is_rewritten_for_postgresql(sqlite: str, postgres: str) -> None:
    assert translate(sqlite) == postgres


def test_the_schema_is_byte_ordered_64_bit_and_double() -> None:
    out = ddl("CREATE TABLE t (a TEXT PRIMARY KEY, b INTEGER, c REAL)")
    assert out == 'CREATE TABLE t (a TEXT COLLATE "C" PRIMARY KEY, b BIGINT, c DOUBLE PRECISION)'
    assert (
        ddl("CREATE INDEX i ON actors(name COLLATE NOCASE)")
        == "CREATE INDEX i ON actors(lower(name))"
    )


# -- against a server ----------------------------------------------------------------------------
@pytest.fixture
def pg_url(pg_cluster) -> str:  # type: ignore[no-untyped-def]
    return str(pg_cluster.url())


def test_text_with_nul_and_sort_keys_round_trip_in_byte_order(pg_url: str) -> None:
    """The ledger index's sort keys hold U+0000 and U+0001 (PostgreSQL text holds no U+0000):
    they come back as written, and sort as SQLite sorts them (byte order, not the locale's)."""
    keys = ["1a\x00b", "1a\x01b", "1a\x00", "1ab", "1a\x01\x01", "1A", "1a", "1é", "0\x00z"]
    with open_store(pg_url) as store:
        store.conn.executemany(
            "INSERT INTO ledger_docs VALUES (?,?,?,?)",
            [(f"d{i}", k, "{}", 0) for i, k in enumerate(keys)],
        )
        got = [r[0] for r in store.conn.execute("SELECT ord FROM ledger_docs ORDER BY ord")]
        assert got == sorted(keys)
        below = store.conn.execute(
            "SELECT count(*) FROM ledger_docs WHERE ord < ?", ("1a\x01",)
        ).fetchone()[0]
        assert below == sum(k < "1a\x01" for k in keys)


def test_a_readonly_open_of_an_empty_database_says_there_is_no_store(pg_url: str) -> None:
    with pytest.raises(StoreError, match="no store at"):
        open_store(pg_url, readonly=True)
    with pytest.raises(StoreError, match="cannot open store"):
        open_store(pg_url.rsplit("/", 1)[0] + "/no_such_database")


def _ingest_cli(url: str, *paths: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(EXE), "ingest", *paths, "--db", url, "--json", "--no-progress"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )


def _answers(url: str) -> dict[str, object]:
    """What the listings and one ledger answer, for comparing stores."""
    from newsledger.store.ledger_read import store_ledger

    with open_store(url, readonly=True) as s:
        ledger = store_ledger(s.conn, "Taliban")
        return {
            "documents": sorted((d["id"], d["events"], d["claims"]) for d in s.documents()),
            "events": [(e["doc_id"], e["event_id"], e["date"]) for e in s.events()],
            "claims": [(c["doc_id"], c["claim_id"]) for c in s.claims()],
            "actors": [(a["id"], a["mentions"], a["documents"]) for a in s.actors()],
            "places": [(p["id"], p["mentions"]) for p in s.places(QueryFilters(limit=50))],
            "counts": [s.count(t) for t in ("documents", "events", "claims", "actors", "places")],
            "dirty": s.conn.execute("SELECT count(*) FROM ledger_dirty").fetchone()[0],
            "ledger": ledger.to_dict() if ledger else None,
        }


def test_two_ingest_processes_into_one_store_lose_nothing_and_duplicate_nothing(
    pg_url: str, tmp_path: Path
) -> None:
    """Two `newsledger ingest` processes write the same articles into one PostgreSQL store at
    once: every document is there once, with the records and ledger a single ingest into SQLite
    gives (the same command); a third ingest changes nothing."""
    reference = str(tmp_path / "reference.db")
    out, err = _ingest_cli(reference, str(EXAMPLES)).communicate(timeout=600)
    single = json.loads(out.splitlines()[-1])
    assert single["failed"] == 0 and single["new"] >= 5, err

    procs = [_ingest_cli(pg_url, str(EXAMPLES)) for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
    runs = [json.loads(out.splitlines()[-1]) for out, _ in outs]
    # each document was new to exactly one of the two, unchanged (already there) to the other
    assert sum(r["new"] for r in runs) == single["new"], runs
    assert all(r["failed"] == 0 and r["replaced"] == 0 for r in runs), runs

    assert _answers(pg_url) == _answers(reference)
    again = _ingest_cli(pg_url, str(EXAMPLES))
    out, err = again.communicate(timeout=600)
    assert again.returncode == 0, err
    rerun = json.loads(out.splitlines()[-1])
    assert (rerun["new"], rerun["replaced"], rerun["unchanged"]) == (0, 0, single["new"])
    assert _answers(pg_url) == _answers(reference)


def test_a_second_watch_of_one_postgres_store_exits_busy(pg_url: str, tmp_path: Path) -> None:
    from newsledger.store.dialect import WATCH_LOCK

    with open_store(pg_url) as holder:
        assert holder.conn.try_lock(WATCH_LOCK)  # type: ignore[attr-defined]
        r = subprocess.run(
            [str(EXE), "watch", "http://127.0.0.1:9/feed.xml", "--once", "--db", pg_url],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    assert r.returncode == 75, r.stderr
    assert "another newsledger watch is running" in r.stderr


def test_the_api_lists_the_newest_ingests_first(store_url: str) -> None:
    """``/api/documents?sort=ingested``: the latest ingests first (the dashboard's "Latest
    ingests"), on both back-ends; the default stays newest article first."""
    from fastapi.testclient import TestClient

    from newsledger.api import create_app
    from newsledger.document import Document, Section

    def doc(i: str, published: str) -> Document:
        text = f"Illustration {i}: a generated text for the ingest order test."
        return Document(id=i, text=text, published=published, title=f"t{i}",
                        sections=[Section("body", 0, len(text))])  # fmt: skip

    with open_store(store_url) as store:
        for i, published in (
            ("old-news", "2020-01-01"),
            ("fresh", "2024-06-01"),
            ("late", "2019-05-05"),
        ):
            store.write(doc(i, published))  # ingested in this order
    client = TestClient(create_app(store_url))
    by_date = [d["id"] for d in client.get("/api/documents").json()]
    by_ingest = client.get("/api/documents", params={"sort": "ingested", "limit": 2}).json()
    assert by_date == ["fresh", "old-news", "late"]
    assert [d["id"] for d in by_ingest] == ["late", "fresh"]
    assert by_ingest[0]["ingested_at"] >= by_ingest[1]["ingested_at"]
    bad = client.get("/api/documents", params={"sort": "random"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "sort"]


def test_newsledger_db_and_a_served_postgres_store(pg_url: str) -> None:
    """``NEWSLEDGER_DB`` names the PostgreSQL store for ingest (no ``--db``), and
    `newsledger serve` answers from it through its connection pool, request after request."""
    import httpx2

    from conftest import live_server

    env = {**os.environ, "NO_COLOR": "1", "NEWSLEDGER_DB": pg_url}
    r = subprocess.run(
        [str(EXE), "ingest", str(EXAMPLES / "wire.jsonl"), "--json", "--no-progress"],
        capture_output=True, text=True, env=env, timeout=600,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout.splitlines()[-1])["new"] == 3
    with live_server(pg_url) as base:
        for _ in range(12):  # more requests than the pool holds connections
            health = httpx2.get(base + "/api/health", timeout=30).json()
            assert health["documents"] == 3
        latest = httpx2.get(base + "/api/documents?sort=ingested", timeout=30).json()
        assert len(latest) == 3 and latest[0]["ingested_at"] >= latest[-1]["ingested_at"]
        events = httpx2.get(base + "/api/events", timeout=30)
        assert events.status_code == 200 and events.json()


def _open_pg_at(url: str, start: float) -> str:
    import time

    while time.time() < start:  # all openers start together
        time.sleep(0.001)
    try:
        with open_store(url) as store:
            return f"ok {store.count()}"
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"


def test_processes_creating_one_postgres_store_at_once_all_succeed(pg_cluster) -> None:  # type: ignore[no-untyped-def]
    """Twelve processes open one new PostgreSQL database at once: the migrations run once
    (under an advisory lock) and every process gets a working store."""
    import multiprocessing
    import time

    from newsledger.store.migrations import MIGRATIONS

    ctx = multiprocessing.get_context("spawn")
    urls = [pg_cluster.url() for _ in range(2)]
    outcomes: list[str] = []
    with ctx.Pool(12) as pool:
        for url in urls:
            start = time.time() + 3.0
            outcomes += pool.starmap(_open_pg_at, [(url, start)] * 12)
    assert [o for o in outcomes if o != "ok 0"] == []
    with open_store(urls[0]) as store:
        names = [r[0] for r in store.conn.execute("SELECT name FROM _migrations")]
    assert sorted(names) == [m[0] for m in MIGRATIONS]  # each applied once
