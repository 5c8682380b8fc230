"""Build :class:`Document` records from a text or a web page, with sections and metadata."""

from __future__ import annotations

from typing import Any

from ..document import Document, content_id
from ..errors import InputError
from .dates import normalise_iso
from .decode import escaped, has_surrogate, scrub_surrogates
from .html import extract_html
from .text import _norm, assemble, classify, clean_paragraphs

#: Metadata keys that ``document_from_text`` / ``document_from_html`` understand.
META_KEYS = ("id", "title", "url", "outlet", "published", "reference_date", "source")


def document_from_text(text: str, **meta: Any) -> Document:
    """A Document from a plain text or a raw scrape.

    The text is cleaned (whitespace normalised, paragraphs separated by one blank line) and split
    into sections: the headline (and a standfirst), body, photo captions, and site furniture as
    ``boilerplate``. A dated site header sets ``published`` unless ``meta`` gives it. The id is
    ``meta["id"]`` when given, else derived from the cleaned text (same content, same id).

    Raises :class:`~newsledger.errors.InputError` when nothing but furniture is left.
    """
    warnings: list[str] = list(meta.pop("warnings", None) or [])
    text = _scrubbed(text, meta, warnings)
    paragraphs = clean_paragraphs(text)
    if not paragraphs:
        raise InputError("empty document (no text after cleaning)", source=meta.get("source"))
    classified = classify(paragraphs, title=_str(meta.get("title")))
    if all(k == "boilerplate" for k in classified.kinds):
        raise InputError(
            "empty document (only site furniture: headers, share links, ads)",
            source=meta.get("source"),
        )
    clean, sections = assemble(paragraphs, classified.kinds)
    published = _published(meta.get("published"), warnings) or classified.published
    return _document(clean, sections, meta, warnings, classified.title, published)


def document_from_html(html: str | bytes, url: str | None = None, **meta: Any) -> Document:
    """A Document from a web page: trafilatura's article body under the page title.

    ``doc.text`` is the title (section ``headline``) and the body paragraphs; ``published`` comes
    from the page (htmldate) unless ``meta`` gives it; ``outlet`` is the site name; ``url`` the
    given one or the page's canonical URL. Raises :class:`~newsledger.errors.InputError` when the
    page holds no text.
    """
    warnings: list[str] = list(meta.pop("warnings", None) or [])
    if isinstance(html, str):
        html = _scrubbed(html, meta, warnings)
        url = url if url is None else scrub_surrogates(url)[0]
    extracted = extract_html(html, url=url or _str(meta.get("url")))
    if extracted.method.startswith("visible-text ("):  # "visible-text (why)"
        why = extracted.method[len("visible-text (") : -1]
        warnings.append(f"{why}; kept all its visible text")
    elif extracted.method != "trafilatura":
        warnings.append("no article found in the page; kept all its visible text")
    title = _str(meta.get("title")) or extracted.title
    paragraphs = list(extracted.paragraphs)
    if title and paragraphs and _norm(paragraphs[0]) == _norm(title):
        paragraphs = paragraphs[1:]
    if not paragraphs:
        raise InputError("empty document (no article text in the page)", source=meta.get("source"))
    classified = classify(paragraphs, find_headline=False)
    kinds = classified.kinds
    if all(k == "boilerplate" for k in kinds):
        raise InputError(
            "empty document (the page holds only site furniture)", source=meta.get("source")
        )
    if title:
        paragraphs = [title, *paragraphs]
        kinds = ["headline", *kinds]
    clean, sections = assemble(paragraphs, kinds)
    published = (
        _published(meta.get("published"), warnings) or extracted.published or classified.published
    )
    meta = {
        **meta,
        "url": url or _str(meta.get("url")) or extracted.url,
        "outlet": _str(meta.get("outlet")) or extracted.outlet,
    }
    return _document(clean, sections, meta, warnings, title, published)


def _document(
    text: str,
    sections: list[Any],
    meta: dict[str, Any],
    warnings: list[str],
    title: str | None,
    published: str | None,
) -> Document:
    doc_id = meta.get("id")
    return Document(
        id=str(doc_id) if doc_id not in (None, "") else content_id(text),
        text=text,
        title=_str(meta.get("title")) or title,
        url=_str(meta.get("url")),
        outlet=_str(meta.get("outlet")),
        published=published,
        reference_date=_published(meta.get("reference_date"), warnings, "reference_date"),
        sections=sections,
        warnings=warnings,
        source=_str(meta.get("source")),
    )


def _scrubbed(text: str, meta: dict[str, Any], warnings: list[str]) -> str:
    """``text`` and the string values of ``meta`` (changed in place) without lone surrogates,
    which no UTF-8 encoder (terminal, store, JSON file) accepts: each becomes U+FFFD, with one
    warning. An id with one is refused: an id is not changed to fit."""
    doc_id = meta.get("id")
    if isinstance(doc_id, str) and has_surrogate(doc_id):
        raise InputError(
            f"id {escaped(doc_id)!r} holds a lone surrogate: not valid Unicode, and an id is not "
            "changed to fit",
            source=escaped(str(meta.get("source") or "")) or None,
        )
    text, n = scrub_surrogates(text)
    for key, value in meta.items():
        if isinstance(value, str):
            meta[key], found = scrub_surrogates(value)
            n += found
    if n:
        warnings.append(f"{n} lone surrogate(s) (not valid Unicode) replaced by U+FFFD")
    return text


def _str(value: Any) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None


def _published(value: Any, warnings: list[str], name: str = "published") -> str | None:
    if value in (None, ""):
        return None
    iso = normalise_iso(str(value))
    if iso is None:
        warnings.append(f"{name} {value!r} is not an ISO 8601 date; ignored")
    return iso
