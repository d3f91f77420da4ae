"""The Store contract, run unchanged on every backend (oxigraph on disk, rdflib memory, SPARQL server)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import xml.etree.ElementTree as ET

import pytest
from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from graph.iris import registry_iri
from graph.rdf import graph_iri, parser_version
from graph.store import NoticePayload, QueryError, Store, open_store
from graph.stores.terms import with_language_case
from graph.summary import summary_iri
from ingest.errors import GovkgError
from ingest.model import Document
from tests.graph import test_store_fixtures as fixtures
from tests.graph.test_store_fixtures import (
    BASE,
    CITED,
    COURT,
    FOREST,
    POLICE,
    notice_graph_of,
    put,
    tiny_notice,
)

oxigraph_server = fixtures.oxigraph_server
store = fixtures.store

GOVKG = "https://w3id.org/govkg/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
FIRST = tiny_notice("琼府办〔2017〕89号", ["开展专项整治。", "加强执法。", "建立台账。"], [POLICE, FOREST])
SECOND = tiny_notice("琼府办〔2017〕90号", ["审理案件。", "配合检查。"], [COURT, POLICE])
TASK_COUNT = f"SELECT (COUNT(?t) AS ?n) WHERE {{ ?t a <{GOVKG}Task> }}"


TASK_TEXTS = f"CONSTRUCT {{ ?t <{GOVKG}text> ?x }} WHERE {{ ?t a <{GOVKG}Task> ; <{GOVKG}text> ?x }}"


REGISTRY = str(registry_iri(BASE))
SUMMARY = str(summary_iri(BASE))


def stored_graph(store: Store, doc: Document | str | None) -> Graph:
    """A notice's named graph as stored, or (``None``) the shared registry graph, or one by IRI."""
    name = graph_iri(doc, BASE) if isinstance(doc, Document) else doc or REGISTRY
    return store.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")


def count(store: Store, sparql: str) -> int:
    rows = store.select(sparql)
    value = rows[0]["n"] if rows else None
    assert isinstance(value, Literal)
    return int(value.toPython())


def test_empty_store_holds_nothing(store: Store):
    info = store.info()
    assert (info.notices, info.triples, info.agencies) == (0, 0, 0)
    assert store.notices() == []


def test_replace_is_idempotent(store: Store):
    assert put(store, FIRST) is True
    triples, version = store.info().triples, store.version()
    assert triples > 0
    assert put(store, FIRST) is False
    assert store.info().triples == triples
    assert store.version() == version
    [record] = store.notices()
    assert str(record.graph) == str(graph_iri(FIRST, BASE))
    assert (record.sha256, record.parser_version) == (FIRST.source.sha256, parser_version())


def test_changed_notice_replaces_its_graph(store: Store):
    put(store, FIRST)
    before = store.version()
    changed = tiny_notice("琼府办〔2017〕89号", ["开展专项整治。"], [POLICE])
    assert graph_iri(changed, BASE) == graph_iri(FIRST, BASE)
    assert put(store, changed) is True
    assert store.version() != before
    assert count(store, TASK_COUNT) == 1
    assert not store.ask(f'ASK {{ ?t <{GOVKG}text> ?x FILTER(CONTAINS(STR(?x), "加强执法")) }}')
    assert len(store.notices()) == 1


def _payload(doc: Document) -> NoticePayload:
    name = str(graph_iri(doc, BASE))
    return NoticePayload.from_graph(name, notice_graph_of(doc), doc.source.sha256, parser_version())


def test_a_failed_replacement_leaves_every_notice_whole(store: Store):
    """A batch that fails part-way: each notice is its old graph or its new one, never missing or mixed."""
    put(store, FIRST)
    put(store, SECOND)
    old_first, old_second = stored_graph(store, FIRST), stored_graph(store, SECOND)
    changed_first = tiny_notice("琼府办〔2017〕89号", ["开展专项整治。"], [POLICE])
    changed_second = tiny_notice("琼府办〔2017〕90号", ["审理案件。"], [COURT])
    broken = _payload(changed_second)
    broken = dataclasses.replace(broken, ntriples=broken.ntriples + "<urn:x:s> <urn:x:p> broken .\n")
    with pytest.raises(GovkgError):
        store.replace_notices([_payload(changed_first), broken])
    first = stored_graph(store, FIRST)
    put(store, changed_first)  # the new graph as a successful write stores it, to compare with
    assert isomorphic(first, old_first) or isomorphic(first, stored_graph(store, FIRST))
    assert isomorphic(stored_graph(store, SECOND), old_second)
    assert {str(r.graph) for r in store.notices()} == {str(graph_iri(d, BASE)) for d in (FIRST, SECOND)}


def test_notices_share_agencies_and_cited_documents(store: Store):
    put(store, FIRST)
    put(store, SECOND)
    info = store.info()
    assert (info.notices, info.agencies) == (2, 3)
    assert count(store, TASK_COUNT) == 5
    cited = store.select(
        f"SELECT DISTINCT ?doc WHERE {{ ?n <http://data.europa.eu/eli/ontology#cites> ?doc . "
        f'?doc <http://data.europa.eu/eli/ontology#id_local> "{CITED}" }}'
    )
    assert len(cited) == 1
    police = store.select(
        f"SELECT DISTINCT ?task WHERE {{ ?task <{GOVKG}leadAgency>|<{GOVKG}responsibleAgency> "
        f"<{BASE}agency/{POLICE.id}> }}"
    )
    assert len(police) == 3  # tasks in both notices: the union default graph spans them


def test_select_ask_construct_speak_rdflib(store: Store):
    put(store, FIRST)
    names, rows = store.select_with_vars(f"SELECT ?task ?text WHERE {{ ?task <{GOVKG}text> ?text }}")
    assert names == ["task", "text"]
    assert all(isinstance(r["task"], URIRef) and isinstance(r["text"], Literal) for r in rows)
    assert {str(r["text"]) for r in rows} >= {"加强执法。"}
    assert store.ask("ASK { ?s ?p ?o }") is True
    assert store.ask(f"ASK {{ ?s <{GOVKG}nothing> ?o }}") is False
    graph = store.construct(TASK_TEXTS)
    assert isinstance(graph, Graph) and len(graph) == 3


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_query_raw_writes_solutions(store: Store, fmt: str):
    put(store, FIRST)
    data = store.query_raw(f"SELECT ?task ?text WHERE {{ ?task <{GOVKG}text> ?text }}", fmt)
    if fmt == "json":
        document = json.loads(data)
        assert document["head"]["vars"] == ["task", "text"]
        rows = document["results"]["bindings"]
        assert all(row["task"]["type"] == "uri" for row in rows)
    elif fmt == "xml":
        ns = "{http://www.w3.org/2005/sparql-results#}"
        rows = ET.fromstring(data).findall(f"{ns}results/{ns}result")
    else:
        delimiter = "," if fmt == "csv" else "\t"
        rows = list(csv.reader(io.StringIO(data.decode("utf-8")), delimiter=delimiter))[1:]
    assert len(rows) == 4  # three tasks and the item


@pytest.mark.parametrize(
    ("fmt", "parser"), [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"), ("rdfxml", "xml")]
)
def test_query_raw_writes_graphs(store: Store, fmt: str, parser: str):
    put(store, FIRST)
    sparql = TASK_TEXTS
    parsed = Graph().parse(data=store.query_raw(sparql, fmt), format=parser)
    assert isomorphic(with_language_case(parsed), store.construct(sparql))


def test_query_raw_ask(store: Store):
    assert json.loads(store.query_raw("ASK { ?s ?p ?o }", "application/sparql-results+json")) == {
        "head": {},
        "boolean": False,
    }


def test_wrong_format_and_bad_syntax_are_query_errors(store: Store):
    with pytest.raises(QueryError):
        store.query_raw("SELECT * WHERE { ?s ?p ?o }", "text/turtle")
    with pytest.raises(QueryError):
        store.query_raw("CONSTRUCT WHERE { ?s ?p ?o }", "json")
    with pytest.raises(GovkgError):
        store.select("SELECT WHERE nonsense")


def test_dump_round_trips(store: Store):
    put(store, FIRST)
    put(store, SECOND)
    quads = Dataset()
    quads.parse(data=store.dump("nq"), format="nquads")
    named = {str(g.identifier): len(g) for g in quads.graphs() if len(g)}
    assert set(named) == {str(graph_iri(FIRST, BASE)), str(graph_iri(SECOND, BASE)), REGISTRY, SUMMARY}
    assert sum(named.values()) == store.info().triples
    union = with_language_case(Graph().parse(data=store.dump("ttl"), format="turtle"))
    expected = Graph()
    for doc in (FIRST, SECOND, None, SUMMARY):
        stored = stored_graph(store, doc)
        expected += stored
    assert isomorphic(union, expected)


def test_stored_graph_is_the_notice_graph(store: Store):
    put(store, FIRST)
    stored = stored_graph(store, FIRST)
    registry = stored_graph(store, None)
    built = notice_graph_of(FIRST)
    ignore = URIRef("http://www.w3.org/ns/prov#generatedAtTime")
    assert isomorphic(without(stored + registry, ignore), without(built, ignore))
    agencies = set(registry.subjects(RDF.type, URIRef(f"{GOVKG}Agency")))
    assert agencies == {URIRef(f"{BASE}agency/{a.id}") for a in (POLICE, FOREST)}
    assert not set(stored.subjects(RDF.type, URIRef(f"{GOVKG}Agency")))


def test_shared_descriptions_are_stored_once(store: Store):
    put(store, FIRST)
    put(store, SECOND)
    police = URIRef(f"{BASE}agency/{POLICE.id}")
    labels = store.select(f"SELECT ?label WHERE {{ <{police}> <{SKOS}prefLabel> ?label }}")
    assert len(labels) == len({(str(r["label"]), r["label"].language) for r in labels}) == 3
    assert store.remove_notice(str(graph_iri(FIRST, BASE))) is True
    assert count(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ <{police}> a <{GOVKG}Agency> }}") == 1


def without(graph: Graph, predicate: URIRef) -> Graph:
    kept = Graph()
    for triple in graph:
        if triple[1] != predicate:
            kept.add(triple)
    return kept


def test_remove_notice(store: Store):
    put(store, FIRST)
    put(store, SECOND)
    assert store.remove_notice(str(graph_iri(FIRST, BASE))) is True
    assert store.remove_notice(str(graph_iri(FIRST, BASE))) is False
    assert [str(r.graph) for r in store.notices()] == [str(graph_iri(SECOND, BASE))]
    assert count(store, TASK_COUNT) == 2


def test_rdflib_view_sees_the_union(store: Store):
    put(store, FIRST)
    put(store, SECOND)
    view = store.as_rdflib_graph()
    rows = list(view.query(f"SELECT ?t WHERE {{ ?t a <{GOVKG}Task> }}"))
    assert len(rows) == 5


def test_a_server_store_sees_another_writers_notices_once_its_version_expires(oxigraph_server: str):
    """A server's version is trusted for a while, so a request does not list every notice again."""
    fixtures.empty_server(oxigraph_server)
    location = f"sparql+{oxigraph_server}"
    with open_store(location, version_ttl="60") as reader, open_store(location) as writer:
        before = reader.version()
        put(writer, FIRST)
        assert reader.version() == before
        reader.version_ttl = 0.0
        seen = reader.version()
        assert seen == writer.version() != before
        reader.version_ttl = 60.0
        put(reader, SECOND)  # its own writes are seen at once, whatever the time to live
        assert reader.version() != seen
