"""The actors stage: one identity per actor, with type, country and affiliation.

Mentions come from the actor registry (``data/registry.jsonl``, extendable with the user's
own files), spaCy entities, acronyms defined in the text, titles, surnames and a conservative
"the group" anaphora. See docs/actors.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..document import Actor, Document
from ..nlp import get_spacy
from ..pipeline import Stage
from .registry import ACTOR_TYPES, Registry, load_registry
from .report import actor_table
from .resolve import preload, resolve


class ActorStage(Stage):
    """Assigns ``doc.actors``. ``registry_files`` extend/override the packaged registry; they
    are validated when the stage is built (a bad file fails there, with file and line)."""

    name = "actors"
    requires = frozenset({"doc.entities"})
    assigns = frozenset({"doc.actors"})

    def __init__(self, registry_files: Sequence[str | Path] | None = None, trace: bool = False):
        self.registry_files = tuple(str(Path(f)) for f in (registry_files or ()))
        self.registry: Registry = load_registry(self.registry_files)
        self.trace = trace  # fill each actor's ``why`` (the passes that made its mentions)
        preload(self.registry)  # alias index and place names: built once, at pipeline build

    def __call__(self, doc: Document) -> Document:
        actors = resolve(doc, get_spacy(doc), self.registry, self.trace)
        doc.actors = scope_private_people(doc.id, actors)
        if self.trace:
            for a in doc.actors:
                if a.why is not None and a.id.startswith("local:"):
                    a.why["scope"] = "a private person: an id of this document only"
        return doc


def scope_private_people(doc_id: str, actors: list[Actor]) -> list[Actor]:
    """Ethics rule: a person the registry does not know, named without any public role or
    organisation (a victim in a list, a bystander), gets an id local to this document
    (``local:<doc>:<slug>``), so the store never links one private individual across articles.
    Public figures (in the registry, or with a role or affiliation in the text) keep global ids."""
    for a in actors:
        if a.type == "person" and a.id.startswith("new:") and not a.role and not a.affiliation:
            a.id = f"{LOCAL_PREFIX}{doc_id}:{a.id.removeprefix('new:')}"
    return actors


LOCAL_PREFIX = "local:"


def unscoped_id(actor_id: str) -> str:
    """The id a document-local private person had before scoping (``local:<doc>:<slug>`` ->
    ``new:<slug>``): the same identity inside its document; other ids are returned unchanged.
    The slug never holds a colon, so document ids may."""
    if actor_id.startswith(LOCAL_PREFIX):
        return "new:" + actor_id.rsplit(":", 1)[1]
    return actor_id


def actor_at(doc: Document, start: int, end: int) -> Actor | None:
    """The actor with a mention overlapping ``[start, end)``: the one whose mention ends last
    (the head of an English noun phrase is at its end: "the UN's Lyons" -> Lyons), then the
    longest."""
    best: tuple[int, int] | None = None
    found: Actor | None = None
    for a in doc.actors:
        for m in a.mentions:
            if m.start < end and m.end > start:
                score = (min(m.end, end), m.end - m.start)
                if best is None or score > best:
                    best, found = score, a
    return found


def actors_in_span(doc: Document, start: int, end: int) -> list[Actor]:
    """Every actor with a mention overlapping ``[start, end)``, in order of that mention."""
    hits: list[tuple[int, Actor]] = []
    for a in doc.actors:
        firsts = [m.start for m in a.mentions if m.start < end and m.end > start]
        if firsts:
            hits.append((min(firsts), a))
    return [a for _, a in sorted(hits, key=lambda x: x[0])]


__all__ = [
    "ACTOR_TYPES",
    "ActorStage",
    "actor_at",
    "actor_table",
    "actors_in_span",
    "load_registry",
    "unscoped_id",
]
