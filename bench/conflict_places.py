"""Places in conflict reporting: the project's labelled illustrations (tests/fixtures/places).

For each sentence, the places it names and their country; prints how many the places stage
places (coordinates) in the right country, and the places it adds that the labels lack, with
the round-9 conflict rules (``CONFLICT_CONTEXT``, ``LISTED_UNTAGGED``) off and on.

    .venv/bin/python bench/conflict_places.py [FILE.jsonl]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from newsledger.ingest import document_from_text
from newsledger.places import resolve as R
from newsledger.stages import build_pipeline

DEFAULT = (
    Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "places" / "conflict.jsonl"
)


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT
    cases = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    pipe = build_pipeline(["nlp", "places"])
    for on in (False, True):
        R.CONFLICT_CONTEXT = R.LISTED_UNTAGGED = on
        right = total = extra = 0
        missed: list[str] = []
        for i, case in enumerate(cases):
            doc = pipe(document_from_text(case["text"], id=f"c{i}"))
            got = {m.text: p.country for p in doc.places if p.lat is not None for m in p.mentions}
            for name, cc in case["places"].items():
                total += 1
                if got.get(name) == cc:
                    right += 1
                else:
                    missed.append(name)
            extra += len(set(got) - set(case["places"]))
        print(
            f"conflict rules {'on' if on else 'off'}: {right} of {total} places in the right country, "
            f"{extra} extra; missed: {', '.join(missed)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
