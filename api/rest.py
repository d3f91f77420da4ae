"""What the REST routes ask the store, as functions a query worker runs.

Each takes the store first and returns plain JSON-ready values. Ids in URLs are
the entity IRI without the data base IRI: an agency's id is its slug
(``hainan-public-security``); a document's is what follows ``{base}doc/``
(``琼府办〔2017〕89号``, ``title/…``, ``sha256/…``); an item's adds ``/item/{n}``
(``琼府办〔2017〕89号/item/3``). They are stable (IRIs are minted
deterministically) and URL-safe once percent-encoded, as every client does.
"""

from __future__ import annotations

from typing import Any

from graph.store import as_rows

Listing = tuple[list[dict[str, Any]], int]
"""One page of a list answer, and how many rows the whole answer holds."""

PREFIXES = """PREFIX govkg: <https://w3id.org/govkg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
ROLE_NAMES = {
    "https://w3id.org/govkg/ontology#LeadRole": "lead",
    "https://w3id.org/govkg/ontology#ResponsibleRole": "responsible",
    "https://w3id.org/govkg/ontology#CooperatingRole": "cooperating",
}
KIND_PREFIX = "https://w3id.org/govkg/ontology#"


def _select(store: Any, sparql: str) -> list[dict[str, Any]]:
    return as_rows(store.select(PREFIXES + sparql))


def list_agencies(store: Any, base: str, q: str | None, offset: int = 0, limit: int | None = None) -> Listing:
    """Every agency by IRI, or those whose name (either script, alias, part) matches ``q``.

    Answers a page and the total.

    Names, English and kind come from the agency attributes cached per store version.
    """
    from graph.names import find_agencies

    attributes = _agency_attributes(store)
    iris = [m.iri for m in find_agencies(store, q) if m.iri in attributes] if q else sorted(attributes)
    chosen = iris[offset:] if limit is None else iris[offset : offset + limit]
    return [_attributes_out(iri, attributes[iri], base) for iri in chosen], len(iris)


def _agency_attributes(store: Any) -> dict[str, dict[str, Any]]:
    """Every agency's names, English and kind, kept per store version."""
    from graph.network_scope import agency_attributes
    from graph.projection_cache import CACHE

    return CACHE.get(store, ("agency-attributes",), lambda: agency_attributes(store))


def _is_agency(store: Any, iri: str) -> bool:
    return bool(store.ask(PREFIXES + f"ASK {{ <{iri}> a govkg:Agency }}"))


def _attributes_out(iri: str, meta: dict[str, Any], base: str) -> dict[str, Any]:
    return {
        "id": iri.removeprefix(base + "agency/"),
        "iri": iri,
        "name_hans": meta.get("label_hans"),
        "name_hant": meta.get("label_hant"),
        "english": meta.get("english"),
        "kind": meta.get("kind", "unknown"),
    }


def agency_detail(store: Any, base: str, agency_id: str) -> dict[str, Any] | None:
    """Names, English, kind, aliases and task counts by role.

    Names, English and kind come from the agency attributes cached per store version, as in
    the listing, so an agency with several labels in one script shows the same one in both.
    """
    from graph.network_scope import default_agency
    from graph.task_index import current_index
    from ingest.model import Role

    iri = base + "agency/" + agency_id
    meta = _agency_attributes(store).get(iri)
    if meta is None:
        if not _is_agency(store, iri):
            return None
        meta = default_agency(iri)  # an agency the graph states no label or kind for
    detail = _attributes_out(iri, meta, base)
    aliases = _select(store, f"SELECT DISTINCT ?alias WHERE {{ <{iri}> skos:altLabel ?alias }}")
    # counted in the task index: the graph would join each of the agency's assignments to its
    # task and item, a few thousand lookups for a busy agency at 1M statements
    counts = current_index(store).role_counts(iri)
    by_role = {}
    for name in ROLE_NAMES.values():
        tasks, items = counts.get(Role(name), (0, 0))
        by_role[name] = {"tasks": tasks, "items": items}
    detail["aliases"] = sorted({str(r["alias"]) for r in aliases})
    detail["counts"] = by_role
    return detail


def agency_tasks(
    store: Any, base: str, agency_id: str, roles: tuple[str, ...], offset: int = 0, limit: int | None = None
) -> Listing | None:
    """The agency's tasks in the given roles, with item, span and partners: a page and the total."""
    from graph.agency_tasks import agency_task_page
    from ingest.model import Role

    iri = base + "agency/" + agency_id
    if not _is_agency(store, iri):
        return None
    total, tasks = agency_task_page(store, iri, tuple(Role(r) for r in roles), offset, limit)
    return [_task_out(task.as_dict(), base) for task in tasks], total


def _task_out(task: dict[str, Any], base: str) -> dict[str, Any]:
    task["item_id"] = local_id(task["item"], base)
    task["document_id"] = local_id(task["notice"], base)
    return task


def local_id(iri: str, base: str) -> str:
    """An IRI's id in REST URLs: the part after ``{base}doc/`` (or ``{base}``)."""
    return iri.removeprefix(base + "doc/").removeprefix(base)


def item_detail(store: Any, base: str, item_id: str) -> dict[str, Any] | None:
    """An item: text, heading, span, tasks with their assignments, citations."""
    iri = base + "doc/" + item_id
    head = _select(
        store,
        f"""SELECT ?notice ?number ?label ?title ?text ?start ?end WHERE {{
  <{iri}> a govkg:WorkItem ; eli:is_part_of/eli:is_part_of ?notice .
  OPTIONAL {{ <{iri}> govkg:number ?number }} OPTIONAL {{ <{iri}> govkg:label ?label }}
  OPTIONAL {{ <{iri}> dcterms:title ?title }} OPTIONAL {{ <{iri}> govkg:text ?text }}
  OPTIONAL {{ <{iri}> govkg:start ?start ; govkg:end ?end }}
}} LIMIT 1""",
    )
    if not head:
        return None
    row = head[0]
    tasks = _item_tasks(store, base, iri)
    citations = _select(
        store,
        f"""SELECT DISTINCT ?document ?number ?title WHERE {{
  ?occurrence govkg:inItem <{iri}> ; govkg:citedDocument ?document .
  OPTIONAL {{ ?document eli:id_local ?number }} OPTIONAL {{ ?document dcterms:title ?title }}
}} ORDER BY ?document""",
    )
    return {
        "id": item_id,
        "iri": iri,
        "document_id": local_id(str(row["notice"]), base),
        "number": row.get("number"),
        "label": row.get("label"),
        "title": row.get("title"),
        "text": row.get("text"),
        "span": [row["start"], row["end"]] if "start" in row else None,
        "tasks": tasks,
        "citations": [
            {
                "id": local_id(str(c["document"]), base),
                "iri": str(c["document"]),
                "number": c.get("number"),
                "title": c.get("title"),
            }
            for c in citations
        ],
    }


def _item_tasks(store: Any, base: str, item: str) -> list[dict[str, Any]]:
    """The item's tasks by number, each with its assignments by agency IRI.

    Two queries that start from the item, with single-pattern OPTIONALs only: the engine
    then looks each value up for the few tasks at hand instead of joining the whole store.
    """
    tasks: dict[str, dict[str, Any]] = {}
    for t in _select(
        store,
        f"""SELECT ?task ?number ?text ?start ?end WHERE {{
  <{item}> eli:has_part ?task .
  OPTIONAL {{ ?task govkg:number ?number }} OPTIONAL {{ ?task govkg:text ?text }}
  OPTIONAL {{ ?task govkg:start ?start }} OPTIONAL {{ ?task govkg:end ?end }}
}}""",
    ):
        tasks.setdefault(
            str(t["task"]),
            {
                "iri": str(t["task"]),
                "number": t.get("number"),
                "text": t.get("text"),
                "span": [t["start"], t["end"]] if "start" in t and "end" in t else None,
                "assignments": [],
            },
        )
    for a in _select(
        store,
        f"""SELECT ?task ?agency ?role ?surface ?hans WHERE {{
  <{item}> eli:has_part ?task .
  ?task prov:qualifiedAssociation ?a .
  ?a prov:agent ?agency .
  ?a prov:hadRole ?role .
  OPTIONAL {{ ?a govkg:surface ?surface }}
  OPTIONAL {{ ?agency skos:prefLabel ?hans FILTER(langMatches(lang(?hans), "zh-Hans")) }}
}} ORDER BY ?agency""",
    ):
        task = tasks.get(str(a["task"]))
        if task is not None:
            task["assignments"].append(
                {
                    "agency_id": str(a["agency"]).removeprefix(base + "agency/"),
                    "agency_iri": str(a["agency"]),
                    "name": a.get("hans"),
                    "role": ROLE_NAMES.get(str(a["role"]), str(a["role"])),
                    "surface": a.get("surface"),
                }
            )
    return sorted(tasks.values(), key=lambda t: t["number"] or 0)


def list_documents(
    store: Any,
    base: str,
    notices_only: bool,
    offset: int = 0,
    limit: int | None = None,
    cites: str | None = None,
) -> Listing:
    """Notices (and, unless ``notices_only``, documents they cite), by IRI: a page and the total.
    With ``cites`` (a document id or number), only the notices citing that document.

    The IRIs alone are listed and ordered, once per store version (a query worker keeps them,
    as it keeps the agencies' attributes); only the page's documents are described. A
    document's citers come from the task index, a range of its key.
    """
    from graph.projection_cache import CACHE
    from graph.task_index import current_index

    if cites is not None:
        try:
            cited = _document_iri(base, cites.strip())
        except ValueError:  # neither a number nor a title: no document, so no citers
            return [], 0
        total, citing = current_index(store).citing_notices(cited, offset, limit)
        return _documents(store, base, citing), total
    kind = "govkg:Notice" if notices_only else "eli:LegalResource"
    iris = CACHE.get(store, ("document-iris", kind), lambda: _document_iris(store, kind))
    chosen = iris[offset:] if limit is None else iris[offset : offset + limit]
    return _documents(store, base, chosen), len(iris)


def _document_iris(store: Any, kind: str) -> list[str]:
    listed = _select(store, f"SELECT ?document WHERE {{ ?document a {kind} }}")
    return sorted({str(r["document"]) for r in listed})


def _documents(store: Any, base: str, iris: list[str]) -> list[dict[str, Any]]:
    """Number, title, date and kind of each document of ``iris``, in that order."""
    if not iris:
        return []
    values = " ".join(f"<{iri}>" for iri in iris)
    rows = _select(
        store,
        f"""SELECT ?document (SAMPLE(?n) AS ?number) (SAMPLE(?t) AS ?title) (SAMPLE(?d) AS ?date)
       (SAMPLE(?notice) AS ?isNotice) WHERE {{
  VALUES ?document {{ {values} }}
  ?document a eli:LegalResource .
  OPTIONAL {{ ?document eli:id_local ?n }} OPTIONAL {{ ?document dcterms:title ?t }}
  OPTIONAL {{ ?document eli:date_document ?d }}
  OPTIONAL {{ ?document a govkg:Notice BIND(true AS ?notice) }}
}} GROUP BY ?document""",
    )
    found = {str(r["document"]): _document(r, base) for r in rows}
    return [found[iri] for iri in iris if iri in found]


def _document(row: dict[str, Any], base: str) -> dict[str, Any]:
    iri = str(row["document"])
    date = row.get("date")
    return {
        "id": local_id(iri, base),
        "iri": iri,
        "number": row.get("number"),
        "title": row.get("title"),
        "date": str(date) if date is not None else None,
        "notice": bool(row.get("isNotice")),
    }


def document_detail(store: Any, base: str, document_id: str) -> dict[str, Any] | None:
    """A document: metadata, its items, what it cites, and how many notices and items cite it
    (the citing notices are a listing of their own: a much-cited document has thousands)."""
    from graph.task_index import current_index

    iri = _document_iri(base, document_id)
    rows = _documents(store, base, [iri])
    if not rows:
        return None
    detail = rows[0]
    items = _select(
        store,
        f"""SELECT ?item ?number ?label ?title WHERE {{
  <{iri}> eli:has_part/eli:has_part ?item . ?item a govkg:WorkItem .
  OPTIONAL {{ ?item govkg:number ?number }} OPTIONAL {{ ?item govkg:label ?label }}
  OPTIONAL {{ ?item dcterms:title ?title }}
}} ORDER BY ?number""",
    )
    cites = _select(store, f"SELECT DISTINCT ?document WHERE {{ <{iri}> eli:cites ?document }}")
    # from the task index: a much-cited document is cited by tens of thousands of notices and
    # items at 10,000 notices, each a lookup in the graph
    notices, citing_items = current_index(store).cited_by(iri)
    detail["items"] = [
        {
            "id": local_id(str(r["item"]), base),
            "number": r.get("number"),
            "label": r.get("label"),
            "title": r.get("title"),
        }
        for r in items
    ]
    detail["cites"] = sorted(local_id(str(r["document"]), base) for r in cites)
    detail["cited_by"] = {"notices": notices, "items": citing_items}
    return detail


def _document_iri(base: str, document_id: str) -> str:
    """A document id, or a number in any script or bracket style, as the document's IRI."""
    from graph.iris import document_iri

    if document_id.startswith(("title/", "sha256/")):
        return base + "doc/" + document_id
    return str(document_iri(base, number=document_id))


def citing(store: Any, base: str, number: str, offset: int = 0, limit: int | None = None) -> Listing:
    """Occurrences of citations of ``number`` (any script, any brackets) and where they are.

    One row per occurrence, in notice order, then text order: a page and the total. They are
    read from the task index (:mod:`graph.task_index`), which holds every occurrence with its
    notice and item: from the graph, counting and ordering them meant decoding every
    occurrence of a much-cited document (over a second at 10,000 notices).
    """
    from graph.task_index import current_index
    from ontology.script import document_number_key

    key = document_number_key(number.strip())
    if not key:
        return [], 0
    total, page = current_index(store).citing(key, offset, limit)
    return [
        {
            "document_id": local_id(c.document, base),
            "notice_id": local_id(c.notice, base),
            "notice_number": c.notice_number,
            "notice_title": c.notice_title,
            "item_id": local_id(c.item, base) if c.item is not None else None,
            "item_number": c.item_number,
            "span": [c.start, c.end],
        }
        for c in page
    ], total


def search_tasks(store: Any, base: str, q: str, offset: int = 0, limit: int | None = None) -> Listing:
    """Tasks whose text holds ``q`` in either script, in document order, with their agencies by role.

    Texts are matched, and a page's tasks and agencies read, in the task index
    (:mod:`graph.task_index`), not by the engine, which would decode every task text on every
    search; only the agencies' names come from the graph, looked up for the page's agencies.
    """
    from graph.network_scope import agency_names
    from graph.rdf import ROLE_IRIS
    from graph.task_index import current_index
    from ontology.script import to_simplified, to_traditional

    phrase = q.strip()
    spellings = [s for s in dict.fromkeys([phrase, to_simplified(phrase), to_traditional(phrase)]) if s]
    if not spellings:
        return [], 0
    total, chosen = current_index(store).search(spellings, offset, limit)
    if not chosen:
        return [], total
    names = agency_names(store, (a.agency for entry in chosen for a in entry.agencies))
    tasks = []
    for entry in chosen:
        # by role IRI, then agency IRI, as the page has always listed them
        held = sorted({(str(ROLE_IRIS[a.role]), a.agency, a.role) for a in entry.agencies})
        tasks.append(
            {
                "task": entry.task,
                "document_id": local_id(entry.notice, base),
                "item_id": local_id(entry.notice, base) + f"/item/{entry.item_number}",
                "item_number": entry.item_number,
                "task_number": entry.task_number,
                "text": entry.text,
                "agencies": [
                    {
                        "agency_id": agency.removeprefix(base + "agency/"),
                        "name": names.get(agency),
                        "role": role.value,
                    }
                    for _, agency, role in held
                ],
            }
        )
    return tasks, total


def coordination(store: Any, base: str, roles: tuple[str, ...]) -> dict[str, Any]:
    """The weighted coordination network with lead load and centralities per agency.

    The answer is kept per store version, as the projection it is made from: written out
    for thousands of pairs it costs more than the request that asks for it.
    """
    from graph.projection_cache import CACHE

    return CACHE.get(store, ("rest-coordination", base, roles), lambda: _coordination(store, base, roles))


def _coordination(store: Any, base: str, roles: tuple[str, ...]) -> dict[str, Any]:
    from graph.metrics import centralities
    from graph.network import coordination_network
    from ingest.model import Role

    network = coordination_network(store, roles=tuple(Role(r) for r in roles), items=False)
    central = {c.agency: c for c in centralities(network)} if network.number_of_nodes() else {}
    nodes = []
    for iri, data in network.nodes(data=True):
        c = central.get(iri)
        nodes.append(
            {
                "id": str(iri).removeprefix(base + "agency/"),
                "iri": iri,
                "label": data.get("label"),
                "english": data.get("english"),
                "kind": data.get("kind"),
                "lead": data.get("lead", 0),
                "responsible": data.get("responsible", 0),
                "cooperating": data.get("cooperating", 0),
                "degree": network.degree(iri),
                "weighted_degree": network.degree(iri, weight="weight"),
                "betweenness": getattr(c, "betweenness", None),
                "eigenvector": getattr(c, "eigenvector", None),
            }
        )
    edges = [
        {
            "source": str(a).removeprefix(base + "agency/"),
            "target": str(b).removeprefix(base + "agency/"),
            "weight": d.get("weight", 0),
            "role_pairs": d.get("role_pairs", {}),
        }
        for a, b, d in network.edges(data=True)
    ]
    nodes.sort(key=lambda n: (-n["weighted_degree"], n["id"]))
    edges.sort(key=lambda e: (-e["weight"], e["source"], e["target"]))
    return {"nodes": nodes, "edges": edges}
