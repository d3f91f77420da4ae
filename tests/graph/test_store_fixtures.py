"""Fixtures the store, load, export and CLI tests share: tiny notices and every backend.

The ``sparql+http`` backend runs against a real ``oxigraph serve`` on loopback, started
once per session and emptied before each test.
"""

from __future__ import annotations

import hashlib
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph

from graph.rdf import graph_iri, notice_graph, parser_version
from graph.store import Store, open_store
from ingest.model import (
    Agency,
    AgencyKind,
    Assignment,
    Citation,
    Document,
    Header,
    Item,
    Role,
    Section,
    Source,
    Task,
)

BASE = "https://w3id.org/govkg/id/"
DEPT = AgencyKind.DEPARTMENT
POLICE = Agency("hainan-public-security", "海南省公安厅", "海南省公安廳", "Public Security", DEPT)
FOREST = Agency("hainan-forestry", "海南省林业厅", "海南省林業廳", "Forestry", DEPT)
COURT = Agency("hainan-high-court", "海南省高级人民法院", "海南省高級人民法院", None, AgencyKind.JUDICIAL)
CITED = "国发〔2017〕14号"


def tiny_notice(number: str, texts: list[str], agencies: list[Agency], cite: str | None = CITED) -> Document:
    """A one-item notice whose tasks are ``texts``, task k assigned to ``agencies[k % n]``."""
    text = "".join(texts)
    tasks, offset = [], 0
    for k, task_text in enumerate(texts):
        span = (offset, offset + len(task_text))
        who = agencies[k % len(agencies)]
        role = Role.LEAD if k % 2 == 0 else Role.RESPONSIBLE
        tasks.append(Task(k + 1, task_text, span, span, [Assignment(who, role, who.name, span)]))
        offset += len(task_text)
    item = Item(1, "(一)", texts[0][:4], (0, len(text)), 1, tasks)
    citations = [Citation(cite, None, 1, (0, 1))] if cite else []
    sha = hashlib.sha256(f"{number}\n{text}".encode()).hexdigest()
    return Document(
        Source(f"{number}.txt", sha),
        text,
        "hans",
        Header(f"关于{number}的通知", number, None, "2017-05-27", (), None),
        [Section(1, "总体要求", (0, len(text)), [item])],
        citations,
        sorted(set(agencies), key=lambda a: a.id),
        [],
    )


def put(store: Store, doc: Document) -> bool:
    """Store one document the way the loader does."""
    graph = notice_graph(doc, base=BASE)
    return store.replace_notice(str(graph_iri(doc, BASE)), graph, doc.source.sha256, parser_version())


def notice_graph_of(doc: Document) -> Graph:
    return notice_graph(doc, base=BASE)


@pytest.fixture(scope="session")
def oxigraph_server(sparql_server: str) -> str:
    """The real ``oxigraph serve`` on loopback from tests/conftest.py (the one `.ci/run` starts)."""
    return sparql_server


def empty_server(url: str) -> None:
    headers = {"Content-Type": "application/sparql-update"}
    request = urllib.request.Request(f"{url}/update", data=b"DROP ALL", method="POST", headers=headers)
    urllib.request.urlopen(request, timeout=10).close()


BACKENDS = ("oxigraph", "memory", "sparql+http")


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store of each backend in turn."""
    if request.param == "oxigraph":
        location = str(tmp_path / "store")
    elif request.param == "memory":
        location = "memory:"
    else:
        url = request.getfixturevalue("oxigraph_server")
        empty_server(url)
        location = f"sparql+{url}"
    with open_store(location) as opened:
        yield opened
