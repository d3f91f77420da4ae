"""Files and folders of notices -> parsed documents -> named graphs in a store.

Parsing (the slow part) can run on several processes; the calling process alone writes,
a few notices per call, each notice replaced whole or not at all. A file that fails is
reported in one line and the others go on. A file whose bytes and parser version are
already stored is not even parsed.
"""

from __future__ import annotations

import hashlib
import itertools
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from graph import summary
from graph.coordination_counts import coordination_counts
from graph.iris import absolute_base, agency_iri
from graph.rdf import notice_ntriples, parser_version
from graph.store import NoticePayload, NoticeRecord, Store, bulk_nquads
from graph.task_index import entries_of
from ingest.errors import GovkgError
from ingest.model import Document

#: Files handed to each parsing process ahead of time, besides a batch: enough to keep it busy
#: while a batch is written, few enough that parsed payloads (about half a megabyte each) never
#: pile up in memory.
_IN_FLIGHT = 4
#: Niceness added to parsing processes. The writing process is the pipeline's bound (each notice
#: costs it more than its parse costs a worker), so it keeps a core whenever it can run and the
#: workers parse on what it leaves; at equal priority they took a third of its core from it.
_PARSE_NICENESS = 10
#: Suffixes read when a folder is given; a file named explicitly is read whatever its suffix.
NOTICE_SUFFIXES = frozenset({".txt", ".text"})


@dataclass(frozen=True, slots=True)
class FileResult:
    """What happened to one file: written, unchanged, or failed (``error`` is one line)."""

    path: Path
    graph_iri: str | None = None
    written: bool = False
    tasks: int = 0
    error: str | None = None
    note: str | None = None

    @property
    def status(self) -> str:
        """``written``, ``unchanged`` or ``failed``."""
        if self.error is not None:
            return "failed"
        return "written" if self.written else "unchanged"


@dataclass(slots=True)
class LoadReport:
    """Every file's outcome, in completion order."""

    results: list[FileResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        """How many files ended with ``status``."""
        return sum(1 for result in self.results if result.status == status)

    @property
    def failed(self) -> list[FileResult]:
        """The files that could not be stored."""
        return [result for result in self.results if result.error is not None]


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A worker's answer: a payload ready to write, or the one-line error."""

    path: Path
    payload: NoticePayload | None
    tasks: int
    error: str | None


def notice_files(paths: Iterable[Path]) -> list[Path]:
    """The files to read: files as given, folders searched recursively for notice text files.

    A path that does not exist is kept, so that it is reported like any unreadable file.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = (p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in NOTICE_SUFFIXES)
            files.extend(sorted(found))
        else:
            files.append(path)
    return list(dict.fromkeys(files))


def prepare(path: Path, base: str, ingested_at: datetime) -> _Prepared:
    """Parse one file into a payload; runs in worker processes, so it never raises for bad input."""
    from ingest import read_file  # the parser is heavy: load it where it runs

    try:
        doc = read_file(path)
        payload = payload_of(doc, base, ingested_at)
    except GovkgError as error:
        return _Prepared(path, None, 0, _one_line(error))
    except Exception as error:  # a parser bug on one file must not stop the others
        return _Prepared(path, None, 0, f"{type(error).__name__}: {_one_line(error)}")
    return _Prepared(path, payload, len(doc.tasks), None)


def payload_of(doc: Document, base: str, ingested_at: datetime) -> NoticePayload:
    """Everything a store writes for one parsed notice, computed where it was parsed: its
    statements (also as N-Quads for a bulk loader), its summary counts and its index entries."""
    triples = notice_ntriples(doc, base=base, ingested_at=ingested_at)
    sha256, version = doc.source.sha256.lower(), parser_version()
    totals = summary.of_counts(coordination_counts(doc), lambda agency: str(agency_iri(base, agency)))
    graph, registry = str(triples.graph), str(triples.registry)
    quads = bulk_nquads(graph, triples.own)
    return NoticePayload(
        graph, triples.own, sha256, version, triples.shared, registry, totals, quads, entries_of(doc, base)
    )


def ingest_paths(
    store: Store,
    paths: Iterable[Path],
    *,
    base: str | None = None,
    jobs: int = 1,
    batch: int = 64,
    on_start: Callable[[int], None] | None = None,
    on_result: Callable[[FileResult], None] | None = None,
) -> LoadReport:
    """Store every notice under ``paths``; ``jobs`` > 1 parses on that many processes.

    ``on_start`` receives the number of files, ``on_result`` each file's outcome as it is
    known (a progress bar hooks in there).
    """
    base = absolute_base(base)
    files = notice_files(paths)
    if on_start is not None:
        on_start(len(files))
    report = LoadReport()
    writer = _Writer(store, report, on_result, batch)
    stored = store.notices()  # one listing serves the summary check and the skip check
    store.ensure_summary(stored)
    known = _stored_fingerprints(stored, base)
    todo: list[Path] = []
    for path in files:
        if _file_fingerprint(path) in known:
            writer.emit(FileResult(path, note="unchanged: same bytes and parser version already stored"))
        else:
            todo.append(path)
    ingested_at = datetime.now(UTC)
    with store.summary_deferred():
        for prepared in _prepare_all(todo, base, ingested_at, jobs, ahead=writer.batch):
            writer.add(prepared)
        writer.flush()
    store.flush_index()
    return report


class _Writer:
    """Collects prepared notices and writes them a batch at a time, reporting each file."""

    def __init__(
        self, store: Store, report: LoadReport, on_result: Callable[[FileResult], None] | None, batch: int
    ) -> None:
        self.store, self.report, self.on_result = store, report, on_result
        self.batch = max(1, batch)
        self.pending: list[_Prepared] = []
        self.seen: dict[str, Path] = {}

    def emit(self, result: FileResult) -> None:
        self.report.results.append(result)
        if self.on_result is not None:
            self.on_result(result)

    def add(self, prepared: _Prepared) -> None:
        if prepared.payload is None:
            self.emit(FileResult(prepared.path, error=prepared.error))
            return
        self.pending.append(prepared)
        if len(self.pending) >= self.batch:
            self.flush()

    def flush(self) -> None:
        pending, self.pending = self.pending, []
        payloads = [p.payload for p in pending if p.payload is not None]
        if not payloads:
            return
        try:
            written = self.store.replace_notices(payloads)
        except GovkgError as error:
            for prepared in pending:
                self.emit(FileResult(prepared.path, error=_one_line(error)))
            return
        for prepared, payload, fresh in zip(pending, payloads, written, strict=True):
            other = self.seen.setdefault(payload.graph_iri, prepared.path)
            note = None if other == prepared.path else f"same notice as {other}; this file's graph is kept"
            self.emit(FileResult(prepared.path, payload.graph_iri, fresh, prepared.tasks, note=note))


def _prepare_all(
    files: list[Path], base: str, ingested_at: datetime, jobs: int, ahead: int = 0
) -> Iterator[_Prepared]:
    """Parsed files, as they are done; ``ahead`` more files are kept in flight (the writer's batch)."""
    if jobs <= 0:
        jobs = os.cpu_count() or 1
    if jobs == 1 or len(files) <= 1:
        for path in files:
            yield prepare(path, base, ingested_at)
        return
    # forkserver: workers start from a clean process, not a fork of one holding an open store
    context = multiprocessing.get_context("forkserver")
    workers = min(jobs, len(files))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker) as pool:
        waiting = iter(files)
        running: set[Future[_Prepared]] = set()
        while True:
            # the workers parse the next batch while this one is written, and no further
            for path in itertools.islice(waiting, max(0, _IN_FLIGHT * workers + ahead - len(running))):
                running.add(pool.submit(prepare, path, base, ingested_at))
            if not running:
                return
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()


def _start_worker() -> None:
    """Yield to the writing process, load the parser once, keep its modules out of later collections."""
    import gc

    os.nice(_PARSE_NICENESS)
    import ingest  # noqa: F401  (the import is the work)

    gc.freeze()


def _stored_fingerprints(records: list[NoticeRecord], base: str) -> set[tuple[str, str]]:
    """(sha256, parser version) of the notices stored under this base IRI."""
    return {
        (record.sha256, record.parser_version)
        for record in records
        if record.sha256 is not None and str(record.graph).startswith(base)
    }


def _file_fingerprint(path: Path) -> tuple[str, str] | None:
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
    return digest, parser_version()


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__
