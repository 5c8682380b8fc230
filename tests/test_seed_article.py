"""Issue 2's acceptance check: the seed article through `newsledger extract --json`.

The article is read at test time from ../shared (the repository carries no third-party text).
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.validate import validate


@pytest.fixture(scope="module")
def seed(shared: Path) -> dict[str, Any]:
    (path,) = sorted((shared / "corpus" / "seed").glob("*.txt"))
    result = CliRunner().invoke(app, ["extract", str(path), "--json"])
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    return json.loads(line)  # type: ignore[no-any-return]


def test_seed_output_is_valid_schema(seed: dict[str, Any]) -> None:
    assert validate(seed) == []


def test_seed_furniture_is_set_apart(seed: dict[str, Any]) -> None:
    kinds = {s["kind"] for s in seed["sections"]}
    assert {"headline", "body", "caption", "boilerplate"} <= kinds
    text = seed["text"]
    boiler = " ".join(
        text[s["start"] : s["end"]] for s in seed["sections"] if s["kind"] == "boilerplate"
    )
    assert "Read More" in boiler


def test_seed_dates_resolve_against_the_original_2021_text(seed: dict[str, Any]) -> None:
    assert seed["published"] == "2023-06-03"
    assert seed["reference_date"].startswith("2021-11")
    resolved = {d["text"]: d["resolved"] for d in seed["dates"]}
    assert resolved.get("late August") == "2021-08"


def test_seed_actors_are_resolved_to_one_identity_each(seed: dict[str, Any]) -> None:
    by_mention: dict[str, set[str]] = {}
    for a in seed["actors"]:
        for m in a["mentions"]:
            by_mention.setdefault(m["text"].replace("’s", "").replace("'s", ""), set()).add(a["id"])
    iskp = by_mention.get("ISIS-K", set())
    assert len(iskp) == 1
    assert by_mention.get("Islamic State-Khorasan", iskp) == iskp
    assert by_mention["Taliban"] != iskp


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def test_seed_places_are_geocoded(seed: dict[str, Any]) -> None:
    names = {_ascii(p["name"]): p for p in seed["places"]}
    nangarhar = next(
        p for p in seed["places"] if any(m["text"] == "Nangahar" for m in p["mentions"])
    )
    assert "Nangarhar" in _ascii(nangarhar["name"]) and nangarhar["country"] == "AF"
    assert nangarhar["lat"] == pytest.approx(34.3, abs=0.6)
    assert "Kabul" in names and names["Kabul"]["lat"] == pytest.approx(34.5, abs=0.3)


def test_seed_events_include_the_bombing_and_the_deployment(seed: dict[str, Any]) -> None:
    events = seed["events"]
    bombing = [e for e in events if e["subtype"] == "Suicide bomb"]
    assert bombing, [(e["subtype"], e["evidence"]["sentence"][:60]) for e in events]
    assert any((e["fatalities"] or 0) >= 13 for e in bombing)
    deployment = [e for e in events if e["plover"] == "MOBILIZE"]
    assert deployment and any("1,300" in e["evidence"]["sentence"] for e in deployment)


def test_seed_claims_cover_half_of_the_attributed_statements(seed: dict[str, Any]) -> None:
    claims = seed["claims"]
    assert len(claims) >= 7
    kinds = {c["speaker_kind"] for c in claims}
    assert {"person", "anonymous", "unnamed"} <= kinds
    lyons = [c for c in claims if "Lyons" in (c["speaker_text"] or "")]
    assert lyons and any(c["quote"] == "direct" for c in lyons)
