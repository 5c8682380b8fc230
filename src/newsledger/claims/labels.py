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
_MARKS = re.compile(r"[“«”»]")


def labels(ctx: Any) -> list[Any]:
    """The claims that labels introduce, as ``Raw`` records of ``extract``."""
    from .extract import Raw, _para_of

    sdoc = ctx.sdoc
    found: list[tuple[int, Any]] = []  # (content start, head token or None)
    surnames: set[str] | None = None
    for tok in sdoc:
        if tok.text != ":" or tok.i == 0:
            continue
        if surnames is None:  # the last words of the names the text gives, read once
            surnames = {
                t.text for t in sdoc if t.pos_ == "PROPN" and t.i and sdoc[t.i - 1].pos_ == "PROPN"
            }
        head, bound = _label(ctx, sdoc, tok.i, surnames)
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
        end = _turn_end(text, cs, end)
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


def _turn_end(text: str, start: int, end: int) -> int:
    """Where a label's words end before ``end``: at the first closing mark that closes no quote
    opened after the label ("“PENCE: Well, Clinton thinks this is an episode of “Shark Tank.”
    But this is America …" runs on past "Shark Tank")."""
    depth = 0
    for m in _MARKS.finditer(text, start, end):
        if m.group() in _OPEN:
            depth += 1
        elif depth:
            depth -= 1
        else:
            return m.start()
    return end


def inside_labels(raws: list[Any], text: str) -> list[Any]:
    """Without the claims inside a transcript turn: a speaker label's content runs to the next
    label, over the paragraphs that open with a quote mark ("“PENCE: Well, … basketball.
    “But the truth is …"), so a quote there that only continues a speaker is the label's, not
    whoever the turn names ("Mark Cuban has been out there saying"); in a turn that opens with
    a quote mark ("“WALLACE: … as “The Wall Street Journal” wrote, it shows …") the claims the
    speaker reports are nested in the turn, which is kept (as nested attributions elsewhere
    give the outer claim). Headers ("ANALYSIS: Some experts say …") keep their claims."""
    turns = [
        (r.start, r.end, bool(set(text[max(0, r.region[0] - 1) : r.region[0] + 1]) & _OPEN))
        for r in raws
        if r.rule == "label.colon"
    ]
    if not turns:
        return raws
    inside = [
        r
        for r in raws
        if r.rule != "label.colon"
        and any(s <= r.start and r.end <= e + 2 and (r.continues or q) for s, e, q in turns)
    ]
    return [r for r in raws if r not in inside]


def _label_start(sdoc: Any, colon: int) -> int:
    lo = colon - 1
    while lo - 1 >= 0 and colon - lo < 4 and sdoc[lo - 1].pos_ == "PROPN":
        lo -= 1
    return int(sdoc[lo].idx)


def _label(ctx: Any, sdoc: Any, colon: int, surnames: set[str]) -> tuple[Any, bool]:
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
    # a name in capitals needs a person the text names with it ("WALLACE:" and "Chris
    # Wallace"): a transcript label, not a section header ("ENERGY:", "BONDS:")
    caps = all(t.text.isupper() and t.is_alpha and len(t.text) >= 3 for t in words) and (
        head.ent_type_ == "PERSON" or head.text.title() in surnames
    )
    # "Pence: Flowers Won't Be at Debate": a surname of a person the text names fully
    named = all(t.pos_ == "PROPN" for t in words) and (
        head.ent_type_ in ("PERSON", "ORG") or (len(words) == 1 and head.text in surnames)
    )
    source = len(words) == 1 and head.lemma_.lower() in ctx.lex.evidence_nouns
    return (head if caps or named or source else None), True


_SIGN = re.compile(r"[ \t]*(?:--|—|–|―)[ \t]*")


def signature(ctx: Any, q: Any) -> Any:
    """A quote signed after a dash, as in letters and vox pops ("“…” -- Edwin G. Monroy"): the
    name is the speaker (rule id ``quote.signature``), or None. The name is a person entity or
    two to four capitalised words, followed by nothing but punctuation, the next quote or the
    paragraph end."""
    from .extract import Raw, _tokens

    text = ctx.doc.text
    para = ctx.paras[q.para]
    m = _SIGN.match(text, q.end, para.end)
    if m is None:
        return None
    toks = [t for t in _tokens(ctx, m.end(), min(m.end() + 80, para.end)) if not t.is_space]
    if not toks or toks[0].idx != m.end():
        return None
    k = 0
    if toks[0].ent_type_ == "PERSON" and toks[0].ent_iob_ == "B":
        while k + 1 < len(toks) and toks[k + 1].ent_iob_ == "I":
            k += 1
    else:
        while (
            k < len(toks)
            and k < 4
            and toks[k].text[:1].isupper()
            and (toks[k].text.rstrip(".").isalpha())
        ):
            k += 1
        if k < 2:
            return None
        k -= 1
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is not None and not (nxt.is_punct or nxt.text in _OPEN):
        return None
    head = toks[k]
    r = Raw(q.start, q.end, "direct", None, "", head, confidence=0.8, para=q.para)
    r.rule = "quote.signature"
    r.region = (q.end, head.idx + len(head))
    return r
