"""Feeds and sitemaps into article addresses (feeds/parse.py), and the watch command's arguments.

The feeds are the project's own fixtures (tests/fixtures/feeds/, illustrations)."""

from __future__ import annotations

import pytest

from conftest import FIXTURES
from newsledger.cli.watch import check_sources, parse_interval
from newsledger.feeds import FeedError, parse_listing

BASE = "http://127.0.0.1:9"


def fixture(name: str) -> bytes:
    return (FIXTURES / "feeds" / name).read_text().replace("{BASE}", BASE).encode("utf-8")


def test_rss_entries_with_titles_and_dates() -> None:
    listing = parse_listing(fixture("feed_more.rss.xml"), BASE + "/feed.xml")
    assert listing.kind == "rss" and listing.title == "Example Herald"
    urls = [e.url for e in listing.entries]
    assert urls[:2] == [BASE + "/news/market.html", BASE + "/news/nakuru.html"]
    assert len(urls) == 5 and listing.warning is None
    market = listing.entries[0]
    assert market.title == "Mayor says shelling hit the market in Kramatorsk"
    assert market.published == "2026-03-04"
    assert market.stamp == "Wed, 04 Mar 2026 07:15:00 GMT"


def test_atom_alternate_link_and_an_entry_without_address() -> None:
    listing = parse_listing(fixture("feed.atom.xml"), BASE + "/atom.xml")
    assert listing.kind == "atom"
    assert [e.url for e in listing.entries] == [BASE + "/wire/geneva.html"]
    assert listing.entries[0].stamp == "2026-03-05T12:00:00Z"
    assert listing.entries[0].published == "2026-03-03"
    assert listing.warning == "1 entry without an http(s) link"


def test_news_sitemap_and_sitemap_index() -> None:
    listing = parse_listing(fixture("sitemap.xml"), BASE + "/sitemap.xml")
    assert listing.kind == "sitemap"
    assert [e.url for e in listing.entries] == [
        BASE + "/news/nakuru.html",
        BASE + "/news/geneva.html",
    ]
    nakuru, geneva = listing.entries
    assert nakuru.title == "Police and protesters clash in Nakuru"
    assert nakuru.published == "2026-03-02" and nakuru.stamp == "2026-03-02T08:00:00Z"
    assert geneva.title is None and geneva.published == "2026-03-03"
    assert listing.warning == "1 entry without an http(s) <loc>"  # the mailto: one
    index = parse_listing(fixture("sitemap_index.xml"), BASE + "/sitemap_index.xml")
    assert index.kind == "sitemapindex" and not index.entries
    assert [s.url for s in index.sitemaps] == [BASE + "/sitemap-old.xml", BASE + "/sitemap.xml"]


def test_relative_links_resolve_against_the_feed_address() -> None:
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        b"<item><title>A</title><link>/news/a.html#top</link></item></channel></rss>"
    )
    listing = parse_listing(body, BASE + "/feeds/all.xml")
    assert [e.url for e in listing.entries] == [BASE + "/news/a.html"]  # fragment dropped


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (fixture("malformed.rss.xml"), "malformed feed"),
        (b"<!DOCTYPE html><html><body><p>Hello</p></body></html>", "not an RSS/Atom feed"),
        (b"   ", "empty answer"),
        (b'<?xml version="1.0"?><urlset><url><loc>x</loc></url', "malformed sitemap"),
    ],
)
def test_what_is_not_a_feed_is_a_clear_error(body: bytes, said: str) -> None:
    with pytest.raises(FeedError) as err:
        parse_listing(body, BASE + "/feed.xml")
    assert said in str(err.value) and BASE + "/feed.xml" in str(err.value)


def test_intervals_and_sources() -> None:
    assert parse_interval("15m") == 900
    assert parse_interval("1h30m") == 5400
    assert parse_interval("90s") == parse_interval("90") == 90
    for bad in ("", "soon", "0s", "15x"):
        with pytest.raises(ValueError):
            parse_interval(bad)
    assert check_sources(["https://a.example/f", "https://a.example/f", "http://b.example/s"]) == [
        "https://a.example/f",
        "http://b.example/s",
    ]
    for bad in ("feed.xml", "ftp://a.example/f", "file:///etc/passwd"):
        with pytest.raises(ValueError, match="not an http"):
            check_sources([bad])
