"""Republished copies: near-duplicate documents by MinHash/LSH over the cleaned body.

Each document's body (headline and captions left out: a republication changes them) is cut into
word 5-shingles and hashed with ``datasketch.MinHash``; a ``MinHashLSH`` index proposes candidate
pairs (estimated Jaccard >= 0.4) without comparing every pair, and each candidate is verified
exactly: a Jaccard similarity of the shingle sets >= ``threshold`` (0.7), or an excerpt — 90% of
the shorter text's shingles inside the longer one (a republication that cuts the end). Connected copies form a group whose *original* is the
earliest document (reference date, then publication date, then id); every other member is a copy
linked to it and never counts as an independent source.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from datasketch import MinHash, MinHashLSH

from .records import DocInfo
from .text import shingles

DEFAULT_THRESHOLD = 0.7
CONTAINMENT = 0.9  # a shorter text this much inside a longer one is an excerpt: a copy too
MIN_EXCERPT = 20  # shingles, at least, of a text matched by containment
CANDIDATES = 0.4  # the LSH threshold that proposes pairs (below both tests, so few are missed)
NUM_PERM = 128


@dataclass
class DuplicateLink:
    """A copy and the original it reproduces."""

    copy: str
    original: str
    similarity: float  # exact Jaccard similarity of the bodies' 5-shingles


@dataclass
class DuplicateIndex:
    """Which documents are copies of which: ``original(doc_id)`` is the root of a group."""

    links: dict[str, DuplicateLink] = field(default_factory=dict)  # copy id -> link
    groups: list[list[str]] = field(default_factory=list)  # original first

    def original(self, doc_id: str) -> str:
        """The original of ``doc_id`` (itself when it is not a copy)."""
        link = self.links.get(doc_id)
        return link.original if link else doc_id

    def is_copy(self, doc_id: str) -> bool:
        return doc_id in self.links

    def copies_of(self, doc_id: str) -> list[str]:
        return [c for c, link in self.links.items() if link.original == doc_id]


def _date_key(info: DocInfo | None, doc_id: str) -> tuple[str, str, str]:
    if info is None:
        return ("9999", "9999", doc_id)
    return (info.reference_date or info.published or "9999", info.published or "9999", doc_id)


def find_duplicates(
    bodies: Mapping[str, str] | Iterable[tuple[str, str]],
    infos: Mapping[str, DocInfo] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    num_perm: int = NUM_PERM,
    k: int = 5,
) -> DuplicateIndex:
    """Find near-duplicate documents.

    ``bodies``: document id -> cleaned body text. ``infos`` gives the dates that decide which
    member of a group is the original. Texts shorter than ``k`` words are never matched.
    """
    items = bodies.items() if isinstance(bodies, Mapping) else bodies
    infos = infos or {}
    lsh = MinHashLSH(threshold=min(threshold, CANDIDATES), num_perm=num_perm)
    sh: dict[str, set[str]] = {}
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    sims: dict[tuple[str, str], float] = {}
    for doc_id, text in items:
        s = shingles(text, k)
        if len(s) < 2:  # too short to say anything
            continue
        if doc_id in sh:  # the same id twice: keep the first
            continue
        m = MinHash(num_perm=num_perm)
        m.update_batch([x.encode("utf-8") for x in s])
        sh[doc_id] = s
        parent[doc_id] = doc_id
        for other in lsh.query(m):
            o = sh[other]
            inter = len(s & o)
            j = inter / len(s | o)
            small = min(len(s), len(o))
            if j >= threshold or (small >= MIN_EXCERPT and inter / small >= CONTAINMENT):
                sims[(doc_id, other)] = j
                ra, rb = find(doc_id), find(other)
                if ra != rb:
                    parent[ra] = rb
        lsh.insert(doc_id, m)

    members: dict[str, list[str]] = {}
    for d in sh:
        members.setdefault(find(d), []).append(d)
    index = DuplicateIndex()
    for group in members.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda d: _date_key(infos.get(d), d))
        orig = group[0]
        index.groups.append(group)
        for c in group[1:]:
            sim = sims.get((c, orig)) or sims.get((orig, c))
            if sim is None:  # linked through another copy: measure against the original
                sim = len(sh[c] & sh[orig]) / len(sh[c] | sh[orig])
            index.links[c] = DuplicateLink(copy=c, original=orig, similarity=round(sim, 3))
    return index
