"""One name resolution for every command and endpoint: what actor or place a user means.

``events --actor``, ``claims --actor``, ``ledger ACTOR``, ``trends --actor``, ``export --actor``
and the API's ``actor=`` and ``/api/ledger/{actor}`` all call :func:`resolve_actor`; every
``place`` filter calls :func:`resolve_place`. The passes, first that answers wins:

actors
  ``id``        an actor id of the store ("iskp")
  ``name``      an actor name of the store, in any case
  ``registry``  an alias or acronym of the actor registry ("ISIS-K", "isis-k", "ISKP")
  ``name``      an actor name of the store with accents, punctuation and "the" folded
  ``mention``   how a document of the store wrote the actor, or a claim's speaker as written
  ``words``     the query as whole words of actor names ("Mujahid" -> "Zabihullah Mujahid")
places
  ``id``        a place id of the store
  ``country``   an ISO 3166 code or official name ("AF", "AFG", "Afghanistan"): every place
                of that country
  ``name``      a place name (or the gazetteer's native spelling) or a province (admin1) of
                the store: the place and every place inside that province; a country of the
                store ("Russia") means every place of that country; a trailing feature word
                is let go if the name alone answers ("Nangarhar province", "Achin district")
  ``country``   a country's common name or alias ("UK", "DR Congo", "Palestine"; never a
                capital standing for its state, such as "Moscow")
  ``words``     the query as whole words of place names ("Waziristan")
  ``gazetteer`` a place the gazetteer knows that the store does not hold: nothing matches

A name none of these answers is never guessed: :class:`~.filters.UnknownName` says "no actor
'Talibn'; did you mean: Taliban?" with the store's closest names (by edit distance over whole
names and over their words, so "Hamas" suggests nothing rather than "Eugene Fama").
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .dialect import Connection
from .filters import MAX_FILTER_CHARS, FilterError, UnknownName, did_you_mean

#: edit-distance scores (rapidfuzz ratio, 0..100) a suggestion needs: whole name, one word
SUGGEST_NAME = 75.0
SUGGEST_WORD = 80.0


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def fold(name: str | None) -> str:
    """A key two spellings of one name share: accents, case and punctuation folded, no
    leading "the" ("The Taliban" = "taliban"; "ISIS-K" = "isis k"). The same key as the
    analysis's ``normalize_name``, without importing the analysis package."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("’", "'").lower()
    toks = _WORD.findall(text)
    if toks and toks[0] == "the":
        toks = toks[1:]
    return " ".join(toks)


@dataclass(frozen=True)
class ActorMatch:
    """What an actor filter names: store actor ids (and claim speakers written without an
    actor); ``in_store`` False when only the registry knows it."""

    query: str
    ids: tuple[str, ...]
    names: tuple[str, ...]
    texts: tuple[str, ...] = ()
    how: str = "name"
    in_store: bool = True

    @property
    def name(self) -> str:
        return self.names[0] if self.names else self.query


@dataclass(frozen=True)
class PlaceMatch:
    """What a place filter names: place ids, provinces (admin1) and/or a country code."""

    query: str
    ids: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    country: str | None = None
    names: tuple[str, ...] = ()
    how: str = "name"


def _distinct(conn: Connection, sql: str) -> list[str]:
    """The distinct values one column query lists (names: read from their index)."""
    return [r[0] for r in conn.execute(sql) if r[0]]


def _actors_named(conn: Connection, names: Iterable[str]) -> list[tuple[str, str]]:
    """(actor id, name) of the store's actors called one of ``names`` (any case)."""
    return [(r[0], r[1]) for r in conn.execute(
        "SELECT DISTINCT actor_id, name FROM actors"
        " WHERE name COLLATE NOCASE IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(set(names))),),
    )]  # fmt: skip


@lru_cache(maxsize=1)
def _registry_lines() -> tuple[tuple[str, str], ...]:
    """(line lower-cased, line) of the packaged registry: scanned rather than loaded, so a
    lookup costs milliseconds instead of the second a full Registry takes to build."""
    from ..actors.registry import REGISTRY_FILE

    lines = REGISTRY_FILE.read_text(encoding="utf-8").splitlines()
    return tuple((ln.lower(), ln) for ln in lines if ln.strip().startswith("{"))


def _registry_entry(text: str, capitals: bool = True) -> dict[str, Any] | None:
    """The registry record ``text`` is a name or alias of, as Registry.lookup answers it
    (acronyms case-sensitively), else (``capitals``) in capitals ("isis-k" -> "ISIS-K")."""
    from ..actors.registry import alias_key

    t = " ".join(text.replace("’", "'").split())
    tries = [t] + ([t.upper()] if capitals and " " not in t and len(t) <= 12 else [])
    for cand in tries:
        wanted = {cand, cand.lower()}
        needle = json.dumps(cand, ensure_ascii=False)[1:-1].lower()
        for low, line in _registry_lines():
            if needle not in low:
                continue
            rec: dict[str, Any] = json.loads(line)
            if any(alias_key(a) in wanted for a in [rec["name"], *rec.get("aliases", [])]):
                return rec
    return None


def _registry_record(text: str) -> tuple[str, str] | None:
    """(id, name) of the registry actor ``text`` names (see :func:`_registry_entry`)."""
    rec = _registry_entry(text)
    return (str(rec["id"]), str(rec["name"])) if rec else None


def _check_length(param: str, query: str) -> None:
    if len(query) > MAX_FILTER_CHARS:
        raise FilterError(
            param, f"{param}: at most {MAX_FILTER_CHARS} characters (got {len(query):,})"
        )


def _words_in(q: str, key: str) -> bool:
    return f" {q} " in f" {key} "


def suggestions(query: str, names: Iterable[str], limit: int = 5) -> list[str]:
    """The names closest to ``query``: whole-name edit distance, else a word of the name
    (>= 4 letters) close to the query. Sensible or nothing."""
    from rapidfuzz import fuzz

    q = fold(query)
    if not q:
        return []
    scored: dict[str, float] = {}
    for name in names:
        key = fold(name)
        if not key:
            continue
        score = fuzz.ratio(q, key)
        if score < SUGGEST_NAME and " " not in q:
            best_word = max((fuzz.ratio(q, w) for w in key.split() if len(w) >= 4), default=0.0)
            score = best_word if best_word >= SUGGEST_WORD else 0.0
        if score >= SUGGEST_NAME and score > scored.get(name, -1):
            scored[name] = score
    ranked = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))
    return list(dict.fromkeys(n for n, _ in ranked))[:limit]


def resolve_actor(conn: Connection, query: str, param: str = "actor") -> ActorMatch:
    """The store's actors ``query`` names (see the module docstring); raises UnknownName.
    Each pass reads an index (actor ids, names) or the list of distinct names, never every
    record, except the ``mention`` pass (which reads the records that contain the query)."""
    _check_length(param, query)
    q = fold(query)
    for aid in dict.fromkeys((query, query.lower())):
        row = conn.execute("SELECT name FROM actors WHERE actor_id = ? LIMIT 1", (aid,)).fetchone()
        if row:
            return ActorMatch(query, (aid,), (row[0],), how="id")
    if not q:
        raise UnknownName(param, did_you_mean("actor", query, []))
    named = _actors_named(conn, [query.strip()])
    if named:
        return _match(query, named, "name")
    reg = _registry_record(query)
    if reg is not None:
        found = _actors_named(conn, [reg[1]])
        row = conn.execute("SELECT name FROM actors WHERE actor_id = ? LIMIT 1", (reg[0],))
        found += [(reg[0], r[0]) for r in row]
        if found:
            return _match(query, found, "registry")
        return ActorMatch(query, (reg[0],), (reg[1],), how="registry", in_store=False)
    names = _distinct(conn, "SELECT DISTINCT name COLLATE NOCASE FROM actors")
    folded = [n for n in names if fold(n) == q]
    if folded:
        return _match(query, _actors_named(conn, folded), "name")
    mentioned = _mentioned(conn, query, q)
    if mentioned is not None:
        return mentioned
    within = [n for n in names if len(q) >= 3 and _words_in(q, fold(n))]
    if within:
        return _match(query, _actors_named(conn, within), "words")
    close = suggestions(query, sorted(names))
    raise UnknownName(param, did_you_mean("actor", query, close), close)


def _match(query: str, pairs: list[tuple[str, str]], how: str) -> ActorMatch:
    ids = tuple(sorted({i for i, _ in pairs}))
    names = tuple(dict.fromkeys(n for _, n in sorted(pairs, key=lambda p: (len(p[1]), p[1]))))
    return ActorMatch(query, ids, names, how=how)


def _mentioned(conn: Connection, query: str, q: str) -> ActorMatch | None:
    """Actors a document wrote as ``query`` (a mention or alias), else claims whose speaker is
    written so and has no actor id."""
    low = query.strip().lower()
    # the records that hold the text at all (LIKE as a prefilter, its wildcards escaped),
    # then their mentions and aliases compared exactly
    held = "%" + re.sub(r"([\\%_])", r"\\\1", json.dumps(low, ensure_ascii=False)[1:-1]) + "%"
    rows: dict[str, str] = {}
    for aid, name, record in conn.execute(
        "SELECT actor_id, name, record FROM actors WHERE record LIKE ? ESCAPE '\\'", (held,)
    ):
        rec = json.loads(record)
        written = [m.get("text", "") for m in rec.get("mentions", [])] + rec.get("aliases", [])
        if any(w.strip().lower() == low for w in written):
            rows.setdefault(aid, name)
    if rows:
        return _match(query, list(rows.items()), "mention")
    texts = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT speaker_text FROM claims WHERE speaker_text = ? COLLATE NOCASE",
            (query.strip(),),
        )
        if fold(r[0]) == q
    ]
    if texts:
        return ActorMatch(query, (), (texts[0],), texts=tuple(texts), how="mention")
    return None


def country_code(text: str) -> str | None:
    """The ISO 3166-1 alpha-2 code ``text`` names as a code or official name ("AF", "AFG",
    "Afghanistan"); None otherwise (see :func:`country_alias` for "UK", "DRC", "Russia")."""
    import pycountry

    t = " ".join(text.split())
    if not t or len(t) > 60:
        return None
    try:
        return str(pycountry.countries.lookup(t).alpha_2)
    except LookupError:
        return None


def country_alias(text: str) -> str | None:
    """The country a common name or alias means: a country of the gazetteer ("Russia",
    "Britain", "DR Congo"), else a country alias of the actor registry that names no town or
    province of that country ("UK", "Palestine"; not "Moscow" or "Washington")."""
    t = " ".join(text.split())
    feats = _gazetteer_lookup(t)
    for f in feats:
        if f.kind == "country" and f.cc:
            return str(f.cc)
    rec = _registry_entry(t, capitals=False)
    country = rec.get("country") if rec else None
    if rec is None or rec.get("type") != "state" or not country or rec["id"] != country.lower():
        return None
    if any(f.cc == country for f in feats):
        return None  # the capital or a province standing for the state
    return str(country)


def _places_named(conn: Connection, names: Iterable[str]) -> list[tuple[str, ...]]:
    """(place id, name, kind, country) of the store's places called one of ``names``."""
    return [tuple(r) for r in conn.execute(
        "SELECT DISTINCT place_id, name, kind, country FROM places"
        " WHERE name COLLATE NOCASE IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(set(names))),),
    )]  # fmt: skip


def resolve_place(conn: Connection, query: str, param: str = "place") -> PlaceMatch:
    """The store's places ``query`` names (see the module docstring); raises UnknownName.
    Names are compared folded (case, accents, punctuation), so a gazetteer's native spelling
    ("Nangarhār") finds the ASCII name the store keeps."""
    _check_length(param, query)
    q = fold(query)
    row = conn.execute("SELECT name FROM places WHERE place_id = ? LIMIT 1", (query,)).fetchone()
    if row:
        return PlaceMatch(query, ids=(query,), names=(row[0],), how="id")
    code = country_code(query)
    if code:
        return PlaceMatch(query, country=code, names=(code,), how="country")
    if not q:
        raise UnknownName(param, did_you_mean("place", query, []))
    names = _distinct(conn, "SELECT DISTINCT name COLLATE NOCASE FROM places")
    provinces = _distinct(conn, "SELECT DISTINCT admin1 COLLATE NOCASE FROM places")
    found = _named_place(conn, query, q, names, provinces)
    words = q.split()
    kinds = feature_words().get(words[-1]) if len(words) > 1 else None
    if found is None and kinds:  # "Nangarhar province": the name, of the kinds the word says
        found = _named_place(conn, query, " ".join(words[:-1]), names, provinces, kinds)
    if found is not None:
        return found
    code = country_alias(query)
    if code:
        return PlaceMatch(query, country=code, names=(code,), how="country")
    within = _places_named(conn, [n for n in names if len(q) >= 3 and _words_in(q, fold(n))])
    if within:
        return PlaceMatch(query, ids=tuple(sorted({str(r[0]) for r in within})),
                          names=tuple(dict.fromkeys(str(r[1]) for r in within)),
                          how="words")  # fmt: skip
    if _gazetteer_lookup(query):
        return PlaceMatch(query, names=(query,), how="gazetteer")
    close = suggestions(query, sorted(set(names) | set(provinces)))
    raise UnknownName(param, did_you_mean("place", query, close), close)


def _named_place(
    conn: Connection,
    query: str,
    key: str,
    names: list[str],
    provinces: list[str],
    kinds: frozenset[str] | None = None,
) -> PlaceMatch | None:
    """The places of the store named ``key`` (folded; of ``kinds`` when given), or the province
    so named with every place in it; a country of the store means every place of that country."""
    named = _places_named(conn, [n for n in names if fold(n) == key])
    if kinds:
        named = [r for r in named if r[2] in kinds]
    countries = {r[3] if r[2] == "country" else None for r in named}
    if named and len(countries) == 1 and None not in countries:
        return PlaceMatch(query, country=countries.pop(), names=(named[0][1],), how="country")
    admin1 = tuple(sorted(a for a in provinces if fold(a) == key))
    if kinds and "admin1" not in kinds:
        admin1 = ()
    if not named and not admin1:
        return None
    ids = tuple(sorted({str(r[0]) for r in named}))
    shown = tuple(dict.fromkeys([str(r[1]) for r in named] + list(admin1)))
    return PlaceMatch(query, ids=ids, admin1=admin1, names=shown, how="name")


@lru_cache(maxsize=1)
def feature_words() -> dict[str, frozenset[str]]:
    """Words that say what kind of place a name is -> the kinds they point to ("province":
    admin1, admin2): the places stage's own list (places/data/feature_words.tsv), read without
    importing the places stage."""
    path = Path(__file__).resolve().parents[1] / "places" / "data" / "feature_words.tsv"
    out: dict[str, frozenset[str]] = {}
    for row in path.read_text(encoding="utf-8").splitlines():
        cols = row.split("\t")
        if row.strip() and not row.startswith("#") and len(cols) > 1 and cols[1].strip():
            out[cols[0].strip().lower()] = frozenset(k.strip() for k in cols[1].split(","))
    return out


def _gazetteer_lookup(name: str) -> tuple[Any, ...]:
    """The gazetteer's features named ``name`` (none when no gazetteer is built)."""
    try:
        from ..places.gazetteer import get_gazetteer

        return tuple(get_gazetteer().lookup(name))
    except Exception:  # no gazetteer built: the store's own names decide
        return ()


__all__ = [
    "ActorMatch",
    "PlaceMatch",
    "country_alias",
    "country_code",
    "fold",
    "resolve_actor",
    "resolve_place",
    "suggestions",
]
