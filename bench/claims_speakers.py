"""Speaker probes: is the speaker right on short passages written for the purpose?

``bench/claims_speakers/probes.jsonl`` holds project-written illustrations (no corpus text):
one passage a line, each with one or more attributions — a fragment of the content and the
speaker a careful reader names (after pronouns and role nouns are resolved), sometimes the
kind of speaker (person / organization). Cases: pronouns after one or two named people,
role nouns ("the spokesman", "the ministry") after a named organisation or person, "X's top
aides", appositions, the speaker after the quote, "according to", nested attributions,
passives, interviews, possessive subjects, and persons vs organisations.

A claim answers an attribution when its content holds the fragment; its speaker is right when
its resolved name or its words, without a leading article or a trailing "'s", equal the
expected speaker, end with the same word, or start with it ("documents seen by reporters" for
"documents"). The probes are split into two halves by the parity of the SHA-1 of their id:
tune on half A (``--errors`` prints A's errors only), never read half B's errors; both halves'
figures are printed.

    .venv/bin/python bench/claims_speakers.py [--errors] [--set d]

``--set d`` scores ``bench/claims_speakers/probes_d.jsonl`` instead (the fourth speaker pass's
set: pronouns across paragraphs and after quotes, role nouns to named actors, appositions
after the quote, possessives, nested attributions, "according to" with titles, organisations
and documents, interviews, plural speakers, subjects of control verbs).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PROBES = ROOT / "bench" / "claims_speakers" / "probes.jsonl"
sys.path.insert(0, str(ROOT / "src"))


def half(probe_id: str) -> str:
    """ "A" (tuned on) or "B" (never read): the parity of the SHA-1 of the probe's id."""
    return "AB"[int(hashlib.sha1(probe_id.encode()).hexdigest(), 16) % 2]


def speaker_ok(c: Any, expected: str) -> bool:
    from newsledger.evaluation.claims import _norm

    g = _norm(expected)
    for p in (_norm(c.speaker_name), _norm(c.speaker_text)):
        if p and g and (p == g or p.split()[-1] == g.split()[-1] or p.startswith(g + " ")):
            return True
    return False


def run(probes: list[dict[str, Any]]) -> tuple[dict[str, dict[str, int]], list[str]]:
    from newsledger.ingest import document_from_text
    from newsledger.stages import build_pipeline

    pipe = build_pipeline(["nlp", "time", "actors", "claims"])
    tally = {h: {"expected": 0, "found": 0, "right": 0, "kinds": 0, "kinds_right": 0} for h in "AB"}
    errors: list[str] = []
    for pr in probes:
        h = half(pr["id"])
        doc = pipe(document_from_text(pr["text"], id=pr["id"]))
        for exp in pr["claims"]:
            t = tally[h]
            t["expected"] += 1
            found = [c for c in doc.claims if exp["content"] in c.content]
            if not found:
                if h == "A":
                    errors.append(f"{pr['id']} {pr['case']}: no claim with {exp['content']!r}")
                continue
            c = found[0]
            t["found"] += 1
            ok = speaker_ok(c, exp["speaker"])
            t["right"] += ok
            kind_ok = True
            if exp.get("kind"):
                t["kinds"] += 1
                kind_ok = c.speaker_kind == exp["kind"]
                t["kinds_right"] += kind_ok
            if h == "A" and not (ok and kind_ok):
                errors.append(
                    f"{pr['id']} {pr['case']}: {exp['content']!r} expected {exp['speaker']!r}"
                    f" ({exp.get('kind', '-')}), got {c.speaker_text!r} / {c.speaker_name!r}"
                    f" ({c.speaker_kind})"
                )
    return tally, errors


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", action="store_true", help="print half A's errors (never B's)")
    ap.add_argument("--set", default="", help="probe set suffix: '' (probes.jsonl) or 'd'")
    args = ap.parse_args()
    path = PROBES.with_name(f"probes_{args.set}.jsonl") if args.set else PROBES
    probes = [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]
    tally, errors = run(probes)
    for h in "AB":
        t = tally[h]
        n = sum(len(p["claims"]) for p in probes if half(p["id"]) == h)
        print(
            f"half {h} ({sum(half(p['id']) == h for p in probes)} passages, {n} attributions): "
            f"found {t['found']}; speaker right {t['right']} of {t['found']} "
            f"({t['right'] / max(t['found'], 1):.3f}); of all expected "
            f"{t['right'] / max(t['expected'], 1):.3f}; kind right {t['kinds_right']} of {t['kinds']}"
        )
    if args.errors:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
