"""A learned reading of the sentences no plover.toml cue codes (rule ``plover.model``).

The cue rules name an act by its words; a sentence that says it with a verb no rule lists
("helicopter gunships rocketed the positions", "police hauled in the opposition leader") has no
act. This pass gives such a sentence the PLOVER category a small model reads from the meaning of
its main clause, when a political party is that clause's subject:

1. :func:`model_candidate` -- the sentence's main verb (through a verb of speech to what was
   said: "X said Y shelled Z" reads "Y shelled Z"; not the simple present of a description
   outside a headline), when its subject is a political party (a state, organisation, armed
   group, official, or a country's word) and the cue rules found no act.
2. :func:`clause_text` -- the verb's clause without its subordinate clauses, datelines and
   asides, at most :data:`MAX_TOKENS` tokens.
3. :func:`classify` -- the MiniLM vector (:mod:`.embed`) of every candidate clause of the
   document in one call, through a multinomial logistic regression over the sixteen categories
   and ``NONE`` (``data/plover_model.npz``, trained by ``python bench/plover_model/train.py``).
   A category is taken when its probability reaches the model's threshold, chosen by
   cross-validation so that few clauses that report no act get one.

The category then goes through the same negation, modality and argument rules as a cue's
(:func:`.plover.sentence_act`), and the act keeps the rule id and probability in its trace.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..document import Document
from .plover_codebook import Cue, codebook
from .plover_parties import party, political, source_token
from .rules import DATA

MODEL_PATH = DATA / "plover_model.npz"
MAX_TOKENS = 32
#: Children whose subtrees are not the act's own clause.
_ASIDE_DEPS = frozenset(
    {"advcl", "relcl", "ccomp", "parataxis", "npadvmod", "appos", "mark", "cc", "conj", "punct"}
)


@dataclass(frozen=True)
class PloverModel:
    weights: Any  # (classes, 384)
    bias: Any  # (classes,)
    classes: tuple[str, ...]  # the sixteen categories and NONE
    threshold: float

    def proba(self, x: Any) -> Any:
        z = np.asarray(x, dtype=np.float64) @ self.weights.T + self.bias
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def save(self, path: Path = MODEL_PATH) -> None:
        np.savez_compressed(
            path,
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
            classes=np.array(self.classes),
            threshold=np.array(self.threshold),
        )


@lru_cache(maxsize=1)
def shipped_model() -> PloverModel | None:
    """The model of ``data/plover_model.npz``, or None when it is not there."""
    if not MODEL_PATH.exists():
        return None
    z = np.load(MODEL_PATH, allow_pickle=False)
    classes = tuple(str(c) for c in z["classes"])
    unknown = set(classes) - set(codebook().categories) - {"NONE"}
    if unknown:
        from ..errors import DataFileError

        raise DataFileError(f"events: {MODEL_PATH.name}: unknown categories {sorted(unknown)}")
    return PloverModel(
        z["weights"].astype(np.float64),
        z["bias"].astype(np.float64),
        classes,
        float(z["threshold"]),
    )


def main_verb(sent: Any, headline: bool = False) -> Any:
    """The sentence's main verb, or what a verb of speech governs ("X said Y shelled Z"); not a
    verb in the simple present outside a headline (a description: "protesters wear masks")."""
    tok = sent.root
    speech = codebook().modality.get("speech_verbs", ())
    for _ in range(2):
        if tok.lemma_.lower() not in speech:
            break
        inner = next((c for c in tok.children if c.dep_ == "ccomp" and c.pos_ == "VERB"), None)
        if inner is None:  # what was said is no clause of its own: a statement, no act
            return None
        tok = inner
    if tok.pos_ != "VERB" or tok.lemma_.lower() in speech:
        return None
    if tok.tag_ in ("VBP", "VBZ") and not headline:
        return None  # the simple present of a description ("protesters wear masks"), not a report
    return tok


def clause_text(tok: Any) -> str:
    """The verb's clause without subordinate clauses, datelines and asides."""
    keep: list[Any] = []

    def walk(t: Any) -> None:
        keep.append(t)
        for c in t.children:
            if c.dep_ not in _ASIDE_DEPS:
                walk(c)

    walk(tok)
    keep.sort(key=lambda t: t.i)
    return " ".join(t.text for t in keep[:MAX_TOKENS])


def classify(model: PloverModel, texts: list[str], embed: Any = None) -> list[tuple[str, float]]:
    """(category or NONE, probability) of each clause: the best category when it reaches the
    model's threshold, else NONE."""
    if not texts:
        return []
    if embed is None:
        from .embed import embed
    probs = model.proba(embed(texts))
    none = model.classes.index("NONE")
    out = []
    for row in probs:
        row = row.copy()
        row[none] = -1.0
        best = int(row.argmax())
        out.append(
            (model.classes[best], float(row[best]))
            if row[best] >= model.threshold
            else ("NONE", float(row[best]))
        )
    return out


def model_candidate(doc: Document, sent: Any, section: str | None = None) -> Any:
    """The main verb the model reads (:func:`main_verb`) when its subject is a political party
    of its own (a state, organisation, armed group, official or a country's word), or None.
    ``section``: the sentence's section when the caller has it."""
    section = section or doc.section_at(sent.start_char)
    tok = main_verb(sent, section == "headline")
    if tok is None:
        return None
    aid, code = party(doc, source_token(tok))
    return tok if political(doc, aid, code, True) else None


def model_reads(pending: list[tuple[Any, Any]]) -> list[tuple[Any, Any, str, float]]:
    """(sentence, verb, category, probability) of the candidates the model gives a category, in
    one embedding call; none without the model file."""
    model = shipped_model() if pending else None
    if model is None:
        return []
    labels = classify(model, [clause_text(tok) for _, tok in pending])
    return [
        (sent, tok, category, p)
        for (sent, tok), (category, p) in zip(pending, labels, strict=True)
        if category != "NONE" and category not in _declined_categories(tok.lemma_.lower())
    ]


def _declined_categories(lemma: str) -> set[str]:
    """The categories whose cues name the verb: their conditions did not hold, so the rules
    declined that reading ("the president left Lima" is no retreat: troops leave); the model
    may read it as another category only."""
    return {c.category for c in codebook().by_lemma.get(("verb", lemma), ())}


@lru_cache(maxsize=32)
def model_cue(category: str) -> Cue:
    """The cue an act read by the model carries (id ``plover.model``)."""
    return Cue(
        "plover.model", category, "", frozenset(), frozenset(), frozenset(), frozenset(),
        frozenset(), frozenset(), frozenset(), False, -100, None, False,
        "the category read by the PLOVER model (events/plover_model.py)", "",
    )  # fmt: skip


__all__ = [
    "PloverModel",
    "classify",
    "clause_text",
    "main_verb",
    "model_candidate",
    "model_cue",
    "model_reads",
    "shipped_model",
]
