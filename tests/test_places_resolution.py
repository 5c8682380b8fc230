"""The places stage on the project's own short illustrations (no third-party text)."""

from __future__ import annotations

from conftest import place_by_mention
from newsledger.document import Place, Section
from newsledger.places import geocode, most_specific_place

STAGES = ["nlp", "places"]


def test_misspelled_province_resolves_to_admin1(parse):
    doc = parse(
        "Gunmen attacked a checkpoint in the eastern province of Nangahar on Monday.", STAGES
    )
    p = place_by_mention(doc, "Nangahar")
    assert p is not None and p.kind == "admin1" and p.country == "AF"
    assert p.id.startswith("geonames:") and 33 < p.lat < 36 and 69 < p.lon < 72


def test_transliterations(parse):
    doc = parse("Fighters moved from Hilmand towards Qandahar at dawn.", STAGES)
    hil, qan = place_by_mention(doc, "Hilmand"), place_by_mention(doc, "Qandahar")
    assert hil is not None and hil.country == "AF" and hil.kind == "admin1"
    assert qan is not None and qan.country == "AF"


def test_demonyms_are_not_places(parse):
    doc = parse("Afghan and Turkish officials met in Kabul on Tuesday.", STAGES)
    texts = {m.text for p in doc.places for m in p.mentions}
    assert "Afghan" not in texts and "Turkish" not in texts
    kabul = place_by_mention(doc, "Kabul")
    assert kabul is not None and kabul.country == "AF" and kabul.kind == "city"


def test_hierarchy_picks_the_town_inside_the_province(parse):
    doc = parse("Police in Pandi, Bulacan arrested two suspects after the raid.", STAGES)
    p = place_by_mention(doc, "Pandi")
    assert p is not None and p.country == "PH" and p.kind == "city"


def test_context_country_disambiguates(parse):
    doc = parse("The mayor of Paris, Texas said the storm had passed Dallas.", STAGES)
    p = place_by_mention(doc, "Paris")
    assert p is not None and p.country == "US" and p.admin1 == "Texas"


def _at(doc, start: int) -> Place | None:
    for p in doc.places:
        if any(m.start == start for m in p.mentions):
            return p
    return None


def test_feature_words_choose_the_kind(parse):
    text = "Troops returned to Kandahar city while clashes went on elsewhere in Kandahar province."
    doc = parse(text, STAGES)
    city = _at(doc, text.index("Kandahar city"))
    province = _at(doc, text.index("Kandahar province"))
    assert city is not None and city.kind == "city"
    assert province is not None and province.kind == "admin1"
    assert {m.text for m in province.mentions} == {"Kandahar"}


def test_facility_becomes_a_site_at_its_city(parse):
    doc = parse("Crowds gathered outside Kabul international airport on Sunday.", STAGES)
    site = next((p for p in doc.places if p.kind == "site"), None)
    assert site is not None and site.country == "AF"
    assert site.lat is not None and abs(site.lat - 34.5) < 0.5


def test_most_specific_place_in_a_span(parse):
    text = "A roadside bomb exploded in Achin district of Nangarhar province, Afghanistan."
    doc = parse(text, STAGES)
    p = most_specific_place(doc, 0, len(text))
    assert p is not None and p.kind == "admin2" and p.country == "AF"
    assert most_specific_place(doc, 0, 10) is None


def test_boilerplate_is_skipped(parse):
    from newsledger.document import Document
    from newsledger.nlp import NLP
    from newsledger.places import PlaceStage

    text = "Residents of Kandahar fled the fighting. Subscribe to our London newsletter."
    cut = text.index("Subscribe")
    doc = Document(
        id="t",
        text=text,
        sections=[Section("body", 0, cut), Section("boilerplate", cut, len(text))],
    )
    PlaceStage()(NLP()(doc))
    assert place_by_mention(doc, "Kandahar") is not None
    assert place_by_mention(doc, "London") is None


def test_unresolvable_place_is_kept_with_a_reason(parse):
    from spacy.tokens import Span

    from newsledger.places import PlaceStage

    doc = parse("The convoy reached Qwertzuvian after a long night.", ["nlp"])
    sdoc = doc.user_data["spacy"]
    i = next(t.i for t in sdoc if t.text == "Qwertzuvian")
    sdoc.ents = [Span(sdoc, i, i + 1, label="GPE")]
    PlaceStage()(doc)
    p = place_by_mention(doc, "Qwertzuvian")
    assert p is not None and p.lat is None and p.lon is None and p.reason


def test_geocode():
    k = geocode("Kandahar")
    assert k is not None and k.country == "AF"
    p = geocode("Paris", country="US")
    assert p is not None and p.country == "US"
    assert geocode("Paris").country == "FR"  # type: ignore[union-attr]
    assert geocode("Qwertzuvian") is None


def test_lists_of_provinces_and_embedded_names(parse):
    doc = parse(
        "Clashes spread across Kunar and Laghman provinces, the Nangarhar Police Department said.",
        STAGES,
    )
    kunar, laghman = place_by_mention(doc, "Kunar"), place_by_mention(doc, "Laghman")
    assert kunar is not None and kunar.kind == "admin1" and kunar.country == "AF"
    assert laghman is not None and laghman.kind == "admin1"
    nangarhar = place_by_mention(doc, "Nangarhar")
    assert nangarhar is not None and nangarhar.country == "AF"


def test_country_not_a_town_named_after_it(parse):
    doc = parse("Officials in China and Armenia welcomed the agreement.", STAGES)
    assert place_by_mention(doc, "China").kind == "country"  # type: ignore[union-attr]
    assert place_by_mention(doc, "Armenia").country == "AM"  # type: ignore[union-attr]


def test_text_without_places(parse):
    doc = parse("Nothing here names anywhere at all, said the spokesman.", STAGES)
    assert doc.places == []


def test_local_news_conventions(parse):
    text = (
        "Jane Roe, 41, of Pineville, was charged on Friday. "
        "State Sen. John Doe, R-Alexandria, filed the bill in Baton Rouge."
    )
    doc = parse(text, STAGES)
    pineville = place_by_mention(doc, "Pineville")
    assert pineville is not None and pineville.country == "US"
    alexandria = place_by_mention(doc, "Alexandria")
    assert alexandria is not None and alexandria.country == "US"
