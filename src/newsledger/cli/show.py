"""`newsledger show DOC`: an article with its extracted records marked inline."""

from __future__ import annotations

import json
import sys

import typer
from rich.text import Text

from ..document import Document
from ._util import DbOption, SettingsOption, fail, stdout
from .query import open_for_reading

STYLES = {
    "actor": "bold cyan",
    "place": "bold green",
    "claim": "italic yellow",
    "boilerplate": "dim strike",
    "caption": "dim italic",
    "headline": "bold underline",
}


def _anchor(text: str, start: int, end: int) -> int:
    """Where a record's tag goes: right after its sentence's last character, before the
    whitespace that may end the evidence span (else the tag lands on the next paragraph)."""
    pos = min(end, len(text))
    while pos > start and text[pos - 1].isspace():
        pos -= 1
    return pos


def render(doc: Document) -> Text:
    """The document text with actors, places and claim contents styled, and each event and
    claim tagged after its sentence as [E1 ...] / [C1 ...]."""
    text = Text(doc.text)
    for s in doc.sections:
        if s.kind in STYLES and s.kind != "body":
            text.stylize(STYLES[s.kind], s.start, s.end)
    for c in doc.claims:
        text.stylize(STYLES["claim"], c.content_start, c.content_end)
    for a in doc.actors:
        for m in a.mentions:
            text.stylize(STYLES["actor"], m.start, m.end)
    for p in doc.places:
        for m in p.mentions:
            text.stylize(STYLES["place"], m.start, m.end)
    names = {a.id: a.name for a in doc.actors}
    tags: dict[int, list[str]] = {}
    for i, e in enumerate(doc.events, 1):
        label = e.subtype or e.plover or e.type
        tags.setdefault(_anchor(doc.text, e.evidence.start, e.evidence.end), []).append(
            f"[E{i} {label}: {names.get(e.actor1 or '', '?')}"
            f"{' -> ' + names.get(e.actor2 or '', '?') if e.actor2 else ''}"
            f"{', ' + str(e.date) if e.date else ''}"
            f"{', fatalities ' + str(e.fatalities) if e.fatalities is not None else ''}"
            f", {e.certainty}]"
        )
    for i, c in enumerate(doc.claims, 1):
        tags.setdefault(_anchor(doc.text, c.evidence.start, c.evidence.end), []).append(
            f"[C{i} {c.speaker_text} · {c.cue} · {c.quote}{' · hedged' if c.hedged else ''}]"
        )
    out = Text()
    last = 0
    for pos in sorted(tags):
        out.append_text(text[last:pos])
        for tag in tags[pos]:
            out.append(" " + tag, style="reverse magenta")
        last = pos
    out.append_text(text[last:])
    return out


def run(
    doc_id: str, db: str | None = None, settings_file: str | None = None, as_json: bool = False
) -> int:
    with open_for_reading(db, settings_file) as store:
        doc = store.get_document(doc_id)
    if doc is None:
        fail(f"no document {doc_id!r} in the store")
        return 1
    if as_json:
        sys.stdout.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
        return 0
    stdout.rule(" · ".join(x for x in (doc.title or doc.id, doc.outlet, doc.published) if x))
    stdout.print(render(doc), highlight=False)
    stdout.rule(
        "key: [bold cyan]actor[/] [bold green]place[/] [italic yellow]claim content[/] "
        "[reverse magenta][E event / C claim][/]"
    )
    return 0


def register(app: typer.Typer) -> None:
    @app.command("show")
    def show_cmd(
        doc: str = typer.Argument(..., help="Document id (or a unique prefix)."),
        db: str | None = DbOption,
        settings_file: str | None = SettingsOption,
        as_json: bool = typer.Option(False, "--json", help="The stored SCHEMA.md document."),
    ) -> None:
        """Print an article with its extracted records marked inline."""
        raise typer.Exit(run(doc, db, settings_file, as_json))
