"""Evaluation of actor resolution: mention -> actor precision/recall on a labelled dev set.

UCDP headline fields hold several headlines joined by ";" without a space; they are run with each
";" replaced by a line break (same length, so offsets hold). The labels
(``tests/fixtures/actors/dev.jsonl``) reference texts in the shared development data by
source and key, never copying them: ``{"source": "ucdp"|"case"|"file", "key": ..., "sha1": ...,
"mentions": [{"start", "end", "actor", "type"}]}``. Offsets are character offsets into the text:
UCDP ``source_headline`` (key = event id), CASE ``EventSnippet`` (key = snippet id), or a whole
file (key = path relative to the shared folder). ``PATH`` is the labels file or a folder holding
``dev.jsonl``; the shared folder is found beside the checkout (or ``$NEWSLEDGER_SHARED``).

Scoring: a predicted mention is correct when it overlaps a gold mention of the same actor (two
actors new to the registry — ids ``new:...`` — count as the same when their mentions overlap and
their types agree). Precision = correct predicted / predicted; recall = gold mentions found by a
correct prediction / gold. Type accuracy is over matched mentions.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

from ..actors import unscoped_id

ROOT = Path(__file__).resolve().parents[3]


def shared_dir() -> Path:
    env = os.environ.get("NEWSLEDGER_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


def _texts(shared: Path) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    with open(shared / "data/events/ucdp_ged_sample.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            out[("ucdp", r["id"])] = r["source_headline"]
    with open(shared / "data/events/case2021_task2_dev.tsv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            out[("case", r["id"])] = r["EventSnippet"]
    return out


def load_items(path: str | Path, shared: Path | None = None) -> list[dict[str, Any]]:
    """The labelled items with their text attached (``item["text"]``)."""
    p = Path(path)
    if p.is_dir():
        p = p / "dev.jsonl"
    shared = shared or shared_dir()
    texts = _texts(shared)
    items = []
    for line in p.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        it = json.loads(line)
        if it["source"] == "file":
            text = (shared / it["key"]).read_text(encoding="utf-8")
        else:
            text = texts[(it["source"], str(it["key"]))]
        it["input"] = text.replace(";", "\n") if it["source"] == "ucdp" else text
        if it.get("sha1") and hashlib.sha1(text.encode()).hexdigest()[:12] != it["sha1"]:
            raise ValueError(f"{it['source']}:{it['key']}: the shared text changed since labelling")
        it["text"] = text
        items.append(it)
    return items


def predict(texts: list[str]) -> tuple[list[list[dict[str, Any]]], float, float]:
    """Predicted mentions for each text, and the seconds spent in spaCy and in the stage."""
    from ..actors import ActorStage
    from ..document import Document, Section, content_id
    from ..nlp import NLP

    nlp, stage = NLP(), ActorStage()
    docs = [
        Document(id=content_id(t), text=t, sections=[Section("body", 0, len(t))]) for t in texts
    ]
    t0 = time.perf_counter()
    docs = list(nlp.pipe(docs))
    stage(
        Document(id="warm-up", text="The UN said.", sections=[]).__class__(
            id="warm-up", text="The UN said.", user_data={"spacy": nlp.nlp("The UN said.")}
        )
    )
    t1 = time.perf_counter()
    docs = [stage(d) for d in docs]
    t2 = time.perf_counter()
    preds = [
        [{"start": m.start, "end": m.end, "actor": a.id, "type": a.type, "text": m.text}
         for a in d.actors for m in a.mentions]
        for d in docs
    ]  # fmt: skip
    return preds, t1 - t0, t2 - t1


def _same(p: dict[str, Any], g: dict[str, Any]) -> bool:
    if p["start"] >= g["end"] or p["end"] <= g["start"]:
        return False
    pa, ga = unscoped_id(p["actor"]), unscoped_id(g["actor"])
    if pa == ga:
        return True
    return pa.startswith("new:") and ga.startswith("new:") and p["type"] == g["type"]


def score(items: list[dict[str, Any]], preds: list[list[dict[str, Any]]]) -> dict[str, Any]:
    by_src: dict[str, dict[str, int]] = {}
    errors: list[dict[str, Any]] = []
    tot = {"gold": 0, "pred": 0, "tp_pred": 0, "tp_gold": 0, "matched": 0, "type_ok": 0}
    for it, pr in zip(items, preds, strict=True):
        gold = it["mentions"]
        s = by_src.setdefault(it["source"], {k: 0 for k in tot})
        for c in (tot, s):
            c["gold"] += len(gold)
            c["pred"] += len(pr)
        for p in pr:
            ok = any(_same(p, g) for g in gold)
            for c in (tot, s):
                c["tp_pred"] += ok
            if not ok:
                errors.append({"item": f"{it['source']}:{it['key']}", "kind": "false",
                               "text": p["text"], "pred": p["actor"],
                               "gold": next((g["actor"] for g in gold if p["start"] < g["end"]
                                             and p["end"] > g["start"]), None)})  # fmt: skip
        for g in gold:
            ok = any(_same(p, g) for p in pr)
            over = [p for p in pr if p["start"] < g["end"] and p["end"] > g["start"]]
            for c in (tot, s):
                c["tp_gold"] += ok
                c["matched"] += bool(over)
                c["type_ok"] += bool(over) and over[0]["type"] == g["type"]
            if not ok and not over:
                errors.append({"item": f"{it['source']}:{it['key']}", "kind": "missed",
                               "text": it["text"][g["start"]:g["end"]], "gold": g["actor"]})  # fmt: skip

    def prf(c: dict[str, int]) -> dict[str, Any]:
        p = c["tp_pred"] / c["pred"] if c["pred"] else 0.0
        r = c["tp_gold"] / c["gold"] if c["gold"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                "gold_mentions": c["gold"], "predicted_mentions": c["pred"],
                "type_accuracy": round(c["type_ok"] / c["matched"], 3) if c["matched"] else None}  # fmt: skip

    return {"overall": prf(tot), "by_source": {k: prf(v) for k, v in sorted(by_src.items())},
            "errors": errors}  # fmt: skip


def run(path: str, limit: int | None = None) -> dict[str, Any]:
    """Score the actors stage on the labelled items in ``path`` (first ``limit`` items)."""
    items = load_items(path)
    if limit:
        items = items[:limit]
    preds, t_spacy, t_stage = predict([it["input"] for it in items])
    out = score(items, preds)
    out["items"] = len(items)
    out["seconds"] = {"spacy": round(t_spacy, 3), "actors": round(t_stage, 3),
                      "actors_vs_spacy": round(t_stage / t_spacy, 3) if t_spacy else None}  # fmt: skip
    return out


def format_report(metrics: dict[str, Any]) -> str:
    lines = [f"actors: {metrics.get('items', '?')} labelled texts"]
    o = metrics["overall"]
    lines.append(f"  overall   P {o['precision']:.3f}  R {o['recall']:.3f}  F1 {o['f1']:.3f}  "
                 f"(gold {o['gold_mentions']}, predicted {o['predicted_mentions']}, "
                 f"type accuracy {o['type_accuracy']})")  # fmt: skip
    for src, m in metrics["by_source"].items():
        lines.append(f"  {src:9} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}  "
                     f"(gold {m['gold_mentions']}, predicted {m['predicted_mentions']})")  # fmt: skip
    sec = metrics.get("seconds")
    if sec:
        lines.append(f"  time: spaCy {sec['spacy']}s, actors {sec['actors']}s "
                     f"({sec['actors_vs_spacy']} of spaCy)")  # fmt: skip
    errs = metrics.get("errors", [])
    if errs:
        lines.append(f"  errors ({len(errs)}, first 25):")
        for e in errs[:25]:
            lines.append(
                f"    {e['kind']:6} {e['item']:16} {e['text']!r} pred={e.get('pred')} gold={e.get('gold')}"
            )
    return "\n".join(lines)


__all__ = ["format_report", "load_items", "run", "score"]
