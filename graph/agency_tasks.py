"""Which items and tasks an agency leads, carries out or supports (competency question 1).

Each task comes with its item, its notice and the exact span of the assignment in the
notice's text, so every line of an answer can be traced back to the words it came from.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from graph.coordination_counts import ROLE_ORDER
from graph.names import AgencyMatch
from graph.network_scope import (
    RoleFilter,
    Source,
    agency_attributes,
    parse_roles,
    role_of,
)
from graph.projection_cache import CACHE
from graph.selectable import Selectable, as_selectable, integer, query, text
from ingest.model import Role
from ontology import GOVKG

_ROLE_IRI = {
    Role.LEAD: str(GOVKG.LeadRole),
    Role.RESPONSIBLE: str(GOVKG.ResponsibleRole),
    Role.COOPERATING: str(GOVKG.CooperatingRole),
}
_SHORTCUTS = {
    Role.LEAD: str(GOVKG.leadAgency),
    Role.RESPONSIBLE: str(GOVKG.responsibleAgency),
    Role.COOPERATING: str(GOVKG.cooperatingAgency),
}
"""The task -> agency shortcut property written alongside every assignment of a role."""
_BY_SHORTCUT = {shortcut: role for role, shortcut in _SHORTCUTS.items()}

__all__ = [
    "AgencyInvolvement",
    "AgencyTask",
    "TaskPlace",
    "TaskTexts",
    "agency_involvement",
    "agency_task_page",
    "task_places",
    "task_texts",
]


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


@dataclass(frozen=True, slots=True)
class TaskPlace:
    """Where a task sits: its notice and item, and the numbers that give document order."""

    notice: str
    item: str
    item_number: int
    task_number: int

    def order(self) -> tuple[str, int, int]:
        return (self.notice, self.item_number, self.task_number)


def task_places(source: Source) -> dict[str, TaskPlace]:
    """Every task's notice, item and numbers, cached per store version.

    Built from three scans (task type, eli:is_part_of, govkg:number) joined here: a scan
    costs about a microsecond a row, an index lookup per task some tens of microseconds,
    so ordering an agency's thousand tasks by lookups would cost more than this once.
    """
    store = as_selectable(source)
    return CACHE.get(source, ("task-places",), lambda: _task_places(store))


def _task_places(store: Selectable) -> dict[str, TaskPlace]:
    types = store.select(_SCAN.format(pattern="?s a govkg:Task . BIND (1 AS ?o)"))
    parts = store.select(_SCAN.format(pattern="?s eli:is_part_of ?o"))
    numbers = store.select(_SCAN.format(pattern="?s govkg:number ?o"))
    whole = {text(r.get("s")): text(r.get("o")) for r in parts}
    number = {text(r.get("s")): integer(r.get("o")) for r in numbers}
    places = {}
    for row in types:
        task = text(row.get("s"))
        item = whole.get(task)
        notice = whole.get(whole.get(item)) if item else None
        if task and item and notice and task in number and item in number:
            places[task] = TaskPlace(notice, item, number[item], number[task])
    return places


_SCAN = """PREFIX govkg: <https://w3id.org/govkg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
SELECT ?s ?o WHERE {{ {pattern} }}"""


@dataclass(frozen=True, slots=True)
class TaskTexts:
    """Every task's text in document order, also joined into one string to search at once.

    >>> texts = TaskTexts.of([("t1", "推进电子商务"), ("t2", "打击侵权"), ("t3", "電子商務")])
    >>> texts.positions(["电子商务", "電子商務"]), texts.positions(["务打"])
    ([0, 2], [])
    """

    tasks: tuple[str, ...]
    texts: tuple[str, ...]
    joined: str
    starts: tuple[int, ...]

    @classmethod
    def of(cls, pairs: list[tuple[str, str]]) -> TaskTexts:
        starts, offset = [], 0
        for _, value in pairs:
            starts.append(offset)
            offset += len(value) + len(_SEPARATOR)
        joined = _SEPARATOR.join(value for _, value in pairs)
        return cls(tuple(t for t, _ in pairs), tuple(v for _, v in pairs), joined, tuple(starts))

    def positions(self, spellings: list[str]) -> list[int]:
        """Where in ``tasks`` (and ``texts``) the texts holding any of ``spellings`` are, in order."""
        found: set[int] = set()
        for spelling in spellings:
            if not spelling or _SEPARATOR in spelling:
                continue
            at = self.joined.find(spelling)
            while at >= 0:
                index = bisect.bisect_right(self.starts, at) - 1
                found.add(index)
                at = self.joined.find(spelling, self.starts[index] + len(self.texts[index]))
        return sorted(found)


_SEPARATOR = "\x00"


def task_texts(source: Source) -> TaskTexts:
    """Every task's text in document order, cached per store version (for phrase search)."""
    store = as_selectable(source)
    return CACHE.get(source, ("task-texts",), lambda: _task_texts(source, store))


def _task_texts(source: Source, store: Selectable) -> TaskTexts:
    places = task_places(source)
    found = []
    for row in store.select(_SCAN.format(pattern="?s govkg:text ?o")):
        task, value = text(row.get("s")), text(row.get("o"))
        if task in places and value is not None:
            found.append((task, value))
    return TaskTexts.of(sorted(found, key=lambda pair: places[pair[0]].order()))


def agency_involvement(
    source: Source, agency: AgencyMatch, *, roles: RoleFilter = Role.LEAD
) -> AgencyInvolvement:
    """The agency's tasks in ``roles`` (lead by default, as users mean by "which items does X lead")."""
    wanted = parse_roles(roles)
    _, tasks = agency_task_page(source, agency.iri, wanted)
    return AgencyInvolvement(agency, wanted, tasks)


def agency_task_page(
    source: Source, agency: str, roles: RoleFilter = Role.LEAD, offset: int = 0, limit: int | None = None
) -> tuple[int, list[AgencyTask]]:
    """How many (task, role) pairs the agency has in ``roles``, and those from ``offset`` on, in order.

    The pairs come from the role shortcuts (one index range per role); they are ordered by
    notice, item number, task number and role, and only the page asked for is described.
    """
    store = as_selectable(source)
    wanted = parse_roles(roles)
    places = task_places(source)
    keys = [(task, role) for task, role in _task_roles(store, agency, wanted) if task in places]
    keys.sort(key=lambda k: (*places[k[0]].order(), ROLE_ORDER.index(k[1])))
    chosen = keys[offset:] if limit is None else keys[offset : offset + limit]
    details = _details(store, agency, chosen, places)
    partners = _partners(source, store, agency, sorted({task for task, _ in chosen}))
    tasks = []
    for task, role in chosen:
        place, row = places[task], details.get((task, role), {})
        item, notice = details.get(place.item, {}), details.get(place.notice, {})
        start, end = text(row.get("start")), text(row.get("end"))
        tasks.append(
            AgencyTask(
                notice=place.notice,
                notice_number=text(notice.get("notice_number")),
                item=place.item,
                item_number=place.item_number,
                item_label=text(item.get("item_label")),
                item_title=text(item.get("item_title")),
                task=task,
                task_number=place.task_number,
                text=text(row.get("task_text")),
                role=role,
                surface=text(row.get("surface")),
                span=(int(start), int(end)) if start is not None and end is not None else None,
                partners=partners.get(task, ()),
            )
        )
    return len(keys), tasks


def _task_roles(store: Selectable, agency: str, roles: frozenset[Role]) -> set[tuple[str, Role]]:
    """The agency's (task, role) pairs: one row per role with its tasks joined by spaces (IRIs hold
    none), as converting thousands of rows to Python terms costs more than finding them."""
    shortcuts = " ".join(f"<{_SHORTCUTS[role]}>" for role in ROLE_ORDER if role in roles)
    rows = store.select(
        f"""SELECT ?property (GROUP_CONCAT(STR(?task); separator=" ") AS ?tasks) WHERE {{
  VALUES ?property {{ {shortcuts} }} ?task ?property <{agency}> }} GROUP BY ?property"""
    )
    found: set[tuple[str, Role]] = set()
    for row in rows:
        role = _BY_SHORTCUT.get(text(row.get("property")) or "")
        if role is not None:
            found.update((task, role) for task in (text(row.get("tasks")) or "").split())
    return found


def _details(
    store: Selectable, agency: str, keys: list[tuple[str, Role]], places: dict[str, TaskPlace]
) -> dict[Any, dict[str, Any]]:
    """Text and the assignment's surface and span per (task, role); heading per item; number per notice.

    When the agency holds one role twice on a task (two names for it in one parenthetical),
    the assignment written first wins.
    """
    if not keys:
        return {}
    pairs = " ".join(f"(<{task}> <{_ROLE_IRI[role]}>)" for task, role in keys)
    items = " ".join(sorted({f"<{places[task].item}>" for task, _ in keys}))
    notices = " ".join(sorted({f"<{places[task].notice}>" for task, _ in keys}))
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
        task, other = text(row.get("task")), text(row.get("agency"))
        role = _BY_SHORTCUT.get(text(row.get("property")) or "")
        if task and other and role and other != agency:
            label = labels.get(other, {}).get("label", other)
            found.setdefault(task, set()).add((label, role))
    return {
        task: tuple(sorted(pairs, key=lambda p: (ROLE_ORDER.index(p[1]), p[0])))
        for task, pairs in found.items()
    }
