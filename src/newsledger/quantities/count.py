"""Count phrases to numbers: ``parse_count("at least 13") == (13.0, 13.0, None)``.

A count is ``(value, low, high)``:

- an exact number: ``"six"`` -> ``(6, None, None)``; ``"1,300"`` -> ``(1300, None, None)``;
- approximate: ``"about 1,300"`` -> ``(1300, None, None)``;
- a floor: ``"at least 13"``, ``"more than 100"`` -> ``(13, 13, None)`` (the stated number is
  kept as the value: it is what reports and ACLED-style codings use);
- a ceiling: ``"up to 50"``, ``"fewer than 50"`` -> ``(None, None, 50)``; ``"nearly 50"`` ->
  ``(50, None, 50)``;
- a range: ``"2,000-3,000"``, ``"between 10 and 20"`` -> ``(None, 2000, 3000)``;
- a vague quantifier: conventional lower bounds, no value: ``"dozens"`` -> ``(None, 24, None)``,
  ``"scores"`` 40, ``"hundreds"`` 200, ``"thousands"`` 2000, ``"several"`` 3 (see
  data/numbers.json); ``"a dozen"`` is exact (12).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

Count = tuple[float | None, float | None, float | None]


@lru_cache(maxsize=1)
def numbers() -> dict[str, Any]:
    """The number lexicon (data/numbers.json), loaded once."""
    path = resources.files("newsledger.quantities") / "data" / "numbers.json"
    return json.loads(path.read_text("utf-8"))  # type: ignore[no-any-return]


def _lines(name: str) -> frozenset[str]:
    path = resources.files("newsledger.quantities") / "data" / name
    out = set()
    for line in path.read_text("utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.add(line.lower())
    return frozenset(out)


@lru_cache(maxsize=1)
def unit_lemmas() -> frozenset[str]:
    """Head nouns of the counts that matter (data/units.txt)."""
    return _lines("units.txt")


@lru_cache(maxsize=1)
def count_verbs() -> frozenset[str]:
    """Verbs whose bare numeric object or subject counts people (data/verbs.txt)."""
    return _lines("verbs.txt")


_NUMERAL = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_NUM_SCALE = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|bn)$")
_RANGE = re.compile(r"^(?:between\s+)?(.+?)\s*(?:-|–|—|\bto\b|\band\b|\bor\b)\s*(.+)$")


def _words_number(words: list[str]) -> float | None:
    """English number words ("two hundred", "twenty-five", "1.5 million") to a number."""
    lex = numbers()
    units, tens, scales = lex["units"], lex["tens"], lex["scales"]
    total = 0.0
    current = 0.0
    seen = False
    for w in words:
        if w in ("and", "a") and seen:
            continue
        if w == "a" and not seen:
            current, seen = 1.0, True
            continue
        if _NUMERAL.match(w):
            if seen and current:
                return None  # "12 13"
            current, seen = float(w.replace(",", "")), True
        elif (m := _NUM_SCALE.match(w)) is not None:
            current, seen = float(m.group(1)) * scales[m.group(2)], True
        elif w in units:
            current += units[w]
            seen = True
        elif w in tens:
            current += tens[w]
            seen = True
        elif "-" in w and all(p in units or p in tens for p in w.split("-")):
            current += sum(units.get(p, 0) + tens.get(p, 0) for p in w.split("-"))
            seen = True
        elif w in ("hundred",):
            current = (current or 1.0) * 100
            seen = True
        elif w in scales and w not in ("m", "k", "mn", "bn"):
            total += (current or 1.0) * scales[w]
            current = 0.0
            seen = True
        elif w in ("dozen", "score"):
            current = (current or 1.0) * numbers()["multiples"][w]
            seen = True
        else:
            return None
    return total + current if seen else None


def _normal(text: str) -> str:
    t = text.lower().replace("\u2013", "-").replace("\u2014", "-").strip(" .,;:")
    t = re.sub(r"\s+", " ", t)
    t = re.sub(r"\s+of$", "", t)
    return t


def _strip_prefix(t: str, prefixes: list[str]) -> tuple[str | None, str]:
    for p in sorted(prefixes, key=len, reverse=True):
        if t == p or t.startswith(p + " "):
            return p, t[len(p) :].strip()
    return None, t


def _number(t: str) -> float | None:
    t = t.strip()
    if not t:
        return None
    mult = numbers()["multiples"]
    if t in mult:
        return float(mult[t])
    if t.startswith("half a "):
        rest = _number("a " + t[7:])
        return rest / 2 if rest is not None else None
    return _words_number(t.split())


def _vague(t: str) -> Count | None:
    vague = numbers()["vague"]
    if t in vague:
        low, high = vague[t]
        return (None, float(low), float(high) if high is not None else None)
    return None


def parse_count(text: str) -> Count | None:
    """``(value, low, high)`` for a count phrase, ``None`` if it is not one (see module doc)."""
    t = _normal(text)
    if not t:
        return None
    lex = numbers()
    kind, rest = None, t
    for name in ("lower", "upper", "near", "approx"):
        prefix, r = _strip_prefix(t, lex[name])
        if prefix is not None:
            kind, rest = name, r
            if prefix.endswith(" a"):
                rest = "a " + rest
            break
    if not rest:
        return None
    vague = _vague(rest)
    if vague is not None:
        return vague
    n = _number(rest)
    if n is None:
        m = _RANGE.match(rest)
        if m is None:
            return None
        a, b = _number(m.group(1)), _number(m.group(2))
        if a is None or b is None:
            return None
        if b <= a:
            return None
        return (None, a, b)
    if kind == "lower":
        return (n, n, None)
    if kind == "upper":
        return (None, None, n)
    if kind == "near":
        return (n, None, n)
    return (n, None, None)


__all__ = ["Count", "count_verbs", "numbers", "parse_count", "unit_lemmas"]
