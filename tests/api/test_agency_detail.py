"""An agency's detail: names from the cached attributes, counts from the task index."""

from __future__ import annotations

from pathlib import Path

import pytest

from api import rest
from graph.iris import default_base
from graph.load import ingest_paths
from graph.projection_cache import clear_cache
from graph.store import Store, open_store

ZERO = {role: {"tasks": 0, "items": 0} for role in ("lead", "responsible", "cooperating")}


@pytest.fixture(scope="module", params=["oxigraph", "memory"])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, sample_path: Path):
    """The sample in a store of each kind; each test adds statements of its own to it."""
    location = str(tmp_path_factory.mktemp("store") / "store") if request.param == "oxigraph" else "memory:"
    with open_store(location) as opened:
        ingest_paths(opened, [sample_path])
        yield opened


def insert(store: Store, statements: str) -> None:
    """Statements written past govkg's notices, which the store's version does not see: what was
    cached for that version is dropped by hand."""
    graph = f"{default_base()}doc/extra/graph"
    store.update(f"INSERT DATA {{ GRAPH <{graph}> {{ {statements} }} }}")
    clear_cache()


def test_an_agency_the_graph_names_nowhere_has_no_names_and_no_tasks(store: Store) -> None:
    base = default_base()
    bare = f"{base}agency/bare"
    insert(store, f"<{bare}> a <https://w3id.org/govkg/ontology#Agency>")
    detail = rest.agency_detail(store, base, "bare")
    assert detail == {
        "id": "bare",
        "iri": bare,
        "name_hans": None,
        "name_hant": None,
        "english": None,
        "kind": "unknown",
        "aliases": [],
        "counts": ZERO,
    }
    assert rest.agency_detail(store, base, "no-such-agency") is None


def test_an_agency_with_two_labels_in_one_script_shows_the_listings(store: Store) -> None:
    base = default_base()
    police = f"{base}agency/hainan-public-security"
    insert(store, f'<{police}> <http://www.w3.org/2004/02/skos/core#prefLabel> "公安厅（海南省）"@zh-Hans')
    listed = next(a for a in rest.list_agencies(store, base, None)[0] if a["iri"] == police)
    detail = rest.agency_detail(store, base, "hainan-public-security")
    assert detail is not None and {key: detail[key] for key in listed} == listed
    assert detail["name_hans"] == "公安厅（海南省）"  # the smaller of its two labels, in any store order
