"""The ACLED sub-event type classifier: TF-IDF n-grams plus codebook cue features, linear model.

Trained by :mod:`newsledger.events.train` on labelled snippets; the shipped model lives in
``data/subtype_model.npz``. The stage only calls it on sentences the trigger rules flagged.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

DATA = Path(__file__).parent / "data"
MODEL_PATH = DATA / "subtype_model.npz"
NONE_LABEL = "NONE"  # "no ACLED event" (the unseen CASE types are trained as this)


@lru_cache(maxsize=1)
def codebook() -> dict[str, Any]:
    """The project's codebook (data/codebook.json): sub-type -> type, definition, cues."""
    return json.loads((DATA / "codebook.json").read_text("utf-8"))  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def cue_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """One compiled alternation per sub-type, in codebook order."""
    out = []
    for sub, spec in codebook()["subtypes"].items():
        alt = "|".join(f"(?:{c})" for c in spec["cues"])
        out.append((sub, re.compile(rf"\b(?:{alt})\b", re.IGNORECASE)))
    return out


@lru_cache(maxsize=1)
def cue_by_subtype() -> dict[str, re.Pattern[str]]:
    """:func:`cue_patterns` by sub-type (built once)."""
    return dict(cue_patterns())


@lru_cache(maxsize=1)
def _lower_cue_patterns() -> list[re.Pattern[str]]:
    """:func:`cue_patterns` for lower-cased text (the cues are lower case; twice as fast)."""
    return [re.compile(p.pattern) for _, p in cue_patterns()]


@lru_cache(maxsize=1)
def composite_patterns() -> tuple[dict[str, re.Pattern[str]], dict[str, dict[str, list[str]]]]:
    """Named patterns (for lower-cased text) and the composite cues built from them
    (codebook.json)."""
    cb = codebook()
    pats = {k: re.compile(rf"\b(?:{v})\b") for k, v in cb.get("patterns", {}).items()}
    return pats, cb.get("composites", {})


def composite_features(text: str) -> list[float]:
    """1.0/0.0 per composite cue, in codebook order."""
    text = text.lower()
    pats, comps = composite_patterns()
    first = {}
    for k, p in pats.items():
        m = p.search(text)
        first[k] = m.start() if m else None
    out = []
    for spec in comps.values():
        ok = all(first[k] is not None for k in spec.get("all", []))
        ok = ok and all(first[k] is None for k in spec.get("none", []))
        order = spec.get("order")
        if ok and order:
            a, b = first[order[0]], first[order[1]]
            ok = a is not None and (b is None or a < b)
        out.append(1.0 if ok else 0.0)
    return out


def subtype_type(subtype: str | None) -> str | None:
    """The ACLED event type of a sub-event type."""
    if not subtype:
        return None
    spec = codebook()["subtypes"].get(subtype)
    return spec["type"] if spec else None


def code_to_subtype() -> dict[str, str]:
    """CASE 2021 code (e.g. ``SUIC_BOMB``) -> ACLED sub-event type."""
    return {spec["code"]: sub for sub, spec in codebook()["subtypes"].items()}


class CueFeatures:
    """Sklearn transformer: per sub-type, ``weight * log(1 + cue matches)`` in the text."""

    def __init__(self, weight: float = 1.0):
        self.weight = weight

    def fit(self, X: list[str], y: Any = None) -> CueFeatures:
        return self

    def transform(self, X: list[str]) -> Any:
        from scipy.sparse import csr_matrix

        return csr_matrix(self.dense(X))

    def dense(self, X: list[str]) -> Any:
        """:meth:`transform` as a dense array (no SciPy)."""
        pats = _lower_cue_patterns()
        ncomp = len(composite_patterns()[1])
        m = np.zeros((len(X), len(pats) + ncomp), dtype=np.float64)
        for i, text in enumerate(X):
            low = text.lower()
            for j, p in enumerate(pats):
                n = len(p.findall(low))
                if n:
                    m[i, j] = self.weight * np.log1p(n)
            if ncomp:
                m[i, len(pats) :] = np.array(composite_features(text)) * self.weight
        return m

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {"weight": self.weight}

    def set_params(self, **params: Any) -> CueFeatures:
        self.weight = params.get("weight", self.weight)
        return self


#: Weight of the sentence-embedding model's standardised decision values against the TF-IDF
#: ensemble's (5-fold CV, weighted F1 of the classifier: 0.82 for 3-5, 0.80 for 2 and 6; see
#: docs/events.md) and the regularisation of its logistic regression (C 2-8 agree within 0.01).
EMB_WEIGHT = 4.0
EMB_C = 4.0


def build_text_model(cue_weight: float = 1.0, C: float = 0.5, lr_C: float = 20.0) -> Any:
    """An unfitted scikit-learn pipeline: word + char TF-IDF and cue features into a linear
    SVM + logistic regression ensemble (:class:`LinearEnsemble`)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion, make_pipeline

    from .ensemble import LinearEnsemble

    feats = FeatureUnion(
        [
            ("word", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words="english")),
            (
                "char",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, max_features=30000
                ),
            ),
            ("cues", CueFeatures(cue_weight)),
        ]
    )
    return make_pipeline(feats, LinearEnsemble(C_svm=C, C_lr=lr_C))


def build_model(embeddings: bool = True, emb_weight: float = EMB_WEIGHT) -> Any:
    """An unfitted classifier: the TF-IDF ensemble (:func:`build_text_model`), stacked with a
    logistic regression over MiniLM sentence embeddings unless ``embeddings`` is False
    (:class:`~.ensemble.StackedModel`)."""
    if not embeddings:
        return build_text_model()
    from .ensemble import StackedModel

    return StackedModel(build_text_model(), emb_weight=emb_weight, emb_C=EMB_C)


def export_model(model: Any, path: Path = MODEL_PATH) -> None:
    """Write a fitted :func:`build_model` classifier as plain arrays (``.npz``): vocabularies,
    idf weights, the linear models (TF-IDF ensemble; embedding model and its weight when
    stacked). No pickle: any scikit-learn version reads it back."""
    text = getattr(model, "text_model", model)
    union = text.steps[0][1]
    parts = dict(union.transformer_list)
    svm = text.steps[-1][1]
    arrays: dict[str, Any] = {
        "classes": np.array([str(c) for c in svm.classes_]),
        "coef": np.asarray(svm.coef_, dtype=np.float32),
        "intercept": np.asarray(svm.intercept_, dtype=np.float64),
        "cue_weight": np.array([parts["cues"].weight]),
    }
    for name in ("word", "char"):
        vec = parts[name]
        terms = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
        arrays[f"{name}_terms"] = np.array(terms)
        arrays[f"{name}_idf"] = np.asarray(vec.idf_, dtype=np.float64)
    if hasattr(model, "emb_coef_"):
        arrays["emb_coef"] = np.asarray(model.emb_coef_, dtype=np.float32)
        arrays["emb_intercept"] = np.asarray(model.emb_intercept_, dtype=np.float64)
        arrays["emb_weight"] = np.array([model.emb_weight])
    np.savez_compressed(path, **arrays)


def embedding_scores(vectors: Any | None, texts: list[str], coef: Any, intercept: Any) -> Any:
    """``E @ coef.T + intercept`` for the texts' embeddings (computed now unless ``vectors``
    is given); 0 for rows of zeros (texts that get no embedding half)."""
    if vectors is None:
        from .embed import embed

        vectors = embed(texts)
    v = np.asarray(vectors, dtype=np.float64)
    out = v @ np.asarray(coef, dtype=np.float64).T + intercept
    out[~v.any(axis=1)] = 0.0
    return out


class LinearModel:
    """The shipped classifier, rebuilt from :func:`export_model`'s arrays: the same scores as
    the fitted pipeline (sublinear TF-IDF, l2 per block, cue features, ``X @ coef.T + b``),
    computed without scikit-learn (:mod:`.vectorize`)."""

    def __init__(self, arrays: Any):
        from .vectorize import Block

        self.classes_ = np.array([str(c) for c in arrays["classes"]])
        self.coef = np.asarray(arrays["coef"], dtype=np.float64)
        self.intercept = np.asarray(arrays["intercept"], dtype=np.float64)
        self.cues = CueFeatures(float(arrays["cue_weight"][0]))
        self.terms = [Block([str(t) for t in arrays[f"{n}_terms"]], arrays[f"{n}_idf"], n)
                      for n in ("word", "char")]  # fmt: skip
        self.emb_coef = self.emb_intercept = None
        self.emb_weight = 0.0
        if "emb_coef" in arrays:
            self.emb_coef = np.asarray(arrays["emb_coef"], dtype=np.float64)
            self.emb_intercept = np.asarray(arrays["emb_intercept"], dtype=np.float64)
            self.emb_weight = float(arrays["emb_weight"][0])

    def transform(self, texts: list[str]) -> Any:
        """The feature matrix as scikit-learn's vectorisers make it (SciPy sparse; for checks:
        :meth:`decision_function` does without it)."""
        from scipy.sparse import diags, hstack
        from sklearn.feature_extraction.text import CountVectorizer
        from sklearn.preprocessing import normalize

        mats = []
        for block, kw in zip(self.terms, (
            {"ngram_range": (1, 2), "stop_words": "english"},
            {"analyzer": "char_wb", "ngram_range": (3, 5)},
        ), strict=True):  # fmt: skip
            vec = CountVectorizer(vocabulary=block.index, **kw)
            x = vec.transform(texts).astype(np.float64)
            x.data = 1.0 + np.log(x.data)
            mats.append(normalize(x @ diags(block.idf), norm="l2"))
        mats.append(self.cues.transform(texts))
        return hstack(mats).tocsr()

    @property
    def has_embeddings(self) -> bool:
        """Whether the file holds the sentence-embedding half of the model."""
        return self.emb_coef is not None

    def decision_function(
        self, texts: list[str], embeddings: bool = True, vectors: Any | None = None
    ) -> Any:
        """Scores per class; the embedding half is added when the file has it and
        ``embeddings`` is True (without it, the TF-IDF ensemble alone).
        ``vectors``: the texts' embeddings when already known (rows of zeros: no embedding
        half for that text)."""
        from .vectorize import scores

        d = scores(self.terms, self.cues.dense(texts), self.coef, self.intercept, texts)
        if embeddings and self.emb_coef is not None:
            d = d + embedding_scores(vectors, texts, self.emb_coef, self.emb_intercept) * (
                self.emb_weight
            )
        return d


def load_model(path: Path = MODEL_PATH) -> Any | None:
    """The shipped model (None when the file is missing or unreadable)."""
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as arrays:
            return LinearModel(arrays)
    except Exception:  # a damaged file must not break the stage: no sub-type classifier then
        return None


@lru_cache(maxsize=1)
def shipped_model() -> Any | None:
    """The shipped model, loaded once per process."""
    return load_model()


class SubtypeClassifier:
    """``classify(text, allowed_types)`` -> ``(subtype, confidence)`` or None, over a fitted model."""

    def __init__(self, model: Any | None = None, embeddings: bool = True):
        self.model = model if model is not None else shipped_model()
        self.embeddings = embeddings
        self._c2s = code_to_subtype()
        self._cache: dict[str, Any] = {}
        self._labels: list[str] = []

    def scores(
        self, texts: list[str], parts: dict[str, list[str]] | None = None
    ) -> tuple[list[str], Any]:
        """(labels, decision matrix) with labels as ACLED sub-types (or NONE_LABEL).
        ``parts``: texts whose embedding is the mean of other texts' (a paragraph: its
        sentences; an empty list: no embedding half for that text)."""
        if not self.embeddings:
            d = np.asarray(self.model.decision_function(texts, embeddings=False))
        elif parts is None or not getattr(self.model, "has_embeddings", False):
            d = np.asarray(self.model.decision_function(texts))
        else:
            d = np.asarray(self.model.decision_function(texts, vectors=vectors(texts, parts)))
        labels = [
            self._c2s.get(c, c if c in codebook()["subtypes"] else NONE_LABEL)
            for c in self.model.classes_
        ]
        return labels, d

    def __call__(
        self, text: str, allowed_types: list[str] | None = None
    ) -> tuple[str, float] | None:
        if self.model is None:
            return None
        row = self._cache.get(text)
        if row is None:
            self.prime([text], keep=True)
            row = self._cache[text]
        return best_allowed(self._labels, row, allowed_types)

    def row(self, text: str) -> tuple[list[str], Any] | None:
        """``(labels, decision row)`` of ``text`` (scored now unless primed), None without a model."""
        if self.model is None:
            return None
        if text not in self._cache:
            self.prime([text], keep=True)
        return self._labels, self._cache[text]

    def prime(
        self, texts: list[str], keep: bool = False, parts: dict[str, list[str]] | None = None
    ) -> None:
        """Score ``texts`` in one batch (scikit-learn's per-call overhead dominates single
        sentences); later calls on them are lookups. The previous batch is dropped unless
        ``keep``. ``parts``: see :meth:`scores`."""
        if self.model is None:
            return
        todo = (
            list(dict.fromkeys(t for t in texts if t not in self._cache))
            if keep
            else list(dict.fromkeys(texts))
        )
        if not keep:
            self._cache = {}
        if not todo:
            return
        labels, d = self.scores(todo, parts)
        self._labels = labels
        for t, row in zip(todo, d, strict=True):
            self._cache[t] = row


def vectors(texts: list[str], parts: dict[str, list[str]]) -> Any:
    """Sentence embeddings of ``texts`` (:mod:`.embed`): a text in ``parts`` gets the
    normalised mean of its parts' vectors (zeros for none: no embedding half), so a paragraph
    costs nothing beyond its sentences; the others are embedded themselves."""
    from .embed import DIM, embed

    own = [t for t in texts if t not in parts]
    need = list(dict.fromkeys([*own, *(p for t in texts for p in parts.get(t, []))]))
    vec = dict(zip(need, embed(need), strict=True)) if need else {}
    out = np.zeros((len(texts), DIM), dtype=np.float64)
    for i, t in enumerate(texts):
        if t not in parts:
            out[i] = vec[t]
        elif parts[t]:
            v = np.mean([vec[p] for p in parts[t]], axis=0)
            out[i] = v / (np.linalg.norm(v) or 1.0)
    return out


def best_allowed(
    labels: list[str], row: Any, allowed_types: list[str] | None = None
) -> tuple[str, float] | None:
    """The best-scoring sub-type whose ACLED type (or itself) is allowed; confidence from a softmax."""
    idx = [
        i
        for i, lab in enumerate(labels)
        if lab != NONE_LABEL
        and (not allowed_types or subtype_type(lab) in allowed_types or lab in allowed_types)
    ]
    if not idx:
        return None
    sc = np.array([row[i] for i in idx], dtype=float)
    p = np.exp((sc - sc.max()) * 3.0)
    p /= p.sum()
    k = int(p.argmax())
    return labels[idx[k]], float(p[k])


#: Weight of "the trigger rules found this sub-type in the sentence" against the classifier's
#: standardised score in :func:`vote` (0.5 measured best of 0.25-1.5 in 5-fold CV; see docs/events.md).
RULE_BONUS = 0.5


def vote(labels: list[str], row: Any, found: set[str], bonus: float = RULE_BONUS) -> str | None:
    """The sub-type both halves agree on best: the classifier's standardised scores plus
    ``bonus`` for every sub-type the trigger rules found (None: no ACLED label)."""
    r = np.asarray(row, dtype=float)
    z = (r - r.mean()) / (r.std() or 1.0)
    best, best_s = None, -1e9
    for i, lab in enumerate(labels):
        if lab == NONE_LABEL:
            continue
        sc = z[i] + (bonus if lab in found else 0.0)
        if sc > best_s:
            best, best_s = lab, sc
    return best
