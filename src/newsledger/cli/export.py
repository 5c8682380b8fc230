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

#: (column, Arrow type): ACLED's columns, then newsledger's own
ACLED_FIELDS = [
    ("event_id_cnty", "string"),
    ("event_date", "string"),
    ("year", "int64"),
    ("event_type", "string"),
    ("sub_event_type", "string"),
    ("actor1", "string"),
    ("actor2", "string"),
    ("country", "string"),
    ("admin1", "string"),
    ("location", "string"),
    ("latitude", "float64"),
    ("longitude", "float64"),
    ("fatalities", "int64"),
    ("source", "string"),
    ("notes", "string"),
    # newsledger's own, after ACLED's
    ("plover", "string"),
    ("certainty", "string"),
    ("confidence", "float64"),
    ("date_precision", "string"),
    ("doc_id", "string"),
    ("url", "string"),
]
ACLED_COLUMNS = [name for name, _ in ACLED_FIELDS]


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

        schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in ACLED_FIELDS])
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), output)
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
