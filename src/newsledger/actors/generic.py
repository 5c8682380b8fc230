"""Generic actors: "gunmen", "police", "protesters", "civilians" coded as ACLED codes them.

ACLED never leaves an actor blank: an unnamed attacker is an "Unidentified Armed Group (Country)",
unnamed police are the "Police Forces of <Country>", victims are "Civilians (Country)". This stage
runs after the places stage, because the country of a generic actor is the country the document
is about (where its places are), unless a demonym or country in the noun phrase says otherwise.
A noun that belongs to a named actor ("Taliban fighters", "ISIS-K's militants") is left to that
actor. The noun list is data: ``data/generic.tsv``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..document import Actor, Document, Mention
from ..errors import DataFileError
from ..nlp import get_spacy
from ..pipeline import Stage
from ..places import country_name
from .registry import Registry, load_registry

ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "agent", "attr", "ROOT"}
KIND_NAMES = {
    "armed": "Unidentified Armed Group",
    "protesters": "Protesters",
    "rioters": "Rioters",
    "civilians": "Civilians",
}


@dataclass(frozen=True)
class GenericNoun:
    lemma: str
    kind: str
    type: str


@lru_cache(maxsize=1)
def generic_nouns() -> dict[str, GenericNoun]:
    text = resources.files("newsledger.actors").joinpath("data/generic.tsv").read_text("utf-8")
    table: dict[str, GenericNoun] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise DataFileError("expected lemma<TAB>kind<TAB>type", source="generic.tsv", line=n)
        lemma, kind, typ = parts
        if kind not in {*KIND_NAMES, "police", "military"}:
            raise DataFileError(f"unknown kind {kind!r}", source="generic.tsv", line=n)
        table[lemma] = GenericNoun(lemma, kind, typ)
    return table


def document_country(doc: Document) -> str | None:
    """The country most of the document's places (outside boilerplate) are in."""
    votes: Counter[str] = Counter()
    for p in doc.places:
        if p.country:
            n = sum(1 for m in p.mentions if doc.section_at(m.start) != "boilerplate")
            votes[p.country] += n
    return votes.most_common(1)[0][0] if votes else None


class GenericActorStage(Stage):
    """Adds generic actors (see module docstring) to ``doc.actors``."""

    name = "generic_actors"
    requires = frozenset({"doc.actors", "doc.places"})
    assigns = frozenset({"doc.generic_actors"})

    def __init__(self, registry_files: Sequence[str | Path] | None = None) -> None:
        self.nouns = generic_nouns()
        # the same (cached) registry the actors stage uses, user files included
        self.registry: Registry = load_registry(tuple(str(Path(f)) for f in registry_files or ()))

    def __call__(self, doc: Document) -> Document:
        sdoc = get_spacy(doc)
        covered = [(m.start, m.end) for a in doc.actors for m in a.mentions]
        by_id = {a.id: a for a in doc.actors}
        country = document_country(doc)
        for tok in sdoc:
            noun = self.nouns.get(tok.lower_) or self.nouns.get(tok.lemma_.lower())
            if noun is None or tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ not in ARGUMENT_DEPS:
                continue
            if doc.section_at(tok.idx) == "boilerplate" or _inside(tok, covered):
                continue
            if any(
                _inside(t, covered)
                for t in tok.children
                if t.dep_ in ("compound", "poss", "amod", "nmod")
            ):
                continue  # "Taliban fighters", "the group's militants": the named actor's own
            span = _mention_span(tok)
            actor_id, name, cc = self._identity(noun, country)
            actor = by_id.get(actor_id)
            if actor is None:
                actor = Actor(actor_id, name, noun.type, country=cc)
                by_id[actor_id] = actor
                doc.actors.append(actor)
            actor.mentions.append(Mention(doc.text[span[0] : span[1]], span[0], span[1]))
            covered.append(span)
        return doc

    def _identity(self, noun: GenericNoun, country: str | None) -> tuple[str, str, str | None]:
        cc = country.lower() if country else None
        if noun.kind in ("police", "military"):
            suffix = "police" if noun.kind == "police" else "forces"
            rec = self.registry.get(f"{cc}-{suffix}") if cc else None
            if rec is not None:
                return rec.id, rec.name, country
            label = "Police Forces" if noun.kind == "police" else "Military Forces"
            return f"generic:{noun.kind}", f"{label} (unknown country)", None
        label = KIND_NAMES[noun.kind]
        if country:
            return f"generic:{noun.kind}:{cc}", f"{label} ({country_name(country)})", country
        return f"generic:{noun.kind}", label, None


def _inside(tok: Any, spans: list[tuple[int, int]]) -> bool:
    return any(s <= tok.idx < e for s, e in spans)


def _mention_span(tok: Any) -> tuple[int, int]:
    """The noun with its adjectival modifiers ("armed gunmen", "unidentified attackers")."""
    left = [t for t in tok.lefts if t.dep_ in ("amod", "compound") and t.i == tok.i - 1]
    start = left[0].idx if left else tok.idx
    return start, tok.idx + len(tok.text)
