"""Local news: legislators' homes, county abbreviations and bare county names, a local paper's own town and edition, addresses and phone numbers, a town's offices and branches. Texts are the project's own short illustrations."""

from __future__ import annotations

import pytest

from conftest import place_by_mention
from newsledger.places import PlaceStage
from newsledger.places.gazetteer import get_gazetteer
from newsledger.places.mention import bare_county
from newsledger.places.resolve import Resolver
from newsledger.places.rules import default_rules
from newsledger.places.signals import _postal_tables
from newsledger.places.words import place_words

STAGES = ["nlp", "places"]
RULES = default_rules()


def without(parse, text, *rules, **meta):
    """``text`` through nlp and a places stage with ``rules`` (ids of data/rules.toml) off."""
    return PlaceStage(rules=RULES.without(*rules))(parse(text, ["nlp"], **meta))


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


def test_party_homes_need_the_loose_rule(parse):
    doc = without(parse, BOTH, "party-home-loose")
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
    assert {"creek", "estates", "heights", "springs"} <= place_words().topo_generics
    assert not {"hill", "park", "lake", "wood"} & place_words().topo_generics  # common surnames
    doc = parse("The plan would let Decatur and Avondale Estates annex land.", STAGES)
    p = place_by_mention(doc, "Avondale Estates")
    assert p is not None and p.admin1 == "Georgia"


def test_numbered_branch_of_a_town(parse):
    text = "Scouts helping this year include Pack 136 of Wakefield; Troop 208 of Coleridge."
    doc = parse(text, STAGES)
    names = {m.text for p in doc.places for m in p.mentions}
    assert {"Wakefield", "Coleridge"} & names
    off = {m.text for p in without(parse, text, "numbered-of").places for m in p.mentions}
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
    assert parish and bare_county("Pointe Coupee", parish[0])
    assert not bare_county("Pointe", parish[0])


def test_postal_tables_are_public_numbering_facts():
    zips, codes = _postal_tables()
    assert zips["441"] == "US.OH" and zips["750"] == "US.TX"
    assert codes["614"] == "US.OH" and codes["413"] == "US.MA"
    assert codes["416"] == "CA.08" and codes["604"] == "CA.02"  # Ontario, British Columbia
    gaz = get_gazetteer()
    assert [f.name for f in gaz.admin1("US.OH")] == ["Ohio"]


def test_phone_area_code_and_zip_address_settle_a_shared_town_name(parse):
    bare = "The Springfield office of the charity opens on Monday."
    plain = place_by_mention(parse(bare, STAGES), "Springfield")
    assert plain is not None and plain.admin1 != "Massachusetts"
    called = parse(bare + " Call (413) 555-0100 for details.", STAGES)
    p = place_by_mention(called, "Springfield")
    assert p is not None and p.admin1 == "Massachusetts"
    mailed = parse(bare + " Write to 12 Main St., Springfield, OH 45502.", STAGES)
    q = place_by_mention(mailed, "Springfield")
    assert q is not None and q.admin1 == "Ohio"
    # context only: neither the code nor the ZIP is output as a place
    assert all(m.start >= 0 for pl in called.places for m in pl.mentions)
    assert place_by_mention(called, "US.MA") is None


def test_a_zip_must_agree_with_the_state_written_before_it(parse):
    text = "The Springfield office opens on Monday. Write to PO Box 1, Springfield, OH 01101."
    p = place_by_mention(parse(text, STAGES), "Springfield")
    # 011 is a Massachusetts prefix: the address is inconsistent and gives no context
    assert p is not None and p.admin1 != "Massachusetts"


def test_a_local_papers_town_is_found_wherever_the_text_names_it(parse):
    text = "Gainesville celebrates a record year. Gainesville expects more visitors."
    without = parse(text, STAGES)
    with_home = parse(text, STAGES, url="https://www.gainesvilleregister.com/local/1.html")
    n0 = sum(len(p.mentions) for p in without.places if p.name == "Gainesville")
    n1 = sum(len(p.mentions) for p in with_home.places if p.name == "Gainesville")
    assert n1 == 2 and n1 > n0


def test_a_town_before_its_mayor_and_after_a_campus_name(parse):
    doc = parse("On Monday, Tillsonburg Mayor Jane Roe said the bridge would reopen.", STAGES)
    p = place_by_mention(doc, "Tillsonburg")
    assert p is not None and p.country == "CA"
    doc = parse("She teaches at the Federal University of Technology, Minna, in Nigeria.", STAGES)
    q = place_by_mention(doc, "Minna")
    assert q is not None and q.country == "NG"
    assert all(pl.country != "BR" for pl in doc.places)  # "Federal" is no place


def test_a_section_of_the_web_address_names_the_local_edition():
    r = Resolver(get_gazetteer())
    found = r._path_context("http://www.example-telegram.com/arlington_news/story/1.html", [])
    assert [m.text for m in found] == ["arlington"] and found[0].label == "PATH"
    # story slugs and authors are not sections
    assert r._path_context("https://example.com/news/monument-for-sale/1", []) == []
    assert r._path_context("https://example.com/david-roe/2018/04/05/a-story/", []) == []


def test_a_local_edition_in_the_address_settles_a_bare_town(parse):
    text = "The Mansfield library board met on Tuesday to discuss its budget."
    bare = place_by_mention(parse(text, STAGES), "Mansfield")
    assert bare is not None and bare.country == "GB"
    url = "http://www.example-telegram.com/arlington_news/story/1.html"
    local = place_by_mention(parse(text, STAGES, url=url), "Mansfield")
    assert local is not None and local.admin1 == "Texas"
