"""The ablation test over the places rule table (places/data/rules.toml): every rule that is on
changes the outcome of its own example when it is switched off (with the rules its entry
names as finding the same place by another road), or its entry says why it does not, and then
the outcome must indeed stay the same. The examples are the project's own illustrations."""

from __future__ import annotations

import pytest

from newsledger.ingest import document_from_text
from newsledger.places import PlaceStage
from newsledger.places.rules import default_rules

RULES = default_rules()
SWITCHES = [r for r in RULES.catalogue if r.switch and r.on]


def _outcome(nlp, text: str, url: str | None, rules) -> list[tuple]:
    doc = PlaceStage(rules=rules)(nlp(document_from_text(text, id="ablation", url=url)))
    return sorted(
        (m.text, p.name, p.kind, p.country, p.lat, p.lon) for p in doc.places for m in p.mentions
    )


@pytest.fixture(scope="module")
def nlp():
    from newsledger.stages import build_pipeline

    return build_pipeline(["nlp"])


@pytest.mark.parametrize("rule", SWITCHES, ids=[r.id for r in SWITCHES])
def test_switching_a_rule_off_changes_its_example(nlp, rule):
    base = RULES.without(*rule.ablation_with) if rule.ablation_with else RULES
    on = _outcome(nlp, rule.example, rule.url, base)
    off = _outcome(nlp, rule.example, rule.url, base.without(rule.id))
    if rule.ablation:
        assert on == off, f"{rule.id} now decides its example: drop its ablation note"
    else:
        assert on != off, f"{rule.id} does not decide its own example: {rule.example!r}"


def test_every_rule_is_described_with_an_example():
    ids = [r.id for r in RULES.catalogue]
    assert len(ids) == len(set(ids))
    for r in RULES.catalogue:
        assert r.description.strip() and r.example.strip(), r.id
        assert "round" not in r.description.lower().split(), r.id


def test_an_unknown_rule_id_is_a_clear_error():
    from newsledger.places.rules import RulesError

    with pytest.raises(RulesError, match="no-such-rule"):
        RULES.without("no-such-rule")
    with pytest.raises(RulesError, match="score term"):
        RULES.without("score-base")  # always on: it has no switch
    with pytest.raises(RulesError, match="no-such-rule"):
        PlaceStage(rules_off=["no-such-rule"])


def test_a_rules_file_that_does_not_match_the_code_names_the_field(tmp_path):
    from newsledger.places.rules import RULES_FILE, RulesError, load_rules

    text = RULES_FILE.read_text("utf-8").replace("hyphen_pair_km = 100.0", "hyphen_km = 100.0")
    bad = tmp_path / "rules.toml"
    bad.write_text(text, "utf-8")
    with pytest.raises(RulesError, match="hyphen_pair_km"):
        load_rules(bad)


def test_the_reference_names_every_rule():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "places.md").read_text("utf-8")
    missing = [r.id for r in RULES.catalogue if f"`{r.id}`" not in doc]
    assert not missing, f"docs/places.md lacks {missing}"
