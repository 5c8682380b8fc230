"""Infer a document's reference date: the date its text was written from.

Evidence, weakest to strongest: ``doc.published`` (for scrapes, a site header's date, which is the
date of a *republication*), explicit dates in the body and in dated photo captions, and yearless
mentions ("late August", "a November 17 briefing") that a writer uses for the months around
the time of writing.

The rules (see docs/time.md):

1. Evidence is taken from body and caption sentences only (never boilerplate, never a site
   header line), never from sentences about the future, never from captions of file/archive
   photos, and never after ``published``.
2. ``E`` is the latest explicit date with a month (``2021-09-03``, ``2021-09``). The *text
   hypothesis* starts at ``E`` and moves forward to every yearless month-day (or month) mention
   that falls after it in the same year ("a November 17 briefing" after a September 3 caption),
   when that reading is nearer than last year's. A bare year later than ``E`` ("in 2023")
   rules the hypothesis out.
3. Without ``published`` the text hypothesis is the reference (``None`` when there is no ``E``).
4. With ``published`` ``P``: when ``E`` is recent (within :data:`RECENT_DAYS` of ``P``) or absent
   the reference is ``P``. When ``E`` is old, the text is a republication if the text hypothesis
   explains its yearless mentions better than ``P`` does (they lie closer before it) or, when it
   has none, if a dated caption (a news photo) supports ``E``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .expressions import (
    ABSOLUTE,
    MONTH,
    MONTH_DAY,
    Expr,
    _valid,
    period_end,
    period_start,
    resolve,
)

#: explicit dates this close before ``published`` mean the text is current, not republished
RECENT_DAYS = 120


@dataclass
class Evidence:
    """A date expression with where it stands."""

    expr: Expr
    section: str  # body | caption | headline
    future: bool = False
    file_photo: bool = False


def _explicit(ev: Evidence) -> bool:
    return ev.expr.kind == ABSOLUTE and ev.expr.month is not None


def _yearless(ev: Evidence) -> bool:
    return ev.expr.kind in (MONTH_DAY, MONTH) and ev.expr.rel is None


def _text_hypothesis(evidence: list[Evidence], published: date | None) -> tuple[date, Expr] | None:
    best: tuple[date, Expr] | None = None
    for ev in evidence:
        if not _explicit(ev) or ev.future or ev.file_photo:
            continue
        value = resolve(ev.expr, None)
        if value is None:
            continue
        d = period_end(value) if ev.expr.day is None else period_start(value)
        if published is not None and period_start(value) > published:
            continue  # after publication: a plan or a typo, not the writing date
        d = min(d, published) if published is not None else d
        if best is None or d > best[0]:
            best = (d, ev.expr)
    if best is None:
        return None
    ref = best[0]
    for ev in evidence:  # a later bare year ("in 2023") contradicts an older writing date
        e = ev.expr
        if (
            e.kind == ABSOLUTE
            and e.month is None
            and e.year
            and not ev.future
            and e.year > ref.year
        ) and (published is None or e.year <= published.year):
            return None
    for ev in evidence:
        if not _yearless(ev) or ev.future or ev.file_photo:
            continue
        m = ev.expr.month or 1
        day = ev.expr.day or ev.expr.part or 1
        if not _valid(ref.year, m, day):
            continue
        d = date(ref.year, m, day)
        # move forward only when that reading is nearer than the past one ("in December"
        # read from a January caption is last December, not eleven months ahead)
        back = (ref - date(ref.year - 1, m, min(day, 28))).days
        if d > ref and (d - ref).days < back and (published is None or d <= published):
            ref = d
    return ref, best[1]


def _mean_age(evidence: list[Evidence], ref: date) -> float | None:
    """Mean days between ``ref`` and the yearless mentions read from it (past preferred)."""
    ages = []
    for ev in evidence:
        if not _yearless(ev) or ev.future:
            continue
        value = resolve(ev.expr, ref)
        if value is None:
            continue
        ages.append((ref - period_start(value)).days)
    return sum(ages) / len(ages) if ages else None


def infer_reference(evidence: list[Evidence], published: date | None) -> tuple[date | None, str]:
    """The reference date and a short reason ("published", "text", "none")."""
    hyp = _text_hypothesis(evidence, published)
    if published is None:
        return (hyp[0], "text") if hyp else (None, "none")
    if hyp is None:
        return published, "published"
    text_ref, latest = hyp
    latest_end = period_end(resolve(latest, None) or published.isoformat())
    if (published - latest_end).days <= RECENT_DAYS or text_ref >= published:
        return published, "published"
    age_text = _mean_age(evidence, text_ref)
    age_pub = _mean_age(evidence, published)
    if age_text is not None and age_pub is not None:
        return (text_ref, "text") if age_text < age_pub else (published, "published")
    captioned = any(
        ev.section == "caption"
        and _explicit(ev)
        and not ev.file_photo
        and not ev.future
        and ev.expr.year == text_ref.year
        for ev in evidence
    )
    return (text_ref, "text") if captioned else (published, "published")
