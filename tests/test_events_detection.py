"""The events stage on short illustrations written for this project (not third-party text)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsledger.document import Document

ALL = ["nlp", "time", "actors", "places", "quantities", "claims", "events"]


@pytest.fixture(scope="module")
def run(parse: Callable[..., Document]) -> Callable[[str], Document]:
    return lambda text: parse(text, stages=ALL)


@pytest.fixture(scope="module")
def typed() -> Callable[[str], Document]:
    """The stages with the relevance gate off (``events.relevance = false``): for tests of how a
    trigger is typed, on one-sentence texts that the gate may score out of scope (the gate has
    its own tests in test_events_relevance.py)."""
    from newsledger.ingest import document_from_text
    from newsledger.stages import build_pipeline

    pipe = build_pipeline(ALL, {"events": {"relevance": False}})
    return lambda text: pipe(document_from_text(text))


def test_car_bomb_is_typed_with_fatalities_and_place(run: Callable[[str], Document]) -> None:
    doc = run(
        "Islamic State militants detonated a car bomb at a market in Kabul on Tuesday, killing at least 12 civilians."
    )
    (ev,) = [e for e in doc.events if e.type]
    assert ev.type == "Explosions/Remote violence"
    assert ev.subtype == "Remote explosive/landmine/IED"
    assert ev.plover == "ASSAULT"
    assert ev.fatalities == 12 and ev.fatalities_text == "at least 12"
    place = doc.place(ev.place)
    assert place is not None and place.name.startswith("Kabul")
    assert ev.certainty == "reported"
    assert ev.evidence.sentence.startswith("Islamic State militants")


def test_one_sentence_can_hold_several_events(run: Callable[[str], Document]) -> None:
    doc = run("Government troops clashed with rebels near Goma on Monday and arrested 15 fighters.")
    subtypes = {e.subtype for e in doc.events}
    assert {"Armed clash", "Arrests"} <= subtypes


def test_suicide_bombing_kills_six(run: Callable[[str], Document]) -> None:
    doc = run(
        "A suicide bomber blew himself up at a checkpoint in Mogadishu, killing six soldiers."
    )
    bomb = [e for e in doc.events if e.subtype == "Suicide bomb"]
    assert bomb and bomb[0].fatalities == 6 and bomb[0].fatalities_text == "six"
    assert (
        len([e for e in doc.events if e.plover == "ASSAULT"]) == 1
    )  # the killing is the bombing's


def test_historical_background_keeps_its_own_date(run: Callable[[str], Document]) -> None:
    doc = run(
        "He is wanted in connection with a March 2015 attack by gunmen on a hotel in Nairobi that killed nine"
        " people."
    )
    (ev,) = [e for e in doc.events if e.plover == "ASSAULT"]
    assert ev.date == "2015-03"
    assert ev.fatalities == 9


def test_modal_and_reported_speech_set_certainty(run: Callable[[str], Document]) -> None:
    doc = run("The rebels could attack the capital next week.")
    assert doc.events == []  # not asserted: left out by default (events.keep_unasserted)
    doc = run("Police officials said that gunmen abducted 30 students from a school in Kaduna.")
    (ev,) = doc.events
    assert ev.subtype == "Abduction/forced disappearance"
    assert ev.certainty == "claimed"


def test_non_violent_interactions_get_plover_types(run: Callable[[str], Document]) -> None:
    doc = run("The Taliban deployed 500 fighters to Kandahar province last week.")
    (ev,) = doc.events
    assert ev.plover == "MOBILIZE" and ev.type == "Strategic developments"
    actor = doc.actor(ev.actor1)
    assert actor is not None and "Taliban" in actor.name
    doc = run("The Taliban refused an offer of talks from the United States.")
    rejects = [e for e in doc.events if e.plover == "REJECT"]
    assert rejects and rejects[0].type is None and rejects[0].actor1 is not None


@pytest.mark.parametrize(
    "text",
    [
        "The home side attacked relentlessly and beat the visitors 3-0 in the football match at the stadium.",
        "REBELS KILLED 20 SOLDIERS IN AN AMBUSH NEAR THE BORDER TOWN ON FRIDAY NIGHT",
        "Officials released the figures on Monday.\n\nProvince | killed | wounded\nHelmand | 12 | 40\nKunar | 7 | 9",
    ],
)
def test_sports_caps_and_tables_yield_no_events(run: Callable[[str], Document], text: str) -> None:
    doc = run(text)
    assert [e for e in doc.events if e.plover in ("ASSAULT", "COERCE")] == []


def test_events_carry_ids_confidence_and_trigger(run: Callable[[str], Document]) -> None:
    doc = run(
        "Soldiers shelled the town of Marib overnight. Protesters marched peacefully through Sanaa on Friday."
    )
    assert len(doc.events) >= 2
    assert len({e.id for e in doc.events}) == len(doc.events)
    for e in doc.events:
        assert 0.0 <= e.confidence <= 1.0
        assert e.trigger and e.trigger.lower() in e.evidence.sentence.lower()
        assert doc.text[e.evidence.start : e.evidence.end].strip() == e.evidence.sentence
    assert {"Shelling/artillery/missile attack", "Peaceful protest"} <= {
        e.subtype for e in doc.events
    }


def test_denials_and_confirmations(run: Callable[[str], Document]) -> None:
    doc = run("Al-Shabaab denied that its fighters had attacked the convoy near Mogadishu.")
    assert [e.certainty for e in doc.events if e.plover == "ASSAULT"] == ["denied"]
    doc = run(
        "Army officials confirmed that soldiers had arrested two militant commanders in Mosul on Friday."
    )
    (ev,) = [e for e in doc.events if e.subtype == "Arrests"]
    assert ev.certainty == "confirmed"


def test_what_protesters_do_is_the_protest(run: Callable[[str], Document]) -> None:
    doc = run("Protesters threw stones at police in Nairobi, who responded with tear gas.")
    (ev,) = doc.events
    assert ev.plover == "PROTEST" and ev.type in ("Protests", "Riots")
    doc = run("Hundreds of demonstrators gathered outside parliament in Accra on Monday.")
    (ev,) = doc.events
    assert ev.subtype == "Peaceful protest"


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        ("Burkina Faso: two dead in a terrorist attack in the north of the country.", 2),
        ("The death toll from the car bombing in Mogadishu rose to 21, officials said.", 21),
        ("Dozens of people were killed when militants stormed a village in Borno.", 24),
    ],
)
def test_fatalities_from_other_phrasings(
    typed: Callable[[str], Document], text: str, fatalities: int
) -> None:
    doc = typed(text)
    assert [e.fatalities for e in doc.events if e.plover == "ASSAULT"] == [fatalities]


@pytest.mark.parametrize(
    "text",
    [
        "Boeing sales have been badly hit following two crashes that killed 346 people.",
        "Floods killed 20 people in Kerala on Monday.",
        "The company announced that it was withdrawing its filing for a stock listing.",
        "A spokesperson for the ministry declined to comment.",
        "The two firms signed a trade deal worth 3 billion dollars.",
    ],
)
def test_no_acled_event_outside_political_violence(
    run: Callable[[str], Document], text: str
) -> None:
    doc = run(text)
    assert [e for e in doc.events if e.type] == []
    assert [e for e in doc.events if e.plover in ("ASSAULT", "REJECT")] == []


def test_stage_without_a_parse_warns_and_extracts_nothing() -> None:
    from newsledger.document import Section
    from newsledger.events import EventStage

    doc = Document(id="x", text="Rebels attacked the town.", sections=[Section("body", 0, 25)])
    out = EventStage()(doc)
    assert out.events == [] and any("events" in w for w in out.warnings)


def test_force_against_protesters_is_typed_as_a_protest_event(
    run: Callable[[str], Document],
) -> None:
    doc = run("Police arrested 40 protesters during a demonstration against fuel prices in Lagos.")
    assert [e.subtype for e in doc.events] == ["Protest with intervention"]
    doc = run("Security forces shot dead three protesters in Khartoum on Sunday.")
    (ev,) = doc.events
    assert ev.subtype == "Excessive force against protesters" and ev.fatalities == 3


def test_protesters_who_riot_are_a_violent_demonstration(run: Callable[[str], Document]) -> None:
    doc = run(
        "Protesters demanding the minister's resignation threw stones at the police and torched two cars in the city centre."
    )
    assert "Violent demonstration" in {e.subtype for e in doc.events}
    doc = run(
        "Heavy clashes broke out between riot police and student protesters outside the parliament."
    )
    subtypes = {e.subtype for e in doc.events if e.subtype}
    assert "Violent demonstration" in subtypes and "Armed clash" not in subtypes


def test_a_peaceful_march_stays_peaceful(typed: Callable[[str], Document]) -> None:
    doc = typed(
        "Thousands of nurses marched peacefully to the health ministry to demand better pay."
    )
    assert {e.subtype for e in doc.events if e.subtype} == {"Peaceful protest"}


def test_prisoner_exchanges_and_surrenders_are_agreements(run: Callable[[str], Document]) -> None:
    doc = run(
        "The rebels released twelve soldiers in exchange for thirty of their fighters held by the army."
    )
    assert "Agreement" in {e.subtype for e in doc.events}
    doc = run(
        "More than 100 militants surrendered to government forces in the northern province on Friday."
    )
    assert "Agreement" in {e.subtype for e in doc.events}
    doc = run("Police released the businessman on bail after questioning him for six hours.")
    assert "Agreement" not in {e.subtype for e in doc.events}


def test_moving_troops_is_a_change_to_group_activity(typed: Callable[[str], Document]) -> None:
    doc = typed("The army moved two thousand soldiers to the northern border on Monday.")
    assert "Change to group/activity" in {e.subtype for e in doc.events}
    doc = typed("The council moved the meeting to Friday.")
    assert not [e for e in doc.events if e.type]


def test_the_vote_puts_the_event_both_halves_support_first(
    run: Callable[[str], Document],
) -> None:
    doc = run(
        "Riot police fired live ammunition at peaceful protesters in the capital, killing four of them."
    )
    top = max((e for e in doc.events if e.subtype), key=lambda e: e.confidence)
    assert top.subtype == "Excessive force against protesters"


@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        # spaCy's small lemmatizer reads "raped" as "rap" and leaves "retook" as it is
        ("Four armed men raped a young woman in a village near the border.", "Sexual violence"),
        (
            "Rebel fighters retook the town of Dunmore from government forces on Friday.",
            "Non-state actor overtakes territory",
        ),
        ("A mob beat up two traders in the market over a rumour.", "Mob violence"),
    ],
)
def test_triggers_survive_lemmatizer_slips(
    typed: Callable[[str], Document], text: str, subtype: str
) -> None:
    assert subtype in {e.subtype for e in typed(text).events}


def test_a_team_is_no_sports_page_but_a_team_and_a_match_are(
    run: Callable[[str], Document],
) -> None:
    doc = run("An investigation team said the army carried out a chemical attack on the town.")
    assert "Chemical weapon" in {e.subtype for e in doc.events}
    doc = run("The two teams clash in the final match of the season on Saturday.")
    assert not [e for e in doc.events if e.type]


def test_chemical_agents_make_a_chemical_weapon_event(run: Callable[[str], Document]) -> None:
    doc = run("Militants shelled army positions with mortars filled with chlorine gas.")
    assert "Chemical weapon" in {e.subtype for e in doc.events}
    doc = run("Police fired tear gas shells at the crowd outside the parliament.")
    assert "Chemical weapon" not in {e.subtype for e in doc.events}


def test_demonstrating_something_is_no_demonstration(typed: Callable[[str], Document]) -> None:
    doc = typed("The failed reform demonstrates the limits of the government's power.")
    assert not [e for e in doc.events if e.plover == "PROTEST"]
    doc = typed("Hundreds of nurses demonstrated outside the health ministry against pay cuts.")
    assert "PROTEST" in {e.plover for e in doc.events}
