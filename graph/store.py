"""Where the knowledge graph lives: one ``Store`` API over interchangeable backends.

Each ingested notice is one named graph; writing a notice replaces its graph in one
transaction, and is skipped when the stored graph came from the same bytes and the
same parser version. Queries see the union of all named graphs as the default graph,
so a SPARQL query never needs ``GRAPH`` clauses to span notices.

Backends are picked by name from a location string (see :func:`parse_location`):

>>> with open_store("memory:") as store:
...     store.info().notices
0
"""

from __future__ import annotations

import importlib
import logging
import re
import sqlite3
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from types import TracebackType
from typing import ClassVar, Self

from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from graph import summary, task_index
from graph.iris import base_of_graph, check_absolute, registry_iri
from graph.ntriples import as_nquads, iri_term, ntriples
from graph.stores.formats import Format, FormatKind, find_format
from graph.stores.terms import Row
from ingest.errors import GovkgError
from ontology import ELI, GOVKG, PROV

_LOG = logging.getLogger("govkg.store")

PARSER_VERSION = GOVKG.parserVersion
SHA256 = GOVKG.sha256
DERIVED_FROM = PROV.wasDerivedFrom

_FINGERPRINTS = f"""
SELECT ?g ?version ?sha256 WHERE {{
  GRAPH ?g {{
    ?g <{PARSER_VERSION}> ?version .
    OPTIONAL {{ ?g <{DERIVED_FROM}> ?source . ?source <{SHA256}> ?sha256 }}
  }}
}}"""
_BATCH_FINGERPRINTS = f"""
SELECT ?g ?version ?sha256 WHERE {{
  VALUES ?g {{ #graphs }}
  GRAPH ?g {{
    ?g <{PARSER_VERSION}> ?version .
    OPTIONAL {{ ?g <{DERIVED_FROM}> ?source . ?source <{SHA256}> ?sha256 }}
  }}
}}"""
_AGENCIES = f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a a <{GOVKG.Agency}> }}"


class StoreError(GovkgError):
    """A store cannot be opened, reached or written."""

    code = "E020"


class UnknownBackendError(StoreError):
    code = "E021"


class QueryError(StoreError):
    """A query the store refused: bad syntax, or a result that cannot take the asked format."""

    code = "E023"


class Backend(StrEnum):
    """Store backends by the name a location string uses."""

    OXIGRAPH = "oxigraph"
    MEMORY = "memory"
    SPARQL_HTTP = "sparql+http"


#: Backend -> "module:class", imported only when that backend is opened.
BACKENDS: dict[Backend, str] = {
    Backend.OXIGRAPH: "graph.stores.oxigraph:OxigraphStore",
    Backend.MEMORY: "graph.stores.memory:MemoryStore",
    Backend.SPARQL_HTTP: "graph.stores.http:HttpStore",
}


@dataclass(frozen=True, slots=True)
class Location:
    """A parsed store location: the backend and what it opens (a directory, a URL, or nothing)."""

    backend: Backend
    target: str

    def __str__(self) -> str:
        if self.backend is Backend.SPARQL_HTTP:
            return self.target
        if self.backend is Backend.OXIGRAPH and self.target:
            return self.target
        return f"{self.backend.value}:{self.target}"


_SCHEME = re.compile(r"^(?P<scheme>[a-z][a-z0-9+.-]+):(?P<rest>.*)$", re.IGNORECASE)


def parse_location(text: str) -> Location:
    """The backend and target a ``--store`` value names.

    A plain path is an oxigraph directory; ``oxigraph:`` alone is oxigraph in memory;
    ``memory:`` is an rdflib in-memory dataset; an ``http(s)://`` or ``sparql+http(s)://``
    URL is a SPARQL 1.1 Protocol + Graph Store Protocol server.

    >>> parse_location("/var/lib/govkg")
    Location(backend=<Backend.OXIGRAPH: 'oxigraph'>, target='/var/lib/govkg')
    >>> parse_location("sparql+http://127.0.0.1:7878").target
    'http://127.0.0.1:7878'
    >>> parse_location("memory:").backend.value
    'memory'
    """
    value = text.strip()
    if not value:
        raise StoreError("E020: empty store location")
    match = _SCHEME.match(value)
    if match is None:
        return Location(Backend.OXIGRAPH, value)
    scheme, rest = match["scheme"].lower(), match["rest"]
    if scheme in ("http", "https"):
        return Location(Backend.SPARQL_HTTP, value)
    if scheme in ("sparql+http", "sparql+https"):
        return Location(Backend.SPARQL_HTTP, scheme.removeprefix("sparql+") + ":" + rest)
    if scheme == "file":
        return Location(Backend.OXIGRAPH, rest.removeprefix("//"))
    try:
        backend = Backend(scheme)
    except ValueError:
        known = ", ".join(b.value for b in Backend)
        raise UnknownBackendError(f"E021: unknown store backend {scheme!r} (known: {known})") from None
    if backend is Backend.MEMORY and rest:
        raise StoreError(f"E020: the memory backend takes no path, got {rest!r}")
    return Location(backend, rest)


@dataclass(frozen=True, slots=True)
class NoticeRecord:
    """A stored notice graph and the fingerprint that decides whether re-ingesting it writes."""

    graph: URIRef
    sha256: str | None
    parser_version: str


@dataclass(frozen=True, slots=True)
class StoreInfo:
    """Counts for ``govkg store info``; ``triples`` counts statements over all graphs."""

    location: str
    backend: str
    notices: int
    triples: int
    agencies: int


@dataclass(frozen=True, slots=True)
class NoticePayload:
    """One notice graph ready to write: N-Triples text stamped with its fingerprint.

    ``shared`` holds the descriptions many notices repeat (agencies, cited documents), added
    to the store's one ``registry`` graph instead of the notice's (see ``graph.iris.registry_iri``;
    empty ``registry`` means the default for the graph's base IRI). ``totals`` are what the notice
    counts for the summary graph, ``nquads`` the ``ntriples`` less the fingerprint as N-Quads, for a
    bulk loader (both optional: a store derives them when absent). It crosses process
    boundaries cheaply, so parsing can run in workers while one process writes.
    """

    graph_iri: str
    ntriples: str
    sha256: str
    parser_version: str
    shared: str = ""
    registry: str = ""
    totals: summary.Totals | None = None
    nquads: str = ""
    index: task_index.NoticeEntries | None = None

    @property
    def registry_graph(self) -> str:
        """The shared graph this payload's ``shared`` statements go to."""
        return self.registry or str(registry_iri(base_of_graph(self.graph_iri)))

    @classmethod
    def from_graph(cls, graph_iri: str, graph: Graph, sha256: str, parser_version: str) -> NoticePayload:
        """Serialise ``graph``, adding the provenance fingerprint it lacks (never altering ``graph``).

        Statements about agencies and about cited documents other than the notice itself
        (subjects typed ``govkg:Agency``, or ``eli:LegalResource`` but not ``govkg:Notice``)
        go to ``shared``, as :func:`graph.rdf.notice_triples` splits them.
        """
        name = URIRef(graph_iri)
        versions = {str(o) for o in graph.objects(name, PARSER_VERSION)}
        if versions - {parser_version}:
            raise StoreError(f"E020: {graph_iri} states parser version {versions}, not {parser_version!r}")
        hashes = {str(h) for s in graph.objects(name, DERIVED_FROM) for h in graph.objects(s, SHA256)}
        if hashes - {sha256}:
            raise StoreError(f"E020: {graph_iri} states source sha256 {hashes}, not {sha256!r}")
        shared_subjects = set(graph.subjects(RDF.type, GOVKG.Agency)) | (
            set(graph.subjects(RDF.type, ELI.LegalResource)) - set(graph.subjects(RDF.type, GOVKG.Notice))
        )
        own = [t for t in graph if t[0] not in shared_subjects]
        shared = [t for t in graph if t[0] in shared_subjects]
        lines = [ntriples(own)]
        if not versions:
            lines.append(f"<{name}> <{PARSER_VERSION}> {Literal(parser_version).n3()} .\n")
        if not hashes:
            source = f"_:source{sha256[:16]}"
            lines.append(f"<{name}> <{DERIVED_FROM}> {source} .\n")
            lines.append(f"{source} <{SHA256}> {Literal(sha256).n3()} .\n")
        return cls(graph_iri, "".join(lines), sha256, parser_version, ntriples(shared))


def fingerprint_prefix(graph_iri: str) -> str:
    """How the N-Triples line stating a notice graph's fingerprint (``govkg:parserVersion``) starts."""
    return f"{iri_term(graph_iri)} {iri_term(str(PARSER_VERSION))} "


def bulk_nquads(graph_iri: str, ntriples: str) -> str:
    """A notice's N-Triples as N-Quads in its graph, less the fingerprint a bulk write adds last."""
    return as_nquads(ntriples, iri_term(graph_iri), skip=fingerprint_prefix(graph_iri))


_FORM = re.compile(r"(?:^|\s|})\s*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_COMMENT = re.compile(r"#[^\n<>\"']*$", re.MULTILINE)


def query_form(sparql: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``: decides which formats a result can take.

    >>> query_form("PREFIX ex: <http://e/> # a comment\\nconstruct WHERE { ?s ?p ?o }")
    'CONSTRUCT'
    """
    text = _COMMENT.sub("", sparql)
    text = re.sub(r"<[^<>\s]*>", "<>", text)
    match = _FORM.search(text)
    if match is None:
        raise QueryError("E023: not a SPARQL query (no SELECT, ASK, CONSTRUCT or DESCRIBE)")
    return match[1].upper()


def result_format(sparql: str, media_type: str | Format) -> Format:
    """The format a query's result is written in; refuses a results format for a graph and vice versa."""
    fmt = media_type if isinstance(media_type, Format) else find_format(media_type)
    graph_result = query_form(sparql) in ("CONSTRUCT", "DESCRIBE")
    if graph_result != fmt.holds_triples:
        kind = "a graph" if graph_result else "solutions"
        raise QueryError(f"E023: this query returns {kind}, which cannot be written as {fmt.media_type}")
    return fmt


class Store(ABC):
    """A knowledge graph store; use as a context manager, or call :meth:`close`."""

    backend: ClassVar[Backend]

    def __init__(self, location: Location) -> None:
        self.location = location
        self._version: str | None = None
        self._version_at = 0.0  # when it was computed (time.monotonic)
        self._deferred: dict[str, summary.Totals] | None = None

    # -- lifecycle ---------------------------------------------------------------
    @classmethod
    @abstractmethod
    def open(cls, location: Location, **options: str) -> Self:
        """Open (creating if needed) the store a parsed location names."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    @abstractmethod
    def close(self) -> None:
        """Release files, locks and connections."""

    # -- queries (the default graph is the union of all named graphs) -------------
    @abstractmethod
    def select_with_vars(self, sparql: str) -> tuple[list[str], list[Row]]:
        """A SELECT query's variables and rows (rdflib terms; unbound variables left out)."""

    def select(self, sparql: str) -> list[Row]:
        """A SELECT query's rows as dicts of rdflib terms; unbound variables are left out."""
        return self.select_with_vars(sparql)[1]

    @abstractmethod
    def ask(self, sparql: str) -> bool:
        """An ASK query's answer."""

    @abstractmethod
    def construct(self, sparql: str) -> Graph:
        """A CONSTRUCT or DESCRIBE query's graph."""

    @abstractmethod
    def query_raw(self, sparql: str, media_type: str | Format) -> bytes:
        """Any query's result serialised as ``media_type`` (see ``formats.tsv``), without rdflib objects."""

    # -- writes ---------------------------------------------------------------------
    def replace_notice(self, graph_iri: str, graph: Graph, sha256: str, parser_version: str) -> bool:
        """Store ``graph`` as the named graph ``graph_iri``, replacing it in one transaction.

        Returns ``False`` without writing when the stored graph has the same source sha256
        and parser version.
        """
        return self.replace_notices([NoticePayload.from_graph(graph_iri, graph, sha256, parser_version)])[0]

    def replace_notices(self, payloads: list[NoticePayload]) -> list[bool]:
        """Write the changed notices among ``payloads``; each is replaced whole or not at all.

        The summary graph (:mod:`graph.summary`) then gains what the new notices count and
        loses what the notices they replace counted.
        """
        for payload in payloads:
            check_absolute(payload.graph_iri, "graph IRI")
            check_absolute(payload.registry_graph, "registry graph IRI")
        stored = self._fingerprints([p.graph_iri for p in payloads])
        before = dict(stored)
        changed: dict[str, NoticePayload] = {}
        written: list[bool] = []
        for payload in payloads:
            fingerprint = (payload.sha256, payload.parser_version)
            fresh = stored.get(payload.graph_iri) != fingerprint
            written.append(fresh)
            if fresh:
                changed[payload.graph_iri] = payload
                stored[payload.graph_iri] = fingerprint
        if changed:
            self._version = None
            replacing = {graph for graph in changed if graph in before}
            by_base = _by_base(changed)
            old = {base: summary.counted(self, sorted(replacing & set(gs))) for base, gs in by_base.items()}
            self._write(list(changed.values()), replacing)
            for base, graphs in by_base.items():
                change = _new_totals(self, [changed[graph] for graph in graphs])
                for graph in graphs:
                    payload = changed[graph]
                    change.digest ^= summary.fingerprint(graph, payload.sha256, payload.parser_version)
                    if graph in before:
                        change.digest ^= summary.fingerprint(graph, *before[graph])
                    else:
                        change.notices += 1
                change.add(old[base], -1)
                self._add_to_summary(base, change)
            self._index(list(changed.values()))
        return written

    def _index(self, payloads: list[NoticePayload]) -> None:
        """Record written notices in the task index; those without entries are read back at its next sync.

        The notices are stored whatever happens here: an index that cannot be written is only
        reported, and its next reader reads back what it lacks.
        """
        entries = [
            (p.graph_iri, task_index.fingerprint(p.sha256, p.parser_version), p.index)
            for p in payloads
            if p.index is not None
        ]
        try:
            task_index.index_of(self).put_later(entries)
        except task_index.TaskIndexError as error:
            _LOG.warning("%s", error)

    def flush_index(self) -> None:
        """Wait for the task index to hold what was written (its writes run on their own thread)."""
        try:
            task_index.index_of(self).wait()
        except task_index.TaskIndexError as error:
            _LOG.warning("%s", error)

    def remove_notice(self, graph_iri: str) -> bool:
        """Drop a notice's named graph (and its counts from the summary); ``False`` when there was none."""
        stored = self._fingerprints([graph_iri])
        if graph_iri not in stored:
            return False
        self._version = None
        change = summary.Totals(notices=-1, digest=summary.fingerprint(graph_iri, *stored[graph_iri]))
        change.add(summary.counted(self, [graph_iri]), -1)
        self._remove(graph_iri)
        self._add_to_summary(base_of_graph(graph_iri), change)
        self.flush_index()
        try:
            task_index.index_of(self).drop([graph_iri])
        except sqlite3.Error as error:  # the next reader drops it: its fingerprint is gone from the store
            _LOG.warning("E027: task index: %s", error)
        return True

    @contextmanager
    def summary_deferred(self) -> Iterator[None]:
        """Writes inside add their summary changes up and apply them once, on leaving.

        A long ingest touches the same agency pairs batch after batch; summing the changes
        in memory and writing the summary once costs one update instead of one per batch.
        Until then the summary's digest disagrees with the stored notices, so readers pair
        the assignments themselves (correct, slower), and a writer killed inside leaves a
        summary that the next ingest rebuilds.
        """
        if self._deferred is not None:  # already deferring: the outer block applies
            yield
            return
        self._deferred = {}
        try:
            yield
        finally:
            self.flush_summary()
            self._deferred = None

    def flush_summary(self) -> None:
        """Apply the summary changes deferred so far (see :meth:`summary_deferred`)."""
        if not self._deferred:
            return
        pending, self._deferred = self._deferred, {}
        self._version = None
        for base, change in pending.items():
            summary.apply(self, base, change)

    def _add_to_summary(self, base: str, change: summary.Totals) -> None:
        if self._deferred is None:
            summary.apply(self, base, change)
        else:
            self._deferred.setdefault(base, summary.Totals()).add(change)

    def ensure_summary(self, records: list[NoticeRecord] | None = None) -> list[str]:
        """Rebuild each base's summary graph that does not sum exactly the stored notices; their bases.

        Writers call it before writing, so a write that stopped half-way, or another writer,
        is repaired by the next ingest. ``records`` are the stored notices when the caller has
        just listed them.
        """
        by_base = self._records_by_base(records)
        rebuilt = [base for base, records in by_base.items() if summary.ensure_current(self, base, records)]
        if rebuilt:
            self._version = None
        return rebuilt

    def summaries_current(self) -> bool:
        """Whether every base's summary graph sums exactly the notices stored under it."""
        return all(
            summary.stored_digest(self, base) == summary.expected_digest(records)
            for base, records in self._records_by_base().items()
        )

    def _records_by_base(
        self, records: list[NoticeRecord] | None = None
    ) -> dict[str, list[tuple[str, str | None, str]]]:
        """``records`` (default: every stored notice) grouped by the base IRI of their graphs."""
        by_base: dict[str, list[tuple[str, str | None, str]]] = {}
        for record in self.notices() if records is None else records:
            graph = str(record.graph)
            by_base.setdefault(base_of_graph(graph), []).append((graph, record.sha256, record.parser_version))
        return by_base

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL Update (the summary graph is maintained through it)."""

    @abstractmethod
    def _write(self, payloads: list[NoticePayload], replacing: set[str]) -> None:
        """Replace each payload's named graph atomically (``replacing``: those already stored)."""

    @abstractmethod
    def _remove(self, graph_iri: str) -> None:
        """Drop one named graph."""

    def _fingerprints(self, graphs: list[str]) -> dict[str, tuple[str | None, str]]:
        """(sha256, parser version) of those of ``graphs`` that are stored: one query over them alone."""
        stored: dict[str, tuple[str | None, str]] = {}
        unique = list(dict.fromkeys(graphs))
        for start in range(0, len(unique), 500):
            names = " ".join(f"<{g}>" for g in unique[start : start + 500])
            for row in self.select(_BATCH_FINGERPRINTS.replace("#graphs", names)):
                sha = str(row["sha256"]) if "sha256" in row else None
                stored[str(row["g"])] = (sha, str(row["version"]))
        return stored

    # -- whole-store views --------------------------------------------------------------
    def notices(self) -> list[NoticeRecord]:
        """Every stored notice graph with its fingerprint, ordered by graph IRI."""
        records = [
            NoticeRecord(
                graph=URIRef(str(row["g"])),
                sha256=str(row["sha256"]) if "sha256" in row else None,
                parser_version=str(row["version"]),
            )
            for row in self.select(_FINGERPRINTS)
        ]
        return sorted(records, key=lambda record: str(record.graph))

    @abstractmethod
    def triple_count(self) -> int:
        """Statements over all graphs (a triple stated by two notices counts twice)."""

    def info(self) -> StoreInfo:
        """Notices, statements and distinct agencies in the store."""
        agencies = self.select(_AGENCIES)
        count = agencies[0].get("n") if agencies else None
        return StoreInfo(
            location=str(self.location),
            backend=self.backend.value,
            notices=len(self.notices()),
            triples=self.triple_count(),
            agencies=int(count.toPython()) if isinstance(count, Literal) else 0,
        )

    def version(self) -> str:
        """A token that changes whenever the content changes (for HTTP caches and ETags).

        Projections, the task index and ETags are kept per version. Every write through this
        object makes it recomputed; :meth:`_version_expired` says when writes by others may have
        changed the store since.
        """
        if self._version is None or self._version_expired():
            self._version = self._content_version()
        return self._version

    def _content_version(self) -> str:
        """The stored notices' fingerprints, hashed.

        Every statement govkg writes belongs to a notice or follows from the notices (the
        registry grows with them, the summary graph sums them), so the fingerprints say when the
        content changed. Counting the statements as well would be a full scan: 11–16 s at
        21.8M statements, paid by every process opening the store, and by every request on a
        server store.
        """
        self._version_at = time.monotonic()
        records = ((str(r.graph), r.sha256, r.parser_version) for r in self.notices())
        count, digest = summary.expected_digest(records)  # the digest the summary graph states
        return f"{count:x}-{digest:032x}"

    def _version_expired(self) -> bool:
        """Whether others may have written since the version was computed (never: every write is ours)."""
        return False

    @abstractmethod
    def dump(self, media_type: str | Format) -> bytes:
        """The whole store: quads for dataset formats, the union graph for triple formats."""

    @abstractmethod
    def as_rdflib_graph(self) -> Dataset:
        """An rdflib view of the store (union default graph) for code written against rdflib."""

    @staticmethod
    def _dump_format(media_type: str | Format) -> tuple[Format, bool]:
        """The format to dump in, and whether it keeps the named graphs (else the union is written)."""
        fmt = media_type if isinstance(media_type, Format) else find_format(media_type)
        if not fmt.holds_triples:
            raise QueryError(f"E023: {fmt.name} holds query solutions, not RDF")
        return fmt, fmt.kind is FormatKind.DATASET


def open_store(location: str | Location, **options: str) -> Store:
    """Open the store at ``location`` with the backend it names; ``options`` go to the backend."""
    parsed = location if isinstance(location, Location) else parse_location(location)
    module_name, _, class_name = BACKENDS[parsed.backend].partition(":")
    backend_class: type[Store] = getattr(importlib.import_module(module_name), class_name)
    return backend_class.open(parsed, **options)


def _by_base(payloads: dict[str, NoticePayload]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for graph in payloads:
        grouped.setdefault(base_of_graph(graph), []).append(graph)
    return grouped


def _new_totals(store: Store, payloads: list[NoticePayload]) -> summary.Totals:
    """What the new notices count: carried by their payloads, else read back from the store."""
    change = summary.Totals()
    for payload in payloads:
        if payload.totals is not None:
            change.add(payload.totals)
    missing = [p.graph_iri for p in payloads if p.totals is None]
    if missing:
        change.add(summary.counted(store, missing))
    return change


def as_rows(rows: list[Row]) -> list[dict[str, object]]:
    """Rows with literals turned into Python values (IRIs and blank nodes stay strings)."""
    return [{name: _python(term) for name, term in row.items()} for row in rows]


def _python(term: Node) -> object:
    return term.toPython() if isinstance(term, Literal) else str(term)
