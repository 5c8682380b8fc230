"""The filters of every listing, checked in one place for the CLI, the exports and the API.

:func:`check_filters` turns what a user typed into a valid :class:`QueryFilters` or raises
:class:`FilterError` naming the parameter (the CLI prints it as one line and exits 2; the API
answers 422 with the parameter in ``loc``). What it checks:

- dates are real calendar dates written YYYY, YYYY-MM or YYYY-MM-DD, and since <= until;
- ``limit`` is at least 1, ``min_confidence`` within 0..1;
- text filters are at most :data:`MAX_FILTER_CHARS` characters (no filter reaches SQLite's
  pattern limits; filters are matched with ``=``, ``instr`` and ``substr``, never ``LIKE``, so
  ``%`` and ``_`` are literal characters);
- ``certainty`` values are known certainties (``all`` = every one); by default the listings
  keep asserted records only: every certainty but :data:`~newsledger.document.UNASSERTED_CERTAINTIES`;
- claim ``kind`` values are claim kinds (``all`` = every one); by default the claims listing
  keeps what people said, kind ``statement`` (docs/claims.md, "Kinds");
- event types are ACLED types, sub-types or PLOVER codes (or a part of one: "Explosions");
- a listing refuses the filters it does not support (:data:`SUPPORTED`) instead of ignoring them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..document import UNASSERTED_CERTAINTIES, Document
from ..errors import NewsledgerError

#: the longest text filter accepted (names, ids, types, prefixes)
MAX_FILTER_CHARS = 200
DATE_RE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
TEXT_FILTERS = ("actor", "place", "type", "doc")

#: the filters each listing answers; any other is refused
SUPPORTED: dict[str, frozenset[str]] = {
    "events": frozenset(
        {"actor", "place", "type", "since", "until", "doc", "limit", "certainty", "min_confidence"}
    ),
    "claims": frozenset(
        {"actor", "place", "type", "since", "until", "doc", "limit", "min_confidence", "kind"}
    ),
    "actors": frozenset({"actor", "type", "doc", "limit"}),
    "places": frozenset({"place", "type", "doc", "limit"}),
    "documents": frozenset({"since", "until", "doc", "limit"}),
}


class FilterError(NewsledgerError):
    """A filter value that cannot be answered: bad syntax, out of range, unknown name."""

    code = "NL410"

    def __init__(self, param: str, message: str, suggestions: Sequence[str] = ()):
        self.param = param
        self.suggestions = list(suggestions)
        super().__init__(message)

    def __str__(self) -> str:
        return self.message


class UnknownName(FilterError):
    """An actor, place or type the store does not know (with close names, if any)."""

    code = "NL411"


@dataclass
class QueryFilters:
    """Filters common to every listing. ``certainty`` None keeps the asserted records
    (every certainty but UNASSERTED_CERTAINTIES); ``min_confidence`` None keeps every one."""

    actor: str | None = None
    place: str | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None
    doc: str | None = None
    limit: int | None = None
    certainty: tuple[str, ...] | None = None
    min_confidence: float | None = None
    kind: tuple[str, ...] | None = None  # claim kinds; None: statements only

    def given(self) -> list[str]:
        """The names of the filters that are set."""
        return [f.name for f in dataclasses.fields(self) if getattr(self, f.name) is not None]


def known_certainties() -> frozenset[str]:
    """Every certainty an event may carry (the contract's and the unasserted ones)."""
    from ..validate import CERTAINTY

    return frozenset(CERTAINTY) | UNASSERTED_CERTAINTIES


def asserted_certainties() -> frozenset[str]:
    return known_certainties() - UNASSERTED_CERTAINTIES


def parse_certainty(values: Iterable[str] | None) -> tuple[str, ...] | None:
    """``--certainty`` values (repeated or comma-separated; ``all`` for every one) -> a sorted
    tuple, or None for the default (asserted only)."""
    if values is None:
        return None
    out: set[str] = set()
    known = known_certainties()
    for raw in values:
        for v in str(raw).split(","):
            v = v.strip().lower()
            if not v:
                continue
            if len(v) > MAX_FILTER_CHARS:
                raise FilterError("certainty", f"certainty: at most {MAX_FILTER_CHARS} characters")
            if v == "all":
                out |= known
            elif v in known:
                out.add(v)
            else:
                raise FilterError(
                    "certainty",
                    f"certainty: unknown value {v!r}; use one or more of "
                    f"{', '.join(sorted(known))} or 'all'",
                )
    if not out:
        return None
    return tuple(sorted(out))


def parse_kind(values: Iterable[str] | None) -> tuple[str, ...] | None:
    """``--kind`` values of claims (repeated or comma-separated; ``all`` for every kind) -> a
    sorted tuple, or None for the default (statements only)."""
    from ..claims.lexicon import KINDS

    if values is None:
        return None
    out: set[str] = set()
    for raw in values:
        for v in str(raw).split(","):
            v = v.strip().lower()
            if not v:
                continue
            if v == "all":
                out |= set(KINDS)
            elif v in KINDS:
                out.add(v)
            else:
                raise FilterError(
                    "kind",
                    f"kind: unknown claim kind {_short(v)!r}; use one or more of "
                    f"{', '.join(KINDS)} or 'all'",
                )
    return tuple(sorted(out)) or None


def check_date(param: str, value: str) -> str:
    """A (partial) ISO date as records carry them, checked against the calendar."""
    if not DATE_RE.fullmatch(value):
        raise FilterError(
            param, f"{param}: {_short(value)!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
        )
    parts = [int(x) for x in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise FilterError(param, f"{param}: {value!r} is not a calendar date") from None
    return value


def _short(value: str) -> str:
    return value if len(value) <= 40 else value[:37] + "..."


def check_filters(kind: str, f: QueryFilters) -> QueryFilters:
    """``f`` checked for the listing ``kind`` (see the module docstring); raises FilterError."""
    allowed = SUPPORTED[kind]
    for name in f.given():
        if name not in allowed:
            raise FilterError(
                name,
                f"{name}: not a filter of {kind} (its filters: {', '.join(sorted(allowed))})",
            )
    for name in TEXT_FILTERS:
        value = getattr(f, name)
        if value is None:
            continue
        if len(value) > MAX_FILTER_CHARS:
            raise FilterError(
                name, f"{name}: at most {MAX_FILTER_CHARS} characters (got {len(value):,})"
            )
        if not value.strip():
            raise FilterError(name, f"{name}: empty")
    for name in ("since", "until"):
        if getattr(f, name) is not None:
            check_date(name, getattr(f, name))
    if f.since and f.until and f.since[: len(f.until)] > f.until:
        raise FilterError("since", f"since: {f.since} is after until {f.until}")
    if f.limit is not None and f.limit < 1:
        raise FilterError("limit", f"limit: must be at least 1 (got {f.limit})")
    if f.min_confidence is not None and not 0.0 <= f.min_confidence <= 1.0:
        raise FilterError(
            "min_confidence", f"min_confidence: must be between 0 and 1 (got {f.min_confidence})"
        )
    certainty = parse_certainty(f.certainty) if f.certainty is not None else None
    kind = parse_kind(f.kind) if f.kind is not None else None
    return dataclasses.replace(f, certainty=certainty, kind=kind)


def event_types(value: str) -> tuple[set[str], set[str], set[str]]:
    """The ACLED types, sub-types and PLOVER codes a ``type`` filter names: an exact name
    (any case), else every name that contains it ("Explosions", "strike"). Raises UnknownName
    with the closest names when none does."""
    from ..validate import ACLED, PLOVER

    q = " ".join(value.split()).lower()
    types = {t for t in ACLED if t.lower() == q}
    subs = {s for ss in ACLED.values() for s in ss if s.lower() == q}
    plover = {p for p in PLOVER if p.lower() == q}
    if types or subs or plover:
        return types, subs, plover
    types = {t for t in ACLED if q in t.lower()}
    subs = {s for ss in ACLED.values() for s in ss if q in s.lower()}
    plover = {p for p in PLOVER if q in p.lower()}
    if types or subs or plover:
        return types, subs, plover
    from rapidfuzz import fuzz, process

    names = sorted({*ACLED, *(s for ss in ACLED.values() for s in ss), *PLOVER})
    close = [
        m[0]
        for m in process.extract(
            q, names, scorer=fuzz.ratio, processor=str.lower, limit=3, score_cutoff=70
        )
    ]
    raise UnknownName("type", did_you_mean("event type", value, close), close)


def keeps_event(f: QueryFilters, certainty: str | None, confidence: float | None) -> bool:
    """Whether an event of this certainty and confidence passes ``f``'s certainty and
    min_confidence filters (``f`` checked): the Python twin of the listings' SQL."""
    cert = certainty or "reported"
    if f.certainty is None:
        if cert in UNASSERTED_CERTAINTIES:
            return False
    elif cert not in f.certainty:
        return False
    return f.min_confidence is None or (confidence or 0.0) >= f.min_confidence


def with_kept_events(docs: Iterable[Document], f: QueryFilters) -> Iterator[Document]:
    """Each document with only the events ``f`` keeps (for the ledger and trends, which read
    documents rather than rows): unasserted events never reach corroboration or trends."""
    for doc in docs:
        doc.events = [e for e in doc.events if keeps_event(f, e.certainty, e.confidence)]
        yield doc


def check_outlet(conn: Any, outlet: str) -> str:
    """``outlet`` as the CLI's ``--outlet`` and the API's ``outlet=`` take it: one of the
    store's outlets, any case (returned case-folded), else a :class:`FilterError` with the
    closest outlets (never a silent empty answer). Rows are then kept by :func:`of_outlet`."""
    from rapidfuzz import fuzz, process

    value = outlet.strip()
    if not value:
        raise FilterError("outlet", "outlet: empty")
    if len(value) > MAX_FILTER_CHARS:
        raise FilterError("outlet", f"outlet: at most {MAX_FILTER_CHARS} characters")
    known = [o for (o,) in conn.execute("SELECT DISTINCT outlet FROM documents") if o]
    want = value.casefold()
    if not any(o.casefold() == want for o in known):
        close = [m[0] for m in process.extract(value, known, scorer=fuzz.WRatio,
                 processor=str.lower, limit=3, score_cutoff=60)]  # fmt: skip
        raise FilterError("outlet", did_you_mean("outlet", value, close), close)
    return want


def of_outlet(rows: list[dict[str, Any]], want: str) -> list[dict[str, Any]]:
    """The rows whose document's outlet is ``want`` (case-folded, from :func:`check_outlet`)."""
    return [r for r in rows if (r.get("outlet") or "").casefold() == want]


def did_you_mean(what: str, value: str, close: Sequence[str]) -> str:
    """The one line every command and endpoint says for a name it does not know."""
    if close:
        return f"no {what} {_short(value)!r}; did you mean: {', '.join(close)}?"
    return f"no {what} {_short(value)!r} in the store"


__all__ = [
    "MAX_FILTER_CHARS",
    "SUPPORTED",
    "FilterError",
    "QueryFilters",
    "UnknownName",
    "asserted_certainties",
    "check_date",
    "check_filters",
    "did_you_mean",
    "event_types",
    "keeps_event",
    "known_certainties",
    "parse_certainty",
    "parse_kind",
    "with_kept_events",
]
