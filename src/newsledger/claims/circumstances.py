"""What an attribution clause says besides who spoke: where (the channel: "to the Wall Street
Journal", "in a briefing", "on Twitter"), when (a full date), whether hedged ("suggested",
"may"), and which actors the content is about. Read by :mod:`.resolve` for each claim."""

from __future__ import annotations

import re
from typing import Any

from ..document import Document
from ..time import dates_in_span
from .lexicon import Lexicon

_PREPS_CHANNEL = {"in", "at", "on", "during", "via", "through", "over"}


def channel_of(sdoc: Any, lex: Lexicon, cue: Any, speaker: Any = None) -> str | None:
    """Where it was said: "to the Wall Street Journal", "in a November 17 briefing", "on Twitter",
    or the outlet a source "spoke to"."""
    if cue is None:
        return None
    if speaker is not None:
        for rel in speaker.children:
            if rel.dep_ in ("relcl", "acl") and rel.lemma_.lower() in ("speak", "talk", "tell"):
                for c in rel.children:
                    if c.dep_ == "prep" and c.lower_ in ("to", "with"):
                        pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                        if pobj is not None and (pobj.pos_ == "PROPN" or pobj.ent_type_ == "ORG"):
                            return _np(pobj)
                    if c.dep_ in ("dobj", "dative") and c.pos_ == "PROPN":
                        return _np(c)
    heads = [cue]
    if cue.dep_ in ("pcomp", "xcomp", "advcl") and cue.head is not cue:
        heads.append(cue.head)
    for h in heads:
        for c in h.children:
            if (
                c.dep_ in ("dative", "dobj")
                and cue.lemma_.lower() in ("tell", "confirm", "say", "inform")
                and (c.pos_ == "PROPN" or c.ent_type_ in ("ORG", "PERSON"))
            ):
                return _np(c)
            if c.dep_ == "prep":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                np_ = _np(pobj)
                low = np_.lower()
                if c.lower_ == "to" and (pobj.pos_ == "PROPN" or pobj.ent_type_ == "ORG"):
                    return np_
                if c.lower_ in _PREPS_CHANNEL and any(
                    re.search(rf"\b{re.escape(ch)}\b", low) for ch in lex.channels
                ):
                    return np_
    return None


def _np(tok: Any) -> str:
    """A noun phrase without clauses: "a November 17 briefing", "an interview with CBC"."""
    end_tok = tok
    for c in tok.children:
        if c.i > tok.i and c.dep_ == "prep" and c.lower_ in ("with", "on", "of", "to"):
            if c.right_edge.i - c.i <= 5 and not any(t.pos_ == "VERB" for t in c.subtree):
                end_tok = c.right_edge
        elif c.i > tok.i and c.dep_ in ("compound", "flat"):
            end_tok = max(end_tok, c, key=lambda x: x.i)
    return tok.doc[tok.left_edge.i : end_tok.i + 1].text.strip()  # not doc.text: O(document)


def date_of(doc: Document, region: tuple[int, int], cue: Any) -> str | None:
    """The full date (YYYY-MM-DD) the attribution clause gives for the statement, if any."""
    s, e = region
    if e <= s:
        return None
    best = None
    for d in dates_in_span(doc, s, e):
        resolved = getattr(d, "resolved", None)
        if not (isinstance(resolved, str) and len(resolved) == 10):
            continue
        if cue is None or best is None or abs(d.start - cue.idx) < abs(best[0] - cue.idx):
            best = (d.start, resolved)
    return best[1] if best else None


def is_hedged(sdoc: Any, lex: Lexicon, cue: Any, start: int, end: int) -> bool:
    """Hedged: a hedging cue (suggest, believe, claim) or a hedge word in the attribution or content."""
    if cue is not None:
        if cue.lemma_.lower() in lex.hedge_cues:
            return True
        for c in cue.children:
            if c.dep_ in ("advmod", "aux") and (
                c.lower_ in lex.hedges or c.lemma_.lower() in lex.hedges
            ):
                return True
    span = sdoc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    return any(t.lower_ in lex.hedges or t.lemma_.lower() in lex.hedges for t in span)


def about_actors(doc: Document, start: int, end: int, speaker: str | None) -> list[str]:
    """Ids of the actors mentioned in the content (the speaker excluded), in order of mention."""
    found: list[tuple[int, str]] = []
    for a in doc.actors:
        if a.id == speaker:
            continue
        for m in a.mentions:
            if start <= m.start and m.end <= end:
                found.append((m.start, a.id))
                break
    return [i for _, i in sorted(found)]
