"""The coordination network paired in Python from every assignment row: the baseline.

:func:`graph.network.coordination_network` reads the summary graph or lets the store
aggregate pairs (GROUP BY pair); this module pulls all assignment rows and pairs them here
instead. The
benchmark measures one against the other, and the tests check they agree.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from graph.coordination_counts import ROLE_ORDER, role_pair_key
from graph.network import add_agency_nodes
from graph.network_scope import RoleFilter, Source, make_scope, role_of
from graph.selectable import as_selectable, query, text
from ingest.model import Role


def coordination_network_from_rows(
    source: Source, *, roles: RoleFilter = None, notice: str | None = None, section: int | None = None
) -> nx.Graph:
    """The same network as :func:`coordination_network`, pairing assignments in Python.

    Pulls every assignment row out of the store. Kept as the baseline the benchmark
    measures the aggregated queries against, and as a cross-check in the tests.
    """
    store = as_selectable(source)
    scope = make_scope(store, roles, notice, section)
    network = nx.Graph(
        projection="coordination",
        roles=[r.value for r in ROLE_ORDER if r in scope.roles],
        notice=scope.notice,
        section=scope.section,
    )
    add_agency_nodes(network, store, scope)
    by_task: dict[str, tuple[str, set[tuple[str, Role]]]] = {}
    for row in store.select(query("assignments", scope.filters("role"))):
        task, agency, role = text(row.get("task")), text(row.get("agency")), role_of(text(row.get("role")))
        if task and agency and role:
            by_task.setdefault(task, (text(row.get("notice")) or "", set()))[1].add((agency, role))
    shared: dict[tuple[str, str], dict[str, Any]] = {}
    for task, (notice_iri, members) in by_task.items():
        for agency_a, role_a in members:
            for agency_b, role_b in members:
                if agency_a >= agency_b:
                    continue
                edge = shared.setdefault((agency_a, agency_b), _empty_edge())
                edge["tasks"].add(task)
                edge["notices"].add(notice_iri)
                edge["pairs"][role_pair_key(role_a, role_b)] += 1
    for (a, b), edge in shared.items():
        network.add_edge(
            a,
            b,
            weight=len(edge["tasks"]),
            role_pairs=dict(sorted(edge["pairs"].items())),
            notice_count=len(edge["notices"]),
        )
    return network


def _empty_edge() -> dict[str, Any]:
    return {"tasks": set(), "notices": set(), "pairs": Counter()}
