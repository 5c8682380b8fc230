"""The ingest stage: files, folders, stdin and JSONL into :class:`Document` records (placeholder)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..document import Document, Section, content_id
from ..pipeline import Failure


def read_inputs(paths: Iterable[str]) -> Iterator[Document | Failure]:
    for p in paths:
        path = Path(p)
        files = sorted(path.rglob("*.txt")) if path.is_dir() else [path]
        for f in files:
            text = f.read_text("utf-8").strip()
            doc = Document(id=content_id(text), text=text, source=str(f))
            doc.sections = [Section("body", 0, len(text))]
            yield doc


__all__ = ["read_inputs"]


def document_from_text(text: str, **meta: str | None) -> Document:
    text = text.strip()
    return Document(id=meta.get("id") or content_id(text), text=text,
                    sections=[Section("body", 0, len(text))],
                    title=meta.get("title"), url=meta.get("url"), outlet=meta.get("outlet"),
                    published=meta.get("published"))
