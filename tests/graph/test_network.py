"""The projections on hand-built notices, on every store backend, against counts read off the fixture."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import networkx as nx
import pytest

from graph.errors import UnknownNoticeError, UnknownRoleError
from graph.network import bipartite_network, citation_network, coordination_network
from graph.network_baseline import coordination_network_from_rows
from graph.selectable import Selectable, as_selectable, integer, text
from graph.store import open_store
from ingest.model import Citation, Item, Role, Section, Source
from ontology import GOVKG
from tests.graph.network_fixture import (
    AIC,
    COURT,
    FIRST,
    FOREST,
    IPO,
    LOCAL_TAX,
    POLICE,
    PROC,
    SECOND,
    TAX,
    agency_iri,
    dataset,
    doc_iri,
    fill,
    notice,
    task,
)

R = Role.RESPONSIBLE
P, A, C, CO, PR = (str(agency_iri(a)) for a in (POLICE, AIC, IPO, COURT, PROC))
N1, N2 = str(doc_iri("琼府办〔2017〕89号")), str(doc_iri("琼府办〔2018〕1号"))


@pytest.fixture(params=["rdflib", "memory:", "oxigraph:"])
def source(request: pytest.FixtureRequest) -> Iterator[Selectable]:
    """Both notices in an rdflib dataset, the rdflib memory store and an in-memory oxigraph store."""
    if request.param == "rdflib":
        yield dataset(FIRST, SECOND)  # type: ignore[misc]
        return
    with open_store(request.param) as store:
        yield fill(store, FIRST, SECOND)


def weighted_edges(network: nx.Graph) -> set[tuple[frozenset[str], int]]:
    return {(frozenset((u, v)), w) for u, v, w in network.edges(data="weight")}


def test_coordination_nodes_and_edges(source):
    network = coordination_network(source)
    assert network.number_of_nodes() == 8
    assert network.number_of_edges() == 9
    assert set(network[CO]) == {P, PR, A}  # the court leads item 2 with three cooperating agencies
    assert str(agency_iri(FOREST)) in network and network.degree(str(agency_iri(FOREST))) == 0


def test_coordination_weights_and_role_pairs(source):
    edge = coordination_network(source).edges[P, A]
    assert edge["weight"] == 4
    assert edge["role_pairs"] == {
        "cooperating-cooperating": 1,
        "lead-responsible": 1,
        "responsible-responsible": 2,
    }
    assert edge["notice_count"] == 2
    assert coordination_network(source).edges[CO, PR]["role_pairs"] == {"lead-cooperating": 1}
    assert coordination_network(source).edges[CO, PR]["notice_count"] == 1


def test_coordination_node_attributes(source):
    court = coordination_network(source).nodes[CO]
    assert (court["lead"], court["responsible"], court["cooperating"], court["tasks"]) == (1, 1, 0, 2)
    assert court["label_hans"] == "海南省高级人民法院" and court["label_hant"] == "海南省高級人民法院"
    assert court["english"] == "Higher Court" and court["kind"] == "judicial"
    assert court["notices"] == [N1] and court["lead_items"] == 1
    assert [(i["number"], i["title"], i["lead"], i["responsible"]) for i in court["items"]] == [
        (2, "加大司法保护力度", 1, 1)
    ]
    police_items = coordination_network(source).nodes[P]["items"]
    assert police_items[0]["tasks"] == 2 and police_items[0]["iri"] == f"{N1}/item/1"


def test_role_filter_changes_counts(source):
    leads = coordination_network(source, roles="lead")
    assert set(leads) == {A, CO} and leads.number_of_edges() == 0
    assert leads.nodes[A]["lead"] == 1 and leads.nodes[A]["responsible"] == 0
    responsible = coordination_network(source, roles="responsible")
    assert responsible.edges[P, A]["weight"] == 2
    assert CO in responsible and PR not in responsible
    both = coordination_network(source, roles=["lead", "cooperating"])
    assert both.edges[CO, PR]["weight"] == 1
    assert both.edges[P, A]["role_pairs"] == {"cooperating-cooperating": 1}


def test_notice_and_section_filters(source):
    second = coordination_network(source, notice="瓊府辦[2018]1號")  # Traditional script, ASCII brackets
    assert second.number_of_nodes() == 4
    assert weighted_edges(second) == {
        (frozenset({A, P}), 1),
        (frozenset({str(agency_iri(LOCAL_TAX)), str(agency_iri(TAX))}), 1),
    }
    assert coordination_network(source, notice=N2).number_of_nodes() == 4
    justice = coordination_network(source, notice=N1, section=2)
    assert set(justice) == {CO, P, PR, A, str(agency_iri(FOREST))}
    assert justice.number_of_edges() == 6


def test_unknown_filters_are_errors(source):
    with pytest.raises(UnknownNoticeError):
        coordination_network(source, notice="国发〔1999〕1号")
    with pytest.raises(UnknownRoleError):
        coordination_network(source, roles="boss")


def test_store_aggregation_matches_python_pairing(source):
    for roles in ("any", "lead", "responsible", "cooperating", ("lead", "cooperating")):
        for scope in (None, N1, N2):
            aggregated = coordination_network(source, roles=roles, notice=scope)
            paired = coordination_network_from_rows(source, roles=roles, notice=scope)
            assert nx.utils.graphs_equal(aggregated, paired), (roles, scope)


def test_the_network_without_item_lists_has_the_same_counts(source):
    for roles in ("any", "lead", "responsible", "cooperating"):
        full = coordination_network(source, roles=roles)
        light = coordination_network(source, roles=roles, items=False)
        assert weighted_edges(light) == weighted_edges(full), roles
        assert set(light) == set(full), roles
        for node, data in light.nodes(data=True):
            kept = {k: v for k, v in full.nodes[node].items() if k not in ("items", "notices")}
            assert data == kept, (roles, node)


def summary_rows(source: Selectable) -> set[tuple[str, str, int, int]]:
    """The pair totals of the summary graph, read straight from the store."""
    rows = as_selectable(source).select(
        """PREFIX govkg: <https://w3id.org/govkg/ontology#>
        SELECT ?a ?b ?n ?k WHERE {
          ?p a govkg:AgencyPair ; govkg:agencyA ?a ; govkg:agencyB ?b ;
             govkg:sharedTasks ?n ; govkg:noticeCount ?k }"""
    )
    return {(text(r["a"]), text(r["b"]), integer(r["n"]), integer(r["k"])) for r in rows}  # type: ignore[misc]


@pytest.mark.parametrize("location", ["memory:", "oxigraph:"])
def test_the_summary_sums_every_notice(location):
    with open_store(location) as store:
        fill(store, FIRST, SECOND)
        rows = summary_rows(store)
        assert (A, P, 4, 2) in rows  # tasks 1.1, 1.2 and 2.1 of the first notice, 1.1 of the second
        assert not any(a == C and b == CO for a, b, _, _ in rows)
        assert all(a < b for a, b, _, _ in rows)
        assert store.summaries_current()


def test_replacing_and_removing_notices_keep_the_summary_exact():
    changed = notice(
        "琼府办〔2018〕1号",
        [
            Section(
                1, "一", (0, 1), [Item(1, "(一)", "加强商标执法", (0, 1), 1, [task(1, (AIC, R), (IPO, R))])]
            )
        ],
        [],
    )
    changed = dataclasses.replace(changed, source=Source("changed", "f" * 64))  # a new fingerprint
    with open_store("oxigraph:") as store:
        fill(store, FIRST, SECOND)
        assert coordination_network(store).edges[A, P]["weight"] == 4
        fill(store, changed)
        network = coordination_network(store)
        assert network.edges[A, P]["weight"] == 3
        assert network.edges[A, P]["notice_count"] == 1
        assert network.edges[A, C]["weight"] == 2
        assert network.edges[A, C]["notice_count"] == 2
        assert (A, P, 3, 1) in summary_rows(store)
        assert nx.utils.graphs_equal(network, coordination_network_from_rows(store))
        assert store.remove_notice(N1 + "/graph")
        assert store.summaries_current()
        assert summary_rows(store) == {(A, C, 1, 1)}
        assert nx.utils.graphs_equal(coordination_network(store), coordination_network_from_rows(store))


def test_a_stale_summary_is_not_read_and_is_rebuilt_by_the_next_writer():
    with open_store("oxigraph:") as store:
        fill(store, FIRST, SECOND)
        good = summary_rows(store)
        # as if a writer stopped between the summary's counts and its digest
        store.update(f"DELETE WHERE {{ GRAPH ?g {{ ?p <{GOVKG}sharedTasks> ?n . ?s <{GOVKG}digest> ?d }} }}")
        assert not store.summaries_current()
        assert nx.utils.graphs_equal(coordination_network(store), coordination_network_from_rows(store))
        assert store.ensure_summary()
        assert store.summaries_current() and summary_rows(store) == good


def test_bipartite_network(source):
    network = bipartite_network(source)
    agencies = {n for n, part in network.nodes(data="bipartite") if part == 0}
    items = {n for n, part in network.nodes(data="bipartite") if part == 1}
    assert len(agencies) == 8 and len(items) == 5
    assert network.number_of_edges() == 12
    assert nx.is_bipartite(network)
    item = network.nodes[f"{N1}/item/2"]
    assert (item["number"], item["label"], item["title"], item["section"]) == (
        2,
        "(二)",
        "加大司法保护力度",
        2,
    )
    assert item["name"] == "2 加大司法保护力度" and item["type"] == "item"
    assert network.edges[CO, f"{N1}/item/2"] == {
        "roles": {"lead": 1, "responsible": 1},
        "role": "lead",
        "weight": 2,
    }
    assert bipartite_network(source, roles="lead").number_of_edges() == 2


def test_citation_network(source):
    network = citation_network(source)
    state_council = str(doc_iri("国发〔2017〕14号"))
    court_rule = str(doc_iri("琼高法联〔2016〕6号"))
    assert set(network.edges) == {(N1, state_council), (N1, court_rule), (N2, state_council)}
    assert network.in_degree(state_council) == 2
    assert network.edges[N1, court_rule] == {
        "count": 2,
        "item_iris": [f"{N1}/item/2"],
        "items": [2],
        "outside_items": 0,
    }
    assert network.edges[N1, state_council]["outside_items"] == 1
    assert network.nodes[N1]["type"] == "notice" and network.nodes[state_council]["type"] == "document"
    assert network.nodes[state_council]["title"] == "国务院关于新形势下加强打击侵犯知识产权工作的意见"
    assert citation_network(source, notice=N2).number_of_edges() == 1


def test_a_notice_does_not_cite_itself():
    own = notice("琼府办〔2019〕5号", FIRST.sections, [Citation("琼府办〔2019〕5号", None, None, (0, 1))])
    assert citation_network(dataset(own)).number_of_edges() == 0


def test_empty_store_gives_empty_networks():
    with open_store("oxigraph:") as store:
        assert coordination_network(store).number_of_nodes() == 0
        assert bipartite_network(store).number_of_nodes() == 0
        assert citation_network(store).number_of_nodes() == 0
