"""Conflict reporting's ways of naming places: objects of 'captured', appositions, compass phrases, towns tagged as nationalities, alternate spellings in lists, particle names, codes, seats of power. Texts are the project's own short illustrations."""

from __future__ import annotations

from conftest import place_by_mention
from newsledger.places import PlaceStage
from newsledger.places.rules import default_rules

STAGES = ["nlp", "places"]
RULES = default_rules()


def without(parse, text, *rules, **meta):
    """``text`` through nlp and a places stage with ``rules`` (ids of data/rules.toml) off."""
    return PlaceStage(rules=RULES.without(*rules))(parse(text, ["nlp"], **meta))


def test_seats_of_power_in_conflict_reporting_are_sites_at_their_city(parse):
    doc = parse(
        "Lawmakers in the Knesset voted on Monday, and the Bundestag followed. Protesters "
        "gathered in Tahrir Square while the Green Zone stayed closed.",
        STAGES,
    )
    for name, cc in (("Knesset", "IL"), ("Bundestag", "DE"), ("Tahrir Square", "EG")):
        p = place_by_mention(doc, name)
        assert p is not None and p.kind == "site" and p.country == cc, name
    green = place_by_mention(doc, "Green Zone")
    assert green is not None and green.country == "IQ"  # not a town named Green Zone


CONFLICT = (
    "Taliban fighters captured Lashkar Gah, the capital of Helmand province, and Kunduz in the "
    "north. Russian forces shelled Kharkiv overnight; explosions were reported in Odesa and "
    "Mykolaiv. RSF fighters entered El Fasher after weeks of fighting around Khartoum and "
    "Omdurman. Airstrikes hit Raqqa and Deir ez-Zor on Sunday. M23 rebels seized Goma, the "
    "capital of North Kivu province."
)


def test_conflict_reporting_names_its_places_in_its_own_ways(parse):
    doc = parse(CONFLICT, STAGES)
    expect = {
        "Lashkar Gah": "AF",  # an apposition: "X, the capital of ..."
        "Kunduz": "AF",  # "X in the north"
        "Mykolaiv": "UA",  # an alternate spelling of a big town, in a list with Odesa
        "Omdurman": "SD",  # tagged as a nationality for its "-an" ending
        "Deir ez-Zor": "SY",  # a name with a lower-case particle inside
        "Goma": "CD",
    }
    for name, cc in expect.items():
        p = place_by_mention(doc, name)
        assert p is not None and p.country == cc, (name, p)
    assert place_by_mention(doc, "M23") is None  # a code, not a place
    before = without(
        parse,
        CONFLICT,
        "norp-big-town",
        "code-names",
        "listed-alias",
        "particle-names",
        "place-verbs",
        "advance-on",
        "compass-after",
        "apposition",
    )
    lost = [n for n in expect if place_by_mention(before, n) is None]
    assert {"Lashkar Gah", "Kunduz", "Mykolaiv", "Omdurman", "Deir ez-Zor"} <= set(lost)


def test_a_big_towns_alternate_spelling_needs_a_place_of_its_country_beside_it(parse):
    # "Hamas" is an alternate name of Hamm, Germany: beside Israel it stays an organisation
    doc = parse("Talks between Israel and Hamas collapsed on Tuesday.", STAGES)
    assert place_by_mention(doc, "Hamas") is None
