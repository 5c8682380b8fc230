"""Attitude claims: beliefs, intentions, evidence and sentiments, and nominal cues.

One pass over the spaCy parse, beside the reporting-verb pass of :mod:`.extract`. A cue word
of ``data/attitude_cues.txt`` (a verb, an adjective or a noun, with what it takes) and its
complement in the parse make a claim; the source is the cue's subject. Rule ids (left on
``Claim.why["rule"]``):

* ``verb.clause``: a cue verb with a clausal complement ("X believes/fears that ...",
  "the report found that ...").
* ``verb.to``: a cue verb with a to-infinitive ("X wants/plans/sought to ...").
* ``verb.object``: a cue verb with a direct object ("X criticized the plan", "polls show a
  tightening race"); a naming verb only with what it names the object ("called [the senator]
  [a nasty guy]", never "called a porter").
* ``verb.about``: a cue verb with its prepositional object ("X called for a recount").
* ``adj.about`` / ``adj.clause``: a sentiment adjective of a subject ("Democrats are nervous
  about turnout", "Democrats increasingly nervous about turnout", "X is confident that ...").
* ``noun.clause`` / ``noun.to`` / ``noun.about``: a cue noun with its complement ("his claim
  that ...", "Clinton's plan to ...", "calls for ..."); the source is the noun's possessor or
  "by/from" phrase, else the subject of the verb whose object the noun is ("X voiced concern
  that ...").
* ``noun.held``: a cue noun with its that-clause in an "in"/"amid" phrase and no source of its
  own, held by the subject of the verb it attaches to ("Democrats persisted in arguments that
  ..."); without one it is ``noun.sourceless``.

A source that is a non-human noun of ``data/evidence_nouns.txt`` ("documents", "the poll")
makes the claim ``evidence``. Cues inside quote marks, cues without a source, and contents of
fewer than two words are skipped.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .lexicon import AttitudeCue, _lines

_ABOUT = {"about", "over", "of", "with", "for", "on", "at", "against"}
_NOT_CLAUSE = {"if", "whether", "why", "how", "when", "where", "what", "who"}
_DET = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POS = {"VERB": "verb", "AUX": "verb", "ADJ": "adj", "NOUN": "noun"}


def attitudes(ctx: Any) -> list[Any]:
    """The attitude claims (``Raw``) of the document in ``ctx`` (an ``extract._Ctx``)."""
    from .extract import Raw, _para_of, _quote_at, _region, _tail_attribution
    from .generic import effect, generic_attitudes

    out: list[Any] = []
    lex = ctx.lex
    for tok in ctx.sdoc:
        pos = _POS.get(tok.pos_)
        if pos is None:
            continue
        lem = _lemma(lex, tok, pos)
        if _passive_adj(lex, tok):
            pos, lem = "adj", tok.lower_  # "protesters were frustrated that …"
        if (lem, pos) not in lex.attitudes or (pos != "noun" and effect(tok, pos) == "none"):
            continue  # "made sure that", "saw to it that": data/non_cues.txt
        if _quote_at(ctx, tok.idx) >= 0:
            continue
        pi = _para_of(ctx, tok.idx)
        if pi < 0:
            continue
        para = ctx.paras[pi]
        found = _complement(lex, tok, pos, lem)
        src = None
        if found is None and pos == "verb" and lem not in lex.cues:
            # "Large sections are divided by race, other studies have shown.": the clause
            # before ", <source> <verb>." closing the sentence
            cue0 = lex.attitude(lem, pos, "clause")
            has_obj = any(c.dep_ in ("dobj", "dative") for c in tok.children)
            tail = _tail_attribution(tok) if cue0 is not None and not has_obj else None
            pre = next((c for c in tok.children if c.dep_ == "ccomp" and c.i < tok.i), None)
            if tail is not None:
                found = (cue0, "tail", tail[0][0])
                src = tail[1]
            elif pre is not None and cue0 is not None and not has_obj:
                found = (cue0, "tail", _span(pre))
        if found is None:
            continue
        cue, take, (cs, ce) = found
        if take == "clause" and pos == "verb" and lem in lex.cues:
            continue  # a reporting verb's clause: the indirect pass reads it
        cs, ce = max(cs, para.start), min(ce, para.end)
        src = src if src is not None else _source(tok, pos)
        # "dogged by charges that he perpetuated ...": a nominal cue with its that-clause and
        # no source in the text is a claim without speaker (as frame.sourceless)
        sourceless = (
            src is None
            and pos == "noun"
            and (take == "clause" or (take == "about" and cue.kind in ("statement", "belief")))
        )
        held = _held_in(tok) if sourceless else None
        if held is not None and not cs <= held.idx < ce and _quote_at(ctx, held.idx) < 0:
            src, sourceless = held, False  # "Democrats persisted in arguments that ..."
        if not sourceless and (src is None or cs <= src.idx < ce or _quote_at(ctx, src.idx) >= 0):
            continue
        if src is not None and (
            src.lower_ in ("i", "you", "me", "we", "us") or src.pos_ in ("DET", "NUM")
        ):
            continue
        text = ctx.doc.text
        while ce > cs and text[ce - 1] in " ,.;:—–-":
            ce -= 1
        if len(text[cs:ce].split()) < 2 and take != "object":
            continue
        if ce - cs < 3:
            continue
        if take == "about" and lex.anonymity.fullmatch(_DET.sub("", text[cs:ce])):
            continue  # "spoke on condition of anonymity": the sourcing convention, no topic
        kind = cue.kind
        if src is not None and src.lemma_.lower() in lex.evidence_nouns:
            kind = "evidence"
        elif kind == "evidence" and take not in ("clause", "tail"):
            continue  # "X showed the way": only a document or a study shows evidence
        raw = Raw(cs, ce, "indirect", tok, lem, src, confidence=0.7, para=pi)
        raw.kind = kind
        raw.rule = (
            "noun.sourceless" if sourceless else "noun.held" if src is held else f"{pos}.{take}"
        )
        raw.region = _region(tok.sent, para, cs, ce)
        out.append(raw)
    return out + generic_attitudes(ctx)


def _ecm(clause: Any) -> bool:
    """A to-infinitive with its own subject before "to" ("expect [Clinton] to win")."""
    return any(g.dep_ == "nsubj" and g.i < clause.i for g in clause.children)


def _passive_adj(lex: Any, tok: Any) -> bool:
    """A passive participle whose form is a listed adjective cue ("were frustrated that …",
    "are worried about …"): the tagger's verb is the adjective."""
    return (
        tok.tag_ == "VBN"
        and (tok.lower_, "adj") in lex.attitudes
        and any(c.dep_ == "auxpass" for c in tok.children)
        and any(c.dep_ == "nsubjpass" for c in tok.children)
    )


def _span(t: Any) -> tuple[int, int]:
    return t.left_edge.idx, t.right_edge.idx + len(t.right_edge)


def _lemma(lex: Any, tok: Any, pos: str) -> str:
    """The cue lemma of ``tok``: spaCy's, or the word less an inflection when spaCy's is
    wrong and that is a cue ("hopes" lemmatised as "hop")."""
    lemma = tok.lemma_.lower()
    if (lemma, pos) in lex.attitudes or pos != "verb":
        return lemma
    low = tok.lower_
    for suffix in ("s", "d", "es", "ed"):
        form = low[: -len(suffix)]
        if low.endswith(suffix) and (form, pos) in lex.attitudes:
            return form
    return lemma


def _complement(
    lex: Any, tok: Any, pos: str, lemma: str
) -> tuple[AttitudeCue, str, tuple[int, int]] | None:
    """The cue line and complement span of ``tok``: a clause, a to-infinitive, an object or a
    prepositional object, in that order of preference."""
    kids = [c for c in tok.children if c.i > tok.i]
    for c in kids:
        if c.dep_ == "relcl" and (pos != "noun" or not _own_subject(c)):
            continue
        if c.dep_ in ("ccomp", "acl", "relcl") and c.pos_ in ("VERB", "AUX"):
            to = any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
            take = "to" if to else "clause"
            if (
                c.dep_ == "ccomp"
                and c.tag_ == "VB"
                and not any(g.dep_ in ("aux", "mark") for g in c.children)
            ):
                continue  # a bare infinitive is no proposition ("will see him become …")
            if not to and c.dep_ == "ccomp" and c.left_edge.lower_ in _NOT_CLAUSE:
                # "asked whether ...", "questioned how ...": verbs that take a question
                cue = lex.attitude(lemma, pos, "wh")
                if cue is not None:
                    return cue, "wh", _span(c)
                continue
            if not to and (
                c.left_edge.lower_ in _NOT_CLAUSE or (c.dep_ == "acl" and pos != "noun")
            ):
                continue
            if not to and pos == "noun" and c.left_edge.lower_ != "that":
                continue
            cue = lex.attitude(lemma, pos, take)
            if cue is None and to and pos == "verb" and _ecm(c):
                cue = lex.attitude(lemma, pos, "clause")  # "voters expect Clinton to win"
            if cue is not None:
                return cue, take, _span(c)
        if (
            c.dep_ == "ccomp"
            and pos == "verb"
            and c.pos_ == "NOUN"
            and any(g.dep_ == "nsubj" for g in c.children)
        ):
            # a small clause: "regulators did not consider Mr. Clarke a realistic option" (a
            # noun: an adjective is too often an event seen, "saw the bridge open")
            cue = lex.attitude(lemma, pos, "clause") or lex.attitude(lemma, pos, "naming")
            if cue is not None:
                return cue, "clause", _span(c)
    for c in kids:
        if (
            c.dep_ in ("xcomp", "advcl", "acl")
            and c.pos_ in ("VERB", "AUX")
            and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        ):
            cue = lex.attitude(lemma, pos, "to")
            if cue is not None:
                return cue, "to", _span(c)
    for c in kids:
        if c.dep_ == "dobj" and pos == "verb" and c.pos_ in ("NOUN", "PROPN", "PRON"):
            pred = _predicate(tok, c)
            cue = lex.attitude(lemma, pos, "object") or (
                lex.attitude(lemma, pos, "naming") if pred is not None else None
            )
            if cue is None or (c.pos_ == "PRON" and pred is None):
                continue
            s, e = _span(c)
            rel = next((g for g in c.children if g.dep_ == "relcl" and _says(g)), None)
            if rel is not None and tok.doc[rel.left_edge.i - 1].text == ",":
                # "endorses Trump, who says he is honored": the relative clause is a claim
                last = tok.doc[rel.left_edge.i - 2]
                e = last.idx + len(last)
            if pred is not None:
                # "called the senator a nasty guy", "found that action unconstitutional"
                e = max(e, pred.right_edge.idx + len(pred.right_edge))
            why = next(
                (g for g in kids if g.dep_ == "prep" and g.lower_ in ("for", "over", "of")
                 and g.i == c.right_edge.i + 1),
                None,
            )  # fmt: skip
            if why is not None and pred is None:
                # "chastised Clinton for use of the server", "accused Holt of being …"
                e = why.right_edge.idx + len(why.right_edge)
            return cue, "object", (s, e)
    if pos == "verb" and lex.attitude(lemma, pos, "naming") is not None:
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        pred = next((c for c in kids if c.dep_ == "oprd"), None)
        if obj is not None and obj.i < tok.i and pred is not None:
            # "what she called a rant", "which Tim Cook called total political crap"
            return lex.attitude(lemma, pos, "naming"), "object", _span(pred)
    for c in kids:
        if c.dep_ == "prep" and (c.lower_ in _ABOUT or (c.lower_ == "to" and pos == "adj")):
            pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            cue = lex.attitude(lemma, pos, "about")
            if pobj is not None and cue is not None:
                return cue, "about", _span(pobj)
    return None


def _says(verb: Any) -> bool:
    """A verb with a clause of its own ("who says he is honored")."""
    return any(k.dep_ == "ccomp" for k in verb.children)


def _agent(lex: Any, t: Any) -> bool:
    """A person, group, organisation or document: a source of views."""
    return (
        t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or t.lower_ in ("he", "she", "they", "who")
        or lex.speaker_nouns.get(t.lemma_.lower()) in ("unnamed", "person", "source", "org")
        or t.lemma_.lower() in lex.evidence_nouns
    )


def _predicate(tok: Any, obj: Any) -> Any:
    """What a verb says of its object, right after it ("called [the plan] [a disaster]")."""
    for c in tok.children:
        if c.i <= obj.i:
            continue
        if c.dep_ == "oprd" and c.left_edge.i - obj.right_edge.i <= 12:
            return c  # "called her vote in favor of the war a mistake"
        if c.left_edge.i - obj.right_edge.i > 2:
            continue
        if c.dep_ in ("oprd", "xcomp", "ccomp", "attr", "acomp"):
            return c
        if c.dep_ == "prep" and c.lower_ in ("with", "as") and c.i == obj.right_edge.i + 1:
            return c  # "show Clinton with a lead", "described the plan as a failure"
    for c in obj.children:
        if (
            c.i > obj.i
            and c.dep_ in ("appos", "amod")
            and c.i - obj.i <= 3
            and c.pos_ in ("NOUN", "ADJ")
        ):
            return c
    return None


def _own_subject(clause: Any) -> bool:
    """A that-clause the parser read as a relative clause ("his claim that the ballots were
    forged"): it has a subject of its own, "that" being its conjunction."""
    return (
        any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("that", "which", "who")
            for c in clause.children
        )
        and clause.left_edge.lower_ == "that"
    )


def _held_in(tok: Any) -> Any:
    """The subject whose attitude a cue noun in an "in"/"amid" phrase is: "Democrats persisted
    in arguments that ...", "leaders gathered ..., amid growing concerns that they ..." (the
    governing verb's subject, climbing as :func:`_source` does); None for other prepositions
    ("took offense at suggestions that", "dogged by charges that": others' words)."""
    prep = tok.head if tok.dep_ == "pobj" else None
    if prep is None or prep.lower_ not in ("in", "amid", "amidst") or prep.head.pos_ != "VERB":
        return None
    subj = _source(prep.head, "verb")
    if subj is None or subj.lower_ in ("i", "you", "me", "we", "us") or subj.pos_ in ("DET", "NUM"):
        return None
    return subj


@lru_cache(maxsize=1)
def _control_verbs() -> frozenset[str]:
    """Lemmas of ``data/object_control.txt``: id, lemma."""
    return frozenset(line.split("\t")[1].strip().lower() for line in _lines("object_control.txt"))


def _controlled(tok: Any) -> Any:
    """The object of an object-control verb right before participle ``tok`` ("left many
    nations feeling that …": the nations); None otherwise."""
    head = tok.head
    if tok.tag_ != "VBG" or tok.dep_ not in ("xcomp", "oprd", "advcl", "ccomp"):
        return None
    if head.lemma_.lower() not in _control_verbs() or head.i > tok.i:
        return None
    obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < tok.i), None)
    if obj is None or obj.right_edge.i + 1 != tok.i or obj.pos_ not in ("NOUN", "PROPN"):
        return None
    return obj


def _source(tok: Any, pos: str) -> Any:
    """Whose attitude: the subject of a verb (climbing "sought to", "and wants"), the subject an
    adjective describes, or a noun's possessor / by-phrase / governing verb's subject."""
    if pos == "verb":
        held = _controlled(tok)
        if held is not None:
            return held
        cur = tok
        for _ in range(4):
            subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return None if subj.dep_ == "nsubjpass" and pos == "verb" else subj
            if cur.head is cur:
                return None
            if (
                cur.dep_ in ("xcomp", "conj")
                or (cur.dep_ == "advcl" and cur.tag_ == "VBG")
                or (cur.dep_ == "acomp" and cur.pos_ == "ADJ")
            ):
                # "sought to", "and wants", "…, citing a threat", "was able to tout": the
                # main clause's subject
                cur = cur.head
            elif cur.dep_ == "pcomp" and cur.tag_ == "VBG" and cur.head.dep_ == "prep":
                cur = cur.head.head  # "in defending himself, Trump offered": Trump's
            else:
                return None
        return None
    if pos == "adj":
        if tok.dep_ == "amod" and tok.head.pos_ in ("NOUN", "PROPN"):
            return tok.head
        if tok.pos_ == "VERB":  # a passive participle read as the adjective it is
            return next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        head = tok.head if tok.dep_ in ("acomp", "oprd") else None
        if head is None:
            return None
        return next((c for c in head.children if c.dep_ == "nsubj"), None)
    for c in tok.children:
        if c.dep_ == "poss":
            return c
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    if tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
        return next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    return None
