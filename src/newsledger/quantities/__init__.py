"""The quantities stage (first placeholder: assigns nothing yet; replaced by the stage's issue)."""

from __future__ import annotations

from ..document import Document
from ..pipeline import Stage


class QuantityStage(Stage):
    name = "quantities"
    requires = frozenset({"doc.actors"})
    assigns = frozenset({"doc.quantities"})

    def __call__(self, doc: Document) -> Document:
        return doc


__all__ = ["QuantityStage"]
