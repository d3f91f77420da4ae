"""The store written out as files: RDF for other triple stores, networks for graph tools.

``ttl`` is the union graph (what queries see); ``nq`` and ``jsonld`` keep one named graph
per notice. ``graphml``, ``gexf`` and ``csv`` write a NetworkX projection from
:mod:`graph.network`; list and dict attributes become JSON strings, since those formats
hold only scalars.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

import networkx as nx

from graph.network import bipartite_network, citation_network, coordination_network
from graph.store import Store
from graph.stores.formats import UnknownFormatError

RDF_EXPORTS = ("ttl", "nq", "jsonld")
NETWORK_EXPORTS = ("graphml", "gexf", "csv")
EXPORT_FORMATS = RDF_EXPORTS + NETWORK_EXPORTS
NETWORKS: dict[str, Callable[[Store], nx.Graph]] = {
    "coordination": coordination_network,
    "bipartite": bipartite_network,
    "citation": citation_network,
}
CSV_COLUMNS = ("source", "target", "source_label", "target_label", "weight")


def export(store: Store, fmt: str, *, network: str = "coordination") -> bytes:
    """The store in ``fmt`` (one of :data:`EXPORT_FORMATS`); network formats write ``network``."""
    if fmt in RDF_EXPORTS:
        return store.dump(fmt)
    if fmt not in NETWORK_EXPORTS:
        raise UnknownFormatError(f"E024: unknown export format {fmt!r} (known: {', '.join(EXPORT_FORMATS)})")
    if network not in NETWORKS:
        raise UnknownFormatError(f"E024: unknown network {network!r} (known: {', '.join(NETWORKS)})")
    projection = scalar_attributes(NETWORKS[network](store))
    if fmt == "csv":
        return network_csv(projection).encode("utf-8")
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(projection, buffer, encoding="utf-8")
    else:
        nx.write_gexf(projection, buffer, encoding="utf-8")
    return buffer.getvalue()


def scalar_attributes(network: nx.Graph) -> nx.Graph:
    """A copy whose graph, node and edge attributes are all str, int, float or bool.

    >>> g = nx.Graph(roles=["lead"]); g.add_edge("a", "b", items=["x"], weight=2)
    >>> scalar_attributes(g).edges["a", "b"]
    {'items': '["x"]', 'weight': 2}
    """
    flat = network.__class__()
    flat.graph.update(_scalars(network.graph))
    flat.add_nodes_from((node, _scalars(data)) for node, data in network.nodes(data=True))
    flat.add_edges_from((a, b, _scalars(data)) for a, b, data in network.edges(data=True))
    return flat


def network_csv(network: nx.Graph) -> str:
    """One row per edge: endpoints (IRIs), their display labels, and the edge weight."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for a, b, data in network.edges(data=True):
        label_a = network.nodes[a].get("label", a)
        label_b = network.nodes[b].get("label", b)
        writer.writerow([a, b, label_a, label_b, data.get("weight", data.get("count", 1))])
    return buffer.getvalue()


def _scalars(attributes: dict[str, Any]) -> dict[str, Any]:
    return {key: _scalar(value) for key, value in attributes.items() if value is not None}


def _scalar(value: Any) -> Any:
    if isinstance(value, str | int | float | bool):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
