"""Article-body extraction on the Zyte (ScrapingHub) article-extraction benchmark.

``PATH`` holds ``ground-truth.json`` (``{id: {"articleBody", "url"}}``) and
``html/<id>.html.gz``. The body that newsledger's HTML path keeps (``body`` and ``caption``
sections: no headline, no furniture) is compared with the true ``articleBody`` the way the
benchmark does: tokens are ``\\w+`` runs; per page, true positives, false positives and false
negatives are counted over the bag of tokens (and over 4-token shingles, the benchmark's own
unit); precision and recall are averaged over pages and F1 is their harmonic mean. trafilatura
alone, with its default settings (``trafilatura.extract(html)``), is scored in the same run so the
comparison is honest.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

_TOKEN = re.compile(r"\w+")

#: Section kinds that make up the article body for this benchmark.
BODY_KINDS = ("body", "caption")


def _ngrams(text: str, n: int) -> Counter[str]:
    tokens = _TOKEN.findall(text or "")
    if n == 1:
        return Counter(tokens)
    return Counter(
        " ".join(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens
    )


def match(true: str, pred: str, n: int = 1) -> tuple[float, float, float]:
    """``(tp, fp, fn)`` over n-gram bags of two texts."""
    t, p = _ngrams(true, n), _ngrams(pred, n)
    tp = sum((t & p).values())
    return float(tp), float(sum(p.values()) - tp), float(sum(t.values()) - tp)


def scores(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    """Precision and recall averaged over pages (as the benchmark does), and their F1."""
    precisions = [tp / (tp + fp) for tp, fp, fn in counts if tp + fp > 0]
    recalls = [tp / (tp + fn) for tp, fp, fn in counts if tp + fn > 0]
    p = statistics.mean(precisions) if precisions else 0.0
    r = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    page_f1 = [2 * tp / (2 * tp + fp + fn) if tp else 0.0 for tp, fp, fn in counts]
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f1, 4),
        "empty": sum(1 for tp, fp, fn in counts if tp + fp == 0),
        "page_f1_mean": round(statistics.mean(page_f1), 4) if page_f1 else 0.0,
    }


def newsledger_body(html: str | bytes, url: str | None = None) -> str:
    """The body newsledger keeps from a page ("" when ingest rejects it)."""
    from ..errors import InputError
    from ..ingest import document_from_html

    try:
        doc = document_from_html(html, url=url)
    except InputError:
        return ""
    return "\n\n".join(
        doc.text[s.start : s.end].strip() for s in doc.sections if s.kind in BODY_KINDS
    )


def trafilatura_body(html: str | bytes, url: str | None = None) -> str:
    """trafilatura alone, default settings."""
    import trafilatura

    return trafilatura.extract(html) or ""


def run(path: str, limit: int | None = None) -> dict[str, Any]:
    """Score newsledger's HTML path and trafilatura alone on the benchmark at ``path``."""
    root = Path(path)
    truth: dict[str, dict[str, str]] = json.loads((root / "ground-truth.json").read_text("utf-8"))
    ids = sorted(truth)[:limit] if limit else sorted(truth)
    systems: dict[str, Callable[[bytes, str | None], str]] = {
        "newsledger": newsledger_body,
        "trafilatura": trafilatura_body,
    }
    counts: dict[str, dict[int, list[tuple[float, float, float]]]] = {
        s: {1: [], 4: []} for s in systems
    }
    seconds = dict.fromkeys(systems, 0.0)
    pages: list[dict[str, Any]] = []
    missing: list[str] = []
    for key in ids:
        page = root / "html" / f"{key}.html.gz"
        if not page.exists():
            missing.append(key)
            continue
        html = gzip.decompress(page.read_bytes())
        true = truth[key].get("articleBody") or ""
        row: dict[str, Any] = {"id": key}
        for name, system in systems.items():
            t0 = time.perf_counter()
            pred = system(html, truth[key].get("url"))
            seconds[name] += time.perf_counter() - t0
            for n in (1, 4):
                counts[name][n].append(match(true, pred, n))
            tp, fp, fn = counts[name][1][-1]
            row[name] = round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0
        pages.append(row)
    result: dict[str, Any] = {"benchmark": str(root), "pages": len(pages), "missing": missing}
    for name in systems:
        result[name] = {
            "words": scores(counts[name][1]),
            "shingles4": scores(counts[name][4]),
            "seconds": round(seconds[name], 2),
        }
    result["f1_difference"] = round(
        result["newsledger"]["words"]["f1"] - result["trafilatura"]["words"]["f1"], 4
    )
    result["per_page"] = pages
    return result


def format_report(metrics: dict[str, Any]) -> str:
    """A terminal table of the two systems and the pages where newsledger loses most."""
    lines = [
        f"HTML article body on {metrics['pages']} pages ({metrics['benchmark']})",
        f"{'system':<13}{'unit':<11}{'precision':>10}{'recall':>8}{'F1':>8}{'empty':>7}{'sec':>8}",
    ]
    for name in ("newsledger", "trafilatura"):
        for unit, label in (("words", "words"), ("shingles4", "4-shingles")):
            s = metrics[name][unit]
            lines.append(
                f"{name:<13}{label:<11}{s['precision']:>10.4f}{s['recall']:>8.4f}{s['f1']:>8.4f}"
                f"{s['empty']:>7}{metrics[name]['seconds']:>8.1f}"
            )
    lines.append(f"word F1, newsledger - trafilatura: {metrics['f1_difference']:+.4f}")
    worse = sorted(metrics.get("per_page", []), key=lambda r: r["newsledger"] - r["trafilatura"])
    worse = [r for r in worse if r["newsledger"] < r["trafilatura"]][:5]
    if worse:
        lines.append("pages where newsledger is furthest below trafilatura (word F1):")
        lines += [
            f"  {r['id'][:16]}  {r['newsledger']:.3f} vs {r['trafilatura']:.3f}" for r in worse
        ]
    return "\n".join(lines)
