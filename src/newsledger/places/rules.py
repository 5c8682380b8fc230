"""The places stage's rules as data: ``data/rules.toml`` loaded into a typed, frozen
:class:`PlaceRules`.

Every rule has a stable id (kebab-case: ``"listed-untagged"``), the part of the stage it
belongs to (recognition, candidates, signals, scoring, placement), a one-line description, an
example and its parameters. A switchable rule is a ``bool`` field named after its id
(``listed_untagged``); every parameter is a field of its own name (``hyphen_pair_km``). Code
reads ``rules.<field>``; nothing is a module global. ``Settings`` switches rules off by id
(``[places] rules_off``), and tests do the same with :meth:`PlaceRules.without`.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..errors import DataFileError

RULES_FILE = Path(__file__).parent / "data" / "rules.toml"
PARTS = ("recognition", "candidates", "signals", "scoring", "placement")


class RulesError(DataFileError):
    """A rules file that cannot be read, or a rule id that does not exist."""


@dataclass(frozen=True)
class Rule:
    """One entry of the rule table."""

    id: str
    part: str
    description: str
    example: str
    switch: bool  # False: a score term that is always on (its parameters are its weights)
    on: bool
    params: Mapping[str, Any]
    ablation: str | None = None  # why switching it off leaves its own example unchanged
    url: str | None = None  # the example article's address, for rules that read it
    ablation_with: tuple[str, ...] = ()  # rules that find the example's place another way


@dataclass(frozen=True)
class PlaceRules:
    """Every switch and parameter of the places stage, and the table they came from."""

    catalogue: tuple[Rule, ...]
    join_split_names: bool
    date_names: bool
    county_runs: bool
    mislabelled_embedded: bool
    capital_norp: bool
    norp_big_town: bool
    landmarks: bool
    possessive_building: bool
    extend_hyphen: bool
    extend_to_area: bool
    site_suffix: bool
    split_comma: bool
    split_run_on: bool
    code_names: bool
    org_region: bool
    name_with_area: bool
    capital_as_government: bool
    formal_country: bool
    topo_generic_names: bool
    fac_as_site: bool
    person_prefix: bool
    campus_town: bool
    facility_sites: bool
    junction_after: bool
    listed_people: bool
    venue_at: bool
    listed_alias: bool
    hyphen_pairs: bool
    particle_names: bool
    listed_untagged: bool
    dateline_mixed: bool
    dateline_bare: bool
    dateline_pairs: bool
    agency_dateline: bool
    agency_major: bool
    party_home_loose: bool
    party_any: bool
    run_facility_guard: bool
    run_prefix: bool
    fold_upper: bool
    acronyms: bool
    paired_streets: bool
    site_anchors: bool
    anchor_over_name: bool
    unresolved_anchor: bool
    possessor: bool
    county_abbr: bool
    upper_feature: bool
    site_shares_name: bool
    initialisms: bool
    the_aliases: bool
    short_forms: bool
    namesake_guard: bool
    direction_skip: bool
    place_verbs: bool
    advance_on: bool
    compass_after: bool
    apposition: bool
    person_of: bool
    numbered_of: bool
    local_office_context: bool
    other_places: bool
    paren_place: bool
    org_comma_context: bool
    bare_county_local: bool
    home_mentions: bool
    home_needs_mention: bool
    country_named_home: bool
    path_context: bool
    postal_context: bool
    province_city_biggest: bool
    capital_main_only: bool
    capital_home_guard: bool
    area_name_guard: bool
    fuzzy_in_context: bool
    focus_skip_sites: bool
    focus_ties: bool
    focus_distinct: bool
    focus_any_country: bool
    focus_area_first: bool
    focus_from_sites: bool
    far_small_towns: bool
    parent_outside: bool
    # parameters (named in each rule's [rule.params])
    embedded_min_pop: int
    extend_words: int
    context_min_pop: int
    hyphen_pair_km: float
    agency_major_bonus: float
    possessor_km: float
    possessor_bonus: float
    path_min_pop: int
    title_min_pop: int
    main_bonus: float
    kind_prior: Mapping[str, float]
    hint_match: float
    hint_mismatch: float
    province_city_bonus: float
    county_twin_penalty: float
    parent_bonus: float
    child_bonus: float
    capital_bonus: float
    country_town_penalty: float
    no_coordinates_penalty: float
    fuzzy_penalty: float
    cc_weight: float
    a1_weight: float
    admin1_self: float
    passes: int
    prox_weight: float
    prox_km: float
    prox_min_p: float
    prox_kinds: frozenset[str]
    region_weight: float
    region_km: float
    colo_weight: float
    colo_max_cands: int
    neighbour_weight: float
    tld_weight: float
    home_bonus: float
    home_near_weight: float
    home_generic_cc: str
    focus_min: int
    focus_mention_weight: float
    far_small_km: float
    far_small_pop: int

    def rule(self, rule_id: str) -> Rule:
        for r in self.catalogue:
            if r.id == rule_id:
                return r
        raise RulesError(f"unknown places rule {rule_id!r}")

    def without(self, *rule_ids: str) -> PlaceRules:
        """These rules switched off (the ablation of tests and ``[places] rules_off``)."""
        changes: dict[str, Any] = {}
        for rid in rule_ids:
            if not self.rule(rid).switch:
                raise RulesError(f"places rule {rid!r} is a score term: it has no switch")
            changes[_field(rid)] = False
        return dataclasses.replace(self, **changes)

    def with_params(self, **params: Any) -> PlaceRules:
        """These parameters changed (names as in ``[rule.params]``)."""
        names = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(params) - names)
        if unknown:
            raise RulesError(f"unknown places parameters: {', '.join(unknown)}")
        return dataclasses.replace(self, **params)


def _field(rule_id: str) -> str:
    return rule_id.replace("-", "_")


def _value(v: Any) -> Any:
    if isinstance(v, dict):
        return MappingProxyType(dict(v))
    if isinstance(v, list):
        return frozenset(v)
    return v


def load_rules(path: str | Path | None = None, off: Iterable[str] = ()) -> PlaceRules:
    """The rule table at ``path`` (default ``data/rules.toml``), with the ids in ``off``
    switched off. A missing, unknown or repeated field is an error naming it."""
    src = Path(path) if path else RULES_FILE
    try:
        data = tomllib.loads(src.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RulesError(f"cannot read places rules: {exc}", source=str(src)) from exc
    catalogue: list[Rule] = []
    values: dict[str, Any] = {}
    for raw in data.get("rule", []):
        try:
            rule = Rule(
                id=raw["id"],
                part=raw["part"],
                description=raw["description"],
                example=raw["example"],
                switch=bool(raw.get("switch", True)),
                on=bool(raw.get("on", True)),
                params=MappingProxyType({k: _value(v) for k, v in raw.get("params", {}).items()}),
                ablation=raw.get("ablation"),
                url=raw.get("url"),
                ablation_with=tuple(raw.get("ablation_with", ())),
            )
        except KeyError as exc:
            rid = raw.get("id", "?")
            raise RulesError(f"places rule {rid!r} lacks {exc}", source=str(src)) from exc
        if rule.part not in PARTS:
            raise RulesError(f"places rule {rule.id!r}: unknown part {rule.part!r}")
        names = ([_field(rule.id)] if rule.switch else []) + list(rule.params)
        for name in names:
            if name in values:
                raise RulesError(f"places rule {rule.id!r}: {name!r} is defined twice")
        if rule.switch:
            values[_field(rule.id)] = rule.on
        values.update(rule.params)
        catalogue.append(rule)
    fields = {f.name for f in dataclasses.fields(PlaceRules)} - {"catalogue"}
    missing, extra = sorted(fields - set(values)), sorted(set(values) - fields)
    if missing or extra:
        raise RulesError(
            f"places rules do not match the code: missing {missing}, unknown {extra}",
            source=str(src),
        )
    rules = PlaceRules(catalogue=tuple(catalogue), **values)
    for rule in catalogue:
        for other in rule.ablation_with:
            rules.rule(other)  # an unknown id fails here
    return rules.without(*off) if off else rules


@lru_cache(maxsize=8)
def default_rules(off: tuple[str, ...] = ()) -> PlaceRules:
    """The packaged rule table (read once per process), with ``off`` switched off."""
    return load_rules(off=off)


__all__ = ["PlaceRules", "Rule", "RulesError", "default_rules", "load_rules"]
