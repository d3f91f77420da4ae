"""The baseline backend: an rdflib in-memory ``Dataset``, for tests and small jobs.

It holds nothing across processes. A lock makes each notice replacement atomic for
the threads of this process (a server's worker threads see a notice whole or absent).
"""

from __future__ import annotations

import threading
from typing import Self

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result
from rdflib.term import Node

from graph.store import (
    Backend,
    Location,
    NoticePayload,
    QueryError,
    Store,
    StoreError,
    result_format,
)
from graph.stores.formats import Format
from graph.stores.terms import Row, rows_to_json
from ontology import PREFIXES


class MemoryStore(Store):
    """rdflib's ``Dataset`` (union default graph) behind the :class:`~graph.store.Store` API."""

    backend = Backend.MEMORY

    def __init__(self, location: Location) -> None:
        super().__init__(location)
        self._dataset = Dataset(default_union=True)
        for prefix, namespace in PREFIXES.items():
            self._dataset.bind(prefix, namespace)
        self._lock = threading.RLock()

    @classmethod
    def open(cls, location: Location, **options: str) -> Self:
        if options:
            raise StoreError(f"E020: the memory backend takes no options, got {sorted(options)}")
        return cls(location)

    def close(self) -> None:
        """Nothing to release: the data lives as long as this object."""

    def _query(self, sparql: str, form: str) -> Result:
        try:
            with self._lock:
                result = self._dataset.query(sparql)
        except Exception as error:  # rdflib raises pyparsing and assorted errors for bad queries
            raise QueryError(f"E023: query failed: {error}") from error
        if result.type not in form.split("|"):
            raise QueryError(f"E023: expected a {form.replace('|', ' or ')} query, got {result.type}")
        return result

    def select_with_vars(self, sparql: str) -> tuple[list[str], list[Row]]:
        result = self._query(sparql, "SELECT")
        names = [str(variable) for variable in result.vars or []]
        rows = [{k: v for k, v in row.asdict().items() if v is not None} for row in result]  # type: ignore[union-attr]
        return names, rows

    def ask(self, sparql: str) -> bool:
        return bool(self._query(sparql, "ASK").askAnswer)

    def construct(self, sparql: str) -> Graph:
        result = self._query(sparql, "CONSTRUCT|DESCRIBE").graph
        graph = result if result is not None else Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        return graph

    def query_raw(self, sparql: str, media_type: str | Format) -> bytes:
        fmt = result_format(sparql, media_type)
        if fmt.holds_triples:
            return self.construct(sparql).serialize(format=fmt.rdflib, encoding="utf-8")
        payload = self._results_json(sparql)
        if fmt.name == "json":
            return payload
        solutions = ox.parse_query_results(payload, format=ox.QueryResultsFormat.JSON)
        target = ox.QueryResultsFormat.from_media_type(fmt.media_type)
        return solutions.serialize(format=target) or b""

    def _results_json(self, sparql: str) -> bytes:
        result = self._query(sparql, "SELECT|ASK")
        if result.type == "ASK":
            return b'{"head":{},"boolean":' + (b"true" if result.askAnswer else b"false") + b"}"
        names = [str(variable) for variable in result.vars or []]
        rows: list[dict[str, Node]] = [row.asdict() for row in result]  # type: ignore[union-attr,misc]
        return rows_to_json(names, rows)

    def _write(self, payloads: list[NoticePayload], _replacing: set[str]) -> None:
        for payload in payloads:
            fresh, shared = Graph(), Graph()
            try:
                fresh.parse(data=payload.ntriples, format="nt")
                if payload.shared:
                    shared.parse(data=payload.shared, format="nt")
            except Exception as error:  # rdflib's parsers raise their own error types
                raise StoreError(f"E022: cannot read notice graph {payload.graph_iri}: {error}") from error
            with self._lock:
                name = URIRef(payload.graph_iri)
                self._dataset.remove_graph(name)
                target = self._dataset.graph(name)
                for triple in fresh:
                    target.add(triple)
                registry = self._dataset.graph(URIRef(payload.registry_graph))
                for triple in shared:
                    registry.add(triple)

    def _remove(self, graph_iri: str) -> None:
        with self._lock:
            self._dataset.remove_graph(URIRef(graph_iri))

    def update(self, sparql: str) -> None:
        try:
            with self._lock:
                self._dataset.update(sparql)
        except Exception as error:  # rdflib raises pyparsing and assorted errors
            raise StoreError(f"E022: update failed: {error}") from error

    def triple_count(self) -> int:
        with self._lock:
            return sum(len(graph) for graph in self._dataset.graphs())

    def dump(self, media_type: str | Format) -> bytes:
        fmt, keep_graphs = self._dump_format(media_type)
        with self._lock:
            if keep_graphs:
                return self._dataset.serialize(format=fmt.rdflib, encoding="utf-8")
            union = Graph()
            for prefix, namespace in PREFIXES.items():
                union.bind(prefix, namespace)
            for triple in self._dataset.triples((None, None, None)):
                union.add(triple)
        return union.serialize(format=fmt.rdflib, encoding="utf-8")

    def as_rdflib_graph(self) -> Dataset:
        return self._dataset
