"""Speaker labels: "WALLACE: If I may, sir, ..." in a transcript, "Poll: Clinton and Trump in
dead heat" in a headline (rule id ``label.colon``).

A label is a name — a person's or organisation's entity, a surname in capitals of a person the
text names ("WALLACE" of "Chris Wallace"; "ENERGY:" is a section header), or a non-human
source noun of ``data/evidence_nouns.txt`` — of at most four words that opens a sentence (or
follows an opening quote mark) and is followed by a colon. The content runs from the colon to
the next label, the closing quote mark or the end of the paragraph (a label not in capitals:
the end of its sentence). Interviewer labels ("Q:", "Question:") are not speakers of claims,
and the words after a label in capitals need a verb ("RRP: 49.95 Euro" is a price list).
"""

from __future__ import annotations

import re
from typing import Any

_NOT_SPEAKER = {"q", "a", "question", "answer", "interviewer", "note", "update", "editor", "photo"}
_OPEN = {"“", '"', "«"}
_CLOSE = re.compile(r"[”»]")


def labels(ctx: Any) -> list[Any]:
    """The claims that labels introduce, as ``Raw`` records of ``extract``."""
    from .extract import Raw, _para_of

    sdoc = ctx.sdoc
    found: list[tuple[int, Any]] = []  # (content start, head token or None)
    for tok in sdoc:
        if tok.text != ":" or tok.i == 0:
            continue
        head, bound = _label(ctx, sdoc, tok.i)
        if bound:
            found.append((tok.idx + 1, head))
    out: list[Any] = []
    text = ctx.doc.text
    for k, (cs, head) in enumerate(found):
        pi = _para_of(ctx, cs)
        if head is None or pi < 0:
            continue
        end = ctx.paras[pi].end
        if k + 1 < len(found):
            nxt = sdoc.char_span(found[k + 1][0] - 1, found[k + 1][0])
            if nxt is not None:
                end = min(end, _label_start(sdoc, nxt[0].i))
        if not head.text.isupper():
            end = min(end, head.sent.end_char) if head.sent.end_char > cs else end
        close = _CLOSE.search(text, cs, end)
        if close is not None:
            end = close.start()
        s, e = cs, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in '“"«'):
            e -= 1
        span = ctx.sdoc.char_span(s, e, alignment_mode="contract")
        if (
            len(text[s:e].split()) < 3
            or span is None
            or (head.text.isupper() and not any(t.pos_ in ("VERB", "AUX") for t in span))
        ):
            continue  # "RRP: 49.95 Euro": a price list, not a speaker's words
        raw = Raw(s, e, "direct" if text[s - 1 : s] in _OPEN else "indirect", None, "say", head)
        raw.para = pi
        raw.confidence = 0.6
        raw.rule = "label.colon"
        if head.lemma_.lower() in ctx.lex.evidence_nouns:
            raw.kind = "evidence"
        raw.region = (head.left_edge.idx, cs)
        out.append(raw)
    return out


def _person_named(sdoc: Any, word: str) -> bool:
    """The text names someone with this word as the last of a name ("WALLACE:" and "Chris
    Wallace"): a transcript label, not a section header ("ENERGY:", "BONDS:")."""
    return any(
        t.text == word and t.pos_ == "PROPN" and t.i > 0 and sdoc[t.i - 1].pos_ == "PROPN"
        for t in sdoc
    )


def _label_start(sdoc: Any, colon: int) -> int:
    lo = colon - 1
    while lo - 1 >= 0 and colon - lo < 4 and sdoc[lo - 1].pos_ == "PROPN":
        lo -= 1
    return int(sdoc[lo].idx)


def _label(ctx: Any, sdoc: Any, colon: int) -> tuple[Any, bool]:
    """The head token of a speaker label ending right before the colon at ``colon`` (or
    None), and whether a capitalised word there opens a label-like "Word:" at all (a
    boundary for the content of the label before it: "Note: ...")."""
    lo = colon - 1
    while lo - 1 >= 0 and colon - lo < 4 and sdoc[lo - 1].pos_ == "PROPN":
        lo -= 1
    first = sdoc[lo]
    before = sdoc[lo - 1] if lo > 0 else None
    opens = first.is_sent_start or before is None or before.text in _OPEN or before.text in ".:"
    if not opens or not first.text[:1].isupper():
        return None, False
    words = sdoc[lo:colon]
    head = sdoc[colon - 1]
    if head.lower_ in _NOT_SPEAKER or any(t.is_punct for t in words):
        return None, True
    caps = all(t.text.isupper() and t.is_alpha and len(t.text) >= 3 for t in words) and (
        head.ent_type_ == "PERSON" or _person_named(sdoc, head.text.title())
    )
    named = head.ent_type_ in ("PERSON", "ORG") and all(t.pos_ == "PROPN" for t in words)
    source = len(words) == 1 and head.lemma_.lower() in ctx.lex.evidence_nouns
    return (head if caps or named or source else None), True
