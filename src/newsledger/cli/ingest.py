"""`newsledger ingest PATH... [--db URL]`: extract into the store."""

from __future__ import annotations

import json
import sys

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..errors import NewsledgerError
from ..jobs import IngestSummary, ingest
from ..pipeline import Failure
from ..runners import ENGINES
from ..store import open_store
from ..store.dialect import shown_url
from ._util import DbOption, SettingsOption, fail, settings_from, stderr, warn_line


def run(
    paths: list[str],
    db: str | None = None,
    settings_file: str | None = None,
    as_json: bool = False,
    progress: bool | None = None,
    workers: int = 1,
    force: bool = False,
    engine: str = "local",
    address: str | None = None,
) -> int:
    if engine not in ENGINES:
        fail(f"unknown engine {engine!r}: choose {' or '.join(ENGINES)}", code=2)
    settings = settings_from(settings_file, db=db)
    try:
        store = open_store(settings.db)
    except NewsledgerError as exc:
        fail(str(exc), code=1)
    show = sys.stderr.isatty() if progress is None else progress

    def on_error(f: Failure) -> None:
        if bar is not None:
            bar.console.print(f"newsledger: {f.source}: {f.reason}", highlight=False, markup=False)
        else:
            warn_line(f.source, f.reason)

    bar: Progress | None = None
    with store:
        if show:
            bar = Progress(
                SpinnerColumn(),
                TextColumn("[bold]ingest[/bold]"),
                BarColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=stderr,
                transient=True,
            )
            task = bar.add_task("", total=None)

            def on_progress(s: IngestSummary) -> None:
                bar.update(
                    task,
                    description=(
                        f"{s.total} docs · {s.new} new · {s.replaced} replaced · "
                        f"{s.unchanged} unchanged · {s.failed} failed"
                    ),
                )

        options = {
            "stdin": sys.stdin,
            "on_error": on_error,
            "workers": workers,
            "force": force,
            "engine": engine,
            "address": address,
        }
        try:
            if bar is not None:
                with bar:
                    summary = ingest(paths, settings, store, on_progress=on_progress, **options)
            else:
                summary = ingest(paths, settings, store, **options)
        except NewsledgerError as exc:  # e.g. Ray cannot be reached; stored documents stay
            fail(str(exc), code=2)
        if as_json:
            print(json.dumps({**summary.as_dict(), "db": shown_url(settings.db)}))
        else:
            stderr.print(
                f"{summary.total} document{'s' * (summary.total != 1)}: {summary.new} new, "
                f"{summary.replaced} replaced, "
                f"{summary.unchanged} unchanged, {summary.failed} failed"
                + (
                    f", {summary.skipped} skipped: {skipped_why(summary)}"
                    if summary.skipped
                    else ""
                )
                + (
                    f"; {summary.repeated} repeated id{'s' if summary.repeated > 1 else ''} in "
                    "one JSONL file (the later line kept)"
                    if summary.repeated
                    else ""
                )
                + f" -> {shown_url(settings.db)}",
                highlight=False,
            )
    return 1 if summary.failed else 0


def skipped_why(summary: IngestSummary) -> str:
    """Why documents were skipped, grouped: "language ar", or "language ar 2, language fr 1"."""
    from collections import Counter

    why = Counter(
        f.reason.removeprefix("skipped: ").split(" (")[0] for f in summary.failures if f.skipped
    )
    if len(why) == 1:
        return next(iter(why))
    return ", ".join(f"{k} {n}" for k, n in why.most_common())


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest_cmd(
        paths: list[str] = typer.Argument(..., help="Files, folders or - for standard input."),
        db: str | None = DbOption,
        settings_file: str | None = SettingsOption,
        as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
        progress: bool | None = typer.Option(
            None, "--progress/--no-progress", help="Progress bar (default: on a terminal)."
        ),
        force: bool = typer.Option(
            False, "--force", help="Re-extract documents even when their content is unchanged."
        ),
        workers: int = typer.Option(
            1,
            "--workers",
            "-w",
            min=1,
            help="Extract in this many processes or Ray actors (one process writes the store).",
        ),
        engine: str = typer.Option(
            "local",
            "--engine",
            help="Where extraction runs: local (this machine's processes) or ray (Ray actors).",
        ),
        ray_address: str | None = typer.Option(
            None,
            "--ray-address",
            metavar="ADDR",
            help="Join this Ray cluster (auto, ray://host:10001); default: RAY_ADDRESS, "
            "else a local Ray for this job.",
        ),
    ) -> None:
        """Extract articles into the ledger store (idempotent; one transaction per document)."""
        raise typer.Exit(
            run(paths, db, settings_file, as_json, progress, workers, force, engine, ray_address)
        )
