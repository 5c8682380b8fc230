"""The places stage's word lists, read from the shared table ``vocab/data/place_words.tsv``
(one row per word, a flag per list) and ``data/feature_words.tsv`` (feature words and the
kinds of place they point to): a typed, frozen :class:`PlaceWords`. What each list is for is
written beside its field; docs/places.md lists them too."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from ..errors import DataFileError
from ..vocab import word_list


@dataclass(frozen=True)
class PlaceWords:
    loc_preps: frozenset[str]  # "in X", "near X": a locative word before a name
    of_heads: frozenset[str]  # "province of X", "outskirts of X": X is a place
    facility_words: frozenset[str]  # a name ending in one is a facility ("Kabul airport")
    site_words: frozenset[str]  # facilities named after their place ("Kandahar University")
    site_modifiers: frozenset[str]  # "Kabul international airport"
    directions: frozenset[str]  # "northern", "upper", "downtown"
    compass: frozenset[str]  # directions saying where inside a place ("in southern Gaza")
    local_nouns: frozenset[str]  # "a Gainesville man", "Winona police"
    topo_generics: frozenset[str]  # generic words of settlement names ("Goose Creek")
    run_on_words: frozenset[str]  # "Norman to D.C": words a place entity runs across
    building_words: frozenset[str]  # last words of streets and buildings ("Royal Street")
    facility_heads: frozenset[str]  # head words of facilities and natural features
    facility_leads: frozenset[str]  # "University of ...", "Hotel ..."
    path_words: frozenset[str]  # section words of news sites' web addresses
    junction_words: frozenset[str]  # "the Air Balloon roundabout"
    county_heads: frozenset[str]  # "County", "Parish", "Borough" (case as written)
    local_offices: frozenset[str]  # "Tillsonburg Mayor"
    campus_words: frozenset[str]  # "X University, Y"
    road_context: frozenset[str]  # words around a UK road number ("the A417 southbound")
    namesake_heads: frozenset[str]  # streets, rivers, lakes: named after places elsewhere
    namesake_sites: frozenset[str]  # ... and squares ("Trafalgar Square")
    other_place_words: frozenset[str]  # "Qamishli and other towns"
    place_verbs: frozenset[str]  # "captured Kunduz", "shelled Kherson"
    advance_verbs: frozenset[str]  # "advanced on Hasakah"
    name_particles: frozenset[str]  # "Deir ez-Zor", "Dar es Salaam"
    english_particles: frozenset[str]  # particles that are English words too: before "-" only
    apposition_nouns: frozenset[str]  # "X, the capital of ...", "X, a border town"
    date_words: frozenset[str]  # the capitalised words a date entity may be made of
    venue_roles: frozenset[str]  # "a job at X": an employer, not a venue
    venue_preps: frozenset[str]  # "at X", "into X": a venue
    venue_not: frozenset[str]  # institutions that are no venue ("at the Ministry")
    site_in: frozenset[str]  # what joins a site to its place ("X in Y", "X, Y")
    street_words: frozenset[str]  # streets: never placed at the place they name
    institutions: frozenset[str]  # "Mansfield Police Department": named after the town
    local_government: frozenset[str]  # "Harwinton Democratic Town Committee"
    parties: frozenset[str]  # "D-Iowa City": party marks before a legislator's home
    street_abbreviations: frozenset[str]  # "12 Elm St., X"
    media_words: frozenset[str]  # "The Washington Post" is a newspaper
    stop_names: frozenset[str]  # words that are never a place name by themselves
    feature_words: Mapping[str, frozenset[str]]  # "province" -> {admin1, admin2}
    plural_features: Mapping[str, str]  # "counties" -> "County"


@lru_cache(maxsize=1)
def place_words() -> PlaceWords:
    """The lists (read once per process)."""
    lists = {
        f.name: word_list(f.name)
        for f in dataclasses.fields(PlaceWords)
        if f.name not in ("feature_words", "plural_features")
    }
    path = Path(__file__).parent / "data" / "feature_words.tsv"
    kinds: dict[str, frozenset[str]] = {}
    plural: dict[str, str] = {}
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [*line.split("\t"), "", ""]
        word, ks, of = cols[0].strip(), cols[1].strip(), cols[2].strip()
        if not word or not (ks or of):
            raise DataFileError("a feature word without kinds", source=str(path), line=n)
        if ks:
            kinds[word] = frozenset(k.strip() for k in ks.split(","))
        if of:
            plural[word] = of
    return PlaceWords(
        **lists,
        feature_words=MappingProxyType(kinds),
        plural_features=MappingProxyType(plural),
    )


__all__ = ["PlaceWords", "place_words"]
