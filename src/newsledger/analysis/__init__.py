"""Cross-article analysis: republished copies, event corroboration, claim clusters, the ledger of
an actor, and trends. The functions take documents (or flattened records), never a store, so the
same code runs on a list, a store iterator, or a batch in a worker process.

    from newsledger.analysis import analyze, build_ledger
    a = analyze(store.iter_documents())
    ledger = build_ledger(a, "Taliban")
"""

from __future__ import annotations

from .analyze import Analysis, analyze
from .claimclusters import ClaimCluster, Contradiction, cluster_claims, find_contradictions
from .corroborate import ClusterParams, EventCluster, cluster_events
from .dedup import DuplicateIndex, find_duplicates
from .ledger import Ledger, build_ledger, resolve_actor
from .records import ClaimRecord, Corpus, EventRecord, flatten
from .trends import TrendTable, compute_trends

__all__ = [
    "Analysis",
    "ClaimCluster",
    "ClaimRecord",
    "ClusterParams",
    "Contradiction",
    "Corpus",
    "DuplicateIndex",
    "EventCluster",
    "EventRecord",
    "Ledger",
    "TrendTable",
    "analyze",
    "build_ledger",
    "cluster_claims",
    "cluster_events",
    "compute_trends",
    "find_contradictions",
    "find_duplicates",
    "flatten",
    "resolve_actor",
]
