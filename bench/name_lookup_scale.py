"""How long name resolution takes on a large store (synthetic rows, no text, no NLP).

Writes ``--docs`` documents straight into the store's tables (five actors each out of 3,003
names, one place each out of 500 towns), then times ``resolve_actor`` and ``resolve_place`` on a
freshly opened store for an id, an exact name, a registry acronym, a misspelling (which reads
every record that holds the text and ranks suggestions), a country code, a province, a town and
a town the store does not hold (the gazetteer is opened for it).

    .venv/bin/python bench/name_lookup_scale.py [--docs 100000] [--db /tmp/names.db]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from newsledger.store import open_store
from newsledger.store.filters import UnknownName
from newsledger.store.names import resolve_actor, resolve_place

NAMES = [("taliban", "Taliban"), ("iskp", "Islamic State Khorasan Province"),
         ("af", "Afghanistan")] + [(f"grp{i}", f"Group Number {i} Brigade") for i in range(3000)]  # fmt: skip


def build(path: str, docs: int) -> None:
    rnd = random.Random(1)
    with open_store(path) as store:
        c = store.conn
        c.execute("BEGIN")
        for d in range(docs):
            did = f"d{d}"
            c.execute("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                      (did, "h", None, None, None, "2024-01-01", None, None, "x", "{}", "bench",
                       "2024-01-01"))  # fmt: skip
            for aid, name in rnd.sample(NAMES, 5):
                record = {"id": aid, "name": name, "aliases": [],
                          "mentions": [{"text": name, "start": 0, "end": 1}]}  # fmt: skip
                c.execute("INSERT INTO actors VALUES (?,?,?,?,?,?,?,?)",
                          (did, aid, name, "rebel_group", None, None, 1, json.dumps(record)))  # fmt: skip
            town = d % 500
            c.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)",
                      (did, f"geonames:{town}", f"Town {town}", "city", "AF", "Nangarhar", 34.0,
                       70.0, 1, "{}"))  # fmt: skip
        c.execute("COMMIT")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--db", default=None)
    args = ap.parse_args()
    path = args.db or f"/tmp/newsledger-names-{args.docs}.db"
    if not Path(path).exists():
        t = time.perf_counter()
        build(path, args.docs)
        print(f"built {args.docs:,} documents in {time.perf_counter() - t:.1f} s")
    with open_store(path, readonly=True) as store:
        print(f"actor rows {store.count('actors'):,}, place rows {store.count('places'):,}")
        for kind, fn, query in [
            ("actor id", resolve_actor, "taliban"),
            ("actor name", resolve_actor, "Group Number 17 Brigade"),
            ("registry acronym", resolve_actor, "ISIS-K"),
            ("misspelling", resolve_actor, "Talibn"),
            ("country code", resolve_place, "AF"),
            ("province", resolve_place, "Nangarhar"),
            ("town", resolve_place, "Town 7"),
            ("town not in the store", resolve_place, "Lahore"),
        ]:
            t = time.perf_counter()
            try:
                how = fn(store.conn, query).how
            except UnknownName as exc:
                how = f"unknown, suggests {exc.suggestions}"
            print(f"{kind:24s} {query!r:28s} {time.perf_counter() - t:7.3f} s  ({how})")


if __name__ == "__main__":
    main()
