"""Signals: the context that says a span of text is a place, and the context from outside the
text that informs which place it is.

In the text (:meth:`Signals._place_context`, returning the id of the rule that fired): a
locative word before the name ("in X", rule place-context), a verb of conflict taking it as
object ("captured X", place-verbs; "advanced on X", advance-on), a compass phrase after it ("X
in the north", compass-after), an apposition ("X, the capital of ...", apposition), "province
of X", "Jane Roe of X" (person-of), "Pack 136 of X" (numbered-of), a feature word beside it, a
town's own offices ("X Mayor", local-office-context), "X and other towns" (other-places), a
business's town in brackets (paren-place), "X, Y" with a known Y. Local news's ways of naming
its towns ("a Gainesville man", "Jane Doe, 19, of X") and venues ("at Anfield", venue-at).

Outside the text (:meth:`Signals._document_context`): the outlet's home town and country
(outlet-home, home-mentions, country-named-home), places in the title (title-context), in the
web address (path-context) and in addresses and phone numbers (postal-context). These are
pseudo-mentions labelled HOME, TITLE, PATH, POSTAL: context only, never output.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from typing import Any

from .candidates import ResolverState
from .mention import Mention, bare_county, contains, data_rows
from .normalize import key
from .outlet import home_names, host_of, tld_country
from .words import place_words

W = place_words()
ZIP_ADDRESS = re.compile(
    r"(?:,\s*|\b)([A-Z]{2}|[A-Z][a-z]+(?: [A-Z][a-z]+)?|[A-Z][a-z]{1,4}\.(?: ?[A-Z][a-z]?\.)?)"
    r",?\s+(\d{5})(?:-\d{4})?\b"
)
PHONE = re.compile(r"\((\d{3})\)\s*\d{3}[-.\s]\d{4}\b|(?<![\d-])(\d{3})[-.]\d{3}[-.]\d{4}\b")
TITLE_RUN = re.compile(r"(?:[A-Z][\w'’.-]*(?:\s+|$))+")


class Signals(ResolverState):
    """Context that says a span is a place, and context from outside the text."""

    def _place_context(self, sdoc: Any, i: int, j: int) -> str | None:
        """Whether the words around tokens [i, j) say "a place": the id of the rule that
        says so (``place-context`` for the plain ones: a locative word before, a feature word
        beside, "province of", "X, Y" with a known Y), or None."""
        prev = sdoc[i - 1] if i > 0 else None
        if self.rules.direction_skip and prev is not None and prev.lower_ in W.directions and i > 1:
            i -= 1  # "in eastern Ghouta", "of northern X": the direction word stands aside
            prev = sdoc[i - 1]
        if prev is not None and prev.lower_ in {"the"} and i > 1:
            prev = sdoc[i - 2]
        nxt = sdoc[j] if j < len(sdoc) else None
        if prev is not None and prev.lower_ in W.loc_preps:
            return "place-context"
        if (conflict := self._conflict_context(sdoc, prev, i, j)) is not None:
            return conflict
        if prev is not None and prev.lower_ == "of" and i >= 2:
            head = sdoc[i - 2].lower_
            if head in W.of_heads:
                return "place-context"
            if self.rules.person_of and sdoc[i - 2].ent_type_ == "PERSON" and sdoc[i - 2].is_title:
                return "person-of"  # "Jane Roe of Chattanooga"
            if (
                self.rules.numbered_of
                and i >= 3
                and sdoc[i - 2].like_num
                and sdoc[i - 3].is_title
                and sdoc[i - 3].is_alpha
            ):
                return "numbered-of"  # "Pack 136 of Madison", "Local 42 of Elgin", "Post 31 of X"
        if self._home_context(sdoc, i):
            return "place-context"
        if nxt is not None and nxt.lower_ in W.feature_words:
            return "place-context"
        if (
            self.rules.local_office_context
            and nxt is not None
            and nxt.is_title
            and nxt.lower_ in W.local_offices
        ):
            return "local-office-context"  # "Tillsonburg Mayor Jane Roe", "Winona Police said"
        if prev is not None and prev.lower_ in W.feature_words:
            return "place-context"
        if (
            self.rules.other_places
            and j + 2 < len(sdoc)
            and sdoc[j].lower_ in ("and", "or")
            and sdoc[j + 1].lower_ == "other"
            and sdoc[j + 2].lower_ in W.other_place_words
        ):
            return "other-places"  # "Qamishli and other towns"
        if (
            self.rules.paren_place
            and prev is not None
            and prev.text == "("
            and nxt is not None
            and nxt.text == ")"
            and i >= 2
            and sdoc[i - 2].is_title
            and sdoc[i - 2].is_alpha
            and len(sdoc[i - 2]) > 1
            and sdoc[i - 2].ent_type_ in ("ORG", "FAC")
            and all(t.is_title and not t.is_upper for t in sdoc[i:j])
        ):
            return "paren-place"  # "Fig Leaf Boutique (Maywood)": a business and its town
        # "Pandi, Bulacan" / "Achin, Nangarhar": a comma and another capitalised name
        if nxt is not None and nxt.text == "," and j + 1 < len(sdoc) and sdoc[j + 1].is_title:
            return "place-context" if self.gaz.lookup(sdoc[j + 1].text) else None
        if prev is not None and prev.text == "," and i >= 2 and sdoc[i - 2].is_title:
            if self.rules.org_comma_context and sdoc[i - 2].ent_type_ in ("ORG", "FAC"):
                org = next((e for e in sdoc.ents if e.start <= i - 2 < e.end), None)
                if org is not None and any(t.lower_ in W.campus_words for t in org):
                    return "org-comma-context"  # "Federal University of Technology, Owerri"
            return "place-context" if self.gaz.lookup(sdoc[i - 2].text) else None
        return None

    def _conflict_context(self, sdoc: Any, prev: Any, i: int, j: int) -> str | None:
        """Conflict reporting's place contexts: the object of a verb of capture or shelling,
        "advanced on X", "X in the north", "X, the capital of ..." (``prev``: the word before
        the name, past a direction word and "the")."""
        if self.rules.place_verbs and prev is not None and prev.lower_ in W.place_verbs:
            return "place-verbs"  # "captured Kunduz", "shelled Kherson"
        if (
            self.rules.advance_on
            and prev is not None
            and prev.lower_ == "on"
            and i >= 2
            and sdoc[i - 2].lower_ in W.advance_verbs
        ):
            return "advance-on"  # "advanced on Hasakah", "fired on Qamishli"
        if (
            self.rules.compass_after
            and j + 2 < len(sdoc)
            and sdoc[j].lower_ == "in"
            and (
                (sdoc[j + 1].lower_ in W.compass and sdoc[j + 1].is_lower)
                or (sdoc[j + 1].lower_ == "the" and sdoc[j + 2].lower_ in W.directions)
            )
        ):
            return "compass-after"  # "Kunduz in the north", "Khan Younis in southern Gaza"
        if self.rules.apposition and self._appositive_place(sdoc, j):
            return "apposition"  # "Lashkar Gah, the capital of Helmand province"
        return None

    @staticmethod
    def _appositive_place(sdoc: Any, j: int) -> bool:
        """ "X, the capital of ...", "X, a town in ...", "X, a border city": an apposition
        that says what the name is."""
        k = j
        if (
            k + 2 >= len(sdoc)
            or sdoc[k].text != ","
            or sdoc[k + 1].lower_ not in ("the", "a", "an")
        ):
            return False
        k += 2
        while k < len(sdoc) and k - j < 5 and sdoc[k].lower_ not in W.apposition_nouns:
            if not (sdoc[k].is_alpha and sdoc[k].is_lower):
                return False  # "the key town", "a small border village"; not "the UN's"
            k += 1
        return k < len(sdoc) and sdoc[k].lower_ in W.apposition_nouns

    @staticmethod
    def _home_context(sdoc: Any, i: int) -> bool:
        """Where people live, as local news writes it: "Jane Doe, 19, of X", "12 Elm St., X"."""
        if (
            i >= 3
            and sdoc[i - 1].lower_ == "of"
            and sdoc[i - 2].text == ","
            and sdoc[i - 3].like_num
        ):
            return True
        return i >= 2 and sdoc[i - 1].text == "," and sdoc[i - 2].lower_ in W.street_abbreviations

    def _local_context(self, sdoc: Any, i: int, j: int, m: Mention) -> bool:
        """Local news naming a town: "a Gainesville man", "Winona police", "Mindy Miller of
        Ravenel", "Northbrook-based"."""
        if m.text in self._person_words or not any(
            (f.main or (self.rules.bare_county_local and bare_county(m.text, f)))
            and f.lat is not None
            and f.kind in ("city", "admin2")
            for f in m.cands
        ):
            return False
        nxt = sdoc[j] if j < len(sdoc) else None
        if nxt is not None and nxt.lower_ in W.local_nouns:
            return True
        if (
            nxt is not None
            and nxt.text in ("-", "–")
            and j + 1 < len(sdoc)
            and sdoc[j + 1].lower_ in ("based", "area")
        ):
            return True
        if i >= 2 and sdoc[i - 1].lower_ == "of":
            before = sdoc[i - 2]
            return before.text == "," or before.ent_type_ == "PERSON"
        return False

    def _venue(self, sdoc: Any, i: int, j: int, label: str, m: Mention) -> bool:
        """An organisation- or person-tagged name the gazetteer lacks, right after "at" or
        "into" ("at Anfield", "at Terra Kulture in Lagos"): where something happens."""
        k = i - 1
        if k >= 0 and sdoc[k].lower_ == "the":
            k -= 1
        if k >= 1 and (
            sdoc[k - 1].lemma_.lower() in W.venue_roles or sdoc[k - 1].lower_ in W.venue_roles
        ):
            return False  # "a job at Acme", "a professor at Quillfeather": an employer
        return (
            k >= 0
            and sdoc[k].lower_ in W.venue_preps
            and not m.cands
            and label in ("ORG", "PERSON", "FAC")
            and all(t.is_title or not t.is_alpha for t in sdoc[i:j])
            and m.text not in self._person_words
            and not any(t.lower_ in W.venue_not for t in sdoc[i:j])
            and not (j < len(sdoc) and sdoc[j].lower_ in ("'s", "’s", "'", "’"))  # an owner
        )

    def _area_after(self, sdoc: Any, j: int, m: Mention) -> bool:
        """ "Matias Romero, Oaxaca": the name is followed by a comma and an area that holds one
        of its readings."""
        if j + 1 >= len(sdoc) or sdoc[j].text != "," or not sdoc[j + 1].is_title:
            return False
        areas = [
            a
            for a in self.gaz.lookup(sdoc[j + 1].text)
            if a.kind in ("country", "admin1", "admin2") and a.main
        ]
        return any(contains(a, f) for a in areas for f in m.cands if f.lat is not None)

    def _document_context(
        self, ms: list[Mention], url: str | None, outlet: str | None, title: str | None
    ) -> list[Mention]:
        """Context-only pseudo-mentions from outside the text: the outlet's home (its
        country-code domain, and the town a local paper's domain is named after, see
        :mod:`.outlet`), places in a ``title`` the text does not repeat, in the web address's
        sections and in postal addresses. Also adds the mentions of the home town to ``ms``."""
        self._home_cc = None
        home: list[Mention] = []
        host = host_of(url, outlet)
        if host:
            self._home_cc = tld_country(host)
            for name, feats in home_names(host, self.gaz):
                text = next((m.text for m in ms if key(m.text).replace(" ", "") == name), None)
                if text is None and self.rules.home_needs_mention:
                    continue
                home.append(Mention(-1, -1, text or name, "HOME", cands=list(feats)))
            if not home and self.rules.country_named_home:
                home = self._country_named_home(host, ms)
            if self.rules.home_mentions and home and self._text:
                ms.extend(self._home_mentions(home, ms))
                ms.sort(key=lambda m: m.start)
            if home and self._home_cc is None:
                self._home_cc = self._home_country(ms, home)
        extra = home + self._title_context(title, ms) if title else home
        if self.rules.path_context and url:
            extra = extra + self._path_context(url, ms)
        if self.rules.postal_context and self._text:
            extra = extra + self._postal_context(self._text)
        return extra

    def _home_country(self, ms: list[Mention], home: list[Mention]) -> str | None:
        """The country of a generic-domain outlet named after a town: of the countries its town
        readings lie in, the one the article's other names point to most (each name votes for the
        country of its most prominent primary reading); ties go to home_generic_cc."""
        options = {f.cc for h in home for f in h.cands if f.cc}
        if not options:
            return None
        skip = {key(h.text) for h in home}
        votes: Counter[str] = Counter()
        seen: set[str] = set()
        for m in ms:
            k = key(m.text)
            if k in skip or k in seen or not m.cands:
                continue
            seen.add(k)
            mains = [f for f in m.cands if f.main and f.cc]
            if mains:
                top = max(
                    mains,
                    key=lambda f: self.rules.kind_prior.get(f.kind, 0.0) + math.log10(f.pop + 10),
                )
                if top.cc in options:
                    votes[top.cc] += 1  # type: ignore[index]
        order = sorted(options, key=lambda c: (-votes[c], c != self.rules.home_generic_cc, c))
        return order[0]

    def _path_context(self, url: str, ms: list[Mention]) -> list[Mention]:
        """Places that name a section of a local paper's web address ("/arlington_news/",
        "/metro/dekalb/", "/los_angeles_metro/"): context only, like a title's places. The last
        segment (the story's own slug) and segments of more than four words, digits or dots
        are left out, and so are segments with other words than section words (``path_words``)
        or one- and two-letter codes; towns need path_min_pop people."""
        from urllib.parse import urlparse

        try:
            parts = [p for p in urlparse(url).path.split("/") if p]
        except ValueError:
            return []
        known = {key(m.text) for m in ms}
        out: list[Mention] = []
        for seg in parts[:-1]:
            if any(ch.isdigit() or ch == "." for ch in seg):
                continue
            words = [w for w in re.split(r"[_\-+]", seg.lower()) if w]
            if not words or len(words) > 4:
                continue
            hits: list[Mention] = []
            covered: set[int] = set()
            for size in range(min(3, len(words)), 0, -1):
                for a in range(len(words) - size + 1):
                    if covered & set(range(a, a + size)):
                        continue
                    gram = words[a : a + size]
                    name = " ".join(gram)
                    k = key(name)
                    if len(k.replace(" ", "")) < 4 or k in W.stop_names:
                        continue
                    if size == 1 and gram[0] in W.path_words:
                        continue
                    feats = [
                        f
                        for f in self.gaz.lookup(name)
                        if f.main
                        and f.lat is not None
                        and (
                            f.kind in ("country", "admin1", "admin2")
                            or f.pop >= self.rules.path_min_pop
                        )
                    ]
                    if feats:
                        covered |= set(range(a, a + size))
                        if k not in known:
                            hits.append(Mention(-1, -1, name, "PATH", cands=feats))
            # a section name, not a story's slug or an author: every other word is a
            # section word ("arlington_news"; not "monument-for-sale", "david-unsworth")
            rest = [w for i, w in enumerate(words) if i not in covered]
            if hits and all(w in W.path_words or len(w) <= 2 for w in rest):
                out.extend(hits)
                known |= {key(h.text) for h in hits}
        return out

    def _postal_context(self, text: str) -> list[Mention]:
        """First-level areas that a local article's addresses and phone numbers name: a ZIP
        code after its state ("OH 44101", ", Texas 75001": the ZIP's prefix must agree) and
        NANP area codes ("(614) 555-0100"); context only, one name per area."""
        zips, codes = _postal_tables()
        found: set[str] = set()
        for hit in ZIP_ADDRESS.finditer(text):
            a1 = zips.get(hit.group(2)[:3])
            st = hit.group(1)
            named = {f.a1code for f in self.gaz.lookup(st) if f.kind == "admin1" and f.cc == "US"}
            if len(st) == 2 and st.isupper():
                named.add(f"US.{st}")  # USPS codes are GeoNames' US admin1 codes
            if a1 is not None and a1 in named:
                found.add(a1)
        for hit in PHONE.finditer(text):
            a1 = codes.get(hit.group(1) or hit.group(2))
            if a1 is not None:
                found.add(a1)
        out: list[Mention] = []
        for a1 in sorted(found):
            feats = list(self.gaz.admin1(a1))
            if feats:
                out.append(Mention(-1, -1, a1, "POSTAL", cands=feats))
        return out

    def _home_mentions(self, home: list[Mention], ms: list[Mention]) -> list[Mention]:
        """A local paper's own town is a place wherever the text names it ("Gainesville
        citywide election", "A Gainesville restaurant"), also where spaCy took it for a person
        or an organisation: title-case or upper-case, not inside a found place."""
        taken = [(m.start, m.end) for m in ms if m.cands or m.facility]
        out: list[Mention] = []
        for h in home:
            if h.start >= 0:
                continue
            names = {
                f.name
                for f in h.cands
                if key(f.name).replace(" ", "") == key(h.text).replace(" ", "")
            }
            names = {n for n in names if (n.isascii() and " " not in n) or n.istitle()}
            for name in sorted(names):
                for form in {name, name.upper()}:
                    for hit in re.finditer(rf"(?<![\w'’-]){re.escape(form)}(?![\w-])", self._text):
                        a, b = hit.span()
                        if any(s < b and a < e for s, e in taken):
                            continue
                        cands = list(self.gaz.lookup(form))
                        if cands:
                            out.append(Mention(a, b, form, "GAZ", cands=cands))
                            taken.append((a, b))
        return out

    def _country_named_home(self, host: str, ms: list[Mention]) -> list[Mention]:
        """A local paper named after a town that shares a country's name ("jordannews.com"
        in Minnesota): its home when the article's other names point to the town's country
        and none to the country it is named after."""
        out: list[Mention] = []
        for name, feats in home_names(host, self.gaz, countries=True):
            country = {f.cc for f in self.gaz.lookup(name) if f.kind == "country" and f.main}
            votes: Counter[str] = Counter()
            for m in ms:
                if key(m.text).replace(" ", "") == name:
                    continue
                mains = [f for f in m.cands if f.main and f.cc]
                if mains:
                    top = max(
                        mains,
                        key=lambda f: self.rules.kind_prior.get(f.kind, 0) + math.log10(f.pop + 10),
                    )
                    votes[top.cc] += 1  # type: ignore[index]
            if not votes or any(votes[c] for c in country):
                continue
            towns = [f for f in feats if f.cc == votes.most_common(1)[0][0]]
            if towns:
                out.append(Mention(-1, -1, name, "HOME", cands=towns))
        return out

    def _title_context(self, title: str, ms: list[Mention]) -> list[Mention]:
        """Places named in a title that the text does not repeat (GeoWebNews keeps titles
        apart from the text): countries, first-level areas and cities of self.rules.title_min_pop+,
        as context only (never output)."""
        if self._text and title.strip() and title.strip() in self._text:
            return []
        known = {key(m.text) for m in ms}
        out: list[Mention] = []
        for run in TITLE_RUN.findall(title):
            words = run.split()
            for size in range(min(3, len(words)), 0, -1):
                hit = False
                for a in range(len(words) - size + 1):
                    name = " ".join(words[a : a + size])
                    k = key(name)
                    if k in known or k in W.stop_names or len(k) < 4 or self.gaz.is_demonym(name):
                        continue
                    feats = [
                        f
                        for f in self.gaz.lookup(name)
                        if f.main
                        and f.lat is not None
                        and (f.kind in ("country", "admin1") or f.pop >= self.rules.title_min_pop)
                    ]
                    if feats:
                        out.append(Mention(-1, -1, name, "TITLE", cands=feats))
                        known.add(k)
                        hit = True
                if hit:
                    break
        return out


_POSTAL: list[tuple[dict[str, str], dict[str, str]]] = []
_POSTAL_LOCK = threading.Lock()


def _postal_tables() -> tuple[dict[str, str], dict[str, str]]:
    """``data/zip3.tsv`` (ZIP prefix -> state) and ``data/area_codes.tsv`` (area code ->
    state or province), read once."""
    with _POSTAL_LOCK:
        if not _POSTAL:
            zips, codes = (
                {r[0]: r[1] for r in data_rows(n)} for n in ("zip3.tsv", "area_codes.tsv")
            )
            _POSTAL.append((zips, codes))
        return _POSTAL[0]


__all__ = ["Signals"]
