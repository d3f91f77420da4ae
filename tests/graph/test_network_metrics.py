"""Metrics on awkward graphs (empty, tiny, disconnected) and the per-version projection cache."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.metrics import annotated_coordination_network, centralities, communities, lead_load
from graph.network import bipartite_network, citation_network, coordination_network
from graph.store import open_store
from tests.graph.network_fixture import AIC, COURT, FIRST, SECOND, TAX, agency_iri, dataset, fill


def weighted(*edges: tuple[str, str, int]) -> nx.Graph:
    network = nx.Graph()
    network.add_weighted_edges_from(edges)
    return network


@pytest.mark.parametrize(
    "network",
    [
        nx.Graph(),
        nx.empty_graph(["a"]),
        nx.empty_graph(["a", "b", "c"]),
        weighted(("a", "b", 1)),
        weighted(("a", "b", 5), ("c", "d", 1), ("d", "e", 1), ("c", "e", 2)),
    ],
    ids=["empty", "one", "no-edges", "one-edge", "two-components"],
)
def test_metrics_never_fail(network):
    values = centralities(network)
    assert {v.agency for v in values} == set(network)
    assert all(0.0 <= v.eigenvector <= 1.0 and 0.0 <= v.betweenness <= 1.0 for v in values)
    assert all(v.eigenvector == 0.0 for v in values if v.degree == 0)
    groups = communities(network)
    assert sorted(n for g in groups for n in g) == sorted(network)
    assert communities(network, method="greedy") == communities(network, method="greedy")


def test_betweenness_prefers_heavy_ties():
    # a-b-c with a strong tie a-b; d hangs off c; the broker between the halves is c, then b
    values = {v.agency: v for v in centralities(weighted(("a", "b", 5), ("b", "c", 1), ("c", "d", 1)))}
    assert values["b"].betweenness > 0 and values["c"].betweenness > 0
    assert values["a"].betweenness == values["d"].betweenness == 0.0
    assert values["a"].strength == 5 and values["b"].strength == 6 and values["b"].degree == 2


def test_communities_are_deterministic_and_split_components():
    network = weighted(("a", "b", 3), ("b", "c", 3), ("a", "c", 3), ("x", "y", 1))
    assert communities(network) == [["a", "b", "c"], ["x", "y"]]
    assert communities(network, seed=7) == communities(network, seed=7)


def test_lead_load_and_annotation_on_fixture():
    ds = dataset(FIRST, SECOND)
    loads = lead_load(coordination_network(ds))
    assert [(load.agency, load.lead_tasks, load.lead_items, load.tasks) for load in loads] == [
        (str(agency_iri(AIC)), 1, 1, 4),
        (str(agency_iri(COURT)), 1, 1, 2),
    ]
    annotated = annotated_coordination_network(ds)
    tax = annotated.nodes[str(agency_iri(TAX))]
    assert tax["degree"] == 1 and tax["strength"] == 1 and tax["eigenvector"] == 0.0
    assert {annotated.nodes[n]["community"] for n in annotated} == {0, 1, 2, 3}
    assert "community" not in coordination_network(ds).nodes[str(agency_iri(TAX))]


def test_cache_keeps_a_projection_until_the_store_changes():
    with open_store("oxigraph:") as store:
        fill(store, FIRST)
        first = coordination_network(store)
        assert coordination_network(store) is first
        assert coordination_network(store, roles="lead") is not first
        assert bipartite_network(store) is bipartite_network(store)
        assert citation_network(store) is citation_network(store)
        assert annotated_coordination_network(store) is annotated_coordination_network(store)
        fill(store, SECOND)
        second = coordination_network(store)
        assert second is not first
        assert (first.number_of_nodes(), second.number_of_nodes()) == (6, 8)
        assert coordination_network(store) is second


def test_unversioned_graph_is_never_cached():
    ds = dataset(FIRST)
    assert coordination_network(ds) is not coordination_network(ds)
