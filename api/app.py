"""The FastAPI application: settings, executor, routers and the one error handler.

``create_app(settings)`` is all a server (``govkg serve``) or a test needs. Each
resource has its own router in :mod:`api.routes`; the SPARQL protocol is the
reusable :class:`api.sparql.SparqlRouter`. A module ``api/routes/viz.py``, when
present, is included like the others (it serves the network pages under /viz).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.errors import status_for
from api.execution import Executor, build_executor
from api.limits import RequestSizeLimit
from api.settings import Settings
from api.sparql import SparqlRouter
from graph.rdf import parser_version
from ingest.errors import GovkgError

log = logging.getLogger("govkg.api")
ROUTE_MODULES = (
    "pages",
    "agencies",
    "items",
    "documents",
    "citations",
    "network",
    "search",
    "resources",
    "viz",
)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The query service over the store the settings name."""
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        executor = start_executor(settings)
        app.state.executor = executor
        try:
            yield
        finally:
            executor.close()

    app = FastAPI(
        title="govkg query service",
        summary="Chinese government task-division plans as a knowledge graph: SPARQL and REST",
        version=parser_version(),
        lifespan=lifespan,
        docs_url=None,  # the default Swagger UI loads from a CDN; /docs is served by api.routes.pages
        redoc_url=None,
    )
    app.state.settings = settings
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(settings.cors_origins),
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["Accept", "Content-Type"],
        expose_headers=["Govkg-Truncated"],
        allow_credentials=False,
    )
    app.add_middleware(RequestSizeLimit, limit=settings.max_request_bytes)
    _add_error_handlers(app)
    app.mount("/static", StaticFiles(packages=[("api", "static")]), name="static")
    app.include_router(SparqlRouter("/sparql"))
    for name in ROUTE_MODULES:
        try:
            module = importlib.import_module(f"api.routes.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"api.routes.{name}":
                raise
            continue
        app.include_router(module.router)
    if settings.base_path.rstrip("/") not in {"", "/id"}:
        from api.routes.resources import build_router

        app.include_router(build_router(settings.base_path))  # IRIs resolve under their own path too
    return app


def start_executor(settings: Settings) -> Executor:
    """The executor, after making sure a new store holds the sample notice."""
    from api.bootstrap import ensure_sample
    from graph.store import Backend, open_store

    location = settings.location
    on_disk = location.backend is Backend.OXIGRAPH and bool(location.target)
    if on_disk and settings.ingest_sample:
        with open_store(location) as store:  # read-write only here, closed before serving
            ensure_sample(store, settings.base_iri)
    executor = build_executor(settings)
    if not on_disk and settings.ingest_sample and location.backend is not Backend.SPARQL_HTTP:
        ensure_sample(executor.store, settings.base_iri)  # type: ignore[attr-defined]
    executor.start()
    return executor


def _add_error_handlers(app: FastAPI) -> None:
    async def govkg_error(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, GovkgError)
        status = status_for(error)
        if status >= 500:
            log.warning("%s %s -> %s %s", request.method, request.url.path, status, error)
        return JSONResponse({"error": error.code, "message": str(error)}, status_code=status)

    async def http_error(_: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, StarletteHTTPException)
        return JSONResponse(
            {"error": f"HTTP{error.status_code}", "message": str(error.detail)},
            status_code=error.status_code,
            headers=getattr(error, "headers", None),
        )

    async def validation_error(_: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, RequestValidationError)
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors())
        return JSONResponse({"error": "E048", "message": problems}, status_code=422)

    async def unexpected(request: Request, _: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return JSONResponse({"error": "E040", "message": "internal error"}, status_code=500)

    app.add_exception_handler(GovkgError, govkg_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, unexpected)
