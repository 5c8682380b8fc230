"""Date mentions: precision kept, relative dates, durations skipped, and the public helpers.

The texts are the project's own illustrations.
"""

from __future__ import annotations

import pytest

from newsledger.time import dates_in_span, resolve_date

TEXT = (
    "The ceasefire signed on 17 November 2021 collapsed in 2022. Fighting resumed yesterday, "
    "three days after talks in Doha, and the army said it had held the pass since mid-March. "
    "The group has fought the government for three years and announced an 18-month truce "
    "last year. Commanders will meet again next Friday."
)


@pytest.fixture(scope="module")
def doc(parse):
    return parse(TEXT, stages=["nlp", "time"], published="2024-05-08")  # a Wednesday


def test_precision_is_kept(doc):
    got = {m.text: m.resolved for m in doc.dates}
    assert got["17 November 2021"] == "2021-11-17"
    assert got["2022"] == "2022"
    assert got["mid-March"] == "2024-03"


def test_relative_dates_resolve_against_reference(doc):
    got = {m.text: m.resolved for m in doc.dates}
    assert doc.reference_date == "2024-05-08"
    assert got["yesterday"] == "2024-05-07"
    assert got["last year"] == "2023"
    assert got["next Friday"] == "2024-05-10"


def test_durations_are_not_dates(doc):
    texts = " | ".join(m.text for m in doc.dates)
    assert "three years" not in texts
    assert "18-month" not in texts
    assert "three days" not in texts


def test_offsets_point_into_the_text(doc):
    for m in doc.dates:
        assert doc.text[m.start : m.end] == m.text


def test_dates_in_span_returns_the_sentence_dates(doc):
    start = doc.text.index("The group")
    end = doc.text.index("Commanders")
    assert [m.text for m in dates_in_span(doc, start, end)] == ["last year"]


@pytest.mark.parametrize(
    ("phrase", "reference", "expected"),
    [
        ("late August", "2021-11-17", "2021-08"),
        ("a November 17 briefing", "2021-11-17", "2021-11-17"),
        ("a January 2008 attack", "2021-11-17", "2008-01"),
        ("September 1, 2021", None, "2021-09-01"),
        ("in early December", "2021-11-17", "2020-12"),
        ("two weeks ago", "2021-11-17", "2021-11-03"),
        ("last month", "2021-01-10", "2020-12"),
        ("Sept. 3", "2021-11-17", "2021-09-03"),
        ("2021-09-01", None, "2021-09-01"),
        ("on 09.03.2018", None, "2018-03-09"),
        ("3/30/2018", None, "2018-03-30"),
        ("3/4/2018", None, "2018"),  # day and month cannot be told apart: the year only
        ("on Tuesday", None, None),
        ("recently", "2021-11-17", None),
        ("for three years", "2021-11-17", None),
    ],
)
def test_resolve_date(phrase, reference, expected):
    assert resolve_date(phrase, reference) == expected


def test_future_sentences_look_ahead(parse):
    doc = parse(
        "The election commission said the vote will be held on June 2.",
        stages=["nlp", "time"],
        published="2024-05-08",
    )
    assert {m.text: m.resolved for m in doc.dates}["June 2"] == "2024-06-02"


def test_future_is_read_from_the_governing_clause(parse):
    doc = parse(
        "On Tuesday, the minister said troops will withdraw. Fighting broke out in December, "
        "and leaders are expected to meet in March.",
        stages=["nlp", "time"],
        published="2024-05-08",
    )
    got = {m.text: m.resolved for m in doc.dates}
    assert got["Tuesday"] == "2024-05-07"  # said on Tuesday: past, despite "will" later
    assert got["December"] == "2023-12"
    assert got["March"] == "2025-03"
