"""PLOVER-only events on text that reports no event: the first N texts of the project's
relevance set labelled "no event" (web pages, LGL and GeoWebNews articles), through the default
pipeline; prints PLOVER-only events per text and by category (``--off RULE`` switches a rule
off to compare).

    python bench/plover_noise.py [--n 40] [--off plover.political_party]
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsledger.evaluation.relevance import document_of, load_items  # noqa: E402
from newsledger.jobs import make_pipeline  # noqa: E402
from newsledger.settings import load_settings  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--off", action="append", default=[], help="a rule id to switch off")
    args = ap.parse_args(argv)
    items = [
        it
        for it in load_items(ROOT / "bench/relevance/labels.jsonl")
        if not it["event"] and it["source"] in ("zyte", "lgl", "gwn")
    ][: args.n]
    settings = load_settings(overrides={"events": {"rules_off": args.off}} if args.off else None)
    pipeline = make_pipeline(settings)
    counts: collections.Counter[str] = collections.Counter()
    docs = 0
    for res in pipeline.pipe([document_of(it) for it in items], batch_size=settings.batch_size):
        doc = res.doc
        if doc is None:  # not English: skipped
            continue
        docs += 1
        counts.update(e.plover for e in doc.events if e.plover and not e.type)
    total = sum(counts.values())
    per = total / max(docs, 1)
    print(f"{docs} texts that report no event: {total} PLOVER-only events, {per:.1f} a text")
    print("  " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
