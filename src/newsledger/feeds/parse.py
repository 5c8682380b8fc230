"""A source's bytes into the article addresses it lists: RSS/Atom feeds and XML sitemaps.

Passes:

- ``sniff``: an XML document whose root is ``urlset`` or ``sitemapindex`` is a sitemap
  (sitemaps.org, with Google News' ``news:`` fields); anything else goes to feedparser.
- ``sitemap``: ``<url><loc>`` entries with ``<lastmod>`` (and ``news:title`` /
  ``news:publication_date``); an index's ``<sitemap><loc>`` children are returned to be read next.
- ``feed``: feedparser (RSS 0.9x/1.0/2.0, Atom); each entry's ``link`` (else its alternate link,
  else an id that is an http(s) address), title, publication date and update stamp.
- ``check``: a source that is neither, or so broken that no entry can be read, raises
  :class:`FeedError`; a feed that is ill-formed but still gives entries is used, with a warning.

An entry's ``stamp`` is what changes when the publisher changes the item (a feed's ``updated``,
a sitemap's ``lastmod``): a known address seen with a new stamp is fetched again.
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

from ..errors import InputError


class FeedError(InputError):
    """A source that is neither an RSS/Atom feed nor a sitemap, or one too broken to read."""

    code = "NL110"


@dataclass(frozen=True)
class Entry:
    """One article address a source lists."""

    url: str
    title: str | None = None
    published: str | None = None  # ISO 8601 date (YYYY-MM-DD) when the source gives one
    stamp: str | None = None  # the publisher's update stamp (see the module docstring)


@dataclass
class Listing:
    """What one source lists: articles, and for a sitemap index, further sitemaps."""

    kind: str  # "rss", "atom", "feed", "sitemap" or "sitemapindex"
    title: str | None = None
    entries: list[Entry] = field(default_factory=list)
    sitemaps: list[Entry] = field(default_factory=list)
    warning: str | None = None


_SITEMAP_ROOT = re.compile(
    rb"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(?:[\w.-]+:)?(urlset|sitemapindex)\b", re.DOTALL
)


def parse_listing(body: bytes, base_url: str, content_type: str | None = None) -> Listing:
    """The entries of a feed or sitemap (see the module docstring) served at ``base_url`` with
    ``content_type``. Raises :class:`FeedError`."""
    body = body.removeprefix(b"\xef\xbb\xbf")
    if not body.strip():
        raise FeedError("empty answer: not a feed or sitemap", source=base_url)
    if _SITEMAP_ROOT.match(body[:4096]):
        return _sitemap(body, base_url)
    return _feed(body, base_url, content_type)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child_text(el: ET.Element, name: str) -> str | None:
    for child in el.iter():
        if _local(child.tag) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def _sitemap(body: bytes, base_url: str) -> Listing:
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise FeedError(f"malformed sitemap: {exc}", source=base_url) from None
    kind = _local(root.tag)
    listing = Listing(kind=kind)
    item_tag = "url" if kind == "urlset" else "sitemap"
    skipped = 0
    for el in root:
        if _local(el.tag) != item_tag:
            continue
        url = _address(_child_text(el, "loc"), base_url)
        if url is None:
            skipped += 1
            continue
        lastmod = _child_text(el, "lastmod")
        published = _child_text(el, "publication_date") or lastmod
        entry = Entry(url, _child_text(el, "title"), _iso_date(published), lastmod)
        (listing.entries if kind == "urlset" else listing.sitemaps).append(entry)
    if kind == "urlset":
        listing.kind = "sitemap"
    if skipped:
        listing.warning = f"{skipped} entr{'ies' if skipped > 1 else 'y'} without an http(s) <loc>"
    return listing


def _feed(body: bytes, base_url: str, content_type: str | None) -> Listing:
    import feedparser  # imported here: only watching needs it

    benign = (feedparser.NonXMLContentType, feedparser.CharacterEncodingOverride)
    headers = {"content-location": base_url, "content-type": content_type or "application/xml"}
    parsed: Any = feedparser.parse(body, response_headers=headers)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(problem, benign):  # a served type or charset that was not the feed's own
        problem = None
    if not parsed.get("version") and not parsed.entries:
        why = f" ({_short(problem)})" if problem else ""
        raise FeedError(f"not an RSS/Atom feed or sitemap{why}", source=base_url)
    if problem is not None and not parsed.entries:
        raise FeedError(f"malformed feed: {_short(problem)}", source=base_url)
    version = str(parsed.get("version") or "")
    kind = "atom" if version.startswith("atom") else "rss" if version.startswith("rss") else "feed"
    listing = Listing(kind=kind, title=_clean(parsed.feed.get("title")))
    skipped = 0
    for item in parsed.entries:
        url = _entry_url(item, base_url)
        if url is None:
            skipped += 1
            continue
        # dict.get: FeedParserDict maps a missing "updated" to "published" (with a warning)
        when = dict.get(item, "published_parsed") or dict.get(item, "updated_parsed")
        stamp = dict.get(item, "updated") or dict.get(item, "published")
        listing.entries.append(
            Entry(url, _clean(item.get("title")), _struct_date(when), _clean(stamp))
        )
    warnings = []
    if problem is not None:
        warnings.append(f"ill-formed feed, read as far as possible: {_short(problem)}")
    if skipped:
        warnings.append(f"{skipped} entr{'ies' if skipped > 1 else 'y'} without an http(s) link")
    listing.warning = "; ".join(warnings) or None
    return listing


def _entry_url(item: Any, base_url: str) -> str | None:
    candidates = [item.get("link")]
    candidates += [
        link.get("href") for link in item.get("links", []) if link.get("rel") == "alternate"
    ]
    candidates.append(item.get("id"))
    for c in candidates:
        url = _address(c, base_url)
        if url is not None:
            return url
    return None


def _address(value: Any, base_url: str) -> str | None:
    """An absolute http(s) address without its fragment, or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    url = urldefrag(urljoin(base_url, value.strip()))[0]
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def _struct_date(value: Any) -> str | None:
    if not isinstance(value, time.struct_time):
        return None
    return time.strftime("%Y-%m-%d", value)


def _iso_date(value: str | None) -> str | None:
    if value and re.match(r"\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    return None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _short(exc: Any) -> str:
    text = str(getattr(exc, "getMessage", lambda: exc)())
    return " ".join(text.split())[:200]
