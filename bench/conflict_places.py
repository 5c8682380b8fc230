"""Places in conflict reporting: the project's labelled illustrations (tests/fixtures/places).

For each sentence, the places it names and their country; prints how many the places stage
places (coordinates) in the right country, and the places it adds that the labels lack, with
the conflict-reporting rules of places/data/rules.toml (``CONFLICT_RULES``) off and on.

    .venv/bin/python bench/conflict_places.py [FILE.jsonl]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from newsledger.ingest import document_from_text
from newsledger.places import PlaceStage
from newsledger.places.rules import default_rules
from newsledger.stages import build_pipeline

#: the rules written for conflict reporting's ways of naming places
CONFLICT_RULES = (
    "norp-big-town",
    "code-names",
    "listed-alias",
    "particle-names",
    "place-verbs",
    "advance-on",
    "compass-after",
    "apposition",
    "listed-untagged",
)

DEFAULT = (
    Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "places" / "conflict.jsonl"
)


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT
    cases = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    nlp = build_pipeline(["nlp"])
    for on in (False, True):
        rules = default_rules() if on else default_rules().without(*CONFLICT_RULES)
        places = PlaceStage(rules=rules)
        right = total = extra = 0
        missed: list[str] = []
        for i, case in enumerate(cases):
            doc = places(nlp(document_from_text(case["text"], id=f"c{i}")))
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
