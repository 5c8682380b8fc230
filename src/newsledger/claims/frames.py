"""Attributions by a passive or a raising verb (``data/frames.txt``).

"North Korea is considered a threat", "peacekeepers have been blamed for introducing
cholera", "Mehmet Oz has been called a charlatan by fellow physicians", "it is believed that
...", "he seems to have a different set of rules", "the city can appear to be an economic
powerhouse": a view someone holds, often without saying who. Rule ids (``Claim.why["rule"]``):

* ``frame.passive``: a verb of ``frames.txt`` (construction ``passive``, or ``naming`` with
  what it names) in the passive with a complement; the source is its by-phrase.
* ``frame.raising``: a raising verb with the one it seems so to ("seems credible to me").
* ``frame.sourceless``: the passive without a by-phrase, and ``raising`` verbs (seem, appear) with
  a to-infinitive or a predicate: the claim has no speaker (``speaker_text`` "", kind
  ``unnamed``).

The content is the subject and the complement, two pieces ("North Korea … a threat"); after
an expletive "it" ("it is believed that ..."), the that-clause alone. Verbs inside quote marks
and subjects that are first or second person are skipped.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .lexicon import KINDS, _lines

_COMPLEMENT = ("xcomp", "oprd", "attr", "acomp", "ccomp")
_PREPS = ("as", "for", "of")
_PERSONAL = {"i", "you", "we", "me", "us"}


@lru_cache(maxsize=1)
def frame_cues() -> dict[str, tuple[str, str, str]]:
    """lemma -> (id, construction, kind), from ``data/frames.txt``."""
    out: dict[str, tuple[str, str, str]] = {}
    for line in _lines("frames.txt"):
        parts = [p.strip() for p in line.split("\t")]
        if (
            len(parts) != 4
            or parts[2] not in ("passive", "naming", "raising", "as")
            or parts[3] not in KINDS
        ):
            raise ValueError(f"frames.txt: bad line {line!r}")
        out[parts[1].lower()] = (parts[0], parts[2], parts[3])
    return out


def _span(t: Any) -> tuple[int, int]:
    return t.left_edge.idx, t.right_edge.idx + len(t.right_edge)


def _complement(tok: Any, construction: str) -> Any:
    """What the verb says of its subject: a to-infinitive, a predicate, an as/for/of phrase."""
    for c in tok.children:
        if c.i < tok.i:
            continue
        if construction == "naming" and c.dep_ not in ("oprd", "attr", "xcomp"):
            continue
        if c.dep_ in _COMPLEMENT and c.pos_ != "PUNCT":
            if construction == "raising" and c.dep_ == "ccomp":
                continue
            return c
        if (
            c.dep_ == "prep"
            and c.lower_ in _PREPS
            and construction == "passive"
            and any(g.dep_ in ("pobj", "pcomp") for g in c.children)
        ):
            return c
        if construction == "raising" and c.dep_ == "prep" and c.lower_ == "like":
            return c  # "RT can seem like just another entrant"
    return None


def frames(ctx: Any) -> list[Any]:
    """The passive and raising attributions (``Raw``) of the document in ``ctx``."""
    from .extract import Raw, _para_of, _quote_at, _region

    cues = frame_cues()
    out: list[Any] = []
    for tok in ctx.sdoc:
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        found = cues.get(tok.lemma_.lower())
        if found is None:
            continue
        _fid, construction, kind = found
        if construction == "as":
            continue  # only in as-clauses (as_clauses)
        kids = list(tok.children)
        if construction != "raising" and not any(c.dep_ == "auxpass" for c in kids):
            continue
        subj = next((c for c in kids if c.dep_ in ("nsubjpass", "nsubj")), None)
        if subj is None or subj.lower_ in _PERSONAL or subj.i > tok.i or subj.lower_ == "what":
            continue  # "what is considered ...": no content of its own
        if _quote_at(ctx, tok.idx) >= 0:
            continue
        pi = _para_of(ctx, tok.idx)
        if pi < 0:
            continue
        para = ctx.paras[pi]
        agent = next((c for c in kids if c.dep_ == "agent"), None)
        source = None
        if agent is not None:
            source = next((g for g in agent.children if g.dep_ == "pobj"), None)
        elif construction == "raising":
            # "Nothing about them seems credible to me": the one it seems so to
            to = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "to"), None)
            if to is None:
                to = next(
                    (c for k in kids if k.dep_ in _COMPLEMENT for c in k.children
                     if c.dep_ == "prep" and c.lower_ == "to" and c.i == k.i + 1),
                    None,
                )  # fmt: skip
            pobj = next((g for g in to.children if g.dep_ == "pobj"), None) if to else None
            if pobj is not None and (pobj.pos_ in ("PRON", "PROPN") or pobj.ent_type_):
                source = pobj
        comp = _complement(tok, construction)
        if construction == "raising" and comp is not None and comp.lemma_.lower() in ctx.lex.cues:
            continue  # "he appeared to suggest that …": his claim, read at the reporting verb
        if subj.lower_ == "it" and comp is not None and comp.dep_ == "ccomp":
            pieces = [_span(comp)]  # "it is believed that ..."
        elif (comp is None and (source is None or construction == "naming")) or (
            comp is not None and comp.dep_ == "ccomp"
        ):
            continue
        else:
            s0, e0 = subj.left_edge.idx, subj.idx + len(subj)  # the subject without its clauses
            for c in subj.children:
                if c.i > subj.i and c.dep_ in ("compound", "prep", "amod", "nummod", "poss"):
                    e0 = max(e0, c.right_edge.idx + len(c.right_edge))
            pieces = [(s0, e0)]
            if comp is not None:
                cs, ce = _span(comp)
                if agent is not None and cs <= agent.idx < ce:
                    ce = agent.idx
                pieces.append((cs, ce))
        text = ctx.doc.text
        pieces = [_trim(text, max(s, para.start), min(e, para.end)) for s, e in pieces]
        pieces = [p for p in pieces if p[1] > p[0]]
        if not pieces or sum(e - s for s, e in pieces) < 6:
            continue
        if source is not None and any(s <= source.idx < e for s, e in pieces):
            continue
        raw = Raw(
            pieces[0][0],
            pieces[-1][1],
            "indirect",
            tok,
            tok.lemma_.lower(),
            source,
            confidence=0.65 if source is not None else 0.55,
            para=pi,
        )
        raw.pieces = pieces if len(pieces) > 1 else []
        raw.kind = kind
        raw.rule = (
            "frame.sourceless"
            if source is None
            else ("frame.raising" if construction == "raising" else "frame.passive")
        )
        raw.region = _region(tok.sent, para, raw.start, raw.end)
        out.append(raw)
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:.—–-"):
        e -= 1
    return s, e


#: a side of an as-clause that opens a clause of its own ("…, but analysts agreed …")
_NEW_CLAUSE = re.compile(r"(but|and|or|yet|while|although|though)\b", re.IGNORECASE)


def as_clauses(ctx: Any) -> list[Any]:
    """ "As Ms. Simonyan put it in a statement, RT is ...", "..., as police have said.": an
    as-clause with a reporting verb (or "put it") and no clause of its own attributes the
    sentence around it (rule id ``frame.as``; the larger side of the sentence, as for
    "according to")."""
    from .extract import Raw, _para_of, _quote_at, _region

    out: list[Any] = []
    text = ctx.doc.text
    for tok in ctx.sdoc:
        if tok.pos_ != "VERB" or tok.dep_ != "advcl":
            continue
        lemma = tok.lemma_.lower()
        kids = list(tok.children)
        if not any(c.dep_ == "mark" and c.lower_ == "as" and c.i < tok.i for c in kids):
            continue
        objs = [c for c in kids if c.dep_ in ("dobj", "ccomp", "xcomp")]
        if tok.tag_ == "VBN" and (lemma in frame_cues() or lemma in ctx.lex.cues):
            pass  # "as predicted", "as shown by …": the participle alone
        elif lemma == "put":
            if [c.lower_ for c in objs] != ["it"]:
                continue
        elif objs or (
            lemma not in ctx.lex.cues and ctx.lex.attitude(lemma, "verb", "clause") is None
        ):
            continue  # "as one of his advisers pointed out": a cue that takes a clause
        subj = next((c for c in kids if c.dep_ == "nsubj"), None)
        if subj is None and tok.tag_ == "VBN" and not objs:
            # "as predicted", "as stated in Davis' commentary", "as shown by Gingrich": the
            # by-phrase or the document named, else no source
            by = next((c for c in kids if c.dep_ == "agent" or c.lower_ == "in"), None)
            subj = next((g for g in by.children if g.dep_ == "pobj"), None) if by else None
            sourceless = subj is None
        elif subj is None or subj.lower_ in _PERSONAL:
            continue
        else:
            sourceless = False
        if _quote_at(ctx, tok.idx) >= 0:
            continue
        pi = _para_of(ctx, tok.idx)
        if pi < 0:
            continue
        para = ctx.paras[pi]
        sent = tok.sent
        ps, pe = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
        left = _trim(text, max(sent.start_char, para.start), ps)
        right = _trim(text, pe, min(sent.end_char, para.end))
        cs, ce = left if left[1] - left[0] >= right[1] - right[0] else right
        if (cs, ce) == right and _NEW_CLAUSE.match(text[cs:ce]) and left[1] - left[0] >= 8:
            cs, ce = left  # "… carried interest as promised, but analysts agreed …": the left
        if ce - cs < 8 or len(text[cs:ce].split()) < 2:
            continue
        raw = Raw(cs, ce, "indirect", tok, lemma, subj, confidence=0.75, para=pi)
        raw.rule = "frame.sourceless" if sourceless else "frame.as"
        found = frame_cues().get(lemma)
        raw.kind = found[2] if found is not None else ctx.lex.kind_of(lemma)
        raw.region = _region(sent, para, cs, ce)
        out.append(raw)
    return out


def asked(ctx: Any) -> list[Any]:
    """ "Asked about Trump's declaration, Clinton said …", "Asked to describe the device,
    O'Neill said …": what the source was asked, the source being the subject of the clause
    the participle opens (rule id ``frame.asked``, kind ``topic``)."""
    from .extract import Raw, _para_of, _quote_at, _region

    out: list[Any] = []
    text = ctx.doc.text
    for tok in ctx.sdoc:
        if tok.lemma_.lower() != "ask" or tok.tag_ != "VBN" or tok.dep_ != "advcl":
            continue
        head = tok.head
        if head.i < tok.i or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            continue
        src = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if src is None or src.lower_ in _PERSONAL or _quote_at(ctx, tok.idx) >= 0:
            continue
        pi = _para_of(ctx, tok.idx)
        if pi < 0 or tok.i + 1 >= len(ctx.sdoc):
            continue
        para = ctx.paras[pi]
        cs, ce = _trim(text, ctx.sdoc[tok.i + 1].idx, tok.right_edge.idx + len(tok.right_edge))
        cs, ce = max(cs, para.start), min(ce, para.end)
        if ce - cs < 8 or len(text[cs:ce].split()) < 2:
            continue
        raw = Raw(cs, ce, "indirect", tok, "ask", src, confidence=0.7, para=pi)
        raw.rule = "frame.asked"
        raw.kind = "topic"
        raw.region = _region(tok.sent, para, cs, ce)
        out.append(raw)
    return out
