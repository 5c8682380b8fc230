"""The ledger of one actor: what it says, against what is reported.

- **claims**, grouped by topic (a keyword lexicon, else the type of the event the claim speaks
  of), each with who else says the same thing;
- **events** where the actor acts (actor1 or actor2 of any report), each with the number of
  independent outlets that report it and the fatality figures side by side;
- **uncorroborated** claims: no event report backs them, other than reports that rest on the
  actor's own word;
- **contradicted** claims: another speaker or outlet denies or negates the same proposition;
- **denials** by the actor that reporting contradicts: the actor denies what independent
  outlets attribute to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .analyze import Analysis
from .claimclusters import Contradiction, claim_to_dict
from .corroborate import EventCluster
from .records import ClaimRecord, Corpus
from .text import normalize_name

#: the claim kinds a ledger shows unless asked for more: what the actor said
DEFAULT_KINDS: tuple[str, ...] = ("statement",)


@dataclass
class LedgerClaim:
    """One claim of the actor, checked against the rest of the corpus."""

    claim: ClaimRecord
    topic: str = "other"  # the lexicon topic, else the type of the event the claim speaks of
    also_said_by: list[ClaimRecord] = field(default_factory=list)
    events: list[EventCluster] = field(default_factory=list)
    corroborating_sources: int = 0
    contradicted_by: list[Contradiction] = field(default_factory=list)
    contradicts: list[Contradiction] = field(default_factory=list)  # when the actor denies
    reporting_against: list[EventCluster] = field(default_factory=list)
    copies: list[str] = field(default_factory=list)  # copies of the document that repeat it

    @property
    def corroborated(self) -> bool:
        return self.corroborating_sources > 0

    def to_dict(self) -> dict[str, Any]:
        return {
            **claim_to_dict(self.claim),
            "kind": self.claim.kind,
            "topic": self.topic,
            "also_said_by": [
                {"speaker": c.speaker, "outlet": c.outlet, "doc_id": c.doc_id, "content": c.content}
                for c in self.also_said_by
            ],
            "events": [e.id for e in self.events],
            "corroborating_sources": self.corroborating_sources,
            "contradicted_by": [x.to_dict()["by"] | {"kind": x.kind} for x in self.contradicted_by],
            "contradicts": [x.to_dict()["claim"] | {"kind": x.kind} for x in self.contradicts],
            "copies": self.copies,
            "reporting_against": [
                {"event": e.id, "independent_sources": e.independent_sources}
                for e in self.reporting_against
            ],
        }


@dataclass
class LedgerEvent:
    event: EventCluster
    role: str  # "actor1" (acts) or "actor2" (acted upon)

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, **self.event.to_dict()}


@dataclass
class Ledger:
    actor: str
    keys: list[str]
    claims: list[LedgerClaim]
    events: list[LedgerEvent]
    #: when only a page of the ledger is shown (the latest claims and events): how many in all
    claims_total: int | None = None
    events_total: int | None = None
    #: the claim kinds shown (:data:`DEFAULT_KINDS` unless asked for more)
    kinds: tuple[str, ...] = DEFAULT_KINDS

    def page(self, limit: int | None) -> Ledger:
        """The last ``limit`` claims and events in the ledger's order (the latest), with the
        totals when there are more: what ``store_ledger(limit=)`` reads from the index."""
        if limit is None or limit <= 0:
            return self
        return replace(
            self,
            claims=self.claims[-limit:],
            events=self.events[-limit:],
            claims_total=len(self.claims) if len(self.claims) > limit else None,
            events_total=len(self.events) if len(self.events) > limit else None,
        )

    @property
    def shown(self) -> str:
        """ "4 claims, 2 events", or "the latest 50 of 4,480 claims, 50 of 4,346 events"; with
        the claim kinds shown when they are not statements only ("…; kinds: belief, statement")."""
        kinds = "" if self.kinds == DEFAULT_KINDS else f"; kinds: {', '.join(self.kinds)}"
        if self.claims_total is None and self.events_total is None:
            return f"{len(self.claims)} claims, {len(self.events)} events{kinds}"
        parts = [
            f"{len(items)} of {total:,} {what}" if total is not None else f"{len(items)} {what}"
            for items, total, what in (
                (self.claims, self.claims_total, "claims"),
                (self.events, self.events_total, "events"),
            )
        ]
        return "the latest " + ", ".join(parts) + kinds

    @property
    def topics(self) -> dict[str, list[LedgerClaim]]:
        out: dict[str, list[LedgerClaim]] = {}
        for c in self.claims:
            out.setdefault(c.topic, []).append(c)
        return dict(sorted(out.items(), key=lambda kv: (-len(kv[1]), kv[0])))

    @property
    def uncorroborated(self) -> list[LedgerClaim]:
        return [c for c in self.claims if not c.corroborated and not c.claim.denial]

    @property
    def contradicted(self) -> list[LedgerClaim]:
        return [c for c in self.claims if c.contradicted_by]

    @property
    def denials(self) -> list[LedgerClaim]:
        return [c for c in self.claims if c.claim.denial]

    @property
    def denials_against_reporting(self) -> list[LedgerClaim]:
        return [c for c in self.claims if c.reporting_against]

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "keys": self.keys,
            "kinds": list(self.kinds),
            "claims_by_topic": {t: [c.to_dict() for c in cs] for t, cs in self.topics.items()},
            "events": [e.to_dict() for e in self.events],
            "uncorroborated": [c.claim.key for c in self.uncorroborated],
            "contradicted": [c.claim.key for c in self.contradicted],
            "denials_against_reporting": [c.claim.key for c in self.denials_against_reporting],
        } | {
            k: v
            for k, v in (("claims_total", self.claims_total), ("events_total", self.events_total))
            if v is not None
        }


def known_actors(corpus: Corpus) -> dict[str, str]:
    """Every actor key in the corpus -> display name (actors, speakers, event actors)."""
    names = dict(corpus.actor_names)
    for c in corpus.claims:
        if c.speaker_key:
            names.setdefault(c.speaker_key, c.speaker)
        if c.speaker_org_key and c.speaker_org:
            names.setdefault(c.speaker_org_key, c.speaker_org)
    for e in corpus.events:
        for n in (e.actor1, e.actor2):
            k = normalize_name(n)
            if k:
                names.setdefault(k, n or k)
    return names


def resolve_actor(query: str, corpus: Corpus) -> tuple[str, list[str]] | None:
    """The actor a user means: (display name, actor keys) or None.

    Exact name or alias first; then names that contain the query as whole words
    ("Taliban" -> "Taliban", "Taliban government"); then a fuzzy match (rapidfuzz, >= 90).
    """
    return resolve_in(query, known_actors(corpus), corpus.aliases)


def resolve_in(
    query: str, names: Mapping[str, str], aliases: Mapping[str, str]
) -> tuple[str, list[str]] | None:
    """:func:`resolve_actor` over known names (key -> display name) and aliases (alias key ->
    canonical key), wherever they come from (a corpus, the store's ledger index)."""
    key = normalize_name(query)
    q = aliases.get(key, key)
    if not q:
        return None
    if q in names:
        keys = [q, *(a for a, c in aliases.items() if c == q and a in names)]
        return names[q], sorted(set(keys))
    padded = f" {q} "
    within = [k for k in names if padded in f" {k} "]
    if within:
        within.sort(key=lambda k: (len(k), k))
        return names[within[0]], sorted(within)
    from rapidfuzz import fuzz, process

    best = process.extractOne(q, sorted(names), scorer=fuzz.WRatio, score_cutoff=90)
    if best:
        return names[best[0]], [best[0]]
    return None


def unknown_actor_message(analysis: Analysis, actor: str) -> str:
    """What to tell a user whose ``actor`` matches nobody: up to five close names."""
    return unknown_message_in(known_actors(analysis.corpus).values(), actor)


def unknown_message_in(names: Iterable[str], actor: str) -> str:
    """:func:`unknown_actor_message` over display names."""
    from rapidfuzz import process

    close = [m[0] for m in process.extract(actor, sorted(set(names)), limit=5, score_cutoff=60)]
    hint = f"; did you mean: {', '.join(close)}" if close else ""
    return f"no actor matching {actor!r}{hint}"


def build_ledger(
    analysis: Analysis, actor: str, kinds: tuple[str, ...] | None = None
) -> Ledger | None:
    """The ledger of ``actor`` (a name or alias as a user types it), or None if unknown;
    ``kinds``: the claim kinds it shows (None: :data:`DEFAULT_KINDS`)."""
    found = resolve_actor(actor, analysis.corpus)
    if found is None:
        return None
    return ledger_for(analysis, *found, kinds=kinds)


def ledger_for(
    analysis: Analysis, name: str, keys: list[str], kinds: tuple[str, ...] | None = None
) -> Ledger:
    """The ledger of the actor known by ``keys`` (as :func:`resolve_actor` gives them), with
    the actor's claims of ``kinds`` (None: :data:`DEFAULT_KINDS`, what the actor said — not
    its beliefs, intentions, topics, the evidence it cites or its sentiments).

    ``analysis`` may hold the whole corpus or only what concerns the actor (the store's ledger
    index assembles that part): the actor's claims, the claims of copies of their documents,
    the claim clusters and contradictions of those claims, and the events they speak of or where
    the actor acts. Loops over more than that (the whole corpus) give the same ledger."""
    kset = set(keys)
    contra_of: dict[str, list[Contradiction]] = {}
    contra_by: dict[str, list[Contradiction]] = {}
    for x in analysis.contradictions:
        contra_of.setdefault(x.claim.key, []).append(x)
        contra_by.setdefault(x.by.key, []).append(x)

    claims: list[LedgerClaim] = []
    dup = analysis.duplicates
    copied: dict[tuple[str, str], list[str]] = {}  # (original doc, content) -> copies
    for c in analysis.corpus.claims:
        if dup.is_copy(c.doc_id) and dup.original(c.doc_id) in analysis.corpus.docs:
            copied.setdefault((dup.original(c.doc_id), c.content), []).append(c.doc_id)
    shown_kinds = tuple(sorted(kinds)) if kinds else DEFAULT_KINDS
    for c in analysis.corpus.claims:
        if c.speaker_key not in kset and c.speaker_org_key not in kset:
            continue
        if c.kind not in shown_kinds:
            continue
        if dup.is_copy(c.doc_id) and (dup.original(c.doc_id), c.content) in copied:
            continue  # a republication repeats the original's claim: shown with it
        lc = LedgerClaim(claim=c, copies=sorted(copied.get((c.doc_id, c.content), [])))
        ci = analysis.claim_cluster_of.get(c.key)
        if ci is not None:
            lc.also_said_by = [
                o
                for o in analysis.claim_clusters[ci].claims
                if o.doc_id != c.doc_id
                and analysis.duplicates.original(o.doc_id) != analysis.duplicates.original(c.doc_id)
            ]
        lc.events = [analysis.events[i] for i in analysis.claim_events.get(c.key, [])]
        lc.topic = c.topic
        if c.topic == "other" and lc.events:
            lc.topic = lc.events[0].type or lc.events[0].plover or "other"
        lc.corroborating_sources = analysis.independent_backing(analysis.corroborating_reports(c))
        lc.contradicted_by = [
            x
            for x in contra_of.get(c.key, [])
            if x.by.speaker_key not in kset and x.by.speaker_org_key not in kset
        ]
        lc.contradicts = contra_by.get(c.key, [])
        if c.denial:
            lc.reporting_against = [
                e
                for e in lc.events
                if any(
                    m.actor1
                    and analysis.corpus.canonical(normalize_name(m.actor1)) in kset
                    and m.certainty != "denied"
                    for m in e.members
                )
            ]
        claims.append(lc)
    claims.sort(key=lambda x: (x.claim.date or "9999", x.claim.key))

    events: list[LedgerEvent] = []
    for ev in analysis.events:
        if not (ev.actor_keys & kset):
            continue
        role = (
            "actor1"
            if any(
                m.actor1 and analysis.corpus.canonical(normalize_name(m.actor1)) in kset
                for m in ev.members
            )
            else "actor2"
        )
        events.append(LedgerEvent(ev, role))
    events.sort(key=lambda e: (e.event.date or e.event.date_range[0] or "9999", e.event.id))
    return Ledger(actor=name, keys=keys, claims=claims, events=events, kinds=shown_kinds)


__all__ = [
    "DEFAULT_KINDS",
    "Ledger",
    "LedgerClaim",
    "LedgerEvent",
    "build_ledger",
    "known_actors",
    "ledger_for",
    "resolve_actor",
    "resolve_in",
    "unknown_actor_message",
    "unknown_message_in",
]
