"""The dashboard's filter controls in a real browser (Chromium through Playwright) against
`newsledger serve` over a store the real pipeline built from the project's example articles
(illustrations written for newsledger) and the hand-made records of test_query_filters: what
the filters show is what the API answers."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest

from conftest import EXAMPLES, live_server
from newsledger.jobs import ingest
from newsledger.settings import load_settings
from newsledger.store import open_store
from test_query_filters import kivu_document

playwright = pytest.importorskip("playwright.sync_api")


def _chromium() -> str | None:
    env = os.environ.get("NEWSLEDGER_BROWSER")
    return env or next(
        (p for n in ("chromium", "chromium-browser", "google-chrome") if (p := shutil.which(n))),
        None,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if _chromium() is None:
        pytest.skip("no Chromium on this machine (`make test` installs it with apt-get)")
    db = str(tmp_path_factory.mktemp("dashfilters") / "ledger.db")
    with open_store(db) as store:
        assert ingest([str(EXAMPLES)], load_settings(environ={}), store).failed == 0
        store.write(kivu_document())  # every certainty present, whatever the extractors say
    with live_server(db) as base:
        yield base


@pytest.fixture(scope="module")
def page(site: str) -> Iterator[Any]:
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        pg = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.goto(site + "/")
        pg.wait_for_selector("#certainty input[value=hypothetical]")
        pg.wait_for_selector("#events tbody tr")
        yield pg
        assert errors == [], errors
        browser.close()


def _count(site: str, **params: Any) -> int:
    got = httpx.get(f"{site}/api/events", params={"limit": 10000, **params}, timeout=10)
    return len(got.json())


def _shows(page: Any, n: int) -> None:
    page.wait_for_function(f"document.querySelectorAll('#events tbody tr').length == {n}")


def _reset(page: Any, site: str) -> None:
    page.click("button[type=reset]")
    _shows(page, _count(site))


def test_certainty_boxes_default_to_asserted_events(page: Any, site: str, tmp_path: Path) -> None:
    boxes = page.locator("#certainty input[name=certainty]")
    ticked = {boxes.nth(i).get_attribute("value"): boxes.nth(i).is_checked()
              for i in range(boxes.count())}  # fmt: skip
    assert ticked["hypothetical"] is False and ticked["reported"] is True
    _shows(page, _count(site))
    page.uncheck("#certainty input[value=reported]")
    page.uncheck("#certainty input[value=claimed]")
    page.uncheck("#certainty input[value=confirmed]")
    page.uncheck("#certainty input[value=denied]")
    page.check("#certainty input[value=hypothetical]")
    page.click("button[type=submit]")
    expected = _count(site, certainty="hypothetical")
    assert expected > 0
    _shows(page, expected)
    assert "certainty=hypothetical" in page.inner_text("#status")
    cells = page.locator("#events tbody tr td:nth-child(7)").all_inner_texts()
    assert cells and set(cells) == {"hypothetical"}
    page.screenshot(path=str(tmp_path / "dashboard-certainty.png"))
    _reset(page, site)
    assert page.is_checked("#certainty input[value=reported]")
    assert not page.is_checked("#certainty input[value=hypothetical]")


def test_min_confidence_and_names_filter_as_the_api_does(page: Any, site: str) -> None:
    page.fill("input[name=min_confidence]", "0.8")
    page.click("button[type=submit]")
    expected = _count(site, min_confidence=0.8)
    assert 0 < expected < _count(site)
    _shows(page, expected)
    _reset(page, site)
    page.fill("input[name=actor]", "ISIS-K")
    page.click("button[type=submit]")
    expected = _count(site, actor="ISKP")
    assert expected > 0
    _shows(page, expected)
    _reset(page, site)


def test_a_misspelt_name_shows_the_suggestion(page: Any, site: str) -> None:
    page.fill("input[name=actor]", "Talibn")
    page.click("button[type=submit]")
    page.wait_for_function("document.getElementById('status').textContent.includes('error')")
    assert "did you mean: Taliban?" in page.inner_text("#status")
    _reset(page, site)
