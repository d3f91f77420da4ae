"""The functions query workers run: a checked, capped, serialised SPARQL answer, and plain rows.

They take the store as first argument and return only picklable values, so the
same function runs in a worker process (oxigraph on disk) or in a thread (the
other backends). On oxigraph, results are read lazily and cut at the row cap,
so a capped query stops working at the cap instead of after producing everything.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from typing import Any

from api.errors import MalformedQueryError, NotAcceptableError
from api.safety import check_query

GRAPH_FORMS = {"CONSTRUCT", "DESCRIBE"}


@dataclass(frozen=True, slots=True)
class SparqlJob:
    """A query and the media types negotiated for each kind of answer (``None``: not acceptable)."""

    query: str
    results: tuple[str, str] | None  # (media type, serializer name) for SELECT / ASK
    graph: tuple[str, str] | None  # the same for CONSTRUCT / DESCRIBE
    max_rows: int
    allowlist: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SparqlAnswer:
    form: str
    media_type: str
    body: bytes
    truncated: bool


def run_sparql(store: Any, job: SparqlJob) -> SparqlAnswer:
    """Check, run and serialise one protocol request."""
    form = check_query(job.query, job.allowlist)
    inner = _oxigraph(store)
    if inner is None:
        return _run_generic(store, job, form)
    import pyoxigraph as ox

    try:
        result = inner.query(job.query, use_default_graph_as_union=True)
    except SyntaxError as error:
        raise MalformedQueryError(f"malformed query: {error}") from None
    if isinstance(result, ox.QueryBoolean):
        media, serializer = _chosen(job.results, "ASK")
        body = result.serialize(format=getattr(ox.QueryResultsFormat, serializer))
        return SparqlAnswer("ASK", media, body or b"", False)
    if isinstance(result, ox.QuerySolutions):
        media, serializer = _chosen(job.results, "SELECT")
        body, truncated = _capped_solutions(result, serializer, job.max_rows)
        return SparqlAnswer("SELECT", media, body, truncated)
    media, serializer = _chosen(job.graph, form or "CONSTRUCT")
    triples = list(itertools.islice(result, job.max_rows + 1))
    truncated = len(triples) > job.max_rows
    rdf_format = getattr(ox.RdfFormat, serializer)
    body = ox.serialize(triples[: job.max_rows], format=rdf_format, prefixes=_prefixes(serializer))
    return SparqlAnswer(form or "CONSTRUCT", media, body or b"", truncated)


def _oxigraph(store: Any) -> Any:
    import pyoxigraph as ox

    if isinstance(store, ox.Store):
        return store
    inner = getattr(store, "inner", None)
    return inner if isinstance(inner, ox.Store) else None


def _chosen(choice: tuple[str, str] | None, form: str) -> tuple[str, str]:
    if choice is None:
        from api.negotiation import offered

        kind = "graph" if form in GRAPH_FORMS else "results"
        raise NotAcceptableError(
            f"a {form} query answers with one of {', '.join(offered(kind))}; the request accepts none of them"
        )
    return choice


def _capped_solutions(result: Any, serializer: str, max_rows: int) -> tuple[bytes, bool]:
    """SPARQL JSON of at most ``max_rows`` solutions, re-serialised by oxigraph if asked."""
    import pyoxigraph as ox

    names = [variable.value for variable in result.variables]
    rows = list(itertools.islice(result, max_rows + 1))
    truncated = len(rows) > max_rows
    bindings = [
        {name: _json_term(value) for name, value in zip(names, row, strict=True) if value is not None}
        for row in rows[:max_rows]
    ]
    document = {"head": {"vars": names}, "results": {"bindings": bindings}}
    body = json.dumps(document, ensure_ascii=False).encode()
    if serializer == "JSON":
        return body, truncated
    parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=getattr(ox.QueryResultsFormat, serializer)) or b"", truncated


def _json_term(term: Any) -> dict[str, Any]:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        if term.language:
            return {"type": "literal", "value": term.value, "xml:lang": term.language}
        if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
            return {"type": "literal", "value": term.value}
        return {"type": "literal", "value": term.value, "datatype": term.datatype.value}
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


def _prefixes(serializer: str) -> dict[str, str] | None:
    if serializer not in {"TURTLE", "RDF_XML", "JSON_LD"}:
        return None
    from ontology import PREFIXES

    return {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def _run_generic(store: Any, job: SparqlJob, form: str | None) -> SparqlAnswer:
    """Other backends: the store serialises; the row cap is theirs (documented in docs/api.md)."""
    from graph.store import query_form

    form = form or query_form(job.query)
    media, _ = _chosen(job.graph if form in GRAPH_FORMS else job.results, form)
    return SparqlAnswer(form, media, store.query_raw(job.query, media), False)


def select_rows(store: Any, sparql: str) -> list[dict[str, Any]]:
    """A trusted SELECT's rows as plain Python values (IRIs as strings, numbers as numbers)."""
    from graph.store import as_rows

    return as_rows(store.select(sparql))


def construct_bytes(store: Any, sparql: str, media_type: str) -> bytes:
    """A trusted CONSTRUCT serialised in ``media_type`` (for dereferenced IRIs)."""
    return bytes(store.query_raw(sparql, media_type))
