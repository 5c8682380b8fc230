"""One event reported twice in one article is one event.

News repeats its main event: the headline ("Market blast in eastern Afghanistan kills 21") and
the lede ("At least 21 people were killed when a bomb went off in a market in Jalalabad on
Monday") are one bombing, not two. Two events of a document are merged when everything they
say agrees and something specific ties them:

- the same ACLED sub-type (for a headline: the same ACLED type of violence, headlines are
  terse; never two different strategic developments: a deployment is no arrest);
- the same fatality count, both given -- or one of them is the headline, or both come from
  one sentence ("gunmen attacked a checkpoint, killing four"), and the other gives no
  different count;
- both asserted (a hypothetical clash is never the reported one);
- places that agree (the same place, or one inside the other: Jalalabad is in Afghanistan and
  in Nangarhar), dates that agree (2023-03 and 2023-03-13), actors that agree (the same or
  one unknown).

The more specific report stays (finer place, then finer date, then more arguments) and takes
what only the other one knew (actor, place, date, fatalities); without such a tie two bombings
of one day stay two events.
"""

from __future__ import annotations

import re

from ..document import UNASSERTED_CERTAINTIES, Document, Event, Place
from ..places import SPECIFICITY


def _rank(place: Place | None) -> int:
    """How specific a place is (site > city > ... > country; no place or kind: least)."""
    return SPECIFICITY.get(place.kind or "", -1) if place is not None else -1


def _is_headline(doc: Document, ev: Event) -> bool:
    if ev.evidence.section == "headline":
        return True
    title = " ".join((doc.title or "").split()).rstrip(".").lower()
    return bool(title) and " ".join(ev.evidence.sentence.split()).rstrip(".").lower() == title


def _place_agrees(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None or a.id == b.id:
        return True
    broad, narrow = sorted((a, b), key=_rank)
    if _rank(broad) >= _rank(narrow):
        return False  # two different places of the same rank
    if broad.kind == "country":
        return bool(broad.country) and broad.country == narrow.country
    if broad.kind == "admin1":
        return (
            broad.country == narrow.country
            and bool(broad.name)
            and (broad.name == narrow.admin1 or broad.admin1 == narrow.admin1)
        )
    return False


def _same(x: str | None, y: str | None) -> bool:
    return x is None or y is None or x == y


def _dates_agree(x: str | None, y: str | None) -> bool:
    return x is None or y is None or x.startswith(y) or y.startswith(x)


def _specificity(ev: Event, places: dict[str, Place]) -> tuple[int, int, int]:
    rank = _rank(places.get(ev.place or ""))
    args = sum(x is not None for x in (ev.actor1, ev.actor2, ev.fatalities))
    return rank, len(ev.date or ""), args


def _corefer(doc: Document, a: Event, b: Event, places: dict[str, Place]) -> bool:
    if a.subtype is None or b.subtype is None:
        return False
    head = _is_headline(doc, a) or _is_headline(doc, b)
    if a.subtype != b.subtype and not (head and a.type == b.type and a.type in VIOLENT_TYPES):
        return False  # a terse headline's violence; a deployment is no arrest
    same_sentence = a.evidence.start == b.evidence.start and a.subtype == b.subtype
    if a.fatalities is not None and b.fatalities is not None:
        if a.fatalities != b.fatalities:
            return False
    elif not (head or same_sentence):
        return False  # nothing ties two reports of the same kind of event
    return (
        _same(a.actor1, b.actor1)
        and _same(a.actor2, b.actor2)
        and _dates_agree(a.date, b.date)
        and _place_agrees(places.get(a.place or ""), places.get(b.place or ""))
        and a.certainty not in UNASSERTED_CERTAINTIES
        and b.certainty not in UNASSERTED_CERTAINTIES
    )


def merge_repeated(doc: Document, events: list[Event]) -> list[Event]:
    """``events`` with every repeated report folded into its most specific one (in order)."""
    places = {p.id: p for p in doc.places}
    kept: list[Event] = []
    for ev in events:
        twin = next((k for k in kept if _corefer(doc, k, ev, places)), None)
        if twin is None:
            kept.append(ev)
            continue
        keep, drop = sorted(
            (twin, ev), key=lambda e: (_specificity(e, places), e.confidence), reverse=True
        )
        for name in ("actor1", "actor2", "place", "fatalities", "fatalities_text"):
            if getattr(keep, name) is None and getattr(drop, name) is not None:
                setattr(keep, name, getattr(drop, name))
        if keep.date is None or (drop.date and len(drop.date) > len(keep.date)):
            keep.date, keep.date_text = drop.date, drop.date_text
        keep.confidence = max(keep.confidence, drop.confidence)
        kept[kept.index(twin)] = keep
    return kept


#: "claimed responsibility for the attack", "said it carried out the bombing", "was behind the
#: blast": the attack named is one the article has already reported
_BACK = r"(?:the|this|that|these|those|its|their|[A-Z]\w+day's|last \w+'s)"
RESPONSIBILITY = re.compile(
    r"\b(?:claim(?:ed|s|ing)?|accept(?:ed|s|ing)?|t(?:ook|akes?|aking)|admit(?:ted|s)?)\s+"
    rf"(?:full\s+)?responsibility\s+for\s+{_BACK}\s"
    rf"|\bcarr(?:ied|y|ies|ying)\s+out\s+{_BACK}\s"
    rf"|\b(?:was|were|is|are|been)\s+behind\s+{_BACK}\s"
)
#: ACLED types of violence (the claims of responsibility and unfought transfers read them)
VIOLENT_TYPES = frozenset(["Battles", "Explosions/Remote violence", "Violence against civilians"])


ATTACK_NOUN = re.compile(
    r"(?:\w+\s+){0,2}?(?:attacks?|bombings?|blasts?|explosions?|assaults?|ambush(?:es)?|raids?"
    r"|strikes?|shootings?|killings?|massacres?|abductions?|kidnappings?)\b",
    re.IGNORECASE,
)
NEGATED = re.compile(r"\b(?:no|not|never|nobody|none|n't|den(?:y|ied|ies))\b", re.IGNORECASE)


def _claimant(doc: Document, start: int, end: int) -> str | None:
    """The actor named last in ``[start, end)`` ("ISKP claimed responsibility" -> ISKP)."""
    best: tuple[int, str] | None = None
    for a in doc.actors:
        for m in a.mentions:
            if start <= m.start and m.end <= end and (best is None or m.end > best[0]):
                best = (m.end, a.id)
    return best[1] if best else None


def attach_responsibility(doc: Document, events: list[Event]) -> list[Event]:
    """A claim of responsibility for an attack the article already reported is not a second
    attack: it names who carried out the first one (its actor1, when the report had none).
    A claim for an attack the article never reported stays an event of its own; a denied or
    negated one ("no group has claimed responsibility") names nobody."""
    text = doc.text
    violent = sorted(
        (
            e
            for e in events
            if e.type in VIOLENT_TYPES and e.certainty not in UNASSERTED_CERTAINTIES
        ),
        key=lambda e: e.evidence.start,
    )
    dropped: set[int] = set()
    for m in RESPONSIBILITY.finditer(text):
        if not ATTACK_NOUN.match(text, m.end()):
            continue
        sent_start = max(text.rfind(". ", 0, m.start()) + 2, text.rfind("\n", 0, m.start()) + 1)
        if NEGATED.search(text, sent_start, m.start()):
            continue
        earlier = [e for e in violent if e.evidence.end <= sent_start]
        if not earlier:
            continue
        target = earlier[-1]
        here = [e for e in violent if e.evidence.start <= m.start() < e.evidence.end]
        who = next((e.actor1 for e in here if e.actor1), None)
        who = who or _claimant(doc, sent_start, m.start())
        unknown = target.actor1 is None or target.actor1.startswith("generic:armed")
        if unknown and who and who != target.actor2:  # the claimant replaces "gunmen"
            target.actor1 = who
        dropped.update(id(e) for e in here if e is not target)
    return [e for e in events if id(e) not in dropped]


__all__ = ["attach_responsibility", "merge_repeated"]
