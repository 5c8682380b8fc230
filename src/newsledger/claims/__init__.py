"""The claims stage: who said what, to whom, how surely (SCHEMA.md ``Claim`` records).

Direct quotes (also split by their attribution and running over paragraphs), indirect speech
with reporting verbs and "according to", mixed quotes, and the attitudes a careful reader sees
as attributions (beliefs, intentions, evidence, sentiments, topics: ``Claim.kind``). Rules over
the spaCy parse; the reporting verbs, attitude cues, hedges, channel nouns, evidence nouns and
speaker nouns are data files in ``claims/data/``. See docs/claims.md.
"""

from __future__ import annotations

from ..document import Document
from ..pipeline import Stage
from .extract import extract


class ClaimStage(Stage):
    """Fills ``doc.claims``. The speaker's resolved name per claim id (also where no actor
    exists) is left on ``doc.user_data["claims.names"]`` for evaluation and later stages."""

    name = "claims"
    requires = frozenset({"doc.actors", "doc.dates"})
    assigns = frozenset({"doc.claims"})

    def __call__(self, doc: Document) -> Document:
        claims, names = extract(doc)
        doc.claims = claims
        doc.user_data["claims.names"] = names
        return doc


__all__ = ["ClaimStage", "extract"]
