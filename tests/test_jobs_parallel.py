"""Extraction over several processes stores exactly what one process stores."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLES
from newsledger.jobs import ingest
from newsledger.settings import load_settings
from newsledger.store import open_store


def test_jobs_two_workers_store_the_same_records_as_one(tmp_path: Path) -> None:
    settings = load_settings(environ={}, overrides={"pipeline": {"batch_size": 2}})
    rows = []
    for workers in (1, 2):
        with open_store(str(tmp_path / f"w{workers}.db")) as store:
            summary = ingest([str(EXAMPLES)], settings, store, workers=workers)
            assert summary.failed == 0 and summary.new > 0
            rows.append(
                (
                    summary.new,
                    [(r["doc_id"], r["event_id"], r["subtype"]) for r in store.events()],
                    [(r["doc_id"], r["claim_id"]) for r in store.claims()],
                )
            )
    assert rows[0] == rows[1]
