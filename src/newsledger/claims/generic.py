"""Unlisted cues: a verb on no cue list that reports what an agent says or thinks.

Most of the attributions the listed cues miss have a cue of their own ("grumbled that",
"insinuated that", "figured the drains could cope", "…,” the mayor fumed"): a long tail no list
holds. The shape is general, though: a verb whose subject can hold a view (a person, group,
organisation or document) and which governs a finite clause with its own subject — after it
("X grumbled that …"), before it (a quote, or "…, X scoffed") or around it ("The bridge, the
engineer grumbled, will …") — reports that clause. Such a verb is a cue (rule ``gen.clause``,
kind ``statement``, ``evidence`` for a document's), read by the indirect and direct passes as a
listed one is. The exceptions are data (``data/non_cues.txt``, ids ``nc.*``): verbs that take a
clause and attribute nothing ("made sure that", "ensured that", "the rules mean that").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .clauses import FINITE
from .lexicon import _lines

_EFFECTS = {"none", "statement", "belief", "evidence", "intention", "sentiment", "topic"}
_NOT_SUBJ = {"that", "which", "what", "who", "whom", "it", "there", "this"}
_NOT_OPEN = {"if", "whether", "why", "how", "when", "where", "what", "so", "such", "as"}
# a noun naming a person or a group by what they do ("farmer", "strategist", "engineer")
_PERSONISH = re.compile(r"(?:[a-z]{3}(?:er|or|ist|ian|eer)|(?:wo)?m[ae]n)$")


@lru_cache(maxsize=1)
def non_cues() -> dict[tuple[str, str], tuple[tuple[str, str], ...]]:
    """(lemma, pos) -> its lines of ``data/non_cues.txt``: (with, effect)."""
    out: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for line in _lines("non_cues.txt"):
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) < 5 or parts[2] not in ("verb", "adj") or parts[4] not in _EFFECTS:
            raise ValueError(f"non_cues.txt: bad line {line!r}")
        out.setdefault((parts[1].lower(), parts[2]), []).append((parts[3].lower(), parts[4]))
    return {k: tuple(v) for k, v in out.items()}


def effect(tok: Any, pos: str) -> str:
    """What ``data/non_cues.txt`` says of ``tok`` (a verb or adjective): "none" (no cue), a
    kind, or "" (nothing)."""
    for with_, eff in non_cues().get((tok.lemma_.lower(), pos), ()):
        if (
            with_ == "*"
            or (pos == "adj" and tok.head.lemma_.lower() == with_)
            or (pos == "verb" and any(c.lower_ == with_ for c in tok.children))
        ):
            return eff
    return ""


def agent(lex: Any, t: Any) -> bool:
    """A source that can hold a view: a person, group, organisation or document by its
    entity type, pronoun, speaker or evidence noun, or a noun naming people by what they do."""
    from .attitudes import _agent

    if _agent(lex, t):
        return True
    return t.pos_ == "NOUN" and bool(_PERSONISH.search(t.lemma_.lower()))


def _own_clause(c: Any) -> bool:
    """A finite clause with its own subject, opened by "that" or nothing."""
    if c.pos_ not in ("VERB", "AUX"):
        return False
    finite = c.tag_ in FINITE or any(
        g.dep_ in ("aux", "auxpass") and g.tag_ in FINITE for g in c.children
    )
    subj = any(
        g.dep_ in ("nsubj", "nsubjpass", "expl") and g.lower_ not in _NOT_SUBJ for g in c.children
    )
    marks = [g.lower_ for g in c.children if g.dep_ == "mark"]
    wh = any(t.tag_ in ("WRB", "WP", "WDT", "WP$") for t in c.doc[c.left_edge.i : c.i])
    return (
        finite
        and subj
        and not wh
        and all(m == "that" for m in marks)
        and c.left_edge.lower_ not in _NOT_OPEN
    )


def _reported(tok: Any, c: Any) -> bool:
    """Whether clause ``c`` of verb ``tok`` is what it reports: after it, not a result of "so"
    or "such" ("drove so fast that ..."); before it, closed by a comma or a quote mark
    right before the attribution, which ends its sentence ("…, the challenger scoffed.")."""
    doc = tok.doc
    if c.i > tok.i:
        return not any(t.lower_ in ("so", "such") for t in doc[tok.i : c.left_edge.i])
    subj = next((k for k in tok.children if k.dep_ == "nsubj"), None)
    lo = subj.left_edge.i if subj is not None and subj.i < tok.i else tok.i
    between = [t.text for t in doc[c.right_edge.i + 1 : lo]]
    after = [t for t in doc[tok.i + 1 : tok.sent.end] if not t.is_space]
    closes = not after or after[0].is_punct or (subj is not None and subj.i > tok.i)
    return closes and bool(between) and set(between) <= {",", "”", "’", '"', "'"}


def generic_cues(sdoc: Any, lex: Any) -> dict[int, str]:
    """The verbs of ``sdoc`` that are unlisted cues: token index -> kind."""
    from .attitudes import _lemma
    from .extract import _speaker_of

    out: dict[int, str] = {}
    for tok in sdoc:
        # a verb, or a predicate the tagger read as a noun ("farmers presume/NN that ...")
        verbal = tok.pos_ == "VERB" or (
            tok.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in tok.children)
        )
        if not verbal or tok.dep_ in ("amod", "relcl", "acl", "pobj", "dobj", "compound"):
            continue
        lemma = _lemma(lex, tok, "verb")  # "hopes" read as "hop" is the listed "hope"
        eff = effect(tok, "verb")
        if lemma in lex.cues or (lemma, "verb") in lex.attitudes or eff == "none":
            continue
        if any(c.dep_ in ("auxpass", "dobj", "dative") for c in tok.children):
            continue
        clause = any(
            c.dep_ == "ccomp" and _own_clause(c) and _reported(tok, c) for c in tok.children
        )
        aside = (
            tok.dep_ == "parataxis"
            and tok.i + 1 < len(sdoc)
            and sdoc[tok.i + 1].text == ","
            and _own_clause(tok.head)
        )
        if not (clause or aside):
            continue
        subj = _speaker_of(tok)
        if subj is None or subj.dep_ == "nsubjpass" or not agent(lex, subj):
            continue
        kind = eff or "statement"
        out[tok.i] = "evidence" if subj.lemma_.lower() in lex.evidence_nouns else kind
    return out


def generic_attitudes(ctx: Any) -> list[Any]:
    """Unlisted adjective cues with a that-clause (rule ``gen.adj``, kind ``belief``): an
    adjective said of an agent ("doctors are adamant that …", "residents remain unconvinced
    that …"); the clause has its own subject. (Nouns an agent holds, "his complaint that …",
    were tried as ``gen.noun`` and left out: on PolNeAR dev the one claim it added was a cleft,
    "it was on Mr. Ban's watch that …".)"""
    from .attitudes import _source, _span
    from .extract import Raw, _para_of, _quote_at, _region

    lex = ctx.lex
    text = ctx.doc.text
    out: list[Any] = []
    for tok in ctx.sdoc:
        pos = "adj"
        if tok.pos_ != "ADJ" or (tok.lemma_.lower(), pos) in lex.attitudes:
            continue
        if tok.dep_ not in ("acomp", "oprd") or effect(tok, pos) == "none":
            continue
        # "are adamant that …": the parse may hang the clause from the copula
        kids = list(tok.children) + list(tok.head.children)
        clause = next(
            (
                c
                for c in kids
                if c.i > tok.i
                and c.dep_ == "ccomp"
                and c.left_edge.lower_ == "that"
                and c.left_edge.dep_ == "mark"
                and _own_clause(c)
            ),
            None,
        )
        if clause is None or _quote_at(ctx, tok.idx) >= 0:
            continue
        src = _source(tok, pos)
        if src is None or not agent(lex, src):
            continue
        if src.lower_ in ("i", "me", "my", "we", "our", "you", "your"):
            continue
        pi = _para_of(ctx, tok.idx)
        if pi < 0:
            continue
        para = ctx.paras[pi]
        cs, ce = _span(clause)
        cs, ce = max(cs, para.start), min(ce, para.end)
        while ce > cs and text[ce - 1] in " ,.;:—–-":
            ce -= 1
        if len(text[cs:ce].split()) < 3 or cs <= src.idx < ce:
            continue
        raw = Raw(cs, ce, "indirect", tok, tok.lemma_.lower(), src, confidence=0.7, para=pi)
        raw.kind = "belief"
        if src.lemma_.lower() in lex.evidence_nouns:
            raw.kind = "evidence"
        raw.rule = f"gen.{pos}"
        raw.region = _region(tok.sent, para, cs, ce)
        out.append(raw)
    return out
