"""Issue 19 item 6 and the kill test: several processes creating one new store at once all get
a working store; an ingest killed with -9 leaves a consistent store that a second run completes
exactly, and a third run changes nothing. Texts are illustrations written for these tests."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsledger.store import open_store
from newsledger.store.migrations import SCHEMA_VERSION

# -- item 6: many processes creating one new store -----------------------------------------------


def _open_at(path: str, start: float) -> str:
    while time.time() < start:  # all openers start together
        time.sleep(0.001)
    try:
        with open_store(path) as store:
            return f"ok {store.count()}"
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs fork (cheap processes)"
)
def test_processes_creating_one_store_at_once_all_succeed(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    outcomes: list[str] = []
    with ctx.Pool(12) as pool:
        for round_ in range(5):
            path = str(tmp_path / f"new{round_}.db")
            start = time.time() + 0.5
            outcomes += pool.starmap(_open_at, [(path, start)] * 12)
    assert [o for o in outcomes if o != "ok 0"] == []
    conn = sqlite3.connect(str(tmp_path / "new0.db"))
    names = [r[0] for r in conn.execute("SELECT name FROM _migrations")]
    assert len(names) == len(set(names)) and SCHEMA_VERSION in names  # each applied once
    conn.close()


# -- kill -9 mid-ingest ----------------------------------------------------------------------------

PLACES = ["Kandahar", "Herat", "Mosul", "Aleppo", "Goma", "Mogadishu", "Lahore", "Sanaa"]


def _articles(folder: Path, n: int) -> None:
    """``n`` short articles, each different (illustrations)."""
    for i in range(n):
        place = PLACES[i % len(PLACES)]
        (folder / f"a{i:02d}.txt").write_text(
            f"Clashes near {place} leave {i + 2} dead\n\n"
            f"Fighters attacked an army post near {place} on Monday, killing {i + 2} soldiers, "
            f'the provincial governor said. "We will respond," the army spokesman told reporters '
            f"on Tuesday. Residents said {i + 3} houses were damaged in the fighting.\n"
        )


def _ingest(folder: Path, db: str, *extra: str) -> subprocess.Popen[str]:
    exe = Path(sys.executable).parent / "newsledger"
    return subprocess.Popen(
        [str(exe), "ingest", str(folder), "--db", db, "--no-progress", "--json", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NEWSLEDGER_BATCH_SIZE": "1"},
    )


def _stored(db: str) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _consistent(db: str) -> dict[str, tuple[str, int, int, int, int]]:
    """Per document: (content hash, actors, places, events, claims), each table's rows agreeing
    with the document's own record; raises when the store is damaged."""
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    out = {}
    for doc_id, digest, record in conn.execute("SELECT id, content_hash, record FROM documents"):
        rec = json.loads(record)
        counts = []
        for table in ("actors", "places", "events", "claims"):
            (n,) = conn.execute(
                f"SELECT count(*) FROM {table} WHERE doc_id = ?", (doc_id,)
            ).fetchone()
            assert n == len(rec[table]), (doc_id, table)
            counts.append(n)
        out[doc_id] = (digest, *counts)
    orphans = sum(
        conn.execute(
            f"SELECT count(*) FROM {t} WHERE doc_id NOT IN (SELECT id FROM documents)"
        ).fetchone()[0]
        for t in ("actors", "places", "events", "claims")
    )
    assert orphans == 0
    conn.close()
    return out


@pytest.mark.skipif(os.name != "posix", reason="kill -9 is POSIX")
def test_ingest_killed_mid_run_resumes_exactly_and_reingest_changes_nothing(
    tmp_path: Path,
) -> None:
    n = 8
    folder = tmp_path / "articles"
    folder.mkdir()
    _articles(folder, n)
    db = str(tmp_path / "killed.db")
    clean = str(tmp_path / "clean.db")
    one = _ingest(folder, clean)  # the same inputs, one uninterrupted run, alongside
    proc = _ingest(folder, db)
    deadline = time.monotonic() + 120
    while _stored(db) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the ingest ended before it could be killed: " + proc.stderr.read()
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    before = _consistent(db)
    assert 2 <= len(before) < n  # killed mid-run, some documents in, some not

    resumed = _ingest(folder, db)
    out, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err
    summary = json.loads(out.strip().splitlines()[-1])
    assert summary["unchanged"] == len(before) and summary["new"] == n - len(before), summary
    assert summary["failed"] == 0 and summary["replaced"] == 0
    after = _consistent(db)
    assert len(after) == n and {k: after[k] for k in before} == before  # nothing redone

    # the same store as one uninterrupted run gives
    one.communicate(timeout=300)
    assert one.returncode == 0
    assert _consistent(clean) == after

    with open_store(db) as store:
        fingerprint = store.fingerprint()
    again = _ingest(folder, db)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    summary = json.loads(out.strip().splitlines()[-1])
    assert summary["unchanged"] == n and summary["new"] == summary["replaced"] == 0
    assert _consistent(db) == after
    with open_store(db) as store:
        assert store.fingerprint() == fingerprint
