"""What following a feed costs over ingesting the same pages from files.

Serves N web pages of the Zyte extraction benchmark (``shared/data/extraction/html``, read
locally, never fetched from the internet) from a local HTTP server (tests/fixtures/feeds/server.py)
under one RSS feed, then times, with one pipeline built beforehand (model loading excluded):

- ``watch``: one `newsledger watch` poll that fetches and ingests every page (pace 0 s: the
  default 2 s per host would dominate), and a second, idle poll (the feed answers 304);
- ``ingest``: `newsledger ingest` of the same pages saved as .html files, into another store.

The difference per page is what fetching, robots.txt, the state table and the copy check add.

    nice .venv/bin/python bench/feeds_poll.py [--shared ../shared] [--pages 40] [--offset 0] [--rounds 2]
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--pages", type=int, default=40)
    ap.add_argument("--offset", type=int, default=0, help="first page (sorted by file name)")
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()

    from fixtures.feeds.server import FeedSite, Route
    from newsledger.feeds import Fetcher, Politeness, Watcher
    from newsledger.ingest import document_from_html
    from newsledger.jobs import ingest, make_pipeline
    from newsledger.settings import load_settings
    from newsledger.store import open_store

    files = sorted((args.shared / "data" / "extraction" / "html").glob("*.html.gz"))
    files = files[args.offset : args.offset + args.pages]
    site = FeedSite()
    items = []
    tmp = Path(tempfile.mkdtemp(prefix="feeds_bench_"))
    (tmp / "pages").mkdir()
    for i, f in enumerate(files):
        html = gzip.decompress(f.read_bytes())
        site.routes[f"/p/{i}.html"] = Route(html)
        (tmp / "pages" / f"{i}.html").write_bytes(html)
        items.append(f"<item><title>page {i}</title><link>{site.base}/p/{i}.html</link></item>")
    site.put("/robots.txt", body="User-agent: *\nDisallow: /private/\n")
    site.put(
        "/feed.xml",
        body='<?xml version="1.0"?><rss version="2.0"><channel><title>bench</title>'
        + "".join(items)
        + "</channel></rss>",
        content_type="application/rss+xml",
    )
    settings = load_settings(None, overrides={"store": {"db": str(tmp / "watch.db")}})
    t0 = time.perf_counter()
    pipeline = make_pipeline(settings)
    print(f"pipeline built in {time.perf_counter() - t0:.1f} s ({', '.join(settings.stages)})")
    warm = document_from_html(
        "<html><body><article><h1>Warm-up</h1><p>Police said two men were arrested in Nairobi"
        " on Monday, a spokesman said.</p></article></body></html>"
    )
    with open_store(str(tmp / "warm.db")) as store:  # models, trafilatura and the ledger
        store.write(next(iter(pipeline.pipe([warm]))).doc)  # index load lazily: before either run

    fast = replace(Politeness.load(), delay=0.0)
    feed = site.base + "/feed.xml"
    t0 = time.perf_counter()
    fetcher = Fetcher(fast)
    for i in range(len(files)):
        fetcher.get(f"{site.base}/p/{i}.html")
    t_fetch = time.perf_counter() - t0
    t_watch, t_ingest = [], []
    for r in range(args.rounds):  # alternate, keep the quickest of each: a shared machine
        with open_store(str(tmp / f"ingest{r}.db")) as store:
            t0 = time.perf_counter()
            summary = ingest([str(tmp / "pages")], settings, store, pipeline=pipeline)
            t_ingest.append(time.perf_counter() - t0)
        with open_store(str(tmp / f"watch{r}.db")) as store:
            w = Watcher(settings, store, fast, pipeline=pipeline)
            t0 = time.perf_counter()
            first = w.poll([feed])
            t_watch.append(time.perf_counter() - t0)
            idle = w.poll([feed])
    site.close()
    n, tw, ti = len(files), min(t_watch), min(t_ingest)
    print(f"pages {n} (offset {args.offset}), quickest of {args.rounds} rounds")
    print(
        f"watch  poll 1: {tw:.1f} s, {n / tw:.2f} pages/s; stored {first.new}, "
        f"copies {first.copies}, skipped {first.skipped}, failed {first.failed}, "
        f"{first.requests} requests"
    )
    print(f"watch  poll 2 (idle): {idle.seconds * 1000:.0f} ms, {idle.requests} request(s)")
    print(
        f"ingest files: {ti:.1f} s, {n / ti:.2f} pages/s; new {summary.new}, "
        f"skipped {summary.skipped}, failed {summary.failed}"
    )
    print(f"fetch only: {t_fetch / n * 1000:.1f} ms per page (local server, pace 0)")
    print(f"watch - ingest: {(tw - ti) / n * 1000:+.0f} ms per page")


if __name__ == "__main__":
    main()
