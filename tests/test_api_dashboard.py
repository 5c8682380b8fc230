"""The dashboard in a real browser (Chromium, driven by Playwright) against `newsledger serve`
over a store the real pipeline built from the example articles, plus hand-written records of
every place precision (test_dashboard_api.sahel_document): what it shows must be what the API
holds. Screenshots go to the test's tmp dir (pytest's basetemp)."""

from __future__ import annotations

import csv
import io
import itertools
import json
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
from test_dashboard_api import OUTLET, sahel_document

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
    if _chromium() is None:
        pytest.skip("no Chromium on this machine (`make test` installs it with apt-get)")
    folder = tmp_path_factory.mktemp("dash")
    (folder / "markup.txt").write_text(MARKUP_ARTICLE, "utf-8")
    db = str(folder / "ledger.db")
    with open_store(db) as store:
        summary = ingest(
            [str(EXAMPLES), str(folder / "markup.txt")], load_settings(environ={}), store
        )
        assert store.write(sahel_document()) == "new"
    assert summary.failed == 0
    with live_server(db) as base:
        yield base


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def page(site: str) -> Iterator[Any]:
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        pg = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        pg.set_default_timeout(10_000)
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


def _shows(page: Any, n: int) -> None:
    page.wait_for_function(f"document.querySelectorAll('#events tbody tr').length == {n}")


def _reset(page: Any, site: str) -> None:
    page.click("button[type=reset]")
    _shows(page, len(_api(site, "events")))
    page.wait_for_function("document.getElementById('status').textContent.includes('events')")


def _on_map(page: Any) -> int:
    """Events the map shows as points: the visible points' counts and the clusters' sums."""
    return int(
        page.evaluate(
            """() => [...document.querySelectorAll('#map .pt')].reduce((s, e) => s + +e.dataset.count, 0)
               + [...document.querySelectorAll('#map .cluster span')].reduce((s, e) => s + +e.textContent, 0)"""
        )
    )


def test_the_page_shows_what_the_store_holds(page: Any, site: str, shots: Path) -> None:
    events = _api(site, "events")
    assert _rows(page) == len(events) > 10
    assert f"{len(events)} events" in page.inner_text("#store-summary")
    # the timeline: each bar counts the events its period holds, and they add up
    bars = page.locator("#timeline rect.bar")
    unit = page.get_attribute("#timeline", "data-unit")
    assert unit in ("month", "quarter", "year") and bars.count() >= 2
    precise = {"month": 7, "quarter": 7, "year": 4}[unit]
    total = 0
    for i in range(bars.count()):
        since, until = (
            bars.nth(i).get_attribute("data-since"),
            bars.nth(i).get_attribute("data-until"),
        )
        inside = [e for e in events if e["date"] and len(e["date"]) >= precise
                  and since <= e["date"][: len(since)] and e["date"][: len(until)] <= until]  # fmt: skip
        assert int(bars.nth(i).get_attribute("data-count")) == len(inside) > 0
        assert int(bars.nth(i).get_attribute("data-fatalities")) == sum(
            e["fatalities"] or 0 for e in inside
        )
        total += len(inside)
    assert total == sum(1 for e in events if e["date"] and len(e["date"]) >= precise)
    # ticks never overprint: at most 8, and their boxes do not meet
    ticks = page.evaluate(
        "[...document.querySelectorAll('#timeline text.tick')].map(t => t.getBBox())"
        ".map(b => [b.x, b.x + b.width])"
    )
    assert 2 <= len(ticks) <= 8
    assert all(a[1] < b[0] for a, b in itertools.pairwise(ticks))
    # the map: every event with a town, district or province is a point or in a cluster
    pointed = [e for e in events if e["lat"] is not None and e["place_kind"] != "country"]
    assert _on_map(page) == len(pointed)
    assert page.locator("#map path.leaflet-interactive").count() > 200  # the world's countries
    page.screenshot(path=str(shots / "dashboard.png"), full_page=True)


def test_points_are_drawn_by_the_precision_of_their_place(page: Any, site: str) -> None:
    page.select_option("select[name=outlet]", OUTLET)
    page.click("button[type=submit]")
    _shows(page, 4)
    for _ in range(4):  # zoom in through the clusters, as a user does
        page.wait_for_timeout(400)
        if not page.locator("#map .cluster").count():
            break
        page.locator("#map .cluster").first.click()
    page.wait_for_selector("#map .pt.district")
    kinds = page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('#map .pt')]"
        ".map(e => [e.dataset.place, e.dataset.precision]))"
    )
    assert kinds == {"Gao": "town", "Ansongo": "district", "Menaka": "province"}
    sizes = page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('#map .pt')]"
        ".map(e => [e.dataset.precision, e.getBoundingClientRect().width]))"
    )
    assert sizes["town"] < sizes["district"] < sizes["province"]
    # the country-level event is no point at Mali's centre: Mali is shaded instead
    assert page.locator("#map path[data-iso=ML][data-country-events='1']").count() == 1
    assert "Mali" not in kinds
    _reset(page, site)


def test_map_zooms_clusters_and_a_click_lists_the_points_events(page: Any, site: str) -> None:
    zoom = page.evaluate("NLMap.map.getZoom()")
    while page.evaluate("NLMap.map.getZoom()") > 2:
        page.click(".leaflet-control-zoom-out")
        page.wait_for_timeout(350)
    assert page.evaluate("NLMap.map.getZoom()") < zoom
    clusters = page.locator("#map .cluster")
    assert clusters.count() >= 1
    assert _on_map(page) == len([e for e in _api(site, "events") if e["lat"] is not None
                                 and e["place_kind"] != "country"])  # fmt: skip
    members = page.evaluate(  # the markers the first cluster stands for
        """() => { const el = document.querySelector('#map .cluster');
                   window.__members = NLMap.cluster.getLayers().filter(
                     m => { const p = NLMap.cluster.getVisibleParent(m); return p && p._icon === el; });
                   return window.__members.length; }"""
    )
    assert members >= 2
    clusters.first.click()  # a cluster zooms to its points
    page.wait_for_timeout(900)
    assert page.evaluate("NLMap.map.getZoom()") > 2
    shown_as = page.evaluate(  # what stands for them now: more than the one cluster
        "new Set(window.__members.map(m => NLMap.cluster.getVisibleParent(m))).size"
    )
    assert shown_as > 1
    # visible labels never overprint
    boxes = page.evaluate(
        "[...document.querySelectorAll('.place-label')].filter(l => l.style.visibility !== 'hidden')"
        ".map(l => l.getBoundingClientRect()).map(r => [r.left, r.top, r.right, r.bottom])"
    )
    assert boxes
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    point = page.locator("#map .pt").first
    name, count = point.get_attribute("data-place"), int(point.get_attribute("data-count"))
    point.click()
    _shows(page, count)
    assert page.is_visible("#pick") and name in page.inner_text("#pick-text")
    places = set(page.locator("#events tbody tr td:nth-child(5)").all_inner_texts())
    assert places == {name}
    page.click("#pick-clear")
    _shows(page, len(_api(site, "events")))


def test_filters_narrow_the_events_as_the_api_does(page: Any, site: str) -> None:
    page.fill("input[name=actor]", "Taliban")
    page.click("button[type=submit]")
    expected = _api(site, "events", actor="Taliban")
    _shows(page, len(expected))
    assert 0 < len(expected) < len(_api(site, "events"))
    assert "actor=Taliban" in page.inner_text("#status")
    bar = page.locator("#timeline rect.bar").first
    since, count = bar.get_attribute("data-since"), int(bar.get_attribute("data-count"))
    bar.click()
    _shows(page, count)
    assert page.input_value("input[name=since]") == since
    _reset(page, site)
    page.select_option("select[name=family]", "Battles")
    page.click("button[type=submit]")
    battles = _api(site, "events", type="Battles")
    _shows(page, len(battles))
    assert battles and {e["type"] for e in battles} == {"Battles"}
    _reset(page, site)
    outlet = next(e["outlet"] for e in _api(site, "events") if e["outlet"])
    page.select_option("select[name=outlet]", outlet)
    page.click("button[type=submit]")
    _shows(page, len(_api(site, "events", outlet=outlet)))
    assert set(page.locator("#events tbody tr td:nth-child(8)").all_inner_texts()) == {outlet}
    _reset(page, site)


def test_claims_search(page: Any, site: str) -> None:
    total = len(_api(site, "claims"))
    page.wait_for_function(f"document.querySelectorAll('#claims tbody tr').length == {total}")
    page.fill("#claim-search input[name=q]", "security forces")
    page.click("#claim-search button")
    found = _api(site, "claims", q="security forces")
    assert 0 < len(found) < total
    page.wait_for_function(f"document.querySelectorAll('#claims tbody tr').length == {len(found)}")
    page.fill("#claim-search input[name=q]", "zebra xylophone")
    page.click("#claim-search button")
    page.wait_for_selector("#claims-empty:not([hidden])")
    page.fill("#claim-search input[name=q]", "")
    page.click("#claim-search button")
    page.wait_for_function(f"document.querySelectorAll('#claims tbody tr').length == {total}")


def test_downloads_are_the_current_selection(page: Any, site: str, shots: Path) -> None:
    page.fill("input[name=place]", "Jalalabad")
    page.click("button[type=submit]")
    expected = _api(site, "events", place="Jalalabad")
    _shows(page, len(expected))
    with page.expect_download() as got:
        page.click("#download-csv")
    rows = list(csv.DictReader(io.StringIO(Path(got.value.path()).read_text("utf-8"))))
    assert {r["event_id_cnty"] for r in rows} == {
        f"{e['doc_id']}:{e['event_id']}" for e in expected
    }
    with page.expect_download() as got:
        page.click("#download-geojson")
    fc = json.loads(Path(got.value.path()).read_text("utf-8"))
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == len(expected)
    got.value.save_as(shots / "selection.geojson")
    _reset(page, site)


def test_evidence_panel_beside_the_controls_and_closed_by_escape(
    page: Any, site: str, shots: Path
) -> None:
    events = _api(site, "events", place="Jalalabad")
    target = next(e for e in events if "<b>police</b>" in e["sentence"])
    page.fill("input[name=place]", "Jalalabad")
    page.click("button[type=submit]")
    _shows(page, len(events))
    page.locator(f"#events tbody tr[data-event='{target['event_id']}']").first.click()
    page.wait_for_selector("#evidence:not([hidden]) mark")
    assert page.inner_text("#evidence mark") == target["sentence"]
    assert page.locator("#evidence-text img").count() == 0  # the <img> is text, never an element
    assert page.evaluate("window.__xss") is None
    # opened at its top: the record's header is in view, and so is the marked sentence
    assert page.evaluate("document.getElementById('evidence').scrollTop") == 0
    title = page.locator("#evidence-title").bounding_box()
    assert title and 0 <= title["y"] < 200
    assert page.evaluate(
        "(() => { const m = document.querySelector('#evidence mark').getBoundingClientRect();"
        " const t = document.getElementById('evidence-text').getBoundingClientRect();"
        " return m.top >= t.top && m.top < t.bottom; })()"
    )
    # beside, not over: every control is still the element under its own centre
    for sel in (
        "#filters button[type=submit]",
        "#filters button[type=reset]",
        "#download-csv",
        "input[name=actor]",
    ):
        box = page.locator(sel).bounding_box()
        hit = page.evaluate(
            f"document.elementFromPoint({box['x'] + box['width'] / 2}, {box['y'] + box['height'] / 2})"
            f" === document.querySelector('{sel}')"
        )
        assert hit, sel
    page.screenshot(path=str(shots / "evidence.png"))
    page.keyboard.press("Escape")
    page.wait_for_selector("#evidence", state="hidden")
    assert page.url == site + "/"  # still the dashboard: nothing navigated away
    _reset(page, site)


def test_empty_and_error_states_are_said_plainly(page: Any, site: str, shots: Path) -> None:
    page.fill("input[name=since]", "2099")
    page.click("button[type=submit]")
    _shows(page, 0)
    assert page.is_visible("#events-empty") and page.is_visible("#map-empty")
    assert "No dated events" in page.text_content("#timeline")
    page.screenshot(path=str(shots / "empty.png"))
    _reset(page, site)
    page.fill("input[name=actor]", "Talibn")
    page.click("button[type=submit]")
    page.wait_for_selector("#status.error")
    assert "did you mean: Taliban?" in page.inner_text("#status")
    _shows(page, 0)
    _reset(page, site)
    page.route("**/api/events?*", lambda route: route.fulfill(
        status=503, content_type="application/json",
        body=json.dumps({"detail": "store unavailable: disk I/O error"})))  # fmt: skip
    page.click("button[type=submit]")
    page.wait_for_selector("#status.error")
    assert "store unavailable" in page.inner_text("#status")
    page.screenshot(path=str(shots / "error.png"))
    page.unroute("**/api/events?*")
    _reset(page, site)
    assert not page.locator("#status.error").count()


# a spot inside an admin-1 path where that path is what the pointer meets (no point or label)
_SPOT_IN = """(sel) => {
  for (const el of document.querySelectorAll(sel)) {
    const r = el.getBoundingClientRect();
    for (let i = 1; i < 8; i++) for (let j = 1; j < 8; j++) {
      const x = r.left + r.width * i / 8, y = r.top + r.height * j / 8;
      if (document.elementFromPoint(x, y) === el) return {x, y, name: el.dataset.admin1};
    }
  }
  return null;
}"""


def _provinces(page: Any, iso3: str) -> set[str]:
    return set(
        page.evaluate(
            f"[...document.querySelectorAll('#map path[data-country={iso3}]')]"
            ".map(p => p.dataset.admin1)"
        )
    )


def test_zoomed_into_a_country_the_map_draws_its_provinces(
    page: Any, site: str, shots: Path
) -> None:
    events = _api(site, "events")
    assert {"AF", "ML"} <= {e["country"] for e in events}  # more than one country: no focus
    while page.evaluate("NLMap.map.getZoom()") > 2:  # the world: country boundaries only
        page.click(".leaflet-control-zoom-out")
        page.wait_for_timeout(350)
    page.wait_for_timeout(300)
    assert page.locator("#map path[data-admin1]").count() == 0
    # zoom with the wheel over Afghanistan, as a user does, past country level
    for _ in range(12):
        if page.evaluate("NLMap.map.getZoom()") >= 6:
            break
        box = page.locator("#map").bounding_box()
        assert box
        pt = page.evaluate("(() => { const p = NLMap.map.latLngToContainerPoint([33.9, 66.0]);"
                           " return [p.x, p.y]; })()")  # fmt: skip
        page.mouse.move(box["x"] + pt[0], box["y"] + pt[1])
        page.mouse.wheel(0, -240)
        page.wait_for_timeout(500)
    assert page.evaluate("NLMap.map.getZoom()") >= 5
    page.wait_for_function("document.querySelectorAll('#map path[data-country=AFG]').length > 30")
    names = _provinces(page, "AFG")
    assert {"Kabul", "Nangarhar", "Kandahar", "Hilmand", "Ghor"} <= names
    assert page.locator("#map path[data-admin1]").count() > 30  # the neighbours' too, in view
    # a province's name on hover
    page.mouse.move(0, 0)
    page.wait_for_selector(".leaflet-tooltip.admin1-label", state="detached")
    spot = page.evaluate(_SPOT_IN, "#map path[data-country=AFG]")
    assert spot
    page.mouse.move(spot["x"], spot["y"])
    page.wait_for_selector(".leaflet-tooltip.admin1-label")
    assert page.inner_text(".leaflet-tooltip.admin1-label").startswith(
        f"{spot['name']}, Afghanistan"
    )
    # the points stay on top of the provinces and keep their sizes by precision
    page.mouse.move(0, 0)
    under = page.evaluate(
        """(() => { const m = document.getElementById('map').getBoundingClientRect();
          return [...document.querySelectorAll('#map .pt')].map(e => e.getBoundingClientRect())
            .map(r => [r.left + r.width / 2, r.top + r.height / 2])
            .filter(([x, y]) => x > m.left && x < m.right && y > m.top && y < m.bottom)
            .map(([x, y]) => document.elementFromPoint(x, y))
            .map(el => el.closest('.pt, .leaflet-tooltip') ? 'point' : el.tagName); })()"""
    )
    assert under and set(under) == {"point"}, under  # never a province's path
    page.screenshot(path=str(shots / "admin1.png"))
    # zoomed out again, the provinces go
    while page.evaluate("NLMap.map.getZoom()") > 3:
        page.click(".leaflet-control-zoom-out")
        page.wait_for_timeout(350)
    page.wait_for_function("document.querySelectorAll('#map path[data-admin1]').length === 0")
    _reset(page, site)


def test_a_selection_in_one_country_draws_its_provinces_and_they_pass_its_click_on(
    page: Any, site: str
) -> None:
    page.select_option("select[name=outlet]", OUTLET)  # every event in Mali
    page.click("button[type=submit]")
    _shows(page, 4)
    page.wait_for_function("document.querySelectorAll('#map path[data-country=MLI]').length > 5")
    assert {"Gao", "Kidal", "Timbuktu", "Bamako"} <= _provinces(page, "MLI")
    # a click on a province of Mali away from the points lists Mali's country-level event
    spot = page.evaluate(_SPOT_IN, "#map path[data-country=MLI][data-admin1=Kidal]")
    assert spot
    page.mouse.click(spot["x"], spot["y"])
    _shows(page, 1)
    assert "Mali (country-level)" in page.inner_text("#pick-text")
    page.click("#pick-clear")
    _reset(page, site)
