"""A throwaway PostgreSQL cluster for the store's tests (never a mock).

:func:`cluster` runs ``initdb`` on a temporary directory and ``pg_ctl start`` on a free port with
its Unix socket in that directory (no TCP listener), and stops it at the end. The server
binaries are looked up on PATH, then under ``/usr/lib/postgresql/*/bin`` (Debian's
``postgresql`` package, which ``.ci/run`` installs when missing). PostgreSQL refuses to run as
root: as root the cluster runs as the unprivileged user ``nobody`` (``runuser``). When no server
can be had, :func:`why_not` says why and the tests that need one skip with that reason.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote


def bindir() -> Path | None:
    """Where initdb and pg_ctl are (PATH first, then Debian's versioned directories)."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).parent
    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(d) / "initdb").exists() and (Path(d) / "pg_ctl").exists():
            return Path(d)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _runuser() -> str | None:
    return shutil.which(
        "runuser", path=os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"])
    )


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return [_runuser() or "runuser", "-u", "nobody", "--", *cmd]


class Cluster:
    """A running cluster: :meth:`url` names a new empty database in it."""

    def __init__(self, socket_dir: str, port: int):
        self.socket_dir = socket_dir
        self.port = port

    def admin_url(self, db: str = "postgres") -> str:
        return f"postgresql://postgres@{quote(self.socket_dir, safe='')}:{self.port}/{db}"

    def url(self, prefix: str = "t") -> str:
        """A fresh database (created now), as a ``postgresql://`` URL."""
        import psycopg

        name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(self.admin_url(), autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        return self.admin_url(name)


@contextmanager
def cluster(*, durable: bool = False) -> Iterator[Cluster]:
    """Start a cluster (raises RuntimeError saying why it cannot). ``durable``: fsync on, as a
    real server runs (benchmarks); off by default (tests)."""
    bins = bindir()
    if bins is None:
        raise RuntimeError(
            "no PostgreSQL server binaries (initdb, pg_ctl) on PATH or under "
            "/usr/lib/postgresql/*/bin: install Debian's postgresql package (.ci/run does)"
        )
    if os.geteuid() == 0 and _runuser() is None:
        raise RuntimeError("running as root and no runuser to start PostgreSQL as nobody")
    top = tempfile.mkdtemp(prefix="newsledger-pg-")
    os.chmod(top, 0o755)
    if os.geteuid() == 0:
        shutil.chown(top, user="nobody")
    data = os.path.join(top, "data")
    log = os.path.join(top, "server.log")
    port = _free_port()
    run = {"capture_output": True, "text": True, "timeout": 120}
    init = subprocess.run(
        _as_server_user([str(bins / "initdb"), "-D", data, "-U", "postgres", "--auth=trust",
                         "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]),
        **run,
    )  # fmt: skip
    if init.returncode != 0:
        shutil.rmtree(top, ignore_errors=True)
        raise RuntimeError(f"initdb failed: {(init.stderr or init.stdout).strip()[-300:]}")
    opts = f"-k {top} -p {port} -c listen_addresses='' -c max_connections=50"
    if not durable:
        opts += " -c fsync=off"
    start = subprocess.run(
        _as_server_user([str(bins / "pg_ctl"), "-D", data, "-l", log, "-o", opts, "-w", "start"]),
        **run,
    )
    try:
        if start.returncode != 0:
            tail = Path(log).read_text(errors="replace")[-300:] if Path(log).exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {start.stderr.strip()} {tail}")
        yield Cluster(top, port)
    finally:
        subprocess.run(
            _as_server_user([str(bins / "pg_ctl"), "-D", data, "-m", "immediate", "stop"]), **run
        )
        shutil.rmtree(top, ignore_errors=True)
