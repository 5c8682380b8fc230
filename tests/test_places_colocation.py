"""Same-name towns inside one country settled by the names around them."""

from __future__ import annotations

from conftest import place_by_mention

STAGES = ["nlp", "places"]


def test_two_ambiguous_names_settle_each_other(parse):
    # Neither name alone points to Minnesota (the biggest Alexandria is in Virginia), but a
    # Douglas County lies around the Minnesota Alexandria and nowhere near the others.
    doc = parse(
        "The county board met in Alexandria on Tuesday. Douglas County officials said "
        "the road would reopen in May.",
        STAGES,
    )
    alex, douglas = place_by_mention(doc, "Alexandria"), place_by_mention(doc, "Douglas County")
    assert alex is not None and douglas is not None
    assert alex.country == "US" and alex.admin1 == "Minnesota"
    assert douglas.admin1 == "Minnesota"


def test_capital_tagged_as_person_is_its_country(parse):
    # spaCy's small model tags this capital as a person; a national capital standing for its
    # government is still the place.
    doc = parse("Both Tbilisi and the rebels blamed each other.", STAGES)
    tb = place_by_mention(doc, "Tbilisi")
    assert tb is not None and tb.country == "GE" and tb.kind in ("city", "capital")


def test_named_state_without_town_gives_no_bonus_to_its_own_name(parse):
    # The state named outright stays the state: its own name is no evidence for a town
    # inside it that shares part of the name.
    doc = parse("Farmers in Minnesota asked the Legislature in St. Paul for help.", STAGES)
    mn = place_by_mention(doc, "Minnesota")
    assert mn is not None and mn.kind == "admin1" and mn.admin1 == "Minnesota"
    sp = place_by_mention(doc, "St. Paul")
    assert sp is not None and sp.admin1 == "Minnesota"


def test_country_name_split_by_spacy_is_one_place(parse):
    # spaCy's small model cuts this two-island country's name at "and".
    doc = parse("Flights to Trinidad and Tobago resumed on Monday.", STAGES)
    tt = place_by_mention(doc, "Trinidad and Tobago")
    assert tt is not None and tt.kind == "country" and tt.country == "TT"
    assert all(m.text != "Trinidad" for p in doc.places for m in p.mentions)
