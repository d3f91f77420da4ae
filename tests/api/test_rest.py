"""The REST API, dereferenceable IRIs and HTML escaping, against the running server."""

from __future__ import annotations

import re

import pytest
import rdflib
from SPARQLWrapper import JSON, SPARQLWrapper

from graph.rdf import ROLE_IRIS
from tests.api.notices import HOSTILE_NAME

pytestmark = pytest.mark.server
POLICE = "hainan-public-security"


def test_agencies_are_found_by_name_in_either_script(client):
    simplified = client.get("/agencies", params={"q": "省公安厅"}).json()
    traditional = client.get("/agencies", params={"q": "省公安廳"}).json()
    assert [a["id"] for a in simplified["data"]] == [a["id"] for a in traditional["data"]] == [POLICE]
    assert set(simplified) == {"data", "count", "offset", "limit"}


def test_agency_lists_are_paginated(client):
    first = client.get("/agencies", params={"limit": 5}).json()
    second = client.get("/agencies", params={"limit": 5, "offset": 5}).json()
    assert len(first["data"]) == 5 and first["count"] > 10
    assert not {a["id"] for a in first["data"]} & {a["id"] for a in second["data"]}
    assert client.get("/agencies", params={"limit": 100_000}).status_code == 422


def test_agency_detail_and_tasks_by_role(client):
    detail = client.get(f"/agencies/{POLICE}").json()
    assert detail["name_hant"] == "海南省公安廳" and detail["kind"] == "department"
    assert detail["counts"]["responsible"]["tasks"] > 0
    for role in ("lead", "responsible", "cooperating"):
        tasks = client.get(f"/agencies/{POLICE}/tasks", params={"role": role, "limit": 1000}).json()
        assert tasks["count"] == detail["counts"][role]["tasks"]
        assert all(task["role"] == role for task in tasks["data"])
    every = client.get(f"/agencies/{POLICE}/tasks", params={"role": "any", "limit": 1000}).json()
    assert every["count"] == sum(detail["counts"][r]["tasks"] for r in ("lead", "responsible", "cooperating"))
    assert client.get("/agencies/no-such-agency").status_code == 404


def test_an_agencys_detail_names_it_as_the_listing_does(client):
    listed = client.get("/agencies", params={"limit": 1000}).json()
    assert listed["count"] == len(listed["data"]) > 10
    for agency in listed["data"]:
        detail = client.get(f"/agencies/{agency['id']}").json()
        assert {key: detail[key] for key in agency} == agency


def test_agency_counts_are_what_the_graph_counts(client, server):
    """The counts come from the task index; asked of the graph through the SPARQL endpoint, they agree."""
    detail = client.get(f"/agencies/{POLICE}").json()
    sparql = SPARQLWrapper(server.sparql)
    sparql.setReturnFormat(JSON)
    sparql.setQuery(
        f"""PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX eli: <http://data.europa.eu/eli/ontology#>
SELECT ?role (COUNT(DISTINCT ?task) AS ?tasks) (COUNT(DISTINCT ?item) AS ?items) WHERE {{
  ?task prov:qualifiedAssociation ?assignment ; eli:is_part_of ?item .
  ?assignment prov:agent <{detail["iri"]}> ; prov:hadRole ?role .
}} GROUP BY ?role"""
    )
    rows = sparql.queryAndConvert()["results"]["bindings"]  # type: ignore[index,call-overload]
    role_of = {str(iri): role.value for role, iri in ROLE_IRIS.items()}
    counted = {role: {"tasks": 0, "items": 0} for role in ("lead", "responsible", "cooperating")}
    for row in rows:
        counted[role_of[row["role"]["value"]]] = {
            "tasks": int(row["tasks"]["value"]),
            "items": int(row["items"]["value"]),
        }
    assert detail["counts"] == counted and sum(c["tasks"] for c in counted.values()) > 3


def test_document_pages_walk_every_document_in_iri_order(client):
    whole = client.get("/documents", params={"limit": 1000}).json()
    assert whole["count"] == len(whole["data"]) > 10
    walked = []
    for offset in range(0, whole["count"], 7):
        part = client.get("/documents", params={"limit": 7, "offset": offset}).json()
        assert part["count"] == whole["count"] and len(part["data"]) <= 7
        walked += part["data"]
    assert walked == whole["data"] and [d["iri"] for d in walked] == sorted(d["iri"] for d in walked)
    notice = next(d for d in walked if d["notice"])
    detail = client.get(f"/documents/{notice['id']}").json()
    assert {k: detail[k] for k in notice} == notice


def test_item_detail_has_text_tasks_assignments_and_span(client):
    item = client.get("/items/琼府办〔2017〕89号/item/16").json()
    assert item["number"] == 16 and item["tasks"] and item["span"][0] < item["span"][1]
    assert all(task["assignments"] for task in item["tasks"])
    document = client.get(f"/documents/{item['document_id']}").json()
    assert any(entry["id"] == item["id"] for entry in document["items"])


def test_documents_accept_numbers_in_any_script_and_brackets(client):
    ids = {
        client.get(f"/documents/{number}").json()["id"]
        for number in ("琼府办〔2017〕89号", "瓊府辦[2017]89號")
    }
    assert ids == {"琼府办〔2017〕89号"}
    listing = client.get("/documents", params={"notices": True}).json()
    assert listing["count"] == 3


def test_a_documents_citers_are_counted_in_its_detail_and_listed_by_cites(client):
    detail = client.get("/documents/國郵發〔2016〕107號").json()
    assert detail["cited_by"] == {"notices": 1, "items": 1}
    assert client.get("/documents/國發〔2017〕14號").json()["cited_by"] == {"notices": 1, "items": 0}
    citing = client.get("/documents", params={"cites": "国邮发[2016]107号", "limit": 1}).json()
    assert citing["count"] == detail["cited_by"]["notices"]
    assert citing["data"][0]["id"] == "琼府办〔2017〕89号" and citing["data"][0]["notice"]
    assert client.get("/documents", params={"cites": "国发〔1999〕1号"}).json()["count"] == 0


@pytest.mark.parametrize("number", ["國發〔2017〕14號", "国发[2017]14号", "国发【2017】14号"])
def test_citations_in_either_script_and_bracket_style(client, number):
    found = client.get("/citations", params={"cites": number}).json()
    assert found["count"] >= 1
    assert {row["notice_id"] for row in found["data"]} == {"琼府办〔2017〕89号"}


def test_search_finds_task_text_in_either_script(client):
    simplified = client.get("/search", params={"q": "电子商务"}).json()
    traditional = client.get("/search", params={"q": "電子商務"}).json()
    assert simplified["count"] == traditional["count"] > 0
    assert all("電子商務" in hit["text"] for hit in simplified["data"])


def test_coordination_network_has_weighted_edges_and_metrics(client):
    network = client.get("/network/coordination").json()
    ids = {node["id"] for node in network["nodes"]}
    assert POLICE in ids
    assert network["edges"] and all(edge["weight"] >= 1 for edge in network["edges"])
    assert all({edge["source"], edge["target"]} <= ids for edge in network["edges"])
    assert any(node["betweenness"] is not None for node in network["nodes"])


def test_iris_dereference_to_html_and_rdf(client):
    page = client.get(f"/id/agency/{POLICE}", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "海南省公安" in page.text
    turtle = client.get(f"/id/agency/{POLICE}", headers={"Accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=turtle.text, format="turtle")
    assert (rdflib.URIRef(f"https://w3id.org/govkg/id/agency/{POLICE}"), None, None) in graph
    item = client.get("/id/doc/琼府办〔2017〕89号/item/16", params={"format": "jsonld"})
    assert rdflib.Graph().parse(data=item.text, format="json-ld")
    assert client.get("/id/agency/nothing-here").status_code == 404


def test_every_iri_of_an_item_page_resolves(client):
    page = client.get("/id/doc/琼府办〔2017〕89号/item/3").text
    links = sorted(set(re.findall(r'href="(/id/[^"]+)"', page)))
    assert links
    for link in links[:30]:
        assert client.get(link).status_code == 200, link


HOSTILE_PAGES = [
    "/id/doc/琼府办〔2099〕2号/item/1",
    "/id/doc/琼府办〔2099〕1号/item/1",
    "/id/agency/x-hostile",
    "/id/doc/琼府办〔2099〕2号",
    "/id/doc/琼府办〔2099〕2号/item/1/task/1",
    "/?query=SELECT%20*%20WHERE%20%7B%20%3Fs%20%3Fp%20%22%3C%2Fscript%3E%3Cscript%3Ealert(3)%3C%2Fscript%3E%22%20%7D",
    "/",
]


@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_untrusted_text_is_escaped_on_every_page(client, path):
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200
    html = response.text
    assert "<script>alert" not in html
    assert "</script><script>" not in html
    assert "default-src 'self'" in response.headers["content-security-policy"]


def test_the_hostile_name_is_shown_as_text(client):
    html = client.get("/id/agency/x-hostile", headers={"Accept": "text/html"}).text
    assert "省&lt;script&gt;alert(1)&lt;/script&gt;局" in html
    assert HOSTILE_NAME not in html


@pytest.mark.parametrize(
    ("path", "params"),
    [
        (f"/agencies/{POLICE}/tasks", {"role": "any"}),
        ("/search", {"q": "電子商務"}),
        ("/citations", {"cites": "國發〔2017〕14號"}),
        ("/agencies", {}),
    ],
)
def test_pages_put_together_are_the_whole_list(client, path, params):
    whole = client.get(path, params={**params, "limit": 1000}).json()
    assert whole["count"] == len(whole["data"]) >= 1
    pages, offset = [], 0
    while offset < whole["count"]:
        page = client.get(path, params={**params, "offset": offset, "limit": 3}).json()
        assert page["count"] == whole["count"] and len(page["data"]) <= 3
        pages += page["data"]
        offset += 3
    assert pages == whole["data"]
    beyond = client.get(path, params={**params, "offset": whole["count"] + 5}).json()
    assert beyond["data"] == [] and beyond["count"] == whole["count"]
