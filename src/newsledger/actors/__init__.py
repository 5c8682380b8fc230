"""The actors stage (first placeholder: assigns nothing yet; replaced by the stage's issue)."""

from __future__ import annotations

from ..document import Document
from ..pipeline import Stage


class ActorStage(Stage):
    name = "actors"
    requires = frozenset({"doc.entities"})
    assigns = frozenset({"doc.actors"})

    def __call__(self, doc: Document) -> Document:
        return doc


__all__ = ["ActorStage"]
