"""Relevance before typing: does a document -- and each sentence of it that yields an ACLED-typed
event -- report something in ACLED's scope (political violence, demonstrations, strategic
developments among political actors)? Disease, disasters, accidents, animals, ordinary crime,
sport, business, science and metaphor ("fighting cancer") are out of scope.

Two small logistic regressions over features the stage already has (docs/events.md, "Relevance"):

- **document** (``doc``): the MiniLM vector (:mod:`.embed`) of the document's lead -- its
  headline and first body text, :data:`CONTEXT_CHARS` characters -- the one text embedded for
  relevance alone, and only in a document with an ACLED-typed event;
- **sentence** (``sentence``): the MiniLM vector of the event's sentence (the vector the sub-type
  classifier already computed for it when it typed the trigger; the others are embedded once)
  with the event's ACLED type, the types of the actors named in the sentence, fatalities and
  the section (:func:`extra_features`).

An ACLED-typed event is kept when its relevance score -- the geometric mean of the two
probabilities, ``sqrt(p_document * p_sentence)`` -- reaches one threshold (chosen by
cross-validation on the development part of the project's labelled set, bench/relevance/): one
number, so a sentence that clearly reports violence can carry a document whose lead is less
clear, and one threshold to choose rather than a pair fitted to a handful of invented events.
Both probabilities and the score are recorded in ``Event.why["relevance"]`` and the document's
probability in ``Document.relevance``. PLOVER-only events are
not gated (PLOVER's scope is wider: statements, aid, cooperation). The model file
``data/relevance_model.npz`` holds plain arrays (no pickle) and is rebuilt by
``python bench/relevance/train.py``; ``data/NOTICE`` says what it was trained on.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..document import Document, Event

DATA = Path(__file__).parent / "data"
MODEL_PATH = DATA / "relevance_model.npz"
#: Characters of the document's lead (headline first) read for the document-level vector: about
#: 40 tokens, a quarter of a long sentence's embedding cost (the embedder's cost grows with length).
CONTEXT_CHARS = 200
SECTIONS = ("headline", "body", "caption")
ACLED_TYPES = (
    "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
    "Strategic developments",
)  # fmt: skip
#: Actor types counted in an event's sentence (actors.registry.ACTOR_TYPES, 'other' left out).
ACTOR_TYPES = (
    "state", "state_force", "rebel_group", "political_party", "igo", "ngo", "media", "person",
    "civilians", "identity_group",
)  # fmt: skip
EXTRA_NAMES = (
    *(f"section={s}" for s in SECTIONS),
    *(f"type={t}" for t in ACLED_TYPES),
    *(f"actor={t}" for t in ACTOR_TYPES),
    "fatalities",
    "actor1",
    "actor2",
)


def context_text(doc: Document) -> str:
    """The document's lead: the headline, then the first body (or caption) text, up to
    :data:`CONTEXT_CHARS` characters; site furniture (``boilerplate``) is left out."""
    parts: list[str] = []
    size = 0
    sections = sorted(
        (s for s in doc.sections if s.kind != "boilerplate"),
        key=lambda s: (s.kind != "headline", s.start),
    )
    spans = [(s.start, s.end) for s in sections] or [(0, len(doc.text))]
    for a, b in spans:
        piece = " ".join(doc.text[a:b].split())
        if not piece:
            continue
        parts.append(piece[: CONTEXT_CHARS - size])
        size += len(parts[-1]) + 1
        if size >= CONTEXT_CHARS:
            break
    return " ".join(parts) or " ".join(doc.text[:CONTEXT_CHARS].split())


def sentence_text(doc: Document, ev: Event) -> str:
    """The sentence an event was found in, as the sub-type classifier embedded it."""
    return doc.text[ev.evidence.start : ev.evidence.end]


def extra_features(doc: Document, ev: Event) -> list[float]:
    """The non-embedding features of an event's sentence, in :data:`EXTRA_NAMES` order."""
    section = [1.0 if ev.evidence.section == s else 0.0 for s in SECTIONS]
    typ = [1.0 if ev.type == t else 0.0 for t in ACLED_TYPES]
    a, b = ev.evidence.start, ev.evidence.end
    named = {actor.type for actor in doc.actors if any(a <= m.start < b for m in actor.mentions)}
    actors = [1.0 if t in named else 0.0 for t in ACTOR_TYPES]
    return [
        *section,
        *typ,
        *actors,
        1.0 if ev.fatalities else 0.0,
        1.0 if ev.actor1 else 0.0,
        1.0 if ev.actor2 else 0.0,
    ]


@dataclass(frozen=True)
class RelevanceModel:
    """The two logistic regressions and the threshold of their geometric mean (see the module
    docstring)."""

    doc_coef: Any
    doc_intercept: float
    sent_coef: Any
    sent_intercept: float
    threshold: float

    @property
    def doc_threshold(self) -> float:
        """The document probability below which no sentence can reach :attr:`threshold` (even
        at probability 1): such a document's sentences are not scored."""
        return self.threshold**2

    def relevance(self, doc_p: float, sent_p: float) -> float:
        """An event's relevance score: the geometric mean of its two probabilities."""
        return float(np.sqrt(max(doc_p, 0.0) * max(sent_p, 0.0)))

    def doc_p(self, x: Any) -> Any:
        """P(the document reports an ACLED-scope event) per row of document features."""
        return _sigmoid(np.asarray(x, dtype=np.float64) @ self.doc_coef + self.doc_intercept)

    def sent_p(self, x: Any) -> Any:
        """P(the sentence reports an ACLED-scope event) per row of sentence features."""
        return _sigmoid(np.asarray(x, dtype=np.float64) @ self.sent_coef + self.sent_intercept)

    def save(self, path: Path = MODEL_PATH) -> None:
        np.savez_compressed(
            path,
            doc_coef=np.asarray(self.doc_coef, dtype=np.float32),
            doc_intercept=np.array([self.doc_intercept]),
            sent_coef=np.asarray(self.sent_coef, dtype=np.float32),
            sent_intercept=np.array([self.sent_intercept]),
            threshold=np.array([self.threshold]),
            extra_names=np.array(EXTRA_NAMES),
        )


def _sigmoid(z: Any) -> Any:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def load_model(path: Path = MODEL_PATH) -> RelevanceModel | None:
    """The model in ``path``; None when the file is missing, unreadable or was built for other
    features (then the stage gates nothing and says so in the document's warnings)."""
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as a:
            if tuple(str(n) for n in a["extra_names"]) != EXTRA_NAMES or "threshold" not in a:
                return None
            return RelevanceModel(
                np.asarray(a["doc_coef"], dtype=np.float64),
                float(a["doc_intercept"][0]),
                np.asarray(a["sent_coef"], dtype=np.float64),
                float(a["sent_intercept"][0]),
                float(a["threshold"][0]),
            )
    except (OSError, KeyError, ValueError):
        return None


@lru_cache(maxsize=1)
def shipped_model() -> RelevanceModel | None:
    """The shipped model, loaded once per process."""
    return load_model()


@dataclass
class Scored:
    """The features and probabilities of one document's ACLED-typed events."""

    doc_x: Any
    sent_x: dict[str, Any]
    doc_p: float | None = None
    sent_p: dict[str, float] | None = None


def featurise(
    doc: Document, events: list[Event], embed: Any = None, sentences: bool = True
) -> Scored:
    """Document and sentence features of ``doc`` and its ACLED-typed ``events``: one call of the
    embedder for the lead and the sentences (a sentence the classifier embedded is a cache hit).
    ``sentences`` False: the document's features only (``sent_x`` empty)."""
    if embed is None:
        from .embed import embed
    typed = [e for e in events if e.type] if sentences else []
    texts = [context_text(doc), *dict.fromkeys(sentence_text(doc, e) for e in typed)]
    vecs = dict(zip(texts, np.asarray(embed(texts), dtype=np.float64), strict=True))
    doc_x = vecs[texts[0]]
    sent_x = {
        e.id: np.concatenate([vecs[sentence_text(doc, e)], extra_features(doc, e)]) for e in typed
    }
    return Scored(doc_x, sent_x)


def score(model: RelevanceModel, scored: Scored) -> Scored:
    """Fill ``scored``'s probabilities with ``model``."""
    scored.doc_p = float(model.doc_p(scored.doc_x[None, :])[0])
    ids = list(scored.sent_x)
    p = model.sent_p(np.array([scored.sent_x[i] for i in ids])) if ids else []
    scored.sent_p = {i: float(v) for i, v in zip(ids, p, strict=True)}
    return scored


def score_document(
    doc: Document, events: list[Event], model: RelevanceModel, embed: Any = None
) -> Scored:
    """The document's probability, then -- only when it reaches ``model.doc_threshold``, since
    below it every ACLED-typed event goes anyway -- its events' sentences' (so a document out
    of scope costs one short embedding)."""
    scored = score(model, featurise(doc, events, embed, sentences=False))
    if (scored.doc_p or 0.0) >= model.doc_threshold:
        full = featurise(doc, events, embed)  # the lead's vector is a cache hit
        full.doc_p = scored.doc_p
        ids = list(full.sent_x)
        p = model.sent_p(np.array([full.sent_x[i] for i in ids])) if ids else []
        full.sent_p = {i: float(v) for i, v in zip(ids, p, strict=True)}
        return full
    return scored


def in_scope(model: RelevanceModel, doc_p: float, sent_p: float) -> bool:
    """Whether an ACLED-typed event with these probabilities is kept: its relevance score
    reaches the model's threshold."""
    return model.relevance(doc_p, sent_p) >= model.threshold


def gate(
    doc: Document,
    events: list[Event],
    model: RelevanceModel | None,
    enabled: bool = True,
    embed: Any = None,
) -> list[Event]:
    """``events`` less the ACLED-typed ones out of scope (all of them when the document is);
    records ``Document.relevance`` (left None when there is no ACLED-typed event: nothing is
    embedded then) and each ACLED-typed event's ``why["relevance"]``
    (``{"document": p, "sentence": p or None, "score": geometric mean or None, "kept": bool}``;
    the sentence is not scored when the document is out of scope). ``enabled`` False (setting ``events.relevance``) records the
    scores and drops nothing."""
    if not any(e.type for e in events):
        return events  # nothing to gate: the document is not scored (no embedding spent)
    if model is None:
        doc.warnings.append("events: no relevance model installed; events are not gated")
        return events
    scored = score_document(doc, events, model, embed)
    doc_p = scored.doc_p or 0.0
    doc.relevance = round(doc_p, 3)
    out = []
    for e in events:
        if not e.type:
            out.append(e)
            continue
        sp = (scored.sent_p or {}).get(e.id)  # None: not scored (the document is out of scope)
        kept = sp is not None and in_scope(model, doc_p, sp)
        e.why = {
            **(e.why or {}),
            "relevance": {
                "document": round(doc_p, 3),
                "sentence": None if sp is None else round(sp, 3),
                "score": None if sp is None else round(model.relevance(doc_p, sp), 3),
                "kept": kept,
            },
        }
        if kept or not enabled:
            out.append(e)
    return out


def fit_logistic(x: Any, y: Any, c: float) -> tuple[Any, float]:
    """Coefficients and intercept of an L2 logistic regression (scikit-learn, lbfgs)."""
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=c, max_iter=2000)
    lr.fit(np.asarray(x), np.asarray(y))
    return lr.coef_[0].astype(np.float64), float(lr.intercept_[0])


__all__ = [
    "CONTEXT_CHARS",
    "EXTRA_NAMES",
    "MODEL_PATH",
    "RelevanceModel",
    "Scored",
    "context_text",
    "extra_features",
    "featurise",
    "fit_logistic",
    "gate",
    "in_scope",
    "load_model",
    "score",
    "score_document",
    "shipped_model",
]
