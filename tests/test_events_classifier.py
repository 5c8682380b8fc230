"""The shipped ACLED sub-type classifier and the evaluation protocol."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.events.classifier import SubtypeClassifier, codebook, subtype_type


def test_codebook_covers_the_25_acled_subtypes() -> None:
    subs = codebook()["subtypes"]
    assert len(subs) == 25
    assert subtype_type("Suicide bomb") == "Explosions/Remote violence"
    assert subtype_type("Arrests") == "Strategic developments"


@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        ("A suicide bomber detonated his explosive vest outside a police station.", "Suicide bomb"),
        (
            "Fighter jets bombed rebel positions in the hills, the air force said.",
            "Air/drone strike",
        ),
        (
            "Thousands of students marched peacefully to the parliament to demand lower fees.",
            "Peaceful protest",
        ),
    ],
)
def test_classifier_types_clear_cases(text: str, subtype: str) -> None:
    clf = SubtypeClassifier()
    if clf.model is None:
        pytest.skip("no shipped model")
    res = clf(text)
    assert res is not None and res[0] == subtype


def test_classifier_respects_allowed_types() -> None:
    clf = SubtypeClassifier()
    if clf.model is None:
        pytest.skip("no shipped model")
    res = clf("Police arrested twelve people after the attack.", ["Protests"])
    assert res is not None and subtype_type(res[0]) == "Protests"


@pytest.mark.filterwarnings("ignore:The least populated class")
def test_eval_cross_validates_on_the_case_file(shared: Path) -> None:
    from newsledger.evaluation.events import format_report, run

    path = shared / "data" / "events" / "case2021_task2_dev.tsv"
    m = run(str(path), limit=150, stage=False)
    assert m["n_snippets"] == 150 and 0 < m["n_acled"] <= 150
    assert 0.3 < m["weighted_f1"] <= 1.0
    assert "cross-validation" in m["protocol"]
    assert "weighted F1" in format_report(m)


def test_eval_on_a_held_out_file_uses_the_shipped_model(tmp_path: Path) -> None:
    from newsledger.evaluation.events import run

    rows = [
        (
            "1",
            "A suicide bomber blew himself up at the gate of an army base, killing four soldiers.",
            "SUIC_BOMB",
        ),
        ("2", "Police arrested eleven opposition activists in the capital on Sunday.", "ARREST"),
        ("3", "Warplanes bombed a rebel-held village overnight, residents said.", "AIR_STRIKE"),
        ("4", "Heavy rain caused floods that swept away hundreds of homes.", "NATURAL_DISASTER"),
    ]
    path = tmp_path / "mine.tsv"
    path.write_text(
        "id\tEventSnippet\tSubType\n" + "".join("\t".join(r) + "\n" for r in rows), "utf-8"
    )
    m = run(str(path))
    assert m["protocol"].startswith("held-out")
    assert m["n_acled"] == 3 and m["accuracy"] >= 2 / 3
    assert m["unseen"]["n"] == 1
    assert m["stage"]["acled_snippets_with_an_acled_event"] >= 2 / 3
