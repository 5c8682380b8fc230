"""Date expressions: find them in text with regular expressions and resolve them with their precision.

An :class:`Expr` is one date expression with what the text states of it (year, month, day,
weekday, a relative offset). :func:`find_expressions` scans a text once per pattern family (no
per-token calls, no dateparser); :func:`resolve` turns an expression into ``"YYYY"``,
``"YYYY-MM"`` or ``"YYYY-MM-DD"`` against a reference date, keeping the precision the text
gives ("late August" stays a month, "a January 2008 attack" stays ``2008-01``). Yearless and
weekday expressions prefer the past (news reports what happened) unless the sentence is about
the future (``future=True``).
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

#: kinds of expression
ABSOLUTE = "absolute"  # year given: YYYY, YYYY-MM or YYYY-MM-DD
MONTH_DAY = "month_day"  # "November 17"
MONTH = "month"  # "late August"
WEEKDAY = "weekday"  # "on Tuesday", "last Friday"
RELATIVE = "relative"  # "yesterday", "last year", "three days ago"
UNRESOLVED = "unresolved"  # a date expression the rules cannot place ("the 1990s")


@dataclass
class Expr:
    """One date expression found in a text (offsets relative to that text)."""

    start: int
    end: int
    text: str
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    part: int | None = None  # first day of the part of a month ("late" -> 21)
    rel: str | None = None  # "last" | "next" | "this" | None
    unit: str | None = None  # relative unit: day, week, month, year
    n: int = 0  # relative offset in units (negative = past)

    @property
    def precision(self) -> str | None:
        if self.kind == ABSOLUTE:
            return "day" if self.day else "month" if self.month else "year"
        return None


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The time lexicon (data/lexicon.json), loaded once."""
    path = resources.files("newsledger.time") / "data" / "lexicon.json"
    return json.loads(path.read_text("utf-8"))  # type: ignore[no-any-return]


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Patterns:
    mdy: re.Pattern[str]
    dmy: re.Pattern[str]
    iso: re.Pattern[str]
    numeric: re.Pattern[str]
    my: re.Pattern[str]
    md: re.Pattern[str]
    dm: re.Pattern[str]
    month: re.Pattern[str]
    year: re.Pattern[str]
    rel: re.Pattern[str]
    ago: re.Pattern[str]
    weekday: re.Pattern[str]
    future: re.Pattern[str]
    duration: re.Pattern[str]


def _month_alt() -> str:
    names = list(lexicon()["months"])
    forms: list[str] = []
    for n in names:
        forms.append(re.escape(n) + (r"\.?" if len(n) <= 4 and n != "June" and n != "July" else ""))
        forms.append(re.escape(n.upper()) + (r"\.?" if len(n) <= 4 else ""))
    forms.sort(key=len, reverse=True)
    return "(?:" + "|".join(forms) + ")"


def _weekday_alt() -> str:
    lex = lexicon()
    forms = []
    for n in lex["weekdays"]:
        if n in lex["weekday_abbrev_need_dot"]:
            forms.append(re.escape(n) + r"\.")
        else:
            forms.append(re.escape(n))
            forms.append(re.escape(n.upper()))
    forms.sort(key=len, reverse=True)
    return "(?:" + "|".join(forms) + ")"


@lru_cache(maxsize=1)
def patterns() -> _Patterns:
    """The compiled patterns, built once from the lexicon."""
    lex = lexicon()
    mon = f"(?P<mon>{_month_alt()})"
    wd = f"(?:{_weekday_alt()},?\\s+)?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:1[89]|20)\d\d)"
    parts = _alt(list(lex["month_parts"]))
    cues = _alt(lex["bare_month_cues"])
    ycues = _alt(lex["year_cues"])
    wdays = f"(?P<wd>{_weekday_alt()})"
    nwords = _alt(list(lex["number_words"]))
    return _Patterns(
        mdy=re.compile(rf"\b{wd}{mon}\s+{day},?\s+{year}\b"),
        dmy=re.compile(rf"\b{wd}(?:the\s+)?{day}(?:\s+of)?\s+{mon},?\s+{year}\b"),
        iso=re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>0[1-9]|1[0-2])-(?P<day>[0-3]\d)\b"),
        numeric=re.compile(
            r"(?<![\d./-])(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[0-3]?\d)(?P=sep)"
            r"(?P<year>(?:19|20)\d\d)\b(?![./-]\d)"
        ),
        my=re.compile(rf"\b(?:(?P<part>{parts})[\s-]*)?{mon},?\s+(?:of\s+)?{year}\b"),
        md=re.compile(rf"\b{wd}{mon}\s+{day}\b(?!,?\s*\d|\.\d|:)"),
        dm=re.compile(rf"\b{wd}(?:the\s+)?{day}(?:\s+of)?\s+{mon}\b(?!,?\s*\d)"),
        month=re.compile(
            rf"\b(?:(?P<cue>{cues})\s+)?(?:(?P<rel>last|this|next)\s+)?"
            rf"(?:(?P<part>{parts})[\s-]*)?{mon}(?!\s*,?\s*\d)\b"
        ),
        year=re.compile(
            rf"(?:\b(?P<cue>{ycues})[\s-]+)?\(?{year}\b(?!s\b|[-–/]\d|,\d|\.\d|%| ?(?:per ?cent|percent))"
        ),
        rel=re.compile(
            r"\b(?P<expr>today|yesterday|tomorrow|tonight|last night|the day before yesterday"
            r"|(?:earlier|later) (?:this|in the) (?:week|month|year)"
            r"|(?:this|last|next) (?:week(?:end)?|month|year|morning|afternoon|evening|night)"
            r"|this (?:morning|afternoon|evening))\b",
            re.IGNORECASE,
        ),
        ago=re.compile(
            rf"\b(?P<n>\d+|{nwords})\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.IGNORECASE
        ),
        weekday=re.compile(
            rf"\b(?:(?P<rel>last|next|this|on|On|early|late)\s+)?{wdays}(?:['’]s)?"
            r"(?:\s+(?P<tod>morning|afternoon|evening|night))?\b"
        ),
        future=re.compile(
            r"(?:\b|(?<=\w))(?:" + _alt(lex["future_markers"]) + r")\b", re.IGNORECASE
        ),
        duration=re.compile(
            r"\b(?:\d+|[a-z]+)[\s-]+(?:years?|months?|weeks?|days?|hours?|decades?)\b(?!\s+ago)"
            r"|\byears?[\s-]old\b|\bcentur(?:y|ies)\b|\bdecades?\b",
            re.IGNORECASE,
        ),
    )


def month_number(name: str) -> int:
    key = name.rstrip(".")
    months = lexicon()["months"]
    return int(months.get(key) or months[key.title()])


def weekday_number(name: str) -> int:
    key = name.rstrip(".")
    wds = lexicon()["weekdays"]
    return int(wds.get(key) or wds[key.title()])


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


_CAP_WORD = re.compile(r"[A-Z][a-zA-Z]{2,8}")
_YEARISH = re.compile(r"[12]\d\d\d")
_REL_WORD = re.compile(r"[tTyYnNwWmMaAeE][a-zA-Z]{1,8}")
_REL_ANCHORS = frozenset(
    [
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
        "night",
        "week",
        "weekend",
        "month",
        "year",
        "morning",
        "afternoon",
        "evening",
        "ago",
    ]
)


@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    lex = lexicon()
    names = {*lex["months"], *lex["weekdays"]}
    return frozenset(names | {n.upper() for n in names})


def _anchors(text: str) -> list[tuple[int, int]]:
    """Spans of the words every date expression contains (month and weekday names, years,
    "today", "week", "ago" ...): simple character-class scans, much cheaper than the patterns."""
    names = _names()
    out = [(m.start(), m.end()) for m in _CAP_WORD.finditer(text) if m.group() in names]
    out += [(m.start(), m.end()) for m in _YEARISH.finditer(text) if m.group()[:2] in _CENTURIES]
    out += [
        (m.start(), m.end()) for m in _REL_WORD.finditer(text) if m.group().lower() in _REL_ANCHORS
    ]
    out.sort()
    return out


_CENTURIES = frozenset({"18", "19", "20"})


def _windows(text: str, before: int = 45, after: int = 35) -> list[tuple[int, int]]:
    """Disjoint stretches of ``text`` around anchors, cut at whitespace."""
    out: list[tuple[int, int]] = []
    n = len(text)
    for a0, a1 in _anchors(text):
        s = max(0, a0 - before)
        e = min(n, a1 + after)
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    cut: list[tuple[int, int]] = []
    for s, e in out:
        while s > 0 and not text[s - 1].isspace():
            s -= 1
        while e < n and not text[e].isspace():
            e += 1
        if cut and s <= cut[-1][1]:
            cut[-1] = (cut[-1][0], max(cut[-1][1], e))
        else:
            cut.append((s, e))
    return cut


def find_expressions(text: str, offset: int = 0) -> list[Expr]:
    """All date expressions in ``text``: longest match wins where patterns overlap.

    Offsets are ``offset`` + positions in ``text``. The patterns run only on the stretches
    around anchor words (month and weekday names, years, "today", "week", "ago" ...).
    """
    found: list[Expr] = []
    for s, e in _windows(text):
        found.extend(_scan(text[s:e], offset + s))
    return _longest(found)


def _scan(text: str, offset: int) -> list[Expr]:
    p = patterns()
    lex = lexicon()
    found: list[Expr] = []

    def add(
        m: re.Match[str], kind: str, s: int | None = None, e: int | None = None, **kw: Any
    ) -> None:
        s0 = m.start() if s is None else s
        e0 = m.end() if e is None else e
        found.append(Expr(s0 + offset, e0 + offset, text[s0:e0], kind, **kw))

    for rx in (p.mdy, p.dmy):
        for m in rx.finditer(text):
            y, mo, d = int(m["year"]), month_number(m["mon"]), int(m["day"])
            if _valid(y, mo, d):
                add(m, ABSOLUTE, year=y, month=mo, day=d)
    for m in p.iso.finditer(text):
        y, mo, d = int(m["year"]), int(m["mnum"]), int(m["day"])
        if _valid(y, mo, d):
            add(m, ABSOLUTE, year=y, month=mo, day=d)
    for m in p.numeric.finditer(text):
        # 09.03.2018 or 3/30/2018: day and month are told apart only when one exceeds 12;
        # "." is read day-first (European); an ambiguous "/" date keeps only its year
        a, b, y = int(m["a"]), int(m["b"]), int(m["year"])
        if a > 12 and _valid(y, b, a):
            add(m, ABSOLUTE, year=y, month=b, day=a)
        elif b > 12 and _valid(y, a, b):
            add(m, ABSOLUTE, year=y, month=a, day=b)
        elif m["sep"] == "." and _valid(y, b, a):
            add(m, ABSOLUTE, year=y, month=b, day=a)
        elif _valid(y, a, b) or _valid(y, b, a):
            add(m, ABSOLUTE, year=y)
    for m in p.my.finditer(text):
        add(m, ABSOLUTE, year=int(m["year"]), month=month_number(m["mon"]))
    for rx in (p.md, p.dm):
        for m in rx.finditer(text):
            mo, d = month_number(m["mon"]), int(m["day"])
            if _valid(2000, mo, d):  # leap-year safe check
                add(m, MONTH_DAY, month=mo, day=d)
    parts = lex["month_parts"]
    for m in p.month.finditer(text):
        if not (m["cue"] or m["rel"] or m["part"]):
            continue
        if (
            m["mon"].rstrip(".") == "May"
            and not (m["rel"] or m["part"])
            and m["cue"]
            in {
                "and",
                "to",
            }
        ):
            continue  # "... and May" is too often the modal verb or a name
        s = m.start("rel") if m["rel"] else m.start("part") if m["part"] else m.start("mon")
        part = parts.get(m["part"].strip().lower().rstrip("-") if m["part"] else "", None)
        if m["part"] and part is None:
            part = parts.get(m["part"].strip().lower())
        add(m, MONTH, s=s, month=month_number(m["mon"]), part=part, rel=m["rel"])
    for m in p.year.finditer(text):
        cue = m["cue"]
        if cue is None:
            continue  # a bare four-digit number is too often a count; spaCy's DATE adds others
        s = (
            m.start("year")
            if cue.lower() in {"the"} or cue.lower() in lex["bare_month_cues"]
            else m.start()
        )
        nxt = text[m.end() : m.end() + 24].split()
        if cue.lower() in _COUNT_CUES and nxt and nxt[0].islower() and nxt[0].endswith("s"):
            continue  # "a force of 2000 troops": a count, not a year
        add(m, ABSOLUTE, s=s, year=int(m["year"]))
    for m in p.rel.finditer(text):
        e = m["expr"].lower()
        kw: dict[str, Any] = {}
        if e in ("today", "tonight") or (
            e.startswith("this ")
            and e.split()[1]
            in (
                "morning",
                "afternoon",
                "evening",
                "night",
            )
        ):
            kw = {"unit": "day", "n": 0}
        elif e in ("yesterday", "last night"):
            kw = {"unit": "day", "n": -1}
        elif e == "the day before yesterday":
            kw = {"unit": "day", "n": -2}
        elif e == "tomorrow":
            kw = {"unit": "day", "n": 1}
        else:
            words = e.split()
            unit = words[-1].replace("weekend", "week")
            if unit in ("morning", "afternoon", "evening", "night"):
                kw = {
                    "unit": "day",
                    "n": -1 if words[0] == "last" else 1 if words[0] == "next" else 0,
                }
            else:
                n = -1 if words[0] == "last" else 1 if words[0] == "next" else 0
                kw = {"unit": unit, "n": n}
        add(m, RELATIVE, **kw)
    nwords = lex["number_words"]
    for m in p.ago.finditer(text):
        ns = m["n"].lower()
        n = int(ns) if ns.isdigit() else int(nwords.get(ns, 0))
        if n:
            add(m, RELATIVE, unit=m["unit"].lower(), n=-n)
    for m in p.weekday.finditer(text):
        rel = (m["rel"] or "").lower()
        before = text[max(0, m.start() - 12) : m.start("wd")].split()
        after = text[m.end("wd") : m.end("wd") + 14].split()
        if (before and before[-1] in lex["not_before_weekday"]) or (
            after and after[0].strip(".,") in lex["not_after_weekday"]
        ):
            continue
        s = m.start("wd") if rel in ("on", "") else m.start()
        add(
            m,
            WEEKDAY,
            s=s,
            e=m.end("wd") if m["tod"] is None else None,  # "Friday's attack" -> "Friday"
            weekday=weekday_number(m["wd"]),
            rel=rel if rel in ("last", "next", "this") else None,
        )
    return found


_COUNT_CUES = frozenset({"the", "of", "to", "and", "by", "from", "between"})


def _longest(found: list[Expr]) -> list[Expr]:
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    out: list[Expr] = []
    for e in found:
        if out and e.start < out[-1].end:
            continue  # overlaps a longer or earlier one
        out.append(e)
    return out


# -- resolution -----------------------------------------------------------------------------------


def parse_iso(value: str | None) -> date | None:
    """``"YYYY-MM-DD"`` (or a longer ISO timestamp) as a date; ``None`` if it is not one."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _fmt(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _month_year(ref: date, month: int, day: int, rel: str | None, future: bool) -> int:
    """The year of a yearless (month, day) read from ``ref``: the past preferred."""
    here = (month, day)
    now = (ref.month, ref.day)
    if rel == "last":
        return ref.year if here < now and month != ref.month else ref.year - 1
    if rel == "next":
        return ref.year if here > now and month != ref.month else ref.year + 1
    if rel == "this":
        return ref.year
    if future:
        return ref.year if here >= now else ref.year + 1
    return ref.year if here <= now else ref.year - 1


def resolve(expr: Expr, ref: date | None, future: bool = False) -> str | None:
    """``expr`` as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` read from ``ref``; ``None`` if unknown."""
    if expr.kind == ABSOLUTE and expr.year is not None:
        return _fmt(expr.year, expr.month, expr.day)
    if ref is None:
        return None
    if expr.kind == MONTH_DAY and expr.month and expr.day:
        y = _month_year(ref, expr.month, expr.day, None, future)
        if not _valid(y, expr.month, expr.day):
            return None
        return _fmt(y, expr.month, expr.day)
    if expr.kind == MONTH and expr.month:
        day = expr.part or 1
        if expr.rel is None and not future:
            y = ref.year if expr.month <= ref.month else ref.year - 1
        elif expr.rel is None:
            y = ref.year if expr.month >= ref.month else ref.year + 1
        else:
            y = _month_year(ref, expr.month, day, expr.rel, future)
        return _fmt(y, expr.month)
    if expr.kind == WEEKDAY and expr.weekday is not None:
        back = (ref.weekday() - expr.weekday) % 7
        ahead = (expr.weekday - ref.weekday()) % 7
        if expr.rel == "last":
            d = ref - timedelta(days=back or 7)
        elif expr.rel == "next":
            d = ref + timedelta(days=ahead or 7)
        elif future:
            d = ref + timedelta(days=ahead)
        else:
            d = ref - timedelta(days=back)
        return d.isoformat()
    if expr.kind == RELATIVE and expr.unit:
        return _relative(ref, expr.unit, expr.n)
    return None


def _relative(ref: date, unit: str, n: int) -> str:
    if unit == "day":
        return (ref + timedelta(days=n)).isoformat()
    if unit == "week":
        d = ref + timedelta(days=7 * n)
        # "last week" names no day: keep its month; "two weeks ago" is a point in time
        return d.isoformat() if abs(n) > 1 else _fmt(d.year, d.month)
    if unit == "month":
        k = ref.year * 12 + ref.month - 1 + n
        return _fmt(k // 12, k % 12 + 1)
    return _fmt(ref.year + n)


def period_end(value: str) -> date:
    """The last day of a ``YYYY``/``YYYY-MM``/``YYYY-MM-DD`` period."""
    parts = [int(x) for x in value.split("-")]
    if len(parts) == 3:
        return date(parts[0], parts[1], parts[2])
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(parts[0], 12, 31)


def period_start(value: str) -> date:
    """The first day of a ``YYYY``/``YYYY-MM``/``YYYY-MM-DD`` period."""
    parts = [int(x) for x in value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def is_duration(text: str) -> bool:
    """Whether a DATE-like phrase is a duration or an age ("three years", "18-month", "35 years old")."""
    return bool(patterns().duration.search(text))


def has_future_marker(sentence: str) -> bool:
    """Whether a sentence speaks of the future ("will", "is scheduled", "next week")."""
    return bool(patterns().future.search(sentence))


def resolve_date(text: str, reference: str | None) -> str | None:
    """Resolve a date phrase against ``reference`` (``YYYY-MM-DD`` or ``None``), keeping precision.

    >>> resolve_date("late August", "2021-11-17")
    '2021-08'
    >>> resolve_date("a January 2008 attack", None)
    '2008-01'
    """
    ref = parse_iso(reference)
    exprs = find_expressions(text)
    if not exprs:
        stripped = text.strip()
        m = re.fullmatch(r"(?:in |the )?((?:1[89]|20)\d\d)", stripped)
        return m.group(1) if m else None
    future = has_future_marker(text)
    for e in sorted(exprs, key=lambda x: -(x.end - x.start)):
        value = resolve(e, ref, future)
        if value is not None:
            return value
    return None
