"""Web pages: the article body, title, date and outlet with trafilatura.

trafilatura finds the main text (with its readability/jusText fallbacks) and the metadata; the
publication date comes from htmldate, which trafilatura calls. The body paragraphs then go through
the same furniture and caption rules as plain scrapes (:mod:`newsledger.ingest.text`), so a
"Read more:" line or a photo credit that survives extraction is still set apart.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from .text import clean_paragraphs

log = logging.getLogger(__name__)


#: Pages larger than this (characters) are first slimmed: scripts, styles, inline SVG dropped.
SLIM_ABOVE = 1_000_000
#: trafilatura's main extraction grows faster than linearly with the page; a slimmed page still
#: larger than this keeps all its visible text instead (with a warning), which is linear.
FULL_EXTRACTION_MAX = 2_500_000


@dataclass
class Extracted:
    """What a page yields: body paragraphs and metadata (``None`` where the page has none)."""

    paragraphs: list[str]
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    author: str | None = None
    method: str = "trafilatura"


def extract_html(html: str | bytes, url: str | None = None) -> Extracted:
    """Extract the article from a page. Falls back to all visible text when trafilatura finds no
    article (``method`` says which path was taken)."""
    import trafilatura  # imported lazily: it takes a while and only HTML needs it

    oversized = False
    if len(html) > SLIM_ABOVE:
        html = slim_html(html)
        oversized = len(html) > FULL_EXTRACTION_MAX
    result: Any = None
    try:
        result = (
            None
            if oversized
            else trafilatura.bare_extraction(
                html,
                url=url,
                with_metadata=True,
                include_comments=False,
                include_tables=True,
            )
        )
    except Exception:
        log.debug("trafilatura failed on %s", url, exc_info=True)
    meta: dict[str, Any] = {}
    body = ""
    method = "trafilatura"
    if result is not None:
        meta = result.as_dict() if hasattr(result, "as_dict") else dict(result)
        body = meta.get("text") or ""
    if oversized:
        method = "visible-text (page too large for article extraction)"
        meta = _metadata_only(html, url)
    if not body.strip():
        method = method if oversized else "visible-text"
        try:
            body = trafilatura.html2txt(html) or ""
        except Exception:
            body = ""
    paragraphs = clean_paragraphs(body)
    outlet = _clean(meta.get("sitename")) or _clean(meta.get("hostname"))
    return Extracted(
        paragraphs=paragraphs,
        title=_strip_site(_clean(meta.get("title")), outlet),
        url=url or _clean(meta.get("url")),
        outlet=outlet,
        published=_date(meta.get("date")),
        author=_clean(meta.get("author")),
        method=method,
    )


def slim_html(html: str | bytes) -> str | bytes:
    """The page without scripts, styles, inline SVG, templates and comments (where the bulk of
    very large pages lies); the page unchanged if it cannot be parsed."""
    try:
        from lxml import etree
        from lxml import html as lxml_html

        tree = lxml_html.fromstring(html)
        for script in list(tree.iter("script")):
            if "ld+json" not in (script.get("type") or "") and script.getparent() is not None:
                script.drop_tree()  # JSON-LD stays: it holds the title, date and site name
        etree.strip_elements(
            tree, "style", "noscript", "template", "svg", etree.Comment, with_tail=False
        )
        for el in tree.iter("img", "source"):
            for attr in ("src", "srcset"):
                if (el.get(attr) or "").startswith("data:"):
                    del el.attrib[attr]
        return str(lxml_html.tostring(tree, encoding="unicode"))
    except Exception:
        return html


def _metadata_only(html: str | bytes, url: str | None) -> dict[str, Any]:
    """Title, site name, date and url of a page, without extracting its body."""
    try:
        from trafilatura.metadata import extract_metadata

        found = extract_metadata(html, default_url=url)
        return found.as_dict() if found is not None else {}
    except Exception:
        return {}


def _strip_site(title: str | None, outlet: str | None) -> str | None:
    """The title without a trailing " - Site name" or " | Site name"."""
    if not title or not outlet:
        return title
    for sep in (" - ", " | ", " – ", " — ", " :: ", " · "):
        head, found, tail = title.rpartition(sep)
        if found and head and tail.strip().lower() == outlet.lower():
            return head.strip()
    return title


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _date(value: Any) -> str | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    return value[:10]
