"""The built gazetteer: loads fast, has computed area coordinates, knows the hard names."""

from __future__ import annotations

import time

from newsledger.places.gazetteer import Gazetteer, get_gazetteer, skeleton
from newsledger.places.normalize import key


def test_opens_in_under_a_second():
    get_gazetteer()  # builds it first if missing
    t0 = time.perf_counter()
    g = Gazetteer()
    g.lookup("Kabul")
    assert time.perf_counter() - t0 < 1.0


def test_area_coordinates_lie_inside_their_country():
    g = get_gazetteer()
    (helmand,) = [f for f in g.lookup("Helmand") if f.kind == "admin1"]
    assert helmand.cc == "AF" and 29 < helmand.lat < 33 and 61 < helmand.lon < 66  # type: ignore[operator]
    us = next(f for f in g.lookup("United States") if f.kind == "country")
    assert 30 < us.lat < 45 and -110 < us.lon < -85  # type: ignore[operator]


def test_admin2_districts_and_aliases():
    g = get_gazetteer()
    assert any(f.kind == "admin2" and f.cc == "AF" for f in g.lookup("Achin"))
    assert any(f.kind == "country" and f.cc == "US" for f in g.lookup("U.S."))
    assert any(f.kind == "admin1" and f.admin1 == "West Virginia" for f in g.lookup("W.Va."))
    assert g.is_demonym("Afghan") and g.is_demonym("Turkish") and not g.is_demonym("Kabul")


def test_fuzzy_is_tight():
    g = get_gazetteer()
    assert any(f.name.startswith("Nangarh") for f in g.fuzzy("Nangahar"))
    assert not g.fuzzy("Kabol International")  # too far from anything
    assert skeleton("hilmand") == skeleton("helmand")


def test_keys():
    assert key("Mazār-e Sharīf") == "mazar e sharif"
    assert key("U.S.") == "us"


def test_index_tables_and_coordinate_coverage():
    import sqlite3

    path = get_gazetteer().path
    con = sqlite3.connect(path)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"feature", "alias", "meta", "demonym", "fuzzy"} <= tables
    missing, total = con.execute(
        "SELECT sum(lat IS NULL), count(*) FROM feature WHERE kind = 'admin1'"
    ).fetchone()
    assert total > 3000 and missing / total < 0.1  # areas without a single member town
