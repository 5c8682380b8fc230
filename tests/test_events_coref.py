"""One event reported twice in an article (headline and lede) is one event; two events of the
same kind stay two. Texts are illustrations written for these tests."""

from __future__ import annotations

STAGES = ["nlp", "time", "actors", "places", "generic_actors", "quantities", "claims", "events"]


def _explosions(doc):  # type: ignore[no-untyped-def]
    return [e for e in doc.events if e.type == "Explosions/Remote violence"]


def test_headline_and_lede_are_one_event_with_the_ledes_detail(parse) -> None:  # type: ignore[no-untyped-def]
    title = "Market blast in eastern Afghanistan kills 21"
    text = (
        f"{title}\n\nAt least 21 people were killed when a bomb went off in a busy market in "
        "Jalalabad on Monday, hospital officials said."
    )
    doc = parse(text, STAGES, title=title, published="2023-03-14")
    (ev,) = _explosions(doc)
    place = next(p for p in doc.places if p.id == ev.place)
    assert place.name == "Jalalabad" and ev.date == "2023-03-13" and ev.fatalities == 21


def test_two_bombings_of_the_same_kind_stay_two(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A roadside bomb killed five soldiers in Kandahar on Monday. Another roadside bomb "
        "killed five soldiers in Herat on Tuesday."
    )
    evs = _explosions(parse(text, STAGES, published="2023-03-14"))
    assert len(evs) == 2 and {e.date for e in evs} == {"2023-03-13", "2023-03-14"}


def test_a_claim_of_responsibility_names_the_attacker_and_is_no_new_attack(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A bomb exploded at a bus station in Kandahar on Monday, killing seven people, "
        "police said.\n\nThe Islamic State Khorasan Province claimed responsibility for the "
        "bombing in a statement on Tuesday."
    )
    doc = parse(text, STAGES, published="2023-03-14")
    (ev,) = [e for e in doc.events if e.type in ("Explosions/Remote violence", "Battles")]
    assert ev.fatalities == 7 and ev.actor1 == "iskp"
    # a claim for an attack nobody reported, or a denied one, names nobody
    denied = parse(
        "A bomb exploded at a bus station in Kandahar on Monday, killing seven people. "
        "No group has claimed responsibility for the attack.",
        STAGES,
        published="2023-03-14",
    )
    assert all(e.actor1 is None for e in _explosions(denied))
