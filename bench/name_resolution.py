"""Name resolution on actor names as conflict data writes them: misspellings get the right
suggestion, are never silently answered for another actor, and names the store lacks get few
suggestions.

The "store" holds the actors named as sides in UCDP GED's sample (../shared/data/events/
ucdp_ged_sample.csv: "Taleban", "Government of Afghanistan", "AQIM", ...). Each name of 4+
characters is misspelt three ways (a letter dropped, two swapped, one replaced: positions drawn
from a hash of the name, so every run is the same), and each misspelling is looked up with
:func:`newsledger.store.names.resolve_actor`. Names of the actor registry's armed groups that are
not in the store stand for actors the store lacks. Names are split by a hash of the name into a
development half and a held-aside half; the thresholds (SUGGEST_NAME, SUGGEST_WORD) were set
before this bench ran and are not tuned on either half.

    .venv/bin/python bench/name_resolution.py [UCDP_CSV]
"""

from __future__ import annotations

import csv
import hashlib
import sys
import tempfile
from pathlib import Path

from newsledger.actors.registry import load_registry
from newsledger.document import Actor, Document
from newsledger.store import open_store
from newsledger.store.filters import UnknownName
from newsledger.store.names import resolve_actor

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "events" / "ucdp_ged_sample.csv"


def _h(text: str) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:12], 16)


def half(name: str) -> str:
    return "dev" if _h("half:" + name) % 2 == 0 else "held-aside"


def typos(name: str) -> list[str]:
    """Three misspellings of ``name``: a letter dropped, two swapped, one replaced."""
    letters = [i for i, c in enumerate(name) if c.isalpha()]
    if len(letters) < 4:
        return []
    i = letters[1 + _h(name) % (len(letters) - 2)]  # never the first letter
    out = [name[:i] + name[i + 1 :]]
    if i + 1 < len(name) and name[i + 1] != name[i]:
        out.append(name[:i] + name[i + 1] + name[i] + name[i + 2 :])
    c = name[i]
    sub = "e" if c.lower() != "e" else "a"
    out.append(name[:i] + (sub.upper() if c.isupper() else sub) + name[i + 1 :])
    return [t for t in out if t != name]


def sides(path: Path) -> list[str]:
    names: set[str] = set()
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for key in ("side_a", "side_b"):
                if row[key] and "," not in row[key]:  # one actor, not a coalition list
                    names.add(row[key].strip())
    return sorted(names)


def main(argv: list[str]) -> None:
    path = Path(argv[0]) if argv else DEFAULT
    names = sides(path)
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "names.db")
        with open_store(db) as store:
            actors = [Actor(f"a{i}", n, "rebel_group") for i, n in enumerate(names)]
            store.write(Document(id="bench-names", text="(no text)", actors=actors))
            ids = {a.name: a.id for a in actors}
            store_keys = {n.lower() for n in names}
            absent = sorted(
                r.name for r in load_registry().records.values()
                if r.type == "rebel_group" and r.name.lower() not in store_keys
                and _h("absent:" + r.name) % 10 == 0
            )  # fmt: skip
            report(store.conn, names, ids, absent)
            before(names, absent)


def report(conn, names: list[str], ids: dict[str, str], absent: list[str]) -> None:  # type: ignore[no-untyped-def]
    for part in ("dev", "held-aside"):
        n = top1 = within = wrong = silent_none = 0
        for name in (x for x in names if half(x) == part):
            for t in typos(name):
                n += 1
                try:
                    m = resolve_actor(conn, t)
                except UnknownName as exc:
                    top1 += bool(exc.suggestions) and exc.suggestions[0] == name
                    within += name in exc.suggestions
                    silent_none += not exc.suggestions
                    continue
                wrong += ids[name] not in m.ids  # answered, for somebody else
        k = offered = 0
        for name in (x for x in absent if half(x) == part):
            k += 1
            try:
                resolve_actor(conn, name)
            except UnknownName as exc:
                offered += bool(exc.suggestions)
        print(
            f"{part:10s} misspellings {n}: right name first {top1 / n:.3f}, among the "
            f"suggestions {within / n:.3f}, no suggestion {silent_none / n:.3f}, answered for "
            f"another actor {wrong}/{n}; names the store lacks {k}: any suggestion "
            f"{offered / max(k, 1):.3f}"
        )


def before(names: list[str], absent: list[str]) -> None:
    """The same counts for the rule the ledger used before (rapidfuzz WRatio: a silent answer
    at >= 90, up to five suggestions at >= 60)."""
    from rapidfuzz import fuzz, process

    for part in ("dev", "held-aside"):
        n = guessed = wrong = 0
        for name in (x for x in names if half(x) == part):
            for t in typos(name):
                n += 1
                best = process.extractOne(t, names, scorer=fuzz.WRatio, score_cutoff=90)
                guessed += best is not None
                wrong += best is not None and best[0] != name
        ab = [x for x in absent if half(x) == part]
        offered = sum(bool(process.extract(x, names, limit=5, score_cutoff=60)) for x in ab)
        print(
            f"{part:10s} before: misspellings answered silently {guessed}/{n} ({wrong} for "
            f"another actor); names the store lacks {len(ab)}: any suggestion "
            f"{offered / max(len(ab), 1):.3f}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
