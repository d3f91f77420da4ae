"""Every export format re-parses to the same graph or the same network counts."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from graph.export import CSV_COLUMNS, NETWORKS, export
from graph.iris import default_base, registry_iri
from graph.load import ingest_paths
from graph.store import Store, open_store
from graph.stores.terms import with_language_case
from graph.summary import summary_iri

UNION = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def store(sample_path: Path, tmp_path_factory: pytest.TempPathFactory):
    with open_store(str(tmp_path_factory.mktemp("export") / "store")) as opened:
        ingest_paths(opened, [sample_path])
        yield opened


def test_turtle_is_the_union_graph(store: Store):
    parsed = with_language_case(Graph().parse(data=export(store, "ttl"), format="turtle"))
    assert len(parsed) > 1000
    assert isomorphic(parsed, store.construct(UNION))


@pytest.mark.parametrize(("fmt", "parser"), [("nq", "nquads"), ("jsonld", "json-ld")])
def test_dataset_formats_keep_the_notice_graphs(store: Store, fmt: str, parser: str):
    dataset = Dataset()
    dataset.parse(data=export(store, fmt), format=parser)
    named = {str(g.identifier): len(g) for g in dataset.graphs() if len(g)}
    registry, summary = str(registry_iri(default_base())), str(summary_iri(default_base()))
    assert set(named) == {str(r.graph) for r in store.notices()} | {registry, summary}
    assert sum(named.values()) == store.info().triples


@pytest.mark.parametrize("network", sorted(NETWORKS))
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_files_keep_nodes_and_edges(store: Store, fmt: str, network: str):
    expected = NETWORKS[network](store)
    reader = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    parsed = reader(io.BytesIO(export(store, fmt, network=network)))
    assert expected.number_of_edges() > 0
    assert (parsed.number_of_nodes(), parsed.number_of_edges()) == (
        expected.number_of_nodes(),
        expected.number_of_edges(),
    )
    a, b, data = next(iter(expected.edges(data=True)))
    assert parsed.has_edge(a, b)
    if "weight" in data:
        assert int(parsed.edges[a, b]["weight"]) == data["weight"]


def test_csv_has_one_row_per_edge(store: Store):
    rows = list(csv.DictReader(io.StringIO(export(store, "csv").decode("utf-8"))))
    network = NETWORKS["coordination"](store)
    assert len(rows) == network.number_of_edges()
    assert tuple(rows[0]) == CSV_COLUMNS
    assert sum(int(r["weight"]) for r in rows) == sum(w for _, _, w in network.edges(data="weight"))
