"""Where and when: an event's place and date.

Decides the place -- the most specific ``doc.places`` mention (places' ``SPECIFICITY``: site >
city > admin2 > admin1 > region > country) in the trigger's clause, else in the sentence, not a
name used as an actor ("Russia accused Ukraine") or a modifier ("US officials") -- and the date
-- a resolved ``doc.dates`` mention in the clause, else the one nearest the trigger in the
sentence (not one inside another event's noun phrase), else the document's reference month.
``places.most_specific_place`` is not used: it cannot leave out actor and modifier uses, and it
prefers resolved places, which the events stage never did.
"""

from __future__ import annotations

from typing import Any

from ..document import Document
from ..places import SPECIFICITY
from .arguments import actor_index
from .rules import lexicon

#: Heads that make a place name a modifier of people, not the place of an event.
_PEOPLE_HEADS = frozenset(
    [
        "official",
        "force",
        "military",
        "army",
        "government",
        "troop",
        "diplomat",
        "source",
        "leader",
        "minister",
        "citizen",
    ]
)


def _modifier_use(sent: Any, start: int, end: int) -> bool:
    """A place name used as an adjective of a person or group ("US military officials")."""
    span = sent.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ in ("NOUN", "PROPN"):
        head = root.head.lemma_.lower()
        return head in lexicon()["people_nouns"] or head in _PEOPLE_HEADS
    return root.dep_ == "poss"


def pick_place(
    doc: Document,
    sent: Any,
    span: tuple[int, int],
    others: list[tuple[int, int]] = (),  # type: ignore[assignment]
) -> str | None:
    """The most specific place mentioned in the clause, else in the sentence (the last of
    equals); a name used as an actor or as a modifier is not a place."""
    least = max(SPECIFICITY.values())
    for level, (s0, s1) in enumerate((span, (sent.start_char, sent.end_char))):
        best: tuple[int, int, str] | None = None
        for p in doc.places:
            for m in p.mentions:
                if (
                    m.start >= s0
                    and m.end <= s1
                    and not _modifier_use(sent, m.start, m.end)
                    and not any(a0 <= m.start < a1 for a0, a1, _ in actor_index(doc))
                    and not (level and any(o0 <= m.start and m.end <= o1 for o0, o1 in others))
                ):
                    key = (least - SPECIFICITY.get(p.kind, -1), -m.start, p.id)
                    if best is None or key < best:
                        best = key
        if best:
            return best[2]
    return None


def pick_date(
    doc: Document,
    sent: Any,
    span: tuple[int, int],
    trig: int,
    others: list[tuple[int, int]] = (),  # type: ignore[assignment]
) -> tuple[str | None, str | None]:
    """(date, date_text): a resolved date in the clause, else in the sentence (nearest the
    trigger, and not inside another event's noun phrase: "a January 2008 attack"); else the
    document's reference month with no text."""
    for level, (s0, s1) in enumerate((span, (sent.start_char, sent.end_char))):
        found = [
            d
            for d in doc.dates
            if d.start >= s0
            and d.end <= s1
            and d.resolved
            and not (level and any(o0 <= d.start and d.end <= o1 for o0, o1 in others))
        ]
        if found:
            d = min(found, key=lambda x: abs(x.start - trig))
            return d.resolved, d.text
    if doc.reference_date:
        return doc.reference_date[:7], None
    return None, None
