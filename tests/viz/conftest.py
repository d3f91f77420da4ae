"""Stores holding small hand-built notices (and the parsed sample), and a page loader that
records every request a page makes."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from graph.iris import graph_iri
from graph.network import clear_cache
from graph.rdf import notice_graph, parser_version
from graph.store import Store, open_store
from ingest.model import Document
from tests.viz.fixtures import notice_one, notice_two

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


def load(store: Store, docs: list[Document]) -> Store:
    for doc in docs:
        store.replace_notice(str(graph_iri(doc)), notice_graph(doc), doc.source.sha256, parser_version())
    clear_cache()
    return store


@pytest.fixture(scope="session")
def small_docs() -> list[Document]:
    return [notice_one(), notice_two()]


@pytest.fixture(scope="session")
def small_store(small_docs) -> Iterator[Store]:
    store = open_store("oxigraph:")
    yield load(store, small_docs)
    store.close()


@pytest.fixture(scope="session")
def sample_doc(sample_path) -> Document:
    ingest = pytest.importorskip("ingest")
    if not hasattr(ingest, "read_file"):
        pytest.skip("the parser (ingest.read_file) is not available yet")
    doc: Document = ingest.read_file(sample_path)
    return doc


@pytest.fixture(scope="session")
def sample_store(sample_doc) -> Iterator[Store]:
    store = open_store("oxigraph:")
    yield load(store, [sample_doc])
    store.close()


def is_local(url: str) -> bool:
    """file:, data:, about: and blob: URLs, or http(s) to a loopback address."""
    parts = urlsplit(url)
    if parts.scheme in ("file", "data", "about", "blob"):
        return True
    if parts.scheme in ("http", "https", "ws", "wss"):
        host = parts.hostname or ""
        if host == "localhost":
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False
    return False


@dataclass
class LoadedPage:
    page: object
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def viz(self, expression: str) -> object:
        return self.page.evaluate(f"() => window.govkgViz.{expression}")  # type: ignore[attr-defined]

    def counts(self) -> tuple[int, int]:
        return self.viz("nodeCount()"), self.viz("edgeCount()")  # type: ignore[return-value]


@pytest.fixture
def open_page(browser) -> Iterator[Callable[..., LoadedPage]]:
    """Opens a URL, records every request (answering none that leaves the machine) and waits
    for a network page to settle."""
    contexts = []

    def opener(url: str, *, settle: bool = True) -> LoadedPage:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(context)
        page = context.new_page()
        loaded = LoadedPage(page)

        def route(route, request) -> None:
            loaded.requests.append(request.url)
            if is_local(request.url):
                route.continue_()
            else:
                route.abort()

        page.route("**/*", route)
        page.on("pageerror", lambda error: loaded.errors.append(str(error)))
        page.on("console", lambda msg: loaded.errors.append(msg.text) if msg.type == "error" else None)
        page.goto(url)
        if settle:
            page.wait_for_function("() => window.govkgViz && window.govkgViz.stabilized", timeout=120_000)
        return loaded

    yield opener
    for context in contexts:
        context.close()
