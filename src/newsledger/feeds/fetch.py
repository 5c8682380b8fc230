"""Polite HTTP: one client for feeds, sitemaps, robots.txt and article pages.

Passes, in the order a request meets them:

- ``robots``: an article page is fetched only when the host's robots.txt allows our User-Agent
  (:mod:`urllib.robotparser`; read once per host and ``robots_ttl``; a 4xx robots.txt allows
  everything, a 5xx or unreachable one allows nothing until it is read again ``robots_retry``
  seconds later, RFC 9309).
- ``rate``: at least ``delay`` seconds between two requests to one host (a larger
  ``Crawl-delay`` in robots.txt wins).
- ``conditional``: a URL fetched before is asked for with ``If-None-Match`` /
  ``If-Modified-Since``; a ``304 Not Modified`` costs the site no body.
- ``retry``: a timeout, a lost connection, a 429 or a 5xx answer is tried again ``retries`` times,
  waiting ``backoff`` seconds doubled each time (or the server's ``Retry-After``).
- ``limit``: an answer is read up to ``max_bytes``; a larger one is an error, not a truncation.

Every request names itself (:func:`user_agent`) and has a ``timeout``.
"""

from __future__ import annotations

import email.utils
import time
import tomllib
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from .. import __version__


@dataclass(frozen=True)
class Politeness:
    """How the sites are treated; defaults from ``feeds/data/politeness.toml``."""

    timeout: float = 20.0
    delay: float = 2.0
    retries: int = 3
    backoff: float = 2.0
    backoff_max: float = 60.0
    retry_after_max: float = 120.0
    robots_ttl: float = 86400.0
    robots_retry: float = 300.0
    max_attempts: int = 5
    max_child_sitemaps: int = 20
    contact: str = ""

    @classmethod
    def load(cls, **overrides: Any) -> Politeness:
        """The data file's values with ``overrides`` (None values ignored) laid over them."""
        text = resources.files("newsledger.feeds").joinpath("data/politeness.toml").read_text()
        values = tomllib.loads(text)
        unknown = set(values) - set(cls.__dataclass_fields__)
        if unknown:
            raise ValueError(f"politeness.toml: unknown keys {sorted(unknown)}")
        base = cls(**values)
        return replace(base, **{k: v for k, v in overrides.items() if v is not None})


def user_agent(p: Politeness) -> str:
    """``newsledger/VERSION (+contact)``: who is reading, and where to find them."""
    return f"newsledger/{__version__} (+{p.contact})" if p.contact else f"newsledger/{__version__}"


@dataclass
class Response:
    """One answer: ``status`` 0 when no answer came (``error`` says why)."""

    url: str
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    attempts: int = 1

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def transient(self) -> bool:
        """Worth trying again later: no answer, a 429 or a 5xx."""
        return self.status == 0 or self.status == 429 or self.status >= 500


class Fetcher:
    """Sequential, polite fetching. ``sleep``/``clock`` are injectable for tests."""

    def __init__(
        self,
        politeness: Politeness,
        *,
        max_bytes: int = 20_000_000,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.p = politeness
        self.max_bytes = max_bytes
        self.agent = user_agent(politeness)
        self._sleep = sleep
        self._clock = clock
        self._last: dict[str, float] = {}  # host -> when its last request started
        self._robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None]] = {}
        self._opener = urllib.request.build_opener()  # a 304 comes back as an HTTPError
        self.requests = 0  # requests sent, all hosts (for the poll's summary)

    # -- robots --------------------------------------------------------------------------
    def allowed(self, url: str) -> bool | None:
        """Whether robots.txt lets us fetch ``url`` (reading robots.txt when due); None while
        the host's robots.txt cannot be read (a 5xx or no answer: ask again at the next poll)."""
        parser = self._robots_for(url)
        return None if parser is None else parser.can_fetch(self.agent, url)

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        cached = self._robots.get(origin)
        if cached is not None:
            ttl = self.p.robots_ttl if cached[1] is not None else self.p.robots_retry
            if self._clock() - cached[0] < ttl:
                return cached[1]
        parser: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser(
            origin + "/robots.txt"
        )
        got = self.get(origin + "/robots.txt", retries=0)
        assert parser is not None
        if got.status == 200:
            parser.parse(got.body.decode("utf-8", "replace").splitlines())
        elif 400 <= got.status < 500:
            parser.allow_all = True  # no robots.txt: everything is allowed (RFC 9309 2.3.1.3)
        else:
            parser = None  # unreachable or 5xx: nothing is allowed until read again (2.3.1.4)
        self._robots[origin] = (self._clock(), parser)
        return parser

    def _delay_for(self, host: str, origin: str) -> float:
        cached = self._robots.get(origin)
        crawl = None
        if cached is not None and cached[1] is not None:
            crawl = cached[1].crawl_delay(self.agent)
        return max(self.p.delay, float(crawl or 0))

    # -- requests ------------------------------------------------------------------------
    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        retries: int | None = None,
    ) -> Response:
        """GET ``url`` (conditionally when validators are given), retrying transient failures."""
        retries = self.p.retries if retries is None else retries
        wait = self.p.backoff
        attempt = 0
        while True:
            attempt += 1
            got = self._once(url, etag, last_modified)
            got.attempts = attempt
            if not got.transient or attempt > retries:
                return got
            pause = min(wait, self.p.backoff_max)
            after = _retry_after(got.headers.get("retry-after"))
            if after is not None:
                if after > self.p.retry_after_max:
                    return got  # the server asks for longer than a poll waits: next poll
                pause = after
            self._sleep(pause)
            wait *= 2

    def _once(self, url: str, etag: str | None, last_modified: str | None) -> Response:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        self._pace(parts.netloc, origin)
        headers = {"User-Agent": self.agent, "Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        request = urllib.request.Request(url, headers=headers)
        self.requests += 1
        try:
            with self._opener.open(request, timeout=self.p.timeout) as answer:
                body = answer.read(self.max_bytes + 1)
                head = {k.lower(): v for k, v in answer.headers.items()}
                if len(body) > self.max_bytes:
                    return Response(
                        answer.geturl(), answer.status, b"", head,
                        f"too large: over the limit of {self.max_bytes / 1e6:g} MB (max_bytes)",
                    )  # fmt: skip
                return Response(answer.geturl(), answer.status, body, head)
        except urllib.error.HTTPError as exc:
            head = {k.lower(): v for k, v in (exc.headers or {}).items()}
            why = None if exc.code == 304 else f"HTTP {exc.code} {exc.reason}"
            return Response(url, exc.code, b"", head, why)
        except TimeoutError:
            return Response(url, 0, error=f"timed out after {self.p.timeout:g} s")
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                return Response(url, 0, error=f"timed out after {self.p.timeout:g} s")
            return Response(url, 0, error=f"cannot connect: {reason}")
        except (OSError, ValueError) as exc:  # a reset connection, a malformed URL
            return Response(url, 0, error=f"cannot fetch: {type(exc).__name__}: {exc}")

    def _pace(self, host: str, origin: str) -> None:
        """Wait until ``delay`` has passed since the host's last request."""
        last = self._last.get(host)
        if last is not None:
            left = last + self._delay_for(host, origin) - self._clock()
            if left > 0:
                self._sleep(left)
        self._last[host] = self._clock()


def _retry_after(value: str | None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (a number or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
