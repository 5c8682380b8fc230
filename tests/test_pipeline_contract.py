"""The runner: stage order is checked before anything runs; one bad document never stops a batch."""

from __future__ import annotations

import pytest

from newsledger.document import Document, Section
from newsledger.errors import PipelineConfigError, SkipArticle
from newsledger.pipeline import Pipeline, Stage
from newsledger.stages import DEFAULT_ORDER, build_pipeline, get_factory


class Upper(Stage):
    name = "upper"
    requires = frozenset({"doc.text"})
    assigns = frozenset({"doc.upper"})

    def __call__(self, doc: Document) -> Document:
        if "boom" in doc.text:
            raise ValueError("cannot handle boom")
        if "skip" in doc.text:
            raise SkipArticle("not news")
        doc.user_data["upper"] = doc.text.upper()
        return doc

    def pipe(self, docs, batch_size=32):  # type: ignore[no-untyped-def]
        docs = list(docs)
        if any("boom" in d.text or "skip" in d.text for d in docs):
            raise ValueError("batch failed")
        for d in docs:
            yield self(d)


class NeedsUpper(Stage):
    name = "needs_upper"
    requires = frozenset({"doc.upper"})

    def __call__(self, doc: Document) -> Document:
        doc.warnings.append(doc.user_data["upper"][:3])
        return doc


def make(text: str) -> Document:
    return Document(id=text, text=text, sections=[Section("body", 0, len(text))])


def test_pipeline_refuses_an_order_that_cannot_work() -> None:
    with pytest.raises(PipelineConfigError, match="needs_upper"):
        Pipeline([NeedsUpper(), Upper()])


def test_pipeline_default_order_is_valid() -> None:
    pipeline = build_pipeline()
    assert pipeline.stage_names == DEFAULT_ORDER


def test_pipeline_events_before_actors_is_refused() -> None:
    with pytest.raises(PipelineConfigError, match="events"):
        build_pipeline(["nlp", "time", "events", "actors", "places", "quantities", "claims"])


def test_pipeline_isolates_a_failing_document_and_keeps_order() -> None:
    pipeline = Pipeline([Upper(), NeedsUpper()])
    docs = [make("alpha"), make("boom here"), make("gamma"), make("skip me")]
    failures = []
    results = list(pipeline.pipe(docs, batch_size=8, on_error=failures.append))
    assert [r.ok for r in results] == [True, False, True, False]
    assert results[0].doc is not None and results[0].doc.warnings == ["ALP"]
    assert results[2].doc is not None and results[2].doc.warnings == ["GAM"]
    assert "cannot handle boom" in results[1].failure.reason  # type: ignore[union-attr]
    assert results[3].failure is not None and results[3].failure.skipped
    assert len(failures) == 2


def test_pipeline_as_tuples_carries_context() -> None:
    pipeline = Pipeline([Upper()])
    results = list(pipeline.pipe([(make("a"), {"n": 1}), (make("b"), {"n": 2})], as_tuples=True))
    assert [r.context["n"] for r in results] == [1, 2]


def test_unknown_or_unimportable_stage_is_a_clear_configuration_error() -> None:
    with pytest.raises(PipelineConfigError, match="unknown stage 'bogus'"):
        build_pipeline(["bogus"])
    with pytest.raises(PipelineConfigError, match="cannot be imported"):
        build_pipeline(["no_such_module_xyz:Stage"])
    # a stage of one's own, named by its path, is built like the built-in ones
    assert get_factory("newsledger.quantities:QuantityStage") is get_factory("quantities")
