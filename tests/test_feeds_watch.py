"""`newsledger watch` polls against a local web site (tests/fixtures/feeds/server.py) serving the
project's own feeds and pages (illustrations): never the internet.

The pipeline here is nlp + time (what a poll does with a page is the point, not the extraction,
which the stages' own tests cover); each test is a few seconds."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fixtures.feeds.server import FeedSite
from newsledger.cli import app
from newsledger.feeds import Politeness, Watcher, doc_id_for
from newsledger.pipeline import Pipeline, Stage
from newsledger.settings import Settings, load_settings
from newsledger.stages import build_pipeline
from newsledger.store import Store, open_store

#: fast, and still every rule of the politeness module in play
FAST = replace(Politeness.load(), timeout=0.4, delay=0.0, retries=1, backoff=0.01, robots_retry=0.0)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return build_pipeline(["nlp", "time"])


@pytest.fixture
def site() -> Iterator[FeedSite]:
    s = FeedSite()
    s.put("/robots.txt", "robots.txt")
    s.put("/feed.xml", "feed.rss.xml")
    for name in ("nakuru", "geneva", "market"):
        s.put(f"/news/{name}.html", f"{name}.html")
    s.put("/private/briefing.html", "briefing.html")
    yield s
    s.close()


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """The fetch state and the ledger on each back-end (SQLite, PostgreSQL)."""
    with open_store(store_url) as st:
        yield st


def settings(tmp_path: Path, **pipeline: int) -> Settings:
    return load_settings(
        None, overrides={"store": {"db": str(tmp_path / "watch.db")}, "pipeline": pipeline}
    )


def watcher(tmp_path: Path, store: Store, pipeline: Pipeline, **kw: int) -> Watcher:
    return Watcher(settings(tmp_path, **kw), store, FAST, pipeline=pipeline)


def item_state(store: Store, url: str) -> tuple[str, str | None]:
    row = store.conn.execute(
        "SELECT state, doc_id FROM feed_items WHERE url = ?", (url,)
    ).fetchone()
    return row[0], row[1]


def test_new_items_between_polls_404_and_robots(
    site: FeedSite, store: Store, pipeline: Pipeline, tmp_path: Path
) -> None:
    w = watcher(tmp_path, store, pipeline)
    feed = site.base + "/feed.xml"
    first = w.poll([feed])
    assert (first.addresses_new, first.new, first.failed) == (2, 2, 0)
    doc = store.get_document(doc_id_for(site.base + "/news/nakuru.html"))
    assert doc is not None and doc.title == "Police and protesters clash in Nakuru"
    assert "tear gas" in doc.text and doc.published == "2026-03-02"
    assert doc.url == site.base + "/news/nakuru.html" and doc.outlet == "Example Herald"
    agent = site.headers_of("/news/nakuru.html")[0]["user-agent"]
    assert agent.startswith("newsledger/") and "+http" in agent

    site.put("/feed.xml", "feed_more.rss.xml")  # a new article, a removed one, a private one
    second = w.poll([feed])
    assert (second.addresses_new, second.fetched, second.new) == (3, 1, 1)
    assert (second.gone, second.disallowed, second.failed) == (1, 1, 0) and second.ok
    assert site.hits("/news/nakuru.html") == 1 and site.hits("/news/geneva.html") == 1
    assert site.hits("/private/briefing.html") == 0  # robots.txt: Disallow: /private/
    assert site.hits("/robots.txt") == 1  # read once, kept
    assert item_state(store, site.base + "/news/removed.html")[0] == "gone"
    assert item_state(store, site.base + "/private/briefing.html")[0] == "disallowed"
    assert store.count() == 3


def test_conditional_get_answered_304_and_a_page_that_changes(
    site: FeedSite, store: Store, pipeline: Pipeline, tmp_path: Path
) -> None:
    site.put("/sitemap.xml", "sitemap.xml")
    w = watcher(tmp_path, store, pipeline)
    src = site.base + "/sitemap.xml"
    assert w.poll([src]).new == 2
    again = w.poll([src])  # nothing changed: the sitemap answers 304, no page is asked for
    assert again.sources_unchanged == 1 and again.fetched == again.requests - 1 == 0
    assert site.headers_of("/sitemap.xml")[-1].get("if-none-match")
    assert site.hits("/news/nakuru.html") == 1

    # the publisher updates the article: a new lastmod, a new page
    changed = (Path(__file__).parent / "fixtures/feeds/sitemap.xml").read_text()
    changed = changed.replace("<lastmod>2026-03-02T08:00:00Z", "<lastmod>2026-03-03T10:00:00Z")
    site.put("/sitemap.xml", body=changed.replace("{BASE}", site.base), content_type="text/xml")
    site.put("/news/nakuru.html", "nakuru_v2.html")
    third = w.poll([src])
    assert (third.addresses_changed, third.replaced, third.new) == (1, 1, 0)
    asked = site.headers_of("/news/nakuru.html")[-1]
    assert asked.get("if-none-match")  # the refetch was conditional; the page had changed
    doc = store.get_document(doc_id_for(site.base + "/news/nakuru.html"))
    assert doc is not None and "nineteen people" in doc.text and "eleven people" not in doc.text
    assert store.count() == 2  # the new version replaced the old one

    # a new stamp for a page that did not change: the page answers 304, the document stays
    site.put("/sitemap.xml", body=changed.replace("2026-03-03T10", "2026-03-04T10").replace(
        "{BASE}", site.base), content_type="text/xml")  # fmt: skip
    fourth = w.poll([src])
    assert (fourth.addresses_changed, fourth.not_modified, fourth.replaced) == (1, 1, 0)
    assert item_state(store, site.base + "/news/nakuru.html") == ("done", doc.id)


def test_timeout_and_server_errors_are_retried(
    site: FeedSite, store: Store, pipeline: Pipeline, tmp_path: Path
) -> None:
    site.put("/news/nakuru.html", "nakuru.html", delay=1.0)  # sleeps past the client's 0.4 s
    site.put("/news/geneva.html", "geneva.html", fail_times=1)  # one 503, then the page
    w = watcher(tmp_path, store, pipeline)
    first = w.poll([site.base + "/feed.xml"])
    assert (first.new, first.retrying, first.failed) == (1, 1, 0)  # geneva after one retry
    assert site.hits("/news/geneva.html") == 2
    assert any("timed out after 0.4 s" in e["error"] for e in first.errors)
    state, doc_id = item_state(store, site.base + "/news/nakuru.html")
    assert state == "pending" and doc_id is None
    site.put("/news/nakuru.html", "nakuru.html")  # the server recovers
    second = w.poll([site.base + "/feed.xml"])
    assert (second.new, second.retrying) == (1, 0)
    assert item_state(store, site.base + "/news/nakuru.html")[0] == "done"


def test_a_timeout_every_poll_is_given_up_after_max_attempts(
    site: FeedSite, store: Store, pipeline: Pipeline, tmp_path: Path
) -> None:
    site.put("/news/geneva.html", "geneva.html", status=500, validators=False)
    w = Watcher(
        settings(tmp_path), store, replace(FAST, retries=0, max_attempts=2), pipeline=pipeline
    )
    assert w.poll([site.base + "/feed.xml"]).retrying == 1
    last = w.poll([site.base + "/feed.xml"])
    assert last.failed == 1 and not last.ok
    state = store.conn.execute(
        "SELECT state, error FROM feed_items WHERE url = ?", (site.base + "/news/geneva.html",)
    ).fetchone()
    assert state == ("failed", "HTTP 500 Internal Server Error (2 polls running; given up)")
    assert w.poll([site.base + "/feed.xml"]).requests == 1  # only the feed: given up stays so


def test_malformed_feed_is_an_error_and_the_others_are_still_polled(
    site: FeedSite, store: Store, pipeline: Pipeline, tmp_path: Path
) -> None:
    site.put("/broken.xml", "malformed.rss.xml")
    site.put("/page.html", "geneva.html")
    errors: list[tuple[str, str]] = []
    w = Watcher(
        settings(tmp_path), store, FAST, pipeline=pipeline, on_error=lambda *e: errors.append(e)
    )
    s = w.poll([site.base + "/broken.xml", site.base + "/page.html", site.base + "/missing.xml",
                site.base + "/feed.xml"])  # fmt: skip
    assert (s.sources_failed, s.new) == (3, 2) and not s.ok
    said = dict(errors)
    assert "malformed feed" in said[site.base + "/broken.xml"]
    assert "not an RSS/Atom feed or sitemap" in said[site.base + "/page.html"]
    assert said[site.base + "/missing.xml"] == "HTTP 404 Not Found"


def test_republished_copy_is_not_stored_twice(
    site: FeedSite, store: Store, pipeline: Pipeline, tmp_path: Path
) -> None:
    site.put("/wire/geneva.html", "geneva.html")  # the same article at a second address
    site.put("/atom.xml", "feed.atom.xml")
    w = watcher(tmp_path, store, pipeline)
    s = w.poll([site.base + "/feed.xml", site.base + "/atom.xml"])
    assert (s.new, s.copies) == (2, 1) and store.count() == 2
    original = doc_id_for(site.base + "/news/geneva.html")
    assert item_state(store, site.base + "/wire/geneva.html") == ("copy", original)


class _Killed(Stage):
    """Stands for a kill mid-poll: interrupts the run at the page that names Nakuru."""

    name = "killed"

    def __call__(self, doc):  # type: ignore[no-untyped-def]
        if "Nakuru" in doc.text:
            raise KeyboardInterrupt
        return doc


def test_resume_after_an_interrupted_poll_without_refetching(
    site: FeedSite, store: Store, pipeline: Pipeline, tmp_path: Path
) -> None:
    dying = Pipeline([*pipeline.stages, _Killed()])
    w = Watcher(settings(tmp_path, batch_size=1), store, FAST, pipeline=dying)
    with pytest.raises(KeyboardInterrupt):
        w.poll([site.base + "/feed.xml"])
    assert store.count() == 1  # geneva written and marked before the kill; nakuru not written
    assert item_state(store, site.base + "/news/nakuru.html") == ("pending", None)

    # a kill between a document's write and its mark: written, still pending
    store.conn.execute(
        "UPDATE feed_items SET state = 'pending', doc_id = NULL WHERE url LIKE '%geneva%'"
    )
    again = watcher(tmp_path, store, pipeline).poll([site.base + "/feed.xml"])  # a new process
    assert (again.resumed, again.new, again.fetched) == (1, 1, 1)
    assert site.hits("/news/geneva.html") == 1  # never fetched again
    assert site.hits("/news/nakuru.html") == 2  # fetched again: it had not been stored
    assert store.count() == 2
    assert {item_state(store, site.base + f"/news/{n}.html")[0] for n in ("nakuru", "geneva")} == {
        "done"
    }


def test_cli_once_json_and_exit_codes(site: FeedSite, tmp_path: Path) -> None:
    conf = tmp_path / "settings.toml"
    conf.write_text('[pipeline]\nstages = ["nlp", "time"]\n')
    exe = Path(sys.executable).parent / "newsledger"
    base = [str(exe), "watch", "--db", str(tmp_path / "cli.db"), "--settings", str(conf)]
    env = {**os.environ, "NO_COLOR": "1"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*base, *args], capture_output=True, text=True, env=env, timeout=120)

    ok = run(site.base + "/feed.xml", "--once", "--json", "--delay", "0")
    assert ok.returncode == 0, ok.stderr
    summary = json.loads(ok.stdout)
    assert (summary["new"], summary["sources"], summary["poll"]) == (2, 1, 1)
    assert "poll 1: 1 source · 2 new addresses" in ok.stderr
    site.put("/broken.xml", "malformed.rss.xml")
    runner = CliRunner()  # the rest in this process: quicker
    bad = runner.invoke(app, [*base[1:], site.base + "/broken.xml", "--once", "--delay", "0"])
    assert bad.exit_code == 1 and "broken.xml: malformed feed" in bad.stderr
    assert runner.invoke(app, [*base[1:], "feed.xml", "--once"]).exit_code == 2
    with open(str(tmp_path / "cli.db") + ".watch-lock", "a") as fh:  # a watch still running
        fcntl.flock(fh, fcntl.LOCK_EX)
        busy = runner.invoke(app, [*base[1:], site.base + "/feed.xml", "--once"])
    assert busy.exit_code == 75 and "another newsledger watch is running" in busy.stderr
    assert (
        runner.invoke(app, [*base[1:], site.base + "/feed.xml", "--every", "soon"]).exit_code == 2
    )


def test_sitemap_index_children_and_a_page_in_another_language(
    site: FeedSite, store: Store, pipeline: Pipeline, tmp_path: Path
) -> None:
    site.put("/sitemap_index.xml", "sitemap_index.xml")  # lists a missing and a real sitemap
    site.put("/sitemap.xml", "sitemap.xml")
    site.put(
        "/feed.xml",
        body=f"""<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>
        <item><title>École</title><link>{site.base}/fr/ecole.html</link></item></channel></rss>""",
    )
    site.put("/fr/ecole.html", "ecole.html")
    w = watcher(tmp_path, store, pipeline)
    s = w.poll([site.base + "/sitemap_index.xml", site.base + "/feed.xml"])
    assert (s.addresses_new, s.new, s.skipped) == (3, 2, 1)
    said = {e["where"]: e["error"] for e in s.errors}
    assert said[site.base + "/sitemap-old.xml"] == "HTTP 404 Not Found"  # the index goes on
    assert said[site.base + "/sitemap.xml"].startswith("warning: 1 entry without")  # mailto:
    state = store.conn.execute(
        "SELECT state, error FROM feed_items WHERE url = ?", (site.base + "/fr/ecole.html",)
    ).fetchone()
    assert state[0] == "skipped" and "language fr" in state[1]
    assert store.count() == 2
    assert w.poll([site.base + "/sitemap_index.xml", site.base + "/feed.xml"]).fetched == 0


def test_kill_9_mid_poll_then_resume(site: FeedSite, pipeline: Pipeline, tmp_path: Path) -> None:
    """A real `kill -9` of a watch while it waits for a slow page, then a second watch."""
    import signal
    import sqlite3
    import time

    conf = tmp_path / "settings.toml"
    conf.write_text('[pipeline]\nstages = ["nlp", "time"]\nbatch_size = 1\n')
    db = str(tmp_path / "kill.db")
    site.put("/news/nakuru.html", "nakuru.html", delay=60)  # geneva (first) is quick
    cmd = [str(Path(sys.executable).parent / "newsledger"), "watch", site.base + "/feed.xml",
           "--once", "--delay", "0", "--timeout", "120", "--db", db, "--settings", str(conf)]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90
        while site.hits("/news/nakuru.html") == 0:  # geneva is stored, nakuru is being fetched
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.1)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    site.put("/news/nakuru.html", "nakuru.html")
    with open_store(db) as store:  # a second watch (in this process: quicker)
        again = watcher(tmp_path, store, pipeline).poll([site.base + "/feed.xml"])
    assert (again.new, again.fetched, again.resumed) == (1, 1, 0)
    assert site.hits("/news/geneva.html") == 1 and site.hits("/news/nakuru.html") == 2


def test_every_polls_again_after_the_interval(
    site: FeedSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsledger.cli.watch import run

    conf = tmp_path / "settings.toml"
    conf.write_text('[pipeline]\nstages = ["nlp", "time"]\n')
    slept: list[float] = []

    def between_polls(seconds: float) -> None:
        slept.append(seconds)
        site.put("/feed.xml", "feed_more.rss.xml")  # the feed grows while the watch waits

    code = run([site.base + "/feed.xml"], str(tmp_path / "every.db"), str(conf), every="10m",
               as_json=True, delay=0.0, max_polls=2, sleep=between_polls)  # fmt: skip
    out, err = capsys.readouterr()
    polls = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [p["poll"] for p in polls] == [1, 2]
    assert [p["new"] for p in polls] == [2, 1] and polls[1]["gone"] == 1
    assert len(slept) == 1 and 590 < slept[0] <= 600  # ten minutes from the poll's start
    lines = [line for line in err.splitlines() if line.startswith("newsledger watch: poll")]
    assert len(lines) == 2 and " · next at " in lines[0] and " · next at " not in lines[1]
