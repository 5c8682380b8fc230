"""The trace (``why`` on places and actors, filled only when asked for) and `newsledger explain`.
Texts are the project's own short illustrations."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from conftest import place_by_mention
from newsledger.actors import ActorStage
from newsledger.places import PlaceStage
from newsledger.places.rules import default_rules

FISHER = "Fisher Black and Myron Scholes published their formula in 1973."
HIERARCHY = "Talks were held in Springfield, Illinois, on Monday."


def test_a_traced_place_says_which_rules_made_it_and_what_each_term_added(parse):
    doc = PlaceStage(trace=True)(parse(HIERARCHY, ["nlp"]))
    p = place_by_mention(doc, "Springfield")
    assert p is not None and p.admin1 == "Illinois"
    ids = {r.id for r in default_rules().catalogue}
    assert p.why is not None and "entity-label" in p.why["rules"]
    assert all(r in ids for r in p.why["rules"])
    chosen, *lost = p.why["readings"]
    assert "Illinois" in chosen["reading"] and lost  # other Springfields lost
    terms = dict(chosen["terms"])
    assert terms["hierarchy:parent"] > 0  # "X, Y": a reading inside Y
    assert chosen["score"] > max(r["score"] for r in lost)
    # the terms add up to the score
    assert abs(sum(terms.values()) - chosen["score"]) < 0.01


def test_without_a_trace_no_why_is_filled_and_the_places_are_the_same(parse):
    plain = PlaceStage()(parse(HIERARCHY, ["nlp"]))
    traced = PlaceStage(trace=True)(parse(HIERARCHY, ["nlp"]))
    assert all(p.why is None for p in plain.places)
    assert "places_rejected" not in plain.user_data

    def strip(doc):
        return [{k: v for k, v in p.__dict__.items() if k != "why"} for p in doc.places]

    assert strip(plain) == strip(traced)


def test_a_surname_read_as_a_town_is_turned_down_and_the_trace_says_why(parse):
    doc = PlaceStage(trace=True)(parse(FISHER, ["nlp"]))
    assert doc.places == []
    turned_down = {r["text"]: r for r in doc.user_data["places_rejected"]}
    fisher = turned_down["Fisher"]
    assert fisher["why"].startswith("named-after-place")
    assert any("Fisher, Illinois" in r for r in fisher["readings"])


def test_a_traced_actor_says_which_pass_made_each_mention(parse):
    doc = ActorStage(trace=True)(parse("The Taliban said the Taliban would talk.", ["nlp"]))
    taliban = next(a for a in doc.actors if "Taliban" in a.name)
    assert taliban.why is not None and taliban.why["source"] == "registry"
    assert [m["pass"] for m in taliban.why["mentions"]] == ["registry", "registry"]
    plain = ActorStage()(parse("The Taliban said the Taliban would talk.", ["nlp"]))
    assert all(a.why is None for a in plain.actors)


def test_explain_prints_each_record_and_what_was_not_made_a_place():
    from newsledger.cli import app

    result = CliRunner().invoke(app, ["explain", FISHER, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output.strip().splitlines()[-1])
    names = {a["name"] for a in report["actors"]}
    assert {"Fisher Black", "Myron Scholes"} <= names
    assert all(a["why"]["mentions"] for a in report["actors"])
    assert report["places"] == []
    assert any(r["text"] == "Fisher" for r in report["not_places"])


def test_explain_names_the_rules_that_made_each_event() -> None:
    from newsledger.cli import app

    text = "Ethiopian jets strafed rebel camps near the Sudanese border on Monday."  # illustration
    result = CliRunner().invoke(app, ["explain", "-", "--json"], input=text)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output.strip().splitlines()[-1])
    (event,) = report["events"]
    assert event["sentence"] == text and event["plover"] == "ASSAULT"
    rules = {r["id"]: r for r in event["rules"]}
    assert "plover.model" in rules and float(rules["plover.model"]["value"]) > 0
    assert "logistic regression" in rules["plover.model"]["description"]
    printed = CliRunner().invoke(app, ["explain", "-"], input=text)
    assert printed.exit_code == 0, printed.output
    assert "rule plover.model (" in printed.output


def test_explain_describes_cues_and_decision_table_rows() -> None:
    from newsledger.cli import app

    text = "Turkish troops shelled Kurdish positions in Hakkari on Monday, killing five fighters."
    result = CliRunner().invoke(app, ["explain", text, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output.strip().splitlines()[-1])
    rules = {r["id"]: r["description"] for e in report["events"] for r in e["rules"]}
    assert rules["plover.assault_heavy"]  # a cue of plover.toml
    assert all(rules[r] for r in rules if r.startswith("subtype.table."))
