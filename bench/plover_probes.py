"""PLOVER type and source on the project's blind probe sentences (bench/plover_probes/probes.tsv):
accuracy over each fixed half (A: read errors from, tune on; B: never read errors from), per
category, and the NONE sentences' false acts. The halves are split by the SHA-1 of the sentence.

    python bench/plover_probes.py [--errors] [FILE]   # --errors lists half A's errors only

FILE defaults to probes.tsv; probe set C (the fifth pass) is bench/plover_probes/probes_c.tsv.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsledger.evaluation.plover import norm_code, predict  # noqa: E402
from newsledger.ingest import document_from_text  # noqa: E402
from newsledger.stages import build_pipeline  # noqa: E402

PROBES = ROOT / "bench/plover_probes/probes.tsv"


def half_of(text: str) -> str:
    """``A`` or ``B``: the first byte of the SHA-1 of the sentence, even or odd (stable)."""
    return "A" if hashlib.sha1(text.encode("utf-8")).digest()[0] % 2 == 0 else "B"


def read_probes(path: Path = PROBES) -> list[tuple[str, list[str], str]]:
    """(type, source codes, sentence) for each line that is not a comment."""
    out = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        typ, src, text = line.split("\t")
        out.append((typ, [] if src == "-" else src.split(","), text))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--errors", action="store_true", help="list half A's errors")
    ap.add_argument(
        "file", nargs="?", type=Path, default=PROBES, help="probe TSV (default probes.tsv)"
    )
    args = ap.parse_args(argv)
    pipe = build_pipeline()
    rows: dict[str, list[tuple[str, bool, bool]]] = collections.defaultdict(list)
    errors = []
    for typ, srcs, text in read_probes(args.file):
        p = predict(pipe(document_from_text(text, published="1997-03-01")))
        ok_t = p["event"] == typ or (typ == "NONE" and p["event"] == "(none)")
        ok_s = typ == "NONE" or norm_code(p["source"]) in srcs
        half = half_of(text)
        rows[half].append((typ, ok_t, ok_s))
        if half == "A" and not (ok_t and ok_s):
            errors.append(
                f"{'T' if not ok_t else ' '}{'S' if not ok_s else ' '} "
                f"{typ}/{','.join(srcs) or '-'} -> {p['event']}/{p['source']} "
                f"[{p['trigger']}] {text}"
            )
    for half in ("A", "B"):
        r = rows[half]
        acts = [x for x in r if x[0] != "NONE"]
        t = sum(x[1] for x in acts) / max(len(acts), 1)
        s = sum(x[2] for x in acts) / max(len(acts), 1)
        none = [x for x in r if x[0] == "NONE"]
        fp = sum(not x[1] for x in none)
        print(
            f"half {half}: {len(acts)} acts: type {t:.3f}, source {s:.3f}; "
            f"NONE sentences with an act {fp} of {len(none)}"
        )
        per = collections.defaultdict(list)
        for typ, ok_t, _ in acts:
            per[typ].append(ok_t)
        print("  " + ", ".join(f"{k} {sum(v)}/{len(v)}" for k, v in sorted(per.items())))
    allacts = [x for h in rows.values() for x in h if x[0] != "NONE"]
    print(
        f"all: {len(allacts)} acts: type {sum(x[1] for x in allacts) / len(allacts):.3f}, "
        f"source {sum(x[2] for x in allacts) / len(allacts):.3f}"
    )
    if args.errors:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
