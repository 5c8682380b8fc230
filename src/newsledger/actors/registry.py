"""The actor registry: records loaded from JSON Lines files, validated, with an alias index.

The packaged registry (``data/registry.jsonl``) is built by :mod:`newsledger.actors.build` from
the PETRARCH2/Phoenix dictionaries and ``data/curated.jsonl``. Users add their own files with the
same format (docs/actors.md); a later file extends the earlier ones and overrides them where it
redefines an id or claims an alias. Malformed or conflicting files raise
:class:`~newsledger.errors.DataFileError` with the file and line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import DataFileError

DATA = Path(__file__).parent / "data"
REGISTRY_FILE = DATA / "registry.jsonl"

ACTOR_TYPES = (
    "state", "state_force", "rebel_group", "political_party", "igo", "ngo", "media", "person",
    "civilians", "identity_group", "other",
)  # fmt: skip


def slug(text: str) -> str:
    """Lower-case ASCII slug: 'Islamic State (Khorasan)' -> 'islamic-state-khorasan'. The one
    slug of the stage: registry ids (build) and new actors' ids (``new:<slug>``) both use it."""
    import unicodedata

    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", t.lower()).strip("-")


_ID_RE = re.compile(r"[a-z0-9][a-z0-9:._\-]*")
_FIELDS = {"id", "name", "aliases", "type", "country", "affiliation", "role", "demonyms",
           "source", "note"}  # fmt: skip


@dataclass
class ActorRecord:
    """One registry entry."""

    id: str
    name: str
    type: str = "other"
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    affiliation: str | None = None
    role: str | None = None
    demonyms: list[str] = field(default_factory=list)


def is_case_sensitive(alias: str) -> bool:
    """Acronyms ("UN", "ISIS-K", "U.S.") match with their case; other aliases ignore case
    except that their capitalised words must be capitalised in the text."""
    return not any(c.islower() for c in alias) and sum(c.isupper() for c in alias) >= 2


def _validate(obj: Any, source: str, line: int) -> ActorRecord:
    def fail(msg: str) -> DataFileError:
        return DataFileError(msg, source=source, line=line)

    if not isinstance(obj, dict):
        raise fail("each line must be a JSON object")
    unknown = set(obj) - _FIELDS
    if unknown:
        raise fail(f"unknown field(s) {sorted(unknown)}; allowed: {sorted(_FIELDS)}")
    aid, name = obj.get("id"), obj.get("name")
    if not isinstance(aid, str) or not _ID_RE.fullmatch(aid):
        raise fail(f"'id' must be a lower-case slug (got {aid!r})")
    if not isinstance(name, str) or not name.strip():
        raise fail(f"actor {aid!r}: 'name' must be a non-empty string")
    typ = obj.get("type", "other")
    if typ not in ACTOR_TYPES:
        raise fail(f"actor {aid!r}: 'type' must be one of {list(ACTOR_TYPES)} (got {typ!r})")
    country = obj.get("country")
    if country is not None and (
        not isinstance(country, str) or not re.fullmatch(r"[A-Z]{2}", country)
    ):
        raise fail(f"actor {aid!r}: 'country' must be an ISO 3166-1 alpha-2 code (got {country!r})")
    for key in ("aliases", "demonyms"):
        v = obj.get(key, [])
        if not isinstance(v, list) or not all(isinstance(a, str) and a.strip() for a in v):
            raise fail(f"actor {aid!r}: {key!r} must be a list of non-empty strings")
    for key in ("affiliation", "role"):
        v = obj.get(key)
        if v is not None and not isinstance(v, str):
            raise fail(f"actor {aid!r}: {key!r} must be a string or null")
    return ActorRecord(
        id=aid, name=name.strip(), type=typ, aliases=[a.strip() for a in obj.get("aliases", [])],
        country=country, affiliation=obj.get("affiliation"), role=obj.get("role"),
        demonyms=list(obj.get("demonyms", [])),
    )  # fmt: skip


def alias_key(alias: str) -> str:
    """The key two aliases collide on: case folded, unless the alias is an acronym."""
    a = " ".join(alias.replace("’", "'").split())
    return a if is_case_sensitive(a) else a.lower()


def read_file(path: str | Path) -> list[tuple[ActorRecord, int]]:
    """Read and validate one registry file; duplicate ids or aliases within it are errors."""
    p = Path(path)
    src = str(p)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"cannot read actor registry: {exc}", source=src) from None
    out: list[tuple[ActorRecord, int]] = []
    ids: dict[str, int] = {}
    owners: dict[str, tuple[str, int]] = {}
    for n, raw in enumerate(lines, 1):
        s = raw.strip()
        if not s or s.startswith(("#", "//")):
            continue
        try:
            obj = json.loads(s)
        except json.JSONDecodeError as exc:
            raise DataFileError(
                f"invalid JSON: {exc.msg} (column {exc.colno})", source=src, line=n
            ) from None
        rec = _validate(obj, src, n)
        if rec.id in ids:
            raise DataFileError(f"actor id {rec.id!r} is defined twice (first on line {ids[rec.id]})",
                                source=src, line=n)  # fmt: skip
        ids[rec.id] = n
        for a in [rec.name, *rec.aliases]:
            k = alias_key(a)
            prev = owners.get(k)
            if prev and prev[0] != rec.id:
                raise DataFileError(
                    f"alias {a!r} of {rec.id!r} is already an alias of {prev[0]!r} (line {prev[1]})",
                    source=src, line=n,
                )  # fmt: skip
            owners[k] = (rec.id, n)
        out.append((rec, n))
    return out


class Registry:
    """Actor records by id and by alias key (later files override earlier ones)."""

    def __init__(self, files: Sequence[str | Path]):
        self.files = [str(f) for f in files]
        self.alias_index: Any = None  # built by aliases.alias_index, kept for the disk cache
        self.records: dict[str, ActorRecord] = {}
        self.by_alias: dict[str, str] = {}
        where: dict[str, tuple[str, int]] = {}
        for f in self.files:
            for rec, line in read_file(f):
                old = self.records.get(rec.id)
                if old is not None:  # override: the old record's aliases go away with it
                    for a in [old.name, *old.aliases]:
                        if self.by_alias.get(alias_key(a)) == rec.id:
                            del self.by_alias[alias_key(a)]
                self.records[rec.id] = rec
                where[rec.id] = (f, line)
                for a in [rec.name, *rec.aliases]:
                    self.by_alias[alias_key(a)] = rec.id
        for rid, rec in self.records.items():
            if rec.affiliation and rec.affiliation not in self.records:
                f, line = where[rid]
                raise DataFileError(
                    f"actor {rid!r}: affiliation {rec.affiliation!r} is not an actor id",
                    source=f, line=line,
                )  # fmt: skip

    def get(self, actor_id: str) -> ActorRecord | None:
        return self.records.get(actor_id)

    def lookup(self, text: str) -> ActorRecord | None:
        """The record whose alias is exactly ``text`` (acronyms case-sensitively)."""
        t = re.sub(r"\s+", " ", text.replace("’", "'")).strip()
        rid = self.by_alias.get(t) or self.by_alias.get(t.lower())
        if rid is None:
            return None
        rec = self.records[rid]
        return rec

    def aliases(self) -> Iterable[tuple[str, str]]:
        """(alias text, actor id) for every alias still owned by its actor, names included."""
        for rec in self.records.values():
            for a in dict.fromkeys([rec.name, *rec.aliases]):
                if self.by_alias.get(alias_key(a)) == rec.id:
                    yield a, rec.id


@lru_cache(maxsize=8)
def load_registry(extra_files: tuple[str, ...] = ()) -> Registry:
    """The packaged registry extended by ``extra_files`` (loaded once per process; from the disk
    cache of :mod:`.cache` when one was written for these very files)."""
    from .. import memo as cache

    files = [str(f) for f in (REGISTRY_FILE, *extra_files)]
    cached = cache.load(files)
    if isinstance(cached, Registry) and cached.files == files:
        return cached
    return Registry(files)


__all__ = ["ACTOR_TYPES", "ActorRecord", "Registry", "alias_key", "load_registry", "read_file"]
