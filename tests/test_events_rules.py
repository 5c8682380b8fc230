"""The events stage's rules as data: one table with ids (data/rules.toml), read by the code,
documented by id, switched per run, and each event's trace (``why``). Texts are illustrations
written for these tests."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from conftest import BEFORE_EVENTS
from newsledger.events import EventStage
from newsledger.events.rules import default_rules
from newsledger.events.subtype import DECIDERS

EVENTS = Path(__file__).parent.parent / "src" / "newsledger" / "events"
DOCS = Path(__file__).parent.parent / "docs" / "events.md"
STAGES = BEFORE_EVENTS


def test_every_rule_is_read_by_the_code_and_documented_by_id() -> None:
    code = "\n".join(p.read_text("utf-8") for p in EVENTS.glob("*.py"))
    docs = DOCS.read_text("utf-8")
    rules = default_rules().rules
    assert len(rules) >= 40
    for rid, rule in rules.items():
        assert re.fullmatch(r"[a-z]+\.[a-z_]+", rid), rid
        assert rule.description and rule.example, rid
        assert f'"{rid}"' in code, f"{rid}: no code reads it"
        assert f"`{rid}`" in docs, f"{rid}: not in docs/events.md"


def test_the_decision_table_has_a_decider_per_row_and_names_real_subtypes() -> None:
    from newsledger.events.classifier import codebook

    subtypes = set(codebook()["subtypes"])
    table = default_rules().subtypes
    assert set(table) == set(DECIDERS)
    for row in table.values():
        assert set(row.gives) <= subtypes, row.name
        assert row.about


def test_an_unknown_rule_id_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"sentence\.nosuch"):
        default_rules().configured(["sentence.nosuch"])
    with pytest.raises(ValueError, match=r"guard\.nope"):
        EventStage(rules_off=["guard.nope"])


def _stage_events(parse: Any, text: str, **kw: Any) -> list[Any]:
    doc = parse(text, STAGES, published="2024-03-05")
    stage = EventStage(**kw)
    if hasattr(stage, "relevance"):
        stage.relevance = False  # this test is about the rules' trace, not the relevance gate
    return stage(doc).events


def test_the_trace_says_which_rules_typed_the_event(parse: Any) -> None:
    text = "A suicide bomb attack killed 12 soldiers at a checkpoint in Kabul on Monday."
    plain = [e for e in _stage_events(parse, text) if e.subtype]
    assert plain and all(e.why is None or set(e.why) == {"relevance"} for e in plain)
    traced = [e for e in _stage_events(parse, text, trace=True) if e.subtype]
    (ev,) = [e for e in traced if e.subtype == "Suicide bomb"]
    assert ev.why is not None
    assert ev.why["trigger"] == ev.trigger
    assert "subtype.weapon_cue" in ev.why["rules"]
    assert ev.why["subtype_by"] == "cue"
    terms = ev.why["confidence_terms"]
    assert {"base", "typing", "actor1", "fatalities", "votes_won"} <= set(terms)
    assert terms["fatalities"] > 0  # 12 killed


def test_a_classifier_typed_event_carries_its_score(parse: Any) -> None:
    text = "Gunmen attacked a police checkpoint in Kunduz on Monday."
    (ev,) = [e for e in _stage_events(parse, text, trace=True) if e.trigger == "attacked"]
    assert ev.why is not None
    if ev.why["subtype_by"] == "classifier":
        assert 0 < ev.why["classifier_score"] <= 1
        assert "subtype.classifier" in ev.why["rules"]
    else:
        assert ev.why["classifier_score"] is None


def test_keep_unasserted_is_a_stage_setting(parse: Any) -> None:
    text = "Rebels could attack the city at any time, analysts said."
    assert [e for e in _stage_events(parse, text) if e.trigger == "attack"] == []
    kept = [e for e in _stage_events(parse, text, keep_unasserted=True) if e.trigger == "attack"]
    assert [e.certainty for e in kept] == ["hypothetical"]
