"""Every task's place, text and agencies, and every citation, in an SQLite file beside the store.

Phrase search and an agency's task list need every task of the store in document order:
read from the graph per request, or cached per store version in every query worker, that
costs tens of seconds and hundreds of megabytes at ten thousand notices. The index holds
them once, on disk, written at ingest from the parsed notices (as the summary graph is).
It also holds what a page of either answer shows (item heading, notice number, each
assignment's words and span), so a page is read from the index alone: described from the
graph, its few hundred scattered lookups cost tens of milliseconds on an on-disk store. The
citation listing (which notices cite a document number, where) reads its occurrences here too:
from the graph, at ten thousand notices, it took over a second. Per notice, it also keeps each
agency's task and item counts by role, and each cited document's citing items: an agency's or a
document's detail sums a few rows per notice instead of counting every assignment or occurrence.

The store stays the truth. The index records each notice graph's fingerprint (source
sha256 and parser version); :meth:`TaskIndex.sync` compares them with the store's and
reads only the notices that differ, so an index left behind by a stopped write, another
writer, or a store filled by other means catches up on its next read.

Substrings of three characters or more are phrase queries of an FTS5 trigram index; shorter
ones scan the texts, still far fewer bytes than the graph. Search pages come in document order
by walking an index of (notice, item number, task number) for the hits; an agency's pairs and
a number's citations are kept under indexes in that order, so their pages are ranges. The file
is about a sixth of the store's size and costs the writer about 15 ms a notice, on its own
thread.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import weakref
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import astuple, dataclass, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from graph import iris
from graph.coordination_counts import ROLE_ORDER
from graph.rdf import ROLE_IRIS
from graph.selectable import integer, text
from ingest.errors import GovkgError
from ingest.model import Document, Role
from ontology.script import document_number_key

if TYPE_CHECKING:
    from graph.store import Store
    from graph.stores.terms import Row

__all__ = [
    "IndexedAssignment",
    "IndexedCitation",
    "IndexedTask",
    "NoticeEntries",
    "TaskIndex",
    "TaskIndexError",
    "current_index",
    "entries_of",
    "index_of",
    "index_path",
    "tasks_of",
]

_SCHEMA_VERSION = "5"


class TaskIndexError(GovkgError):
    """The task index file cannot be read or written (the store itself is unaffected)."""

    code = "E027"


class IndexedAssignment(NamedTuple):
    """An agency in a role on a task, with the words naming it and their span in the notice.

    A named tuple, not a dataclass: a notice has a few hundred, made in the parsing processes.
    """

    agency: str
    role: Role
    surface: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class IndexedTask:
    """One task as the index holds it; ``agencies`` hold each (agency, role) once, the assignment
    written first in the notice where a parenthetical names an agency twice in one role."""

    task: str
    notice: str
    item: str
    item_number: int
    task_number: int
    text: str
    agencies: tuple[IndexedAssignment, ...] = ()
    item_label: str | None = None
    item_title: str | None = None
    notice_number: str | None = None


@dataclass(frozen=True, slots=True)
class IndexedCitation:
    """One citation occurrence: the cited document (its number key, ``None`` when cited by title
    alone) and where the citing notice has it."""

    occurrence: str
    document: str
    key: str | None
    notice: str
    notice_number: str | None
    notice_title: str | None
    item: str | None
    item_number: int | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class NoticeEntries:
    """What the index holds of one notice."""

    tasks: tuple[IndexedTask, ...] = ()
    citations: tuple[IndexedCitation, ...] = ()


def entries_of(doc: Document, base: str) -> NoticeEntries:
    """The index entries of a parsed notice: the IRIs and values :mod:`graph.rdf` writes for it."""
    return NoticeEntries(tasks_of(doc, base), citations_of(doc, base))


def citations_of(doc: Document, base: str) -> tuple[IndexedCitation, ...]:
    """The notice's citation occurrences, numbered as :mod:`graph.rdf` numbers them."""
    notice = iris.notice_iri(doc, base)
    header = doc.header
    number = document_number_key(header.doc_number) if header.doc_number else None
    found = []
    for n, citation in enumerate(doc.citations, start=1):
        if not (citation.doc_number or citation.title):
            continue
        item = None if citation.item is None else str(iris.item_iri(notice, citation.item))
        found.append(
            IndexedCitation(
                str(iris.citation_iri(notice, n)),
                str(iris.document_iri(base, number=citation.doc_number, title=citation.title)),
                document_number_key(citation.doc_number) if citation.doc_number else None,
                str(notice),
                number,
                header.title or None,
                item,
                citation.item,
                *citation.span,
            )
        )
    return tuple(found)


def tasks_of(doc: Document, base: str) -> tuple[IndexedTask, ...]:
    """The index entries of a parsed notice: the IRIs and values :mod:`graph.rdf` writes for it."""
    notice = iris.notice_iri(doc, base)
    number = document_number_key(doc.header.doc_number) if doc.header.doc_number else None
    found = []
    for item in doc.items:
        item_iri = str(iris.item_iri(notice, item.number))
        for task in item.tasks:
            agencies: dict[tuple[str, Role], IndexedAssignment] = {}
            for a in sorted(task.assignments, key=lambda a: a.span[0]):  # text order; stable
                iri = str(iris.agency_iri(base, a.agency.id))
                agencies.setdefault((iri, a.role), IndexedAssignment(iri, a.role, a.surface, *a.span))
            found.append(
                IndexedTask(
                    str(iris.task_iri(notice, item.number, task.number)),
                    str(notice),
                    item_iri,
                    item.number,
                    task.number,
                    task.text,
                    tuple(agencies.values()),
                    item.label,
                    item.title,
                    number,
                )
            )
    return tuple(found)


def fingerprint(sha256: str | None, parser_version: str) -> str:
    """What the index records of a stored notice to tell whether it changed."""
    return f"{sha256 or ''}\t{parser_version}"


class TaskIndex:
    """The SQLite index at ``path`` (``":memory:"`` for one held by this process only)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=120, check_same_thread=False, isolation_level=None)
        self._lock = threading.RLock()
        self._executor: ThreadPoolExecutor | None = None
        self._pending: Future[None] | None = None
        self.synced_version: object = None
        with self._lock:
            if self.path != ":memory:":
                self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._create()

    def _create(self) -> None:
        """The tables, made anew when the file holds another schema version's (executescript commits),
        unless a script in ``_MIGRATIONS`` brings that version up in place: reading every notice
        back from the store takes a quarter of an hour at ten thousand notices, the script seconds.

        The version is read before any statement of this schema runs: an older file's tables
        lack columns this schema's indexes name.
        """
        schema = self._schema()
        if schema not in (None, _SCHEMA_VERSION, *_MIGRATIONS):
            self._db.executescript(_DROP)
        self._db.executescript(_DDL)
        if schema in _MIGRATIONS:
            self._db.executescript(_MIGRATIONS[schema])
        self._db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (_SCHEMA_VERSION,))

    def _schema(self) -> str | None:
        """The schema version the file holds; ``None`` for a new file."""
        try:
            row = self._db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.OperationalError:  # no meta table: nothing written yet
            return None
        return None if row is None else str(row[0])

    def close(self) -> None:
        with suppress(TaskIndexError):  # a write that failed here is read back by the next reader
            self.wait()
        if self._executor is not None:
            self._executor.shutdown()
        with self._lock:
            self._db.close()

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; other processes wait for it (``timeout``), readers see it whole."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # -- writes --------------------------------------------------------------------------
    def put(self, notices: Iterable[tuple[str, str, NoticeEntries]]) -> None:
        """Record each (graph, fingerprint, entries), replacing what the index held for that graph."""
        with self._writing() as db:
            for graph, stamp, entries in notices:
                _drop(db, graph)
                db.execute("INSERT INTO notice (graph, fingerprint) VALUES (?, ?)", (graph, stamp))
                (last,) = db.execute("SELECT coalesce(max(id), 0) FROM task").fetchone()
                rows = [(last + n, graph, t) for n, t in enumerate(entries.tasks, start=1)]
                db.executemany(
                    "INSERT INTO task (id, iri, graph, notice, item, item_number, task_number, text,"
                    " item_label, item_title, notice_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (i, t.task, g, t.notice, t.item, t.item_number, t.task_number, t.text, *_heading(t))
                        for i, g, t in rows
                    ],
                )
                db.executemany(
                    "INSERT OR IGNORE INTO assignment (task, agency, role, surface, start, end, notice,"
                    " item_number, task_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (i, a.agency, ROLE_ORDER.index(a.role), a.surface, a.start, a.end, *_place(t))
                        for i, _, t in rows
                        for a in t.agencies
                    ],
                )
                # one statement for the notice's texts: the full-text index takes rows in bulk far faster
                db.execute(
                    "INSERT INTO task_text (rowid, text) SELECT id, text FROM task WHERE id > ?", (last,)
                )
                db.execute(_LOAD_OF_NEW_TASKS, (graph, last))
                db.executemany(
                    f"INSERT OR REPLACE INTO citation (graph, {_CITATION_FIELDS})"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(graph, *astuple(c)) for c in entries.citations],
                )
                db.execute(_CITERS_OF_GRAPH, (graph, graph))

    def put_later(self, notices: Iterable[tuple[str, str, NoticeEntries]]) -> None:
        """:meth:`put` on the index's own thread, so a writer's next batch overlaps it (SQLite and the
        store's loader both work outside the GIL); one batch waits at most. Errors surface here or in
        :meth:`wait`."""
        entries = list(notices)
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="govkg-task-index")
        try:
            self.wait()
        finally:
            self._pending = self._executor.submit(self.put, entries)

    def wait(self) -> None:
        """Wait for the write :meth:`put_later` queued, raising what it raised."""
        pending, self._pending = self._pending, None
        if pending is not None:
            try:
                pending.result()
            except sqlite3.Error as error:
                raise TaskIndexError(f"E027: task index {self.path}: {error}") from error

    def drop(self, graphs: Iterable[str]) -> None:
        with self._writing() as db:
            for graph in graphs:
                _drop(db, graph)

    def sync(self, store: Store) -> tuple[int, int]:
        """Bring the index to the store's notices; (notices read from the store, notices dropped)."""
        stored = {str(r.graph): fingerprint(r.sha256, r.parser_version) for r in store.notices()}
        with self._lock:
            known = dict(self._db.execute("SELECT graph, fingerprint FROM notice").fetchall())
        gone = [graph for graph in known if graph not in stored]
        stale = [graph for graph, stamp in stored.items() if known.get(graph) != stamp]
        if gone:
            self.drop(gone)
        for start in range(0, len(stale), _READ_BATCH):
            chunk = stale[start : start + _READ_BATCH]
            tasks, citations = _read_tasks(store, chunk), _read_citations(store, chunk)
            self.put(
                (graph, stored[graph], NoticeEntries(tuple(tasks.get(graph, ())), citations.get(graph, ())))
                for graph in chunk
            )
        return len(stale), len(gone)

    # -- reads ---------------------------------------------------------------------------
    def notices(self) -> dict[str, str]:
        """Graph IRI -> fingerprint of every notice the index holds."""
        with self._lock:
            return dict(self._db.execute("SELECT graph, fingerprint FROM notice").fetchall())

    def search(
        self, spellings: Sequence[str], offset: int = 0, limit: int | None = None
    ) -> tuple[int, list[IndexedTask]]:
        """How many tasks hold any of ``spellings``, and those from ``offset`` on, in document order."""
        wanted = [s for s in dict.fromkeys(spellings) if s]
        if not wanted:
            return 0, []
        with self._lock:
            if all(_phrase_searchable(s) for s in wanted):
                # count and page in SQLite: the hits never cross into Python (92,000 of them for
                # 电子商务 in either script at 10,000 notices)
                match = " OR ".join(_phrase(s) for s in wanted)
                (total,) = self._db.execute(f"SELECT count(*) FROM ({_MATCHED})", (match,)).fetchone()
                chosen = self._in_order(_MATCHED, match, offset, limit) if total else []
            else:
                hits = self._scanned(wanted)
                total = len(hits)
                chosen = self._in_order(_LISTED, json.dumps(sorted(hits)), offset, limit) if hits else []
            return total, self._tasks(chosen)

    def _scanned(self, spellings: list[str]) -> set[int]:
        """Ids of the tasks whose text holds a spelling, when one of them is a phrase the trigram
        index cannot take (under three characters, or holding a NUL): that one scans the texts."""
        found: set[int] = set()
        for spelling in spellings:
            if _phrase_searchable(spelling):
                found.update(i for (i,) in self._db.execute(_MATCHED, (_phrase(spelling),)))
            else:
                rows = self._db.execute("SELECT id, text FROM task WHERE instr(text, ?) > 0", (spelling,))
                found.update(i for i, value in rows if spelling in value)
        return found

    def _in_order(self, ids: str, argument: str, offset: int, limit: int | None) -> list[int]:
        """The ids the query ``ids`` selects, from ``offset`` on, in document order: the order index
        is walked, never the rows."""
        rows = self._db.execute(
            f"SELECT id FROM task INDEXED BY task_order WHERE id IN ({ids})"
            " ORDER BY notice, item_number, task_number LIMIT ? OFFSET ?",
            (argument, -1 if limit is None else limit, offset),
        )
        return [i for (i,) in rows]

    def _tasks(self, ids: list[int]) -> list[IndexedTask]:
        """The tasks with ``ids``, in that order, with their assignments."""
        found: dict[int, IndexedTask] = {}
        held: dict[int, list[IndexedAssignment]] = {}
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            marks = ",".join("?" * len(part))
            for row in self._db.execute(f"{_TASK_COLUMNS}, id FROM task WHERE id IN ({marks})", part):
                found[row[-1]] = _task(row[:-1])
            assigned = (
                f"SELECT task, agency, role, surface, start, end FROM assignment WHERE task IN ({marks})"
            )
            for task, *assignment in self._db.execute(assigned, part):
                held.setdefault(task, []).append(_assignment(assignment))
        return [replace(found[i], agencies=_in_text_order(held.get(i, []))) for i in ids]

    def citing(
        self, key: str, offset: int = 0, limit: int | None = None
    ) -> tuple[int, list[IndexedCitation]]:
        """How many occurrences cite the document numbered ``key`` (a number key), and those from
        ``offset`` on, by citing notice and then place in its text."""
        with self._lock:
            (total,) = self._db.execute("SELECT count(*) FROM citation WHERE key = ?", (key,)).fetchone()
            rows = self._db.execute(
                f"SELECT {_CITATION_FIELDS} FROM citation INDEXED BY citation_order WHERE key = ?"
                " ORDER BY notice, start, occurrence LIMIT ? OFFSET ?",
                (key, -1 if limit is None else limit, offset),
            ).fetchall()
        return int(total), [_citation(row) for row in rows]

    def cited_by(self, document: str) -> tuple[int, int]:
        """How many notices and how many items cite ``document``, as the graph's ``eli:cites``
        statements name them (a notice citing itself is left out): one range of a table of
        (document, citing notice, its citing items), written with each notice."""
        with self._lock:
            (notices, items) = self._db.execute(
                "SELECT count(*), coalesce(sum(items), 0) FROM citer WHERE document = ?", (document,)
            ).fetchone()
        return int(notices), int(items)

    def citing_notices(
        self, document: str, offset: int = 0, limit: int | None = None
    ) -> tuple[int, list[str]]:
        """How many notices cite ``document``, and their IRIs from ``offset`` on, in IRI order."""
        with self._lock:
            total, _ = self.cited_by(document)
            rows = self._db.execute(
                "SELECT notice FROM citer WHERE document = ? ORDER BY notice LIMIT ? OFFSET ?",
                (document, -1 if limit is None else limit, offset),
            ).fetchall()
        return total, [notice for (notice,) in rows]

    def agency_page(
        self, agency: str, roles: Iterable[Role], offset: int = 0, limit: int | None = None
    ) -> tuple[int, list[tuple[IndexedTask, Role]]]:
        """How many (task, role) pairs ``agency`` has in ``roles``, and those from ``offset`` on,
        ordered by notice, item number, task number and role."""
        codes = sorted({ROLE_ORDER.index(role) for role in roles})
        marks = ",".join("?" * len(codes))
        with self._lock:
            (total,) = self._db.execute(
                f"SELECT count(*) FROM assignment WHERE agency = ? AND role IN ({marks})", (agency, *codes)
            ).fetchone()
            # the agency's pairs are kept in document order (assignment_order): a page is a range
            pairs = self._db.execute(
                "SELECT task, role FROM assignment INDEXED BY assignment_order"
                f" WHERE agency = ? AND role IN ({marks})"
                " ORDER BY notice, item_number, task_number, role LIMIT ? OFFSET ?",
                (agency, *codes, -1 if limit is None else limit, offset),
            ).fetchall()
            ids = list(dict.fromkeys(i for i, _ in pairs))
            by_id = dict(zip(ids, self._tasks(ids), strict=True))
        return int(total), [(by_id[i], ROLE_ORDER[r]) for i, r in pairs]

    def role_counts(self, agency: str) -> dict[Role, tuple[int, int]]:
        """Per role, how many tasks ``agency`` has and in how many items: the sum of its counts per
        notice, kept at write time. Counted from its assignments instead, a busy agency's 150,000
        at ten thousand notices took 0.2 to 0.3 s (the distinct items, mostly)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT role, sum(tasks), sum(items) FROM agency_load WHERE agency = ? GROUP BY role",
                (agency,),
            ).fetchall()
        return {ROLE_ORDER[role]: (int(tasks), int(items)) for role, tasks, items in rows}


_READ_BATCH = 200
_CITATION_FIELDS = (
    "occurrence, document, key, notice, notice_number, notice_title, item, item_number, start, end"
)
_TASK_COLUMNS = (
    "SELECT iri, notice, item, item_number, task_number, text, item_label, item_title, notice_number"
)


def _task(row: Sequence[object]) -> IndexedTask:
    task, notice, item, item_number, task_number, value, label, title, number = row
    return IndexedTask(
        str(task),
        str(notice),
        str(item),
        int(str(item_number)),
        int(str(task_number)),
        str(value),
        item_label=_optional(label),
        item_title=_optional(title),
        notice_number=_optional(number),
    )


def _assignment(row: Sequence[object]) -> IndexedAssignment:
    agency, role, surface, start, end = row
    return IndexedAssignment(
        str(agency),
        ROLE_ORDER[int(str(role))],
        _optional(surface),
        _number(start),
        _number(end),
    )


def _place(task: IndexedTask) -> tuple[str, int, int]:
    return task.notice, task.item_number, task.task_number


def _heading(task: IndexedTask) -> tuple[str | None, str | None, str | None]:
    return task.item_label, task.item_title, task.notice_number


def _citation(row: Sequence[object]) -> IndexedCitation:
    occurrence, document, key, notice, number, title, item, item_number, start, end = row
    return IndexedCitation(
        str(occurrence),
        str(document),
        _optional(key),
        str(notice),
        _optional(number),
        _optional(title),
        _optional(item),
        _number(item_number),
        int(str(start)),
        int(str(end)),
    )


def _optional(value: object) -> str | None:
    return None if value is None else str(value)


def _in_text_order(assignments: Iterable[IndexedAssignment]) -> tuple[IndexedAssignment, ...]:
    """Assignments as the notice writes them (those without a span last, by agency and role)."""
    return tuple(
        sorted(assignments, key=lambda a: (a.start is None, a.start or 0, a.agency, ROLE_ORDER.index(a.role)))
    )


def _drop(db: sqlite3.Connection, graph: str) -> None:
    db.execute(
        "INSERT INTO task_text (task_text, rowid, text) SELECT 'delete', id, text FROM task WHERE graph = ?",
        (graph,),
    )
    db.execute("DELETE FROM assignment WHERE task IN (SELECT id FROM task WHERE graph = ?)", (graph,))
    db.execute("DELETE FROM task WHERE graph = ?", (graph,))
    db.execute("DELETE FROM citation WHERE graph = ?", (graph,))
    db.execute("DELETE FROM agency_load WHERE graph = ?", (graph,))
    db.execute("DELETE FROM citer WHERE graph = ?", (graph,))
    db.execute("DELETE FROM notice WHERE graph = ?", (graph,))


#: Task ids whose text matches an FTS5 query; the ids listed in a JSON array.
_MATCHED = "SELECT rowid FROM task_text WHERE task_text MATCH ?"
_LISTED = "SELECT value FROM json_each(?)"


def _phrase_searchable(spelling: str) -> bool:
    """Whether the trigram index can look ``spelling`` up (it cannot take under three characters)."""
    return len(spelling) >= 3 and "\x00" not in spelling


def _phrase(spelling: str) -> str:
    """``spelling`` as an FTS5 phrase, its quotes doubled."""
    return '"' + spelling.replace('"', '""') + '"'


_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS notice (graph TEXT PRIMARY KEY, fingerprint TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS task (
  id INTEGER PRIMARY KEY, iri TEXT NOT NULL, graph TEXT NOT NULL, notice TEXT NOT NULL, item TEXT NOT NULL,
  item_number INTEGER NOT NULL, task_number INTEGER NOT NULL, text TEXT NOT NULL,
  item_label TEXT, item_title TEXT, notice_number TEXT);
CREATE INDEX IF NOT EXISTS task_graph ON task (graph);
CREATE INDEX IF NOT EXISTS task_order ON task (notice, item_number, task_number);
CREATE TABLE IF NOT EXISTS assignment (
  task INTEGER NOT NULL, agency TEXT NOT NULL, role INTEGER NOT NULL,
  surface TEXT, start INTEGER, end INTEGER,
  notice TEXT NOT NULL, item_number INTEGER NOT NULL, task_number INTEGER NOT NULL,
  PRIMARY KEY (agency, role, task)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS assignment_task ON assignment (task);
CREATE INDEX IF NOT EXISTS assignment_order ON assignment (agency, notice, item_number, task_number, role);
CREATE TABLE IF NOT EXISTS citation (
  occurrence TEXT PRIMARY KEY, graph TEXT NOT NULL, document TEXT NOT NULL, key TEXT, notice TEXT NOT NULL,
  notice_number TEXT, notice_title TEXT, item TEXT, item_number INTEGER, start INTEGER NOT NULL,
  end INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS citation_graph ON citation (graph);
CREATE INDEX IF NOT EXISTS citation_order ON citation (key, notice, start, occurrence);
CREATE VIRTUAL TABLE IF NOT EXISTS task_text USING fts5 (
  text, content='task', content_rowid='id', tokenize='trigram case_sensitive 1');
CREATE TABLE IF NOT EXISTS agency_load (
  agency TEXT NOT NULL, role INTEGER NOT NULL, graph TEXT NOT NULL, tasks INTEGER NOT NULL,
  items INTEGER NOT NULL, PRIMARY KEY (agency, role, graph)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS agency_load_graph ON agency_load (graph);
CREATE TABLE IF NOT EXISTS citer (
  document TEXT NOT NULL, notice TEXT NOT NULL, graph TEXT NOT NULL, items INTEGER NOT NULL,
  PRIMARY KEY (document, notice)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS citer_graph ON citer (graph);
"""
#: Per agency and role, the tasks and items of one notice (a graph holds one notice, whose items
#: are told apart by number): what the notice's assignments, just written, add up to.
_LOAD_OF_NEW_TASKS = """INSERT INTO agency_load (agency, role, graph, tasks, items)
SELECT agency, role, ?, count(*), count(DISTINCT item_number) FROM assignment WHERE task > ?
GROUP BY agency, role"""
#: Per document one notice cites (itself left out, as the graph leaves out its ``eli:cites``),
#: how many of the notice's items cite it.
_CITERS_OF_GRAPH = """INSERT INTO citer (document, notice, graph, items)
SELECT document, notice, ?, count(DISTINCT item) FROM citation WHERE graph = ? AND notice != document
GROUP BY document, notice"""
#: Schema 4 lacked ``agency_load`` and ``citer``: every notice's rows from what the file holds.
_FROM_4 = """BEGIN;
INSERT INTO agency_load (agency, role, graph, tasks, items)
SELECT a.agency, a.role, t.graph, count(*), count(DISTINCT a.item_number)
FROM assignment a JOIN task t ON t.id = a.task GROUP BY a.agency, a.role, t.graph;
INSERT INTO citer (document, notice, graph, items)
SELECT document, notice, graph, count(DISTINCT item) FROM citation WHERE notice != document
GROUP BY document, notice;
UPDATE meta SET value = '5' WHERE key = 'schema';
COMMIT;
"""
#: Scripts that bring a file of an older schema to this one in place; others are made anew.
_MIGRATIONS = {"4": _FROM_4}
_DROP = """
DROP TABLE IF EXISTS task_text; DROP TABLE IF EXISTS assignment; DROP TABLE IF EXISTS task;
DROP TABLE IF EXISTS citation; DROP TABLE IF EXISTS agency_load; DROP TABLE IF EXISTS citer;
DROP TABLE IF EXISTS notice; DROP TABLE IF EXISTS meta;
"""


def _read_tasks(store: Store, graphs: list[str]) -> dict[str, list[IndexedTask]]:
    """The tasks of ``graphs`` as stored: two flat queries per graph, each from that graph."""
    tasks: dict[str, IndexedTask] = {}
    graph_of: dict[str, str] = {}
    for graph, row in _rows(store, "tasks", graphs):
        task, item, value = text(row.get("task")), text(row.get("item")), text(row.get("text"))
        if task and item and value is not None:
            numbers = integer(row.get("itemNumber")), integer(row.get("taskNumber"))
            tasks[task] = IndexedTask(
                task,
                graph.removesuffix("/graph"),
                item,
                numbers[0],
                numbers[1],
                value,
                item_label=text(row.get("itemLabel")),
                item_title=text(row.get("itemTitle")),
                notice_number=text(row.get("noticeNumber")),
            )
            graph_of[task] = graph
    agencies: dict[str, dict[tuple[str, Role], IndexedAssignment]] = {}
    for _, row in _rows(store, "assignments", graphs):
        task, agency = text(row.get("task")), text(row.get("agency"))
        role = _ROLE_OF.get(text(row.get("role")) or "")
        if task in tasks and agency and role:
            start, end = _number(row.get("start")), _number(row.get("end"))
            assignment = IndexedAssignment(agency, role, text(row.get("surface")), start, end)
            held = agencies.setdefault(task, {})
            kept = held.get((agency, role))
            if kept is None or (start is not None and (kept.start is None or start < kept.start)):
                held[agency, role] = assignment
    found_tasks: dict[str, list[IndexedTask]] = {}
    for task, entry in tasks.items():  # ids need no order: pages are ordered by the order index
        assigned = _in_text_order(agencies.get(task, {}).values())
        found_tasks.setdefault(graph_of[task], []).append(replace(entry, agencies=assigned))
    return found_tasks


def _read_citations(store: Store, graphs: list[str]) -> dict[str, tuple[IndexedCitation, ...]]:
    """The citation occurrences of ``graphs`` as stored (the cited number from wherever the
    cited document is described: the registry graph, or the notice's own when it cites itself)."""
    found: dict[str, dict[str, IndexedCitation]] = {}
    for graph, row in _rows(store, "citations", graphs):
        occurrence, document = text(row.get("occurrence")), text(row.get("document"))
        notice, start, end = text(row.get("notice")), _number(row.get("start")), _number(row.get("end"))
        if not (occurrence and document and notice) or start is None or end is None:
            continue
        entry = IndexedCitation(
            occurrence,
            document,
            text(row.get("key")),
            notice,
            text(row.get("noticeNumber")),
            text(row.get("noticeTitle")),
            text(row.get("item")),
            _number(row.get("itemNumber")),
            start,
            end,
        )
        held = found.setdefault(graph, {})
        if occurrence not in held or _order(entry) < _order(held[occurrence]):
            held[occurrence] = entry  # one row per occurrence, the same whatever order rows come in
    return {graph: tuple(held.values()) for graph, held in found.items()}


def _number(value: object) -> int | None:
    """An integer row or column value, ``None`` when unbound (``selectable.integer`` reads unbound as 0)."""
    return None if text(value) is None else integer(value)


def _order(entry: IndexedCitation) -> tuple[str, ...]:
    return tuple("" if value is None else str(value) for value in astuple(entry))


_ROLE_OF = {str(iri): role for role, iri in ROLE_IRIS.items()}


def _rows(store: Store, name: str, graphs: list[str]) -> Iterator[tuple[str, Row]]:
    """The rows of the read-back query ``name`` for each graph, one query per graph.

    The graph is a constant in each query: named through ``VALUES ?g``, the engine reads the
    pattern in every graph of the store and keeps the given ones, so a catch-up of all notices
    would cost the square of their number.
    """
    template = resources.files("graph").joinpath("index_queries", f"{name}.rq").read_text(encoding="utf-8")
    for graph in graphs:
        for row in store.select(template.replace("#graph", f"<{graph}>")):
            yield graph, row


# -- one index per store ------------------------------------------------------------------
def index_path(store: Store) -> str:
    """Where ``store``'s index lives: beside an on-disk store, in the user's cache for a server
    store (one file per endpoint), in memory for a store held in memory."""
    from graph.store import Backend

    location = store.location
    if location.backend is Backend.OXIGRAPH and location.target:
        return str(Path(location.target).resolve()) + ".tasks.sqlite"
    if location.backend is Backend.SPARQL_HTTP:
        cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "govkg"
        return str(cache / f"tasks-{hashlib.sha256(location.target.encode()).hexdigest()[:16]}.sqlite")
    return ":memory:"


_INDEXES: weakref.WeakKeyDictionary[object, TaskIndex] = weakref.WeakKeyDictionary()
_OPENING = threading.Lock()


def index_of(store: Store) -> TaskIndex:
    """The index of ``store`` (opened once per store object), not synced."""
    with _OPENING:
        index = _INDEXES.get(store)
        if index is None:
            index = _INDEXES[store] = TaskIndex(index_path(store))
            weakref.finalize(store, index.close)
        return index


def current_index(store: Store) -> TaskIndex:
    """The index of ``store``, synced with it if the store changed since this process last looked."""
    index = index_of(store)
    index.wait()
    version = store.version()
    if index.synced_version != version:
        try:
            index.sync(store)
        except sqlite3.Error as error:
            raise TaskIndexError(f"E027: task index {index.path}: {error}") from error
        index.synced_version = version
    return index
