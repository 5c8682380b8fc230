"""Word tables shared by stages: one table per concept, each word written once with the lists
(flag columns) it belongs to.

``data/place_words.tsv`` holds every word the places and actors stages look up around place
names: locative prepositions, facility and street heads, feature and context words. A list is
the set of words carrying its flag (``word_list("loc_preps")``); where the two stages read a
concept differently, each has its own flag in the same row (``loc_preps`` and
``actors_loc_preps``), so a reader sees both side by side.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from ..errors import DataFileError

DATA = Path(__file__).parent / "data"


@lru_cache(maxsize=8)
def word_table(name: str = "place_words.tsv") -> Mapping[str, frozenset[str]]:
    """``data/<name>``: word -> the lists it belongs to (read once per process)."""
    path = DATA / name
    rows: dict[str, frozenset[str]] = {}
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        word, sep, flags = line.partition("\t")
        if not sep or not flags.strip():
            raise DataFileError("a word without its lists", source=str(path), line=n)
        if word in rows:
            raise DataFileError(f"{word!r} is written twice", source=str(path), line=n)
        rows[word] = frozenset(f.strip() for f in flags.split(",") if f.strip())
    return MappingProxyType(rows)


@lru_cache(maxsize=128)
def word_list(flag: str, name: str = "place_words.tsv") -> frozenset[str]:
    """The words of ``data/<name>`` that carry ``flag``; an unknown flag is an error."""
    words = frozenset(w for w, flags in word_table(name).items() if flag in flags)
    if not words:
        raise DataFileError(f"no word carries the list {flag!r}", source=str(DATA / name))
    return words


__all__ = ["word_list", "word_table"]
