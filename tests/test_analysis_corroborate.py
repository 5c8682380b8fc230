"""Event corroboration on plain event records (no pipeline needed)."""

from __future__ import annotations

import random

import newsledger.analysis.corroborate as corroborate
from newsledger.analysis.corroborate import ClusterParams, cluster_events
from newsledger.analysis.dedup import DuplicateIndex, DuplicateLink
from newsledger.analysis.records import EventRecord

BOMB = "Explosions/Remote violence"
TOWN_A = dict(
    place_name="Town A", place_kind="city", admin1="North", country="XX", lat=34.40, lon=70.45
)
TOWN_A2 = dict(
    place_name="Town A", place_kind="city", admin1="North", country="XX", lat=34.43, lon=70.48
)
TOWN_B = dict(
    place_name="Town B", place_kind="city", admin1="South", country="XX", lat=31.60, lon=65.70
)


def rec(doc: str, outlet: str, n: int = 1, **kw) -> EventRecord:
    base = dict(
        type=BOMB,
        subtype="Suicide bomb",
        date="2024-03-11",
        fallback_date="2024-03-12",
        actor1="Group X",
        actor_keys=("group x",),
        source_key=f"outlet:{outlet.lower()}",
    )
    base.update(kw)
    return EventRecord(key=f"{doc}#e{n}", doc_id=doc, outlet=outlet, published="2024-03-12", **base)


def test_two_outlets_one_bombing_conflicting_figures() -> None:
    cl = cluster_events(
        [
            rec("d1", "Alpha", fatalities=13, **TOWN_A),
            rec("d2", "Beta", fatalities=170, subtype="Remote explosive/landmine/IED", **TOWN_A2),
        ]
    )
    assert len(cl) == 1
    ev = cl[0]
    assert ev.independent_sources == 2 and ev.outlets == ["Alpha", "Beta"]
    assert ev.fatalities_conflict and ev.fatalities_range == (13, 170)
    assert {(f.outlet, f.value) for f in ev.fatalities} == {("Alpha", 13), ("Beta", 170)}


def test_far_apart_places_dates_or_types_split() -> None:
    assert len(cluster_events([rec("d1", "Alpha", **TOWN_A), rec("d2", "Beta", **TOWN_B)])) == 2
    late = rec("d2", "Beta", date="2024-03-20", **TOWN_A)
    assert len(cluster_events([rec("d1", "Alpha", **TOWN_A), late])) == 2
    battle = rec("d2", "Beta", type="Battles", subtype="Armed clash", **TOWN_A)
    assert len(cluster_events([rec("d1", "Alpha", **TOWN_A), battle])) == 2
    # the window is a parameter
    near = rec("d2", "Beta", date="2024-03-15", **TOWN_A)
    assert len(cluster_events([rec("d1", "Alpha", **TOWN_A), near])) == 2
    assert (
        len(
            cluster_events(
                [rec("d1", "Alpha", **TOWN_A), near], params=ClusterParams(window_days=5)
            )
        )
        == 1
    )


def test_reports_without_date_or_place_cluster_and_say_so() -> None:
    undated = rec("d2", "Beta", date=None, fallback_date="2024-03-13", **TOWN_A2)
    placeless = rec("d3", "Gamma", place_name=None)
    cl = cluster_events([rec("d1", "Alpha", **TOWN_A), undated, placeless])
    assert len(cl) == 1 and cl[0].independent_sources == 3
    missing = " | ".join(cl[0].missing)
    assert "date missing in 1 of 3" in missing and "place missing in 1 of 3" in missing
    # nothing but publication dates: still clustered, and dated by publication
    only = cluster_events(
        [
            rec("d1", "Alpha", date=None, fallback_date="2024-03-12", **TOWN_A),
            rec("d2", "Beta", date=None, fallback_date="2024-03-13", **TOWN_A2),
        ]
    )
    assert len(only) == 1 and only[0].date is None
    assert "unknown in every report (dated by publication" in only[0].missing[0]


def test_a_vague_report_does_not_glue_two_events_together() -> None:
    a = rec("d1", "Alpha", **TOWN_A)
    b = rec("d2", "Beta", **TOWN_B)
    vague = rec("d3", "Gamma", date=None, fallback_date=None)  # actor only
    cl = cluster_events([a, b, vague])
    assert len(cl) == 3
    # the same vague report joins when there is one candidate
    assert len(cluster_events([a, vague])) == 1


def test_copies_and_same_outlet_reposts_are_not_independent() -> None:
    dup = DuplicateIndex(
        links={"d1-copy": DuplicateLink("d1-copy", "d1", 0.95)}, groups=[["d1", "d1-copy"]]
    )
    cl = cluster_events(
        [
            rec("d1", "Alpha", fatalities=13, **TOWN_A),
            rec("d1-copy", "Omega", fatalities=13, **TOWN_A),
            rec("d2", "Alpha", **TOWN_A2),  # the same outlet again
            rec("d3", "Beta", **TOWN_A2),
        ],
        dup,
    )
    assert len(cl) == 1
    ev = cl[0]
    assert ev.independent_sources == 2 and ev.outlets == ["Alpha", "Beta"]
    copy = next(s for s in ev.sources if s.doc_id == "d1-copy")
    assert copy.copy_of == "d1" and not copy.independent
    assert not ev.fatalities_conflict  # the copy's figure is the original's


def test_outlets_disagreeing_on_the_perpetrator_stay_one_event() -> None:
    other = rec("d2", "Beta", actor1="Group Y", actor_keys=("group y",), **TOWN_A2)
    cl = cluster_events([rec("d1", "Alpha", **TOWN_A), other])
    assert len(cl) == 1
    assert cl[0].perpetrators == {"Group X": ["Alpha"], "Group Y": ["Beta"]}
    # but different perpetrators with nothing else in common are different events
    vague = rec("d3", "Gamma", actor1="Group Y", actor_keys=("group y",), place_name=None)
    assert len(cluster_events([rec("d1", "Alpha", **TOWN_A), vague])) == 2


def test_blocking_keeps_comparisons_linear(monkeypatch) -> None:
    calls = {"n": 0}
    real = corroborate.compare

    def counting(a, b, p):
        calls["n"] += 1
        return real(a, b, p)

    monkeypatch.setattr(corroborate, "compare", counting)

    def run(n: int) -> int:
        rng = random.Random(3)
        recs = []
        for i in range(n):
            day = i // 20  # constant events per day: a longer period for more events
            lat, lon = rng.uniform(-40, 50), rng.uniform(-100, 120)
            recs.append(
                rec(
                    f"d{i}",
                    f"o{i % 7}",
                    date=f"{2020 + day // 300}-{day % 300 // 28 + 1:02d}-{day % 28 + 1:02d}",
                    place_name=f"P{i}",
                    place_kind="city",
                    lat=lat,
                    lon=lon,
                    actor_keys=(f"g{rng.randrange(50)}",),
                )
            )
        calls["n"] = 0
        cluster_events(recs)
        return calls["n"]

    small, large = run(1000), run(8000)
    assert large < 8 * 1.6 * max(small, 50)


def test_an_article_that_only_denies_the_event_is_not_a_source() -> None:
    cl = cluster_events(
        [
            rec("d1", "Alpha", certainty="claimed", **TOWN_A),
            rec("d2", "Beta", certainty="denied", **TOWN_A2),
        ]
    )
    assert len(cl) == 1
    ev = cl[0]
    assert ev.independent_sources == 1 and ev.outlets == ["Alpha"]
    assert [s.outlet for s in ev.sources if s.denies] == ["Beta"]
    assert ev.certainty == "claimed"


def test_clusters_do_not_depend_on_input_order() -> None:
    recs = [
        rec("d1", "Alpha", **TOWN_A),
        rec("d2", "Beta", date=None, fallback_date="2024-03-13", **TOWN_A2),
        rec("d3", "Gamma", place_name=None),
        rec("d4", "Delta", **TOWN_B),
        rec("d5", "Eps", date=None, fallback_date=None),
        rec("d6", "Zeta", actor_keys=(), actor1=None, **TOWN_B),
    ]

    def groups(rs):
        return sorted(sorted(m.key for m in c.members) for c in cluster_events(rs))

    first = groups(recs)
    rng = random.Random(5)
    for _ in range(5):
        shuffled = recs[:]
        rng.shuffle(shuffled)
        assert groups(shuffled) == first


def test_a_hypothetical_report_is_never_merged_with_the_event_that_happened() -> None:
    asserted = rec("d1", "Alpha", **TOWN_A)
    same = rec("d2", "Beta", **TOWN_A2)
    maybe = rec("d3", "Gamma", certainty="hypothetical", **TOWN_A2)  # "could strike again"
    groups = sorted(
        sorted(m.key for m in c.members) for c in cluster_events([asserted, same, maybe])
    )
    assert groups == [["d1#e1", "d2#e1"], ["d3#e1"]]
    # two possibilities of one event still meet each other
    maybe2 = rec("d4", "Delta", certainty="conditional", **TOWN_A)
    assert len(cluster_events([maybe, maybe2])) == 1
