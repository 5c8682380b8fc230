"""Paragraphs and quotation marks: where the direct quotes of a text are.

Straight (``"``) and typographic (``“ ” „ « »``) marks may be mixed, and may be unbalanced. A
quote never runs past the end of its paragraph: an unclosed quote is capped there, and the next
paragraph continues it only when it opens with a quote mark (the newspaper convention for quotes
that run over several paragraphs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = frozenset("“„«‟")
CLOSERS = frozenset("”»")
STRAIGHT = frozenset('"″')
ALL_MARKS = OPENERS | CLOSERS | STRAIGHT
SINGLE = frozenset("‘’'")

# A line that carries no words (GGT's " ." separators, rules, bullets) separates paragraphs.
_WORDLESS = re.compile(r"^[\W_]*$")


@dataclass
class Paragraph:
    start: int
    end: int


@dataclass
class Quote:
    """A quoted span: ``start``/``end`` include the marks, ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool  # False: capped at the paragraph end
    para: int  # index of its paragraph
    opens_para: bool  # the paragraph's text starts with this quote's mark


def paragraphs(text: str) -> list[Paragraph]:
    """Non-empty, word-bearing lines of ``text`` (stripped), in order."""
    out: list[Paragraph] = []
    pos = 0
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        stripped = line.strip()
        if not stripped or _WORDLESS.match(stripped):
            continue
        lead = len(line) - len(line.lstrip())
        trail = len(line) - len(line.rstrip())
        out.append(Paragraph(s + lead, e - trail))
    return out


def _is_opening_straight(text: str, i: int, start: int, end: int) -> bool:
    """Whether a straight mark at ``i`` opens (rather than closes) a quote."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    if before.isspace() or before in "([{—–-:;,/" or i == start:
        return not after.isspace()
    return False


def find_quotes(text: str, paras: list[Paragraph]) -> list[Quote]:
    """All direct quotes, paragraph by paragraph (never crossing a paragraph end)."""
    quotes: list[Quote] = []
    for pi, p in enumerate(paras):
        open_at: int | None = None
        for i in range(p.start, p.end):
            ch = text[i]
            if ch not in ALL_MARKS:
                continue
            if open_at is None:
                if ch in OPENERS or (
                    ch in STRAIGHT and _is_opening_straight(text, i, p.start, p.end)
                ):
                    open_at = i
                # a stray closer with nothing open is ignored
                continue
            if ch in CLOSERS or ch in STRAIGHT:
                quotes.append(_make(text, open_at, i + 1, True, pi, p))
                open_at = None
            elif ch in OPENERS:
                # an opener inside an open quote: the earlier one was never closed. Cap it here
                # when it was a sentence or more, else restart at the new mark.
                if i - open_at > 1:
                    quotes.append(_make(text, open_at, i, False, pi, p))
                open_at = i
        if open_at is not None and p.end - open_at > 1:
            quotes.append(_make(text, open_at, p.end, False, pi, p))
        if not any(text[i] in ALL_MARKS for i in range(p.start, p.end)):
            quotes.extend(_single_quotes(text, pi, p))
    return quotes


def _single_quotes(text: str, pi: int, p: Paragraph) -> list[Quote]:
    """Quotes in single marks (‘…’ or '…', as British outlets write them), in a paragraph that
    has no double marks. An apostrophe inside a word ("don’t") or after a plural ("the
    players’ union") never closes one; a quote needs three words or more."""
    out: list[Quote] = []
    open_at: int | None = None
    for i in range(p.start, p.end):
        ch = text[i]
        if ch not in SINGLE:
            continue
        before = text[i - 1] if i > p.start else " "
        after = text[i + 1] if i + 1 < p.end else " "
        if open_at is None:
            if ch in "‘'" and (before.isspace() or before in "([{—–-:") and not after.isspace():
                open_at = i
            continue
        if ch == "‘" and (before.isspace() or before in "([{—–-:"):
            open_at = i  # an opener again: the earlier one was an apostrophe or unclosed
            continue
        if after.isalnum() or before.isspace():
            continue  # an apostrophe inside a word
        if before in "sS" and after == " " and text[i + 2 : i + 3].islower():
            continue  # a plural possessive
        if len(text[open_at:i].split()) >= 3:
            out.append(_make(text, open_at, i + 1, True, pi, p))
        open_at = None
    if open_at is not None and open_at == p.start and len(text[open_at : p.end].split()) >= 3:
        out.append(_make(text, open_at, p.end, False, pi, p))
    return out


def _make(text: str, s: int, e: int, closed: bool, pi: int, p: Paragraph) -> Quote:
    inner_s = s + 1
    inner_e = e - 1 if closed else e
    while inner_s < inner_e and text[inner_s].isspace():
        inner_s += 1
    while inner_e > inner_s and (text[inner_e - 1].isspace() or text[inner_e - 1] in ","):
        inner_e -= 1
    end = e
    while end > s and text[end - 1].isspace():
        end -= 1
    return Quote(s, end, inner_s, inner_e, closed, pi, s == p.start)
