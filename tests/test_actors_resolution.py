"""Actor resolution on short texts written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsledger.actors import actor_at, actors_in_span, unscoped_id
from newsledger.document import Document

STAGES = ["nlp", "actors"]


@pytest.fixture()
def actors(parse: Callable[..., Document]) -> Callable[[str], Document]:
    return lambda text: parse(text, stages=STAGES)


def _ids(doc: Document) -> dict[str, int]:
    return {a.id: len(a.mentions) for a in doc.actors}


def test_aliases_and_possessives_resolve_to_one_identity(actors: Callable[[str], Document]) -> None:
    doc = actors(
        "ISIS-K's fighters attacked a checkpoint. Officials blamed ISIS-K’s local cell, "
        "and analysts said the Islamic State Khorasan Province was growing."
    )
    iskp = doc.actor("iskp")
    assert iskp is not None and len(iskp.mentions) == 3
    assert [m.text for m in iskp.mentions][:2] == ["ISIS-K", "ISIS-K"]
    for m in iskp.mentions:
        assert doc.text[m.start : m.end] == m.text
    assert doc.actor("islamic-state") is None  # "ISIS" inside "ISIS-K" is not Islamic State


def test_pakistani_taliban_is_not_the_taliban(actors: Callable[[str], Document]) -> None:
    doc = actors(
        "The Pakistani Taliban denied any link, while the Taliban in Kabul condemned the raid."
    )
    ids = _ids(doc)
    assert ids.get("ttp") == 1 and ids.get("taliban") == 1


def test_acronym_defined_in_text_joins_new_actor(actors: Callable[[str], Document]) -> None:
    doc = actors(
        "Fighters of the Kestrel Valley Liberation Front (KVLF) seized two villages on Monday. "
        "A KVLF commander said the fighters would hold the villages."
    )
    new = [a for a in doc.actors if a.id.startswith("new:")]
    kvlf = [a for a in new if "Kestrel" in a.name]
    assert len(kvlf) == 1
    assert [m.text for m in kvlf[0].mentions] == ["Kestrel Valley Liberation Front", "KVLF", "KVLF"]
    assert kvlf[0].type == "rebel_group"


def test_titles_roles_and_surnames(actors: Callable[[str], Document]) -> None:
    doc = actors(
        "Interior Minister Sirajuddin Haqqani met tribal elders in Khost. "
        "The United Nations envoy to the region, Marta Lindqvist, said the talks were useful. "
        "The UN's Lindqvist added that aid would resume."
    )
    siraj = doc.actor("sirajuddin-haqqani")
    assert siraj is not None and siraj.type == "person" and siraj.affiliation == "taliban"
    assert siraj.role == "Interior Minister"
    person = next(a for a in doc.actors if a.name == "Marta Lindqvist")
    assert person.type == "person"
    assert [m.text for m in person.mentions] == ["Marta Lindqvist", "Lindqvist"]
    assert person.affiliation == "un"
    assert doc.actor("un") is not None


def test_country_is_an_actor_only_when_it_acts(actors: Callable[[str], Document]) -> None:
    doc = actors("Pakistan is helping the Taliban track militants. Many refugees live in Pakistan.")
    pk = doc.actor("pk")
    assert pk is not None and len(pk.mentions) == 1 and pk.mentions[0].start == 0
    doc2 = actors("Two shops burned in a market in Pakistan on Friday.")
    assert doc2.actor("pk") is None


def test_demonyms_name_forces_and_officials(actors: Callable[[str], Document]) -> None:
    doc = actors(
        "Afghan security forces withdrew from the post. A Pakistani diplomatic source "
        "told reporters the border would stay open."
    )
    ids = _ids(doc)
    assert ids.get("af-forces") == 1
    assert doc.actor("af-forces").type == "state_force"
    assert ids.get("pk") == 1


def test_the_group_follows_a_clear_antecedent_only(actors: Callable[[str], Document]) -> None:
    doc = actors(
        "Al-Shabaab claimed the bombing in Mogadishu. The group said more attacks would follow."
    )
    shabaab = doc.actor("al-shabaab")
    assert shabaab is not None and [m.text for m in shabaab.mentions][-1] == "The group"
    doc2 = actors("The group said more attacks would follow.")
    assert all(m.text != "The group" for a in doc2.actors for m in a.mentions)


def test_outlets_are_media_and_credits_are_not_people(actors: Callable[[str], Document]) -> None:
    doc = actors(
        "Officials told the Wall Street Journal that the talks failed.\n\n"
        "Fighters parade in a square in this file picture. (Photo by Jane Fictional / AFP)"
    )
    assert doc.actor("wsj").type == "media"
    assert doc.actor("afp").type == "media"
    assert not [a for a in doc.actors if a.type == "person"]
    assert not [a for a in doc.actors if a.name.lower() in ("photo", "jane fictional")]


def test_unknown_organisation_becomes_new_actor_with_guessed_type(
    actors: Callable[[str], Document],
) -> None:
    doc = actors("The Northern Tribune reported that the Ministry of Water Resources cut supplies.")
    by_name = {a.name: a for a in doc.actors}
    assert by_name["Northern Tribune"].type == "media"
    assert by_name["Northern Tribune"].id == "new:northern-tribune"
    assert by_name["Ministry of Water Resources"].type == "state"


def test_actor_at_and_actors_in_span(actors: Callable[[str], Document]) -> None:
    text = "Taliban leaders said the UN's Lindqvist, a United Nations envoy named Carla Lindqvist, lied."
    doc = actors(text)
    s = text.index("Taliban leaders")
    a = actor_at(doc, s, s + len("Taliban leaders"))
    assert a is not None and a.id == "taliban"
    s2 = text.index("the UN's")
    inside = actors_in_span(doc, s2, s2 + len("the UN's Lindqvist"))
    assert next(x.id for x in inside) == "un"
    assert actor_at(doc, s2, s2 + len("the UN's Lindqvist")).id == inside[-1].id
    assert actor_at(doc, text.index("lied"), len(text)) is None


def test_actors_private_people_get_document_local_ids(parse) -> None:  # type: ignore[no-untyped-def]
    # An illustration written for this test: one public official with a role, one private person.
    text = (
        "Interior Minister Karim Daoud said on Monday that police had arrested a suspect. "
        "A shopkeeper, Farid Ahmadzai, was wounded in the attack."
    )
    doc = parse(text, stages=["nlp", "time", "actors"], id="doc-xyz")
    by_name = {a.name: a for a in doc.actors if a.type == "person"}
    official = next(a for n, a in by_name.items() if "Daoud" in n)
    assert official.id.startswith("new:") and official.role
    private = [a for n, a in by_name.items() if "Ahmadzai" in n]
    assert private and all(a.id.startswith("local:doc-xyz:") for a in private)
    # the scoped id still names the same person inside the document, also when the
    # document id itself holds colons (a URL-like id)
    other = parse(text, stages=["nlp", "time", "actors"], id="https://example.org:8080/a")
    scoped = [a.id for a in other.actors if "Ahmadzai" in a.name]
    assert scoped and all(i.startswith("local:https://example.org:8080/a:") for i in scoped)
    unscoped = {unscoped_id(i) for i in scoped}
    assert unscoped == {unscoped_id(a.id) for a in private}
    assert all(i.startswith("new:") and ":" not in i.removeprefix("new:") for i in unscoped)
