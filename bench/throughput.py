"""Throughput of the whole pipeline (ingest -> every stage -> SQLite store) against spaCy alone.

Reads >= 200 real news texts from the development data (GeoWebNews, then LGL), runs in one
process: (1) spaCy's nlp.pipe over the texts, (2) newsledger's full ingest of the same texts into
a fresh store. Both after a warm-up (model and data loading excluded from both). Prints
articles/s for each and, as the last line, ``ratio <pipeline time / spaCy time>``.

    .venv/bin/python bench/throughput.py [--n 200] [--shared ../shared]
    .venv/bin/python bench/throughput.py --files ../shared/corpus/seed/*.txt --repeat 5

``--files`` reads the texts from the files named instead (one text a file), for a stage's share
on one kind of article (the seed's dense conflict reporting).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_texts(shared: Path, n: int) -> list[str]:
    texts: list[str] = []
    for name in ("GWN.xml", "lgl.xml"):
        root = ET.parse(shared / "data" / "geoparsing" / name).getroot()
        for art in root.iter("article"):
            t = (art.findtext("text") or "").strip()
            if t:
                texts.append(t)
            if len(texts) >= n:
                return texts
    return texts


def _timed(pipe, name, acc):  # type: ignore[no-untyped-def]
    def run(docs, batch_size=16):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        out = list(pipe(docs, batch_size=batch_size))
        acc[name] += time.perf_counter() - t0
        return iter(out)

    return run


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument(
        "--repeat", type=int, default=2, help="alternate runs; the fastest of each counts"
    )
    ap.add_argument("--stages", default=None, help="comma-separated stage names (default: all)")
    ap.add_argument("--files", nargs="+", default=None, help="texts from these files instead")
    args = ap.parse_args()

    from newsledger.jobs import ingest
    from newsledger.nlp import load_model
    from newsledger.settings import load_settings
    from newsledger.store import open_store

    if args.files:
        texts = [Path(f).read_text(encoding="utf-8") for f in args.files]
    else:
        texts = load_texts(Path(args.shared), args.n)
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} articles, {words} words", file=sys.stderr)

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w") as f:
            for i, t in enumerate(texts):
                f.write(json.dumps({"id": f"bench-{i}", "text": t}) + "\n")
        warm = Path(tmp) / "warm.jsonl"
        warm.write_text(json.dumps({"id": "warm", "text": texts[0]}) + "\n")

        overrides = {"pipeline": {"stages": args.stages.split(",")}} if args.stages else None
        settings = load_settings(overrides=overrides, environ={})
        nlp = load_model(settings.values["nlp"]["model"])

        # warm-up: load the model and every stage's data
        list(nlp.pipe(texts[:2]))
        with open_store(str(Path(tmp) / "warm.db")) as s:
            ingest([str(warm)], settings, s)

        from newsledger.jobs import make_pipeline

        pipeline = make_pipeline(settings)
        stage_time = {st.name: 0.0 for st in pipeline.stages}
        for st in pipeline.stages:
            st.pipe = _timed(st.pipe, st.name, stage_time)  # type: ignore[method-assign]
        t_spacy = t_pipe = float("inf")
        best_stage: dict[str, float] = {}
        for r in range(args.repeat):
            t0 = time.perf_counter()
            for _ in nlp.pipe(texts, batch_size=settings.batch_size):
                pass
            t_spacy = min(t_spacy, time.perf_counter() - t0)

            for k in stage_time:
                stage_time[k] = 0.0
            with open_store(str(Path(tmp) / f"bench{r}.db")) as store:
                t0 = time.perf_counter()
                summary = ingest([str(corpus)], settings, store, pipeline=pipeline)
                elapsed = time.perf_counter() - t0
                counts = {k: store.count(k) for k in ("events", "claims", "actors", "places")}
            if elapsed < t_pipe:
                t_pipe, best_stage = elapsed, dict(stage_time)
        stage_time = best_stage

    n = len(texts)
    print(f"stages: {','.join(settings.stages)}")
    print(f"stored: {summary.as_dict()} records: {counts}")
    print(f"spacy nlp.pipe: {n / t_spacy:.1f} articles/s ({t_spacy:.2f} s)")
    print(f"newsledger pipeline + store: {n / t_pipe:.1f} articles/s ({t_pipe:.2f} s)")
    for name, t in stage_time.items():
        print(f"  stage {name:<14} {t:7.2f} s  {100 * t / t_spacy:5.1f}% of spaCy time")
    rest = t_pipe - sum(stage_time.values())
    print(f"  ingest + store       {rest:7.2f} s  {100 * rest / t_spacy:5.1f}% of spaCy time")
    print(f"ratio {t_pipe / t_spacy:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
