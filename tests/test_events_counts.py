"""Fatality counts from numbers and phrases: the quantities stage's convention (vague counts
coded by their documented lower bound, as ACLED codes them conservatively)."""

from __future__ import annotations

import pytest

from newsledger.events import parse_count
from newsledger.quantities.count import parse_count as parse_quantity


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("at least 13", 13),
        ("1,300", 1300),
        ("six", 6),
        ("twenty-one", 21),
        ("scores of", 40),
        ("dozens of", 24),
        ("hundreds", 200),
        ("a dozen", 12),
        ("six civilians", 6),
    ],
)
def test_parse_count(phrase: str, value: int) -> None:
    assert parse_count(phrase) == value


@pytest.mark.parametrize(
    "phrase", ["at least 13", "scores of", "dozens of", "several", "hundreds", "2,000-3,000"]
)
def test_events_and_quantities_agree(phrase: str) -> None:
    value, low, _high = parse_quantity(phrase)  # type: ignore[misc]
    assert parse_count(phrase) == int(value if value is not None else low)  # type: ignore[arg-type]


def test_no_number_no_count() -> None:
    assert parse_count("the villagers") is None
