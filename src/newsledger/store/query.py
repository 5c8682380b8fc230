"""Read-side queries shared by the CLI, exports and the REST API.

Every listing checks its filters (:func:`~.filters.check_filters`) and resolves actor and place
names (:mod:`.names`) before it builds SQL; names become ids, so the SQL compares with ``=``,
``IN``, ``instr`` and ``substr`` and never with ``LIKE`` (``%`` and ``_`` are literal); the
one ``LIKE``, on a claim's kind, is built from checked kind names, never from what was typed.
"""

from __future__ import annotations

import json
from typing import Any

from ..claims.lexicon import KINDS as CLAIM_KINDS
from ..document import UNASSERTED_CERTAINTIES
from .dialect import Connection
from .filters import FilterError, QueryFilters, check_filters, event_types
from .names import ActorMatch, PlaceMatch, resolve_actor, resolve_place


class _Where:
    """WHERE clauses and their parameters, built up filter by filter."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def doc(self, alias: str, f: QueryFilters) -> None:
        """Documents whose id is ``f.doc`` or starts with it."""
        if f.doc:
            self.add(f"substr({alias}.doc_id, 1, ?) = ?", len(f.doc), f.doc)

    def among(self, expr: str, values: tuple[str, ...] | list[str]) -> str:
        """``expr IN (values)`` with the values as one JSON parameter (any number of them)."""
        self.params.append(json.dumps(list(values)))
        return f"{expr} IN (SELECT value FROM json_each(?))"

    def place(self, id_col: str, alias: str, m: PlaceMatch) -> None:
        """A place match (ids, provinces, a country) on a place column and its places row."""
        parts = []
        if m.ids:
            parts.append(self.among(id_col, m.ids))
        if m.admin1:
            parts.append(self.among(f"{alias}.admin1 COLLATE NOCASE", m.admin1))
        if m.country:
            parts.append(f"{alias}.country = ?")
            self.params.append(m.country)
        self.clauses.append("(" + " OR ".join(parts) + ")" if parts else "0")

    def actor(self, cols: tuple[str, ...], m: ActorMatch, text_col: str | None = None) -> None:
        """An actor match on actor-id columns (and on a speaker-as-written column)."""
        parts = [self.among(c, m.ids) for c in cols] if m.ids else []
        if text_col and m.texts:
            parts.append(self.among(text_col, m.texts))
        self.clauses.append("(" + " OR ".join(parts) + ")" if parts else "0")

    def since(self, expr: str, value: str) -> None:
        self.add(f"{expr} >= ?", value)

    def until(self, expr: str, value: str) -> None:
        """``expr`` up to ``value`` read as a period: "2023-03" keeps every day of March."""
        self.add(f"substr({expr}, 1, length(?)) <= ?", value, value)

    @property
    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.clauses) if self.clauses else ""


def _rows(conn: Connection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = conn.execute(sql, params)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def _limit(f: QueryFilters) -> str:
    return f" LIMIT {int(f.limit)}" if f.limit else ""


EVENT_SQL = """
SELECT e.doc_id, e.event_id, e.date, e.type, e.subtype, e.plover,
       e.actor1, a1.name AS actor1_name, a1.country AS actor1_country,
       e.actor2, a2.name AS actor2_name,
       e.place, p.name AS place_name, p.kind AS place_kind, p.country, p.admin1, p.lat, p.lon,
       e.fatalities, e.fatalities_text, e.certainty, e.claim, e.confidence,
       e.date_text, e.sentence, e.start, e."end", e.section,
       d.outlet, d.url, d.title, d.published, d.reference_date
FROM events e
JOIN documents d ON d.id = e.doc_id
LEFT JOIN actors a1 ON a1.doc_id = e.doc_id AND a1.actor_id = e.actor1
LEFT JOIN actors a2 ON a2.doc_id = e.doc_id AND a2.actor_id = e.actor2
LEFT JOIN places p ON p.doc_id = e.doc_id AND p.place_id = e.place
"""


def _types(w: _Where, f: QueryFilters) -> None:
    """An event type filter: the ACLED types, sub-types and PLOVER codes it names."""
    if not f.type:
        return
    types, subs, plover = event_types(f.type)
    parts = [w.among(col, sorted(vals)) for col, vals in
             (("e.type", types), ("e.subtype", subs), ("e.plover", plover)) if vals]  # fmt: skip
    w.clauses.append("(" + " OR ".join(parts) + ")")


def _certainty(w: _Where, f: QueryFilters, alias: str) -> None:
    """Asserted events only unless ``f.certainty`` names the certainties to keep."""
    if f.certainty is None:
        w.clauses.append(f"NOT {w.among(f'{alias}.certainty', sorted(UNASSERTED_CERTAINTIES))}")
    else:
        w.clauses.append(w.among(f"{alias}.certainty", list(f.certainty)))
    if f.min_confidence is not None:
        w.add(f"{alias}.confidence >= ?", f.min_confidence)


def query_events(conn: Connection, f: QueryFilters) -> list[dict[str, Any]]:
    f = check_filters("events", f)
    w = _Where()
    if f.actor:
        w.actor(("e.actor1", "e.actor2"), resolve_actor(conn, f.actor))
    if f.place:
        w.place("e.place", "p", resolve_place(conn, f.place))
    _types(w, f)
    if f.since:
        w.since("e.date", f.since)
    if f.until:
        w.until("e.date", f.until)
    w.doc("e", f)
    _certainty(w, f, "e")
    sql = (
        EVENT_SQL
        + w.sql
        + " ORDER BY e.date IS NULL, e.date, e.doc_id, e.start, e.event_id"
        + _limit(f)
    )
    return _rows(conn, sql, w.params)


#: a claim's kind from its stored record (a claim stored before kinds is a statement)
_KIND_SQL = (
    "CASE "
    + " ".join(
        f"WHEN c.record LIKE '%\"kind\": \"{k}\"%' THEN '{k}'"
        for k in CLAIM_KINDS
        if k != "statement"
    )
    + " ELSE 'statement' END"
)


def query_claims(conn: Connection, f: QueryFilters) -> list[dict[str, Any]]:
    """Claims of the kinds ``f.kind`` (statements when None: what people said, not beliefs,
    intentions, evidence, sentiments or topics); ``date`` is when it was said where the text says, else the document's date
    (``date_from`` tells which: "text" or "document")."""
    f = check_filters("claims", f)
    said = "coalesce(c.date, d.reference_date, d.published)"
    sql = f"""
    SELECT c.doc_id, c.claim_id, {said} AS date,
           CASE WHEN c.date IS NOT NULL THEN 'text' WHEN {said} IS NOT NULL THEN 'document'
           END AS date_from,
           c.speaker, s.name AS speaker_name, c.speaker_text, {_KIND_SQL} AS kind,
           c.speaker_kind, c.speaker_org, c.cue, c.channel, c.quote, c.content, c.hedged,
           c.confidence, c.sentence, c.start, c."end", d.outlet, d.url, d.title, d.published
    FROM claims c
    JOIN documents d ON d.id = c.doc_id
    LEFT JOIN actors s ON s.doc_id = c.doc_id AND s.actor_id = c.speaker
    """
    w = _Where()
    if f.actor:
        w.actor(("c.speaker", "c.speaker_org"), resolve_actor(conn, f.actor), "c.speaker_text")
    if f.type:
        w.add(
            "(lower(c.cue) = ? OR lower(c.speaker_kind) = ? OR lower(c.quote) = ?)",
            *[f.type.lower()] * 3,
        )
    if f.since:
        w.since(said, f.since)
    if f.until:
        w.until(said, f.until)
    w.doc("c", f)
    if f.place:  # claims of the documents that name the place
        sub = _Where()
        sub.place("p.place_id", "p", resolve_place(conn, f.place))
        w.add(
            "EXISTS (SELECT 1 FROM places p WHERE p.doc_id = c.doc_id AND "
            + " AND ".join(sub.clauses) + ")",
            *sub.params,
        )  # fmt: skip
    kinds = f.kind or ("statement",)
    if set(kinds) != set(CLAIM_KINDS):
        # the kind is in the stored record only (a claim stored before kinds is a statement);
        # the patterns are built from checked kind names, never from what a user typed
        alts = [f'c.record LIKE \'%"kind": "{k}"%\'' for k in kinds]
        if "statement" in kinds:
            alts.append("c.record NOT LIKE '%\"kind\": %'")
        w.add("(" + " OR ".join(alts) + ")")
    if f.min_confidence is not None:
        w.add("c.confidence >= ?", f.min_confidence)
    sql += w.sql + " ORDER BY c.doc_id, c.start, c.claim_id"
    return _rows(conn, sql + _limit(f), w.params)


def _kind(param: str, value: str, known: set[str] | frozenset[str], what: str) -> str:
    v = value.strip().lower()
    if v not in known:
        raise FilterError(param, f"{param}: no {what} {value!r}; one of {', '.join(sorted(known))}")
    return v


def query_actors(conn: Connection, f: QueryFilters) -> list[dict[str, Any]]:
    from ..validate import ACTOR_TYPES

    f = check_filters("actors", f)
    w = _Where()
    if f.actor:
        w.actor(("a.actor_id",), resolve_actor(conn, f.actor))
    if f.type:
        w.add("a.type = ?", _kind("type", f.type, ACTOR_TYPES, "actor type"))
    w.doc("a", f)
    sql = f"""
    SELECT a.actor_id AS id, max(a.name) AS name, max(a.type) AS type, max(a.country) AS country,
           max(a.affiliation) AS affiliation,
           count(DISTINCT a.doc_id) AS documents, sum(a.n_mentions) AS mentions,
           (SELECT count(*) FROM events e WHERE e.actor1 = a.actor_id) AS events_as_actor1,
           (SELECT count(*) FROM events e WHERE e.actor2 = a.actor_id) AS events_as_actor2,
           (SELECT count(*) FROM claims c WHERE c.speaker = a.actor_id OR c.speaker_org = a.actor_id)
               AS claims
    FROM actors a
    {w.sql}
    GROUP BY a.actor_id
    ORDER BY mentions DESC, id
    """
    return _rows(conn, sql + _limit(f), w.params)


def query_places(conn: Connection, f: QueryFilters) -> list[dict[str, Any]]:
    from ..validate import PLACE_KINDS

    f = check_filters("places", f)
    w = _Where()
    if f.place:
        w.place("p.place_id", "p", resolve_place(conn, f.place))
    if f.type:
        w.add("p.kind = ?", _kind("type", f.type, PLACE_KINDS, "place kind"))
    w.doc("p", f)
    sql = f"""
    SELECT p.place_id AS id, max(p.name) AS name, max(p.kind) AS kind, max(p.country) AS country,
           max(p.admin1) AS admin1, max(p.lat) AS lat, max(p.lon) AS lon,
           count(DISTINCT p.doc_id) AS documents, sum(p.n_mentions) AS mentions,
           (SELECT count(*) FROM events e WHERE e.place = p.place_id) AS events
    FROM places p
    {w.sql}
    GROUP BY p.place_id
    ORDER BY mentions DESC, id
    """
    return _rows(conn, sql + _limit(f), w.params)


#: how a document listing can be ordered: newest by the date the text is written from, or
#: newest ingest first (what `newsledger watch` brought in last)
DOCUMENT_ORDER = {
    "date": "coalesce(d.reference_date, d.published) DESC NULLS LAST, d.id",
    "ingested": "d.ingested_at DESC, d.id",
}


def query_documents(conn: Connection, f: QueryFilters, sort: str = "date") -> list[dict[str, Any]]:
    """One row per stored document with its record counts, newest first: by the date the text
    is written from (``sort="date"``), or by ingest time (``sort="ingested"``). ``since``/``until``
    apply to the date the text is written from (reference date, else publication)."""
    if sort not in DOCUMENT_ORDER:
        raise FilterError("sort", f"sort: one of {', '.join(DOCUMENT_ORDER)} (got {sort!r})")
    f = check_filters("documents", f)
    w = _Where()
    if f.doc:
        w.add("substr(d.id, 1, ?) = ?", len(f.doc), f.doc)
    if f.since:
        w.since("coalesce(d.reference_date, d.published)", f.since)
    if f.until:
        w.until("coalesce(d.reference_date, d.published)", f.until)
    sql = f"""
    SELECT d.id, d.title, d.outlet, d.url, d.published, d.reference_date, d.source,
           d.ingested_at,
           (SELECT count(*) FROM events e WHERE e.doc_id = d.id) AS events,
           (SELECT count(*) FROM claims c WHERE c.doc_id = d.id) AS claims
    FROM documents d
    {w.sql}
    ORDER BY {DOCUMENT_ORDER[sort]}
    """
    return _rows(conn, sql + _limit(f), w.params)


def document_countries(conn: Connection, doc_ids: set[str]) -> dict[str, str]:
    """Document id -> the country most mentions of its places are in (the article's context,
    for events that have no place of their own)."""
    out: dict[str, tuple[int, str]] = {}
    ids = sorted(doc_ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        for doc_id, country, n in conn.execute(
            "SELECT doc_id, country, sum(n_mentions) FROM places WHERE country IS NOT NULL AND"
            " doc_id IN (SELECT value FROM json_each(?)) GROUP BY doc_id, country",
            (json.dumps(chunk),),
        ):
            if doc_id not in out or (n, country) > out[doc_id]:
                out[doc_id] = (n, country)
    return {d: c for d, (_, c) in out.items()}


def find_document_id(conn: Connection, doc_id: str) -> str | None:
    """The id of the document ``doc_id`` names: itself, else the first id it begins (compared
    as text: ``%`` and ``_`` are characters like any other). None when there is none."""
    from .filters import MAX_FILTER_CHARS

    if not doc_id or len(doc_id) > MAX_FILTER_CHARS:
        return None
    row = conn.execute(
        "SELECT id FROM documents WHERE id = ? OR substr(id, 1, ?) = ? ORDER BY id != ?, id LIMIT 1",
        (doc_id, len(doc_id), doc_id, doc_id),
    ).fetchone()
    return str(row[0]) if row else None


__all__ = [
    "FilterError",
    "QueryFilters",
    "document_countries",
    "find_document_id",
    "query_actors",
    "query_claims",
    "query_documents",
    "query_events",
    "query_places",
]
