"""Docs are part of the product: every command and setting is documented."""

from __future__ import annotations

import subprocess
import sys
import tomllib

from conftest import ROOT


def test_docs_cli_reference_is_current() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "cli_docs.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_docs_every_setting_is_documented() -> None:
    defaults = tomllib.loads((ROOT / "src/newsledger/default_settings.toml").read_text())
    doc = (ROOT / "docs" / "settings.md").read_text()
    missing = [f"{s}.{k}" for s, kv in defaults.items() for k in kv if f"`{s}.{k}`" not in doc]
    assert not missing, f"undocumented settings: {missing}"


def test_docs_readme_names_every_command() -> None:
    import typer

    from newsledger.cli import app

    group = typer.main.get_command(app)
    readme = (ROOT / "README.md").read_text()
    names = group.list_commands(typer.Context(group))  # type: ignore[attr-defined]
    missing = [n for n in names if f"newsledger {n}" not in readme]
    assert not missing, f"README does not mention: {missing}"
