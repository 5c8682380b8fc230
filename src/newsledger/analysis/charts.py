"""Static charts drawn offline with matplotlib (Agg backend): a timeline and a map for the HTML
ledger report, and the trends chart. No tile servers, no network: the map draws Natural Earth's
country boundaries from the file the dashboard vendors (world-atlas, api/static/vendor/), and
neither chart lets one label overprint another.

Every label is drawn as the characters it is: mathtext and TeX are off inside each chart
(:func:`_plain_text`), so a claim holding ``$x_$`` neither breaks the page nor turns into
mathematics; the caller's matplotlib settings are left as they were.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import re
from collections.abc import Callable, Sequence
from functools import cache, wraps
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from .trends import TrendTable


def _plt() -> Any:
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


P = ParamSpec("P")
R = TypeVar("R")


def _plain_text(draw: Callable[P, R]) -> Callable[P, R]:
    """Run ``draw`` with mathtext and TeX off (``$`` is a dollar sign) and SVG text kept as
    text (selectable, searchable, drawn in the reader's font), settings restored after."""

    @wraps(draw)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        plain = {"text.parse_math": False, "text.usetex": False, "svg.fonttype": "none"}
        with _plt().rc_context(plain):
            return draw(*args, **kwargs)

    return run


def _svg(fig: Any) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    _plt().close(fig)
    svg = re.sub(r"<metadata>.*?</metadata>", "", buf.getvalue(), flags=re.S)
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg


def _day(date: str | None) -> dt.date | None:
    if not date:
        return None
    try:
        if len(date) >= 10:
            return dt.date.fromisoformat(date[:10])
        if len(date) == 7:
            return dt.date(int(date[:4]), int(date[5:7]), 15)
    except ValueError:
        return None
    return None


#: the width of one character of a 7-point label, in points (DejaVu Sans, the Agg default)
_CHAR_PT = 4.3
#: how many rows a lane of the timeline stacks before it leaves a label out
_LEVELS = 5


def _stack(days: Sequence[float], widths: Sequence[float]) -> list[int | None]:
    """The row of each point of a lane (sorted by day) so that no label meets the next one in
    its row: the first row whose last label ends before this point; None when all are full."""
    ends: list[float] = []
    rows: list[int | None] = []
    for day, width in zip(days, widths, strict=True):
        row = next((i for i, end in enumerate(ends) if end < day), None)
        if row is None and len(ends) < _LEVELS:
            ends.append(0.0)
            row = len(ends) - 1
        if row is not None:
            ends[row] = day + width
        rows.append(row)
    return rows


@_plain_text
def timeline_svg(  # long: two lanes drawn alike, kept side by side
    events: Sequence[tuple[str | None, str, int, str]],
    claims: Sequence[tuple[str | None, str, str]],
    title: str = "",
) -> str:
    """A two-lane timeline as inline SVG in which no label overprints another.

    ``events``: (date, label, independent sources, type) — a label ending in "~" (or a date
    coarser than a day) is drawn hollow: dated only approximately; ``claims``: (date, label,
    status) with status "corroborated", "uncorroborated", "contradicted" or "denial". Points
    close in time are stacked in rows (:func:`_stack`) so that each label has its own room;
    past ``_LEVELS`` rows a point is drawn without its label and a note says how many. Short
    labels (keys into a table beside the chart, as the ledger report writes) read best.
    """
    plt = _plt()
    fig, ax = plt.subplots(figsize=(10, 3.6))
    colors = {
        "corroborated": "#2a7d2a",
        "uncorroborated": "#999999",
        "contradicted": "#c0392b",
        "denial": "#8e44ad",
    }
    dated_events = sorted(
        ((d, label, n) for date, label, n, _type in events if (d := _day(date))),
        key=lambda x: x[0],
    )
    dated_claims = sorted(
        ((d, label, status) for date, label, status in claims if (d := _day(date))),
        key=lambda x: x[0],
    )
    days = [d for d, *_ in dated_events] + [d for d, *_ in dated_claims]
    dropped = 0
    if days:
        first, last = min(days), max(days)
        span = max((last - first).days, 30)
        pad = dt.timedelta(days=span * 0.04 + 3)
        ax.set_xlim(first - pad, last + pad + dt.timedelta(days=span * 0.06))
        per_pt = (span * 1.14 + 6) / (10 * 0.78 * 72)  # days per point of the axis' width
        width = lambda label: (len(label) * _CHAR_PT + 10) * per_pt  # noqa: E731
        lanes = [
            (dated_events, 1.0, 0.3, "events"),
            (dated_claims, 0.0, -0.3, "claims"),
        ]
        for points, base, step, lane in lanes:
            rows = _stack(
                [d.toordinal() for d, *_ in points], [width(p[1].rstrip("~")) for p in points]
            )
            for (d, label, extra), row in zip(points, rows, strict=True):
                y = base + step * (row if row is not None else _LEVELS)
                if lane == "events":
                    approx = label.endswith("~")
                    ax.scatter([d], [y], s=30 + 25 * min(extra, 6), zorder=3, alpha=0.8,
                               color="white" if approx else "#1f5fa8", edgecolors="#1f5fa8")  # fmt: skip
                    color = "#1f3f68"
                else:
                    color = colors.get(extra, "#555")
                    ax.scatter([d], [y], s=40, marker="D", color=color, zorder=3)
                if row is None:
                    dropped += 1
                    continue
                ax.annotate(label.rstrip("~"), (d, y), xytext=(6, 0), textcoords="offset points",
                            fontsize=7, va="center", color=color)  # fmt: skip
    ax.set_yticks([0, 1], ["claims", "events"])
    ax.set_ylim(-0.3 * _LEVELS - 0.5, 1 + 0.3 * _LEVELS + 0.5)
    ax.grid(axis="x", alpha=0.3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if title:
        ax.set_title(title, fontsize=9)
    if not days:
        ax.text(0.5, 0.5, "nothing dated", transform=ax.transAxes, ha="center")
    if dropped:
        ax.text(1.0, -0.18, f"{dropped} crowded point(s) drawn without a label: see the table",
                transform=ax.transAxes, ha="right", fontsize=7, color="#555")  # fmt: skip
    fig.autofmt_xdate()
    return _svg(fig)


@_plain_text
def map_svg(  # long: extent, boundaries, points and labels of one map
    points: Sequence[tuple[float, float, str, int]],
    title: str = "",
    countries: dict[str, int] | None = None,
) -> str:
    """A static map as inline SVG: Natural Earth's country boundaries (the dashboard's own
    vendored world-atlas file, :func:`country_shapes`) around ``points`` — (lat, lon, label,
    weight), drawn as circles sized by weight; ``countries``: ISO alpha-2 -> the number of
    events placed only in that country, which shade the country instead of a point at its
    centre. The country holding most of the weight (:func:`main_country`) also gets its
    first-level boundaries, dotted (:func:`admin1_lines`). Labels are placed most weight first;
    one that would overprint a placed label is left out (a note says how many)."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(6.4, 4.8))
    shapes = country_shapes()
    shaded = [iso for iso in (countries or {}) if iso in shapes]
    if not points and not shaded:
        ax.text(0.5, 0.5, "no located events", transform=ax.transAxes, ha="center")
        ax.set_axis_off()
        return _svg(fig)
    xs = [p[1] for p in points] + [x for iso in shaded for ring in shapes[iso][1] for x, _ in ring]
    ys = [p[0] for p in points] + [y for iso in shaded for ring in shapes[iso][1] for _, y in ring]
    half = max(max(ys) - min(ys), max(xs) - min(xs)) * 0.6 + 1.0
    half = max(half, 5.0)  # at least a region, so that the neighbouring countries show
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    lon0, lon1 = cx - half, cx + half
    lat0, lat1 = max(cy - half, -85.0), min(cy + half, 85.0)
    from matplotlib.collections import PolyCollection

    ax.set_facecolor("#dde8f0")
    for iso, (_name, rings) in shapes.items():
        if not any(_meets(ring, lon0, lon1, lat0, lat1) for ring in rings):
            continue
        fill = "#f3d9a4" if iso in shaded else "#f4f1ea"
        edge = "#8c6d1f" if iso in shaded else "#a39e93"
        ax.add_collection(PolyCollection(rings, facecolors=fill, edgecolors=edge, linewidths=0.6,
                                         zorder=1))  # fmt: skip
    main = main_country(points, countries or {})
    if main and (lines := admin1_lines(main)):
        from matplotlib.collections import LineCollection

        provinces = LineCollection(lines, colors="#8a8273", linewidths=0.5,
                                   linestyles=(0, (1, 2)), zorder=2)  # fmt: skip
        provinces.set_gid(f"admin1-{main}")
        ax.add_collection(provinces)
    for lat, lon, _label, w in points:
        ax.scatter([lon], [lat], s=30 + 30 * min(w, 8), color="#c0392b", alpha=0.75,
                   edgecolors="white", linewidths=0.8, zorder=3)  # fmt: skip
    ax.set_xlim(lon0, lon1)
    ax.set_ylim(lat0, lat1)
    ax.set_aspect(1 / max(math.cos(math.radians((lat0 + lat1) / 2)), 0.1))
    renderer = fig.canvas.get_renderer()
    kept: list[Any] = []
    unlabelled = 0
    for lat, lon, label, w in sorted(points, key=lambda p: -p[3]):
        for dx, dy, ha in _LABEL_SPOTS:  # right, below right, left, below left: first free one
            text = ax.annotate(f"{label} ({w})" if w > 1 else label, (lon, lat),
                               xytext=(dx, dy), textcoords="offset points", fontsize=8, ha=ha,
                               zorder=4, bbox={"boxstyle": "square,pad=0.1", "fc": "white",
                                               "ec": "none", "alpha": 0.75})  # fmt: skip
            box = text.get_window_extent(renderer)
            if not any(box.overlaps(k) for k in kept):
                kept.append(box)
                break
            text.remove()
        else:
            unlabelled += 1
    for name, rings in shapes.values():  # country names where there is room
        ring = max(rings, key=len)
        x = (min(p[0] for p in ring) + max(p[0] for p in ring)) / 2
        y = (min(p[1] for p in ring) + max(p[1] for p in ring)) / 2
        if not (lon0 < x < lon1 and lat0 < y < lat1):
            continue
        text = ax.text(x, y, name, fontsize=7, color="#8a8577", ha="center", zorder=2)
        box = text.get_window_extent(renderer)
        if any(box.overlaps(k) for k in kept):
            text.remove()
        else:
            kept.append(box)
    for iso in shaded:
        name = shapes[iso][0]
        ax.annotate(f"{name}: {countries[iso]} country-level" if countries else name,
                    (0.01, 0.01 + 0.05 * shaded.index(iso)), xycoords="axes fraction",
                    fontsize=7, color="#6b5316")  # fmt: skip
    if unlabelled:
        ax.text(1.0, -0.08, f"{unlabelled} place(s) unlabelled where labels would overprint",
                transform=ax.transAxes, ha="right", fontsize=7, color="#555")  # fmt: skip
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title, fontsize=9)
    return _svg(fig)


#: where a point's label may go, in turn: (x, y offset in points, alignment)
_LABEL_SPOTS = ((5, 4, "left"), (5, -11, "left"), (-5, 4, "right"), (-5, -11, "right"))


def _meets(ring: Sequence[tuple[float, float]], x0: float, x1: float, y0: float, y1: float) -> bool:
    xs = [x for x, _ in ring]
    ys = [y for _, y in ring]
    return min(xs) <= x1 and max(xs) >= x0 and min(ys) <= y1 and max(ys) >= y0


#: the dashboard's vendored Natural Earth countries (scripts/vendor_dashboard.sh)
BOUNDARIES = (
    Path(__file__).resolve().parent.parent / "api" / "static" / "vendor" / "countries-50m.json"
)
#: its first-level units, one TopoJSON per country (scripts/vendor_admin1.py)
ADMIN1 = BOUNDARIES.parent / "admin1"


def _inside(x: float, y: float, rings: list[list[tuple[float, float]]]) -> bool:
    """Even-odd rule over all the rings (so a hole's point is outside)."""
    inside = False
    for ring in rings:
        for (ax, ay), (bx, by) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
                inside = not inside
    return inside


@cache
def _country_boxes() -> dict[str, tuple[float, float, float, float]]:
    """ISO alpha-2 -> (west, east, south, north) of the country's rings."""
    return {
        iso: (
            min(x for r in rings for x, _ in r),
            max(x for r in rings for x, _ in r),
            min(y for r in rings for _, y in r),
            max(y for r in rings for _, y in r),
        )
        for iso, (_name, rings) in country_shapes().items()
        if rings
    }


def main_country(
    points: Sequence[tuple[float, float, str, int]], countries: dict[str, int]
) -> str | None:
    """The ISO alpha-2 code of the country that holds most of the points' weight and the
    country-level events (``countries``), by the vendored outlines; None when none does."""
    weight: dict[str, int] = dict(countries)
    shapes, boxes = country_shapes(), _country_boxes()
    for lat, lon, _label, w in points:
        for iso, (x0, x1, y0, y1) in boxes.items():
            if x0 <= lon <= x1 and y0 <= lat <= y1 and _inside(lon, lat, shapes[iso][1]):
                weight[iso] = weight.get(iso, 0) + w
                break
    best = max(weight.items(), key=lambda kv: (kv[1], kv[0]), default=None)
    return best[0] if best and best[1] > 0 else None


@cache
def admin1_lines(iso2: str) -> tuple[tuple[tuple[float, float], ...], ...]:
    """A country's inner first-level boundaries (the arcs two of its units share) as (lon,
    lat) lines, from the dashboard's vendored admin-1 file; () when there is none."""
    try:
        iso3 = json.loads((ADMIN1 / "index.json").read_text("utf-8")).get(iso2)
        if not isinstance(iso3, str) or not iso3.isalpha():
            return ()
        topo = json.loads((ADMIN1 / f"{iso3}.json").read_text("utf-8"))
    except OSError:
        return ()
    uses: dict[int, int] = {}
    for g in topo["objects"]["admin1"]["geometries"]:
        polygons = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        for i in {i if i >= 0 else ~i for poly in polygons for ring in poly for i in ring}:
            uses[i] = uses.get(i, 0) + 1
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    lines = []
    for i, arc in enumerate(topo["arcs"]):
        if uses.get(i, 0) < 2:  # a coast or the country's border: the country outline has it
            continue
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append((x * sx + tx, y * sy + ty))
        lines.append(tuple(pts))
    return tuple(lines)


@cache
def country_shapes() -> dict[str, tuple[str, list[list[tuple[float, float]]]]]:
    """ISO alpha-2 -> (name, outer and inner rings as (lon, lat) lists) of every country in
    the vendored world-atlas TopoJSON (arcs delta-decoded and stitched, as topojson-client
    does); {} when the file is missing."""
    try:
        topo = json.loads(BOUNDARIES.read_text("utf-8"))
    except OSError:
        return {}
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs: list[list[tuple[float, float]]] = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i in indexes:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts[1:] if out else pts)
        return out

    shapes: dict[str, tuple[str, list[list[tuple[float, float]]]]] = {}
    for g in topo["objects"]["countries"]["geometries"]:
        iso = (g.get("properties") or {}).get("iso2")
        if not iso:
            continue
        polygons = (
            g["arcs"]
            if g["type"] == "MultiPolygon"
            else [g["arcs"]]
            if g["type"] == "Polygon"
            else []
        )
        rings = [ring(r) for poly in polygons for r in poly]
        name = g["properties"].get("name") or iso
        old = shapes.get(iso)
        shapes[iso] = (name, (old[1] if old else []) + rings)
    return shapes


@_plain_text
def trend_chart(table: TrendTable, path: str | Path, top: int = 8) -> Path:
    """Write the trends as a stacked bar chart (PNG or SVG by the file's suffix)."""
    plt = _plt()
    path = Path(path)
    periods = table.periods
    groups = table.groups
    shown = groups[:top]
    rest = groups[top:]
    fig, ax = plt.subplots(figsize=(max(6, 0.5 * len(periods) + 3), 4))
    bottom = [0] * len(periods)
    series = [(g, [table.counts.get((p, g), 0) for p in periods]) for g in shown]
    if rest:
        series.append(
            (
                f"{len(rest)} others",
                [sum(table.counts.get((p, g), 0) for g in rest) for p in periods],
            )
        )
    for label, vals in series:
        ax.bar(periods, vals, bottom=bottom, label=label)
        bottom = [b + v for b, v in zip(bottom, vals, strict=True)]
    ax.set_ylabel("events")
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # events come whole: no 2.5 ticks
    ax.set_title(f"Events per {table.period} by {table.by}", fontsize=10)
    if series:
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    plt.setp(ax.get_xticklabels(), rotation=45, ha="right", fontsize=8)
    fmt = path.suffix.lower().lstrip(".") or "png"
    if fmt not in ("png", "svg", "pdf"):
        raise ValueError(f"chart file must end in .png, .svg or .pdf, not {path.name!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format=fmt, bbox_inches="tight", dpi=120)
    plt.close(fig)
    return path


__all__ = [
    "admin1_lines",
    "country_shapes",
    "main_country",
    "map_svg",
    "timeline_svg",
    "trend_chart",
]
