"""One illustration per rule: the rule finds its place, and switched off (with any rule that finds it by another road) it no longer does. Texts are the project's own short illustrations."""

from __future__ import annotations

import pytest

from conftest import place_by_mention
from newsledger.places import PlaceStage
from newsledger.places.rules import default_rules

STAGES = ["nlp", "places"]
RULES = default_rules()


def without(parse, text, *rules, **meta):
    """``text`` through nlp and a places stage with ``rules`` (ids of data/rules.toml) off."""
    return PlaceStage(rules=RULES.without(*rules))(parse(text, ["nlp"], **meta))


CASES = {
    "parent-outside": (
        "The touring car series visits Rockingham, Northamptonshire, in August before the finale.",
        "Rockingham",
        lambda p: p.country == "GB" and p.kind == "site",
        lambda p: p is None or p.country != "GB",
    ),
    "extend-hyphen": (
        "Officials said the tourism industry of Gilgit-Baltistan needs new roads.",
        "Gilgit-Baltistan",
        lambda p: p.country == "PK" and p.kind == "admin1",
        lambda p: p is None,
    ),
    "date-names": (
        "A soldier was embedded with special forces in Manbij near the Turkish border.",
        "Manbij",
        lambda p: p.country == "SY",
        lambda p: p is None,
    ),
    "dateline-bare": (
        "SAN ANTONIO Turner Sports analyst Jane Roe said the team looked tired.",
        "SAN ANTONIO",
        lambda p: p.country == "US" and p.admin1 == "Texas",
        lambda p: p is None,
    ),
    "dateline-pairs": (
        "TIJUANA & SAN DIEGO, March 29, 2018 -- Officials on both sides of the border said work "
        "on the sewage plant will start soon.",
        "SAN DIEGO",
        lambda p: p.country == "US" and p.admin1 == "California",
        lambda p: p is None,
    ),
    "listed-untagged": (
        "Kurdish forces advanced on Hasakah and Qamishli on Monday, officials said.",
        "Qamishli",
        lambda p: p.country == "SY",
        lambda p: p is None,
    ),
    "listed-people": (
        "Drivers faced long delays on Monday, with congestion backing up between Coggeshall and "
        "Marks Tey.",
        "Marks Tey",
        lambda p: p.country == "GB",
        lambda p: p is None,
    ),
    "other-places": (
        "A spokesman says Turkey fired on Qamishli and other towns along the Syrian border.",
        "Qamishli",
        lambda p: p.country == "SY",
        lambda p: p is None,
    ),
    "paren-place": (
        "The evening offers dinner, a fashion show by Fig Leaf Boutique (Maywood) and dancing "
        "in Hackensack, New Jersey.",
        "Maywood",
        lambda p: p.admin1 == "New Jersey",
        lambda p: p is None,
    ),
    "run-prefix": (
        "Superintendents for Owensboro Public Schools and the county met on Monday.",
        "Owensboro",
        lambda p: p.admin1 == "Kentucky",
        lambda p: p is None,
    ),
    "campus-town": (
        "She studied music at the University of Nebraska-Lincoln before moving to Ohio.",
        "Lincoln",
        lambda p: p.admin1 == "Nebraska" and p.kind == "city",
        lambda p: p is None,
    ),
    "focus-any-country": (
        "Thunder Snow won the big race at Meydan Racecourse on Saturday. Trainers from "
        "California, Kentucky and Florida sent horses to Dubai, and Dubai's racing club said "
        "Dubai would host again next year.",
        "Meydan Racecourse",
        lambda p: p.kind == "site" and p.country == "AE",
        lambda p: p is None or p.lat is None,
    ),
    "formal-country": (
        "China spoke of the security threat facing the Democratic People's Republic of Korea "
        "this year.",
        "Democratic People's Republic of Korea",
        lambda p: p.country == "KP",
        lambda p: p is None,
    ),
}


#: the conflict-reporting context rules, which find some cases' places by another road
CONFLICT = (
    "norp-big-town",
    "code-names",
    "listed-alias",
    "particle-names",
    "place-verbs",
    "advance-on",
    "compass-after",
    "apposition",
)
#: rules that also find a case's place by another road, switched off with it
ALSO_OFF = {"extend-hyphen": CONFLICT, "other-places": CONFLICT}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_each_rule_finds_its_place_and_decides(parse, rule):
    text, mention, with_rule, without_rule = CASES[rule]
    p = place_by_mention(parse(text, STAGES), mention)
    assert p is not None and with_rule(p), (rule, p)
    others = ALSO_OFF.get(rule, ())
    if others:
        again = place_by_mention(without(parse, text, *others), mention)
        assert again is not None and with_rule(again), rule  # one road left
    assert without_rule(place_by_mention(without(parse, text, rule, *others), mention)), rule
