"""The PLOVER pass's share of spaCy's time (issue 15): bench/throughput.py with the pass timed.

Runs ``bench/throughput.py`` (200 GeoWebNews articles, whole pipeline and store vs spaCy's
``nlp.pipe`` alone, fastest of two runs) with :func:`newsledger.events.plover.code_sentences`
wrapped in a timer, and prints, after throughput's own lines, the pass's seconds per run and its
share of spaCy's time. The events stage's share printed by throughput includes the pass.

    nice .venv/bin/python bench/plover_cost.py [--n 200] [--repeat 2] [--off]

``--off`` runs the same benchmark without the pass, for the before / after comparison.
"""

from __future__ import annotations

import re
import runpy
import sys
import time
from contextlib import redirect_stdout, suppress
from io import StringIO
from pathlib import Path
from typing import Any

import newsledger.events.assemble as assemble

HERE = Path(__file__).resolve().parent


def main() -> int:
    spent = [0.0]
    original = assemble.code_sentences

    def timed(doc: Any, sdoc: Any, st: Any) -> None:
        t0 = time.perf_counter()
        original(doc, sdoc, st)
        spent[0] += time.perf_counter() - t0

    off = "--off" in sys.argv  # the same run without the pass (the figures before issue 15)
    if off:
        sys.argv.remove("--off")
    assemble.code_sentences = (lambda doc, sdoc, st: None) if off else timed
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 2
    sys.argv = [str(HERE / "throughput.py"), *sys.argv[1:]]
    out = StringIO()
    with redirect_stdout(out), suppress(SystemExit):
        runpy.run_path(str(HERE / "throughput.py"), run_name="__main__")
    text = out.getvalue()
    print(text, end="")
    m = re.search(r"spacy nlp\.pipe: .*\(([\d.]+) s\)", text)
    per_run = spent[0] / repeat  # the pass runs once per run (warm-up aside)
    if m:
        share = 100 * per_run / float(m.group(1))
        print(f"plover pass {per_run:.2f} s per run, {share:.1f}% of spaCy time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
