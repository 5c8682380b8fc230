"""Per-actor counts over documents, for ``newsledger actors``: mentions, events as actor1/actor2,
claims as speaker (or speaker's organisation)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..document import Document


def actor_table(docs: Iterable[Document]) -> list[dict[str, Any]]:
    """One row per actor id across ``docs``, most mentioned first."""
    rows: dict[str, dict[str, Any]] = {}
    for d in docs:
        for a in d.actors:
            r = rows.setdefault(a.id, {"id": a.id, "name": a.name, "type": a.type,
                                       "country": a.country, "affiliation": a.affiliation,
                                       "documents": 0, "mentions": 0, "events_actor1": 0,
                                       "events_actor2": 0, "claims": 0})  # fmt: skip
            r["documents"] += 1
            r["mentions"] += len(a.mentions)
        for e in d.events:
            if e.actor1 in rows:
                rows[e.actor1]["events_actor1"] += 1
            if e.actor2 in rows:
                rows[e.actor2]["events_actor2"] += 1
        for c in d.claims:
            for key in {c.speaker, c.speaker_org} - {None}:
                if key in rows:
                    rows[key]["claims"] += 1
    return sorted(rows.values(), key=lambda r: (-r["mentions"], r["name"]))


__all__ = ["actor_table"]
