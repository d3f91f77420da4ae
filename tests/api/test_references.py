"""An entity's page lists what refers to it: all of it for most entities, the first few hundred
for a busy agency or a much-cited document, with a link to the query listing every one."""

from __future__ import annotations

import asyncio
import html
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from api.execution import ThreadExecutor
from api.routes import resources
from api.settings import Settings
from graph.iris import default_base
from graph.load import ingest_paths
from graph.store import open_store

AGENCY = "agency/hainan-public-security"
NOTICE = "doc/琼府办〔2017〕89号"
REFERENCES = re.compile(r'<tr><td><a href="([^"]+)">[^<]*</a></td><td class="iri">([^<]+)</td></tr>')
#: Each subject referring to the entity with its title (the sample's have one at most).
TITLES = """SELECT ?s ?l WHERE {{ ?s ?p <{iri}> . ?s <http://purl.org/dc/terms/title> ?l }}"""


def stated(endpoint: str, iri: str) -> set[tuple[str, str]]:
    """(subject, property) of every statement naming ``iri`` as object, asked of the endpoint."""
    client = SPARQLWrapper(endpoint)
    client.setQuery(f"SELECT DISTINCT ?s ?p WHERE {{ ?s ?p <{iri}> }}")
    client.setReturnFormat(JSON)
    rows = client.queryAndConvert()["results"]["bindings"]  # type: ignore[index]
    return {(row["s"]["value"], row["p"]["value"]) for row in rows}


@pytest.mark.server
def test_an_agencys_page_lists_every_statement_referring_to_it(client, server):
    base = default_base()
    page = client.get(f"/id/{AGENCY}", headers={"Accept": "text/html"}).text
    listed = {(base + html.unescape(href).removeprefix("/id/"), p) for href, p in REFERENCES.findall(page)}
    expected = stated(server.sparql, base + AGENCY)
    assert listed == expected and len(expected) > 20
    assert "all of them" not in page


def test_past_the_cap_the_first_references_come_with_the_query_for_all(
    tmp_path: Path, sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resources, "INCOMING_SHOWN", 5)
    base = default_base()
    iri = base + NOTICE
    with open_store(str(tmp_path / "store")) as store:
        ingest_paths(store, [sample_path])
        every = {(str(r["s"]), str(r["p"])) for r in store.select(resources._ALL_INCOMING.format(iri=iri))}
        titles = {str(r["s"]): str(r["l"]) for r in store.select(TITLES.format(iri=iri))}
        executor = ThreadExecutor(store, Settings())
        with ThreadPoolExecutor(1) as thread:  # a loop of its own: the browser tests may hold this thread's
            links, all_of_them = thread.submit(
                asyncio.run, resources._references(executor, iri, base)
            ).result()
        assert all_of_them is not None
        query = parse_qs(urlparse(all_of_them).query)["query"][0]
        assert {(str(r["s"]), str(r["p"])) for r in store.select(query)} == every
    assert len(every) > 5 and len(links) == 5
    assert {(link["iri"], link["p"]) for link in links} <= every
    assert [(link["p"], link["iri"]) for link in links] == sorted((link["p"], link["iri"]) for link in links)
    assert [link["label"] for link in links] == [titles.get(link["iri"]) for link in links]
