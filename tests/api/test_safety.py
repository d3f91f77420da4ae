"""What the public endpoint refuses, and the time limit that really stops a query."""

from __future__ import annotations

import concurrent.futures

import httpx
import pytest

from api.errors import MalformedQueryError, QueryRefusedError
from api.safety import check_query

pytestmark = pytest.mark.server

UPDATES = [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "LOAD <http://127.0.0.1:9/data.ttl>",
    "CLEAR ALL",
    "DROP GRAPH <urn:g>",
    "CREATE GRAPH <urn:g>",
    "PREFIX x: <urn:x#>\nCLEAR DEFAULT ; INSERT DATA { x:a x:b x:c }",
]
SERVICES = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { OPTIONAL { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } } }",
    "SELECT * WHERE { VALUES ?e { <http://127.0.0.1:9/sparql> } SERVICE ?e { ?s ?p ?o } }",
    "select * where { service <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
]
HARMLESS = [
    'SELECT * WHERE { ?s ?p "SERVICE <http://x/> { }" }',
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x/>",
    "SELECT ?service WHERE { ?service ?p ?o } LIMIT 1",
]
PATHOLOGICAL = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"


@pytest.mark.parametrize("query", UPDATES)
def test_updates_are_refused_by_the_checker(query):
    with pytest.raises(QueryRefusedError, match="read-only"):
        check_query(query)


@pytest.mark.parametrize("query", SERVICES)
def test_service_is_refused_without_an_allow_list(query):
    with pytest.raises(QueryRefusedError, match="SERVICE"):
        check_query(query)


def test_service_on_the_allow_list_passes_and_others_do_not():
    allowed = ("http://127.0.0.1:9/sparql",)
    assert check_query(SERVICES[0], allowed) == "SELECT"
    with pytest.raises(QueryRefusedError):
        check_query(SERVICES[0].replace(":9/", ":10/"), allowed)
    with pytest.raises(QueryRefusedError):
        check_query(SERVICES[2], allowed)  # a variable endpoint is never checkable


@pytest.mark.parametrize("query", HARMLESS)
def test_the_word_service_in_strings_comments_and_names_is_harmless(query):
    assert check_query(query) == "SELECT"


def test_a_query_too_deep_for_rdflib_still_meets_the_service_scan():
    long_query = "SELECT * WHERE {" + " ".join(f"?s <urn:p{i}> ?o{i} ." for i in range(1500))
    assert check_query(long_query + "}") is None  # left to the store's parser
    with pytest.raises(QueryRefusedError):
        check_query(long_query + " SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")


def test_garbage_is_malformed():
    with pytest.raises(MalformedQueryError):
        check_query("DELETE EVERYTHING NOW")


@pytest.mark.parametrize("query", UPDATES + SERVICES)
def test_the_server_refuses_updates_and_service(client, query):
    for response in (
        client.post("/sparql", data={"query": query}),
        client.get("/sparql", params={"query": query}),
        client.post("/sparql", content=query.encode(), headers={"Content-Type": "application/sparql-query"}),
    ):
        assert response.status_code == 403, response.text
    assert client.post("/sparql", data={"update": query}).status_code == 403
    count = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
    assert int(count.json()["results"]["bindings"][0]["n"]["value"]) > 1000


def test_a_runaway_query_is_stopped_while_other_queries_answer(server):
    simple = {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/govkg/ontology#WorkItem> }"}
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        runaway = pool.submit(httpx.post, server.sparql, data={"query": PATHOLOGICAL}, timeout=120)
        answers = [pool.submit(httpx.get, server.sparql, params=simple, timeout=120) for _ in range(6)]
        stopped = runaway.result()
        assert stopped.status_code == 504
        assert "stopped" in stopped.json()["message"]
        assert all(answer.result().status_code == 200 for answer in answers)
    # the pool replaced the killed worker: queries go on being answered
    for _ in range(4):
        assert httpx.get(server.sparql, params=simple, timeout=60).status_code == 200
