"""Quote/claim evaluation: ``newsledger eval claims ggt_quotes_dev.jsonl``; PolNeAR files
(a ``gold`` key per row) are scored by :mod:`.claims_polnear`.

The file: one article a line, ``{"id", "outlet", "text", "claims": [{"speaker",
"speaker_resolved", "cue", "content", "content_start", "content_end"}]}`` (the Gender Gap
Tracker's annotated quotes; direct quotes include their quote marks, indirect ones the reported
clause).

Each article goes through ``ingest.document_from_text`` and the stages nlp, time, actors, claims
(whatever the time and actors stages do at the time).

Metrics (the measures the Gender Gap Tracker reports for its quote extractor):

* precision / recall / F1 of claim *content* at span-overlap thresholds 0.3 and 0.8, over the
  claims of kind ``statement`` (GGT annotates what people say, not what documents show,
  beliefs, intentions, sentiments or topics), each piece of a claim in pieces scored as its own span (GGT
  annotates the two halves of a split quote as two quotes). The
  overlap of a predicted and a gold span is ``|pred ∩ gold| / max(|pred|, |gold|)`` in
  characters (symmetric: a prediction that swallows a gold quote, or covers only part of it,
  both lose). Pairs are matched one-to-one, greedily by decreasing overlap; a pair counts at
  threshold t when its overlap is >= t.
* speaker accuracy: among gold quotes matched at 0.3, the share whose predicted speaker is
  right. Right means the predicted speaker's resolved name or its text as written equals,
  case-insensitively and without a leading article or a trailing "'s", the gold speaker text or
  the gold resolved speaker, or has the same last word (a surname after first mention).
* cost: seconds in the claims stage versus the nlp (spaCy) stage over the same articles.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

THRESHOLDS = (0.3, 0.8)
GGT_KINDS = ("statement",)
PRONOUNS = frozenset({"he", "she", "they", "we", "it", "i", "his", "her", "their", "its", "our"})
REFERENCE = {"f1@0.3": 0.837, "speaker_accuracy": 0.865}  # GGT's own rule system on this set


def _norm(s: str | None) -> str:
    s = (s or "").lower().strip()
    s = re.sub(r"[’']s$", "", s)
    s = re.sub(r"^(the|a|an)\s+", "", s)
    return re.sub(r"\s+", " ", s).strip(" ,.")


def speaker_correct(pred_name: str | None, pred_text: str, gold: str, gold_resolved: str) -> bool:
    """The speaker rule described in the module docstring."""
    preds = [p for p in (_norm(pred_name), _norm(pred_text)) if p]
    golds = [g for g in (_norm(gold), _norm(gold_resolved)) if g]
    if not preds or not golds:
        return False
    for p in preds:
        for g in golds:
            if p == g or p.split()[-1] == g.split()[-1]:
                return True
    return False


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / max(a[1] - a[0], b[1] - b[0])


def match(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> list[tuple[int, int, float]]:
    """One-to-one greedy matching by decreasing overlap: (gold index, pred index, overlap)."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            o = overlap(g, p)
            if o > 0:
                pairs.append((o, gi, pi))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for o, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi, o))
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _rows(path: str, limit: int | None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with Path(path).open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not a JSON line ({exc})") from exc
            if limit is not None and len(rows) >= limit:
                break
    return rows


def _pieces(c: Any, shift: int) -> list[tuple[int, int]]:
    got = [(int(a) + shift, int(b) + shift) for a, b in (c.pieces or [])]
    return got or [(c.content_start + shift, c.content_end + shift)]


def run(path: str, limit: int | None = None) -> dict[str, Any]:
    """Evaluate the claims stage on a GGT-format or PolNeAR-format JSONL file (first ``limit``
    articles). PolNeAR rows (a ``gold`` key) are scored by :mod:`.claims_polnear`."""
    rows = _rows(path, limit)
    if rows and "gold" in rows[0]:
        from .claims_polnear import run_rows

        return run_rows(rows)
    return _run_ggt(rows)


def process(rows: list[dict[str, Any]]) -> tuple[list[tuple[Any, int] | None], dict[str, float]]:
    """Each article through ingest and the stages nlp, time, actors, claims: per row the
    document and the shift of its text in the row's text (None when it failed), and the
    seconds per stage."""
    from ..ingest import document_from_text
    from ..stages import build_pipeline

    pipe = build_pipeline(["nlp", "time", "actors", "claims"])
    timing = {s.name: 0.0 for s in pipe.stages}
    out: list[tuple[Any, int] | None] = []
    for row in rows:
        text = row["text"]
        doc = document_from_text(text, id=str(row.get("id")), outlet=row.get("outlet"))
        shift = text.find(doc.text[:50]) if doc.text else 0  # ingest strips the text
        try:
            for stage in pipe.stages:
                t0 = time.perf_counter()
                doc = stage(doc)
                timing[stage.name] += time.perf_counter() - t0
        except Exception:
            out.append(None)
            continue
        out.append((doc, shift))
    return out, timing


def _cost(timing: dict[str, float]) -> dict[str, Any]:
    nlp_s = timing.get("nlp", 0.0)
    return {
        "seconds": {k: round(v, 2) for k, v in timing.items()},
        "claims_cost_vs_spacy": round(timing.get("claims", 0.0) / nlp_s, 4) if nlp_s else None,
    }


def _run_ggt(rows: list[dict[str, Any]]) -> dict[str, Any]:
    done, timing = process(rows)
    n_gold = n_pred = 0
    tp = {t: 0 for t in THRESHOLDS}
    spk_ok = spk_n = pro_ok = pro_n = 0
    failed = 0
    by_quote: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    for row, got in zip(rows, done, strict=True):
        if got is None:
            failed += 1
            continue
        doc, shift = got
        gold = [(c["content_start"], c["content_end"]) for c in row["claims"]]
        for c in doc.claims:
            by_quote[c.quote] = by_quote.get(c.quote, 0) + 1
            by_kind[c.kind] = by_kind.get(c.kind, 0) + 1
        # GGT annotates what people say, one span per quote: statements, each piece of a
        # split quote on its own
        said = [c for c in doc.claims if c.kind in GGT_KINDS]
        preds = [(p, c) for c in said for p in _pieces(c, shift)]
        n_gold += len(gold)
        n_pred += len(preds)
        for gi, pi, o in match(gold, [p for p, _ in preds]):
            for t in THRESHOLDS:
                if o >= t:
                    tp[t] += 1
            if o >= 0.3:
                g = row["claims"][gi]
                c = preds[pi][1]
                spk_n += 1
                ok = speaker_correct(
                    c.speaker_name, c.speaker_text, g["speaker"], g["speaker_resolved"]
                )
                spk_ok += ok
                if _norm(g["speaker"]) in PRONOUNS and _norm(g["speaker_resolved"]) not in PRONOUNS:
                    pro_n += 1
                    pro_ok += bool(c.speaker_name) and speaker_correct(
                        c.speaker_name, "", g["speaker_resolved"], ""
                    )
    metrics: dict[str, Any] = {
        "format": "ggt",
        "articles": len(rows),
        "failed": failed,
        "gold": n_gold,
        "predicted": n_pred,
    }
    for t in THRESHOLDS:
        metrics[f"@{t}"] = _prf(tp[t], n_pred, n_gold)
    metrics["speaker_accuracy"] = round(spk_ok / spk_n, 4) if spk_n else 0.0
    metrics["speaker_matched"] = spk_n
    metrics["pronouns_resolved"] = round(pro_ok / pro_n, 4) if pro_n else None
    metrics["pronoun_speakers"] = pro_n
    metrics["predicted_by_quote"] = by_quote
    metrics["predicted_by_kind"] = by_kind
    metrics.update(_cost(timing))
    metrics["reference"] = REFERENCE
    return metrics


def format_report(m: dict[str, Any]) -> str:
    if m.get("format") == "polnear":
        from .claims_polnear import format_report as polnear_report

        return polnear_report(m)
    lines = [
        f"claims on {m['articles']} articles ({m['failed']} failed): "
        f"{m['gold']} gold quotes, {m['predicted']} predicted {m.get('predicted_by_quote', {})}",
    ]
    for t in THRESHOLDS:
        r = m[f"@{t}"]
        lines.append(
            f"  overlap >= {t}: P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}"
        )
    lines.append(
        f"  speaker accuracy: {m['speaker_accuracy']:.3f} (over {m['speaker_matched']} matched)"
    )
    lines.append(
        f"  pronoun speakers resolved to the gold name: {m['pronouns_resolved']} "
        f"(over {m['pronoun_speakers']} matched quotes with a pronoun speaker)"
    )
    lines.append(f"  predicted by kind: {m.get('predicted_by_kind', {})}")
    lines.append(
        f"  GGT rule system on this set: F1@0.3 {REFERENCE['f1@0.3']}, speaker {REFERENCE['speaker_accuracy']}"
    )
    cost = m.get("claims_cost_vs_spacy")
    lines.append(f"  time (s): {m['seconds']}; claims / spaCy = {cost}")
    return "\n".join(lines)
