"""The API the dashboard reads besides the listings: the outlet and text (q) filters, the
download of the current selection (/api/export) and the selects' choices (/api/choices), on a
store of records written by hand (FastAPI's TestClient; no browser, no pipeline)."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from newsledger.api import create_app
from newsledger.document import Claim, Document, Event, Evidence, Mention, Place
from newsledger.store import open_store

# Written for these tests (illustrations, not real reports). Four places of four precisions
# in one country, so the map can tell a town from a district, a province and the country.
SAHEL = (
    "[Illustration written for newsledger's tests: not a real news report.]\n\n"
    "Gunmen attacked a market in Gao on Monday, killing four traders.\n\n"
    "Soldiers clashed with militants in Ansongo district on Tuesday.\n\n"
    "Militants abducted two officials in Menaka region in March.\n\n"
    "The army said it had arrested dozens of suspects across Mali.\n\n"
    "A local official said the roads around Gao were closed to all traffic.\n"
)
SAHEL_PLACES = [  # (id, name, kind, admin1, lat, lon)
    ("illus:gao", "Gao", "city", "Gao", 16.2666, -0.0400),
    ("illus:ansongo", "Ansongo", "admin2", "Gao", 15.6597, 0.5022),
    ("illus:menaka", "Menaka", "admin1", "Menaka", 15.9182, 2.4022),
    ("illus:mali", "Mali", "country", None, 17.5707, -3.9962),
]
SAHEL_EVENTS = [  # (id, sentence start, type, subtype, place, date, fatalities)
    ("s1", "Gunmen attacked", "Violence against civilians", "Attack", "illus:gao", "2026-11-02", 4),
    ("s2", "Soldiers clashed", "Battles", "Armed clash", "illus:ansongo", "2026-11-03", None),
    ("s3", "Militants abducted", "Violence against civilians", "Abduction/forced disappearance",
     "illus:menaka", "2026-03", None),
    ("s4", "The army said", "Strategic developments", "Arrests", "illus:mali", "2026-11-05", None),
]  # fmt: skip
OUTLET = "Illustration Sahel Desk"


def _ev(text: str, start: str) -> Evidence:
    a = text.index(start)
    b = text.index("\n", a)
    return Evidence(a, b, text[a:b])


def sahel_document() -> Document:
    """A hand-made document: four events at a town, a district, a province and the country,
    and one claim, from the outlet OUTLET."""
    content = "the roads around Gao were closed to all traffic"
    c0 = SAHEL.index(content)
    return Document(
        id="illus-sahel", text=SAHEL, title="Attacks around Gao", outlet=OUTLET,
        published="2026-11-06",
        places=[Place(pid, name, kind, "ML", admin1, lat, lon,
                      mentions=[Mention(name, SAHEL.index(name), SAHEL.index(name) + len(name))])
                for pid, name, kind, admin1, lat, lon in SAHEL_PLACES],
        events=[Event(i, _ev(SAHEL, start), type=t, subtype=st, place=p, date=d, fatalities=f,
                      certainty="reported", confidence=0.8)
                for i, start, t, st, p, d, f in SAHEL_EVENTS],
        claims=[Claim("c1", _ev(SAHEL, "A local official"), "A local official", "say", content,
                      c0, c0 + len(content), date="2026-11-06")],
    )  # fmt: skip


def other_document() -> Document:
    """A second outlet's document, so the outlet filter has something to leave out."""
    text = (
        "[Illustration written for newsledger's tests: not a real news report.]\n\n"
        "Police arrested five protesters in Bamako on Friday.\n"
    )
    return Document(
        id="illus-bamako", text=text, title="Arrests in Bamako", outlet="Illustration Wire",
        published="2026-11-07",
        places=[Place("illus:bamako", "Bamako", "city", "ML", "Bamako", 12.6392, -8.0029)],
        events=[Event("b1", _ev(text, "Police arrested"), type="Strategic developments",
                      subtype="Arrests", place="illus:bamako", date="2026-11-06")],
    )  # fmt: skip


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = str(tmp_path_factory.mktemp("dashapi") / "ledger.db")
    with open_store(db) as store:
        assert store.write(sahel_document()) == "new"
        assert store.write(other_document()) == "new"
    return TestClient(create_app(db))


def _get(client: TestClient, path: str, **params: object) -> list[dict]:
    r = client.get(f"/api/{path}", params=params)
    assert r.status_code == 200, r.text
    return list(r.json())


def test_choices_name_the_stores_outlets_and_the_acled_types(client: TestClient) -> None:
    got = client.get("/api/choices").json()
    assert got["outlets"] == [
        {"name": "Illustration Sahel Desk", "documents": 1},
        {"name": "Illustration Wire", "documents": 1},
    ]
    assert "Armed clash" in got["types"]["Battles"] and len(got["types"]) == 6


def test_outlet_filter_keeps_that_outlet_in_any_case_and_limits_after(client: TestClient) -> None:
    everything = _get(client, "events")
    sahel = _get(client, "events", outlet="illustration sahel desk")
    assert {e["event_id"] for e in sahel} == {"s1", "s2", "s3", "s4"} and len(everything) == 5
    assert len(_get(client, "events", outlet=OUTLET, limit=2)) == 2
    assert [e["event_id"] for e in _get(client, "events", outlet="Illustration Wire")] == ["b1"]


def test_an_unknown_outlet_is_a_422_with_the_closest_names(client: TestClient) -> None:
    r = client.get("/api/events", params={"outlet": "Ilustration Wire"})
    assert r.status_code == 422
    detail = r.json()["detail"][0]
    assert detail["loc"] == ["query", "outlet"]
    assert detail["suggestions"][0] == "Illustration Wire"
    assert client.get("/api/claims", params={"q": "   "}).status_code == 422
    assert client.get("/api/actors", params={"outlet": OUTLET}).status_code == 422


def test_q_keeps_the_records_holding_every_word(client: TestClient) -> None:
    assert [c["claim_id"] for c in _get(client, "claims", q="ROADS gao")] == ["c1"]
    assert _get(client, "claims", q="roads bamako") == []
    assert [e["event_id"] for e in _get(client, "events", q="militants abducted")] == ["s3"]


def test_export_downloads_the_selection_as_csv_and_geojson(client: TestClient) -> None:
    r = client.get("/api/export", params={"format": "csv", "outlet": OUTLET})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert {row["event_id_cnty"] for row in rows} == {f"illus-sahel:s{i}" for i in range(1, 5)}
    by_id = {row["event_id_cnty"]: row for row in rows}
    assert by_id["illus-sahel:s3"]["event_date"] == "2026-03-15"  # a month: the 15th, precision 2
    assert by_id["illus-sahel:s3"]["time_precision"] == "2"
    assert by_id["illus-sahel:s1"]["geo_precision"] == "1"
    assert by_id["illus-sahel:s4"]["geo_precision"] == "3"
    g = client.get("/api/export", params={"format": "geojson", "type": "Arrests"})
    assert g.headers["content-type"].startswith("application/geo+json")
    features = g.json()["features"]
    assert {f["id"] for f in features} == {"illus-sahel:s4", "illus-bamako:b1"}
    bamako = next(f for f in features if f["id"] == "illus-bamako:b1")
    assert bamako["geometry"] == {"type": "Point", "coordinates": [-8.0029, 12.6392]}


@pytest.mark.parametrize(
    ("params", "param"),
    [({"format": "xml"}, "format"), ({"since": "2026-13"}, "since"), ({"outlet": "Nowhere"}, "outlet"),
     ({"limit": 0}, "limit"), ({"colour": "red"}, "colour")],
)  # fmt: skip
def test_export_refuses_bad_parameters_naming_them(
    client: TestClient, params: dict, param: str
) -> None:
    r = client.get("/api/export", params=params)
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"][-1] == param
