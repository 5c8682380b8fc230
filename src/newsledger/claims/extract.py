"""Claim extraction: direct quotes, indirect speech and mixed quotes, over the spaCy parse.

Passes over a document, then one ordered resolution pass:

1. *Indirect speech*: a reporting verb (``claims/data/speech_verbs.txt``) outside quote marks
   whose clausal complement is the content ("X said that ...", "..., X said", "X is on record as
   saying ..."), and "according to X". Content that quotes fragments is ``mixed``; content that
   is mostly one quote is left to the direct pass. An attribution that interrupts its content
   ("Their job, they argued, was ...") gives one claim in two pieces.
2. *Attitudes* (:mod:`.attitudes`) and *speaker labels* (:mod:`.labels`): beliefs, intentions,
   evidence, sentiments, topics and nominal cues; "HOLT: ..." and "Poll: ...".
3. *Direct quotes* (:mod:`.quotes`): attributed by a reporting verb right after the closing mark
   ("...," she said) or before the opening one (X said: "..."), else continuing the previous
   speaker (a second quote in the paragraph, a paragraph that opens with a quote mark).
4. *Resolution* (:mod:`.resolve`), in text order: pronouns and role nouns ("the official") to
   the previous named speaker, split quotes joined as pieces, speaker kind, organisation, actor
   ids, channel, date, hedging, the actors it is about.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from ..document import Claim, Document
from .clauses import (
    FINITE,
    aside_name,
    channel_giver,
    dashed_aside,
    fronted,
    reported_before,
    unclosed_appos,
    unmarked_clause,
)
from .dedupe import dedupe
from .generic import generic_cues
from .hypothetical import conditional_speaker
from .lexicon import Lexicon, lexicon
from .pairs import says_its_own, second_of_pair
from .quotes import Paragraph, Quote, find_quotes, paragraphs

# The subject of a reporting verb is looked for up its heads, but not out of these relations.
_NO_CLIMB = {"relcl", "ccomp", "csubj", "parataxis", "appos", "ROOT", "nsubj", "dobj"}
# A reported clause does not open with these (questions, "according to" phrases).
_NOT_CONTENT = {"if", "whether", "why", "how", "when", "where", "what", "according"}
# A reporting verb inside a temporal clause ("when/as/after X announced ...") is background,
# not a claim, unless its clause is a proper that-clause.
_SUBORDINATE = {"when", "as", "after", "before", "since", "until", "once"}
_SPEAKER_DEPS = ("nsubj", "nsubjpass")
_TRANSCRIPT = re.compile(r"\s*[A-Z][A-Z.'’\- ]{1,30}:\s")  # a quote that opens with "HOLT: "


@dataclass
class Raw:
    """A claim before resolution."""

    start: int
    end: int
    quote: str  # direct | indirect | mixed
    cue: Any = None  # spaCy Token of the reporting verb (or "according")
    cue_lemma: str = ""
    speaker: Any = None  # spaCy Token: head of the speaker phrase
    continues: bool = False  # takes the previous speaker
    confidence: float = 0.8
    para: int = -1
    region: tuple[int, int] = (0, 0)  # the attribution clause (for channel and date)
    kind: str = "statement"  # one of lexicon.KINDS
    pieces: list[tuple[int, int]] = field(default_factory=list)  # when interrupted
    rule: str = ""  # the rule id that found it


@dataclass
class _Ctx:
    doc: Document
    sdoc: Any
    lex: Lexicon
    paras: list[Paragraph]
    para_starts: list[int]
    quotes: list[Quote]
    q_starts: list[int]
    consumed: set[int] = field(default_factory=set)  # quote indexes used by indirect content
    quote_attr: dict[int, Raw] = field(default_factory=dict)
    generic: dict[int, str] = field(default_factory=dict)  # unlisted cues: kinds (.generic)


# --------------------------------------------------------------------------------------------
def extract(doc: Document) -> tuple[list[Claim], dict[str, str]]:
    """The claims of ``doc`` and, per claim id, the name its speaker resolves to."""
    sdoc = doc.user_data.get("spacy")
    if sdoc is None or not len(sdoc):
        return [], {}
    text = doc.text
    paras = [p for p in paragraphs(text) if doc.section_at(p.start) != "boilerplate"]
    quotes = find_quotes(text, paras)
    ctx = _Ctx(
        doc, sdoc, lexicon(), paras, [p.start for p in paras], quotes, [q.start for q in quotes]
    )
    ctx.generic = generic_cues(sdoc, ctx.lex)
    from .attitudes import attitudes
    from .frames import as_clauses, asked, frames
    from .labels import inside_labels, labels

    raws = _indirect(ctx) + _according(ctx) + attitudes(ctx) + labels(ctx) + frames(ctx)
    raws += as_clauses(ctx) + asked(ctx)
    raws = inside_labels(raws + _direct(ctx), text)
    raws.sort(key=lambda r: (r.start, r.end))
    from .bounds import cut_coordinated
    from .resolve import resolve

    cut_coordinated(text, raws)
    conditional_speaker(raws, lambda t: _is_cue(ctx, t), _speaker_of)  # hyp.if
    return resolve(ctx, dedupe(raws))


# --------------------------------------------------------------------------------------------
def _para_of(ctx: _Ctx, offset: int) -> int:
    i = bisect.bisect_right(ctx.para_starts, offset) - 1
    if i >= 0 and offset <= ctx.paras[i].end:
        return i
    return -1


def _quote_at(ctx: _Ctx, offset: int) -> int:
    """Index of the quote whose marks enclose ``offset`` (or -1)."""
    i = bisect.bisect_right(ctx.q_starts, offset) - 1
    if i >= 0 and ctx.quotes[i].start <= offset < ctx.quotes[i].end:
        return i
    return -1


def _quoted_chars(ctx: _Ctx, s: int, e: int) -> tuple[int, list[int]]:
    """How many chars of [s, e) lie inside quotes, and which quotes overlap it."""
    n = 0
    hit = []
    i = max(0, bisect.bisect_right(ctx.q_starts, s) - 1)
    while i < len(ctx.quotes) and ctx.quotes[i].start < e:
        q = ctx.quotes[i]
        o = min(e, q.end) - max(s, q.start)
        if o > 0:
            n += o
            hit.append(i)
        i += 1
    return n, hit


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Trim spaces and outer punctuation (keep quote marks and closing brackets)."""
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:.—–-"):
        e -= 1
    return s, e


def _span_chars(tok_a: Any, tok_b: Any) -> tuple[int, int]:
    return tok_a.idx, tok_b.idx + len(tok_b)


def _is_cue(ctx: _Ctx, tok: Any) -> bool:
    """A reporting verb, listed (not as adjective: "repeated warnings") or not (.generic)."""
    listed = tok.dep_ != "amod" and tok.lemma_.lower() in ctx.lex.cues
    return (tok.pos_ in ("VERB", "AUX") and listed) or tok.i in ctx.generic


def _speaker_of(tok: Any) -> Any:
    """The subject of a reporting verb, climbing through "as saying", "and said", "saying";
    past a where-clause set off by dashes, and to an appositive no comma closes
    (:mod:`.clauses`)."""
    cur, prev, steps = tok, tok, 0
    while steps < 4:
        aside = dashed_aside(cur, tok)
        steps += not aside
        subjects = [c for c in cur.children if c.dep_ in _SPEAKER_DEPS and not aside]
        subjects = [reported_before(cur, prev) or s for s in subjects]
        if subjects:
            # "said co-author David Tilman" parsed with two subjects: the name
            sp = next((c for c in subjects if c.ent_type_ == "PERSON"), fronted(subjects))
            return unclosed_appos(sp, cur) or sp
        if (aside or cur.dep_ not in _NO_CLIMB) and cur.head is not cur:
            prev, cur = cur, cur.head
        else:
            break
    return None


def _capital(t: Any) -> bool:
    """A capitalised word the tagger got wrong ("DeBoer" as AUX) can still be a name."""
    return (
        t.text[:1].isupper()
        and t.text.isalpha()
        and t.pos_ in ("AUX", "VERB", "ADJ", "NOUN", "PROPN", "X")
        and t.tag_ != "VBG"  # "Judging by ...": no name
    )


def _subject(tok: Any, lo: int, hi: int) -> Any:
    """The speaker of ``tok`` within [lo, hi): its subject by the parse, else the noun right
    before it ("The UN's Lyons said:"), else the noun right after it ("said Chapman")."""
    sp = _speaker_of(tok)
    if sp is not None and lo <= sp.idx < hi:
        return sp
    doc = tok.doc
    i = tok.i - 1
    while (
        i >= 0
        and doc[i].idx >= lo
        and doc[i].pos_ in ("ADV", "AUX", "PART")
        and not _capital(doc[i])
    ):
        i -= 1
    if (
        i >= 0
        and doc[i].idx >= lo
        and (doc[i].pos_ in ("NOUN", "PROPN", "PRON") or _capital(doc[i]))
    ):
        t = doc[i]
        while t.dep_ == "compound" and t.head.i > t.i and t.head.i < tok.i:
            t = t.head
        return t
    j = tok.i + 1
    if j < len(doc) and doc[j].idx < hi and doc[j].pos_ in ("DET",):
        j += 1
    while j < len(doc) and doc[j].idx < hi and doc[j].pos_ in ("PROPN", "NOUN", "ADJ"):
        if j + 1 >= len(doc) or doc[j + 1].idx >= hi or doc[j + 1].pos_ not in ("PROPN", "NOUN"):
            return doc[j] if doc[j].pos_ in ("PROPN", "NOUN") else None
        j += 1
    return None


def _region(sent: Any, para: Paragraph, cs: int, ce: int) -> tuple[int, int]:
    """The attribution clause: the sentence (within its paragraph) minus the content, the
    larger remaining side."""
    s0, s1 = max(sent.start_char, para.start), min(sent.end_char, para.end)
    left = cs - s0
    right = s1 - ce
    return (s0, cs) if left >= right else (ce, s1)


def _indirect(ctx: _Ctx) -> list[Raw]:
    out: list[Raw] = []
    for tok in ctx.sdoc:
        if not _is_cue(ctx, tok) or _quote_at(ctx, tok.idx) >= 0:
            continue
        if tok.lemma_.lower() in ctx.lex.quote_only_cues:
            continue
        pi = _para_of(ctx, tok.idx)
        if pi < 0:
            continue
        para = ctx.paras[pi]
        spans = _content_of(ctx, tok)
        speaker = _subject(tok, para.start, para.end)
        if not spans:
            tail = _tail_attribution(tok)
            if tail is None:
                continue
            spans, speaker = tail
        got = [_indirect_claim(ctx, tok, speaker, content, para, pi) for content in spans]
        raws = [r for r in got if r is not None]
        if len(spans) == 1 and len(raws) == 1 and speaker is not None:
            spans = _interrupted(tok, speaker, spans[0]) or spans
        if len(spans) == 2 and len(raws) >= 1:
            raws = [_pieces(ctx, raws, spans, para)]
        out.extend(raws)
    return out


def _interrupted(tok: Any, speaker: Any, content: tuple[int, int]) -> list[tuple[int, int]]:
    """ "That, they say, is why ...": a clause after ", <speaker> <cue>," whose beginning stands
    before the attribution — the two spans, else []."""
    doc = tok.doc
    lo = speaker.left_edge.i
    sent = tok.sent
    if (
        content[0] <= tok.idx
        or lo - 1 <= sent.start
        or doc[lo - 1].text != ","
        or tok.i + 1 >= len(doc)
        or doc[tok.i + 1].text != ","
    ):
        return []
    return [(sent.start_char, doc[lo - 1].idx), content]


def _pieces(ctx: _Ctx, raws: list[Raw], spans: list[tuple[int, int]], para: Paragraph) -> Raw:
    """ "Their job, they argued, was to lock down states", "That, they say, is why ...": the
    two sides of an interrupting attribution are one claim in two pieces (a short side too)."""
    text = ctx.doc.text
    a, b = (_trim(text, max(s, para.start), min(e, para.end)) for s, e in spans)
    main = raws[-1] if len(raws) == 1 or raws[-1].quote != "direct" else raws[0]
    if (
        a[1] <= a[0]
        or b[1] <= b[0]
        or main.quote != "indirect"
        or (len(raws) == 2 and raws[0].quote != raws[1].quote)
    ):
        return main
    b = (b[0], max(b[1], main.end)) if main.start >= b[0] else b
    main.pieces = [a, b]
    main.start, main.end = a[0], b[1]
    main.rule = "indirect.pieces"
    return main


def _indirect_claim(
    ctx: _Ctx, tok: Any, speaker: Any, content: tuple[int, int], para: Paragraph, pi: int
) -> Raw | None:
    """One indirect (or mixed) claim of cue ``tok``, or None when it does not hold up."""
    text = ctx.doc.text
    cs, ce = _trim(text, max(content[0], para.start), min(content[1], para.end))
    if text[cs:ce].endswith((" and", " but", " or")):
        if ce > tok.idx:
            # the parse stopped at a conjunction: the clause goes on to the sentence end
            ce = _trim(text, cs, min(_sentence_end(text, ce, para.end), para.end))[1]
        else:
            # "X have been controversial and analysts say threaten to ...": what the source
            # says is what follows the cue, to the sentence end
            cs = tok.idx + len(tok)
            ce = _trim(text, cs, min(_sentence_end(text, cs, para.end), para.end))[1]
            cs = _trim(text, cs, ce)[0]
    ce = _cut_at_participle(ctx, tok, cs, ce)
    if ce - cs < 6 or len(text[cs:ce].split()) < 2:
        return None
    if speaker is None or _quote_at(ctx, speaker.idx) >= 0:
        return None
    if speaker.lower_ == "it" and any(c.dep_ == "auxpass" for c in tok.children):
        return None  # "it was reported that": no speaker
    if speaker.lower_ in ("i", "you", "me"):
        return None
    if cs <= speaker.idx < ce:
        return None
    _, hit = _quoted_chars(ctx, cs, ce)
    raw = Raw(cs, ce, "indirect", tok, tok.lemma_.lower(), speaker, confidence=0.8, para=pi)
    raw.region = _region(tok.sent, para, cs, ce)
    raw.rule = "gen.clause" if tok.i in ctx.generic else "indirect.clause"
    raw.kind = ctx.generic.get(tok.i) or ctx.lex.kind_of(tok.lemma_.lower())
    if speaker.lemma_.lower() in ctx.lex.evidence_nouns:
        raw.kind = "evidence"  # "documents show", "the report suggests"
    elif raw.kind == "evidence":
        raw.kind = "statement"  # "analysts suggest": people say it
    if hit:
        if _mostly_one_quote(ctx, hit, cs, ce):
            # the content is one quote: the direct pass owns it; tell it who said it
            for qi in hit:
                ctx.quote_attr.setdefault(qi, raw)
            return None
        raw.quote = "mixed"
        raw.confidence = 0.85
        ctx.consumed.update(hit)
    return raw


def _cut_at_participle(ctx: _Ctx, tok: Any, cs: int, ce: int) -> int:
    """End a reported clause before ", saying/noting/insisting ..." or "and warned ...": that
    is a claim of its own."""
    span = ctx.sdoc.char_span(cs, ce, alignment_mode="contract")
    if span is None:
        return ce
    for t in span[1:]:
        if (
            t.tag_ == "VBG"
            and t is not tok
            and t.lemma_.lower() in ctx.lex.cues
            and t.nbor(-1).text == ","
            and _quote_at(ctx, t.idx) < 0
        ):
            return _trim(ctx.doc.text, cs, t.nbor(-1).idx)[1]
        if (
            t.tag_ == "VBD"
            and t.dep_ == "conj"
            and t.lemma_.lower() in ctx.lex.cues
            and t.nbor(-1).lower_ == "and"
            and tok.tag_ == "VBD"
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
            and _quote_at(ctx, t.idx) < 0
        ):
            # "said he would order a review and warned against hackers": the speaker's
            # second reporting verb, read by the parse into the clause, starts a claim of its own
            return _trim(ctx.doc.text, cs, t.nbor(-1).idx)[1]
    return ce


def _mostly_one_quote(ctx: _Ctx, hit: list[int], cs: int, ce: int) -> bool:
    """Whether [cs, ce) is essentially one quote (it opens with it and the quote covers most)."""
    q = ctx.quotes[hit[0]]
    if q.start - cs > 3:
        return False
    covered = min(ce, q.end) - max(cs, q.start)
    return covered >= 0.7 * (ce - cs) or q.end >= ce - 2 or not q.closed


def _content_of(ctx: _Ctx, tok: Any) -> list[tuple[int, int]]:
    """The reported clause of a reporting verb, as char spans (two when the attribution
    interrupts it: "The drugs, he says, are meant for short use")."""
    subordinate = any(
        c.dep_ == "mark" and c.lower_ in _SUBORDINATE for c in tok.children
    ) and not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    pi = _para_of(ctx, tok.idx)
    para = ctx.paras[pi] if pi >= 0 else None
    comps = [
        c
        for c in tok.children
        if c.dep_ == "ccomp" and (para is None or para.start <= c.idx < para.end)
    ]
    comps.sort(key=lambda c: (c.i < tok.i, abs(c.i - tok.i)))  # after the verb first
    for c in comps[:1]:
        if c.dep_ == "ccomp":
            if c.i > tok.i and c.left_edge.i < tok.i and c.left_edge.tag_ in ("WP", "WDT"):
                # "what the senators said was gerrymandering": "what" … "was gerrymandering"
                w = c.left_edge
                return [(w.idx, w.idx + len(w)), _span_chars(tok.nbor(1), c.right_edge)]
            if c.left_edge.lower_ in _NOT_CONTENT:
                return []
            if subordinate and c.left_edge.lower_ != "that":
                return []
            s, e = _span_chars(c.left_edge, c.right_edge)
            if c.i > tok.i:
                e = max(e, _extend(ctx, tok, c))
            return [(s, e)]
    if subordinate:
        return []
    clause = unmarked_clause(tok)
    if clause is not None:
        return [clause]
    if tok.lemma_.lower() in ctx.lex.directive_cues and any(
        c.dep_ in ("dobj", "dative") for c in tok.children
    ):
        # "urged police to investigate", "told workers to install ...": the request
        for c in tok.children:
            if c.dep_ in ("xcomp", "ccomp") and c.i > tok.i and c.pos_ in ("VERB", "AUX"):
                return [_span_chars(c.left_edge, c.right_edge)]
    if tok.lemma_.lower() in ("say", "suggest", "believe", "think", "claim", "report"):
        for c in tok.children:
            if (
                c.dep_ == "xcomp"
                and c.pos_ == "VERB"
                and not any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
            ):
                return [_span_chars(c.left_edge, c.right_edge)]
    if tok.dep_ == "parataxis":
        # "The drugs, he says, are meant for short use": the sentence around the attribution
        sent = tok.sent
        ts, te = _span_chars(tok.left_edge, tok.right_edge)
        out = []
        if ts - sent.start_char > 4:
            out.append((sent.start_char, ts))
        if sent.end_char - te > 4:
            out.append((te, sent.end_char))
        return out
    # "told NBC's show on Wednesday that he ...": a that-clause the parse hung elsewhere
    sent = tok.sent
    for t in sent[tok.i - sent.start + 1 : tok.i - sent.start + 14]:
        if t.lower_ == "that" and t.dep_ in ("mark", "nsubj") and _quote_at(ctx, t.idx) < 0:
            rest = [x for x in sent if x.i > t.i]
            if len(rest) >= 3 and any(x.tag_ in FINITE for x in rest):
                return [(t.idx, sent.end_char)]
            break
        if (t.pos_ == "VERB" and t.tag_ in FINITE) or t.text in (".", ";", ":", "“", '"'):
            break
    # "went as far as to claim the war is being waged ...", "said unemployment ... have ...":
    # the clause after the verb, for verbs that take nothing else (flag "clausal")
    if tok.lemma_.lower() not in ctx.lex.clausal_cues:
        return []
    blocked = ("dative", "ccomp", "attr")
    if not any(c.dep_ in blocked for c in tok.children):
        sent = tok.sent
        rest = [t for t in sent if t.i > tok.i]
        if rest and rest[0].lower_ == "that":
            rest = rest[1:]
        if (
            len(rest) >= 4
            and rest[0].pos_ not in ("ADP", "PUNCT", "PART", "CCONJ", "SCONJ")
            and rest[0].lower_ not in _NOT_CONTENT
            and any(t.tag_ in FINITE for t in rest)
            and not any(t.lemma_.lower() in ctx.lex.cues and t.pos_ == "VERB" for t in rest)
        ):
            return [(rest[0].idx, sent.end_char)]
    return []


def _tail_attribution(tok: Any) -> tuple[list[tuple[int, int]], Any] | None:
    """ ", North Korea's state-run news agency said." closing a sentence the parser got wrong:
    the content is the sentence up to the comma, the speaker the noun phrase after it."""
    sent = tok.sent
    after = [t for t in sent if t.i > tok.i and not t.is_space]
    if len(after) > 4 or not all(
        t.is_punct or t.pos_ in ("PROPN", "NOUN", "ADP", "DET", "NUM", "ADV") for t in after
    ):
        return None
    j = tok.i - 1
    head = None
    while j > sent.start:
        t = tok.doc[j]
        if t.text == ",":
            break
        if t.pos_ in ("VERB", "AUX") and t.tag_ in FINITE:
            return None
        if head is None and t.pos_ in ("NOUN", "PROPN", "PRON"):
            head = t
        j -= 1
    if head is None or j <= sent.start or tok.i - j > 10:
        return None
    s0 = sent.start_char
    e0 = tok.doc[j].idx
    if e0 - s0 < 10:
        return None
    return [(s0, e0)], head


def _extend(ctx: _Ctx, tok: Any, comp: Any) -> int:
    """Where a reported clause after its verb really ends: the sentence end, when what follows
    the clause is more of it (", and will then ...", ", but it is complex") rather than a new
    attribution or quote."""
    sent = tok.sent
    end = comp.right_edge.i + 1
    rest = [t for t in sent[end - sent.start :] if not t.is_space]
    if not rest or all(t.is_punct for t in rest):
        return 0
    for t in rest:
        if (t.pos_ == "VERB" and t.lemma_.lower() in ctx.lex.cues) or t.lower_ == "according":
            return 0
        if t.text in ("“", '"', "”", "(", ":", ";"):
            return 0
        if t.ancestors and tok not in t.ancestors and t is not tok:
            return 0
    return sent.end_char


def _according(ctx: _Ctx) -> list[Raw]:
    out: list[Raw] = []
    text = ctx.doc.text
    for tok in ctx.sdoc:
        if tok.lower_ != "according" or _quote_at(ctx, tok.idx) >= 0:
            continue
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        if to is None and tok.i + 1 < len(ctx.sdoc) and ctx.sdoc[tok.i + 1].lower_ == "to":
            to = ctx.sdoc[tok.i + 1]
        if to is None:
            continue
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        pe = pobj.right_edge.idx + len(pobj.right_edge)
        pobj = channel_giver(
            pobj, ctx.lex.channels
        )  # "according to a speech Mrs. Clinton delivered"
        pi = _para_of(ctx, tok.idx)
        if pi < 0:
            continue
        sent = tok.sent
        para = ctx.paras[pi]
        ps = tok.idx
        left = _trim(text, max(sent.start_char, para.start), ps)
        right = _trim(text, pe, min(sent.end_char, para.end))
        cs, ce = left if left[1] - left[0] >= right[1] - right[0] else right
        # a quote opening right after "according to X," belongs to the direct pass
        qi = _quote_at(ctx, cs)
        if qi >= 0 or (ce - cs) < 8:
            if qi >= 0:
                r = Raw(cs, ce, "direct", tok, "according to", pobj, para=pi)
                r.region = (ps, pe)
                ctx.quote_attr.setdefault(qi, r)
            continue
        _, hit = _quoted_chars(ctx, cs, ce)
        raw = Raw(cs, ce, "indirect", tok, "according to", pobj, confidence=0.75, para=pi)
        raw.region = (ps, pe)
        raw.rule = "according"
        if pobj.lemma_.lower() in ctx.lex.evidence_nouns:
            raw.kind = "evidence"  # "according to figures", "according to a survey"
        if hit:
            if _mostly_one_quote(ctx, hit, cs, ce):
                for q in hit:
                    ctx.quote_attr.setdefault(q, raw)
                continue
            raw.quote = "mixed"
            ctx.consumed.update(hit)
        out.append(raw)
    return out


# -- pass 2: direct quotes ---------------------------------------------------------------------
def _tokens(ctx: _Ctx, s: int, e: int) -> list[Any]:
    if e <= s:
        return []
    span = ctx.sdoc.char_span(s, e, alignment_mode="contract")
    return list(span) if span is not None else []


def _sentence_end(text: str, start: int, limit: int) -> int:
    i = start
    while i < limit:
        if text[i] in ".!?" and (i + 1 >= limit or text[i + 1].isspace()):
            return i + 1
        i += 1
    return limit


def _sentence_start(text: str, start: int, end: int) -> int:
    i = end - 1
    while i > start:
        if text[i - 1] in ".!?" and text[i].isspace():
            return i
        i -= 1
    return start


def _attr_after(ctx: _Ctx, q: Quote, qi: int) -> Raw | None:
    text = ctx.doc.text
    para = ctx.paras[q.para]
    nxt = (
        ctx.quotes[qi + 1].start
        if qi + 1 < len(ctx.quotes) and ctx.quotes[qi + 1].para == q.para
        else para.end
    )
    we = _sentence_end(text, q.end, nxt)
    toks = [t for t in _tokens(ctx, q.end, we) if not t.is_space]
    closed = second_of_pair(ctx, q, qi)  # then a verb after it must say nothing of its own
    for k, t in enumerate(toks[:12]):
        if k >= 8 and aside_name(toks, k) is None:
            pass  # past the window, only a cue after a name in apposition (after.aside)
        elif _is_cue(ctx, t) or (t.lower_ == "according" and k + 1 < len(toks)):
            if t.lower_ == "according":
                to = toks[k + 1] if toks[k + 1].lower_ == "to" else None
                sp = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
                cue = "according to"
                if closed and any(c.dep_ == "nsubj" for c in t.head.children):
                    return None  # "… world.” According to Ham, the administration has …"
            else:
                sp = _subject(t, q.end, we) or aside_name(toks, k)
                cue = t.lemma_.lower()
                if closed and says_its_own(t):
                    return None  # "… matter.” Fellow Republicans are urging Trump to …"
            if sp is None or not (q.end <= sp.idx < we):
                return None
            r = Raw(q.start, q.end, "direct", t, cue, sp, confidence=0.9, para=q.para)
            r.region = (q.end, we)
            return r
        if t.is_punct and t.text in (".", "!", "?", ";"):
            break
    return None


def _attr_before(ctx: _Ctx, q: Quote, qi: int) -> Raw | None:
    text = ctx.doc.text
    para = ctx.paras[q.para]
    prv = ctx.quotes[qi - 1].end if qi > 0 and ctx.quotes[qi - 1].para == q.para else para.start
    ws = _sentence_start(text, prv, q.start)
    toks = [t for t in _tokens(ctx, ws, q.start) if not t.is_space]
    if not toks:
        return None
    tail = text[ws : q.start].rstrip()
    ends_open = tail.endswith((":", ",")) or tail.endswith("that")
    for k in range(len(toks) - 1, -1, -1):
        t = toks[k]
        near = len(toks) - k <= 3
        if not (ends_open or near):
            return None
        if t.lower_ == "according" and k + 1 < len(toks) and toks[k + 1].lower_ == "to":
            sp = next((c for c in toks[k + 1].children if c.dep_ == "pobj"), None)
            if sp is None:
                return None
            r = Raw(q.start, q.end, "direct", t, "according to", sp, confidence=0.85, para=q.para)
            r.region = (ws, q.start)
            return r
        if _is_cue(ctx, t):
            sp = _subject(t, ws, q.start)
            if sp is None or sp.idx >= q.start or sp.idx < ws:
                return None
            r = Raw(q.start, q.end, "direct", t, t.lemma_.lower(), sp, confidence=0.9, para=q.para)
            r.region = (ws, q.start)
            return r
        if not ends_open and k < len(toks) - 3:
            return None
    return None


def _mixed_around(ctx: _Ctx, q: Quote) -> Raw | None:
    """A quote inside a reported that-clause whose verb the parse did not link to it
    ("X said in a briefing that while Y was "..." it "..."): one mixed claim, from "that" to
    the end of the sentence, which takes in the quotes it contains."""
    tok = ctx.sdoc.char_span(q.start, q.end, alignment_mode="expand")
    if tok is None:
        return None
    sent = tok[0].sent
    para = ctx.paras[q.para]
    cue = that = None
    for t in sent:
        if t.idx >= q.start:
            break
        if t.idx < para.start or _quote_at(ctx, t.idx) >= 0:
            continue
        if _is_cue(ctx, t):
            cue, that = t, None
        elif cue is not None and that is None and t.lower_ == "that":
            that = t
    if cue is None or that is None:
        return None
    speaker = _subject(cue, para.start, para.end)
    if speaker is None:
        return None
    cs, ce = _trim(ctx.doc.text, that.idx, min(max(sent.end_char, q.end), para.end))
    _, hit = _quoted_chars(ctx, cs, ce)
    ctx.consumed.update(hit)
    r = Raw(cs, ce, "mixed", cue, cue.lemma_.lower(), speaker, confidence=0.8, para=q.para)
    r.region = (max(sent.start_char, para.start), cs)
    return r


def _subhead(ctx: _Ctx, q: Quote, inner: str) -> bool:
    """A short paragraph that is nothing but a quote without end punctuation ('Hard to be in
    such close quarters'): a subheading that quotes the story, not a statement."""
    p = ctx.paras[q.para]
    rest = ctx.doc.text[p.start : q.start] + ctx.doc.text[q.end : p.end]
    return (
        not rest.strip(" .")
        and not inner.rstrip().endswith((".", "!", "?", ",", "…"))
        and _words(inner) < 12
    )


def _words(text: str) -> int:
    return len(text.split())


def _direct(ctx: _Ctx) -> list[Raw]:
    out: list[Raw] = []
    text = ctx.doc.text
    for qi, q in enumerate(ctx.quotes):
        if qi in ctx.consumed or q.inner_end - q.inner_start < 2:
            continue
        inner = text[q.inner_start : q.inner_end]
        if _TRANSCRIPT.match(inner):
            continue  # "“WALLACE: Let's start ...”": the label speaks (labels.py), not the quote's verb
        ends_comma = text[q.inner_end : q.end].lstrip().startswith(",") or inner.endswith(",")
        raw = ctx.quote_attr.get(qi)
        if raw is not None:
            r = Raw(
                q.start,
                q.end,
                "direct",
                raw.cue,
                raw.cue_lemma,
                raw.speaker,
                confidence=0.9,
                para=q.para,
            )
            r.region = raw.region
        else:
            after = _attr_after(ctx, q, qi)
            before = None if (after and ends_comma) else _attr_before(ctx, q, qi)
            r = after if after is not None and (ends_comma or before is None) else before
            if r is None and after is not None:
                r = after
        n_words = _words(inner)
        if r is None:
            from .labels import signature

            r = signature(ctx, q)
        if r is None:
            r = _mixed_around(ctx, q)
            if r is not None:
                out.append(r)
                continue
        if r is None:
            # a quote alone in its sentence(s) continues the previous speaker
            ps = ctx.paras[q.para].start
            before_txt = text[_sentence_start(text, ps, q.start) : q.start].strip()
            after_end = _sentence_end(text, q.end, ctx.paras[q.para].end)
            after_txt = text[q.end : after_end].strip(" .,!?")
            if text[q.start : q.end].rstrip("”\"»' ").endswith((".", "!", "?")):
                after_txt = ""  # the quote closes its sentence
            # "Then, after a pause: "..."": a lead-in without a verb of its own
            alone = (not before_txt or before_txt.endswith(":")) and not after_txt
            same_para = qi > 0 and ctx.quotes[qi - 1].para == q.para
            if n_words < (2 if same_para else 4) or not alone or _subhead(ctx, q, inner):
                continue
            r = Raw(
                q.start,
                q.end,
                "direct",
                None,
                "",
                None,
                continues=True,
                confidence=0.7 if q.opens_para else 0.75,
                para=q.para,
            )
        elif n_words < 2:
            continue
        out.append(r)
    return out
