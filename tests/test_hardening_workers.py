"""No worker outlives its run (issue 19, item 5): `newsledger ingest --workers 2` (and the Ray
runner) killed with -9 mid-run leaves no extraction process behind.

The pipeline here is one slow stage written for these tests (it sleeps on every document), so
the run is surely mid-way when it is killed and no model has to load; the mechanism under test
(workers that watch their parent) does not depend on the stages."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

SLOW_STAGE = '''
"""A stage written for newsledger's tests: slow on purpose, so a run can be killed mid-way."""
import time

from newsledger.pipeline import Stage


class Slow(Stage):
    name = "slow"
    requires = frozenset({"doc.text"})

    def __call__(self, doc):
        time.sleep(0.5)
        return doc
'''


def _stat(pid: int) -> tuple[int, str, int] | None:
    """(parent pid, state, start time) of a process from /proc, or None once it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()
    return int(fields[1]), fields[0], int(fields[19])


def _descendants(root: int) -> dict[int, int]:
    """pid -> start time of every living process below ``root``."""
    children: dict[int, list[int]] = {}
    starts: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            st = _stat(int(entry))
            if st is not None and st[1] != "Z":
                children.setdefault(st[0], []).append(int(entry))
                starts[int(entry)] = st[2]
    out: dict[int, int] = {}
    todo = list(children.get(root, []))
    while todo:
        pid = todo.pop()
        out[pid] = starts[pid]
        todo.extend(children.get(pid, []))
    return out


def _alive(procs: dict[int, int]) -> dict[int, int]:
    """Those of ``procs`` still running (the same pid with the same start time, not a zombie)."""
    out = {}
    for pid, start in procs.items():
        st = _stat(pid)
        if st is not None and st[2] == start and st[1] != "Z":
            out[pid] = start
    return out


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:160]
    except OSError:
        return "?"


def _kill_mid_run(
    tmp_path: Path,
    extra: list[str],
    min_procs: int,
    settle: float,
    marker: str = "",
    signum: int = signal.SIGKILL,
) -> None:
    """Start `newsledger ingest` with ``extra`` options on 60 slow documents, wait until at least
    ``min_procs`` processes run below it (whose command line holds ``marker``), kill it with
    ``signum``, and assert every process below it is gone within a bounded time."""
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "newsledger_test_slow.py").write_text(textwrap.dedent(SLOW_STAGE), "utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(60):
        (folder / f"note-{i:02d}.txt").write_text(
            f"[Illustration written for newsledger's tests.] Note {i}: the council of the "
            f"valley met on Monday and approved the budget for year {2000 + i}.",
            "utf-8",
        )
    settings = tmp_path / "settings.toml"
    settings.write_text(
        '[pipeline]\nstages = ["newsledger_test_slow:Slow"]\nbatch_size = 1\n', "utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(plugins)}
    env.pop("RAY_ADDRESS", None)
    cmd = [sys.executable, "-m", "newsledger", "ingest", str(folder), "--db",
           str(tmp_path / "k.db"), "--settings", str(settings), "--no-progress", *extra]  # fmt: skip
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    procs: dict[int, int] = {}
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and proc.poll() is None:
            procs = _descendants(proc.pid)
            if sum(marker in _cmdline(p) for p in procs) >= min_procs:
                break
            time.sleep(0.2)
        assert proc.poll() is None, f"ingest ended before it could be killed: {proc.stderr}"
        assert sum(marker in _cmdline(p) for p in procs) >= min_procs, "no workers appeared"
        time.sleep(settle)  # let the workers get into their batches
        procs = _descendants(proc.pid)
        proc.send_signal(signum)
        proc.wait(30)
        deadline = time.monotonic() + 60
        while _alive(procs) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = _alive(procs)
        assert not left, f"survived their parent: {[_cmdline(p) for p in left]}"
    finally:
        if proc.poll() is None:
            proc.kill()
        for pid in _alive(procs):  # never leave anything behind ourselves
            os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "term"])
def test_ingest_workers_die_with_their_parent(tmp_path: Path, signum: int) -> None:
    _kill_mid_run(tmp_path, ["--workers", "2"], min_procs=2, settle=2.0, signum=signum)


ORPHAN = """
import multiprocessing, os, sys, time
from newsledger.runners.lifetime import die_with_parent

def child():
    die_with_parent(os.getppid(), kernel=False)  # the watch thread alone, no prctl
    time.sleep(300)

if __name__ == "__main__":
    multiprocessing.set_start_method("fork")
    p = multiprocessing.Process(target=child)
    p.start()
    print(p.pid, flush=True)
    time.sleep(300)
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_the_watch_thread_alone_ends_an_orphaned_worker(tmp_path: Path) -> None:
    script = tmp_path / "orphan.py"
    script.write_text(ORPHAN, "utf-8")
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    child = int(proc.stdout.readline())  # type: ignore[union-attr]
    procs = _alive({child: _stat(child)[2]})  # type: ignore[index]
    try:
        time.sleep(1.0)
        assert procs, "the worker did not start"
        proc.kill()
        proc.wait(10)
        deadline = time.monotonic() + 20
        while _alive(procs) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(procs)
    finally:
        proc.kill()
        for pid in _alive(procs):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_ray_workers_die_with_their_driver(tmp_path: Path) -> None:
    pytest.importorskip("ray")
    # the local Ray the job starts (its GCS, raylet, agents) and the two actors
    _kill_mid_run(
        tmp_path, ["--engine", "ray", "--workers", "2"], min_procs=2, settle=2.0,
        marker="PipelineWorker",
    )  # fmt: skip
