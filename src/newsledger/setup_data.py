"""Post-install step: build the local data indexes the stages need (run by `make install`).

Everything comes from packages installed from the package registry; nothing is downloaded.
Safe to run twice: each builder skips work that is already done.
"""

from __future__ import annotations

import importlib
import sys

#: modules with a ``ensure_built() -> str`` function (returns a one-line status).
BUILDERS: list[str] = ["newsledger.places.build"]


def main() -> int:
    for name in BUILDERS:
        module = importlib.import_module(name)
        print(f"newsledger setup: {module.ensure_built()}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
