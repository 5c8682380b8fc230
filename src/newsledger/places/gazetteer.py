"""Read access to the built gazetteer (a read-only SQLite file; see :mod:`.build`).

The file opens in milliseconds and lookups go to disk, so memory stays small; a small
in-memory list of the larger places (countries, admin areas, towns of 20,000+) serves fuzzy
matching of misspellings and transliterations.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .normalize import key

log = logging.getLogger(__name__)

_lock = threading.Lock()

#: towns at least this big (and every country and admin area) take part in fuzzy matching
FUZZY_MIN_POP = 20_000


@dataclass(frozen=True, slots=True)
class Feature:
    """One gazetteer entry."""

    id: int
    name: str
    kind: str  # country | admin1 | admin2 | city | region
    cc: str | None
    a1code: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    pop: int
    main: bool = True  # the looked-up name is its primary name or a project alias
    capital: bool = False  # a national capital

    @property
    def place_id(self) -> str:
        return f"geonames:{self.id}" if self.id > 0 else f"newsledger:region:{-self.id}"


def default_path() -> Path:
    """``$NEWSLEDGER_GAZETTEER``, else the package's data/gazetteer.sqlite, else (when the
    package folder is read-only and holds no build) ``~/.cache/newsledger/gazetteer.sqlite``."""
    env = os.environ.get("NEWSLEDGER_GAZETTEER")
    if env:
        return Path(env)
    local = Path(__file__).parent / "data" / "gazetteer.sqlite"
    if local.exists() or os.access(local.parent, os.W_OK):
        return local
    return Path.home() / ".cache" / "newsledger" / "gazetteer.sqlite"


class Gazetteer:
    """Name -> features lookups over the built index."""

    def __init__(self, path: Path | None = None):
        self.path = path or default_path()
        from .build import FORMAT_VERSION, build, built_version

        if built_version(self.path) != FORMAT_VERSION:
            log.warning(
                "places gazetteer missing or outdated at %s: building it now (about 20 s); "
                "`python -m newsledger.places.build` does it at install time",
                self.path,
            )
            build(self.path)
        self._con = sqlite3.connect(
            f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
        self._demonyms = {r[0] for r in self._con.execute("SELECT k FROM demonym")}
        self._fuzzy: Any = None

    # -- lookups ------------------------------------------------------------------------
    @lru_cache(maxsize=50_000)  # noqa: B019 - one gazetteer per process (cached below)
    def lookup_key(self, k: str) -> tuple[Feature, ...]:
        """Every feature one of whose names normalises to ``k``."""
        if not k:
            return ()
        with _lock:
            rows = self._con.execute(
                "SELECT f.id, f.name, f.kind, f.cc, f.a1code, f.admin1, f.lat, f.lon, f.pop, a.main "
                "FROM alias a JOIN feature f ON f.id = a.id WHERE a.k = ?",
                (k,),
            ).fetchall()
        return tuple(_feature(r[:9], main=bool(r[9])) for r in rows)

    def lookup(self, name: str) -> tuple[Feature, ...]:
        return self.lookup_key(key(name))

    def get(self, gid: int) -> Feature | None:
        with _lock:
            r = self._con.execute(
                "SELECT id, name, kind, cc, a1code, admin1, lat, lon, pop FROM feature WHERE id = ?",
                (gid,),
            ).fetchone()
        return _feature(r) if r else None

    @lru_cache(maxsize=1_000)  # noqa: B019 - one gazetteer per process
    def admin1(self, a1code: str) -> tuple[Feature, ...]:
        """The first-level area with GeoNames code ``a1code`` ("US.OH", "CA.08")."""
        with _lock:
            rows = self._con.execute(
                "SELECT id, name, kind, cc, a1code, admin1, lat, lon, pop FROM feature "
                "WHERE a1code = ? AND kind = 'admin1'",
                (a1code,),
            ).fetchall()
        return tuple(_feature(r) for r in rows)

    def is_demonym(self, name: str) -> bool:
        return key(name) in self._demonyms

    def fuzzy(self, name: str, min_score: float = 88.0) -> tuple[Feature, ...]:
        """Features whose name is a close spelling of ``name`` (same first letter, similar
        length, rapidfuzz ratio >= ``min_score``); empty when rapidfuzz is missing."""
        k = key(name)
        if len(k) < 5:
            return ()
        try:
            from rapidfuzz import fuzz, process
        except ImportError:  # pragma: no cover
            return ()
        by_first, skel = self._fuzzy_index()
        keys, ids = by_first.get(_first(k), ([], []))
        out: list[Feature] = []
        hits = {
            keys[idx]: ids[idx]
            for _m, _s, idx in process.extract(
                k, keys, scorer=fuzz.ratio, score_cutoff=min_score, limit=5
            )
        }
        # transliterations: same consonant skeleton ("Hilmand"/"Helmand") and still similar
        for cand, gid in skel.get(skeleton(k), ()):
            if fuzz.ratio(k, cand) >= 70:
                hits[cand] = gid
        for cand, gid in sorted(hits.items()):
            if _first(cand) != _first(k) or abs(len(cand) - len(k)) > 2 or cand == k:
                continue
            f = self.get(gid)
            if f is not None and all(o.id != f.id for o in out):
                out.append(dataclasses.replace(f, main=False))
        return tuple(out)

    def _fuzzy_index(
        self,
    ) -> tuple[dict[str, tuple[list[str], list[int]]], dict[str, list[tuple[str, int]]]]:
        if self._fuzzy is None:
            with _lock:
                rows = self._con.execute("SELECT k, id, skel FROM fuzzy").fetchall()
            by_first: dict[str, tuple[list[str], list[int]]] = {}
            skel: dict[str, list[tuple[str, int]]] = {}
            for k, gid, sk in rows:
                ks, gs = by_first.setdefault(_first(k), ([], []))
                ks.append(k)
                gs.append(gid)
                if sk:
                    skel.setdefault(sk, []).append((k, gid))
            self._fuzzy = (by_first, skel)
        return self._fuzzy

    def warm(self) -> None:
        """Load the lazy fuzzy index now (about half a second, once per process)."""
        self._fuzzy_index()


def _feature(r: tuple, main: bool = True) -> Feature:  # type: ignore[type-arg]
    if r[2] == "capital":
        return Feature(r[0], r[1], "city", *r[3:9], main=main, capital=True)
    return Feature(*r[:9], main=main)


_TRANSLIT = str.maketrans({"q": "k", "c": "k", "z": "s", "w": "v", "j": "y"})


def skeleton(k: str) -> str:
    """Consonant skeleton of a key: vowels and h dropped, q/c->k, z->s, repeats collapsed."""
    s = k.replace(" ", "").translate(_TRANSLIT)
    out = [ch for ch in s if ch not in "aeiouyh"]
    dedup = [c for i, c in enumerate(out) if i == 0 or c != out[i - 1]]
    return "".join(dedup)


def _first(k: str) -> str:
    return k[:1].translate(_TRANSLIT)


@lru_cache(maxsize=2)
def get_gazetteer(path: str | None = None) -> Gazetteer:
    """The process-wide gazetteer (opened lazily, once)."""
    return Gazetteer(Path(path) if path else None)
