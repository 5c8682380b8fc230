"""The events stage: ACLED-typed and PLOVER-typed events with actors, place, date, fatalities,
certainty and confidence (SCHEMA.md ``Event`` records). See docs/events.md and docs/taxonomy.md.

Trigger lexicons and dependency rules over the spaCy parse find the events of each sentence
(:mod:`.extract`); a linear classifier over TF-IDF and codebook cue features picks the ACLED
sub-type where the trigger alone does not decide it (:mod:`.classifier`, trained by :mod:`.train`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..document import Document
from ..pipeline import Stage
from .classifier import SubtypeClassifier
from .extract import classifiable_sentences, extract, parse_count


class EventStage(Stage):
    """Fills ``doc.events``. Reads the parse, ``doc.actors``, ``doc.places``, ``doc.dates``,
    ``doc.claims`` by offsets; needs nothing else from the other stages."""

    name = "events"
    requires = frozenset({"doc.actors", "doc.places", "doc.dates", "doc.quantities", "doc.claims"})
    assigns = frozenset({"doc.events"})

    def __init__(self, min_confidence: float = 0.0, classifier: Any | None = None):
        self.min_confidence = min_confidence
        self._classifier = classifier

    @property
    def classifier(self) -> Any:
        if self._classifier is None:
            self._classifier = SubtypeClassifier()
        return self._classifier

    def __call__(self, doc: Document, batched: bool = False) -> Document:
        sdoc = doc.user_data.get("spacy")
        if sdoc is None:
            doc.warnings.append("events: no spaCy parse, no events extracted")
            return doc
        if not batched and hasattr(self.classifier, "prime"):
            self.classifier.prime(classifiable_sentences(doc, sdoc))
        events = extract(doc, sdoc, self.classifier)
        doc.events = [e for e in events if e.confidence >= self.min_confidence]
        doc.user_data.pop("events.actor_index", None)
        return doc

    def pipe(self, docs: Iterable[Document], batch_size: int = 32) -> Iterator[Document]:
        docs = list(docs)
        if hasattr(self.classifier, "prime"):
            texts = [
                t
                for d in docs
                if d.user_data.get("spacy") is not None
                for t in classifiable_sentences(d, d.user_data["spacy"])
            ]
            self.classifier.prime(texts)
        for doc in docs:
            yield self(doc, batched=True)


__all__ = ["EventStage", "extract", "parse_count"]
