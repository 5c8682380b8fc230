"""Long texts cut into pieces spaCy can take, and the pieces' parses joined back into one Doc.

spaCy's memory grows with the length of the text it parses at once (about 2.7 MB per 1,000
characters with the small English model) and it refuses texts over ``nlp.max_length``. The nlp
stage therefore parses a long document as consecutive chunks of at most ``max_chars``
characters and joins their parses with ``Doc.from_docs``: the chunks tile the text exactly
(each keeps the whitespace after it), so the joined Doc's text *is* the document's text and
every token's ``idx`` — hence every stage's evidence offsets — is an offset into the whole text.

Where a chunk ends, in order of preference (the last such place inside the chunk):
``paragraph`` a blank line; ``line`` a line break; ``sentence`` a full stop, question or
exclamation mark (and closing quotes or brackets) before a space; ``space`` any whitespace;
``hard`` the chunk's length (a text with no whitespace at all). Sentences never run across
paragraphs in the nlp stage anyway, so cutting there changes no parse the stages read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s")


def _cut(window: str) -> int:
    """Where to end a chunk that must not be longer than ``window``: the length of the chunk,
    after the last paragraph break, else line break, sentence end, whitespace (else all of it)."""
    for sep in ("\n\n", "\n"):
        at = window.rfind(sep)
        if at > 0:
            return at + len(sep)
    last = None
    for last in _SENTENCE_END.finditer(window):  # noqa: B007 - the last match is wanted
        pass
    if last is not None:
        return last.end()
    for at in range(len(window) - 1, 0, -1):
        if window[at].isspace():
            return at + 1
    return len(window)


def chunk_spans(text: str, max_chars: int) -> list[tuple[int, int]]:
    """(start, end) spans that tile ``text`` in order, none longer than ``max_chars``; a text
    that fits is one span. The whitespace after a cut stays with the chunk before it (as far as
    the chunk's length allows), so the next chunk starts on a word."""
    if max_chars < 1:
        raise ValueError("max_chars must be at least 1")
    spans: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > max_chars:
        end = start + _cut(text[start : start + max_chars])
        while end < min(n, start + max_chars) and text[end].isspace():
            end += 1
        spans.append((start, end))
        start = end
    spans.append((start, n))
    return spans


def groups(pieces: Iterable[str], max_chars: int) -> Iterator[list[str]]:
    """Consecutive pieces in lists of at most ``max_chars`` characters in all (a longer piece
    alone): one spaCy batch each, so what spaCy holds at once is bounded by characters."""
    group: list[str] = []
    size = 0
    for piece in pieces:
        if group and size + len(piece) > max_chars:
            yield group
            group, size = [], 0
        group.append(piece)
        size += len(piece)
    if group:
        yield group


def join(parts: list[Any]) -> Any:
    """One spaCy Doc from the parses of consecutive chunks of one text (the chunks' own Doc when
    there is one). Nothing is inserted between chunks: the text is the chunks' concatenation.

    A joined Doc carries no ``tensor`` (the tok2vec output, 384 bytes a token, kept by spaCy
    for ``Token.vector`` on a model without vectors): no stage reads it, and on a long text it
    is the largest part of the parse. The chunks drop theirs as they come (``drop_tensor``)."""
    if len(parts) == 1:
        return parts[0]
    from spacy.tokens import Doc

    return Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor"])


def drop_tensor(sdoc: Any) -> Any:
    """``sdoc`` without its tensor (see :func:`join`)."""
    import numpy

    sdoc.tensor = numpy.zeros((0, 0), dtype="float32")
    return sdoc


__all__ = ["chunk_spans", "drop_tensor", "groups", "join"]
