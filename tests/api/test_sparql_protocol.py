"""The SPARQL 1.1 Protocol against a running server, with standard clients and parsers."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
import rdflib
import rdflib.compare
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, SPARQLWrapper

from ontology.queries import load_query

pytestmark = pytest.mark.server

LEADS = """PREFIX govkg: <https://w3id.org/govkg/ontology#>
SELECT ?agency (COUNT(DISTINCT ?task) AS ?n) WHERE { ?task govkg:leadAgency ?agency } GROUP BY ?agency"""
ITEMS = "SELECT (COUNT(?i) AS ?n) WHERE { ?i a <https://w3id.org/govkg/ontology#WorkItem> }"
CONSTRUCT = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
CONSTRUCT { ?a skos:prefLabel ?l }
WHERE { ?a a <https://w3id.org/govkg/ontology#Agency> ; skos:prefLabel ?l }"""


def test_sparqlwrapper_counts_the_sample_items(server):
    client = SPARQLWrapper(server.sparql)
    client.setQuery(ITEMS)
    client.setReturnFormat(JSON)
    rows = client.queryAndConvert()["results"]["bindings"]
    assert int(rows[0]["n"]["value"]) == 28 + 2 + 1  # the sample, the parsed and the hand-built test notice


def test_sparqlwrapper_answers_the_competency_question_item_detail(server):
    client = SPARQLWrapper(server.sparql)
    client.setQuery(load_query("item_detail").bind(itemNumber=16, noticeNumber="瓊府辦〔2017〕89號"))
    client.setReturnFormat(JSON)
    client.setMethod("POST")
    rows = client.queryAndConvert()["results"]["bindings"]
    assert rows and {row["itemNumber"]["value"] for row in rows} == {"16"}
    assert all(row["noticeId"]["value"] == "琼府办〔2017〕89号" for row in rows if "noticeId" in row)


def test_rdflib_sparqlstore_answers_agency_tasks_in_either_script(server):
    store = SPARQLStore(server.sparql, returnFormat="json")
    graph = rdflib.Graph(store=store)
    simplified = list(graph.query(load_query("agency_tasks").bind(agencyName="省公安厅")))
    traditional = list(graph.query(load_query("agency_tasks").bind(agencyName="省公安廳")))
    assert simplified and sorted(map(tuple, simplified)) == sorted(map(tuple, traditional))


def test_rdflib_sparqlstore_answers_citing_notices(server):
    graph = rdflib.Graph(store=SPARQLStore(server.sparql))
    rows = list(graph.query(load_query("citing_notices").bind(documentNumber="國發〔2017〕14號")))
    assert rows
    assert {str(row.noticeNumber) for row in rows} == {"琼府办〔2017〕89号"}


@pytest.mark.parametrize(
    ("accept", "check"),
    [
        ("application/sparql-results+json", lambda body: json.loads(body)["results"]["bindings"]),
        ("application/sparql-results+xml", lambda body: ET.fromstring(body).findall(".//{*}result")),
        ("text/csv", lambda body: list(csv.DictReader(io.StringIO(body.decode())))),
        ("text/tab-separated-values", lambda body: body.decode().splitlines()[1:]),
    ],
)
def test_every_results_format_parses(client, accept, check):
    response = client.post("/sparql", data={"query": LEADS}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    assert len(check(response.content)) > 3


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_every_graph_format_parses_to_the_same_graph(client, accept, rdflib_format):
    reference = rdflib.Graph().parse(
        data=client.post(
            "/sparql", data={"query": CONSTRUCT}, headers={"Accept": "application/n-triples"}
        ).text,
        format="nt",
    )
    response = client.post("/sparql", data={"query": CONSTRUCT}, headers={"Accept": accept})
    assert response.status_code == 200
    parsed = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    assert len(parsed) == len(reference) > 10
    assert rdflib.compare.isomorphic(parsed, reference)


def test_format_parameter_overrides_accept(client):
    response = client.get(
        "/sparql", params={"query": ITEMS, "format": "csv"}, headers={"Accept": "text/html"}
    )
    assert response.headers["content-type"].startswith("text/csv")


def test_q_values_choose_the_preferred_format(client):
    accept = "application/sparql-results+json;q=0.4, application/sparql-results+xml;q=0.9"
    response = client.get("/sparql", params={"query": ITEMS}, headers={"Accept": accept})
    assert response.headers["content-type"].startswith("application/sparql-results+xml")


def test_sparql_query_body_is_accepted(client):
    response = client.post(
        "/sparql", content=ITEMS.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    assert response.status_code == 200 and response.json()["results"]["bindings"]


def test_ask_and_describe(client):
    ask = client.get("/sparql", params={"query": "ASK { ?s a <https://w3id.org/govkg/ontology#Notice> }"})
    assert ask.json()["boolean"] is True
    describe = client.get(
        "/sparql",
        params={"query": "DESCRIBE <https://w3id.org/govkg/id/agency/hainan-public-security>"},
        headers={"Accept": "text/turtle"},
    )
    assert len(rdflib.Graph().parse(data=describe.text, format="turtle")) > 2


def test_service_description(client):
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (None, sd.feature, sd.UnionDefaultGraph) in graph
    assert (None, sd.endpoint, rdflib.URIRef(str(client.base_url) + "/sparql")) in graph


@pytest.mark.parametrize(
    ("request_kwargs", "status"),
    [
        ({"method": "GET", "params": {"query": "SELECT * WHERE { ?s ?p }"}}, 400),
        ({"method": "GET", "params": {"query": "not sparql at all"}}, 400),
        ({"method": "GET", "params": {"query": "ASK {}"}, "headers": {"Accept": "image/png"}}, 406),
        ({"method": "POST", "content": b"ASK {}", "headers": {"Content-Type": "text/plain"}}, 415),
        ({"method": "POST", "data": {"query": "ASK {} #" + "x" * 20_000}}, 413),
        ({"method": "GET", "params": {"query": "ASK {} #" + "x" * 20_000}}, 413),
    ],
)
def test_protocol_errors_have_the_right_status_and_a_message(client, request_kwargs, status):
    kwargs = dict(request_kwargs)
    response = client.request(kwargs.pop("method"), "/sparql", **kwargs)
    assert response.status_code == status
    assert response.json()["message"]
