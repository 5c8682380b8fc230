"""Event corroboration: reports of the same real event, across documents, in one cluster.

Two reports are the same event when nothing contradicts it and enough agrees:

- **type** — the same ACLED event type (sub-types may differ: one outlet's "suicide bomb" is
  another's "IED"), or the same PLOVER type where no ACLED type is given;
- **date** — within ``window_days`` (a report without an event date is placed in the
  ``fallback_lookback_days`` before its document's date: compatible, never a positive match);
- **place** — within ``max_km`` where both have coordinates of a city/site, or the same place
  name; a country or province is only *compatible* with the places inside it;
- **actors** — at least one specific (named, non-generic) actor in common;
- **document** — two reports in one article (or its copies) that nothing tells apart are one
  event: "a bomb killed 13 in Jalalabad ... ISKP claimed the bombing";
- **assertion** — a report that does not assert the event (hypothetical, conditional, future,
  generic, negated: ``UNASSERTED_CERTAINTIES``) is never merged with one that does.

A report joins a cluster when no dimension contradicts any member and the place or an actor
(or the document) matches one member (a date alone would put every event of a busy day together). Where both
reports are precise, every dimension has to agree, so two precise reports meet on date, place
and actors; a report without a date or a place still clusters on what it has, and the cluster
says what was missing.

Not quadratic: reports are *blocked* by keys — (event type) × (date bucket of
``window_days + 1`` days) × (a geo cell of ``max_km``, a place name, an actor, or the document)
— and a report is only compared with the clusters in its own and neighbouring blocks. Reports
are taken best-described first (exact date, coordinates, named actors), so clusters are anchored
by precise reports and vague ones attach to them; a vague report that fits several clusters
equally well stays alone rather than gluing them together.

The order is total (:func:`order_key`) and a report's choice depends only on the clusters that
have a member under one of its query keys, founded before it (compared oldest first; the
``max_candidates`` most recently founded when there are more): that is what lets
``store.ledger_index`` keep the clusters of a growing store up to date by re-deciding only the
reports whose candidates changed, with the same result as clustering everything again.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..document import UNASSERTED_CERTAINTIES, content_id
from .dedup import DuplicateIndex
from .records import PRECISE_PLACE_KINDS, DocInfo, EventRecord, to_ordinal_range
from .text import normalize_name

MATCH, COMPATIBLE, MISSING, VETO = 2, 1, 0, -1


@dataclass(frozen=True)
class ClusterParams:
    """Thresholds of event clustering."""

    max_km: float = 50.0
    window_days: int = 3
    fallback_lookback_days: int = 7
    max_candidates: int = 200  # clusters compared per report, at most (guards huge blocks)
    max_members_compared: int = 25


@dataclass
class Figure:
    """A fatality figure and who gives it."""

    value: int
    text: str | None
    outlet: str | None
    doc_id: str
    according_to: str | None = None  # the speaker, when the figure comes from a claim
    copy_of: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class SourceRef:
    """A document that reports the event."""

    doc_id: str
    outlet: str | None
    published: str | None
    copy_of: str | None = None
    independent: bool = True  # False for copies, a second report by one outlet, and denials
    denies: bool = False  # the document reports the event only as denied
    hypothetical: bool = False  # ... or only as a possibility (may, could, threatens to)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class EventCluster:
    """One real event and every report of it."""

    id: str
    type: str | None
    subtype: str | None
    plover: str | None
    date: str | None
    date_range: tuple[str | None, str | None]
    actors: list[str]
    actor_keys: set[str]
    perpetrators: dict[str, list[str]]  # actor1 as each outlet names it
    place: str | None
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    members: list[EventRecord]
    sources: list[SourceRef]
    independent_sources: int
    outlets: list[str]
    fatalities: list[Figure]
    fatalities_conflict: bool
    missing: list[str]
    certainty: str

    @property
    def fatalities_range(self) -> tuple[int, int] | None:
        vals = [f.value for f in self.fatalities]
        return (min(vals), max(vals)) if vals else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "subtype": self.subtype,
            "plover": self.plover,
            "date": self.date,
            "date_range": list(self.date_range),
            "actors": self.actors,
            "perpetrators": self.perpetrators,
            "place": self.place,
            "admin1": self.admin1,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "independent_sources": self.independent_sources,
            "outlets": self.outlets,
            "sources": [s.to_dict() for s in self.sources],
            "fatalities": [f.to_dict() for f in self.fatalities],
            "fatalities_conflict": self.fatalities_conflict,
            "missing": self.missing,
            "certainty": self.certainty,
            "reports": [
                {
                    "doc_id": m.doc_id,
                    "event": m.key,
                    "outlet": m.outlet,
                    "sentence": m.sentence,
                    "start": m.start,
                    "end": m.end,
                }
                for m in self.members
            ],
        }


# -- one report, prepared for comparison ------------------------------------------------------
class _Prep:
    __slots__ = (
        "actors",
        "admin1",
        "asserted",
        "country",
        "detail",
        "doc",
        "exact",
        "fams",
        "hi",
        "lat",
        "lo",
        "lon",
        "nmissing",
        "place_key",
        "precise",
        "rec",
        "vtype",
    )

    def __init__(self, rec: EventRecord, params: ClusterParams, doc: str | None = None):
        self.rec = rec
        self.doc = doc or rec.doc_id  # the original document (a copy's events are its original's)
        self.vtype = rec.type
        self.asserted = rec.certainty not in UNASSERTED_CERTAINTIES
        fams = []
        if rec.type:
            fams.append("t:" + rec.type)
        if rec.plover:
            fams.append("p:" + rec.plover)
        self.fams = tuple(fams) or ("?",)
        rng = to_ordinal_range(rec.date)
        self.exact = rng is not None and rng[0] == rng[1]
        if rng is None and rec.fallback_date:
            fb = to_ordinal_range(rec.fallback_date)
            if fb is not None:
                rng = (fb[0] - params.fallback_lookback_days, fb[1])
        self.lo, self.hi = rng if rng else (None, None)
        self.precise = (
            rec.lat is not None
            and rec.lon is not None
            and (rec.place_kind is None or rec.place_kind in PRECISE_PLACE_KINDS)
        )
        self.lat, self.lon = rec.lat, rec.lon
        self.place_key = normalize_name(rec.place_name) or None
        self.admin1 = normalize_name(rec.admin1) or None
        self.country = (rec.country or "").upper() or None
        self.actors = frozenset(rec.actor_keys)
        self.nmissing = (
            (self.lo is None) + (self.place_key is None and not self.precise) + (not self.actors)
        )
        # how well described: exact date 2, month/publication 1; coordinates 2, a name 1; actors 2
        self.detail = (
            (2 if self.exact else 1 if self.lo is not None and rec.date else 0)
            + (2 if self.precise else 1 if self.place_key else 0)
            + (2 if self.actors else 0)
        )


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def order_key(x: _Prep) -> str:
    """The position of a report in the clustering order, as a string that sorts the same way:
    best-described first, then earliest, then by key."""
    lo = x.lo if x.lo is not None else 1 << 40
    return f"{9 - x.detail}:{lo + 10**6:015d}:{x.rec.key}"


def _type_ok(a: _Prep, b: _Prep) -> bool:
    if a.asserted != b.asserted:  # a possibility is not the event that happened
        return False
    ra, rb = a.rec, b.rec
    if ra.type and rb.type:
        return ra.type == rb.type
    if ra.plover and rb.plover:
        return ra.plover == rb.plover
    return True


def _date_state(a: _Prep, b: _Prep, p: ClusterParams) -> tuple[int, float]:
    if a.lo is None or b.lo is None:
        return MISSING, 0.0
    assert a.hi is not None and b.hi is not None
    gap = max(0, b.lo - a.hi, a.lo - b.hi)
    if gap > p.window_days:
        return VETO, 0.0
    closeness = 1.0 - gap / (p.window_days + 1)
    return (MATCH if a.exact and b.exact else COMPATIBLE), closeness


def _place_state(a: _Prep, b: _Prep, p: ClusterParams) -> tuple[int, float]:
    if a.precise and b.precise:
        assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
        d = haversine_km(a.lat, a.lon, b.lat, b.lon)
        return (MATCH, 1.0 - d / (p.max_km + 1)) if d <= p.max_km else (VETO, 0.0)
    if a.place_key and b.place_key and a.place_key == b.place_key:
        return MATCH, 0.5
    known_a = a.place_key is not None or a.precise
    known_b = b.place_key is not None or b.precise
    if not (known_a and known_b):
        return MISSING, 0.0
    if a.country and b.country and a.country != b.country:
        return VETO, 0.0
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return VETO, 0.0
    return COMPATIBLE, 0.0


def _actor_state(a: _Prep, b: _Prep) -> tuple[int, float]:
    if not a.actors or not b.actors:
        return MISSING, 0.0
    common = a.actors & b.actors
    if common:
        return MATCH, len(common) / len(a.actors | b.actors)
    return VETO, 0.0


def compare(a: _Prep, b: _Prep, p: ClusterParams) -> tuple[bool, float]:
    """Whether two prepared reports can be the same event, and how well they agree."""
    if not _type_ok(a, b):
        return False, 0.0
    ds, dc = _date_state(a, b, p)
    if ds == VETO:
        return False, 0.0
    ps, pc = _place_state(a, b, p)
    if ps == VETO:
        return False, 0.0
    acs, ac = _actor_state(a, b)
    if acs == VETO:
        # outlets disagree on who did it: still one event on the same day at the same place
        if not (ds == MATCH and dc >= 1.0 and ps == MATCH):
            return False, 0.0
        acs = COMPATIBLE
    same_doc = a.doc == b.doc
    if ps != MATCH and acs != MATCH and not same_doc:
        return False, 0.0
    positives = (ds == MATCH) + (ps == MATCH) + (acs == MATCH) + same_doc
    return True, positives + 0.3 * (dc + pc + ac)


class _Blocks:
    """The blocking index: key -> clusters that have a member under that key."""

    def __init__(self, p: ClusterParams):
        self.p = p
        self.bucket = p.window_days + 1
        self.cell = p.max_km / 111.0
        self.index: dict[tuple[Any, ...], list[int]] = defaultdict(list)

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.cell), math.floor(lon / self.cell)

    def _anchors(self, x: _Prep, query: bool) -> list[tuple[Any, ...]]:
        out: list[tuple[Any, ...]] = []
        if x.precise:
            assert x.lat is not None and x.lon is not None
            ci, cj = self._cell(x.lat, x.lon)
            if query:
                cosl = math.cos(math.radians(min(89.0, abs(x.lat) + self.cell)))
                k = min(60, math.ceil(1.0 / max(cosl, 1e-3)))
                out.extend(("g", ci + di, cj + dj) for di in (-1, 0, 1) for dj in range(-k, k + 1))
            else:
                out.append(("g", ci, cj))
        if x.place_key:
            out.append(("n", x.place_key))
        out.extend(("a", a) for a in sorted(x.actors))
        out.append(("d", x.doc))
        return out

    def _buckets(self, x: _Prep, query: bool) -> list[Any]:
        if x.lo is None:
            return ["*", None] if query else [None]
        assert x.hi is not None
        b0, b1 = x.lo // self.bucket, x.hi // self.bucket
        if query:
            return [*range(b0 - 1, b1 + 2), None]
        return [*range(b0, b1 + 1), "*"]

    def keys(self, x: _Prep, query: bool) -> Iterable[tuple[Any, ...]]:
        anchors = self._anchors(x, query)
        buckets = self._buckets(x, query)
        for f in x.fams:
            for a in anchors:
                for b in buckets:
                    yield (f, *a, b)

    def add(self, x: _Prep, cluster: int) -> None:
        for k in self.keys(x, query=False):
            lst = self.index[k]
            if not lst or lst[-1] != cluster:
                lst.append(cluster)

    def candidates(self, x: _Prep) -> list[int]:
        seen: set[int] = set()
        for k in self.keys(x, query=True):
            seen.update(self.index.get(k, ()))
        # oldest clusters first (ties go to the same cluster whatever the hash seed); when there
        # are too many, the most recently founded
        return sorted(seen)[-self.p.max_candidates :]


def choose(x: _Prep, candidates: list[list[_Prep]], p: ClusterParams) -> int:
    """Which of the candidate clusters (member lists, oldest cluster first) ``x`` joins, or -1
    for a cluster of its own."""
    best, best_score, tie = -1, -1.0, False
    for ci, members in enumerate(candidates):
        ok_all, score = True, -1.0
        for m in members[: p.max_members_compared]:
            ok, s = compare(x, m, p)
            if not ok:
                # one member rules it out only if it contradicts (not merely lacks anchors)
                if _contradicts(x, m, p):
                    ok_all = False
                    break
                continue
            score = max(score, s)
        if not ok_all or score < 0:
            continue
        if score > best_score + 1e-9:
            best, best_score, tie = ci, score, False
        elif abs(score - best_score) <= 1e-9:
            tie = True
    return best if best >= 0 and not (tie and best_score < 2) else -1


def cluster_events(
    records: Iterable[EventRecord],
    duplicates: DuplicateIndex | None = None,
    docs: Mapping[str, DocInfo] | None = None,
    params: ClusterParams | None = None,
) -> list[EventCluster]:
    """Cluster event reports into real events (see the module docstring for the rules).

    ``duplicates`` marks copies (never independent sources); ``docs`` gives the outlets of
    originals that are not themselves among the reports.
    """
    p = params or ClusterParams()
    preps = [_Prep(r, p, duplicates.original(r.doc_id) if duplicates else None) for r in records]
    preps.sort(key=order_key)
    blocks = _Blocks(p)
    clusters: list[list[_Prep]] = []
    for x in preps:
        cands = blocks.candidates(x)
        best = choose(x, [clusters[ci] for ci in cands], p)
        if best >= 0:
            clusters[cands[best]].append(x)
            blocks.add(x, cands[best])
        else:
            clusters.append([x])
            blocks.add(x, len(clusters) - 1)
    return [_summarize(c, duplicates, docs or {}) for c in clusters]


def _contradicts(a: _Prep, b: _Prep, p: ClusterParams) -> bool:
    """Whether ``b`` rules ``a`` out of its cluster (not merely fails to anchor it)."""
    if not _type_ok(a, b):
        return True
    ds, dc = _date_state(a, b, p)
    ps, _ = _place_state(a, b, p)
    if ds == VETO or ps == VETO:
        return True
    if _actor_state(a, b)[0] == VETO:
        return not (ds == MATCH and dc >= 1.0 and ps == MATCH)
    return False


def _most_common(values: Iterable[Any]) -> Any:
    c = Counter(v for v in values if v)
    return c.most_common(1)[0][0] if c else None


def _summarize(
    preps: list[_Prep], dup: DuplicateIndex | None, docs: Mapping[str, DocInfo]
) -> EventCluster:
    import datetime as dt

    members = [x.rec for x in preps]
    members.sort(key=lambda r: (r.published or "9999", r.key))
    # sources: one per document; copies and same-outlet reposts are not independent
    sources: list[SourceRef] = []
    seen_docs: set[str] = set()
    counted_roots: set[str] = set()
    counted_outlets: set[str] = set()
    order = sorted(
        {m.doc_id: m for m in members}.values(),
        key=lambda r: (dup is not None and dup.is_copy(r.doc_id), r.published or "9999", r.key),
    )
    backing_docs = {m.doc_id for m in members if m.certainty not in ("denied", "hypothetical")}
    order.sort(key=lambda r: r.doc_id not in backing_docs)  # stable: backing reports first
    for m in order:
        if m.doc_id in seen_docs:
            continue
        seen_docs.add(m.doc_id)
        root = dup.original(m.doc_id) if dup else m.doc_id
        copy_of = root if root != m.doc_id else None
        root_info = docs.get(root)
        skey = root_info.source_key if root_info else m.source_key
        backs = m.doc_id in backing_docs
        denies = not backs and any(
            x.doc_id == m.doc_id and x.certainty == "denied" for x in members
        )
        independent = backs and root not in counted_roots and skey not in counted_outlets
        if backs:
            counted_roots.add(root)
            counted_outlets.add(skey)
        sources.append(
            SourceRef(
                m.doc_id,
                m.outlet,
                m.published,
                copy_of,
                independent,
                denies,
                not backs and not denies,
            )
        )
    outlets = sorted({s.outlet or s.doc_id for s in sources if s.independent})

    figures: list[Figure] = []
    seen_fig: set[tuple[str, int]] = set()
    for m in members:
        if m.fatalities is None or (m.doc_id, m.fatalities) in seen_fig:
            continue
        seen_fig.add((m.doc_id, m.fatalities))
        copy_of = dup.original(m.doc_id) if dup and dup.is_copy(m.doc_id) else None
        figures.append(
            Figure(
                m.fatalities, m.fatalities_text, m.outlet, m.doc_id, m.claim_speaker_name, copy_of
            )
        )
    figures.sort(key=lambda f: (f.copy_of is not None, f.value))
    conflict = len({f.value for f in figures if f.copy_of is None}) > 1

    actor_counts: Counter[str] = Counter()
    perps: dict[str, list[str]] = {}
    for m in members:
        for a in (m.actor1, m.actor2):
            if a:
                actor_counts[a] += 1
        if m.actor1 and m.actor_keys:
            lst = perps.setdefault(m.actor1, [])
            o = m.outlet or m.doc_id
            if o not in lst:
                lst.append(o)
    keys: set[str] = set()
    for x in preps:
        keys |= x.actors

    exact = [m.date for m in members if m.date and len(m.date) >= 10]
    dated = sorted(m.date for m in members if m.date)
    date = _most_common(exact) or (dated[0] if dated else None)
    fb_lo = [x.lo for x in preps if x.lo is not None and not x.rec.date]
    rng: tuple[str | None, str | None] = (dated[0], dated[-1]) if dated else (None, None)
    if not dated and fb_lo:
        lo = min(fb_lo)
        hi = max(x.hi for x in preps if x.hi is not None and not x.rec.date)
        rng = (dt.date.fromordinal(lo).isoformat(), dt.date.fromordinal(hi).isoformat())

    precise = [x for x in preps if x.precise]
    anchor = precise[0].rec if precise else None
    place = anchor.place_name if anchor else _most_common(m.place_name for m in members)
    pl_rec = anchor or next((m for m in members if m.place_name == place), None)

    n = len(members)
    missing: list[str] = []
    for dim, label in (
        ("date", "date"),
        ("place", "place"),
        ("actors", "named actors"),
    ):
        k = sum(dim in m.missing for m in members)
        if k == n:
            extra = ""
            if dim == "date" and rng[0]:
                extra = f" (dated by publication: {rng[0]}..{rng[1]})"
            missing.append(f"{label} unknown in every report{extra}")
        elif k:
            extra = " (publication date used)" if dim == "date" else ""
            missing.append(f"{label} missing in {k} of {n} reports{extra}")

    certainties = Counter(m.certainty for m in members)
    if certainties.get("confirmed"):
        certainty = "confirmed"
    elif certainties.get("reported"):
        certainty = "reported"
    else:
        certainty = certainties.most_common(1)[0][0]

    return EventCluster(
        id="ev:" + content_id("|".join(sorted(m.key for m in members))),
        type=_most_common(m.type for m in members),
        subtype=_most_common(m.subtype for m in members),
        plover=_most_common(m.plover for m in members),
        date=date,
        date_range=rng,
        actors=[a for a, _ in actor_counts.most_common()],
        actor_keys=keys,
        perpetrators=perps,
        place=place,
        admin1=pl_rec.admin1 if pl_rec else None,
        country=pl_rec.country if pl_rec else None,
        lat=pl_rec.lat if pl_rec else None,
        lon=pl_rec.lon if pl_rec else None,
        members=members,
        sources=sources,
        independent_sources=sum(s.independent for s in sources),
        outlets=outlets,
        fatalities=figures,
        fatalities_conflict=conflict,
        missing=missing,
        certainty=certainty,
    )


__all__ = [
    "ClusterParams",
    "EventCluster",
    "Figure",
    "SourceRef",
    "choose",
    "cluster_events",
    "haversine_km",
    "order_key",
]
