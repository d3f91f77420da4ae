"""Where each fact sits: spans into a notice's text, and the notice / section / role of
every assignment and citation, so the views can show and filter facts at their source.

The same plain data comes from a parsed :class:`ingest.model.Document` (a file on the
command line) or from any store (the API), so the source view and the network pages
never care which. Queries are data files in ``graph/marks_queries``.

>>> from ingest.model import Agency, AgencyKind, Assignment, Document, Header, Item, Role
>>> from ingest.model import Section, Source, Task
>>> text = "一、甲\\n(一)做事。做事(省林業廳負責)"
>>> forest = Agency("forestry", "省林业厅", "省林業廳", "Forestry", AgencyKind.DEPARTMENT)
>>> task = Task(1, "做事", (10, 20), (12, 20), [Assignment(forest, Role.RESPONSIBLE, "省林業廳", (13, 17))])
>>> item = Item(1, "(一)", "做事", (4, 20), 1, [task])
>>> doc = Document(Source("t", "0" * 64), text, "hant", Header(None, None, None, None, (), None),
...                [Section(1, "甲", (0, 3), [item])], [], [forest], [])
>>> [(m.kind, text[m.start:m.end]) for m in marks_from_document(doc).marks]
[('item', '(一)做事。做事(省林業廳負責)'), ('task', '做事(省林業廳負責)'), ('responsible', '省林業廳')]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rdflib import Graph

from graph.selectable import Row, Selectable, as_selectable, integer, text
from ingest.model import Document, Role

__all__ = [
    "Involvement",
    "Mark",
    "NoticeInfo",
    "Occurrence",
    "SourceText",
    "involvements",
    "marks_from_document",
    "notices",
    "occurrences",
    "source_text",
]

SCRIPT_TAGS = {"hant": "zh-Hant", "hans": "zh-Hans"}
_ROLES = {"LeadRole": Role.LEAD, "ResponsibleRole": Role.RESPONSIBLE, "CooperatingRole": Role.COOPERATING}
Source = Selectable | Graph


@dataclass(frozen=True, slots=True)
class Mark:
    """A half-open span of the text and what was read there.

    ``kind`` is ``item``, ``task``, a role (``lead``/``responsible``/``cooperating``) or
    ``citation``; ``anchor`` names the span so links can reach it, ``link`` is where a
    reader goes to see the fact the span stands for.
    """

    start: int
    end: int
    kind: str
    label: str
    anchor: str | None = None
    link: str | None = None


@dataclass(frozen=True, slots=True)
class SourceText:
    """A notice's text with every extracted fact marked on it."""

    notice: str
    text: str
    script: str
    title: str | None
    number: str | None
    marks: tuple[Mark, ...]


@dataclass(frozen=True, slots=True)
class Involvement:
    """One agency in one role for one task, with the notice, section and item around it."""

    notice: str
    section: int
    item: str
    task: str
    agency: str
    role: Role


@dataclass(frozen=True, slots=True)
class Occurrence:
    """``count`` citations of ``doc`` by ``notice`` in items of ``section`` (None: outside items)."""

    notice: str
    doc: str
    section: int | None
    count: int


@dataclass(frozen=True, slots=True)
class NoticeInfo:
    """An ingested notice, and its sections as ``(number, title)``."""

    iri: str
    number: str | None
    title: str | None
    sections: tuple[tuple[int, str], ...]


def role_of(iri: str | None) -> Role | None:
    """The model role a ``govkg:*Role`` IRI stands for."""
    return _ROLES.get((iri or "").rsplit("#", 1)[-1])


def item_anchor(number: int) -> str:
    return f"item-{number}"


def task_anchor(item: int, task: int) -> str:
    return f"task-{item}-{task}"


def fact_anchor(item: int) -> str:
    return f"facts-{item}"


def agency_label(hans: str | None, hant: str | None, english: str | None) -> str:
    names = " / ".join(dict.fromkeys(n for n in (hant, hans) if n))
    return f"{names} ({english})" if english else names


def citation_label(number: str | None, title: str | None) -> str:
    return " ".join(part for part in (f"《{title}》" if title else None, number) if part) or "?"


def _item_mark(number: int, label: str | None, title: str | None, span: tuple[int, int]) -> Mark:
    return Mark(
        span[0], span[1], "item", f"{label or number} {title or ''}".strip(), anchor=item_anchor(number)
    )


def _task_mark(item: int, task: int, span: tuple[int, int]) -> Mark:
    return Mark(
        span[0],
        span[1],
        "task",
        f"{item}.{task}",
        anchor=task_anchor(item, task),
        link=f"#{fact_anchor(item)}",
    )


def marks_from_document(doc: Document) -> SourceText:
    """Marks for every item, task, assignment and citation of a parsed notice."""
    marks: list[Mark] = []
    for item in doc.items:
        marks.append(_item_mark(item.number, item.label, item.title, item.span))
        for task in item.tasks:
            marks.append(_task_mark(item.number, task.number, task.span))
            for a in task.assignments:
                label = agency_label(a.agency.name, a.agency.name_hant, a.agency.english)
                marks.append(Mark(a.span[0], a.span[1], a.role.value, label))
    for citation in doc.citations:
        label = citation_label(citation.doc_number, citation.title and citation.title.strip("《》"))
        marks.append(Mark(citation.span[0], citation.span[1], "citation", label))
    return SourceText(
        notice=doc.source.name,
        text=doc.text,
        script=SCRIPT_TAGS.get(doc.script, "zh-Hans"),
        title=doc.header.title,
        number=doc.header.doc_number,
        marks=tuple(sorted(marks, key=lambda m: (m.start, -m.end))),
    )


@cache
def _query_text(name: str) -> str:
    return resources.files("graph").joinpath("marks_queries", f"{name}.rq").read_text(encoding="utf-8")


def _query(name: str, notice: str | None = None) -> str:
    sparql = _query_text(name)
    return sparql.replace("#{notice}", f"<{notice}>") if notice else sparql


def _span(row: Row) -> tuple[int, int]:
    return integer(row.get("start")), integer(row.get("end"))


def source_text(source: Source, notice: str) -> SourceText | None:
    """The text of the notice ``notice`` (an IRI) with its marks, read from a store; None if absent."""
    store = as_selectable(source)
    head = store.select(_query("notice_text", notice))
    if not head or text(head[0].get("text")) is None:
        return None
    row = head[0]
    marks = [
        _item_mark(integer(r.get("number")), text(r.get("label")), text(r.get("title")), _span(r))
        for r in store.select(_query("items", notice))
    ]
    marks += [
        _task_mark(integer(r.get("item_number")), integer(r.get("number")), _span(r))
        for r in store.select(_query("tasks", notice))
    ]
    marks += list(_assignment_marks(store.select(_query("assignments", notice))))
    marks += [
        Mark(*_span(r), "citation", citation_label(text(r.get("number")), text(r.get("title"))))
        for r in store.select(_query("citations", notice))
    ]
    return SourceText(
        notice=notice,
        text=text(row.get("text")) or "",
        script=text(row.get("script")) or "zh-Hans",
        title=text(row.get("title")),
        number=text(row.get("number")),
        marks=tuple(sorted(marks, key=lambda m: (m.start, -m.end, m.kind))),
    )


def _assignment_marks(rows: Iterable[Row]) -> Iterable[Mark]:
    for r in rows:
        role = role_of(text(r.get("role")))
        if role is None:
            continue
        hans, hant, english = text(r.get("hans")), text(r.get("hant")), text(r.get("english"))
        yield Mark(*_span(r), role.value, agency_label(hans, hant, english))


def involvements(source: Source) -> list[Involvement]:
    """Every assignment in the store, with its notice, section, item and task."""
    store: Selectable = as_selectable(source)
    rows = []
    for r in store.select(_query("involvements")):
        role = role_of(text(r.get("role")))
        notice, item, task, agency = (text(r.get(k)) for k in ("notice", "item", "task", "agency"))
        if role and notice and item and task and agency:
            rows.append(Involvement(notice, integer(r.get("section")), item, task, agency, role))
    return rows


def occurrences(source: Source) -> list[Occurrence]:
    """Citation counts per citing notice, cited document and section of the citing item."""
    store: Selectable = as_selectable(source)
    rows = []
    for r in store.select(_query("occurrences")):
        notice, doc = text(r.get("notice")), text(r.get("doc"))
        if notice and doc:
            section = None if r.get("section") is None else integer(r.get("section"))
            rows.append(Occurrence(notice, doc, section, integer(r.get("count"))))
    return rows


def notices(source: Source) -> list[NoticeInfo]:
    """Ingested notices (those holding their text), ordered by number, with their sections."""
    store: Selectable = as_selectable(source)
    found: dict[str, tuple[str | None, str | None, dict[int, str]]] = {}
    for r in store.select(_query("notices")):
        iri = text(r.get("notice"))
        if iri is None:
            continue
        entry = found.setdefault(iri, (text(r.get("number")), text(r.get("title")), {}))
        if r.get("section") is not None:
            entry[2][integer(r.get("section"))] = text(r.get("section_title")) or ""
    return [
        NoticeInfo(iri, number, title, tuple(sorted(sections.items())))
        for iri, (number, title, sections) in sorted(found.items(), key=lambda kv: (kv[1][0] or "", kv[0]))
    ]
