"""Peak memory (RSS) of one document through the pipeline, by document size.

Each size runs in a fresh process: load the pipeline, warm it up on a short text, note the peak
RSS so far (the models and data), then ingest one document of the given size from a JSONL file
into a fresh store and note the peak again (``resource.getrusage``'s ``ru_maxrss``). Prints one
line per size: characters, peak RSS, growth over the loaded pipeline, seconds, records stored.
``--count N`` ingests N documents of each size in one run (one batch by count: batch_size 16).

The text is project-written: the body paragraphs of examples/frontier_report.txt (an
illustration written for newsledger) repeated up to the size, so the figures are reproducible
from the repository alone.

``--before`` runs the way the pipeline ran before long documents were chunked: the whole text
handed to spaCy at once (spaCy's own ``max_length`` raised to let a 1,000,000-character text
through, which it otherwise refuses), batches bounded by count only.

    .venv/bin/python bench/memory.py                      # 1 KB, 100 KB, 1 MB, every stage
    .venv/bin/python bench/memory.py --stages nlp --before
    .venv/bin/python bench/memory.py --sizes 200000 --count 4 [--before]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = "1000,100000,1000000"


def make_text(size: int) -> str:
    raw = (ROOT / "examples" / "frontier_report.txt").read_text("utf-8")
    body = [p.strip() for p in raw.split("\n\n")[3:] if p.strip()]
    out: list[str] = []
    n = 0
    i = 0
    while n < size:
        out.append(body[i % len(body)])
        n += len(out[-1]) + 2
        i += 1
    return "\n\n".join(out)[:size].rstrip()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def child(size: int, stages: str | None, before: bool, count: int) -> dict[str, object]:
    from newsledger.jobs import ingest, make_pipeline
    from newsledger.settings import load_settings
    from newsledger.store import open_store

    over: dict[str, dict[str, object]] = {"ingest": {"max_chars": max(size, 1_000_000)}}
    if stages:
        over["pipeline"] = {"stages": stages.split(",")}
    if before:
        over["nlp"] = {"chunk_chars": 10**9}
        over["pipeline"] = {**over.get("pipeline", {}), "batch_chars": 10**9}
    settings = load_settings(environ={}, overrides=over)  # type: ignore[arg-type]
    pipeline = make_pipeline(settings)
    if before:
        pipeline.stages[0].nlp.max_length = 10**9  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm.jsonl"
        warm.write_text(json.dumps({"id": "warm", "text": make_text(600)}) + "\n")
        with open_store(str(Path(tmp) / "warm.db")) as store:
            ingest([str(warm)], settings, store, pipeline=pipeline)
        loaded = peak_mb()
        doc = Path(tmp) / "doc.jsonl"
        text = make_text(size)
        with doc.open("w") as f:
            for i in range(count):  # the same text under another id: one batch of ``count``
                f.write(json.dumps({"id": f"bench-{size}-{i}", "text": text}) + "\n")
        t0 = time.perf_counter()
        errors: list[str] = []
        with open_store(str(Path(tmp) / "doc.db")) as store:
            summary = ingest(
                [str(doc)],
                settings,
                store,
                pipeline=pipeline,
                on_error=lambda f: errors.append(f.reason),
            )
            records = {k: len(list(getattr(store, k)())) for k in ("events", "claims")}
        seconds = time.perf_counter() - t0
    return {
        "chars": len(text),
        "peak_mb": round(peak_mb()),
        "growth_mb": round(peak_mb() - loaded),
        "loaded_mb": round(loaded),
        "seconds": round(seconds, 1),
        "stored": summary.new,
        "failed": errors[0][:120] if errors else None,
        **records,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default=SIZES, help=f"characters, comma-separated ({SIZES})")
    ap.add_argument("--stages", default=None, help="comma-separated stages (default: all)")
    ap.add_argument("--before", action="store_true", help="no chunking (as before issue 19)")
    ap.add_argument("--count", type=int, default=1, help="documents of each size in one ingest")
    ap.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child is not None:
        print(json.dumps(child(args.child, args.stages, args.before, args.count)))
        return 0
    mode = "before (whole text to spaCy)" if args.before else "chunked"
    print(f"stages: {args.stages or 'all'}; {mode}; {args.count} document(s) of each size")
    for size in (int(s) for s in args.sizes.split(",")):
        cmd = [sys.executable, __file__, "--child", str(size), "--count", str(args.count)]
        cmd += (["--stages", args.stages] if args.stages else []) + (
            ["--before"] if args.before else []
        )
        out = subprocess.run(cmd, capture_output=True, text=True)
        if out.returncode != 0:
            print(f"{size:>9,} chars: failed ({out.returncode}): {out.stderr.strip()[-300:]}")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"{r['chars']:>9,} chars: peak {r['peak_mb']:>5} MB, +{r['growth_mb']:>4} MB over the "
            f"loaded pipeline ({r['loaded_mb']} MB), {r['seconds']:>6} s, stored {r['stored']}, "
            f"events {r['events']}, claims {r['claims']}"
            + (f"; {r['failed']}" if r["failed"] else "")
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
