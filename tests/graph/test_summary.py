"""The summary graph stays exactly the sum of the stored notices, whatever writes came before."""

from __future__ import annotations

import contextlib
import dataclasses
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import URIRef

from graph import summary
from graph.rdf import graph_iri
from graph.store import open_store
from ingest.model import Document, Item, Role, Section, Source
from tests.graph.network_fixture import AIC, BASE, COURT, FIRST, IPO, POLICE, PROC, SECOND, fill, notice, task

R, L, C = Role.RESPONSIBLE, Role.LEAD, Role.COOPERATING
IPO_ALONE = task(2, (IPO, L))
COURT_WITH_TWO = task(1, (COURT, L), (PROC, C), (POLICE, C))
#: The same two notices in other versions (new bytes): other pairs, roles and loads.
SECOND_CHANGED = dataclasses.replace(
    notice(
        "琼府办〔2018〕1号",
        [Section(1, "一", (0, 1), [Item(1, "(一)", "加强执法", (0, 1), 1, [task(1, (AIC, R), (IPO, C))])])],
        [],
    ),
    source=Source("changed", "f" * 64),
)
FIRST_CHANGED = dataclasses.replace(
    notice(
        "琼府办〔2017〕89号",
        [
            Section(
                1,
                "一",
                (0, 1),
                [Item(1, "(一)", "协同", (0, 1), 1, [COURT_WITH_TWO, IPO_ALONE])],
            )
        ],
        [],
    ),
    source=Source("changed-first", "e" * 64),
)
VERSIONS = [FIRST, SECOND, SECOND_CHANGED, FIRST_CHANGED]
NOTICES = st.lists(st.sampled_from(VERSIONS), min_size=1, max_size=3)
ONE_WRITE = st.tuples(st.sampled_from(["put", "remove"]), NOTICES)
SUMMARY = f"<{summary.summary_iri(BASE)}>"

writes = st.lists(ONE_WRITE, min_size=1, max_size=6)


def summary_graph(store) -> set[tuple[str, str, str]]:
    rows = store.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH {SUMMARY} {{ ?s ?p ?o }} }}")
    return {(str(r["s"]), str(r["p"]), str(r["o"])) for r in rows}


@pytest.mark.parametrize("on_disk", [False, True], ids=["transactions", "bulk-loader"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operations=writes, deferred=st.booleans())
def test_any_sequence_of_writes_leaves_the_summary_a_rebuild_would_write(on_disk, operations, deferred):
    with tempfile.TemporaryDirectory() as folder, open_store(folder if on_disk else "oxigraph:") as store:
        with store.summary_deferred() if deferred else contextlib.nullcontext():
            for action, docs in operations:
                if action == "put":
                    fill(store, *docs)
                else:
                    for doc in docs:
                        store.remove_notice(str(store_graph(doc)))
        assert store.summaries_current()
        assert bool(store.notices()) == bool(summary_graph(store))
        kept = summary_graph(store)
        records = [(str(r.graph), r.sha256, r.parser_version) for r in store.notices()]
        summary.rebuild(store, BASE, records)
        assert summary_graph(store) == kept


def store_graph(doc: Document) -> URIRef:
    return graph_iri(doc, BASE)


def test_a_deferred_summary_is_stale_until_the_block_ends():
    with open_store("oxigraph:") as store:
        fill(store, FIRST)
        with store.summary_deferred():
            fill(store, SECOND)
            assert not store.summaries_current()
            store.flush_summary()
            assert store.summaries_current()
            store.remove_notice(str(store_graph(FIRST)))
            assert not store.summaries_current()
        assert store.summaries_current()
        assert {str(r.graph) for r in store.notices()} == {str(store_graph(SECOND))}
