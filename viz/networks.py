"""Network pages: a :class:`viz.views.NetworkView` through pyvis into one offline HTML file.

pyvis assembles the nodes, edges and options; the page itself is our template
(``viz/templates/network.html``), which inlines the vis-network build pyvis ships
and links nothing, so a page opened from disk makes no request at all.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from pyvis.edge import Edge
from pyvis.network import Network

from viz.assets import data, environment, inline_script, inline_style, nonce, strings, template_text, vis_file
from viz.labels import Lang
from viz.views import NetworkView

IMPROVED_LAYOUT_LIMIT = 100
_NODE_KEYS = ("label_hans", "label_hant", "english", "kind", "size_by", "tip", "ctx")
_EDGE_KEYS = ("id", "tip", "ctx")


def to_pyvis(view: NetworkView, lang: Lang = "zh-Hant") -> Network:
    """The view as a pyvis network (labels in ``lang``; the page can switch them)."""
    net = Network(directed=view.directed, cdn_resources="in_line")
    for node in view.nodes:
        label = {"zh-Hans": node["label_hans"], "zh-Hant": node["label_hant"]}.get(lang) or (
            node["english"] or node["label_hans"]
        )
        extra = {key: node[key] for key in _NODE_KEYS}
        net.add_node(node["id"], label=label, shape=node["shape"], color=node["color"], **extra)
    for edge in view.edges:  # pyvis' add_edge rescans every edge for duplicates; a view has none
        net.edges.append(
            Edge(edge["from"], edge["to"], view.directed, **{k: edge[k] for k in _EDGE_KEYS}).options
        )
    options = copy.deepcopy(data("network_options"))
    options["layout"]["improvedLayout"] = len(view.nodes) <= IMPROVED_LAYOUT_LIMIT
    if view.directed:
        options["edges"]["arrows"] = {"to": {"enabled": True, "scaleFactor": 0.5}}
    net.options = options
    return net


def render_network(
    view: NetworkView,
    *,
    lang: Lang = "zh-Hant",
    role: str = "any",
    notice: str | None = None,
    section: int | None = None,
) -> str:
    """One self-contained HTML page; ``role``/``notice``/``section`` set the initial filter."""
    if role not in ("any", "lead"):
        raise ValueError(f"unknown role filter {role!r}: expected 'lead' or 'any'")
    net = to_pyvis(view, lang)
    nodes, edges, _heading, _height, _width, options_json = net.get_network_data()
    text = strings(lang)
    page_data: dict[str, Any] = {
        "page": view.page,
        "lang": lang,
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options_json),
        "directed": view.directed,
        "has_roles": view.has_roles,
        "notices": view.notices,
        "sections": view.sections,
        "legend": view.legend,
        "weight_key": view.weight_key,
        "size_note": f"size_note_{view.page}",
        "strings": data("strings"),
        "initial": {"role": role, "notice": view.notice_index(notice), "section": section},
    }
    return (
        environment()
        .get_template("network.html")
        .render(
            lang=lang,
            title=text[view.page],
            strings=text,
            data=page_data,
            nonce=nonce(),
            vis_css=inline_style(vis_file("vis-network.css")),
            page_css=inline_style(template_text("page.css")),
            vis_js=inline_script(vis_file("vis-network.min.js")),
            page_js=inline_script(template_text("network.js")),
        )
    )
