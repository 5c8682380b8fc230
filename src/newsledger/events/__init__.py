"""The events stage (first placeholder: assigns nothing yet; replaced by the stage's issue)."""

from __future__ import annotations

from ..document import Document
from ..pipeline import Stage


class EventStage(Stage):
    name = "events"
    requires = frozenset({"doc.actors","doc.places","doc.dates","doc.quantities","doc.claims"})
    assigns = frozenset({"doc.events"})

    def __call__(self, doc: Document) -> Document:
        return doc


__all__ = ["EventStage"]
