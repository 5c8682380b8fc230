"""`newsledger eval plover FILE`: PLOVER typing, source and target on PLOVER gold records.

Each JSONL record has ``text`` (a sentence), ``published`` and ``gold``: ``event`` (a PLOVER
category; the records' older names are read as today's: DEMAND = REQUEST, DISAPPROVE and
INVESTIGATE = ACCUSE, FIGHT = ASSAULT), ``source`` and ``target`` (lists of CAMEO/ISO country
codes, IGO, NGO...). The whole pipeline runs on each text as ``newsledger extract`` would, and the
record's prediction is the PLOVER act the events stage coded for its first sentence that has one
(:mod:`newsledger.events.plover`), when that event is in the stage's output; none counts as wrong.

Figures: type accuracy, per-category precision / recall / F1, source accuracy (the event's source
code is one of the gold sources, both read through :data:`CODE_ALIASES`) and target accuracy (one of the gold targets, or none where the
gold names none), over all records and over those typed right. The records are split by a hash
of their text into ``dev`` (tuned on) and ``held`` (never tuned on); both are reported.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from ..document import Document

#: The gold records' older category names -> today's PLOVER.
OLD_NAMES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
#: Codes written two ways for one party -> the one :mod:`newsledger.events.plover_parties` writes:
#: withdrawn or CAMEO country codes -> ISO 3166 alpha-3 (the codebook's country codes: "JAP" is
#: CAMEO's Japan, JPN; "ROM", "ZAR", "TMP" were ISO's before 2002), Kosovo's ISO user code -> the
#: codebook's KOS, and the UN's and EU's own codes (UNO, EUR: IGOs the codebook sets apart) ->
#: IGO, which the gold records write for both. One party, one code: never a broader match.
CODE_ALIASES = {
    "JAP": "JPN",
    "ROM": "ROU",
    "ZAR": "COD",
    "TMP": "TLS",
    "XKX": "KOS",
    "UNO": "IGO",
    "EUR": "IGO",
}
SPLITS = ("dev", "held")
NONE = "(none)"


def norm_code(code: str | None) -> str | None:
    """A source or target code as the comparison reads it (:data:`CODE_ALIASES`)."""
    return CODE_ALIASES.get(code, code) if code else code


def split_of(text: str) -> str:
    """``dev`` or ``held``: the first byte of the sha1 of the text, even or odd (stable)."""
    return "dev" if hashlib.sha1(text.encode("utf-8")).digest()[0] % 2 == 0 else "held"


def read_records(path: str | Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The gold records of a JSONL file (a ValueError naming the line when one is malformed)."""
    out = []
    for n, line in enumerate(Path(path).read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
            g = r["gold"]
            out.append(
                {
                    "id": str(r.get("id", n)),
                    "text": str(r["text"]),
                    "published": r.get("published"),
                    "event": OLD_NAMES.get(g["event"], g["event"]),
                    "source": [str(norm_code(str(x))) for x in g.get("source") or []],
                    "target": [str(norm_code(str(x))) for x in g.get("target") or []],
                }
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{n}: not a PLOVER gold record ({exc})") from None
        if limit is not None and len(out) >= limit:
            break
    return out


def predict(doc: Document) -> dict[str, Any]:
    """The record's prediction from a document the pipeline ran on: the first coded act whose
    event the stage kept."""
    kept = {e.id: e for e in doc.events}
    for ev_id, _category in doc.user_data.get("events.plover", []):
        ev = kept.get(ev_id)
        if ev is not None and ev.plover:
            return {
                "event": ev.plover,
                "mode": ev.mode,
                "source": norm_code(ev.source),
                "target": norm_code(ev.target),
                "trigger": ev.trigger,
                "certainty": ev.certainty,
                "claim": ev.claim,
            }
    return {"event": NONE, "mode": None, "source": None, "target": None, "trigger": None}


def _scores(rows: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(rows)
    labels = sorted({r["gold"]["event"] for r in rows})
    per: dict[str, dict[str, float]] = {}
    for lab in labels:
        tp = sum(1 for r in rows if r["gold"]["event"] == lab and r["pred"]["event"] == lab)
        fp = sum(1 for r in rows if r["gold"]["event"] != lab and r["pred"]["event"] == lab)
        fn = sum(1 for r in rows if r["gold"]["event"] == lab and r["pred"]["event"] != lab)
        p = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * rec / (p + rec) if p + rec else 0.0
        per[lab] = {"precision": p, "recall": rec, "f1": f1, "support": tp + fn}
    right = [r for r in rows if r["pred"]["event"] == r["gold"]["event"]]
    src = [r for r in rows if r["pred"]["source"] and r["pred"]["source"] in r["gold"]["source"]]
    tgt = [
        r
        for r in rows
        if (r["pred"]["target"] in r["gold"]["target"])
        or (not r["gold"]["target"] and not r["pred"]["target"])
    ]
    ids = {id(r) for r in right}
    return {
        "n": n,
        "type_accuracy": len(right) / n if n else 0.0,
        "no_event": sum(1 for r in rows if r["pred"]["event"] == NONE),
        "source_accuracy": len(src) / n if n else 0.0,
        "target_accuracy": len(tgt) / n if n else 0.0,
        "source_accuracy_typed": sum(1 for r in src if id(r) in ids) / len(right) if right else 0.0,
        "target_accuracy_typed": sum(1 for r in tgt if id(r) in ids) / len(right) if right else 0.0,
        "per_category": per,
        "confusions": Counter(
            f"{r['gold']['event']} -> {r['pred']['event']}" for r in rows if r not in right
        ).most_common(12),
    }


def run(path: str, limit: int | None = None) -> dict[str, Any]:
    """Metrics (JSON-serialisable) for the PLOVER gold records at ``path``, per split."""
    from ..ingest import document_from_text
    from ..stages import build_pipeline

    records = read_records(path, limit)
    pipeline = build_pipeline()
    t0 = time.perf_counter()
    rows = []
    for r in records:
        doc = pipeline(document_from_text(r["text"], published=r["published"]))
        rows.append(
            {
                "id": r["id"],
                "split": split_of(r["text"]),
                "gold": {k: r[k] for k in ("event", "source", "target")},
                "pred": predict(doc),
            }
        )
    seconds = time.perf_counter() - t0
    metrics: dict[str, Any] = {
        "file": str(path),
        "protocol": "one record = one text; the first PLOVER act the events stage kept; "
        "split by sha1(text)[0] even (dev, tuned on) / odd (held, never tuned on)",
        "n_records": len(rows),
        "seconds": round(seconds, 1),
        "all": _scores(rows),
        "records": rows,
    }
    for s in SPLITS:
        metrics[s] = _scores([r for r in rows if r["split"] == s])
    return metrics


def _block(name: str, m: dict[str, Any]) -> list[str]:
    lines = [
        f"{name}: {m['n']} records  type accuracy {m['type_accuracy']:.3f}  "
        f"source {m['source_accuracy']:.3f}  target {m['target_accuracy']:.3f}  "
        f"(typed right: source {m['source_accuracy_typed']:.3f}, target "
        f"{m['target_accuracy_typed']:.3f})  no event {m['no_event']}"
    ]
    for lab, s in sorted(m["per_category"].items(), key=lambda kv: -kv[1]["support"]):
        lines.append(
            f"  {lab:<10} P {s['precision']:.2f}  R {s['recall']:.2f}  F1 {s['f1']:.2f}  "
            f"(n={int(s['support'])})"
        )
    if m["confusions"]:
        lines.append("  confusions: " + ", ".join(f"{k} ({v})" for k, v in m["confusions"]))
    return lines


def format_report(m: dict[str, Any]) -> str:
    lines = [f"PLOVER on {m['file']}: {m['n_records']} records, {m['seconds']} s", m["protocol"]]
    for s in (*SPLITS, "all"):
        lines += _block(s, m[s])
    return "\n".join(lines)
