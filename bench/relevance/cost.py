"""What relevance and language detection cost, against spaCy's own time on the same texts.

    .venv/bin/python bench/relevance/cost.py [--n 200] [--shared ../shared]

Reads the texts ``bench/throughput.py`` reads (GeoWebNews, then LGL), times spaCy's
``nlp.pipe`` over them, then runs the default pipeline over them with the time spent inside
the relevance gate (``events.relevance.gate``: the lead's embedding, the sentences the
classifier did not embed, the two models) and inside language detection
(``ingest.language.detect_language``) added up. Both after a warm-up. The last line is
``share <(relevance + language) / spaCy>``; the issue's budget for the new checks is 0.10.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def timed(module: Any, name: str, acc: dict[str, float]) -> None:
    """Wrap ``module.name`` so that its time adds up in ``acc[name]``."""
    fn = getattr(module, name)

    def run(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            acc[name] += time.perf_counter() - t0

    setattr(module, name, run)


def main() -> int:
    from newsledger import events as events_pkg
    from newsledger.ingest import document_from_text
    from newsledger.ingest import language as language_mod
    from newsledger.jobs import make_pipeline
    from newsledger.nlp import load_model
    from newsledger.settings import load_settings
    from throughput import load_texts  # type: ignore[import-not-found]

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    texts = load_texts(Path(args.shared), args.n)
    settings = load_settings()
    pipeline = make_pipeline(settings)
    nlp = load_model(settings.values["nlp"]["model"])
    warm = [document_from_text(t) for t in texts[:16]]
    list(pipeline.pipe(warm, batch_size=settings.batch_size))
    t0 = time.perf_counter()
    list(nlp.pipe(texts, batch_size=settings.batch_size))
    t_spacy = time.perf_counter() - t0
    acc = {"gate": 0.0, "detect_language": 0.0}
    timed(events_pkg, "gate", acc)  # the stage calls it through the package's namespace
    timed(language_mod, "detect_language", acc)
    docs = [document_from_text(t) for t in texts]
    t0 = time.perf_counter()
    results = list(pipeline.pipe(docs, batch_size=settings.batch_size))
    t_all = time.perf_counter() - t0
    scored = sum(1 for r in results if r.doc is not None and r.doc.relevance is not None)
    print(f"texts: {len(texts)} ({scored} with an ACLED-typed event, scored for relevance)")
    print(f"spacy nlp.pipe: {t_spacy:.2f} s; whole pipeline: {t_all:.2f} s")
    print(f"relevance gate: {acc['gate']:.2f} s ({100 * acc['gate'] / t_spacy:.1f}% of spaCy)")
    print(
        f"language detection: {acc['detect_language']:.2f} s "
        f"({100 * acc['detect_language'] / t_spacy:.1f}% of spaCy)"
    )
    print(f"share {(acc['gate'] + acc['detect_language']) / t_spacy:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
