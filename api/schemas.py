"""The REST API's response models: what clients see, separate from the ingest model.

Lists come wrapped as ``{data, count, offset, limit}``: ``count`` is the total
number of matches, ``data`` the page of them.
"""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict

RoleName = Literal["lead", "responsible", "cooperating"]
T = TypeVar("T")


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Page(Model, Generic[T]):
    data: list[T]
    count: int
    offset: int
    limit: int


class Agency(Model):
    id: str
    iri: str
    name_hans: str | None
    name_hant: str | None
    english: str | None
    kind: str


class RoleCount(Model):
    tasks: int
    items: int


class AgencyDetail(Agency):
    aliases: list[str]
    counts: dict[RoleName, RoleCount]


class Partner(Model):
    agency: str
    role: str


class AgencyTask(Model):
    notice: str
    notice_number: str | None
    document_id: str
    item: str
    item_id: str
    item_number: int
    item_label: str | None
    item_title: str | None
    task: str
    task_number: int
    text: str | None
    role: RoleName
    surface: str | None
    span: list[int] | None
    partners: list[Partner]


class Assignment(Model):
    agency_id: str
    agency_iri: str
    name: str | None
    role: str
    surface: str | None


class Task(Model):
    iri: str
    number: int | None
    text: str | None
    span: list[int] | None
    assignments: list[Assignment]


class CitedDocument(Model):
    id: str
    iri: str
    number: str | None
    title: str | None


class Item(Model):
    id: str
    iri: str
    document_id: str
    number: int | None
    label: str | None
    title: str | None
    text: str | None
    span: list[int] | None
    tasks: list[Task]
    citations: list[CitedDocument]


class Document(Model):
    id: str
    iri: str
    number: str | None
    title: str | None
    date: str | None
    notice: bool


class ItemSummary(Model):
    id: str
    number: int | None
    label: str | None
    title: str | None


class CitedBy(Model):
    """How many notices cite a document (listed by ``/documents?cites={id}``) and how many of their items."""

    notices: int
    items: int


class DocumentDetail(Document):
    items: list[ItemSummary]
    cites: list[str]
    cited_by: CitedBy


class CitationOccurrence(Model):
    document_id: str
    notice_id: str
    notice_number: str | None
    notice_title: str | None
    item_id: str | None
    item_number: int | None
    span: list[int] | None


class TaskAgency(Model):
    agency_id: str
    name: str | None
    role: str


class TaskHit(Model):
    task: str
    document_id: str
    item_id: str
    item_number: int | None
    task_number: int | None
    text: str | None
    agencies: list[TaskAgency]


class NetworkNode(Model):
    id: str
    iri: str
    label: str | None
    english: str | None
    kind: str | None
    lead: int
    responsible: int
    cooperating: int
    degree: int
    weighted_degree: float
    betweenness: float | None
    eigenvector: float | None


class NetworkEdge(Model):
    source: str
    target: str
    weight: int
    role_pairs: dict[str, int]


class Network(Model):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class ErrorBody(Model):
    error: str
    message: str


def page(rows: list[Any], offset: int, limit: int, total: int | None = None) -> dict[str, Any]:
    """One page in the list wrapper: ``rows`` is the page itself when the ``total`` is given
    (the store was asked for that page only), else every row, cut here."""
    if total is None:
        return {"data": rows[offset : offset + limit], "count": len(rows), "offset": offset, "limit": limit}
    return {"data": rows, "count": total, "offset": offset, "limit": limit}
