"""The places stage: the outlet's home (web address) as context, and toponyms that
spaCy tags as organisations or people. Texts are the project's own short illustrations."""

from __future__ import annotations

from conftest import place_by_mention
from newsledger.places.gazetteer import get_gazetteer
from newsledger.places.outlet import home_names, host_of, tld_country

STAGES = ["nlp", "places"]


def test_outlet_country_and_home_town_from_the_address():
    gaz = get_gazetteer()
    assert host_of("https://www.springfieldnewssun.com/news/x.html") == "springfieldnewssun.com"
    assert host_of(None, "lfpress.ca") == "lfpress.ca"
    assert tld_country("lfpress.ca") == "CA" and tld_country("bbc.co.uk") == "GB"
    assert tld_country("example.com") is None
    names = [n for n, _ in home_names("springfieldnewssun.com", gaz)]
    assert names == ["springfield"]
    assert [n for n, _ in home_names("thewoodstockherald.com", gaz)] == ["woodstock"]
    # a newspaper's own title is no town, nor is a country a local home
    assert home_names("heraldonline.com", gaz) == []
    assert home_names("jordantimes.com", gaz) == []


def test_a_local_papers_home_town_beats_the_famous_namesake(parse):
    text = (
        "A Paris man was charged on Monday after a crash on the county road. Paris police "
        "closed the road for two hours."
    )
    bare = place_by_mention(parse(text, STAGES), "Paris")
    assert bare is not None and bare.country == "FR"  # no address: the capital wins
    doc = parse(text, STAGES, url="https://www.parisgazette.com/news/local/1.html")
    local = place_by_mention(doc, "Paris")
    assert local is not None and local.country == "US" and local.kind == "city"
    assert all(m.start >= 0 for p in doc.places for m in p.mentions)  # context never output


def test_country_code_domain_prefers_its_country(parse):
    text = "Councillors in Richmond voted on Tuesday to close the old library."
    uk = place_by_mention(
        parse(text, STAGES, url="https://www.localnews-example.co.uk/a"), "Richmond"
    )
    assert uk is not None and uk.country == "GB"


def test_towns_tagged_as_people_or_organisations(parse):
    doc = parse(
        "WINONA — The council met on Tuesday. Two Winona police officers and a Pewaukee "
        "woman gave evidence, and Jane Roe of Kidlington spoke about buses.",
        STAGES,
    )
    found = {m.text for p in doc.places for m in p.mentions}
    assert {"WINONA", "Pewaukee", "Kidlington"} <= found
    assert "Jane Roe" not in found


def test_currency_names_its_country(parse):
    doc = parse("The ministry paid about 40 million US dollars for the new bridge.", STAGES)
    us = place_by_mention(doc, "US")
    assert us is not None and us.kind == "country" and us.country == "US"


def test_unknown_street_is_placed_at_the_articles_town(parse):
    doc = parse(
        "Tulsa police closed Quillfeather Street after a water main broke in Tulsa on "
        "Sunday. Tulsa officials said repairs would take a week.",
        STAGES,
    )
    tulsa = place_by_mention(doc, "Tulsa")
    street = next((p for p in doc.places if p.kind == "site" and "Quillfeather" in p.name), None)
    assert tulsa is not None and tulsa.country == "US"
    assert street is not None and street.lat == tulsa.lat and street.lon == tulsa.lon
    assert street.reason is not None and street.reason.startswith("approximate")


def test_bad_addresses_never_break_the_stage(parse):
    assert host_of("http://[::1") == "" and host_of("not a url") == ""
    assert host_of(None, "The Daily Example") == ""
    doc = parse("Officials met in Kabul on Monday.", STAGES, url="http://[::1", title="")
    kabul = place_by_mention(doc, "Kabul")
    assert kabul is not None and kabul.country == "AF"
