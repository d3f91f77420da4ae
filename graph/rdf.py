"""One parsed notice -> the triples of its named graph.

:func:`notice_graph` is a pure function of the :class:`~ingest.model.Document` (and the
ingest time): no store, no I/O, so the same document always yields an isomorphic graph and
stores only decide where to put it. Every textual literal carries the notice's script as its
language tag; every fact that came from the text carries the half-open character span it came
from, so any answer leads back to the exact words.

>>> from ingest.model import Agency, AgencyKind, Assignment, Document, Header, Item, Role
>>> from ingest.model import Section, Source, Task
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
from datetime import UTC, date, datetime
from importlib import metadata

from rdflib import RDF, XSD, Graph, Literal, URIRef

from graph import iris
from graph.iris import graph_iri, notice_iri
from ingest.model import Agency, AgencyKind, Citation, Document, Item, Role, Section, Task
from ontology import DCTERMS, ELI, GOVKG, ORG, PREFIXES, PROV, ROLE_SHORTCUTS, SKOS
from ontology.script import document_number_key, name_key, to_simplified, to_traditional

__all__ = ["ROLE_IRIS", "graph_iri", "notice_graph", "notice_iri", "parser_version"]

ROLE_IRIS: dict[Role, URIRef] = {
    Role.LEAD: GOVKG.LeadRole,
    Role.RESPONSIBLE: GOVKG.ResponsibleRole,
    Role.COOPERATING: GOVKG.CooperatingRole,
}
KIND_IRIS: dict[AgencyKind, URIRef] = {
    AgencyKind.DEPARTMENT: GOVKG.Department,
    AgencyKind.CENTRAL_BRANCH: GOVKG.CentralBranch,
    AgencyKind.JUDICIAL: GOVKG.Judicial,
    AgencyKind.PARTY: GOVKG.Party,
    AgencyKind.OFFICE: GOVKG.Office,
    AgencyKind.GOVERNMENT: GOVKG.Government,
    AgencyKind.COLLECTIVE: GOVKG.Collective,
    AgencyKind.UNKNOWN: GOVKG.UnknownKind,
}
SCRIPT_TAGS = {"hant": "zh-Hant", "hans": "zh-Hans"}


def parser_version() -> str:
    """The installed govkg version, recorded in every named graph's provenance."""
    try:
        return metadata.version("govkg")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def notice_graph(doc: Document, *, base: str | None = None, ingested_at: datetime | None = None) -> Graph:
    """Every triple of one notice's named graph (identifier :func:`graph_iri`).

    ``base`` defaults to ``$GOVKG_BASE`` or ``https://w3id.org/govkg/id/``; ``ingested_at``
    defaults to now (UTC) and is the only input besides ``doc``.
    """
    builder = _Builder(doc, iris.normalise_base(base))
    builder.build(ingested_at or datetime.now(UTC))
    return builder.graph


class _Builder:
    """Holds the per-notice context (IRIs, language tag) while the triples are written."""

    def __init__(self, doc: Document, base: str) -> None:
        self.doc = doc
        self.base = base
        self.lang = SCRIPT_TAGS.get(doc.script, "zh-Hans")
        self.notice = notice_iri(doc, base)
        self.graph = Graph(identifier=graph_iri(doc, base))
        for prefix, namespace in PREFIXES.items():
            self.graph.bind(prefix, namespace)
        self.graph.bind("id", base)

    def text(self, value: str) -> Literal:
        return Literal(value, lang=self.lang)

    def add_span(self, node: URIRef, span: tuple[int, int]) -> None:
        self.graph.add((node, GOVKG.start, Literal(span[0])))
        self.graph.add((node, GOVKG.end, Literal(span[1])))

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
        g, notice, header = self.graph, self.notice, self.doc.header
        g.add((notice, RDF.type, GOVKG.Notice))
        g.add((notice, RDF.type, ELI.LegalResource))
        g.add((notice, GOVKG.sourceText, self.text(self.doc.text)))
        g.add((notice, GOVKG.script, Literal(self.lang)))
        if header.doc_number:
            g.add((notice, ELI.id_local, Literal(document_number_key(header.doc_number))))
        if header.title:
            g.add((notice, DCTERMS.title, self.text(header.title)))
        if header.date:
            g.add((notice, ELI.date_document, Literal(date.fromisoformat(header.date), datatype=XSD.date)))
        if header.issuer_agency is not None:
            self.add_agency(header.issuer_agency)
            g.add((notice, ELI.passed_by, iris.agency_iri(self.base, header.issuer_agency.id)))
        elif header.issuer:
            g.add((notice, ELI.passed_by, self.issuer_iri(header.issuer)))
        for addressee in header.addressees:
            g.add((notice, GOVKG.addressee, self.text(addressee)))
        if header.plan_title:
            g.add((notice, GOVKG.planTitle, self.text(header.plan_title)))

    def issuer_iri(self, issuer: str) -> URIRef:
        """The issuing agency's node: a known agency of the document, else an unseen one by name."""
        key = name_key(issuer)
        for agency in _agencies(self.doc):
            if key in {name_key(name) for name in (agency.name, agency.name_hant, *agency.aliases)}:
                return iris.agency_iri(self.base, agency.id)
        unseen = _unseen_agency(issuer)
        self.add_agency(unseen)
        return iris.agency_iri(self.base, unseen.id)

    def add_section(self, section: Section) -> None:
        g, node = self.graph, iris.section_iri(self.notice, section.number)
        g.add((node, RDF.type, GOVKG.Section))
        g.add((node, RDF.type, ELI.LegalResourceSubdivision))
        g.add((node, GOVKG.number, Literal(section.number)))
        g.add((node, DCTERMS.title, self.text(section.title)))
        self.add_span(node, section.span)
        _part(g, self.notice, node)
        for item in section.items:
            _part(g, node, self.add_item(item))

    def add_item(self, item: Item) -> URIRef:
        g, node = self.graph, iris.item_iri(self.notice, item.number)
        g.add((node, RDF.type, GOVKG.WorkItem))
        g.add((node, RDF.type, ELI.LegalResourceSubdivision))
        g.add((node, GOVKG.number, Literal(item.number)))
        g.add((node, GOVKG.label, Literal(item.label)))
        g.add((node, DCTERMS.title, self.text(item.title)))
        g.add((node, GOVKG.text, self.text(self.doc.text[item.span[0] : item.span[1]])))
        self.add_span(node, item.span)
        for task in item.tasks:
            _part(g, node, self.add_task(item.number, task))
        return node

    def add_task(self, item_number: int, task: Task) -> URIRef:
        g, node = self.graph, iris.task_iri(self.notice, item_number, task.number)
        g.add((node, RDF.type, GOVKG.Task))
        g.add((node, RDF.type, ELI.LegalResourceSubdivision))
        g.add((node, RDF.type, PROV.Activity))
        g.add((node, GOVKG.number, Literal(task.number)))
        g.add((node, GOVKG.text, self.text(task.text)))
        self.add_span(node, task.span)
        for number, assignment in enumerate(task.assignments, start=1):
            link = iris.assignment_iri(node, number)
            agency = iris.agency_iri(self.base, assignment.agency.id)
            role = ROLE_IRIS[assignment.role]
            g.add((link, RDF.type, GOVKG.Assignment))
            g.add((link, RDF.type, PROV.Association))
            g.add((node, PROV.qualifiedAssociation, link))
            g.add((link, PROV.agent, agency))
            g.add((link, PROV.hadRole, role))
            g.add((link, GOVKG.surface, self.text(assignment.surface)))
            self.add_span(link, assignment.span)
            g.add((node, ROLE_SHORTCUTS[role], agency))
        return node

    def add_agency(self, agency: Agency) -> None:
        g, node = self.graph, iris.agency_iri(self.base, agency.id)
        g.add((node, RDF.type, GOVKG.Agency))
        g.add((node, RDF.type, ORG.Organization))
        g.add((node, ORG.classification, KIND_IRIS[agency.kind]))
        g.add((node, SKOS.prefLabel, Literal(to_simplified(agency.name), lang="zh-Hans")))
        hant = agency.name_hant or to_traditional(agency.name)
        g.add((node, SKOS.prefLabel, Literal(hant, lang="zh-Hant")))
        if agency.english:
            g.add((node, SKOS.prefLabel, Literal(agency.english, lang="en")))
        preferred = {agency.name, agency.name_hant}
        for alias in agency.aliases:
            if alias in preferred:
                continue
            hans, hant = to_simplified(alias), to_traditional(alias)
            g.add((node, SKOS.altLabel, Literal(hans, lang="zh-Hans")))
            g.add((node, SKOS.altLabel, Literal(alias if alias != hans else hant, lang="zh-Hant")))

    def add_citation(self, number: int, citation: Citation) -> None:
        if not (citation.doc_number or citation.title):
            return
        g = self.graph
        cited = iris.document_iri(self.base, number=citation.doc_number, title=citation.title)
        occurrence = iris.citation_iri(self.notice, number)
        g.add((cited, RDF.type, ELI.LegalResource))
        if citation.doc_number:
            g.add((cited, ELI.id_local, Literal(document_number_key(citation.doc_number))))
        if citation.title:
            g.add((cited, DCTERMS.title, self.text(citation.title.strip().strip("《》"))))
        if cited != self.notice:
            g.add((self.notice, ELI.cites, cited))
        g.add((occurrence, RDF.type, GOVKG.CitationOccurrence))
        g.add((occurrence, GOVKG.citedDocument, cited))
        g.add((occurrence, GOVKG.inNotice, self.notice))
        if citation.item is not None:
            item = iris.item_iri(self.notice, citation.item)
            g.add((occurrence, GOVKG.inItem, item))
            if cited != self.notice:
                g.add((item, ELI.cites, cited))
        self.add_span(occurrence, citation.span)

    def add_provenance(self, ingested_at: datetime) -> None:
        g, source = self.graph, self.doc.source
        node = self.graph.identifier
        assert isinstance(node, URIRef)
        source_node = iris.source_iri(self.base, source.sha256)
        g.add((node, RDF.type, GOVKG.NoticeGraph))
        g.add((node, RDF.type, PROV.Entity))
        g.add((node, PROV.wasDerivedFrom, source_node))
        g.add((node, PROV.generatedAtTime, Literal(_utc(ingested_at), datatype=XSD.dateTime)))
        g.add((node, GOVKG.parserVersion, Literal(parser_version())))
        g.add((source_node, RDF.type, GOVKG.Source))
        g.add((source_node, RDF.type, PROV.Entity))
        g.add((source_node, GOVKG.sourceName, Literal(source.name)))
        g.add((source_node, GOVKG.sha256, Literal(source.sha256.lower())))
        g.add((source_node, GOVKG.encoding, Literal(source.encoding)))


def _part(graph: Graph, whole: URIRef, part: URIRef) -> None:
    """Structure is materialised both ways so queries never need inverse paths."""
    graph.add((whole, ELI.has_part, part))
    graph.add((part, ELI.is_part_of, whole))


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
