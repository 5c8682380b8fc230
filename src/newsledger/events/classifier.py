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
        return csr_matrix(m)

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {"weight": self.weight}

    def set_params(self, **params: Any) -> CueFeatures:
        self.weight = params.get("weight", self.weight)
        return self


def build_model(cue_weight: float = 1.0, C: float = 0.5, lr_C: float = 20.0) -> Any:
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


def export_model(model: Any, path: Path = MODEL_PATH) -> None:
    """Write a fitted :func:`build_model` pipeline as plain arrays (``.npz``): vocabularies,
    idf weights, the linear model. No pickle: any scikit-learn version reads it back."""
    union = model.steps[0][1]
    parts = dict(union.transformer_list)
    svm = model.steps[-1][1]
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
    np.savez_compressed(path, **arrays)


class LinearModel:
    """The shipped classifier, rebuilt from :func:`export_model`'s arrays: the same scores as
    the fitted pipeline (sublinear TF-IDF, l2 per block, cue features, ``X @ coef.T + b``)."""

    def __init__(self, arrays: Any):
        from sklearn.feature_extraction.text import CountVectorizer

        self.classes_ = np.array([str(c) for c in arrays["classes"]])
        self.coef = np.asarray(arrays["coef"], dtype=np.float64)
        self.intercept = np.asarray(arrays["intercept"], dtype=np.float64)
        self.cues = CueFeatures(float(arrays["cue_weight"][0]))
        self.blocks = []
        for name, kw in (
            ("word", {"ngram_range": (1, 2), "stop_words": "english"}),
            ("char", {"analyzer": "char_wb", "ngram_range": (3, 5)}),
        ):
            terms = [str(t) for t in arrays[f"{name}_terms"]]
            vec = CountVectorizer(vocabulary={t: i for i, t in enumerate(terms)}, **kw)
            self.blocks.append((vec, np.asarray(arrays[f"{name}_idf"], dtype=np.float64)))

    def transform(self, texts: list[str]) -> Any:
        from scipy.sparse import diags, hstack
        from sklearn.preprocessing import normalize

        mats = []
        for vec, idf in self.blocks:
            x = vec.transform(texts).astype(np.float64)
            x.data = 1.0 + np.log(x.data)
            mats.append(normalize(x @ diags(idf), norm="l2"))
        mats.append(self.cues.transform(texts))
        return hstack(mats).tocsr()

    def decision_function(self, texts: list[str]) -> Any:
        return np.asarray(self.transform(texts) @ self.coef.T) + self.intercept


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

    def __init__(self, model: Any | None = None):
        self.model = model if model is not None else shipped_model()
        self._c2s = code_to_subtype()
        self._cache: dict[str, Any] = {}
        self._labels: list[str] = []

    def scores(self, texts: list[str]) -> tuple[list[str], Any]:
        """(labels, decision matrix) with labels as ACLED sub-types (or NONE_LABEL)."""
        d = np.asarray(self.model.decision_function(texts))
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

    def prime(self, texts: list[str], keep: bool = False) -> None:
        """Score ``texts`` in one batch (scikit-learn's per-call overhead dominates single
        sentences); later calls on them are lookups. The previous batch is dropped unless
        ``keep``."""
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
        labels, d = self.scores(todo)
        self._labels = labels
        for t, row in zip(todo, d, strict=True):
            self._cache[t] = row


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
