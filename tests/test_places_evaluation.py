"""The geoparsing evaluation: matching rules and metrics on hand-made gold, then real data."""

from __future__ import annotations

from newsledger.evaluation import geo


def test_metrics_on_hand_made_gold():
    arts = [("a", "x" * 50, [(0, 5, 34.5, 69.2, "Kabul"), (10, 18, 31.6, 65.7, "Kandahar")])]
    preds = [
        [(0, 5, 34.6, 69.1, "Kabul"), (10, 14, 10.0, 10.0, "Kand"), (30, 35, None, None, "Zz")]
    ]
    m = geo.evaluate(arts, preds)
    assert m["overlap"]["recall"] == 1.0 and abs(m["overlap"]["precision"] - 2 / 3) < 1e-3
    assert m["exact"]["recall"] == 0.5
    assert m["acc161_found"] == 0.5 and m["acc161_e2e"] == 0.5
    assert geo.km(0, 0, 0, 1) > 110


def test_run_on_lgl_subset(shared):
    path = shared / "data" / "geoparsing" / "lgl.xml"
    m = geo.run(str(path), limit=5)
    assert m["articles"] == 5 and m["gold"] > 0
    assert 0.0 <= m["acc161_e2e"] <= 1.0 and m["overlap"]["recall"] > 0.3
    assert "places_s" in m["timing"]
    assert "accuracy@161km" in geo.format_report(m)
