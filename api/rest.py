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


def _kind(iri: object) -> str:
    from graph.network_scope import kind_of

    return kind_of(str(iri)) if iri else "unknown"


def _agency_rows(store: Any, where: str = "") -> list[dict[str, Any]]:
    return _select(
        store,
        f"""SELECT ?agency ?hans ?hant ?en ?kind WHERE {{
  ?agency a govkg:Agency . {where}
  OPTIONAL {{ ?agency skos:prefLabel ?hans FILTER(langMatches(lang(?hans), "zh-Hans")) }}
  OPTIONAL {{ ?agency skos:prefLabel ?hant FILTER(langMatches(lang(?hant), "zh-Hant")) }}
  OPTIONAL {{ ?agency skos:prefLabel ?en FILTER(langMatches(lang(?en), "en")) }}
  OPTIONAL {{ ?agency org:classification ?kind }}
}} ORDER BY ?agency""",
    )


def _agency(row: dict[str, Any], base: str) -> dict[str, Any]:
    iri = str(row["agency"])
    return {
        "id": iri.removeprefix(base + "agency/"),
        "iri": iri,
        "name_hans": row.get("hans"),
        "name_hant": row.get("hant"),
        "english": row.get("en"),
        "kind": _kind(row.get("kind")),
    }


def list_agencies(store: Any, base: str, q: str | None) -> list[dict[str, Any]]:
    """Every agency, or those whose name (either script, alias, part) matches ``q``."""
    merged: dict[str, dict[str, Any]] = {}
    for row in _agency_rows(store):
        merged.setdefault(str(row["agency"]), _agency(row, base))
    if not q:
        return list(merged.values())
    from graph.names import find_agencies

    return [merged[m.iri] for m in find_agencies(store, q) if m.iri in merged]


def agency_detail(store: Any, base: str, agency_id: str) -> dict[str, Any] | None:
    """Names, English, kind, aliases and task counts by role."""
    iri = base + "agency/" + agency_id
    rows = _agency_rows(store, f"VALUES ?agency {{ <{iri}> }}")
    if not rows:
        return None
    detail = _agency(rows[0], base)
    aliases = _select(store, f"SELECT DISTINCT ?alias WHERE {{ <{iri}> skos:altLabel ?alias }}")
    counts = _select(
        store,
        f"""SELECT ?role (COUNT(DISTINCT ?task) AS ?tasks) (COUNT(DISTINCT ?item) AS ?items) WHERE {{
  ?task prov:qualifiedAssociation ?assignment ; eli:is_part_of ?item .
  ?assignment prov:agent <{iri}> ; prov:hadRole ?role .
}} GROUP BY ?role""",
    )
    by_role = {name: {"tasks": 0, "items": 0} for name in ROLE_NAMES.values()}
    for row in counts:
        name = ROLE_NAMES.get(str(row["role"]))
        if name:
            by_role[name] = {"tasks": int(row["tasks"]), "items": int(row["items"])}
    detail["aliases"] = sorted({str(r["alias"]) for r in aliases})
    detail["counts"] = by_role
    return detail


def agency_tasks(
    store: Any, base: str, agency_id: str, roles: tuple[str, ...]
) -> list[dict[str, Any]] | None:
    """The agency's tasks in the given roles, with item, span and partners."""
    from graph.agency_tasks import agency_involvement
    from graph.names import AgencyMatch
    from ingest.model import Role

    detail = agency_detail(store, base, agency_id)
    if detail is None:
        return None
    match = AgencyMatch(
        detail["iri"],
        detail["name_hans"],
        detail["name_hant"],
        detail["english"],
        detail["kind"],
        detail["name_hans"] or "",
        True,
    )
    involvement = agency_involvement(store, match, roles=tuple(Role(r) for r in roles))
    return [_task_out(task, base) for task in involvement.as_dict()["tasks"]]


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
    tasks: dict[str, dict[str, Any]] = {}
    for t in _select(
        store,
        f"""SELECT ?task ?number ?text ?start ?end ?agency ?role ?surface ?hans WHERE {{
  <{iri}> eli:has_part ?task .
  OPTIONAL {{ ?task govkg:number ?number }} OPTIONAL {{ ?task govkg:text ?text }}
  OPTIONAL {{ ?task govkg:start ?start ; govkg:end ?end }}
  OPTIONAL {{ ?task prov:qualifiedAssociation ?a . ?a prov:agent ?agency ; prov:hadRole ?role .
             OPTIONAL {{ ?a govkg:surface ?surface }}
             OPTIONAL {{ ?agency skos:prefLabel ?hans FILTER(langMatches(lang(?hans), "zh-Hans")) }} }}
}} ORDER BY ?number ?agency""",
    ):
        task = tasks.setdefault(
            str(t["task"]),
            {
                "iri": str(t["task"]),
                "number": t.get("number"),
                "text": t.get("text"),
                "span": [t["start"], t["end"]] if "start" in t else None,
                "assignments": [],
            },
        )
        if "agency" in t:
            task["assignments"].append(
                {
                    "agency_id": str(t["agency"]).removeprefix(base + "agency/"),
                    "agency_iri": str(t["agency"]),
                    "name": t.get("hans"),
                    "role": ROLE_NAMES.get(str(t["role"]), str(t["role"])),
                    "surface": t.get("surface"),
                }
            )
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
        "tasks": sorted(tasks.values(), key=lambda t: t["number"] or 0),
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


def list_documents(store: Any, base: str, notices_only: bool) -> list[dict[str, Any]]:
    """Notices (and, unless ``notices_only``, documents they cite)."""
    kind = "govkg:Notice" if notices_only else "eli:LegalResource"
    rows = _select(
        store,
        f"""SELECT ?document (SAMPLE(?n) AS ?number) (SAMPLE(?t) AS ?title) (SAMPLE(?d) AS ?date)
       (SAMPLE(?notice) AS ?isNotice) WHERE {{
  ?document a {kind} .
  OPTIONAL {{ ?document eli:id_local ?n }} OPTIONAL {{ ?document dcterms:title ?t }}
  OPTIONAL {{ ?document eli:date_document ?d }}
  OPTIONAL {{ ?document a govkg:Notice BIND(true AS ?notice) }}
}} GROUP BY ?document ORDER BY ?document""",
    )
    return [_document(r, base) for r in rows]


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
    """A document: metadata, its items, what it cites and who cites it."""
    iri = _document_iri(base, document_id)
    rows = [r for r in list_documents(store, base, False) if r["iri"] == iri]
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
    cited_by = _select(store, f"SELECT DISTINCT ?document WHERE {{ ?document eli:cites <{iri}> }}")
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
    detail["cited_by"] = sorted(local_id(str(r["document"]), base) for r in cited_by)
    return detail


def _document_iri(base: str, document_id: str) -> str:
    """A document id, or a number in any script or bracket style, as the document's IRI."""
    from graph.iris import document_iri

    if document_id.startswith(("title/", "sha256/")):
        return base + "doc/" + document_id
    return str(document_iri(base, number=document_id))


def citing(store: Any, base: str, number: str) -> list[dict[str, Any]]:
    """Occurrences of citations of ``number`` (any script, any brackets) and where they are."""
    from ontology.queries import bind_query

    rows = as_rows(store.select(bind_query("citing_notices", documentNumber=number)))
    return [
        {
            "document_id": local_id(str(r["document"]), base),
            "notice_id": local_id(str(r["notice"]), base),
            "notice_number": r.get("noticeNumber"),
            "notice_title": r.get("noticeTitle"),
            "item_id": local_id(str(r["item"]), base) if "item" in r else None,
            "item_number": r.get("itemNumber"),
            "span": [r["start"], r["end"]] if "start" in r else None,
        }
        for r in rows
    ]


def search_tasks(store: Any, base: str, q: str) -> list[dict[str, Any]]:
    """Tasks whose text holds ``q`` in either script, with their agencies by role."""
    from ontology.queries import bind_query

    tasks: dict[str, dict[str, Any]] = {}
    for r in as_rows(store.select(bind_query("keyword_tasks", keyword=q))):
        task = tasks.setdefault(
            str(r["task"]),
            {
                "task": str(r["task"]),
                "document_id": local_id(str(r["notice"]), base),
                "item_id": local_id(str(r["notice"]), base) + f"/item/{r.get('itemNumber')}",
                "item_number": r.get("itemNumber"),
                "task_number": r.get("taskNumber"),
                "text": r.get("taskText"),
                "agencies": [],
            },
        )
        if "agency" in r:
            task["agencies"].append(
                {
                    "agency_id": str(r["agency"]).removeprefix(base + "agency/"),
                    "name": r.get("agencyLabel"),
                    "role": ROLE_NAMES.get(str(r.get("role")), str(r.get("role"))),
                }
            )
    return list(tasks.values())


def coordination(store: Any, base: str, roles: tuple[str, ...]) -> dict[str, Any]:
    """The weighted coordination network with lead load and centralities per agency."""
    from graph.metrics import centralities
    from graph.network import coordination_network
    from ingest.model import Role

    network = coordination_network(store, roles=tuple(Role(r) for r in roles))
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
