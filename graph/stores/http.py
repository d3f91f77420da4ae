"""A store on any SPARQL 1.1 Protocol + Graph Store Protocol server (oxigraph, Fuseki, ...).

Reads are SPARQL queries; a notice is replaced with one Graph Store Protocol ``PUT`` of
its named graph, which the server applies as one transaction. URLs default to the
oxigraph server layout (``/query``, ``/update``, ``/store``) under the location URL.
The server must treat the default graph as the union of the named graphs: for the
default layout the ``union-default-graph`` parameter is sent (``oxigraph serve`` reads
it); other servers are configured so (Fuseki: ``tdb2:unionDefaultGraph true``).
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from typing import Self
from urllib.parse import urlencode

from rdflib import Dataset, Graph
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

from graph.store import Backend, Location, NoticePayload, QueryError, Store, StoreError, result_format
from graph.stores.formats import Format
from graph.stores.terms import Row, rows_from_json, with_language_case

#: Seconds a server store's version is trusted before its notices are listed again: what
#: another process wrote is seen that much later, and no request pays for more than one listing.
DEFAULT_VERSION_TTL = 2.0
_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
_UNION_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"


class HttpStore(Store):
    """A remote SPARQL server behind the :class:`~graph.store.Store` API."""

    backend = Backend.SPARQL_HTTP

    def __init__(
        self,
        location: Location,
        *,
        query: str,
        update: str,
        store: str,
        union_param: bool,
        timeout: float,
        version_ttl: float = DEFAULT_VERSION_TTL,
    ) -> None:
        super().__init__(location)
        self.query_url, self.update_url, self.store_url = query, update, store
        self.union_param = union_param
        self.timeout = timeout
        self.version_ttl = version_ttl

    @classmethod
    def open(cls, location: Location, **options: str) -> Self:
        unknown = set(options) - {"query", "update", "store", "timeout", "version_ttl"}
        if unknown:
            raise StoreError(f"E020: unknown options for a SPARQL server store: {sorted(unknown)}")
        root = location.target.rstrip("/")
        store = cls(
            location,
            query=options.get("query") or f"{root}/query",
            update=options.get("update") or f"{root}/update",
            store=options.get("store") or f"{root}/store",
            union_param="query" not in options,
            timeout=float(options.get("timeout", "60")),
            version_ttl=float(options.get("version_ttl", DEFAULT_VERSION_TTL)),
        )
        store.ask("ASK { }")  # fail now, not at the first real request
        return store

    def close(self) -> None:
        """Nothing to release: every request opens its own connection."""

    def _version_expired(self) -> bool:
        """Other processes write to a server too: a version is trusted for ``version_ttl`` seconds."""
        return time.monotonic() - self._version_at >= self.version_ttl

    def _request(
        self, url: str, *, method: str = "GET", data: bytes | None = None, headers: dict[str, str]
    ) -> bytes:
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body: bytes = response.read()
                return body
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace").strip()[:500]
            if error.code == 400:
                raise QueryError(f"E023: the server refused the query: {detail}") from error
            raise StoreError(f"E022: {method} {url} failed: HTTP {error.code} {detail}") from error
        except (urllib.error.URLError, OSError) as error:
            raise StoreError(f"E020: cannot reach SPARQL server {self.location}: {error}") from error

    def _query(self, sparql: str, accept: str) -> bytes:
        return self._request(
            self.query_url,
            method="POST",
            data=urlencode({"query": sparql, **self._union}).encode("utf-8"),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
        )

    @property
    def _union(self) -> dict[str, str]:
        return {"union-default-graph": ""} if self.union_param else {}

    def select_with_vars(self, sparql: str) -> tuple[list[str], list[Row]]:
        payload = self._query(sparql, _JSON)
        if b'"boolean"' in payload[:200] and b'"results"' not in payload:
            raise QueryError("E023: not a SELECT query")
        return rows_from_json(payload)

    def ask(self, sparql: str) -> bool:
        document = json.loads(self._query(sparql, _JSON))
        if "boolean" not in document:
            raise QueryError("E023: not an ASK query")
        return bool(document["boolean"])

    def construct(self, sparql: str) -> Graph:
        graph = Graph()
        graph.parse(data=self._query(sparql, _NTRIPLES), format="nt")
        return with_language_case(graph)

    def query_raw(self, sparql: str, media_type: str | Format) -> bytes:
        return self._query(sparql, result_format(sparql, media_type).media_type)

    def _write(self, payloads: list[NoticePayload], _replacing: set[str]) -> None:
        for payload in payloads:
            if payload.shared:  # POST merges into the registry graph: descriptions are only added
                self._request(
                    f"{self.store_url}?{urlencode({'graph': payload.registry_graph})}",
                    method="POST",
                    data=payload.shared.encode("utf-8"),
                    headers={"Content-Type": _NTRIPLES},
                )
            self._request(
                f"{self.store_url}?{urlencode({'graph': payload.graph_iri})}",
                method="PUT",
                data=payload.ntriples.encode("utf-8"),
                headers={"Content-Type": _NTRIPLES},
            )

    def update(self, sparql: str) -> None:
        self._request(
            self.update_url,
            method="POST",
            data=sparql.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update"},
        )

    def _remove(self, graph_iri: str) -> None:
        self._request(f"{self.store_url}?{urlencode({'graph': graph_iri})}", method="DELETE", headers={})

    def triple_count(self) -> int:
        rows = self.select(_COUNT)
        return int(rows[0]["n"].toPython()) if rows else 0  # type: ignore[attr-defined]

    def dump(self, media_type: str | Format) -> bytes:
        fmt, keep_graphs = self._dump_format(media_type)
        if keep_graphs:
            return self._request(self.store_url, headers={"Accept": fmt.media_type})
        return self._query(_UNION_TRIPLES, fmt.media_type)

    def as_rdflib_graph(self) -> Dataset:
        query_url = f"{self.query_url}?union-default-graph" if self.union_param else self.query_url
        endpoint = SPARQLUpdateStore(query_url, self.update_url, returnFormat="json", method="POST_FORM")
        return Dataset(store=endpoint, default_union=True)
