"""The pipeline runner: stages in order, run over batches of documents.

Each stage is an object with ``name``, ``requires``, ``assigns``, ``__call__(doc) -> doc`` and
``pipe(docs, batch_size) -> docs`` (the spaCy contract). :class:`Pipeline` checks that every
stage's requirements are assigned by an earlier stage before anything runs, and isolates
failures: a document that makes a stage raise is reported as a :class:`Failure` and the rest of
its batch goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .document import Document
from .errors import PipelineConfigError, SkipArticle

log = logging.getLogger(__name__)

#: What a document has before any stage ran (set by ingest).
INGEST_ASSIGNS = frozenset({"doc.text", "doc.sections", "doc.published", "doc.title"})


class Stage:
    """Base class of a pipeline stage. Subclasses set the class attributes and ``__call__``."""

    name: str = "stage"
    requires: frozenset[str] = frozenset()
    assigns: frozenset[str] = frozenset()

    def __call__(self, doc: Document) -> Document:  # pragma: no cover - abstract
        raise NotImplementedError

    def pipe(self, docs: Iterable[Document], batch_size: int = 32) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)


@dataclass
class Failure:
    """A document that could not be processed, and why."""

    source: str
    reason: str
    doc_id: str | None = None
    skipped: bool = False


@dataclass
class Result:
    doc: Document | None
    context: Any = None
    failure: Failure | None = None

    @property
    def ok(self) -> bool:
        return self.doc is not None and self.failure is None


def check_order(stages: Sequence[Stage]) -> None:
    """Raise :class:`PipelineConfigError` if a stage needs what no earlier stage assigns."""
    have = set(INGEST_ASSIGNS)
    for stage in stages:
        missing = set(stage.requires) - have
        if missing:
            raise PipelineConfigError(
                f"stage {stage.name!r} requires {sorted(missing)}, which no earlier stage assigns "
                f"(order: {[s.name for s in stages]})"
            )
        have |= set(stage.assigns)


class Pipeline:
    """Stages in order. ``pipe`` runs them over batches and yields one :class:`Result` per input."""

    def __init__(self, stages: Sequence[Stage]):
        check_order(stages)
        self.stages = list(stages)

    @property
    def stage_names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            doc = stage(doc)
        return doc

    def pipe(
        self,
        docs: Iterable[Document] | Iterable[tuple[Document, Any]],
        batch_size: int = 16,
        as_tuples: bool = False,
        on_error: Callable[[Failure], None] | None = None,
    ) -> Iterator[Result]:
        batch: list[tuple[Document, Any]] = []
        for item in docs:
            pair = item if as_tuples else (item, None)
            batch.append(pair)  # type: ignore[arg-type]
            if len(batch) >= batch_size:
                yield from self._run_batch(batch, on_error)
                batch = []
        if batch:
            yield from self._run_batch(batch, on_error)

    def _run_batch(
        self, batch: list[tuple[Document, Any]], on_error: Callable[[Failure], None] | None
    ) -> Iterator[Result]:
        alive: list[tuple[Document, Any]] = list(batch)
        failures: dict[int, Failure] = {}
        for stage in self.stages:
            docs = [d for d, _ in alive]
            try:
                out = list(stage.pipe(docs, batch_size=len(docs) or 1))
                alive = [(o, ctx) for o, (_, ctx) in zip(out, alive, strict=True)]
            except Exception:  # isolate: rerun one by one to find the culprit(s)
                kept: list[tuple[Document, Any]] = []
                for d, ctx in alive:
                    try:
                        kept.append((stage(d), ctx))
                    except SkipArticle as exc:
                        failures[id(d)] = Failure(d.source or d.id, exc.message, d.id, skipped=True)
                    except Exception as exc:
                        log.debug("stage %s failed on %s", stage.name, d.id, exc_info=True)
                        failures[id(d)] = Failure(
                            d.source or d.id,
                            f"stage {stage.name} failed: {type(exc).__name__}: {exc}",
                            d.id,
                        )
                alive = kept
        done = {id(d): (d, ctx) for d, ctx in alive}
        for d, ctx in batch:
            if id(d) in failures:
                f = failures[id(d)]
                if on_error:
                    on_error(f)
                yield Result(None, ctx, f)
            else:
                od, octx = done.get(id(d), (d, ctx))
                # stages return the same object; fall back to the input if not found
                yield Result(od, octx, None)
