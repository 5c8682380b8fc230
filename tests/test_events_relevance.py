"""Relevance before typing: text out of ACLED's scope yields no ACLED-typed events; conflict
text still does; switching the gate off (``events.relevance = false``) lets the invented events
through, so the gate is what decides.

Every text here is written for these tests (illustrations, not quotations of any article).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from newsledger.document import Document, Event, Evidence
from newsledger.events.embed import DIM
from newsledger.events.relevance import (
    EXTRA_NAMES,
    RelevanceModel,
    context_text,
    gate,
    load_model,
    shipped_model,
)
from newsledger.stages import build_pipeline

ROOT = Path(__file__).resolve().parents[1]

# One illustration per out-of-scope kind of issue 13, and a few with police, gunmen or soldiers
# in them: each has words the trigger rules know (killed, attack, stormed, fighting, bombarded,
# arrested...) and reports no political event.
OUT_OF_SCOPE = {
    "disease": "Bird flu has killed two more women in the delta this week, health officials "
    "said. The virus also killed several hundred ducks on a farm near the town.",
    "disaster": "A powerful earthquake struck the coastal province on Monday, killing at least "
    "40 people and destroying hundreds of homes. Rescue teams searched the rubble all night.",
    "accident": "Two trains collided outside the central station on Friday morning, killing "
    "three passengers and injuring dozens. Investigators blamed a signal failure.",
    "animals": "A pack of wolves attacked a flock of sheep on a hill farm in the valley, killing "
    "twelve animals. The farmer said the wolves had raided the farm twice this winter.",
    "crime": "A man was stabbed to death outside a bar on Saturday night after an argument over "
    "a parking space, police said. Officers arrested a 24-year-old suspect at his home.",
    "sport": "The visitors stormed back in the third period and crushed the home side 5-4 in "
    "overtime on Tuesday night. Their captain fired two shots past the goalkeeper.",
    "business": "The retailer launched an all-out attack on its rivals' market share on "
    "Monday, slashing prices in every store. Its shares jumped 8 per cent.",
    "science": "Researchers bombarded the crystal samples with neutrons to see how they break "
    "apart. The experiment destroyed the target material in seconds, the team reported.",
    "metaphor": "She has been fighting cancer for three years and says the battle has made her "
    "stronger. Her friends launched a campaign to raise money for the children's ward.",
    # the same kinds with the actors of political violence in them: police, gunmen, the army
    "crime, police": "Police shot dead a man who robbed a petrol station at knifepoint on "
    "Friday night and arrested his accomplice.",
    "crime, gunmen": "Gunmen robbed a bank in the city centre and shot a security guard dead "
    "before fleeing with the cash, police said.",
    "crime, market": "Local police arrested four vendors and seized 3,000 kilos of rotten pork "
    "at the market.",
    "sport, army": "The army team beat the navy 17-10 on Saturday as cadets stormed the field "
    "to celebrate.",
    "sport, fans": "Hundreds of fans clashed with stewards after the final whistle, and police "
    "arrested six supporters for throwing bottles.",
}
CONFLICT = (
    "Militants attacked an army checkpoint near the town of Kunduz on Tuesday, killing five "
    "soldiers, the defence ministry said. Hundreds of protesters later marched through Kabul "
    "to demand an end to the violence."
)


def acled(doc: Document) -> list[Event]:
    return [e for e in doc.events if e.type]


@pytest.fixture(scope="module")
def pipelines():
    from newsledger.ingest import document_from_text
    from newsledger.settings import load_settings

    def make(relevance: bool):
        s = load_settings(overrides={"events": {"relevance": relevance}})
        return build_pipeline(s.stages, s.stage_config())

    on, off = make(True), make(False)

    def run(text: str, gate_on: bool = True) -> Document:
        (res,) = list((on if gate_on else off).pipe([document_from_text(text)]))
        assert res.doc is not None
        return res.doc

    return run


def test_the_shipped_model_loads() -> None:
    model = shipped_model()
    assert model is not None, "src/newsledger/events/data/relevance_model.npz is missing"
    assert model.doc_coef.shape == (DIM,)
    assert model.sent_coef.shape == (DIM + len(EXTRA_NAMES),)
    assert 0.0 < model.threshold < 1.0 and model.doc_threshold == pytest.approx(model.threshold**2)


@pytest.mark.parametrize("kind", sorted(OUT_OF_SCOPE))
def test_out_of_scope_text_yields_no_acled_event(pipelines, kind: str) -> None:
    doc = pipelines(OUT_OF_SCOPE[kind])
    assert acled(doc) == [], [(e.subtype, e.evidence.sentence) for e in acled(doc)]


def test_conflict_text_still_yields_its_events(pipelines) -> None:
    doc = pipelines(CONFLICT)
    types = {e.type for e in acled(doc)}
    assert {"Battles", "Protests"} & types, types
    assert doc.relevance is not None and doc.relevance >= shipped_model().doc_threshold
    for e in acled(doc):  # the trace says why the event was kept
        rel = e.why["relevance"]
        assert rel["kept"] is True
        assert rel["document"] == doc.relevance and 0.0 <= rel["sentence"] <= 1.0
        assert rel["score"] == pytest.approx((rel["document"] * rel["sentence"]) ** 0.5, abs=2e-3)
        assert rel["score"] >= shipped_model().threshold


def test_switching_the_gate_off_lets_the_invented_events_through(pipelines) -> None:
    invented = {k: acled(pipelines(t, gate_on=False)) for k, t in OUT_OF_SCOPE.items()}
    through = {k: [e.subtype for e in evs] for k, evs in invented.items() if evs}
    # without the gate the trigger rules and classifier type some of these texts as ACLED
    # events (the failure of issue 13); with it, none (test above)
    assert len(through) >= 2, through
    for evs in invented.values():  # recorded as dropped by the gate, kept only because it is off
        assert all(e.why["relevance"]["kept"] is False for e in evs)


# -- the gate itself, with a toy model and toy vectors ------------------------------------------


def toy_embed(texts: list[str]) -> np.ndarray:
    """Axis 0 for texts about soldiers, axis 1 for the rest."""
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    for i, t in enumerate(texts):
        out[i, 0 if "soldier" in t else 1] = 1.0
    return out


def toy_model(threshold: float = 0.5) -> RelevanceModel:
    d = np.zeros(DIM)
    d[0] = 10.0
    s = np.zeros(DIM + len(EXTRA_NAMES))
    s[0] = 10.0
    return RelevanceModel(d, -5.0, s, -5.0, threshold)


def event(doc: Document, needle: str, typ: str | None, eid: str) -> Event:
    a = doc.text.index(needle)
    b = doc.text.index(".", a) + 1
    return Event(
        id=eid,
        evidence=Evidence(a, b, doc.text[a:b]),
        type=typ,
        subtype="Attack" if typ else None,
        plover=None if typ else "ASSAULT",
    )


def test_gate_drops_the_acled_events_of_an_out_of_scope_document_only() -> None:
    doc = Document("d", "The flu killed two women. The vet culled the ducks.")
    evs = [
        event(doc, "The flu", "Violence against civilians", "e1"),
        event(doc, "The vet", None, "p1"),
    ]
    kept = gate(doc, evs, toy_model(), embed=toy_embed)
    assert [e.id for e in kept] == ["p1"]  # the PLOVER-only event is not gated
    assert doc.relevance is not None and doc.relevance < 0.5
    assert evs[0].why["relevance"]["kept"] is False
    assert evs[0].why["relevance"]["sentence"] is None  # not scored: the document decided


def test_gate_keeps_in_scope_sentences_and_drops_the_others() -> None:
    doc = Document("d", "Gunmen killed three soldiers at a post. A storm killed two hikers.")
    evs = [
        event(doc, "Gunmen", "Violence against civilians", "e1"),
        event(doc, "A storm", "Violence against civilians", "e2"),
    ]
    kept = gate(doc, evs, toy_model(), embed=toy_embed)
    assert [e.id for e in kept] == ["e1"]
    assert evs[0].why["relevance"]["sentence"] > 0.5 > evs[1].why["relevance"]["sentence"]


def test_gate_off_records_and_drops_nothing() -> None:
    doc = Document("d", "The flu killed two women.")
    evs = [event(doc, "The flu", "Violence against civilians", "e1")]
    kept = gate(doc, evs, toy_model(), enabled=False, embed=toy_embed)
    assert kept == evs and evs[0].why["relevance"]["kept"] is False


def test_a_document_without_acled_events_is_not_scored() -> None:
    doc = Document("d", "The minister met the envoy.")
    evs = [event(doc, "The minister", None, "p1")]

    def no_embed(texts: list[str]) -> np.ndarray:
        raise AssertionError("nothing to embed")

    assert gate(doc, evs, toy_model(), embed=no_embed) == evs
    assert doc.relevance is None


def test_no_model_means_no_gate_and_a_warning() -> None:
    doc = Document("d", "The flu killed two women.")
    evs = [event(doc, "The flu", "Violence against civilians", "e1")]
    assert gate(doc, evs, None, embed=toy_embed) == evs
    assert any("relevance model" in w for w in doc.warnings)


def test_a_damaged_or_foreign_model_file_is_refused(tmp_path) -> None:
    bad = tmp_path / "m.npz"
    bad.write_bytes(b"not a model")
    assert load_model(bad) is None
    assert load_model(tmp_path / "missing.npz") is None


def test_context_is_the_headline_then_the_body_without_furniture() -> None:
    from newsledger.ingest import document_from_text

    doc = document_from_text(
        "Troops enter the border town\n\nSoldiers entered the town on Monday.",
        title="Troops enter the border town",
    )
    ctx = context_text(doc)
    assert ctx.startswith("Troops enter the border town")
    assert "Soldiers entered the town" in ctx


# -- the labelled set ----------------------------------------------------------------------------


def test_labelled_set_is_large_split_and_carries_no_text() -> None:
    rows = [json.loads(x) for x in (ROOT / "bench/relevance/labels.jsonl").read_text().splitlines()]
    assert len(rows) >= 400
    held = [r for r in rows if r["split"] == "held"]
    assert len(held) / len(rows) >= 0.30
    negatives = [r for r in rows if not r["event"]]
    assert len({r["kind"] for r in negatives}) >= 10
    for r in rows:
        assert set(r) <= {"source", "key", "sha1", "split", "event", "sentences", "window", "kind"}
        if r["event"]:
            assert r["sentences"] and all(a < b for a, b in r["sentences"])


def test_eval_counts_invented_events_and_recall_per_gate() -> None:
    from newsledger.evaluation.relevance import _split_metrics

    kept = {"inside": True, "hit": True, "kept": True, "sentence": "s"}
    dropped = {"inside": True, "hit": False, "kept": False, "sentence": "t"}
    rows = [
        {"event": False, "kind": "sport", "sentences": [], "kept_off": [dropped, dropped]},
        {"event": False, "kind": "sport", "sentences": [], "kept_off": []},
        {"event": True, "kind": "-", "sentences": [[0, 5]], "kept_off": [kept, dropped]},
        {"event": True, "kind": "-", "sentences": [[0, 5]], "kept_off": []},
    ]
    for r in rows:
        r["kept_on"] = [e for e in r["kept_off"] if e["kept"]]
        r["found_off"] = r["found_on"] = int(bool(r["kept_on"]))
    off, on = _split_metrics(rows, "off"), _split_metrics(rows, "on")
    assert off["acled_events_per_100_none"] == 100.0 and on["acled_events_per_100_none"] == 0.0
    assert off["none_docs_with_event"] == 0.5 and on["none_docs_with_event"] == 0.0
    assert off["doc_precision"] == 0.5 and on["doc_precision"] == 1.0
    assert on["doc_recall"] == 0.5
    assert off["sentence_precision"] == 0.5 and on["sentence_precision"] == 1.0
    assert on["sentence_recall"] == 0.5
    assert on["per_100_none_by_kind"] == {"sport": 0.0}
