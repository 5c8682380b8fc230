"""The claims stage's time by document length: does it grow linearly?

Joins the texts of ``shared/data/claims/polnear_valid.jsonl`` into one document per size
(paragraphs kept), runs the stages nlp, time and actors once, then times the claims stage on
it (fastest of ``--repeat`` runs) beside spaCy's time on the same document.

    .venv/bin/python bench/claims_scale.py [--sizes 25000,50000,100000,200000] [--repeat 2]

To time an earlier version of the stage, put its ``src`` first on the path
(``PYTHONPATH=/path/to/old/src``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def long_text(path: Path, size: int) -> str:
    big = ""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if len(big) >= size:
                break
            big += json.loads(line)["text"] + "\n\n"
    return big[:size]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--sizes", default="25000,50000,100000,200000")
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args(argv)
    from newsledger.claims import ClaimStage
    from newsledger.ingest import document_from_text
    from newsledger.stages import build_pipeline

    src = args.shared / "data" / "claims" / "polnear_valid.jsonl"
    stages = build_pipeline(["nlp", "time", "actors"]).stages
    claims = ClaimStage()
    print(f"{'chars':>9} {'spaCy s':>8} {'claims s':>9} {'claims/spaCy':>13} {'claims':>7}")
    for size in (int(s) for s in args.sizes.split(",")):
        doc = document_from_text(long_text(src, size))
        nlp_s = 0.0
        for stage in stages:
            t0 = time.perf_counter()
            doc = stage(doc)
            if stage.name == "nlp":
                nlp_s = time.perf_counter() - t0
        best = float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            doc = claims(doc)
            best = min(best, time.perf_counter() - t0)
        print(f"{size:>9} {nlp_s:>8.2f} {best:>9.2f} {best / nlp_s:>13.3f} {len(doc.claims):>7}")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
