"""The places stage: find every place a document mentions and resolve it against an offline
GeoNames-derived gazetteer (see :mod:`.build`, :mod:`.resolve` and docs/places.md).

Public surface: :class:`PlaceStage` (assigns ``doc.places``), :func:`most_specific_place`
(for the events stage) and :func:`geocode` (one name, optionally within a country).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ..document import Document, Mention, Place
from ..pipeline import Stage
from .gazetteer import Feature, get_gazetteer
from .mention import gk
from .normalize import fold
from .resolve import SPECIFICITY, Resolver, group
from .resolve import Mention as _M
from .rules import PlaceRules, default_rules

log = logging.getLogger(__name__)


class PlaceStage(Stage):
    """Assigns ``doc.places``: one :class:`Place` per distinct place, with every mention."""

    name = "places"
    requires = frozenset({"doc.entities"})
    assigns = frozenset({"doc.places"})

    def __init__(
        self,
        gazetteer: str | None = None,
        fuzzy: bool = True,
        gazetteer_matching: bool = True,
        rules_off: Sequence[str] = (),
        trace: bool = False,
        rules: PlaceRules | None = None,
    ):
        """``rules_off``: ids of data/rules.toml switched off (an unknown id fails here);
        ``rules``: a whole rule table instead (tests, ablation); ``trace``: fill each place's
        ``why`` with the rules and score terms that produced it."""
        self.gazetteer_path = gazetteer
        self.fuzzy = fuzzy
        self.gazetteer_matching = gazetteer_matching
        self.rules = rules if rules is not None else default_rules(tuple(rules_off))
        self.trace = trace

    @property
    def resolver(self) -> Resolver:
        return Resolver(
            get_gazetteer(self.gazetteer_path),
            self.fuzzy,
            self.gazetteer_matching,
            rules=self.rules,
            trace=self.trace,
        )

    def __call__(self, doc: Document) -> Document:
        from ..nlp import get_spacy

        sdoc = get_spacy(doc)
        skip = [(s.start, s.end) for s in doc.sections if s.kind == "boilerplate"]
        res = self.resolver
        ms = res.find(sdoc, skip)
        res.resolve(ms, doc.url, doc.outlet, doc.title)
        doc.places = _places(ms)
        if self.trace:
            _trace(doc.places, ms, res)
            doc.user_data["places_rejected"] = list(res.rejected)
        return doc

    def pipe(self, docs: Iterable[Document], batch_size: int = 32) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)


def _ascii(name: str | None) -> str | None:
    """The ASCII spelling of a gazetteer name, as ACLED writes it ("Jalālābād" -> "Jalalabad")."""
    return fold(name) if name else name


def _place_from(feature: Feature, ms: list[_M]) -> Place:
    name = _ascii(feature.name) or feature.name
    return Place(
        id=feature.place_id,
        name=name,
        kind=feature.kind,
        country=feature.cc,
        admin1=_ascii(feature.admin1),
        lat=feature.lat,
        lon=feature.lon,
        mentions=[Mention(m.text, m.start, m.end) for m in ms],
        native_name=feature.name if name != feature.name else None,
    )


def _places(ms: list[_M]) -> list[Place]:
    out: list[Place] = []
    for pid, group_ms in group(ms).items():
        first = group_ms[0]
        mentions = [Mention(m.text, m.start, m.end) for m in group_ms]
        if first.best is not None and first.site:
            city = first.best
            p = Place(
                id=pid,
                name=first.text,
                kind="site",
                country=city.cc,
                admin1=_ascii(city.admin1),
                lat=city.lat,
                lon=city.lon,
                mentions=mentions,
                reason=first.reason,  # "approximate: ..." when placed at the article's town
            )
        elif first.best is not None:
            p = _place_from(first.best, group_ms)
            if first.best.lat is None:
                p.reason = first.reason or "gazetteer entry has no coordinates"
        else:
            kind = next(iter(sorted(first.hint)), None) if first.hint else None
            if kind is None:
                kind = {"FAC": "site", "LOC": "region"}.get(
                    first.label, "site" if first.facility else "city"
                )
            p = Place(
                id=pid,
                name=first.text,
                kind=kind,
                mentions=mentions,
                reason=first.reason or "not in gazetteer",
            )
        out.append(p)
    out.sort(key=lambda p: p.mentions[0].start if p.mentions else 0)
    return out


def _trace(places: list[Place], ms: list[_M], res: Resolver) -> None:
    """Each place's ``why``: the rules that made its mentions, its reading's score terms and
    the readings that lost (from the resolver's trace), and the reason of a fallback."""
    by_pid: dict[str, list[_M]] = group(ms)
    for p in places:
        group_ms = by_pid.get(p.id, [])
        rules: list[str] = []
        for m in group_ms:
            for r in m.why or ():
                if r not in rules:
                    rules.append(r)
        why: dict[str, Any] = {"rules": rules, "labels": sorted({m.label for m in group_ms})}
        scored = next(
            (res.scores[k] for m in group_ms if (k := (gk(m), m.hint)) in res.scores), None
        )
        if scored:
            why["readings"] = scored
        if p.reason:
            why["reason"] = p.reason
        p.why = why


def most_specific_place(doc: Document, start: int, end: int) -> Place | None:
    """The most specific place (site > city > admin2 > admin1 > region > country) with a
    mention inside [start, end); among equals, the first mentioned. Resolved places win over
    unresolved ones."""
    best: tuple[tuple[int, int, int], Place] | None = None
    for p in doc.places:
        for m in p.mentions:
            if m.start >= start and m.end <= end:
                rank = (int(p.lat is not None), SPECIFICITY.get(p.kind, 0), -m.start)
                if best is None or rank > best[0]:
                    best = (rank, p)
    return best[1] if best else None


def geocode(name: str, country: str | None = None) -> Place | None:
    """Resolve one place name on its own (population, kind and name priors), optionally only
    within ``country`` (ISO 3166-1 alpha-2). ``None`` when the gazetteer has no such name."""
    gaz = get_gazetteer()
    cands: list[Feature] = list(gaz.lookup(name)) or list(gaz.fuzzy(name))
    if country:
        cands = [f for f in cands if f.cc == country.upper()]
    if not cands:
        return None
    m = _M(0, len(name), name, "GPE", cands=cands)
    Resolver(gaz).resolve([m])
    assert m.best is not None
    return _place_from(m.best, [])


def country_name(iso2: str | None) -> str | None:
    """The common English name of an ISO 3166-1 alpha-2 country ("AF" -> "Afghanistan"), as
    ACLED writes it; the code itself when pycountry does not know it."""
    if not iso2:
        return None
    import pycountry

    c = pycountry.countries.get(alpha_2=iso2.upper())
    return getattr(c, "common_name", None) or (c.name if c else iso2)


__all__ = ["PlaceStage", "country_name", "geocode", "most_specific_place"]
