"""Files -> parser -> notice graphs -> store: per-file errors, idempotent re-ingest, shared nodes."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Literal, URIRef

from graph.iris import IriError, graph_iri
from graph.load import ingest_paths, notice_files
from graph.rdf import notice_graph, notice_ntriples
from graph.store import NoticePayload, Store, open_store
from ingest import read_file

GOVKG = "https://w3id.org/govkg/ontology#"
ELI = "http://data.europa.eu/eli/ontology#"


def number(store: Store, sparql: str) -> int:
    value = store.select(sparql)[0]["n"]
    assert isinstance(value, Literal)
    return int(value.toPython())


def tasks_in(store: Store, graph: str) -> int:
    return number(store, f"SELECT (COUNT(?t) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?t a <{GOVKG}Task> }} }}")


@pytest.fixture(params=["oxigraph", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path):
    location = str(tmp_path / "store") if request.param == "oxigraph" else "memory:"
    with open_store(location) as opened:
        yield opened


def test_sample_is_stored_whole(store: Store, sample_path: Path):
    report = ingest_paths(store, [sample_path])
    [result] = report.results
    assert result.status == "written" and result.error is None
    expected = len(read_file(sample_path).tasks)
    assert result.tasks == expected > 0
    assert tasks_in(store, str(result.graph_iri)) == expected


def test_reingest_is_a_no_op(store: Store, sample_path: Path):
    ingest_paths(store, [sample_path])
    before = (store.info(), store.version())
    report = ingest_paths(store, [sample_path])
    assert [r.status for r in report.results] == ["unchanged"]
    assert (store.info(), store.version()) == before


def test_changed_file_replaces_its_notice(store: Store, sample_path: Path, tmp_path: Path):
    copy = tmp_path / "notice.txt"
    text = sample_path.read_text(encoding="utf-8")
    copy.write_text(text, encoding="utf-8")
    ingest_paths(store, [copy])
    first = store.notices()
    copy.write_text(text + "\n", encoding="utf-8")
    report = ingest_paths(store, [copy])
    assert [r.status for r in report.results] == ["written"]
    second = store.notices()
    assert [r.graph for r in second] == [r.graph for r in first]
    assert second[0].sha256 != first[0].sha256
    assert tasks_in(store, str(second[0].graph)) == len(read_file(copy).tasks)


def test_one_bad_file_does_not_stop_the_others(store: Store, sample_path: Path, tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    missing = tmp_path / "missing.txt"
    report = ingest_paths(store, [empty, sample_path, binary, missing])
    assert report.count("written") == 1
    failed = {r.path: r.error for r in report.failed}
    assert set(failed) == {empty, binary, missing}
    assert all(error and "\n" not in error for error in failed.values())
    assert failed[empty].startswith("E001")
    assert store.info().notices == 1


def test_folders_are_searched_for_text_files(tmp_path: Path, sample_path: Path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a" / "notes.md").write_text("x", encoding="utf-8")
    (tmp_path / "a" / "y.TXT").write_text("x", encoding="utf-8")
    found = notice_files([tmp_path / "a", sample_path, sample_path])
    assert found == [tmp_path / "a" / "b" / "x.txt", tmp_path / "a" / "y.TXT", sample_path]


@pytest.mark.corpus
def test_corpus_and_sample_share_nodes(tmp_path: Path, sample_path: Path, shared_corpus: Path):
    with open_store(str(tmp_path / "store")) as store:
        report = ingest_paths(store, [sample_path, shared_corpus], jobs=2)
        assert report.count("written") + len(report.failed) == len(notice_files([sample_path, shared_corpus]))
        docs = [read_file(r.path) for r in report.results if r.error is None]
        info = store.info()
        assert info.notices == len({r.graph_iri for r in report.results if r.error is None})
        per_notice = [set(notice_graph(doc).subjects(RDF.type, URIRef(f"{GOVKG}Agency"))) for doc in docs]
        shared = set().union(*per_notice)
        assert info.agencies == len(shared) < sum(len(agencies) for agencies in per_notice)
        duplicated_numbers = store.select(
            f"SELECT ?id WHERE {{ ?d <{ELI}id_local> ?id }} GROUP BY ?id HAVING (COUNT(DISTINCT ?d) > 1)"
        )
        assert duplicated_numbers == []
        duplicated_labels = store.select(
            "SELECT ?label WHERE { ?a a <https://w3id.org/govkg/ontology#Agency> ; "
            "<http://www.w3.org/2004/02/skos/core#prefLabel> ?label FILTER(lang(?label) = 'zh-hans' "
            "|| lang(?label) = 'zh-Hans') } GROUP BY ?label HAVING (COUNT(DISTINCT ?a) > 1)"
        )
        assert duplicated_labels == []
        for result in report.results:
            if result.error is None:
                assert tasks_in(store, str(result.graph_iri)) == result.tasks
        before = (store.info(), store.version())
        again = ingest_paths(store, [sample_path, shared_corpus], jobs=2)
        assert again.count("written") == 0
        assert (store.info(), store.version()) == before


def test_parallel_parsing_stores_the_same_graphs(tmp_path: Path, sample_path: Path):
    files = []
    text = sample_path.read_text(encoding="utf-8")
    for k in range(3):
        path = tmp_path / f"n{k}.txt"
        path.write_text(text.replace("〔2017〕89", f"〔2017〕{900 + k}"), encoding="utf-8")
        files.append(path)
    with open_store("memory:") as serial, open_store("memory:") as parallel:
        ingest_paths(serial, files, jobs=1)
        ingest_paths(parallel, files, jobs=3)
        one, many = serial.info(), parallel.info()
        assert (one.notices, one.triples) == (many.notices, many.triples)
        assert serial.info().notices == 3


def test_a_notice_stopped_half_way_is_written_again_whole(tmp_path: Path, sample_path: Path):
    """A bulk write stopped before its fingerprint leaves a graph that is not listed, then replaced."""
    graph = str(graph_iri(read_file(sample_path)))
    with open_store(str(tmp_path / "store")) as store:
        store.inner.update(  # type: ignore[attr-defined]
            f"INSERT DATA {{ GRAPH <{graph}> {{ <{graph[:-6]}/item/1/task/99> a <{GOVKG}Task> }} }}"
        )
        assert store.notices() == []
        report = ingest_paths(store, [sample_path])
        assert [r.status for r in report.results] == ["written"]
        assert tasks_in(store, graph) == len(read_file(sample_path).tasks)


def test_opening_the_store_drops_notices_left_without_fingerprint(tmp_path: Path):
    graph = "https://w3id.org/govkg/id/doc/x/graph"
    location = str(tmp_path / "store")
    with open_store(location) as store:
        store.inner.update(  # type: ignore[attr-defined]
            f"INSERT DATA {{ GRAPH <{graph}> {{ <{graph}> a <{GOVKG}NoticeGraph> . "
            f"<urn:t> a <{GOVKG}Task> }} }}"
        )
        assert tasks_in(store, graph) == 1
    with open_store(location) as store:
        assert tasks_in(store, graph) == 0


def test_bulk_loaded_notices_equal_notices_written_by_transactions(tmp_path: Path, sample_path: Path):
    """The bulk loader (on disk) skips descriptions it loaded before; the stores still hold the same quads."""
    text = sample_path.read_text(encoding="utf-8")
    files = []
    for k in range(4):
        path = tmp_path / f"n{k}.txt"
        path.write_text(text.replace("〔2017〕89", f"〔2017〕{900 + k}"), encoding="utf-8")
        files.append(path)
    dumps = []
    for location in (str(tmp_path / "store"), "oxigraph:"):
        with open_store(location) as store:
            ingest_paths(store, files[:1], batch=1)
            ingest_paths(store, files, batch=2)
            dumps.append(
                {
                    q
                    for q in store.dump("application/n-quads").decode().splitlines()
                    if "generatedAtTime" not in q
                }
            )
    bulk, transactional = dumps
    assert bulk == transactional and len(bulk) > 3000


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0c", "\x1e"])
def test_texts_holding_other_line_separators_are_stored(
    store: Store, sample_path: Path, tmp_path: Path, separator: str
):
    """N-Triples ends lines with LF only: a task text may hold what ``str.splitlines`` also splits on."""
    text = sample_path.read_text(encoding="utf-8")
    cut = text.index("牽頭") - 20
    odd = tmp_path / "odd.txt"
    odd.write_text(text[:cut] + separator + text[cut:], encoding="utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_text(text.replace("〔2017〕89", "〔2017〕901"), encoding="utf-8")
    [held] = [task.text for task in read_file(odd).tasks if separator in task.text]
    report = ingest_paths(store, [odd, plain], batch=2)
    assert [r.status for r in report.results] == ["written", "written"]
    holding = f'FILTER (CONTAINS(STR(?text), "{separator}"))'
    [row] = store.select(f"SELECT ?text WHERE {{ ?t a <{GOVKG}Task> ; <{GOVKG}text> ?text {holding} }}")
    assert str(row["text"]) == held


def test_a_base_iri_that_is_not_absolute_is_refused_before_any_write(tmp_path: Path, sample_path: Path):
    with open_store(str(tmp_path / "store")) as store:
        with pytest.raises(IriError, match="E028: base IRI 'notices of 2017/' is not an absolute IRI"):
            ingest_paths(store, [sample_path], base="notices of 2017")
        assert store.notices() == []


def test_a_store_refuses_a_graph_iri_that_is_not_absolute(tmp_path: Path, sample_path: Path):
    """The bulk loader skips IRI checks: the store checks the graph IRI, which every other IRI extends."""
    doc = read_file(sample_path)
    triples = notice_ntriples(doc, base="urn:x:a b/")
    payload = NoticePayload(str(triples.graph), triples.own, doc.source.sha256, "0", triples.shared)
    with open_store(str(tmp_path / "store")) as store:
        with pytest.raises(IriError, match=r"E028: graph IRI 'urn:x:a b/.*' is not an absolute IRI"):
            store.replace_notices([payload])
        assert store.notices() == []
