"""Recognition: which spans of a parsed document are place mentions.

:meth:`Recognition.find` reads spaCy's entities first (:meth:`Recognition._entity`): place
entities (GPE, LOC, FAC: entity-label) are mentions, repaired where spaCy cut or ran a name
(join-split-names, extend-hyphen, extend-to-area, site-suffix, split-comma, split-run-on);
dates, money, works and products give up the places inside them (date-names,
currency-country, mislabelled-context, mislabelled-embedded, county-runs); nationality words
are never places unless they are a capital's or a big town's own name (capital-norp,
norp-big-town); landmarks and possessive buildings are sites (landmarks, possessive-building).
A person- or organisation-tagged name is a place only when a rule says its whole name is
(:meth:`Recognition._whole_name`: place context, an area's own name, a region, a name with
its area, a capital standing for its government, a country's formal name, ...); otherwise the
place it is named after (person-prefix, named-after-place, campus-town), a facility
(facility-sites, fac-as-site), a venue (venue-at), or a name waiting for a list
(listed-names). Then the passes over untagged text (:class:`.spans.Spans`) run in a fixed
order, overlaps are resolved (the mention with readings, then the longer, wins) and the
mentions are linked ("X, Y"; a site and its place).

Words of people's names ("Fisher" of "Fisher Black") are never places unless spaCy or a place
context says so (person-words).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .candidates import ResolverState
from .mention import MISLABELLED, NEVER_LABELS, PLACE_LABELS, Mention, dedupe
from .normalize import key
from .spans import AGENCY
from .words import place_words

W = place_words()
#: endings of nationality words ("Sinhalese", "Minnesotans", "Texan"): never places
DEMONYM_END = re.compile(r"(ese|ians?|ans?|ish|is|ic|ns|ers|ites?)$")
#: "M23", "G20", "F-16": letters and digits are codes, not places, unless the gazetteer knows them
CODE_NAME = re.compile(r"^[A-Z]{1,3}-?\d{1,4}$")


@dataclass
class _Scan:
    """The state of one :meth:`Recognition.find`: the mentions found so far, which tokens are
    taken, which are only softly taken (PERSON/ORG names that name a known place but lacked
    context, open to later passes) and the names waiting for a list."""

    sdoc: Any
    skip: list[tuple[int, int]]
    out: list[Mention] = field(default_factory=list)
    taken: list[bool] = field(default_factory=list)
    soft: list[bool] = field(default_factory=list)
    pending: list[Mention] = field(default_factory=list)

    def skipped(self, start: int) -> bool:
        """Whether a character offset lies in a skipped (boilerplate) section."""
        return any(a <= start < b for a, b in self.skip)

    def take(self, start: int, end: int) -> None:
        """Tokens [start, end) belong to a mention (or to a name that is no place)."""
        end = min(end, len(self.taken))
        self.taken[start:end] = [True] * max(0, end - start)


class Recognition(ResolverState):
    """Finds the place mentions of one spaCy Doc."""

    def find(self, sdoc: Any, skip: list[tuple[int, int]]) -> list[Mention]:
        """Every place mention of ``sdoc`` in text order, outside the ``skip`` spans."""
        self._text = sdoc.text  # Doc.text joins every token: read it once
        # words of people's names ("Clinton" of "Bill Clinton"): never places unless spaCy or
        # a place context says so
        self._person_words = {
            e[-1].text
            for e in sdoc.ents
            if e.label_ == "PERSON" and 1 < len(e) < 4 and e[-1].is_title
        }
        self._campus_areas = []  # "Nebraska" of "University of Nebraska-Lincoln"
        self.rejected = []
        scan = _Scan(sdoc, skip, taken=[False] * len(sdoc), soft=[False] * len(sdoc))
        joined = self._joined_names(sdoc) if self.rules.join_split_names else []
        self._found(scan, [m for m, _ in joined], "join-split-names")
        joined_tokens = {t for _, toks in joined for t in toks}
        for t in joined_tokens:
            scan.taken[t] = True
        for ent in sdoc.ents:
            if scan.skipped(ent.start_char) or ent.start in joined_tokens:
                continue
            self._entity(scan, ent)
        return self._passes(scan)

    def _found(self, scan: _Scan, ms: list[Mention], rule: str) -> None:
        """Add mentions a rule found (and, when tracing, say which rule)."""
        if self.trace:
            for m in ms:
                self._fire(m, rule)
        scan.out.extend(ms)

    def _passes(self, scan: _Scan) -> list[Mention]:
        """The passes after the entities, in order; then overlaps and links."""
        sdoc, taken, soft, skipped, out = scan.sdoc, scan.taken, scan.soft, scan.skipped, scan.out
        r = self.rules
        self._found(scan, self._campus_areas, "campus-town")
        self._found(scan, self._listed(scan.pending, out), "listed-names")
        if self.gazetteer_matching:
            self._found(scan, self._coordinated(sdoc, taken, skipped), "coordinated-areas")
            self._found(scan, self._dateline(sdoc, taken, soft), "dateline")
            covered = {x for m in out for x in range(m.start, m.end)}
            self._found(scan, self._party_home(sdoc, taken, covered), "party-home")
            if r.hyphen_pairs:
                self._found(scan, self._hyphen_pairs(sdoc, covered, skipped), "hyphen-pairs")
            if r.particle_names:
                ms = self._particle_names(sdoc, taken, soft, skipped)
                self._found(scan, ms, "particle-names")
            self._found(scan, self._gazetteer_spans(sdoc, taken, skipped), "gazetteer-spans")
            if r.listed_untagged:
                ms = self._listed_untagged(sdoc, taken, skipped, out)
                self._found(scan, ms, "listed-untagged")
            if r.facility_sites:
                self._found(scan, self._road_numbers(sdoc, taken, skipped), "facility-sites")
        self._found(scan, self._propagate(sdoc, out, skipped), "propagate")
        if r.acronyms:
            self._found(scan, self._acronyms(sdoc, out, skipped), "acronyms")
        if r.paired_streets:
            self._found(scan, self._paired_streets(out, skipped), "paired-streets")
        found = dedupe(out)
        if r.agency_major:
            for m in found:
                if m.text.isupper() and AGENCY.match(self._text, m.end):
                    m.major = True  # "WASHINGTON (AP)": no state needed, the capital
                    self._fire(m, "agency-major")
        self._link_hierarchy(sdoc, found)
        if r.site_anchors:
            self._link_anchors(found)
        return found

    def _entity(self, scan: _Scan, ent: Any) -> None:
        """One spaCy entity: what (if anything) it adds, in the order the rules are tried."""
        sdoc = scan.sdoc
        i, j = self._strip(ent)
        if i >= j:
            return
        label = ent.label_
        text = sdoc[i:j].text
        if label in NEVER_LABELS:
            self._never_label(scan, ent, i, j, label)
            return
        if self.gaz.is_demonym(text) or (
            label == "NORP"
            and DEMONYM_END.search(text)
            and not (self.rules.capital_norp and self._capital_or_country(text))
            and not (self.rules.norp_big_town and self._big_town(text))  # "Omdurman", "Isfahan"
        ):
            scan.take(ent.start, ent.end)
            return
        if not text[:1].isupper() and not text[:1].isdigit():
            return  # "meth", "new": not a name
        if self.rules.landmarks and label in ("ORG", "FAC", "GPE", "LOC", "PERSON"):
            lm = self._landmark(i, j, sdoc)
            if lm is not None:
                self._found(scan, [lm], "landmarks")
                scan.take(ent.start, ent.end)
                return
        if self._possessive_building(scan, ent, i, j, label):
            return
        fired: list[str] = []
        j, text = self._extend(scan, i, j, label, text, fired)
        if self._cut_or_run(scan, ent, i, j, label, fired):
            return
        m = self._mention(sdoc, i, j, label)
        if m is None:
            return
        for rule in fired:
            self._fire(m, rule)
        if label in PLACE_LABELS and not m.cands and text in self._person_words:
            self._reject(text, m.start, label, "person-words", [])
            return  # a surname spaCy took for a place ("Pawlenty")
        if self.rules.code_names and not m.cands and CODE_NAME.match(text):
            scan.take(ent.start, ent.end)
            self._reject(text, m.start, label, "code-names", [])
            return  # "M23 rebels", "the G20": a code, not a place
        if label in PLACE_LABELS or m.label == "GAZ":
            self._found(scan, [m], "entity-label")
            scan.take(ent.start, ent.end)
            if (
                not m.cands
                and j - i > 1
                and not (self.rules.namesake_guard and sdoc[j - 1].lower_ in W.namesake_heads)
            ):
                emb = self._prefix_place(sdoc, i, j)
                if emb is not None:
                    scan.out[-1] = emb
                    self._fire(emb, "named-after-place")
            return
        scan.take(ent.start, ent.end)
        self._named_entity(scan, ent, i, j, label, text, m)

    def _strip(self, span: Any) -> tuple[int, int]:
        """Token bounds of ``span`` without leading "the"/determiners and trailing possessives."""
        i, j = span.start, span.end
        doc = span.doc
        while i < j and doc[i].lower_ in {"the", "a", "an"}:
            i += 1
        if (
            self.rules.party_home_loose
            and i + 2 < j
            and doc[i].text in W.parties
            and doc[i + 1].text == "-"
        ):
            i += 2  # "D-Iowa City": a legislator's party mark is no part of the home
        while j > i and doc[j - 1].lower_ in {"'s", "’s", "'", "’"}:
            j -= 1
        return i, j

    def _never_label(self, scan: _Scan, ent: Any, i: int, j: int, label: str) -> None:
        """A date, money, work, product ... entity: no place itself, but the places inside it
        ("one million US dollars", a mislabelled "Chattanooga", "Dubai World Cup", "the 2009
        Walker County Fair") are; a date's trailing capitalised words stay open."""
        sdoc = scan.sdoc
        end = ent.end
        if self.rules.date_names and label in ("DATE", "TIME"):
            # the capitalised words after the date's own words stay open: a place
            while (
                end > ent.start
                and sdoc[end - 1].is_title
                and sdoc[end - 1].is_alpha
                and sdoc[end - 1].lower_ not in W.date_words
            ):
                end -= 1
        scan.take(ent.start, end)
        if label == "MONEY":  # "one million US dollars": the country of the currency
            self._found(scan, self._currency_country(sdoc, ent.start, ent.end), "currency-country")
        elif label in MISLABELLED and (pm := self._mislabelled(sdoc, i, j)) is not None:
            self._found(scan, [pm], "mislabelled-context")
        elif (
            label in MISLABELLED
            and self.rules.mislabelled_embedded
            and (emb := self._embedded_major(sdoc, i, j)) is not None
        ):
            self._found(scan, [emb], "mislabelled-embedded")  # "Dubai World Cup"
        elif self.rules.county_runs:
            self._found(scan, self._county_runs(sdoc, ent.start, end), "county-runs")

    def _possessive_building(self, scan: _Scan, ent: Any, i: int, j: int, label: str) -> bool:
        """ "St. Peter's Basilica": a building named after its patron, placed by the place
        written with it or at the article's main town, never at its namesake; not an area's
        own ("Florida's Turnpike", "Mexico's Club America")."""
        sdoc = scan.sdoc
        pos = j  # the possessive: after the name ("St. Peter's" + "Basilica") or inside it
        if ent.end - 2 > i and sdoc[ent.end - 2].lower_ in ("'s", "’s"):
            pos = ent.end - 2
        if not (
            self.rules.possessive_building
            and label in PLACE_LABELS | {"PERSON", "ORG"}
            and pos + 1 < len(sdoc)
            and sdoc[pos].lower_ in ("'s", "’s")
            and sdoc[pos + 1].is_title
            and sdoc[pos + 1].lower_ in W.building_words | W.facility_heads
            and not any(
                f.main and (f.kind == "country" or (f.kind == "admin1" and f.pop >= 500_000))
                for f in self.gaz.lookup(sdoc[i:pos].text)
            )
        ):
            return False
        last = sdoc[pos + 1]
        end = last.idx + len(last.text)
        start = sdoc[i].idx
        m = Mention(start, end, self._text[start:end], "FAC", facility=True)
        self._found(scan, [m], "possessive-building")
        scan.take(ent.start, pos + 2)
        return True

    def _extend(
        self, scan: _Scan, i: int, j: int, label: str, text: str, fired: list[str]
    ) -> tuple[int, str]:
        """The entity's end moved over a name spaCy cut short: at a hyphen ("Gilgit" +
        "-Baltistan") or before the rest of an area's name ("Baja" + "California"). The text
        is only renewed by the hyphen (the later checks read the entity's own words)."""
        sdoc = scan.sdoc
        if (
            self.rules.extend_hyphen
            and label in PLACE_LABELS | {"ORG", "PERSON", "NORP"}
            and j + 1 < len(sdoc)
            and sdoc[j].text == "-"
            and not sdoc[j - 1].whitespace_
            and not sdoc[j].whitespace_
            and sdoc[j + 1].is_title
            and any(
                f.main and f.kind in ("country", "admin1", "admin2")
                for f in self.gaz.lookup(sdoc[i : j + 2].text)
            )
        ):
            j += 2  # "Gilgit-Baltistan", "Nagorno-Karabakh"
            scan.take(j - 2, j)
            text = sdoc[i:j].text
            fired.append("extend-hyphen")
        if self.rules.extend_to_area and label in PLACE_LABELS:
            # "Baja" + "California"; "U.S." + "Virgin Islands"
            for more in range(1, 1 + self.rules.extend_words):
                if j + more > len(sdoc) or not all(
                    t.is_title and t.is_alpha for t in sdoc[j : j + more]
                ):
                    break
                if any(
                    f.main and (f.kind in ("country", "admin1") or f.capital)
                    for f in self.gaz.lookup(sdoc[i : j + more].text)
                ):
                    scan.take(j, j + more)
                    j += more
                    fired.append("extend-to-area")
                    break
        return j, text

    def _cut_or_run(
        self, scan: _Scan, ent: Any, i: int, j: int, label: str, fired: list[str]
    ) -> bool:
        """A place entity that is really a site cut short ("North State" + "Street"), or
        several places run together ("Thruxton, Hampshire", "Norman to D.C"): added as such."""
        sdoc = scan.sdoc
        if (
            self.rules.site_suffix
            and label in PLACE_LABELS
            and j < len(sdoc)
            and sdoc[j].is_title
            and sdoc[j].lower_ in W.street_words | W.building_words | W.facility_heads
        ):
            # "North State" + "Street", "St. Peter's" + "Basilica": the whole name is the site
            fm = self._mention(sdoc, i, j + 1, "FAC", extend=False)
            if fm is not None:
                fm.facility = True
                for rule in fired:
                    self._fire(fm, rule)
                self._found(scan, [fm], "site-suffix")
                scan.take(ent.start, ent.end + 1)
                return True
        if label in PLACE_LABELS:
            rule = "split-comma"
            parts = self._comma_parts(sdoc, i, j) if self.rules.split_comma else []
            if not parts:
                rule = "split-run-on"
                parts = self._run_on(sdoc, i, j) if self.rules.split_run_on else []
            if parts:
                self._found(scan, parts, rule)
                scan.take(ent.start, ent.end)
                return True
        return False

    def _named_entity(
        self, scan: _Scan, ent: Any, i: int, j: int, label: str, text: str, m: Mention
    ) -> None:
        """A PERSON/ORG/NORP (or other) entity: a place when a rule says its whole name is;
        else the place it is named after, a facility, a venue, or a name waiting for a list."""
        sdoc = scan.sdoc
        whole = self._whole_name(sdoc, i, j, label, text, m)
        if whole:
            m.label = "GAZ"
            self._found(scan, [m], whole)
            return
        if (
            label in ("ORG", "PERSON")
            and j - i > 1
            and sdoc[j - 1].lower_ in W.building_words
            and sdoc[j - 1].is_title
            and not any(len(t.text) == 2 and t.text.endswith(".") for t in sdoc[i:j])
            and self.rules.fac_as_site
        ):
            # "Royal Street", "Holy Redeemer Church": a street or building
            fm = self._mention(sdoc, i, j, "FAC", extend=False)
            if fm is not None:
                fm.facility = True
                self._found(scan, [fm], "fac-as-site")
            return
        emb, how = None, "named-after-place"
        if label == "PERSON" and j - i > 1 and self.rules.person_prefix:
            # "Huntsville Fire Chief ...", "Athens Parks and Recreation", "The George in
            # Twickenham"
            how = "person-prefix"
            emb = self._prefix_place(sdoc, i, j, institution=True) or self._of_place(
                sdoc, i, j, heads=("in",)
            )
        elif label in ("ORG", "FAC") and j - i > 1:
            # "Mansfield Police Department", "University of Alexandria", "Sheldon Peck
            # Homestead in Lombard": the place it is named after or lies in
            emb = self._prefix_place(sdoc, i, j) or self._of_place(
                sdoc, i, j, campus=self.rules.campus_town
            )
        if emb is not None:
            emb.label = "EMB"
            self._found(scan, [emb], how)
        elif (fac := self._facility(sdoc, i, j, label)) is not None:
            self._found(scan, [fac], "facility-sites")
        elif m.cands and not m.facility and self._may_be_listed(j - i, label, text, m):
            for t in range(ent.start, ent.end):
                scan.soft[t] = True
            scan.pending.append(m)
        elif self.rules.venue_at and self._venue(sdoc, i, j, label, m):
            # "the match at Anfield", "a class at Whole Foods": a venue, placed by the place
            # written with it or at the article's main town
            venue = Mention(m.start, m.end, m.text, "FAC", facility=True)
            self._found(scan, [venue], "venue-at")
        else:
            why = "no rule makes the whole name a place" if m.cands else "no reading"
            self._reject(text, m.start, label, f"{label} entity: {why}", m.cands)

    def _may_be_listed(self, size: int, label: str, text: str, m: Mention) -> bool:
        """A name that a list with places may still make a place: one word, an organisation,
        or a town's whole name tagged as a person ("between Coggeshall and Marks Tey")."""
        return (
            size == 1
            or label == "ORG"
            or (
                self.rules.listed_people
                and any(f.main and f.kind == "city" and key(f.name) == key(text) for f in m.cands)
            )
        )

    def _whole_name(
        self, sdoc: Any, i: int, j: int, label: str, text: str, m: Mention
    ) -> str | None:
        """The id of the rule that makes a PERSON/ORG/NORP-tagged name, as a whole, a place
        (``m.cands`` narrowed where the rule says so), or None."""
        r = self.rules
        if m.cands:
            if (ctx := self._place_context(sdoc, i, j)) and self._strong(m):
                return ctx
            if self._home_context(sdoc, i) and any(f.main for f in m.cands):
                return "place-context"
            if (label == "ORG" or (label in ("PERSON", "NORP") and j - i > 1)) and any(
                f.main and f.kind in ("country", "admin1") for f in m.cands
            ):
                return "entity-area-name"
            if (
                r.org_region
                and label == "ORG"
                and any(
                    f.main and f.kind == "region" and f.cc and key(f.name) == key(text)
                    for f in m.cands
                )
            ):
                return "org-region"
            if r.name_with_area and self._area_after(sdoc, j, m):
                return "name-with-area"
            if (
                # "Tbilisi says", "authorities in Tunis": a capital standing for its government
                r.capital_as_government
                and label in ("ORG", "PERSON", "NORP")
                and text not in self._person_words
                and any(f.main and f.capital for f in m.cands)
            ):
                return "capital-as-government"
            if self._local_context(sdoc, i, j, m):
                return "local-context"
        return self._whole_name_more(sdoc, i, j, label, text, m)

    def _whole_name_more(
        self, sdoc: Any, i: int, j: int, label: str, text: str, m: Mention
    ) -> str | None:
        """The rules of :meth:`_whole_name` that narrow or need more than a reading."""
        r = self.rules
        if (
            r.formal_country
            and label in ("ORG", "PERSON", "NORP")
            and j - i > 2
            and any(f.kind == "country" for f in m.cands)
        ):
            # "the Democratic People's Republic of Korea": a country's formal name, never
            # its last word
            m.cands = [f for f in m.cands if f.kind == "country"]
            return "formal-country"
        if label == "ORG" and text.replace(".", "").isupper():
            # "EU", "DPRK": an all-caps code of a country or region
            areas = [f for f in m.cands if f.kind in ("country", "region")]
            if areas:
                m.cands = areas
                return "all-caps-area"
        if (
            m.cands
            and not text.isupper()
            and text not in self._person_words
            and (ctx := self._place_context(sdoc, i, j))
            and any(f.main and f.lat is not None and f.pop >= r.context_min_pop for f in m.cands)
        ):
            return ctx  # "in Whitestown", "near Ridge Farm"
        if (
            r.topo_generic_names
            and j - i > 1
            and sdoc[j - 1].is_title
            and sdoc[j - 1].lower_ in W.topo_generics
            and any(f.main and f.lat is not None and f.kind == "city" for f in m.cands)
        ):
            # "Goose Creek", "Avondale Estates": no one's name ends in a generic word of a
            # settlement's name
            return "topo-generic-names"
        return None

    def _joined_names(self, sdoc: Any) -> list[tuple[Mention, range]]:
        """Country, first-level area and capital names that spaCy splits in two at "and" or
        "of" ("Trinidad" + "Tobago", "Antigua" + "Barbuda", "Port" + "Spain"): one mention."""
        out: list[tuple[Mention, range]] = []
        ents = list(sdoc.ents)
        for a, b in itertools.pairwise(ents):
            if b.start != a.end + 1 or sdoc[a.end].lower_ not in ("and", "of", "&"):
                continue
            i, _ = self._strip(a)
            if i >= b.end:
                continue
            feats = self.gaz.lookup(sdoc[i : b.end].text)
            if not any(f.main and (f.kind in ("country", "admin1") or f.capital) for f in feats):
                continue
            m = self._mention(sdoc, i, b.end, "GPE", extend=False)
            if m is not None and m.cands:
                out.append((m, range(a.start, b.end)))
        return out

    def _run_on(self, sdoc: Any, i: int, j: int) -> list[Mention]:
        """The places of a place entity that spaCy ran across a lower-case "to", "and",
        "from" or "or" ("Norman to D.C"), when the whole is no known name and every part is."""
        cuts = [
            k for k in range(i + 1, j - 1) if sdoc[k].lower_ in W.run_on_words and sdoc[k].is_lower
        ]
        if not cuts or self.gaz.lookup(sdoc[i:j].text):
            return []
        parts = self._parts(sdoc, i, j, cuts, lambda a, b: sdoc[a].ent_type_ or "GPE")
        return parts if all(m.cands for m in parts) else []

    def _comma_parts(self, sdoc: Any, i: int, j: int) -> list[Mention]:
        """ "Thruxton, Hampshire", "Donington Park, Leicestershire": an entity spaCy ran across
        a comma, when the whole is no known name and its last part is."""
        cuts = [k for k in range(i + 1, j - 1) if sdoc[k].text == ","]
        if not cuts or self.gaz.lookup(sdoc[i:j].text):
            return []
        heads = W.facility_heads | W.building_words
        parts = self._parts(
            sdoc, i, j, cuts, lambda a, b: "FAC" if sdoc[b - 1].lower_ in heads else "GPE"
        )
        return parts if parts and parts[-1].cands and not parts[-1].facility else []

    def _parts(
        self, sdoc: Any, i: int, j: int, cuts: list[int], label: Callable[[int, int], str]
    ) -> list[Mention]:
        """Mentions for the pieces of tokens [i, j) between the ``cuts`` (no piece may be empty
        or a spelling correction); empty when one cannot be made."""
        parts: list[Mention] = []
        a = i
        for b in [*cuts, j]:
            if a >= b:
                return []
            m = self._mention(sdoc, a, b, label(a, b), extend=False)
            if m is None or m.fuzzy:
                return []
            parts.append(m)
            a = b + 1
        return parts

    def _currency_country(self, sdoc: Any, i: int, j: int) -> list[Mention]:
        out: list[Mention] = []
        for t in sdoc[i:j]:
            nxt = sdoc[t.i + 1] if t.i + 1 < len(sdoc) else None
            if nxt is None or nxt.lower_ not in ("dollars", "dollar", "pounds", "euros"):
                continue
            if not t.text[:1].isupper():
                continue
            m = self._mention(sdoc, t.i, t.i + 1, "GAZ", extend=False)
            if m is not None and any(f.kind == "country" and f.main for f in m.cands):
                m.cands = [f for f in m.cands if f.kind == "country"]
                out.append(m)
        return out

    def _county_runs(self, sdoc: Any, start: int, end: int) -> list[Mention]:
        """Counties inside a date, time, event or work ("the 2009 Walker County Fair", "At
         12:03 p.m. Walker County dispatchers"): "X County" is a place whatever spaCy's label
        ; only names the gazetteer knows as a county."""
        out: list[Mention] = []
        for k in range(start + 1, end):
            if sdoc[k].text not in W.county_heads or not sdoc[k - 1].is_title:
                continue
            a = k - 1
            while a > start and k - a < 3 and sdoc[a - 1].is_title and sdoc[a - 1].is_alpha:
                a -= 1
            while a < k and key(sdoc[a].text) in W.stop_names:
                a += 1
            if a == k:
                continue
            m = self._mention(sdoc, a, k + 1, "GAZ", extend=False)
            if m is not None and any(f.kind == "admin2" for f in m.cands):
                m.cands = [f for f in m.cands if f.kind == "admin2"]
                out.append(m)
        return out

    def _embedded_major(self, sdoc: Any, i: int, j: int) -> Mention | None:
        """A country, or a first-level area or city of 100,000+, leading or closing the name
        of an event, law, work or product ("Dubai World Cup", "Nashville Film Festival", "Tour
        de France"; a region too after "of"/"for": "Investment Plan for Europe").
        Smaller places, counties and leading regions are left out: titles name anything ("The
        Yoga of Jesus", "Gulf War")."""
        if j - i < 2:
            return None
        lead = self._prefix_place(sdoc, i, j)
        tail = self._of_place(sdoc, i, j, heads=("of", "for", "in", "de"))
        for emb, kinds in (
            (lead, ("country", "admin1", "city")),
            (tail, ("country", "admin1", "city", "region")),
        ):
            if emb is not None and any(
                f.main
                and f.lat is not None
                and f.kind in kinds
                and (f.kind in ("country", "region") or f.pop >= self.rules.embedded_min_pop)
                for f in emb.cands
            ):
                emb.label = "EMB"
                return emb
        return None

    def _mislabelled(self, sdoc: Any, i: int, j: int) -> Mention | None:
        """A known place that spaCy took for a product, event or work ("in Chattanooga",
        "across Mauritius"): kept when a place context says so."""
        text = sdoc[i:j].text
        if (
            not text[:1].isupper()
            or text.isupper()
            or text in self._person_words
            or key(text) in W.stop_names
            or self.gaz.is_demonym(text)
            or not self._place_context(sdoc, i, j)
        ):
            return None
        m = self._mention(sdoc, i, j, "GAZ", extend=False)
        if (
            m is None
            or m.facility
            or not any(
                f.main
                and f.lat is not None
                and (
                    f.kind in ("country", "admin1", "admin2") or f.pop >= self.rules.context_min_pop
                )
                for f in m.cands
            )
        ):
            return None
        return m

    def _facility(self, sdoc: Any, i: int, j: int, label: str) -> Mention | None:
        """An organisation or person name that is a facility or natural feature by its head
        word ("Barclays Center", "Karl Bremer Hospital", "University of St. Thomas"): a site
        mention. Newspapers and companies ("Inc", "Post") are not."""
        # junction-after: a junction word after the name makes it a site ("the Air Balloon roundabout")
        junction = (
            self.rules.junction_after
            and j < len(sdoc)
            and sdoc[j].lower_ in W.junction_words
            and sdoc[j].text.islower()
        )
        if (
            not self.rules.facility_sites
            or label not in ("ORG", "PERSON")
            or (j - i < 2 and not junction)
        ):
            return None
        words = [t.lower_ for t in sdoc[i:j]]
        if words[-1] in W.media_words or not sdoc[j - 1].text[:1].isupper():
            return None
        if words[-1] not in W.facility_heads and words[0] not in W.facility_leads and not junction:
            return None
        if any(len(t.text) == 2 and t.text.endswith(".") for t in sdoc[i:j]):
            return None  # "J. Smith Hall"? initials make it a person more often than not
        m = self._mention(sdoc, i, j, "FAC", extend=False)
        if m is None:
            return None
        m.facility = True
        m.cands = [f for f in m.cands if f.kind != "country"]
        return m


__all__ = ["Recognition"]
