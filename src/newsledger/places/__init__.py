"""The places stage (first placeholder: assigns nothing yet; replaced by the stage's issue)."""

from __future__ import annotations

from ..document import Document
from ..pipeline import Stage


class PlaceStage(Stage):
    name = "places"
    requires = frozenset({"doc.entities"})
    assigns = frozenset({"doc.places"})

    def __call__(self, doc: Document) -> Document:
        return doc


__all__ = ["PlaceStage"]
