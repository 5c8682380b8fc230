"""The sub-type classifier's TF-IDF features without scikit-learn (numpy only).

The shipped model (``data/subtype_model.npz``) was fitted with scikit-learn's
``TfidfVectorizer`` (word 1-2-grams without English stop words; ``char_wb`` 3-5-grams;
sublinear tf, l2 per block). Scoring needs only its vocabularies, idf weights and linear
coefficients, so the analysers are written out here as scikit-learn writes them
(``_word_ngrams``, ``_char_wb_ngrams``) and the scores are sums over each text's few present
features: the same scores (``tests/test_events_classifier.py`` compares them with scikit-learn's
pipeline), without importing scikit-learn and SciPy (95 MB and about 0.7 s at start-up).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

STOP_WORDS_PATH = Path(__file__).parent / "data" / "english_stop_words.txt"
TOKEN = re.compile(r"(?u)\b\w\w+\b")  # CountVectorizer's default token_pattern
WHITE_SPACES = re.compile(r"\s\s+")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """scikit-learn's English stop words (the data file says where they come from)."""
    lines = STOP_WORDS_PATH.read_text("utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def word_grams(text: str) -> list[str]:
    """Word 1- and 2-grams of the lower-cased text, stop words dropped first."""
    stop = stop_words()
    toks = [t for t in TOKEN.findall(text.lower()) if t not in stop]
    return toks + [f"{a} {b}" for a, b in itertools.pairwise(toks)]


def char_wb_grams(text: str, lo: int = 3, hi: int = 5) -> list[str]:
    """Character ``lo``..``hi``-grams inside each space-padded word of the lower-cased text."""
    out: list[str] = []
    for w in WHITE_SPACES.sub(" ", text.lower()).split():
        w = f" {w} "
        n_w = len(w)
        for n in range(lo, hi + 1):
            offset = 0
            out.append(w[offset : offset + n])
            while offset + n < n_w:
                offset += 1
                out.append(w[offset : offset + n])
            if offset == 0:  # a short word is counted once
                break
    return out


class Block:
    """One TF-IDF block: its vocabulary (term -> column), idf weights and analyser."""

    def __init__(self, terms: Sequence[str], idf: Any, analyzer: str):
        self.index = {t: i for i, t in enumerate(terms)}
        self.idf = np.asarray(idf, dtype=np.float64)
        self.grams = word_grams if analyzer == "word" else char_wb_grams

    def __len__(self) -> int:
        return len(self.index)

    def features(self, text: str) -> tuple[Any, Any]:
        """(columns, values) of ``text``'s row: sublinear tf times idf, l2-normalised."""
        index = self.index
        # every gram counted in C, then the vocabulary's kept in first-seen order (the same
        # columns, values and order as counting only the vocabulary's grams)
        counts = {g: k for g, k in Counter(self.grams(text)).items() if g in index}
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        cols = np.fromiter((index[g] for g in counts), dtype=np.int64, count=len(counts))
        vals = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64))) * self.idf[cols]
        norm = np.sqrt(vals @ vals)
        return cols, (vals / norm if norm > 0 else vals)


def scores(blocks: Sequence[Block], cues: Any, coef: Any, intercept: Any, texts: list[str]) -> Any:
    """``[blocks..., cues] @ coef.T + intercept`` for ``texts`` (``cues``: a dense matrix,
    one row per text, of the columns after the blocks')."""
    out = np.empty((len(texts), coef.shape[0]), dtype=np.float64)
    n_blocks = sum(len(b) for b in blocks)
    cue_coef = coef[:, n_blocks:]
    for i, text in enumerate(texts):
        d = np.array(intercept, dtype=np.float64, copy=True)
        offset = 0
        for b in blocks:
            cols, vals = b.features(text)
            if len(cols):
                d += coef[:, offset + cols] @ vals
            offset += len(b)
        out[i] = d + cue_coef @ cues[i]
    return out


__all__ = ["Block", "char_wb_grams", "scores", "stop_words", "word_grams"]
