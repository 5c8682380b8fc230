"""Web pages: the article body, title, date and outlet with trafilatura.

trafilatura finds the main text (with its readability/jusText fallbacks) and the metadata; the
publication date comes from htmldate, which trafilatura calls. The body paragraphs then go through
the same furniture and caption rules as plain scrapes (:mod:`newsledger.ingest.text`), so a
"Read more:" line or a photo credit that survives extraction is still set apart.

Two limits of lxml (which trafilatura parses with) are met here: it stops building the tree at
256 levels of nesting, dropping what lies deeper without an error, and it finds no tree in a page
with no tags at all. Both pages keep all their visible text, read by the standard library's
tokenizer (:class:`_VisibleText`), which keeps no tree and so has no depth limit. trafilatura's
own log lines (``ERROR trafilatura.utils: lxml parsing failed ...``) are held back unless
newsledger itself logs at DEBUG (``--verbose``): the caller says what went wrong in one line.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from .text import clean_paragraphs

log = logging.getLogger(__name__)


#: Pages larger than this (characters) are first slimmed: scripts, styles, inline SVG dropped.
SLIM_ABOVE = 1_000_000
#: trafilatura's main extraction grows faster than linearly with the page; a slimmed page still
#: larger than this keeps all its visible text instead (with a warning), which is linear.
FULL_EXTRACTION_MAX = 2_500_000
#: libxml2's nesting limit: elements deeper than this are dropped from the tree.
LXML_MAX_DEPTH = 256
#: The libraries whose log lines are held back (see the module docstring).
QUIET_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "readability")


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

    _quiet_libraries()
    if _too_deep(html):
        return _visible_only(html, url, "visible-text (page nested too deeply for lxml)")
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
        if not body.strip():  # lxml found no tree: a page without tags, or a broken one
            body = visible_text(html)
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


def _visible_only(html: str | bytes, url: str | None, method: str) -> Extracted:
    """All visible text of a page (no article extraction), with what metadata can be read."""
    meta = _metadata_only(html, url)
    outlet = _clean(meta.get("sitename")) or _clean(meta.get("hostname"))
    return Extracted(
        paragraphs=clean_paragraphs(visible_text(html)),
        title=_strip_site(_clean(meta.get("title")), outlet),
        url=url or _clean(meta.get("url")),
        outlet=outlet,
        published=_date(meta.get("date")),
        author=_clean(meta.get("author")),
        method=method,
    )


def _quiet_libraries() -> None:
    """Hold back the extraction libraries' log lines unless newsledger logs at DEBUG."""
    level = logging.NOTSET if log.isEnabledFor(logging.DEBUG) else logging.CRITICAL
    for name in QUIET_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level != level:
            logger.setLevel(level)


_TAG_OPEN = re.compile(rb"<[a-zA-Z]")


def _too_deep(html: str | bytes) -> bool:
    """Whether lxml would drop part of the page for nesting deeper than it builds (a page with
    fewer tags than that cannot be; others are parsed once more to ask libxml2, about 5 % of
    trafilatura's time on a typical page)."""
    raw = html.encode("utf-8", "surrogatepass") if isinstance(html, str) else html
    if len(_TAG_OPEN.findall(raw[:200_000])) < LXML_MAX_DEPTH and len(raw) <= 200_000:
        return False
    try:
        from lxml import etree

        parser = etree.HTMLParser(recover=True)
        etree.fromstring(raw, parser)
    except Exception:
        return False
    return any("Excessive depth" in str(e.message) for e in parser.error_log)


class _VisibleText(HTMLParser):
    """The text a browser shows, block elements as line breaks; no tree, so no depth limit."""

    HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "title", "svg"})
    BLOCKS = frozenset(
        {"p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
         "article", "section", "header", "footer", "blockquote", "pre", "table", "figure",
         "figcaption", "main", "aside", "nav", "dd", "dt"}
    )  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str | bytes) -> str:
    """A page's visible text by the standard library's tokenizer ("" when it has no word)."""
    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    reader = _VisibleText()
    try:
        reader.feed(html)
        reader.close()
    except Exception:  # the tokenizer is forgiving; this is a guard, not a path
        return ""
    text = "".join(reader.parts)
    return text if re.search(r"\w", text) else ""


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
