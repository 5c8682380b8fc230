"""`newsledger trends`: events per week/month/quarter by type, actor or province."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable

import typer

from ..document import Document
from ._util import CsvOption, DbOption, SettingsOption, stderr, stdout


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
    docs: Iterable[Document] | None = None,
) -> int:
    """Count events (each real event once: reports are clustered first) per period and group.

    Returns the exit code: 0 done, 1 nothing to count, 2 bad options.
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
    from .ledger import load_corpus

    corpus = load_corpus(db, settings_file, docs)
    if not corpus.docs:
        stderr.print("[red]error:[/red] the store holds no documents: run `newsledger ingest`")
        return 1
    analysis = analyze(corpus)
    keys = None
    if actor:
        found = resolve_actor(actor, analysis.corpus)
        if found is None:
            stderr.print(f"[red]error:[/red] no actor matching {actor!r}", highlight=False)
            return 1
        keys = found[1]
    table = compute_trends(
        analysis.events, by=by, period=period, actor_keys=keys, event_type=event_type
    )
    if actor and found:
        table.filters["actor"] = found[0]
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
        by: str = typer.Option("type", "--by", help="Group by: type, actor or admin1."),
        period: str = typer.Option("month", "--period", help="week, month or quarter."),
        chart: str | None = typer.Option(
            None, "--chart", help="Also write a chart (.png or .svg)."
        ),
        actor: str | None = typer.Option(
            None, "--actor", help="Only events of this actor (e.g. provinces it was active in)."
        ),
        event_type: str | None = typer.Option(
            None, "--type", help="Only events of this ACLED type, e.g. 'Battles'."
        ),
        as_json: bool = typer.Option(False, "--json", help="Write the table as JSON."),
        as_csv: bool = CsvOption,
    ) -> None:
        """Events per week, month or quarter by event type, actor or province (admin1).

        Each real event counts once however many outlets report it.
        """
        raise typer.Exit(
            run(db, settings_file, by, period, chart, as_json, as_csv, actor, event_type)
        )
