"""Per-notice coordination counts: which agencies share tasks, in which roles, and how many each holds.

A task belongs to one notice, so counts over many notices are plain sums of these
per-notice counts. :mod:`graph.rdf` writes them into the notice's own named graph,
and the coordination network sums them instead of joining every assignment with every
other one.

>>> from ingest.model import Agency, AgencyKind, Assignment, Document, Header, Item, Role
>>> from ingest.model import Section, Source, Task
>>> a, b = (Agency(i, i, i, None, AgencyKind.DEPARTMENT) for i in ("a", "b"))
>>> task = Task(1, "", (0, 1), (0, 1), [Assignment(a, Role.LEAD, "a", (0, 1)),
...                                    Assignment(b, Role.COOPERATING, "b", (0, 1))])
>>> doc = Document(Source("x", "0" * 64), "", "hans", Header(None, None, None, None, (), None),
...                [Section(1, "", (0, 1), [Item(3, "", "", (0, 1), 1, [task])])], [], [a, b], [])
>>> counts = coordination_counts(doc)
>>> pair = counts.pairs["a", "b"]
>>> len(pair.tasks), sorted(pair.items), pair.role_pairs
(1, [3], {'lead-cooperating': (1, {3})})
>>> counts.loads["b"].tasks[Role.COOPERATING], len(counts.loads["a"].lead_items)
(1, 1)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ingest.model import Document, Role

ROLE_ORDER: tuple[Role, ...] = (Role.LEAD, Role.RESPONSIBLE, Role.COOPERATING)


@dataclass(slots=True)
class PairCounts:
    """Two agencies' shared tasks in one notice: the tasks, their items, and tasks per role pair.

    ``role_pairs`` maps ``"<role>-<role>"`` (roles in the order lead, responsible,
    cooperating) to (shared tasks in that role combination, their item numbers).
    """

    tasks: set[tuple[int, int]] = field(default_factory=set)
    items: set[int] = field(default_factory=set)
    role_pairs: dict[str, tuple[int, set[int]]] = field(default_factory=dict)

    def count(self, key: str, item: int) -> None:
        tasks, items = self.role_pairs.get(key, (0, set()))
        self.role_pairs[key] = (tasks + 1, items | {item})


@dataclass(slots=True)
class LoadCounts:
    """One agency's tasks per role, items it leads, and tasks it takes part in at all, in one notice."""

    tasks: Counter[Role] = field(default_factory=Counter)
    lead_items: set[int] = field(default_factory=set)
    involved: set[tuple[int, int]] = field(default_factory=set)


@dataclass(slots=True)
class CoordinationCounts:
    """Pairs keyed by agency ids (first < second as agency IRIs), loads keyed by agency id."""

    pairs: dict[tuple[str, str], PairCounts]
    loads: dict[str, LoadCounts]


def role_pair_key(first: Role, second: Role) -> str:
    """The role-pair name of two roles, independent of their order.

    >>> role_pair_key(Role.COOPERATING, Role.LEAD)
    'lead-cooperating'
    """
    a, b = sorted((first, second), key=ROLE_ORDER.index)
    return f"{a.value}-{b.value}"


def coordination_counts(doc: Document) -> CoordinationCounts:
    """Counts as the store's GROUP BY over assignments would give them, for one notice.

    An agency named twice in one role of a task counts once; a pair's role combinations
    are counted per (agency, role) member of the task, as the raw-triple queries do.
    """
    pairs: dict[tuple[str, str], PairCounts] = {}
    loads: dict[str, LoadCounts] = {}
    for section in doc.sections:
        for item in section.items:
            for task in item.tasks:
                key = (item.number, task.number)
                members = sorted({(a.agency.id, a.role) for a in task.assignments})
                for agency, role in members:
                    load = loads.setdefault(agency, LoadCounts())
                    load.involved.add(key)
                    load.tasks[role] += 1
                    if role is Role.LEAD:
                        load.lead_items.add(item.number)
                for agency_a, role_a in members:
                    for agency_b, role_b in members:
                        if agency_a >= agency_b:
                            continue
                        pair = pairs.setdefault((agency_a, agency_b), PairCounts())
                        pair.tasks.add(key)
                        pair.items.add(item.number)
                        pair.count(role_pair_key(role_a, role_b), item.number)
    return CoordinationCounts(pairs, loads)
