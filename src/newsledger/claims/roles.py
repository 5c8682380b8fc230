"""Role nouns and group words tied to the names the text gave them (fourth speaker pass).

- ``role.named``: a definite role noun alone as speaker ("The judge said", "the campaign
  manager said") names the latest person the text gave that role before — as a title before
  the name ("Judge Alicia Moreno") or in apposition ("Derek Mulvaney, the state's chief
  election official"; "The senator, Lucas Brandvold, …") — within the role reach, rather than
  only the previous person speaker.
- ``group.norp``: a "they" whose antecedent is a nationality or party word that modifies a
  plural subject ("Democratic leaders met … They said") is the group as the text named it
  ("Democratic leaders"), not the adjective alone.
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from typing import Any

from ..vocab import word_list

_SUBJECTS = ("nsubj", "nsubjpass")


def role_words(ent: Any) -> set[str]:
    """The role nouns the text ties to a person entity: a title compound right before the
    name, the head of an apposition to it, or the noun it stands in apposition to."""
    root = ent.root
    words = {t.lemma_.lower() for t in ent if t.dep_ == "compound" and t.pos_ != "PROPN"}
    doc = ent.doc
    i = ent.start - 1
    while i >= 0 and doc[i].dep_ == "compound" and doc[i].head.i >= ent.start:
        words.add(doc[i].lemma_.lower())
        i -= 1
    for c in root.children:
        if c.dep_ == "appos" and c.pos_ == "NOUN":
            words.add(c.lemma_.lower())
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        words.add(root.head.lemma_.lower())
    return words


def role_holders(ents: list[Any], ends: list[int], tok: Any, offset: int, reach: int) -> list[Any]:
    """The person entities before ``tok`` (within ``reach`` characters, not inside the
    content that starts at ``offset``) that the text gives the role noun ``tok``, latest
    first. ``ends``: the entities' end offsets (read once per document)."""
    lemma = tok.lemma_.lower()
    found = []
    for k in range(bisect.bisect_right(ends, tok.idx) - 1, -1, -1):
        e = ents[k]
        if tok.idx - e.end_char > reach:
            break
        if offset <= e.start_char < tok.idx:
            continue
        if lemma in role_words(e):
            found.append(e)
    return found


def norp_group(ent: Any) -> str | None:
    """ "Democratic leaders" for the NORP entity "Democratic" that modifies a plural subject
    noun; None otherwise."""
    head = ent.root.head
    if ent.root.dep_ not in ("amod", "compound") or head.tag_ != "NNS":
        return None
    if head.dep_ not in _SUBJECTS:
        return None
    lo = min((t.i for t in head.lefts), default=head.i)
    words = [t for t in ent.doc[lo : head.i + 1] if t.dep_ != "det"]
    return " ".join(t.text for t in words) or None


def named_subject(ent: Any) -> bool:
    """The person entity is a subject, or stands in apposition, set off by a comma, to a
    subject that no possessive holds ("The Republican nominee, Gordon Ashby, held a rally":
    ``pron.appos``; not "Her father Khaled was …")."""
    root = ent.root
    if root.dep_ in _SUBJECTS:
        return True
    head = root.head
    return (
        root.dep_ == "appos"
        and head.dep_ in _SUBJECTS
        and ent.start > 0
        and ent.doc[ent.start - 1].text == ","
        and not any(c.dep_ == "poss" for c in head.children)
    )


def person_by_role(ent: Any, speaker_nouns: dict[str, str]) -> bool:
    """A name of two to four capitalised words the tagger typed otherwise, with a person's
    role noun in apposition ("Nadia Fenwick, the chair of the party, …": ``person.role``)."""
    if ent.label_ == "PERSON" or not 2 <= len(ent) <= 4:
        return False
    if not all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.text.isalpha() for t in ent):
        return False
    return any(
        c.dep_ == "appos" and c.tag_ == "NN" and speaker_nouns.get(c.lemma_.lower()) == "person"
        for c in ent.root.children
    )


_PLACE_ORG = ("GPE", "ORG", "NORP", "LOC", "FAC")


def name_past_of(tok: Any) -> Any:
    """A role noun's name that the parse hung on the place or organisation of its of/for
    phrase ("the interior minister of Valdora, Petra Lindqvist, said": Lindqvist; rule
    ``role.ofappos``); not when that phrase names a person or a role ("the spokesman for the
    president, Donald Trump")."""
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "for", "at"):
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj" or pobj.ent_type_ == "PERSON":
                continue
            if pobj.ent_type_ not in _PLACE_ORG and pobj.pos_ != "PROPN":
                continue
            for c in pobj.children:
                if c.dep_ != "appos":
                    continue
                words = [t for t in c.subtree if t.i <= c.i]
                if c.ent_type_ == "PERSON" or (
                    2 <= len(words) <= 4
                    and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words)
                ):
                    return c
    return None


#: Titles before a name and the gender they give (the speakers' pronoun resolution).
TITLE_GENDER = {
    "mr": "m",
    "mr.": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "sir": "m",
    "madam": "f",
    "lord": "m",
    "lady": "f",
}


@lru_cache(maxsize=1)
def _name_prefixes() -> frozenset[str]:
    """Words before a name that are no part of it: titles (those of :data:`TITLE_GENDER`, Miss,
    Dr, Prof) and role words (vocab ``role_words``)."""
    titles = {t.rstrip(".") for t in TITLE_GENDER} | {"miss", "dr", "prof"}
    return frozenset(titles) | word_list("role_words", "actor_words.tsv")


def untitled(name: str) -> str:
    """A name without the titles and role words before it ("Superintendent Jennifer McCormick":
    Jennifer McCormick; vocab ``role_words``, Mr, Dr ...), two words at least left."""
    words = name.split()
    prefixes = _name_prefixes()
    while len(words) > 2 and words[0].lower().rstrip(".") in prefixes:
        words = words[1:]
    return " ".join(words)
