"""The default backend: a pyoxigraph store, on disk (a RocksDB directory) or in memory.

A notice that replaces a stored one is written by one SPARQL UPDATE (drop the graph, insert
its data), which oxigraph runs as one transaction: a killed writer leaves it whole or absent.
New notices in an on-disk store go through the bulk loader, with the fingerprint that makes
them count as stored written last (see ``_bulk_write``). Shared descriptions (agencies, cited
documents) are added to the registry graph with the notice.
Results are serialised by oxigraph itself, which keeps ``query_raw`` free of rdflib.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Self

import pyoxigraph as ox
from oxrdflib import OxigraphStore as RdflibOxigraphStore
from rdflib import RDF, Dataset, Graph, Literal, URIRef

from graph.ntriples import as_nquads, term
from graph.store import (
    PARSER_VERSION,
    Backend,
    Location,
    NoticePayload,
    QueryError,
    Store,
    StoreError,
    bulk_nquads,
    fingerprint_prefix,
    result_format,
)
from graph.stores.formats import Format
from graph.stores.terms import Row, from_ox, rows_from_ox
from ontology import GOVKG, PREFIXES

_UNFINISHED = f"""SELECT DISTINCT ?g WHERE {{
  GRAPH ?g {{ ?g a <{GOVKG.NoticeGraph}> }}
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?g <{PARSER_VERSION}> ?version }} }}
}}"""
_UNION_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"


class OxigraphStore(Store):
    """pyoxigraph behind the :class:`~graph.store.Store` API."""

    backend = Backend.OXIGRAPH

    def __init__(self, location: Location, inner: ox.Store) -> None:
        super().__init__(location)
        self._inner: ox.Store | None = inner
        self._described: set[str] = set()  # registry quads this object has bulk-loaded

    @classmethod
    def open(cls, location: Location, **options: str) -> Self:
        if options:
            raise StoreError(f"E020: the oxigraph backend takes no options, got {sorted(options)}")
        if not location.target:
            return cls(location, ox.Store())
        path = Path(location.target).expanduser()
        if path.exists() and not path.is_dir():
            raise StoreError(f"E020: cannot open store at {path}: it is a file, not a directory")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            store = cls(location, ox.Store(str(path)))
        except OSError as error:
            reason = "another process has it open" if "lock" in str(error).lower() else str(error)
            raise StoreError(f"E020: cannot open store at {path}: {reason}") from error
        store.drop_unfinished()
        return store

    def drop_unfinished(self) -> list[str]:
        """Drop notice graphs a stopped bulk write left without their fingerprint; their IRIs.

        Run on opening an on-disk store, so a notice is seen whole or not at all.
        """
        rows = self.select(_UNFINISHED)
        graphs = sorted({str(row["g"]) for row in rows})
        if graphs:
            self._update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs))
        return graphs

    @property
    def inner(self) -> ox.Store:
        """The pyoxigraph store itself, for code that wants oxigraph's own API."""
        if self._inner is None:
            raise StoreError(f"E020: store {self.location} is closed")
        return self._inner

    def close(self) -> None:
        if self._inner is not None:
            self._inner.flush()
        self._inner = None

    def _query(self, sparql: str) -> Any:
        try:
            return self.inner.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as error:
            raise QueryError(f"E023: query syntax: {error}") from error
        except OSError as error:
            raise StoreError(f"E020: store {self.location}: {error}") from error

    def select_with_vars(self, sparql: str) -> tuple[list[str], list[Row]]:
        result = self._query(sparql)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("E023: not a SELECT query")
        names = [variable.value for variable in result.variables]
        return names, rows_from_ox(result)

    def ask(self, sparql: str) -> bool:
        result = self._query(sparql)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("E023: not an ASK query")
        return bool(result)

    def construct(self, sparql: str) -> Graph:
        result = self._query(sparql)
        if not isinstance(result, ox.QueryTriples):
            raise QueryError("E023: not a CONSTRUCT or DESCRIBE query")
        graph = Graph()
        for triple in result:
            graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
        return graph

    def query_raw(self, sparql: str, media_type: str | Format) -> bytes:
        fmt = result_format(sparql, media_type)
        result = self._query(sparql)
        if isinstance(result, ox.QueryTriples):
            return ox.serialize(result, format=_rdf_format(fmt), prefixes=_prefixes(fmt)) or b""
        results_format = ox.QueryResultsFormat.from_media_type(fmt.media_type)
        return result.serialize(format=results_format) or b""  # type: ignore[no-any-return]

    def _write(self, payloads: list[NoticePayload], replacing: set[str]) -> None:
        fresh = [p for p in payloads if p.graph_iri not in replacing]
        if fresh and self.location.target:
            self._bulk_write(fresh)
        else:
            replacing = {p.graph_iri for p in payloads}
        for payload in payloads:
            if payload.graph_iri in replacing:
                self._replace(payload)

    def _replace(self, payload: NoticePayload) -> None:
        """One notice in one transaction: readers see the old graph or the new one, never a mix.

        A transaction per notice, not per batch: oxigraph's cost per statement grows with the
        transaction (``benchmarks/replace.py``: 1.8 times as much a notice in batches of 64).
        """
        graph = f"<{payload.graph_iri}>"
        body = f"GRAPH {graph} {{\n{payload.ntriples}\n}}"
        if payload.shared:
            body += f"\nGRAPH <{payload.registry_graph}> {{\n{payload.shared}\n}}"
        self._update(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ {body} }}")

    def _bulk_write(self, payloads: list[NoticePayload]) -> None:
        """New notices through oxigraph's bulk loader, each made visible to ``notices()`` last.

        The bulk loader is several times faster than a transaction but not atomic, so the
        fingerprint (the graph's ``govkg:parserVersion``) is held back and inserted by one
        transaction once every statement is in: a notice stopped half-way has no fingerprint,
        is not listed as stored, and is dropped and written again when it is next ingested.
        Agency and cited-document descriptions repeat from notice to notice; each is loaded
        once per store object, as the registry graph only ever gains statements.

        The loader runs lenient (it skips checking every IRI, a sixth of its time): every IRI
        in a payload is a fixed vocabulary IRI or the base IRI followed by percent-encoded
        segments (``graph.iris``), so the graph and registry IRIs, checked by ``replace_notices``,
        stand for all.
        """
        names = " ".join(f"DROP SILENT GRAPH <{p.graph_iri}> ;" for p in payloads)
        self._update(names.removesuffix(";"))
        parts: list[str] = []
        fingerprints: list[str] = []
        kind = f"{term(RDF.type)} {term(GOVKG.NoticeGraph)}"
        for payload in payloads:
            graph = term(URIRef(payload.graph_iri))
            stamp = fingerprint_prefix(payload.graph_iri)
            parts.append(f"{graph} {kind} {graph} .\n")  # first, so drop_unfinished finds any part
            parts.append(payload.nquads or bulk_nquads(payload.graph_iri, payload.ntriples))
            parts.append(self._new_descriptions(payload))
            version = term(Literal(payload.parser_version))
            fingerprints.append(f"GRAPH {graph} {{ {stamp}{version} }}")
        try:
            self.inner.bulk_load(input="".join(parts), format=ox.RdfFormat.N_QUADS, lenient=True)
        except (SyntaxError, OSError, ValueError) as error:
            self._described.clear()  # some may not have been loaded
            raise StoreError(f"E022: write to {self.location} failed: {error}") from error
        self._update("INSERT DATA { " + "\n".join(fingerprints) + " }")

    def _new_descriptions(self, payload: NoticePayload) -> str:
        """The payload's registry statements as N-Quads, less those already loaded."""
        text = as_nquads(payload.shared, term(URIRef(payload.registry_graph)))
        quads = [f"{quad}\n" for quad in text.split("\n") if quad]
        new = [quad for quad in quads if quad not in self._described]
        self._described.update(new)
        return "".join(new)

    def _remove(self, graph_iri: str) -> None:
        self._update(f"DROP SILENT GRAPH <{graph_iri}>")

    def update(self, sparql: str) -> None:
        self._update(sparql)

    def _update(self, sparql: str) -> None:
        try:
            self.inner.update(sparql)
        except (SyntaxError, OSError, ValueError) as error:
            raise StoreError(f"E022: write to {self.location} failed: {error}") from error

    def triple_count(self) -> int:
        return len(self.inner)

    def dump(self, media_type: str | Format) -> bytes:
        fmt, keep_graphs = self._dump_format(media_type)
        if keep_graphs:
            return self.inner.dump(format=_rdf_format(fmt), prefixes=_prefixes(fmt)) or b""
        triples = self._query(_UNION_TRIPLES)
        return ox.serialize(triples, format=_rdf_format(fmt), prefixes=_prefixes(fmt)) or b""

    def as_rdflib_graph(self) -> Dataset:
        return Dataset(store=RdflibOxigraphStore(store=self.inner), default_union=True)


def _rdf_format(fmt: Format) -> ox.RdfFormat:
    rdf_format = ox.RdfFormat.from_media_type(fmt.media_type)
    if rdf_format is None:
        raise QueryError(f"E023: oxigraph cannot write {fmt.media_type}")
    return rdf_format


def _prefixes(fmt: Format) -> dict[str, str] | None:
    """Prefixes only for the formats that abbreviate with them (N-Triples/N-Quads refuse them)."""
    return PREFIXES if fmt.name in ("ttl", "trig", "rdfxml", "jsonld") else None
