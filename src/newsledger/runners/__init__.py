"""Where the pipeline runs: in this process, in a local process pool, or on a Ray cluster.

Every runner maps the same unit of work, ``jobs.run_on`` (one batch of Documents
in, picklable Results out, in input order), and leaves writing to the caller: the store is
written by one process, one transaction per document, whichever runner extracted it.

    from newsledger.runners import run_pipeline
    for result in run_pipeline(docs, settings, engine="ray", workers=4): ...
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..document import Document
from ..errors import NewsledgerError
from ..pipeline import Result
from ..settings import Settings

ENGINES = ("local", "ray")


def run_pipeline(
    docs: Iterable[Document],
    settings: Settings,
    *,
    engine: str = "local",
    workers: int = 1,
    address: str | None = None,
) -> Iterator[Result]:
    """Results of the configured pipeline over ``docs``, in input order.

    ``local``: ``workers`` processes on this machine (the caller runs one worker itself).
    ``ray``: ``workers`` Ray actors, each holding one pipeline; ``address`` joins a running
    cluster ("auto", "ray://head:10001"; by default Ray's own ``RAY_ADDRESS``, else a local
    Ray started for this job)."""
    if engine == "local":
        from ..jobs import parallel_pipe

        return parallel_pipe(docs, settings, workers)
    if engine == "ray":
        from .ray_runner import ray_pipe

        return ray_pipe(docs, settings, workers=workers, address=address)
    raise NewsledgerError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")


__all__ = ["ENGINES", "run_pipeline"]
