"""The events stage: ACLED-typed and PLOVER-typed events with actors, place, date, fatalities,
certainty and confidence (SCHEMA.md ``Event`` records). See docs/events.md and docs/taxonomy.md.

Trigger lexicons and dependency rules over the spaCy parse find the events of each sentence
(:mod:`.extract`); a linear classifier over TF-IDF and codebook cue features, stacked with one over
MiniLM sentence embeddings (:mod:`.embed`), picks the ACLED sub-type where the trigger alone does
not decide it (:mod:`.classifier`, trained by :mod:`.train`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..document import Document
from ..pipeline import Stage
from .classifier import SubtypeClassifier
from .embed import clear_cache
from .extract import EMBED_SCOPE, check_scope, classifier_inputs, extract, parse_count
from .plover import keep_gated_acts, political_acts
from .plover_claims import link_claims
from .relevance import gate, shipped_model
from .rules import default_rules


class EventStage(Stage):
    """Fills ``doc.events``. Reads the parse, ``doc.actors``, ``doc.places``, ``doc.dates``,
    ``doc.claims`` by offsets; needs nothing else from the other stages."""

    name = "events"
    requires = frozenset({"doc.actors", "doc.places", "doc.dates", "doc.quantities", "doc.claims"})
    assigns = frozenset({"doc.events"})

    def __init__(
        self,
        min_confidence: float = 0.0,
        classifier: Any | None = None,
        embeddings: bool = True,
        embed_scope: str = EMBED_SCOPE,
        keep_unasserted: bool = False,
        trace: bool = False,
        rules_off: Iterable[str] = (),
        relevance: bool = True,
    ):
        """``embeddings`` (setting ``events.embeddings``): score sentences with the sentence-
        embedding half of the sub-type classifier too (more accurate; MiniLM on onnxruntime,
        loaded on the first sentence that needs it). False: the TF-IDF ensemble alone.
        ``embed_scope`` (``events.embed_scope``): which texts are embedded -- "typed" (the
        sentences whose trigger the classifier types; within the cost budget), "sentences"
        (every classified sentence; CV +0.002, three times the cost) or "all" (paragraphs too);
        see docs/events.md. ``keep_unasserted`` (``events.keep_unasserted``): keep the events
        that are not asserted (certainty conditional, future, hypothetical, generic, negated);
        ``trace`` (``events.trace``, ``extract --why``): fill ``Event.why``; ``rules_off``
        (``events.rules_off``): rule ids of data/rules.toml switched off.
        ``relevance`` (``events.relevance``): drop the ACLED-typed events that the relevance
        model scores out of ACLED's scope (:mod:`.relevance`; scored when ``embeddings`` is on,
        and recorded even when this is off)."""
        self.min_confidence = min_confidence
        self.embeddings = embeddings
        self.embed_scope = check_scope(embed_scope)
        self.rules = default_rules().configured(rules_off, keep_unasserted, trace)
        self.relevance = relevance
        self._classifier = classifier

    @property
    def classifier(self) -> Any:
        if self._classifier is None:
            self._classifier = SubtypeClassifier(embeddings=self.embeddings)
        return self._classifier

    def __call__(self, doc: Document, batched: bool = False) -> Document:
        sdoc = doc.user_data.get("spacy")
        if sdoc is None:
            doc.warnings.append("events: no spaCy parse, no events extracted")
            return doc
        if not batched and hasattr(self.classifier, "prime"):
            texts, parts = classifier_inputs(doc, sdoc, self.embed_scope, self.rules)
            self.classifier.prime(texts, parts=parts)
        events = extract(doc, sdoc, self.classifier, self.rules)
        if self.embeddings:  # relevance before the events go out (reuses the vectors)
            gated = gate(doc, events, shipped_model(), enabled=self.relevance)
            events = keep_gated_acts(doc, events, gated)  # out of ACLED's scope, still PLOVER
        events = political_acts(doc, events, self.rules)  # PLOVER acts need a political party
        doc.events = [e for e in events if e.confidence >= self.min_confidence]
        link_claims(doc, doc.events)  # a verbal act and its claim point at each other
        doc.user_data.pop("events.actor_index", None)
        return doc

    def pipe(self, docs: Iterable[Document], batch_size: int = 32) -> Iterator[Document]:
        docs = list(docs)
        if self.embeddings:
            clear_cache()  # vectors serve one batch; an article's sentences rarely recur
        if hasattr(self.classifier, "prime"):
            texts: list[str] = []
            parts: dict[str, list[str]] | None = {}
            for d in docs:
                if d.user_data.get("spacy") is None:
                    continue
                t, p = classifier_inputs(d, d.user_data["spacy"], self.embed_scope, self.rules)
                texts += t
                if p is None or parts is None:
                    parts = None
                else:
                    parts.update(p)
            self.classifier.prime(texts, parts=parts)
        for doc in docs:
            yield self(doc, batched=True)


__all__ = ["EventStage", "extract", "parse_count"]
