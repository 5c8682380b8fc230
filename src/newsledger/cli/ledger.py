"""`newsledger ledger ACTOR`: what an actor claims against what is reported (terminal, JSON, HTML)."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..store import QueryFilters
from ..store.filters import FilterError
from ._util import (
    FILTER_OPTIONS,
    DbOption,
    SettingsOption,
    filter_failed,
    query_filters,
    stderr,
    stdout,
)

if TYPE_CHECKING:
    from ..analysis.ledger import Ledger
    from ..analysis.records import Corpus
    from ..store.names import ActorMatch


def load_corpus(
    db: str | None,
    settings_file: str | None,
    filters: QueryFilters | None = None,
    actor: str | None = None,
) -> tuple[Corpus, ActorMatch | None]:
    """Every document of the store, flattened into analysis records one document at a time
    (the documents themselves are not kept), with only the events ``filters`` keep (by default
    the asserted ones: unasserted events never reach corroboration, ledgers or trends); and
    the store's actor ``actor`` names, resolved as every command resolves it. A bad filter or
    an unknown name exits 2 with one line."""
    from ..analysis import flatten
    from ..store.filters import check_filters, with_kept_events
    from ..store.names import resolve_actor
    from .query import open_for_reading

    with open_for_reading(db, settings_file) as store:
        try:
            f = check_filters("events", filters or QueryFilters())
            match = resolve_actor(store.conn, actor) if actor else None
        except FilterError as exc:
            filter_failed(exc)
            raise
        return flatten(with_kept_events(store.iter_documents(), f)), match


def ledger_from_index(
    db: str | None,
    settings_file: str | None,
    actor: str,
    limit: int | None = None,
    kinds: tuple[str, ...] | None = None,
) -> Ledger | int:
    """The ledger of ``actor`` under the default filters, read from the store's ledger index
    (store/ledger_read.py: the same ledger as a full analysis, without reading every document);
    ``limit``: only its latest ``limit`` claims and events, chosen in SQL (``Ledger.page``);
    ``kinds``: the claim kinds shown (None: statements).
    Returns an exit code instead when there is nothing to show (an empty store, no records of
    the actor: 1, said on stderr; an unknown name exits 2 itself)."""
    from ..store.ledger_read import store_ledger
    from ..store.names import resolve_actor
    from .query import open_for_reading

    with open_for_reading(db, settings_file) as store:
        if not store.count():
            stderr.print("[red]error:[/red] the store holds no documents: run `newsledger ingest`")
            return 1
        try:
            match = resolve_actor(store.conn, actor)
        except FilterError as exc:
            filter_failed(exc)
            raise
        if not match.in_store:
            stderr.print(f"[red]error:[/red] the store holds no records of {match.name!r}",
                         highlight=False)  # fmt: skip
            return 1
        ledger = next(
            (
                lg
                for n in match.names
                if (lg := store_ledger(store.conn, n, limit=limit, kinds=kinds))
            ),
            None,
        )
    if ledger is None:
        stderr.print(f"[red]error:[/red] no claims or events of {match.name!r} pass the filters",
                     highlight=False)  # fmt: skip
        return 1
    return ledger


def run(
    actor: str,
    db: str | None = None,
    settings_file: str | None = None,
    html: str | None = None,
    as_json: bool = False,
    filters: QueryFilters | None = None,
    limit: int | None = None,
) -> int:
    """Print the ledger of ``actor``; write it as HTML too when ``html`` is a path. ``limit``:
    only the latest ``limit`` claims and events, with the totals (None or 0: all);
    ``filters.kind``: the claim kinds shown (None: statements, what the actor said).

    Returns the exit code: 0 done, 1 empty store or no records of the actor (exits 2 itself
    on a bad filter or a name the store does not know).
    """
    from ..analysis import analyze, build_ledger
    from ..analysis.report import render_ledger_html, render_ledger_terminal
    from ..store.filters import parse_kind

    f = filters or QueryFilters()
    try:
        kinds = parse_kind(f.kind)
    except FilterError as exc:
        filter_failed(exc)
        raise
    f = dataclasses.replace(f, kind=None)  # the events' filters; kinds are the claims'
    if f.certainty is None and f.min_confidence is None:  # the default view: the ledger index
        indexed = ledger_from_index(db, settings_file, actor, limit or None, kinds)
        if isinstance(indexed, int):
            return indexed
        ledger = indexed
    else:
        corpus, match = load_corpus(db, settings_file, f, actor)
        if not corpus.docs:
            stderr.print("[red]error:[/red] the store holds no documents: run `newsledger ingest`")
            return 1
        assert match is not None
        if not match.in_store:
            stderr.print(f"[red]error:[/red] the store holds no records of {match.name!r}",
                         highlight=False)  # fmt: skip
            return 1
        analysis = analyze(corpus)
        ledger = next((lg for n in match.names if (lg := build_ledger(analysis, n, kinds))), None)
        if ledger is None:
            stderr.print(f"[red]error:[/red] no claims or events of {match.name!r} pass the "
                         "filters", highlight=False)  # fmt: skip
            return 1
        ledger = ledger.page(limit)
    if as_json:
        sys.stdout.write(json.dumps(ledger.to_dict(), ensure_ascii=False) + "\n")
    else:
        render_ledger_terminal(ledger, console=stdout)
    if html:
        path = Path(html)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_ledger_html(ledger), encoding="utf-8")
        stderr.print(f"wrote {path}", highlight=False)
    return 0


def register(app: typer.Typer) -> None:
    @app.command("ledger")
    def ledger_cmd(
        actor: str = typer.Argument(
            ..., help="Actor name, alias, acronym or id, e.g. 'Taliban', 'ISKP' or 'ISIS-K'."
        ),
        db: str | None = DbOption,
        settings_file: str | None = SettingsOption,
        html: str | None = typer.Option(
            None, "--html", help="Also write a self-contained HTML report (timeline, map)."
        ),
        as_json: bool = typer.Option(False, "--json", help="Write the ledger as one JSON object."),
        limit: int = typer.Option(
            50,
            "--limit",
            min=0,
            help="Show the latest N claims and the latest N events, with the totals (0: all).",
        ),
        certainty: list[str] | None = FILTER_OPTIONS["certainty"][1],
        min_confidence: float | None = FILTER_OPTIONS["min_confidence"][1],
        kind: list[str] | None = FILTER_OPTIONS["kind"][1],
    ) -> None:
        """The ledger of one actor: its claims, its events, and what backs or contradicts them.

        The actor's statements (what it said; other claim kinds with --kind) grouped by topic
        with who else says them; the events where the actor acts with the number of
        independent sources (copies and same-outlet reposts do not count) and conflicting
        figures side by side; claims no event corroborates; claims others deny.
        Asserted events only unless --certainty says otherwise. A name the store does not know
        exits 2 with the closest names (never a silent guess).
        """
        f = query_filters({"certainty": certainty, "min_confidence": min_confidence, "kind": kind})
        raise typer.Exit(run(actor, db, settings_file, html, as_json, f, limit))
