"""The dashboard in a real browser (Chromium, driven by Playwright) against `newsledger serve`
over a store the real pipeline built: what it shows must be what the API holds."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import httpx2 as httpx
import pytest

from conftest import EXAMPLES, live_server
from newsledger.jobs import ingest
from newsledger.settings import load_settings
from newsledger.store import open_store

playwright = pytest.importorskip("playwright.sync_api")

# Written for this test: article text that looks like markup must stay text in the page.
MARKUP_ARTICLE = (
    "[Illustration written for newsledger's tests: not a real news report.]\n\n"
    "Gunmen killed three people in Jalalabad on Monday, <b>police</b> said "
    '<img src=x onerror="window.__xss=1">.\n'
)


def _chromium() -> str | None:
    env = os.environ.get("NEWSLEDGER_BROWSER")
    return env or next(
        (p for n in ("chromium", "chromium-browser", "google-chrome") if (p := shutil.which(n))),
        None,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("dash")
    (folder / "markup.txt").write_text(MARKUP_ARTICLE, "utf-8")
    db = str(folder / "ledger.db")
    with open_store(db) as store:
        summary = ingest(
            [str(EXAMPLES), str(folder / "markup.txt")], load_settings(environ={}), store
        )
    assert summary.failed == 0
    with live_server(db) as base:
        yield base


@pytest.fixture(scope="module")
def page(site: str) -> Iterator[Any]:
    exe = _chromium()
    if exe is None:
        pytest.skip("no Chromium on this machine (`make test` installs it with apt-get)")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=["--no-sandbox"])
        pg = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.goto(site + "/")
        pg.wait_for_selector("#events tbody tr")
        pg.wait_for_function("document.getElementById('store-summary').textContent !== ''")
        yield pg
        assert errors == [], errors
        browser.close()


def _api(site: str, path: str, **params: Any) -> Any:
    return httpx.get(f"{site}/api/{path}", params={"limit": 10000, **params}, timeout=10).json()


def _rows(page: Any) -> int:
    return int(page.locator("#events tbody tr").count())


def test_the_page_shows_what_the_store_holds(page: Any, site: str) -> None:
    events = _api(site, "events")
    assert _rows(page) == len(events) > 10
    assert f"{len(events)} events" in page.inner_text("#store-summary")
    dated = sum(1 for e in events if e["date"] and len(e["date"]) >= 7)
    bars = page.locator("#timeline rect.bar")
    assert sum(int(bars.nth(i).get_attribute("data-count")) for i in range(bars.count())) == dated
    located = {e["place"] for e in events if e["lat"] is not None}
    assert page.locator("#map circle.dot").count() == len(located)
    assert page.locator("#map path.outline").count() > 0  # country outlines behind the points


def test_filters_and_the_timeline_narrow_the_events(page: Any, site: str) -> None:
    page.fill("input[name=actor]", "Taliban")
    page.click("button[type=submit]")
    expected = _api(site, "events", actor="Taliban")
    page.wait_for_function(
        f"document.querySelectorAll('#events tbody tr').length == {len(expected)}"
    )
    assert 0 < len(expected) < len(_api(site, "events"))
    assert "actor=Taliban" in page.inner_text("#status")
    bar = page.locator("#timeline rect.bar").first
    month, count = bar.get_attribute("data-month"), int(bar.get_attribute("data-count"))
    bar.click()
    page.wait_for_function(f"document.querySelectorAll('#events tbody tr').length == {count}")
    assert page.input_value("input[name=since]") == month == page.input_value("input[name=until]")
    dates = page.locator("#events tbody tr td:first-child").all_inner_texts()
    assert dates and all(d.startswith(month) for d in dates)
    page.click("button[type=reset]")
    page.wait_for_function(
        f"document.querySelectorAll('#events tbody tr').length == {len(_api(site, 'events'))}"
    )


def test_evidence_view_marks_the_sentence_and_keeps_markup_as_text(page: Any, site: str) -> None:
    events = _api(site, "events", place="Jalalabad")
    target = next(e for e in events if "<b>police</b>" in e["sentence"])
    page.fill("input[name=place]", "Jalalabad")
    page.click("button[type=submit]")
    page.wait_for_function(f"document.querySelectorAll('#events tbody tr').length == {len(events)}")
    page.locator(f"#events tbody tr[data-event='{target['event_id']}']").first.click()
    page.wait_for_selector("#evidence:not([hidden]) mark")
    assert page.inner_text("#evidence mark") == target["sentence"]
    assert page.locator("#evidence-text img").count() == 0  # the <img> is text, never an element
    assert page.evaluate("window.__xss") is None
    assert page.url == site + "/"  # still the dashboard: nothing navigated away
