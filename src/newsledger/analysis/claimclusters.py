"""Claims across documents: the same statement carried by several outlets, and contradictions.

*Same statement*: two claims whose content words (stemmed, stopwords dropped) have a Jaccard
similarity of at least ``threshold`` and the same polarity. Candidates come from a MinHash/LSH
index over the content words, so the grouping stays sub-quadratic; each candidate pair is
verified exactly, and groups are the connected pairs. "Who else says this" is the rest of a
claim's group.

*Contradiction*: a claim of opposite polarity — a denial cue (deny, reject, dismiss ...) or a
negated content — whose content words cover at least ``min_overlap`` of the smaller claim's
(overlap coefficient, with at least two shared words where both have two) — and of the words
that are not names, so that two statements about the same actors and places but saying different
things do not count — said by another speaker (a speaker reversing itself is not "another
source"). "X denied carrying out the market bombing" contradicts
"X carried out the market bombing in Jalalabad".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from datasketch import MinHash, MinHashLSH

from ..document import content_id
from .dedup import DuplicateIndex
from .records import ClaimRecord, DocInfo
from .text import is_denial_cue

DEFAULT_THRESHOLD = 0.5
NUM_PERM = 64


@dataclass
class ClaimCluster:
    """Claims that say the same thing."""

    id: str
    claims: list[ClaimRecord]
    speakers: list[str]
    outlets: list[str]
    independent_sources: int
    polarity: int
    topic: str

    @property
    def content(self) -> str:
        """The representative wording (the earliest claim's)."""
        return self.claims[0].content

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "content": self.content,
            "speakers": self.speakers,
            "outlets": self.outlets,
            "independent_sources": self.independent_sources,
            "polarity": self.polarity,
            "topic": self.topic,
            "claims": [claim_to_dict(c) for c in self.claims],
        }


@dataclass
class Contradiction:
    """``claim`` is contradicted by ``by`` (a denial or the negated statement)."""

    claim: ClaimRecord
    by: ClaimRecord
    overlap: float
    kind: str  # "denial" (a denial cue) or "negation" (negated content)

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": claim_to_dict(self.claim),
            "by": claim_to_dict(self.by),
            "overlap": round(self.overlap, 3),
            "kind": self.kind,
        }


def claim_to_dict(c: ClaimRecord) -> dict[str, Any]:
    return {
        "key": c.key,
        "doc_id": c.doc_id,
        "speaker": c.speaker,
        "speaker_org": c.speaker_org,
        "cue": c.cue,
        "content": c.content,
        "date": c.date,
        "outlet": c.outlet,
        "hedged": c.hedged,
        "polarity": c.polarity,
        "topic": c.topic,
        "sentence": c.sentence,
        "start": c.start,
        "end": c.end,
    }


def independent_count(
    doc_ids: Iterable[str],
    source_keys: Mapping[str, str],
    dup: DuplicateIndex | None,
    docs: Mapping[str, DocInfo] | None = None,
) -> int:
    """How many independent outlets among documents: copies count as their original, and two
    documents of one outlet count once."""
    outlets: set[str] = set()
    for d in doc_ids:
        root = dup.original(d) if dup else d
        info = (docs or {}).get(root)
        outlets.add(info.source_key if info else source_keys.get(d, "doc:" + root))
    return len(outlets)


def cluster_claims(
    claims: list[ClaimRecord],
    duplicates: DuplicateIndex | None = None,
    docs: Mapping[str, DocInfo] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[ClaimCluster]:
    """Group claims that make the same statement (see the module docstring)."""
    lsh = MinHashLSH(threshold=max(0.1, threshold - 0.1), num_perm=NUM_PERM)
    parent = list(range(len(claims)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, c in enumerate(claims):
        if len(c.terms) < 2:
            continue
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch([t.encode("utf-8") for t in sorted(c.terms)])
        for j in lsh.query(m):
            o = claims[j]
            if o.polarity != c.polarity:
                continue
            jac = len(c.terms & o.terms) / len(c.terms | o.terms)
            if jac >= threshold:
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[ri] = rj
        lsh.insert(i, m)

    groups: dict[int, list[ClaimRecord]] = defaultdict(list)
    for i, c in enumerate(claims):
        groups[find(i)].append(c)
    return [claim_cluster(members, duplicates, docs) for members in groups.values()]


def claim_cluster(
    members: list[ClaimRecord],
    duplicates: DuplicateIndex | None = None,
    docs: Mapping[str, DocInfo] | None = None,
) -> ClaimCluster:
    """The cluster of claims ``members`` (one group of :func:`cluster_claims`)."""
    members = sorted(members, key=lambda c: (c.date or "9999", c.key))
    sk = {c.doc_id: c.source_key for c in members}
    speakers = list(dict.fromkeys(c.speaker for c in members))
    outlets = sorted({c.outlet or c.doc_id for c in members})
    topics = [c.topic for c in members if c.topic != "other"]
    return ClaimCluster(
        id="cl:" + content_id("|".join(sorted(c.key for c in members))),
        claims=members,
        speakers=speakers,
        outlets=outlets,
        independent_sources=independent_count([c.doc_id for c in members], sk, duplicates, docs),
        polarity=members[0].polarity,
        topic=max(set(topics), key=topics.count) if topics else "other",
    )


def _same_speaker(a: ClaimRecord, b: ClaimRecord) -> bool:
    ka = {a.speaker_key, a.speaker_org_key} - {None, ""}
    kb = {b.speaker_key, b.speaker_org_key} - {None, ""}
    return bool(ka & kb)


def find_contradictions(
    claims: list[ClaimRecord],
    duplicates: DuplicateIndex | None = None,
    min_overlap: float = 0.5,
    max_df: int = 2000,
) -> list[Contradiction]:
    """Pairs of claims of opposite polarity about the same proposition (see module docstring).

    An inverted index over content words gives the candidates; words carried by more than
    ``max_df`` claims are too common to propose a pair.
    """
    index: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        for t in c.terms:
            index[t].append(i)
    out: list[Contradiction] = []
    for c in claims:
        if c.polarity >= 0 or not c.terms:
            continue
        shared: dict[int, int] = defaultdict(int)
        for t in c.terms:
            lst = index[t]
            if len(lst) > max_df:
                continue
            for j in lst:
                shared[j] += 1
        for j, n in shared.items():
            x = contradiction(c, claims[j], n, duplicates, min_overlap)
            if x is not None:
                out.append(x)
    out.sort(key=lambda x: (x.claim.key, -x.overlap, x.by.key))
    return out


def contradiction(
    c: ClaimRecord,
    o: ClaimRecord,
    n: int,
    duplicates: DuplicateIndex | None = None,
    min_overlap: float = 0.5,
) -> Contradiction | None:
    """Whether the negative claim ``c`` contradicts ``o``, sharing ``n`` content words (those
    not too common to propose a pair): the test of :func:`find_contradictions` for one pair."""
    if c.polarity >= 0 or o.polarity <= 0 or o.doc_id == c.doc_id:
        return None
    if duplicates and duplicates.original(o.doc_id) == duplicates.original(c.doc_id):
        return None
    if _same_speaker(c, o):
        return None
    small = min(len(c.terms), len(o.terms))
    if n < min(2, small) or n / small < min_overlap:
        return None
    # names say what both are about; the rest must overlap too (what they say)
    pa, pb = c.terms - c.name_terms, o.terms - o.name_terms
    if pa and pb:
        shared = len(pa & pb)
        if shared == 0 or shared / min(len(pa), len(pb)) < min_overlap:
            return None
    kind = "denial" if is_denial_cue(c.cue) else "negation"
    return Contradiction(claim=o, by=c, overlap=n / small, kind=kind)


__all__ = [
    "ClaimCluster",
    "Contradiction",
    "claim_cluster",
    "claim_to_dict",
    "cluster_claims",
    "contradiction",
    "find_contradictions",
    "independent_count",
]
