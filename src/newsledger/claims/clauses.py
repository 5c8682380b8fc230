"""Clause shapes the parse gets wrong around a reporting verb's subject (issue 16).

* :func:`dashed_aside`: a participle hung from a where/when clause that dashes set off
  ("protesters continued … - where the Panthers played the Vikings - while chanting, “…”") is
  its main clause's, not the where-clause's.
* :func:`reported_before`: a participle that opens a clause after "X said," takes X, also when
  the parse hangs it from a verb after it ("Sanders said, going on to say that … young people
  do not want …": Sanders, not the young people).
* :func:`fronted`: of two subjects the parse gives a verb, a phrase a comma closes before the
  other is fronted ("His promises to stick it to the rich notwithstanding, independent
  analyses agree …": the analyses).
* :func:`unclosed_appos`: an "appositive" that no comma closes before the verb is the subject
  ("To understand the real Dred Scott, Chief Justice Roberts said, one should …": Roberts).
* :func:`unmarked_clause`: a that-less reported clause the parse hangs on the reporting verb as
  an adverbial clause is its content ("said after the convention he would not accept …").
"""

from __future__ import annotations

from typing import Any

_DASHES = ("-", "--", "—", "–")
#: Tags of a finite verb or modal.
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def dashed_aside(cur: Any, tok: Any) -> bool:
    """``cur``, above participle ``tok``, is a where/when clause that dashes set off before it."""
    if cur is tok or tok.tag_ != "VBG" or not any(c.tag_ == "WRB" for c in cur.lefts):
        return False
    return any(t.text in _DASHES and t.tag_ != "HYPH" for t in tok.doc[cur.i : tok.i])


def unclosed_appos(subj: Any, verb: Any) -> Any:
    """The appositive of ``subj`` that runs up to ``verb`` with no comma closing it (only
    auxiliaries or adverbs between): the parse's subject is then a phrase before the speaker,
    and the "appositive" the speaker. None otherwise (a real apposition is closed: "Mr. Smith,
    the mayor, said")."""
    if subj.i > verb.i:
        return None
    for app in subj.children:
        if app.dep_ != "appos" or app.ent_type_ != "PERSON":
            continue
        between = subj.doc[app.right_edge.i + 1 : verb.i]
        if all(t.pos_ in ("AUX", "ADV", "PART") for t in between):
            return app
    return None


def reported_before(cur: Any, tok: Any) -> Any:
    """The subject of a verb said right before participle ``tok`` ("X said, going on to say"),
    when the parse hung ``tok`` from ``cur``, a verb after it; None otherwise."""
    if cur is tok or tok.tag_ != "VBG" or cur.i < tok.i:
        return None
    for sib in cur.children:
        if sib.i < tok.i and sib.dep_ in ("parataxis", "conj", "ccomp") and sib.pos_ == "VERB":
            between = tok.doc[sib.i + 1 : tok.i]
            if len(between) <= 3 and any(t.text == "," for t in between):
                return next((c for c in sib.children if c.dep_ == "nsubj"), None)
    return None


def fronted(subjects: list[Any]) -> Any:
    """The subject among ``subjects`` (one verb's, in text order): the first, unless a comma
    alone (no "and") separates it from a later one, which is then the verb's own."""
    first = subjects[0]
    for later in subjects[1:]:
        between = first.doc[first.i + 1 : later.left_edge.i]
        if between and between[-1].text == "," and not any(t.dep_ == "cc" for t in between):
            return later
    return first


def channel_giver(pobj: Any, channels: tuple[str, ...]) -> Any:
    """The subject of a relative clause on a channel noun (``data/channels.txt``), when a name
    or a personal pronoun: the one who gave the speech or statement ("according to a speech
    Mrs. Clinton delivered": Mrs. Clinton); else the noun itself."""
    if pobj.lower_ not in channels and pobj.lemma_.lower() not in channels:
        return pobj
    for rel in pobj.children:
        if rel.dep_ != "relcl":
            continue
        subj = next((c for c in rel.children if c.dep_ == "nsubj" and c.i < rel.i), None)
        if subj is not None and subj.pos_ in ("PROPN", "PRON") and subj.lower_ not in _WH:
            return subj
    return pobj


_WH = frozenset({"who", "which", "that", "what", "whom"})


def aside_name(toks: list[Any], k: int) -> Any:
    """The speaker of a cue ``toks[k]`` after a quote when a name in apposition closes with a
    comma right before it and no verb stands between the quote and the cue ("“…,” the foreign
    minister of Norland, Ingrid Solheim, said": Solheim; rule ``after.aside``); None."""
    if k < 2 or toks[k - 1].text != "," or toks[k - 2].pos_ != "PROPN":
        return None
    if toks[k - 2].dep_ != "appos" or toks[k].tag_ == "VBG":
        return None  # not '… "helplessness" on Twitter, writing "…"
    if any(t.pos_ in ("VERB", "AUX") for t in toks[:k]):
        return None
    return toks[k - 2]


def unmarked_clause(tok: Any) -> tuple[int, int] | None:
    """A that-less reported clause the parse hung on the verb as an adverbial clause ("Trump
    said after the convention he would not accept ..."): after the verb, with a subject of its
    own before its finite verb, and no subordinating word before the subject ("said when
    she resigned" is no report), from the subject on."""
    for c in tok.children:
        if c.dep_ != "advcl" or c.i < tok.i:
            continue
        subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass") and g.i < c.i), None)
        if subj is None or any(
            g.dep_ == "mark" or (g.i < subj.i and g.tag_ in ("WRB", "WDT", "WP"))
            for g in c.children
        ):
            continue
        if c.tag_ in FINITE or any(g.dep_ == "aux" and g.tag_ in FINITE for g in c.children):
            return subj.left_edge.idx, c.right_edge.idx + len(c.right_edge)
    return None
