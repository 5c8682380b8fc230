"""`newsledger eval NAME PATH`: score a stage against labelled data (see docs/evaluation.md)."""

from __future__ import annotations

import importlib
import json

import typer

from ._util import fail, stdout

EVALUATIONS = {
    "html": "Article-body word F1 on the Zyte extraction benchmark folder.",
    "geo": "Geoparsing on LGL / GeoWebNews XML: detection P/R/F1, accuracy@161 km, median error.",
    "events": "ACLED sub-event typing on CASE 2021 task 2 TSV: accuracy, macro/weighted F1.",
    "claims": "Claims on Gender Gap Tracker or PolNeAR JSONL: content P/R/F1, speaker accuracy, pronouns.",
    "actors": "Mention -> actor resolution on the labelled actor set: precision/recall.",
    "relevance": "Invented ACLED events per 100 texts that report none, document and sentence "
    "P/R, on the project's labelled relevance set (bench/relevance/labels.jsonl), dev and held-aside.",
    "plover": "PLOVER typing on PLOVER gold JSONL: type accuracy, per-category P/R/F1, source "
    "and target accuracy, dev and held halves (split by a hash of the text).",
}


def run(
    name: str,
    path: str,
    limit: int | None = None,
    as_json: bool = False,
    seed: int | None = None,
) -> int:
    if name not in EVALUATIONS:
        fail(f"unknown evaluation {name!r}; choose one of {', '.join(EVALUATIONS)}", code=2)
    try:
        module = importlib.import_module(f"newsledger.evaluation.{name}")
    except ImportError as exc:
        fail(f"evaluation {name!r} is not available: {exc}")
        raise
    if seed is not None and name != "events":
        fail("--seed applies to `eval events` (its cross-validation split) only", code=2)
    if name in ("claims", "plover"):
        try:  # bad claims data: one clear line, no traceback
            metrics = module.run(path, limit=limit)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            fail(f"eval {name}: cannot read {path}: {exc}")
            raise
    else:
        metrics = (
            module.run(path, limit=limit) if seed is None else module.run(path, limit, seed=seed)
        )
    if as_json:
        print(json.dumps(metrics, ensure_ascii=False, indent=2))
    else:
        stdout.print(module.format_report(metrics), highlight=False)
    return 0


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_cmd(
        name: str = typer.Argument(..., help="One of: " + ", ".join(EVALUATIONS)),
        path: str = typer.Argument(..., help="The labelled data file or folder."),
        limit: int | None = typer.Option(None, "--limit", help="Only the first N items."),
        as_json: bool = typer.Option(False, "--json", help="Metrics as JSON."),
        seed: int | None = typer.Option(
            None, "--seed", help="events: the cross-validation split's seed (default 0)."
        ),
    ) -> None:
        """Evaluate a stage against labelled data."""
        raise typer.Exit(run(name, path, limit, as_json, seed))
