"""Datelines: a story's opening place in upper case, with or without a dash, a news agency's mark, a particle or a second town. Texts are the project's own short illustrations."""

from __future__ import annotations

from conftest import place_by_mention
from newsledger.places import PlaceStage
from newsledger.places.mention import upper_name
from newsledger.places.rules import default_rules

STAGES = ["nlp", "places"]
RULES = default_rules()


def without(parse, text, *rules, **meta):
    """``text`` through nlp and a places stage with ``rules`` (ids of data/rules.toml) off."""
    return PlaceStage(rules=RULES.without(*rules))(parse(text, ["nlp"], **meta))


def test_an_upper_case_place_before_an_agency_mark_is_a_dateline(parse):
    doc = parse(
        "By JANE ROE, Associated Press WASHINGTON (AP) — The talks resumed on Friday.", STAGES
    )
    p = place_by_mention(doc, "WASHINGTON")
    assert p is not None and p.country == "US"


def test_an_upper_case_city_word_belongs_to_the_dateline(parse):
    doc = parse("MEXICO CITY (AP) — The president of Mexico said talks would resume.", STAGES)
    p = place_by_mention(doc, "MEXICO CITY")
    assert p is not None and p.kind == "city" and p.country == "MX"
    country = place_by_mention(doc, "Mexico")
    assert country is not None and country.kind == "country"


def test_upper_case_dateline_with_a_particle(parse):
    text = "Council backs new park. DeKALB - The city council voted on Monday to build a park."
    doc = parse(text, STAGES)
    p = place_by_mention(doc, "DeKALB")
    assert p is not None and p.country == "US"
    assert upper_name("McALLEN") and upper_name("DeKALB")
    assert not upper_name("McDonald") and not upper_name("DELHI")
    assert place_by_mention(without(parse, text, "dateline-mixed"), "DeKALB") is None


AGENCY = (
    "WASHINGTON (AP) - Officials from New York and Vermont met on Tuesday to discuss the "
    "budget, and talks in Washington will go on next week."
)


def test_an_agency_dateline_without_a_state_is_the_best_known_town(parse):
    doc = parse(AGENCY, STAGES)
    p = place_by_mention(doc, "WASHINGTON")
    assert p is not None and p.kind in ("city", "capital") and p.admin1 == "District of Columbia"
    # the other mentions of the name share the reading
    assert place_by_mention(doc, "Washington") is p


def test_agency_dateline_rule_decides(parse):
    from collections import Counter

    from newsledger.places.gazetteer import Feature

    sdoc = parse(AGENCY, ["nlp"]).user_data["spacy"]
    res = PlaceStage().resolver
    first = next(m for m in res.find(sdoc, []) if m.text == "WASHINGTON")
    assert first.major
    # against a county of the same name in a state the article is all about, the dateline
    # still means the capital
    dc = Feature(
        1, "Washington", "city", "US", "US.DC", "District of Columbia", 38.9, -77.0, 689_545
    )
    county = Feature(
        2, "Washington County", "admin2", "US", "US.NY", "New York", 43.3, -73.4, 23_198
    )
    first.cands = [dc, county]
    ny = (Counter({"US": 5.0}), Counter({"US.NY": 5.0}))
    res._home_cc = None
    assert res._score(first, dc, *ny) > res._score(first, county, *ny)
    res = PlaceStage(rules=RULES.without("agency-major")).resolver
    again = next(m for m in res.find(sdoc, []) if m.text == "WASHINGTON")
    assert not again.major


def test_an_agency_dateline_may_carry_the_date(parse):
    doc = parse(
        "SOUTH WAZIRISTAN, April 5 (APP): The army chief opened a market built for traders.",
        STAGES,
    )
    p = place_by_mention(doc, "SOUTH WAZIRISTAN")
    assert p is not None and p.country == "PK"
