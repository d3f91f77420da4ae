"""The plain document model that ``ingest`` produces and every other layer reads.

Nothing here knows about RDF, HTTP or HTML. Every extracted fact carries the
character span it came from, so any answer can be traced back to the text.
Spans are half-open ``(start, end)`` offsets into ``Document.text``, the decoded
source exactly as read (no BOM), never into a normalised copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

Span = tuple[int, int]


class Role(StrEnum):
    """What an agency does for a task; the genre distinguishes exactly these three."""

    LEAD = "lead"
    RESPONSIBLE = "responsible"
    COOPERATING = "cooperating"


class AgencyKind(StrEnum):
    """Coarse kinds researchers colour and filter agencies by."""

    DEPARTMENT = "department"  # a government department or commission
    CENTRAL_BRANCH = "central-branch"  # a local branch of a central body (customs, CIQ, tax)
    JUDICIAL = "judicial"  # a court or a procuratorate
    PARTY = "party"  # a Party organ
    OFFICE = "office"  # an office of a leading group or a government office
    GOVERNMENT = "government"  # a people's government (provincial, city, county)
    COLLECTIVE = "collective"  # "all member units", "各省级人民政府" and the like
    UNKNOWN = "unknown"  # recognised by pattern, not in the registry


@dataclass(frozen=True, slots=True)
class Agency:
    """One real agency; two notices naming it produce the same ``id``.

    ``name`` is the canonical full name in Simplified script, ``name_hant`` the
    same in Traditional script; ``aliases`` lists every other form known.
    """

    id: str
    name: str
    name_hant: str
    english: str | None
    kind: AgencyKind
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Assignment:
    """One agency in one role for one task, with the text it was read from."""

    agency: Agency
    role: Role
    surface: str
    span: Span


@dataclass(slots=True)
class Task:
    """A run of clauses closed by one responsibility parenthetical.

    ``number`` counts from 1 within its item; ``span`` covers the clauses and the
    parenthetical, ``parenthetical`` the parenthetical alone (brackets included).
    """

    number: int
    text: str
    span: Span
    parenthetical: Span
    assignments: list[Assignment] = field(default_factory=list)


@dataclass(slots=True)
class Item:
    """A numbered work item; ``number`` is its position in the whole plan (1..N)."""

    number: int
    label: str
    title: str
    span: Span
    section: int
    tasks: list[Task] = field(default_factory=list)


@dataclass(slots=True)
class Section:
    """A top-level part of the plan (``一、``…); ``number`` counts from 1."""

    number: int
    title: str
    span: Span
    items: list[Item] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Citation:
    """A document the notice cites: a number, a 《title》, or both for one document.

    ``doc_number`` is normalised (Simplified script, 〔〕 brackets); ``item`` is the
    plan-wide number of the item it occurs in, or ``None`` outside any item.
    """

    doc_number: str | None
    title: str | None
    item: int | None
    span: Span


@dataclass(frozen=True, slots=True)
class Warning:
    """Something the parser noticed but could not turn into a fact.

    ``code`` refers to the message table in :mod:`ingest.errors`.
    """

    code: str
    message: str
    span: Span | None


@dataclass(frozen=True, slots=True)
class Source:
    """Where the text came from; ``sha256`` is of the raw bytes (or UTF-8 text)."""

    name: str
    sha256: str
    encoding: str = "utf-8"


@dataclass(frozen=True, slots=True)
class Header:
    """The notice's own metadata, as written on its first lines.

    ``doc_number`` is normalised like a citation's; ``date`` is ISO 8601.
    """

    title: str | None
    doc_number: str | None
    issuer: str | None
    date: str | None
    addressees: tuple[str, ...]
    plan_title: str | None
    issuer_agency: Agency | None = None


@dataclass(slots=True)
class Document:
    """A parsed notice: header, plan structure, citations, agencies and warnings.

    ``script`` is ``"hant"`` or ``"hans"``, the script the text is written in.
    """

    source: Source
    text: str
    script: str
    header: Header
    sections: list[Section]
    citations: list[Citation]
    agencies: list[Agency]
    warnings: list[Warning]

    @property
    def items(self) -> list[Item]:
        """Every work item of the plan, in order."""
        return [item for section in self.sections for item in section.items]

    @property
    def tasks(self) -> list[Task]:
        """Every task of the plan, in order."""
        return [task for item in self.items for task in item.tasks]
