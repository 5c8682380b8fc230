"""Recall probes: attributions whose cue is on no list, and look-alikes that are none.

``bench/claims_recall/probes.jsonl`` holds short passages written by the project as
illustrations (no corpus text), labelled before the stage was run on them. Two sets:

* ``attribution`` (ids ``r…``): one attribution each whose cue is in none of the stage's lists
  (``claims/data/speech_verbs.txt``, ``attitude_cues.txt``, ``frames.txt``): statements
  ("grumbled that", "made little secret of his view that"), beliefs ("presume that", "are
  adamant that"), intentions ("is eyeing a run", "aspires to"), evidence ("records document
  that", "the audit established that"), nominal cues ("his complaint that"), contents its
  attribution interrupts ("The ceasefire, the colonel wagered, will not …"), sentiments
  ("livid over"), quotes with an unlisted verb. ``claims`` gives a fragment of each content.
* ``lookalike`` (ids ``f…``): no attribution at all — "so that", "in order that", "such that",
  "made sure that", "ensured that", "means that", "the fact that" as topic, "it is clear
  that", purpose clauses, verbs of perception of events ("saw the roof collapse"), "the idea
  is simple: …", and ordinary news sentences.

An attribution is found when a claim's content holds its fragment. A false claim is any claim
of a look-alike passage, or a claim of an attribution passage that holds no fragment. The
passages are split into two halves by the parity of the SHA-1 of their id: tune on half A
(``--errors`` prints A's misses and false claims only), never read half B's; both halves'
figures are printed.

    .venv/bin/python bench/claims_recall.py [--errors]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PROBES = ROOT / "bench" / "claims_recall" / "probes.jsonl"
sys.path.insert(0, str(ROOT / "src"))


def half(probe_id: str) -> str:
    """ "A" (tuned on) or "B" (never read): the parity of the SHA-1 of the probe's id."""
    return "AB"[int(hashlib.sha1(probe_id.encode()).hexdigest(), 16) % 2]


def run(probes: list[dict[str, Any]]) -> tuple[dict[str, dict[str, int]], list[str]]:
    from newsledger.ingest import document_from_text
    from newsledger.stages import build_pipeline

    pipe = build_pipeline(["nlp", "time", "actors", "claims"])
    keys = ("passages", "expected", "found", "extra", "lookalikes", "false", "false_passages")
    tally = {h: dict.fromkeys(keys, 0) for h in "AB"}
    errors: list[str] = []
    for pr in probes:
        h = half(pr["id"])
        t = tally[h]
        doc = pipe(document_from_text(pr["text"], id=pr["id"]))
        frags = [e["content"] for e in pr["claims"]]
        if pr["half_of_set"] == "attribution":
            t["passages"] += 1
            for frag in frags:
                t["expected"] += 1
                hit = any(frag in c.content for c in doc.claims)
                t["found"] += hit
                if not hit and h == "A":
                    errors.append(f"{pr['id']} miss ({pr['cue']}): {pr['text']}")
            extra = [c for c in doc.claims if not any(f in c.content for f in frags)]
        else:
            t["lookalikes"] += 1
            extra = list(doc.claims)
            t["false_passages"] += bool(extra)
        t["extra" if frags else "false"] += len(extra)
        if h == "A":
            errors.extend(
                f"{pr['id']} false ({pr['case']}): {c.content!r} [{c.why.get('rule', c.cue)}]"
                for c in extra
            )
    return tally, errors


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", action="store_true", help="print half A's errors (never B's)")
    args = ap.parse_args()
    probes = [json.loads(x) for x in PROBES.read_text("utf-8").splitlines() if x.strip()]
    tally, errors = run(probes)
    for h in "AB":
        t = tally[h]
        print(
            f"half {h}: attributions found {t['found']} of {t['expected']} "
            f"({t['found'] / max(t['expected'], 1):.3f}) in {t['passages']} passages, "
            f"{t['extra']} other claims there; look-alikes: {t['false']} false claims in "
            f"{t['false_passages']} of {t['lookalikes']} passages"
        )
    if args.errors:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
