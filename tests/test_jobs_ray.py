"""Extraction on a real (local) Ray: the same records as one process, and a worker that dies
loses only the document that killed it."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import EXAMPLES
from newsledger.jobs import ingest
from newsledger.settings import load_settings
from newsledger.store import open_store

ray = pytest.importorskip("ray")

CRASH_STAGE = '''
"""A stage written for newsledger's tests: it kills its worker process on a marked text."""
import os

from newsledger.pipeline import Stage


class CrashOnMarker(Stage):
    name = "crash_on_marker"
    requires = frozenset({"doc.text"})

    def __call__(self, doc):
        if "KILL-THIS-WORKER" in doc.text:
            os._exit(3)  # no exception to catch: the process is gone
        return doc
'''


@pytest.fixture(scope="module")
def local_ray(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """One local Ray for the module; its workers can import the test's own stage module."""
    plugins = tmp_path_factory.mktemp("plugins")
    (plugins / "newsledger_test_crash.py").write_text(textwrap.dedent(CRASH_STAGE), "utf-8")
    mp = pytest.MonkeyPatch()
    mp.syspath_prepend(str(plugins))
    mp.setenv("PYTHONPATH", str(plugins))  # Ray's workers inherit the environment
    mp.delenv("RAY_ADDRESS", raising=False)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    yield
    ray.shutdown()
    mp.undo()


def _records(db: str) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    with open_store(db) as store:
        return (
            sorted((r["doc_id"], r["event_id"], r["subtype"] or "") for r in store.events()),
            sorted((r["doc_id"], r["claim_id"]) for r in store.claims()),
        )


def test_ray_engine_stores_the_same_records_as_one_process(local_ray, tmp_path: Path) -> None:
    settings = load_settings(environ={}, overrides={"pipeline": {"batch_size": 3}})
    summaries = {}
    for engine, workers in (("local", 1), ("ray", 2)):
        with open_store(str(tmp_path / f"{engine}.db")) as store:
            summaries[engine] = ingest(
                [str(EXAMPLES)], settings, store, engine=engine, workers=workers
            )
    assert summaries["ray"].failed == 0 and summaries["ray"].new == summaries["local"].new > 3
    events, claims = _records(str(tmp_path / "ray.db"))
    assert events and claims
    assert (events, claims) == _records(str(tmp_path / "local.db"))
    # re-ingesting through Ray is idempotent like any other ingest
    with open_store(str(tmp_path / "ray.db")) as store:
        again = ingest([str(EXAMPLES)], settings, store, engine="ray", workers=2)
    assert again.unchanged == summaries["ray"].new and again.new == again.replaced == 0


def test_a_dying_worker_loses_only_the_document_that_killed_it(local_ray, tmp_path: Path) -> None:
    texts = {
        f"report-{i}.txt": f"[Illustration written for newsledger's tests.] Report {i}: the "
        f"council met in the town hall on Monday and approved the budget {i}."
        for i in range(6)
    }
    texts["report-3.txt"] += " KILL-THIS-WORKER"
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, "utf-8")
    settings = load_settings(
        environ={},
        overrides={
            "pipeline": {
                "batch_size": 3,  # the fatal document shares its batch with two good ones
                "stages": ["nlp", "time", "newsledger_test_crash:CrashOnMarker"],
            }
        },
    )
    with open_store(str(tmp_path / "crash.db")) as store:
        summary = ingest([str(folder)], settings, store, engine="ray", workers=2)
        stored = {d.source or "" for d in store.iter_documents()}
    assert summary.new == 5 and summary.failed == 1
    (failure,) = summary.failures
    assert failure.source.endswith("report-3.txt") and "worker failed" in failure.reason
    assert {Path(s).name for s in stored} == set(texts) - {"report-3.txt"}
