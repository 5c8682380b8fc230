"""`newsledger extract PATH... [--json]`: run the pipeline, no store needed."""

from __future__ import annotations

import json
import sys

import typer

from ..document import Document
from ..jobs import extract
from ..pipeline import Failure
from ._util import SettingsOption, settings_from, stdout, warn_line


def run(
    paths: list[str], as_json: bool = False, settings_file: str | None = None, why: bool = False
) -> int:
    settings = settings_from(settings_file)
    if why:  # the trace of each record ("why"), for this run
        settings.values["events"]["trace"] = True
    failed = 0

    def on_error(f: Failure) -> None:
        nonlocal failed
        failed += 0 if f.skipped else 1
        warn_line(f.source, f.reason)

    for result in extract(paths, settings, stdin=sys.stdin, on_error=on_error):
        if result.doc is None:
            continue
        try:
            if as_json:
                line = json.dumps(result.doc.to_dict(), ensure_ascii=False) + "\n"
                line.encode("utf-8")  # a lone surrogate fails here, before half a line is out
                sys.stdout.write(line)
                sys.stdout.flush()
            else:
                print_summary(result.doc)
        except UnicodeEncodeError as exc:  # a document built past the readers; the rest go on
            on_error(Failure(result.doc.source or result.doc.id, f"cannot print: {exc.reason}"))
    return 1 if failed else 0


def print_summary(doc: Document) -> None:
    names = {a.id: a.name for a in doc.actors}
    places = {p.id: p.name for p in doc.places}
    stdout.rule(f"[bold]{doc.title or doc.id}[/bold]")
    stdout.print(
        f"id {doc.id}  source {doc.source or '-'}  published {doc.published or '-'}  "
        f"reference {doc.reference_date or '-'}",
        highlight=False,
    )
    stdout.print(
        f"{len(doc.actors)} actors, {len(doc.places)} places, {len(doc.events)} events, "
        f"{len(doc.claims)} claims, {len(doc.dates)} dates, {len(doc.quantities)} quantities",
        highlight=False,
    )
    if doc.actors:
        stdout.print(
            "[bold]Actors[/bold]: "
            + "; ".join(f"{a.name} ({a.type}, {len(a.mentions)}x)" for a in doc.actors),
            highlight=False,
        )
    if doc.places:
        stdout.print(
            "[bold]Places[/bold]: "
            + "; ".join(
                f"{p.name} ({p.kind}{', ' + p.country if p.country else ''})" for p in doc.places
            ),
            highlight=False,
        )
    for e in doc.events:
        label = e.subtype or e.type or e.plover or "event"
        stdout.print(
            f"  [cyan]event[/cyan] {e.date or '????'} {label} | {names.get(e.actor1 or '', '-')}"
            f" -> {names.get(e.actor2 or '', '-')} @ {places.get(e.place or '', '-')}"
            f" | fatalities {e.fatalities if e.fatalities is not None else '-'} | {e.certainty}",
            highlight=False,
        )
    for c in doc.claims:
        stdout.print(
            f"  [yellow]claim[/yellow] {c.speaker_text} ({c.speaker_kind}) {c.cue}"
            f"{' via ' + c.channel if c.channel else ''}: {c.content[:100]!r}",
            highlight=False,
        )
    for w in doc.warnings:
        stdout.print(f"  [dim]warning: {w}[/dim]", highlight=False)


def register(app: typer.Typer) -> None:
    @app.command("extract")
    def extract_cmd(
        paths: list[str] = typer.Argument(..., help="Files, folders or - for standard input."),
        as_json: bool = typer.Option(False, "--json", help="One SCHEMA.md document per line."),
        settings_file: str | None = SettingsOption,
        why: bool = typer.Option(
            False, "--why", help="Say why: each event's trigger, rule ids and score terms."
        ),
    ) -> None:
        """Extract actors, places, events and claims from articles (no store needed)."""
        raise typer.Exit(run(paths, as_json, settings_file, why))
