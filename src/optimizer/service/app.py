"""The FastAPI app: routes under /v1 over the public API, nothing more.

Each route reads its input within the limits (`inputs`), calls what the CLI calls (`plan`,
`explain`, `constraints_schema`, `filter_exercises`, `plan_many`) and answers with the same
JSON as the CLI's `--json`; every failure is the error contract's `to_dict()` with the status
of its code (`errors.STATUS_BY_CODE`). Solves run in the pool's processes, the rest in the
thread pool, so the event loop only moves bytes.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Receive, Scope, Send

from .. import limits
from ..batch.tasks import OK_STATUSES
from ..catalog import Catalog, filter_exercises, load_catalog
from ..constraints import Constraints, constraints_schema
from ..errors import EXPLAIN_HINT, InputError, InternalError, PreExhaustError, close_matches
from ..export.files import output_folder
from ..planner import SolveLimits
from ..planner import check as check_problem
from ..program import Program
from ..safe_input import clip, echo
from ..version import __version__
from . import work
from .errors import ServiceBusy, ServiceError, http_status
from .inputs import SOURCE, SUFFIXES, batch_lines, media_type, parse_client, read_body
from .jobs import BatchJobs, Job
from .models import (
    BatchJob,
    BatchResults,
    CheckResult,
    ClientStatus,
    Deleted,
    ErrorBody,
    Health,
    Version,
)
from .pool import CallerGone, SolvePool
from .settings import ServiceSettings

log = logging.getLogger("optimizer.service")

#: Paths that need no API key: the health check (load balancers) and the description.
OPEN_PATHS = (
    "/healthz",
    "/v1/healthz",
    "/docs",
    "/docs/oauth2-redirect",
    "/redoc",
    "/openapi.json",
)
#: Seconds per solve of the explanation an infeasible plan carries (the CLI's default).
EXPLAIN_SECONDS = 5.0

TimeLimit = Annotated[
    float | None,
    Query(
        gt=limits.TIME_LIMIT_SECONDS.low,
        le=limits.TIME_LIMIT_SECONDS.high,
        description="Seconds; replaces the input's solver.time_limit, capped by the "
        "service's --max-time-limit.",
    ),
]


@dataclass
class Service:
    """What the routes share: the settings, the catalog, the pool and the batch jobs."""

    settings: ServiceSettings
    catalog: Catalog
    pool: SolvePool
    jobs: BatchJobs

    @property
    def limits(self) -> SolveLimits:
        return self.settings.solve_limits


def _error_response(body: dict[str, Any], headers: dict[str, str] | None = None) -> JSONResponse:
    if body.get("hint") == EXPLAIN_HINT:  # the library's words name the CLI and the API
        body = {**body, "hint": "POST /v1/explain names a minimal conflict and the repairs"}
    return JSONResponse(body, status_code=http_status(str(body.get("code"))), headers=headers)


def _outcome(outcome: dict[str, Any]) -> Response:
    """A worker's plain-data answer as a response."""
    if "error" in outcome:
        return _error_response(outcome["error"])
    if "program" in outcome:
        return Response(outcome["program"], media_type="application/json")
    return JSONResponse(outcome["explanation"])


class ApiKeyMiddleware:
    """Every request but OPEN_PATHS needs the key, as `X-API-Key: KEY` or `Authorization:
    Bearer KEY` (compared in constant time). Pure ASGI, so a refused request costs no
    routing and its body is never read."""

    def __init__(self, app: ASGIApp, key: str) -> None:
        self.app = app
        self.key = key.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # a trailing slash is the same path (FastAPI redirects it): open, as without one
        path = scope.get("path", "").rstrip("/")
        if scope["type"] != "http" or path in OPEN_PATHS or self._allowed(scope):
            await self.app(scope, receive, send)
            return
        error = ServiceError(
            "unauthorized",
            "missing or wrong API key",
            hint="send it as X-API-Key: KEY or Authorization: Bearer KEY",
        )
        response = _error_response(error.to_dict(), {"WWW-Authenticate": "Bearer"})
        await response(scope, receive, send)

    def _allowed(self, scope: Scope) -> bool:
        headers = dict(scope["headers"])
        given = headers.get(b"x-api-key")
        bearer = headers.get(b"authorization", b"")
        if given is None and bearer[:7].lower() == b"bearer ":
            given = bearer[7:].strip()
        return given is not None and hmac.compare_digest(given, self.key)


def _handlers(app: FastAPI) -> None:
    """Every failure as the error contract, with its status; never a traceback."""

    @app.exception_handler(PreExhaustError)
    async def contract(request: Request, error: PreExhaustError) -> JSONResponse:
        busy = isinstance(error, ServiceBusy)
        headers = {"Retry-After": str(error.retry_after)} if busy else None
        return _error_response(error.to_dict(), headers)

    @app.exception_handler(RequestValidationError)
    async def parameters(request: Request, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0]
        field = ".".join(str(p) for p in first.get("loc", ())[1:]) or "request"
        message = str(first.get("msg", "invalid"))
        if "input" in first and first["input"] is not None:
            message += f", got {echo(first['input'])}"
        return _error_response(InputError(field, message).to_dict())

    @app.exception_handler(StarletteHTTPException)
    async def http(request: Request, error: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(error.status_code, "bad_input")
        text = f"{request.method} {echo(request.url.path)}: {error.detail}"
        body = ServiceError(code, text, hint="see /docs").to_dict()
        # Starlette's own headers stay: a 405's `Allow` names the methods the path takes
        return JSONResponse(body, status_code=error.status_code, headers=error.headers)

    @app.exception_handler(ClientDisconnect)
    @app.exception_handler(CallerGone)
    async def gone(request: Request, error: Exception) -> Response:
        # the caller left mid-upload or mid-solve: not a bug, and no one reads the answer
        log.info("the caller left during %s %s", request.method, request.url.path)
        return Response(status_code=499)

    @app.exception_handler(Exception)
    async def bug(request: Request, error: Exception) -> JSONResponse:
        log.error("internal error on %s %s", request.method, request.url.path, exc_info=error)
        return _error_response(InternalError.wrap(error).to_dict())


def _constraints_body() -> dict[str, Any]:
    """The request body of the one-client routes, for the OpenAPI description."""
    ref = {"$ref": "#/components/schemas/Constraints"}
    content = {kind: {"schema": ref} for kind in SUFFIXES}
    return {"requestBody": {"required": True, "content": content}}


def _errors_as_served(schema: dict[str, Any]) -> None:
    """Every 422 as the error contract the service sends (`ErrorBody`), not FastAPI's
    `{"detail": [...]}`, which it adds to routes with path or query parameters: a client
    generated from this description could not read those errors."""
    body = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            invalid = operation.get("responses", {}).get("422")
            if invalid is not None:
                invalid["content"] = body
                invalid.setdefault("description", "Bad input: the field and the fix.")
    components = schema.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)


def _openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """FastAPI's description, plus the constraints schema the raw-body routes take."""

    def build() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, routes=app.routes, description=app.description
            )
            found = Constraints.model_json_schema(ref_template="#/components/schemas/{model}")
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components.update(found.pop("$defs", {}))
            components["Constraints"] = found
            _errors_as_served(schema)
            app.openapi_schema = schema
        return app.openapi_schema

    return build


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody} for status in (401, 413, 422, 503)
}


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    """The service for `settings` (from the environment when None). The catalog is loaded
    here, so a bad one fails before the server listens; the pool and the batch runner start
    with the server and stop with it."""
    settings = settings or ServiceSettings.from_env()
    output_folder(settings.batch_dir, "--batch-dir")  # before the server listens
    catalog = load_catalog(settings.catalog)
    pool = SolvePool(settings.workers, settings.queue_size)
    jobs = BatchJobs(settings.batch_dir, pool, catalog, settings.solve_limits)
    service = Service(settings, catalog, pool, jobs)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool.warm(work.warm, settings.catalog)
        service.jobs.start()
        try:
            yield
        finally:
            await run_in_threadpool(service.jobs.stop)
            await run_in_threadpool(pool.shutdown)

    app = FastAPI(
        title="pre-exhaust",
        version=__version__,
        description="Weekly pre-exhaust training programs from a CP-SAT model, over HTTP.",
        lifespan=lifespan,
    )
    app.state.service = service
    if settings.api_key:
        app.add_middleware(ApiKeyMiddleware, key=settings.api_key)
    _handlers(app)
    app.include_router(_routes(service), prefix="/v1")
    # HEAD too: load balancers probe health with it
    app.add_api_route(
        "/healthz", _health(service), methods=["GET", "HEAD"], include_in_schema=False
    )
    app.openapi = _openapi(app)  # type: ignore[method-assign]
    return app


def _health(service: Service) -> Callable[[], Awaitable[Health]]:
    async def healthz() -> Health:
        """Alive, and how busy: never waits for a solve."""
        pool = service.pool
        return Health(
            workers=pool.workers,
            in_flight=pool.in_flight,
            capacity=pool.capacity,
            batch_jobs=service.jobs.counts(),
        )

    return healthz


def _job_view(job: Job, with_clients: bool) -> BatchJob:
    clients = job.clients()
    counts = job.counts or _count(c["status"] for c in clients if c["status"] != "pending")
    done = sum(counts.values())
    return BatchJob(
        id=job.id,
        state=job.state,
        created=job.created,
        finished=job.finished,
        total=job.total if job.state != "done" else len(clients),
        done=done,
        failed=sum(n for status, n in counts.items() if status not in OK_STATUSES),
        counts=counts,
        summary=job.described,
        error=ErrorBody(**job.error) if job.error else None,
        clients=[ClientStatus(**c) for c in clients] if with_clients else None,
    )


def _count(statuses: Any) -> dict[str, int]:
    found: dict[str, int] = {}
    for status in statuses:
        found[status] = found.get(status, 0) + 1
    return found


def _query_names(dependant: Any) -> set[str]:
    """The query parameters a route declares, its dependencies' too."""
    names = {field.alias for field in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


async def _known_query(request: Request) -> None:
    """A query parameter the route does not take is refused like an unknown body field: a
    typo (`?timelimit=1`) was ignored, and the solve ran with the default limit."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = _query_names(dependant)
    for name in request.query_params:
        if name not in known:
            matches = close_matches(name[: limits.INPUT_NAME_CHARS], known)
            hint = (
                "did you mean " + " or ".join(matches) + "?"
                if matches
                else ("it takes " + ", ".join(sorted(known)) if known else "it takes none")
            )
            raise InputError(clip(name), "unknown query parameter", hint)


def _routes(service: Service) -> APIRouter:
    router = APIRouter(dependencies=[Depends(_known_query)])
    settings = service.settings
    book = service.catalog

    async def client_of(request: Request) -> Constraints:
        text = await read_body(request, settings.body_bytes)
        return await run_in_threadpool(parse_client, text, media_type(request), book)

    async def solve(request: Request, func: Callable[..., Any], *args: Any) -> Response:
        """`func(*args, stop)` in the pool, stopped (or dropped) if the caller leaves."""
        stop = service.pool.stop_flag()
        outcome = await service.pool.run(func, *args, stop, gone=request.is_disconnected, stop=stop)
        return _outcome(outcome)

    router.add_api_route("/healthz", _health(service), methods=["GET"], response_model=Health)
    # HEAD apart: one route with both methods gives two operations one id in the description
    router.add_api_route("/healthz", _health(service), methods=["HEAD"], include_in_schema=False)

    @router.get("/version", response_model=Version)
    async def version() -> Version:
        return Version(version=__version__)

    @router.get("/schema")
    async def schema() -> dict[str, Any]:
        """The JSON Schema of a constraints object (`preexhaust schema`)."""
        return _schema()

    @router.post(
        "/plan",
        openapi_extra=_constraints_body(),
        responses={
            200: {"model": Program, "description": "The week, as `preexhaust plan --json`."},
            409: {"model": ErrorBody, "description": "No week fits: conflict and repairs."},
            504: {"model": ErrorBody, "description": "No week found in the time limit."},
            **ERRORS,
        },
    )
    async def plan(
        request: Request,
        time_limit: TimeLimit = None,
        seed: Annotated[
            int | None, Query(ge=limits.SEED.low, le=limits.SEED.high, description="Random seed.")
        ] = None,
        time_tolerance: Annotated[
            float | None,
            Query(
                ge=limits.TIME_TOLERANCE_MINUTES.low,
                le=limits.TIME_TOLERANCE_MINUTES.high,
                description="Minutes of weekly time the week may exceed the shortest by.",
            ),
        ] = None,
        explain: Annotated[
            bool, Query(description="On an infeasible client, find the conflict and repairs.")
        ] = True,
    ) -> Response:
        """One client's week (a constraints object in JSON, YAML or TOML)."""
        constraints = await client_of(request)
        overrides = {"time_limit": time_limit, "seed": seed, "time_tolerance": time_tolerance}
        seconds = min(EXPLAIN_SECONDS, settings.max_time_limit) if explain else None
        return await solve(
            request,
            work.plan_request,
            constraints,
            overrides,
            service.limits,
            settings.catalog,
            seconds,
        )

    @router.post(
        "/explain",
        openapi_extra=_constraints_body(),
        responses={200: {"description": "As `preexhaust explain --json`."}, **ERRORS},
    )
    async def explain(
        request: Request,
        seconds: Annotated[
            float, Query(ge=0.1, le=600, description="Seconds per solve, capped by the service.")
        ] = EXPLAIN_SECONDS,
    ) -> Response:
        """Why no week fits and what to change, or which rules bind a feasible week."""
        constraints = await client_of(request)
        seconds = min(seconds, settings.max_time_limit)
        return await solve(
            request, work.explain_request, constraints, service.limits, settings.catalog, seconds
        )

    @router.post(
        "/check",
        openapi_extra=_constraints_body(),
        response_model=CheckResult,
        responses={409: {"model": ErrorBody}, **ERRORS},
    )
    async def check(request: Request) -> CheckResult:
        """Validate a constraints object without solving (`preexhaust check`)."""
        constraints = await client_of(request)
        headline = f"{SOURCE}: valid, but no program can satisfy it:"
        data = await run_in_threadpool(check_problem, constraints, book, headline)
        return CheckResult(
            client=constraints.client,
            days=len(data.days),
            usable_exercises=len(data.usable),
            catalog_exercises=len(book),
        )

    @router.get("/catalog", responses={422: {"model": ErrorBody}})
    def catalog(
        muscle: Annotated[list[str] | None, Query(description="Works it as primary.")] = None,
        equipment: Annotated[list[str] | None, Query(description="Needs this item.")] = None,
        usable_with: Annotated[
            list[str] | None, Query(description="Can be done with these items/presets only.")
        ] = None,
        level: Annotated[str | None, Query(description="beginner|intermediate|advanced")] = None,
        mechanic: Annotated[str | None, Query(description="isolation|compound")] = None,
    ) -> list[dict[str, Any]]:
        """The catalog's exercises, filtered as `preexhaust catalog list --json`."""
        try:
            chosen = filter_exercises(book, muscle, equipment, usable_with, level, mechanic)
        except InputError as error:  # fields named as the query, not as the CLI's options
            field = error.field.removeprefix("--").replace("-", "_")
            raise InputError(field, error.message, error.hint) from None
        return [ex.model_dump(mode="json") for ex in chosen]

    @router.get("/catalog/{exercise_id}", responses={404: {"model": ErrorBody}})
    def exercise(exercise_id: str) -> dict[str, Any]:
        """One exercise, as `preexhaust catalog show --json`."""
        try:
            found = book[book.resolve_id(exercise_id, "exercise_id")]
        except InputError as error:
            raise ServiceError(
                "not_found", error.message, field=error.field, hint=error.hint
            ) from None
        return found.model_dump(mode="json")

    @router.post(
        "/batches",
        status_code=202,
        response_model=BatchJob,
        responses={**ERRORS},
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Constraints"},
                        }
                    },
                    "application/x-ndjson": {"schema": {"type": "string"}},
                },
            }
        },
    )
    async def submit(request: Request, time_limit: TimeLimit = None) -> BatchJob:
        """Start a batch job: a JSON array of constraints objects (or JSON Lines); answers
        at once with the job's id. `time_limit` replaces every client's, capped."""
        text = await read_body(request, settings.batch_bytes)
        lines = await run_in_threadpool(batch_lines, text, media_type(request))
        if time_limit is not None:
            time_limit = min(time_limit, settings.max_time_limit)
        job = await run_in_threadpool(service.jobs.submit, lines, time_limit)
        return _job_view(job, with_clients=False)

    @router.get("/batches/{job_id}", response_model=BatchJob, responses={404: {"model": ErrorBody}})
    def status(
        job_id: str,
        clients: Annotated[bool, Query(description="List every client's status.")] = True,
    ) -> BatchJob:
        """A job's state, progress and (by default) every client's status."""
        return _job_view(service.jobs.get(job_id), clients)

    @router.get(
        "/batches/{job_id}/results",
        response_model=BatchResults,
        responses={404: {"model": ErrorBody}, 409: {"model": ErrorBody}},
    )
    def results(
        job_id: str,
        programs: Annotated[bool, Query(description="Include every client's Program.")] = True,
    ) -> BatchResults:
        """A finished job's summary (summary.csv's rows) and programs."""
        job = service.jobs.get(job_id)
        if job.state != "done":
            raise ServiceError(
                "not_finished",
                f"batch job {job.id} is {job.state}",
                hint="poll GET /v1/batches/{id} until its state is done",
            )
        return BatchResults(
            id=job.id,
            summary=job.described,
            counts=job.counts,
            clients=job.rows(),
            programs=job.programs() if programs else None,
        )

    @router.delete(
        "/batches/{job_id}", response_model=Deleted, responses={404: {"model": ErrorBody}}
    )
    def delete(job_id: str) -> Deleted:
        """Stop a job if it runs and delete it with its folder."""
        return Deleted(id=service.jobs.delete(job_id).id)

    return router


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    return constraints_schema()


__all__ = ["Service", "create_app"]
