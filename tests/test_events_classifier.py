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
    m = run(str(path), limit=100, stage=False)
    assert m["n_snippets"] == 100 and 0 < m["n_acled"] <= 100
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


def test_vote_adds_the_rules_to_the_classifier() -> None:
    from newsledger.events.classifier import NONE_LABEL, vote

    labels = ["Armed clash", "Attack", "Arrests", NONE_LABEL]
    row = [1.0, 0.9, -1.0, 0.0]
    assert vote(labels, row, set()) == "Armed clash"
    assert vote(labels, row, {"Attack"}) == "Attack"  # close call: the rules decide
    assert vote(labels, row, {"Arrests"}, bonus=0.1) == "Armed clash"  # a weak rule does not


def test_codebook_examples_are_labelled_training_sentences() -> None:
    from newsledger.events.classifier import code_to_subtype
    from newsledger.events.train import codebook_examples

    texts, codes = codebook_examples()
    assert len(texts) == len(codes) >= 100
    assert set(codes) - {"NONE"} == set(code_to_subtype())  # every sub-type has examples
    assert all(len(t.split()) >= 6 for t in texts)


def test_codebook_examples_are_not_copies_of_case_snippets(shared: Path) -> None:
    from newsledger.events.train import codebook_examples, read_case

    case, _ = read_case(shared / "data" / "events" / "case2021_task2_dev.tsv")
    grams = set()
    for t in case:
        w = t.lower().split()
        grams |= {" ".join(w[i : i + 6]) for i in range(len(w) - 5)}
    for t in codebook_examples()[0]:
        w = t.lower().split()
        assert not {" ".join(w[i : i + 6]) for i in range(len(w) - 5)} & grams, t


@pytest.mark.filterwarnings("ignore")
def test_exported_ensemble_scores_like_the_fitted_pipeline(tmp_path: Path) -> None:
    import numpy as np

    from newsledger.events.classifier import load_model
    from newsledger.events.train import codebook_examples, fit

    texts, codes = codebook_examples()
    model = fit(texts[:60], codes[:60])
    from newsledger.events.classifier import export_model

    export_model(model, tmp_path / "m.npz")
    loaded = load_model(tmp_path / "m.npz")
    assert loaded is not None
    probe = texts[60:70]
    assert np.allclose(loaded.decision_function(probe), model.decision_function(probe), atol=1e-4)


@pytest.mark.filterwarnings("ignore")
def test_shipped_model_scores_without_scikit_learn_as_scikit_learn_does() -> None:
    """The numpy analysers (events/vectorize.py) give scikit-learn's vectorisers' scores, on
    the codebook examples and on awkward text (accents, runs of spaces, short words, digits)."""
    import subprocess
    import sys

    import numpy as np

    from newsledger.events.classifier import load_model
    from newsledger.events.train import codebook_examples

    model = load_model()
    assert model is not None
    texts = [*codebook_examples()[0][:80], "", "a", "I", "the of and",
             "  Spaces   and\ttabs\n\nnew lines  ", "Ünïcödé café — naïve résumé; x y z",
             "co-operation isn't won't 1999 2021-11-17 U.S. A.B. al-Shabaab's fighters!!"]  # fmt: skip
    fast = model.decision_function(texts, embeddings=False)
    reference = np.asarray(model.transform(texts) @ model.coef.T) + model.intercept
    assert np.allclose(fast, reference, atol=1e-9)
    assert (fast.argmax(1) == reference.argmax(1)).all()
    code = (
        "import sys; from newsledger.events.classifier import load_model; "
        "m = load_model(); m.decision_function(['Gunmen attacked a checkpoint.'], "
        "embeddings=False); print('sklearn' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"  # scoring does not import scikit-learn
