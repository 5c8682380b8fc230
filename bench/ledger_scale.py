"""Benchmark: `ledger ACTOR` and the ledger index's cost per ingested document on a large store.

Builds a synthetic store (generated documents, no real text, no NLP run: the records a pipeline
would write are generated directly) of ``--docs`` documents spread over three years: actors drawn
from a Zipf-like distribution (the most frequent in about 4% of documents), places in eight
countries, real events each told by one to four outlets (dates shifted, places or actors missing
now and then), claims that repeat, deny or negate each other, and 2% republished copies. The
documents are written with ``Store.write`` and the ledger index is built in one pass
(``ledger_index.rebuild``: a bulk load; an ingest takes each document in as it writes it); then

- ``ledger``: the ledger of the most frequent actor, of one of middling frequency and of a rare
  one, read from the index (``store_ledger``), each on a freshly opened store (median of three):
  the page ``newsledger ledger`` shows (``--limit``, 50: the latest 50 claims and 50 events)
  and, with ``--whole``, the whole ledger (``limit=None``);
- ``ingest``: ``--extra`` more documents written one at a time, as an ingest writes them (each
  taken into the index inside its write): the write and the index's part of it, per document
  (mean and 95th percentile).

    .venv/bin/python bench/ledger_scale.py [--docs 100000] [--extra 200] [--db /tmp/l.db]
    .venv/bin/python bench/ledger_scale.py --reuse --db /tmp/l.db --whole --extra 0

``--reuse`` times an existing store built by an earlier run (same ``--seed``) instead of
building one (a store built before migration 0005 gets its index rebuilt first, timed).

With ``--compare N`` it also times a full analysis (``analyze`` + ``build_ledger``, what the
ledger did before the index) on the first N documents.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from pathlib import Path

from newsledger.document import Actor, Claim, Document, Event, Evidence, Place, Section
from newsledger.store import open_store
from newsledger.store.ledger_read import store_ledger

START = dt.date(2022, 1, 1).toordinal()
DAYS = 3 * 365
TYPES = [
    ("Battles", "Armed clash", "FIGHT", "clash"),
    ("Explosions/Remote violence", "Air/drone strike", "ASSAULT", "strike"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", "ASSAULT", "bombing"),
    ("Violence against civilians", "Attack", "ASSAULT", "attack"),
    ("Protests", "Peaceful protest", "PROTEST", "protest"),
    ("Strategic developments", "Arrests", "SEIZE", "arrest"),
]
CERTAINTIES = ["reported"] * 7 + ["claimed", "denied", "hypothetical"]


class World:
    def __init__(self, seed: int):
        rng = self.rng = random.Random(seed)
        syll = ["ka", "lo", "mi", "ra", "te", "su", "vo", "ne", "di", "ba", "go", "zu", "fa", "pe"]
        self.vocab = sorted(
            {"".join(rng.choice(syll) for _ in range(rng.randint(2, 4))) for _ in range(6000)}
        )
        boxes = [(rng.uniform(-30, 45), rng.uniform(-20, 110)) for _ in range(8)]
        self.places = []
        for i in range(400):
            c = i % 8
            lat0, lon0 = boxes[c]
            self.places.append(
                (f"geonames:{1000 + i}", self._name(2).title(), f"C{c}", f"Province {c}-{i % 12}",
                 round(lat0 + rng.uniform(-3, 3), 4), round(lon0 + rng.uniform(-3, 3), 4))
            )  # fmt: skip
        self.actors = [(f"a{i}", f"{self._name(2).title()} Front {i}") for i in range(600)]
        self.weights = [1.0 / (i + 8) for i in range(600)]
        self.events: list[tuple[int, int, int, int, int]] = []  # day, type, place, a1, a2

    def _name(self, n: int) -> str:
        return " ".join(self.rng.choice(self.vocab) for _ in range(n))

    def actor(self) -> int:
        return self.rng.choices(range(600), self.weights)[0]

    def event_for(self, day: int) -> tuple[int, int, int, int, int]:
        """A real event near ``day``: mostly a new one, often one already reported."""
        rng = self.rng
        if self.events and rng.random() < 0.5:
            recent = self.events[-200:]
            ev = rng.choice(recent)
            if abs(ev[0] - day) <= 3:
                return ev
        ev = (day, rng.randrange(len(TYPES)), rng.randrange(400), self.actor(), self.actor())
        self.events.append(ev)
        return ev

    def document(self, i: int, day: int, body: str | None = None) -> Document:
        rng = self.rng
        text = body or (
            "Synthetic illustration for the newsledger benchmark. " + self._name(150) + "."
        )
        doc = Document(
            id=f"doc{i:06d}", text=text, title=self._name(5), outlet=f"Outlet {rng.randrange(300)}",
            published=dt.date.fromordinal(START + day).isoformat(),
            sections=[Section("body", 0, len(text))],
        )  # fmt: skip
        actors: dict[int, Actor] = {}
        places: dict[int, Place] = {}

        def actor(a: int) -> str:
            aid, name = self.actors[a]
            actors.setdefault(a, Actor(aid, name, "rebel_group"))
            return aid

        def place(p: int) -> str:
            pid, name, country, adm, lat, lon = self.places[p]
            places.setdefault(p, Place(pid, name, "city", country, adm, lat, lon))
            return pid

        for k in range(rng.randint(1, 3)):
            d0, t, p, a1, a2 = self.event_for(day)
            typ, sub, plover, word = TYPES[t]
            ev = Evidence(k * 50, k * 50 + 40, f"{word} sentence {k}", "body")
            date = dt.date.fromordinal(START + d0 + rng.choice((-1, 0, 0, 0, 1))).isoformat()
            doc.events.append(
                Event(
                    f"e{k}", ev, typ, sub, plover,
                    actor1=actor(a1) if rng.random() > 0.1 else None,
                    actor2=actor(a2) if rng.random() > 0.5 else None,
                    place=place(p) if rng.random() > 0.1 else None,
                    date=date if rng.random() > 0.2 else None,
                    fatalities=rng.choice([None, None, rng.randint(1, 40)]),
                    certainty=rng.choice(CERTAINTIES),
                )
            )  # fmt: skip
            if rng.random() < 0.8:
                speaker = a1 if rng.random() < 0.5 else self.actor()
                negated = rng.random() < 0.12
                cue = "deny" if negated and rng.random() < 0.5 else "say"
                verb = "did not carry" if negated and cue == "say" else "carried"
                content = (
                    f"{self.actors[a1][1]} {verb} out the {word} in {self.places[p][1]} "
                    f"{self._name(3)}"
                )
                doc.claims.append(
                    Claim(f"c{k}", ev, self.actors[speaker][1], cue, content, 0, 10,
                          speaker=actor(speaker), speaker_kind="organization",
                          about=[actor(a1)])
                )  # fmt: skip
        doc.actors = list(actors.values())
        doc.places = list(places.values())
        return doc


def build(path: str, n: int, seed: int) -> tuple[World, float, float]:
    """Write ``n`` documents (the index update of each write switched off), then build the
    index in one pass (``rebuild``); returns the world and the two times."""
    from newsledger.store import ledger_index

    world = World(seed)
    rng = random.Random(seed + 1)
    bodies: list[str] = []
    real = ledger_index.after_write
    ledger_index.after_write = lambda conn: None  # type: ignore[assignment]
    try:
        t0 = time.perf_counter()
        with open_store(path) as store:
            for i in range(n):
                day = i * DAYS // n
                body = rng.choice(bodies[-500:]) if bodies and rng.random() < 0.02 else None
                doc = world.document(i, day, body)
                bodies.append(doc.text)
                store.write(doc)
                if (i + 1) % 10000 == 0:
                    print(f"  {i + 1} documents written", flush=True)
            t_write = time.perf_counter() - t0
            ledger_index.rebuild(store.conn)
            t_index = time.perf_counter() - t0 - t_write
    finally:
        ledger_index.after_write = real  # type: ignore[assignment]
    return world, t_write, t_index


def time_ledgers(path: str, world: World, limit: int | None) -> None:
    with open_store(path, readonly=True) as store:
        counts = dict(
            store.conn.execute(
                "SELECT actor1, count(*) FROM events WHERE actor1 IS NOT NULL GROUP BY actor1"
            )
        )
    ranked = sorted(counts, key=lambda a: -counts[a])
    picks = {"most frequent": ranked[0], "middling": ranked[len(ranked) // 2], "rare": ranked[-1]}
    names = dict(world.actors)
    for label, aid in picks.items():
        times = []
        for _ in range(3):
            with open_store(path, readonly=True) as store:
                t0 = time.perf_counter()
                led = store_ledger(store.conn, names[aid], limit=limit)
                times.append(time.perf_counter() - t0)
        assert led is not None
        shown = "whole ledger" if limit is None else f"limit {limit}"
        print(
            f"ledger {label:14s} {names[aid]!r}, {shown}: "
            f"{statistics.median(times) * 1000:.0f} ms (max {max(times) * 1000:.0f}; events "
            f"{len(led.events)} of {led.events_total or len(led.events)}, claims "
            f"{len(led.claims)} of {led.claims_total or len(led.claims)}, reports of it "
            f"{counts[aid]})",
            flush=True,
        )


def time_ingest(path: str, world: World, n0: int, extra: int) -> None:
    """``extra`` documents written one at a time by ``Store.write``, which takes each into the
    index inside its transaction (``ledger_index.after_write``): the whole write and the index's
    part of it, per document."""
    from newsledger.store import ledger_index

    writes, updates = [], []
    real = ledger_index.after_write

    def timed(conn: object) -> None:
        t = time.perf_counter()
        real(conn)  # type: ignore[arg-type]
        updates.append(time.perf_counter() - t)

    ledger_index.after_write = timed  # type: ignore[assignment]
    try:
        with open_store(path) as store:
            for j in range(extra):
                doc = world.document(n0 + j, DAYS - 1 - (j % 3))
                t0 = time.perf_counter()
                store.write(doc)
                writes.append(time.perf_counter() - t0)
    finally:
        ledger_index.after_write = real  # type: ignore[assignment]

    def p95(xs: list[float]) -> float:
        return sorted(xs)[int(0.95 * (len(xs) - 1))]

    print(
        f"ingest of {extra} more documents, one at a time: Store.write {statistics.mean(writes) * 1000:.1f} ms "
        f"(p95 {p95(writes) * 1000:.1f}) per document, of which the ledger index "
        f"{statistics.mean(updates) * 1000:.1f} ms (p95 {p95(updates) * 1000:.1f})"
    )


def compare_full(path: str, world: World, n: int) -> None:
    from newsledger.analysis import analyze, build_ledger

    with open_store(path, readonly=True) as store:
        docs = []
        for d in store.iter_documents():
            docs.append(d)
            if len(docs) >= n:
                break
        t0 = time.perf_counter()
        led = build_ledger(analyze(docs), world.actors[0][1])
        print(
            f"full analysis + ledger over {n} documents: {time.perf_counter() - t0:.1f} s",
            led is not None,
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--extra", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--db", default="/tmp/newsledger-ledger-scale.db")
    ap.add_argument("--compare", type=int, default=0)
    ap.add_argument("--limit", type=int, default=50, help="the page timed (ledger --limit)")
    ap.add_argument("--whole", action="store_true", help="also time the whole ledger")
    ap.add_argument("--reuse", action="store_true", help="time the store at --db as it is")
    args = ap.parse_args()
    if args.reuse:
        from newsledger.store.ledger_read import refresh

        world = World(args.seed)
        t0 = time.perf_counter()
        with open_store(args.db) as store:
            refresh(store.conn)
        print(f"index up to date in {time.perf_counter() - t0:.0f} s", flush=True)
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(args.db + suffix).unlink(missing_ok=True)
        t0 = time.perf_counter()
        world, t_write, t_index = build(args.db, args.docs, args.seed)
        print(
            f"built {args.docs} documents in {time.perf_counter() - t0:.0f} s "
            f"(write {t_write:.0f} s, index in one pass {t_index:.0f} s; "
            f"{Path(args.db).stat().st_size / 1e9:.2f} GB)",
            flush=True,
        )
    time_ledgers(args.db, world, args.limit)
    if args.whole:
        time_ledgers(args.db, world, None)
    if args.extra:
        time_ingest(args.db, world, args.docs, args.extra)
    if args.compare:
        compare_full(args.db, world, args.compare)


if __name__ == "__main__":
    main()
