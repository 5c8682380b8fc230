"""Trends over clustered events: each real event once, per period, by type/actor/admin1."""

from __future__ import annotations

from newsledger.analysis.charts import trend_chart
from newsledger.analysis.corroborate import cluster_events
from newsledger.analysis.records import EventRecord
from newsledger.analysis.trends import compute_trends, period_of

PROVINCES = {"Kunar": (34.9, 71.1), "Nangarhar": (34.2, 70.4), "Kabul": (34.5, 69.2)}


def rec(
    i: int, date: str, province: str, actor: str, outlet: str, typ: str = "Battles"
) -> EventRecord:
    lat, lon = PROVINCES[province]
    return EventRecord(
        key=f"d{i}#e1",
        doc_id=f"d{i}",
        type=typ,
        date=date,
        actor1=actor,
        actor_keys=(actor.lower(),),
        place_name=f"{province} town",
        place_kind="city",
        admin1=province,
        lat=lat,
        lon=lon,
        outlet=outlet,
        source_key=f"outlet:{outlet}",
    )


def events():
    recs = [
        rec(1, "2023-01-10", "Kunar", "Group A", "o1"),
        rec(2, "2023-01-10", "Kunar", "Group A", "o2"),  # the same event, another outlet
        rec(3, "2023-02-20", "Nangarhar", "Group A", "o1"),
        rec(4, "2023-05-02", "Kabul", "Group A", "o1", "Explosions/Remote violence"),
        rec(5, "2023-05-03", "Kunar", "Group B", "o3"),
        rec(6, "2023-06-30", "Nangarhar", "Group A", "o2"),
    ]
    return cluster_events(recs)


def test_period_labels() -> None:
    assert period_of("2023-05-03", "quarter") == "2023-Q2"
    assert period_of("2023-05", "month") == "2023-05"
    assert period_of("2023-01-02", "week") == "2023-W01"
    assert period_of("2023", "month") is None and period_of(None, "week") is None


def test_provinces_an_actor_was_active_in_per_quarter(tmp_path) -> None:
    t = compute_trends(events(), by="admin1", period="quarter", actor_keys=["group a"])
    rows = {r["period"]: r for r in t.rows()}
    assert rows["2023-Q1"]["Kunar"] == 1  # two reports, one event
    assert rows["2023-Q1"]["distinct"] == 2 and rows["2023-Q2"]["distinct"] == 2
    assert rows["2023-Q2"].get("Kunar", 0) == 0  # that was Group B
    csv = t.to_csv().splitlines()
    assert csv[0].startswith("period,") and len(csv) == 3
    png = trend_chart(t, tmp_path / "chart.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = trend_chart(t, tmp_path / "chart.svg")
    assert "<svg" in svg.read_text()


def test_by_type_and_actor_per_month() -> None:
    t = compute_trends(events(), by="type", period="month")
    assert t.counts[("2023-01", "Battles")] == 1
    assert t.counts[("2023-05", "Explosions/Remote violence")] == 1
    a = compute_trends(events(), by="actor", period="month")
    assert a.counts[("2023-05", "Group B")] == 1 and a.groups[0] == "Group A"
