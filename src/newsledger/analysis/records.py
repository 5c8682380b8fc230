"""Plain records the cross-article analysis works on, flattened out of :class:`Document` s.

The analysis functions take these records (or documents, which they flatten) rather than a
store, so that the same code runs over a list in a test, a store iterator, or a batch shipped
to a worker process. Every record keeps its provenance: document id, outlet, the sentence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlparse

from ..document import Claim, Document, Event
from .text import (
    content_terms,
    is_denial_cue,
    is_generic_actor,
    name_terms,
    normalize_name,
    polarity,
    topic_of,
)

#: ACLED place kinds precise enough to measure a distance between two reports.
PRECISE_PLACE_KINDS = frozenset({"city", "site", "admin2"})


@dataclass(frozen=True)
class DocInfo:
    """What the analysis needs to know about a document (no text)."""

    id: str
    outlet: str | None
    source_key: str  # the outlet as a key; the url's host, or "doc:<id>", where no outlet is known
    published: str | None
    reference_date: str | None
    title: str | None = None
    url: str | None = None

    @property
    def date(self) -> str | None:
        """The date the text was written (reference date, else publication date)."""
        return self.reference_date or self.published

    @property
    def label(self) -> str:
        """How reports name this source: the outlet, else the url's host, else the title."""
        if self.outlet:
            return self.outlet
        if self.source_key.startswith("host:"):
            return self.source_key[5:]
        if self.title:
            t = " ".join(self.title.split())
            return "“" + (t if len(t) <= 40 else t[:39] + "…") + "”"
        return self.id


@dataclass
class EventRecord:
    """One event as one document reports it, with names instead of document-local ids."""

    key: str  # "<doc id>#<event id>": unique across the corpus
    doc_id: str
    type: str | None = None
    subtype: str | None = None
    plover: str | None = None
    actor1: str | None = None  # display names
    actor2: str | None = None
    actor_keys: tuple[str, ...] = ()  # normalized names of the specific (non-generic) actors
    place_name: str | None = None
    place_id: str | None = None
    place_kind: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    date: str | None = None  # as the report dates the event
    fallback_date: str | None = None  # the document's date, used when the event has none
    fatalities: int | None = None
    fatalities_text: str | None = None
    certainty: str = "reported"
    claim_key: str | None = None  # the claim the event is known through, if any
    claim_speaker: str | None = None  # normalized key of the claim's speaker
    claim_speaker_name: str | None = None
    sentence: str = ""
    start: int | None = None
    end: int | None = None
    outlet: str | None = None  # the source's label: outlet, else url host, else title
    source_key: str = ""
    published: str | None = None

    @property
    def missing(self) -> list[str]:
        """What the report lacks for clustering: "date", "place", "actors"."""
        out = []
        if not self.date:
            out.append("date")
        if not self.place_name and self.lat is None:
            out.append("place")
        if not self.actor_keys:
            out.append("actors")
        return out


@dataclass
class ClaimRecord:
    """One claim (who said what) as one document carries it."""

    key: str  # "<doc id>#<claim id>"
    doc_id: str
    speaker: str  # display name (the resolved actor's name, else the text as written)
    speaker_key: str
    speaker_org: str | None = None
    speaker_org_key: str | None = None
    speaker_kind: str = "unnamed"
    cue: str = ""
    content: str = ""
    quote: str = "indirect"
    date: str | None = None  # when it was said (the document's date if the text gives none)
    hedged: bool = False
    about_keys: tuple[str, ...] = ()
    about: tuple[str, ...] = ()
    sentence: str = ""
    start: int | None = None
    end: int | None = None
    outlet: str | None = None
    source_key: str = ""
    terms: frozenset[str] = field(default_factory=frozenset)
    name_terms: frozenset[str] = field(default_factory=frozenset)  # of capitalised words
    polarity: int = 1
    denial: bool = False  # the cue denies (deny, reject, dismiss ...)
    topic: str = "other"
    #: the claim's kind (statement, topic, belief, intention, evidence, sentiment): the ledger
    #: shows statements unless asked for more (a record stored before kinds reads "statement")
    kind: str = "statement"


@dataclass
class Corpus:
    """The flattened records of a set of documents."""

    docs: dict[str, DocInfo] = field(default_factory=dict)
    events: list[EventRecord] = field(default_factory=list)
    claims: list[ClaimRecord] = field(default_factory=list)
    #: normalized actor name -> display name (the most frequent canonical name)
    actor_names: dict[str, str] = field(default_factory=dict)
    #: normalized alias -> normalized canonical name
    aliases: dict[str, str] = field(default_factory=dict)
    #: document id -> bodies for near-duplicate detection (dropped once hashed)
    bodies: dict[str, str] = field(default_factory=dict)

    def add(self, doc: Document, keep_body: bool = True) -> None:
        """Flatten one document into the corpus."""
        info = doc_info(doc)
        self.docs[doc.id] = info
        if keep_body:
            self.bodies[doc.id] = body_text(doc)
        for a in doc.actors:
            key = normalize_name(a.name)
            if key:
                self.actor_names.setdefault(key, a.name)
                if ":" not in a.id:  # a registry id ("iskp") is a name users type
                    ik = normalize_name(a.id)
                    if ik and ik != key:
                        self.aliases.setdefault(ik, key)
                for al in a.aliases:
                    ak = normalize_name(al)
                    if ak and ak != key:
                        self.aliases.setdefault(ak, key)
        claims = {c.id: c for c in doc.claims}
        for c in doc.claims:
            self.claims.append(claim_record(doc, info, c))
        for e in doc.events:
            self.events.append(event_record(doc, info, e, claims))

    def canonical(self, key: str) -> str:
        """The canonical normalized name for an actor key (follows aliases)."""
        return self.aliases.get(key, key)


def source_key(outlet: str | None, url: str | None, doc_id: str) -> str:
    """The key that decides whether two documents come from the same outlet."""
    if outlet:
        return "outlet:" + normalize_name(outlet)
    if url:
        host = urlparse(url).netloc.lower()
        if host.startswith("www."):
            host = host[4:]
        if host:
            return "host:" + host
    return "doc:" + doc_id


def doc_info(doc: Document) -> DocInfo:
    return DocInfo(
        id=doc.id,
        outlet=doc.outlet,
        source_key=source_key(doc.outlet, doc.url, doc.id),
        published=doc.published,
        reference_date=doc.reference_date,
        title=doc.title,
        url=doc.url,
    )


def body_text(doc: Document) -> str:
    """The cleaned body: body sections only (headlines and captions differ between copies);
    the whole text when no section is marked body."""
    parts = [doc.text[s.start : s.end] for s in doc.sections if s.kind == "body"]
    return "\n".join(parts) if parts else doc.text


def _actor_display(doc: Document, actor_id: str | None) -> tuple[str | None, str | None, bool]:
    """(display name, normalized key, specific?) for an actor id of ``doc``."""
    if not actor_id:
        return None, None, False
    a = doc.actor(actor_id)
    if a is None:
        return actor_id, normalize_name(actor_id), not is_generic_actor(actor_id)
    return a.name, normalize_name(a.name), not is_generic_actor(a.name, a.type)


def event_record(
    doc: Document, info: DocInfo, e: Event, claims: dict[str, Claim] | None = None
) -> EventRecord:
    """Flatten one :class:`~newsledger.document.Event` of ``doc``."""
    a1, k1, s1 = _actor_display(doc, e.actor1)
    a2, k2, s2 = _actor_display(doc, e.actor2)
    keys = tuple(k for k, s in ((k1, s1), (k2, s2)) if k and s)
    p = doc.place(e.place) if e.place else None
    claim_speaker = claim_speaker_name = None
    claim_key = None
    if e.claim:
        claim_key = f"{doc.id}#{e.claim}"
        c = (claims or {}).get(e.claim)
        if c is not None:
            sp = doc.actor(c.speaker) if c.speaker else None
            claim_speaker_name = sp.name if sp else c.speaker_text
            claim_speaker = normalize_name(claim_speaker_name)
    return EventRecord(
        key=f"{doc.id}#{e.id}",
        doc_id=doc.id,
        type=e.type,
        subtype=e.subtype,
        plover=e.plover,
        actor1=a1,
        actor2=a2,
        actor_keys=keys,
        place_name=p.name if p else (e.place if e.place and ":" not in e.place else None),
        place_id=p.id if p else e.place,
        place_kind=p.kind if p else None,
        admin1=p.admin1 if p else None,
        country=p.country if p else None,
        lat=p.lat if p else None,
        lon=p.lon if p else None,
        date=e.date,
        fallback_date=info.date,
        fatalities=e.fatalities,
        fatalities_text=e.fatalities_text,
        certainty=e.certainty,
        claim_key=claim_key,
        claim_speaker=claim_speaker,
        claim_speaker_name=claim_speaker_name,
        sentence=e.evidence.sentence,
        start=e.evidence.start,
        end=e.evidence.end,
        outlet=info.label,
        source_key=info.source_key,
        published=info.published,
    )


def claim_record(doc: Document, info: DocInfo, c: Claim) -> ClaimRecord:
    """Flatten one :class:`~newsledger.document.Claim` of ``doc``."""
    sp = doc.actor(c.speaker) if c.speaker else None
    org = doc.actor(c.speaker_org) if c.speaker_org else None
    about_actors = [doc.actor(x) for x in c.about]
    about = tuple(a.name for a in about_actors if a is not None)
    speaker = sp.name if sp else c.speaker_text
    return ClaimRecord(
        key=f"{doc.id}#{c.id}",
        doc_id=doc.id,
        speaker=speaker,
        speaker_key=normalize_name(speaker),
        speaker_org=org.name if org else None,
        speaker_org_key=normalize_name(org.name) if org else None,
        speaker_kind=c.speaker_kind,
        kind=c.kind,
        cue=c.cue,
        content=c.content,
        quote=c.quote,
        date=c.date or info.date,
        hedged=c.hedged,
        about_keys=tuple(normalize_name(a) for a in about),
        about=about,
        sentence=c.evidence.sentence,
        start=c.evidence.start,
        end=c.evidence.end,
        outlet=info.label,
        source_key=info.source_key,
        terms=content_terms(c.content),
        name_terms=name_terms(c.content),
        polarity=polarity(c.cue, c.content),
        denial=is_denial_cue(c.cue),
        topic=topic_of(c.content),
    )


def flatten(docs: Iterable[Document], keep_bodies: bool = True) -> Corpus:
    """Flatten documents into a :class:`Corpus` (one pass; documents are not kept)."""
    corpus = Corpus()
    for d in docs:
        corpus.add(d, keep_body=keep_bodies)
    # resolve aliases on records: "ISKP" in one document, "Islamic State Khorasan Province" in another
    if corpus.aliases:
        for e in corpus.events:
            e.actor_keys = tuple(dict.fromkeys(corpus.canonical(k) for k in e.actor_keys))
            if e.claim_speaker:
                e.claim_speaker = corpus.canonical(e.claim_speaker)
        for c in corpus.claims:
            c.speaker_key = corpus.canonical(c.speaker_key)
            if c.speaker_org_key:
                c.speaker_org_key = corpus.canonical(c.speaker_org_key)
            c.about_keys = tuple(corpus.canonical(k) for k in c.about_keys)
    return corpus


def to_ordinal_range(date: str | None) -> tuple[int, int] | None:
    """A partial ISO date as an inclusive range of day ordinals ("2024-03" -> March 1..31).

    A year alone is too coarse to place an event and gives None, as does anything unparseable.
    """
    if not date:
        return None
    try:
        if len(date) >= 10:
            d = dt.date.fromisoformat(date[:10]).toordinal()
            return d, d
        if len(date) == 7:
            y, m = int(date[:4]), int(date[5:7])
            first = dt.date(y, m, 1)
            nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
            return first.toordinal(), nxt.toordinal() - 1
    except ValueError:
        return None
    return None
