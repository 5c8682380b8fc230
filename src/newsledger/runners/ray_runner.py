"""The Ray runner: batches of Documents go to Ray actors that each hold one pipeline.

An actor loads the models, the gazetteer and the registries once and then runs batch after
batch (``jobs.run_on``); the driver keeps at most two batches per actor in flight,
takes results back in input order and writes them itself, so the store sees the same single
writer as with the local runner. On a cluster every node needs newsledger installed (``make``
or ``pip install 'newsledger[ray]'`` and ``python -m newsledger.setup_data``).

A worker that dies (killed, out of memory, a crash in native code) loses no more than the
document that killed it: a fresh actor takes its place, reruns the batches queued behind it,
and reruns the fatal batch one document at a time; the document that still kills its worker
comes back as a failed Result naming the crash.

No process outlives the job: Ray ties the actors to the driver that created them, and a local
Ray that a job starts for itself is cleaned up by ``runners.reaper`` if the job is killed.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from ..document import Document
from ..errors import NewsledgerError
from ..jobs import batches, make_pipeline, run_on
from ..pipeline import Failure, Pipeline, Result
from ..settings import Settings

log = logging.getLogger(__name__)


class PipelineWorker:
    """One pipeline, built once per actor; ``run`` is ``jobs.run_on`` with it."""

    def __init__(self, settings: Settings) -> None:
        self.pipeline: Pipeline = make_pipeline(settings)

    def run(self, docs: list[Document]) -> list[Result]:
        return run_on(self.pipeline, docs)

    def pid(self) -> int:
        return os.getpid()


def _ray() -> Any:
    try:
        import ray
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise NewsledgerError(
            "the ray engine needs Ray: pip install 'newsledger[ray]' (make installs it)"
        ) from exc
    return ray


def start(address: str | None, workers: int) -> bool:
    """Connect to Ray (or start a local one); True when this call started it."""
    ray = _ray()
    if ray.is_initialized():
        return False
    options: dict[str, Any] = {
        "include_dashboard": False,
        "log_to_driver": False,
        "logging_level": logging.ERROR,
    }
    if address is None and not os.environ.get("RAY_ADDRESS"):
        # a Ray of our own on this machine: room for every actor even beyond the core count
        options["num_cpus"] = max(workers, os.cpu_count() or 1)
    try:
        ray.init(address=address, **options)
    except Exception as exc:  # ConnectionError, RuntimeError, ValueError, depending on the cause
        raise NewsledgerError(f"cannot start or join Ray at {address or 'local'}: {exc}") from exc
    return True


def start_reaper() -> subprocess.Popen[bytes] | None:
    """Start ``runners.reaper`` for this process: if this process dies, it ends the processes
    of the local Ray this process started (``None`` when it cannot be started)."""
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "newsledger.runners.reaper", str(os.getpid())],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # a Ctrl-C meant for the job does not stop its cleanup
        )
    except OSError as exc:
        log.warning("no reaper for the local Ray (%s): it may outlive a killed job", exc)
        return None


def ray_pipe(
    docs: Iterable[Document],
    settings: Settings,
    *,
    workers: int = 2,
    address: str | None = None,
) -> Iterator[Result]:
    """Like ``Pipeline.pipe``, over ``workers`` Ray actors; results in input order."""
    ray = _ray()
    started = start(address, workers)
    local = started and address is None and not os.environ.get("RAY_ADDRESS")
    reaper = start_reaper() if local else None
    remote = ray.remote(num_cpus=1)(PipelineWorker)
    actors = [remote.remote(settings) for _ in range(max(1, workers))]
    pending: deque[tuple[Any, list[Document], int, Any]] = deque()
    turn = 0

    def submit(batch: list[Document]) -> None:
        nonlocal turn
        i = turn % len(actors)
        turn += 1
        pending.append((actors[i].run.remote(batch), batch, i, actors[i]))

    def fetch(ref: Any, batch: list[Document], i: int, actor: Any) -> list[Result]:
        try:
            return list(ray.get(ref))
        except (ray.exceptions.RayActorError, ray.exceptions.RayTaskError) as exc:
            return recover(exc, batch, i, actor)

    def run_now(batch: list[Document], i: int) -> list[Result]:
        actor = actors[i]
        return fetch(actor.run.remote(batch), batch, i, actor)

    def recover(exc: Exception, batch: list[Document], i: int, actor: Any) -> list[Result]:
        """A crash loses no more than the document that caused it."""
        died = isinstance(exc, ray.exceptions.RayActorError)
        if died and actors[i] is not actor:
            return run_now(batch, i)  # queued behind the batch that killed the actor: rerun
        if died:
            log.warning("ray worker %d died; rerunning its batch one document at a time", i)
            ray.kill(actor, no_restart=True)
            actors[i] = remote.remote(settings)
        if len(batch) > 1:
            return [r for d in batch for r in run_now([d], i)]
        reason = f"worker failed: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
        return [Result(None, None, Failure(batch[0].source or batch[0].id, reason, batch[0].id))]

    def collect() -> list[Result]:
        return fetch(*pending.popleft())

    try:
        for batch in batches(docs, settings.batch_size, settings.batch_chars):
            submit(batch)
            while len(pending) > 2 * len(actors):
                yield from collect()
        while pending:
            yield from collect()
    finally:
        for a in actors:
            ray.kill(a)
        if started:
            ray.shutdown()
        if reaper is not None and reaper.stdin is not None:
            reaper.stdin.close()  # the run is over: the reaper ends what Ray left, then exits


__all__ = ["PipelineWorker", "ray_pipe", "start", "start_reaper"]
