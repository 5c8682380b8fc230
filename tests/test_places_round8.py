"""Round 8 of the places stage: agency datelines, possessive forms, spelling corrections kept to
the article's countries, names spaCy cuts short or runs across a comma. Texts are the project's
own short illustrations; each rule is also switched off to show that it is what decides."""

from __future__ import annotations

from conftest import place_by_mention
from newsledger.places import resolve as R

STAGES = ["nlp", "places"]


def _resolver():
    from newsledger.places import PlaceStage

    return PlaceStage().resolver


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


def test_agency_dateline_rule_decides(parse, monkeypatch):
    from collections import Counter

    from newsledger.places.gazetteer import Feature

    sdoc = parse(AGENCY, ["nlp"]).user_data["spacy"]
    res = _resolver()
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
    monkeypatch.setattr(R, "AGENCY_MAJOR", False)
    again = next(m for m in res.find(sdoc, []) if m.text == "WASHINGTON")
    assert not again.major


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


def test_possessor_rule_decides(parse, monkeypatch):
    monkeypatch.setattr(R, "POSSESSOR_KM", 0.0)
    monkeypatch.setattr(R, "FAR_SMALL_KM", 0.0)  # which would also move the far Heathrow
    site = place_by_mention(parse(POSSESSOR, STAGES), "Heathrow")
    assert site is None or site.country != "GB"


def test_a_building_named_in_the_possessive_is_not_at_its_namesake(parse):
    text = "The cardinal celebrated Mass in St. Peter's Basilica in Rome on Sunday."
    doc = parse(text, STAGES)
    site = next((p for p in doc.places if "Basilica" in p.name), None)
    rome = place_by_mention(doc, "Rome")
    assert rome is not None and rome.country == "IT"
    assert site is not None and site.country == "IT" and site.kind == "site"
    # an area's own possessive is no patron: "Florida's Turnpike" runs through Florida
    road = parse("Traffic backed up on Florida's Turnpike after the crash.", STAGES)
    assert any(p.admin1 == "Florida" or p.name == "Florida" for p in road.places)


def test_possessive_building_rule_decides(parse, monkeypatch):
    monkeypatch.setattr(R, "POSSESSIVE_BUILDING", False)
    doc = parse("The cardinal celebrated Mass in St. Peter's Basilica in Rome on Sunday.", STAGES)
    assert place_by_mention(doc, "St. Peter") is not None  # read as a place named St. Peter


def test_a_state_short_form_inside_a_facility_name_needs_its_stop(parse):
    doc = parse("Crowds gathered for the Easter Sunday Mass in Rome.", STAGES)
    assert all(p.admin1 != "Massachusetts" for p in doc.places)


FUZZY = "The colt was bred in Helmet and raced in Dubai, United Arab Emirates."


def test_a_spelling_correction_abroad_is_dropped(parse, monkeypatch):
    # "Helmet" is one letter from Hemet, California, but the article names only the Emirates
    p = place_by_mention(parse(FUZZY, STAGES), "Helmet")
    assert p is None or p.country == "AE"
    monkeypatch.setattr(R, "FUZZY_IN_CONTEXT", False)
    p = place_by_mention(parse(FUZZY, STAGES), "Helmet")
    assert p is not None and p.country == "US"


def test_an_entity_cut_short_takes_the_whole_area_name(parse, monkeypatch):
    text = "Sewage from the river reaches beaches in Baja California each winter."
    p = next((p for p in parse(text, STAGES).places if p.name == "Baja California"), None)
    assert p is not None and p.country == "MX" and p.kind == "admin1"
    monkeypatch.setattr(R, "EXTEND_TO_AREA", False)
    assert all(p.country != "MX" for p in parse(text, STAGES).places)


def test_an_entity_run_across_a_comma_is_two_places(parse):
    sdoc = parse("The season opens at Donington Park, Leicestershire, in April.", ["nlp"])
    sdoc = sdoc.user_data["spacy"]
    res = _resolver()
    res._text = sdoc.text
    res._person_words = set()
    i = next(t.i for t in sdoc if t.text == "Donington")
    parts = res._comma_parts(sdoc, i, i + 4)  # as if spaCy had tagged the whole run
    assert [m.text for m in parts] == ["Donington Park", "Leicestershire"]
    assert parts[0].facility and not parts[0].cands
    assert any(f.cc == "GB" for f in parts[1].cands)
    # a run whose last part is no known place is left alone
    assert res._comma_parts(sdoc, i, i + 2) == []


def test_a_name_the_gazetteer_lacks_takes_the_place_after_in():
    from newsledger.places.gazetteer import Feature

    chicago = Feature(1, "Chicago", "city", "US", "US.IL", "Illinois", 41.85, -87.65, 2_700_000)
    res = _resolver()
    res._text = "Le Quillon in Chicago"
    unknown = R.Mention(0, 10, "Le Quillon", "GPE")
    town = R.Mention(14, 21, "Chicago", "GPE", cands=[chicago])
    res._link_anchors([unknown, town])
    assert unknown.anchor is town
    # a short parenthesis (the site's abbreviation) stands aside: "Quillon Prison (QP) in"
    res._text = "Quillon Prison (QP) in Chicago"
    prison = R.Mention(0, 14, "Quillon Prison", "FAC", facility=True)
    town2 = R.Mention(23, 30, "Chicago", "GPE", cands=[chicago])
    res._link_anchors([prison, town2])
    assert prison.anchor is town2
    R.UNRESOLVED_ANCHOR, saved = False, R.UNRESOLVED_ANCHOR
    try:
        other = R.Mention(0, 10, "Le Quillon", "GPE")
        res._link_anchors([other, town])
        assert other.anchor is None
    finally:
        R.UNRESOLVED_ANCHOR = saved


def test_a_person_tagged_name_before_its_area_is_a_place(parse):
    doc = parse("Migrants camped in Matias Romero, Oaxaca, on Wednesday.", STAGES)
    p = next((p for p in doc.places if any("Romero" in m.text for m in p.mentions)), None)
    assert p is not None and p.country == "MX"


def test_name_with_area_rule_decides(parse, monkeypatch):
    monkeypatch.setattr(R, "NAME_WITH_AREA", False)
    doc = parse("Migrants camped in Matias Romero, Oaxaca, on Wednesday.", STAGES)
    assert not any("Romero" in m.text for p in doc.places for m in p.mentions)


VENUE = "She teaches a cooking class at Quill Foods in Fresno on Wednesday."


def test_a_name_after_at_that_the_gazetteer_lacks_is_a_venue(parse, monkeypatch):
    doc = parse(VENUE, STAGES)
    venue = place_by_mention(doc, "Quill Foods")
    fresno = place_by_mention(doc, "Fresno")
    assert venue is not None and venue.kind == "site" and fresno is not None
    assert (venue.lat, venue.lon) == (fresno.lat, fresno.lon)
    # a company is no venue, nor is an owner in the possessive
    firm = parse("He was laid off from his job at Acme Corp in Toledo.", STAGES)
    assert place_by_mention(firm, "Acme Corp") is None
    employer = parse("She is a researcher at Quill Foods in Fresno.", STAGES)
    assert place_by_mention(employer, "Quill Foods") is None  # an employer, not a venue
    monkeypatch.setattr(R, "VENUE_AT", False)
    assert place_by_mention(parse(VENUE, STAGES), "Quill Foods") is None


FAR = (
    "Shoppers in Manassas, Virginia, head to Stonewall for groceries, and commuters take the "
    "train to Washington."
)


def test_a_far_small_town_in_no_named_area_is_a_local_feature(parse, monkeypatch):
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
    monkeypatch.setattr(R, "FAR_SMALL_KM", 0.0)
    alone = place_by_mention(parse(FAR, STAGES), "Stonewall")
    assert alone is not None and alone.kind == "city" and alone.admin1 != "Virginia"


def test_the_main_town_lies_in_the_area_most_names_point_to(monkeypatch):
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
            m = R.Mention(0, 1, f.name, "GPE", cands=[f])
            m.best = f
            ms.append(m)
    assert R._focus_town(ms) is main  # three mentions of a stray name lose to the area
    monkeypatch.setattr(R, "FOCUS_AREA_FIRST", 0.0)
    assert R._focus_town(ms) is stray


def test_without_a_town_a_sites_own_town_is_the_main_town(monkeypatch):
    from newsledger.places.gazetteer import Feature

    derry = Feature(1, "Derry", "city", "GB", "GB.NIR", None, 55.0, -7.3, 83_652)
    area = Feature(2, "Northern Ireland", "admin1", "GB", "GB.NIR", None, 54.6, -6.7, 1_485_736)
    site = R.Mention(0, 1, "Derry's Quillan Hospital", "GAZ", cands=[derry], facility=True)
    site.best, site.site = derry, True
    other = R.Mention(2, 3, "Northern Ireland", "GPE", cands=[area])
    other.best = area
    assert R._focus_town([site, other]) is derry
    monkeypatch.setattr(R, "FOCUS_FROM_SITES", False)
    assert R._focus_town([site, other]) is None
