"""Per-notice coordination counts: which agencies share tasks, in which roles, and how many each holds.

A task belongs to one notice, so counts over many notices are plain sums of these
per-notice counts: :mod:`graph.summary` keeps their sum over every stored notice, and
the coordination network of the whole store reads that sum instead of joining every
assignment with every other one.

>>> from ingest.model import Agency, AgencyKind, Assignment, Document, Header, Item, Role
>>> from ingest.model import Section, Source, Task
>>> a, b = (Agency(i, i, i, None, AgencyKind.DEPARTMENT) for i in ("a", "b"))
>>> task = Task(1, "", (0, 1), (0, 1), [Assignment(a, Role.LEAD, "a", (0, 1)),
...                                    Assignment(b, Role.COOPERATING, "b", (0, 1))])
>>> doc = Document(Source("x", "0" * 64), "", "hans", Header(None, None, None, None, (), None),
...                [Section(1, "", (0, 1), [Item(3, "", "", (0, 1), 1, [task])])], [], [a, b], [])
>>> counts = coordination_counts(doc)
>>> pair = counts.pairs["a", "b"]
>>> len(pair.tasks), dict(pair.role_pairs)
(1, {'lead-cooperating': 1})
>>> counts.loads["b"].tasks[Role.COOPERATING], len(counts.loads["a"].lead_items)
(1, 1)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from ingest.model import Document, Role

ROLE_ORDER: tuple[Role, ...] = (Role.LEAD, Role.RESPONSIBLE, Role.COOPERATING)


@dataclass(slots=True)
class PairCounts:
    """Two agencies' shared tasks in one notice, and how many of them in each role combination.

    ``role_pairs`` maps ``"<role>-<role>"`` (roles in the order lead, responsible,
    cooperating) to the shared tasks in that role combination.
    """

    tasks: set[Hashable] = field(default_factory=set)
    role_pairs: Counter[str] = field(default_factory=Counter)


@dataclass(slots=True)
class LoadCounts:
    """One agency's tasks per role, items it leads, and tasks it takes part in at all, in one notice."""

    tasks: Counter[Role] = field(default_factory=Counter)
    lead_items: set[Hashable] = field(default_factory=set)
    involved: set[Hashable] = field(default_factory=set)


@dataclass(slots=True)
class CoordinationCounts:
    """Pairs keyed by agency (ids or IRIs, the first sorting first), loads keyed by agency."""

    pairs: dict[tuple[str, str], PairCounts]
    loads: dict[str, LoadCounts]


def role_pair_key(first: Role, second: Role) -> str:
    """The role-pair name of two roles, independent of their order.

    >>> role_pair_key(Role.COOPERATING, Role.LEAD)
    'lead-cooperating'
    """
    a, b = sorted((first, second), key=ROLE_ORDER.index)
    return f"{a.value}-{b.value}"


_ROLE_PAIR_KEYS = {(a, b): role_pair_key(a, b) for a in ROLE_ORDER for b in ROLE_ORDER}


def coordination_counts(doc: Document) -> CoordinationCounts:
    """Counts as the store's GROUP BY over assignments would give them, for one notice."""
    return count_tasks(
        (item.number, (item.number, task.number), [(a.agency.id, a.role) for a in task.assignments])
        for section in doc.sections
        for item in section.items
        for task in item.tasks
    )


def count_tasks(tasks: Iterable[tuple[Hashable, Hashable, Iterable[tuple[str, Role]]]]) -> CoordinationCounts:
    """Counts over ``(item, task, [(agency, role), ...])`` of one notice, parsed or read back from a store.

    An agency named twice in one role of a task counts once; a pair's role combinations
    are counted per (agency, role) member of the task, as the raw-triple queries do.
    """
    pairs: dict[tuple[str, str], PairCounts] = {}
    loads: dict[str, LoadCounts] = {}
    for item, key, assigned in tasks:
        members = sorted(set(assigned))
        for agency, role in members:
            load = loads.get(agency)
            if load is None:  # not setdefault: that builds counters only to throw them away
                load = loads[agency] = LoadCounts()
            load.involved.add(key)
            load.tasks[role] += 1
            if role is Role.LEAD:
                load.lead_items.add(item)
        for agency_a, role_a in members:
            for agency_b, role_b in members:
                if agency_a >= agency_b:
                    continue
                pair = pairs.get((agency_a, agency_b))
                if pair is None:
                    pair = pairs[agency_a, agency_b] = PairCounts()
                pair.tasks.add(key)
                pair.role_pairs[_ROLE_PAIR_KEYS[role_a, role_b]] += 1
    return CoordinationCounts(pairs, loads)
