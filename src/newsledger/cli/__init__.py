"""The command line: one module per command, each a thin Typer wrapper over a plain ``run()``.

``newsledger --help`` lists them; docs/cli.md is generated from the same help texts.
"""

from __future__ import annotations

import importlib
import logging
import sys

import typer

from .. import __version__

app = typer.Typer(
    name="newsledger",
    help="A ledger of evidence from news reporting: actors, places, events and claims, "
    "each traceable to its sentence and source.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: command modules in the order --help lists them; a module that is missing is skipped.
COMMANDS = [
    "extract", "explain", "ingest", "watch", "query", "show", "export", "ledger", "trends", "serve",
    "evaluate",
]  # fmt: skip


def _version(value: bool) -> None:
    if value:
        print(f"newsledger {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log debug messages to stderr."),
) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


for _name in COMMANDS:
    try:
        _module = importlib.import_module(f"newsledger.cli.{_name}")
    except ModuleNotFoundError as exc:  # a command whose module is not there yet
        if exc.name != f"newsledger.cli.{_name}":
            raise
        continue
    _module.register(app)


def main() -> None:
    from ..errors import NewsledgerError

    try:
        app()
    except NewsledgerError as exc:  # expected errors: one line, no traceback
        print(f"newsledger: error: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        print("newsledger: interrupted", file=sys.stderr)
        raise SystemExit(130) from None
