"""Reference-date inference: republications, current articles, and no evidence at all.

The texts are the project's own illustrations, except the seed article read from ../shared.
"""

from __future__ import annotations

import pytest

# A 2019 text republished in 2024: a dated caption (May 2019) and yearless mentions that only
# make sense from June 2019.
REPUBLISHED = (
    "Regional Wire Monday, March 4, 2024\n\n"
    "Militia pushes into the northern hills\n\n"
    "A soldier stands guard at a checkpoint outside Goma on May 2, 2019. (Photo: Example Agency)\n\n"
    "Militia fighters overran two villages in late April, according to local officials.\n\n"
    "At a June 14 press conference, an army spokesman said about 300 soldiers had been sent "
    "to the area and that the offensive had started again on Tuesday.\n\n"
    "The same militia was blamed for a March 2011 massacre in the region."
)

# A current article: its explicit dates are old background, its relative dates are recent.
CURRENT = (
    "Protesters returned to the capital's main square on Friday, a week after police broke up "
    "a sit-in. The movement traces its roots to a March 2011 uprising. Organisers said last "
    "week that they would keep marching until the elections."
)


def _resolved(doc, text: str) -> str | None:
    for m in doc.dates:
        if m.text == text:
            return m.resolved
    raise AssertionError(f"{text!r} not among {[m.text for m in doc.dates]}")


def test_republication_reference_from_caption_and_yearless_mentions(parse):
    doc = parse(REPUBLISHED, stages=["nlp", "time"], published="2024-03-04")
    assert doc.published == "2024-03-04"
    assert doc.reference_date == "2019-06-14"
    assert any("reference date 2019-06-14" in w for w in doc.warnings)
    assert _resolved(doc, "late April") == "2019-04"
    assert _resolved(doc, "June 14") == "2019-06-14"
    assert _resolved(doc, "May 2, 2019") == "2019-05-02"
    assert _resolved(doc, "March 2011") == "2011-03"
    # 2019-06-14 is a Friday: "on Tuesday" is the Tuesday before it
    assert _resolved(doc, "Tuesday") == "2019-06-11"


def test_republication_without_published_metadata(parse):
    # the site header line ("Regional Wire Monday, March 4, 2024") is the only later date
    doc = parse(REPUBLISHED, stages=["nlp", "time"])
    assert doc.reference_date == "2019-06-14"
    assert _resolved(doc, "late April") == "2019-04"


def test_current_article_keeps_published_as_reference(parse):
    doc = parse(CURRENT, stages=["nlp", "time"], published="2024-03-04")
    assert doc.reference_date == "2024-03-04"
    assert not doc.warnings
    assert _resolved(doc, "March 2011") == "2011-03"
    assert _resolved(doc, "Friday") == "2024-03-01"  # 2024-03-04 is a Monday
    assert _resolved(doc, "last week") == "2024-02"


def test_no_evidence_gives_null_reference_and_unresolved_relative_dates(parse):
    doc = parse(
        "Rebels said on Tuesday that they had withdrawn from the town last month.",
        stages=["nlp", "time"],
    )
    assert doc.reference_date is None
    assert {m.text for m in doc.dates} >= {"Tuesday", "last month"}
    assert all(m.resolved is None for m in doc.dates)


def test_reference_date_given_by_the_input_is_kept(parse):
    doc = parse(
        CURRENT, stages=["nlp", "time"], published="2024-03-04", reference_date="2023-11-20"
    )
    assert doc.reference_date == "2023-11-20"
    assert _resolved(doc, "Friday") == "2023-11-17"


@pytest.mark.slow
def test_seed_republication_resolves_against_november_2021(parse, shared):
    path = next((shared / "corpus" / "seed").glob("*.txt"))
    doc = parse(path.read_text("utf-8"), stages=["nlp", "time"])
    assert doc.reference_date is not None and doc.reference_date.startswith("2021-11")
    assert doc.reference_date >= "2021-11-17"
    got = {m.text: m.resolved for m in doc.dates}
    assert got["late August"] == "2021-08"
    assert got["November 17"] == "2021-11-17"
    assert got["January 2008"] == "2008-01"
    assert got["September 1, 2021"] == "2021-09-01"
    if doc.published:
        assert doc.published != doc.reference_date
        assert any("inferred from the text" in w for w in doc.warnings)


def test_later_bare_year_rules_out_an_old_writing_date(parse):
    doc = parse(
        "The rebels signed a truce on 3 May 2019 in the capital. In 2023, the truce collapsed, "
        "and the army said on Tuesday that fighting had resumed.",
        stages=["nlp", "time"],
    )
    assert doc.reference_date is None
    assert {m.text: m.resolved for m in doc.dates}["3 May 2019"] == "2019-05-03"


def test_yearless_month_is_read_as_the_nearer_year(parse):
    doc = parse(
        "Soldiers patrol a street in Mosul on January 15, 2017. (Photo: Example Agency)\n\n"
        "The offensive that began in December has reached the river.",
        stages=["nlp", "time"],
    )
    assert doc.reference_date == "2017-01-15"
    assert {m.text: m.resolved for m in doc.dates}["December"] == "2016-12"
