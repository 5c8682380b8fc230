"""Read-side queries shared by the CLI, exports and (later) the REST API."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any


@dataclass
class QueryFilters:
    """Filters common to every listing. Text filters match ids or names, case-insensitively."""

    actor: str | None = None
    place: str | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None
    doc: str | None = None
    limit: int | None = None


def _like(value: str) -> str:
    return f"%{value.lower()}%"


class _Where:
    """WHERE clauses and their parameters, built up filter by filter."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def doc(self, alias: str, f: QueryFilters) -> None:
        if f.doc:
            self.add(f"{alias}.doc_id LIKE ?", f.doc + "%")

    def place(self, id_col: str, alias: str, value: str) -> None:
        """A place given by id, name, admin1 or ISO country (events' place and places alike)."""
        self.add(
            f"(lower({id_col}) = ? OR lower({alias}.name) LIKE ? OR lower({alias}.admin1) LIKE ? "
            f"OR lower({alias}.country) = ?)",
            value.lower(), _like(value), _like(value), value.lower(),
        )  # fmt: skip

    def until(self, expr: str, value: str) -> None:
        """``expr`` up to ``value`` read as a period: "2023-03" keeps every day of March."""
        self.add(f"substr({expr}, 1, length(?)) <= ?", value, value)

    @property
    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.clauses) if self.clauses else ""


def _rows(conn: sqlite3.Connection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
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
       d.outlet, d.url, d.title, d.published
FROM events e
JOIN documents d ON d.id = e.doc_id
LEFT JOIN actors a1 ON a1.doc_id = e.doc_id AND a1.actor_id = e.actor1
LEFT JOIN actors a2 ON a2.doc_id = e.doc_id AND a2.actor_id = e.actor2
LEFT JOIN places p ON p.doc_id = e.doc_id AND p.place_id = e.place
"""


def query_events(conn: sqlite3.Connection, f: QueryFilters) -> list[dict[str, Any]]:
    w = _Where()
    if f.actor:
        w.add(
            "(lower(e.actor1) = ? OR lower(e.actor2) = ? OR lower(a1.name) LIKE ? "
            "OR lower(a2.name) LIKE ?)",
            f.actor.lower(), f.actor.lower(), _like(f.actor), _like(f.actor),
        )  # fmt: skip
    if f.place:
        w.place("e.place", "p", f.place)
    if f.type:
        w.add(
            "(lower(e.type) LIKE ? OR lower(e.subtype) LIKE ? OR lower(e.plover) = ?)",
            _like(f.type), _like(f.type), f.type.lower(),
        )  # fmt: skip
    if f.since:
        w.add("e.date >= ?", f.since)
    if f.until:
        w.until("e.date", f.until)
    w.doc("e", f)
    sql = EVENT_SQL + w.sql + " ORDER BY e.date IS NULL, e.date, e.doc_id, e.start" + _limit(f)
    return _rows(conn, sql, w.params)


def query_claims(conn: sqlite3.Connection, f: QueryFilters) -> list[dict[str, Any]]:
    sql = """
    SELECT c.doc_id, c.claim_id, c.date, c.speaker, s.name AS speaker_name, c.speaker_text,
           c.speaker_kind, c.speaker_org, c.cue, c.channel, c.quote, c.content, c.hedged,
           c.confidence, c.sentence, c.start, c."end", d.outlet, d.url, d.title, d.published
    FROM claims c
    JOIN documents d ON d.id = c.doc_id
    LEFT JOIN actors s ON s.doc_id = c.doc_id AND s.actor_id = c.speaker
    """
    w = _Where()
    if f.actor:
        w.add(
            "(lower(c.speaker) = ? OR lower(s.name) LIKE ? OR lower(c.speaker_text) LIKE ? "
            "OR lower(c.speaker_org) = ?)",
            f.actor.lower(), _like(f.actor), _like(f.actor), f.actor.lower(),
        )  # fmt: skip
    if f.type:
        w.add(
            "(lower(c.cue) = ? OR lower(c.speaker_kind) = ? OR lower(c.quote) = ?)",
            *[f.type.lower()] * 3,
        )
    if f.since:
        w.add("coalesce(c.date, d.reference_date, d.published) >= ?", f.since)
    if f.until:
        w.until("coalesce(c.date, d.reference_date, d.published)", f.until)
    w.doc("c", f)
    if f.place:
        w.add("lower(c.content) LIKE ?", _like(f.place))
    sql += w.sql + " ORDER BY c.doc_id, c.start"
    return _rows(conn, sql + _limit(f), w.params)


def query_actors(conn: sqlite3.Connection, f: QueryFilters) -> list[dict[str, Any]]:
    w = _Where()
    if f.actor:
        w.add("(lower(a.actor_id) = ? OR lower(a.name) LIKE ?)", f.actor.lower(), _like(f.actor))
    if f.type:
        w.add("lower(a.type) = ?", f.type.lower())
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


def query_places(conn: sqlite3.Connection, f: QueryFilters) -> list[dict[str, Any]]:
    w = _Where()
    if f.place:
        w.place("p.place_id", "p", f.place)
    if f.type:
        w.add("lower(p.kind) = ?", f.type.lower())
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


def query_documents(conn: sqlite3.Connection, f: QueryFilters) -> list[dict[str, Any]]:
    """One row per stored document with its record counts, newest first. ``since``/``until``
    apply to the date the text is written from (reference date, else publication)."""
    w = _Where()
    if f.doc:
        w.add("d.id LIKE ?", f.doc + "%")
    if f.since:
        w.add("coalesce(d.reference_date, d.published) >= ?", f.since)
    if f.until:
        w.until("coalesce(d.reference_date, d.published)", f.until)
    sql = f"""
    SELECT d.id, d.title, d.outlet, d.url, d.published, d.reference_date, d.source,
           d.ingested_at,
           (SELECT count(*) FROM events e WHERE e.doc_id = d.id) AS events,
           (SELECT count(*) FROM claims c WHERE c.doc_id = d.id) AS claims
    FROM documents d
    {w.sql}
    ORDER BY coalesce(d.reference_date, d.published) DESC, d.id
    """
    return _rows(conn, sql + _limit(f), w.params)
