"""Static charts drawn offline with matplotlib (Agg backend): a timeline and a map for the HTML
ledger report, and the trends chart. No tile servers, no network: the map is a lat/lon scatter
with place labels over a graticule.

Every label is drawn as the characters it is: mathtext and TeX are off inside each chart
(:func:`_plain_text`), so a claim holding ``$x_$`` neither breaks the page nor turns into
mathematics; the caller's matplotlib settings are left as they were.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Callable, Sequence
from functools import wraps
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
    """Run ``draw`` with mathtext and TeX off (``$`` is a dollar sign), settings restored after."""

    @wraps(draw)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with _plt().rc_context({"text.parse_math": False, "text.usetex": False}):
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


@_plain_text
def timeline_svg(
    events: Sequence[tuple[str | None, str, int, str]],
    claims: Sequence[tuple[str | None, str, str]],
    title: str = "",
) -> str:
    """A two-lane timeline as inline SVG.

    ``events``: (date, label, independent sources, type) — a label ending in "~" (or a date
    coarser than a day) is drawn hollow: dated only approximately; ``claims``: (date, label,
    status) with status "corroborated", "uncorroborated", "contradicted" or "denial".
    """
    plt = _plt()
    fig, ax = plt.subplots(figsize=(10, 3.4))
    colors = {
        "corroborated": "#2a7d2a",
        "uncorroborated": "#999999",
        "contradicted": "#c0392b",
        "denial": "#8e44ad",
    }
    any_point = False
    for i, (date, label, n, _type) in enumerate(sorted(events, key=lambda e: e[0] or "")):
        d = _day(date)
        if d is None:
            continue
        any_point = True
        approx = len(date or "") < 10 or label.endswith("~")
        ax.scatter(
            [d],
            [1],
            s=40 + 40 * n,
            zorder=3,
            alpha=0.75,
            color="white" if approx else "#1f5fa8",
            edgecolors="#1f5fa8",
        )
        ax.annotate(
            f"{label.rstrip('~')} ({n})",
            (d, 1),
            xytext=(0, 10 + 11 * (i % 3)),
            textcoords="offset points",
            fontsize=7,
            ha="center",
        )
    for i, (date, label, status) in enumerate(sorted(claims, key=lambda c: c[0] or "")):
        d = _day(date)
        if d is None:
            continue
        any_point = True
        ax.scatter([d], [0], s=50, marker="D", color=colors.get(status, "#555"), zorder=3)
        ax.annotate(
            label,
            (d, 0),
            xytext=(0, -14 - 11 * (i % 3)),
            textcoords="offset points",
            fontsize=7,
            ha="center",
            color=colors.get(status, "#555"),
        )
    ax.set_yticks([0, 1], ["claims", "events"])
    ax.set_ylim(-1.2, 2.2)
    ax.grid(axis="x", alpha=0.3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if title:
        ax.set_title(title, fontsize=9)
    if not any_point:
        ax.text(0.5, 0.5, "nothing dated", transform=ax.transAxes, ha="center")
    fig.autofmt_xdate()
    return _svg(fig)


@_plain_text
def map_svg(points: Sequence[tuple[float, float, str, int]], title: str = "") -> str:
    """A static map as inline SVG: (lat, lon, label, weight) points over a graticule, the
    longitude axis scaled by cos(latitude) so distances look right. No basemap is needed."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(6, 4.5))
    if not points:
        ax.text(0.5, 0.5, "no located events", transform=ax.transAxes, ha="center")
        ax.set_axis_off()
        return _svg(fig)
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    span = max(max(lats) - min(lats), max(lons) - min(lons), 1.0)
    pad = span * 0.25 + 0.5
    lat0, lat1 = min(lats) - pad, max(lats) + pad
    lon0, lon1 = min(lons) - pad, max(lons) + pad
    step = next(s for s in (0.5, 1, 2, 5, 10, 15, 30) if span / s <= 8)
    for la in _ticks(lat0, lat1, step):
        ax.axhline(la, color="#dddddd", lw=0.6, zorder=1)
    for lo in _ticks(lon0, lon1, step):
        ax.axvline(lo, color="#dddddd", lw=0.6, zorder=1)
    for lat, lon, label, w in points:
        ax.scatter([lon], [lat], s=30 + 30 * w, color="#c0392b", alpha=0.7, zorder=3)
        ax.annotate(label, (lon, lat), xytext=(5, 4), textcoords="offset points", fontsize=8)
    ax.set_xlim(lon0, lon1)
    ax.set_ylim(lat0, lat1)
    ax.set_aspect(1 / max(math.cos(math.radians((lat0 + lat1) / 2)), 0.1))
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    if title:
        ax.set_title(title, fontsize=9)
    return _svg(fig)


def _ticks(a: float, b: float, step: float) -> list[float]:
    start = math.floor(a / step) * step
    out = []
    x = start
    while x <= b:
        out.append(round(x, 6))
        x += step
    return out


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


__all__ = ["map_svg", "timeline_svg", "trend_chart"]
