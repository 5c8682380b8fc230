"""`newsledger trends`: events per week/month/quarter by type, actor or province."""

from __future__ import annotations

import json
import sys

import typer

from ..store import QueryFilters
from ..store.filters import FilterError, event_types
from ._util import (
    FILTER_OPTIONS,
    CsvOption,
    DbOption,
    SettingsOption,
    filter_failed,
    query_filters,
    stderr,
    stdout,
)


def run(
    db: str | None = None,
    settings_file: str | None = None,
    by: str = "type",
    period: str = "month",
    chart: str | None = None,
    as_json: bool = False,
    as_csv: bool = False,
    actor: str | None = None,
    event_type: str | None = None,
    filters: QueryFilters | None = None,
) -> int:
    """Count events (each real event once: reports are clustered first) per period and group.

    Returns the exit code: 0 done, 1 nothing to count, 2 bad options (a bad filter or an
    unknown actor exits 2 itself).
    """
    from ..analysis import analyze, compute_trends, resolve_actor
    from ..analysis.trends import BY, PERIODS

    if by not in BY:
        stderr.print(f"[red]error:[/red] --by must be one of {', '.join(BY)}")
        return 2
    if period not in PERIODS:
        stderr.print(f"[red]error:[/red] --period must be one of {', '.join(PERIODS)}")
        return 2
    if as_json and as_csv:
        stderr.print("[red]error:[/red] choose one of --json and --csv")
        return 2
    if event_type:
        try:
            types, _, _ = event_types(event_type)
        except FilterError as exc:
            filter_failed(exc)
            raise
        if len(types) != 1:
            stderr.print(f"[red]error:[/red] --type must name one ACLED event type, not "
                         f"{event_type!r}", highlight=False)  # fmt: skip
            return 2
        event_type = types.pop()
    from .ledger import load_corpus

    corpus, match = load_corpus(db, settings_file, filters, actor)
    if not corpus.docs:
        stderr.print("[red]error:[/red] the store holds no documents: run `newsledger ingest`")
        return 1
    analysis = analyze(corpus)
    keys = None
    if match is not None:
        found = next((x for n in match.names if (x := resolve_actor(n, analysis.corpus))), None)
        keys = found[1] if found else ["\x00none"]  # known to the store, in no kept event
    table = compute_trends(
        analysis.events, by=by, period=period, actor_keys=keys, event_type=event_type
    )
    if match is not None:
        table.filters["actor"] = match.name
    if not table.counts:
        stderr.print(
            "no dated events to count" + (f" ({table.undated} undated)" if table.undated else "")
        )
        return 1
    if as_json:
        sys.stdout.write(json.dumps(table.to_dict(), ensure_ascii=False) + "\n")
    elif as_csv:
        sys.stdout.write(table.to_csv())
    else:
        from ..analysis.report import render_trends_terminal

        render_trends_terminal(table, console=stdout)
    if chart:
        from ..analysis.charts import trend_chart

        try:
            path = trend_chart(table, chart)
        except ValueError as exc:
            stderr.print(f"[red]error:[/red] {exc}")
            return 2
        stderr.print(f"wrote {path}", highlight=False)
    return 0


def register(app: typer.Typer) -> None:
    @app.command("trends")
    def trends_cmd(
        db: str | None = DbOption,
        settings_file: str | None = SettingsOption,
        by: str = typer.Option(
            "type",
            "--by",
            help="Group by: type, actor (each event under its first-named actor) or admin1.",
        ),
        period: str = typer.Option("month", "--period", help="week, month or quarter."),
        chart: str | None = typer.Option(
            None, "--chart", help="Also write a stacked bar chart (.png, .svg or .pdf)."
        ),
        actor: str | None = typer.Option(
            None,
            "--actor",
            help="Only events of this actor (name, alias, acronym or id; e.g. provinces it "
            "was active in); a name the store does not know exits 2.",
        ),
        event_type: str | None = typer.Option(
            None, "--type", help="Only events of this ACLED type, e.g. 'Battles'."
        ),
        certainty: list[str] | None = FILTER_OPTIONS["certainty"][1],
        min_confidence: float | None = FILTER_OPTIONS["min_confidence"][1],
        as_json: bool = typer.Option(False, "--json", help="Write the table as JSON."),
        as_csv: bool = CsvOption,
    ) -> None:
        """Events per week, month or quarter by event type, actor or province (admin1).

        Each real event counts once however many outlets report it; asserted events only
        unless --certainty says otherwise.
        """
        f = query_filters({"certainty": certainty, "min_confidence": min_confidence})
        raise typer.Exit(
            run(db, settings_file, by, period, chart, as_json, as_csv, actor, event_type, f)
        )  # fmt: skip
