"""The events stage's rules and word lists as data, loaded once into typed, frozen objects.

``data/rules.toml`` holds every rule (id, one-line description, example, parameters), the
confidence weights, the typing confidences and the sub-type decision table (what each special
``acled`` value of ``data/triggers.json`` does). ``data/triggers.json`` holds the trigger
lexicon and its word lists; ``data/*.txt`` the lexicons of the ACLED-scope rules. Which rules run
is decided per run: :meth:`Rules.configured` lays the settings ``events.rules_off``,
``events.keep_unasserted`` and ``events.trace`` over the defaults -- nothing is switched by a
module global.
"""

from __future__ import annotations

import dataclasses
import json
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..errors import DataFileError

DATA = Path(__file__).parent / "data"


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The trigger lexicon (data/triggers.json), loaded once."""
    return json.loads((DATA / "triggers.json").read_text("utf-8"))  # type: ignore[no-any-return]


@lru_cache(maxsize=16)
def word_list(name: str) -> frozenset[str]:
    """A lexicon file ``data/<name>.txt``: one entry a line, lowercased; ``#`` starts a comment."""
    path = DATA / f"{name}.txt"
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise DataFileError(f"events: cannot read lexicon {path.name}: {exc}") from exc
    out = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            out.add(line)
    return frozenset(out)


@dataclass(frozen=True)
class Rule:
    """One rule: a stable id, what it decides, an example, its parameters."""

    id: str
    description: str
    example: str
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class SubtypeRow:
    """One row of the sub-type decision table: what a trigger's ``acled`` value does."""

    name: str
    about: str
    gives: Mapping[str, float]  # sub-types the rule may give -> typing confidence
    miss: float  # typing confidence when it gives none
    needs_subtype: bool = False  # without a sub-type the trigger is no event at all
    classifier: bool = False  # the classifier types (some of) its events
    rescue: bool = False  # subtype.rescue may complete it with one of ``gives``


@dataclass(frozen=True)
class Rules:
    """The rule table, weights and decision table, plus this run's switches."""

    rules: Mapping[str, Rule]
    confidence: Mapping[str, float]
    typing: Mapping[str, float]
    subtypes: Mapping[str, SubtypeRow]
    off: frozenset[str] = frozenset()
    keep_unasserted: bool = False
    trace: bool = False

    def on(self, rule_id: str) -> bool:
        """Whether the rule runs (a known id not switched off)."""
        return rule_id not in self.off

    def param(self, rule_id: str, name: str) -> Any:
        return self.rules[rule_id].params[name]

    def row(self, acled: str | None) -> SubtypeRow:
        """The decision-table row of a trigger's ``acled`` value (a named sub-type: ``fixed``)."""
        return self.subtypes.get(str(acled), self.subtypes["fixed"])

    def configured(
        self,
        off: Iterable[str] = (),
        keep_unasserted: bool | None = None,
        trace: bool | None = None,
    ) -> Rules:
        """These rules with ``off`` switched off (unknown ids are an error naming them)."""
        off = frozenset(off)
        unknown = sorted(off - self.rules.keys())
        if unknown:
            raise ValueError(f"events: unknown rule id(s) {', '.join(unknown)}")
        return dataclasses.replace(
            self,
            off=self.off | off,
            keep_unasserted=self.keep_unasserted if keep_unasserted is None else keep_unasserted,
            trace=self.trace if trace is None else trace,
        )


def _row(name: str, spec: dict[str, Any]) -> SubtypeRow:
    return SubtypeRow(
        name=name,
        about=str(spec["about"]),
        gives=MappingProxyType({k: float(v) for k, v in spec.get("gives", {}).items()}),
        miss=float(spec["miss"]),
        needs_subtype=bool(spec.get("needs_subtype", False)),
        classifier=bool(spec.get("classifier", False)),
        rescue=bool(spec.get("rescue", False)),
    )


@lru_cache(maxsize=1)
def default_rules() -> Rules:
    """The rules of ``data/rules.toml``, every rule on (loaded once)."""
    path = DATA / "rules.toml"
    try:
        raw = tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(f"events: cannot read {path.name}: {exc}") from exc
    rules: dict[str, Rule] = {}
    for r in raw["rule"]:
        if r["id"] in rules:
            raise DataFileError(f"events: rule id {r['id']} twice in {path.name}")
        rules[r["id"]] = Rule(
            r["id"], r["description"], r["example"], MappingProxyType(dict(r.get("params", {})))
        )
    return Rules(
        rules=MappingProxyType(rules),
        confidence=MappingProxyType({k: float(v) for k, v in raw["confidence"].items()}),
        typing=MappingProxyType({k: float(v) for k, v in raw["typing"].items()}),
        subtypes=MappingProxyType({k: _row(k, v) for k, v in raw["subtype"].items()}),
    )
