"""The REST API over a store built by the real pipeline from the project's example articles:
the same answers as the library, schema-valid documents, clear errors, and a real server."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient

from conftest import EXAMPLES, live_server
from newsledger.api import create_app
from newsledger.jobs import ingest
from newsledger.settings import load_settings
from newsledger.store import QueryFilters, open_store
from newsledger.validate import validate


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("api") / "ledger.db")
    with open_store(path) as store:
        summary = ingest([str(EXAMPLES)], load_settings(environ={}), store)
    assert summary.failed == 0 and summary.new > 3
    return path


@pytest.fixture(scope="module")
def client(db: str) -> TestClient:
    return TestClient(create_app(db))


def test_listings_answer_what_the_store_answers(client: TestClient, db: str) -> None:
    health = client.get("/api/health").json()
    with open_store(db, readonly=True) as store:
        assert health["documents"] == store.count() and health["events"] == store.count("events")
        for kind, params in (
            ("events", {"actor": "Taliban"}),
            ("events", {"type": "Explosions", "since": "2023-03"}),
            ("claims", {"actor": "Taliban"}),
            ("actors", {}),
            ("places", {"place": "AF"}),
        ):
            expected = getattr(store, kind)(QueryFilters(limit=100, **params))
            got = client.get(f"/api/{kind}", params=params)
            assert got.status_code == 200
            assert got.json() == expected and expected, (kind, params)
    assert len(client.get("/api/events", params={"limit": 2}).json()) == 2


def test_documents_are_schema_valid_and_found_by_id_prefix(client: TestClient) -> None:
    listing = client.get("/api/documents").json()
    assert listing and all({"id", "title", "events", "claims"} <= set(d) for d in listing)
    first = listing[0]
    record = client.get(f"/api/documents/{first['id']}").json()
    assert validate(record) == [] and record["id"] == first["id"]
    assert len(record["events"]) == first["events"]
    ids = [d["id"] for d in listing]
    unique = next(i[:-2] for i in ids if sum(j.startswith(i[:-2]) for j in ids) == 1)
    assert client.get(f"/api/documents/{unique}").json()["id"].startswith(unique)


def test_bad_requests_get_clear_errors(client: TestClient) -> None:
    missing = client.get("/api/documents/no-such-document")
    assert missing.status_code == 404 and "no-such-document" in missing.json()["detail"]
    assert client.get("/api/events", params={"since": "last week"}).status_code == 422
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
    unknown = client.get("/api/ledger/Talibam")
    assert unknown.status_code == 404 and "Taliban" in unknown.json()["detail"]  # a suggestion


def test_ledger_json_and_html(client: TestClient) -> None:
    ledger = client.get("/api/ledger/Taliban").json()
    assert ledger["actor"] == "Taliban" and ledger["claims_by_topic"]
    page = client.get("/api/ledger/Taliban/html")
    assert page.headers["content-type"].startswith("text/html") and "Taliban" in page.text
    # a page: the latest claim and event, as the whole ledger shows them, and the totals
    one = client.get("/api/ledger/Taliban", params={"limit": 1}).json()
    assert one["events"] == ledger["events"][-1:]
    assert one.get("events_total", 1) == len(ledger["events"])
    assert one.get("claims_total", 1) == sum(len(c) for c in ledger["claims_by_topic"].values())
    assert client.get("/api/ledger/Taliban", params={"limit": 0}).json() == ledger  # all
    bad = client.get("/api/ledger/Taliban", params={"limit": -1})
    assert bad.status_code == 422 and "limit" in bad.text


def test_ledger_shows_statements_unless_asked_for_other_kinds(client: TestClient, db: str) -> None:
    import json

    from typer.testing import CliRunner

    from newsledger.cli import app

    def kinds_of(ledger: dict) -> list[str]:
        return [c["kind"] for cs in ledger["claims_by_topic"].values() for c in cs]

    actor = "ISKP"  # an actor with topics of its own in the examples, beside its statements
    default = client.get(f"/api/ledger/{actor}", params={"limit": 0}).json()
    every = client.get(f"/api/ledger/{actor}", params={"limit": 0, "kind": "all"}).json()
    assert default["kinds"] == ["statement"] and set(kinds_of(default)) == {"statement"}
    assert len(every["kinds"]) == 6 and set(kinds_of(every)) > {"statement"}
    assert sorted(kinds_of(every)).count("statement") == len(kinds_of(default))
    # the same kinds through the CLI
    for args, want in (([], default), (["--kind", "all"], every)):
        r = CliRunner().invoke(app, ["ledger", actor, "--db", db, "--json", "--limit", "0", *args])
        assert r.exit_code == 0, r.output
        assert json.loads(r.stdout) == want
    r = CliRunner().invoke(app, ["ledger", actor, "--db", db, "--kind", "topic,statement"])
    out = " ".join(r.stdout.split())  # the terminal wraps lines
    assert r.exit_code == 0 and "kinds: statement, topic" in out and "(topic)" in out
    page = client.get(f"/api/ledger/{actor}/html", params={"kind": "all"}).text
    assert "(topic)" in page and "kinds: belief, evidence" in page
    topic = next(c for cs in every["claims_by_topic"].values() for c in cs if c["kind"] == "topic")
    assert topic["content"][:40] in page.replace("&#x27;", "'").replace("&quot;", '"')
    bad = client.get(f"/api/ledger/{actor}", params={"kind": "rumour"})
    assert bad.status_code == 422 and "kind" in bad.text
    r = CliRunner().invoke(app, ["ledger", actor, "--db", db, "--kind", "rumour"])
    assert r.exit_code == 2 and "kind" in r.output


def test_newsledger_serve_answers_over_http(db: str, tmp_path: Path) -> None:
    with live_server(db) as base:
        health = httpx.get(base + "/api/health", timeout=5).json()
        assert health["status"] == "ok" and health["documents"] > 3
        page = httpx.get(base + "/", timeout=5)
        assert page.status_code == 200 and "static/dashboard.js" in page.text
        script = httpx.get(base + "/static/dashboard.js", timeout=5)
        assert script.status_code == 200 and "javascript" in script.headers["content-type"]
        # concurrent requests (a dashboard fetches several at once) all succeed: each
        # request's store connection passes between the server's worker threads
        paths = ["/api/health", "/api/events?limit=5", "/api/documents?limit=3"] * 10
        with ThreadPoolExecutor(6) as pool:
            codes = list(pool.map(lambda p: httpx.get(base + p, timeout=10).status_code, paths))
        assert codes == [200] * len(paths)
    exe = Path(sys.executable).parent / "newsledger"
    # no store, no server: a clear error and exit code 1
    missing = subprocess.run(
        [str(exe), "serve", "--db", str(tmp_path / "none.db")], capture_output=True, text=True
    )
    assert missing.returncode == 1 and "no store" in missing.stderr


def test_outlines_for_the_map(client: TestClient) -> None:
    got = client.get("/api/outlines", params=[("country", "AF"), ("country", "af")]).json()
    assert got["type"] == "FeatureCollection" and got["features"]
    assert {f["properties"]["iso"] for f in got["features"]} == {"AF"}
    bad = client.get("/api/outlines", params=[("country", "AF"), ("country", "ZZ")])
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "country"]
    lon, lat = got["features"][0]["geometry"]["coordinates"][0][0]
    assert 60 < lon < 75 and 29 < lat < 39


def test_ledger_analysis_is_reused_until_the_store_changes(tmp_path: Path) -> None:
    path = str(tmp_path / "small.db")
    with open_store(path) as store:
        ingest([str(EXAMPLES / "frontier_report.txt")], load_settings(environ={}), store)
    app = create_app(path)
    client = TestClient(app)
    default = client.get("/api/ledger/Taliban").json()  # read from the ledger index
    assert app.state.analysis == (None, None)
    # other filters analyse the whole store, once per store state
    every = {"certainty": ["reported", "claimed", "hypothetical"]}
    first = client.get("/api/ledger/Taliban", params=every).json()
    kept = app.state.analysis
    assert client.get("/api/ledger/Taliban", params=every).json() == first
    assert app.state.analysis is kept  # same store: the same analysis serves the second request
    with open_store(path) as store:  # an ingest meanwhile: the next request sees its articles
        summary = ingest([str(EXAMPLES / "wire.jsonl")], load_settings(environ={}), store)
    assert summary.new > 0
    assert client.get("/api/ledger/Taliban").json()["actor"] == default["actor"]
    again = client.get("/api/ledger/Taliban", params=every).json()
    assert app.state.analysis is not kept
    assert app.state.analysis[0][0] == kept[0][0] + summary.new
    assert len(app.state.analysis[1].corpus.docs) == len(kept[1].corpus.docs) + summary.new
    assert again["actor"] == "Taliban"
