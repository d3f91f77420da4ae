"""NetworkX projections of the knowledge graph, each built by SPARQL in one function.

Every projection takes any store (an object with ``select(sparql) -> list[dict]``)
or an rdflib ``Graph``/``Dataset``, so it runs unchanged on every backend. Results
are cached per store and per store ``version()``; a store that changes gets a fresh
projection, an unversioned source is never cached. Cached graphs are shared:
``copy()`` one before changing it.

Attribute contract (``viz/`` and ``api/`` rely on exactly these names)
-----------------------------------------------------------------------
:func:`coordination_network` -> ``nx.Graph``, undirected, one node per agency.
  Graph attrs: ``projection="coordination"``, ``roles`` (sorted role names counted),
  ``notice`` (IRI or None), ``section`` (int or None).
  Node key: agency IRI (str). Node attrs:
    ``label_hans``, ``label_hant``, ``english`` (str | None) - preferred labels;
    ``label`` (str) - best display label (Simplified, else Traditional, else IRI);
    ``kind`` (str) - :class:`ingest.model.AgencyKind` value, e.g. ``"judicial"``;
    ``lead``, ``responsible``, ``cooperating`` (int) - tasks in that role;
    ``tasks`` (int) - the three summed (an agency in two roles of one task counts twice);
    ``lead_items`` (int) - items in which it leads a task (0 unless lead roles count);
    ``items`` (list[dict]) - the items it works on, most tasks first, each
      ``{"iri", "notice", "number", "label", "title", "tasks", "lead", "responsible", "cooperating"}``;
    ``notices`` (list[str]) - IRIs of the notices it appears in, sorted.
    (``items`` and ``notices`` are left out when built with ``items=False``.)
  Edge attrs:
    ``weight`` (int) - number of tasks both agencies are assigned to;
    ``role_pairs`` (dict[str, int]) - shared tasks per role combination, keyed
      ``"<role>-<role>"`` with the roles in the order lead, responsible, cooperating
      (``"lead-cooperating"``: one leads, the other cooperates), so it does not depend
      on which endpoint NetworkX lists first;
    ``notice_count`` (int) - notices in which they share such tasks.
  Only assignments in the requested roles (and notice / section) count, for nodes and edges alike.

:func:`bipartite_network` -> ``nx.Graph`` with agencies and work items.
  Agency nodes: ``bipartite=0``, ``type="agency"`` and the agency attrs above except ``items``.
  Item nodes (key: item IRI): ``bipartite=1``, ``type="item"``, ``notice``, ``number`` (int),
    ``label`` (as written, ``"(十六)"``), ``title`` (heading), ``section`` (int), ``name``
    (``"16 加大司法保護力度"``: number and heading, for display).
  Edges agency-item: ``roles`` (dict role -> tasks), ``role`` (the strongest of them:
    lead > responsible > cooperating), ``weight`` (tasks, all roles).

:func:`citation_network` -> ``nx.DiGraph`` from citing notice to cited document.
  Node key: document IRI. Attrs: ``type`` (``"notice"`` when ingested, else ``"document"``),
    ``number`` (document number or None), ``title`` (or None), ``label`` (number, else title, else IRI).
  Edge attrs: ``count`` (citation occurrences), ``items`` (list[int] - numbers of the items
    that cite it, sorted), ``item_iris`` (list[str]), ``outside_items`` (occurrences outside any item).
  A notice never points at itself (its own number read back from its header is not a citation).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import networkx as nx

from graph.coordination_counts import ROLE_ORDER, role_pair_key
from graph.network_scope import (
    RoleFilter,
    Scope,
    Source,
    agency_attributes,
    default_agency,
    involvement,
    item_attributes,
    make_scope,
    parse_roles,
    resolve_notice,
    role_of,
)
from graph.projection_cache import CACHE, clear_cache
from graph.selectable import Selectable, as_selectable, integer, query, text
from ingest.model import Role

__all__ = [
    "RoleFilter",
    "bipartite_network",
    "citation_network",
    "clear_cache",
    "coordination_network",
    "parse_roles",
]


def coordination_network(
    source: Source,
    *,
    roles: RoleFilter = None,
    notice: str | None = None,
    section: int | None = None,
    items: bool = True,
) -> nx.Graph:
    """Agencies linked by the tasks they share, weighted by the number of shared tasks.

    ``roles`` keeps only assignments in those roles (``"lead"`` gives the co-lead
    network); ``notice`` (IRI or document number) and ``section`` (number) narrow the
    scope. Over the whole store the pairs and loads come from the summary graph
    (:mod:`graph.summary`), a few rows per agency pair; one notice or section pairs its
    own assignments in the store (GROUP BY pair). ``items=False`` leaves out each
    agency's item list, the one attribute that needs every assignment in scope. See the
    module docstring for the attribute contract.
    """
    store = as_selectable(source)
    scope = make_scope(store, roles, notice, section)
    key = ("coordination", scope.key, items)
    return CACHE.get(source, key, lambda: _build_coordination(store, scope, items))


def _build_coordination(store: Selectable, scope: Scope, items: bool) -> nx.Graph:
    network = nx.Graph(
        projection="coordination",
        roles=[r.value for r in ROLE_ORDER if r in scope.roles],
        notice=scope.notice,
        section=scope.section,
    )
    summed = _summed(store, scope)
    if summed and not items:
        _add_summed_nodes(network, store, scope)
    else:
        add_agency_nodes(network, store, scope)
        for _, data in network.nodes(data=True) if not items else ():
            del data["items"], data["notices"]
    if summed:
        _add_summed_edges(network, store, scope)
    else:
        _add_joined_edges(network, store, scope)
    for _, _, data in network.edges(data=True):
        data["role_pairs"] = dict(sorted(data["role_pairs"].items()))
    return network


def _summed(store: Selectable, scope: Scope) -> bool:
    """Whether the summary graph answers this scope exactly.

    It holds totals over every notice per pair, per role pair and per agency, not per
    notice or section, and a two-role filter would count a task twice when an agency
    holds both roles in it; those scopes, sources without a summary and stores whose
    summary is stale pair the assignments in the store instead.
    """
    if scope.notice is not None or scope.section is not None or len(scope.roles) == 2:
        return False
    current = getattr(store, "summaries_current", None)
    return bool(callable(current) and current())


def _add_summed_nodes(network: nx.Graph, store: Selectable, scope: Scope) -> None:
    """Agency nodes from the summary's per-agency totals (no item lists)."""
    agencies = agency_attributes(store)
    for row in store.select(query("summary_loads")):
        agency = text(row.get("agency"))
        counts = {role: integer(row.get(role.value)) if role in scope.roles else 0 for role in ROLE_ORDER}
        if agency is None or not any(counts.values()):
            continue
        network.add_node(
            agency,
            **agencies.get(agency, default_agency(agency)),
            **{role.value: counts[role] for role in ROLE_ORDER},
            tasks=sum(counts.values()),
            lead_items=integer(row.get("lead_items")) if Role.LEAD in scope.roles else 0,
        )


def _add_summed_edges(network: nx.Graph, store: Selectable, scope: Scope) -> None:
    """Edges from the summary's pair totals: a few rows per pair, however many notices."""
    if scope.roles == frozenset(ROLE_ORDER):
        counted = "?pair govkg:sharedTasks ?weight ; govkg:noticeCount ?notice_count ."
    else:
        (role,) = scope.roles
        counted = (
            f'?pair govkg:rolePairCount ?counted . ?counted govkg:rolePair "{role_pair_key(role, role)}" ;'
            " govkg:sharedTasks ?weight ; govkg:noticeCount ?notice_count ."
        )
    for row in store.select(query("summary_pairs", counted)):
        a, b = text(row.get("a")), text(row.get("b"))
        if a and b:
            _add_edge(network, a, b, integer(row.get("weight")), integer(row.get("notice_count")))
    keys = {role_pair_key(x, y) for x in scope.roles for y in scope.roles}
    for row in store.select(query("summary_role_pairs")):
        a, b, key = text(row.get("a")), text(row.get("b")), text(row.get("role_pair"))
        if a and b and key in keys and network.has_edge(a, b):
            network.edges[a, b]["role_pairs"][key] = integer(row.get("tasks"))


def _add_edge(network: nx.Graph, a: str, b: str, weight: int, notice_count: int) -> None:
    for agency in (a, b):
        if agency not in network:  # an agency the summary pairs but the node rows left out
            network.add_node(agency, **default_agency(agency))
    network.add_edge(a, b, weight=weight, role_pairs={}, notice_count=notice_count)


def _add_joined_edges(network: nx.Graph, store: Selectable, scope: Scope) -> None:
    """Edges from the assignments themselves: the self-join the summary replaces."""
    for row in store.select(query("pairs", scope.filters("role_a", "role_b"))):
        a, b = text(row.get("a")), text(row.get("b"))
        if a and b:
            _add_edge(network, a, b, integer(row.get("weight")), integer(row.get("notice_count")))
    for row in store.select(query("role_pairs", scope.filters("role_a", "role_b"))):
        a, b = text(row.get("a")), text(row.get("b"))
        role_a, role_b = role_of(text(row.get("role_a"))), role_of(text(row.get("role_b")))
        if a and b and role_a and role_b and network.has_edge(a, b):
            pairs = network.edges[a, b]["role_pairs"]
            key = role_pair_key(role_a, role_b)
            pairs[key] = pairs.get(key, 0) + integer(row.get("tasks"))


def add_agency_nodes(network: nx.Graph, store: Selectable, scope: Scope) -> None:
    """Agency nodes with their role counts and items, from the involvement rows."""
    agencies = agency_attributes(store)
    items = item_attributes(store, scope)
    per_item: dict[str, dict[str, Counter[Role]]] = defaultdict(lambda: defaultdict(Counter))
    for agency, item, role, tasks in involvement(store, scope):
        per_item[agency][item][role] += tasks
    for agency, by_item in sorted(per_item.items()):
        totals: Counter[Role] = Counter()
        entries: list[dict[str, Any]] = []
        for item, counts in by_item.items():
            totals.update(counts)
            meta = items.get(item, {})
            entry: dict[str, Any] = {
                "iri": item,
                "notice": meta.get("notice"),
                "number": meta.get("number"),
                "label": meta.get("label"),
                "title": meta.get("title"),
                "tasks": sum(counts.values()),
            }
            entry.update({role.value: counts[role] for role in ROLE_ORDER})
            entries.append(entry)
        entries.sort(key=lambda e: (-e["tasks"], e["notice"] or "", e["number"] or 0, e["iri"]))
        network.add_node(
            agency,
            **agencies.get(agency, default_agency(agency)),
            **{role.value: totals[role] for role in ROLE_ORDER},
            tasks=sum(totals.values()),
            lead_items=sum(1 for entry in entries if entry["lead"]),
            items=entries,
            notices=sorted({e["notice"] for e in entries if e["notice"]}),
        )


def bipartite_network(
    source: Source, *, roles: RoleFilter = None, notice: str | None = None, section: int | None = None
) -> nx.Graph:
    """Agencies (``bipartite=0``) joined to the work items (``bipartite=1``) they have tasks in."""
    store = as_selectable(source)
    scope = make_scope(store, roles, notice, section)
    return CACHE.get(source, ("bipartite", scope.key), lambda: _build_bipartite(store, scope))


def _build_bipartite(store: Selectable, scope: Scope) -> nx.Graph:
    network = nx.Graph(projection="bipartite", roles=[r.value for r in ROLE_ORDER if r in scope.roles])
    agencies = agency_attributes(store)
    items = item_attributes(store, scope)
    counts: dict[tuple[str, str], Counter[Role]] = defaultdict(Counter)
    for agency, item, role, tasks in involvement(store, scope):
        counts[agency, item][role] += tasks
    for (agency, item), roles in sorted(counts.items()):
        if agency not in network:
            attributes = agencies.get(agency) or default_agency(agency)
            network.add_node(agency, bipartite=0, type="agency", **attributes)
        if item not in network:
            meta = items.get(item) or {"notice": None, "number": 0, "label": None, "title": None}
            network.add_node(item, bipartite=1, type="item", **{"name": item, "section": 0, **meta})
        network.add_edge(
            agency,
            item,
            roles={role.value: roles[role] for role in ROLE_ORDER if roles[role]},
            role=next(role.value for role in ROLE_ORDER if roles[role]),
            weight=sum(roles.values()),
        )
    return network


def citation_network(source: Source, *, notice: str | None = None) -> nx.DiGraph:
    """Notices pointing at the documents they cite, across every notice in the store."""
    store = as_selectable(source)
    notice_iri = resolve_notice(store, notice)
    return CACHE.get(source, ("citation", notice_iri), lambda: _build_citation(store, notice_iri))


def _build_citation(store: Selectable, notice: str | None) -> nx.DiGraph:
    network = nx.DiGraph(projection="citation", notice=notice)
    filters = f"VALUES ?notice {{ <{notice}> }}" if notice else ""
    items = item_attributes(store, Scope(frozenset(ROLE_ORDER), notice))
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for row in store.select(query("citations", filters)):
        citing, cited = text(row.get("notice")), text(row.get("doc"))
        if not (citing and cited) or citing == cited:
            continue  # a notice's own number read back from its text is not a citation
        edge = edges.setdefault((citing, cited), {"count": 0, "item_iris": set(), "outside_items": 0})
        count, item = integer(row.get("count")), text(row.get("item"))
        edge["count"] += count
        if item is None:
            edge["outside_items"] += count
        else:
            edge["item_iris"].add(item)
    documents = _documents(store)
    for iri in sorted({n for pair in edges for n in pair}):
        number, title, ingested = documents.get(iri, (None, None, False))
        network.add_node(
            iri,
            type="notice" if ingested else "document",
            number=number,
            title=title,
            label=number or title or iri,
        )
    for (citing, cited), edge in sorted(edges.items()):
        iris = sorted(edge["item_iris"], key=lambda i: (items.get(i, {}).get("number", 0), i))
        network.add_edge(
            citing,
            cited,
            count=edge["count"],
            item_iris=iris,
            items=[items[i]["number"] for i in iris if i in items],
            outside_items=edge["outside_items"],
        )
    return network


def _documents(store: Selectable) -> dict[str, tuple[str | None, str | None, bool]]:
    """Number, title and whether ingested, per document; the smallest when a document has several."""
    found: dict[str, tuple[set[str], set[str], bool]] = {}
    for row in store.select(query("documents")):
        iri = text(row.get("doc"))
        if iri is None:
            continue
        numbers, titles, ingested = found.setdefault(iri, (set(), set(), False))
        number, title = text(row.get("number")), text(row.get("title"))
        numbers.update([number] if number else [])
        titles.update([title] if title else [])
        found[iri] = (numbers, titles, ingested or row.get("type") is not None)
    return {
        iri: (min(numbers, default=None), min(titles, default=None), ingested)
        for iri, (numbers, titles, ingested) in found.items()
    }
