"""`newsledger eval relevance LABELS`: invented events on text that reports none, and events found
where there are some, on the project's labelled relevance set (bench/relevance/labels.jsonl).

Each line of the labels file references a text of the shared development data by ``source`` and
``key`` (never copying it) and says whether it reports a codable event -- ACLED's scope: political
violence, demonstrations, strategic developments among political actors -- with, for those that
do, the character offsets (into the shared text) of the sentences that report it, labelled
within ``window``; ``split`` is ``dev`` (tuned on) or ``held`` (never tuned on); ``kind`` names
what a negative is about. Sources: ``zyte`` (extraction/ground-truth.json article bodies),
``lgl``/``gwn`` (geoparsing XML), ``ggt``/``polnear``/``plover`` (JSONL ``id``), ``case`` (CASE
TSV ``id``), ``ucdp`` (GED sample ``id``; its ``;``-joined headlines read as lines).

The whole pipeline runs on each text (as ``newsledger extract`` would), with the relevance gate
recording its decisions but dropping nothing, so one run gives both figures: without the gate
(``off``) and with it (``on``, the stage's default). Per split: ACLED-typed events per 100
documents that report none; the share of such documents with any; document precision and recall
(a document "has events" when it keeps at least one ACLED-typed event); sentence precision (events
of event documents, inside the labelled window, whose sentence overlaps a labelled one) and
recall (labelled sentences with an event).
"""

from __future__ import annotations

import csv
import hashlib
import json
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..document import Document
from .actors import shared_dir

SPLITS = ("dev", "held")


def load_texts(shared: Path, sources: set[str]) -> dict[tuple[str, str], tuple[str | None, str]]:
    """(source, key) -> (title, text) for the shared files of ``sources``."""
    d = shared / "data"
    out: dict[tuple[str, str], tuple[str | None, str]] = {}
    if "zyte" in sources:
        gt = json.loads((d / "extraction/ground-truth.json").read_text("utf-8"))
        out.update({("zyte", k): (None, v.get("articleBody") or "") for k, v in gt.items()})
    for src, name in (("lgl", "geoparsing/lgl.xml"), ("gwn", "geoparsing/GWN.xml")):
        if src in sources:
            for i, art in enumerate(ET.parse(d / name).getroot().iter("article")):
                key = art.get("docid") or art.get("file") or str(i)
                out[(src, key)] = (art.findtext("title"), art.findtext("text") or "")
    for src, name in (
        ("ggt", "claims/ggt_quotes_dev.jsonl"),
        ("polnear", "claims/polnear_valid.jsonl"),
        ("plover", "events/plover_gsr_dev.jsonl"),
    ):
        if src in sources:
            for line in (d / name).read_text("utf-8").splitlines():
                if line.strip():
                    r = json.loads(line)
                    out[(src, str(r["id"]))] = (r.get("title"), r["text"])
    if "case" in sources:
        with open(d / "events/case2021_task2_dev.tsv", encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                out[("case", r["id"])] = (None, r["EventSnippet"])
    if "ucdp" in sources:
        with open(d / "events/ucdp_ged_sample.csv", encoding="utf-8", newline="") as f:
            out.update({("ucdp", r["id"]): (None, r["source_headline"]) for r in csv.DictReader(f)})
    return out


def load_items(path: str | Path, shared: Path | None = None) -> list[dict[str, Any]]:
    """The labelled items with ``title`` and ``text`` attached; a ValueError when a shared text
    changed since it was labelled (its sha1 prefix differs)."""
    p = Path(path)
    if p.is_dir():
        p = p / "labels.jsonl"
    items = [json.loads(x) for x in p.read_text("utf-8").splitlines() if x.strip()]
    texts = load_texts(shared or shared_dir(), {it["source"] for it in items})
    for it in items:
        title, text = texts[(it["source"], str(it["key"]))]
        if hashlib.sha1(text.encode()).hexdigest()[:12] != it["sha1"]:
            raise ValueError(f"{it['source']}:{it['key']}: the shared text changed since labelling")
        it["title"], it["text"] = title, text
    return items


def document_of(it: dict[str, Any]) -> Document:
    """The item as ``newsledger extract`` reads a text (UCDP's ``;``-joined headlines as lines)."""
    from ..ingest.documents import document_from_text

    text = it["text"].replace(";", "\n") if it["source"] == "ucdp" else it["text"]
    return document_from_text(text, title=it.get("title"), id=f"{it['source']}:{it['key']}")


def run_pipeline(items: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], Document | None]]:
    """(item, processed document) for each item: the default pipeline with the relevance gate
    recording but not dropping (``events.relevance = false``). None for a document the
    pipeline skips (not English): it yields no records, as in ``newsledger extract``."""
    from ..jobs import make_pipeline
    from ..settings import load_settings

    settings = load_settings(overrides={"events": {"relevance": False}})
    pipeline = make_pipeline(settings)
    docs = [document_of(it) for it in items]
    for it, res in zip(items, pipeline.pipe(docs, batch_size=settings.batch_size), strict=True):
        if res.doc is None and not (res.failure and res.failure.skipped):
            raise RuntimeError(f"{it['source']}:{it['key']}: {res.failure}")
        yield it, res.doc


def _collapse(text: str) -> tuple[str, list[int]]:
    """``text`` with whitespace runs as one space, and each raw offset's collapsed offset."""
    out: list[str] = []
    where: list[int] = []
    space = False
    for ch in text:
        where.append(len(out))
        if ch.isspace():
            if not space and out:
                out.append(" ")
            space = True
        else:
            out.append(ch)
            space = False
    where.append(len(out))
    return "".join(out), where


def _overlaps(it: dict[str, Any], doc: Document, ev: Any) -> tuple[bool, bool]:
    """(inside the labelled window, overlapping a labelled sentence) for an event, by its
    sentence's place in the shared text (whitespace-collapsed; ingest cleans whitespace)."""
    raw, where = _collapse(it["text"])
    sent = " ".join(ev.evidence.sentence.split())
    pos = raw.find(sent)
    if pos < 0:  # cleaning changed more than whitespace: fall back to the first words
        pos = raw.find(sent[:40])
    if pos < 0:
        return False, False
    a, b = pos, pos + len(sent)
    w0, w1 = it.get("window") or [0, len(it["text"])]
    inside = a < where[w1] and b > where[w0]
    hit = any(a < where[e] and b > where[s] for s, e in it.get("sentences", []))
    return inside, hit


def _split_metrics(rows: list[dict[str, Any]], gate: str) -> dict[str, Any]:
    """The figures of one split, counting the events kept with the gate ``on`` or ``off``."""
    key = "kept_on" if gate == "on" else "kept_off"
    none = [r for r in rows if not r["event"]]
    some = [r for r in rows if r["event"]]
    n_inv = sum(len(r[key]) for r in none)
    with_ev = [r for r in rows if r[key]]
    tp_docs = sum(1 for r in with_ev if r["event"])
    by_kind: Counter[str] = Counter()
    docs_kind: Counter[str] = Counter()
    for r in none:
        docs_kind[r["kind"]] += 1
        by_kind[r["kind"]] += len(r[key])
    in_window = [e for r in some for e in r[key] if e["inside"]]
    sent_tp = sum(1 for e in in_window if e["hit"])
    n_sent = sum(len(r["sentences"]) for r in some)
    found = sum(r["found_on" if gate == "on" else "found_off"] for r in some)
    return {
        "docs": len(rows),
        "docs_reporting_events": len(some),
        "docs_reporting_none": len(none),
        "acled_events_per_100_none": round(100 * n_inv / len(none), 1) if none else 0.0,
        "none_docs_with_event": round(sum(1 for r in none if r[key]) / len(none), 3)
        if none
        else 0.0,
        "doc_precision": round(tp_docs / len(with_ev), 3) if with_ev else 0.0,
        "doc_recall": round(tp_docs / len(some), 3) if some else 0.0,
        "sentence_precision": round(sent_tp / len(in_window), 3) if in_window else 0.0,
        "sentence_recall": round(found / n_sent, 3) if n_sent else 0.0,
        "per_100_none_by_kind": {
            k: round(100 * by_kind[k] / docs_kind[k], 1) for k in sorted(docs_kind)
        },
    }


def _row(it: dict[str, Any], doc: Document | None) -> dict[str, Any]:
    """What the metrics need of one processed item (None: skipped, no records)."""
    acled = [e for e in doc.events if e.type] if doc is not None else []
    evs = []
    for e in acled:
        inside, hit = _overlaps(it, doc, e) if it["event"] else (False, False)
        kept = bool(((e.why or {}).get("relevance") or {}).get("kept", True))
        evs.append({"inside": inside, "hit": hit, "kept": kept, "sentence": e.evidence.sentence})
    sents = it.get("sentences", [])

    def found(kept_only: bool) -> int:
        raw, where = _collapse(it["text"])
        n = 0
        for s, t in sents:
            for e, d in zip(evs, acled, strict=True):
                if kept_only and not e["kept"]:
                    continue
                sent = " ".join(d.evidence.sentence.split())
                pos = raw.find(sent)
                if pos >= 0 and pos < where[t] and pos + len(sent) > where[s]:
                    n += 1
                    break
        return n

    return {
        "id": f"{it['source']}:{it['key']}",
        "split": it["split"],
        "event": bool(it["event"]),
        "kind": it.get("kind") or "-",
        "sentences": sents,
        "kept_off": evs,
        "kept_on": [e for e in evs if e["kept"]],
        "found_off": found(False),
        "found_on": found(True),
        "relevance": doc.relevance if doc is not None else None,
    }


def run(path: str, limit: int | None = None) -> dict[str, Any]:
    """Metrics (JSON-serialisable) for the labels file at ``path``, per split, gate off and on."""
    items = load_items(path)[:limit]
    t0 = time.perf_counter()
    rows = [_row(it, doc) for it, doc in run_pipeline(items)]
    out: dict[str, Any] = {
        "file": str(path),
        "n": len(rows),
        "seconds": round(time.perf_counter() - t0, 1),
    }
    for split in SPLITS:
        part = [r for r in rows if r["split"] == split]
        out[split] = {g: _split_metrics(part, g) for g in ("off", "on")}
    out["invented_on"] = [
        {"id": r["id"], "kind": r["kind"], "sentence": e["sentence"][:160]}
        for r in rows
        if not r["event"]
        for e in r["kept_on"]
    ]
    return out


def format_report(m: dict[str, Any]) -> str:
    lines = [f"relevance: {m['n']} labelled texts ({m['file']}), {m['seconds']} s"]
    for split in SPLITS:
        for g in ("off", "on"):
            s = m[split][g]
            lines.append(
                f"  {split:4} gate {g:3}: {s['acled_events_per_100_none']:5.1f} ACLED events per 100 "
                f"texts reporting none ({s['docs_reporting_none']}; "
                f"{100 * s['none_docs_with_event']:.1f}% with any)"
            )
            lines.append(
                f"{'':16}documents P {s['doc_precision']:.3f} R {s['doc_recall']:.3f} "
                f"({s['docs_reporting_events']} report events) | sentences P "
                f"{s['sentence_precision']:.3f} R {s['sentence_recall']:.3f}"
            )
    if m["invented_on"]:
        lines.append("  events kept on texts that report none:")
        lines += [
            f"    {x['id'][:30]} ({x['kind']}): {x['sentence'][:90]}" for x in m["invented_on"][:20]
        ]
    return "\n".join(lines)
