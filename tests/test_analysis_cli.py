"""`newsledger ledger` and `newsledger trends` over a store holding the scenario's documents
(hand-made extractions of examples/corroboration, see test_analysis_ledger.py)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.store import open_store


def _scenario_documents():
    """The hand-made scenario extractions, shared with test_analysis_ledger.py (loaded by path,
    so this works whatever pytest's import mode)."""
    path = Path(__file__).with_name("test_analysis_ledger.py")
    spec = importlib.util.spec_from_file_location("_analysis_scenario", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.scenario_documents()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("ledger") / "scenario.db")
    store = open_store(path)
    for doc in _scenario_documents():
        store.write(doc)
    store.close()
    return path


def test_ledger_command_terminal_json_and_html(db, tmp_path) -> None:
    runner = CliRunner()
    html = tmp_path / "taliban.html"
    r = runner.invoke(app, ["ledger", "Taliban", "--db", db, "--html", str(html)])
    assert r.exit_code == 0, r.output
    assert "Ledger: Taliban" in r.output and "Steppe Observer" in r.output
    page = html.read_text("utf-8")
    assert page.count("<svg") == 2 and "Islamic State Khorasan Province" in page
    r = runner.invoke(app, ["ledger", "ISIS-K", "--db", db, "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["actor"] == "Islamic State Khorasan Province"
    bombing = next(e for e in data["events"] if e["type"] == "Explosions/Remote violence")
    assert bombing["independent_sources"] == 2 and bombing["fatalities_conflict"]


def test_ledger_command_limit_shows_the_latest_with_totals(db) -> None:
    runner = CliRunner()
    full = json.loads(runner.invoke(app, ["ledger", "Taliban", "--db", db, "--json"]).stdout)
    assert "claims_total" not in full and "events_total" not in full  # all fit in the default
    n_claims = sum(len(cs) for cs in full["claims_by_topic"].values())
    n_events = len(full["events"])
    assert n_claims > 1 and n_events > 1
    r = runner.invoke(app, ["ledger", "Taliban", "--db", db, "--json", "--limit", "1"])
    assert r.exit_code == 0, r.output
    page = json.loads(r.stdout)
    assert page["claims_total"] == n_claims and page["events_total"] == n_events
    assert page["events"] == full["events"][-1:]  # the latest, as the whole ledger shows it
    assert sum(len(cs) for cs in page["claims_by_topic"].values()) == 1
    # the same page when filters make the ledger come from a full analysis
    r = runner.invoke(app, ["ledger", "Taliban", "--db", db, "--json", "--limit", "1",
                            "--certainty", "reported", "--certainty", "confirmed"])  # fmt: skip
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["events"] == page["events"]
    r = runner.invoke(app, ["ledger", "Taliban", "--db", db, "--limit", "1"])
    assert f"(the latest 1 of {n_claims} claims, 1 of {n_events} events)" in r.stdout
    r = runner.invoke(app, ["ledger", "Taliban", "--db", db, "--limit", "-1"])
    assert r.exit_code == 2


def test_ledger_command_unknown_actor_and_missing_store(db, tmp_path) -> None:
    runner = CliRunner()
    r = runner.invoke(app, ["ledger", "Nobody At All", "--db", db])
    assert r.exit_code == 2 and "no actor 'Nobody At All'" in r.stderr  # never a guess
    r = runner.invoke(app, ["ledger", "Talibn", "--db", db])
    assert r.exit_code == 2 and "did you mean: Taliban?" in r.stderr
    r = runner.invoke(app, ["ledger", "Taliban", "--db", str(tmp_path / "none.db")])
    assert r.exit_code == 1


def test_trends_command(db, tmp_path) -> None:
    runner = CliRunner()
    chart = tmp_path / "trends.svg"
    r = runner.invoke(
        app,
        ["trends", "--db", db, "--by", "type", "--period", "month", "--csv", "--chart", str(chart)],
    )
    assert r.exit_code == 0, r.output
    lines = r.stdout.strip().splitlines()
    header = lines[0].split(",")
    row = dict(zip(header, lines[1].split(","), strict=True))
    # the bombing (3 documents, 6 reports) counts once, like the arrests and the raid
    assert row["period"] == "2023-03" and row["Explosions/Remote violence"] == "1"
    assert row["total"] == "3"
    assert "<svg" in chart.read_text()
    r = runner.invoke(app, ["trends", "--db", db, "--by", "colour"])
    assert r.exit_code == 2
    r = runner.invoke(
        app,
        [
            "trends",
            "--db",
            db,
            "--by",
            "admin1",
            "--period",
            "quarter",
            "--actor",
            "Taliban",
            "--json",
        ],
    )
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["rows"] == [{"period": "2023-Q1", "Nangarhar": 2, "total": 2, "distinct": 1}]
