"""Shared fixtures. The spaCy model is loaded once per test session."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from newsledger.document import Claim, Document, Place
from newsledger.ingest import document_from_text
from newsledger.stages import build_pipeline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def parse() -> Callable[..., Document]:
    """parse(text, stages=[...]) -> Document run through ingest and the named stages (nlp first)."""
    cache: dict[tuple[str, ...], object] = {}

    def run(text: str, stages: list[str] | None = None, **meta: str | None) -> Document:
        names = tuple(stages or ["nlp"])
        if names not in cache:
            cache[names] = build_pipeline(list(names))
        doc = document_from_text(text, **meta)
        return cache[names](doc)  # type: ignore[operator]

    return run


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared (development data) is not beside this checkout")
    return SHARED


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_server(db: str) -> Iterator[str]:
    """`newsledger serve` on a free local port, as a user runs it; yields its base URL."""
    import httpx2

    port = free_port()
    exe = Path(sys.executable).parent / "newsledger"
    proc = subprocess.Popen(
        [str(exe), "serve", "--db", db, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx2.get(base + "/api/health", timeout=2).raise_for_status()
                break
            except httpx2.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    err = proc.stderr.read().decode() if proc.stderr else ""
                    raise RuntimeError(f"newsledger serve did not start: {err}") from None
                time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def place_by_mention(doc: Document, text: str) -> Place | None:
    """The place one of whose mentions reads exactly ``text``."""
    return next((p for p in doc.places if any(m.text == text for m in p.mentions)), None)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[object]:
    """A throwaway PostgreSQL cluster for the session (tests/pgcluster.py); skips, saying why,
    where none can be started."""
    from pgcluster import cluster

    try:
        with cluster() as c:
            yield c
    except RuntimeError as exc:
        pytest.skip(f"no PostgreSQL server for the store's PostgreSQL tests: {exc}")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new empty store on each back-end: a SQLite file, a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return str(request.getfixturevalue("pg_cluster").url())


def claim_with(doc: Document, fragment: str) -> Claim:
    """The first claim of ``doc`` whose content holds ``fragment``; fails listing the claims."""
    found = [c for c in doc.claims if fragment in c.content]
    assert found, f"no claim contains {fragment!r}: {[(c.kind, c.content) for c in doc.claims]}"
    return found[0]


#: The stages that run before the events stage.
BEFORE_EVENTS = ["nlp", "time", "actors", "places", "generic_actors", "quantities", "claims"]


def events_of(
    parse: Callable[..., Document], text: str, published: str = "2024-03-05", **stage: Any
) -> Document:
    """``text`` through the stages before events and an ``EventStage(relevance=False, **stage)``
    (the PLOVER tests: the relevance gate is tested apart)."""
    from newsledger.events import EventStage

    doc = parse(text, BEFORE_EVENTS, published=published)
    return EventStage(relevance=False, **stage)(doc)
