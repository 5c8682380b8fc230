"""Start-up and memory of the command line (issue 17's targets), each in a fresh process.

- ``help``: wall time of ``newsledger --help`` (imports only);
- ``serve``: wall time from starting ``newsledger serve`` on a store to its first answer of
  ``GET /api/health`` (polled every 20 ms);
- ``extract``: wall time and peak RSS of ``newsledger extract`` of one article
  (examples/frontier_report.txt: start-up, models and gazetteer, one document); target 3 s;
- ``ingest``: wall time and peak RSS of ``newsledger ingest`` of ``--docs`` articles (200) from a
  JSONL file into a fresh store; target 600 MB. Peak RSS is ``/usr/bin/time -v``'s "Maximum
  resident set size" (the largest process: the ingest itself, no workers).

The articles are project-written: examples/frontier_report.txt's body paragraphs, each article
three to eight of them in a rotating order under its own id, title and date, so the figures are
reproducible from the repository alone (no third-party text).

    .venv/bin/python bench/startup.py                   # every measure, median of --runs 3
    .venv/bin/python bench/startup.py --only extract,ingest --runs 1 --docs 200
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE = str(Path(sys.executable).parent / "newsledger")
ARTICLE = ROOT / "examples" / "frontier_report.txt"


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of ``cmd`` under /usr/bin/time -v."""
    t0 = time.perf_counter()
    r = subprocess.run(
        ["/usr/bin/time", "-v", *cmd], capture_output=True, text=True, env=env, check=False
    )
    wall = time.perf_counter() - t0
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({r.returncode}): {r.stderr[-2000:]}")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr)
    return wall, (int(m.group(1)) / 1024 if m else float("nan"))


def articles(n: int) -> list[dict[str, str]]:
    raw = ARTICLE.read_text("utf-8")
    body = [p.strip() for p in raw.split("\n\n")[3:] if p.strip()]
    out = []
    for i in range(n):
        k = 3 + i % 6
        paras = [body[(i + j) % len(body)] for j in range(k)]
        out.append({
            "id": f"startup-{i:04d}",
            "title": f"Illustration {i}",
            "published": f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "text": "\n\n".join(paras),
        })  # fmt: skip
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve_first_answer(db: str) -> float:
    port = free_port()
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [EXE, "serve", "--db", db, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=1) as r:
                    r.read()
                return time.perf_counter() - t0
            except OSError:
                if proc.poll() is not None:
                    raise SystemExit("newsledger serve exited before answering") from None
                if time.perf_counter() - t0 > 120:
                    raise SystemExit("newsledger serve did not answer in 120 s") from None
                time.sleep(0.02)
    finally:
        proc.terminate()
        proc.wait(10)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default="help,serve,extract,ingest")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--docs", type=int, default=200)
    args = ap.parse_args()
    only = set(args.only.split(","))
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as tmp:
        small = str(Path(tmp) / "small.db")
        if only & {"serve"}:
            subprocess.run([EXE, "ingest", str(ARTICLE), "--db", small], check=True,
                           capture_output=True)  # fmt: skip
        results: dict[str, object] = {}
        if "help" in only:
            walls = [timed([EXE, "--help"], env)[0] for _ in range(args.runs)]
            results["help_s"] = round(statistics.median(walls), 2)
        if "serve" in only:
            walls = [serve_first_answer(small) for _ in range(args.runs)]
            results["serve_first_answer_s"] = round(statistics.median(walls), 2)
        if "extract" in only:
            runs = [timed([EXE, "extract", str(ARTICLE)], env) for _ in range(args.runs)]
            results["extract_one_s"] = round(statistics.median(w for w, _ in runs), 2)
            results["extract_one_peak_mb"] = round(max(m for _, m in runs))
        if "ingest" in only:
            src = Path(tmp) / "articles.jsonl"
            arts = articles(args.docs)
            src.write_text("".join(json.dumps(a) + "\n" for a in arts), "utf-8")
            runs = []
            for i in range(args.runs):
                db = str(Path(tmp) / f"ingest{i}.db")
                runs.append(timed([EXE, "ingest", str(src), "--db", db], env))
            results[f"ingest_{args.docs}_s"] = round(statistics.median(w for w, _ in runs), 1)
            results[f"ingest_{args.docs}_peak_mb"] = round(max(m for _, m in runs))
            results["ingest_chars"] = sum(len(a["text"]) for a in arts)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
