"""JSON Lines input: one document a line, ``{"id"?, "text" | "html", "title"?, "url"?, ...}``.

A line that is malformed JSON, is not an object, lacks ``text``/``html`` or has a field of the
wrong type becomes one :class:`~newsledger.pipeline.Failure` naming the line; the other lines go on.
"""

from __future__ import annotations

import json
from typing import Any

from ..document import Document
from ..errors import InputError
from ..pipeline import Failure
from .decode import escaped, has_surrogate
from .documents import document_from_html, document_from_text

#: Optional string fields of an input line.
STRING_FIELDS = ("title", "url", "outlet", "published", "reference_date")
#: How the warning on a line whose id an earlier line of the same file had begins.
REPEATED_ID = "repeated id"


def _type_name(value: Any) -> str:
    return {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def parse_line(
    line: str, source: str, warnings: list[str] | None = None
) -> Document | Failure | None:
    """The Document for one JSONL line (``None`` for a blank line), or a Failure saying why not."""
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        # some of json's messages end in "at" already ("Invalid control character at")
        msg = exc.msg[:-3] if exc.msg.endswith(" at") else exc.msg
        return Failure(source, f"malformed JSON: {msg} at column {exc.colno}")
    if not isinstance(obj, dict):
        return Failure(source, f"expected a JSON object, got {_type_name(obj)}")
    doc_id = obj.get("id")
    if doc_id is not None and (isinstance(doc_id, bool) or not isinstance(doc_id, str | int)):
        return Failure(source, f"field 'id' must be a string, got {_type_name(doc_id)}")
    doc_id = None if doc_id is None else str(doc_id)
    if doc_id is not None and has_surrogate(doc_id):
        return Failure(
            source,
            f"field 'id' holds a lone surrogate ({escaped(doc_id)}): not valid Unicode, and an id "
            "is not changed to fit",
            escaped(doc_id),
        )
    for name in ("text", "html", *STRING_FIELDS):
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            return Failure(
                source, f"field {name!r} must be a string, got {_type_name(value)}", doc_id
            )
    text, html = obj.get("text"), obj.get("html")
    if not (text and text.strip()) and not (html and html.strip()):
        what = "an empty 'text'" if "text" in obj or "html" in obj else "no 'text' or 'html' field"
        return Failure(source, f"line has {what}: nothing to read", doc_id)
    meta = {k: obj.get(k) for k in STRING_FIELDS}
    meta.update(id=doc_id, source=source, warnings=list(warnings or []))
    try:
        if text and text.strip():
            return document_from_text(text, **meta)
        return document_from_html(html, **meta)
    except InputError as exc:
        return Failure(source, exc.message, doc_id)
