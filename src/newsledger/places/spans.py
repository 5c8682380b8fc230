"""Spans: place mentions outside spaCy's place entities, and the links between mentions.

Each method is one pass over the parsed document that adds mentions spaCy did not tag as
places, each under its own rule: names listed with places ("Dodge City, Great Bend and
Hutchinson": listed-people, listed-alias), coordinated areas ("Alachua and Gilchrist
counties"), datelines ("MANSFIELD --": dateline-mixed, dateline-bare, dateline-pairs,
agency-dateline), legislators' homes ("R-Elbow Lake": party-home-loose, party-any), hyphenated
pairs of towns (hyphen-pairs), names with particles ("Deir ez-Zor": particle-names),
capitalised runs the gazetteer knows, in place context (run-facility-guard, run-prefix),
untagged names listed after a place (listed-untagged), UK road numbers (facility-sites), later
mentions of a name already found (fold-upper), a country's initials (acronyms) and paired
streets (paired-streets). The links: "X, Y" (hierarchy) and a site's place ("X in Y", "Y's X":
site-anchors, anchor-over-name, unresolved-anchor, possessor).
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from typing import Any

from .candidates import ResolverState
from .gazetteer import Feature
from .mention import (
    CONTEXT_ONLY,
    NEVER_LABELS,
    PLACE_LABELS,
    Mention,
    bare_site,
    initials,
    km,
    upper_name,
)
from .normalize import key
from .words import place_words

W = place_words()
#: a news agency's mark after a dateline: "WASHINGTON (AP)", "SOUTH WAZIRISTAN, April 5 (APP)"
AGENCY = re.compile(
    r"[ ,]*(?:[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?\s*)?"
    r"\((?:AP|AFP|Reuters|UPI|APP|PTI|IANS|dpa|DPA|Xinhua|CNN|Bloomberg)\)"
)
#: "State and Hubbard streets"
PAIRED_STREET = re.compile(
    r"\b([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?) and ([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?) "
    r"(?:streets|avenues|roads|boulevards)\b"
)
#: UK road numbers ("the A417", "M25")
ROAD_NUMBER = re.compile(r"^[AMB]\d{1,4}(?:\(M\))?$")
ROAD_IN_TEXT = re.compile(r"\b[AMB]\d{1,4}\b")
#: a short parenthesis (an abbreviation) between a site and "in"
PAREN_ABBR = re.compile(r"^\([^()]{1,12}\)\s*")
#: what stands between two names of one list
LIST_GAP = re.compile(r",\s*")
LIST_AND = re.compile(r",?\s+(?:and|or)\s+")
#: the list goes on beyond the name: "X, Y, Z" / "X, Y and Z"
LIST_NEXT = re.compile(r"^,\s*\w|^\s+(?:and|or)\s|,\s*$|\s(?:and|or)\s+$")


class Spans(ResolverState):
    """Mentions outside spaCy's place entities, and the links between mentions."""

    def _listed(self, pending: list[Mention], found: list[Mention]) -> list[Mention]:
        """PERSON/ORG names that the gazetteer knows and that stand in a list with places
        already found ("Dodge City, Great Bend, Hutchinson", "Bicester and Kidlington")."""
        out: list[Mention] = []
        text = self._text
        places = sorted(found, key=lambda m: m.start)
        for _ in range(2):
            for m in pending:
                if m in out or m.text.isupper():
                    continue  # "NATO", "TASS": acronyms
                own = any(f.main and f.lat is not None for f in m.cands)
                # "Odesa and Mykolaiv": a big town's alternate spelling counts beside a place
                # of its own country ("Israel and Hamas" is no Hamm, Germany)
                alias_ccs = {
                    f.cc
                    for f in m.cands
                    if self.rules.listed_alias and f.kind == "city" and f.pop >= 100_000 and f.lat
                }
                if not own and not alias_ccs:
                    continue
                for o in places:
                    if not own and not any(c.cc in alias_ccs for c in o.cands):
                        continue
                    if o.end <= m.start:
                        gap, beyond = text[o.end : m.start], text[m.end : m.end + 6]
                    else:
                        gap, beyond = text[m.end : o.start], text[max(0, m.start - 6) : m.start]
                    if LIST_AND.fullmatch(gap) or (
                        LIST_GAP.fullmatch(gap) and LIST_NEXT.search(beyond)
                    ):
                        m.label = "GAZ"
                        out.append(m)
                        places.append(m)
                        break
        return out

    def _coordinated(self, sdoc: Any, taken: list[bool], skipped: Any) -> list[Mention]:
        """ "Alachua and Gilchrist counties", "Kunar and Nangarhar provinces": every name of the
        list is an area of that kind."""
        out: list[Mention] = []
        for t in sdoc:
            plural = W.plural_features.get(t.lower_)
            if plural is None or t.i == 0 or skipped(t.idx):
                continue
            k = t.i - 1
            names: list[tuple[int, int]] = []
            while k >= 0:
                b = k + 1
                while k >= 0 and self._cap(sdoc[k]):
                    k -= 1
                if k + 1 < b:
                    names.append((k + 1, b))
                if k >= 0 and sdoc[k].lower_ in {",", "and", "or", "&"}:
                    k -= 1
                    continue
                break
            for a, b in names:
                if any(taken[x] for x in range(a, b)) and not any(
                    e.label_ in ("ORG", "GPE", "NORP", "PERSON") for e in sdoc[a:b].ents
                ):
                    continue
                if any(m.start == sdoc[a].idx for m in out):
                    continue
                m = self._mention(sdoc, a, b, "GAZ", extend=False)
                if m is None:
                    continue
                full = f"{sdoc[a:b].text} {plural}"
                cands = [f for f in self.gaz.lookup(full) if f.kind in ("admin1", "admin2")]
                cands += [
                    f
                    for f in m.cands
                    if f.kind in ("admin1", "admin2") and f.id not in {c.id for c in cands}
                ]
                if cands:
                    m.cands = cands
                    m.hint = frozenset({"admin1", "admin2"})
                    out.append(m)
                    for x in range(a, b):
                        taken[x] = True
        return out

    def _dateline(self, sdoc: Any, taken: list[bool], soft: list[bool]) -> list[Mention]:
        """ "MANSFIELD -- The council met...": an upper-case place name opening a story
        (also when spaCy took it for an organisation or a person)."""
        out: list[Mention] = []
        text = self._text
        for t in sdoc:
            if not (
                (t.is_upper or (self.rules.dateline_mixed and upper_name(t.text)))
                and t.is_alpha
                and len(t) > 2
            ):
                continue
            agency = None
            if self.rules.agency_dateline:
                k = t.i + 1
                while k < len(sdoc) and k - t.i < 3 and sdoc[k].is_upper and sdoc[k].is_alpha:
                    k += 1
                after = sdoc[k - 1].idx + len(sdoc[k - 1].text)
                agency = AGENCY.match(text, after)
            j = t.i + 1
            while j < len(sdoc) and j - t.i < 3 and sdoc[j].is_upper and sdoc[j].is_alpha:
                j += 1
            # "SAN ANTONIO Turner Sports analyst ...": a story's first words in upper case
            # before the sentence's own capitals, even inside a longer entity; only a big
            # place
            bare = (
                self.rules.dateline_bare
                and agency is None
                and (t.i == 0 or "\n" in sdoc[t.i - 1].text or sdoc[t.i - 1].is_space)
                and j < len(sdoc)
                and sdoc[j].is_title
                and j - t.i > 1
            )
            inside = bare and t.ent_iob_ == "B" and sdoc[j].ent_iob_ == "I"
            if taken[t.i] and not soft[t.i] and agency is None and not inside:
                continue
            after_amp = (
                self.rules.dateline_pairs
                and t.i >= 2
                and sdoc[t.i - 1].text == "&"
                and bool(out)
                and out[-1].end == sdoc[t.i - 2].idx + len(sdoc[t.i - 2].text)
            )  # "TIJUANA & SAN DIEGO, March 29 --": the second town of a shared dateline
            if agency is not None or bare or after_amp:
                pass  # "Associated Press WASHINGTON (AP) --": the agency marks the dateline
            elif t.i > 0 and text[max(0, t.idx - 2) : t.idx].strip() not in ("", ".", "\n"):
                prev = sdoc[t.i - 1]
                # after a sentence, a line break, or a byline's date ("March 30, 2009 NEWARK")
                year = prev.like_num and len(prev.text) == 4
                if prev.text not in (".", "\n") and not prev.is_space and not year:
                    continue
            if (
                agency is None
                and not inside
                and any(taken[x] and not soft[x] for x in range(t.i, j))
            ):
                continue
            rest = text[sdoc[j - 1].idx + len(sdoc[j - 1].text) :][:6].lstrip(" ")
            dash = rest.startswith(("-", "—", "–", "\x97", "\x96", "(", ",", ":")) or (
                self.rules.dateline_pairs
                and rest.startswith("& ")
                and j + 1 < len(sdoc)
                and sdoc[j + 1].is_upper
                and sdoc[j + 1].is_alpha
            )
            if not dash and not bare:
                continue
            bare = bare and not dash
            if key(sdoc[t.i : j].text) in W.stop_names:
                continue
            m = self._mention(sdoc, t.i, j, "GAZ", extend=False)
            if bare and (m is None or not any(f.main and f.pop >= 100_000 for f in m.cands)):
                continue
            if m is not None and m.cands and (agency is not None or any(f.main for f in m.cands)):
                out.append(m)
                for x in range(t.i, j):
                    taken[x] = True
        return out

    def _party_home(
        self, sdoc: Any, taken: list[bool], covered: set[int] | None = None
    ) -> list[Mention]:
        """US politicians' home towns as the press writes them: "Sen. X, D-Mass.", "R-Elbow Lake".

        Rule party-home-loose: "both D-W. Va." (two members of one state), a home
        that spaCy took into a person or organisation ("R-Marshall", "D-Pleasanton") when no
        place was found there, and a home before any punctuation mark (a quote, a dash)."""
        out: list[Mention] = []
        n = len(sdoc)
        covered = covered or set()
        loose = self.rules.party_home_loose

        def free(x: int) -> bool:
            tok = sdoc[x]
            if not taken[x]:
                return True
            return loose and tok.ent_type_ in ("ORG", "PERSON") and tok.idx not in covered

        for t in sdoc:
            i = t.i + 2
            if t.text not in W.parties or i >= n or sdoc[t.i + 1].text != "-":
                continue
            before = (",", "(", "both") if loose else (",", "(")
            if t.i == 0 or sdoc[t.i - 1].text not in before:
                continue
            j = i
            while j < n and j - i < 3 and sdoc[j].text[:1].isupper() and free(j):
                j += 1
            if j == i:
                continue
            if (
                j < n
                and sdoc[j].text not in (",", ")", ".", ";")
                and not (loose and sdoc[j].is_punct and sdoc[j].text != "-")
            ):
                continue
            m = self._mention(sdoc, i, j, "GAZ", extend=False)
            if m is not None and any(
                f.cc == "US" and (f.main or self.rules.party_any) for f in m.cands
            ):
                m.cands = [f for f in m.cands if f.cc == "US"]
                out.append(m)
                for x in range(i, j):
                    taken[x] = True
        return out

    def _hyphen_pairs(self, sdoc: Any, covered: set[int], skipped: Any) -> list[Mention]:
        """ "Plainview-Elgin", "Watertown-Mayer", "Nelson-Creston": two neighbouring towns
        joined by a hyphen name a school district, a team or a constituency; both towns are
        places. Both must be towns within hyphen_pair_km of each other; a joined name
        the gazetteer knows ("Winston-Salem") is left to the other rules."""
        out: list[Mention] = []
        n = len(sdoc)
        for h in [t.i for t in list(sdoc)[1:-1] if t.text == "-"]:
            a, dash, b = sdoc[h - 1], sdoc[h], sdoc[h + 1]
            if (
                a.whitespace_
                or dash.whitespace_
                or not (self._cap(a) and self._cap(b))
                or (a.idx in covered and b.idx in covered)
                or skipped(a.idx)
                or (h >= 2 and sdoc[h - 2].text == "-")
                or (h + 2 < n and sdoc[h + 2].text == "-" and not sdoc[h + 1].whitespace_)
                or self.gaz.lookup(sdoc[h - 1 : h + 2].text)
            ):
                continue
            ma = self._mention(sdoc, h - 1, h, "GAZ", extend=False)
            mb = self._mention(sdoc, h + 1, h + 2, "GAZ", extend=False)
            if ma is None or mb is None:
                continue
            towns_a = [f for f in ma.cands if f.main and f.kind == "city" and f.lat is not None]
            towns_b = [f for f in mb.cands if f.main and f.kind == "city" and f.lat is not None]
            pairs = [
                (fa, fb)
                for fa in towns_a
                for fb in towns_b
                if km(fa.lat, fa.lon, fb.lat, fb.lon) <= self.rules.hyphen_pair_km  # type: ignore[arg-type]
            ]
            if not pairs:
                continue
            ma.cands = list({f.id: f for f, _ in pairs}.values())
            mb.cands = list({f.id: f for _, f in pairs}.values())
            # a town already found alone ("Nelson") keeps its mention; its partner joins it
            out.extend(m for m in (ma, mb) if m.start not in covered)
        return out

    def _particle_names(
        self, sdoc: Any, taken: list[bool], soft: list[bool], skipped: Any
    ) -> list[Mention]:
        """ "Deir ez-Zor", "Ras al-Ain", "Dar es Salaam": names with a lower-case particle
        inside, which capitalised runs break apart; taken whole when the gazetteer knows the
        whole name as a town of 10,000+ or an area."""
        out: list[Mention] = []
        n = len(sdoc)

        def is_particle(w: Any) -> bool:
            # "at", "as", "an", "do" are English words too: particles only before a hyphen
            return w.lower_ in W.name_particles and (
                w.lower_ not in W.english_particles or not w.whitespace_
            )

        starts = [
            t
            for t, nxt in itertools.pairwise(sdoc)
            if (nxt.text == "-" or nxt.lower_ in W.name_particles) and self._cap(t)
        ]
        for t in starts:
            if (taken[t.i] and not soft[t.i]) or skipped(t.idx):
                continue
            best = None
            k = t.i + 1
            particle = False
            while k < n and k - t.i < 6 and (not taken[k] or soft[k]):
                w = sdoc[k]
                if is_particle(w) or (w.text == "-" and not sdoc[k - 1].whitespace_):
                    particle = True
                elif not self._cap(w):
                    break
                elif particle:
                    best = k + 1
                k += 1
            if best is None:
                continue
            m = self._mention(sdoc, t.i, best, "GAZ", extend=False)
            if m is None or not any(
                f.main and (f.kind in ("country", "admin1", "admin2") or f.pop >= 10_000)
                for f in m.cands
            ):
                continue
            out.append(m)
            for x in range(t.i, best):
                taken[x] = True
        return out

    def _listed_untagged(
        self, sdoc: Any, taken: list[bool], skipped: Any, found: list[Mention]
    ) -> list[Mention]:
        """ "advanced on Hasakah and Qamishli": an untagged name right after "and"/"or"/","
        that follows a place already found, read as a town of that place's country."""
        out: list[Mention] = []
        ends = {m.end: m for m in found if m.cands}
        n = len(sdoc)
        for t in sdoc:
            if t.i < 2 or taken[t.i] or not self._cap(t) or skipped(t.idx):
                continue
            joint = sdoc[t.i - 1]
            if joint.lower_ not in ("and", "or", ","):
                continue
            before = ends.get(sdoc[t.i - 2].idx + len(sdoc[t.i - 2].text))
            if before is None:
                continue
            j = t.i + 1
            while j < n and j - t.i < 3 and not taken[j] and self._cap(sdoc[j]):
                j += 1
            m = self._mention(sdoc, t.i, j, "GAZ", extend=False)
            ccs = {f.cc for f in before.cands}
            if m is None or key(m.text) in W.stop_names or m.text in self._person_words:
                continue
            m.cands = [
                f
                for f in m.cands
                if f.cc in ccs and f.lat is not None and (f.main or f.pop >= 100_000)
            ]
            if m.cands:
                out.append(m)
                for x in range(t.i, j):
                    taken[x] = True
        return out

    def _gazetteer_spans(self, sdoc: Any, taken: list[bool], skipped: Any) -> list[Mention]:
        """Capitalised runs not covered by an entity that the gazetteer knows, in place context."""
        out: list[Mention] = []
        n = len(sdoc)
        i = 0
        while i < n:
            t = sdoc[i]
            if taken[i] or not self._cap(t) or skipped(t.idx):
                i += 1
                continue
            j = i
            while j < n and j - i < 4 and not taken[j] and self._cap(sdoc[j]):
                j += 1
            if (
                self.rules.run_facility_guard
                and j - i > 1
                and sdoc[j - 1].lower_ in W.facility_heads | W.building_words
                and sdoc[j - 1].lower_ not in W.feature_words
            ):
                # "Central District Court": the run names a building, not a district; but
                # "Owensboro Public Schools" is named after its town
                if self.rules.run_prefix and (emb := self._run_prefix(sdoc, i, j)):
                    out.append(emb)
                i = j
                continue
            found = False
            for size in range(j - i, 0, -1):
                for a in range(i, j - size + 1):
                    b = a + size
                    text = sdoc[a:b].text
                    k = key(text)
                    if not k or k in W.stop_names or len(k) < 3:
                        continue
                    if self.gaz.is_demonym(text) or text in self._person_words:
                        continue
                    if any(x.is_stop for x in sdoc[a:b]):
                        continue
                    named_area = (
                        sdoc[b - 1].is_title and sdoc[b - 1].lower_ in W.feature_words and b - a > 1
                    )
                    if not named_area and not self._place_context(sdoc, a, b):
                        continue
                    m = self._mention(sdoc, a, b, "GAZ")
                    if m is None or not m.cands:
                        continue
                    # common-looking words need a sizeable place behind them
                    if a == sdoc[a].sent.start and not self._strong(m):
                        continue
                    if not any(f.main for f in m.cands) and not self._strong(m):
                        continue
                    out.append(m)
                    found = True
                    break
                if found:
                    break
            if (
                not found
                and self.rules.run_prefix
                and j - i > 1
                and (emb := self._run_prefix(sdoc, i, j))
            ):
                out.append(emb)
            i = j if j > i else i + 1
        return out

    def _run_prefix(self, sdoc: Any, i: int, j: int) -> Mention | None:
        """ "Owensboro Public Schools": an untagged name led by its town and an institution
        word; never "Superior Court"."""
        if sdoc[i].lower_ in W.institutions:
            return None
        emb = self._prefix_place(sdoc, i, j, institution=True)
        if emb is not None:
            emb.label = "EMB"
        return emb

    def _road_numbers(self, sdoc: Any, taken: list[bool], skipped: Any) -> list[Mention]:
        """UK road numbers in road context ("the A417 southbound", "via the A436, A40"):
        unresolved sites, placed later at the article's main town."""
        out: list[Mention] = []
        if not ROAD_IN_TEXT.search(self._text):
            return out
        n = len(sdoc)
        for t in sdoc:
            if taken[t.i] and t.ent_type_ not in ("PRODUCT", "ORG", "CARDINAL", ""):
                continue
            if not ROAD_NUMBER.match(t.text) or skipped(t.idx):
                continue
            prev = sdoc[t.i - 1].lower_ if t.i else ""
            nxt = sdoc[t.i + 1].lower_ if t.i + 1 < n else ""
            listed = any(
                ROAD_NUMBER.match(sdoc[k].text)
                for k in (t.i - 2, t.i + 2)
                if 0 <= k < n and sdoc[min(k, t.i) + 1].text in (",", "and")
            )
            if prev == "the" or nxt in W.road_context or listed:
                out.append(Mention(t.idx, t.idx + len(t.text), t.text, "FAC", facility=True))
        return out

    def _propagate(self, sdoc: Any, ms: list[Mention], skipped: Any) -> list[Mention]:
        """One sense per discourse: other capitalised occurrences of a name already found as a
        place (outside other places and non-place entities) are mentions of it too."""
        names: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for m in ms:
            if m.text in self._person_words:
                continue
            if m.cands:
                words = tuple(m.text.split())
                if words and words not in names[words[0]]:
                    names[words[0]].append(words)
                upper = m.text.isupper() or (
                    self.rules.dateline_mixed and all(map(upper_name, words))
                )
                if self.rules.fold_upper and words and upper and len(m.text) > 3:
                    # a dateline ("HARWINTON --") names the town the text writes "Harwinton"
                    low = tuple(w.lower() for w in words)
                    if low not in names[low[0]]:
                        names[low[0]].append(low)
        if not names:
            return []
        covered = [False] * len(self._text)
        for m in ms:
            for c in range(m.start, m.end):
                covered[c] = True
        blocked = [False] * len(sdoc)
        for ent in sdoc.ents:
            if ent.label_ in NEVER_LABELS or (ent.label_ == "PERSON" and len(ent) > 1):
                for t in range(ent.start, ent.end):
                    blocked[t] = True
        out: list[Mention] = []
        n = len(sdoc)
        i = 0
        while i < n:
            t = sdoc[i]
            opts = None
            if not blocked[i] and not covered[t.idx]:
                opts = names.get(t.text)
                if not opts and self.rules.fold_upper and t.text[:1].isupper() and not t.is_upper:
                    opts = names.get(t.lower_)
            if not opts or skipped(t.idx):
                i += 1
                continue
            done = False
            for words in sorted(opts, key=len, reverse=True):
                j = i + len(words)
                if j <= n and (
                    tuple(x.text for x in sdoc[i:j]) == words
                    or (
                        words[0].islower()
                        and all(x.text[:1].isupper() for x in sdoc[i:j])
                        and tuple(x.lower_ for x in sdoc[i:j]) == words
                    )
                ):
                    if any(blocked[x] or covered[sdoc[x].idx] for x in range(i, j)):
                        continue
                    m = self._mention(sdoc, i, j, "PROP", extend=False)
                    if m is not None and m.cands:
                        out.append(m)
                        i = j
                        done = True
                        break
            if not done:
                i += 1
        return out

    def _acronyms(self, sdoc: Any, ms: list[Mention], skipped: Any) -> list[Mention]:
        """Initials of a country the document names in full: "SA" beside "South Africa" or
        "South Africans", "T&T" beside "Trinidad and Tobago", "S.A." too. Not after
        a proper noun ("Nestle SA" is a company's legal form)."""
        forms: dict[str, Feature] = {}
        for m in ms:
            if m.start < 0 or m.label in CONTEXT_ONLY:
                continue
            countries = [f for f in m.cands if f.kind == "country" and f.main]
            if len(countries) != 1:
                continue
            for full in {m.text, countries[0].name}:
                for form in initials(full):
                    forms.setdefault(form, countries[0])
        for ent in sdoc.ents:
            # "South Africans", "New Zealander": the country the nationality word names
            if ent.label_ != "NORP" or len(ent) < 2 or not ent.text.replace(" ", "").isalpha():
                continue
            last = ent[-1].text
            for cut in ("ns", "n", "ers", "er"):
                if last.endswith(cut) and len(last) > len(cut) + 2:
                    name = " ".join(t.text for t in ent[:-1]) + " " + last[: -len(cut)]
                    countries = [f for f in self.gaz.lookup(name) if f.kind == "country" and f.main]
                    if len(countries) == 1:
                        for form in initials(name):
                            forms.setdefault(form, countries[0])
                        break
        if not forms:
            return []
        taken = [(m.start, m.end) for m in ms if m.cands]
        by_char = {t.idx: t for t in sdoc}
        out: list[Mention] = []
        text = self._text
        pattern = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        for hit in re.finditer(rf"(?<![\w&.])(?:{pattern})(?![\w&])", text):
            a, b = hit.span()
            if skipped(a) or any(s < b and a < e for s, e in taken):
                continue
            tok = by_char.get(a)
            if tok is None:
                continue
            if tok.i > 0 and sdoc[tok.i - 1].pos_ == "PROPN" and sdoc[tok.i - 1].is_title:
                continue
            out.append(Mention(a, b, hit.group(), "GAZ", cands=[forms[hit.group()]]))
        return out

    def _paired_streets(self, ms: list[Mention], skipped: Any) -> list[Mention]:
        """Two names before a plural street word are both streets: "the corner of State and
        Hubbard streets", "Bourbon and Dauphine streets"; sites, placed later like
        other streets."""
        out: list[Mention] = []
        found = [(m.start, m.end) for m in ms if m.cands or m.facility]
        for hit in PAIRED_STREET.finditer(self._text):
            for g in (1, 2):
                a, b = hit.span(g)
                if skipped(a) or any(s < b and a < e for s, e in found):
                    continue
                out.append(Mention(a, b, hit.group(g), "FAC", facility=True))
        return out

    def _link_hierarchy(self, sdoc: Any, ms: list[Mention]) -> None:
        """Mark "X, Y" pairs: Y (when it is a known area) is the parent of X."""
        text = self._text
        for a, b in itertools.pairwise(ms):
            gap = text[a.end : b.start]
            if gap.strip() == "," and b.cands:
                a.parent = b
                b.child = a

    def _link_anchors(self, ms: list[Mention]) -> None:
        """A site that its own name does not place ("Terra Kulture in Lagos", "Brooklyn's
        Barclays Center", "Silverstone, Northamptonshire") takes the place written with it."""
        text = self._text
        for a, b in itertools.pairwise(ms):
            gap = text[a.end : b.start].strip()
            gap = PAREN_ABBR.sub("", gap)  # "New Bilibid Prison (NBP) in Muntinlupa"
            named_in = a.facility and a.site and self.rules.anchor_over_name and gap == "in"
            unknown = (
                self.rules.unresolved_anchor
                and not a.cands
                and a.label in PLACE_LABELS
                and gap != ","
            )  # "Thackerville, Okla.": the article's own town may be nearer than the state point
            if (
                (bare_site(a) or named_in or unknown)
                and b.cands
                and not b.facility
                and gap in W.site_in
            ):
                a.anchor = b  # "Washington University in St. Louis": the place after "in" wins
            if bare_site(b) and a.cands and not a.facility and gap in ("'s", "’s"):
                b.anchor = a
            elif (
                self.rules.possessor
                and a.cands
                and b.cands
                and not a.facility
                and gap in ("'s", "’s")
            ):
                b.possessor = a  # "London's Heathrow"


__all__ = ["Spans"]
