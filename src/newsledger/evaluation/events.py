"""`newsledger eval events CASE_TSV`: ACLED sub-event typing on CASE 2021 task 2 snippets.

Protocol: stratified 5-fold cross-validation of the sub-type classifier on the file itself
(every snippet is predicted by a model that never saw it; the shipped model, trained on all of
it, is never scored). Scored over the snippets labelled with one of the 25 ACLED sub-types, the
prediction being the best of the 25 (the "no ACLED event" class is left out there). The five
unseen CASE types (ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO, ATTRIB) are trained as
"no ACLED event" and counted separately: how many the classifier calls "no ACLED event", and
how many the stage's trigger rules leave without an ACLED event. Detection is reported too: the
share of ACLED snippets where the stage (rules + the fold's classifier) finds an ACLED event, and
the accuracy of its first ACLED event's sub-type.
"""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

import numpy as np

from ..events.classifier import NONE_LABEL, best_allowed, code_to_subtype, shipped_model
from ..events.train import UNSEEN, cross_validate, read_case, text_key, trained_keys


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


def run(path: str, limit: int | None = None, stage: bool = True) -> dict[str, Any]:
    """Metrics (JSON-serialisable) for the CASE 2021 task 2 TSV at ``path``."""
    texts, codes = read_case(path, limit)
    c2s = code_to_subtype()
    t0 = time.perf_counter()
    seen_in_training = trained_keys() & {text_key(t) for t in texts}
    if seen_in_training or shipped_model() is None:
        protocol = "stratified 5-fold cross-validation on this file (seed 0); 25-way over ACLED-labelled snippets"
        folds = cross_validate(texts, codes, k=5)
    else:  # a held-out file: the shipped model, which never saw it
        protocol = "held-out: the shipped model (trained on other data) on this file; 25-way over ACLED-labelled snippets"
        model = shipped_model()
        d = np.asarray(model.decision_function(texts))
        folds = [(list(model.classes_), row) for row in d]
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
    scores = _f1s(gold, pred, labels25)
    confusion: Counter[tuple[str, str]] = Counter(
        (g, p) for g, p in zip(gold, pred, strict=True) if g != p
    )
    worst = sorted(
        (lab for lab in labels25 if scores["per_type"][lab]["support"]),
        key=lambda lab: scores["per_type"][lab]["f1"],
    )[:6]
    metrics: dict[str, Any] = {
        "file": path,
        "protocol": protocol,
        "n_snippets": len(texts),
        "n_acled": len(gold),
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
        "unseen": {
            "n": sum(unseen.values()),
            "by_code": dict(unseen),
            "classified_no_acled": unseen_none,
        },
        "seconds_cv": round(cv_s, 1),
    }
    if stage:
        metrics["stage"] = _stage_metrics(texts, codes, folds)
    return metrics


def _stage_metrics(texts: list[str], codes: list[str], folds: list[Any]) -> dict[str, Any]:
    """Run the real stage (spaCy + rules + the fold's classifier) on every snippet."""
    from ..document import Document, Section
    from ..events.extract import extract
    from ..nlp import load_model

    c2s = code_to_subtype()
    nlp = load_model()
    found = correct = n_acled = unseen_quiet = n_unseen = 0
    gold: list[str] = []
    pred: list[str] = []
    combo: list[str] = []
    t0 = time.perf_counter()
    sdocs = list(nlp.pipe(texts, batch_size=64))
    t_nlp = time.perf_counter() - t0
    t0 = time.perf_counter()
    for text, code, sdoc, (classes, row) in zip(texts, codes, sdocs, folds, strict=True):
        labs = [c2s.get(c, NONE_LABEL) for c in classes]

        def classify(
            _text: str, allowed: list[str] | None, labs: list[str] = labs, row: Any = row
        ) -> Any:
            return best_allowed(labs, row, allowed)

        doc = Document(id="case", text=text, sections=[Section("body", 0, len(text))])
        doc.user_data["spacy"] = sdoc
        evs = [e for e in extract(doc, sdoc, classify) if e.subtype]
        if code in c2s:
            n_acled += 1
            gold.append(c2s[code])
            pred.append(NONE_LABEL)
            combo.append(_combined(labs, row, {e.subtype for e in evs if e.subtype}))
            if evs:
                found += 1
                top = max(evs, key=lambda e: e.confidence)
                correct += int(top.subtype == c2s[code])
                pred[-1] = top.subtype or NONE_LABEL
        elif code in UNSEEN:
            n_unseen += 1
            unseen_quiet += int(not evs)
    # cost with the shipped classifier (what the pipeline runs), model loaded beforehand
    from ..events.classifier import SubtypeClassifier

    clf = SubtypeClassifier()
    clf("warm up", None)
    from ..events import EventStage

    stage = EventStage(classifier=clf)
    t0 = time.perf_counter()
    docs = []
    for text, sdoc in zip(texts, sdocs, strict=True):
        doc = Document(id="case", text=text, sections=[Section("body", 0, len(text))])
        doc.user_data["spacy"] = sdoc
        docs.append(doc)
    for i in range(0, len(docs), 32):  # as the pipeline runs it: batches of documents
        list(stage.pipe(docs[i : i + 32]))
    t_real = time.perf_counter() - t0
    f = _f1s(gold, pred, list(c2s.values()))
    fc = _f1s(gold, combo, list(c2s.values()))
    return {
        "combined": {k: round(v, 4) for k, v in fc.items() if k != "per_type"},
        "weighted_f1": round(f["weighted_f1"], 4),
        "macro_f1": round(f["macro_f1"], 4),
        "acled_snippets_with_an_acled_event": round(found / n_acled, 4) if n_acled else 0.0,
        "top_event_subtype_accuracy": round(correct / n_acled, 4) if n_acled else 0.0,
        "unseen_with_no_acled_event": round(unseen_quiet / n_unseen, 4) if n_unseen else 0.0,
        "seconds_spacy": round(t_nlp, 2),
        "seconds_events": round(t_real, 2),
        "events_cost_vs_spacy": round(t_real / t_nlp, 3) if t_nlp else None,
    }


def _combined(labels: list[str], row: Any, found: set[str]) -> str:
    """Snippet-level type from both halves: the classifier's standardised scores plus one for
    every sub-type the stage's trigger rules found in the snippet."""
    r = np.asarray(row, dtype=float)
    z = (r - r.mean()) / (r.std() or 1.0)
    best, best_s = NONE_LABEL, -1e9
    for i, lab in enumerate(labels):
        if lab == NONE_LABEL:
            continue
        sc = z[i] + (1.0 if lab in found else 0.0)
        if sc > best_s:
            best, best_s = lab, sc
    return best


def format_report(m: dict[str, Any]) -> str:
    """Terminal text for :func:`run`'s metrics."""
    lines = [
        f"CASE 2021 task 2 - {m['file']}",
        f"protocol: {m['protocol']}",
        f"snippets: {m['n_snippets']} ({m['n_acled']} with an ACLED sub-type)",
        f"accuracy {m['accuracy']:.3f}   macro F1 {m['macro_f1']:.3f}   weighted F1 {m['weighted_f1']:.3f}"
        "   (best CASE 2021 system: weighted F1 0.839, trained on ACLED)",
        "",
        f"{'sub-type':40} {'P':>5} {'R':>5} {'F1':>5} {'n':>4}",
    ]
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
            f"stage (rules + fold classifier): ACLED event found in {s['acled_snippets_with_an_acled_event']:.1%} "
            f"of ACLED snippets; top event sub-type accuracy {s['top_event_subtype_accuracy']:.1%}; "
            f"unseen types left without ACLED event {s['unseen_with_no_acled_event']:.1%}; "
            f"weighted F1 {s['weighted_f1']:.3f}, macro F1 {s['macro_f1']:.3f} (no event counts as wrong)"
        )
        c = s["combined"]
        lines.append(
            f"combined (classifier + sub-types the rules found): accuracy {c['accuracy']:.3f}   "
            f"macro F1 {c['macro_f1']:.3f}   weighted F1 {c['weighted_f1']:.3f}"
        )
        lines.append(
            f"cost: spaCy {s['seconds_spacy']} s, events {s['seconds_events']} s "
            f"({s['events_cost_vs_spacy']:.0%} of spaCy)"
        )
    return "\n".join(lines)
