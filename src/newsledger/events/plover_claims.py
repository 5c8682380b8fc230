"""Verbal acts and their claims (issue 15): a threat, accusation, demand, refusal or agreement
said by someone is both a PLOVER event and a claim, and the two records point at each other
(``Event.claim``, ``Claim.events``)."""

from __future__ import annotations

from ..document import Document, Event
from .plover_codebook import codebook

#: PLOVER's verbal categories: said by someone, they are claims too.
VERBAL_QUADS = frozenset({"verbal cooperation", "verbal conflict"})


def _stem(word: str) -> str:
    """A crude stem, enough to tell a claim's cue from its verb's forms ("denied" / "deny",
    "accused" / "accuse", "threatened" / "threaten")."""
    w = word.lower().split(" ")[0]
    for suf, rep in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suf) and len(w) > len(suf) + 2:
            w = w[: -len(suf)] + rep
            break
    return w[:-1] if w.endswith("e") else w


def link_claims(doc: Document, events: list[Event]) -> None:
    """A verbal act said by someone is a claim too: the event of a verbal PLOVER category takes
    the claim made by its own verb (same sentence, the claim's cue is the trigger), and every
    claim lists the events that point at it (``Claim.events``)."""
    book = codebook()
    claims = {c.id: c for c in doc.claims}
    for ev in events:
        cat = book.categories.get(ev.plover or "")
        if ev.claim is None and cat is not None and cat.quad in VERBAL_QUADS and ev.trigger:
            trig = _stem(ev.trigger)
            for c in doc.claims:
                cue = _stem(c.cue or "")
                if ev.evidence.start <= c.evidence.start < ev.evidence.end and cue and trig == cue:
                    ev.claim = c.id
                    break
        if ev.claim in claims and ev.id not in claims[ev.claim].events:
            claims[ev.claim].events.append(ev.id)


__all__ = ["VERBAL_QUADS", "link_claims"]
