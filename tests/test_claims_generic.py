"""Unlisted cues (claims/generic.py): a verb on no cue list whose subject can hold a view and
which governs a finite clause of its own reports it; the non-cues of data/non_cues.txt do not.
The texts are illustrations written for these tests."""

from __future__ import annotations

import pytest

from conftest import claim_with
from newsledger.claims.generic import non_cues
from newsledger.claims.lexicon import lexicon

STAGES = ["nlp", "time", "actors", "claims"]


def test_an_unlisted_verb_with_a_that_clause(parse):
    assert "grouse" not in lexicon().cues
    doc = parse(
        "Senator Ada Quill groused that the toll road had been a waste of money.", stages=STAGES
    )
    c = claim_with(doc, "toll road had been a waste of money")
    assert c.why is not None and c.why["rule"] == "gen.clause" and c.cue == "grouse"
    assert c.kind == "statement"
    assert c.speaker_name == "Ada Quill"


def test_an_unlisted_verb_after_a_quote(parse):
    doc = parse("“The harbour plan is dead,” the treasurer sniffed.", stages=STAGES)
    c = claim_with(doc, "The harbour plan is dead")
    assert c.quote == "direct" and c.cue == "sniff"
    assert c.speaker_text.lower().endswith("treasurer")


def test_a_document_as_source_gives_evidence(parse):
    doc = parse(
        "The county audit established that the pension fund had been drained.", stages=STAGES
    )
    c = claim_with(doc, "pension fund had been drained")
    assert c.kind == "evidence"


def test_a_verb_of_knowing_is_a_belief(parse):
    doc = parse("Party officials learned that the donor had withdrawn his pledge.", stages=STAGES)
    assert claim_with(doc, "donor had withdrawn his pledge").kind == "belief"


@pytest.mark.parametrize(
    "text",
    [
        "The inspectors made sure that the scaffolding was safe.",
        "The mayor saw to it that the fountain was repaired.",
        "The new tax means that rents will rise.",
        "The ministry ensured that the ballots arrived on time.",
        "The wall was so high that the children could not see the garden.",
        "Engineers widened the tunnel so that lorries could pass.",
    ],
)
def test_non_cues_attribute_nothing(parse, text):
    doc = parse(text, stages=STAGES)
    assert doc.claims == [], [(c.content, c.why) for c in doc.claims]


def test_non_cues_are_data_with_ids():
    lines = non_cues()
    assert ("ensure", "verb") in lines and ("sure", "adj") in lines
    assert dict(lines[("learn", "verb")])["*"] == "belief"


def test_an_unlisted_adjective_with_a_that_clause(parse):
    doc = parse("The organisers are adamant that the ward must stay open.", stages=STAGES)
    c = claim_with(doc, "the ward must stay open")
    assert c.kind == "belief" and c.why is not None and c.why["rule"] == "gen.adj"


def test_it_is_clear_that_is_noclaim_with(parse):
    doc = parse("It is clear that the ward must stay open.", stages=STAGES)
    assert doc.claims == []


def test_a_passive_participle_is_the_listed_adjective(parse):
    doc = parse("Parents were frustrated that the council closed the library early.", stages=STAGES)
    c = claim_with(doc, "the council closed the library early")
    assert c.kind == "sentiment" and c.speaker_text == "Parents"


def test_an_infinitive_with_its_own_subject_is_a_clause(parse):
    doc = parse("Most delegates expect the treaty to fail next spring.", stages=STAGES)
    c = claim_with(doc, "the treaty to fail next spring")
    assert c.kind == "belief" and c.speaker_text.endswith("delegates")


def test_a_small_clause_with_a_noun(parse):
    doc = parse("The auditors considered the loan a serious risk.", stages=STAGES)
    assert claim_with(doc, "the loan a serious risk").kind == "belief"


def test_an_event_seen_is_no_small_clause(parse):
    doc = parse("The governor saw the new stadium open on Sunday.", stages=STAGES)
    assert doc.claims == []
