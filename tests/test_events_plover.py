"""PLOVER coding at sentence level (events/plover.py, data/plover.toml): every category, modes,
source and target codes, negation and modality, verbal acts as claims. Every sentence here was
written for these tests (none is a gold record)."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from conftest import events_of
from newsledger.document import Document
from newsledger.evaluation.plover import OLD_NAMES, norm_code, predict, read_records, split_of
from newsledger.events.plover import codebook
from newsledger.validate import validate

ROOT = Path(__file__).parent.parent
TOML = ROOT / "src" / "newsledger" / "events" / "data" / "plover.toml"
DOCS = ROOT / "docs" / "events.md"


def _doc(parse: Any, text: str, **kw: Any) -> Document:
    return events_of(parse, text, **kw)


def act(parse: Any, text: str, **kw: Any) -> dict[str, Any]:
    """The sentence's PLOVER act as the stage outputs it (category "(none)" when none)."""
    return predict(_doc(parse, text, **kw))


def test_every_cue_has_an_id_a_known_category_and_mode_and_is_documented() -> None:
    raw = tomllib.loads(TOML.read_text("utf-8"))
    docs = DOCS.read_text("utf-8")
    book = codebook()
    assert len(book.categories) == 16
    assert {c.category for c in book.cues} == set(book.categories)  # every category has cues
    ids = [c["id"] for c in raw["cue"]]
    assert len(ids) == len(set(ids))
    for c in book.cues:
        assert re.fullmatch(r"plover\.[a-z_]+", c.id), c.id
        assert c.description and c.example, c.id
        assert f"`{c.id}`" in docs, f"{c.id}: not in docs/events.md"
        if c.mode:
            assert c.mode in book.categories[c.category].modes, c.id


@pytest.mark.parametrize("cue", codebook().cues, ids=lambda c: c.id)
def test_every_cue_example_gives_its_category(parse: Any, cue: Any) -> None:
    doc = _doc(parse, cue.example, trace=True)
    evs = {e.id: e for e in doc.events}
    got = [evs[i] for i, _ in doc.user_data["events.plover"] if i in evs]
    assert got, cue.example
    assert got[0].plover == cue.category, (cue.example, got[0].plover)
    assert got[0].why is not None and cue.id in got[0].why["rules"]


@pytest.mark.parametrize(
    ("text", "category", "mode", "source", "target"),
    [
        ("Ecuador agreed to reopen its embassy in Lima.", "AGREE", None, "ECU", None),
        (
            "The Kenyan president met his Ugandan counterpart in Kampala.",
            "CONSULT",
            None,
            "KEN",
            "UGA",
        ),
        ("The Indian prime minister visited Bhutan on Monday.", "CONSULT", "visit", "IND", "BTN"),
        ("Brazil praised Argentina's new trade policy.", "SUPPORT", None, "BRA", "ARG"),
        ("The Nepalese government lifted the curfew in Kathmandu.", "CONCEDE", None, "NPL", None),
        ("Spain extradited three suspects to France.", "COOPERATE", None, "ESP", "FRA"),
        ("Norway sent food aid to Malawi after the floods.", "AID", None, "NOR", "MWI"),
        ("Rwanda released 40 Burundian prisoners on Friday.", "RETREAT", "release", "RWA", None),
        ("Lebanon urged Syria to withdraw its troops.", "REQUEST", "yield", "LBN", "SYR"),
        ("Bolivia accused Chile of spying on its navy.", "ACCUSE", "allege", "BOL", "CHL"),
        ("Serbia rejected the proposal of the mediators.", "REJECT", None, "SRB", None),
        (
            "Turkey threatened to impose sanctions on Armenia.",
            "THREATEN",
            "relations",
            "TUR",
            "ARM",
        ),
        (
            "Thousands of Chilean students marched in Santiago against fee rises.",
            "PROTEST",
            "demo",
            "CHL",
            None,
        ),
        ("Canada imposed sanctions on Venezuela.", "SANCTION", "discontinue", "CAN", "VEN"),
        (
            "Russia deployed 2,000 troops to its border with Ukraine.",
            "MOBILIZE",
            "troops",
            "RUS",
            "UKR",
        ),
        (
            "Police in Zimbabwe arrested twelve opposition activists.",
            "COERCE",
            "arrest",
            None,
            None,
        ),
        (
            "Eritrean troops shelled Ethiopian positions near Badme.",
            "ASSAULT",
            "heavy-weapons",
            "ERI",
            None,
        ),
    ],
)
def test_one_sentence_per_category(
    parse: Any, text: str, category: str, mode: str | None, source: str | None, target: str | None
) -> None:
    got = act(parse, text)
    assert got["event"] == category, (text, got)
    if mode is not None:
        assert got["mode"] == mode, (text, got)
    if source is not None:
        assert got["source"] == source, (text, got)
    if target is not None:
        assert got["target"] == target, (text, got)


def test_refused_to_meet_is_a_refusal_not_a_meeting(parse: Any) -> None:
    got = act(parse, "Iran refused to meet the European envoys in Vienna.")
    assert got["event"] == "REJECT"
    assert got["mode"] == "meet"
    assert got["source"] == "IRN"


def test_did_not_agree_is_no_agreement(parse: Any) -> None:
    got = act(parse, "Israel did not agree to the ceasefire plan.")
    assert got["event"] == "REJECT"
    assert got["source"] == "ISR"


def test_a_negated_condemnation_is_no_accusation(parse: Any) -> None:
    got = act(parse, "Hungary did not condemn the invasion.")
    assert got["event"] != "ACCUSE"


def test_may_impose_sanctions_is_a_threat_at_most(parse: Any) -> None:
    text = "Turkey may impose sanctions on Armenia, the Turkish foreign minister said."
    got = act(parse, text)
    assert got["event"] == "THREATEN"
    assert got["mode"] == "relations"
    assert got["source"] == "TUR"
    doc = _doc(parse, "The European Union may impose sanctions on Belarus.")
    assert not any(e.plover == "SANCTION" or e.type for e in doc.events)


def test_a_guess_about_force_is_nobodys_threat(parse: Any) -> None:
    doc = _doc(parse, "The rebels could attack the capital next week, analysts said.")
    assert not any(e.plover in ("THREATEN", "ASSAULT") for e in doc.events)


def test_future_cooperation_is_a_promise(parse: Any) -> None:
    assert (
        act(parse, "Portugal will support Croatia's bid to join the alliance.")["event"] == "AGREE"
    )
    text = "The army will withdraw from the border villages, the defence minister said."
    assert act(parse, text)["event"] == "CONCEDE"  # announced: a concession
    doc = _doc(parse, "The army will withdraw from the border villages next year.")
    assert not doc.events  # not announced by anyone: a future withdrawal, not asserted


def test_a_demand_told_by_a_speaker_is_the_speakers_request(parse: Any) -> None:
    got = act(parse, "Iraq must cooperate fully with the inspectors, the French president said.")
    assert got["event"] == "REQUEST"
    assert got["source"] == "FRA"
    assert got["target"] == "IRQ"


def test_an_offer_of_force_is_a_threat(parse: Any) -> None:
    got = act(parse, "The Thai government is prepared to impose martial law in the south.")
    assert got["event"] == "THREATEN"


def test_plover_only_events_are_never_acled_events(parse: Any) -> None:
    doc = _doc(parse, "Lebanon urged Syria to close its border crossings.")
    (ev,) = [e for e in doc.events if e.plover == "REQUEST"]
    assert ev.type is None and ev.subtype is None
    assert ev.certainty == "reported"


def test_a_threat_is_an_asserted_threat(parse: Any) -> None:
    doc = _doc(parse, "North Korea threatened to attack South Korean warships.")
    (ev,) = [e for e in doc.events if e.plover == "THREATEN"]
    assert ev.certainty == "reported"
    assert ev.mode == "violence"
    assert (ev.source, ev.target) == ("PRK", "KOR")
    assert not any(e.type for e in doc.events)  # the attack is only threatened


def test_a_verbal_act_is_a_claim_and_they_point_at_each_other(parse: Any) -> None:
    doc = _doc(parse, "Bolivia accused Chile of spying on its navy.")
    (ev,) = [e for e in doc.events if e.plover == "ACCUSE"]
    assert ev.claim is not None
    (claim,) = [c for c in doc.claims if c.id == ev.claim]
    assert ev.id in claim.events
    d = doc.to_dict()
    assert d["claims"][0]["events"] == [ev.id]
    assert Document.from_dict(d).claims[0].events == [ev.id]
    assert validate(d) == []


def test_a_denial_is_a_refusal_and_the_claim_its_verb_made(parse: Any) -> None:
    doc = _doc(parse, "Syria denied the allegations of the inspectors.")
    (ev,) = [e for e in doc.events if e.plover == "REJECT"]
    assert ev.source == "SYR"
    if any(c.cue == "deny" for c in doc.claims):  # the claims stage's cue for "denied"
        assert ev.claim is not None
        assert ev.id in next(c for c in doc.claims if c.id == ev.claim).events


def test_violence_in_a_protest_is_a_riot_police_force_is_not(parse: Any) -> None:
    got = act(parse, "Students clashed with riot police during a protest in Seoul.")
    assert (got["event"], got["mode"]) == ("PROTEST", "riot")
    got = act(parse, "Police fired tear gas at protesters in Nairobi.")
    assert got["event"] != "PROTEST"


def test_the_seed_style_acts_keep_their_categories(parse: Any) -> None:
    assert act(parse, "The Taliban refused to hand over the airport.")["event"] == "REJECT"
    assert act(parse, "The Taliban deployed hundreds of fighters to Kabul.")["event"] == "MOBILIZE"


def test_plover_sentence_can_be_switched_off(parse: Any) -> None:
    doc = _doc(
        parse, "Lebanon urged Syria to close its border crossings.", rules_off=["plover.sentence"]
    )
    assert "events.plover" not in doc.user_data


def test_the_split_is_stable_and_the_old_names_are_read(tmp_path: Path) -> None:
    assert split_of("a sentence") == split_of("a sentence")
    assert {split_of(f"text {i}") for i in range(20)} == {"dev", "held"}
    p = tmp_path / "g.jsonl"
    p.write_text(
        '{"id": "x", "text": "Written here.", "gold": {"event": "DEMAND", "source": ["USA"], '
        '"target": []}}\n',
        "utf-8",
    )
    (r,) = read_records(p)
    assert r["event"] == OLD_NAMES["DEMAND"] == "REQUEST"
    p.write_text(
        '{"id": "y", "text": "Written here too.", "gold": {"event": "AGREE", "source": ["JAP"], '
        '"target": ["UNO", "FRA"]}}\n',
        "utf-8",
    )
    (r,) = read_records(p)  # one party, one code: CAMEO's Japan is ISO's, the UN an IGO
    assert (r["source"], r["target"]) == (["JPN"], ["IGO", "FRA"])
    assert norm_code("JPN") == "JPN" and norm_code("USA") == "USA" and norm_code(None) is None
    p.write_text('{"id": "x"}\n', "utf-8")
    with pytest.raises(ValueError, match="not a PLOVER gold record"):
        read_records(p)


def test_eval_plover_scores_project_records_and_fails_clearly_on_bad_data(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsledger.cli import app

    good = tmp_path / "gold.jsonl"
    good.write_text(
        '{"id": "a", "text": "Lebanon urged Syria to close its border crossings.", '
        '"published": "2024-03-05", "gold": {"event": "DEMAND", "source": ["LBN"], '
        '"target": ["SYR"]}}\n'
        '{"id": "b", "text": "Serbia rejected the proposal of the mediators.", '
        '"published": "2024-03-05", "gold": {"event": "REJECT", "source": ["SRB"], '
        '"target": []}}\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["eval", "plover", str(good), "--json"])
    assert result.exit_code == 0, result.output
    m = json.loads(result.output)
    assert m["all"]["n"] == 2 and m["all"]["type_accuracy"] == 1.0
    assert m["all"]["source_accuracy"] == 1.0
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "x"}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "plover", str(bad)])
    assert result.exit_code == 1
    assert "bad.jsonl:1" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    "text",
    [
        "Thank you all for your kind reviews of the new menu.",
        "The shop is closed on Sundays and Mondays.",
        "The new app helps busy parents plan their week.",
    ],
)
def test_an_act_with_no_political_party_is_no_event(text: str) -> None:
    """plover.political_party: PLOVER codes interactions of political actors, named or not; a
    cue word with no party on either side is no act (illustrations written for this test)."""
    from newsledger.ingest import document_from_text
    from newsledger.stages import build_pipeline

    on = build_pipeline(None)(document_from_text(text))
    assert [e.plover for e in on.events if e.plover and not e.type] == []
    off = build_pipeline(None, {"events": {"rules_off": ["plover.political_party"]}})
    found = off(document_from_text(text))
    assert [e.plover for e in found.events if e.plover and not e.type]  # the rule decided


def test_an_unnamed_party_is_a_party() -> None:
    from newsledger.ingest import document_from_text
    from newsledger.stages import build_pipeline

    doc = build_pipeline(None)(
        document_from_text("The ministry rejected the union's demand for higher pay on Monday.")
    )
    assert "REJECT" in {e.plover for e in doc.events}
