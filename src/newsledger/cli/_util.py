"""Shared CLI helpers: settings from flags, output formats, error lines."""

from __future__ import annotations

import csv
import inspect
import json
import sys
from collections.abc import Sequence
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from ..errors import NewsledgerError
from ..settings import Settings, load_settings
from ..store.filters import FilterError, QueryFilters

stdout = Console()
stderr = Console(stderr=True)

DbOption = typer.Option(
    None,
    "--db",
    help="Store: a SQLite path, or postgresql://USER@HOST[:PORT]/DB "
    "(default: settings store.db, env NEWSLEDGER_DB).",
)
SettingsOption = typer.Option(
    None, "--settings", help="A TOML settings file laid over the defaults."
)
JsonOption = typer.Option(
    False, "--json", help="Write JSON (one object per line) instead of a table."
)
CsvOption = typer.Option(False, "--csv", help="Write CSV instead of a table.")


def settings_from(
    settings_file: str | None = None, db: str | None = None, **pipeline: Any
) -> Settings:
    try:
        return load_settings(
            settings_file,
            overrides={"store": {"db": db}, "pipeline": {k: v for k, v in pipeline.items()}},
        )
    except NewsledgerError as exc:
        fail(str(exc), code=2)
        raise  # unreachable


def fail(message: str, code: int = 1) -> None:
    stderr.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def warn_line(source: str, reason: str) -> None:
    """One clear line per failed input: file[:line]: reason."""
    print(f"newsledger: {source}: {reason}", file=sys.stderr, flush=True)


def emit(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    *,
    as_json: bool,
    as_csv: bool,
    title: str | None = None,
    max_width: dict[str, int] | None = None,
) -> None:
    if as_json and as_csv:
        fail("choose one of --json and --csv", code=2)
    if as_json:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    if as_csv:
        w = csv.DictWriter(
            sys.stdout,
            fieldnames=list(rows[0].keys()) if rows else list(columns),
            extrasaction="ignore",
        )
        w.writeheader()
        w.writerows(rows)
        return
    table = Table(title=title, show_lines=False, header_style="bold")
    max_width = max_width or {}
    widths = {}
    for col in columns:  # short columns: as wide as their longest value, at most 18
        longest = max((len(str(r.get(col) or "")) for r in rows), default=0)
        widths[col] = min(max(len(col.removesuffix("_name")), longest), 18)
    long_cols = [c for c in columns if c in max_width]
    fixed = sum(w + 3 for c, w in widths.items() if c not in max_width) + 1
    room = max(20, (stdout.width - fixed) // max(1, len(long_cols)) - 3)
    for col in columns:
        header = col.removesuffix("_name")
        # long text (sentence, content) takes the room left, one line each, cut with an ellipsis
        width = min(room, max_width[col]) if col in max_width else widths[col]
        table.add_column(header, overflow="ellipsis", no_wrap=True, width=width)
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    stdout.print(table)
    if not rows:
        stderr.print("(nothing found)")


# -- filters: the same options, help and checks on every command that lists events ---------
#: (annotation, option) of each filter a command may offer; commands pick theirs by name
FILTER_OPTIONS: dict[str, tuple[Any, Any]] = {
    "actor": (str | None, typer.Option(
        None, "--actor",
        help="Actor id, name, alias or acronym ('Taliban', 'ISKP', 'ISIS-K'); a name the store "
        "does not know exits 2 with the closest names.",
    )),
    "place": (str | None, typer.Option(
        None, "--place",
        help="Place name or id, province (admin1), country name or ISO code ('Nangarhar', "
        "'Afghanistan' = 'AF' = 'AFG').",
    )),
    "type": (str | None, typer.Option(
        None, "--type",
        help="Events: ACLED type or sub-type, PLOVER code, or part of one ('Battles', "
        "'Explosions', 'ASSAULT'); claims: cue, speaker kind or quote; actors: actor type; "
        "places: place kind.",
    )),
    "since": (str | None, typer.Option(
        None, "--since", help="From this date on (YYYY, YYYY-MM or YYYY-MM-DD)."
    )),
    "until": (str | None, typer.Option(
        None, "--until",
        help="Up to this date (YYYY, YYYY-MM or YYYY-MM-DD; '2023-03' keeps all of March).",
    )),
    "doc": (str | None, typer.Option(None, "--doc", help="Only this document (id or id prefix).")),
    "limit": (int | None, typer.Option(None, "--limit", help="At most this many rows (>= 1).")),
    "certainty": (list[str] | None, typer.Option(
        None, "--certainty",
        help="Keep events of these certainties (repeat or comma-separate; 'all' for every "
        "one). Default: asserted events only, not hypothetical, conditional, future, generic "
        "or negated.",
    )),
    "min_confidence": (float | None, typer.Option(
        None, "--min-confidence", help="Keep records whose confidence is at least this (0..1)."
    )),
    "kind": (list[str] | None, typer.Option(
        None, "--kind",
        help="Claims of these kinds (statement, topic, belief, intention, evidence, sentiment; "
        "repeat or comma-separate; 'all' for every one). Default: statements, what people said.",
    )),
}  # fmt: skip


def filter_parameters(names: Sequence[str]) -> list[inspect.Parameter]:
    """Keyword parameters for the filters ``names`` (build a command's signature from them)."""
    return [
        inspect.Parameter(
            name, inspect.Parameter.KEYWORD_ONLY, default=FILTER_OPTIONS[name][1],
            annotation=FILTER_OPTIONS[name][0],
        )
        for name in names
    ]  # fmt: skip


def query_filters(values: dict[str, Any]) -> QueryFilters:
    """QueryFilters from a command's filter options (the ones it does not offer stay None)."""
    known = {k: v for k, v in values.items() if k in FILTER_OPTIONS}
    for name in ("certainty", "kind"):
        if known.get(name) is not None:
            known[name] = tuple(known[name]) or None
    return QueryFilters(**known)


def filter_failed(exc: FilterError) -> None:
    """A filter the store cannot answer: one line, exit 2 (a usage error)."""
    fail(str(exc), code=2)
