"""Pass 3 of the claims stage: resolution, in text order, and the Claim records.

Each claim's speaker is resolved (:class:`.speakers.SpeakerResolver`: pronouns and role nouns
to the earlier named speaker); a quote without its own attribution continues the previous
speaker; the second half of a split quote (`"…," Ryan said. "…"`) becomes a second piece of the
first claim; then channel, date, hedging and the actors the content is about.
"""

from __future__ import annotations

import re
from typing import Any

from ..document import Claim, content_id
from .circumstances import about_actors, channel_of, date_of, is_hedged
from .speakers import Resolved, SpeakerResolver


def resolve(ctx: Any, raws: list[Any]) -> tuple[list[Claim], dict[str, str]]:
    res = SpeakerResolver(ctx.doc, ctx.sdoc, ctx.lex)
    claims: list[Claim] = []
    names: dict[str, str] = {}
    prev: tuple[Resolved, Any] | None = None
    prev_para = -1
    for r in raws:
        if (
            prev is not None
            and claims
            and r.quote == "direct"
            and r.cue is not None
            and prev[1].cue is not None
            and r.cue.i == prev[1].cue.i
            and r.para == prev[1].para
            and prev[1].quote == "direct"
            and 0 <= r.start - prev[1].end <= 80
        ):
            _add_piece(ctx, claims[-1], r)  # "…," Ryan said. "…" (attributed to the same verb)
            continue
        if _interviewer(ctx, r):
            continue
        if r.continues:
            if prev is None:
                continue
            gap = r.para - prev_para
            if gap > 1 or (gap == 1 and not _opens_para(ctx, r)):
                if gap > 2 or gap < 0:
                    continue
                r.confidence = 0.55
            spk = res.introduced_between(prev[1].end, r.start) or prev[0]
            cue = prev[1].cue_lemma
            same = spk is prev[0] or (spk.name is not None and spk.name == prev[0].name)
            if gap == 0 and same and _split_quote(prev[1], r) and claims:
                _add_piece(ctx, claims[-1], r)
                continue
            r.region = prev[1].region if gap == 0 else (r.start, r.start)
        else:
            if r.speaker is None and r.rule.endswith("sourceless"):
                # "X is considered a threat": a view without a source; not remembered
                claims.append(
                    _build(ctx, r, Resolved("", None, "unnamed", None, None), r.cue_lemma)
                )
                continue
            if r.rule == "label.colon" and r.speaker.text.isupper():
                spk = res.label(r.speaker)
            else:
                spk = res.resolve(r.speaker, r.start)
            cue = r.cue_lemma
            if spk is None:
                continue
        claim = _build(ctx, r, spk, cue)
        if r.continues and claims:
            # a quote running on: said where and when the opening part was
            claim.channel = claim.channel or claims[-1].channel
            claim.date = claim.date or claims[-1].date
        claims.append(claim)
        if spk.name:
            names[claim.id] = spk.name
        res.remember(spk, r.start)
        prev = (spk, r)
        prev_para = r.para
    return claims, names


_LABEL = re.compile(r"^\W{0,3}(?:Q|Question|Interviewer)\s*[:.]", re.IGNORECASE)


def _interviewer(ctx: Any, r: Any) -> bool:
    """An interviewer's words are not the interviewee's: a claim in a paragraph labelled
    "Q:" / "Question:" / "Interviewer:", and a quote with no attribution of its own that is
    a short question (`"And then what happened?"`)."""
    p = ctx.paras[r.para] if r.para >= 0 else None
    if p is not None and _LABEL.match(ctx.doc.text[p.start : p.start + 20]):
        return True
    if not r.continues:
        return False
    inner = ctx.doc.text[r.start : r.end].strip(" \"“”«»'‘’")
    return inner.endswith("?") and len(inner.split()) <= 25


def _split_quote(first: Any, r: Any) -> bool:
    """`"It's heartbreaking," Ryan said. "And this country ..."`: a quote that goes on right
    after the attribution that follows the previous quote is that quote's second piece."""
    lo, hi = first.region
    return (
        first.quote == "direct"
        and not first.continues
        and first.cue is not None
        and first.end <= hi <= r.start + 2
        and lo >= first.start
        and r.start - hi <= 2
    )


def _add_piece(ctx: Any, claim: Claim, r: Any) -> None:
    text = ctx.doc.text
    pieces = claim.pieces or [[claim.content_start, claim.content_end]]
    pieces.append([r.start, r.end])
    claim.pieces = pieces
    claim.content_end = r.end
    claim.content = " … ".join(text[a:b] for a, b in pieces)
    claim.evidence = ctx.doc.evidence(claim.evidence.start, max(claim.evidence.end, r.end))
    spk = claim.speaker
    claim.about = about_actors(ctx.doc, claim.content_start, claim.content_end, spk)


def _opens_para(ctx: Any, r: Any) -> bool:
    p = ctx.paras[r.para]
    return r.start - p.start <= 2


def _build(ctx: Any, r: Any, spk: Resolved, cue: str) -> Claim:
    doc = ctx.doc
    lo = min(r.start, r.region[0]) if r.region[1] > r.region[0] else r.start
    hi = max(r.end, r.region[1]) if r.region[1] > r.region[0] else r.end
    ev = doc.evidence(lo, hi)
    cid = content_id(f"{doc.id}|{r.start}|{r.end}|{cue}", "claim|")
    sp_span = _speaker_span(ctx, r, spk)
    return Claim(
        id=cid,
        evidence=ev,
        speaker_text=spk.text,
        cue=cue or "say",
        content=" … ".join(doc.text[a:b] for a, b in r.pieces)
        if len(r.pieces) > 1
        else doc.text[r.start : r.end],
        content_start=r.start,
        content_end=r.end,
        speaker=spk.actor,
        speaker_kind=spk.kind,
        speaker_org=spk.org,
        channel=channel_of(ctx.sdoc, ctx.lex, r.cue, r.speaker) if r.cue is not None else None,
        quote=r.quote,
        date=date_of(doc, r.region, r.cue),
        hedged=is_hedged(ctx.sdoc, ctx.lex, r.cue, r.start, r.end),
        about=about_actors(doc, r.start, r.end, spk.actor),
        confidence=round(
            r.confidence * (0.8 if spk.name is None and spk.kind == "person" else 1.0), 3
        ),
        kind=r.kind,
        pieces=[list(p) for p in r.pieces] if len(r.pieces) > 1 else [],
        speaker_name=spk.name,
        speaker_start=sp_span[0] if sp_span else None,
        speaker_end=sp_span[1] if sp_span else None,
        why={"rule": r.rule or r.quote, "cue": cue or "say"},
    )


def _speaker_span(ctx: Any, r: Any, spk: Resolved) -> tuple[int, int] | None:
    """Where the speaker phrase as written lies (None for a quote that continues one)."""
    if r.speaker is None or r.continues:
        return None
    s, e = SpeakerResolver.core(r.speaker)
    text = ctx.doc.text
    if text[s:e].strip() == spk.text:
        return s, e
    # the nearest mention at or before the speaker's words ("Ted Cruz, who refused …": that
    # Cruz, not an earlier one), else the first one after
    k = text.rfind(spk.text, max(0, s - 300), e)
    if k < 0:
        k = text.find(spk.text, s, e + 300)
    return (k, k + len(spk.text)) if k >= 0 else (s, e)
