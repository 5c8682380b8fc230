"""Claims found in text that attributes nothing: false claims per 1,000 words.

Reads the article bodies of the Zyte extraction benchmark (``shared/data/extraction/
ground-truth.json``: news, reviews, how-to and product pages) and keeps the bodies that carry
no quotation mark and none of the commonest attribution words (said, says, told, according
to, quoted, interview). Runs the stages nlp, time, actors, claims over them and prints the
claims found per 1,000 words, by kind, with a sample. Every claim found there is a candidate
false claim (a belief or intention of the author's subject can still be right: read the
sample).

    .venv/bin/python bench/claims_quote_free.py [--shared ../shared] [--sample 15]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_ATTRIBUTION = re.compile(
    r"[\"“”«»„]|\b(said|says|say|told|tells|according to|quoted|interview\w*)\b", re.IGNORECASE
)


def quote_free(shared: Path) -> list[tuple[str, str]]:
    truth = json.loads((shared / "data" / "extraction" / "ground-truth.json").read_text("utf-8"))
    out = []
    for key, row in sorted(truth.items()):
        body = (row.get("articleBody") or "").strip()
        if len(body.split()) >= 80 and not _ATTRIBUTION.search(body):
            out.append((key, body))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--sample", type=int, default=15)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from newsledger.ingest import document_from_text
    from newsledger.stages import build_pipeline

    pages = quote_free(Path(args.shared))
    pipe = build_pipeline(["nlp", "time", "actors", "claims"])
    words = 0
    kinds: dict[str, int] = {}
    sample = []
    for key, body in pages:
        doc = pipe(document_from_text(body, id=key[:12]))
        words += len(body.split())
        for c in doc.claims:
            kinds[c.kind] = kinds.get(c.kind, 0) + 1
            sample.append((c.kind, c.speaker_text, c.cue, c.content[:90]))
    n = sum(kinds.values())
    print(
        f"{len(pages)} quote-free pages, {words} words: {n} claims, "
        f"{1000 * n / max(words, 1):.2f} per 1,000 words; by kind {kinds}"
    )
    for row in sample[: args.sample]:
        print("  ", row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
