"""Events only where something happened: each out-of-scope kind yields no ACLED event, and each
rule that decides it, switched off (``events.rules_off``), lets the event through again.

Every text is an illustration written for these tests (no third-party text). The texts name an
armed or political actor where the rule under test is not ``scope.acled_actor``, so that the
rule under test, not the actor requirement, is what decides.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsledger.document import Event
from newsledger.events.classifier import SubtypeClassifier
from newsledger.events.extract import classifier_inputs, default_rules, extract

PRE = ["nlp", "time", "actors", "places", "generic_actors", "quantities", "claims"]


@pytest.fixture(scope="module")
def classifier() -> SubtypeClassifier:
    return SubtypeClassifier()


@pytest.fixture(scope="module")
def run(parse: Any, classifier: SubtypeClassifier) -> Any:
    def events(text: str, off: tuple[str, ...] = (), keep: bool = False) -> list[Event]:
        doc = parse(text, PRE, published="2024-03-05")
        rules = default_rules().configured(off, keep_unasserted=keep)
        sdoc = doc.user_data["spacy"]
        texts, parts = classifier_inputs(doc, sdoc, None, rules)
        classifier.prime(texts, parts=parts)
        return extract(doc, sdoc, classifier, rules)

    return events


def acled(events: list[Event]) -> list[Event]:
    return [e for e in events if e.subtype]


# -- out of ACLED's scope, each with the rule that decides it ---------------------------------

OUT_OF_SCOPE = [
    # (kind, illustration, the rule that keeps it out)
    ("disease", "A cholera outbreak killed 20 soldiers at the army camp last week.",
     "guard.disaster_cause"),
    ("accident", "A helicopter crash killed four soldiers near the border on Monday.",
     "guard.disaster_cause"),
    ("animals", "Police killed dozens of stray dogs in the town on Monday.",
     "scope.animal_victim"),
    ("metaphor", "Soldiers' children fighting cancer met the defence minister on Friday.",
     "scope.metaphor"),
    ("metaphor, rank", "The police academy reclaimed the No. 3 position in the national ranking.",
     "scope.metaphor"),
    ("no actor", "Cheap imports killed two local factories in the valley last year.",
     "scope.acled_actor"),
    ("no weapon", "Police arrested four vendors and seized 3,000 kilos of rotten pork.",
     "subtype.rescue_cue"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "text", "rule"), OUT_OF_SCOPE, ids=[k for k, _, _ in OUT_OF_SCOPE]
)
def test_out_of_scope_text_gets_no_acled_event_and_the_rule_decides(
    run: Any, kind: str, text: str, rule: str
) -> None:
    on = run(text)
    off = run(text, off=(rule,))
    if rule == "subtype.rescue_cue":  # the arrest stands; the pork is no weapon
        assert [e.subtype for e in acled(on)] == ["Arrests"]
        assert "Disrupted weapons use" in {e.subtype for e in acled(off)}
        return
    assert acled(on) == [], kind
    assert acled(off), f"{kind}: with {rule} off the event comes back"


def test_a_percentage_is_no_fatality_count(run: Any) -> None:
    text = "The army said its air strikes had eliminated 90 percent of the militants in the valley."
    (on,) = [e for e in acled(run(text)) if e.subtype == "Air/drone strike"]
    assert on.fatalities is None
    off = run(text, off=("scope.not_a_count",))
    assert [e.fatalities for e in acled(off) if e.subtype == "Air/drone strike"] == [90]


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed six villagers in an attack on a market on Monday.",
        "A roadside bomb killed three soldiers near Kandahar on Sunday.",
        "Thousands of protesters marched against the new law in the capital on Saturday.",
    ],
)
def test_acled_actors_named_or_unidentified_keep_their_events(run: Any, text: str) -> None:
    assert acled(run(text))


# -- asserted, not imagined -------------------------------------------------------------------

UNASSERTED = [
    ("If the rebels attack the city, the army will respond.", "attack", "conditional",
     "certainty.conditional"),
    ("The army will withdraw its troops from the town next year.", "withdraw", "future",
     "certainty.future"),
    ("Rebels could attack the city at any time, analysts said.", "attack", "hypothetical",
     "certainty.modal"),
    ("Attacks by militants on aid workers are war crimes.", "Attacks", "generic",
     "certainty.generic"),
    ("Police did not arrest any protesters at the rally against the reform.", "arrest",
     "negated", "guard.negated"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "trigger", "certainty", "rule"), UNASSERTED)
def test_unasserted_events_are_marked_and_left_out_by_default(
    run: Any, text: str, trigger: str, certainty: str, rule: str
) -> None:
    assert [e for e in run(text) if e.trigger == trigger] == []
    kept = [e for e in run(text, keep=True) if e.trigger == trigger]
    assert [e.certainty for e in kept] == [certainty]
    # the rule switched off decides: the statement no longer reads as this kind
    switched = [e for e in run(text, off=(rule,), keep=True) if e.trigger == trigger]
    assert all(e.certainty != certainty for e in switched)


# -- one event, one record --------------------------------------------------------------------


def test_a_deployment_and_arrests_stay_two_events(run: Any) -> None:
    text = (
        "Taliban send fighters to Nangarhar\n\n"
        "The Taliban sent 1,300 fighters to Nangarhar on Monday. "
        "Taliban forces arrested 12 men in Jalalabad on Tuesday."
    )
    subs = [e.subtype for e in acled(run(text))]
    assert "Arrests" in subs and "Change to group/activity" in subs


def test_a_hypothetical_clash_is_never_merged_with_a_claimed_one(run: Any) -> None:
    text = (
        "The Taliban said its fighters clashed with ISIS-K militants in Kunar on Monday. "
        "Analysts say the Taliban could clash with ISIS-K in Kabul too."
    )
    kept = [e for e in run(text, keep=True) if e.subtype == "Armed clash"]
    assert sorted(e.certainty for e in kept) == ["claimed", "hypothetical"]
    assert [e.certainty for e in run(text) if e.subtype == "Armed clash"] == ["claimed"]


def test_a_withdrawal_and_a_takeover_in_one_sentence_are_one_transfer(run: Any) -> None:
    text = (
        "Taliban fighters paraded in Kandahar after the US pulled all its troops out of "
        "Afghanistan, after the Taliban's military takeover of the country."
    )
    nvtt = "Non-violent transfer of territory"
    assert len([e for e in acled(run(text)) if e.subtype == nvtt]) == 1
    assert len([e for e in acled(run(text, off=("one.transfer_pair",))) if e.subtype == nvtt]) == 2
