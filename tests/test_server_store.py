"""The same competency questions over the embedded store and a real SPARQL server: same answers."""

from __future__ import annotations

import os
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.load import ingest_paths
from graph.store import Store, open_store
from ingest.script import to_simplified
from ontology.queries import load_query, query_names

BASE = "https://w3id.org/govkg/id/"
ITEM_16 = f"{BASE}doc/琼府办〔2017〕89号/item/16"

#: A value for each kind of input, in the script users are least likely to match by accident.
INPUTS: dict[str, str | int] = {
    "name": "省知識產權局",
    "phrase": "電子商務",
    "docnumber": "國發〔2017〕14號",
    "integer": 16,
    "iri": ITEM_16,
}


@pytest.fixture(scope="module")
def notices(tmp_path_factory: pytest.TempPathFactory, sample_text: str) -> list[Path]:
    """The sample, and a Simplified copy under another number: two notices sharing agencies."""
    folder = tmp_path_factory.mktemp("notices")
    copy = to_simplified(sample_text).replace("琼府办〔2017〕89号", "琼府办〔2017〕90号")
    (folder / "sample.txt").write_text(sample_text, encoding="utf-8")
    (folder / "copy.txt").write_text(copy, encoding="utf-8")
    return sorted(folder.iterdir())


def _filled(store: Store, paths: list[Path]) -> Store:
    report = ingest_paths(store, paths, jobs=1)
    assert not report.failed, report.failed
    return store


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory, notices: list[Path]) -> Iterator[Store]:
    with open_store(str(tmp_path_factory.mktemp("embedded") / "store")) as store:
        yield _filled(store, notices)


@pytest.fixture(scope="module")
def server(
    sparql_server: str, notices: list[Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    request = urllib.request.Request(
        f"{sparql_server}/update",
        data=b"DROP ALL",
        method="POST",
        headers={"Content-Type": "application/sparql-update"},
    )
    urllib.request.urlopen(request, timeout=30).close()
    with pytest.MonkeyPatch.context() as patch:  # a server store's task index lives in the user's cache
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        with open_store(sparql_server) as store:
            yield _filled(store, notices)


#: Values that differ between two ingests of the same text by design (when each store was filled).
PER_INGEST = {"ingestedAt"}


def answers(store: Store, name: str) -> list[tuple[tuple[str, str], ...]]:
    query = load_query(name)
    values = {i.name: INPUTS[i.kind] for i in query.inputs if i.required}
    rows = store.select(query.bind(values))
    return sorted(tuple(sorted((k, str(v)) for k, v in row.items() if k not in PER_INGEST)) for row in rows)


def test_both_stores_hold_the_same_notices(embedded: Store, server: Store) -> None:
    assert [str(n.graph) for n in embedded.notices()] == [str(n.graph) for n in server.notices()]
    assert len(embedded.notices()) == 2
    assert embedded.info().agencies == server.info().agencies == 34


@pytest.mark.parametrize("name", query_names())
def test_same_answers(embedded: Store, server: Store, name: str) -> None:
    local = answers(embedded, name)
    assert local, f"{name} answers nothing on the sample: the comparison would prove nothing"
    assert answers(server, name) == local


@pytest.mark.parametrize("phrase", ["電子商務", "专利", "侵权假冒"])
def test_search_answers_alike_from_each_stores_task_index(
    embedded: Store, server: Store, phrase: str
) -> None:
    from api.rest import search_tasks

    local = search_tasks(embedded, BASE, phrase, 0, 20)
    assert local[1] > 0
    assert search_tasks(server, BASE, phrase, 0, 20) == local


def test_an_agencys_tasks_answer_alike_from_each_stores_task_index(embedded: Store, server: Store) -> None:
    from api.rest import agency_tasks

    roles = ("lead", "responsible", "cooperating")
    local = agency_tasks(embedded, BASE, "hainan-public-security", roles, 3, 10)
    assert local is not None and local[1] > 10
    assert agency_tasks(server, BASE, "hainan-public-security", roles, 3, 10) == local


def test_a_server_stores_task_index_reads_back_what_ingest_wrote(server: Store, tmp_path: Path) -> None:
    from graph.task_index import TaskIndex, index_of
    from tests.graph.test_task_index import dump

    written = index_of(server)
    assert written.path.startswith(str(Path(os.environ["XDG_CACHE_HOME"]) / "govkg" / "tasks-"))
    fresh = TaskIndex(tmp_path / "fresh.sqlite")
    assert fresh.sync(server) == (2, 0)
    assert dump(fresh) == dump(written)
