"""The projections on the bundled Hainan sample, against counts read off the notice's text.

Read from corpus/hainan-2017-ipr-enforcement-plan.txt: 28 items, 50 tasks, 33 agencies.
省公安廳 and 省工商局 are both "responsible" in 12 tasks (items 1 x3, 2 x2, 3, 4 x2, 17, 18,
20, 25); 省高級法院 leads the first task of item 16 with 省公安廳, 省檢察院 and
省食品藥品監管局 cooperating; the 雙打 office leads 6 tasks (items 17, 18, 22, 24, 26, 28).
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx
import pytest

import ingest
from graph.metrics import communities, lead_load
from graph.network import bipartite_network, citation_network, coordination_network
from graph.rdf import graph_iri, notice_graph, parser_version
from graph.store import Store, open_store

BASE = "https://w3id.org/govkg/id/"
NOTICE = f"{BASE}doc/琼府办〔2017〕89号"
POLICE, AIC, COURT = (
    f"{BASE}agency/{a}" for a in ("hainan-public-security", "hainan-industry-commerce", "hainan-high-court")
)
PROC, FOOD = f"{BASE}agency/hainan-procuratorate", f"{BASE}agency/hainan-food-drug"
OFFICE = f"{BASE}agency/hainan-anti-counterfeiting-office"


@pytest.fixture(scope="module")
def store(sample_path) -> Iterator[Store]:
    doc = ingest.read_file(sample_path)
    with open_store("oxigraph:") as opened:
        opened.replace_notice(str(graph_iri(doc)), notice_graph(doc), doc.source.sha256, parser_version())
        yield opened


def test_coordination_counts(store):
    network = coordination_network(store)
    assert network.number_of_nodes() == 33
    assert network.number_of_edges() == 202
    isolated = {network.nodes[n]["label_hans"] for n in nx.isolates(network)}
    assert isolated == {"海南省烟草专卖局", "海南省版权局"}  # items 8 and 12: alone on their tasks


def test_police_and_industry_commerce_share_twelve_tasks(store):
    edge = coordination_network(store).edges[POLICE, AIC]
    assert edge["weight"] == 12
    assert edge["role_pairs"] == {"responsible-responsible": 12} and edge["notice_count"] == 1
    police, commerce = (coordination_network(store).nodes[a]["items"] for a in (POLICE, AIC))
    shared = {i["number"] for i in police} & {i["number"] for i in commerce}
    assert {1, 2, 3, 4, 17, 18, 20, 25} <= shared


def test_court_leads_item_16_with_three_cooperating(store):
    court = coordination_network(store).nodes[COURT]
    assert (court["lead"], court["responsible"], court["cooperating"]) == (1, 3, 0)
    item16 = next(item for item in court["items"] if item["number"] == 16)
    assert (item16["lead"], item16["responsible"], item16["title"]) == (1, 1, "加大司法保護力度")
    cooperating = coordination_network(store, roles=["lead", "cooperating"])
    assert set(cooperating[COURT]) == {POLICE, PROC, FOOD}
    assert all(
        cooperating.edges[COURT, other]["role_pairs"] == {"lead-cooperating": 1}
        for other in cooperating[COURT]
    )


def test_lead_only_network(store):
    leads = coordination_network(store, roles="lead")
    assert leads.number_of_nodes() == 9
    assert leads.number_of_edges() == 4  # co-leads in items 18, 22 (twice) and 28
    assert set(leads[OFFICE]) == {
        PROC,
        f"{BASE}agency/hainan-financial-office",
        f"{BASE}agency/hainan-propaganda",
    }
    top = lead_load(coordination_network(store))[0]
    assert (top.agency, top.lead_tasks, top.lead_items) == (OFFICE, 6, 6)


def test_section_filter(store):
    justice = coordination_network(store, section=4)  # 四、刑事打擊與司法保護: items 14-16
    assert set(justice) == {POLICE, PROC, COURT, FOOD}
    assert justice.number_of_edges() == 6  # all four on the first task of item 16


def test_bipartite_and_citation_counts(store):
    bipartite = bipartite_network(store)
    assert sum(1 for _, part in bipartite.nodes(data="bipartite") if part == 1) == 28
    assert bipartite.number_of_nodes() == 61 and bipartite.number_of_edges() == 158
    assert bipartite.edges[COURT, f"{NOTICE}/item/16"]["role"] == "lead"
    citations = citation_network(store)
    assert citations.out_degree(NOTICE) == 12
    assert citations.edges[NOTICE, f"{BASE}doc/国发〔2017〕14号"]["outside_items"] == 1
    assert citations.edges[NOTICE, f"{BASE}doc/琼高法联〔2016〕6号"]["items"] == [16]


def test_communities_cover_every_agency_once(store):
    network = coordination_network(store)
    groups = communities(network)
    assert sorted(n for g in groups for n in g) == sorted(network)
    assert groups == communities(network)


@pytest.mark.parametrize("roles", ["any", "lead", "responsible", "cooperating", ("lead", "cooperating")])
def test_summed_pair_counts_match_pairing_the_assignments(store, roles):
    from graph.network_baseline import coordination_network_from_rows

    for notice in (None, NOTICE):
        summed = coordination_network(store, roles=roles, notice=notice)
        paired = coordination_network_from_rows(store, roles=roles, notice=notice)
        assert summed.number_of_edges() > 0
        assert nx.utils.graphs_equal(summed, paired)


def test_pair_and_load_questions_match_the_assignments(store):
    from graph.network_baseline import coordination_network_from_rows
    from graph.selectable import integer, query, text
    from ontology.queries import bind_query

    paired = coordination_network_from_rows(store)
    rows = store.select(bind_query("coordination_pairs"))
    assert {(text(r["agencyA"]), text(r["agencyB"]), integer(r["sharedTasks"])) for r in rows} == {
        (*sorted((a, b)), w) for a, b, w in paired.edges(data="weight")
    }
    involved: dict[str, set[str]] = {}
    for row in store.select(query("assignments")):
        involved.setdefault(str(text(row["agency"])), set()).add(str(text(row["task"])))
    loads = {load.agency: load for load in lead_load(paired)}
    rows = store.select(bind_query("lead_load"))
    assert len(rows) == len(involved) == paired.number_of_nodes()
    for row in rows:
        agency = str(text(row["agency"]))
        lead = loads.get(agency)
        assert integer(row["leadTasks"]) == (lead.lead_tasks if lead else 0)
        assert integer(row["leadItems"]) == (lead.lead_items if lead else 0)
        assert integer(row["involvedTasks"]) == len(involved[agency])


def test_co_leads_from_the_summary_match_pairing_the_lead_assignments(sample_path, shared_corpus):
    from graph.load import ingest_paths
    from graph.network_baseline import coordination_network_from_rows
    from graph.selectable import integer, text
    from ontology.queries import bind_query

    with open_store("oxigraph:") as several:  # the sample and the real documents: co-leads across notices
        ingest_paths(several, [sample_path, shared_corpus])
        assert several.summaries_current()
        paired = coordination_network_from_rows(several, roles="lead")
        rows = several.select(bind_query("co_leads"))
        assert rows and len(several.notices()) > 1
        found = {
            (text(r["agencyA"]), text(r["agencyB"]), integer(r["tasks"]), integer(r["notices"])) for r in rows
        }
        edges = paired.edges(data=True)
        assert found == {(*sorted((a, b)), d["weight"], d["notice_count"]) for a, b, d in edges}
