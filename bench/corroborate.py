"""Benchmark: event clustering at 10k and 100k synthetic events (event reports).

Synthetic reports of synthetic events (no real data): a constant number of real events per day
(so 100k reports cover ten times the days of 10k, as a growing ledger does), each reported 1-5
times with noise — dates shifted by a day or missing, places moved a few km or missing, actors
missing, fatality figures that disagree. Prints events (reports) per second for each size, the
pairwise precision and recall of the clusters against the truth, and as the last line
``ratio <t100k/t10k>`` (about 10 means linear time).

    .venv/bin/python bench/corroborate.py [--sizes 10000 100000] [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from collections import defaultdict

from newsledger.analysis.corroborate import cluster_events
from newsledger.analysis.records import EventRecord

TYPES = [
    ("Explosions/Remote violence", "Suicide bomb"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
    ("Strategic developments", "Arrests"),
]
EVENTS_PER_DAY = 40
START = dt.date(2020, 1, 1).toordinal()


def synthetic(n_reports: int, seed: int) -> tuple[list[EventRecord], dict[str, int]]:
    """Reports and the true event of each (report key -> event number)."""
    rng = random.Random(seed)
    places = [
        (f"Town {i}", rng.uniform(-50, 60), rng.uniform(-120, 140), f"Province {i // 8}")
        for i in range(400)
    ]
    actors = [f"Armed Group {i}" for i in range(120)]
    outlets = [f"Outlet {i}" for i in range(60)]
    recs: list[EventRecord] = []
    truth: dict[str, int] = {}
    ev = 0
    while len(recs) < n_reports:
        day = START + ev // EVENTS_PER_DAY
        typ, sub = rng.choice(TYPES)
        name, lat, lon, adm = rng.choice(places)
        a1 = rng.choice(actors)
        deaths = rng.randint(0, 60)
        for r in range(rng.randint(1, 5)):
            key = f"d{ev}-{r}#e1"
            pub = dt.date.fromordinal(day + rng.randint(0, 2)).isoformat()
            has_date = rng.random() > 0.2
            has_place = rng.random() > 0.1
            has_actor = rng.random() > 0.1
            d = day + (rng.choice((-1, 0, 0, 0, 1)) if has_date else 0)
            recs.append(
                EventRecord(
                    key=key,
                    doc_id=f"d{ev}-{r}",
                    type=typ,
                    subtype=sub,
                    actor1=a1 if has_actor else None,
                    actor2="civilians",
                    actor_keys=(a1.lower(),) if has_actor else (),
                    place_name=name if has_place else None,
                    place_kind="city" if has_place else None,
                    admin1=adm if has_place else None,
                    lat=lat + rng.uniform(-0.03, 0.03) if has_place else None,
                    lon=lon + rng.uniform(-0.03, 0.03) if has_place else None,
                    date=dt.date.fromordinal(d).isoformat() if has_date else None,
                    fallback_date=pub,
                    fatalities=deaths + rng.choice((0, 0, 1, -1, 10)) if deaths else None,
                    outlet=rng.choice(outlets),
                    source_key="",
                    published=pub,
                )
            )
            truth[key] = ev
            if len(recs) >= n_reports:
                break
        ev += 1
    return recs, truth


def pairwise(clusters: list[list[str]], truth: dict[str, int]) -> tuple[float, float]:
    """Pairwise precision and recall of a clustering against the true events."""
    tp = fp = 0
    for c in clusters:
        by: dict[int, int] = defaultdict(int)
        for k in c:
            by[truth[k]] += 1
        n = len(c)
        same = sum(v * (v - 1) // 2 for v in by.values())
        tp += same
        fp += n * (n - 1) // 2 - same
    sizes: dict[int, int] = defaultdict(int)
    for e in truth.values():
        sizes[e] += 1
    true_pairs = sum(v * (v - 1) // 2 for v in sizes.values())
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / true_pairs if true_pairs else 1.0
    return prec, rec


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    times: dict[int, float] = {}
    for n in args.sizes:
        recs, truth = synthetic(n, args.seed)
        t0 = time.perf_counter()
        clusters = cluster_events(recs)
        el = time.perf_counter() - t0
        times[n] = el
        prec, rec = pairwise([[m.key for m in c.members] for c in clusters], truth)
        print(
            f"{n:>7} events  {el:7.2f} s  {n / el:9.0f} events/s  "
            f"{len(clusters)} clusters ({len(set(truth.values()))} true events)  "
            f"pairwise precision {prec:.3f} recall {rec:.3f}"
        )
    small, large = min(times), max(times)
    print(f"ratio {times[large] / times[small]:.2f}")


if __name__ == "__main__":
    main()
