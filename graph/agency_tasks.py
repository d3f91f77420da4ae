"""Which items and tasks an agency leads, carries out or supports (competency question 1).

Each task comes with its item, its notice and the exact span of the assignment in the
notice's text, so every line of an answer can be traced back to the words it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.coordination_counts import ROLE_ORDER
from graph.names import AgencyMatch
from graph.network_scope import RoleFilter, agency_attributes, parse_roles, role_of
from graph.projection_cache import CACHE
from graph.rdf import ROLE_IRIS
from graph.selectable import query, text
from graph.store import Store
from graph.task_index import ROLE_OF_SHORTCUT, IndexedTask, current_index
from ingest.model import Role

_ROLE_IRI = {role: str(iri) for role, iri in ROLE_IRIS.items()}

__all__ = ["AgencyInvolvement", "AgencyTask", "agency_involvement", "agency_task_page"]


@dataclass(frozen=True, slots=True)
class AgencyTask:
    """One task the agency is assigned to, in one role; ``partners`` are the other agencies."""

    notice: str
    notice_number: str | None
    item: str
    item_number: int
    item_label: str | None
    item_title: str | None
    task: str
    task_number: int
    text: str | None
    role: Role
    surface: str | None
    span: tuple[int, int] | None
    partners: tuple[tuple[str, Role], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "notice": self.notice,
            "notice_number": self.notice_number,
            "item": self.item,
            "item_number": self.item_number,
            "item_label": self.item_label,
            "item_title": self.item_title,
            "task": self.task,
            "task_number": self.task_number,
            "text": self.text,
            "role": self.role.value,
            "surface": self.surface,
            "span": list(self.span) if self.span else None,
            "partners": [{"agency": label, "role": role.value} for label, role in self.partners],
        }


@dataclass(frozen=True, slots=True)
class AgencyInvolvement:
    """An agency's tasks in the asked roles, in document order."""

    agency: AgencyMatch
    roles: frozenset[Role]
    tasks: list[AgencyTask] = field(default_factory=list)

    def items(self) -> list[dict[str, Any]]:
        """Distinct items of the tasks, each with how many of its tasks the agency has per role."""
        found: dict[str, dict[str, Any]] = {}
        for task in self.tasks:
            entry = found.setdefault(
                task.item,
                {
                    "item": task.item,
                    "notice": task.notice,
                    "notice_number": task.notice_number,
                    "number": task.item_number,
                    "label": task.item_label,
                    "title": task.item_title,
                    **{role.value: 0 for role in ROLE_ORDER},
                },
            )
            entry[task.role.value] += 1
        return list(found.values())

    def as_dict(self) -> dict[str, Any]:
        a = self.agency
        return {
            "agency": {
                "iri": a.iri,
                "label_hans": a.label_hans,
                "label_hant": a.label_hant,
                "english": a.english,
                "kind": a.kind,
            },
            "roles": [role.value for role in ROLE_ORDER if role in self.roles],
            "items": self.items(),
            "tasks": [task.as_dict() for task in self.tasks],
        }


def agency_involvement(
    store: Store, agency: AgencyMatch, *, roles: RoleFilter = Role.LEAD
) -> AgencyInvolvement:
    """The agency's tasks in ``roles`` (lead by default, as users mean by "which items does X lead")."""
    wanted = parse_roles(roles)
    _, tasks = agency_task_page(store, agency.iri, wanted)
    return AgencyInvolvement(agency, wanted, tasks)


def agency_task_page(
    store: Store, agency: str, roles: RoleFilter = Role.LEAD, offset: int = 0, limit: int | None = None
) -> tuple[int, list[AgencyTask]]:
    """How many (task, role) pairs the agency has in ``roles``, and those from ``offset`` on, in order.

    The pairs, their order and their count come from the task index (:mod:`graph.task_index`);
    only the page asked for is described from the graph.
    """
    wanted = parse_roles(roles)
    total, chosen = current_index(store).agency_page(agency, wanted, offset, limit)
    details = _details(store, agency, chosen)
    partners = _partners(store, agency, sorted({task.task for task, _ in chosen}))
    tasks = []
    for entry, role in chosen:
        row = details.get((entry.task, role), {})
        item, notice = details.get(entry.item, {}), details.get(entry.notice, {})
        start, end = text(row.get("start")), text(row.get("end"))
        tasks.append(
            AgencyTask(
                notice=entry.notice,
                notice_number=text(notice.get("notice_number")),
                item=entry.item,
                item_number=entry.item_number,
                item_label=text(item.get("item_label")),
                item_title=text(item.get("item_title")),
                task=entry.task,
                task_number=entry.task_number,
                text=text(row.get("task_text")),
                role=role,
                surface=text(row.get("surface")),
                span=(int(start), int(end)) if start is not None and end is not None else None,
                partners=partners.get(entry.task, ()),
            )
        )
    return total, tasks


def _details(store: Store, agency: str, keys: list[tuple[IndexedTask, Role]]) -> dict[Any, dict[str, Any]]:
    """Text and the assignment's surface and span per (task, role); heading per item; number per notice.

    When the agency holds one role twice on a task (two names for it in one parenthetical),
    the assignment written first wins.
    """
    if not keys:
        return {}
    pairs = " ".join(f"(<{task.task}> <{_ROLE_IRI[role]}>)" for task, role in keys)
    items = " ".join(sorted({f"<{task.item}>" for task, _ in keys}))
    notices = " ".join(sorted({f"<{task.notice}>" for task, _ in keys}))
    # Three flat queries, each from its few given nodes: inside a UNION, a join would be
    # evaluated over the whole store before meeting them.
    parts = [
        f"""VALUES (?task ?role) {{ {pairs} }}
  ?task prov:qualifiedAssociation ?assignment .
  ?assignment prov:agent ?agency .
  FILTER (?agency = <{agency}>)
  ?assignment prov:hadRole ?role .
  OPTIONAL {{ ?task govkg:text ?task_text }}
  OPTIONAL {{ ?assignment govkg:surface ?surface }}
  OPTIONAL {{ ?assignment govkg:start ?start }}
  OPTIONAL {{ ?assignment govkg:end ?end }}""",
        f"""VALUES ?item {{ {items} }}
  OPTIONAL {{ ?item govkg:label ?item_label }}
  OPTIONAL {{ ?item dcterms:title ?item_title }}""",
        f"""VALUES ?notice {{ {notices} }}
  OPTIONAL {{ ?notice eli:id_local ?notice_number }}""",
    ]
    rows = [row for part in parts for row in store.select(query("agency_tasks", part))]
    found: dict[Any, dict[str, Any]] = {}
    for row in rows:
        task, role = text(row.get("task")), role_of(text(row.get("role")))
        if task is not None and role is not None:
            start = text(row.get("start"))
            seen = found.get((task, role))
            if seen is None or _before(start, text(seen.get("start"))):
                found[task, role] = dict(row)
        elif row.get("item") is not None:
            found[text(row.get("item"))] = dict(row)
        elif row.get("notice") is not None:
            found[text(row.get("notice"))] = dict(row)
    return found


def _before(start: str | None, other: str | None) -> bool:
    return start is not None and (other is None or int(start) < int(other))


def _partners(store: Store, agency: str, tasks: list[str]) -> dict[str, tuple[tuple[str, Role], ...]]:
    """The other agencies on each task, labelled, lead first."""
    if not tasks:
        return {}
    labels = CACHE.get(store, ("agency-attributes",), lambda: agency_attributes(store))
    values = "VALUES ?task { " + " ".join(f"<{t}>" for t in tasks) + " }"
    found: dict[str, set[tuple[str, Role]]] = {}
    for row in store.select(query("task_partners", values)):
        task, other = text(row.get("task")), text(row.get("agency"))
        role = ROLE_OF_SHORTCUT.get(text(row.get("property")) or "")
        if task and other and role and other != agency:
            label = labels.get(other, {}).get("label", other)
            found.setdefault(task, set()).add((label, role))
    return {
        task: tuple(sorted(pairs, key=lambda p: (ROLE_ORDER.index(p[1]), p[0])))
        for task, pairs in found.items()
    }
