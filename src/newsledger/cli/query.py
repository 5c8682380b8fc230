"""`newsledger events|claims|actors|places`: query the store."""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from typing import Any

import typer

from ..errors import NewsledgerError
from ..store import QueryFilters, Store, open_store
from ..store.filters import SUPPORTED, FilterError, check_outlet, of_outlet
from ._util import (
    FILTER_OPTIONS,
    CsvOption,
    DbOption,
    JsonOption,
    SettingsOption,
    emit,
    fail,
    filter_failed,
    filter_parameters,
    query_filters,
    settings_from,
)

EVENT_COLUMNS = [
    "date",
    "subtype",
    "plover",
    "actor1_name",
    "actor2_name",
    "place_name",
    "fatalities",
    "certainty",
    "confidence",
    "sentence",
]
CLAIM_COLUMNS = [
    "date",
    "date_from",
    "speaker_text",
    "speaker_kind",
    "kind",
    "cue",
    "channel",
    "quote",
    "hedged",
    "content",
]
ACTOR_COLUMNS = [
    "id",
    "name",
    "type",
    "country",
    "documents",
    "mentions",
    "events_as_actor1",
    "events_as_actor2",
    "claims",
]
PLACE_COLUMNS = ["id", "name", "kind", "country", "admin1", "lat", "lon", "mentions", "events"]


def open_for_reading(db: str | None, settings_file: str | None) -> Store:
    settings = settings_from(settings_file, db=db)
    try:
        return open_store(settings.db, readonly=True)
    except NewsledgerError as exc:
        fail(str(exc))
        raise


def run(
    kind: str,
    filters: QueryFilters,
    db: str | None = None,
    settings_file: str | None = None,
    as_json: bool = False,
    as_csv: bool = False,
    outlet: str | None = None,
) -> list[dict[str, Any]]:
    """The rows of listing ``kind``; ``outlet`` (events, claims): only documents of that outlet
    (one of the store's, any case; checked as the API's ``outlet=``), the limit applied after."""
    with open_for_reading(db, settings_file) as store:
        try:
            if outlet is None:
                rows: list[dict[str, Any]] = getattr(store, kind)(filters)
            else:
                want = check_outlet(store.conn, outlet)
                rows = getattr(store, kind)(dataclasses.replace(filters, limit=None))
                rows = of_outlet(rows, want)[: filters.limit or None]
        except FilterError as exc:
            filter_failed(exc)
            raise
    columns = {
        "events": EVENT_COLUMNS,
        "claims": CLAIM_COLUMNS,
        "actors": ACTOR_COLUMNS,
        "places": PLACE_COLUMNS,
    }[kind]
    shown = rows
    if not as_json and not as_csv:  # round in the table only; JSON/CSV keep full precision
        shown = [
            {**r, "confidence": round(r["confidence"], 2)}
            if isinstance(r.get("confidence"), float)
            else r
            for r in rows
        ]
    emit(
        shown,
        columns,
        as_json=as_json,
        as_csv=as_csv,
        title=kind.capitalize(),
        max_width={"sentence": 60, "content": 60},
    )
    return rows


HELP = {
    "events": "List events: date, ACLED sub-type, PLOVER, actors, place, fatalities, evidence. "
    "Asserted events only unless --certainty says otherwise.",
    "claims": "List claims: date, speaker, cue, channel, direct/indirect, hedged, content "
    "(--place: claims of the documents that name the place).",
    "actors": "List actors with counts of mentions, events (as actor1/actor2) and claims.",
    "places": "List places with coordinates and counts of mentions and events.",
}


#: the listings that take --outlet (as the API's events and claims take outlet=)
OUTLET_KINDS = ("events", "claims")
OUTLET_OPTION = typer.Option(
    None, "--outlet", help="Only documents of this outlet (one of the store's, any case)."
)


def make_command(kind: str) -> Callable[..., None]:
    """The Typer command for one listing: the filters the listing answers (SUPPORTED), the
    store and the output format. Exit 0 rows found, 1 none, 2 a bad filter."""

    def command(
        db: str | None = None,
        settings_file: str | None = None,
        as_json: bool = False,
        as_csv: bool = False,
        outlet: str | None = None,
        **values: Any,
    ) -> None:
        rows = run(kind, query_filters(values), db, settings_file, as_json, as_csv, outlet)
        raise typer.Exit(0 if rows else 1)

    names = [n for n in FILTER_OPTIONS if n in SUPPORTED[kind]]
    output = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=opt, annotation=ann)
        for name, ann, opt in (
            ("db", str | None, DbOption),
            ("settings_file", str | None, SettingsOption),
            ("as_json", bool, JsonOption),
            ("as_csv", bool, CsvOption),
        )
    ]
    if kind in OUTLET_KINDS:
        output.insert(0, inspect.Parameter("outlet", inspect.Parameter.KEYWORD_ONLY,
                                           default=OUTLET_OPTION, annotation=str | None))  # fmt: skip
    command.__signature__ = inspect.Signature(filter_parameters(names) + output)  # type: ignore[attr-defined]
    command.__doc__ = HELP[kind]
    return command


def register(app: typer.Typer) -> None:
    for kind in HELP:
        app.command(kind)(make_command(kind))
