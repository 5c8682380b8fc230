"""Facilities, roads and regions that spaCy hides, and where sites are placed."""

from __future__ import annotations

from conftest import place_by_mention
from newsledger.document import Place
from newsledger.places.gazetteer import Feature
from newsledger.places.mention import Mention
from newsledger.places.placement import focus_town
from newsledger.places.rules import default_rules

STAGES = ["nlp", "places"]


def _town(doc, name: str) -> Place:
    p = next((p for p in doc.places if p.name == name and p.kind != "site"), None)
    assert p is not None, [(q.name, q.kind) for q in doc.places]
    return p


def test_facility_is_placed_at_the_town_written_with_it(parse):
    # An invented hall: the gazetteer cannot know it, the town after "in" places it.
    doc = parse(
        "The union met at the Quillfeather Memorial Hall in Toledo, Ohio, on Monday.", STAGES
    )
    site = next((p for p in doc.places if "Quillfeather" in p.name), None)
    assert site is not None and site.kind == "site"
    toledo = _town(doc, "Toledo")
    assert (site.lat, site.lon) == (toledo.lat, toledo.lon)
    assert site.reason is not None and site.reason.startswith("approximate")


def test_road_numbers_are_sites_at_the_main_town(parse):
    doc = parse(
        "Roadworks in Cirencester will close the A417 southbound overnight, with a diversion "
        "via the A436 and A40.",
        STAGES,
    )
    road = place_by_mention(doc, "A417")
    assert road is not None and road.kind == "site"
    town = _town(doc, "Cirencester")
    assert (road.lat, road.lon) == (town.lat, town.lon)
    assert road.reason is not None and "Cirencester" in road.reason


def test_road_number_needs_road_context(parse):
    # a paper size, not a road
    doc = parse("Print the form on A4 paper and post it to the council in Leeds.", STAGES)
    assert place_by_mention(doc, "A4") is None


def test_the_gulf_is_the_persian_gulf(parse):
    doc = parse("Tanker traffic in the Gulf slowed after the attack, officials said.", STAGES)
    gulf = place_by_mention(doc, "Gulf")
    assert gulf is not None and gulf.kind == "region"
    assert gulf.lat is not None and 20 < gulf.lat < 32 and 45 < gulf.lon < 58


def _feat(i: int, name: str, a1: str, pop: int) -> Feature:
    return Feature(i, name, "city", "US", a1, None, 30.0 + i, -90.0, pop)


def test_main_town_skips_site_like_names_and_breaks_ties_by_area():
    square = _feat(1, "Washington Square", "US.PA", 1_700)
    carnegie = _feat(2, "Carnegie", "US.PA", 7_900)
    orleans = _feat(3, "New Orleans", "US.LA", 360_000)
    state = Feature(4, "Louisiana", "admin1", "US", "US.LA", None, 31.0, -92.0, 4_000_000)
    ms = [
        Mention(0, 1, "Washington Square", "GPE", best=square),
        Mention(2, 3, "Washington Square", "GPE", best=square),
        Mention(4, 5, "Carnegie", "GPE", best=carnegie),
        Mention(6, 7, "New Orleans", "GPE", best=orleans),
        Mention(8, 9, "Louisiana", "GPE", best=state),
    ]
    focus = focus_town(ms, default_rules())
    assert focus is not None and focus.name == "New Orleans"


def test_landmark_named_for_its_government_is_a_site_in_its_city(parse):
    doc = parse("The White House said on Monday that the talks would resume.", STAGES)
    wh = place_by_mention(doc, "White House")
    assert wh is not None and wh.kind == "site" and wh.country == "US"
    assert abs(wh.lat - 38.9) < 0.3 and abs(wh.lon + 77.0) < 0.3
    assert wh.reason == "landmark: placed at Washington"


def test_square_is_not_placed_at_a_town_it_is_named_after(parse):
    # "Trafalgar" is also a quarter of Madrid: the square lies in the London the text names
    doc = parse("Buses were stuck near Trafalgar Square in London for an hour.", STAGES)
    sq = place_by_mention(doc, "Trafalgar Square")
    assert sq is not None and sq.country == "GB"


def test_paper_named_after_a_town_that_shares_a_countrys_name(parse):
    text = "Volunteers in Jordan collected food for families across the United States."
    local = place_by_mention(
        parse(text, STAGES, url="http://www.jordannews.com/news/food-1"), "Jordan"
    )
    assert local is not None and local.country == "US" and local.kind == "city"
    # without the address, the country
    bare = place_by_mention(parse(text, STAGES), "Jordan")
    assert bare is not None and bare.kind == "country" and bare.country == "JO"


def test_former_states_resolve_to_the_country_of_their_core(parse):
    doc = parse("He was born in the Soviet Union and moved to West Germany in 1975.", STAGES)
    su, wg = place_by_mention(doc, "Soviet Union"), place_by_mention(doc, "West Germany")
    assert su is not None and su.country == "RU"
    assert wg is not None and wg.country == "DE"


def test_a_capitals_former_name_is_not_the_capital():
    from newsledger.places import geocode

    # "Salisbury" was Harare's colonial name; today the name is the English city's
    p = geocode("Salisbury")
    assert p is not None and p.country != "ZW"


def test_a_country_beside_its_neighbours(parse):
    # "Georgia" is both a US state and a country: beside two of its neighbours, the country
    doc = parse("Georgia and Azerbaijan disagree on the border, a US official said.", STAGES)
    ge = place_by_mention(doc, "Georgia")
    assert ge is not None and ge.country == "GE" and ge.kind == "country"


def test_an_embassy_is_not_placed_at_a_town_its_acronym_spells(parse):
    doc = parse("Protesters gathered outside the US embassy on Friday.", STAGES)
    emb = next((p for p in doc.places if "embassy" in p.name), None)
    assert emb is None or emb.country in (None, "US")
