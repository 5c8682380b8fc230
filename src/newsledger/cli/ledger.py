"""`newsledger ledger ACTOR`: what an actor claims against what is reported (terminal, JSON, HTML)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..document import Document
from ._util import DbOption, SettingsOption, stderr, stdout

if TYPE_CHECKING:
    from ..analysis.records import Corpus


def load_corpus(
    db: str | None, settings_file: str | None, docs: Iterable[Document] | None = None
) -> Corpus:
    """Every document of the store (or ``docs``), flattened into analysis records one document
    at a time: the documents themselves are not kept in memory."""
    from ..analysis import flatten
    from .query import open_for_reading

    if docs is not None:
        return flatten(docs)
    with open_for_reading(db, settings_file) as store:
        return flatten(store.iter_documents())


def run(
    actor: str,
    db: str | None = None,
    settings_file: str | None = None,
    html: str | None = None,
    as_json: bool = False,
    docs: Iterable[Document] | None = None,
) -> int:
    """Print the ledger of ``actor``; write it as HTML too when ``html`` is a path.

    Returns the exit code: 0 done, 1 empty store or unknown actor.
    """
    from ..analysis import analyze, build_ledger
    from ..analysis.ledger import unknown_actor_message
    from ..analysis.report import render_ledger_html, render_ledger_terminal

    corpus = load_corpus(db, settings_file, docs)
    if not corpus.docs:
        stderr.print("[red]error:[/red] the store holds no documents: run `newsledger ingest`")
        return 1
    analysis = analyze(corpus)
    ledger = build_ledger(analysis, actor)
    if ledger is None:
        message = unknown_actor_message(analysis, actor)
        stderr.print(f"[red]error:[/red] {message}", highlight=False)
        return 1
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
        actor: str = typer.Argument(..., help="Actor name or alias, e.g. 'Taliban' or 'ISKP'."),
        db: str | None = DbOption,
        settings_file: str | None = SettingsOption,
        html: str | None = typer.Option(
            None, "--html", help="Also write a self-contained HTML report (timeline, map)."
        ),
        as_json: bool = typer.Option(False, "--json", help="Write the ledger as one JSON object."),
    ) -> None:
        """The ledger of one actor: its claims, its events, and what backs or contradicts them.

        Claims grouped by topic with who else says them; the events where the actor acts with
        the number of independent sources (copies and same-outlet reposts do not count) and
        conflicting figures side by side; claims no event corroborates; claims others deny.
        """
        raise typer.Exit(run(actor, db, settings_file, html, as_json))
