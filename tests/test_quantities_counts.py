"""Counts: numbers of people with value / low / high, vague quantifiers, ranges, and non-counts.

The texts are the project's own illustrations, except the seed article read from ../shared.
"""

from __future__ import annotations

import pytest

from newsledger.quantities import QuantityStage, parse_count


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("at least 13", (13, 13, None)),
        ("scores of", (None, 40, None)),
        ("dozens", (None, 24, None)),
        ("more than 100", (100, 100, None)),
        ("six", (6, None, None)),
        ("a dozen", (12, None, None)),
        ("two hundred", (200, None, None)),
        ("1,300", (1300, None, None)),
        ("about 1,300 of", (1300, None, None)),
        ("around 2,000-3,000", (None, 2000, 3000)),
        ("between 10 and 20", (None, 10, 20)),
        ("up to 50", (None, None, 50)),
        ("nearly two dozen", (24, None, 24)),
        ("tens of thousands", (None, 20000, None)),
        ("twenty-five", (25, None, None)),
        ("2.5 million", (2_500_000, None, None)),
        ("the", None),
        ("several weeks", None),
    ],
)
def test_parse_count(phrase, expected):
    assert parse_count(phrase) == expected


TEXT = (
    "Gunmen killed at least 12 soldiers and wounded dozens of civilians near the border on "
    "Monday. The army said between 40 and 50 militants had taken part, and that two hundred "
    "residents fled. In 2019, 45% of the town's budget, $3 million, went to its 2,000 police "
    "officers. Officials said six were kidnapped. The attack lasted 18 hours."
)


@pytest.fixture(scope="module")
def quantities(parse):
    # run without the actors stage: doc.actors is empty, the stage must cope
    doc = QuantityStage()(parse(TEXT, stages=["nlp", "time"]))
    return {q.text: q for q in doc.quantities}, doc


def test_counts_of_people(quantities):
    got, _ = quantities
    q = got["at least 12 soldiers"]
    assert (q.value, q.low, q.high, q.unit) == (12, 12, None, "soldier")
    q = got["dozens of civilians"]
    assert (q.value, q.low, q.unit) == (None, 24, "civilian")
    q = got["between 40 and 50 militants"]
    assert (q.low, q.high, q.unit) == (40, 50, "militant")
    q = got["two hundred residents"]
    assert (q.value, q.unit) == (200, "resident")
    q = got["2,000 police officers"]
    assert (q.value, q.unit) == (2000, "officer")


def test_bare_counts_of_casualty_verbs(quantities):
    got, _ = quantities
    assert got["six"].value == 6 and got["six"].unit == "people"


def test_years_money_percentages_and_durations_are_not_counts(quantities):
    got, doc = quantities
    texts = " | ".join(got)
    for bad in ("2019", "45", "3 million", "18"):
        assert bad not in texts, texts
    for q in doc.quantities:
        assert doc.text[q.evidence.start : q.evidence.end] == q.evidence.sentence
        assert q.text in q.evidence.sentence


def test_counts_without_actors_stage_have_no_actor(quantities):
    _, doc = quantities
    assert doc.actors == []
    assert all(q.actor is None for q in doc.quantities)


@pytest.mark.slow
def test_seed_counts(parse, shared):
    path = next((shared / "corpus" / "seed").glob("*.txt"))
    doc = parse(path.read_text("utf-8"), stages=["nlp", "time", "actors", "quantities"])
    by_value = {(q.value, q.low, q.high): q for q in doc.quantities}
    assert by_value[(1300, None, None)].unit == "fighter"
    servicemen = by_value[(13, 13, None)]
    assert servicemen.unit == "serviceman"
    us_ids = {a.id for a in doc.actors if a.country == "US" or a.name == "United States"}
    if us_ids:
        assert servicemen.actor in us_ids
    assert by_value[(None, 40, None)].unit == "Afghan"
    assert by_value[(None, 2000, 3000)].unit == "fighter"
    assert (6, None, None) in by_value
    assert all(q.evidence.section != "boilerplate" for q in doc.quantities)


def test_actor_of_the_counted_noun_phrase(parse):
    doc = parse(
        "Officials said about 40 Taliban fighters and two NATO soldiers died in the clash.",
        stages=["nlp", "time", "actors", "quantities"],
    )
    by_text = {q.text: q for q in doc.quantities}
    assert by_text["about 40 Taliban fighters"].value == 40
    assert by_text["two NATO soldiers"].unit == "soldier"
    for q in doc.quantities:
        actor = doc.actor(q.actor)
        if actor is not None:  # the actor's mention lies inside the counted noun phrase
            assert any(
                q.evidence.start <= m.start and m.end <= q.evidence.end and m.text in q.text
                for m in actor.mentions
            )
    taliban = [a for a in doc.actors if any(m.text == "Taliban" for m in a.mentions)]
    if taliban:
        assert by_text["about 40 Taliban fighters"].actor == taliban[0].id


def test_tolls_others_and_skipped_numbers(parse):
    doc = QuantityStage()(
        parse(
            "The death toll from the blast rose to 52, the ministry said. Gunmen wounded 30 others. "
            "A 5,000-strong force was sent in. Call 555-1234 for details. The 23-year-old suspect "
            "was held.",
            stages=["nlp", "time"],
        )
    )
    got = {q.text: q for q in doc.quantities}
    assert got["52"].unit == "death" and got["52"].value == 52
    assert got["30 others"].unit == "people"
    assert got["5,000-strong force"].value == 5000
    assert not any("555" in t or "23" in t for t in got)
