"""Points of first-level areas from a Voronoi partition of their country (places/areas.py)."""

from __future__ import annotations

import numpy as np

from newsledger.places.areas import MIN_CELLS, area_points, outline

SQUARE = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]],
            },
        }
    ],
}


def test_an_area_whose_towns_sit_in_its_south_is_placed_at_the_middle_of_its_land():
    # area B's towns lie at latitude 4, but every cell north of 2.5 is nearer to them than to
    # area A's towns at latitude 1: B's land reaches the north edge, and so does its point
    towns = [(1.0, 2.0, "A"), (1.0, 8.0, "A"), (4.0, 2.0, "B"), (4.0, 8.0, "B")]
    pts = area_points(outline(SQUARE), towns)
    assert set(pts) == {"A", "B"}
    assert pts["A"][0] < 2.0
    assert 5.5 < pts["B"][0] < 7.0  # (2.5 + 10) / 2, a little south for the cells' area
    assert all(4.0 < lon < 6.0 for _, lon in pts.values())


def test_small_areas_and_bad_outlines_are_left_to_the_town_points():
    # TINY's town is ringed by BIG's towns a tenth of a degree away: it keeps a cell or two
    ring = [(5.0, 5.1), (5.0, 4.9), (5.1, 5.0), (4.9, 5.0), (2.0, 2.0), (8.0, 8.0)]
    towns = [(lat, lon, "BIG") for lat, lon in ring] + [(5.0, 5.0, "TINY")]
    pts = area_points(outline(SQUARE), towns)
    assert "BIG" in pts and "TINY" not in pts  # TINY has fewer than MIN_CELLS cells
    assert MIN_CELLS > 1
    assert area_points(outline(None), towns) == {}
    assert area_points(outline({"features": [{"geometry": {"type": "Point"}}]}), towns) == {}
    assert area_points([np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 0.0]])], []) == {}
