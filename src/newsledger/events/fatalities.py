"""Fatalities: how many died in an event.

Decides the fatality count and its text from the victim phrase of the fatal verb (object or
passive subject), "killing N", "N people died", "N dead", "a death toll of N". The number is read
by the quantities stage's ``parse_count`` (its number words are quantities/data/numbers.json), so
both stages agree; vague counts are coded by their documented lower bound, as ACLED does.
Wounded counts are not fatalities; percentages, ranks, prices, scores and years are never
fatalities (``scope.not_a_count``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..quantities.count import numbers
from ..quantities.count import parse_count as parse_quantity
from .rules import Rules, lexicon
from .syntax import child, prep_obj
from .triggers import Candidate


@lru_cache(maxsize=1)
def _number_re() -> re.Pattern[str]:
    """Digits or a number word of the quantities stage (units, tens, hundred, thousand)."""
    nums = numbers()
    words = [*nums["units"], *nums["tens"], "hundred", "a hundred", "thousand"]
    return re.compile(rf"\d[\d,]*(?:\.\d+)?|\b(?:{'|'.join(words)})\b")


def parse_count(phrase: str) -> int | None:
    """An integer from "at least 13", "1,300", "six", "dozens of", "scores of": the quantities
    stage's :func:`~newsledger.quantities.count.parse_count`, so both stages agree. A vague
    count is coded conservatively, as ACLED does, by its documented lower bound ("dozens" 24,
    "scores" 40, "hundreds" 200, "several" 3); a range by its low end."""
    got = parse_quantity(phrase)
    if got is None:
        m = _number_re().search(phrase.lower())
        got = parse_quantity(m.group(0)) if m else None  # "13 people", "six civilians"
    if got is None:
        return None
    value, low, _high = got
    n = value if value is not None else low
    return None if n is None else int(n)


_SCORE = re.compile(r"^\d+[-\u2013]\d+$")
_MEASURES = frozenset(["%", "percent", "per", "pct", "percentage", "point", "points", "degree"])
_BEFORE = frozenset(
    ["$", "\u00a3", "\u20ac", "\u00a5", "no.", "no", "number", "#", "rank", "ranked"]
)


def not_a_count(np_tok: Any) -> bool:
    """A percentage, a rank, a price, a score or a year, not a number of people: "99.999%",
    "No. 3", "$5", "112-107", "in 1998"."""
    doc = np_tok.doc
    toks = [np_tok, *(c for c in np_tok.children if c.dep_ in ("nummod", "quantmod"))]
    for t in toks:
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        prev = doc[t.i - 1] if t.i > 0 else None
        if t.lower_ in _MEASURES or (nxt is not None and nxt.lower_ in _MEASURES):
            return True
        if prev is not None and prev.lower_ in _BEFORE:
            return True
        if _SCORE.match(t.text) or (t.tag_ == "CD" and t.ent_type_ in ("DATE", "MONEY", "PERCENT")):
            return True
        if t.like_num and t.text.isdigit() and len(t.text) == 4 and 1800 <= int(t.text) <= 2100:
            return t is np_tok  # a bare year ("killed in 1998"), not "2000 people"
        if t.ent_type_ == "ORDINAL":
            return True
    return False


def count_phrase(np_tok: Any, rules: Rules | None = None) -> tuple[int | None, str | None]:
    """Count in a noun phrase: "at least 13 US servicemen" -> (13, "at least 13")."""
    if np_tok is None:
        return None, None
    if rules is not None and rules.on("scope.not_a_count") and not_a_count(np_tok):
        return None, None
    if np_tok.like_num or np_tok.lower_ in lexicon()["vague_counts"]:
        toks = [t for t in np_tok.subtree if t.i <= np_tok.i]
        if np_tok.lower_ in ("scores", "dozens", "hundreds", "thousands") and np_tok.i + 1 < len(
            np_tok.doc
        ):
            nxt = np_tok.doc[np_tok.i + 1]
            if nxt.lower_ == "of":
                toks = [*toks, nxt]
        text = np_tok.doc[toks[0].i : toks[-1].i + 1].text
        return parse_count(text), text
    num = [c for c in np_tok.children if c.dep_ == "nummod" or (c.like_num and c.i < np_tok.i)]
    if num:
        toks = list(num[0].subtree)
        text = np_tok.doc[toks[0].i : toks[-1].i + 1].text
        return parse_count(text), text
    for c in np_tok.children:
        if c.dep_ in ("amod", "det") and c.lower_ in lexicon()["vague_counts"]:
            return parse_count(c.text), c.text
    return None, None


def _victims(c: Candidate, rules: Rules) -> tuple[int | None, str | None]:
    """The count in the victim phrase of the fatal verbs, or of "... killing 6 civilians"."""
    toks = list(c.fatal_links)
    if c.pos == "verb" and (
        c.spec.get("fatal") or any(ch.lower_ == "dead" for ch in c.token.children)
    ):
        toks.append(c.token)  # "killed six", "shot dead three protesters"
    for t in toks:
        if t.lemma_.lower() in ("wound", "injure"):
            continue
        victim = (
            child(t, "nsubjpass")
            if any(ch.dep_ == "auxpass" for ch in t.children)
            else child(t, "dobj", "obj")
        )
        n, text = count_phrase(victim, rules)
        if n is not None:
            return n, text
    for t in c.token.children:  # an adverbial participle of the trigger verb
        if t.lemma_.lower() in ("kill", "leave") and t.dep_ in (
            "advcl",
            "xcomp",
            "conj",
            "relcl",
            "acl",
        ):
            n, text = count_phrase(child(t, "dobj", "obj"), rules)
            if n is not None:
                return n, text
    return None, None


def _toll(t: Any, rules: Rules) -> tuple[int | None, str | None]:
    """The count of a death noun: "13 dead", "a death toll of 20", "the toll rose to 21"."""
    lemma = t.lemma_.lower()
    n, text = count_phrase(t, rules)
    if n is None and lemma == "toll":
        n, text = count_phrase(prep_obj(t, ("of",)), rules)
    if n is None and t.dep_ in ("oprd", "acomp", "amod", "attr"):
        n, text = count_phrase(child(t.head, "dobj", "nsubj"), rules)
    if n is None and lemma == "toll" and t.head.pos_ in ("VERB", "AUX"):
        n, text = count_phrase(
            prep_obj(t.head, ("to", "at")) or child(t.head, "dobj", "attr"), rules
        )
    if n is None and lemma == "dead" and t.i > 0:
        prev = t.doc[t.i - 1]  # "two dead in an attack"
        if prev.like_num or prev.lower_ in lexicon()["vague_counts"]:
            n, text = count_phrase(prev, rules)
    return n, text


def fatalities(c: Candidate, rules: Rules) -> tuple[int | None, str | None]:
    """Deaths reported by the candidate's fatal links (or by itself when it is fatal), else by
    a die verb or a death noun in its sentence."""
    n, text = _victims(c, rules)
    if n is not None:
        return n, text
    lex = lexicon()
    for t in c.seg if c.seg is not None else c.token.sent:
        if t.lemma_.lower() in lex["die_verbs"]:
            n, text = count_phrase(child(t, "nsubj"), rules)
            if n is not None:
                return n, text
        if (
            t.lemma_.lower() in ("dead", "death", "fatality", "toll")
            and c.spec.get("plover") == "ASSAULT"
        ):
            n, text = _toll(t, rules)
            if n is not None:
                return n, text
    return None, None
