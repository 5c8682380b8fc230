"""Representative points of first-level areas from their towns and their country's outline.

GeoNames places a province at the centre of its area, not of its towns: Ontario's point lies
in the empty north, 420 km from the middle of its towns. Without the provinces' own outlines
(no installed package ships them), the area is estimated by a Voronoi partition of the
country: a regular grid over the country's outline (countryinfo's polygons), each cell given
to the area of its nearest town (GeoNames' populated places of 500+); an area's point is the
area-weighted centroid of its cells. Used at gazetteer build time only.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

import numpy as np
from scipy.spatial import cKDTree

#: grid cells per country (the step follows the size of the country's outline)
CELLS = 20_000
#: an area needs at least this many cells for its point to be read off the grid: smaller
#: areas keep the point computed from their towns
MIN_CELLS = 20


def outline(geojson: Any) -> list[np.ndarray]:
    """The outer rings (lon, lat) of a GeoJSON FeatureCollection's (multi)polygons."""
    rings: list[np.ndarray] = []
    try:
        for f in geojson["features"]:
            g = f["geometry"]
            polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
            for poly in polys:
                ring = np.asarray([p[:2] for p in poly[0]], dtype=float)
                if len(ring) >= 3:
                    rings.append(ring)
    except (KeyError, TypeError, ValueError, IndexError):
        return []
    return rings


def _inside(lon: np.ndarray, lat: np.ndarray, ring: np.ndarray) -> np.ndarray:
    """Even-odd ray casting: which points lie inside the ring."""
    x, y = ring[:, 0], ring[:, 1]
    x2, y2 = np.roll(x, -1), np.roll(y, -1)
    res = np.zeros(lon.shape, bool)
    for i in range(len(x)):
        if y[i] == y2[i]:
            continue
        crosses = (y[i] > lat) != (y2[i] > lat)
        xi = (x2[i] - x[i]) * (lat - y[i]) / (y2[i] - y[i]) + x[i]
        res ^= crosses & (lon < xi)
    return res


def _unit(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    la, lo = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)], -1)


def area_points(
    rings: list[np.ndarray], towns: list[tuple[float, float, str]]
) -> dict[str, tuple[float, float]]:
    """Area code -> (lat, lon) for the areas of ``towns`` (lat, lon, area code) inside the
    country drawn by ``rings``; areas with fewer than MIN_CELLS cells are left out."""
    if not rings or not towns:
        return {}
    boxes = [(r[:, 0].min(), r[:, 1].min(), r[:, 0].max(), r[:, 1].max()) for r in rings]
    total = sum((x1 - x0) * (y1 - y0) for x0, y0, x1, y1 in boxes)
    step = min(0.5, max(0.02, math.sqrt(total / CELLS))) if total > 0 else 0.5
    lats: list[np.ndarray] = []
    lons: list[np.ndarray] = []
    for ring, (x0, y0, x1, y1) in zip(rings, boxes, strict=True):
        gx = np.arange(math.floor(x0 / step) * step + step / 2, x1, step)
        gy = np.arange(math.floor(y0 / step) * step + step / 2, y1, step)
        if not len(gx) or not len(gy):
            continue
        lo, la = (a.ravel() for a in np.meshgrid(gx, gy))
        keep = _inside(lo, la, ring)
        lons.append(lo[keep])
        lats.append(la[keep])
    if not lats:
        return {}
    lat, lon = np.concatenate(lats), np.concatenate(lons)
    if not len(lat):
        return {}
    tree = cKDTree(_unit(np.array([t[0] for t in towns]), np.array([t[1] for t in towns])))
    _, nearest = tree.query(_unit(lat, lon))
    vec = _unit(lat, lon) * np.cos(np.radians(lat))[:, None]  # cells shrink towards the poles
    sums: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(3))
    counts: dict[str, int] = defaultdict(int)
    for k, ti in enumerate(nearest):
        code = towns[int(ti)][2]
        sums[code] += vec[k]
        counts[code] += 1
    out: dict[str, tuple[float, float]] = {}
    for code, s in sums.items():
        norm = float(np.linalg.norm(s))
        if counts[code] < MIN_CELLS or norm == 0:
            continue
        x, y, z = s / norm
        out[code] = (round(math.degrees(math.asin(z)), 5), round(math.degrees(math.atan2(y, x)), 5))
    return out
