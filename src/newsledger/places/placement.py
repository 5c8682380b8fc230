"""Placement: where a mention goes once its readings are scored, and where the ones the
gazetteer could not place go.

A spelling correction in a country the article does not otherwise name is dropped
(fuzzy-in-context). A place written in the possessive of another is moved to it when its
reading lies far away (possessor). The article's main town (:func:`focus_town`: the town its
mentions name most, in the country and first-level area most of its distinct names point to;
focus-distinct, focus-any-country, focus-area-first, focus-ties, focus-skip-sites,
focus-from-sites) receives streets, buildings and venues the gazetteer lacks (focus-town) and
small towns read implausibly far from it (far-small-towns). A site goes to the place written
with it (site-anchors, unresolved-anchor); a town none of whose readings lies in the area
written after it goes to that area (parent-outside). What stays unplaced says why
(``Mention.reason``).
"""

from __future__ import annotations

from collections import Counter

from .candidates import ResolverState
from .gazetteer import Feature
from .mention import CONTEXT_ONLY, PLACE_LABELS, SITE_LABELS, Mention, contains, gk, km
from .normalize import key
from .rules import PlaceRules
from .words import place_words

W = place_words()


class Placement(ResolverState):
    """Where mentions go once read: corrections, possessors, the main town, fallbacks."""

    def _place(self, ms: list[Mention]) -> None:
        """After scoring: drop corrections abroad, move possessed places, find the article's
        main town, and place what the gazetteer could not (sites, unknown names)."""
        if self.rules.fuzzy_in_context:
            named = {m.best.cc for m in ms if m.best is not None and not m.fuzzy and m.best.cc}
            for m in ms:
                if (
                    m.fuzzy
                    and m.best is not None
                    and m.best.cc
                    and named
                    and m.best.cc not in named
                ):
                    m.best = None  # "Helmet" is no misspelt Hemet in an article about Dubai
                    self._fire(m, "fuzzy-in-context")
        if self.rules.possessor:
            self._possessors(ms)
        focus = focus_town(ms, self.rules)
        if self.rules.far_small_towns and focus is not None:
            self._far_small_towns(ms, focus)
        for m in ms:
            if m.label in CONTEXT_ONLY:
                continue
            if self.rules.parent_outside and (p := self._outside_parent(m)) is not None:
                m.best, m.site = p, True
                m.reason = (
                    f"approximate: placed at {p.name}, the area named with it "
                    f"(no {m.text} there in the gazetteer)"
                )
                self._fire(m, "parent-outside")
                continue
            if m.anchor is not None and m.anchor.best is not None:
                a = m.anchor.best
                if (
                    self.rules.unresolved_anchor
                    and a.kind in ("admin1", "country")
                    and focus is not None
                    and contains(a, focus)
                ):
                    a = focus  # "Thackerville, Okla.": the article's town in that state
                    self._fire(m, "unresolved-anchor")
                if a.lat is not None:
                    m.best, m.site = a, True
                    m.reason = f"approximate: placed at {a.name}, the place named with it"
                    self._fire(m, "site-anchors")
                    continue
            if m.best is None and focus is not None and (m.facility or m.label in SITE_LABELS):
                # a street or building the gazetteer lacks: placed at the article's main town
                m.best, m.site = focus, True
                m.reason = f"approximate: placed at {focus.name}, the article's main town"
                self._fire(m, "focus-town")
                continue
            if m.best is None and not m.facility:
                m.reason = "not in gazetteer"
            elif m.facility and m.best is None:
                m.reason = "facility: no place named in it"
            if m.best is not None and m.best.lat is None:
                m.reason = "gazetteer entry has no coordinates"

    @staticmethod
    def _outside_parent(m: Mention) -> Feature | None:
        """The area written after "X," when no reading of X lies in it (never in a list:
        "Miami, West Palm Beach, New York"; "Saipan, Guam, Alaska")."""
        par = m.parent
        p = par.best if par is not None else None
        if (
            p is None
            or par is None
            or par.parent is not None
            or m.child is not None
            or par.label not in PLACE_LABELS
            or p.lat is None
            or p.kind not in ("country", "admin1", "admin2")
            or m.best is None
            or m.best.kind not in ("city", "admin2")
            or (m.best.kind == p.kind and m.best.cc == p.cc)  # "Kent, Surrey": a list
            # "Barcelona, Liverpool": the second name reads as a big town too
            or any(f.main and f.kind == "city" and f.pop >= 100_000 for f in par.cands)
            or any(contains(p, f) for f in m.cands)
        ):
            return None
        return p

    def _possessors(self, ms: list[Mention]) -> None:
        """ "London's Heathrow": a reading far from its possessor town gives way to the town's
        point, for every mention of that name."""
        moved: dict[str, Feature] = {}
        for m in ms:
            p = m.possessor.best if m.possessor is not None else None
            if (
                p is not None
                and p.kind == "city"
                and m.best is not None
                and m.best.lat is not None
                and not self._near_possessor(m, m.best)
            ):
                moved[gk(m)] = p
        for m in ms:
            if (p := moved.get(gk(m))) is not None and m.best is not None:
                m.best, m.site = p, True
                self._fire(m, "possessor")
                m.reason = f"approximate: placed at {p.name}, the place named with it"

    def _far_small_towns(self, ms: list[Mention], focus: Feature) -> None:
        """ "The Shops at Stonewall" in a Virginia story is no Stonewall, Louisiana: a small town
        read far from the article's main town, in no first-level area the article's other
        names point to and without its own area written beside it, is taken for a local
        feature the gazetteer lacks and placed at the main town."""
        for m in ms:
            b = m.best
            if (
                b is None
                or b.kind != "city"
                or b.pop >= self.rules.far_small_pop
                or b.lat is None
                or m.parent is not None
                or m.label in CONTEXT_ONLY
                or focus.lat is None
                or km(b.lat, b.lon, focus.lat, focus.lon) <= self.rules.far_small_km  # type: ignore[arg-type]
            ):
                continue
            others = [o.best for o in ms if o.best is not None and gk(o) != gk(m)]
            if any(o.a1code and o.a1code == b.a1code for o in others):
                continue  # its state or province is named: a real town of it
            if b.cc != focus.cc and any(o.cc == b.cc for o in others):
                continue  # a town abroad in a country the article names
            dist = km(b.lat, b.lon, focus.lat, focus.lon)  # type: ignore[arg-type]
            m.best, m.site = focus, True
            self._fire(m, "far-small-towns")
            m.reason = (
                f"approximate: placed at {focus.name}, the article's main town; the town "
                f"{b.name} ({b.admin1 or b.cc}) lies {dist:,.0f} km away in no area the article names"
            )


def focus_town(ms: list[Mention], rules: PlaceRules) -> Feature | None:
    """The article's main town: the town (or county) its resolved mentions name most often,
    when it is named at least focus_min times, in the country most of its distinct names point
    to (focus-distinct: a name repeated nine times is one vote). Ties go to the town in the
    first-level area most distinct names point to (focus-area-first), then to the bigger town;
    names that end in a site word ("Washington Square", "Central Park") are sites as often as
    towns and do not count (focus-skip-sites)."""
    counts: Counter[int] = Counter()
    feats: dict[int, Feature] = {}
    ccs: Counter[str] = Counter()
    a1s: Counter[str] = Counter()
    seen: set[tuple[str, str]] = set()
    a1_names: Counter[str] = Counter()
    seen_a1: set[tuple[str, str]] = set()
    for m in ms:
        f = m.best
        if m.label in CONTEXT_ONLY or m.site or f is None or f.lat is None:
            continue
        if rules.fuzzy_in_context and m.fuzzy:
            continue  # a spelling-corrected reading is no article's main town
        last = m.text.split()[-1].lower() if m.text.split() else ""
        if (
            rules.focus_skip_sites
            and f.pop < 100_000
            and last in W.building_words | W.facility_heads
        ):
            continue
        if f.cc and not (rules.focus_distinct and (f.cc, key(m.text)) in seen):
            ccs[f.cc] += 1
            seen.add((f.cc, key(m.text)))
        if f.a1code:
            a1s[f.a1code] += 1
            if (f.a1code, key(m.text)) not in seen_a1:
                a1_names[f.a1code] += 1
                seen_a1.add((f.a1code, key(m.text)))
        if f.kind in ("city", "admin2"):
            counts[f.id] += 1
            feats[f.id] = f
    if ccs:  # only in the country the article names most
        top = ccs.most_common(1)[0][0]
        in_top = Counter({k: v for k, v in counts.items() if feats[k].cc == top})
        # a story from Dubai that names more American states than Emirati places: without a
        # town in the country named most, the towns of the others count
        counts = in_top if in_top or not rules.focus_any_country else counts
    if not counts:
        if rules.focus_from_sites:
            # no town named outright: the town a site is written with ("Derry's Altnagelvin
            # Hospital") is the article's main town
            towns = [
                m.best
                for m in ms
                if m.site
                and m.label not in CONTEXT_ONLY
                and m.best is not None
                and m.best.kind == "city"
                and m.best.lat is not None
                and m.anchor is None
            ]
            if towns:
                return Counter(towns).most_common(1)[0][0]
        return None
    if rules.focus_area_first:
        # the town of the first-level area most of the article's distinct names point to
        # ("Santa Barbara" with Carpinteria and Goleta, over a thrice-named stray)
        fid = max(
            counts,
            key=lambda k: (
                a1_names[feats[k].a1code or ""] + rules.focus_mention_weight * counts[k],
                counts[k],
                feats[k].pop,
            ),
        )
    elif rules.focus_ties:
        fid = max(counts, key=lambda k: (counts[k], a1s[feats[k].a1code or ""], feats[k].pop))
    else:
        fid = counts.most_common(1)[0][0]
    return feats[fid] if counts[fid] >= rules.focus_min else None


__all__ = ["Placement", "focus_town"]
