"""The REST API: the store's listings, documents and ledgers over HTTP, read-only.

    from newsledger.api import create_app
    app = create_app("ledger.db")        # any ASGI server; `newsledger serve` runs uvicorn

Every endpoint calls the same library functions as the CLI (``store.QueryFilters`` listings,
``Store.get_document``, ``analysis.build_ledger``), so the two never disagree. Each request
opens the store read-only (SQLite WAL: an ingest may write meanwhile) and closes it again, so
the app holds no connection between requests; several server processes can share one store
file. The one thing kept between requests is the last analysis of the whole store that the
ledgers read (``app.state.analysis``): it is reused while the store's fingerprint (number of
documents, newest ingest time) is unchanged, and redone after any ingest.

    GET /api/health                      {"status": "ok", "documents": N, ...}
    GET /api/documents                   stored documents, newest first, with record counts
    GET /api/documents/{id}              one document in SCHEMA.md form (an id prefix works)
    GET /api/events | claims | actors | places
                                         the listings; filters as the CLI's options:
                                         actor, place, type, since, until, doc, limit
    GET /api/ledger/{actor}              what the actor claims against what is reported (JSON)
    GET /api/ledger/{actor}/html         the same as a self-contained HTML page
    GET /api/outlines?country=AF&...     country outlines (GeoJSON) for maps
    GET /                                the dashboard: timeline, map, events, evidence
"""

# no `from __future__ import annotations`: FastAPI reads the annotations of the endpoints
# defined inside create_app at run time, and they name its local dependency types.
import threading
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..errors import NewsledgerError
from ..store import QueryFilters, Store, open_store

STATIC = Path(__file__).parent / "static"
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"  # YYYY, YYYY-MM or YYYY-MM-DD, as records carry them
LISTINGS = ("events", "claims", "actors", "places")


def create_app(db: str) -> FastAPI:
    """An ASGI app serving the store at ``db`` (a path or sqlite:///path)."""
    app = FastAPI(
        title="newsledger",
        version=__version__,
        summary="Events and claims from news, each traceable to its sentence and source.",
    )

    def store() -> Iterator[Store]:
        try:
            s = open_store(db, readonly=True, handoff=True)  # one request's threads, in turn
        except NewsledgerError as exc:
            raise HTTPException(503, f"store unavailable: {exc}") from exc
        try:
            yield s
        finally:
            s.close()

    StoreDep = Annotated[Store, Depends(store)]

    def filters(
        actor: Annotated[str | None, Query(description="Actor id or name (substring)")] = None,
        place: Annotated[str | None, Query(description="Place id, name, admin1 or ISO")] = None,
        type: Annotated[str | None, Query(description="ACLED type/sub-type, PLOVER, cue")] = None,
        since: Annotated[str | None, Query(pattern=DATE)] = None,
        until: Annotated[str | None, Query(pattern=DATE)] = None,
        doc: Annotated[str | None, Query(description="Document id or id prefix")] = None,
        limit: Annotated[int, Query(ge=1, le=10_000)] = 100,
    ) -> QueryFilters:
        return QueryFilters(
            actor=actor, place=place, type=type, since=since, until=until, doc=doc, limit=limit
        )

    FiltersDep = Annotated[QueryFilters, Depends(filters)]

    @app.get("/api/health")
    def health(s: StoreDep) -> dict[str, Any]:
        return {
            "status": "ok",
            "version": __version__,
            **{table: s.count(table) for table in ("documents", *LISTINGS)},
        }

    @app.get("/api/documents")
    def documents(s: StoreDep, f: FiltersDep) -> list[dict[str, Any]]:
        return s.documents(f)

    @app.get("/api/documents/{doc_id}")
    def document(doc_id: str, s: StoreDep) -> dict[str, Any]:
        doc = s.get_document(doc_id)
        if doc is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return doc.to_dict()

    def listing(kind: str) -> Any:
        def endpoint(s: StoreDep, f: FiltersDep) -> list[dict[str, Any]]:
            rows: list[dict[str, Any]] = getattr(s, kind)(f)
            return rows

        endpoint.__name__ = kind
        endpoint.__doc__ = f"The store's {kind}, filtered as `newsledger {kind}` filters them."
        return endpoint

    for kind in LISTINGS:
        app.get(f"/api/{kind}")(listing(kind))

    app.state.analysis = (None, None)  # (store fingerprint, analysis of the whole store)
    analysis_lock = threading.Lock()

    def ledger_of(actor: str, s: Store) -> Any:
        from ..analysis import analyze, build_ledger, flatten
        from ..analysis.ledger import unknown_actor_message

        stamp = s.fingerprint()
        with analysis_lock:  # concurrent first requests compute it once
            if app.state.analysis[0] != stamp:
                app.state.analysis = (stamp, analyze(flatten(s.iter_documents())))
            analysis = app.state.analysis[1]
        ledger = build_ledger(analysis, actor)
        if ledger is None:
            raise HTTPException(404, unknown_actor_message(analysis, actor))
        return ledger

    @app.get("/api/ledger/{actor}")
    def ledger(actor: str, s: StoreDep) -> dict[str, Any]:
        """The actor's claims against what independent reporting says (``newsledger ledger``)."""
        result: dict[str, Any] = ledger_of(actor, s).to_dict()
        return result

    @app.get("/api/ledger/{actor}/html", response_class=HTMLResponse)
    def ledger_html(actor: str, s: StoreDep) -> str:
        from ..analysis.report import render_ledger_html

        return render_ledger_html(ledger_of(actor, s))

    @app.get("/api/outlines")
    def outlines(
        country: Annotated[list[str], Query(description="ISO 3166 alpha-2 codes")] = [],  # noqa: B006
    ) -> dict[str, Any]:
        """Country outlines (countryinfo's GeoJSON) for the countries asked for: a map's
        background needs no tile server."""
        features = [f for c in country[:50] for f in _outline(c.upper())]
        return {"type": "FeatureCollection", "features": features}

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


@cache
def _outline(iso2: str) -> tuple[dict[str, Any], ...]:
    from countryinfo import CountryInfo

    try:
        geo = CountryInfo(iso2).geo_json()
    except (LookupError, ValueError, AttributeError, TypeError):
        return ()
    return tuple(
        {**f, "properties": {**f.get("properties", {}), "iso": iso2}}
        for f in (geo or {}).get("features", [])
    )


__all__ = ["create_app"]
