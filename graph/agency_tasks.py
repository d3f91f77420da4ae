"""Which items and tasks an agency leads, carries out or supports (competency question 1).

Each task comes with its item, its notice and the exact span of the assignment in the
notice's text, so every line of an answer can be traced back to the words it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.coordination_counts import ROLE_ORDER
from graph.names import AgencyMatch
from graph.network_scope import (
    RoleFilter,
    Scope,
    Source,
    agency_attributes,
    parse_roles,
    role_of,
)
from graph.projection_cache import CACHE
from graph.selectable import Selectable, as_selectable, integer, query, text
from ingest.model import Role

__all__ = ["AgencyInvolvement", "AgencyTask", "agency_involvement"]


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
    source: Source, agency: AgencyMatch, *, roles: RoleFilter = Role.LEAD
) -> AgencyInvolvement:
    """The agency's tasks in ``roles`` (lead by default, as users mean by "which items does X lead")."""
    store = as_selectable(source)
    wanted = parse_roles(roles)
    filters = f"VALUES ?agency {{ <{agency.iri}> }}\n  " + Scope(wanted).filters("role")
    tasks: dict[tuple[str, Role], AgencyTask] = {}
    for row in store.select(query("agency_tasks", filters)):
        task_iri, role = text(row.get("task")), role_of(text(row.get("role")))
        if task_iri is None or role is None or (task_iri, role) in tasks:
            continue
        start, end = text(row.get("start")), text(row.get("end"))
        tasks[task_iri, role] = AgencyTask(
            notice=text(row.get("notice")) or "",
            notice_number=text(row.get("notice_number")),
            item=text(row.get("item")) or "",
            item_number=integer(row.get("item_number")),
            item_label=text(row.get("item_label")),
            item_title=text(row.get("item_title")),
            task=task_iri,
            task_number=integer(row.get("task_number")),
            text=text(row.get("task_text")),
            role=role,
            surface=text(row.get("surface")),
            span=(int(start), int(end)) if start is not None and end is not None else None,
        )
    partners = _partners(source, store, agency.iri, sorted({task for task, _ in tasks}))
    ordered = sorted(
        tasks.values(), key=lambda t: (t.notice, t.item_number, t.task_number, ROLE_ORDER.index(t.role))
    )
    with_partners = [_with_partners(t, partners.get(t.task, ())) for t in ordered]
    return AgencyInvolvement(agency, wanted, with_partners)


def _with_partners(task: AgencyTask, partners: tuple[tuple[str, Role], ...]) -> AgencyTask:
    return AgencyTask(**{**{f: getattr(task, f) for f in AgencyTask.__slots__}, "partners": partners})


def _partners(
    source: Source, store: Selectable, agency: str, tasks: list[str]
) -> dict[str, tuple[tuple[str, Role], ...]]:
    """The other agencies on each task, labelled, lead first."""
    if not tasks:
        return {}
    labels = CACHE.get(source, ("agency-attributes",), lambda: agency_attributes(store))
    values = "VALUES ?task { " + " ".join(f"<{t}>" for t in tasks) + " }"
    found: dict[str, set[tuple[str, Role]]] = {}
    for row in store.select(query("task_partners", values)):
        task, other, role = text(row.get("task")), text(row.get("agency")), role_of(text(row.get("role")))
        if task and other and role and other != agency:
            label = labels.get(other, {}).get("label", other)
            found.setdefault(task, set()).add((label, role))
    return {
        task: tuple(sorted(pairs, key=lambda p: (ROLE_ORDER.index(p[1]), p[0])))
        for task, pairs in found.items()
    }
