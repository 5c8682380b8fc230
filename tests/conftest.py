"""Shared fixtures. The spaCy model is loaded once per test session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from newsledger.document import Document
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
