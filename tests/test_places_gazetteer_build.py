"""The built gazetteer: areas held only as their parts, article-less town names. Texts are the project's own short illustrations."""

from __future__ import annotations

from collections import defaultdict

import pytest

from newsledger.places import PlaceStage
from newsledger.places.build import _composite_areas
from newsledger.places.rules import default_rules

STAGES = ["nlp", "places"]
RULES = default_rules()


def without(parse, text, *rules, **meta):
    """``text`` through nlp and a places stage with ``rules`` (ids of data/rules.toml) off."""
    return PlaceStage(rules=RULES.without(*rules))(parse(text, ["nlp"], **meta))


def _gaz():
    from newsledger.places import PlaceStage

    return PlaceStage().resolver.gaz


def test_a_composite_area_sits_at_its_parts_population_weighted_centre():
    feats = {
        1: (1, "North Part", "admin2", "XX", "XX.01", "Shire", 10.0, 0.0, 300),
        2: (2, "West Part", "admin2", "XX", "XX.01", "Shire", 0.0, 10.0, 100),
    }
    primary: dict[int, set[str]] = defaultdict(set)
    nxt = _composite_areas([["Old Shire|Olds", "XX", "North Part|West Part"]], feats, primary, -5)
    assert nxt == -6
    _gid, name, kind, cc, a1code, a1name, lat, lon, pop = feats[-5]
    assert (name, kind, cc, a1code, a1name, pop) == (
        "Old Shire",
        "admin2",
        "XX",
        "XX.01",
        "Shire",
        400,
    )
    assert (lat, lon) == pytest.approx((7.5, 2.5))
    assert primary[-5] == {"Old Shire", "Olds"}


def test_a_composite_area_with_an_unknown_part_is_a_build_error():
    feats = {1: (1, "North Part", "admin2", "XX", "XX.01", "Shire", 10.0, 0.0, 300)}
    with pytest.raises(ValueError, match="Nowhere"):
        _composite_areas([["Old Shire", "XX", "North Part|Nowhere"]], feats, defaultdict(set), -1)


def test_the_built_gazetteer_knows_split_counties_and_article_less_town_names():
    gaz = _gaz()
    north = next(f for f in gaz.lookup("Northamptonshire") if f.cc == "GB")
    assert north.kind == "admin2" and 52.0 < north.lat < 52.7 and -1.2 < north.lon < -0.4
    # "Qamishli" is an alternate name of Al Qamishli, Syria; "El Paso" keeps its article
    assert any(f.cc == "SY" and not f.main for f in gaz.lookup("Qamishli"))
    assert not any(f.cc == "US" for f in gaz.lookup("Paso"))
