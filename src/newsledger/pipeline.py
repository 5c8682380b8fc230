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
from typing import Any, TypeVar

from .document import Document
from .errors import PipelineConfigError, SkipArticle

log = logging.getLogger(__name__)
T = TypeVar("T")

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


def batched(
    items: Iterable[T], size: int, max_chars: int | None, chars: Callable[[T], int]
) -> Iterator[list[T]]:
    """``items`` in order, in lists of at most ``size`` items and ``max_chars`` characters in
    all (``chars`` measures an item; an item longer than ``max_chars`` is a list alone)."""
    batch: list[T] = []
    total = 0
    for item in items:
        n = chars(item)
        if batch and max_chars is not None and total + n > max_chars:
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += n
        if len(batch) >= size:
            yield batch
            batch, total = [], 0
    if batch:
        yield batch


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


def _language(doc: Document) -> str:
    """The document's language: detected (and recorded) unless the input gave one other than
    English."""
    from .ingest.language import ENGLISH, detect_language

    if doc.language in ("", ENGLISH) and not doc.user_data.get("language.checked"):
        doc.language = detect_language(doc.text)
        doc.user_data["language.checked"] = True
    return doc.language


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
        max_chars: int | None = None,
    ) -> Iterator[Result]:
        """One Result per input, in order, over batches of at most ``batch_size`` documents
        and (when given) ``max_chars`` characters of text: a batch holds its documents' parses
        at once, so it is bounded by characters too (a longer document is a batch alone)."""
        pairs = (item if as_tuples else (item, None) for item in docs)
        for batch in batched(pairs, batch_size, max_chars, lambda p: len(p[0].text)):  # type: ignore[index]
            yield from self._run_batch(batch, on_error)  # type: ignore[arg-type]

    def _run_batch(
        self, batch: list[tuple[Document, Any]], on_error: Callable[[Failure], None] | None
    ) -> Iterator[Result]:
        from .ingest.language import skip_reason

        failures: dict[int, Failure] = {}
        alive: list[tuple[Document, Any]] = []
        for d, ctx in batch:  # English models only: another language is skipped, said plainly
            reason = skip_reason(_language(d))
            if reason:
                failures[id(d)] = Failure(d.source or d.id, reason, d.id, skipped=True)
            else:
                alive.append((d, ctx))
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
