"""The claims stage (first placeholder: assigns nothing yet; replaced by the stage's issue)."""

from __future__ import annotations

from ..document import Document
from ..pipeline import Stage


class ClaimStage(Stage):
    name = "claims"
    requires = frozenset({"doc.actors","doc.dates"})
    assigns = frozenset({"doc.claims"})

    def __call__(self, doc: Document) -> Document:
        return doc


__all__ = ["ClaimStage"]
