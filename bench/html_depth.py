"""What the nesting-depth check of ``ingest/html.py`` costs: CPU of ``_too_deep`` against the
whole ``extract_html`` over the Zyte benchmark's pages, and how many pages it sends to the
visible-text path (pages lxml would cut at 256 levels).

    .venv/bin/python bench/html_depth.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import gzip
import time
from pathlib import Path

from newsledger.ingest.html import _too_deep, extract_html


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    args = ap.parse_args()
    files = sorted((Path(args.shared) / "data" / "extraction" / "html").glob("*.html.gz"))
    pages = [gzip.decompress(f.read_bytes()).decode("utf-8", "replace") for f in files]
    t = time.process_time()
    deep = sum(_too_deep(p) for p in pages)
    check = time.process_time() - t
    t = time.process_time()
    for p in pages:
        extract_html(p)
    whole = time.process_time() - t
    print(
        f"{len(pages)} pages: depth check {check:.2f} s CPU, whole extract_html {whole:.2f} s CPU "
        f"({100 * check / whole:.1f} %), pages too deep for lxml: {deep}"
    )


if __name__ == "__main__":
    main()
