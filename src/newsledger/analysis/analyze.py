"""One pass of cross-article analysis over a set of documents.

:func:`analyze` flattens the documents, finds republished copies, clusters event reports into
events and claims into statements, finds contradictions, and links each claim to the events it
speaks of. The result, :class:`Analysis`, is what the ledger and the trends read.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from ..document import Document
from .claimclusters import (
    ClaimCluster,
    Contradiction,
    cluster_claims,
    find_contradictions,
)
from .corroborate import ClusterParams, EventCluster, cluster_events
from .dedup import DEFAULT_THRESHOLD, DuplicateIndex, find_duplicates
from .records import ClaimRecord, Corpus, EventRecord, flatten, to_ordinal_range
from .text import normalize_name, speaks_of_type, words

R = TypeVar("R")

#: certainties of a report that stand on their own (not merely someone's claim)
ASSERTED = frozenset({"reported", "confirmed"})


@dataclass
class Analysis:
    """Everything cross-article, with indexes from records to their clusters."""

    corpus: Corpus
    duplicates: DuplicateIndex
    events: list[EventCluster]
    claim_clusters: list[ClaimCluster]
    contradictions: list[Contradiction]
    event_of: dict[str, int] = field(default_factory=dict)  # event record key -> events index
    claim_cluster_of: dict[str, int] = field(default_factory=dict)  # claim key -> cluster index
    claim_events: dict[str, list[int]] = field(default_factory=dict)  # claim key -> events idx
    #: claim key -> (original) documents that deny or negate it
    contradicting_docs: dict[str, set[str]] = field(default_factory=dict)

    def corroborating_reports(self, claim: ClaimRecord) -> list[EventRecord]:
        """Event reports that back ``claim`` without resting on it.

        A report backs a claim when an outlet asserts it (reported/confirmed) or someone other
        than the claimant says it (a hospital, a ministry), outside the claim's own sentence, and
        not in a document that contradicts the claim (the side that denies it does not back it).
        Reports whose source is unknown ("claimed" with no claim) do not count.
        """
        own = {claim.speaker_key, claim.speaker_org_key} - {None, ""}
        against = self.contradicting_docs.get(claim.key, set())
        out = []
        for ci in self.claim_events.get(claim.key, []):
            for m in self.events[ci].members:
                if m.claim_key == claim.key or m.certainty in ("denied", "hypothetical"):
                    continue
                if m.certainty not in ASSERTED and not (
                    m.claim_speaker and m.claim_speaker not in own
                ):
                    continue
                if self.duplicates.original(m.doc_id) in against:
                    continue
                if self.duplicates.original(m.doc_id) == self.duplicates.original(
                    claim.doc_id
                ) and _overlaps(m.start, m.end, claim.start, claim.end):
                    continue
                out.append(m)
        return out

    def independent_backing(self, reports: Iterable[EventRecord]) -> int:
        """Independent outlets among reports (copies count as their original's outlet)."""
        keys = set()
        for m in reports:
            root = self.duplicates.original(m.doc_id)
            info = self.corpus.docs.get(root)
            keys.add(info.source_key if info else m.source_key)
        return len(keys)


def _overlaps(a0: int | None, a1: int | None, b0: int | None, b1: int | None) -> bool:
    if a0 is None or a1 is None or b0 is None or b1 is None:
        return False
    return a0 < b1 and b0 < a1


def analyze(
    docs: Iterable[Document] | Corpus,
    params: ClusterParams | None = None,
    dedup_threshold: float = DEFAULT_THRESHOLD,
) -> Analysis:
    """Run the cross-article analysis over documents (or an already flattened corpus)."""
    corpus = docs if isinstance(docs, Corpus) else flatten(docs)
    dup = find_duplicates(corpus.bodies, corpus.docs, threshold=dedup_threshold)
    corpus.bodies.clear()
    # a copy's undated events are dated by its original, not by the republication
    for i, e in enumerate(corpus.events):
        if dup.is_copy(e.doc_id):
            info = corpus.docs.get(dup.original(e.doc_id))
            if info and info.date:
                corpus.events[i] = dataclasses.replace(e, fallback_date=info.date)
    events = cluster_events(corpus.events, dup, corpus.docs, params)
    claim_clusters = cluster_claims(corpus.claims, dup, corpus.docs)
    contradictions = find_contradictions(corpus.claims, dup)
    a = Analysis(corpus, dup, events, claim_clusters, contradictions)
    for i, c in enumerate(events):
        for m in c.members:
            a.event_of[m.key] = i
    for i, cc in enumerate(claim_clusters):
        for c in cc.claims:
            a.claim_cluster_of[c.key] = i
    for x in contradictions:
        a.contradicting_docs.setdefault(x.claim.key, set()).add(dup.original(x.by.doc_id))
    _link_claims_to_events(a)
    return a


def _near_in_time(event_date: str | None, claim_date: str | None, days: int = 90) -> bool:
    """An event can be spoken of by a claim made up to ``days`` after it (unknown: yes)."""
    ev = to_ordinal_range(event_date)
    cl = to_ordinal_range(claim_date)
    if ev is None or cl is None:
        return True
    return ev[0] <= cl[1] + 1 and ev[1] >= cl[0] - days


def _link_claims_to_events(a: Analysis) -> None:
    """Which events each claim speaks of (:func:`link_claim`), for every claim of the corpus.

    Events are indexed by (actor, place name), and a claim looks up its own word n-grams, so the
    cost grows with the number of claims, not claims x events.
    """
    by_doc: dict[str, list[EventRecord]] = defaultdict(list)
    for e in a.corpus.events:
        by_doc[e.doc_id].append(e)
    by_actor_place: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, c in enumerate(a.events):
        place = normalize_name(c.place)
        if place:
            for k in c.actor_keys:
                by_actor_place[(k, place)].append(i)

    def at(k: str, g: str) -> list[tuple[int, EventCluster]]:
        return [(ci, a.events[ci]) for ci in by_actor_place.get((k, g), ())]

    for claim in a.corpus.claims:
        doc_events = [(e, a.event_of[e.key]) for e in by_doc.get(claim.doc_id, [])]
        a.claim_events[claim.key] = link_claim(claim, doc_events, at)


def link_claim(
    claim: ClaimRecord,
    doc_events: Iterable[tuple[EventRecord, R]],
    clusters_at: Callable[[str, str], Iterable[tuple[R, EventCluster]]],
    max_words: int = 4,
) -> list[R]:
    """The events (cluster references, any sortable kind) ``claim`` speaks of: events known
    through the claim; events reported in the claim's own sentence, or in its article with a
    word for their type ("the attack") — in the order of the article; then, oldest cluster
    first, events of the claim's actors (speaker, or an actor the content names) at a place the
    content names, with a word for that type of event ("raid", "bombing"), up to 90 days before
    the claim. ``doc_events``: the reports of the claim's document, in order, with their
    clusters; ``clusters_at(actor key, place key)``: the clusters with that actor at that place.
    """
    linked: dict[R, None] = {}
    for e, ref in doc_events:
        if (
            e.claim_key == claim.key
            or _overlaps(e.start, e.end, claim.start, claim.end)
            or speaks_of_type(claim.content, e.type, e.plover)
        ):
            linked[ref] = None
    toks = words(claim.content)
    grams = {
        " ".join(toks[i : i + n]) for n in range(1, max_words + 1) for i in range(len(toks) - n + 1)
    }
    own = {claim.speaker_key, claim.speaker_org_key} - {None, ""}
    actors = {k for k in own if k} | {k for k in claim.about_keys if k in grams}
    more: set[R] = set()
    for k in sorted(actors):
        for g in sorted(grams):
            for ref, ev in clusters_at(k, g):
                if ref in linked or ref in more:
                    continue
                if not _near_in_time(ev.date or ev.date_range[0], claim.date):
                    continue
                if speaks_of_type(claim.content, ev.type, ev.plover):
                    more.add(ref)
    return [*linked, *sorted(more)]  # type: ignore[type-var]


__all__ = ["ASSERTED", "Analysis", "analyze", "link_claim"]
