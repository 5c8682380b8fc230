"""The two jobs every interface runs: extract (documents out) and ingest (documents into a store).

Library first: the CLI, and later the REST API and the Ray runner, call these.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

from .document import Document
from .pipeline import Failure, Pipeline, Result, batched
from .settings import Settings
from .stages import build_pipeline

if TYPE_CHECKING:
    from .store import Store


def make_pipeline(settings: Settings) -> Pipeline:
    return build_pipeline(settings.stages, settings.stage_config())


_worker_pipeline: Pipeline | None = None


def _init_worker(settings: Settings, guard: tuple[int | None, bool] = (None, False)) -> None:
    from .runners.lifetime import die_with_parent

    die_with_parent(*guard)  # first: a worker never outlives the process that started it
    global _worker_pipeline  # one pipeline per worker process, built once
    _worker_pipeline = make_pipeline(settings)


def run_on(pipeline: Pipeline, docs: list[Document]) -> list[Result]:
    """Run ``pipeline`` over one batch and return picklable Results (no spaCy objects): the
    unit of parallel work, for a process-pool worker and a Ray actor alike."""
    out = list(pipeline.pipe(docs, batch_size=len(docs) or 1))
    for r in out:
        if r.doc is not None:
            r.doc.user_data.clear()  # spaCy objects stay in the worker
    return out


def run_batch(docs: list[Document], settings: Settings | None = None) -> list[Result]:
    """:func:`run_on` with this worker process's pipeline (built once per process)."""
    return run_on(_worker_pipeline or make_pipeline(settings or Settings()), docs)


def batches(
    docs: Iterable[Document], size: int, max_chars: int | None = None
) -> Iterator[list[Document]]:
    """``docs`` in lists of at most ``size`` documents and ``max_chars`` characters of text (a
    longer document alone), read lazily."""
    return batched(docs, size, max_chars, lambda d: len(d.text))


def _kill_pool(pool: Any) -> None:
    """SIGKILL a process pool's workers now (a stopped run must not wait for their batches)."""
    for proc in list((getattr(pool, "_processes", None) or {}).values()):  # private, but stable
        with contextlib.suppress(Exception):
            proc.kill()


def parallel_pipe(docs: Iterable[Document], settings: Settings, workers: int) -> Iterator[Result]:
    """Like ``Pipeline.pipe`` but over ``workers`` processes, results in input order.

    The workers end with this run however it ends (``runners.lifetime``): they watch this
    process and die with it, and they are killed at once when the run stops on an error, a
    SIGTERM/SIGINT or its consumer's leaving early."""
    import multiprocessing
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    from .runners.lifetime import guard_args, kill_on_signals

    context = multiprocessing.get_context()
    guard = guard_args(context.get_start_method())
    pool = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(settings, guard)
    )
    finished = False
    try:
        with kill_on_signals(lambda: _kill_pool(pool)):
            pending: deque[Future[list[Result]]] = deque()
            for batch in batches(docs, settings.batch_size, settings.batch_chars):
                pending.append(pool.submit(run_batch, batch))
                while len(pending) > 2 * workers:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finished = True
    finally:
        if not finished:
            _kill_pool(pool)
        pool.shutdown(wait=finished, cancel_futures=not finished)


def read(
    paths: Iterable[str], settings: Settings, stdin: TextIO | None = None
) -> Iterator[Document | Failure]:
    """Documents (or Failures) from ``paths``; a text longer than ``ingest.max_chars`` is a
    Failure here, before any stage: that, not a model's own limit, is how long a document may be."""
    from .ingest import read_inputs

    for item in read_inputs(paths, max_bytes=settings.max_bytes, stdin=stdin):
        if isinstance(item, Document) and len(item.text) > settings.max_chars:
            item = Failure(item.source or item.id, too_long(len(item.text), settings), item.id)
        yield item


def too_long(n: int, settings: Settings) -> str:
    return (
        f"too long: {n:,} characters of text, over the limit of {settings.max_chars:,} per "
        "document (ingest.max_chars)"
    )


def extract(
    paths: Iterable[str],
    settings: Settings,
    *,
    pipeline: Pipeline | None = None,
    stdin: TextIO | None = None,
    on_error: Callable[[Failure], None] | None = None,
) -> Iterator[Result]:
    """Read inputs and run the pipeline; yields one Result per input document, in input order.

    Read failures are reported through ``on_error`` and yielded as failed Results too."""
    pipeline = pipeline or make_pipeline(settings)

    def run(docs: list[Document]) -> Iterator[Result]:
        return pipeline.pipe(
            docs, batch_size=settings.batch_size, on_error=on_error, max_chars=settings.batch_chars
        )

    pending: list[Document] = []
    chars = 0
    for item in read(paths, settings, stdin):
        if isinstance(item, Failure):
            # flush what came before so output keeps input order
            yield from run(pending)
            pending, chars = [], 0
            if on_error:
                on_error(item)
            yield Result(None, None, item)
            continue
        pending.append(item)
        chars += len(item.text)
        if len(pending) >= settings.batch_size or chars >= settings.batch_chars:
            yield from run(pending)
            pending, chars = [], 0
    yield from run(pending)


@dataclass
class IngestSummary:
    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0
    #: documents whose id an earlier line of the same JSONL file had (the later one is kept);
    #: already counted in new/replaced/unchanged, so not part of ``total``
    repeated: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.new + self.replaced + self.unchanged + self.failed + self.skipped

    def as_dict(self) -> dict[str, int]:
        return {
            "new": self.new,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "skipped": self.skipped,
            "repeated": self.repeated,
        }


def ingest(
    paths: Iterable[str],
    settings: Settings,
    store: Store,
    *,
    pipeline: Pipeline | None = None,
    stdin: TextIO | None = None,
    on_error: Callable[[Failure], None] | None = None,
    on_progress: Callable[[IngestSummary], None] | None = None,
    workers: int = 1,
    force: bool = False,
    engine: str = "local",
    address: str | None = None,
) -> IngestSummary:
    """Read, extract and store. Unchanged documents are not re-extracted (``force`` re-extracts
    them, e.g. after an upgrade); each document is written in its own transaction, so a crash
    never leaves half an article in the store.

    ``engine``/``workers``/``address`` choose where extraction runs (``runners``): this
    process, ``workers`` local processes, or ``workers`` Ray actors (``address`` joins a
    cluster). The store is written here, by one process, whichever runs the pipeline."""
    from .ingest.jsonl import REPEATED_ID

    summary = IngestSummary()
    in_process = engine == "local" and workers <= 1

    def report(f: Failure) -> None:
        if f.skipped:
            summary.skipped += 1
        else:
            summary.failed += 1
        summary.failures.append(f)
        if on_error:
            on_error(f)
        if on_progress:
            on_progress(summary)

    def todo() -> Iterator[Document]:
        for item in read(paths, settings, stdin):
            if isinstance(item, Failure):
                report(item)
                continue
            if any(w.startswith(REPEATED_ID) for w in item.warnings):
                summary.repeated += 1
            if not force and store.status_of(item) == "unchanged":
                summary.unchanged += 1
                if on_progress:
                    on_progress(summary)
            else:
                yield item

    if in_process:
        local = pipeline or make_pipeline(settings)
        results: Iterator[Result] = local.pipe(
            todo(), batch_size=settings.batch_size, on_error=report, max_chars=settings.batch_chars
        )
    else:
        from .runners import run_pipeline

        results = run_pipeline(todo(), settings, engine=engine, workers=workers, address=address)
    for result in results:
        if result.doc is None:
            if not in_process and result.failure is not None:
                report(result.failure)
            continue
        try:
            status = store.write(result.doc, pipeline=",".join(settings.stages), force=force)
        except Exception as exc:
            report(Failure(result.doc.source or result.doc.id, f"store: {exc}", result.doc.id))
            continue
        setattr(summary, status, getattr(summary, status) + 1)
        result.doc.user_data.clear()
        if on_progress:
            on_progress(summary)
    return summary
