"""One query surface: every filter checked the same way, every name resolved the same way, in
the CLI (Typer's CliRunner) and the API (FastAPI's TestClient), on a store the real pipeline
built from the project's example articles (illustrations written for newsledger, examples/)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest import EXAMPLES
from newsledger.api import create_app
from newsledger.cli import app
from newsledger.document import (
    UNASSERTED_CERTAINTIES,
    Actor,
    Document,
    Event,
    Evidence,
    Mention,
    Place,
)
from newsledger.jobs import ingest
from newsledger.settings import load_settings
from newsledger.store import QueryFilters, open_store
from newsledger.store.filters import FilterError, UnknownName

runner = CliRunner()
LONG = "x" * 50_001


# Written for this test (an illustration, not a real report), with its records set by hand so
# that every certainty is present whatever the extractors decide: one asserted clash, one
# hypothetical clash, a planned deployment, a PLOVER-only threat and a negated shelling.
KIVU = (
    "[Illustration written for newsledger's tests: not a real news report.]\n\n"
    "M23 rebels clashed with the army near Goma on Tuesday, residents said.\n\n"
    "A spokesman warned that the rebels could attack Goma itself.\n\n"
    "The army will deploy more troops to Goma next month.\n\n"
    "The rebels threatened aid workers in Goma.\n\n"
    "The army did not shell the town, officials said.\n"
)
KIVU_EVENTS = [  # (id, sentence start, type, subtype, plover, certainty, confidence, date)
    ("k1", "M23 rebels", "Battles", "Armed clash", "ASSAULT", "reported", 0.9, "2026-11-03"),
    ("k2", "A spokesman", "Battles", "Armed clash", "ASSAULT", "hypothetical", 0.5, "2026-11"),
    ("k3", "The army will", "Strategic developments", "Change to group/activity", "MOBILIZE",
     "future", 0.6, "2026-12"),
    ("k4", "The rebels threatened", None, None, "THREATEN", "reported", 0.6, "2026-11-04"),
    ("k5", "The army did not", "Explosions/Remote violence", "Shelling/artillery/missile attack",
     "ASSAULT", "negated", 0.55, "2026-11-04"),
]  # fmt: skip


def kivu_document() -> Document:
    def ev(start: str) -> Evidence:
        a = KIVU.index(start)
        b = KIVU.index("\n", a)
        return Evidence(a, b, KIVU[a:b])

    goma = KIVU.index("Goma")
    return Document(
        id="illus-kivu", text=KIVU, title="Clash near Goma", outlet="Illustration Desk",
        published="2026-11-05",
        actors=[
            Actor("m23", "March 23 Movement", "rebel_group", country="CD",
                  mentions=[Mention("M23", KIVU.index("M23"), KIVU.index("M23") + 3)]),
            Actor("cd-forces", "Military Forces of the Democratic Republic of the Congo",
                  "state_force", country="CD"),
        ],
        places=[
            Place("geonames:216281", "Goma", "city", "CD", "Nord-Kivu", -1.67409, 29.22845,
                  mentions=[Mention("Goma", goma, goma + 4)]),
        ],
        events=[
            Event(i, ev(start), type=t, subtype=st, plover=pl, certainty=c, confidence=conf,
                  date=d, actor1="m23" if i in ("k1", "k2", "k4") else "cd-forces",
                  actor2="cd-forces" if i in ("k1", "k2") else None, place="geonames:216281")
            for i, start, t, st, pl, c, conf, d in KIVU_EVENTS
        ],
    )  # fmt: skip


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The examples and one Kivu document, on each back-end (a SQLite file, a PostgreSQL
    database): every test of this module answers the same on both."""
    if request.param == "sqlite":
        path = str(tmp_path_factory.mktemp("query") / "ledger.db")
    else:
        path = str(request.getfixturevalue("pg_cluster").url())
    with open_store(path) as store:
        summary = ingest([str(EXAMPLES)], load_settings(environ={}), store)
        assert store.write(kivu_document()) == "new"
    assert summary.failed == 0 and summary.new > 5
    return path


@pytest.fixture(scope="module")
def client(db: str) -> TestClient:
    return TestClient(create_app(db))


def cli(db: str, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [*args, "--db", db])


def rows(db: str, *args: str) -> list[dict]:
    r = cli(db, *args, "--json")
    assert r.exit_code in (0, 1), r.output
    return [json.loads(x) for x in r.stdout.splitlines()]


def keys(found: list[dict]) -> set[tuple[str, str]]:
    return {(r["doc_id"], r["event_id"]) for r in found}


# -- validation: exit 2 with one line in the CLI, 422 naming the parameter in the API --------
@pytest.mark.parametrize(
    ("args", "param"),
    [
        (("--since", "2021-13"), "since"),
        (("--since", "yesterday"), "since"),
        (("--until", "2021-02-30"), "until"),
        (("--since", "2023-05", "--until", "2023-04"), "since"),
        (("--limit", "-1"), "limit"),
        (("--limit", "0"), "limit"),
        (("--min-confidence", "1.5"), "min_confidence"),
        (("--certainty", "maybe"), "certainty"),
        (("--actor", LONG), "actor"),
        (("--place", LONG), "place"),
        (("--type", LONG), "type"),
        (("--doc", LONG), "doc"),
    ],
)
def test_bad_filters_exit_2_with_one_line(db: str, args: tuple[str, ...], param: str) -> None:
    r = cli(db, "events", *args)
    assert r.exit_code == 2, r.output
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {param}:"), r.stderr
    assert "Traceback" not in r.output and r.stdout == ""


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"since": "2021-13"}, "since"),
        ({"until": "yesterday"}, "until"),
        ({"limit": -1}, "limit"),
        ({"min_confidence": 2}, "min_confidence"),
        ({"certainty": "maybe"}, "certainty"),
        ({"actor": LONG}, "actor"),
        ({"place": LONG}, "place"),
        ({"type": LONG}, "type"),
        ({"doc": LONG}, "doc"),
        ({"colour": "red"}, "colour"),  # no such filter: refused, not ignored
    ],
)
def test_bad_parameters_get_422_naming_them(client: TestClient, params: dict, param: str) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code == 422, r.text
    assert [d["loc"] for d in r.json()["detail"]] == [["query", param]]


def test_outlet_is_one_filter_in_the_cli_and_the_api(db: str, client: TestClient) -> None:
    outlets = {r["outlet"] for r in rows(db, "events") if r["outlet"]}
    assert len(outlets) > 1
    name = sorted(outlets)[0]
    for kind in ("events", "claims"):
        api = client.get(f"/api/{kind}", params={"outlet": name.upper()}).json()
        found = rows(db, kind, "--outlet", name.upper())  # any case, as in the API
        assert found == api and found and all(r["outlet"] == name for r in found)
        one = rows(db, kind, "--outlet", name, "--limit", "1")  # the limit after the outlet
        assert one == found[:1]
    r = cli(db, "events", "--outlet", name[:-1])
    assert r.exit_code == 2 and f"did you mean: {name}" in r.stderr, r.stderr  # never a guess
    assert cli(db, "actors", "--outlet", name).exit_code == 2  # a listing without outlets


def test_listings_refuse_the_filters_they_do_not_support(db: str, client: TestClient) -> None:
    for kind, args, param in (
        ("claims", ("--certainty", "all"), "certainty"),
        ("actors", ("--since", "2021"), "since"),
        ("places", ("--actor", "Taliban"), "actor"),
    ):
        assert cli(db, kind, *args).exit_code == 2  # not an option of that listing
        got = client.get(f"/api/{kind}", params={param: args[1]})
        assert got.status_code == 422 and got.json()["detail"][0]["loc"] == ["query", param]
    with open_store(db, readonly=True) as store, pytest.raises(FilterError) as err:
        store.actors(QueryFilters(since="2021"))
    assert err.value.param == "since"


def test_percent_and_underscore_are_literal(db: str, client: TestClient) -> None:
    for value in ("%", "_", "%%", "T_liban"):
        assert cli(db, "events", "--actor", value).exit_code == 2  # no actor is named so
        assert client.get("/api/events", params={"actor": value}).status_code == 422
    assert rows(db, "events", "--doc", "%") == []
    assert client.get("/api/documents", params={"doc": "_"}).json() == []
    for doc_id in ("%", "_", "%25", LONG):
        assert client.get(f"/api/documents/{doc_id}").status_code == 404
    ids = [d["id"] for d in client.get("/api/documents").json()]
    unique = next(i[:-2] for i in ids if sum(j.startswith(i[:-2]) for j in ids) == 1)
    assert client.get(f"/api/documents/{unique}").json()["id"].startswith(unique)  # prefixes work
    assert client.get(f"/api/documents/{unique}%").status_code == 404


def test_outlines_refuse_what_is_no_country(client: TestClient) -> None:
    bad = client.get("/api/outlines", params={"country": "ZZ"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "country"]
    assert client.get("/api/outlines", params={"country": "AF"}).json()["features"]


# -- one name resolution --------------------------------------------------------------------
def test_aliases_and_acronyms_name_the_same_actor_everywhere(db: str, client: TestClient) -> None:
    spellings = ("ISIS-K", "isis-k", "ISKP", "iskp", "Islamic State Khorasan Province")
    found = [keys(rows(db, "events", "--actor", a)) for a in spellings]
    assert found[0] and all(f == found[0] for f in found)
    for a in spellings:
        api = client.get("/api/events", params={"actor": a, "limit": 10_000}).json()
        assert keys(api) == found[0]
        ledger = cli(db, "ledger", a, "--json")
        assert ledger.exit_code == 0, ledger.output
        assert json.loads(ledger.stdout)["actor"] == "Islamic State Khorasan Province"
        assert client.get(f"/api/ledger/{a}").json()["actor"] == "Islamic State Khorasan Province"


def test_country_names_and_iso_codes_name_the_same_place(db: str, client: TestClient) -> None:
    every = rows(db, "events")
    afghan = {(r["doc_id"], r["event_id"]) for r in every if r["country"] == "AF"}
    assert afghan and len(afghan) < len(every)
    for p in ("AF", "af", "AFG", "Afghanistan"):
        assert keys(rows(db, "events", "--place", p)) == afghan, p
        api = client.get("/api/events", params={"place": p, "limit": 10_000}).json()
        assert keys(api) == afghan
    province = rows(db, "events", "--place", "Nangarhar")
    assert province and all(r["admin1"] == "Nangarhar" for r in province)
    for spelling in ("Nangarhar province", "nangarhār"):  # a feature word, a native spelling
        assert keys(rows(db, "events", "--place", spelling)) == keys(province)


def test_misspellings_get_suggestions_never_a_guess(db: str, client: TestClient) -> None:
    for typo in ("Talibn", "Talibam"):
        r = cli(db, "ledger", typo)
        assert r.exit_code == 2 and r.stdout == ""
        assert r.stderr.strip() == f"error: no actor '{typo}'; did you mean: Taliban?"
        api = client.get(f"/api/ledger/{typo}")
        assert api.status_code == 404
        assert api.json()["detail"] == f"no actor '{typo}'; did you mean: Taliban?"
        listing = client.get("/api/events", params={"actor": typo})
        assert listing.status_code == 422 and listing.json()["detail"][0]["suggestions"] == [
            "Taliban"
        ]
        assert cli(db, "events", "--actor", typo).exit_code == 2
        assert cli(db, "trends", "--actor", typo).exit_code == 2
        assert cli(db, "export", "--actor", typo).exit_code == 2
    place = cli(db, "events", "--place", "Afganistan")
    assert place.exit_code == 2 and "did you mean: Afghanistan?" in place.stderr
    kind = cli(db, "events", "--type", "Batles")
    assert kind.exit_code == 2 and "did you mean: Battles?" in kind.stderr


def test_an_actor_the_store_lacks_gets_no_far_fetched_suggestions(
    db: str, client: TestClient
) -> None:
    r = cli(db, "ledger", "Hamas")  # a registry actor with no record in these texts
    assert r.exit_code == 1 and "no records of 'Hamas'" in r.stderr
    assert client.get("/api/ledger/Hamas").status_code == 404
    assert client.get("/api/events", params={"actor": "Hamas"}).json() == []
    nobody = client.get("/api/ledger/Qwxyzt Brigades")
    assert nobody.status_code == 404 and "did you mean" not in nobody.json()["detail"]


def test_unknown_names_raise_in_the_library_too(db: str) -> None:
    with open_store(db, readonly=True) as store, pytest.raises(UnknownName) as err:
        store.events(QueryFilters(actor="Talibn"))
    assert err.value.param == "actor" and err.value.suggestions == ["Taliban"]


# -- certainty and confidence ------------------------------------------------------------
def test_unasserted_events_only_when_asked_for(db: str, client: TestClient) -> None:
    default = rows(db, "events")
    everything = rows(db, "events", "--certainty", "all")
    hypothetical = rows(db, "events", "--certainty", "hypothetical")
    assert ("illus-kivu", "k2") in keys(hypothetical)
    assert all(r["certainty"] == "hypothetical" for r in hypothetical)
    assert not any(r["certainty"] in UNASSERTED_CERTAINTIES for r in default)
    assert {("illus-kivu", k) for k in ("k1", "k4")} <= keys(default)
    unasserted = [r for r in everything if r["certainty"] in UNASSERTED_CERTAINTIES]
    assert {("illus-kivu", k) for k in ("k2", "k3", "k5")} <= keys(unasserted)
    assert len(everything) == len(default) + len(unasserted)
    both = rows(db, "events", "--certainty", "hypothetical,reported")
    assert {r["certainty"] for r in both} == {"hypothetical", "reported"}
    again = rows(db, "events", "--certainty", "hypothetical", "--certainty", "reported")
    assert keys(again) == keys(both)
    api = client.get("/api/events", params={"certainty": "hypothetical", "limit": 10_000})
    assert keys(api.json()) == keys(hypothetical)
    assert len(client.get("/api/events", params={"limit": 10_000}).json()) == len(default)
    health = client.get("/api/health").json()
    assert health["events"] - health["unasserted_events"] == len(default)


def test_min_confidence_keeps_the_surer_records(db: str, client: TestClient) -> None:
    default = rows(db, "events")
    cut = sorted(r["confidence"] for r in default)[len(default) // 2]
    surer = rows(db, "events", "--min-confidence", str(cut))
    assert 0 < len(surer) < len(default) and all(r["confidence"] >= cut for r in surer)
    api = client.get("/api/events", params={"min_confidence": cut, "limit": 10_000}).json()
    assert keys(api) == keys(surer)
    claims = rows(db, "claims", "--min-confidence", "0.99")
    assert all(c["confidence"] >= 0.99 for c in claims)


def test_trends_and_ledger_leave_unasserted_events_out(db: str) -> None:
    def total(*args: str) -> int:
        r = cli(db, "trends", "--json", *args)
        assert r.exit_code in (0, 1), r.output
        return sum(row["total"] for row in json.loads(r.stdout)["rows"]) if r.stdout else 0

    assert total("--certainty", "hypothetical") >= 1  # the hypothetical clash, counted on demand
    assert total("--certainty", "all") > total()

    def reports(*args: str) -> set[str]:
        r = cli(db, "ledger", "M23", "--json", *args)
        assert r.exit_code == 0, r.output
        return {m["event"] for e in json.loads(r.stdout)["events"] for m in e["reports"]}

    assert "illus-kivu#k1" in reports() and "illus-kivu#k2" not in reports()
    assert "illus-kivu#k2" in reports("--certainty", "all")
    assert "illus-kivu#k1" not in reports("--min-confidence", "0.95")


def test_trends_by_actor_count_each_event_once(db: str) -> None:
    by_type = json.loads(cli(db, "trends", "--by", "type", "--period", "quarter", "--json").stdout)
    by_actor = json.loads(
        cli(db, "trends", "--by", "actor", "--period", "quarter", "--json").stdout
    )
    totals = {r["period"]: r["total"] for r in by_type["rows"]}
    assert {r["period"]: r["total"] for r in by_actor["rows"]} == totals
    for r in by_actor["rows"]:  # the groups of a period add up to its events
        assert sum(r[g] for g in by_actor["groups"]) == r["total"]


# -- ACLED export ------------------------------------------------------------------------
def test_export_follows_acleds_conventions(db: str) -> None:
    r = cli(db, "export")
    assert r.exit_code == 0, r.output
    table = list(csv.DictReader(io.StringIO(r.stdout)))
    assert table and all(row["event_type"] and row["scheme"] == "ACLED" for row in table)
    for row in table:
        assert len(row["event_date"]) == 10 and row["time_precision"] in ("1", "2", "3")
        assert row["certainty"] not in UNASSERTED_CERTAINTIES
        assert row["country"] and row["iso"]  # from the place, else from the article
    from_article = [row for row in table if row["geo_from"] == "article"]
    assert from_article and all(not row["location"] for row in from_article)
    events = {(r["doc_id"], r["event_id"]): r for r in rows(db, "events")}
    for row in table:
        doc_id, event_id = row["event_id_cnty"].split(":", 1)
        date = events[(doc_id, event_id)]["date"] or ""
        if row["date_from"] == "event":
            assert row["event_date"].startswith(date)
            assert row["time_precision"] == {10: "1", 7: "2", 4: "3"}[len(date)]
    ids = {row["event_id_cnty"] for row in table}
    assert "illus-kivu:k1" in ids and not ids & {"illus-kivu:k2", "illus-kivu:k4"}
    plover = cli(db, "export", "--scheme", "plover", "-f", "jsonl")
    records = [json.loads(x) for x in plover.stdout.splitlines()]
    assert "illus-kivu:k4" in {x["event_id_cnty"] for x in records}
    assert all(not x["event_type"] and x["scheme"] == "PLOVER" for x in records)
    both = cli(db, "export", "--certainty", "hypothetical,reported", "--scheme", "all")
    marked = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(both.stdout))}
    assert marked["illus-kivu:k2"]["certainty"] == "hypothetical"
    assert marked["illus-kivu:k4"]["scheme"] == "PLOVER"
    assert marked["illus-kivu:k2"]["event_date"] == "2026-11-15"  # month known: the 15th
    assert marked["illus-kivu:k2"]["time_precision"] == "2"


def test_export_geojson(db: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "events.geojson"
    assert cli(db, "export", "--format", "geojson", "-o", str(out)).exit_code == 0
    data = json.loads(out.read_text("utf-8"))
    assert data["type"] == "FeatureCollection" and data["features"]
    located = [f for f in data["features"] if f["geometry"]]
    assert located and all(
        f["geometry"]["coordinates"] == [f["properties"]["longitude"], f["properties"]["latitude"]]
        for f in located
    )
    assert all(f["properties"]["event_type"] for f in data["features"])


def test_full_dates_as_acled_writes_them() -> None:
    from newsledger.cli.export import full_date

    assert full_date("2021-11-17") == ("2021-11-17", 1)
    assert full_date("2021-11") == ("2021-11-15", 2)
    assert full_date("2008") == ("2008-07-01", 3)
    assert full_date("2021-13") == (None, None) and full_date(None) == (None, None)


# -- small defects ---------------------------------------------------------------------------
def test_claims_show_their_date(db: str) -> None:
    claims = rows(db, "claims")
    assert claims and all(c["date"] for c in claims)
    assert {c["date_from"] for c in claims} <= {"text", "document"}


def test_show_tags_each_record_at_its_sentence(db: str) -> None:
    doc = next(d for d in rows(db, "claims") if d["content"])
    r = cli(db, "show", doc["doc_id"])
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert not any(line.lstrip().startswith("[C") for line in lines)  # never a line's start
    assert " ·  · " not in r.stdout


def test_openapi_documents_every_404_and_422(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path, methods in spec["paths"].items():
        responses = methods["get"]["responses"]
        if "{" in path:
            assert "404" in responses, path
        if methods["get"].get("parameters"):
            assert "422" in responses, path


def test_an_overlong_actor_name_is_refused_by_the_ledger_too(db: str, client: TestClient) -> None:
    r = cli(db, "ledger", LONG)
    assert (
        r.exit_code == 2 and r.stderr.strip() == "error: actor: at most 200 characters (got 50,001)"
    )
    for path in (f"/api/ledger/{LONG}", f"/api/ledger/{LONG}/html"):
        got = client.get(path)
        assert got.status_code == 422 and got.json()["detail"][0]["loc"] == ["path", "actor"]


# -- claim kinds (issue 16): statements by default, every kind on request ----------------------
def test_claims_list_statements_by_default_and_other_kinds_on_request(
    db: str, client: TestClient
) -> None:
    said = rows(db, "claims")
    every = rows(db, "claims", "--kind", "all")
    topics = rows(db, "claims", "--kind", "topic")
    assert said and {c["kind"] for c in said} == {"statement"}
    assert topics and {c["kind"] for c in topics} == {"topic"}
    assert len(every) == len(said) + len(topics) + sum(
        len(rows(db, "claims", "--kind", k))
        for k in ("belief", "intention", "evidence", "sentiment")
    )
    api = client.get("/api/claims", params={"limit": 10_000}).json()
    assert {c["kind"] for c in api} == {"statement"} and len(api) == len(said)
    api_all = client.get("/api/claims", params={"kind": "all", "limit": 10_000}).json()
    assert len(api_all) == len(every)
    both = client.get("/api/claims", params=[("kind", "topic"), ("kind", "statement")]).json()
    assert {c["kind"] for c in both} == {"statement", "topic"}


def test_an_unknown_claim_kind_is_refused(db: str, client: TestClient) -> None:
    r = cli(db, "claims", "--kind", "rumour")
    assert r.exit_code == 2 and "kind: unknown claim kind 'rumour'" in r.stderr
    got = client.get("/api/claims", params={"kind": "rumour"})
    assert got.status_code == 422 and got.json()["detail"][0]["loc"][-1] == "kind"
    assert client.get("/api/events", params={"kind": "topic"}).status_code == 422
