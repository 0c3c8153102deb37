"""The FastAPI application: the routes of ``docs/api.md``, their validation, errors and the token on writes."""

from __future__ import annotations

import hmac
import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import core, ingest
from ..config import Config
from ..errors import StoreError
from ..plover import MODES, TYPES
from . import _queries as queries
from ._access import StoreAccess, StoreBusy

STATIC = Path(__file__).resolve().parent / "static"
MAX_PAGE_SIZE = 500
MAX_BODY = 5 * 1024 * 1024
MAX_ARTICLES = 100
FACTUALITY = ("asserted", "reported", "hedged", "negated", "future", "hypothetical")

PloverType = Literal[tuple(TYPES)]  # type: ignore[valid-type]
Factuality = Literal[FACTUALITY]  # type: ignore[valid-type]
_ID = r"^[A-Za-z0-9._:\-]{1,200}$"
_ISO3 = r"^[A-Z]{3}$"


def create_app(db: str | Path, *, token: str | None = None, config: Config | None = None) -> FastAPI:
    """The API and web page over the store ``db``; writes (``POST /api/articles``) need ``token`` when one is set,
    and are refused when none is."""
    access = StoreAccess(Path(db))
    access.upgrade()
    app = FastAPI(
        title="dateline",
        summary="PLOVER events from news, with the evidence behind every field",
        description="Read-only unless the server has a token; see docs/api.md in the repository.",
        version=_version(),
        docs_url=None,  # served below from the vendored Swagger UI: the page works with no internet
        redoc_url=None,
    )
    _errors(app)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="dateline API",
            swagger_js_url="/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="data:,",
        )

    reader = _Reader(access)
    _event_routes(app, reader)
    _catalogue_routes(app, reader)
    _count_routes(app, reader)
    _write_route(app, access, token, config)
    if STATIC.is_dir():
        app.mount("/", StaticFiles(directory=STATIC, html=True), name="page")
    return app


class _Reader:
    """Runs a query on a read-only connection of one request; the store's state becomes the right HTTP error."""

    def __init__(self, access: StoreAccess) -> None:
        self.access = access

    def __call__(self, fn: Any, *args: Any) -> Any:
        try:
            with self.access.read() as con:
                return fn(con, *args)
        except StoreBusy as exc:
            raise HTTPException(503, f"{exc}; try again shortly", headers={"Retry-After": "2"}) from exc
        except StoreError as exc:
            raise HTTPException(500, str(exc)) from exc

    def one(self, what: str, fn: Any, *args: Any) -> Any:
        """The query's one answer, or 404 naming ``what``."""
        value = self(fn, *args)
        if value is None:
            raise HTTPException(404, f"no {what}")
        return value


Page = Annotated[int, Query(ge=1, le=1_000_000)]
PageSize = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)]


def _event_routes(app: FastAPI, read: _Reader) -> None:
    @app.get("/api/events", summary="Events matching the filters, one page")
    def list_events(
        f: Annotated[queries.Filters, Depends(_filters)],
        sort: Literal[tuple(queries.SORTS)] = "-date",  # type: ignore[valid-type]
        page: Page = 1,
        page_size: PageSize = 50,
    ) -> dict[str, Any]:
        return read(queries.events, f, sort, page, page_size)

    @app.get("/api/events/{article_id}/{event_id}", summary="One event with its evidence spans and other reports")
    def one_event(article_id: Annotated[str, _path_id()], event_id: Annotated[str, _path_id()]) -> dict[str, Any]:
        return read.one(f"event {event_id} in article {article_id}", queries.event, article_id, event_id)

    @app.get("/api/clusters", summary="Events merged across articles, with the values their reports tell")
    def list_clusters(
        f: Annotated[queries.Filters, Depends(_filters)],
        page: Page = 1,
        page_size: Annotated[int, Query(ge=1, le=100)] = 20,
    ) -> dict[str, Any]:
        return read(queries.clusters, f, page, page_size)

    @app.get("/api/clusters/{cluster_id}", summary="One merged event")
    def one_cluster(cluster_id: Annotated[str, _path_id()]) -> dict[str, Any]:
        return read.one(f"cluster {cluster_id}", queries.cluster, cluster_id)


def _catalogue_routes(app: FastAPI, read: _Reader) -> None:
    @app.get("/api/actors", summary="Actors, most events first")
    def list_actors(
        q: Annotated[str | None, Query(max_length=200)] = None,
        kind: Annotated[str | None, Query(max_length=40, pattern=r"^[a-z\-]+$")] = None,
        country: Annotated[str | None, Query(pattern=_ISO3)] = None,
        page: Page = 1,
        page_size: PageSize = 50,
    ) -> dict[str, Any]:
        return read(queries.actors, q, kind, country, page, page_size)

    @app.get("/api/actors/{actor_id}", summary="One actor")
    def one_actor(actor_id: Annotated[str, _path_id()]) -> dict[str, Any]:
        return read.one(f"actor {actor_id}", queries.actor, actor_id)

    @app.get("/api/places", summary="Resolved places, most events first")
    def list_places(
        q: Annotated[str | None, Query(max_length=200)] = None,
        country: Annotated[str | None, Query(pattern=_ISO3)] = None,
        page: Page = 1,
        page_size: PageSize = 50,
    ) -> dict[str, Any]:
        return read(queries.places, q, country, page, page_size)

    @app.get("/api/articles", summary="Stored articles, newest first")
    def list_articles(
        q: Annotated[str | None, Query(max_length=200)] = None, page: Page = 1, page_size: PageSize = 50
    ) -> dict[str, Any]:
        return read(queries.articles, q, page, page_size)

    @app.get("/api/articles/{article_id}", summary="One article: its cleaned text and its events")
    def one_article(article_id: Annotated[str, _path_id()]) -> dict[str, Any]:
        return read.one(f"article {article_id}", queries.article, article_id)

    @app.get("/api/types", summary="PLOVER types with their modes and their counts in the store")
    def types() -> dict[str, Any]:
        counts = read(queries.type_counts)
        return {"types": [{"type": t, "modes": sorted(MODES.get(t, ())), "count": counts.get(t, 0)} for t in TYPES]}


def _count_routes(app: FastAPI, read: _Reader) -> None:
    @app.get("/api/aggregates", summary="Counts of dated events by day, week or month and by a group")
    def aggregates(
        f: Annotated[queries.Filters, Depends(_filters)],
        by: Literal["day", "week", "month"] = "month",
        group: Literal["type", "country", "actor", "none"] = "type",
    ) -> dict[str, Any]:
        return read(queries.aggregates, f, by, group)

    @app.get("/api/geojson", summary="The filtered events with coordinates, as GeoJSON")
    def geojson(
        f: Annotated[queries.Filters, Depends(_filters)], limit: Annotated[int, Query(ge=1, le=50_000)] = 20_000
    ) -> dict[str, Any]:
        return read(queries.geojson, f, limit)

    @app.get("/api/graph", summary="Who acts on whom among the filtered events")
    def graph(
        f: Annotated[queries.Filters, Depends(_filters)], limit: Annotated[int, Query(ge=2, le=300)] = 60
    ) -> dict[str, Any]:
        return read(queries.graph, f, limit)


def _write_route(app: FastAPI, access: StoreAccess, token: str | None, config: Config | None) -> None:
    @app.post("/api/articles", summary="Submit articles (text, HTML, JSON or JSON Lines); needs the token")
    async def submit(request: Request) -> dict[str, Any]:
        _authorise(request, token)
        records = _records(request.headers.get("content-type", ""), await _body(request))
        docs = list(ingest.from_records(records, source="api", config=config or Config()))

        def store() -> tuple[core.RunSummary, list[Any]]:
            with access.write():
                return core.store_documents(docs, db=access.path, config=config)

        try:  # the NLP pass takes seconds: in a worker thread, so the server keeps answering reads
            summary, results = await run_in_threadpool(store)
        except StoreError as exc:
            busy = "in use by another" in str(exc)
            headers = {"Retry-After": "5"} if busy else None
            raise HTTPException(503 if busy else 500, str(exc), headers=headers) from exc
        return {
            "read": summary.read,
            "written": summary.written,
            "skipped": summary.skipped,
            "ids": [d.article.id for d in docs],
            "errors": [
                {"article_id": r.article.id, "stage": e.stage, "kind": e.kind, "message": e.message}
                for r in results
                for e in r.errors
            ],
        }


def _filters(
    type: Annotated[list[PloverType] | None, Query(description="PLOVER type; repeat for several")] = None,
    mode: Annotated[str | None, Query(max_length=40, pattern=r"^[a-z\-]+$")] = None,
    actor: Annotated[str | None, Query(pattern=_ID, description="actor id, as source or target")] = None,
    country: Annotated[str | None, Query(pattern=_ISO3, description="ISO 3166 alpha-3 of the place")] = None,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat", max_length=100)] = None,
    date_from: Annotated[date | None, Query(description="first day (ISO)")] = None,
    date_to: Annotated[date | None, Query(description="last day (ISO)")] = None,
    factuality: Annotated[list[Factuality] | None, Query()] = None,
    speaker: Annotated[str | None, Query(pattern=_ID, description="actor id of the attributed speaker")] = None,
    min_outlets: Annotated[int | None, Query(ge=1, le=10_000)] = None,
    q: Annotated[str | None, Query(max_length=200, description="words in the evidence sentence")] = None,
) -> queries.Filters:
    if date_from and date_to and date_from > date_to:
        raise HTTPException(422, f"date_from {date_from} is after date_to {date_to}")
    return queries.Filters(
        types=tuple(type or ()),
        mode=mode,
        actor=actor,
        country=country,
        bbox=_bbox(bbox) if bbox else None,
        date_from=date_from,
        date_to=date_to,
        factuality=tuple(factuality or ()),
        speaker=speaker,
        min_outlets=min_outlets,
        q=q.strip() or None if q else None,
    )


def _bbox(text: str) -> tuple[float, float, float, float]:
    try:
        values = tuple(float(v) for v in text.split(","))
    except ValueError:
        values = ()
    if len(values) != 4:
        raise HTTPException(422, f"bbox must be four numbers min_lon,min_lat,max_lon,max_lat, not {text!r}")
    min_lon, min_lat, max_lon, max_lat = values
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise HTTPException(422, f"bbox {text!r} is not a box of longitudes in [-180, 180] and latitudes in [-90, 90]")
    return min_lon, min_lat, max_lon, max_lat


def _path_id() -> Any:
    return PathParam(pattern=_ID)


def _authorise(request: Request, token: str | None) -> None:
    if not token:
        raise HTTPException(403, "this server is read-only: start it with DATELINE_TOKEN set to accept articles")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise HTTPException(
            401,
            "writing needs the server's token: send 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )


async def _body(request: Request) -> bytes:
    """The request body, refused past ``MAX_BODY`` bytes whatever Content-Length says."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY:
        raise HTTPException(413, f"the body is {int(declared):,} bytes; at most {MAX_BODY:,} are accepted")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise HTTPException(413, f"the body is over {MAX_BODY:,} bytes, the most accepted")
        chunks.append(chunk)
    return b"".join(chunks)


def _records(content_type: str, body: bytes) -> list[Any]:
    """The submitted articles as corpus records, by the body's media type."""
    media = content_type.split(";")[0].strip().lower()
    if not body.strip():
        raise HTTPException(400, "the body is empty: send an article's text, HTML, JSON or JSON Lines")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HTTPException(400, f"the body is not UTF-8 ({exc})") from exc
    if media in ("text/plain", ""):
        records: list[Any] = [{"text": text}]
    elif media == "text/html":
        records = [{"html": text}]
    elif media == "application/json":
        data = _json(text, "the body")
        records = data if isinstance(data, list) else [data]
    elif media in ("application/x-ndjson", "application/jsonl", "application/json-lines"):
        records = [_json(line, f"line {n}") for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    else:
        raise HTTPException(
            415, f"cannot read {media!r}: send text/plain, text/html, application/json or application/x-ndjson"
        )
    if len(records) > MAX_ARTICLES:
        raise HTTPException(413, f"{len(records)} articles in one request; at most {MAX_ARTICLES} are accepted")
    return records


def _json(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise HTTPException(400, f"{what} is not valid JSON: {exc}") from exc


def _errors(app: FastAPI) -> None:
    """Every error as JSON with a sentence: ``{"error": ..., "status": ..., "detail": ...}``."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(
            {"error": str(exc.detail), "status": exc.status_code}, status_code=exc.status_code, headers=exc.headers
        )

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body"))
            problems.append({"field": where, "message": err.get("msg", "invalid")})
        said = "; ".join(f"{p['field']}: {p['message']}" for p in problems)
        return JSONResponse({"error": f"invalid request: {said}", "status": 422, "detail": problems}, status_code=422)


def _version() -> str:
    from .. import __version__

    return __version__
