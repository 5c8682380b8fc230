"""ACLED's scope: which would-be events are no political violence, protest or strategic
development at all.

Decides, with a lexicon file each (``data/*.txt``):

- ``guard.disaster_cause``: deaths caused by an accident, a disaster, a disease or an animal
  ("floods killed 20", "her H5N1 infection killed her") -- no event (``nonpolitical_causes``);
- ``scope.animal_victim``: the killing of animals is no event ("the strain killed several
  hundred ducks") (``animals``);
- ``scope.metaphor``: a violent or coercive trigger whose object is a thing it can only be a
  figure of speech about ("children fighting cancer", "an attack on market share",
  "eliminate tariffs") or a rank ("reclaimed the No. 3 position") (``metaphor_targets``);
- ``scope.acled_actor``: an ACLED-typed event needs an ACLED actor in its paragraph -- a registry
  actor of an armed or political type as an argument or mention, a word naming one, named or
  unidentified ("gunmen", "security forces", "protesters", "a mob": ``acled_actors``; a counted
  or armed group of men: "four men", "armed youths"), or a weapon only armed actors use
  (``armed_weapons``); otherwise the event keeps its PLOVER type at most.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..document import Document
from .rules import Rules, word_list
from .syntax import child, prep_obj

if TYPE_CHECKING:
    from .triggers import Candidate

#: Registry actor types that are ACLED actors wherever they are named in the sentence.
ARMED_TYPES = frozenset(["state_force", "rebel_group", "political_party", "identity_group"])
#: ... and those that are only as an argument of the event (a state named as its actor).
ARGUMENT_TYPES = ARMED_TYPES | {"state", "igo"}
#: Heads of a quantity phrase whose "of" object is what it counts ("dozens of stray dogs").
QUANTIFIERS = frozenset(
    ["%", "percent", "most", "some", "all", "many", "dozen", "dozens", "hundreds", "thousands",
     "scores", "number", "group", "herd", "flock", "pack", "swarm", "majority", "half"]
)  # fmt: skip
#: Nouns of a rank ("the No. 3 position", "the top spot", "first place").
RANK_NOUNS = frozenset(["position", "spot", "place", "rank", "ranking", "seed", "slot", "title"])
RANK_WORDS = frozenset(["no.", "no", "number", "#", "top", "first", "second", "third", "fourth"])


def _np_words(tok: Any) -> list[str]:
    """The head's lemma and form, and those of its compound/adjective modifiers ("H5N1
    infection", "the suspected H5N1 strain")."""
    toks = [tok, *(c for c in tok.children if c.dep_ in ("compound", "amod", "nmod"))]
    return [w for t in toks for w in (t.lemma_.lower(), t.lower_)]


def cause_out_of_scope(tok: Any, rules: Rules) -> bool:
    """The deaths were caused by an accident, a disaster, a disease or an animal (subject,
    agent, "by"/"in"/"from" phrase, or the noun a relative clause hangs on)."""
    words = word_list("nonpolitical_causes")
    causes = [child(tok, "nsubj"), prep_obj(tok, ("by", "in", "from"))]
    if tok.dep_ in ("relcl", "acl"):
        causes.append(tok.head)
    return any(x is not None and any(w in words for w in _np_words(x)) for x in causes)


def _target(c: Candidate) -> Any:
    """What the trigger acts on: a verb's object (or its conjunct's, or a passive subject) or
    on/against/with phrase; a noun's on/against/of phrase."""
    tok = c.token
    if c.pos == "noun":
        return prep_obj(tok, ("on", "against", "of"))
    obj = child(tok, "dobj", "obj", "nsubjpass")
    if obj is None and any(ch.dep_ == "auxpass" for ch in tok.children):
        obj = child(tok, "nsubj")
    if obj is None:
        conj = child(tok, "conj")
        obj = child(conj, "dobj", "obj") if conj is not None else None
    return obj if obj is not None else prep_obj(tok, ("on", "against", "with", "off"))


def _victim_head(tok: Any) -> Any:
    """The noun a count or quantifier phrase is about ("several hundred ducks", "99 % of
    the plastic" -> plastic)."""
    of = prep_obj(tok, ("of",))
    if of is not None and (
        tok.like_num or tok.lower_ in QUANTIFIERS or tok.lemma_.lower() in QUANTIFIERS
    ):
        return of
    return tok


def animal_victim(c: Candidate, rules: Rules) -> bool:
    """The trigger's object is an animal (``scope.animal_victim``)."""
    if not rules.on("scope.animal_victim") or c.spec.get("plover") != "ASSAULT":
        return False
    target = _target(c)
    heads = [_victim_head(target)] if target is not None else []
    heads += [
        _victim_head(t) for t in (child(f, "dobj", "obj") for f in c.fatal_links) if t is not None
    ]
    animals = word_list("animals")
    return any(h.lemma_.lower() in animals or h.lower_ in animals for h in heads)


@lru_cache(maxsize=1)
def _phrases() -> tuple[str, ...]:
    return tuple(w for w in word_list("metaphor_targets") if " " in w)


def _rank(tok: Any) -> bool:
    """A rank: "the No. 3 position", "the top spot", "first place"."""
    if tok.lemma_.lower() not in RANK_NOUNS:
        return False
    left = [t.lower_ for t in tok.subtree if t.i < tok.i]
    return any(w in RANK_WORDS for w in left) or any(t.like_num for t in tok.lefts)


def metaphor(c: Candidate, rules: Rules) -> bool:
    """A violent or coercive trigger about a thing (``scope.metaphor``)."""
    if not rules.on("scope.metaphor") or c.spec.get("plover") not in (
        "ASSAULT",
        "COERCE",
        "MOBILIZE",
        "RETREAT",
    ):
        return False
    target = _target(c)
    if target is None:
        return False
    head = _victim_head(target)
    words = word_list("metaphor_targets")
    if head.lemma_.lower() in words or head.lower_ in words or _rank(head):
        return True
    phrase = " ".join(t.lower_ for t in target.subtree)
    return any(re.search(rf"\b{re.escape(p)}\b", phrase) for p in _phrases())


def _words_in(sent: Any, name: str) -> bool:
    words = word_list(name)
    toks = [t.lower_ for t in sent]
    if any(t in words for t in toks):
        return True
    text = " ".join(toks)
    return any(" " in w and re.search(rf"\b{re.escape(w)}\b", text) for w in words)


def acled_actor(
    doc: Document, sent: Any, args: tuple[str | None, str | None], subtype: str, rules: Rules
) -> bool:
    """Whether an ACLED-typed event has an ACLED actor in ``sent``, its paragraph
    (``scope.acled_actor``).
    Only the sub-types of the rule's ``applies_to`` are asked (battles, violence against
    civilians, mob violence, remote attacks, changes to a group): protests name their actors by
    being protests, arrests are the authorities', weapons seized and bases set up name theirs by
    rule."""
    if not rules.on("scope.acled_actor"):
        return True
    from .classifier import subtype_type

    scope = rules.param("scope.acled_actor", "applies_to")
    if subtype not in scope and subtype_type(subtype) not in scope:
        return True  # the others name their actor by what they are: arrests, protests, weapons
    types = {a.id: a.type for a in doc.actors}
    if any(types.get(a or "") in ARGUMENT_TYPES for a in args):
        return True
    s0, s1 = sent.start_char, sent.end_char
    for a in doc.actors:
        if a.type in ARMED_TYPES and any(s0 <= m.start < s1 for m in a.mentions):
            return True
    return (
        _words_in(sent, "acled_actors")
        or _words_in(sent, "armed_weapons")
        or _unidentified_group(sent)
    )


#: People nouns that name an unidentified group when counted or armed ("four men", "armed
#: youths", "masked individuals"): ACLED codes their violence as an unidentified armed group's.
GROUP_NOUNS = frozenset(["men", "youths", "individuals"])
GROUP_MARKS = frozenset(["armed", "masked", "unidentified", "unknown", "hooded", "gun-toting"])


def _unidentified_group(sent: Any) -> bool:
    """A counted or armed group of men as the subject of a verb (or in a "by" phrase)."""
    for t in sent:
        if t.lower_ not in GROUP_NOUNS or t.dep_ not in ("nsubj", "pobj"):
            continue
        for ch in t.children:
            if ch.lower_ in GROUP_MARKS or (
                ch.dep_ == "nummod" and ch.lower_ not in ("one", "1", "a")
            ):
                return True
    return False
