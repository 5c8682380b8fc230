"""Documents/s into PostgreSQL vs SQLite for the same 200 articles, with one writer and with two.

Reads 200 real news texts from the development data (GeoWebNews, then LGL: bench/throughput.py's
``load_texts``) and extracts them once with the whole pipeline. Then, on each back-end, into a
fresh store, fastest of ``--repeat`` runs:

- ``write x1``: one process writes the 200 extracted documents (``Store.write``: one transaction
  per document, the ledger index updated in it) — what the store itself costs;
- ``write x2``: two processes write 100 each at the same time (the writers take turns per
  document: SQLite's write lock, PostgreSQL's advisory lock);
- ``index off`` + ``index in one pass``: the 200 written with the ledger index off, then the
  index built for all of them at once (``catch_up``/``rebuild``, as for a bulk load);
- ``ingest x1``: ``ingest()`` of the 200 texts (extraction + store, one process) — what a user
  sees; extraction dominates it on both back-ends;

and the store's size after the 200 documents (SQLite: the file after a WAL checkpoint;
PostgreSQL: ``pg_database_size`` less the empty database's), as bytes per document.

PostgreSQL is a throwaway cluster started here (tests/pgcluster.py, fsync on, default settings;
Unix socket) unless ``--pg URL`` names a server. SQLite runs as the store opens it: WAL,
``synchronous = NORMAL``.

    nice -n 10 .venv/bin/python bench/store_backends.py [--n 200] [--repeat 2] [--pg URL]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests")]


def _write(url: str, records: list[dict[str, Any]], start: Any = None) -> float:
    """Write ``records`` (documents as dicts) into the store at ``url``; seconds taken."""
    from newsledger.document import Document
    from newsledger.store import open_store

    docs = [Document.from_dict(r) for r in records]
    with open_store(url) as store:
        if start is not None:
            start.wait()
        t0 = time.perf_counter()
        for d in docs:
            store.write(d)
        return time.perf_counter() - t0


def write_batched(url: str, records: list[dict[str, Any]]) -> tuple[float, float]:
    """Seconds to write ``records`` with the ledger index off, then to build the index for all
    of them in one pass (``rebuild``, what ``catch_up`` does for a store without an index)."""
    from newsledger.document import Document
    from newsledger.store import ledger_index, open_store

    docs = [Document.from_dict(r) for r in records]
    saved = ledger_index.after_write
    ledger_index.after_write = lambda conn: None  # type: ignore[assignment]
    try:
        with open_store(url) as store:
            t0 = time.perf_counter()
            for d in docs:
                store.write(d)
            t_write = time.perf_counter() - t0
            t0 = time.perf_counter()
            ledger_index.catch_up(store.conn)
            return t_write, time.perf_counter() - t0
    finally:
        ledger_index.after_write = saved


def _child(url: str, records: list[dict[str, Any]], start: Any, out: Any) -> None:
    out.put(_write(url, records, start))


def write_two(url: str, records: list[dict[str, Any]]) -> float:
    """Two processes, half the documents each, started together; wall time until both end."""
    from newsledger.store import open_store

    open_store(url).close()  # created and migrated before the race
    ctx = mp.get_context("fork")
    start, out = ctx.Barrier(3), ctx.Queue()
    halves = [records[0::2], records[1::2]]
    procs = [ctx.Process(target=_child, args=(url, h, start, out)) for h in halves]
    for p in procs:
        p.start()
    start.wait()
    t0 = time.perf_counter()
    for p in procs:
        p.join()
    elapsed = time.perf_counter() - t0
    if any(p.exitcode != 0 for p in procs):
        raise RuntimeError("a writer failed")
    return elapsed


def size_of(url: str, empty: int) -> int:
    from newsledger.store import open_store

    if url.startswith("postgresql://"):
        with open_store(url) as s:
            return int(
                s.conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
            ) - empty  # fmt: skip
    import sqlite3

    c = sqlite3.connect(url)
    c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    c.close()
    return os.path.getsize(url)


def breakdown(url: str) -> dict[str, int]:
    """Bytes per part of the store (tables with their indexes): the documents (text and full
    record), the record tables, the ledger index. SQLite: from ``dbstat`` where compiled in."""
    from newsledger.store import open_store

    if url.startswith("postgresql://"):
        sql = (
            "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relkind = 'r' AND n.nspname = 'public'"
        )
    else:
        sql = "SELECT coalesce(m.tbl_name, s.name), sum(s.pgsize) FROM dbstat s LEFT JOIN sqlite_master m ON m.name = s.name GROUP BY 1"
    try:
        with open_store(url) as st:
            rows = st.conn.execute(sql).fetchall()
    except Exception:  # no dbstat in this SQLite
        return {}
    out = {"documents": 0, "records": 0, "ledger index": 0, "other": 0}
    for name, size in rows:
        part = (
            "documents" if name == "documents"
            else "records" if name in ("actors", "places", "events", "claims")
            else "ledger index" if name.startswith("ledger_")
            else "other"
        )  # fmt: skip
        out[part] += int(size or 0)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--repeat", type=int, default=2, help="runs per figure; the fastest counts")
    ap.add_argument(
        "--pg", default=None, help="a PostgreSQL server's admin URL (default: start one)"
    )
    ap.add_argument("--no-ingest", action="store_true", help="skip the end-to-end ingest figure")
    ap.add_argument(
        "--cache",
        default=None,
        help="a JSONL file keeping the extracted documents between runs (made if missing)",
    )
    args = ap.parse_args()

    from newsledger.jobs import ingest
    from newsledger.settings import load_settings
    from newsledger.store import open_store
    from throughput import load_texts

    texts = load_texts(Path(args.shared), args.n)
    n = len(texts)
    print(f"{n} articles, {sum(len(t.split()) for t in texts)} words", file=sys.stderr)
    settings = load_settings(environ={})

    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w") as f:
            for i, t in enumerate(texts):
                f.write(json.dumps({"id": f"bench-{i}", "text": t}) + "\n")
        t0 = time.perf_counter()
        cache = Path(args.cache) if args.cache else None
        if cache is not None and cache.exists():
            records = [json.loads(line) for line in cache.open(encoding="utf-8")]
        else:
            with open_store(str(Path(tmp) / "extracted.db")) as s:
                summary = ingest([str(corpus)], settings, s)
                records = [d.to_dict() for d in s.iter_documents()]
            print(f"extracted once: {summary.as_dict()} in {time.perf_counter() - t0:.1f} s",
                  file=sys.stderr)  # fmt: skip
            if cache is not None:
                with cache.open("w", encoding="utf-8") as f:
                    for r in records:
                        f.write(json.dumps(r, ensure_ascii=False) + "\n")

        if args.pg:
            admin = args.pg
        else:
            from pgcluster import cluster

            admin = stack.enter_context(cluster(durable=True)).admin_url()
        import psycopg

        made = 0

        def new_url(backend: str) -> str:
            nonlocal made
            made += 1
            if backend == "sqlite":
                return str(Path(tmp) / f"s{made}.db")
            name = f"bench_{os.getpid()}_{made}"
            with psycopg.connect(admin, autocommit=True) as c:
                c.execute(f'CREATE DATABASE "{name}"')
            return admin.rsplit("/", 1)[0] + "/" + name

        with psycopg.connect(admin, autocommit=True) as c:
            c.execute('CREATE DATABASE "bench_empty"')
        with psycopg.connect(admin.rsplit("/", 1)[0] + "/bench_empty") as c:
            empty = int(c.execute("SELECT pg_database_size(current_database())").fetchone()[0])

        results: dict[str, dict[str, float]] = {}
        for backend in ("sqlite", "postgresql"):
            r: dict[str, float] = {}
            best1 = best2 = best_ingest = float("inf")
            size = 0
            best_w = best_i = float("inf")
            for _ in range(args.repeat):
                w, i = write_batched(new_url(backend), records)
                if w + i < best_w + best_i:
                    best_w, best_i = w, i
                url = new_url(backend)
                best1 = min(best1, _write(url, records))
                size = size_of(url, empty if backend == "postgresql" else 0)
                best2 = min(best2, write_two(new_url(backend), records))
            if not args.no_ingest:
                with open_store(new_url(backend)) as s:
                    t0 = time.perf_counter()
                    ingest([str(corpus)], settings, s)
                    best_ingest = time.perf_counter() - t0
            docs = len(records)
            r["write_x1"] = docs / best1
            r["write_x2"] = docs / best2
            r["ms_per_doc_x1"] = 1000 * best1 / docs
            r["ms_per_doc_index_off"] = 1000 * best_w / docs
            r["ms_per_doc_index_batch"] = 1000 * best_i / docs
            if best_ingest < float("inf"):
                r["ingest_x1"] = n / best_ingest
            r["bytes_per_doc"] = size / docs
            parts = breakdown(url)
            if parts:
                total = sum(parts.values())
                print(f"{backend:<10} " + ", ".join(
                    f"{k} {100 * v / total:.0f} %" for k, v in parts.items()))  # fmt: skip
            results[backend] = r
            print(
                f"{backend:<10} write x1 {r['write_x1']:6.1f} docs/s ({r['ms_per_doc_x1']:.1f} ms/doc)"
                f"  write x2 {r['write_x2']:6.1f} docs/s"
                + (f"  ingest x1 {r['ingest_x1']:5.1f} docs/s" if "ingest_x1" in r else "")
                + f"  store {size / 1e6:.2f} MB = {r['bytes_per_doc'] / 1e3:.1f} KB/doc"
                + f"\n{'':<10} index off {r['ms_per_doc_index_off']:.1f} ms/doc + index in one"
                f" pass {r['ms_per_doc_index_batch']:.1f} ms/doc",
                flush=True,
            )
        records_n = {
            k: sum(len(d[k]) for d in records) for k in ("events", "claims", "actors", "places")
        }
        print(f"records of the {len(records)} documents: {records_n}")
        print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
