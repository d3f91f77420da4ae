"""One parsed notice -> the triples of its named graph.

:func:`notice_graph` is a pure function of the :class:`~ingest.model.Document` (and the
ingest time): no store, no I/O, so the same document always yields an isomorphic graph and
stores only decide where to put it. Every textual literal carries the notice's script as its
language tag; every fact that came from the text carries the half-open character span it came
from, so any answer leads back to the exact words.

>>> from ingest.model import Agency, AgencyKind, Assignment, Document, Header, Item, Role
>>> from ingest.model import Section, Source, Task
>>> from ontology import GOVKG, SKOS
>>> forestry = Agency("forestry", "海南省林业厅", "海南省林業廳", "Forestry", AgencyKind.DEPARTMENT)
>>> task = Task(1, "抽查。(省林業廳負責)", (0, 12), (3, 12),
...             [Assignment(forestry, Role.RESPONSIBLE, "省林業廳", (4, 8))])
>>> doc = Document(Source("x.txt", "0" * 64), "抽查。(省林業廳負責)", "hant",
...                Header(None, None, None, None, (), None),
...                [Section(1, "一", (0, 12), [Item(1, "(一)", "抽查。", (0, 12), 1, [task])])],
...                [], [forestry], [])
>>> g = notice_graph(doc)
>>> agency = g.value(URIRef(str(notice_iri(doc)) + "/item/1/task/1"), GOVKG.responsibleAgency)
>>> str(agency), str(g.value(agency, SKOS.prefLabel))[:3]
('https://w3id.org/govkg/id/agency/forestry', '海南省')
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from importlib import metadata
from typing import Any

from rdflib import RDF, XSD, Graph, URIRef

import ontology
from graph import iris
from graph.iris import graph_iri, notice_iri
from graph.ntriples import iri_term, string_term
from ingest.model import Agency, AgencyKind, Citation, Document, Item, Role, Section, Task
from ontology import PREFIXES, ROLE_SHORTCUTS
from ontology.script import document_number_key, name_key, to_simplified, to_traditional

__all__ = [
    "ROLE_IRIS",
    "NoticeTriples",
    "graph_iri",
    "notice_graph",
    "notice_iri",
    "notice_ntriples",
    "parser_version",
]


class _Terms:
    """A namespace's terms as N-Triples IRIs, each rendered once on first use."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        value = iri_term(str(getattr(self._namespace, name)))
        setattr(self, name, value)
        return value


GOVKG, ELI, ORG, PROV, SKOS, DCTERMS = (
    _Terms(getattr(ontology, name)) for name in ("GOVKG", "ELI", "ORG", "PROV", "SKOS", "DCTERMS")
)
_TYPE = iri_term(str(RDF.type))

ROLE_IRIS: dict[Role, URIRef] = {
    Role.LEAD: ontology.GOVKG.LeadRole,
    Role.RESPONSIBLE: ontology.GOVKG.ResponsibleRole,
    Role.COOPERATING: ontology.GOVKG.CooperatingRole,
}
KIND_IRIS: dict[AgencyKind, URIRef] = {
    AgencyKind.DEPARTMENT: ontology.GOVKG.Department,
    AgencyKind.CENTRAL_BRANCH: ontology.GOVKG.CentralBranch,
    AgencyKind.JUDICIAL: ontology.GOVKG.Judicial,
    AgencyKind.PARTY: ontology.GOVKG.Party,
    AgencyKind.OFFICE: ontology.GOVKG.Office,
    AgencyKind.GOVERNMENT: ontology.GOVKG.Government,
    AgencyKind.COLLECTIVE: ontology.GOVKG.Collective,
    AgencyKind.UNKNOWN: ontology.GOVKG.UnknownKind,
}
_ROLE_TERMS = {role: iri_term(str(node)) for role, node in ROLE_IRIS.items()}
_SHORTCUT_TERMS = {role: iri_term(str(ROLE_SHORTCUTS[node])) for role, node in ROLE_IRIS.items()}
_KIND_TERMS = {kind: iri_term(str(node)) for kind, node in KIND_IRIS.items()}

SCRIPT_TAGS = {"hant": "zh-Hant", "hans": "zh-Hans"}


@lru_cache(maxsize=1)
def parser_version() -> str:
    """The installed govkg version, recorded in every named graph's provenance."""
    try:
        return metadata.version("govkg")
    except metadata.PackageNotFoundError:
        return "0+unknown"


@dataclass(frozen=True, slots=True)
class NoticeTriples:
    """A notice's statements as N-Triples text, split by where a store keeps them.

    ``own`` go to the notice's named graph ``graph``; ``shared`` describe nodes that many
    notices name (agencies with their labels and kind, cited documents with their number
    and title) and go, once, to the shared graph ``registry`` (see :func:`graph.iris.registry_iri`).
    Each statement appears once.
    """

    graph: URIRef
    registry: URIRef
    own: str
    shared: str


def notice_ntriples(
    doc: Document, *, base: str | None = None, ingested_at: datetime | None = None
) -> NoticeTriples:
    """The notice's own and shared statements as N-Triples text (what ingest writes).

    The text is written term by term, never through rdflib objects: building ``Literal``
    and ``URIRef`` objects and serialising them cost more than parsing the notice.
    """
    base = iris.normalise_base(base)
    builder = _Builder(doc, base)
    builder.build(ingested_at or datetime.now(UTC))
    own, shared = "".join(dict.fromkeys(builder.own)), "".join(dict.fromkeys(builder.shared))
    return NoticeTriples(builder.graph_name, iris.registry_iri(base), own, shared)


def notice_graph(doc: Document, *, base: str | None = None, ingested_at: datetime | None = None) -> Graph:
    """Every triple of one notice (identifier :func:`graph_iri`), shared descriptions included.

    ``base`` defaults to ``$GOVKG_BASE`` or ``https://w3id.org/govkg/id/``; ``ingested_at``
    defaults to now (UTC) and is the only input besides ``doc``. A store keeps the agency and
    cited-document descriptions in its shared registry graph (:func:`notice_ntriples` says which).
    """
    base = iris.normalise_base(base)
    triples = notice_ntriples(doc, base=base, ingested_at=ingested_at)
    graph = Graph(identifier=triples.graph)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.bind("id", base)
    graph.parse(data=triples.own + triples.shared, format="nt")
    return graph


class _Builder:
    """Holds the per-notice context (IRIs, language tag) while the statements are written."""

    def __init__(self, doc: Document, base: str) -> None:
        self.doc = doc
        self.base = base
        self.lang = SCRIPT_TAGS.get(doc.script, "zh-Hans")
        self.notice_iri = notice_iri(doc, base)
        self.notice = _node(self.notice_iri)
        self.graph_name = iris.graph_iri_of(self.notice_iri)
        self.own: list[str] = []
        self.shared: list[str] = []

    def add(self, subject: str, predicate: str, obj: str) -> None:
        self.own.append(f"{subject} {predicate} {obj} .\n")

    def share(self, subject: str, predicate: str, obj: str) -> None:
        self.shared.append(f"{subject} {predicate} {obj} .\n")

    def text(self, value: str) -> str:
        return string_term(value, self.lang)

    def add_span(self, node: str, span: tuple[int, int]) -> None:
        self.add(node, GOVKG.start, _integer(span[0]))
        self.add(node, GOVKG.end, _integer(span[1]))

    def build(self, ingested_at: datetime) -> None:
        self.add_notice()
        for section in self.doc.sections:
            self.add_section(section)
        for agency in _agencies(self.doc):
            self.add_agency(agency)
        for number, citation in enumerate(self.doc.citations, start=1):
            self.add_citation(number, citation)
        self.add_provenance(ingested_at)

    def add_notice(self) -> None:
        add, notice, header = self.add, self.notice, self.doc.header
        add(notice, _TYPE, GOVKG.Notice)
        add(notice, _TYPE, ELI.LegalResource)
        add(notice, GOVKG.sourceText, self.text(self.doc.text))
        add(notice, GOVKG.script, string_term(self.lang))
        if header.doc_number:
            add(notice, ELI.id_local, string_term(document_number_key(header.doc_number)))
        if header.title:
            add(notice, DCTERMS.title, self.text(header.title))
        if header.date:
            day = date.fromisoformat(header.date).isoformat()
            add(notice, ELI.date_document, string_term(day, datatype=str(XSD.date)))
        if header.issuer_agency is not None:
            self.add_agency(header.issuer_agency)
            add(notice, ELI.passed_by, self.agency(header.issuer_agency.id))
        elif header.issuer:
            add(notice, ELI.passed_by, self.issuer(header.issuer))
        for addressee in header.addressees:
            add(notice, GOVKG.addressee, self.text(addressee))
        if header.plan_title:
            add(notice, GOVKG.planTitle, self.text(header.plan_title))

    def agency(self, agency_id: str) -> str:
        return _node(iris.agency_iri(self.base, agency_id))

    def issuer(self, issuer: str) -> str:
        """The issuing agency's node: a known agency of the document, else an unseen one by name."""
        key = name_key(issuer)
        for agency in _agencies(self.doc):
            if key in {name_key(name) for name in (agency.name, agency.name_hant, *agency.aliases)}:
                return self.agency(agency.id)
        unseen = _unseen_agency(issuer)
        self.add_agency(unseen)
        return self.agency(unseen.id)

    def add_section(self, section: Section) -> None:
        add, node = self.add, _node(iris.section_iri(self.notice_iri, section.number))
        add(node, _TYPE, GOVKG.Section)
        add(node, GOVKG.number, _integer(section.number))
        add(node, DCTERMS.title, self.text(section.title))
        self.add_span(node, section.span)
        _part(add, self.notice, node)
        for item in section.items:
            _part(add, node, self.add_item(item))

    def add_item(self, item: Item) -> str:
        add, node = self.add, _node(iris.item_iri(self.notice_iri, item.number))
        add(node, _TYPE, GOVKG.WorkItem)
        add(node, GOVKG.number, _integer(item.number))
        add(node, GOVKG.label, string_term(item.label))
        add(node, DCTERMS.title, self.text(item.title))
        add(node, GOVKG.text, self.text(self.doc.text[item.span[0] : item.span[1]]))
        self.add_span(node, item.span)
        for task in item.tasks:
            _part(add, node, self.add_task(item.number, task))
        return node

    def add_task(self, item_number: int, task: Task) -> str:
        iri = iris.task_iri(self.notice_iri, item_number, task.number)
        add, node = self.add, _node(iri)
        add(node, _TYPE, GOVKG.Task)
        add(node, GOVKG.number, _integer(task.number))
        add(node, GOVKG.text, self.text(task.text))
        self.add_span(node, task.span)
        for number, assignment in enumerate(task.assignments, start=1):
            link = _node(iris.assignment_iri(iri, number))
            agency = self.agency(assignment.agency.id)
            add(link, _TYPE, GOVKG.Assignment)
            add(node, PROV.qualifiedAssociation, link)
            add(link, PROV.agent, agency)
            add(link, PROV.hadRole, _ROLE_TERMS[assignment.role])
            add(link, GOVKG.surface, self.text(assignment.surface))
            self.add_span(link, assignment.span)
            add(node, _SHORTCUT_TERMS[assignment.role], agency)
        return node

    def add_agency(self, agency: Agency) -> None:
        self.shared.extend(_agency_description(self.agency(agency.id), agency))

    def add_citation(self, number: int, citation: Citation) -> None:
        if not (citation.doc_number or citation.title):
            return
        add, notice = self.add, self.notice
        cited = _node(iris.document_iri(self.base, number=citation.doc_number, title=citation.title))
        occurrence = _node(iris.citation_iri(self.notice_iri, number))
        describe = self.add if cited == notice else self.share
        describe(cited, _TYPE, ELI.LegalResource)
        if citation.doc_number:
            describe(cited, ELI.id_local, string_term(document_number_key(citation.doc_number)))
        if citation.title and not (cited == notice and self.doc.header.title):
            # a notice citing itself keeps the title its header gives, not a second one
            describe(cited, DCTERMS.title, self.text(citation.title.strip().strip("《》")))
        if cited != notice:
            add(notice, ELI.cites, cited)
        add(occurrence, _TYPE, GOVKG.CitationOccurrence)
        add(occurrence, GOVKG.citedDocument, cited)
        add(occurrence, GOVKG.inNotice, notice)
        if citation.item is not None:
            item = _node(iris.item_iri(self.notice_iri, citation.item))
            add(occurrence, GOVKG.inItem, item)
            if cited != notice:
                add(item, ELI.cites, cited)
        self.add_span(occurrence, citation.span)

    def add_provenance(self, ingested_at: datetime) -> None:
        add, source, node = self.add, self.doc.source, _node(self.graph_name)
        source_node = _node(iris.source_iri(self.base, source.sha256))
        add(node, _TYPE, GOVKG.NoticeGraph)
        add(node, _TYPE, PROV.Entity)
        add(node, PROV.wasDerivedFrom, source_node)
        moment = string_term(_utc(ingested_at).isoformat(), datatype=str(XSD.dateTime))
        add(node, PROV.generatedAtTime, moment)
        add(node, GOVKG.parserVersion, string_term(parser_version()))
        add(source_node, _TYPE, GOVKG.Source)
        add(source_node, _TYPE, PROV.Entity)
        add(source_node, GOVKG.sourceName, string_term(source.name))
        add(source_node, GOVKG.sha256, string_term(source.sha256.lower()))
        add(source_node, GOVKG.encoding, string_term(source.encoding))


@lru_cache(maxsize=4096)
def _agency_description(node: str, agency: Agency) -> tuple[str, ...]:
    """An agency's statements: the same in every notice that names it, so written once per process."""
    lines: list[str] = []

    def add(predicate: str, obj: str) -> None:
        lines.append(f"{node} {predicate} {obj} .\n")

    add(_TYPE, GOVKG.Agency)
    add(_TYPE, ORG.Organization)
    add(ORG.classification, _KIND_TERMS[agency.kind])
    add(SKOS.prefLabel, string_term(to_simplified(agency.name), "zh-Hans"))
    hant = agency.name_hant or to_traditional(agency.name)
    add(SKOS.prefLabel, string_term(hant, "zh-Hant"))
    if agency.english:
        add(SKOS.prefLabel, string_term(agency.english, "en"))
    preferred = {agency.name, agency.name_hant}
    for alias in agency.aliases:
        if alias in preferred:
            continue
        hans, hant = to_simplified(alias), to_traditional(alias)
        add(SKOS.altLabel, string_term(hans, "zh-Hans"))
        add(SKOS.altLabel, string_term(alias if alias != hans else hant, "zh-Hant"))
    return tuple(lines)


def _node(iri: URIRef) -> str:
    return iri_term(str(iri))


def _part(add: Callable[[str, str, str], None], whole: str, part: str) -> None:
    """Structure is materialised both ways so queries never need inverse paths."""
    add(whole, ELI.has_part, part)
    add(part, ELI.is_part_of, whole)


@lru_cache(maxsize=4096)
def _integer(value: int) -> str:
    """Numbers and offsets repeat across notices, so their literals are rendered once."""
    return string_term(str(value), datatype=str(XSD.integer))


def _agencies(doc: Document) -> list[Agency]:
    """The document's agencies plus any only reachable through an assignment, first seen first."""
    seen: dict[str, Agency] = {}
    for agency in doc.agencies:
        seen.setdefault(agency.id, agency)
    for task in doc.tasks:
        for assignment in task.assignments:
            seen.setdefault(assignment.agency.id, assignment.agency)
    return list(seen.values())


def _unseen_agency(name: str) -> Agency:
    """An issuer missing from the document's agencies, keyed by its name so notices share it."""
    digest = hashlib.sha256(name_key(name).encode("utf-8")).hexdigest()[:12]
    return Agency(
        id=f"x-{digest}",
        name=to_simplified(name),
        name_hant=to_traditional(name),
        english=None,
        kind=AgencyKind.UNKNOWN,
    )


def _utc(moment: datetime) -> datetime:
    """Naive times are taken as UTC; aware ones are converted, so the literal is unambiguous."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
