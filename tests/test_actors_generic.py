"""Generic actors: unnamed attackers, police and victims coded as ACLED codes them."""

from __future__ import annotations

STAGES = ["nlp", "time", "actors", "places", "generic_actors"]


def test_actors_generic_unnamed_attackers_and_victims_get_a_country(parse) -> None:  # type: ignore[no-untyped-def]
    # An illustration written for this test.
    doc = parse(
        "Gunmen opened fire on a bus near Quetta on Friday, killing three civilians, "
        "police said. Police later arrested two suspects.",
        stages=STAGES,
    )
    by_id = {a.id: a for a in doc.actors}
    assert "generic:armed:pk" in by_id
    assert by_id["generic:armed:pk"].name == "Unidentified Armed Group (Pakistan)"
    assert by_id["generic:civilians:pk"].type == "civilians"
    police = by_id["pk-police"]  # the registry's own identity, not a new one
    assert police.type == "state_force" and len(police.mentions) == 2


def test_actors_generic_noun_owned_by_a_named_actor_is_left_alone(parse) -> None:  # type: ignore[no-untyped-def]
    doc = parse("Taliban militants attacked a checkpoint in Kandahar on Monday.", stages=STAGES)
    assert any(a.id == "taliban" for a in doc.actors)
    assert not [a for a in doc.actors if a.id.startswith("generic:")]
