"""The task index: written at ingest, equal to what the store holds, and caught up by sync."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.agency_tasks import AgencyTask, agency_task_page
from graph.coordination_counts import ROLE_ORDER
from graph.iris import default_base
from graph.load import ingest_paths, payload_of
from graph.rdf import ROLE_IRIS
from graph.selectable import integer, text
from graph.store import Store, open_store
from graph.task_index import (
    NoticeEntries,
    TaskIndex,
    current_index,
    index_of,
    index_path,
)
from ingest.model import Citation, Role
from ingest.parse import parse
from ingest.script import to_simplified
from ontology import ROLE_SHORTCUTS

GOVKG = "https://w3id.org/govkg/ontology#"
#: The role each task -> agency shortcut property (written beside every assignment) stands for.
ROLE_OF_SHORTCUT = {str(ROLE_SHORTCUTS[node]): role for role, node in ROLE_IRIS.items()}
ELI = "http://data.europa.eu/eli/ontology#"


def _copies(folder: Path, sample_text: str) -> list[Path]:
    """The sample, a Simplified copy under another number, and a copy missing its last item."""
    simplified = to_simplified(sample_text).replace("琼府办〔2017〕89号", "琼府办〔2017〕90号")
    shorter = sample_text.replace("瓊府辦〔2017〕89號", "瓊府辦〔2017〕91號")
    shorter = shorter[: shorter.rindex("(二十八)")]
    texts = {"sample.txt": sample_text, "simplified.txt": simplified, "shorter.txt": shorter}
    for name, value in texts.items():
        (folder / name).write_text(value, encoding="utf-8")
    return sorted(folder.iterdir())


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, sample_text: str) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("notices")
    with open_store(str(tmp_path_factory.mktemp("store") / "store")) as opened:
        report = ingest_paths(opened, _copies(folder, sample_text), jobs=1)
        assert not report.failed and len(report.results) == 3
        yield opened


def dump(index: TaskIndex) -> tuple[object, ...]:
    """Everything the index holds, without its row ids."""
    db = index._db
    return (
        sorted(db.execute("SELECT graph, fingerprint FROM notice")),
        sorted(
            db.execute(
                "SELECT iri, graph, notice, item, item_number, task_number, text, item_label, item_title,"
                " notice_number FROM task"
            )
        ),
        sorted(
            db.execute(
                "SELECT t.iri, a.agency, a.role, a.surface, a.start, a.end"
                " FROM assignment a JOIN task t ON t.id = a.task"
            )
        ),
        sorted(db.execute("SELECT * FROM citation")),
        sorted(db.execute("SELECT * FROM agency_load")),
        sorted(db.execute("SELECT * FROM citer")),
    )


def counted_from_assignments(index: TaskIndex) -> dict[str, dict[Role, tuple[int, int]]]:
    """Per agency and role, its tasks and distinct (notice, item number) pairs, counted afresh."""
    counts: dict[str, dict[Role, tuple[int, int]]] = {}
    rows = index._db.execute(
        "SELECT agency, role, count(*), count(DISTINCT notice || char(31) || item_number)"
        " FROM assignment GROUP BY agency, role"
    )
    for agency, role, tasks, items in rows:
        counts.setdefault(agency, {})[ROLE_ORDER[role]] = (tasks, items)
    return counts


def role_counts(index: TaskIndex, agencies: list[str]) -> dict[str, dict[Role, tuple[int, int]]]:
    return {agency: counts for agency in agencies if (counts := index.role_counts(agency))}


def stored_tasks(store: Store) -> list[tuple[str, int, int, str, str]]:
    """(notice, item number, task number, task IRI, text) of every stored task, read from the graph."""
    rows = store.select(
        f"""SELECT ?g ?task ?itemNumber ?taskNumber ?text WHERE {{ GRAPH ?g {{
  ?task a <{GOVKG}Task> ; <{GOVKG}text> ?text ; <{GOVKG}number> ?taskNumber ; <{ELI}is_part_of> ?item .
  ?item <{GOVKG}number> ?itemNumber }} }}"""
    )
    found = [
        (
            str(text(r["g"])).removesuffix("/graph"),
            integer(r["itemNumber"]),
            integer(r["taskNumber"]),
            str(text(r["task"])),
            str(text(r["text"])),
        )
        for r in rows
    ]
    return sorted(found)


def test_ingest_writes_what_a_sync_reads_back_from_the_store(store: Store, tmp_path: Path) -> None:
    written = index_of(store)
    assert Path(written.path) == Path(index_path(store)) and written.path.endswith("store.tasks.sqlite")
    assert len(written.notices()) == 3
    fresh = TaskIndex(tmp_path / "fresh.sqlite")
    assert fresh.sync(store) == (3, 0)
    assert dump(fresh) == dump(written)
    assert fresh.sync(store) == (0, 0)  # nothing changed: nothing read


def test_a_notice_citing_itself_reads_back_as_it_was_written(tmp_path: Path, sample_text: str) -> None:
    """Its citation rows name the notice by the header's title, written or read back."""
    doc = parse(sample_text, source="sample.txt")
    own = Citation(doc.header.doc_number, "另一個標題", 1, (0, 1))
    doc = replace(doc, citations=[*doc.citations, own])
    with open_store(str(tmp_path / "store")) as opened:
        opened.replace_notices([payload_of(doc, default_base(), datetime.now(UTC))])
        opened.flush_index()
        written = index_of(opened)
        fresh = TaskIndex(tmp_path / "fresh.sqlite")
        assert fresh.sync(opened) == (1, 0)
        assert dump(fresh) == dump(written)
        titles = {row[0] for row in written._db.execute("SELECT notice_title FROM citation")}
        assert titles == {doc.header.title}


def test_each_assignment_is_held_with_the_words_that_name_it(store: Store, sample_text: str) -> None:
    sample = "https://w3id.org/govkg/id/doc/琼府办〔2017〕89号"
    total, page = current_index(store).search(["侵權"])
    tasks = [t for t in page if t.notice == sample]
    assert total > len(tasks) > 0 and all(t.agencies for t in tasks)
    for task in tasks:
        assert task.notice_number == "琼府办〔2017〕89号"
        assert task.item_label and task.item_label.startswith("(") and task.item_title
        assert task.item_title in sample_text
        starts = [a.start for a in task.agencies]
        assert starts == sorted(starts)
        for a in task.agencies:
            assert a.start is not None and a.end is not None and sample_text[a.start : a.end] == a.surface


def test_the_index_holds_every_stored_task(store: Store) -> None:
    db = current_index(store)._db
    held = sorted(db.execute("SELECT notice, item_number, task_number, iri, text FROM task"))
    assert held == stored_tasks(store) and len(held) > 100


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_search_finds_what_a_scan_of_the_stored_texts_finds(store: Store, data: st.DataObject) -> None:
    tasks = stored_tasks(store)
    texts = [value for *_, value in tasks]
    source = data.draw(st.sampled_from(texts))
    start = data.draw(st.integers(0, len(source) - 1))
    length = data.draw(st.integers(1, 8))
    phrase = data.draw(st.one_of(st.just(source[start : start + length]), st.text(min_size=1, max_size=4)))
    spellings = list(dict.fromkeys([phrase, to_simplified(phrase)]))
    expected = [task for *_, task, value in tasks if any(s and s in value for s in spellings)]
    total, page = current_index(store).search(spellings)
    assert total == len(expected)
    assert [t.task for t in page] == expected
    offset = data.draw(st.integers(0, max(0, total)))
    total_again, part = current_index(store).search(spellings, offset, 7)
    assert total_again == total and [t.task for t in part] == expected[offset : offset + 7]


def stored_roles(store: Store, agency: str) -> list[tuple[str, int, int, int, str]]:
    """(notice, item number, task number, role order, task IRI) of the agency's stored shortcuts."""
    rows = store.select(
        f"""SELECT ?g ?task ?property ?itemNumber ?taskNumber WHERE {{ GRAPH ?g {{
  ?task ?property <{agency}> ; <{GOVKG}number> ?taskNumber ; <{ELI}is_part_of> ?item .
  ?item <{GOVKG}number> ?itemNumber }} }}"""
    )
    found = set()
    for r in rows:
        role = ROLE_OF_SHORTCUT.get(str(text(r["property"])))
        if role is not None:
            notice = str(text(r["g"])).removesuffix("/graph")
            numbers = integer(r["itemNumber"]), integer(r["taskNumber"])
            found.add((notice, *numbers, ROLE_ORDER.index(role), str(text(r["task"]))))
    return sorted(found)


@pytest.mark.parametrize(
    "slug", ["hainan-public-security", "hainan-ipo", "hainan-high-court", "hainan-anti-counterfeiting-office"]
)
@pytest.mark.parametrize("roles", [(Role.LEAD,), (Role.RESPONSIBLE, Role.COOPERATING), tuple(Role)])
def test_an_agencys_tasks_come_in_document_order_and_pages(
    store: Store, slug: str, roles: tuple[Role, ...]
) -> None:
    agency = f"https://w3id.org/govkg/id/agency/{slug}"
    codes = {ROLE_ORDER.index(role) for role in roles}
    expected = [(task, ROLE_ORDER[code]) for *_, code, task in stored_roles(store, agency) if code in codes]
    index = current_index(store)
    total, whole = index.agency_page(agency, roles)
    assert total == len(expected) and [(t.task, role) for t, role in whole] == expected
    pages = [index.agency_page(agency, roles, offset, 7)[1] for offset in range(0, total, 7)]
    assert [(t.task, role) for page in pages for t, role in page] == expected


def test_sync_catches_up_with_a_store_changed_behind_its_back(tmp_path: Path, sample_text: str) -> None:
    folder = tmp_path / "notices"
    folder.mkdir()
    with open_store(str(tmp_path / "store")) as opened:
        ingest_paths(opened, _copies(folder, sample_text), jobs=1)
        index = current_index(opened)
        before = dump(index)
        graphs = sorted(index.notices())
        index.drop(graphs[:1])  # as if the index had missed a write
        index.put([("https://example.org/id/doc/gone/graph", "x\ty", NoticeEntries())])  # or a removal
        assert index.sync(opened) == (1, 1)
        assert dump(index) == before
        assert opened.remove_notice(graphs[1])
        assert sorted(current_index(opened).notices()) == [graphs[0], graphs[2]]
    with open_store(str(tmp_path / "store")) as reopened:  # the file outlives the process's store object
        assert sorted(index_of(reopened).notices()) == [graphs[0], graphs[2]]


def test_an_agencys_counts_add_up_its_assignments_through_writes_and_removals(
    tmp_path: Path, sample_text: str
) -> None:
    folder = tmp_path / "notices"
    folder.mkdir()
    with open_store(str(tmp_path / "store")) as opened:
        ingest_paths(opened, _copies(folder, sample_text), jobs=1)
        index = current_index(opened)
        agencies = sorted(counted_from_assignments(index))
        full = counted_from_assignments(index)
        assert role_counts(index, agencies) == full
        # items that hold several of an agency's tasks are counted once
        assert any(tasks > items > 1 for roles in full.values() for tasks, items in roles.values())
        graphs = sorted(index.notices())
        assert opened.remove_notice(graphs[0])
        after_removal = counted_from_assignments(index)
        assert after_removal != full
        assert role_counts(index, agencies) == after_removal
        index.sync(opened)
        ingest_paths(opened, [folder / "sample.txt"], jobs=1)  # written again, under the same graph
        assert role_counts(index, agencies) == counted_from_assignments(index) == full


def test_an_index_of_schema_4_gains_its_counts_in_place(store: Store, tmp_path: Path) -> None:
    """Schema 4 had every table but the per-notice agency counts and citers: they are added from
    what the file holds, and no notice is read from the store again."""
    path = tmp_path / "schema4.sqlite"
    index = TaskIndex(path)
    index.sync(store)
    before = dump(index)
    with index._writing() as db:
        db.execute("DROP TABLE agency_load")
        db.execute("DROP TABLE citer")
        db.execute("UPDATE meta SET value = '4' WHERE key = 'schema'")
    index.close()
    migrated = TaskIndex(path)
    assert migrated.notices() == index_of(store).notices()  # kept, not emptied
    assert dump(migrated) == before
    assert migrated._schema() == "5"


def test_an_index_of_another_schema_is_rebuilt(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    old = TaskIndex(path)
    old.sync(store)
    with old._writing() as db:
        db.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
    old.close()
    reopened = TaskIndex(path)
    assert reopened.notices() == {}
    reopened.sync(store)
    assert dump(reopened) == dump(index_of(store))


def test_an_index_that_cannot_be_written_fails_no_store_write(
    tmp_path: Path, sample_text: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import sqlite3

    def broken(self: TaskIndex, notices: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    folder = tmp_path / "notices"
    folder.mkdir()
    with open_store(str(tmp_path / "store")) as opened:
        with monkeypatch.context() as patch:
            patch.setattr(TaskIndex, "put", broken)
            report = ingest_paths(opened, _copies(folder, sample_text), jobs=1, batch=1)
        assert not report.failed and [r.status for r in report.results] == ["written"] * 3
        assert "E027" in caplog.text and index_of(opened).notices() == {}
        assert len(current_index(opened).notices()) == 3  # the next reader reads back what it lacks
        assert current_index(opened).search(["電子商務"])[0] > 0


PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"


def _graph_says(store: Store, task: AgencyTask, agency: str) -> AgencyTask:
    """The page entry as the graph has it: the agency's first assignment in the role, the
    item's heading, the notice's number and the other agencies' zh-Hans names."""
    [row] = store.select(
        f"""SELECT ?surface ?start ?end ?text ?label ?title ?number WHERE {{
  <{task.task}> <{PROV}qualifiedAssociation> ?a ; <{GOVKG}text> ?text ; <{ELI}is_part_of> ?item .
  ?a <{PROV}agent> <{agency}> ; <{PROV}hadRole> <{ROLE_IRIS[task.role]}> ;
     <{GOVKG}surface> ?surface ; <{GOVKG}start> ?start ; <{GOVKG}end> ?end .
  ?item <{GOVKG}label> ?label ; <{DCTERMS}title> ?title .
  OPTIONAL {{ <{task.notice}> <{ELI}id_local> ?number }}
}} ORDER BY ?start LIMIT 1"""
    )
    partners = set()
    for r in store.select(
        f"""SELECT ?property (MIN(STR(?name)) AS ?label) WHERE {{
  <{task.task}> ?property ?other . ?other <{SKOS}prefLabel> ?name
  FILTER (?other != <{agency}> && langMatches(lang(?name), "zh-Hans"))
}} GROUP BY ?property ?other"""
    ):
        role = ROLE_OF_SHORTCUT.get(str(text(r["property"])))
        if role is not None:
            partners.add((str(text(r["label"])), role))
    return replace(
        task,
        notice_number=text(row.get("number")),
        item_label=text(row["label"]),
        item_title=text(row["title"]),
        text=text(row["text"]),
        surface=text(row["surface"]),
        span=(integer(row["start"]), integer(row["end"])),
        partners=tuple(sorted(partners, key=lambda p: (ROLE_ORDER.index(p[1]), p[0]))),
    )


@pytest.mark.parametrize("slug", ["hainan-public-security", "hainan-ipo", "hainan-high-court"])
def test_an_agencys_page_shows_what_the_graph_says(store: Store, slug: str) -> None:
    agency = f"https://w3id.org/govkg/id/agency/{slug}"
    total, page = agency_task_page(store, agency, tuple(Role))
    assert total == len(page) > 0
    assert any(task.partners for task in page) and None not in {t.notice_number for t in page}
    for task in page:
        assert task == _graph_says(store, task, agency)


def test_a_search_page_lists_each_tasks_agencies_as_the_graph_does(store: Store) -> None:
    from api.rest import ROLE_NAMES, search_tasks

    base = "https://w3id.org/govkg/id/"
    page, total = search_tasks(store, base, "電子商務", 0, 100)
    assert total == len(page) > 0
    for hit in page:
        rows = store.select(
            f"""SELECT DISTINCT ?role ?agency ?name WHERE {{
  <{hit["task"]}> <{PROV}qualifiedAssociation> ?a . ?a <{PROV}agent> ?agency ; <{PROV}hadRole> ?role .
  ?agency <{SKOS}prefLabel> ?name FILTER (langMatches(lang(?name), "zh-Hans"))
}} ORDER BY ?role ?agency"""
        )
        expected = [
            {
                "agency_id": str(text(r["agency"])).removeprefix(base + "agency/"),
                "name": text(r["name"]),
                "role": ROLE_NAMES[str(text(r["role"]))],
            }
            for r in rows
        ]
        assert hit["agencies"] == expected and expected


def test_an_index_written_by_an_older_schema_is_rebuilt(store: Store, tmp_path: Path) -> None:
    """Schema 1's tables, as a file left by an earlier govkg holds them: no column of later ones."""
    import sqlite3

    path = tmp_path / "schema1.sqlite"
    old = sqlite3.connect(path)
    old.executescript(
        """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta VALUES ('schema', '1');
CREATE TABLE notice (graph TEXT PRIMARY KEY, fingerprint TEXT NOT NULL);
INSERT INTO notice VALUES ('https://example.org/id/doc/old/graph', 'x');
CREATE TABLE task (
  id INTEGER PRIMARY KEY, iri TEXT NOT NULL, graph TEXT NOT NULL, notice TEXT NOT NULL, item TEXT NOT NULL,
  item_number INTEGER NOT NULL, task_number INTEGER NOT NULL, text TEXT NOT NULL);
CREATE TABLE assignment (
  task INTEGER NOT NULL, agency TEXT NOT NULL, role INTEGER NOT NULL, PRIMARY KEY (agency, role, task))
  WITHOUT ROWID;"""
    )
    old.commit()
    old.close()
    reopened = TaskIndex(path)
    assert reopened.notices() == {}
    assert reopened.sync(store) == (3, 0)
    assert dump(reopened) == dump(index_of(store))


def test_a_pages_agency_names_are_the_same_looked_up_or_cached(store: Store) -> None:
    from graph.network_scope import agency_attributes, agency_names
    from graph.projection_cache import CACHE, clear_cache

    police = "https://w3id.org/govkg/id/agency/hainan-public-security"
    _, page = current_index(store).agency_page(police, tuple(Role))
    iris = {a.agency for task, _ in page for a in task.agencies} | {"https://example.org/id/agency/unknown"}
    clear_cache()
    looked_up = agency_names(store, iris)
    assert CACHE.peek(store, ("agency-attributes",)) is None  # nothing was built for it
    attributes = CACHE.get(store, ("agency-attributes",), lambda: agency_attributes(store))
    assert agency_names(store, iris) == looked_up
    assert looked_up == {iri: attributes.get(iri, {}).get("label", iri) for iri in iris}
    assert len(set(looked_up.values())) > 3
