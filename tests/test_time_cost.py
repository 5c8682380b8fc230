"""The time stage's cost against spaCy's on real news texts (GeoWebNews, read from ../shared).

Budget: the time stage costs less than 5% of spaCy's ``nlp.pipe`` time on the same texts.
Run as a script for the full measurement::

    .venv/bin/python tests/test_time_cost.py 200
"""

from __future__ import annotations

import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

GWN = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "geoparsing" / "GWN.xml"


def measure(path: Path, n: int) -> dict[str, float]:
    """Seconds spent by spaCy and by the time stage (best of 3) on the first ``n`` texts."""
    from newsledger.document import Document, Section
    from newsledger.nlp import load_model
    from newsledger.time import TimeStage

    root = ET.parse(path).getroot()
    texts = [(a.findtext("text") or "").strip() for a in root.iter("article")]
    texts = [t for t in texts if t][:n]
    nlp = load_model()
    docs = [
        Document(id=str(i), text=t, sections=[Section("body", 0, len(t))])
        for i, t in enumerate(texts)
    ]
    t0 = time.perf_counter()
    parsed = list(nlp.pipe(texts, batch_size=32))
    spacy_s = time.perf_counter() - t0
    for d, s in zip(docs, parsed, strict=True):
        d.user_data["spacy"] = s
    stage = TimeStage()
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for d in docs:
            d.warnings = []
            stage(d)
        best = min(best, time.perf_counter() - t0)
    return {
        "docs": len(docs),
        "spacy_s": spacy_s,
        "time_s": best,
        "ratio": best / spacy_s,
        "dates": sum(len(d.dates) for d in docs),
    }


@pytest.mark.slow
def test_time_stage_costs_under_5_percent_of_spacy(shared):
    path = shared / "data" / "geoparsing" / "GWN.xml"
    if not path.exists():
        pytest.skip("GeoWebNews is not in ../shared")
    result = measure(path, 30)
    assert result["dates"] > 30
    assert result["ratio"] < 0.05, result


if __name__ == "__main__":
    r = measure(GWN, int(sys.argv[1]) if len(sys.argv) > 1 else 200)
    print(
        f"{r['docs']} texts: spaCy {r['spacy_s']:.2f}s, time stage {r['time_s']:.3f}s "
        f"({r['dates']} date mentions); ratio {r['ratio']:.2%}"
    )
