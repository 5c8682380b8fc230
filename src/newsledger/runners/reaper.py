"""A watcher that outlives a driver only to clean up the local Ray the driver started.

When a job starts its own local Ray (``ray_runner.start`` without an address), Ray ties its GCS
and raylet to the driver, and the actors die with it; but Ray's agents (the runtime-env and
dashboard agents) first try to report the raylet's death to the GCS, which is dead too, and can
linger for minutes after a driver killed with -9. This process, started beside the driver in a
session of its own, notes every Ray process below the driver twice a second; when the driver
is gone (or closes this process's standard input at the end of its run), it ends those that are
still there: SIGTERM, then SIGKILL after ``GRACE_S`` seconds.

    python -m newsledger.runners.reaper DRIVER_PID   # started by ray_runner; not for users

It reads processes with psutil (Ray bundles it).
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from typing import Any

POLL_S = 0.5
GRACE_S = 3.0


def _is_ray(proc: Any) -> bool:
    try:
        return "ray" in " ".join(proc.cmdline())
    except Exception:  # gone, or not ours to read
        return False


def _psutil() -> Any:
    """psutil: installed, else the copy Ray bundles (put on the path by ``import ray``, which
    this process does not need to pay for)."""
    try:
        import psutil
    except ImportError:
        import importlib.util

        spec = importlib.util.find_spec("ray")
        if spec is None or spec.origin is None:
            raise
        sys.path.insert(0, os.path.join(os.path.dirname(spec.origin), "thirdparty_files"))
        import psutil
    return psutil


def watch(driver_pid: int) -> int:
    psutil = _psutil()

    closed = threading.Event()

    def wait_eof() -> None:
        try:
            while sys.stdin.buffer.read(4096):
                pass
        finally:
            closed.set()

    threading.Thread(target=wait_eof, daemon=True).start()
    try:
        driver = psutil.Process(driver_pid)
    except psutil.Error:
        return 0
    me = os.getpid()
    seen: dict[int, Any] = {}
    while True:
        try:
            for child in driver.children(recursive=True):
                if child.pid != me and child.pid not in seen and _is_ray(child):
                    seen[child.pid] = child
        except psutil.Error:
            pass  # the driver is gone: clean up below
        if closed.wait(POLL_S) or not driver.is_running():
            break
    left = [p for p in seen.values() if p.is_running()]
    for p in left:
        with contextlib.suppress(psutil.Error):
            p.terminate()
    _, alive = psutil.wait_procs(left, timeout=GRACE_S)
    for p in alive:
        with contextlib.suppress(psutil.Error):
            p.kill()
    return 0


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not argv[0].isdigit():
        print("usage: python -m newsledger.runners.reaper DRIVER_PID", file=sys.stderr)
        return 2
    return watch(int(argv[0]))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
