"""Quote pairs: the second quote of an attributed pair and the sentence after it.

"“The impact of Monday's debate is still small,” wrote Cameron Easley. “Just 9 percent … said
it wouldn't matter.” Fellow Republicans are urging Trump to …": the second quote closes its
sentence, so what follows is a new sentence; its verb attributes the quote only when it says
nothing of its own (a clause, an infinitive, an object with what it is called). Otherwise the
quote continues the pair's speaker (``extract._direct``'s rule for a quote alone). A quote that
follows no attributed quote keeps the verb after it ("“Why would I …?” He now calls it a
rookie mistake.", as GGT reads it).
"""

from __future__ import annotations

from typing import Any

#: the most characters between the two quotes of a pair
PAIR_GAP = 200


def second_of_pair(ctx: Any, q: Any, qi: int) -> bool:
    """Quote ``qi`` closes its sentence and follows, in its paragraph, a quote attributed
    between the two ("“…,” X said after the hearing. “… .”")."""
    from .extract import _is_cue, _tokens

    text = ctx.doc.text
    if not text[q.start : q.end].rstrip("”\"»' ").endswith((".", "!", "?")):
        return False
    prev = ctx.quotes[qi - 1] if qi > 0 else None
    if prev is None or prev.para != q.para or q.start - prev.end > PAIR_GAP:
        return False
    return any(_is_cue(ctx, t) for t in _tokens(ctx, prev.end, q.start))


def says_its_own(verb: Any) -> bool:
    """A reporting verb with a complement of its own: a clause ("Police have said they …",
    "Trump told the forum he was"), an infinitive ("urging Trump to"), an object with what it
    is called ("described Clinton as …", "called the plan a ploy", also where the parse reads
    the predicate as an apposition)."""
    kids = list(verb.children)
    if any(c.dep_ in ("ccomp", "xcomp") for c in kids):
        return True
    if not any(c.dep_ == "dobj" for c in kids):
        return False
    if any(c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as") for c in kids):
        return True
    # "called the citation and the demand a transparent political ploy": the parse reads the
    # predicate as an apposition of the object
    return any(
        t.dep_ == "appos" and any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in t.children)
        for c in kids
        if c.dep_ in ("dobj", "conj")
        for t in c.subtree
    )
