"""Text helpers shared by the analysis modules: tokens, a light stemmer, shingles, polarity.

Everything here is pure Python over strings so that the analysis can run on stored documents
(no spaCy parse needed) and on plain records shipped to worker processes.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Any

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The analysis lexicon (stopwords, negations, denial cues, topics, generic actors)."""
    raw = resources.files("newsledger.analysis").joinpath("data/lexicon.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    for key in ("stopwords", "negations", "denial_cues", "generic_actor_words", "topics"):
        if not data.get(key):
            raise ValueError(f"analysis lexicon: empty group {key!r}")
    return data


@lru_cache(maxsize=1)
def _sets() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    lx = lexicon()
    return (
        frozenset(lx["stopwords"]),
        frozenset(lx["negations"]),
        frozenset(lx["denial_cues"]),
        frozenset(lx["generic_actor_words"]),
    )


def fold(text: str) -> str:
    """Lower-case, strip accents, unify apostrophes."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("’", "'").lower()


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters/digits, inner apostrophes kept)."""
    return _WORD.findall(fold(text))


def stem(word: str) -> str:
    """A deliberately small suffix stripper (carried/carrying/carries -> carry, attacks -> attack)."""
    w = word
    if w.endswith("n't"):
        return "not"
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) <= 3:
        return w
    for suf, rep in (("ies", "y"), ("ied", "y"), ("ying", "y"), ("sses", "ss")):
        if w.endswith(suf) and len(w) > len(suf) + 1:
            return w[: -len(suf)] + rep
    for suf in ("ing", "ed"):
        if w.endswith(suf) and len(w) > len(suf) + 2:
            w = w[: -len(suf)]
            if len(w) > 2 and w[-1] == w[-2] and w[-1] not in "ls":  # planned -> plan
                w = w[:-1]
            elif w.endswith(("at", "iz", "bl")):  # created -> create
                w += "e"
            return w
    if w.endswith("es") and w[-3:-2] in ("x", "s", "z", "h") and len(w) > 4:
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def normalize_name(name: str | None) -> str:
    """A key for an actor or place name: folded, punctuation-free, no leading article."""
    if not name:
        return ""
    toks = words(name)
    if toks and toks[0] == "the":
        toks = toks[1:]
    return " ".join(toks)


def is_generic_actor(name: str | None, actor_type: str | None = None) -> bool:
    """True for actors that do not identify anyone (civilians, gunmen, unidentified attackers)."""
    if actor_type in ("civilians", "identity_group"):
        return True
    toks = set(words(name or ""))
    if not toks:
        return True
    generic = _sets()[3]
    if toks & {"unidentified", "unknown", "suspected", "unnamed"}:
        return True
    return not (toks - generic - _sets()[0])


def content_terms(text: str) -> frozenset[str]:
    """Stemmed content words: stopwords, negations and one-letter tokens removed."""
    stop, neg, _, _ = _sets()
    deny = _denial_stems()
    out = set()
    for w in words(text):
        if w in stop or w in neg or len(w) < 2:
            continue
        s = stem(w)
        if s in stop or s in neg or s in deny or s + "e" in deny:
            continue
        out.add(s)
    return frozenset(out)


@lru_cache(maxsize=1)
def _denial_stems() -> frozenset[str]:
    raw = _sets()[2]
    return frozenset(raw) | frozenset(" ".join(stem(w) for w in words(c)) for c in raw)


_CAP = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w'’-]*)")


def name_terms(text: str) -> frozenset[str]:
    """Content terms of the capitalised words of ``text`` (names of actors and places), which
    say what a statement is about rather than what it says."""
    caps = " ".join(m.group(1) for m in _CAP.finditer(text.strip()))
    return content_terms(caps)


def is_negated(text: str) -> bool:
    """Whether a statement carries a negation (not, never, no, n't ...)."""
    neg = _sets()[1]
    return any(w in neg or w.endswith("n't") for w in words(text))


def is_denial_cue(cue: str | None) -> bool:
    """Whether a claim's cue lemma is a denial (deny, reject, dismiss, refute ...)."""
    if not cue:
        return False
    cues = _denial_stems()
    toks = words(cue)
    stems = [stem(w) for w in toks]
    return " ".join(stems) in cues or any(s in cues or s + "e" in cues for s in stems)


def polarity(cue: str | None, content: str) -> int:
    """+1 for an affirmation, -1 for a denial/negation (a denied negation is an affirmation)."""
    p = -1 if is_denial_cue(cue) else 1
    return -p if is_negated(content) else p


def shingles(text: str, k: int = 5) -> set[str]:
    """Word k-shingles of ``text`` (fewer words than k: the whole text is one shingle)."""
    toks = words(text)
    if len(toks) < k:
        return {" ".join(toks)} if toks else set()
    return {" ".join(toks[i : i + k]) for i in range(len(toks) - k + 1)}


@lru_cache(maxsize=1)
def _type_stems() -> dict[str, frozenset[str]]:
    return {t: frozenset(stem(w) for w in ws) for t, ws in lexicon()["type_keywords"].items()}


def speaks_of_type(text: str, event_type: str | None, plover: str | None = None) -> bool:
    """Whether a statement uses a word for events of this ACLED (or PLOVER) type."""
    terms = {stem(w) for w in words(text)}
    stems = _type_stems()
    return any(bool(t and terms & stems.get(t, frozenset())) for t in (event_type, plover))


def topic_of(text: str, event_type: str | None = None) -> str:
    """A coarse topic for a claim: the first lexicon topic with a keyword in the text, else
    the ACLED type of a linked event, else "other"."""
    terms = {stem(w) for w in words(text)}
    best, hits = None, 0
    for topic, keys in lexicon()["topics"].items():
        n = sum(1 for k in keys if stem(k) in terms)
        if n > hits:
            best, hits = topic, n
    if best:
        return best
    return event_type or "other"
