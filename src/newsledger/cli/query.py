"""`newsledger events|claims|actors|places`: query the store."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer

from ..errors import NewsledgerError
from ..store import QueryFilters, Store, open_store
from ._util import CsvOption, DbOption, JsonOption, SettingsOption, emit, fail, settings_from

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
    "speaker_text",
    "speaker_kind",
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
) -> list[dict[str, Any]]:
    with open_for_reading(db, settings_file) as store:
        rows: list[dict[str, Any]] = getattr(store, kind)(filters)
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
    "events": "List events: date, ACLED sub-type, PLOVER, actors, place, fatalities, evidence.",
    "claims": "List claims: speaker, cue, channel, direct/indirect, hedged, content.",
    "actors": "List actors with counts of mentions, events (as actor1/actor2) and claims.",
    "places": "List places with coordinates and counts of mentions and events.",
}


def make_command(kind: str) -> Callable[..., None]:
    """The Typer command for one listing (the same options for all four)."""

    def command(
        actor: str | None = typer.Option(None, "--actor", help="Actor id or name."),
        place: str | None = typer.Option(
            None, "--place", help="Place id, name, admin1 or ISO country."
        ),
        type_: str | None = typer.Option(
            None,
            "--type",
            help="Event type/sub-type/PLOVER; claim cue; actor type; place kind.",
        ),
        since: str | None = typer.Option(None, "--since", help="From this date (YYYY[-MM[-DD]])."),
        until: str | None = typer.Option(None, "--until", help="Up to this date (YYYY[-MM[-DD]])."),
        doc: str | None = typer.Option(None, "--doc", help="Only this document (id or id prefix)."),
        limit: int | None = typer.Option(None, "--limit", help="At most this many rows."),
        db: str | None = DbOption,
        settings_file: str | None = SettingsOption,
        as_json: bool = JsonOption,
        as_csv: bool = CsvOption,
    ) -> None:
        filters = QueryFilters(actor, place, type_, since, until, doc, limit)
        rows = run(kind, filters, db, settings_file, as_json, as_csv)
        raise typer.Exit(0 if rows else 1)

    command.__doc__ = HELP[kind]
    return command


def register(app: typer.Typer) -> None:
    for kind in HELP:
        app.command(kind)(make_command(kind))
