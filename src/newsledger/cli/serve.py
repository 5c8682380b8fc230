"""`newsledger serve [--db PATH] [--host H] [--port N]`: the REST API over a store."""

from __future__ import annotations

import typer

from ._util import DbOption, SettingsOption, fail, settings_from, stderr


def run(
    db: str | None = None,
    settings_file: str | None = None,
    host: str = "127.0.0.1",
    port: int = 8000,
) -> int:
    import uvicorn

    from ..api import create_app
    from ..errors import NewsledgerError
    from ..store import open_store
    from ..store.dialect import shown_url

    settings = settings_from(settings_file, db=db)
    try:  # fail now, not on the first request
        open_store(settings.db, readonly=True).close()
    except NewsledgerError as exc:
        fail(str(exc), code=1)
    stderr.print(f"serving {shown_url(settings.db)} at http://{host}:{port}/api", highlight=False)
    uvicorn.run(create_app(settings.db), host=host, port=port, log_level="warning")
    return 0


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve_cmd(
        db: str | None = DbOption,
        settings_file: str | None = SettingsOption,
        host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
        port: int = typer.Option(8000, "--port", "-p", min=1, max=65535, help="TCP port."),
    ) -> None:
        """Serve the store read-only over HTTP (JSON): documents, events, claims, actors, places,
        ledgers. Endpoints under /api; the OpenAPI description at /openapi.json."""
        raise typer.Exit(run(db, settings_file, host, port))
