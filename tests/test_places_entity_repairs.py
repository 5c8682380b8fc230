"""Names spaCy cuts short, runs together or tags as something else: joined, split, completed; places inside events, laws and organisations; streets, buildings and venues. Texts are the project's own short illustrations."""

from __future__ import annotations

from conftest import place_by_mention
from newsledger.places import PlaceStage
from newsledger.places.gazetteer import get_gazetteer
from newsledger.places.mention import initials
from newsledger.places.resolve import Resolver
from newsledger.places.rules import default_rules

STAGES = ["nlp", "places"]
RULES = default_rules()


def without(parse, text, *rules, **meta):
    """``text`` through nlp and a places stage with ``rules`` (ids of data/rules.toml) off."""
    return PlaceStage(rules=RULES.without(*rules))(parse(text, ["nlp"], **meta))


def test_initials_of_a_multiword_name():
    assert initials("South Africa") == {"SA", "S.A."}
    assert {"TT", "T&T"} <= initials("Trinidad and Tobago")
    assert "DRC" in initials("Democratic Republic of the Congo")
    assert initials("Kenya") == set()


def test_country_initials_are_the_country_when_the_text_names_it(parse):
    text = (
        "Miners in South Africa went on strike on Monday. Officials said SA would lose "
        "exports, and the talks in T&T ended as Trinidad and Tobago recalled its envoy."
    )
    doc = parse(text, STAGES)
    sa = place_by_mention(doc, "SA")
    assert sa is not None and sa.country == "ZA" and sa.kind == "country"
    tt = place_by_mention(doc, "T&T")
    assert tt is not None and tt.country == "TT"
    # the people's name names the country too
    people = parse("Millions of South Africans work in mining. SA holds vast reserves.", STAGES)
    p = place_by_mention(people, "SA")
    assert p is not None and p.country == "ZA"
    # without the full name the initials are not guessed
    alone = parse("Officials said SA would lose exports this year.", STAGES)
    assert place_by_mention(alone, "SA") is None


def test_a_company_suffix_is_not_a_country(parse):
    doc = parse("South Africa fined Acme SA on Monday for price fixing.", STAGES)
    assert place_by_mention(doc, "SA") is None


def test_a_direction_word_after_a_preposition_keeps_the_place_context(parse):
    doc = parse("Government forces shelled towns in eastern Ghouta on Monday.", STAGES)
    p = place_by_mention(doc, "Ghouta")
    assert p is not None and p.country == "SY"


def test_a_name_before_a_roundabout_is_a_site(parse):
    doc = parse("Traffic queued at the Blue Anchor roundabout near Gloucester on Friday.", STAGES)
    p = place_by_mention(doc, "Blue Anchor")
    assert p is not None and p.kind == "site"


def test_a_county_inside_an_event_or_a_time_is_a_place(parse):
    doc = parse(
        "The 2011 Lee County Fair opens on Friday. At 9:15 a.m. Lee County "
        "dispatchers took a call from Fort Myers, Florida.",
        STAGES,
    )
    p = place_by_mention(doc, "Lee County")
    assert p is not None and p.kind == "admin2" and p.country == "US"
    assert sum(len(pl.mentions) for pl in doc.places if pl.name == "Lee County") == 2


def test_a_facility_named_after_a_saint_town_is_placed_there(parse):
    doc = parse("The driver was taken to St. Cloud Hospital on Monday.", STAGES)
    p = place_by_mention(doc, "St. Cloud Hospital")
    assert p is not None and p.kind == "site" and p.country == "US"
    assert Resolver(get_gazetteer())._short_form(parse("St. Cloud", ["nlp"]).user_data["spacy"][0])


def test_short_forms_of_countries_are_aliases():
    gaz = get_gazetteer()
    assert any(
        f.kind == "country" and f.cc == "IR" and f.main for f in gaz.lookup("Islamic Republic")
    )
    assert any(f.kind == "country" and f.cc == "NZ" and f.main for f in gaz.lookup("NZ"))


def test_a_major_place_inside_an_event_or_a_law_is_a_mention(parse):
    doc = parse(
        "A local mare ran fourth in the Dubai World Cup on Saturday. The bank backs the "
        "Investment Plan for Europe.",
        STAGES,
    )
    dubai = place_by_mention(doc, "Dubai")
    assert dubai is not None and dubai.country == "AE"
    # small places and words in titles are not: "The Yoga of Jesus", "Gulf War"
    other = parse('He wrote "The Yoga of Jesus" after the Gulf War ended.', STAGES)
    assert place_by_mention(other, "Jesus") is None and place_by_mention(other, "Gulf") is None


def test_a_dotted_city_initialism_is_the_city(parse):
    doc = parse("Crime fell in L.A. last year, the mayor said.", STAGES)
    p = place_by_mention(doc, "L.A.")
    assert p is not None and p.name == "Los Angeles" and p.kind == "city"
    state = place_by_mention(parse("Flooding hit Baton Rouge, La., on Monday.", STAGES), "La.")
    assert state is not None and state.name == "Louisiana"


def test_two_names_before_a_plural_street_word_are_streets(parse):
    doc = parse(
        "He fell at the corner of State and Hubbard streets in Chicago, police said.", STAGES
    )
    for name in ("State", "Hubbard"):
        p = place_by_mention(doc, name)
        assert p is not None and p.kind == "site" and p.country == "US"


def test_a_place_entity_run_across_to(parse):
    from spacy.tokens import Doc

    from newsledger.nlp import load_model
    from newsledger.places.gazetteer import get_gazetteer

    nlp = load_model()
    words = ["He", "rode", "from", "Norman", "to", "Tulsa", "on", "Monday", "."]
    sdoc = Doc(
        nlp.vocab, words=words, ents=["O", "O", "O", "B-GPE", "I-GPE", "I-GPE", "O", "O", "O"]
    )
    res = Resolver(get_gazetteer())
    found = {m.text for m in res.find(sdoc, [])}
    assert {"Norman", "Tulsa"} <= found
    # a known name with "and" inside stays whole
    words = ["Police", "in", "Trinidad", "and", "Tobago", "said", "so", "."]
    sdoc = Doc(nlp.vocab, words=words, ents=["O", "O", "B-GPE", "I-GPE", "I-GPE", "O", "O", "O"])
    assert "Trinidad and Tobago" in {m.text for m in res.find(sdoc, [])}


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


def test_possessive_building_rule_decides(parse):
    doc = without(
        parse,
        "The cardinal celebrated Mass in St. Peter's Basilica in Rome on Sunday.",
        "possessive-building",
    )
    assert place_by_mention(doc, "St. Peter") is not None  # read as a place named St. Peter


def test_a_state_short_form_inside_a_facility_name_needs_its_stop(parse):
    doc = parse("Crowds gathered for the Easter Sunday Mass in Rome.", STAGES)
    assert all(p.admin1 != "Massachusetts" for p in doc.places)


def test_an_entity_cut_short_takes_the_whole_area_name(parse):
    text = "Sewage from the river reaches beaches in Baja California each winter."
    p = next((p for p in parse(text, STAGES).places if p.name == "Baja California"), None)
    assert p is not None and p.country == "MX" and p.kind == "admin1"
    assert all(p.country != "MX" for p in without(parse, text, "extend-to-area").places)


def test_an_entity_run_across_a_comma_is_two_places(parse):
    sdoc = parse("The season opens at Donington Park, Leicestershire, in April.", ["nlp"])
    sdoc = sdoc.user_data["spacy"]
    res = PlaceStage().resolver
    res._text = sdoc.text
    res._person_words = set()
    i = next(t.i for t in sdoc if t.text == "Donington")
    parts = res._comma_parts(sdoc, i, i + 4)  # as if spaCy had tagged the whole run
    assert [m.text for m in parts] == ["Donington Park", "Leicestershire"]
    assert parts[0].facility and not parts[0].cands
    assert any(f.cc == "GB" for f in parts[1].cands)
    # a run whose last part is no known place is left alone
    assert res._comma_parts(sdoc, i, i + 2) == []


def test_a_person_tagged_name_before_its_area_is_a_place(parse):
    doc = parse("Migrants camped in Matias Romero, Oaxaca, on Wednesday.", STAGES)
    p = next((p for p in doc.places if any("Romero" in m.text for m in p.mentions)), None)
    assert p is not None and p.country == "MX"


def test_name_with_area_rule_decides(parse):
    doc = without(
        parse, "Migrants camped in Matias Romero, Oaxaca, on Wednesday.", "name-with-area"
    )
    assert not any("Romero" in m.text for p in doc.places for m in p.mentions)


VENUE = "She teaches a cooking class at Quill Foods in Fresno on Wednesday."


def test_a_name_after_at_that_the_gazetteer_lacks_is_a_venue(parse):
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
    assert place_by_mention(without(parse, VENUE, "venue-at"), "Quill Foods") is None


def test_bracketed_acronyms_and_names_stay_out(parse):
    doc = parse(
        "Officers in the Passing out Parade (PoP) thanked the Hazard Area Response Team "
        "(HART), and he (Davis) left for Springfield, Illinois.",
        STAGES,
    )
    assert place_by_mention(doc, "PoP") is None
    assert place_by_mention(doc, "HART") is None
    assert place_by_mention(doc, "Davis") is None


def test_islands_the_package_gazetteers_lack_are_places(parse):
    doc = parse(
        "Government troops fought rebels on Mindanao this week, officials said in Manila. "
        "Ferries to Crete were cancelled, and migrants landed in Sicily.",
        STAGES,
    )
    assert place_by_mention(doc, "Mindanao").country == "PH"
    assert place_by_mention(doc, "Crete").country == "GR"
    assert place_by_mention(doc, "Sicily").country == "IT"


def test_a_place_entity_completed_by_two_words_is_one_area(parse):
    text = "Tickets are sold in 44 states, Washington, D.C., and the U.S. Virgin Islands."
    p = place_by_mention(parse(text, STAGES), "U.S. Virgin Islands")
    assert p is not None and p.country == "VI"
    one_word = PlaceStage(rules=RULES.with_params(extend_words=1))  # "Baja" + "California"
    assert place_by_mention(one_word(parse(text, ["nlp"])), "U.S. Virgin Islands") is None


def test_two_neighbouring_towns_joined_by_a_hyphen_are_both_places(parse):
    text = (
        "The Panthers will face Plainview-Elgin in the section final, and Watertown-Mayer "
        "waits in the next round."
    )
    doc = parse(text, STAGES)
    # only the Minnesota Plainview and Elgin lie within 100 km of each other
    assert place_by_mention(doc, "Plainview").admin1 == "Minnesota"
    assert place_by_mention(doc, "Elgin").admin1 == "Minnesota"
    assert place_by_mention(doc, "Mayer").admin1 == "Minnesota"
    # company names of two surnames are no pair of neighbouring towns
    firms = parse("Hewlett-Packard and Rolls-Royce shares fell in London.", STAGES)
    assert [p.name for p in firms.places] == ["London"]
    # a town already found alone takes its partner along, and the pair decides which Nelson
    riding = (
        "The new office opened in Nelson on Monday. Jane Roe, MLA for Nelson-Creston, said it "
        "would serve the region."
    )
    creston = place_by_mention(parse(riding, STAGES), "Creston")
    assert creston is not None and creston.admin1 == "British Columbia"
    assert place_by_mention(without(parse, text, "hyphen-pairs"), "Plainview") is None
    assert place_by_mention(without(parse, riding, "hyphen-pairs"), "Creston") is None


def test_consonant_skeletons_are_no_alternate_names():
    # GeoNames lists "dbs" for Dibis, Iraq: a transliteration skeleton that made the acronym
    # "DBS" (a British vetting service) an Iraqi village
    gaz = get_gazetteer()
    assert not gaz.lookup("DBS")
    assert any(f.cc == "IQ" for f in gaz.lookup("Dibis"))
