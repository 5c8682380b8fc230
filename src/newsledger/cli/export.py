"""`newsledger export`: events as ACLED's columns (CSV, JSON Lines, Parquet) or as GeoJSON.

ACLED's conventions, kept where newsledger has the information:

- ``event_date`` is always a full day; ``time_precision`` says how much of it the report gave:
  1 the day, 2 the month (dated the 15th), 3 the year (dated 1 July). An event the text does not
  date takes its article's date (``date_from`` = "article"; the event is no later than that).
- ``geo_precision``: 1 a town or site, 2 a district (admin2), 3 a province, region or country.
- ``country``/``iso`` (ISO 3166 numeric, as ACLED writes it) come from the event's place, else
  from the country the article's places are mostly in (``geo_from`` = "article").
- ``event_type`` is set on every row of the ACLED export; records typed only in PLOVER (a threat,
  an accusation, aid) are no ACLED events: ``--scheme plover`` exports them on their own,
  ``--scheme all`` exports both with ``scheme`` saying which each row is.
- asserted events only by default (``--certainty`` to change it): a hypothetical event is never
  in an ACLED export unless asked for.
"""

from __future__ import annotations

import csv
import datetime as dt
import inspect
import json
import sys
from typing import Any

import typer

from ..store import QueryFilters
from ..store.filters import FilterError
from ..store.query import document_countries
from ._util import (
    DbOption,
    SettingsOption,
    fail,
    filter_failed,
    filter_parameters,
    query_filters,
)
from .query import open_for_reading

#: (column, Arrow type): ACLED's columns, then newsledger's own
ACLED_FIELDS = [
    ("event_id_cnty", "string"),
    ("event_date", "string"),
    ("year", "int64"),
    ("time_precision", "int64"),
    ("event_type", "string"),
    ("sub_event_type", "string"),
    ("actor1", "string"),
    ("actor2", "string"),
    ("iso", "int64"),
    ("country", "string"),
    ("admin1", "string"),
    ("location", "string"),
    ("latitude", "float64"),
    ("longitude", "float64"),
    ("geo_precision", "int64"),
    ("fatalities", "int64"),
    ("source", "string"),
    ("notes", "string"),
    # newsledger's own, after ACLED's
    ("scheme", "string"),
    ("plover", "string"),
    ("certainty", "string"),
    ("confidence", "float64"),
    ("date_from", "string"),
    ("geo_from", "string"),
    ("doc_id", "string"),
    ("url", "string"),
]
ACLED_COLUMNS = [name for name, _ in ACLED_FIELDS]
FORMATS = ("csv", "jsonl", "parquet", "geojson")
SCHEMES = ("acled", "plover", "all")
#: ACLED's geo_precision by the kind of place
GEO_PRECISION = {"site": 1, "city": 1, "admin2": 2, "admin1": 3, "region": 3, "country": 3}


def full_date(date: str | None) -> tuple[str | None, int | None]:
    """(YYYY-MM-DD, ACLED time_precision) of a partial ISO date: a month is dated the 15th
    (precision 2), a year 1 July (precision 3); (None, None) when there is no valid date."""
    if not date:
        return None, None
    try:
        if len(date) >= 10:
            return dt.date.fromisoformat(date[:10]).isoformat(), 1
        if len(date) == 7:
            return dt.date(int(date[:4]), int(date[5:7]), 15).isoformat(), 2
        if len(date) == 4:
            return dt.date(int(date), 7, 1).isoformat(), 3
    except ValueError:
        return None, None
    return None, None


def iso_numeric(iso2: str | None) -> int | None:
    """ISO 3166 numeric code (ACLED's ``iso``) of an alpha-2 code."""
    if not iso2:
        return None
    import pycountry

    c = pycountry.countries.get(alpha_2=iso2.upper())
    return int(c.numeric) if c else None


def acled_row(e: dict[str, Any], article_country: str | None) -> dict[str, Any]:
    """One event row of the store as one ACLED row (see the module docstring)."""
    from ..places import country_name

    date, precision = full_date(e["date"])
    date_from = "event" if date else None
    if date is None:
        date, precision = full_date(e.get("reference_date") or e.get("published"))
        date_from = "article" if date else None
    country = e["country"]
    geo_from = "event" if country else None
    if not country and article_country:
        country, geo_from = article_country, "article"
    return {
        "event_id_cnty": f"{e['doc_id']}:{e['event_id']}",
        "event_date": date,
        "year": int(date[:4]) if date else None,
        "time_precision": precision,
        "event_type": e["type"],
        "sub_event_type": e["subtype"],
        "actor1": e["actor1_name"] or e["actor1"],
        "actor2": e["actor2_name"] or e["actor2"],
        "iso": iso_numeric(country),
        "country": country_name(country),
        "admin1": e["admin1"],
        "location": e["place_name"],
        "latitude": e["lat"],
        "longitude": e["lon"],
        "geo_precision": GEO_PRECISION.get(e.get("place_kind") or "", 3 if country else None),
        "fatalities": e["fatalities"],
        "source": e["outlet"],
        "notes": e["sentence"],
        "scheme": "ACLED" if e["type"] else "PLOVER",
        "plover": e["plover"],
        "certainty": e["certainty"],
        "confidence": e["confidence"],
        "date_from": date_from,
        "geo_from": geo_from,
        "doc_id": e["doc_id"],
        "url": e["url"],
    }


def acled_rows(
    events: list[dict[str, Any]],
    countries: dict[str, str] | None = None,
    scheme: str = "acled",
) -> list[dict[str, Any]]:
    """ACLED rows of the events ``scheme`` keeps: "acled" (an ACLED type), "plover" (PLOVER
    only, no ACLED type) or "all"; ``countries``: document id -> the article's country."""
    rows = [acled_row(e, (countries or {}).get(e["doc_id"])) for e in events]
    if scheme == "acled":
        return [r for r in rows if r["scheme"] == "ACLED"]
    if scheme == "plover":
        return [r for r in rows if r["scheme"] == "PLOVER" and r["plover"]]
    return rows


def geojson(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection: one Point per row (geometry null where no coordinates)."""
    features = []
    for r in rows:
        geometry = None
        if r["latitude"] is not None and r["longitude"] is not None:
            geometry = {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]}
        features.append({"type": "Feature", "id": r["event_id_cnty"], "geometry": geometry,
                         "properties": r})  # fmt: skip
    return {"type": "FeatureCollection", "features": features}


def run(
    fmt: str,
    output: str | None,
    filters: QueryFilters,
    db: str | None = None,
    settings_file: str | None = None,
    scheme: str = "acled",
) -> int:
    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}: choose {', '.join(FORMATS)}", code=2)
    if scheme not in SCHEMES:
        fail(f"unknown scheme {scheme!r}: choose {', '.join(SCHEMES)}", code=2)
    if fmt == "parquet" and not output:
        fail("parquet is binary: give --output FILE", code=2)
    with open_for_reading(db, settings_file) as store:
        try:
            events = store.events(filters)
        except FilterError as exc:
            filter_failed(exc)
            raise
        countries = document_countries(store.conn, {e["doc_id"] for e in events})
    rows = acled_rows(events, countries, scheme)
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
        elif fmt == "geojson":
            out.write(json.dumps(geojson(rows), ensure_ascii=False) + "\n")
        else:
            for r in rows:
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
    finally:
        if output:
            out.close()
    return 0


FILTERS = ("actor", "place", "type", "since", "until", "doc", "limit", "certainty",
           "min_confidence")  # fmt: skip


def export_cmd(
    fmt: str = "csv",
    output: str | None = None,
    scheme: str = "acled",
    db: str | None = None,
    settings_file: str | None = None,
    **values: Any,
) -> None:
    """Export events as ACLED's columns (notes = the evidence sentence) or as GeoJSON.

    Full event_date with time_precision (1 day, 2 month, 3 year), event_type on every ACLED
    row, country and iso from the article when the event has no place; asserted events only
    unless --certainty says otherwise; PLOVER-only records with --scheme plover or all.
    """
    raise typer.Exit(run(fmt, output, query_filters(values), db, settings_file, scheme))


_OWN = [
    ("fmt", str, typer.Option("csv", "--format", "-f", help="csv, jsonl, parquet or geojson.")),
    ("output", str | None, typer.Option(
        None, "--output", "-o", help="Write to this file (default: stdout; parquet needs one)."
    )),
    ("scheme", str, typer.Option(
        "acled", "--scheme",
        help="acled: events with an ACLED type; plover: records typed only in PLOVER; all: "
        "both, the 'scheme' column telling which.",
    )),
    ("db", str | None, DbOption),
    ("settings_file", str | None, SettingsOption),
]  # fmt: skip
export_cmd.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
    [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=o, annotation=a)
     for n, a, o in _OWN] + filter_parameters(FILTERS)
)  # fmt: skip


def register(app: typer.Typer) -> None:
    app.command("export")(export_cmd)
