"""Round 7 of the places stage: politicians' home towns as the press writes them after a party
letter, in more of the forms local news uses. Texts are the project's own short illustrations."""

from __future__ import annotations

import pytest

from conftest import place_by_mention
from newsledger.places import resolve as R

STAGES = ["nlp", "places"]

BOTH = (
    "The senators, Jane Roe and John Doe, both D-W. Va., voted against the bill on Tuesday "
    "in the Senate."
)
QUOTED = 'The minority leader, Rep. John Doe, DFL-Duluth "will not back it," an aide said.'


@pytest.mark.parametrize(
    ("text", "home", "admin1"), [(BOTH, "W. Va.", "West Virginia"), (QUOTED, "Duluth", "Minnesota")]
)
def test_party_homes_in_more_forms(parse, text, home, admin1):
    doc = parse(text, STAGES)
    p = place_by_mention(doc, home)
    assert p is not None and p.country == "US" and p.admin1 == admin1


def test_party_homes_need_the_round7_rule(parse, monkeypatch):
    monkeypatch.setattr(R, "PARTY_HOME_LOOSE", False)
    doc = parse(BOTH, STAGES)
    assert place_by_mention(doc, "W. Va.") is None


def test_party_letter_without_a_home_is_no_place(parse):
    doc = parse("The vote, taken by a show of hands, went D-R along party lines.", STAGES)
    assert all(p.country != "US" or p.kind == "country" for p in doc.places)


def test_county_abbreviation(parse):
    doc = parse("A Loudon Co. man died in a wreck on Interstate 75 on Friday.", STAGES)
    p = place_by_mention(doc, "Loudon Co.")
    assert p is not None and p.kind == "admin2" and p.admin1 == "Tennessee"
    # a company is no county: there is no "Acme County"
    firm = parse("Shares of Acme Co. rose on Friday.", STAGES)
    assert place_by_mention(firm, "Acme Co.") is None


def test_upper_case_dateline_with_a_particle(parse, monkeypatch):
    text = "Council backs new park. DeKALB - The city council voted on Monday to build a park."
    doc = parse(text, STAGES)
    p = place_by_mention(doc, "DeKALB")
    assert p is not None and p.country == "US"
    assert R._upper_name("McALLEN") and R._upper_name("DeKALB")
    assert not R._upper_name("McDonald") and not R._upper_name("DELHI")
    monkeypatch.setattr(R, "DATELINE_MIXED", False)
    assert place_by_mention(parse(text, STAGES), "DeKALB") is None


def test_foreign_capital_against_a_big_home_town(parse):
    text = (
        "Police in London said the man, 41, was charged on Friday after a crash on Oxford Street."
    )
    ca = place_by_mention(
        parse(text, STAGES, url="https://www.examplepaper.ca/news/1.html"), "London"
    )
    assert ca is not None and ca.country == "CA"
    # without a Canadian address London is the capital of the United Kingdom
    gb = place_by_mention(parse(text, STAGES), "London")
    assert gb is not None and gb.country == "GB"


def test_person_tagged_names_ending_in_a_settlement_word(parse):
    assert {"creek", "estates", "heights", "springs"} <= R.TOPO_GENERICS
    assert not {"hill", "park", "lake", "wood"} & R.TOPO_GENERICS  # common surnames
    doc = parse("The plan would let Decatur and Avondale Estates annex land.", STAGES)
    p = place_by_mention(doc, "Avondale Estates")
    assert p is not None and p.admin1 == "Georgia"


def test_numbered_branch_of_a_town(parse, monkeypatch):
    text = "Scouts helping this year include Pack 136 of Wakefield; Troop 208 of Coleridge."
    doc = parse(text, STAGES)
    names = {m.text for p in doc.places for m in p.mentions}
    assert {"Wakefield", "Coleridge"} & names
    monkeypatch.setattr(R, "NUMBERED_OF", False)
    off = {m.text for p in parse(text, STAGES).places for m in p.mentions}
    assert len(off & {"Wakefield", "Coleridge"}) < len(names & {"Wakefield", "Coleridge"})


def test_a_state_named_in_a_short_domain_label():
    from newsledger.places.gazetteer import get_gazetteer
    from newsledger.places.outlet import home_names

    gaz = get_gazetteer()
    names = dict(home_names("masslive.com", gaz))
    assert "mass" in names and {f.admin1 for f in names["mass"]} == {"Massachusetts"}
    assert all(f.kind == "admin1" for f in names["mass"])
    # four letters are enough for a first-level area only, never for a town ("Iowa", Louisiana)
    iowa = dict(home_names("iowanews.com", gaz))
    assert iowa and all(f.kind == "admin1" for f in iowa["iowa"])
    assert home_names("bestnews.com", gaz) == []


def test_a_state_domain_decides_a_shared_town_name(parse):
    text = "Springfield police said a man was shot twice on State Street on Sunday night."
    doc = parse(text, STAGES, url="https://www.masslive.com/news/index.ssf/2009/03/story.html")
    p = place_by_mention(doc, "Springfield")
    assert p is not None and p.admin1 == "Massachusetts"


def test_a_parish_by_its_bare_name_in_local_context(parse):
    doc = parse("Deputies arrest Pointe Coupee teen on a weapon count in Louisiana.", STAGES)
    p = place_by_mention(doc, "Pointe Coupee")
    assert p is not None and p.kind == "admin2" and p.admin1 == "Louisiana"


def test_bare_county_names():
    from newsledger.places.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    parish = [f for f in gaz.lookup("Pointe Coupee") if f.kind == "admin2"]
    assert parish and R._bare_county("Pointe Coupee", parish[0])
    assert not R._bare_county("Pointe", parish[0])


def test_a_place_entity_run_across_to(parse):
    from spacy.tokens import Doc

    from newsledger.nlp import load_model
    from newsledger.places.gazetteer import get_gazetteer

    nlp = load_model()
    words = ["He", "rode", "from", "Norman", "to", "Tulsa", "on", "Monday", "."]
    sdoc = Doc(
        nlp.vocab, words=words, ents=["O", "O", "O", "B-GPE", "I-GPE", "I-GPE", "O", "O", "O"]
    )
    res = R.Resolver(get_gazetteer())
    found = {m.text for m in res.find(sdoc, [])}
    assert {"Norman", "Tulsa"} <= found
    # a known name with "and" inside stays whole
    words = ["Police", "in", "Trinidad", "and", "Tobago", "said", "so", "."]
    sdoc = Doc(nlp.vocab, words=words, ents=["O", "O", "B-GPE", "I-GPE", "I-GPE", "O", "O", "O"])
    assert "Trinidad and Tobago" in {m.text for m in res.find(sdoc, [])}
