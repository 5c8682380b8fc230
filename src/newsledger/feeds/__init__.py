"""The feeds stage: following RSS/Atom feeds and XML sitemaps into the store (`newsledger watch`).

Modules, in the order a poll uses them (each docstring names its passes):

- :mod:`.fetch`: polite HTTP (robots.txt, a per-host pace, conditional GET, retries with back-off,
  a User-Agent that names the project, timeouts, a size limit); defaults in
  ``data/politeness.toml`` (:class:`Politeness`).
- :mod:`.parse`: a feed's or sitemap's bytes into the article addresses it lists.
- :mod:`.state`: what was fetched, in the store (migration ``0004_feed_state``).
- :mod:`.watch`: one poll (:class:`Watcher`): list, resume, fetch, read, copies, extract.

docs/feeds.md describes it for users.
"""

from __future__ import annotations

from .fetch import Fetcher, Politeness, user_agent
from .parse import Entry, FeedError, Listing, parse_listing
from .watch import PollSummary, Watcher, doc_id_for

__all__ = [
    "Entry",
    "FeedError",
    "Fetcher",
    "Listing",
    "Politeness",
    "PollSummary",
    "Watcher",
    "doc_id_for",
    "parse_listing",
    "user_agent",
]
