"""The PLOVER codebook as data: the cue rules and tables of ``data/plover.toml``, loaded once
into frozen records (read by :mod:`.plover` and :mod:`.plover_parties`; docs/events.md "PLOVER")."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..errors import DataFileError
from .rules import DATA


@dataclass(frozen=True)
class Cue:
    """One cue rule of plover.toml."""

    id: str
    category: str
    mode: str
    verbs: frozenset[str]
    nouns: frozenset[str]
    adjectives: frozenset[str]
    particles: frozenset[str]
    objects: frozenset[str]
    compounds: frozenset[str]
    not_compounds: frozenset[str]
    complement: bool
    rank: int
    negated: str | None  # overrides the category's
    force_threat: bool
    description: str
    example: str
    subjects: frozenset[str] = frozenset()  # the verb's subject has one of these words
    threat_mode: str = ""  # its THREATEN mode when said of the future ("would annex": territory)
    agreed: bool = False  # agreeing to it is the act itself ("agreed to forgive debt": AID)
    not_participle: bool = False  # no act as a participle with "by" on a noun or a clause


@dataclass(frozen=True)
class Category:
    name: str
    quad: str
    modes: tuple[str, ...]
    negated: str  # "" (no act), "keep" or another category
    future: str
    hypothetical: str
    refused: str = ""  # a negated cue under will / would / could ("" : ``negated``)


@dataclass(frozen=True)
class Codebook:
    cues: tuple[Cue, ...]
    by_lemma: dict[tuple[str, str], tuple[Cue, ...]]
    categories: dict[str, Category]
    content_modes: dict[str, dict[str, str]]
    assault_modes: tuple[tuple[str, re.Pattern[str]], ...]
    codes: dict[str, Any]
    modality: dict[str, Any]
    words: frozenset[str]  # every cue lemma (a quick test before the conditions)


def _set(raw: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(x).lower() for x in raw.get(key, []))


@lru_cache(maxsize=1)
def codebook() -> Codebook:
    """The cue rules and tables of ``data/plover.toml``, loaded once."""
    path = DATA / "plover.toml"
    try:
        raw = tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(f"events: cannot read {path.name}: {exc}") from exc
    cats = {
        k: Category(
            k,
            v["quad"],
            tuple(v["modes"]),
            v["negated"],
            v["future"],
            v["hypothetical"],
            v.get("refused", ""),
        )
        for k, v in raw["category"].items()
    }
    cues: list[Cue] = []
    index: dict[tuple[str, str], list[Cue]] = {}
    for r in raw["cue"]:
        if r["category"] not in cats or (
            r.get("mode") and r["mode"] not in cats[r["category"]].modes
        ):
            raise DataFileError(f"events: {path.name}: {r['id']}: unknown category or mode")
        if any(c.id == r["id"] for c in cues):
            raise DataFileError(f"events: {path.name}: cue id {r['id']} twice")
        cue = Cue(
            r["id"], r["category"], r.get("mode", ""), _set(r, "verbs"), _set(r, "nouns"),
            _set(r, "adjectives"), _set(r, "particles"), _set(r, "objects"), _set(r, "compounds"),
            _set(r, "not_compounds"), bool(r.get("complement", False)), int(r.get("rank", 0)),
            r.get("negated"), bool(r.get("force_threat", False)), r["description"], r["example"],
            _set(r, "subjects"), r.get("threat_mode", ""), bool(r.get("agreed", False)),
            bool(r.get("not_participle", False)),
        )  # fmt: skip
        cues.append(cue)
        for kind, words in (("verb", cue.verbs), ("noun", cue.nouns), ("adj", cue.adjectives)):
            for w in words:
                index.setdefault((kind, w), []).append(cue)
    weapons = tuple(
        (mode, re.compile(r"\b(?:" + "|".join(re.escape(w) for w in ws) + r")\b", re.I))
        for mode, ws in raw["assault_modes"].items()
    )
    return Codebook(
        cues=tuple(cues),
        by_lemma={k: tuple(v) for k, v in index.items()},
        categories=cats,
        content_modes=raw["content_modes"],
        assault_modes=weapons,
        codes=raw["codes"],
        modality=raw["modality"],
        words=frozenset(w for _, w in index),
    )
