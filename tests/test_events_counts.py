"""Fatality counts from numbers and phrases."""

from __future__ import annotations

import pytest

from newsledger.events import parse_count


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("at least 13", 13),
        ("1,300", 1300),
        ("six", 6),
        ("twenty-one", 21),
        ("scores of", 20),
        ("dozens of", 12),
        ("hundreds", 100),
    ],
)
def test_parse_count(phrase: str, value: int) -> None:
    assert parse_count(phrase) == value


def test_no_number_no_count() -> None:
    assert parse_count("the villagers") is None
