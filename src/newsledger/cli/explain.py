"""`newsledger explain TEXT|FILE|DOC-ID [--db]`: every record of one document and why it was
made: the rules that fired and what each contributed, and the spans with readings that were
not made places, and why.

The input is run through the pipeline with every stage's trace on (``why`` on each actor,
place and event), whatever the settings say: a text given on the command line, a file, or with
``--db`` a document of the store (its stored text, title and address run again; the stored
records are not changed).
"""

from __future__ import annotations

import inspect
import json
import sys
from pathlib import Path
from typing import Any

import typer

from ..actors.resolve import PASSES
from ..document import Document
from ..ingest import document_from_text
from ..pipeline import Pipeline
from ..settings import Settings
from ..stages import build_pipeline, get_factory
from ..store.dialect import shown_url
from ._util import DbOption, SettingsOption, fail, settings_from, stdout


def run(
    source: str,
    db: str | None = None,
    settings_file: str | None = None,
    as_json: bool = False,
) -> int:
    settings = settings_from(settings_file, db=db)
    doc = _input(source, settings, use_store=db is not None)
    doc = traced_pipeline(settings)(doc)
    report = explain(doc)
    if as_json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False) + "\n")
    else:
        print_report(report)
    return 0


def _input(source: str, settings: Settings, use_store: bool) -> Document:
    """The document to explain: a stored one (``--db``), a file, or the text itself."""
    if use_store:
        from ..store import open_store

        store = open_store(settings.db, readonly=True)
        try:
            stored = store.get_document(source)
        finally:
            store.close()
        if stored is None:
            fail(f"no document {source!r} in the store {shown_url(settings.db)}")
            raise AssertionError  # unreachable: fail() exits
        return Document(
            id=stored.id,
            text=stored.text,
            title=stored.title,
            url=stored.url,
            outlet=stored.outlet,
            published=stored.published,
            reference_date=stored.reference_date,
            sections=stored.sections,
            source=stored.source,
        )
    if len(source) < 4096 and "\n" not in source and Path(source).is_file():
        from ..jobs import read

        for item in read([source], settings):
            if isinstance(item, Document):
                return item
            fail(f"{source}: {item.reason}")
        fail(f"{source}: no document in it")
    if source == "-":  # the text on stdin, as the other commands read "-"
        source = sys.stdin.read()
    return document_from_text(source, id="explain")


def traced_pipeline(settings: Settings) -> Pipeline:
    """The settings' pipeline with every stage that can trace tracing."""
    config = settings.stage_config()
    for name in settings.stages:
        params = inspect.signature(get_factory(name)).parameters
        if "trace" in params:
            config[name] = {**config.get(name, {}), "trace": True}
    return build_pipeline(settings.stages, config)


def explain(doc: Document) -> dict[str, Any]:
    """What ``newsledger explain`` prints, as one JSON-ready object."""
    from ..places.rules import default_rules

    rules = default_rules()

    def describe(rule_id: str) -> str:
        try:
            return rules.rule(rule_id.split(":")[0]).description
        except Exception:  # an id of another stage's table
            return ""

    places = []
    for p in doc.places:
        why = dict(p.why or {})
        why["rules"] = [{"id": r, "description": describe(r)} for r in (why.get("rules") or [])]
        places.append({**_record(p), "why": why})
    return {
        "document": {"id": doc.id, "title": doc.title, "chars": len(doc.text)},
        "actors": [{**_record(a), "why": a.why} for a in doc.actors],
        "places": places,
        "not_places": doc.user_data.get("places_rejected", []),
        "events": [
            {
                "id": e.id,
                "type": e.subtype or e.type or e.plover,
                "plover": e.plover,
                "trigger": e.trigger,
                "sentence": e.evidence.sentence,
                "why": e.why,
                "rules": _event_rules((e.why or {}).get("rules") or []),
            }
            for e in doc.events
        ],
    }


def _event_rules(ids: list[str]) -> list[dict[str, Any]]:
    """Each rule that made an event, once, with its description and the value some rule ids
    carry after a colon ("plover.model:0.35": the model's probability)."""
    out: dict[str, dict[str, Any]] = {}
    for rid in ids:
        base, _, value = rid.partition(":")
        entry = out.setdefault(base, {"id": base, "description": _event_rule(base)})
        if value:
            entry["value"] = value
    return list(out.values())


def _event_rule(base: str) -> str:
    """The description of an events rule (rules.toml), a row of its sub-type table or a PLOVER
    cue (plover.toml); "" for an id of none."""
    from ..events.plover_codebook import codebook
    from ..events.rules import default_rules

    table = default_rules()
    rule = table.rules.get(base)
    if rule is not None:
        return rule.description
    if base.startswith("subtype.table."):  # a row of the sub-type decision table
        row = table.subtypes.get(base.removeprefix("subtype.table."))
        return row.about if row is not None else ""
    cue = next((c for c in codebook().cues if c.id == base), None)  # a cue of plover.toml
    return cue.description if cue is not None else ""


def _record(r: Any) -> dict[str, Any]:
    """A record's identity for the report (its mentions as text)."""
    keys = ("id", "name", "type", "kind", "country", "admin1", "lat", "lon", "reason")
    out = {k: getattr(r, k) for k in keys if getattr(r, k, None) is not None}
    out["mentions"] = [m.text for m in r.mentions]
    return out


def print_report(report: dict[str, Any]) -> None:
    d = report["document"]
    stdout.rule(f"[bold]{d['title'] or d['id']}[/bold] ({d['chars']} characters)")
    _print_actors(report["actors"])
    _print_places(report["places"], report["not_places"])
    _print_events(report["events"])


def _print_actors(actors: list[dict[str, Any]]) -> None:
    stdout.print(f"[bold]Actors[/bold] ({len(actors)})", highlight=False)
    for a in actors:
        why = a.get("why") or {}
        stdout.print(
            f"  {a['name']} ({a.get('type', '?')}, {a['id']}): {why.get('source', '?')}"
            + (f"; {why['scope']}" if why.get("scope") else ""),
            highlight=False,
        )
        for m in why.get("mentions", []):
            what = PASSES.get(m["pass"], "")
            stdout.print(f"    {m['text']!r}: pass {m['pass']} ({what})", highlight=False)


def _print_places(places: list[dict[str, Any]], rejected: list[dict[str, Any]]) -> None:
    stdout.print(f"[bold]Places[/bold] ({len(places)})", highlight=False)
    for p in places:
        where = ", ".join(str(x) for x in (p.get("admin1"), p.get("country")) if x)
        stdout.print(
            f"  {p['name']} ({p.get('kind')}{', ' + where if where else ''}) "
            f"from {', '.join(repr(m) for m in p['mentions'])}",
            highlight=False,
        )
        why = p["why"]
        for r in why.get("rules", []):
            stdout.print(f"    rule {r['id']}: {r['description']}", highlight=False)
        for k, reading in enumerate(why.get("readings", [])):
            terms = ", ".join(f"{t} {v:+g}" for t, v in reading["terms"] if v)
            head = "chosen" if k == 0 else "lost  "
            stdout.print(
                f"    {head} {reading['reading']}: score {reading['score']:g} "
                f"(p {reading['p']:g}) = {terms}",
                highlight=False,
            )
        if why.get("reason"):
            stdout.print(f"    placed: {why['reason']}", highlight=False)
    if rejected:
        stdout.print(f"[bold]Not made places[/bold] ({len(rejected)})", highlight=False)
    for r in rejected:
        readings = "; ".join(r["readings"]) or "no reading in the gazetteer"
        stdout.print(
            f"  {r['text']!r} ({r['label']}): {r['why']}. Readings: {readings}", highlight=False
        )


def _print_events(events: list[dict[str, Any]]) -> None:
    stdout.print(f"[bold]Events[/bold] ({len(events)})", highlight=False)
    for e in events:
        stdout.print(
            f"  {e['type']} (trigger {e['trigger']!r}): {e['sentence'][:100]!r}", highlight=False
        )
        for r in e.get("rules", []):
            value = f" ({r['value']})" if r.get("value") else ""
            stdout.print(f"    rule {r['id']}{value}: {r['description']}", highlight=False)
        rest = {k: v for k, v in (e.get("why") or {}).items() if k != "rules" and v is not None}
        if rest:
            stdout.print(f"    why: {json.dumps(rest, ensure_ascii=False)}", highlight=False)


def register(app: typer.Typer) -> None:
    @app.command("explain")
    def explain_cmd(
        source: str = typer.Argument(
            ...,
            help="A text, a file, - for stdin, or with --db the id (or id prefix) of a stored document.",
        ),
        db: str | None = DbOption,
        as_json: bool = typer.Option(False, "--json", help="The report as one JSON object."),
        settings_file: str | None = SettingsOption,
    ) -> None:
        """Why each actor, place and event of one document was made, and why spans with
        place readings were not."""
        raise typer.Exit(run(source, db, settings_file, as_json))
