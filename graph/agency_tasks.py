"""Which items and tasks an agency leads, carries out or supports (competency question 1).

Each task comes with its item, its notice and the exact span of the assignment in the
notice's text, so every line of an answer can be traced back to the words it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.coordination_counts import ROLE_ORDER
from graph.names import AgencyMatch
from graph.network_scope import RoleFilter, agency_names, parse_roles
from graph.store import Store
from graph.task_index import IndexedTask, current_index
from ingest.model import Role

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

    Pairs, order, count and what a page shows all come from the task index
    (:mod:`graph.task_index`), synced with the store first; only the partners' names come
    from the graph, looked up for the page's agencies.
    """
    wanted = parse_roles(roles)
    total, chosen = current_index(store).agency_page(agency, wanted, offset, limit)
    partners = {a.agency for entry, _ in chosen for a in entry.agencies if a.agency != agency}
    names = agency_names(store, partners)
    return total, [_agency_task(entry, role, agency, names) for entry, role in chosen]


def _agency_task(entry: IndexedTask, role: Role, agency: str, names: dict[str, str]) -> AgencyTask:
    own = next((a for a in entry.agencies if a.agency == agency and a.role == role), None)
    span = (own.start, own.end) if own is not None and own.start is not None and own.end is not None else None
    return AgencyTask(
        notice=entry.notice,
        notice_number=entry.notice_number,
        item=entry.item,
        item_number=entry.item_number,
        item_label=entry.item_label,
        item_title=entry.item_title,
        task=entry.task,
        task_number=entry.task_number,
        text=entry.text,
        role=role,
        surface=own.surface if own is not None else None,
        span=span,
        partners=_partners(entry, agency, names),
    )


def _partners(entry: IndexedTask, agency: str, names: dict[str, str]) -> tuple[tuple[str, Role], ...]:
    """The other agencies on the task, labelled, lead first."""
    pairs = {(names.get(a.agency, a.agency), a.role) for a in entry.agencies if a.agency != agency}
    return tuple(sorted(pairs, key=lambda p: (ROLE_ORDER.index(p[1]), p[0])))
