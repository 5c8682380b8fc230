"""The Document record that flows through every stage, and its SCHEMA.md serialisation.

Every stage reads and writes fields of one :class:`Document`. The records are plain
dataclasses; :meth:`Document.to_dict` / :meth:`Document.from_dict` give the
``newsledger/1`` interchange format (see docs/schema.md). Fields that a stage keeps
only for the next stages (the spaCy parse, say) live in :attr:`Document.user_data`
and are never serialised.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "newsledger/1"

SECTION_KINDS = ("headline", "body", "caption", "boilerplate")


def content_id(text: str, prefix: str = "") -> str:
    """A stable 16-hex id for a piece of content: same content, same id."""
    return hashlib.sha1((prefix + text).encode("utf-8")).hexdigest()[:16]


@dataclass
class Section:
    kind: str
    start: int
    end: int


@dataclass
class Evidence:
    start: int
    end: int
    sentence: str
    section: str = "body"


@dataclass
class Mention:
    text: str
    start: int
    end: int


@dataclass
class Actor:
    id: str
    name: str
    type: str = "other"
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    affiliation: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    role: str | None = None
    # The rule ids and score terms that produced this record, when a trace was asked for
    # (``Settings.trace`` / ``--why``); None otherwise. See docs/schema.md.
    why: dict[str, Any] | None = None


@dataclass
class Place:
    id: str
    name: str
    kind: str = "city"
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    mentions: list[Mention] = field(default_factory=list)
    reason: str | None = None  # why it could not be resolved, when lat/lon are null
    native_name: str | None = None  # the gazetteer's own spelling when `name` was ASCII-folded
    why: dict[str, Any] | None = None  # rule ids and score terms (trace), see Actor.why


#: Event certainties that do not assert the event happened (a possibility, a plan, a negation, a
#: generic statement). Listings, exports, trends, ledgers and the API leave these out unless the
#: user asks for them (``--certainty``); this set is the one place that says which they are.
UNASSERTED_CERTAINTIES = frozenset({"hypothetical", "conditional", "future", "generic", "negated"})


@dataclass
class Event:
    id: str
    evidence: Evidence
    type: str | None = None
    subtype: str | None = None
    plover: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    place: str | None = None
    date: str | None = None
    date_text: str | None = None
    fatalities: int | None = None
    fatalities_text: str | None = None
    certainty: str = "reported"
    claim: str | None = None
    confidence: float = 0.5
    trigger: str | None = None
    why: dict[str, Any] | None = None  # rule ids, classifier and scores that typed it
    # PLOVER: the mode of ``plover`` where the codebook gives modes; the PLOVER codes of its
    # source and target (actor1 / actor2 where those are known): ISO 3166 alpha-3 for an actor of
    # one country, IGO / NGO for international organisations (docs/schema.md, docs/events.md)
    mode: str | None = None
    source: str | None = None
    target: str | None = None


@dataclass
class Claim:
    id: str
    evidence: Evidence
    speaker_text: str
    cue: str
    content: str
    content_start: int
    content_end: int
    speaker: str | None = None
    speaker_kind: str = "unnamed"
    speaker_org: str | None = None
    channel: str | None = None
    quote: str = "indirect"
    date: str | None = None
    hedged: bool = False
    about: list[str] = field(default_factory=list)
    confidence: float = 0.5
    # statement | topic | belief | intention | evidence | sentiment (docs/claims.md)
    kind: str = "statement"
    # [start, end] of each piece of a content its attribution interrupts, else empty
    pieces: list[list[int]] = field(default_factory=list)
    speaker_name: str | None = None  # the name a pronoun or role noun resolves to
    speaker_start: int | None = None  # the speaker phrase as written, char offsets
    speaker_end: int | None = None
    why: dict[str, Any] | None = None  # the rule ids that made the claim
    # ids of the events that point at this claim (Event.claim): a verbal act (a threat, an
    # accusation...) it makes, or the events its content reports
    events: list[str] = field(default_factory=list)


@dataclass
class Quantity:
    text: str
    evidence: Evidence
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    actor: str | None = None


@dataclass
class DateMention:
    text: str
    start: int
    end: int
    resolved: str | None = None


@dataclass
class Document:
    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    reference_date: str | None = None
    language: str = "en"
    # P(it reports an event in ACLED's scope), set by the events stage (events/relevance.py)
    relevance: float | None = None
    sections: list[Section] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    source: str | None = None  # where it was read from (path[:line]); not part of the schema
    # Transient, never serialised: e.g. user_data["spacy"] holds the spaCy Doc.
    user_data: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    # -- helpers used by stages -------------------------------------------------
    def section_at(self, offset: int) -> str:
        """The kind of the section that contains ``offset`` ("body" if none does)."""
        for s in self.sections:
            if s.start <= offset < s.end:
                return s.kind
        return "body"

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for the sentence that contains [start, end), using the spaCy parse
        when there is one, else the paragraph."""
        sdoc = self.user_data.get("spacy")
        if sdoc is not None and len(sdoc):
            span = sdoc.char_span(start, max(end, start + 1), alignment_mode="expand")
            if span is not None:
                s0 = span[0].sent.start_char
                s1 = span[-1].sent.end_char
                return Evidence(s0, s1, self.text[s0:s1], self.section_at(s0))
        s0 = self.text.rfind("\n", 0, start) + 1
        s1 = self.text.find("\n", end)
        s1 = len(self.text) if s1 == -1 else s1
        while s0 < s1 and self.text[s0].isspace():
            s0 += 1
        while s1 > s0 and self.text[s1 - 1].isspace():
            s1 -= 1
        return Evidence(s0, s1, self.text[s0:s1], self.section_at(s0))

    def actor(self, actor_id: str | None) -> Actor | None:
        for a in self.actors:
            if a.id == actor_id:
                return a
        return None

    def place(self, place_id: str | None) -> Place | None:
        for p in self.places:
            if p.id == place_id:
                return p
        return None

    # -- serialisation ---------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"schema": SCHEMA_VERSION}
        for f in dataclasses.fields(self):
            if f.name in ("user_data", "source"):
                continue
            d[f.name] = _plain(getattr(self, f.name))
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        schema = d.get("schema", SCHEMA_VERSION)
        if not str(schema).startswith("newsledger/"):
            raise ValueError(f"not a newsledger document (schema={schema!r})")

        def ev(x: dict[str, Any]) -> Evidence:
            return Evidence(**_known(Evidence, x))

        def mentions(xs: list[dict[str, Any]]) -> list[Mention]:
            return [Mention(**_known(Mention, m)) for m in xs or []]

        actors = [
            Actor(**{**_known(Actor, a), "mentions": mentions(a.get("mentions", []))})
            for a in d.get("actors", [])
        ]
        places = [
            Place(**{**_known(Place, p), "mentions": mentions(p.get("mentions", []))})
            for p in d.get("places", [])
        ]
        events = [
            Event(**{**_known(Event, e), "evidence": ev(e["evidence"])})
            for e in d.get("events", [])
        ]
        claims = [
            Claim(**{**_known(Claim, c), "evidence": ev(c["evidence"])})
            for c in d.get("claims", [])
        ]
        quantities = [
            Quantity(**{**_known(Quantity, q), "evidence": ev(q["evidence"])})
            for q in d.get("quantities", [])
        ]
        return cls(
            id=d["id"],
            text=d["text"],
            title=d.get("title"),
            url=d.get("url"),
            outlet=d.get("outlet"),
            published=d.get("published"),
            reference_date=d.get("reference_date"),
            language=d.get("language", "en"),
            relevance=d.get("relevance"),
            sections=[Section(**_known(Section, s)) for s in d.get("sections", [])],
            actors=actors,
            places=places,
            events=events,
            claims=claims,
            quantities=quantities,
            dates=[DateMention(**_known(DateMention, x)) for x in d.get("dates", [])],
            warnings=list(d.get("warnings", [])),
        )


def _known(cls: type, d: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in d.items() if k in names}


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str) and value == "":
        return None
    return value
