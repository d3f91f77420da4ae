"""The SPARQL 1.1 Protocol as one reusable router: ``app.include_router(SparqlRouter(...))``.

GET and POST (form-encoded or ``application/sparql-query``); the answer's media
type comes from :mod:`api.negotiation`; the query runs through the app's executor
(see :mod:`api.execution`), which enforces the time limit. Without a query, GET
answers with the SPARQL 1.1 Service Description (RDF) or, for a browser, the
query page.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import ExecutorDep, SettingsDep
from api.errors import BadRequestError, NotAcceptableError, PayloadTooLargeError, UnsupportedMediaTypeError
from api.negotiation import choose
from api.pages import query_page
from api.querying import SparqlJob, run_sparql
from api.service_description import service_description

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
TRUNCATED_HEADER = "Govkg-Truncated"


class SparqlRouter(APIRouter):
    """``GET``/``POST`` on one path, answering SPARQL protocol requests."""

    def __init__(self, path: str = "/sparql") -> None:
        super().__init__(tags=["sparql"])
        self.path = path
        self.add_api_route(
            path,
            self.query_get,
            methods=["GET"],
            summary="Run a SPARQL query (or get the service description / query page)",
            response_class=Response,
            responses=_RESPONSES,
        )
        self.add_api_route(
            path,
            self.query_post,
            methods=["POST"],
            summary="Run a SPARQL query sent form-encoded or as application/sparql-query",
            response_class=Response,
            responses=_RESPONSES,
            openapi_extra=_POST_BODY,
        )

    async def query_get(
        self,
        request: Request,
        executor: ExecutorDep,
        settings: SettingsDep,
        query: Annotated[str | None, Query(description="The SPARQL query")] = None,
        format: Annotated[
            str | None, Query(description="Answer format, overriding Accept: json, xml, csv, tsv, turtle, …")
        ] = None,
    ) -> Response:
        _refuse_update_parameter(request.query_params.getlist("update"))
        _refuse_dataset(request.query_params.keys())
        if query is None:
            return self._describe(request, settings, format)
        return await self._answer(request, executor, settings, query, format)

    async def query_post(self, request: Request, executor: ExecutorDep, settings: SettingsDep) -> Response:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await _read_body(request, settings.max_request_bytes)
        params: dict[str, list[str]] = parse_qs(request.url.query, keep_blank_values=True)
        if content_type == FORM:
            try:
                form = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
            except UnicodeDecodeError:
                raise BadRequestError("the form body is not UTF-8") from None
            params.update(form)
            queries = params.get("query", [])
        elif content_type == SPARQL_QUERY:
            try:
                queries = [body.decode("utf-8")]
            except UnicodeDecodeError:
                raise BadRequestError("the query is not UTF-8") from None
        else:
            raise UnsupportedMediaTypeError(
                f"POST bodies must be {FORM} or {SPARQL_QUERY}, not {content_type or 'untyped'}"
            )
        _refuse_update_parameter(params.get("update", []))
        _refuse_dataset(params.keys())
        if len(queries) != 1:
            raise BadRequestError("exactly one 'query' is required")
        fmt = params.get("format", [None])[0]
        return await self._answer(request, executor, settings, queries[0], fmt)

    async def _answer(
        self, request: Request, executor: ExecutorDep, settings: SettingsDep, query: str, fmt: str | None
    ) -> Response:
        if len(query.encode("utf-8")) > settings.max_request_bytes:
            raise PayloadTooLargeError(f"the query is longer than {settings.max_request_bytes} bytes")
        if not query.strip():
            raise BadRequestError("the query is empty")
        accept = request.headers.get("accept")
        if fmt is None and request.method == "GET" and _kind(accept, ["results", "page"]) == "page":
            return query_page(request, settings, query=query)
        results = choose(accept, ["results"], fmt)
        graph = choose(accept, ["graph"], fmt)
        if results is None and graph is None:
            raise NotAcceptableError(f"no answer format matches Accept {accept!r} / format {fmt!r}")
        job = SparqlJob(
            query=query,
            results=(results.media_type, results.serializer) if results else None,
            graph=(graph.media_type, graph.serializer) if graph else None,
            max_rows=settings.max_rows,
            allowlist=settings.service_allowlist,
        )
        answer = await executor.call(run_sparql, job)
        headers = {"Vary": "Accept"}
        if answer.truncated:
            headers[TRUNCATED_HEADER] = f"rows={settings.max_rows}"
        return Response(answer.body, media_type=f"{answer.media_type}; charset=utf-8", headers=headers)

    def _describe(self, request: Request, settings: SettingsDep, fmt: str | None) -> Response:
        accept = request.headers.get("accept")
        choice = choose(accept, ["graph", "page"], fmt)
        if choice is None:
            raise NotAcceptableError("the service description is RDF (text/turtle, …) or an HTML page")
        if choice.kind == "page":
            return query_page(request, settings)
        endpoint = str(request.url.replace(query=""))
        body = service_description(endpoint, choice.serializer)
        return Response(body, media_type=choice.content_type, headers={"Vary": "Accept"})


def _kind(accept: str | None, kinds: list[str]) -> str | None:
    choice = choose(accept, kinds)
    return choice.kind if choice else None


def _refuse_update_parameter(updates: list[str]) -> None:
    if updates:
        from api.errors import QueryRefusedError

        raise QueryRefusedError("updates are not accepted here: this endpoint is read-only")


def _refuse_dataset(names: object) -> None:
    keys = set(names)  # type: ignore[call-overload]
    if keys & {"default-graph-uri", "named-graph-uri"}:
        raise BadRequestError(
            "default-graph-uri / named-graph-uri are not supported: the default graph is the union "
            "of all notice graphs; use GRAPH or FROM in the query instead"
        )


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLargeError(f"the request body is longer than {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLargeError(f"the request body is longer than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


_RESPONSES: dict[int | str, dict[str, object]] = {
    200: {
        "description": "Results (SPARQL JSON/XML/CSV/TSV) or a graph (Turtle, N-Triples, JSON-LD, RDF/XML)",
        "content": {
            "application/sparql-results+json": {},
            "application/sparql-results+xml": {},
            "text/csv": {},
            "text/tab-separated-values": {},
            "text/turtle": {},
            "application/n-triples": {},
            "application/ld+json": {},
            "application/rdf+xml": {},
            "text/html": {},
        },
    },
    400: {"description": "Malformed query"},
    403: {"description": "Update or SERVICE refused"},
    406: {"description": "No acceptable answer format"},
    413: {"description": "Query or body too large"},
    415: {"description": "Unsupported body media type"},
    503: {"description": "All query workers busy, or the query used too much memory"},
    504: {"description": "The query ran past the time limit and was stopped"},
}
_POST_BODY: dict[str, object] = {
    "requestBody": {
        "content": {
            FORM: {
                "schema": {
                    "type": "object",
                    "properties": {"query": {"type": "string"}, "format": {"type": "string"}},
                    "required": ["query"],
                }
            },
            SPARQL_QUERY: {"schema": {"type": "string"}},
        }
    }
}
