"""Arguments: who did it to whom.

Decides actor1 (the subject, climbing xcomp/conj/relative clauses; the ``by`` agent of a
passive; for a noun its possessor, ``by`` phrase, compound modifier or the subject of a support
verb) and actor2 (the object, or an on/against/with/of phrase) of a trigger, as ``doc.actors``
ids found by character offsets; ``it/they/he`` take the nearest earlier subject/possessor actor
mention in the sentence or the one before. Also the trigger's clause (the date and place scope).
"""

from __future__ import annotations

from typing import Any

from ..document import Document
from .rules import lexicon
from .syntax import child, prep_obj, subject
from .triggers import Candidate

PRONOUNS = frozenset({"it", "they", "he", "she", "its", "their", "his", "her", "them", "him", "we"})


def actor_index(doc: Document) -> list[tuple[int, int, str]]:
    """(start, end, actor id) of every actor mention, sorted; cached for the stage's run."""
    key = "events.actor_index"
    idx = doc.user_data.get(key)
    if idx is None:
        idx = sorted((m.start, m.end, a.id) for a in doc.actors for m in a.mentions)
        doc.user_data[key] = idx
    return idx  # type: ignore[no-any-return]


def actor_in(doc: Document, start: int, end: int, head: Any = None) -> str | None:
    """The actor whose mention lies in [start, end); the one nearest the head token wins."""
    best: tuple[int, str] | None = None
    for s, e, aid in actor_index(doc):
        if (s >= start and e <= end) or (s < end and e > start):
            d = 0 if head is None else min(abs(head.idx - s), abs(head.idx - e))
            if best is None or d < best[0]:
                best = (d, aid)
    return best[1] if best else None


def _pronoun_actor(doc: Document, tok: Any) -> str | None:
    """The nearest earlier subject/possessor/object actor mention in the sentence or the one
    before."""
    sent = tok.sent
    start = sent.start_char
    prev = sent.doc[sent.start - 1].sent.start_char if sent.start > 0 else start
    cands = []
    for s, e, aid in actor_index(doc):
        if prev <= s and e <= tok.idx:
            span = tok.doc.char_span(s, e, alignment_mode="expand")
            if span is not None and span.root.dep_ in (
                "nsubj",
                "nsubjpass",
                "poss",
                "compound",
                "dobj",
            ):
                cands.append((s, aid))
    return cands[-1][1] if cands else None


def actor_of_token(doc: Document, tok: Any) -> str | None:
    """The actor a noun phrase (``tok``'s subtree) names; pronouns resolve to the nearest
    earlier actor mention in the sentence or the one before."""
    if tok is None:
        return None
    if tok.lower_ in PRONOUNS:
        return _pronoun_actor(doc, tok)
    left = tok.left_edge.idx
    right = tok.right_edge.idx + len(tok.right_edge)
    # Keep to the noun phrase itself: stop at a relative clause or a long prepositional tail.
    for c in tok.children:
        if c.dep_ in ("relcl", "acl", "appos") and c.i > tok.i:
            right = min(right, c.left_edge.idx)
    return actor_in(doc, left, right, tok)


def _verb_arguments(doc: Document, tok: Any) -> tuple[str | None, str | None]:
    agent = prep_obj(tok, ("by",))
    passive = any(ch.dep_ in ("nsubjpass", "auxpass", "agent") for ch in tok.children)
    if tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod") and tok.head.i != tok.i:
        return actor_of_token(doc, agent), actor_of_token(doc, tok.head)
    if passive:
        return actor_of_token(doc, agent), actor_of_token(doc, child(tok, "nsubjpass", "nsubj"))
    a1 = actor_of_token(doc, subject(tok))
    obj = child(tok, "dobj", "obj")
    if obj is None:
        conj = child(tok, "conj")
        obj = child(conj, "dobj", "obj") if conj is not None else None
    a2 = actor_of_token(doc, obj)
    if a2 is None:
        a2 = actor_of_token(doc, prep_obj(tok, ("on", "against", "with", "at")))
    return a1, a2


def _noun_arguments(doc: Document, tok: Any) -> tuple[str | None, str | None]:
    a1 = actor_of_token(doc, child(tok, "poss"))
    by = prep_obj(tok, ("by", "from"))
    if a1 is None and by is not None:
        a1 = actor_of_token(doc, by)
    if (
        a1 is None
        and tok.dep_ in ("dobj", "obj")
        and tok.head.lemma_.lower() in lexicon()["support_verbs"]
    ):
        a1 = actor_of_token(doc, subject(tok.head))
    if a1 is None:
        for ch in (ch for ch in tok.children if ch.dep_ == "compound"):
            a1 = actor_of_token(doc, ch)
            if a1:
                break
    a2 = actor_of_token(doc, prep_obj(tok, ("on", "against", "of", "with")))
    return a1, a2


def arguments(doc: Document, c: Candidate) -> tuple[str | None, str | None]:
    """(actor1, actor2) for a candidate."""
    if c.pos == "verb":
        a1, a2 = _verb_arguments(doc, c.token)
    else:
        a1, a2 = _noun_arguments(doc, c.token)
    if a2 == a1:
        a2 = None
    return a1, a2


def clause_span(c: Candidate) -> tuple[int, int]:
    """Character span of the trigger's clause: its subtree, or its head's for a noun."""
    tok = c.token
    top = tok
    if (
        c.pos == "noun"
        and tok.head.i != tok.i
        and tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "obj")
    ):
        top = tok.head if tok.dep_ != "pobj" else tok.head.head
    left = top.left_edge.idx
    right = top.right_edge.idx + len(top.right_edge)
    return left, right
