"""The CLI on real files: extract, ingest, queries, show, export, exit codes and bad input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES, ROOT
from newsledger.cli import app
from newsledger.validate import validate

runner = CliRunner()


def invoke(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=stdin)


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("ledger") / "ledger.db")
    result = invoke("ingest", str(EXAMPLES), "--db", db, "--json")
    assert result.exit_code == 0, result.output
    return db


def test_cli_extract_json_is_valid_schema_in_input_order(tmp_path: Path) -> None:
    lines = [
        {
            "id": "b-2",
            "text": "Protesters gathered in Lahore on Friday to demand the release of detained activists.",
        },
        {
            "id": "a-1",
            "text": "Soldiers clashed with militants near Kandahar on Sunday, killing three fighters.",
        },
    ]  # illustrations written for this test
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(x) + "\n" for x in lines))
    result = invoke("extract", str(src), "--json")
    assert result.exit_code == 0, result.output
    docs = [json.loads(x) for x in result.stdout.splitlines()]
    assert [d["id"] for d in docs] == ["b-2", "a-1"]
    for d in docs:
        assert validate(d) == []


def test_cli_extract_reads_stdin() -> None:
    text = (
        "Police arrested four men in Peshawar after a grenade attack on a market, officials said."
    )
    result = invoke("extract", "-", "--json", stdin=text)
    assert result.exit_code == 0, result.output
    (doc,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert doc["text"].startswith("Police arrested")
    assert validate(doc) == []


def test_cli_bad_inputs_each_get_one_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(
        "Troops were deployed to the border town of Chaman on Monday.\n"
    )
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 100)
    (tmp_path / "lines.jsonl").write_text(
        json.dumps({"id": "ok-1", "text": "Rebels seized two villages in the north on Tuesday."})
        + "\n{not json\n"
        + json.dumps({"id": "no-text"})
        + "\n"
    )
    big = tmp_path / "huge.html"
    with big.open("w") as f:
        f.write("<html><body><p>" + "word " * 4_300_000 + "</p></body></html>")
    result = invoke("extract", str(tmp_path), "--json")
    assert result.exit_code == 1
    ids = [json.loads(x)["id"] for x in result.stdout.splitlines()]
    assert "ok-1" in ids and len(ids) == 2  # good.txt and the good JSONL line
    err = result.stderr
    assert "lines.jsonl:2" in err and "lines.jsonl:3" in err
    assert "empty.txt" in err and "binary.txt" in err and "huge.html" in err
    assert len([ln for ln in err.splitlines() if ln.startswith("newsledger:")]) == 5


def test_cli_ingest_is_idempotent_and_reports_a_summary(tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    first = invoke("ingest", str(EXAMPLES), "--db", db, "--json")
    assert first.exit_code == 0, first.output
    s1 = json.loads(first.stdout.strip().splitlines()[-1])
    assert s1["new"] >= 5 and s1["failed"] == 0
    second = invoke("ingest", str(EXAMPLES), "--db", db, "--json")
    s2 = json.loads(second.stdout.strip().splitlines()[-1])
    assert s2["unchanged"] == s1["new"] and s2["new"] == 0


def test_cli_queries_read_the_ledger(ledger: str) -> None:
    events = invoke("events", "--db", ledger, "--json")
    assert events.exit_code == 0, events.output
    rows = [json.loads(x) for x in events.stdout.splitlines()]
    assert rows and all(r["sentence"] for r in rows)
    actors = [json.loads(x) for x in invoke("actors", "--db", ledger, "--json").stdout.splitlines()]
    assert any(a["type"] == "media" for a in actors) or actors
    claims = invoke("claims", "--db", ledger, "--csv")
    assert claims.exit_code == 0
    assert "speaker_text" in next(csv.reader(io.StringIO(claims.stdout)))
    unknown = invoke("events", "--db", ledger, "--actor", "no-such-actor-anywhere")
    assert unknown.exit_code == 2 and "no actor 'no-such-actor-anywhere'" in unknown.stderr
    none = invoke("events", "--db", ledger, "--actor", "Hamas")  # known, not in these texts
    assert none.exit_code == 1 and "nothing found" in none.stderr


def test_cli_show_and_export(ledger: str, tmp_path: Path) -> None:
    doc_id = json.loads(invoke("events", "--db", ledger, "--json").stdout.splitlines()[0])["doc_id"]
    shown = invoke("show", doc_id, "--db", ledger)
    assert shown.exit_code == 0 and "[E1" in shown.stdout
    exported = invoke("export", "--format", "csv", "--db", ledger)
    header = next(csv.reader(io.StringIO(exported.stdout)))
    for col in (
        "event_date",
        "event_type",
        "sub_event_type",
        "actor1",
        "actor2",
        "country",
        "admin1",
        "location",
        "latitude",
        "longitude",
        "fatalities",
        "source",
        "notes",
    ):
        assert col in header
    out = tmp_path / "events.parquet"
    assert invoke("export", "--format", "parquet", "-o", str(out), "--db", ledger).exit_code == 0
    import pyarrow.parquet as pq

    assert pq.read_table(out).num_rows == len(list(csv.reader(io.StringIO(exported.stdout)))) - 1


def test_cli_usage_errors_exit_2_and_missing_store_exits_1(tmp_path: Path) -> None:
    exe = str(ROOT / ".venv" / "bin" / "newsledger")
    exe_cmd = [sys.executable, "-m", "newsledger"] if not Path(exe).exists() else [exe]
    r = subprocess.run([*exe_cmd, "events", "--no-such-flag"], capture_output=True, text=True)
    assert r.returncode == 2
    r = subprocess.run(
        [*exe_cmd, "export", "--format", "xls", "--db", str(tmp_path / "x.db")],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 2
    r = subprocess.run(
        [*exe_cmd, "events", "--db", str(tmp_path / "missing.db")], capture_output=True, text=True
    )
    assert r.returncode == 1 and "no store" in r.stderr


def test_cli_ingest_force_re_extracts_unchanged_documents(tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    src = tmp_path / "one.txt"
    src.write_text("Troops were deployed to the border town of Chaman on Monday.\n")  # illustration
    assert invoke("ingest", str(src), "--db", db).exit_code == 0
    again = invoke("ingest", str(src), "--db", db, "--force", "--json")
    assert json.loads(again.stdout.strip().splitlines()[-1])["replaced"] == 1
