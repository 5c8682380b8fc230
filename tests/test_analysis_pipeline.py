"""End to end: the scenario articles (examples/corroboration, written by the project) through
ingest and the real pipeline, then the cross-article analysis. The ledger must come out right:
the republished copy is not an independent source, the two bombing reports are one event with
13 vs 21 dead side by side, and the Taliban's claim, carried by two outlets, is contradicted by
the later denial."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.analysis import analyze, build_ledger
from newsledger.analysis.report import figures_text
from newsledger.ingest import read_inputs
from newsledger.stages import build_pipeline

ARTICLES = Path(__file__).resolve().parents[1] / "examples" / "corroboration" / "articles.jsonl"
MARKET, BLAST, COPY = "kd-2023-03-14-market", "hp-2023-03-14-blast", "nw-2023-03-16-market-repost"


@pytest.fixture(scope="module")
def analysis():
    docs = [d for d in read_inputs([str(ARTICLES)]) if not hasattr(d, "reason")]
    assert len(docs) == 6
    results = list(build_pipeline().pipe(docs))
    failed = [r.failure for r in results if not r.ok]
    assert not failed, failed
    return analyze([r.doc for r in results])


def test_copy_detected_through_the_pipeline(analysis) -> None:
    assert analysis.duplicates.original(COPY) == MARKET
    assert list(analysis.duplicates.links) == [COPY]


def test_bombing_is_one_event_with_both_figures(analysis) -> None:
    hits = [
        e
        for e in analysis.events
        if {MARKET, BLAST} <= {m.doc_id for m in e.members} and e.fatalities
    ]
    assert len(hits) == 1
    ev = hits[0]
    assert ev.type == "Explosions/Remote violence"
    assert ev.independent_sources == 2 and set(ev.outlets) == {"Kestrel Daily", "Harbor Post"}
    assert ev.fatalities_conflict
    assert {(f.outlet, f.value) for f in ev.fatalities if f.copy_of is None} == {
        ("Kestrel Daily", 13),
        ("Harbor Post", 21),
    }
    assert "13 (Kestrel Daily" in figures_text(ev) and "21 (Harbor Post" in figures_text(ev)
    assert ev.date == "2023-03-13"
    copy = [s for s in ev.sources if s.doc_id == COPY]
    assert not copy or not copy[0].independent


def test_taliban_claim_repeated_and_denied(analysis) -> None:
    ledger = build_ledger(analysis, "Taliban")
    assert ledger is not None
    raid = [lc for lc in ledger.claims if "40" in lc.claim.content and "Achin" in lc.claim.content]
    assert {lc.claim.outlet for lc in raid} == {"Harbor Post", "Steppe Observer"}
    for lc in raid:
        assert any(
            x.by.speaker == "Islamic State Khorasan Province" and x.kind == "denial"
            for x in lc.contradicted_by
        ), lc.claim.content
        assert not lc.corroborated  # only the Taliban's own word, and the other side denies it
    assert any(lc.also_said_by for lc in raid)
    assert all(lc in ledger.contradicted and lc in ledger.uncorroborated for lc in raid)
    # the raid is the Taliban's event, known through claims, and denied in Kestrel Daily
    ev = next(le.event for le in ledger.events if le.event.type == "Battles")
    assert le_role(ledger, ev) == "actor1" and ev.certainty == "claimed"
    assert {"Harbor Post", "Steppe Observer"} <= set(ev.outlets)
    assert any(m.certainty == "denied" and m.outlet == "Kestrel Daily" for m in ev.members)


def le_role(ledger, ev) -> str:
    return next(le.role for le in ledger.events if le.event is ev)


def test_claim_of_the_attack_is_backed_by_the_reports(analysis) -> None:
    ledger = build_ledger(analysis, "ISKP")
    assert ledger is not None and ledger.actor == "Islamic State Khorasan Province"
    said = next(lc for lc in ledger.claims if "carried out the attack" in lc.claim.content)
    assert said.corroborating_sources == 2
    denial = next(lc for lc in ledger.claims if lc.claim.denial)
    assert {x.claim.outlet for x in denial.contradicts} == {"Harbor Post", "Steppe Observer"}
