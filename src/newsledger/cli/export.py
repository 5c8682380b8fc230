"""`newsledger export --format csv|jsonl|parquet`: events as ACLED-style columns."""

from __future__ import annotations

import csv
import json
import sys
from typing import Any

import typer

from ..store import QueryFilters
from ._util import DbOption, SettingsOption, fail
from .query import open_for_reading

ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "fatalities",
    "source",
    "notes",
    # newsledger's own, after ACLED's
    "plover",
    "certainty",
    "confidence",
    "date_precision",
    "doc_id",
    "url",
]


def acled_rows(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from ..places import country_name

    rows = []
    for e in events:
        date = e["date"]
        rows.append(
            {
                "event_id_cnty": f"{e['doc_id']}:{e['event_id']}",
                "event_date": date,
                "year": int(date[:4]) if date else None,
                "event_type": e["type"],
                "sub_event_type": e["subtype"],
                "actor1": e["actor1_name"] or e["actor1"],
                "actor2": e["actor2_name"] or e["actor2"],
                "country": country_name(e["country"]),
                "admin1": e["admin1"],
                "location": e["place_name"],
                "latitude": e["lat"],
                "longitude": e["lon"],
                "fatalities": e["fatalities"],
                "source": e["outlet"],
                "notes": e["sentence"],
                "plover": e["plover"],
                "certainty": e["certainty"],
                "confidence": e["confidence"],
                "date_precision": {4: "year", 7: "month", 10: "day"}.get(len(date))
                if date
                else None,
                "doc_id": e["doc_id"],
                "url": e["url"],
            }
        )
    return rows


def run(
    fmt: str,
    output: str | None,
    filters: QueryFilters,
    db: str | None = None,
    settings_file: str | None = None,
) -> int:
    if fmt not in ("csv", "jsonl", "parquet"):
        fail(f"unknown format {fmt!r}: choose csv, jsonl or parquet", code=2)
    if fmt == "parquet" and not output:
        fail("parquet is binary: give --output FILE", code=2)
    with open_for_reading(db, settings_file) as store:
        rows = acled_rows(store.events(filters))
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = (
            pa.Table.from_pylist(rows, schema=_schema())
            if rows
            else pa.table(
                {c: pa.array([], type=t) for c, t in zip(ACLED_COLUMNS, _types(), strict=True)}
            )
        )
        pq.write_table(table, output)
        return 0
    out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout  # noqa: SIM115
    try:
        if fmt == "csv":
            w = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
            w.writeheader()
            w.writerows(rows)
        else:
            for r in rows:
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
    finally:
        if output:
            out.close()
    return 0


def _types() -> list[Any]:
    import pyarrow as pa

    s, i, f = pa.string(), pa.int64(), pa.float64()
    return [s, s, i, s, s, s, s, s, s, s, f, f, i, s, s, s, s, f, s, s, s]


def _schema() -> Any:
    import pyarrow as pa

    return pa.schema(list(zip(ACLED_COLUMNS, _types(), strict=True)))


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export_cmd(
        fmt: str = typer.Option("csv", "--format", "-f", help="csv, jsonl or parquet."),
        output: str | None = typer.Option(None, "--output", "-o", help="File (default: stdout)."),
        actor: str | None = typer.Option(None, "--actor"),
        place: str | None = typer.Option(None, "--place"),
        type_: str | None = typer.Option(None, "--type"),
        since: str | None = typer.Option(None, "--since"),
        until: str | None = typer.Option(None, "--until"),
        db: str | None = DbOption,
        settings_file: str | None = SettingsOption,
    ) -> None:
        """Export events as ACLED-style columns (notes = the evidence sentence)."""
        raise typer.Exit(
            run(fmt, output, QueryFilters(actor, place, type_, since, until), db, settings_file)
        )
