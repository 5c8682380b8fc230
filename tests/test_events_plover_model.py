"""The PLOVER model (events/plover_model.py, rule ``plover.model``): the sentences no cue of
plover.toml codes, read from the meaning of their main clause. Every sentence was written for
these tests (none is a gold record, a probe sentence or a training clause)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from conftest import events_of
from newsledger.errors import DataFileError
from newsledger.evaluation.plover import NONE, predict
from newsledger.events import plover_model
from newsledger.events.plover_codebook import codebook


def coded(parse: Any, text: str, off: tuple[str, ...] = ()) -> Any:
    return events_of(parse, text, "1997-03-05", rules_off=off, trace=True)


def test_an_act_told_with_a_verb_no_cue_lists_is_read_by_the_model(parse: Any) -> None:
    text = "Ethiopian jets strafed rebel camps near the Sudanese border on Monday."
    doc = coded(parse, text)
    got = predict(doc)
    assert (got["event"], got["source"]) == ("ASSAULT", "ETH")
    ev = next(e for e in doc.events if e.plover == "ASSAULT")
    rules = ev.why["rules"]
    assert "plover.model" in rules  # the trace names the rule and the model's probability
    p = next(float(r.split(":")[1]) for r in rules if r.startswith("plover.model:"))
    assert plover_model.shipped_model().threshold <= p <= 1  # type: ignore[union-attr]
    assert predict(coded(parse, text, ("plover.model",)))["event"] == NONE  # no cue: no act


def test_the_model_does_not_take_a_reading_the_cues_declined(parse: Any) -> None:
    # the cue for leaving needs troops (or the like) as subject: a president leaving is no
    # retreat, and the model, which reads the clause as one, is not asked to overrule it
    got = predict(coded(parse, "The Peruvian president left Lima for Quito on Monday."))
    assert got["event"] != "RETREAT"
    assert plover_model._declined_categories("leave") >= {"RETREAT"}


def test_a_photo_caption_is_not_read_by_the_model(parse: Any) -> None:
    line = "Ethiopian jets strafed rebel camps near the Sudanese border on Monday."
    caption = line + " (Photo by Example Photographer / Illustration Agency)"
    text = f"Border report\n\n{caption}\n\nThe talks in Nairobi went on for a third day."
    doc = coded(parse, text)
    assert doc.section_at(text.index("Ethiopian")) == "caption"
    assert not [e for e in doc.events if e.plover == "ASSAULT"]
    assert predict(coded(parse, f"Border report\n\n{line}"))["event"] == "ASSAULT"


def test_a_cue_act_is_left_to_the_cues(parse: Any) -> None:
    doc = coded(parse, "Ethiopian jets bombed rebel camps near the Sudanese border on Monday.")
    ev = next(e for e in doc.events if e.plover == "ASSAULT")
    assert "plover.model" not in ev.why["rules"]


@pytest.mark.parametrize(
    "text",
    [
        "The Kenyan finance minister presented the annual budget to parliament on Thursday.",
        "The Chilean president opened a new museum of modern art in Santiago.",
        "The Dutch government expects the economy to grow by two percent next year.",
    ],
)
def test_a_political_party_doing_no_interaction_gets_no_act(parse: Any, text: str) -> None:
    assert predict(coded(parse, text))["event"] == NONE


def test_the_main_verb_goes_through_speech_to_what_was_said(parse: Any) -> None:
    sdoc = parse("Witnesses said Ethiopian jets strafed rebel camps.", ["nlp"])
    sdoc = sdoc.user_data["spacy"]
    assert plover_model.main_verb(next(iter(sdoc.sents))).lemma_ == "strafe"
    sdoc = parse("The minister told reporters about it on Monday.", ["nlp"]).user_data["spacy"]
    assert plover_model.main_verb(next(iter(sdoc.sents))) is None  # a statement, no clause


def test_a_description_in_the_simple_present_is_no_report(parse: Any) -> None:
    sdoc = parse("Government troops guard the bridges of the capital.", ["nlp"])
    sent = next(iter(sdoc.user_data["spacy"].sents))
    assert plover_model.main_verb(sent) is None  # what they do, not what they did
    assert plover_model.main_verb(sent, headline=True).lemma_ == "guard"  # headline style
    sdoc = parse("The minister stressed the plan would not change.", ["nlp"])
    verb = plover_model.main_verb(next(iter(sdoc.user_data["spacy"].sents)))
    assert verb.lemma_ == "change"  # "stressed" is speech: what was said is read


def test_the_clause_read_leaves_out_subordinate_clauses(parse: Any) -> None:
    text = (
        "Ethiopian jets strafed rebel camps near the town, which rebels had held for a year,"
        " after the talks failed."
    )
    sdoc = parse(text, ["nlp"]).user_data["spacy"]
    verb = plover_model.main_verb(next(iter(sdoc.sents)))
    clause = plover_model.clause_text(verb)
    assert clause.startswith("Ethiopian jets strafed rebel camps near the town")
    assert "held" not in clause and "failed" not in clause


def test_the_shipped_model_knows_the_sixteen_categories() -> None:
    model = plover_model.shipped_model()
    assert model is not None
    assert set(model.classes) == set(codebook().categories) | {"NONE"}
    assert model.weights.shape == (17, 384) and 0 < model.threshold < 1


def test_a_model_file_with_an_unknown_category_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = plover_model.PloverModel(np.zeros((2, 384)), np.zeros(2), ("NONE", "BOMBARD"), 0.5)
    path = tmp_path / "plover_model.npz"
    bad.save(path)
    monkeypatch.setattr(plover_model, "MODEL_PATH", path)
    plover_model.shipped_model.cache_clear()
    try:
        with pytest.raises(DataFileError, match="BOMBARD"):
            plover_model.shipped_model()
    finally:
        plover_model.shipped_model.cache_clear()


def test_a_model_act_is_only_as_sure_as_the_model(parse: Any) -> None:
    # the same parts (a source, no target, no place, a verb): the cue act's typing confidence
    # is rules.toml no_acled, the model act's the model's probability, here below it
    model_act = coded(parse, "Ethiopian jets strafed rebel camps near the border on Monday.")
    cue_act = coded(parse, "Ethiopia recalled its ambassador on Monday.")
    (m,) = [e for e in model_act.events if e.plover]
    (c,) = [e for e in cue_act.events if e.plover]
    assert (m.place, m.actor2, c.place, c.actor2) == (None, None, None, None)
    p = next(float(r.split(":")[1]) for r in m.why["rules"] if r.startswith("plover.model:"))
    assert p < 0.7 and m.confidence < c.confidence
