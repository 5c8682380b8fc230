"""Placement: the article's main town, sites and unknown names placed at the place written with them, possessors, corrections abroad, far small towns. Texts are the project's own short illustrations."""

from __future__ import annotations

from conftest import place_by_mention
from newsledger.places import PlaceStage
from newsledger.places.mention import Mention
from newsledger.places.placement import focus_town
from newsledger.places.rules import default_rules

STAGES = ["nlp", "places"]
RULES = default_rules()


def without(parse, text, *rules, **meta):
    """``text`` through nlp and a places stage with ``rules`` (ids of data/rules.toml) off."""
    return PlaceStage(rules=RULES.without(*rules))(parse(text, ["nlp"], **meta))


def test_the_main_town_is_in_the_country_most_names_point_to(parse):
    text = (
        "Police in Lyon said a fire in Lyon was out. Traffic in Lyon and buses in Lyon ran "
        "late, and schools in Lyon closed. Officials in Johannesburg and Pretoria, South "
        "Africa, said the Ubuntu Family Hospital would reopen."
    )
    doc = parse(text, STAGES)
    clinic = place_by_mention(doc, "Ubuntu Family Hospital")
    assert clinic is not None and clinic.kind == "site" and clinic.country == "ZA"
    # counting repetitions, Lyon wins
    again = place_by_mention(without(parse, text + " ", "focus-distinct"), "Ubuntu Family Hospital")
    assert again is not None and again.country == "FR"


POSSESSOR = (
    "Customs officers at London's Heathrow seized the parcels on Monday, and a second search "
    "followed at Heathrow's cargo centre."
)


def test_a_place_in_the_possessive_of_a_town_lies_by_that_town(parse):
    doc = parse(POSSESSOR, STAGES)
    london = place_by_mention(doc, "London")
    site = place_by_mention(doc, "Heathrow")
    assert london is not None and london.country == "GB"
    # the gazetteer's only Heathrow is a small Florida town: the possessor places it instead
    assert site is not None and site.country == "GB"
    assert (site.lat, site.lon) == (london.lat, london.lon)
    assert site.reason is not None and site.reason.startswith("approximate")


def test_possessor_rule_decides(parse):
    # which would also move the far Heathrow
    site = place_by_mention(without(parse, POSSESSOR, "possessor", "far-small-towns"), "Heathrow")
    assert site is None or site.country != "GB"


FUZZY = "The colt was bred in Helmet and raced in Dubai, United Arab Emirates."


def test_a_spelling_correction_abroad_is_dropped(parse):
    # "Helmet" is one letter from Hemet, California, but the article names only the Emirates
    p = place_by_mention(parse(FUZZY, STAGES), "Helmet")
    assert p is None or p.country == "AE"
    p = place_by_mention(without(parse, FUZZY, "fuzzy-in-context"), "Helmet")
    assert p is not None and p.country == "US"


def test_a_name_the_gazetteer_lacks_takes_the_place_after_in():
    from newsledger.places.gazetteer import Feature

    chicago = Feature(1, "Chicago", "city", "US", "US.IL", "Illinois", 41.85, -87.65, 2_700_000)
    res = PlaceStage().resolver
    res._text = "Le Quillon in Chicago"
    unknown = Mention(0, 10, "Le Quillon", "GPE")
    town = Mention(14, 21, "Chicago", "GPE", cands=[chicago])
    res._link_anchors([unknown, town])
    assert unknown.anchor is town
    # a short parenthesis (the site's abbreviation) stands aside: "Quillon Prison (QP) in"
    res._text = "Quillon Prison (QP) in Chicago"
    prison = Mention(0, 14, "Quillon Prison", "FAC", facility=True)
    town2 = Mention(23, 30, "Chicago", "GPE", cands=[chicago])
    res._link_anchors([prison, town2])
    assert prison.anchor is town2
    res = PlaceStage(rules=RULES.without("unresolved-anchor")).resolver
    res._text = "Le Quillon in Chicago"
    other = Mention(0, 10, "Le Quillon", "GPE")
    res._link_anchors([other, town])
    assert other.anchor is None


FAR = (
    "Shoppers in Manassas, Virginia, head to Stonewall for groceries, and commuters take the "
    "train to Washington."
)


def test_a_far_small_town_in_no_named_area_is_a_local_feature(parse):
    doc = parse(FAR, STAGES)
    site = place_by_mention(doc, "Stonewall")
    town = place_by_mention(doc, "Manassas")
    assert site is not None and town is not None and site.kind == "site"
    assert (site.lat, site.lon) == (town.lat, town.lon)
    assert site.reason is not None and "km away" in site.reason
    # a small town written with its state is that town, however far
    named = parse("Shoppers in Manassas, Virginia, drove to Eva, Alabama, for the fair.", STAGES)
    eva = place_by_mention(named, "Eva")
    assert eva is not None and eva.kind == "city" and eva.admin1 == "Alabama"
    alone = place_by_mention(without(parse, FAR, "far-small-towns"), "Stonewall")
    assert alone is not None and alone.kind == "city" and alone.admin1 != "Virginia"


def test_the_main_town_lies_in_the_area_most_names_point_to():
    from newsledger.places.gazetteer import Feature

    def town(gid, name, a1, lat, lon, pop):
        return Feature(gid, name, "city", "US", a1, None, lat, lon, pop)

    stray = town(1, "Stray Town", "US.OH", 40.3, -81.6, 3_800)
    main = town(2, "Santa Barbara", "US.CA", 34.4, -119.7, 91_800)
    near = [town(3, "Carpinteria", "US.CA", 34.4, -119.5, 13_700),
            town(4, "Goleta", "US.CA", 34.4, -119.8, 30_000)]  # fmt: skip
    ms = []
    for f, n in [(stray, 3), (main, 2), (near[0], 1), (near[1], 1)]:
        for _ in range(n):
            m = Mention(0, 1, f.name, "GPE", cands=[f])
            m.best = f
            ms.append(m)
    assert focus_town(ms, RULES) is main  # three mentions of a stray name lose to the area
    assert focus_town(ms, RULES.without("focus-area-first")) is stray


def test_without_a_town_a_sites_own_town_is_the_main_town():
    from newsledger.places.gazetteer import Feature

    derry = Feature(1, "Derry", "city", "GB", "GB.NIR", None, 55.0, -7.3, 83_652)
    area = Feature(2, "Northern Ireland", "admin1", "GB", "GB.NIR", None, 54.6, -6.7, 1_485_736)
    site = Mention(0, 1, "Derry's Quillan Hospital", "GAZ", cands=[derry], facility=True)
    site.best, site.site = derry, True
    other = Mention(2, 3, "Northern Ireland", "GPE", cands=[area])
    other.best = area
    assert focus_town([site, other], RULES) is derry
    assert focus_town([site, other], RULES.without("focus-from-sites")) is None


def test_a_parent_outside_is_never_read_into_a_list_of_towns(parse):
    # "Miami, West Palm Beach, New York": offices in four towns, not a town in New York
    doc = parse(
        "The agency has offices in Los Angeles, Miami, West Palm Beach, New York, and Detroit.",
        STAGES,
    )
    p = place_by_mention(doc, "West Palm Beach")
    assert p is not None and p.admin1 == "Florida" and p.kind != "site"
