"""Which sentences and paragraphs the events stage reads.

Decides: the sentence segments (spaCy's sentences cut again at blank lines), which of them are
not read at all (``sentence.bad_parse``: tables, ALL CAPS, fragments), which yield no violent
events (``sentence.skip_context``: sport, films, astronomy, medical "attacks"), the paragraphs
(the vote's and the absorption rules' scope) and the sentence-level word tests other passes ask
(a protest named, a protest context, a chemical agent).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .rules import Rules, lexicon

_NON_LETTER = re.compile(r"[^A-Za-z\u00c0-\u024f]")
_NON_UPPER = re.compile(r"[^A-Z\u00c0-\u00de]")
_NON_DIGIT = re.compile(r"[^0-9]")


def parse_is_bad(sent: Any, rules: Rules) -> bool:
    """ALL CAPS, tables, lists, fragments: spaCy's parse of these is not to be trusted
    (``sentence.bad_parse``)."""
    if not rules.on("sentence.bad_parse"):
        return False
    p = rules.rules["sentence.bad_parse"].params
    text = sent.text.strip()
    n_letters = len(_NON_LETTER.sub("", text))
    if n_letters < p["min_letters"] or len(sent) < p["min_tokens"] or len(sent) > p["max_tokens"]:
        return True
    if len(_NON_UPPER.sub("", text)) / n_letters > p["max_upper"]:
        return True
    if "|" in text or "\t" in text or text.count("\n") >= 2:
        return True
    if len(_NON_DIGIT.sub("", text)) / max(1, len(text)) > p["max_digits"]:
        return True
    if len(sent) < 5 and not any(t.pos_ in ("VERB", "AUX") for t in sent):
        return True  # verbless headlines ("Violent clashes in Aleppo") keep their noun triggers
    return text[:1] in {"•", "*", "-", "–", "·"} and len(sent) < 12


@lru_cache(maxsize=8)
def words_re(name: str) -> re.Pattern[str]:
    """The lexicon's word list ``name`` as one whole-word, case-insensitive pattern (longest
    words first)."""
    words = sorted(lexicon()[name], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=8)
def lexicon_re(name: str, left: bool = True, right: bool = True) -> re.Pattern[str]:
    """The lexicon's regular expression ``name`` (a string in triggers.json), case-insensitive;
    ``left`` / ``right``: starting / ending at a word boundary."""
    body = f"(?:{lexicon()[name]})"
    return re.compile(("\\b" if left else "") + body + ("\\b" if right else ""), re.IGNORECASE)


def chemical(text: str) -> bool:
    """A chemical agent named in the text (``chemical_agents``; tear gas is none)."""
    return lexicon_re("chemical_agents").search(text) is not None


def skip_context(sent: Any, rules: Rules) -> bool:
    """Sports, films, medical "attacks": no violent event is honestly there. A word that is
    sport only in company ("team", "match") needs a second one: "an investigation team" is no
    sports page (``sentence.skip_context``)."""
    if not rules.on("sentence.skip_context"):
        return False
    if words_re("skip_context").search(sent.text) is not None:
        return True
    weak = {m.group(0).lower() for m in words_re("skip_context_weak").finditer(sent.text)}
    return len(weak) >= 2


_PROTEST_WORDS = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies)|march(?:es|ers)?|sit-ins?)\b", re.IGNORECASE
)


def protest_words(text: str) -> bool:
    """The sentence is about a protest (protest, demonstration, rally, march, sit-in)."""
    return _PROTEST_WORDS.search(text) is not None


def protest_context(text: str) -> bool:
    """A protest context (``protest_context``: against, demand, slogans, police...)."""
    return lexicon_re("protest_context", False, False).search(text) is not None


def segments(sdoc: Any) -> list[Any]:
    """spaCy's sentences, cut again at blank lines (the small model runs a caption or a
    heading into the next paragraph)."""
    out = []
    for sent in sdoc.sents:
        text = sent.text
        start = 0
        for m in re.finditer(r"\n\s*\n", text):
            out.append((sent.start_char + start, sent.start_char + m.start()))
            start = m.end()
        out.append((sent.start_char + start, sent.end_char))
    spans = []
    for s0, s1 in out:
        span = sdoc.char_span(s0, s1, alignment_mode="contract")
        if span is not None and len(span) and span.text.strip():
            spans.append(span)
    return spans


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text's paragraphs (blocks between blank lines), whitespace trimmed."""
    out = []
    start = 0
    for m in [*re.finditer(r"\n\s*\n", text), None]:
        end = m.start() if m is not None else len(text)
        chunk = text[start:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            out.append((start + lead, start + len(chunk.rstrip())))
        if m is not None:
            start = m.end()
    return out


def paragraph_of(paras: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The paragraph (one of :func:`paragraphs`) that holds the character ``offset``."""
    return next(((a, b) for a, b in paras if a <= offset < b), None)


def paragraph_span(paras: list[tuple[int, int]], sent: Any) -> tuple[int, int]:
    """(start, end) of the paragraph that holds the sentence (at least the sentence itself)."""
    para = paragraph_of(paras, sent.start_char)
    if para is None:
        return sent.start_char, sent.end_char
    return min(para[0], sent.start_char), max(para[1], sent.end_char)
