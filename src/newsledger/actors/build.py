"""Rebuild the actor registry (``data/registry.jsonl``) from PETRARCH2/Phoenix and the curated file.

Run by hand when the sources change::

    .venv/bin/python -m newsledger.actors.build [--phoenix ../shared/data/actors]

Inputs: the Phoenix actor dictionaries of the PETRARCH2 event coder (Open Event Data Alliance,
MIT licence: countries with leaders and institutions, international organisations, non-state
groups) and ``data/curated.jsonl`` (today's armed groups, media outlets, people; hand-written,
it wins every conflict); ``data/group_countries.tsv`` places armed groups Phoenix leaves without
a country. The output is committed as data; the stage never reads Phoenix files.
``pycountry`` is needed here only (ISO alpha-3 -> alpha-2), not at run time.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .registry import slug

DATA = Path(__file__).parent / "data"
DEFAULT_PHOENIX = Path(__file__).resolve().parents[4] / "shared" / "data" / "actors"

#: Words marking an organisation (never a person) in a Phoenix name.
ORG_WORDS = {
    "army",
    "forces",
    "force",
    "police",
    "ministry",
    "government",
    "parliament",
    "council",
    "party",
    "court",
    "bank",
    "agency",
    "office",
    "committee",
    "commission",
    "organization",
    "organisation",
    "union",
    "front",
    "movement",
    "group",
    "brigade",
    "brigades",
    "league",
    "association",
    "fund",
    "program",
    "programme",
    "institute",
    "department",
    "assembly",
    "congress",
    "senate",
    "house",
    "guard",
    "service",
    "services",
    "corps",
    "navy",
    "cabinet",
    "authority",
    "board",
    "federation",
    "alliance",
    "mission",
    "network",
    "press",
    "news",
    "radio",
    "television",
    "tv",
    "times",
    "post",
    "journal",
    "university",
    "centre",
    "center",
    "foundation",
    "society",
    "national",
    "international",
    "united",
    "republic",
    "people's",
    "revolutionary",
    "liberation",
    "islamic",
    "democratic",
    "secretariat",
    "tribunal",
    "the",
    "of",
    "and",
    "for",
    "nuclei",
    "cells",
    "faction",
    "jihad",
    "youth",
    "students",
    "workers",
    "militia",
    "militias",
    "rebels",
    "command",
    "administration",
    "state",
    "states",
}
#: Phoenix secondary codes -> (actor type for an organisation, role for a person).
SECTOR_TYPES = [
    ("MIL", "state_force", "military"),
    ("COP", "state_force", "police"),
    ("SPY", "state_force", "intelligence"),
    ("REB", "rebel_group", "rebel"),
    ("INS", "rebel_group", "insurgent"),
    ("PTY", "political_party", "politician"),
    ("OPP", "other", "opposition"),
    ("MED", "media", "journalist"),
    ("NGO", "ngo", None),
    ("GOV", "state", "government"),
    ("JUD", "state", "judiciary"),
    ("LEG", "state", "legislator"),
    ("ELI", "other", None),
]
#: Phoenix region/pseudo-country codes that are not ISO countries.
NON_ISO = {
    "IGO",
    "NGO",
    "INT",
    "MNC",
    "AFR",
    "MEA",
    "SEA",
    "WEU",
    "EUR",
    "ASA",
    "SAM",
    "NAM",
    "KKL",
    "IMG",
    "UAF",
    "REF",
    "CAU",
    "LAM",
    "EEU",
    "SAS",
    "WAF",
    "EAF",
    "BLK",
    "CRB",
}
FORCE_NOUNS = [
    "forces",
    "security forces",
    "armed forces",
    "troops",
    "army",
    "military",
    "soldiers",
    "servicemen",
    "government forces",
    "regime forces",
    "special forces",
    "government troops",
    "military forces",
    "national army",
    "defence forces",
    "defense forces",
    "warplanes",
    "jets",
    "fighter jets",
    "navy",
    "air force",
]
POLICE_NOUNS = ["police", "police forces"]
GOV_NOUNS = ["government", "authorities", "officials", "administration"]
DEMONYM_ENDINGS = ("an", "ian", "ese", "i", "ish", "ic", "ch", "ean", "ite", "er", "ot", "iot")


def _pretty(raw: str) -> str:
    """'HAMID_KARZAI_' -> 'Hamid Karzai'; short all-caps tokens stay acronyms ('UN', 'ETA')."""
    raw = raw.strip().strip("_").replace("_", " ")
    raw = re.sub(r"\s+", " ", raw).strip()
    words = []
    for w in raw.split(" "):
        letters = re.sub(r"[^A-Za-z]", "", w)
        if (
            (len(letters) <= 4 and len(raw.split(" ")) == 1)
            or (re.fullmatch(r"\(?[A-Z.]{2,6}\)?", w) and "." in w)
            or re.fullmatch(r"\([A-Z/]{2,8}\)", w)
        ):
            words.append(w)
        else:
            parts = re.split(r"([-'/])", w.lower())
            words.append("".join(p[:1].upper() + p[1:] if p not in "-'/" else p for p in parts))
    out = " ".join(words)
    out = re.sub(
        r"\b(Of|And|The|For|In|On|To|De|Al|El|Bin|Ul|Du|La|Le|Da|Van|Von|Der)\b",
        lambda m: m.group(1).lower(),
        out,
    )
    out = re.sub(r"'S\b", "'s", out)
    return out[:1].upper() + out[1:]


@dataclass
class Entry:
    name: str
    aliases: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)  # "AFGGOV >011222" etc.
    country3: str | None = None  # the country block it sits in
    source: str = ""


def parse_phoenix(path: Path) -> list[Entry]:
    """Parse a TABARI/PETRARCH .actors file into entries (header, '+' aliases, [codes])."""
    entries: list[Entry] = []
    cur: Entry | None = None
    country3: str | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        codes = re.findall(r"\[([^\]]*)\]", body)
        text = re.sub(r"\[[^\]]*\]", "", body).strip()
        if body[:1] in (" ", "\t") and not text:
            if cur is not None:
                own = [
                    c.split()[0]
                    for c in codes
                    if c.split() and _names_country(cur.name, c.split()[0])
                ]
                if own:  # a country header with its code below it ("MACEDONIA_ ... [MKD >920115]")
                    country3 = own[0]
                    cur.country3 = country3
                cur.codes.extend(c.strip() for c in codes)
            continue
        if text.startswith("+"):
            if cur is not None and text[1:].strip():
                cur.aliases.append(text[1:].strip())
            continue
        cur = Entry(text, [], [c.strip() for c in codes], country3, path.name)
        if len(codes) == 1 and re.fullmatch(r"[A-Z]{3}", codes[0].strip()):
            country3 = codes[0].strip()
            cur.country3 = country3
        elif not codes and slug(_pretty(text)) in _country_slugs():
            country3 = _country_slugs()[slug(_pretty(text))]  # "IRAQ_" with its codes below
            cur.country3 = country3
        entries.append(cur)
    return entries


_SLUGS: dict[str, str] = {}


def _country_slugs() -> dict[str, str]:
    """slug of every pycountry name (name, common, official) -> alpha-3 (build-time cache)."""
    if not _SLUGS:
        import pycountry

        for c in pycountry.countries:
            for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
                if n:
                    _SLUGS.setdefault(slug(n), c.alpha_3)
    return _SLUGS


def _names_country(name: str, code: str) -> bool:
    import pycountry

    if not re.fullmatch(r"[A-Z]{3}", code):
        return False
    c = pycountry.countries.get(alpha_3=code)
    if not c:
        return False
    own = slug(_pretty(name))
    names = [slug(n) for n in (c.name, getattr(c, "common_name", None)) if n]
    # "Macedonia" for North Macedonia: the name whole inside the country's
    return any(own[:5] == n[:5] or f"-{own}" in f"-{n}" for n in names)


def _year(tok: str) -> int | None:
    d = re.sub(r"\D", "", tok)
    if len(d) == 8:
        return int(d[:4])
    if len(d) == 6:
        yy = int(d[:2])
        return 2000 + yy if yy <= 30 else 1900 + yy
    return None


def _code_end_year(code: str) -> int | None:
    """The last year a Phoenix code applies (None = open-ended or undated)."""
    parts = code.split()
    if len(parts) < 2:
        return None
    rng = parts[1]
    if rng.startswith(">"):
        return None
    if rng.startswith("<"):
        return _year(rng[1:])
    if "-" in rng:
        return _year(rng.split("-")[1])
    return None


def _is_person(name: str) -> bool:
    words = name.lower().replace("_", " ").split()
    if not 2 <= len(words) <= 4:
        return False
    if any(w.strip("()") in ORG_WORDS for w in words):
        return False
    return all(re.fullmatch(r"[a-z][a-z.'\-]*", w) for w in words)


#: Words of a state or an institution's name that a term of office does not make a person's.
STATE_WORDS = {"republic", "kingdom", "state", "states", "soviet", "emirate", "federation",
               "confederation", "authority", "presidency", "secretary", "nationalities",
               "krajina", "bundesrat", "bundestag", "reichstag", "duma", "knesset", "sejm",
               "majlis", "junta", "directorate", "regime", "administration", "coalition",
               "people's", "peoples", "national", "revolutionary", "liberation", "islamic",
               "democratic", "provisional", "transitional", "sudan", "serbia", "montenegro"}  # fmt: skip


def _term_holder(e: Entry) -> bool:
    """A name Phoenix files under a country with a term of office on a code ("HUSSEIN_
    [JORGOV 520811-990207]") is a person's, whatever its shape, unless it has an organisation's
    or a state's word ("Communist Party of the Soviet Union", "Palestinian Authority")."""
    dated = [c for c in e.codes if len(c.split()) > 1 and re.search(r"\d{6}", c.split()[1])]
    if not dated:
        return False
    words = {w.strip("(),\"'`").lower() for w in _pretty(e.name).split()}
    return not (words & (ORG_WORDS | STATE_WORDS)) and not any(ch.isdigit() for ch in e.name)


def _sector(code: str) -> tuple[str, str | None]:
    c = code.split()[0] if code.split() else ""
    rest = c[3:]
    for key, typ, role in SECTOR_TYPES:
        if rest.startswith(key) or (len(rest) > 3 and key in rest[:6]):
            return typ, role
    return "other", None


def _iso2(code3: str | None, pyc: Any) -> str | None:
    if not code3 or code3 in NON_ISO:
        return None
    c = pyc.countries.get(alpha_3=code3)
    return c.alpha_2 if c else None


def _good_alias(alias: str, primary: bool) -> bool:
    """Keep multi-word aliases and acronyms; drop single common words ('Senate', 'Organization')."""
    words = alias.split()
    if not words or len(alias) < 2:
        return False
    if len(words) == 1 and not primary:
        return bool(re.fullmatch(r"[A-Z][A-Z.\-]{1,5}", alias))
    return True


def build_countries(entries: list[Entry], pyc: Any) -> tuple[list[dict], list[dict]]:
    """State actors (+ their forces, police) and institutions/people of the Countries file."""
    states: list[dict] = []
    others: list[dict] = []
    country_slugs = {slug(c.name) for c in pyc.countries}
    for e in entries:
        if e.country3 is None:
            continue
        iso2 = _iso2(e.country3, pyc)
        if iso2 is None:
            continue
        is_header = (
            (len(e.codes) == 1 and e.codes[0] == e.country3)
            or _country_slugs().get(slug(_pretty(e.name))) == e.country3
            or (e.country3 in [c.split()[0] for c in e.codes if c.split()]
                and _names_country(e.name, e.country3))
        )  # fmt: skip
        if is_header:
            if not any(s["id"] == iso2.lower() for s in states):
                states.append(_state_record(e, iso2, pyc))
            continue
        if not e.codes or slug(_pretty(e.name)) in country_slugs:
            continue
        others.append(_org_or_person(e, iso2))
    have = {s["id"] for s in states}
    for c in pyc.countries:  # countries Phoenix lacks still get a state record
        if c.alpha_2.lower() not in have:
            states.append(_state_record(Entry(c.name.upper().replace(" ", "_")), c.alpha_2, pyc))
    return states, [o for o in others if o]


def _state_record(e: Entry, iso2: str, pyc: Any) -> dict:
    c = pyc.countries.get(alpha_2=iso2)
    names = [getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)]
    if _pretty(e.name).lower() not in {n.lower() for n in names if n}:
        names.append(_pretty(e.name))
    names = [n for n in dict.fromkeys(names) if n and "," not in n] or [c.name.split(",")[0]]
    display = names[0]
    prefixes = {slug(n)[:4] for n in names}
    demonyms: list[str] = []
    aliases = list(names)
    for a in e.aliases:
        p = _pretty(a)
        low = p.lower()
        if (
            " " not in p
            and low.endswith(DEMONYM_ENDINGS)
            and not low.endswith(("tan", "land", "ia"))
            and slug(p)[:4] in prefixes
            and len(p) <= max(len(n) for n in names)
        ):
            demonyms.append(p)
        elif " " in p and re.search(r"republic|kingdom|emirate|federation|commonwealth", low):
            aliases.append(p)
    return {
        "id": iso2.lower(),
        "name": display,
        "aliases": aliases,
        "type": "state",
        "country": iso2,
        "demonyms": demonyms[:3],
    }


def _org_or_person(e: Entry, iso2: str | None) -> dict | None:
    name = _pretty(e.name)
    if len(name) < 3:
        return None
    last = e.codes[-1]
    typ, role = _sector(last)
    aliases = [p for p in (_pretty(a) for a in e.aliases) if _good_alias(p, False)]
    shaped = _is_person(e.name)  # two to four plain words
    if shaped or (typ != "rebel_group" and _term_holder(e)):
        ends = [_code_end_year(c) for c in e.codes]
        if shaped and ends and all(y is not None and y < 2005 for y in ends):
            return None  # historical figure: kept out to spare false matches
        return {
            "id": slug(name),
            "name": name,
            "aliases": aliases,
            "type": "person",
            "country": iso2,
            "affiliation": iso2.lower() if iso2 else None,
            "role": role,
        }
    if typ == "other":
        typ = "other" if iso2 is None else "state"
    return {"id": slug(name), "name": name, "aliases": aliases, "type": typ, "country": iso2}


def build_international(entries: list[Entry], pyc: Any) -> list[dict]:
    out = []
    for e in entries:
        if not e.codes:
            continue
        code = e.codes[-1].split()[0] if e.codes[-1].split() else ""
        name = _pretty(e.name)
        aliases = [p for p in (_pretty(a) for a in e.aliases) if _good_alias(p, False)]
        if _is_person(e.name):
            ends = [_code_end_year(c) for c in e.codes]
            if ends and all(y is not None and y < 2005 for y in ends):
                continue
            out.append(
                {
                    "id": slug(name),
                    "name": name,
                    "aliases": aliases,
                    "type": "person",
                    "country": None,
                    "affiliation": None,
                    "role": None,
                }
            )
            continue
        typ = (
            "igo"
            if code.startswith("IGO")
            else "ngo"
            if code.startswith("NGO")
            else "other"
            if code.startswith("MNC")
            else _sector(code)[0]
        )
        out.append(
            {
                "id": slug(name),
                "name": name,
                "aliases": aliases,
                "type": typ,
                "country": _iso2(code[:3], pyc),
            }
        )
    return out


def build_nonstate(entries: list[Entry], pyc: Any) -> list[dict]:
    out = []
    for e in entries:
        codes = e.codes
        if not codes:
            continue
        code = codes[-1].split()[0]
        name = _pretty(e.name)
        name = re.sub(r"\s*\([A-Za-z/]+\)$", "", name)
        aliases = [re.sub(r"\s*\([A-Za-z/]+\)$", "", p) for p in (_pretty(a) for a in e.aliases)]
        aliases = [a for a in aliases if _good_alias(a, False) and not _is_person(a.upper())]
        m = re.search(r"\(([A-Z]{2,6})\)", e.name)
        if m:
            aliases.append(m.group(1))
        if _is_person(e.name):
            continue  # leaders filed as aliases of groups in Phoenix: kept out
        out.append(
            {
                "id": slug(name),
                "name": name,
                "aliases": aliases,
                "type": "rebel_group",
                "country": _iso2(code[:3], pyc),
            }
        )
    return out


def force_records(states: list[dict]) -> list[dict]:
    """Generated per state: its military and police forces, reachable by demonym and name."""
    out = []
    for s in states:
        iso = s["country"]
        of = (
            f"the {s['name']}"
            if re.match(
                r"(United|Republic|Democratic|Central|Philippines|"
                r"Netherlands|Gambia|Bahamas|Czech)",
                s["name"],
            )
            else s["name"]
        )
        short = [s["name"]] if len(s["name"].split()) <= 3 else []
        short += [a for a in s["aliases"] if re.fullmatch(r"[A-Z][A-Z.]{1,4}", a)]
        heads = list(dict.fromkeys(short + s.get("demonyms", [])))
        out.append(
            {
                "id": f"{iso.lower()}-forces",
                "name": f"Military Forces of {of}",
                "aliases": [f"{h} {n}" for h in heads for n in FORCE_NOUNS],
                "type": "state_force",
                "country": iso,
                "affiliation": s["id"],
            }
        )
        out.append(
            {
                "id": f"{iso.lower()}-police",
                "name": f"Police Forces of {of}",
                "aliases": [f"{h} {n}" for h in heads for n in POLICE_NOUNS],
                "type": "state_force",
                "country": iso,
                "affiliation": s["id"],
            }
        )
        s["aliases"] = s["aliases"] + [f"{h} {n}" for h in heads for n in GOV_NOUNS]
    return out


def merge(curated: list[dict], generated: list[dict]) -> list[dict]:
    """Curated records win: a generated record loses every alias a curated one claims, and is
    dropped when its id or name is curated; aliases two generated records share are dropped."""

    def norm(a: str) -> str:
        return re.sub(r"[\s\-’']+", " ", a.lower()).strip()

    cur_ids = {c["id"] for c in curated}
    cur_names: set[str] = set()
    for c in curated:
        cur_names.add(norm(c["name"]))
        cur_names.update(norm(a) for a in c.get("aliases", []))
    by_id: dict[str, dict] = {}
    for g in generated:
        if g["id"] in cur_ids or norm(g["name"]) in cur_names:
            continue
        if g["id"] in by_id:  # same name filed twice (e.g. two UN entries): merge aliases
            by_id[g["id"]]["aliases"] += g["aliases"]
            continue
        by_id[g["id"]] = dict(g)
    owners: dict[str, set[str]] = defaultdict(set)
    for g in by_id.values():
        for a in [g["name"], *g["aliases"]]:
            owners[norm(a)].add(g["id"])
    out = []
    for g in by_id.values():
        al = []
        for a in dict.fromkeys(g["aliases"]):
            n = norm(a)
            if n in cur_names or len(owners[n]) > 1 or n == norm(g["name"]):
                continue
            al.append(a)
        g["aliases"] = al
        out.append(g)
    known = cur_ids | set(by_id)
    for g in out:
        if g.get("affiliation") and g["affiliation"] not in known:
            g["affiliation"] = None
    return curated + out


def _merge_people(records: list[dict]) -> list[dict]:
    """Phoenix files some people twice ("Salva Kiir", "Salva Kiir Mayardit"): a person whose
    name's words all occur, in order, at the start of another same-country person's name is
    merged into that one (its name becomes an alias)."""
    groups: dict[tuple[str | None, str], list[dict]] = defaultdict(list)
    for r in records:
        if r.get("type") == "person" and r.get("source") != "curated":
            groups[(r.get("country"), r["name"].split()[0].lower())].append(r)
    drop: set[int] = set()
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda r: -len(r["name"].split()))
        for short in members:
            sw = short["name"].lower().split()
            if len(sw) < 2:
                continue
            longer = [lg for lg in members if lg is not short and len(lg["name"].split()) > len(sw)
                      and lg["name"].lower().split()[: len(sw)] == sw]  # fmt: skip
            if len(longer) == 1 and id(longer[0]) not in drop:  # unambiguous only
                lg = longer[0]
                lg["aliases"] = list(
                    dict.fromkeys(lg["aliases"] + [short["name"], *short["aliases"]])
                )
                drop.add(id(short))
    return [r for r in records if id(r) not in drop]


def _demonym_table() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in (DATA / "demonyms.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            iso, dem = line.split("\t")
            out[iso.strip()] = [d.strip() for d in dem.split(",")]
    return out


def _dedupe(records: list[dict]) -> list[dict]:
    """First owner keeps an alias (records come in priority order); a record whose name is
    already taken by an earlier one is dropped; affiliations to dropped ids are cleared."""
    from .registry import alias_key

    owner: dict[str, str] = {}
    kept: list[dict] = []
    for r in records:
        k = alias_key(r["name"])
        if k in owner and owner[k] != r["id"]:
            continue
        owner[k] = r["id"]
        al = []
        for a in r.get("aliases", []):
            ka = alias_key(a)
            if ka in owner and owner[ka] != r["id"]:
                continue
            owner[ka] = r["id"]
            al.append(a)
        r["aliases"] = al
        kept.append(r)
    ids = {r["id"] for r in kept}
    for r in kept:
        if r.get("affiliation") and r["affiliation"] not in ids:
            r["affiliation"] = None
    return kept


def apply_group_countries(records: list[dict], path: Path) -> int:
    """Fill the country of the armed groups ``path`` lists (``data/group_countries.tsv``: id,
    ISO alpha-2) that Phoenix leaves without one; returns how many were filled. Raises
    ValueError for an id no record has or a group already placed in another country."""
    by_id = {r["id"]: r for r in records}
    n = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("id\t"):
            continue
        rid, country = line.split("\t")
        rec = by_id.get(rid)
        if rec is None:
            raise ValueError(f"{path.name}: no actor record {rid!r}")
        if rec.get("country") not in (None, country):
            raise ValueError(f"{path.name}: {rid!r} is already placed in {rec['country']}")
        n += rec.get("country") is None
        rec["country"] = country
    return n


def main(argv: list[str] | None = None) -> None:
    import pycountry  # build-time only

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--phoenix", type=Path, default=DEFAULT_PHOENIX)
    ap.add_argument("--out", type=Path, default=DATA / "registry.jsonl")
    args = ap.parse_args(argv)
    curated = [
        json.loads(x)
        for x in (DATA / "curated.jsonl").read_text().splitlines()
        if x.strip() and not x.startswith("//")
    ]
    states, inst = build_countries(
        parse_phoenix(args.phoenix / "Phoenix.Countries.actors.txt"), pycountry
    )
    intl = build_international(
        parse_phoenix(args.phoenix / "Phoenix.International.actors.txt"), pycountry
    )
    nonstate = build_nonstate(
        parse_phoenix(args.phoenix / "Phoenix.MilNonState.actors.txt"), pycountry
    )
    # curated state records (same id) extend the generated ones rather than replace them
    cur_by_id = {c["id"]: c for c in curated}
    for s in states:
        c = cur_by_id.pop(s["id"], None)
        if c:
            s["aliases"] = list(dict.fromkeys(c.get("aliases", []) + s["aliases"]))
            s["demonyms"] = c.get("demonyms") or s["demonyms"]
            s["name"] = c.get("name", s["name"])
    states += [c for c in curated if c["id"] in cur_by_id and c.get("type") == "state"]
    table = _demonym_table()
    for st in states:
        if st["country"] in table and not cur_by_id.get(st["id"], {}).get("demonyms"):
            st["demonyms"] = table[st["country"]]
    forces = force_records(states)
    curated = [c for c in curated if c["id"] in cur_by_id and c.get("type") != "state"]
    generated = states + forces + inst + intl + nonstate
    # states and their forces are authoritative too: they go with the curated records
    records = _dedupe(_merge_people(merge(curated + states + forces, inst + intl + nonstate)))
    for r in records:
        r.setdefault("aliases", [])
        r["aliases"] = [a for a in dict.fromkeys(r["aliases"]) if a != r["name"]]
        r.setdefault("source", "curated" if r in curated else "phoenix")
    apply_group_countries(records, DATA / "group_countries.tsv")
    with args.out.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} actors to {args.out} ({len(generated)} generated)")


if __name__ == "__main__":
    main()
