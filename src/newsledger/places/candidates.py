"""Candidates: the readings a span of tokens may have.

:meth:`Candidates._mention` is the one door from tokens to a :class:`Mention`: it peels off
feature words ("Nangarhar province", "Province of X", "Loudon Co."), takes in a capitalised
feature word after the name ("Rapides Parish"), recognises facilities named after their place
("Kabul international airport"), looks the name up (with its feature word and without), and
falls back on aliases ("the Gulf"), initialisms ("L.A."), a direction word ("Northeast
Georgia") and gated fuzzy matching. The other methods find the place a longer name is named
after: its leading words ("Mansfield Police Department"), the words after its last "of"/"in"
("University of Alexandria"), a campus town ("University of Nebraska-Lincoln"), the place a
facility carries ("Henderson County Jail"), and landmarks ("the White House").

Rules (data/rules.toml): county-abbr, site-shares-name, initialisms, the-aliases, short-forms,
namesake-guard, landmarks, campus-town.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .gazetteer import Feature, Gazetteer
from .mention import PLACE_LABELS, Mention, contains, data_rows
from .normalize import key
from .rules import PlaceRules
from .words import place_words

W = place_words()
#: abbreviations written with full stops ("U.S.", "N.J.")
ABBR = re.compile(r"^(?:[A-Z]\.){2,}$")


class ResolverState:
    """What every part of the resolver shares: the gazetteer, the rules, the document being
    read and, when a trace is asked for, what fired and what was turned down."""

    gaz: Gazetteer
    rules: PlaceRules
    use_fuzzy: bool
    gazetteer_matching: bool
    trace: bool
    _text: str
    _home_cc: str | None
    _person_words: set[str]
    _campus_areas: list[Mention]
    #: the trace's record of spans with readings that were not made places (trace only)
    rejected: list[dict[str, Any]]

    def _fire(self, m: Mention | None, rule: str) -> None:
        """Record that ``rule`` made or changed ``m`` (a no-op unless tracing)."""
        if self.trace and m is not None:
            if m.why is None:
                m.why = []
            if rule not in m.why:
                m.why.append(rule)

    def _reject(self, text: str, start: int, label: str, why: str, cands: list[Feature]) -> None:
        """Record a span that was not made a place, with the readings it had (the biggest
        three), and why (a no-op unless tracing)."""
        if self.trace:
            top = sorted(cands, key=lambda f: -f.pop)[:3]
            self.rejected.append(
                {
                    "text": text,
                    "start": start,
                    "label": label,
                    "why": why,
                    "readings": [reading_text(f) for f in top],
                }
            )


def reading_text(f: Feature) -> str:
    """ "Fisher, Illinois, US (city, 1,881 people)": a reading as the trace prints it."""
    where = ", ".join(x for x in (f.admin1, f.cc) if x)
    return f"{f.name}{', ' + where if where else ''} ({f.kind}, {f.pop:,} people)"


class Candidates(ResolverState):
    """The readings (gazetteer features) a span of tokens may have."""

    def _mention(
        self, sdoc: Any, i: int, j: int, label: str, extend: bool = True
    ) -> Mention | None:
        """A mention for tokens [i, j): feature words peeled off, candidates looked up."""
        toks = list(sdoc[i:j])
        hint = frozenset()
        facility = label == "FAC"
        # trailing feature / facility words: "Nangarhar province", "Kabul International Airport"
        while len(toks) > 1 and toks[-1].lower_ in W.feature_words:
            hint = W.feature_words[toks[-1].lower_]
            toks = toks[:-1]
        county_abbr = False
        if self.rules.county_abbr and len(toks) > 1 and toks[-1].text in ("Co.", "Cos."):
            # "Loudon Co. man", "Pott Co.": local news abbreviates County
            hint, toks, county_abbr = W.feature_words["county"], toks[:-1], True
        if toks and toks[-1].lower_ in W.facility_words:
            facility = True
        # leading "Province of", "City of"
        if len(toks) > 2 and toks[0].lower_ in W.feature_words and toks[1].lower_ == "of":
            hint = W.feature_words[toks[0].lower_]
            toks = toks[2:]
        # the words before: "the eastern province of Nangarhar", "Helmand's capital"
        if not hint:
            before = [t for t in sdoc[max(0, i - 3) : i]]
            if before and before[-1].lower_ == "of" and len(before) > 1:
                hint = W.feature_words.get(before[-2].lower_, frozenset())
            elif before:
                hint = W.feature_words.get(before[-1].lower_, frozenset()) & {"city"}
        if not hint and j < len(sdoc) and sdoc[j].lower_ in W.feature_words:
            hint = W.feature_words[sdoc[j].lower_]
        # a capitalised feature word right after belongs to the name: "Rapides Parish"
        if extend and j < len(sdoc) and sdoc[j].lower_ in W.feature_words and sdoc[j].is_title:
            hint = W.feature_words[sdoc[j].lower_]
            j += 1
        # "Kabul international airport": a facility named after its place
        site_end = None
        for look in (j, j + 1):
            if look < len(sdoc) and sdoc[look].lower_ in W.site_words:
                if look == j or sdoc[j].lower_ in W.site_modifiers:
                    site_end = look + 1
                break
        start = sdoc[i].idx
        last = (
            toks[-1]
            if toks
            and not any(
                t.is_title or (self.rules.upper_feature and t.is_upper and t.is_alpha)
                for t in sdoc[toks[-1].i + 1 : j]
            )
            else sdoc[j - 1]
        )
        end = last.idx + len(last.text)  # a lower-case feature word stays out of the span
        text = self._text[start:end]
        m = Mention(start, end, text, label, hint=hint, facility=facility)
        name = " ".join(t.text for t in toks) if toks else text
        if facility:
            return self._facility_readings(m, toks, name)
        if county_abbr:
            m.cands = [f for f in self.gaz.lookup(f"{name} County") if f.kind == "admin2"]
            return m
        return self._name_readings(m, sdoc, i, j, toks, name, site_end)

    def _facility_readings(self, m: Mention, toks: list[Any], name: str) -> Mention:
        """A facility's readings: its own name, else the place it is named after; a street,
        river or square named after a place is never placed at it (namesake-guard)."""
        m.cands = list(self.gaz.lookup(name))
        namesakes = W.namesake_sites if self.rules.namesake_guard else frozenset()
        if not m.cands and toks and toks[-1].lower_ in W.street_words | namesakes:
            return m  # streets are named after anything: placed later, at the article's town
        if not m.cands:
            m.cands, place_key = self._site_places(toks)
            m.site = bool(m.cands)
            if self.rules.site_shares_name:
                m.name_key = place_key
        return m

    def _name_readings(
        self,
        m: Mention,
        sdoc: Any,
        i: int,
        j: int,
        toks: list[Any],
        name: str,
        site_end: int | None,
    ) -> Mention:
        """A name's readings: looked up with and without its feature word, then an
        initialism, a "the X" alias, a facility named after its place ("Kabul airport"), the
        name without a leading direction word, and last a gated spelling correction."""
        text, label = m.text, m.label
        m.cands = self._lookup_both(name, sdoc[i:j].text)
        if self.rules.initialisms and (city := _initialisms(self.gaz).get(text)) is not None:
            m.cands = [city]  # "L.A." is Los Angeles, not Louisiana's "La."
        if self.rules.the_aliases and i > 0 and sdoc[i - 1].lower_ == "the":
            # "the Gulf" is the Persian Gulf, not a province called Gulf
            the = list(self.gaz.lookup(f"the {name}"))
            if the:
                m.cands = the
        if (
            site_end is not None
            and any(f.kind != "country" for f in m.cands)
            and not any(f.kind == "country" and f.main for f in m.cands)
        ):  # "Kabul airport" is a site in Kabul; a "US embassy" is no site in Us, France
            m.end = sdoc[site_end - 1].idx + len(sdoc[site_end - 1].text)
            m.text = self._text[m.start : m.end]
            m.facility = m.site = True
            m.cands = [f for f in m.cands if f.kind != "country"]
            return m
        if not m.cands and len(toks) > 1 and toks[0].lower_ in W.directions:
            # "Northeast Georgia", "southern Sudan": the place itself
            m.cands = list(self.gaz.lookup(" ".join(t.text for t in toks[1:])))
        if not m.cands and self.use_fuzzy and (label in PLACE_LABELS or m.hint):
            m.cands = list(self.gaz.fuzzy(name))
            m.fuzzy = bool(m.cands)
        return m

    def _lookup_both(self, name: str, full: str) -> list[Feature]:
        """Candidates for the name without its feature word and, when it had one, with it
        ("Hall County" is an admin2 named so; "Hall" alone is a different place)."""
        if full == name:
            return list(self.gaz.lookup(name))
        merged: dict[int, Feature] = {}
        for f in (*self.gaz.lookup(full), *self.gaz.lookup(name)):
            if f.id not in merged or (f.main and not merged[f.id].main):
                merged[f.id] = f
        return list(merged.values())

    def _site_places(self, toks: list[Any]) -> tuple[list[Feature], str | None]:
        """Candidates for the place a facility is named after ("Henderson County Jail",
        "Kabul International Airport"): the longest capitalised run, leading runs first; with
        the folded name of that place."""
        n = len(toks)
        for size in range(min(3, n - 1), 0, -1):
            for a in range(0, n - size + 1):
                words = toks[a : a + size]
                text = " ".join(t.text for t in words)
                if not all(self._cap(t) or self._short_form(t) for t in words):
                    continue
                if self._short_form(words[-1]) or key(text) in W.stop_names:
                    continue
                if text in self._person_words or self.gaz.is_demonym(text):
                    continue
                if size == 1 and words[0].is_upper and len(words[0]) <= 3:
                    continue  # "US embassy": an acronym, not the commune of Us
                bare = text
                if len(words) > 1 and words[-1].lower_ in W.feature_words:
                    bare = " ".join(t.text for t in words[:-1])
                feats = [
                    f
                    for f in self._lookup_both(bare, text)
                    if f.kind in ("city", "admin2", "admin1")
                    and f.main
                    and f.lat is not None
                    and (f.pop >= 5_000 or f.kind != "city")
                    and not (  # "Easter Sunday Mass": a state's short form needs its stop
                        f.kind == "admin1"
                        and len(bare) <= 5
                        and not bare.endswith(".")
                        and key(bare) != key(f.name)
                    )
                ]
                if feats:
                    return feats, key(bare)
        return [], None

    def _prefix_place(self, sdoc: Any, i: int, j: int, institution: bool = False) -> Mention | None:
        """The longest leading run of [i, j) (shorter than it) that names a known place."""
        for b in range(min(j - 1, i + 3), i, -1):
            if not all(
                self._cap(t) or t.text in {".", "'"} or ABBR.match(t.text) for t in sdoc[i:b]
            ):
                continue
            if key(sdoc[i:b].text) in W.stop_names or self.gaz.is_demonym(sdoc[i:b].text):
                continue
            if sdoc[i:b].text in self._person_words:
                if self.trace:
                    rest = self.gaz.lookup(sdoc[i:b].text)
                    self._reject(sdoc[i:b].text, sdoc[i].idx, "EMB", "person-words", list(rest))
                continue
            m = self._mention(sdoc, i, b, "EMB", extend=False)
            if m is None or not m.cands:
                continue
            if sdoc[j - 1].lower_ in W.media_words:
                return None  # "The Washington Post" is a newspaper, not a place
            if institution and sdoc[b].lower_ not in W.institutions | W.local_nouns:
                continue
            area = any(
                f.main and f.kind in ("country", "admin1", "admin2") and f.lat is not None
                for f in m.cands
            )
            town = any(f.main and f.pop >= 5_000 for f in m.cands) and (
                sdoc[b].lower_ in W.institutions or any(f.main and f.pop >= 50_000 for f in m.cands)
            )
            if area or town:
                return m
            self._reject(
                m.text,
                m.start,
                "EMB",
                f"named-after-place: {sdoc[i:j].text!r} is not named after it "
                "(no area, no town of 5,000+ before an institution word, none of 50,000+)",
                m.cands,
            )
        return None

    def _of_place(
        self,
        sdoc: Any,
        i: int,
        j: int,
        heads: tuple[str, ...] = ("of", "in"),
        campus: bool = False,
    ) -> Mention | None:
        """ "University of Alexandria", "Sheldon Peck Homestead in Lombard": the known place
        after the last "of" (or "in") of a name."""
        ofs = [t.i for t in sdoc[i:j] if t.lower_ in heads]
        if not ofs or ofs[-1] + 1 >= j or sdoc[j - 1].lower_ in W.media_words:
            return None
        a = ofs[-1] + 1
        if sdoc[a].lower_ == "the":
            a += 1
        if campus and (town := self._campus_town(sdoc, a, j)) is not None:
            return town
        if (
            a >= j
            or not all(self._cap(t) for t in sdoc[a:j])
            or sdoc[a:j].text in self._person_words
        ):
            return None
        m = self._mention(sdoc, a, j, "EMB", extend=False)
        if m is None or not m.cands:
            return None
        if any(
            f.main and f.lat is not None and (f.kind != "city" or f.pop >= 5000) for f in m.cands
        ):
            return m
        return None

    def _campus_town(self, sdoc: Any, a: int, j: int) -> Mention | None:
        """ "University of Nebraska-Lincoln": a state's university named with the town of its
        campus; the town is the place."""
        h = next((k for k in range(a + 1, j - 1) if sdoc[k].text == "-"), None)
        if h is None or sdoc[h - 1].whitespace_ or sdoc[h].whitespace_:
            return None
        if not all(self._cap(t) for t in [*sdoc[a:h], *sdoc[h + 1 : j]]):
            return None
        areas = [f for f in self.gaz.lookup(sdoc[a:h].text) if f.main and f.kind == "admin1"]
        m = self._mention(sdoc, h + 1, j, "EMB", extend=False) if areas else None
        if m is None:
            return None
        m.cands = [f for f in m.cands if f.main and any(contains(x, f) for x in areas)]
        if not m.cands:
            return None
        state = self._mention(sdoc, a, h, "EMB", extend=False)
        if state is not None:
            state.cands = areas
            self._campus_areas.append(state)  # the state is a place of the name too
        return m

    def _landmark(self, i: int, j: int, sdoc: Any) -> Mention | None:
        """ "The White House said", "the Kremlin denied": a landmark of ``data/landmarks.tsv``
        is a site at its city."""
        city = _landmarks(self.gaz).get(key(sdoc[i:j].text))
        if city is None:
            return None
        start, end = sdoc[i].idx, sdoc[j - 1].idx + len(sdoc[j - 1].text)
        m = Mention(start, end, self._text[start:end], "FAC", facility=True, cands=[city])
        m.site = True
        m.reason = f"landmark: placed at {city.name}"
        return m

    def _big_town(self, text: str) -> bool:
        """A town of 100,000+ known by this very name (a "-man"/"-an" ending is no demonym)."""
        return any(
            f.main and f.kind == "city" and f.pop >= 100_000 and key(f.name) == key(text)
            for f in self.gaz.lookup(text)
        )

    def _capital_or_country(self, text: str) -> bool:
        """Whether ``text`` is the primary name of a country or a national capital ("Tunis",
        which a nationality-word ending would otherwise drop)."""
        return any(f.main and (f.capital or f.kind == "country") for f in self.gaz.lookup(text))

    def _strong(self, m: Mention) -> bool:
        return any(f.kind in ("country", "admin1", "admin2") or f.pop >= 50_000 for f in m.cands)

    def _short_form(self, t: Any) -> bool:
        """An abbreviated name word inside a place name: "St." of "St. Cloud", "Mt.", "Ft."
        (rule short-forms: facilities named after such places)."""
        w = t.text
        return (
            self.rules.short_forms
            and len(w) <= 4
            and w.endswith(".")
            and w[:-1].isalpha()
            and w[:1].isupper()
        )

    @staticmethod
    def _cap(t: Any) -> bool:
        return t.text[:1].isupper() and t.is_alpha and (len(t) > 3 or not t.is_upper)


_CITY_TABLES: dict[tuple[str, int], dict[str, Feature]] = {}


def _city_table(gaz: Gazetteer, name: str, fold: Callable[[str], str]) -> dict[str, Feature]:
    """``data/<name>`` (a name, a city, its country code) read once per gazetteer: the folded
    name -> the biggest town of that city's name in that country."""
    got = _CITY_TABLES.get((name, id(gaz)))
    if got is None:
        got = {}
        for row in data_rows(name):
            written, city, cc = row[:3]
            towns = [
                f
                for f in gaz.lookup(city)
                if f.cc == cc and f.kind == "city" and f.main and f.lat is not None
            ]
            if towns:
                got[fold(written)] = max(towns, key=lambda f: f.pop)
        _CITY_TABLES[(name, id(gaz))] = got
    return got


def _landmarks(gaz: Gazetteer) -> dict[str, Feature]:
    """``data/landmarks.tsv``: folded landmark name -> its city."""
    return _city_table(gaz, "landmarks.tsv", key)


def _initialisms(gaz: Gazetteer) -> dict[str, Feature]:
    """``data/initialisms.tsv``: dotted city initialism ("L.A.") -> its city."""
    return _city_table(gaz, "initialisms.tsv", str)


__all__ = ["Candidates", "ResolverState", "reading_text"]
