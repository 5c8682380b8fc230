"""The ledger report's charts are legible: the timeline stacks points that are close in time
so that no label overprints another (and says when it had to leave one out), and the map draws
the countries' boundaries (the dashboard's vendored Natural Earth file) under the points,
labels that would overprint left out, a country-level event shading its country."""

from __future__ import annotations

import itertools
import re

from newsledger.analysis.charts import _LEVELS, _stack, country_shapes, map_svg, timeline_svg


def _texts(svg: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", t).strip() for t in re.findall(r"<text\b.*?</text>", svg, re.S)]


def test_stacked_labels_never_meet_in_their_row() -> None:
    days = [0, 1, 1, 2, 3, 3, 3, 10, 30, 31]
    widths = [4.0] * len(days)
    rows = _stack(days, widths)
    assert rows[0] == 0 and rows[-2] == 0  # a point far from the others takes the first row
    for row in set(rows) - {None}:
        placed = [d for d, r in zip(days, rows, strict=True) if r == row]
        assert all(b > a + 4.0 for a, b in itertools.pairwise(placed))
    assert rows.count(None) == len(days) - len([r for r in rows if r is not None])
    assert max(r for r in rows if r is not None) < _LEVELS


def test_a_crowded_timeline_leaves_labels_out_and_says_so() -> None:
    events = [("2024-03-01", f"E{i + 1}", 1, "Battles") for i in range(9)]  # one day
    svg = timeline_svg(events, [("2024-03-02", "C1", "corroborated")], title="t")
    texts = _texts(svg)
    drawn = [t for t in texts if re.fullmatch(r"E\d+", t)]
    assert len(drawn) == _LEVELS < 9 and len(set(drawn)) == len(drawn)
    assert any("4 crowded point(s) drawn without a label" in t for t in texts)
    assert "C1" in texts
    spread = timeline_svg([(f"2024-0{m}-01", f"E{m}", 1, "") for m in range(1, 6)], [])
    assert not any("without a label" in t for t in _texts(spread))


def test_the_map_draws_boundaries_and_no_overprinting_labels() -> None:
    af = country_shapes()["AF"]
    assert af[0] == "Afghanistan"
    xs = [x for ring in af[1] for x, _ in ring]
    ys = [y for ring in af[1] for _, y in ring]
    assert min(xs) < 69.2 < max(xs) and min(ys) < 34.5 < max(ys)  # Kabul is inside
    svg = map_svg(
        [(34.5553, 69.2075, "Kabul", 3), (34.5659, 69.2123, "Kabul international airport", 1),
         (34.4265, 70.4515, "Jalalabad", 2)],
        title="Where it acts",
    )  # fmt: skip
    texts = _texts(svg)
    assert "Kabul (3)" in texts and "Jalalabad (2)" in texts
    # the airport's label takes another spot instead of printing over Kabul's
    assert "Kabul international airport" in texts
    ys = {name: float(y) for y, name in re.findall(
        r'<text\b[^>]*? y="([\d.]+)"[^>]*>\s*(Kabul \(3\)|Kabul international airport)\s*<', svg)}  # fmt: skip
    assert abs(ys["Kabul (3)"] - ys["Kabul international airport"]) >= 8  # 8-point text
    crowded = map_svg([(34.5, 69.2, f"site {i}", 1) for i in range(6)])
    labels = [t for t in _texts(crowded) if t.startswith("site ")]
    assert len(labels) == 4 and any("2 place(s) unlabelled" in t for t in _texts(crowded))
    assert svg.count("<path") > 20  # country outlines, not a bare scatter


def test_a_country_level_event_shades_its_country_instead_of_a_point() -> None:
    svg = map_svg([], title="Where it acts", countries={"AF": 2})
    texts = _texts(svg)
    assert "no located events" not in texts
    assert "Afghanistan: 2 country-level" in texts
    assert "#f3d9a4" in svg  # the shaded fill
