"""The corroboration scenario (examples/corroboration, written by the project) with hand-made
extractions: what the stages should find in each article. The analysis must turn them into the
right ledger: copies not counted, the two bombing reports merged with 13 vs 21 side by side, the
Taliban's claim carried by two outlets and contradicted by a later denial."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from newsledger.analysis import analyze, build_ledger
from newsledger.analysis.report import figures_text, render_ledger_html, render_ledger_terminal
from newsledger.document import Actor, Claim, Document, Event, Evidence, Mention, Place, Section

ARTICLES = Path(__file__).resolve().parents[1] / "examples" / "corroboration" / "articles.jsonl"

JALALABAD = dict(
    name="Jalalabad", kind="city", country="AF", admin1="Nangarhar", lat=34.43, lon=70.45
)
ACHIN = dict(name="Achin", kind="admin2", country="AF", admin1="Nangarhar", lat=34.13, lon=70.70)
ACTORS = {
    "isk": ("Islamic State Khorasan Province", "rebel_group", ["ISIS-K", "ISKP"]),
    "tal": ("Taliban", "rebel_group", []),
    "civ": ("civilians", "civilians", []),
    "im": ("Interior Ministry", "state", []),
}


def _span(doc: Document, needle: str) -> tuple[int, int]:
    i = doc.text.find(needle)
    assert i >= 0, needle
    return i, i + len(needle)


def _ev(doc: Document, needle: str) -> Evidence:
    s, e = _span(doc, needle)
    return Evidence(s, e, needle, "body")


def _claim(doc: Document, claim_id: str, sentence: str, content: str, **fields: Any) -> None:
    """A hand-made claim: its evidence sentence and content located in the text."""
    cs, ce = _span(doc, content)
    doc.claims.append(
        Claim(
            id=claim_id,
            evidence=_ev(doc, sentence),
            content=content,
            content_start=cs,
            content_end=ce,
            **fields,
        )
    )


def load_articles() -> dict[str, Document]:
    docs = {}
    for line in ARTICLES.read_text("utf-8").splitlines():
        d = json.loads(line)
        doc = Document(
            id=d["id"],
            text=d["text"],
            title=d["title"],
            outlet=d["outlet"],
            published=d["published"],
            sections=[Section("body", 0, len(d["text"]))],
        )
        docs[doc.id] = doc
    return docs


def _actors(doc: Document, *keys: str) -> None:
    for k in keys:
        name, typ, aliases = ACTORS[k]
        doc.actors.append(Actor(id=k, name=name, type=typ, aliases=aliases))


def _market(
    doc: Document,
    fatalities: int,
    sentence: str,
    claim_sentence: str,
    claim_content: str,
    cue: str,
    subtype: str | None,
) -> None:
    _actors(doc, "isk", "civ")
    doc.places.append(
        Place(
            id="geonames:1138958",
            **JALALABAD,
            mentions=[Mention("Jalalabad", *_span(doc, "Jalalabad"))],
        )
    )
    doc.events.append(
        Event(
            id="e1",
            evidence=_ev(doc, sentence),
            type="Explosions/Remote violence",
            subtype=subtype,
            plover="ASSAULT",
            actor2="civ",
            place="geonames:1138958",
            date="2023-03-13",
            fatalities=fatalities,
            fatalities_text=str(fatalities),
        )
    )
    _claim(
        doc,
        "c1",
        claim_sentence,
        claim_content,
        speaker="isk",
        speaker_text="Islamic State Khorasan Province",
        speaker_kind="organization",
        cue=cue,
    )
    # the claim of responsibility is itself an event report: known only through the claim
    doc.events.append(
        Event(
            id="e2",
            evidence=_ev(doc, claim_sentence),
            type="Explosions/Remote violence",
            plover="ASSAULT",
            actor1="isk",
            certainty="claimed",
            claim="c1",
        )
    )


def scenario_documents() -> list[Document]:
    docs = load_articles()
    for key in ("kd-2023-03-14-market", "nw-2023-03-16-market-repost"):
        d = docs[key]
        _market(
            d,
            13,
            "A bomb exploded in a crowded market in Jalalabad, the capital of "
            "Nangarhar province, on Monday, killing 13 people, the provincial health "
            "department said.",
            "Islamic State Khorasan Province claimed responsibility for the bombing in a "
            "statement on Tuesday.",
            "responsibility for the bombing",
            "claim",
            "Remote explosive/landmine/IED",
        )
        _actors(d, "tal", "im")
        sent = (
            "Taliban security forces arrested three suspects in Jalalabad on Tuesday, the "
            "Interior Ministry said."
        )
        d.events.append(
            Event(
                id="e3",
                evidence=_ev(d, sent),
                type="Strategic developments",
                subtype="Arrests",
                actor1="tal",
                place="geonames:1138958",
                date="2023-03-14",
            )
        )
        _claim(
            d,
            "c2",
            sent,
            "Taliban security forces arrested three suspects in Jalalabad on Tuesday",
            speaker="im",
            speaker_text="the Interior Ministry",
            speaker_kind="organization",
            cue="say",
            about=["tal"],
        )
    d = docs["hp-2023-03-14-blast"]
    _market(
        d,
        21,
        "At least 21 people were killed when a bomb went off in a busy market in "
        "Jalalabad on Monday, hospital officials told the Harbor Post.",
        "Islamic State Khorasan Province said it carried out the attack.",
        "it carried out the attack",
        "say",
        None,
    )

    def achin(d: Document, sentence: str, content: str, date: str | None) -> None:
        _actors(d, "tal", "isk")
        d.places.append(
            Place(id="geonames:1149000", **ACHIN, mentions=[Mention("Achin", *_span(d, "Achin"))])
        )
        _claim(
            d,
            "c1",
            sentence,
            content,
            speaker="tal",
            speaker_text="The Taliban",
            speaker_kind="organization",
            cue="say",
            date=date,
            about=["isk"],
        )
        d.events.append(
            Event(
                id="e1",
                evidence=_ev(d, sentence),
                type="Battles",
                subtype="Armed clash",
                plover="ASSAULT",
                actor1="tal",
                actor2="isk",
                place="geonames:1149000",
                fatalities=40,
                fatalities_text="40",
                certainty="claimed",
                claim="c1",
            )
        )

    d = docs["hp-2023-03-20-achin"]
    achin(
        d,
        "The Taliban said on Sunday that their forces had killed 40 Islamic State Khorasan "
        "Province fighters in a raid in Achin district of Nangarhar province.",
        "their forces had killed 40 Islamic State Khorasan Province fighters in a raid in "
        "Achin district of Nangarhar province",
        "2023-03-19",
    )
    content = "Islamic State is no longer a threat in Nangarhar"
    _claim(
        d,
        "c2",
        content,
        content,
        speaker_text="a Taliban spokesman",
        speaker_kind="unnamed",
        speaker_org="tal",
        cue="say",
        quote="direct",
        about=["isk"],
    )
    d = docs["so-2023-03-21-achin"]
    achin(
        d,
        "Taliban officials said their forces killed 40 Islamic State Khorasan Province "
        "fighters during a raid in Achin district of Nangarhar province over the weekend.",
        "their forces killed 40 Islamic State Khorasan Province fighters during a raid in "
        "Achin district of Nangarhar province over the weekend",
        None,
    )
    d = docs["kd-2023-03-23-denial"]
    _actors(d, "isk", "tal")
    sent = (
        "Islamic State Khorasan Province denied on Wednesday that its fighters had been "
        "killed in a raid in Achin district."
    )
    _claim(
        d,
        "c1",
        sent,
        "its fighters had been killed in a raid in Achin district",
        speaker="isk",
        speaker_text="Islamic State Khorasan Province",
        speaker_kind="organization",
        cue="deny",
        date="2023-03-22",
    )
    return list(docs.values())


@pytest.fixture(scope="module")
def analysis():
    return analyze(scenario_documents())


def test_republished_copy_is_linked_to_its_original(analysis) -> None:
    dup = analysis.duplicates
    assert dup.original("nw-2023-03-16-market-repost") == "kd-2023-03-14-market"
    assert not dup.is_copy("kd-2023-03-14-market")
    assert not dup.is_copy("hp-2023-03-14-blast")  # same event, own words: not a copy
    assert len(dup.links) == 1


def test_bombing_reports_merge_with_conflicting_figures(analysis) -> None:
    bombing = [e for e in analysis.events if e.type == "Explosions/Remote violence"]
    assert len(bombing) == 1
    ev = bombing[0]
    assert {m.doc_id for m in ev.members} == {
        "kd-2023-03-14-market",
        "hp-2023-03-14-blast",
        "nw-2023-03-16-market-repost",
    }
    assert ev.independent_sources == 2  # the Northline copy does not count
    assert ev.outlets == ["Harbor Post", "Kestrel Daily"]
    assert ev.fatalities_conflict
    by_outlet = {(f.outlet, f.value) for f in ev.fatalities if f.copy_of is None}
    assert by_outlet == {("Kestrel Daily", 13), ("Harbor Post", 21)}
    assert ev.place == "Jalalabad" and ev.date == "2023-03-13"


def test_claim_carried_by_two_outlets_and_denied(analysis) -> None:
    ledger = build_ledger(analysis, "taliban")
    assert ledger is not None and ledger.actor == "Taliban"
    raid = [lc for lc in ledger.claims if "killed 40" in lc.claim.content]
    assert len(raid) == 2
    first = min(raid, key=lambda lc: lc.claim.doc_id)
    assert {c.outlet for c in first.also_said_by} == {"Steppe Observer"}
    assert [x.by.speaker for x in first.contradicted_by] == ["Islamic State Khorasan Province"]
    assert first.contradicted_by[0].kind == "denial"
    # only the Taliban's own word backs the raid: no independent corroboration
    assert not first.corroborated
    assert first in ledger.uncorroborated and first in ledger.contradicted
    # the spokesman's statement counts as the Taliban's (speaker_org) and nothing backs it
    threat = [lc for lc in ledger.claims if "no longer a threat" in lc.claim.content]
    assert threat and threat[0] in ledger.uncorroborated


def test_taliban_events_with_independent_sources(analysis) -> None:
    ledger = build_ledger(analysis, "Taliban")
    assert ledger is not None
    kinds = {(le.event.subtype, le.role, le.event.independent_sources) for le in ledger.events}
    assert ("Arrests", "actor1", 1) in kinds  # Kestrel Daily + its copy: one source
    assert ("Armed clash", "actor1", 2) in kinds  # Harbor Post + Steppe Observer
    raid = next(le.event for le in ledger.events if le.event.subtype == "Armed clash")
    assert raid.date is None and any("date" in m for m in raid.missing)
    assert raid.certainty == "claimed"


def test_claim_of_responsibility_is_corroborated_by_reports(analysis) -> None:
    ledger = build_ledger(analysis, "ISKP")  # an alias
    assert ledger is not None and ledger.actor == "Islamic State Khorasan Province"
    resp = next(lc for lc in ledger.claims if lc.claim.content == "responsibility for the bombing")
    assert resp.corroborated and resp.corroborating_sources == 2
    denial = next(lc for lc in ledger.claims if lc.claim.denial)
    assert [x.claim.speaker for x in denial.contradicts] == ["Taliban", "Taliban"]
    assert build_ledger(analysis, "Boko Haram") is None


def test_reports_render(analysis, tmp_path) -> None:
    ledger = build_ledger(analysis, "Taliban")
    assert ledger is not None
    text = render_ledger_terminal(ledger)
    assert "Ledger: Taliban" in text and "contradicted" in text
    assert "Steppe Observer" in text
    page = render_ledger_html(ledger)
    assert page.startswith("<!DOCTYPE html>") and page.count("<svg") == 2
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)  # nothing fetched
    assert "<script" not in page
    assert "Islamic State Khorasan Province" in page
    iskp = build_ledger(analysis, "Islamic State Khorasan Province")
    assert iskp is not None
    bombing = next(le.event for le in iskp.events if le.event.type.startswith("Explosions"))
    assert figures_text(bombing).startswith("13 (Kestrel Daily) vs 21 (Harbor Post)")
    assert "Kestrel Daily" in render_ledger_terminal(iskp)


def _claim_only_doc(
    doc_id: str, outlet: str, published: str, sentence: str, content: str, cue: str
) -> Document:
    text = "[Illustration written for newsledger's tests: not a real news report.]\n\n" + sentence
    d = Document(
        id=doc_id,
        text=text,
        outlet=outlet,
        published=published,
        sections=[Section("body", 0, len(text))],
    )
    _actors(d, "tal")
    _claim(
        d,
        "c1",
        sentence,
        content,
        speaker="tal",
        speaker_text="The Taliban",
        speaker_kind="organization",
        cue=cue,
        date=published,
    )
    return d


def test_claims_link_to_events_in_other_articles() -> None:
    said = _claim_only_doc(
        "extra-said",
        "Delta Radio",
        "2023-03-15",
        "The Taliban said its forces arrested three suspects in Jalalabad after the bombing.",
        "its forces arrested three suspects in Jalalabad after the bombing",
        "say",
    )
    denied = _claim_only_doc(
        "extra-denied",
        "Echo News",
        "2023-03-16",
        "The Taliban denied that its forces had arrested anyone in Jalalabad.",
        "that its forces had arrested anyone in Jalalabad",
        "deny",
    )
    a = analyze([*scenario_documents(), said, denied])
    ledger = build_ledger(a, "Taliban")
    assert ledger is not None
    by_doc = {lc.claim.doc_id: lc for lc in ledger.claims}
    # the arrests are reported by Kestrel Daily (and its copy, which does not count)
    assert by_doc["extra-said"].corroborating_sources == 1
    assert [e.subtype for e in by_doc["extra-said"].events] == ["Arrests"]
    # the Taliban deny what reporting attributes to them
    assert by_doc["extra-denied"] in ledger.denials_against_reporting
    assert by_doc["extra-denied"].reporting_against[0].subtype == "Arrests"
    # a statement about Jalalabad with no word for an arrest is not linked to the arrests
    assert all(
        e.subtype != "Arrests"
        for lc in ledger.claims
        if "no longer a threat" in lc.claim.content
        for e in lc.events
    )


def test_the_ledger_index_gives_the_scenario_ledger_of_a_full_analysis(tmp_path: Path) -> None:
    """The store's ledger index (what `newsledger ledger` reads) against a full analysis of the
    same store: copies, the merged bombing, the claim carried twice and its denial."""
    from newsledger.analysis import flatten
    from newsledger.store import QueryFilters, open_store
    from newsledger.store.filters import with_kept_events
    from newsledger.store.ledger_read import store_ledger

    with open_store(str(tmp_path / "l.db")) as store:
        for d in scenario_documents():
            store.write(d)
        full = analyze(flatten(with_kept_events(store.iter_documents(), QueryFilters())))
        for name in ("Taliban", "ISKP", "Islamic State Khorasan Province", "Interior Ministry"):
            want = build_ledger(full, name)
            assert want is not None and (want.claims or want.events)
            got = store_ledger(store.conn, name)
            assert got is not None and got.to_dict() == want.to_dict(), name
        assert store_ledger(store.conn, "Nobody Of That Name") is None
