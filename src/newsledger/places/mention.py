"""The places stage's working record (:class:`Mention`) and the small pure helpers every part
of the stage shares: distances, containment, de-duplication, grouping by place."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .gazetteer import Feature
from .normalize import key

#: spaCy labels of place entities
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: entity labels whose spans are never places
NEVER_LABELS = frozenset(
    {
        "DATE",
        "TIME",
        "MONEY",
        "PERCENT",
        "CARDINAL",
        "ORDINAL",
        "QUANTITY",
        "LANGUAGE",
        "WORK_OF_ART",
        "LAW",
        "EVENT",
        "PRODUCT",
    }
)
#: labels under which spaCy hides places that a place context reveals
MISLABELLED = frozenset({"PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
#: unresolved mentions of these labels (streets, buildings, neighbourhoods) are placed at the
#: article's main town
SITE_LABELS = frozenset({"FAC", "LOC", "GPE"})
#: pseudo-mentions that only give context: the outlet's home town, places in the title, the
#: areas of addresses and of the web address
CONTEXT_ONLY = frozenset({"HOME", "TITLE", "POSTAL", "PATH"})
#: how specific a kind of place is (events pick the most specific place of a sentence)
SPECIFICITY = {"site": 5, "city": 4, "admin2": 3, "admin1": 2, "region": 1, "country": 0}


@dataclass
class Mention:
    start: int  # char offsets into doc.text
    end: int
    text: str
    label: str  # spaCy label or "GAZ" (gazetteer match), "EMB" (named inside a name), ...
    hint: frozenset[str] = frozenset()  # kinds suggested by a feature word
    facility: bool = False
    cands: list[Feature] = field(default_factory=list)
    fuzzy: bool = False
    parent: Mention | None = None  # "X, Y": the Y of this X
    child: Mention | None = None  # "X, Y": the X of this Y
    best: Feature | None = None
    site: bool = False  # a facility placed at the place its candidates name
    reason: str | None = None
    anchor: Mention | None = None  # a site's place written with it: "X in Y", "Y's X"
    name_key: str | None = None  # a site named after a place: that place's folded name
    major: bool = False  # an agency dateline: the best-known town of the name
    possessor: Mention | None = None  # "London's Heathrow": the London of this Heathrow
    #: the trace (only when one is asked for): rule ids and notes, in the order they fired
    why: list[str] | None = None


def data_rows(name: str) -> list[list[str]]:
    """The rows of the tab-separated file ``data/<name>``, fields stripped (blank lines and
    ``#`` comments skipped)."""
    path = Path(__file__).parent / "data" / name
    return [
        [x.strip() for x in line.split("\t")]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def contains(area: Feature, f: Feature) -> bool:
    if area.id == f.id:
        return False
    if area.kind == "country":
        return f.cc == area.cc
    if area.kind == "admin1":
        return f.a1code == area.a1code and f.kind in ("admin2", "city")
    if area.kind == "admin2":
        return f.a1code == area.a1code and f.kind == "city"
    return False


def dedupe(ms: list[Mention]) -> list[Mention]:
    """Mentions in text order without overlaps (the one with candidates, then the longer, wins)."""
    ranked = sorted(ms, key=lambda m: (not m.cands, -(m.end - m.start), m.start))
    kept: list[Mention] = []
    for m in ranked:
        if all(m.end <= k.start or k.end <= m.start for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def bare_site(m: Mention) -> bool:
    """A facility that its own name does not place."""
    return m.facility and not m.site and not m.cands


def bare_county(text: str, f: Feature) -> bool:
    """``text`` is the county's or parish's own name without its word ("Pointe Coupee" of
    Pointe Coupee Parish): local news names counties and parishes so."""
    return f.kind == "admin2" and key(f.name) in {
        f"{key(text)} {w}" for w in ("county", "parish", "borough")
    }


def upper_name(word: str) -> bool:
    """An upper-case name with a lower-case particle of the usual Mc/Mac/De/La/Le form:
    "DeKALB", "McALLEN", "LaGRANGE" (datelines print these so)."""
    m = re.fullmatch(r"(Mc|Mac|De|Da|Di|La|Le|Van|St)([A-Z]{3,})", word)
    return m is not None


def gk(m: Mention) -> str:
    """The name a mention shares its decision with: its own, or for a site named after a
    place ("Mansfield Law Enforcement Center") that place's ("mansfield")."""
    return m.name_key or key(m.text)


def initials(name: str) -> set[str]:
    """A multi-word name's initials as news writes them: "South Africa" -> SA, S.A.;
    "Trinidad and Tobago" -> TT, T&T. Single words give none."""
    words = [w for w in re.split(r"[\s-]+", name) if w]
    sig = [w for w in words if w.lower() not in ("of", "the", "and", "&")]
    if len(sig) < 2 or not all(w[:1].isalpha() and w[:1].isupper() for w in sig):
        return set()
    plain = "".join(w[0] for w in sig)
    out = {plain, ".".join(plain) + "."}
    if any(w.lower() in ("and", "&") for w in words):
        amp = "".join(
            "&" if w.lower() in ("and", "&") else w[0]
            for w in words
            if w.lower() not in ("of", "the")
        )
        out.add(amp)
    return out


def group(ms: list[Mention]) -> dict[str, list[Mention]]:
    """Mentions by the place they resolve to (unresolved ones by their normalised text)."""
    out: dict[str, list[Mention]] = defaultdict(list)
    for m in ms:
        if m.best is not None and m.site:
            out[f"newsledger:site:{key(m.text).replace(' ', '-')}"].append(m)
        elif m.best is not None:
            out[m.best.place_id].append(m)
        else:
            out[f"newsledger:unresolved:{key(m.text).replace(' ', '-')}"].append(m)
    return out


__all__ = [
    "CONTEXT_ONLY",
    "MISLABELLED",
    "NEVER_LABELS",
    "PLACE_LABELS",
    "SITE_LABELS",
    "SPECIFICITY",
    "Mention",
    "bare_county",
    "bare_site",
    "contains",
    "data_rows",
    "dedupe",
    "gk",
    "group",
    "initials",
    "km",
    "upper_name",
]
