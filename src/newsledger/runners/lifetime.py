"""Worker processes that never outlive the run that started them.

A worker (a process of the local pool, ``jobs.parallel_pipe``) holds a whole pipeline, about
half a gigabyte; if the process that started it is killed with -9 nothing tells it to stop,
and it would sit blocked on its task queue forever. So every worker watches its parent:

- on Linux the kernel kills it when its parent dies (``prctl(PR_SET_PDEATHSIG, SIGKILL)``;
  set only when the pool was started from the main thread, because the kernel ties the signal
  to the thread that forked, not to the process);
- everywhere, a daemon thread checks every ``POLL_S`` seconds that its parent is still the
  one it started under and ends the process (``os._exit``) when it is not;
- the parent, while its pool runs, kills its workers first on SIGTERM and SIGINT and then
  acts on the signal as before (``kill_on_signals``), and on any error or early stop
  (``jobs.parallel_pipe``).

The Ray runner needs none of this: Ray ties its actors to the driver that created them, and the
local Ray that a job starts to the job (checked by tests/test_hardening_workers.py).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

POLL_S = 0.5
#: exit status of a worker that found its parent gone
ORPHANED = 70
_PR_SET_PDEATHSIG = 1


def _kill_with_parent() -> bool:
    """Ask the Linux kernel to SIGKILL this process when its parent (thread) dies."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    except (OSError, AttributeError):  # no libc prctl: the watch thread alone
        return False


def _watch(parent: int) -> None:
    while True:
        time.sleep(POLL_S)
        if os.getppid() != parent:
            os._exit(ORPHANED)


def die_with_parent(parent: int | None, kernel: bool) -> None:
    """Called first thing in a worker: end this process when ``parent`` (the pid that started
    it; None: whatever process it started under) is gone. ``kernel``: also ask the kernel."""
    if kernel:
        _kill_with_parent()
    current = os.getppid()
    if parent is not None and current != parent:
        os._exit(ORPHANED)  # the parent died before this worker got here
    threading.Thread(
        target=_watch, args=(current,), daemon=True, name="newsledger-parent-watch"
    ).start()


def guard_args(start_method: str) -> tuple[int | None, bool]:
    """Arguments of :func:`die_with_parent` for workers started now, from this thread, with
    ``start_method``: a forkserver's workers are its children, not this process's."""
    parent = None if start_method == "forkserver" else os.getpid()
    kernel = start_method != "forkserver" and threading.current_thread() is threading.main_thread()
    return parent, kernel


@contextlib.contextmanager
def kill_on_signals(kill: Callable[[], None]) -> Iterator[None]:
    """While inside: on SIGTERM or SIGINT call ``kill`` (stop the workers) first, then do what
    the signal did before (the default: end the process; Python's: KeyboardInterrupt). Only
    the main thread can set handlers; elsewhere this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before: dict[int, Any] = {}

    def handler(signum: int, frame: Any) -> None:
        kill()
        previous = before.get(signum)
        if callable(previous):
            previous(signum, frame)
        else:  # the default action: restore it and take it
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)

    for signum in (signal.SIGTERM, signal.SIGINT):
        if signal.getsignal(signum) != signal.SIG_IGN:  # an ignored signal stays ignored
            before[signum] = signal.signal(signum, handler)
    try:
        yield
    finally:
        for signum, previous in before.items():
            signal.signal(signum, previous if previous is not None else signal.SIG_DFL)


__all__ = ["ORPHANED", "die_with_parent", "guard_args", "kill_on_signals"]
