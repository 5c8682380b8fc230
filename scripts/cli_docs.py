"""Write docs/cli.md from the commands' own --help (run after changing a command).

.venv/bin/python scripts/cli_docs.py            # rewrite docs/cli.md
.venv/bin/python scripts/cli_docs.py --check    # exit 1 if docs/cli.md is stale (tests do this)
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "docs" / "cli.md"


def render() -> str:
    from newsledger.cli import app

    group = typer.main.get_command(app)
    ctx = typer.Context(group, info_name="newsledger")
    parts = [
        "# Command-line reference\n",
        "Generated from the commands' `--help` by `scripts/cli_docs.py`; do not edit by hand.\n",
    ]
    for name in group.list_commands(ctx):  # type: ignore[attr-defined]
        cmd = group.get_command(ctx, name)  # type: ignore[attr-defined]
        sub = typer.Context(cmd, info_name=name, parent=ctx)
        usage = cmd.get_usage(sub).strip().replace("{paths}", "PATHS")
        parts.append(f"## `newsledger {name}`\n\n{(cmd.help or '').strip()}\n\n```\n{usage}\n```\n")
        rows = []
        for p in cmd.params:
            if getattr(p, "hidden", False):
                continue
            decl = ", ".join(p.opts) if p.param_type_name == "option" else p.name.upper()
            rows.append(f"| `{decl}` | {(getattr(p, 'help', None) or '').strip()} |")
        if rows:
            parts.append("| argument / option | meaning |\n|---|---|\n" + "\n".join(rows) + "\n")
    return "\n".join(parts)


def main() -> int:
    text = render()
    if "--check" in sys.argv:
        if not TARGET.exists() or TARGET.read_text() != text:
            print("docs/cli.md is stale: run scripts/cli_docs.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
