"""Polite HTTP (feeds/fetch.py) against a local web site (tests/fixtures/feeds/server.py):
robots.txt, the per-host pace, conditional GET, retries and back-off, the size limit."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from fixtures.feeds.server import FeedSite
from newsledger import __version__
from newsledger.feeds import Fetcher, Politeness, user_agent

FAST = replace(Politeness.load(), timeout=0.4, delay=0.0, retries=2, backoff=0.5, robots_retry=0.0)


class Clock:
    """A clock that only moves when the fetcher sleeps (the sleeps are recorded)."""

    def __init__(self) -> None:
        self.t = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.t

    def sleep(self, s: float) -> None:
        self.slept.append(round(s, 3))
        self.t += s


@pytest.fixture
def site() -> Iterator[FeedSite]:
    s = FeedSite()
    s.put("/robots.txt", "robots.txt")
    s.put("/news/geneva.html", "geneva.html")
    yield s
    s.close()


def test_user_agent_names_the_project_and_its_address() -> None:
    agent = user_agent(Politeness.load())
    assert agent == f"newsledger/{__version__} (+https://github.com/newsledger/newsledger)"
    assert user_agent(replace(Politeness.load(), contact="")) == f"newsledger/{__version__}"


def test_pace_between_requests_to_one_host(site: FeedSite) -> None:
    clock = Clock()
    f = Fetcher(replace(FAST, delay=2.0), sleep=clock.sleep, clock=clock)
    for _ in range(3):
        assert f.get(site.base + "/news/geneva.html").status == 200
    assert clock.slept == [2.0, 2.0]  # none before the first request
    clock.t += 5  # long enough since the last one: no wait
    f.get(site.base + "/news/geneva.html")
    assert clock.slept == [2.0, 2.0]


def test_crawl_delay_in_robots_txt_wins_over_a_shorter_pace(site: FeedSite) -> None:
    site.put("/robots.txt", body="User-agent: newsledger\nCrawl-delay: 7\nDisallow: /x/\n")
    clock = Clock()
    f = Fetcher(replace(FAST, delay=1.0), sleep=clock.sleep, clock=clock)
    assert f.allowed(site.base + "/news/geneva.html") is True
    assert f.allowed(site.base + "/x/page.html") is False
    f.get(site.base + "/news/geneva.html")
    assert clock.slept == [7.0]


def test_robots_missing_allows_and_unreadable_refuses_for_now(site: FeedSite) -> None:
    f = Fetcher(FAST)
    site.routes.pop("/robots.txt")  # 404: everything allowed
    assert f.allowed(site.base + "/private/x.html") is True
    g = Fetcher(FAST)
    site.put("/robots.txt", body="oops", status=500, validators=False)
    assert g.allowed(site.base + "/news/geneva.html") is None  # ask again later
    site.put("/robots.txt", "robots.txt")
    assert g.allowed(site.base + "/news/geneva.html") is True  # robots_retry is 0 here
    assert g.allowed(site.base + "/private/x.html") is False


def test_conditional_get_and_validators(site: FeedSite) -> None:
    f = Fetcher(FAST)
    first = f.get(site.base + "/news/geneva.html")
    assert first.status == 200 and first.etag and first.last_modified and b"Geneva" in first.body
    again = f.get(site.base + "/news/geneva.html", etag=first.etag)
    assert (again.status, again.body, again.error) == (304, b"", None)
    assert site.headers_of("/news/geneva.html")[-1]["if-none-match"] == first.etag
    assert site.headers_of("/news/geneva.html")[-1]["user-agent"] == f.agent


def test_retries_with_back_off_then_success_or_the_last_error(site: FeedSite) -> None:
    clock = Clock()
    site.put("/news/busy.html", "geneva.html", fail_times=2)  # 503 (Retry-After: 0) twice
    f = Fetcher(FAST, sleep=clock.sleep, clock=clock)
    got = f.get(site.base + "/news/busy.html")
    assert (got.status, got.attempts) == (200, 3)
    assert clock.slept == [0.0, 0.0]  # the server's Retry-After, not our back-off
    site.put("/news/down.html", body="x", status=502, validators=False)
    clock.slept.clear()
    got = f.get(site.base + "/news/down.html")
    assert (got.status, got.attempts, got.error) == (502, 3, "HTTP 502 Bad Gateway")
    assert clock.slept == [0.5, 1.0]  # back-off doubled
    site.put("/news/missing.html", body="x", status=404)
    assert f.get(site.base + "/news/missing.html").attempts == 1  # a 404 is not retried


def test_timeout_and_refused_connection_are_errors_not_exceptions(site: FeedSite) -> None:
    site.put("/slow.xml", "feed.rss.xml", delay=1.0)
    f = Fetcher(replace(FAST, retries=0))
    got = f.get(site.base + "/slow.xml")
    assert (got.status, got.error, got.transient) == (0, "timed out after 0.4 s", True)
    closed = FeedSite()
    closed.close()  # nothing listens there any more
    refused = f.get(closed.base + "/feed.xml")
    assert refused.status == 0 and refused.error.startswith("cannot connect")


def test_an_answer_over_the_size_limit_is_refused_not_truncated(site: FeedSite) -> None:
    f = Fetcher(FAST, max_bytes=100)
    got = f.get(site.base + "/news/geneva.html")
    assert got.body == b"" and got.error == "too large: over the limit of 0.0001 MB (max_bytes)"
