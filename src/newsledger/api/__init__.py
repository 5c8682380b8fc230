"""The REST API: the store's listings, documents and ledgers over HTTP, read-only.

    from newsledger.api import create_app
    app = create_app("ledger.db")        # any ASGI server; `newsledger serve` runs uvicorn

Every endpoint calls the same library functions as the CLI (``store.QueryFilters`` listings,
``Store.get_document``, ``analysis.build_ledger``), so the two never disagree. Each request
opens the store read-only (SQLite WAL: an ingest may write meanwhile) and closes it again, so
the app holds no connection between requests; several server processes can share one store
file. Ledgers under the default filters are read from the store's ledger index
(``store.ledger_read.store_ledger``, as the CLI reads them); with ``certainty`` or
``min_confidence`` the whole store is analysed, and that analysis is the one thing kept between
requests (``app.state.analysis``): reused while the store's fingerprint (number of documents,
newest ingest time) and the filters are unchanged, and redone after any ingest.

    GET /api/health                      {"status": "ok", "documents": N, ...}
    GET /api/documents                   stored documents, newest first, with record counts
    GET /api/documents/{id}              one document in SCHEMA.md form (an id prefix works)
    GET /api/events | claims | actors | places
                                         the listings; filters as the CLI's options:
                                         actor, place, type, since, until, doc, limit,
                                         certainty, min_confidence (events; claims take
                                         min_confidence) — checked and resolved by the same
                                         store functions (store.filters, store.names): a
                                         bad or unsupported parameter is a 422 naming it;
                                         events and claims also take outlet (one of the
                                         store's outlets, any case) and q (words the
                                         record's sentence, content, speaker or title holds)
    GET /api/export?format=csv|geojson&...
                                         the events the same filters select, as
                                         `newsledger export --scheme all` writes them
    GET /api/choices                     the store's outlets and the ACLED event types, for
                                         the dashboard's selects
    GET /api/ledger/{actor}              what the actor claims against what is reported (JSON)
    GET /api/ledger/{actor}/html         the same as a self-contained HTML page
    GET /api/outlines?country=AF&...     country outlines (GeoJSON) for maps
    GET /                                the dashboard: timeline, map, events, evidence
"""

# no `from __future__ import annotations`: FastAPI reads the annotations of the endpoints
# defined inside create_app at run time, and they name its local dependency types.
import csv
import io
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..errors import NewsledgerError
from ..store import QueryFilters, Store, open_store
from ..store.filters import MAX_FILTER_CHARS, SUPPORTED, FilterError, check_filters

STATIC = Path(__file__).parent / "static"
LISTINGS = ("events", "claims", "actors", "places")
#: the answers every endpoint may give besides 200, as the OpenAPI description lists them
BAD_FILTER = {422: {"description": "A bad or unsupported parameter: `detail[].loc` names it."}}
UNAVAILABLE = {503: {"description": "The store cannot be opened."}}
NO_DOCUMENT = {404: {"description": "No document has this id or id prefix."}}
NO_ACTOR = {
    404: {
        "description": "No actor of the store has this name, alias or id (`detail` says so "
        "and suggests the closest names), or the store holds none of its records."
    }
}
TEXT = {"max_length": MAX_FILTER_CHARS}


#: the listings that also take ``outlet`` and ``q`` (answered here, after the store's filters)
EXTRA_KINDS = ("events", "claims")
#: the fields ``q`` searches, by listing
SEARCHED = {
    "events": ("sentence", "title", "actor1_name", "actor2_name", "place_name"),
    "claims": ("content", "sentence", "speaker_name", "speaker_text", "title"),
}


@dataclass(frozen=True)
class Extra:
    """The API's own filters of events and claims: ``outlet`` (the document's outlet, any
    case, checked against the store's outlets) and ``q`` (every word of it, any case, in one
    of the record's SEARCHED fields)."""

    outlet: str | None = None
    q: str | None = None


def extra_filters(
    outlet: Annotated[
        str | None, Query(description="The documents' outlet (any case)", **TEXT)
    ] = None,
    q: Annotated[
        str | None, Query(description="Words the record's text holds (all of them)", **TEXT)
    ] = None,
) -> Extra:
    for name, value in (("outlet", outlet), ("q", q)):
        if value is not None and not value.strip():
            raise bad_parameter(name, f"{name}: empty")
    return Extra(outlet=outlet.strip() if outlet else None, q=q.strip() if q else None)


ExtraDep = Annotated[Extra, Depends(extra_filters)]


def allowed(kind: str) -> frozenset[str]:
    """The query parameters a listing answers: the store's filters, and outlet and q."""
    return SUPPORTED[kind] | ({"outlet", "q"} if kind in EXTRA_KINDS else set())


def narrowed(s: Store, rows: list[dict[str, Any]], x: Extra) -> list[dict[str, Any]]:
    """``rows`` of the outlet and holding the words ``x`` asks for; an outlet the store does
    not have is a 422 with the closest outlets (never a silent empty answer)."""
    if x.outlet:
        from ..store.filters import check_outlet, of_outlet

        try:
            rows = of_outlet(rows, check_outlet(s.conn, x.outlet))
        except FilterError as exc:
            raise bad_parameter(exc.param, str(exc), exc.suggestions) from exc
    if x.q:
        words = x.q.casefold().split()
        kind = "claims" if "claim_id" in (rows[0] if rows else {}) else "events"
        rows = [r for r in rows if all(
            any(w in str(r.get(k) or "").casefold() for k in SEARCHED[kind]) for w in words)]  # fmt: skip
    return rows


def bad_parameter(
    param: str, message: str, suggestions: list[str] | None = None, where: str = "query"
) -> HTTPException:
    """A 422 shaped like FastAPI's own validation errors, naming the parameter."""
    item: dict[str, Any] = {"loc": [where, param], "msg": message, "type": "value_error"}
    if suggestions:
        item["suggestions"] = suggestions
    return HTTPException(422, [item])


def only(allowed: frozenset[str] | set[str]) -> Callable[[Request], None]:
    """A dependency that refuses query parameters the endpoint does not answer."""

    def check(request: Request) -> None:
        for name in request.query_params:
            if name not in allowed:
                known = ", ".join(sorted(allowed)) or "none"
                raise bad_parameter(name, f"{name}: not a parameter here (parameters: {known})")

    return check


def create_app(db: str) -> FastAPI:  # long: the endpoints are closures over one store path
    """An ASGI app serving the store at ``db`` (a path or sqlite:///path)."""
    app = FastAPI(
        title="newsledger",
        version=__version__,
        summary="Events and claims from news, each traceable to its sentence and source.",
    )

    def store() -> Iterator[Store]:
        try:
            # one request's threads, in turn; PostgreSQL: a connection of the API's pool
            s = open_store(db, readonly=True, handoff=True, pooled=True)
        except NewsledgerError as exc:
            raise HTTPException(503, f"store unavailable: {exc}") from exc
        try:
            yield s
        finally:
            s.close()

    StoreDep = Annotated[Store, Depends(store)]

    def filters(
        actor: Annotated[
            str | None, Query(description="Actor id, name, alias or acronym (ISIS-K)", **TEXT)
        ] = None,
        place: Annotated[
            str | None,
            Query(description="Place name or id, province, country name or ISO code", **TEXT),
        ] = None,
        type: Annotated[
            str | None,
            Query(
                description="ACLED type/sub-type or PLOVER code; claim cue; actor type; place kind",
                **TEXT,
            ),
        ] = None,
        since: Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
        until: Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
        doc: Annotated[str | None, Query(description="Document id or id prefix", **TEXT)] = None,
        limit: Annotated[int, Query(ge=1, le=10_000)] = 100,
        certainty: Annotated[
            list[str] | None,
            Query(
                description="Event certainties to keep ('all' for every one); default: "
                "asserted only (not hypothetical, conditional, future, generic, negated)"
            ),
        ] = None,
        min_confidence: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
        kind: Annotated[
            list[str] | None,
            Query(
                description="Claim kinds to keep (statement, topic, belief, intention, "
                "evidence, sentiment; 'all' for every one); default: statements"
            ),
        ] = None,
    ) -> QueryFilters:
        return QueryFilters(
            actor=actor, place=place, type=type, since=since, until=until, doc=doc, limit=limit,
            certainty=tuple(certainty) if certainty else None, min_confidence=min_confidence,
            kind=tuple(kind) if kind else None,
        )  # fmt: skip

    FiltersDep = Annotated[QueryFilters, Depends(filters)]

    def answer(
        kind: str, s: Store, f: QueryFilters, extra: "Extra | None" = None
    ) -> list[dict[str, Any]]:
        narrow = extra is not None and (extra.outlet or extra.q)
        try:  # outlet and q narrow the store's answer here, so the limit comes after them
            rows: list[dict[str, Any]] = getattr(s, kind)(replace(f, limit=None) if narrow else f)
        except FilterError as exc:
            raise bad_parameter(exc.param, str(exc), exc.suggestions) from exc
        if extra is not None and narrow:
            rows = narrowed(s, rows, extra)[: f.limit or None]
        return rows

    @app.get("/api/health", responses=UNAVAILABLE)
    def health(s: StoreDep) -> dict[str, Any]:
        """Counts of the store's records (``events``: all of them, ``unasserted_events``: those
        the listings leave out by default) and the certainties the ``certainty`` filter takes."""
        from ..document import UNASSERTED_CERTAINTIES
        from ..store.filters import asserted_certainties

        unasserted = sorted(UNASSERTED_CERTAINTIES)
        return {
            "status": "ok",
            "version": __version__,
            **{table: s.count(table) for table in ("documents", *LISTINGS)},
            "unasserted_events": s.conn.execute(
                "SELECT count(*) FROM events WHERE certainty IN (SELECT value FROM json_each(?))",
                (json.dumps(unasserted),),
            ).fetchone()[0],
            "certainties": {"asserted": sorted(asserted_certainties()), "unasserted": unasserted},
        }

    @app.get(
        "/api/documents",
        dependencies=[Depends(only(SUPPORTED["documents"] | {"sort"}))],
        responses={**BAD_FILTER, **UNAVAILABLE},
    )
    def documents(
        s: StoreDep,
        f: FiltersDep,
        sort: Annotated[
            Literal["date", "ingested"],
            Query(description="date: newest article first; ingested: newest ingest first"),
        ] = "date",
    ) -> list[dict[str, Any]]:
        """Stored documents, newest first, with their record counts (``sort=ingested``: the
        latest ingests, e.g. what `newsledger watch` brought in last)."""
        try:
            return s.documents(f, sort)
        except FilterError as exc:
            raise bad_parameter(exc.param, str(exc), exc.suggestions) from exc

    @app.get(
        "/api/documents/{doc_id}",
        dependencies=[Depends(only(set()))],
        responses={**NO_DOCUMENT, **UNAVAILABLE},
    )
    def document(doc_id: str, s: StoreDep) -> dict[str, Any]:
        """One document in SCHEMA.md form; an id prefix works (``%`` and ``_`` are literal)."""
        doc = s.get_document(doc_id)
        if doc is None:
            shown = doc_id if len(doc_id) <= 40 else doc_id[:37] + "..."
            raise HTTPException(404, f"no document {shown!r}")
        return doc.to_dict()

    def listing(kind: str) -> Any:
        if kind in EXTRA_KINDS:

            def endpoint(s: StoreDep, f: FiltersDep, x: ExtraDep) -> list[dict[str, Any]]:
                return answer(kind, s, f, x)
        else:

            def endpoint(s: StoreDep, f: FiltersDep) -> list[dict[str, Any]]:  # type: ignore[misc]
                return answer(kind, s, f)

        endpoint.__name__ = kind
        endpoint.__doc__ = (
            f"The store's {kind}, filtered as `newsledger {kind}` filters them (parameters: "
            f"{', '.join(sorted(allowed(kind)))}; any other is refused with a 422)."
        )
        return endpoint

    for kind in LISTINGS:
        app.get(
            f"/api/{kind}",
            dependencies=[Depends(only(allowed(kind)))],
            responses={**BAD_FILTER, **UNAVAILABLE},
        )(listing(kind))

    @app.get(
        "/api/export",
        dependencies=[Depends(only(allowed("events") | {"format"}))],
        responses={**BAD_FILTER, **UNAVAILABLE},
    )
    def export(
        s: StoreDep,
        f: FiltersDep,
        x: ExtraDep,
        format: Annotated[Literal["csv", "geojson"], Query(description="csv or geojson")] = "csv",
    ) -> Response:
        """The events these filters select (the dashboard's current selection) as ACLED's
        columns, ``newsledger export --scheme all`` (a ``scheme`` column says ACLED or PLOVER),
        as a download: CSV or a GeoJSON FeatureCollection."""
        from ..cli.export import ACLED_COLUMNS, acled_rows, geojson
        from ..store.query import document_countries

        events = answer("events", s, f, x)
        countries = document_countries(s.conn, {e["doc_id"] for e in events})
        rows = acled_rows(events, countries, "all")
        if format == "geojson":
            body = json.dumps(geojson(rows), ensure_ascii=False)
            media = "application/geo+json"
        else:
            out = io.StringIO()
            w = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
            w.writeheader()
            w.writerows(rows)
            body, media = out.getvalue(), "text/csv; charset=utf-8"
        name = f"newsledger-events.{format}"
        return Response(body, media_type=media,
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})  # fmt: skip

    @app.get("/api/choices", dependencies=[Depends(only(set()))], responses=UNAVAILABLE)
    def choices(s: StoreDep) -> dict[str, Any]:
        """What the dashboard's selects offer: the store's outlets (with their number of
        documents) and the ACLED event types with their sub-types."""
        from ..validate import ACLED

        outlets = s.conn.execute(
            "SELECT outlet, count(*) FROM documents WHERE coalesce(outlet, '') != '' "
            "GROUP BY outlet ORDER BY lower(outlet)"
        ).fetchall()
        return {
            "outlets": [{"name": o, "documents": n} for o, n in outlets],
            "types": {t: sorted(subs) for t, subs in ACLED.items()},
        }

    app.state.analysis = (None, None)  # (store fingerprint + filters, analysis of the store)
    analysis_lock = threading.Lock()

    def ledger_of(actor: str, s: Store, f: QueryFilters, limit: int = 0) -> Any:
        """The ledger of ``actor``; ``f.kind``: the claim kinds shown (None: statements)."""
        from ..analysis import analyze, build_ledger, flatten
        from ..store.filters import UnknownName, parse_kind, with_kept_events
        from ..store.names import resolve_actor

        try:
            kinds = parse_kind(f.kind)
            f = check_filters("events", replace(f, kind=None))
            match = resolve_actor(s.conn, actor)
        except UnknownName as exc:
            raise HTTPException(404, str(exc)) from exc
        except FilterError as exc:
            where = "path" if exc.param == "actor" else "query"
            raise bad_parameter(exc.param, str(exc), where=where) from exc
        if not match.in_store:
            raise HTTPException(404, f"the store holds no records of {match.name!r}")
        if f.certainty is None and f.min_confidence is None:  # the default view: the index
            from ..store.ledger_read import store_ledger

            for name in match.names:
                ledger = store_ledger(s.conn, name, limit=limit or None, kinds=kinds)
                if ledger is not None:
                    return ledger
            raise HTTPException(404, f"no claims or events of {match.name!r} pass the filters")
        stamp = (*s.fingerprint(), f.certainty, f.min_confidence)
        with analysis_lock:  # concurrent first requests compute it once
            if app.state.analysis[0] != stamp:
                docs = with_kept_events(s.iter_documents(), f)
                app.state.analysis = (stamp, analyze(flatten(docs)))
            analysis = app.state.analysis[1]
        for name in match.names:
            ledger = build_ledger(analysis, name, kinds)
            if ledger is not None:
                return ledger.page(limit)
        raise HTTPException(404, f"no claims or events of {match.name!r} pass the filters")

    ledger_params = {"certainty", "min_confidence", "limit", "kind"}
    ledger_limit = Query(
        ge=0, description="the latest N claims and the latest N events, with the totals (0: all)"
    )

    @app.get(
        "/api/ledger/{actor}",
        dependencies=[Depends(only(ledger_params))],
        responses={**NO_ACTOR, **BAD_FILTER, **UNAVAILABLE},
    )
    def ledger(
        actor: str,
        s: StoreDep,
        certainty: Annotated[list[str] | None, Query(description="as for /api/events")] = None,
        min_confidence: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
        limit: Annotated[int, ledger_limit] = 50,
        kind: Annotated[
            list[str] | None,
            Query(
                description="Claim kinds shown (statement, topic, belief, intention, evidence, "
                "sentiment; 'all' for every one); default: statements, what the actor said"
            ),
        ] = None,
    ) -> dict[str, Any]:
        """The actor's claims against what independent reporting says (``newsledger ledger``);
        ``actor`` is resolved as every actor filter is (aliases, acronyms, no guessing); with
        more than ``limit`` claims or events, the latest and ``claims_total``/``events_total``;
        statements only unless ``kind`` asks for more (``kinds`` in the answer says which)."""
        f = QueryFilters(certainty=tuple(certainty) if certainty else None,
                         min_confidence=min_confidence,
                         kind=tuple(kind) if kind else None)  # fmt: skip
        result: dict[str, Any] = ledger_of(actor, s, f, limit).to_dict()
        return result

    @app.get(
        "/api/ledger/{actor}/html",
        response_class=HTMLResponse,
        dependencies=[Depends(only(ledger_params))],
        responses={**NO_ACTOR, **BAD_FILTER, **UNAVAILABLE},
    )
    def ledger_html(
        actor: str,
        s: StoreDep,
        certainty: Annotated[list[str] | None, Query(description="as for /api/events")] = None,
        min_confidence: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
        limit: Annotated[int, ledger_limit] = 50,
        kind: Annotated[list[str] | None, Query(description="as for /api/ledger/{actor}")] = None,
    ) -> str:
        """The same ledger as a self-contained HTML page."""
        from ..analysis.report import render_ledger_html

        f = QueryFilters(certainty=tuple(certainty) if certainty else None,
                         min_confidence=min_confidence,
                         kind=tuple(kind) if kind else None)  # fmt: skip
        return render_ledger_html(ledger_of(actor, s, f, limit))

    @app.get(
        "/api/outlines",
        dependencies=[Depends(only({"country"}))],
        responses=BAD_FILTER,
    )
    def outlines(
        country: Annotated[
            list[str], Query(description="ISO 3166 alpha-2 codes (at most 50)")
        ] = [],  # noqa: B006
    ) -> dict[str, Any]:
        """Country outlines (countryinfo's GeoJSON) for the countries asked for: a map's
        background needs no tile server. A code that is no country is refused (422)."""
        if len(country) > 50:
            raise bad_parameter("country", "country: at most 50 codes")
        for c in country:
            if not _is_country(c):
                raise bad_parameter("country", f"country: {c[:40]!r} is no ISO 3166 alpha-2 code")
        features = [f for c in country for f in _outline(c.upper())]
        return {"type": "FeatureCollection", "features": features}

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def _is_country(code: str) -> bool:
    import pycountry

    return len(code) == 2 and pycountry.countries.get(alpha_2=code.upper()) is not None


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
