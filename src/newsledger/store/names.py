"""One name resolution for every command and endpoint: what actor or place a user means.

``events --actor``, ``claims --actor``, ``ledger ACTOR``, ``trends --actor``, ``export --actor``
and the API's ``actor=`` and ``/api/ledger/{actor}`` all call :func:`resolve_actor`; every
``place`` filter calls :func:`resolve_place`. The passes, first that answers wins:

actors
  ``id``        an actor id of the store ("iskp")
  ``name``      an actor name of the store, case, accents and punctuation folded
  ``registry``  an alias or acronym of the actor registry ("ISIS-K", "isis-k", "ISKP")
  ``mention``   how a document of the store wrote the actor, or a claim's speaker as written
  ``words``     the query as whole words of actor names ("Mujahid" -> "Zabihullah Mujahid")
places
  ``id``        a place id of the store
  ``country``   an ISO 3166 code or official name ("AF", "AFG", "Afghanistan"): every place
                of that country
  ``name``      a place name (or the gazetteer's native spelling) or a province (admin1) of
                the store: the place and every place inside that province; a country of the
                store ("Russia") means every place of that country
  ``country``   a country's common name or alias ("UK", "DR Congo", "Palestine"; never a
                capital standing for its state, such as "Moscow")
  ``words``     the query as whole words of place names ("Waziristan")
  ``gazetteer`` a place the gazetteer knows that the store does not hold: nothing matches

A name none of these answers is never guessed: :class:`~.filters.UnknownName` says "no actor
'Talibn'; did you mean: Taliban?" with the store's closest names (by edit distance over whole
names and over their words, so "Hamas" suggests nothing rather than "Eugene Fama").
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .filters import MAX_FILTER_CHARS, FilterError, UnknownName, did_you_mean

#: edit-distance scores (rapidfuzz ratio, 0..100) a suggestion needs: whole name, one word
SUGGEST_NAME = 75.0
SUGGEST_WORD = 80.0
_NON_WORD = re.compile(r"[^\w]+|_")


def fold(name: str | None) -> str:
    """A key two spellings of one name share: accents, case and punctuation folded, no
    leading "the" ("The Taliban" = "taliban"; "ISIS-K" = "isis k")."""
    from ..analysis.text import normalize_name

    return normalize_name(name)


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


def _actor_table(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return [(r[0], r[1] or r[0]) for r in conn.execute(
        "SELECT actor_id, max(name) FROM actors GROUP BY actor_id"
    )]  # fmt: skip


def _registry_record(text: str) -> tuple[str, str] | None:
    """(id, name) of the registry actor ``text`` is an alias of; acronyms in any case."""
    from ..actors.registry import load_registry

    reg = load_registry()
    rec = reg.lookup(text)
    if rec is None and " " not in text.strip() and len(text.strip()) <= 12:
        rec = reg.lookup(text.upper())  # "isis-k" -> "ISIS-K"
    return (rec.id, rec.name) if rec else None


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


def resolve_actor(conn: sqlite3.Connection, query: str, param: str = "actor") -> ActorMatch:
    """The store's actors ``query`` names (see the module docstring); raises UnknownName."""
    _check_length(param, query)
    q = fold(query)
    table = _actor_table(conn)
    ids_of = dict(table)
    if query in ids_of or query.lower() in ids_of:
        aid = query if query in ids_of else query.lower()
        return ActorMatch(query, (aid,), (ids_of[aid],), how="id")
    if not q:
        raise UnknownName(param, did_you_mean("actor", query, []))
    named = [(i, n) for i, n in table if fold(n) == q]
    if named:
        return _match(query, named, "name")
    reg = _registry_record(query)
    if reg is not None:
        found = [(i, n) for i, n in table if i == reg[0] or fold(n) == fold(reg[1])]
        if found:
            return _match(query, found, "registry")
        return ActorMatch(query, (reg[0],), (reg[1],), how="registry", in_store=False)
    mentioned = _mentioned(conn, query, q, ids_of)
    if mentioned is not None:
        return mentioned
    within = [(i, n) for i, n in table if len(q) >= 3 and _words_in(q, fold(n))]
    if within:
        return _match(query, within, "words")
    close = suggestions(query, sorted({n for _, n in table}))
    raise UnknownName(param, did_you_mean("actor", query, close), close)


def _match(query: str, pairs: list[tuple[str, str]], how: str) -> ActorMatch:
    ids = tuple(sorted({i for i, _ in pairs}))
    names = tuple(dict.fromkeys(n for _, n in sorted(pairs, key=lambda p: (len(p[1]), p[1]))))
    return ActorMatch(query, ids, names, how=how)


def _mentioned(
    conn: sqlite3.Connection, query: str, q: str, ids_of: dict[str, str]
) -> ActorMatch | None:
    """Actors a document wrote as ``query`` (a mention or alias), else claims whose speaker is
    written so and has no actor id."""
    low = query.strip().lower()
    rows = conn.execute(
        """SELECT DISTINCT a.actor_id FROM actors a, json_each(a.record, '$.mentions') m
           WHERE lower(json_extract(m.value, '$.text')) = ?
           UNION SELECT DISTINCT a.actor_id FROM actors a, json_each(a.record, '$.aliases') al
           WHERE lower(al.value) = ?""",
        (low, low),
    ).fetchall()
    if rows:
        return _match(query, [(r[0], ids_of.get(r[0], r[0])) for r in rows], "mention")
    texts = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT speaker_text FROM claims WHERE lower(speaker_text) = ?", (low,)
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
    from ..actors.registry import load_registry

    rec = load_registry().lookup(t)
    if rec is None or rec.type != "state" or not rec.country or rec.id != rec.country.lower():
        return None
    if any(f.cc == rec.country for f in feats):
        return None  # the capital or a province standing for the state
    return rec.country


_PlaceRow = tuple[str, str, str | None, str | None, str | None]


def _place_table(conn: sqlite3.Connection) -> list[_PlaceRow]:
    """(place id, name, native name, admin1, country if the place is a country) of the store."""
    return [
        (r[0], r[1] or r[0], r[2], r[3], r[5] if r[4] == "country" else None)
        for r in conn.execute(
            "SELECT place_id, max(name), max(json_extract(record, '$.native_name')), max(admin1),"
            " max(kind), max(country) FROM places GROUP BY place_id"
        )
    ]


def resolve_place(conn: sqlite3.Connection, query: str, param: str = "place") -> PlaceMatch:
    """The store's places ``query`` names (see the module docstring); raises UnknownName."""
    _check_length(param, query)
    q = fold(query)
    table = _place_table(conn)
    for pid, name, *_ in table:
        if pid == query:
            return PlaceMatch(query, ids=(pid,), names=(name,), how="id")
    code = country_code(query)
    if code:
        return PlaceMatch(query, country=code, names=(code,), how="country")
    if not q:
        raise UnknownName(param, did_you_mean("place", query, []))
    named = [row for row in table if q in (fold(row[1]), fold(row[2]))]
    countries = {row[4] for row in named}
    if named and len(countries) == 1 and None not in countries:
        return PlaceMatch(query, country=countries.pop(), names=(named[0][1],), how="country")
    admin1 = tuple(sorted({row[3] for row in table if row[3] and fold(row[3]) == q}))
    if named or admin1:
        ids = tuple(sorted({row[0] for row in named}))
        names = tuple(dict.fromkeys([row[1] for row in named] + list(admin1)))
        return PlaceMatch(query, ids=ids, admin1=admin1, names=names, how="name")
    code = country_alias(query)
    if code:
        return PlaceMatch(query, country=code, names=(code,), how="country")
    within = [row for row in table if len(q) >= 3 and _words_in(q, fold(row[1]))]
    if within:
        ids = tuple(sorted({row[0] for row in within}))
        return PlaceMatch(query, ids=ids, names=tuple(dict.fromkeys(r[1] for r in within)),
                          how="words")  # fmt: skip
    if _gazetteer_lookup(query):
        return PlaceMatch(query, names=(query,), how="gazetteer")
    close = suggestions(query, sorted({r[1] for r in table} | {r[3] for r in table if r[3]}))
    raise UnknownName(param, did_you_mean("place", query, close), close)


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
