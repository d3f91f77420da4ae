"""Page data for the network views, built from the graph layer's NetworkX projections.

The projection gives what is drawn (nodes, edges, labels, kinds, counts); the
involvement and occurrence rows from :mod:`graph.marks` give, for every node and
edge, the notice / section / role of each task behind it (``ctx``), so the page can
re-filter itself without a server. A ``ctx`` entry is ``[notice index, section,
role code]``; ``None`` matches any filter value, role code 0 is "lead".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.marks import Involvement, NoticeInfo, Occurrence
from ingest.model import Role
from ontology.script import document_number_key
from viz.assets import data
from viz.labels import LANGS, both_scripts, kind_color, kind_key, kind_label, shorten

ROLE_CODES = {Role.LEAD: 0, Role.RESPONSIBLE: 1, Role.COOPERATING: 2}
ROLE_NAMES = {
    Role.LEAD: {"en": "lead", "zh-Hans": "牵头", "zh-Hant": "牽頭"},
    Role.RESPONSIBLE: {"en": "responsible", "zh-Hans": "负责", "zh-Hant": "負責"},
    Role.COOPERATING: {"en": "cooperating", "zh-Hans": "配合", "zh-Hant": "配合"},
}
TOP_ITEMS = 5
Ctx = list[int | None]
Tip = dict[str, list[str]]


@dataclass(slots=True)
class NetworkView:
    """Everything one network page shows, as plain JSON-ready data."""

    page: str
    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    notices: list[dict[str, Any]] = field(default_factory=list)
    sections: list[dict[str, Any]] = field(default_factory=list)
    legend: list[dict[str, Any]] = field(default_factory=list)
    directed: bool = False
    has_roles: bool = True
    weight_key: str = "shared_tasks"

    def notice_index(self, wanted: str | None) -> int | None:
        """The index of a notice given by IRI or document number (either script, any brackets)."""
        if wanted is None:
            return None
        key = document_number_key(wanted)
        for index, notice in enumerate(self.notices):
            if wanted == notice["iri"] or (notice["number"] and document_number_key(notice["number"]) == key):
                return index
        return None


class _Notices:
    """Numbers the notices the page can filter by, in a stable order."""

    def __init__(self, infos: Iterable[NoticeInfo]) -> None:
        self.infos = list(infos)
        self.index = {info.iri: i for i, info in enumerate(self.infos)}

    def of(self, iri: str) -> int:
        if iri not in self.index:
            self.index[iri] = len(self.infos)
            self.infos.append(NoticeInfo(iri, None, None, ()))
        return self.index[iri]

    def export(self, view: NetworkView) -> None:
        for i, info in enumerate(self.infos):
            name = info.number or shorten(info.title or info.iri.rsplit("/", 1)[-1], 24)
            hans, hant = both_scripts(name)
            view.notices.append({"iri": info.iri, "number": info.number, "label": _langs(hans, hant, name)})
            for number, title in info.sections:
                s_hans, s_hant = both_scripts(title)
                view.sections.append({"notice": i, "number": number, "title": _langs(s_hans, s_hant, title)})


def _langs(hans: str, hant: str, english: str) -> dict[str, str]:
    return {"zh-Hans": hans, "zh-Hant": hant, "en": english}


def _names(attrs: Mapping[str, Any], fallback: str) -> tuple[str, str, str | None]:
    hans, hant = attrs.get("label_hans"), attrs.get("label_hant")
    if not (hans and hant):
        hans, hant = both_scripts(hans or hant or attrs.get("label") or fallback)
    return hans, hant, attrs.get("english") or None


def _pick(hans: str, hant: str, english: str | None) -> dict[str, str]:
    return {"zh-Hans": hans, "zh-Hant": hant, "en": english or hans}


def _counts_line(attrs: Mapping[str, Any], lang: str) -> str:
    return " · ".join(f"{ROLE_NAMES[r][lang]} {attrs.get(r.value, 0)}" for r in ROLE_CODES)


def _agency_node(iri: str, attrs: Mapping[str, Any], ctx: list[Ctx]) -> dict[str, Any]:
    hans, hant, english = _names(attrs, iri)
    kind = kind_key(attrs.get("kind"))
    names = " / ".join(dict.fromkeys(n for n in (hant, hans, english) if n))
    tip: Tip = {}
    for lang in LANGS:
        lines = [_pick(hans, hant, english)[lang], names, kind_label(kind)[lang], _counts_line(attrs, lang)]
        for item in list(attrs.get("items") or [])[:TOP_ITEMS]:
            heading = " ".join(
                str(p) for p in (item.get("label") or item.get("number"), item.get("title")) if p
            )
            heading = both_scripts(heading)[0] if lang == "zh-Hans" else heading
            lines.append(f"· {heading} ({item.get('tasks', 0)})")
        tip[lang] = lines
    return {
        "id": iri,
        "label_hans": hans,
        "label_hant": hant,
        "english": english,
        "kind": kind,
        "color": kind_color(kind),
        "shape": "dot",
        "size_by": "lead",
        "tip": tip,
        "ctx": ctx,
    }


def _legend(kinds: Iterable[str]) -> list[dict[str, Any]]:
    present = set(kinds)
    return [
        {"kind": kind, "color": kind_color(kind), "label": kind_label(kind)}
        for kind in data("kinds")
        if kind in present
    ]


def _role_ctx(rows: Iterable[Involvement], notices: _Notices) -> list[Ctx]:
    return [[notices.of(r.notice), r.section, ROLE_CODES[r.role]] for r in rows]


def coordination_view(
    graph: nx.Graph, rows: Iterable[Involvement], infos: Iterable[NoticeInfo] = ()
) -> NetworkView:
    """The agency coordination page: one node per agency, edges weighted by shared tasks."""
    notices = _Notices(infos)
    rows = list(rows)
    by_agency: dict[str, list[Involvement]] = defaultdict(list)
    by_task: dict[str, dict[str, set[Role]]] = defaultdict(lambda: defaultdict(set))
    where: dict[str, Involvement] = {}
    for row in rows:
        by_agency[row.agency].append(row)
        by_task[row.task][row.agency].add(row.role)
        where[row.task] = row
    view = NetworkView("coordination")
    for iri, attrs in graph.nodes(data=True):
        view.nodes.append(_agency_node(iri, attrs, _role_ctx(by_agency.get(iri, []), notices)))
    edge_ctx: dict[tuple[str, str], list[Ctx]] = defaultdict(list)
    for task, members in by_task.items():
        row = where[task]
        agencies = sorted(members)
        for i, a in enumerate(agencies):
            for b in agencies[i + 1 :]:
                if graph.has_edge(a, b):
                    co_lead = Role.LEAD in members[a] and Role.LEAD in members[b]
                    edge_ctx[a, b].append([notices.of(row.notice), row.section, 0 if co_lead else 1])
    labels = {n["id"]: n for n in view.nodes}
    for a, b, attrs in graph.edges(data=True):
        a, b = sorted((a, b))
        view.edges.append(
            {
                "id": f"{a} {b}",
                "from": a,
                "to": b,
                "ctx": edge_ctx.get((a, b), []),
                "tip": _pair_tip(labels[a], labels[b], attrs),
            }
        )
    notices.export(view)
    view.legend = _legend(n["kind"] for n in view.nodes)
    return view


def _pair_tip(a: Mapping[str, Any], b: Mapping[str, Any], attrs: Mapping[str, Any]) -> Tip:
    tip: Tip = {}
    for lang in LANGS:
        names = [_pick(n["label_hans"], n["label_hant"], n["english"])[lang] for n in (a, b)]
        lines = [" — ".join(names)]
        for pair, count in (attrs.get("role_pairs") or {}).items():
            roles = pair.split("-")
            lines.append("–".join(ROLE_NAMES[Role(r)][lang] for r in roles) + f": {count}")
        tip[lang] = lines
    return tip


def bipartite_view(
    graph: nx.Graph, rows: Iterable[Involvement], infos: Iterable[NoticeInfo] = ()
) -> NetworkView:
    """The agency–item page: agencies joined to the work items they have tasks in."""
    notices = _Notices(infos)
    by_node: dict[str, list[Involvement]] = defaultdict(list)
    by_edge: dict[tuple[str, str], list[Involvement]] = defaultdict(list)
    for row in rows:
        by_node[row.agency].append(row)
        by_node[row.item].append(row)
        by_edge[row.agency, row.item].append(row)
    view = NetworkView("bipartite", weight_key="tasks_in_item")
    for iri, attrs in graph.nodes(data=True):
        ctx = _role_ctx(by_node.get(iri, []), notices)
        if attrs.get("type") == "item":
            view.nodes.append(_item_node(iri, attrs, ctx, graph))
        else:
            view.nodes.append(_agency_node(iri, attrs, ctx))
    for u, v, attrs in graph.edges(data=True):
        agency, item = (u, v) if graph.nodes[u].get("type") != "item" else (v, u)
        ctx = _role_ctx(by_edge.get((agency, item), []), notices)
        roles = attrs.get("roles") or {}
        tip = {
            lang: [" · ".join(f"{ROLE_NAMES[Role(r)][lang]} {n}" for r, n in roles.items())] for lang in LANGS
        }
        view.edges.append({"id": f"{agency} {item}", "from": agency, "to": item, "ctx": ctx, "tip": tip})
    notices.export(view)
    view.legend = _legend(n["kind"] for n in view.nodes)
    return view


def _item_node(iri: str, attrs: Mapping[str, Any], ctx: list[Ctx], graph: nx.Graph) -> dict[str, Any]:
    number, title = attrs.get("number"), attrs.get("title") or ""
    hans, hant = both_scripts(title)
    agencies = [graph.nodes[a] for a in graph.neighbors(iri)]
    tip: Tip = {}
    for lang in LANGS:
        heading = {"zh-Hans": hans, "zh-Hant": hant, "en": title}[lang]
        lines = [f"{attrs.get('label') or number} {heading}".strip(), f"§{attrs.get('section')}"]
        names = [_pick(*_names(a, "?"))[lang] for a in agencies]
        lines.append("、".join(sorted(names)))
        tip[lang] = lines
    return {
        "id": iri,
        "label_hans": f"{number} {shorten(hans)}",
        "label_hant": f"{number} {shorten(hant)}",
        "english": None,
        "kind": "item",
        "color": kind_color("item"),
        "shape": "square",
        "size_by": "fixed",
        "tip": tip,
        "ctx": ctx,
    }


def citation_view(
    graph: nx.DiGraph, rows: Iterable[Occurrence], infos: Iterable[NoticeInfo] = ()
) -> NetworkView:
    """The citation page: notices pointing at the documents they cite."""
    notices = _Notices(infos)
    by_edge: dict[tuple[str, str], list[Ctx]] = defaultdict(list)
    for row in rows:
        section = 0 if row.section is None else row.section
        by_edge[row.notice, row.doc] += [[notices.of(row.notice), section, None]] * row.count
    view = NetworkView("citations", directed=True, has_roles=False, weight_key="citations")
    for iri, attrs in graph.nodes(data=True):
        ingested = attrs.get("type") == "notice"
        number, title = attrs.get("number"), attrs.get("title")
        text = number or (f"《{shorten(title, 20)}》" if title else iri.rsplit("/", 1)[-1])
        hans, hant = both_scripts(text)
        full = " ".join(p for p in (number, f"《{title}》" if title else None) if p) or iri
        f_hans, f_hant = both_scripts(full)
        kind = "notice" if ingested else "cited"
        view.nodes.append(
            {
                "id": iri,
                "label_hans": hans,
                "label_hant": hant,
                "english": None,
                "kind": kind,
                "color": kind_color(kind),
                "shape": "diamond" if ingested else "dot",
                "size_by": "incoming",
                "tip": {"zh-Hans": [f_hans], "zh-Hant": [f_hant], "en": [full]},
                "ctx": [[notices.of(iri), None, None]] if ingested and iri in notices.index else [],
            }
        )
    for citing, cited, attrs in graph.edges(data=True):
        items = ", ".join(str(n) for n in attrs.get("items") or [])
        tip = {lang: [f"{kind_label('item')[lang]}: {items}"] if items else [] for lang in LANGS}
        view.edges.append(
            {
                "id": f"{citing} {cited}",
                "from": citing,
                "to": cited,
                "ctx": by_edge.get((citing, cited), []),
                "tip": tip,
            }
        )
    notices.export(view)
    view.legend = _legend(n["kind"] for n in view.nodes)
    return view
