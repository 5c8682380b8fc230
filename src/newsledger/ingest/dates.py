"""Dates as news sites print them in headers and bylines ("Saturday, June 03, 2023").

Only unambiguous forms are read: a month name with day and year, or ISO 8601. Numeric
day/month forms ("03/06/2023") are ambiguous between locales and are not guessed.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

_MONTH = (
    r"(?P<{g}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+"

#: "June 03, 2023", "Saturday, June 3 2023", "Jun. 3, 2023"
_MDY = re.compile(
    rf"\b(?:{_WEEKDAY})?{_MONTH.format(g='m1')}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
#: "3 June 2023", "Saturday 03 June, 2023", "3rd of June 2023"
_DMY = re.compile(
    rf"\b(?:{_WEEKDAY})?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH.format(g='m2')},?\s+(?P<y2>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
#: "2023-06-03" (optionally followed by a time)
_ISO = re.compile(r"\b(?P<y3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)(?!\d)")

DATE_RE = re.compile("|".join(f"(?:{p.pattern})" for p in (_MDY, _DMY, _ISO)), re.IGNORECASE)


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first full date in ``text`` as ``(YYYY-MM-DD, start, end)``, or None."""
    for m in DATE_RE.finditer(text):
        g = m.groupdict()
        if g.get("y1"):
            y, mo, d = g["y1"], MONTHS[g["m1"][:3].lower()], g["d1"]
        elif g.get("y2"):
            y, mo, d = g["y2"], MONTHS[g["m2"][:3].lower()], g["d2"]
        else:
            y, mo, d = g["y3"], int(g["m3"]), g["d3"]
        try:
            return dt.date(int(y), int(mo), int(d)).isoformat(), m.start(), m.end()
        except ValueError:
            continue
    return None


def normalise_iso(value: str) -> str | None:
    """``YYYY-MM-DD`` for an ISO 8601 date or datetime string (``2023-06-03T10:00Z``), else None."""
    value = value.strip()
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    m = re.fullmatch(r"((?:19|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?", value)
    if m:
        try:
            dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
        except ValueError:
            return None
        return value
    return None
