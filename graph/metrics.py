"""Network metrics over the coordination network: lead load, centralities, communities.

Every function takes a projection from :mod:`graph.network` and never fails on the
graphs real queries produce: empty, a single agency, agencies without shared tasks,
or several disconnected groups. Results are deterministic (fixed seeds, sorted ties).

:func:`annotated_coordination_network` adds these node attributes to a copy of the
coordination network (on top of the contract in :mod:`graph.network`):
``degree`` (int, neighbours), ``strength`` (int, sum of edge weights),
``degree_centrality``, ``betweenness``, ``eigenvector`` (float, 0..1) and
``community`` (int, 0 = the largest community).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from enum import StrEnum

import networkx as nx

from graph.network import coordination_network
from graph.network_scope import RoleFilter, Source, make_scope
from graph.projection_cache import CACHE
from graph.selectable import as_selectable

__all__ = [
    "Centrality",
    "CommunityMethod",
    "LeadLoad",
    "annotated_coordination_network",
    "centralities",
    "communities",
    "lead_load",
]


@dataclass(frozen=True, slots=True)
class LeadLoad:
    """How much one agency leads: tasks and distinct items, next to all its tasks."""

    agency: str
    label: str
    lead_tasks: int
    lead_items: int
    tasks: int


@dataclass(frozen=True, slots=True)
class Centrality:
    """One agency's position in the weighted coordination network."""

    agency: str
    label: str
    degree: int
    strength: int
    degree_centrality: float
    betweenness: float
    eigenvector: float


_NEGLIGIBLE = 1e-6
"""Scaled eigenvector values below this are iteration residue, reported as 0."""


class CommunityMethod(StrEnum):
    """Community detection algorithms offered; both use edge weights."""

    LOUVAIN = "louvain"
    GREEDY = "greedy"


def lead_load(network: nx.Graph) -> list[LeadLoad]:
    """Agencies by the number of tasks they lead, then items led; agencies leading nothing are left out.

    Reads the ``lead`` and ``lead_items`` node attributes, so pass a coordination network
    counting lead roles (the default, any role, does).
    """
    loads = [
        LeadLoad(
            agency=node,
            label=data.get("label", node),
            lead_tasks=data.get("lead", 0),
            lead_items=data.get("lead_items", 0),
            tasks=data.get("tasks", 0),
        )
        for node, data in network.nodes(data=True)
        if data.get("lead", 0) > 0
    ]
    return sorted(loads, key=lambda load: (-load.lead_tasks, -load.lead_items, load.label, load.agency))


def centralities(network: nx.Graph) -> list[Centrality]:
    """Degree, strength, betweenness and eigenvector centrality, most central first.

    Betweenness treats a heavier edge as a shorter path (distance = 1 / weight), since
    agencies sharing many tasks are closely tied. Projections are cached and shared
    unchanged (:mod:`graph.projection_cache`), so the answer is kept with the network:
    betweenness over thousands of agencies takes seconds, and a service asks per request.
    """
    known = _CENTRALITIES.get(network)
    if known is None:
        known = _CENTRALITIES[network] = _centralities(network)
    return list(known)


_CENTRALITIES: weakref.WeakKeyDictionary[nx.Graph, list[Centrality]] = weakref.WeakKeyDictionary()


def _centralities(network: nx.Graph) -> list[Centrality]:
    betweenness = _betweenness(network)
    eigenvector = _eigenvector(network)
    size = network.number_of_nodes()
    result = [
        Centrality(
            agency=node,
            label=data.get("label", node),
            degree=network.degree(node),
            strength=int(network.degree(node, weight="weight")),
            degree_centrality=network.degree(node) / (size - 1) if size > 1 else 0.0,
            betweenness=betweenness.get(node, 0.0),
            eigenvector=eigenvector.get(node, 0.0),
        )
        for node, data in network.nodes(data=True)
    ]
    return sorted(result, key=lambda c: (-c.eigenvector, -c.strength, -c.betweenness, c.label, c.agency))


def _betweenness(network: nx.Graph) -> dict[str, float]:
    if network.number_of_edges() == 0:
        return dict.fromkeys(network, 0.0)
    distances = nx.Graph()
    distances.add_nodes_from(network)
    distances.add_edges_from(
        (u, v, {"distance": 1.0 / max(w, 1)}) for u, v, w in network.edges(data="weight", default=1)
    )
    values: dict[str, float] = nx.betweenness_centrality(distances, weight="distance", normalized=True)
    return values


def _eigenvector(network: nx.Graph) -> dict[str, float]:
    """Eigenvector centrality scaled to a maximum of 1; 0 for agencies without shared tasks.

    On a disconnected network the power iteration concentrates on the component with
    the largest eigenvalue, as the definition implies. If it does not converge, each
    component is solved alone and scaled by its share of the agencies.
    """
    if network.number_of_edges() == 0:
        return dict.fromkeys(network, 0.0)
    try:
        values: dict[str, float] = nx.eigenvector_centrality(
            network, weight="weight", max_iter=2000, tol=1e-9
        )
    except nx.PowerIterationFailedConvergence:
        values = dict.fromkeys(network, 0.0)
        for component in nx.connected_components(network):
            if len(component) < 2:
                continue
            part = nx.eigenvector_centrality(
                network.subgraph(component), weight="weight", max_iter=5000, tol=1e-6
            )
            share = len(component) / network.number_of_nodes()
            values.update({node: value * share for node, value in part.items()})
    top = max(values.values(), default=0.0)
    scaled = {node: (value / top if top > 0 else 0.0) for node, value in values.items()}
    return {
        node: (value if value >= _NEGLIGIBLE and network.degree(node) else 0.0)
        for node, value in scaled.items()
    }


def communities(
    network: nx.Graph, *, method: CommunityMethod | str = CommunityMethod.LOUVAIN, seed: int = 0
) -> list[list[str]]:
    """Groups of agencies that share more tasks with each other than with the rest.

    Louvain runs with a fixed ``seed``, so the same network always gives the same
    groups. Groups are sorted largest first (ties by their first member), members by IRI.
    """
    if network.number_of_nodes() == 0:
        return []
    if CommunityMethod(method) is CommunityMethod.GREEDY and network.number_of_edges() > 0:
        groups = nx.community.greedy_modularity_communities(network, weight="weight")
    elif network.number_of_edges() > 0:
        groups = nx.community.louvain_communities(network, weight="weight", seed=seed)
    else:
        groups = [{node} for node in network]
    ordered = [sorted(group) for group in groups]
    return sorted(ordered, key=lambda group: (-len(group), group[0]))


def annotated_coordination_network(
    source: Source,
    *,
    roles: RoleFilter = None,
    notice: str | None = None,
    section: int | None = None,
    seed: int = 0,
) -> nx.Graph:
    """A copy of the coordination network with centralities and community on every node; cached."""
    store = as_selectable(source)
    scope = make_scope(store, roles, notice, section)

    def build() -> nx.Graph:
        network = coordination_network(source, roles=roles, notice=scope.notice, section=section).copy()
        for value in centralities(network):
            network.nodes[value.agency].update(
                degree=value.degree,
                strength=value.strength,
                degree_centrality=value.degree_centrality,
                betweenness=value.betweenness,
                eigenvector=value.eigenvector,
            )
        for index, group in enumerate(communities(network, seed=seed)):
            for node in group:
                network.nodes[node]["community"] = index
        return network

    return CACHE.get(source, ("annotated-coordination", scope.key, seed), build)
