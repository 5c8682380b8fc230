"""`newsledger eval events CASE_TSV`: ACLED sub-event typing on CASE 2021 task 2 snippets.

Protocol: stratified 5-fold cross-validation on the file itself (every snippet is predicted by
a classifier that never saw it; the project's codebook example sentences are added to each
training fold, never to a test fold; the shipped model, trained on all of the file, is never
scored on it). On a file with none of the shipped model's training snippets (held-out data) the
shipped model is scored directly. Scored over the snippets labelled with one of the 25 ACLED
sub-types.

The headline is the **stage's own output** (what users get): the real stage (spaCy + trigger
rules + the fold's classifier, with its sentence-level vote) runs on every snippet and its most
confident ACLED event gives the snippet's sub-type; a snippet without one counts as wrong.
Beside it: the classifier alone (the best of the 25 for the whole snippet) and the snippet-level
combination of both. The five unseen CASE types (ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER,
DIPLO, ATTRIB) are trained as "no ACLED event" and counted separately.
"""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

from ..events.classifier import (
    NONE_LABEL,
    SubtypeClassifier,
    best_allowed,
    code_to_subtype,
    shipped_model,
    vote,
)
from ..events.train import (
    UNSEEN,
    cross_validate_models,
    fold_rows,
    read_case,
    text_key,
    trained_keys,
)


def _f1s(gold: list[str], pred: list[str], labels: list[str]) -> dict[str, Any]:
    per: dict[str, dict[str, float]] = {}
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[lab] = {"precision": prec, "recall": rec, "f1": f1, "support": tp + fn}
    present = [lab for lab in labels if per[lab]["support"]]
    n = sum(per[lab]["support"] for lab in present)
    macro = sum(per[lab]["f1"] for lab in present) / len(present) if present else 0.0
    weighted = sum(per[lab]["f1"] * per[lab]["support"] for lab in present) / n if n else 0.0
    acc = sum(1 for g, p in zip(gold, pred, strict=True) if g == p) / len(gold) if gold else 0.0
    return {"accuracy": acc, "macro_f1": macro, "weighted_f1": weighted, "per_type": per}


def run(
    path: str,
    limit: int | None = None,
    stage: bool = True,
    embeddings: bool = True,
    embed_scope: str = "typed",
    seed: int = 0,
) -> dict[str, Any]:
    """Metrics (JSON-serialisable) for the CASE 2021 task 2 TSV at ``path``. ``embeddings``
    False scores the classifier without its sentence-embedding half (``events.embeddings``);
    ``embed_scope``: which texts the stage embeds (``events.embed_scope``); ``seed``: the
    cross-validation split (every rule change is checked on seeds 0 and 1)."""
    texts, codes = read_case(path, limit)
    c2s = code_to_subtype()
    t0 = time.perf_counter()
    seen_in_training = trained_keys() & {text_key(t) for t in texts}
    if seen_in_training or shipped_model() is None:
        protocol = f"stratified 5-fold cross-validation on this file (seed {seed}); 25-way over ACLED-labelled snippets"
        models, fold_of = cross_validate_models(texts, codes, k=5, seed=seed)
    else:  # a held-out file: the shipped model, which never saw it
        protocol = "held-out: the shipped model (trained on other data) on this file; 25-way over ACLED-labelled snippets"
        models, fold_of = [shipped_model()], [0] * len(texts)
    folds = fold_rows(models, fold_of, texts, embeddings)
    cv_s = time.perf_counter() - t0
    labels25 = list(c2s.values())
    gold: list[str] = []
    pred: list[str] = []
    unseen_none = 0
    unseen: Counter[str] = Counter()
    for code, (classes, row) in zip(codes, folds, strict=True):
        labs = [c2s.get(c, NONE_LABEL) for c in classes]
        if code in c2s:
            best = best_allowed(labs, row)
            gold.append(c2s[code])
            pred.append(best[0] if best else NONE_LABEL)
        else:
            unseen[code] += 1
            if labs[int(row.argmax())] == NONE_LABEL:
                unseen_none += 1
    metrics: dict[str, Any] = {
        "file": path,
        "protocol": protocol,
        "n_snippets": len(texts),
        "n_acled": len(gold),
        **_scores(gold, pred, labels25),
        "unseen": {
            "n": sum(unseen.values()),
            "by_code": dict(unseen),
            "classified_no_acled": unseen_none,
        },
        "seconds_cv": round(cv_s, 1),
        "embeddings": embeddings,
        "embed_scope": embed_scope,
        "seed": seed,
    }
    if stage:
        st = _stage_metrics(texts, codes, folds, models, fold_of, embeddings, embed_scope)
        keys = ("accuracy", "macro_f1", "weighted_f1", "per_type", "worst_types", "confusions")
        metrics["classifier"] = {k: metrics[k] for k in keys}
        for k in keys:
            metrics[k] = st.pop(k)
        metrics["headline"] = "stage"
        metrics["stage"] = st
    else:
        metrics["headline"] = "classifier"
    return metrics


def _scores(gold: list[str], pred: list[str], labels: list[str]) -> dict[str, Any]:
    """Headline metrics, per-type scores, worst types and their confusions."""
    scores = _f1s(gold, pred, labels)
    confusion: Counter[tuple[str, str]] = Counter(
        (g, p) for g, p in zip(gold, pred, strict=True) if g != p
    )
    worst = sorted(
        (lab for lab in labels if scores["per_type"][lab]["support"]),
        key=lambda lab: scores["per_type"][lab]["f1"],
    )[:6]
    return {
        **{k: round(v, 4) for k, v in scores.items() if k != "per_type"},
        "per_type": {
            lab: {k: round(v, 3) for k, v in s.items()}
            for lab, s in scores["per_type"].items()
            if s["support"]
        },
        "worst_types": worst,
        "confusions": [
            {"gold": g, "predicted": p, "n": n}
            for (g, p), n in confusion.most_common()
            if g in worst
        ][:15],
    }


def _stage_metrics(
    texts: list[str],
    codes: list[str],
    folds: list[Any],
    models: list[Any],
    fold_of: list[int],
    embeddings: bool = True,
    embed_scope: str = "typed",
) -> dict[str, Any]:
    """Run the real stage (spaCy + rules + the fold's classifier) on every snippet."""
    from ..document import Document, Section
    from ..events.extract import classifier_inputs, extract
    from ..nlp import load_model

    def parsed(text: str, sdoc: Any) -> Document:
        doc = Document(id="case", text=text, sections=[Section("body", 0, len(text))])
        doc.user_data["spacy"] = sdoc
        return doc

    c2s = code_to_subtype()
    nlp = load_model()
    found = correct = n_acled = unseen_quiet = n_unseen = 0
    gold: list[str] = []
    pred: list[str] = []
    combo: list[str] = []
    fold_clf = [SubtypeClassifier(model=m, embeddings=embeddings) for m in models]
    t0 = time.perf_counter()
    sdocs = list(nlp.pipe(texts, batch_size=64))
    t_nlp = time.perf_counter() - t0
    for text, code, sdoc, (classes, row), f in zip(
        texts, codes, sdocs, folds, fold_of, strict=True
    ):
        labs = [c2s.get(c, NONE_LABEL) for c in classes]
        doc = parsed(text, sdoc)
        texts_in, parts = classifier_inputs(doc, sdoc, embed_scope)  # as the stage primes it
        fold_clf[f].prime(texts_in, parts=parts)
        evs = [e for e in extract(doc, sdoc, fold_clf[f]) if e.subtype]
        if code in c2s:
            n_acled += 1
            gold.append(c2s[code])
            pred.append(NONE_LABEL)
            combo.append(vote(labs, row, {e.subtype for e in evs if e.subtype}) or NONE_LABEL)
            if evs:
                found += 1
                top = max(evs, key=lambda e: e.confidence)
                correct += int(top.subtype == c2s[code])
                pred[-1] = top.subtype or NONE_LABEL
        elif code in UNSEEN:
            n_unseen += 1
            unseen_quiet += int(not evs)
    # cost with the shipped classifier (what the pipeline runs), model loaded beforehand
    clf = SubtypeClassifier(embeddings=embeddings)
    clf("warm up", None)
    if embeddings:
        from ..events.embed import clear_cache

        clear_cache()  # the CV above embedded these texts already: time them afresh
    from ..events import EventStage

    stage = EventStage(classifier=clf, embed_scope=embed_scope)
    t0 = time.perf_counter()
    docs = [parsed(text, sdoc) for text, sdoc in zip(texts, sdocs, strict=True)]  # fresh ones
    for i in range(0, len(docs), 32):  # as the pipeline runs it: batches of documents
        list(stage.pipe(docs[i : i + 32]))
    t_real = time.perf_counter() - t0
    labels25 = list(c2s.values())
    fc = _f1s(gold, combo, labels25)
    return {
        **_scores(gold, pred, labels25),
        "combined": {k: round(v, 4) for k, v in fc.items() if k != "per_type"},
        "acled_snippets_with_an_acled_event": round(found / n_acled, 4) if n_acled else 0.0,
        "top_event_subtype_accuracy": round(correct / n_acled, 4) if n_acled else 0.0,
        "unseen_with_no_acled_event": round(unseen_quiet / n_unseen, 4) if n_unseen else 0.0,
        "seconds_spacy": round(t_nlp, 2),
        "seconds_events": round(t_real, 2),
        "events_cost_vs_spacy": round(t_real / t_nlp, 3) if t_nlp else None,
    }


def _score_line(m: dict[str, Any]) -> str:
    return (
        f"accuracy {m['accuracy']:.3f}   macro F1 {m['macro_f1']:.3f}   "
        f"weighted F1 {m['weighted_f1']:.3f}"
    )


def format_report(m: dict[str, Any]) -> str:
    """Terminal text for :func:`run`'s metrics."""
    what = (
        "the stage's output (its most confident ACLED event per snippet; none = wrong)"
        if m.get("headline") == "stage"
        else "the sub-type classifier alone"
    )
    lines = [
        f"CASE 2021 task 2 - {m['file']}",
        f"protocol: {m['protocol']}",
        f"snippets: {m['n_snippets']} ({m['n_acled']} with an ACLED sub-type)",
        f"scored: {what}",
        f"{_score_line(m)}   (best CASE 2021 system: weighted F1 0.839, trained on ACLED)",
    ]
    if "classifier" in m:
        lines.append(f"classifier alone: {_score_line(m['classifier'])}")
    if "stage" in m:
        lines.append(
            "snippet-level combination (classifier + sub-types the rules found): "
            + _score_line(m["stage"]["combined"])
        )
    lines += ["", f"{'sub-type':40} {'P':>5} {'R':>5} {'F1':>5} {'n':>4}"]
    for lab, s in sorted(m["per_type"].items(), key=lambda x: x[1]["f1"]):
        lines.append(
            f"{lab:40} {s['precision']:5.2f} {s['recall']:5.2f} {s['f1']:5.2f} {int(s['support']):4d}"
        )
    lines.append("")
    lines.append("worst types, most frequent confusions (gold -> predicted):")
    for c in m["confusions"]:
        lines.append(f"  {c['gold']} -> {c['predicted']}: {c['n']}")
    u = m["unseen"]
    lines.append(
        f"unseen CASE types ({u['n']}: {', '.join(f'{k} {v}' for k, v in u['by_code'].items())}): "
        f"{u['classified_no_acled']} classified as no ACLED event"
    )
    if "stage" in m:
        s = m["stage"]
        lines.append(
            f"stage: ACLED event found in {s['acled_snippets_with_an_acled_event']:.1%} of ACLED "
            f"snippets; unseen types left without ACLED event {s['unseen_with_no_acled_event']:.1%}"
        )
        lines.append(
            f"cost: spaCy {s['seconds_spacy']} s, events {s['seconds_events']} s "
            f"({s['events_cost_vs_spacy']:.0%} of spaCy)"
        )
    return "\n".join(lines)
