"""`newsledger watch SOURCE... [--every 15m] [--once] [--db URL] [--json]`: follow feeds."""

from __future__ import annotations

import contextlib
import json
import re
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import typer

from ..errors import NewsledgerError
from ..store import Store, open_store
from ..store.dialect import shown_url
from ._util import DbOption, SettingsOption, fail, settings_from, warn_line

_INTERVAL = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)")
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """Seconds in ``15m``, ``1h30m``, ``90s``, ``2h`` or a bare number of seconds."""
    spec = text.strip().lower()
    pos, total = 0, 0.0
    while pos < len(spec):
        m = _INTERVAL.match(spec, pos)
        if m is None:
            raise ValueError(f"not an interval: {text!r} (write e.g. 15m, 1h30m, 90s)")
        total += float(m.group(1)) * _UNIT[m.group(2)]
        pos = m.end()
    if not spec or total < 1:
        raise ValueError(f"not an interval of at least one second: {text!r}")
    return total


def check_sources(sources: list[str]) -> list[str]:
    """The sources, each an http(s) address, without repeats (order kept)."""
    out: list[str] = []
    for src in sources:
        parts = urlsplit(src.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"not an http(s) address: {src!r}")
        if src.strip() not in out:
            out.append(src.strip())
    return out


#: exit status when another watch holds the store (sysexits' EX_TEMPFAIL: try again later)
BUSY = 75


@contextlib.contextmanager
def _one_watch(store: Store) -> Iterator[None]:
    """Hold ``PATH.watch-lock`` while watching: a second watch of one store (an overlapping cron
    run) exits at once with :data:`BUSY` instead of fetching the same pages again. On
    PostgreSQL the lock is an advisory lock of the store's connection (held until it closes)."""
    path = store.path
    if store.backend == "postgresql":
        from ..store.dialect import WATCH_LOCK

        if not store.conn.try_lock(WATCH_LOCK):  # type: ignore[attr-defined]
            fail(f"another newsledger watch is running on {path}", code=BUSY)
        yield
        return
    if path == ":memory:":
        yield
        return
    try:
        import fcntl
    except ImportError:  # no flock on this system: no guard
        yield
        return
    with open(f"{path}.watch-lock", "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fail(f"another newsledger watch is running on {path}", code=BUSY)
        yield


def run(
    sources: list[str],
    db: str | None = None,
    settings_file: str | None = None,
    *,
    every: str = "15m",
    once: bool = False,
    as_json: bool = False,
    delay: float | None = None,
    timeout: float | None = None,
    max_polls: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Poll ``sources`` once, or every ``every`` until stopped (``max_polls``: for tests).
    Returns the exit code: 0, or 1 when the last poll had a source or a page that failed."""
    from ..feeds import Politeness, Watcher

    try:
        interval = parse_interval(every)
        urls = check_sources(sources)
        politeness = Politeness.load(delay=delay, timeout=timeout)
    except ValueError as exc:
        fail(str(exc), code=2)
    settings = settings_from(settings_file, db=db)
    try:
        store = open_store(settings.db)
    except NewsledgerError as exc:
        fail(str(exc), code=1)
    with store, _one_watch(store):
        watcher = Watcher(settings, store, politeness, on_error=warn_line)
        while True:
            started = time.monotonic()
            summary = watcher.poll(urls)
            last = once or (max_polls is not None and watcher.polls >= max_polls)
            wait = 0.0 if last else max(0.0, interval - (time.monotonic() - started))
            line = f"newsledger watch: {summary.line()}"
            if not last:
                at = datetime.now(UTC) + timedelta(seconds=wait)
                line += f" · next at {at.strftime('%H:%M:%SZ')}"
            print(line, file=sys.stderr, flush=True)
            if as_json:
                print(json.dumps({**summary.as_dict(), "db": shown_url(settings.db)}), flush=True)
            if last:
                return 0 if summary.ok else 1
            sleep(wait)


def register(app: typer.Typer) -> None:
    @app.command("watch")
    def watch_cmd(
        sources: list[str] = typer.Argument(
            ..., help="RSS/Atom feed or XML sitemap addresses (http/https)."
        ),
        every: str = typer.Option(
            "15m", "--every", metavar="INTERVAL", help="Time between polls: 15m, 1h, 90s."
        ),
        once: bool = typer.Option(False, "--once", help="Poll once and exit (for cron)."),
        db: str | None = DbOption,
        settings_file: str | None = SettingsOption,
        as_json: bool = typer.Option(
            False, "--json", help="Print each poll's summary as one JSON object per line."
        ),
        delay: float | None = typer.Option(
            None, "--delay", min=0, help="Least seconds between two requests to one host (2)."
        ),
        timeout: float | None = typer.Option(
            None, "--timeout", min=0.1, help="Seconds to wait for a server (20)."
        ),
    ) -> None:
        """Follow feeds and sitemaps: fetch new articles politely and ingest them (resumable).

        Exit status: 0; 1 when a source or a page failed in the (last) poll; 2 for bad usage; 75 when another watch is running on the store; 130 when interrupted. See docs/feeds.md."""
        raise typer.Exit(
            run(
                sources,
                db,
                settings_file,
                every=every,
                once=once,
                as_json=as_json,
                delay=delay,
                timeout=timeout,
            )
        )
