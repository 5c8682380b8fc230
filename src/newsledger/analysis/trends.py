"""Trends: events (clusters, so one real event counts once) per week, month or quarter, by event
type, by actor or by province (admin1) — e.g. in how many provinces an armed group was active in
each quarter. Every event counts in one group only (by actor: its first-named actor, actor1 of
any report before actor2), so the groups of a period add up to the period's events. A table,
CSV/JSON, and a chart file (matplotlib, Agg backend: PNG or SVG)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .corroborate import EventCluster
from .text import normalize_name

BY = ("type", "actor", "admin1")
PERIODS = ("week", "month", "quarter")


def period_of(date: str | None, period: str) -> str | None:
    """The period label of a (partial) ISO date: 2024-W11, 2024-03, 2024-Q1 (None if too vague)."""
    if not date:
        return None
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}, not {period!r}")
    try:
        if period == "quarter" and len(date) >= 7:
            return f"{date[:4]}-Q{(int(date[5:7]) - 1) // 3 + 1}"
        if period == "month" and len(date) >= 7:
            return date[:7]
        if period == "week" and len(date) >= 10:
            y, w, _ = dt.date.fromisoformat(date[:10]).isocalendar()
            return f"{y}-W{w:02d}"
    except ValueError:
        return None
    return None


@dataclass
class TrendTable:
    """Counts of events per (period, group)."""

    by: str
    period: str
    counts: dict[tuple[str, str], int] = field(default_factory=dict)
    undated: int = 0
    filters: dict[str, str] = field(default_factory=dict)

    @property
    def periods(self) -> list[str]:
        return sorted({p for p, _ in self.counts})

    @property
    def groups(self) -> list[str]:
        tot: Counter[str] = Counter()
        for (_, g), n in self.counts.items():
            tot[g] += n
        return [g for g, _ in sorted(tot.items(), key=lambda kv: (-kv[1], kv[0]))]

    def distinct(self, period: str) -> int:
        """How many known groups had an event in ``period`` (e.g. provinces an actor was active
        in); "unknown" is not a group."""
        return sum(1 for (p, g), n in self.counts.items() if p == period and n and g != "unknown")

    def rows(self) -> list[dict[str, Any]]:
        """One row per period: {"period", <group>: count..., "total", "distinct"}."""
        out = []
        for p in self.periods:
            row: dict[str, Any] = {"period": p}
            for g in self.groups:
                row[g] = self.counts.get((p, g), 0)
            row["total"] = sum(self.counts.get((p, g), 0) for g in self.groups)
            row["distinct"] = self.distinct(p)
            out.append(row)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "period": self.period,
            "filters": self.filters,
            "groups": self.groups,
            "rows": self.rows(),
            "undated": self.undated,
        }

    def to_csv(self) -> str:
        buf = io.StringIO()
        cols = ["period", *self.groups, "total", "distinct"]
        w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        for r in self.rows():
            w.writerow(r)
        return buf.getvalue()


def _groups(ev: EventCluster, by: str) -> list[str]:
    if by == "type":
        return [ev.type or (f"PLOVER {ev.plover}" if ev.plover else "unknown")]
    if by == "admin1":
        return [ev.admin1 or "unknown"]
    if by == "actor":  # one group per event, so a period's groups add up to its events
        for role in ("actor1", "actor2"):
            for m in ev.members:
                a = getattr(m, role)
                if a and normalize_name(a) in ev.actor_keys:
                    return [a]
        return ["unknown"]
    raise ValueError(f"by must be one of {BY}, not {by!r}")


def compute_trends(
    events: Iterable[EventCluster],
    by: str = "type",
    period: str = "month",
    actor_keys: Iterable[str] | None = None,
    event_type: str | None = None,
) -> TrendTable:
    """Count events per period and group; ``actor_keys`` keeps events with one of those actors,
    ``event_type`` those of that ACLED type. Events dated only by publication count under it."""
    if by not in BY:
        raise ValueError(f"by must be one of {BY}, not {by!r}")
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}, not {period!r}")
    keys = set(actor_keys or ())
    table = TrendTable(by=by, period=period)
    if event_type:
        table.filters["type"] = event_type
    for ev in events:
        if keys and not (ev.actor_keys & keys):
            continue
        if event_type and ev.type != event_type:
            continue
        p = period_of(ev.date or ev.date_range[1], period)
        if p is None:
            table.undated += 1
            continue
        for g in _groups(ev, by):
            table.counts[(p, g)] = table.counts.get((p, g), 0) + 1
    return table


__all__ = ["BY", "PERIODS", "TrendTable", "compute_trends", "period_of"]
