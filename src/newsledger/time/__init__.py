"""The time stage (first placeholder: assigns nothing yet; replaced by the stage's issue)."""

from __future__ import annotations

from ..document import Document
from ..pipeline import Stage


class TimeStage(Stage):
    name = "time"
    requires = frozenset({"doc.sentences"})
    assigns = frozenset({"doc.reference_date","doc.dates"})

    def __call__(self, doc: Document) -> Document:
        return doc


__all__ = ["TimeStage"]
