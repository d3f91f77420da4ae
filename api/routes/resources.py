"""Dereferenceable IRIs: ``/id/{path}`` (and the base IRI's own path) answer for every entity.

The IRI is ``{base IRI}{path}``: a browser gets an HTML page, a client asking
for RDF (``Accept: text/turtle`` …, or ``?format=ttl``) gets the entity's triples.
When the server's own URL is the base IRI, the IRIs in the data resolve as they are.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote_to_bytes, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from api.deps import ExecutorDep, SettingsDep
from api.errors import NotAcceptableError, NotFoundError
from api.execution import Executor
from api.negotiation import choose
from api.pages import render
from api.querying import construct_bytes, select_rows
from graph.iris import is_absolute_iri

_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
LABELS = (
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://purl.org/dc/terms/title",
    "https://w3id.org/govkg/ontology#label",
)


def build_router(prefix: str) -> APIRouter:
    """Routes resolving ``{prefix}{path}`` as ``{base IRI}{path}``."""
    router = APIRouter(tags=["resources"])
    router.add_api_route(
        prefix.rstrip("/") + "/{path:path}",
        describe,
        methods=["GET"],
        summary="An entity of the graph, as HTML or RDF (dereferenceable IRIs)",
        response_class=Response,
        name=f"resource:{prefix}",
    )
    return router


def iri_from_path(raw_path: str) -> str:
    """A raw URL path segment as IRI text: escapes of non-ASCII characters become characters.

    >>> iri_from_path("doc/%E5%9B%BD%E5%8F%91%E3%80%942017%E3%80%9514%E5%8F%B7/item/1")
    'doc/国发〔2017〕14号/item/1'
    >>> iri_from_path("doc/title/a%20b")
    'doc/title/a%20b'
    """

    def decode(match: re.Match[str]) -> str:
        text = unquote_to_bytes(match.group(0)).decode("utf-8", errors="replace")
        return "".join(c if ord(c) >= 0xA0 and c != "\ufffd" else f"%{ord(c):02X}" for c in text)

    return _ESCAPES.sub(decode, raw_path)


async def describe(request: Request, path: str, executor: ExecutorDep, settings: SettingsDep) -> Response:
    del path  # decoded by the router; the IRI is rebuilt from the raw path below
    raw = request.scope.get("raw_path", request.url.path.encode()).decode("latin-1")
    route_prefix = request.scope["route"].path.split("{")[0]
    local = iri_from_path(raw[len(route_prefix) :].split("?")[0])
    iri = settings.base_iri + local
    if not local or _FORBIDDEN.search(iri):
        raise NotFoundError(f"no entity at {raw!r}")
    choice = choose(request.headers.get("accept"), ["page", "graph"], request.query_params.get("format"))
    if choice is None:
        raise NotAcceptableError("entities are served as HTML or RDF (text/turtle, application/ld+json, …)")
    exists = await executor.call(select_rows, f"SELECT ?p WHERE {{ <{iri}> ?p ?o }} LIMIT 1")
    if not exists:
        raise NotFoundError(f"no entity {iri} in the graph")
    if choice.kind == "graph":
        query = f"CONSTRUCT {{ <{iri}> ?p ?o }} WHERE {{ <{iri}> ?p ?o }}"
        body = await executor.call(construct_bytes, query, choice.media_type)
        return Response(body, media_type=choice.content_type, headers={"Vary": "Accept"})
    facts = await executor.call(select_rows, _FACTS.format(iri=iri))
    incoming, all_of_them = await _references(executor, iri, settings.base_iri)
    return render(
        request,
        "resource.html",
        iri=iri,
        title=_title(facts) or local,
        facts=[_fact(row, settings.base_iri) for row in facts],
        incoming=incoming,
        incoming_more=all_of_them,
        incoming_shown=INCOMING_SHOWN,
    )


async def _references(executor: Executor, iri: str, base: str) -> tuple[list[dict[str, Any]], str | None]:
    """The first :data:`INCOMING_SHOWN` statements naming ``iri`` as object, labelled and ordered by
    property and subject, and a link to the query page listing all of them if there are more."""
    rows = await executor.call(select_rows, _INCOMING.format(iri=iri, limit=INCOMING_SHOWN + 1))
    more = len(rows) > INCOMING_SHOWN
    rows = sorted(rows[:INCOMING_SHOWN], key=lambda row: (str(row["p"]), str(row["s"])))
    subjects = sorted({str(row["s"]) for row in rows if is_absolute_iri(str(row["s"]))})  # no blank nodes
    labels: dict[str, object] = {}
    if subjects:
        values = " ".join(f"<{subject}>" for subject in subjects)
        labelled = await executor.call(select_rows, _LABELS.format(values=values))
        labels = {str(row["s"]): row["label"] for row in labelled}
    links = [_link(str(r["s"]), labels.get(str(r["s"])), base) | {"p": str(r["p"])} for r in rows]
    return links, "/?" + urlencode({"query": _ALL_INCOMING.format(iri=iri)}) if more else None


_FACTS = """SELECT ?p ?o ?label ?lang ?isIri WHERE {{
  <{iri}> ?p ?o .
  OPTIONAL {{ ?o <http://www.w3.org/2004/02/skos/core#prefLabel>|<http://purl.org/dc/terms/title> ?label
             FILTER(isLiteral(?label) && langMatches(lang(?label), "zh-Hans")) }}
  BIND(lang(?o) AS ?lang) BIND(isIRI(?o) AS ?isIri)
}} ORDER BY ?p ?o LIMIT 2000"""
#: References to an entity listed on its page. A busy agency is referred to by every task and
#: assignment naming it (hundreds of thousands at 10,000 notices): the page reads the first ones
#: the store holds, unordered so that the store stops there, and links the query for all.
INCOMING_SHOWN = 500
_INCOMING = """SELECT DISTINCT ?s ?p WHERE {{ ?s ?p <{iri}> }} LIMIT {limit}"""
_ALL_INCOMING = """SELECT ?s ?p WHERE {{ ?s ?p <{iri}> }} ORDER BY ?p ?s"""
_LABELS = """SELECT ?s (SAMPLE(?l) AS ?label) WHERE {{
  VALUES ?s {{ {values} }}
  ?s <http://www.w3.org/2004/02/skos/core#prefLabel>|<http://purl.org/dc/terms/title> ?l
}} GROUP BY ?s"""


def _title(facts: list[dict[str, Any]]) -> str | None:
    for label in LABELS:
        for row in facts:
            if row["p"] == label and isinstance(row["o"], str):
                return row["o"]
    return None


def _link(iri: str, label: object, base: str) -> dict[str, Any]:
    href = "/id/" + iri[len(base) :] if iri.startswith(base) else iri
    return {"iri": iri, "href": href, "label": str(label) if label is not None else None}


def _fact(row: dict[str, Any], base: str) -> dict[str, Any]:
    value = row["o"]
    is_iri = bool(row.get("isIri"))
    fact: dict[str, Any] = {"p": str(row["p"]), "lang": row.get("lang") or None}
    if is_iri:
        fact["link"] = _link(value, row.get("label"), base)
    else:
        fact["value"] = str(value)
    return fact


router = build_router("/id/")
