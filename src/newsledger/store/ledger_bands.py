"""LSH bands for the ledger index (``store.ledger_index``), as datasketch's MinHashLSH cuts them.

Each band of a MinHash is stored as one 64-bit hash: two sets share a stored band exactly when
MinHashLSH would propose them as a pair, so candidate pairs are found with an indexed lookup.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from datasketch import MinHash, MinHashLSH

from ..analysis import claimclusters, dedup


@lru_cache(maxsize=4)
def _ranges(threshold: float, num_perm: int) -> tuple[tuple[int, int], ...]:
    return tuple(MinHashLSH(threshold=threshold, num_perm=num_perm).hashranges)


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[Any, Any]:
    m = MinHash(num_perm=num_perm)  # the default seed's permutations, made once
    return m.permutations, m.scheme


def bands(tokens: Iterable[str], threshold: float, num_perm: int) -> list[int]:
    """One 64-bit hash per LSH band of the MinHash of ``tokens``: two sets share a band exactly
    when MinHashLSH would propose them as a pair."""
    perms, scheme = _permutations(num_perm)
    m = MinHash(num_perm=num_perm, permutations=perms, scheme=scheme)
    m.update_batch([t.encode("utf-8") for t in tokens])
    out = []
    for i, (s, e) in enumerate(_ranges(threshold, num_perm)):
        h = hashlib.blake2b(i.to_bytes(2, "little") + m.hashvalues[s:e].tobytes(), digest_size=8)
        out.append(int.from_bytes(h.digest(), "little", signed=True))
    return out


def dup_bands(sh: set[str]) -> list[int]:
    return bands(sh, min(dedup.DEFAULT_THRESHOLD, dedup.CANDIDATES), dedup.NUM_PERM)


def claim_bands(terms: frozenset[str]) -> list[int]:
    t = claimclusters.DEFAULT_THRESHOLD
    return bands(sorted(terms), max(0.1, t - 0.1), claimclusters.NUM_PERM)


def is_copy_pair(a: set[str], b: set[str]) -> float | None:
    """The Jaccard similarity of two shingle sets when dedup.py counts them as copies."""
    inter = len(a & b)
    j = inter / len(a | b)
    small = min(len(a), len(b))
    if j >= dedup.DEFAULT_THRESHOLD or (
        small >= dedup.MIN_EXCERPT and inter / small >= dedup.CONTAINMENT
    ):
        return j
    return None


__all__ = ["bands", "claim_bands", "dup_bands", "is_copy_pair"]
