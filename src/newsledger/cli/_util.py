"""Shared CLI helpers: settings from flags, output formats, error lines."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from ..errors import NewsledgerError
from ..settings import Settings, load_settings

stdout = Console()
stderr = Console(stderr=True)

DbOption = typer.Option(
    None, "--db", help="Store path (default: settings store.db, env NEWSLEDGER_DB)."
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
    for col in columns:
        table.add_column(col, overflow="fold", max_width=max_width.get(col))
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    stdout.print(table)
    if not rows:
        stderr.print("(nothing found)")
