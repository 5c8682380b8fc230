"""One act, one event, typed as specifically as the text allows: a generic "killed"
beside the air strike or shelling that did it is that strike's outcome; a withdrawal and a
capture without fighting are a non-violent transfer; a chemical agent named in the paragraph
makes the shelling a chemical attack; a gerund event noun ("Shelling of the airport hit...") is
a deed, not an aim. Texts are illustrations written for these tests."""

from __future__ import annotations

STAGES = ["nlp", "time", "actors", "places", "generic_actors", "quantities", "claims", "events"]
VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")


def _acled(doc):  # type: ignore[no-untyped-def]
    return [e for e in doc.events if e.subtype]


def _top(doc):  # type: ignore[no-untyped-def]
    return max(_acled(doc), key=lambda e: e.confidence)


def test_a_generic_killing_is_the_air_strikes_outcome(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A government air strike hit a fuel depot on the edge of Idlib on Saturday. "
        "Nine people were killed, a local monitoring group said."
    )
    doc = parse(text, STAGES, published="2022-05-09")
    violent = [e for e in _acled(doc) if e.type in VIOLENT]
    assert [e.subtype for e in violent] == ["Air/drone strike"]
    assert violent[0].fatalities == 9
    assert _top(doc).subtype == "Air/drone strike"


def test_an_attack_told_beside_a_shelling_is_one_event(parse) -> None:  # type: ignore[no-untyped-def]
    text = "Rebel forces attacked the garrison on Monday, shelling its barracks for hours."
    doc = parse(text, STAGES, published="2022-05-09")
    assert [e.subtype for e in _acled(doc) if e.type in VIOLENT] == [
        "Shelling/artillery/missile attack"
    ]


def test_killings_in_another_paragraph_are_not_absorbed(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "An air strike hit a fuel depot near Idlib on Saturday.\n\n"
        "In a separate incident, gunmen killed four shepherds in the hills near Hama."
    )
    doc = parse(text, STAGES, published="2022-05-09")
    subs = {e.subtype for e in _acled(doc)}
    assert "Air/drone strike" in subs and subs & {"Attack", "Armed clash"}


def test_a_withdrawal_and_an_unfought_takeover_are_a_non_violent_transfer(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Government troops withdrew from the town of Kidal on Sunday, and rebel fighters took "
        "control of it hours later."
    )
    doc = parse(text, STAGES, published="2022-05-09")
    assert {e.subtype for e in _acled(doc)} == {"Non-violent transfer of territory"}
    # with fighting reported, the takeover stays a territory change
    fought = parse(
        "Government troops withdrew from the town of Kidal on Sunday after rebel fighters "
        "attacked their base with mortars and took control of it.",
        STAGES,
        published="2022-05-09",
    )
    assert not any(
        e.subtype == "Non-violent transfer of territory" and e.trigger.startswith("took")
        for e in fought.events
    )


def test_a_chemical_agent_named_in_the_paragraph_makes_a_chemical_attack(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Dozens of residents were treated for breathing problems after rebels fired shells into "
        "two districts of the city. Doctors said the shells contained chlorine."
    )
    doc = parse(text, STAGES, published="2022-05-09")
    assert _top(doc).subtype == "Chemical weapon"
    # the same shelling with no agent named is shelling
    plain = parse(
        "Dozens of residents were treated for injuries after rebels fired shells into two "
        "districts of the city. Doctors said the shells hit two schools.",
        STAGES,
        published="2022-05-09",
    )
    assert _top(plain).subtype == "Shelling/artillery/missile attack"


def test_a_gerund_event_noun_is_a_deed_not_an_aim(parse) -> None:  # type: ignore[no-untyped-def]
    from newsledger.ingest import document_from_text
    from newsledger.stages import build_pipeline

    # typing, not scope: the relevance gate (tested in test_events_relevance.py) is off here
    typed = build_pipeline(STAGES, {"events": {"relevance": False}})
    deed = typed(
        document_from_text(
            "Shelling of the city's airport hit fuel tanks on Tuesday.", published="2022-05-09"
        )
    )
    (ev,) = [e for e in deed.events if e.type == "Explosions/Remote violence"]
    assert ev.certainty != "hypothetical"
    aim_text = "Eliminating the militia remains the army's main goal, the minister said."
    aim = parse(aim_text, STAGES, published="2022-05-09")
    assert not [e for e in aim.events if e.plover == "ASSAULT"]  # not asserted: left out
    kept = build_pipeline(STAGES, {"events": {"keep_unasserted": True}})
    aim = kept(document_from_text(aim_text, published="2022-05-09"))
    assaults = [e for e in aim.events if e.plover == "ASSAULT"]
    assert assaults and all(e.certainty == "hypothetical" for e in assaults)


def test_a_chemical_agent_of_another_attack_does_not_retype_an_air_strike(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Government jets carried out air strikes on rebel positions on Monday, a day after "
        "officials accused the rebels of a chlorine attack on a nearby town."
    )
    doc = parse(text, STAGES, published="2022-05-09")
    by_trigger = {e.trigger: e.subtype for e in _acled(doc)}
    assert by_trigger.get("strikes") == "Air/drone strike"
    assert by_trigger.get("attack") == "Chemical weapon"  # the accused attack keeps its agent


def test_a_deal_cited_as_the_frame_of_an_act_is_no_new_agreement(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The army set up a new military base near the border on Thursday as part of a "
        "ceasefire deal which it agreed with the rebels last year."
    )
    doc = parse(text, STAGES, published="2022-05-09")
    assert {e.subtype for e in _acled(doc)} == {"Headquarters or base established"}
    news = parse(
        "The army and the rebels signed a ceasefire deal in Doha on Thursday.",
        STAGES,
        published="2022-05-09",
    )
    assert "Agreement" in {e.subtype for e in _acled(news)}
