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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from importlib import metadata
from typing import Any

from rdflib import RDF, XSD, Graph, Literal, URIRef

import ontology
from graph import iris
from graph.iris import graph_iri, notice_iri
from graph.ntriples import Triple, ntriples
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
    "notice_triples",
    "parser_version",
]


class _Terms:
    """A namespace whose terms are looked up once (rdflib's ``DefinedNamespace`` checks every access)."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        value = URIRef(getattr(self._namespace, name))
        setattr(self, name, value)
        return value


GOVKG, ELI, ORG, PROV, SKOS, DCTERMS = (
    _Terms(getattr(ontology, name)) for name in ("GOVKG", "ELI", "ORG", "PROV", "SKOS", "DCTERMS")
)

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


@lru_cache(maxsize=1)
def parser_version() -> str:
    """The installed govkg version, recorded in every named graph's provenance."""
    try:
        return metadata.version("govkg")
    except metadata.PackageNotFoundError:
        return "0+unknown"


@dataclass(frozen=True, slots=True)
class NoticeTriples:
    """A notice's statements, split by where a store keeps them.

    ``own`` go to the notice's named graph ``graph``; ``shared`` describe nodes that many
    notices name (agencies with their labels and kind, cited documents with their number
    and title) and go, once, to the shared graph ``registry`` (see :func:`graph.iris.registry_iri`).
    """

    graph: URIRef
    registry: URIRef
    own: list[Triple]
    shared: list[Triple]

    def all(self) -> Iterator[Triple]:
        """Every statement: what :func:`notice_graph` holds."""
        yield from self.own
        yield from self.shared


def notice_triples(
    doc: Document, *, base: str | None = None, ingested_at: datetime | None = None
) -> NoticeTriples:
    """The statements of one notice as plain tuples, without building an rdflib ``Graph`` (fast)."""
    base = iris.normalise_base(base)
    builder = _Builder(doc, base)
    builder.build(ingested_at or datetime.now(UTC))
    return NoticeTriples(builder.graph_name, iris.registry_iri(base), builder.own, builder.shared)


def notice_graph(doc: Document, *, base: str | None = None, ingested_at: datetime | None = None) -> Graph:
    """Every triple of one notice (identifier :func:`graph_iri`), shared descriptions included.

    ``base`` defaults to ``$GOVKG_BASE`` or ``https://w3id.org/govkg/id/``; ``ingested_at``
    defaults to now (UTC) and is the only input besides ``doc``. A store keeps the agency and
    cited-document descriptions in its shared registry graph (:func:`notice_triples` says which).
    """
    base = iris.normalise_base(base)
    triples = notice_triples(doc, base=base, ingested_at=ingested_at)
    graph = Graph(identifier=triples.graph)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.bind("id", base)
    for triple in triples.all():
        graph.add(triple)
    return graph


def notice_ntriples(
    doc: Document, *, base: str | None = None, ingested_at: datetime | None = None
) -> tuple[NoticeTriples, str, str]:
    """The notice's own and shared statements as N-Triples text (what ingest writes)."""
    triples = notice_triples(doc, base=base, ingested_at=ingested_at)
    return triples, ntriples(triples.own), ntriples(triples.shared)


class _Builder:
    """Holds the per-notice context (IRIs, language tag) while the triples are written."""

    def __init__(self, doc: Document, base: str) -> None:
        self.doc = doc
        self.base = base
        self.lang = SCRIPT_TAGS.get(doc.script, "zh-Hans")
        self.notice = notice_iri(doc, base)
        self.graph_name = iris.graph_iri_of(self.notice)
        self.own: list[Triple] = []
        self.shared: list[Triple] = []
        self.add = self.own.append
        self.share = self.shared.append

    def text(self, value: str) -> Literal:
        return Literal(value, lang=self.lang)

    def add_span(self, node: URIRef, span: tuple[int, int]) -> None:
        self.add((node, GOVKG.start, _integer(span[0])))
        self.add((node, GOVKG.end, _integer(span[1])))

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
        add((notice, RDF.type, GOVKG.Notice))
        add((notice, RDF.type, ELI.LegalResource))
        add((notice, GOVKG.sourceText, self.text(self.doc.text)))
        add((notice, GOVKG.script, Literal(self.lang)))
        if header.doc_number:
            add((notice, ELI.id_local, Literal(document_number_key(header.doc_number))))
        if header.title:
            add((notice, DCTERMS.title, self.text(header.title)))
        if header.date:
            add((notice, ELI.date_document, Literal(date.fromisoformat(header.date), datatype=XSD.date)))
        if header.issuer_agency is not None:
            self.add_agency(header.issuer_agency)
            add((notice, ELI.passed_by, iris.agency_iri(self.base, header.issuer_agency.id)))
        elif header.issuer:
            add((notice, ELI.passed_by, self.issuer_iri(header.issuer)))
        for addressee in header.addressees:
            add((notice, GOVKG.addressee, self.text(addressee)))
        if header.plan_title:
            add((notice, GOVKG.planTitle, self.text(header.plan_title)))

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
        add, node = self.add, iris.section_iri(self.notice, section.number)
        add((node, RDF.type, GOVKG.Section))
        add((node, GOVKG.number, _integer(section.number)))
        add((node, DCTERMS.title, self.text(section.title)))
        self.add_span(node, section.span)
        _part(add, self.notice, node)
        for item in section.items:
            _part(add, node, self.add_item(item))

    def add_item(self, item: Item) -> URIRef:
        add, node = self.add, iris.item_iri(self.notice, item.number)
        add((node, RDF.type, GOVKG.WorkItem))
        add((node, GOVKG.number, _integer(item.number)))
        add((node, GOVKG.label, Literal(item.label)))
        add((node, DCTERMS.title, self.text(item.title)))
        add((node, GOVKG.text, self.text(self.doc.text[item.span[0] : item.span[1]])))
        self.add_span(node, item.span)
        for task in item.tasks:
            _part(add, node, self.add_task(item.number, task))
        return node

    def add_task(self, item_number: int, task: Task) -> URIRef:
        add, node = self.add, iris.task_iri(self.notice, item_number, task.number)
        add((node, RDF.type, GOVKG.Task))
        add((node, GOVKG.number, _integer(task.number)))
        add((node, GOVKG.text, self.text(task.text)))
        self.add_span(node, task.span)
        for number, assignment in enumerate(task.assignments, start=1):
            link = iris.assignment_iri(node, number)
            agency = iris.agency_iri(self.base, assignment.agency.id)
            role = ROLE_IRIS[assignment.role]
            add((link, RDF.type, GOVKG.Assignment))
            add((node, PROV.qualifiedAssociation, link))
            add((link, PROV.agent, agency))
            add((link, PROV.hadRole, role))
            add((link, GOVKG.surface, self.text(assignment.surface)))
            self.add_span(link, assignment.span)
            add((node, ROLE_SHORTCUTS[role], agency))
        return node

    def add_agency(self, agency: Agency) -> None:
        add, node = self.share, iris.agency_iri(self.base, agency.id)
        add((node, RDF.type, GOVKG.Agency))
        add((node, RDF.type, ORG.Organization))
        add((node, ORG.classification, KIND_IRIS[agency.kind]))
        add((node, SKOS.prefLabel, Literal(to_simplified(agency.name), lang="zh-Hans")))
        hant = agency.name_hant or to_traditional(agency.name)
        add((node, SKOS.prefLabel, Literal(hant, lang="zh-Hant")))
        if agency.english:
            add((node, SKOS.prefLabel, Literal(agency.english, lang="en")))
        preferred = {agency.name, agency.name_hant}
        for alias in agency.aliases:
            if alias in preferred:
                continue
            hans, hant = to_simplified(alias), to_traditional(alias)
            add((node, SKOS.altLabel, Literal(hans, lang="zh-Hans")))
            add((node, SKOS.altLabel, Literal(alias if alias != hans else hant, lang="zh-Hant")))

    def add_citation(self, number: int, citation: Citation) -> None:
        if not (citation.doc_number or citation.title):
            return
        add = self.add
        cited = iris.document_iri(self.base, number=citation.doc_number, title=citation.title)
        occurrence = iris.citation_iri(self.notice, number)
        describe = self.add if cited == self.notice else self.share
        describe((cited, RDF.type, ELI.LegalResource))
        if citation.doc_number:
            describe((cited, ELI.id_local, Literal(document_number_key(citation.doc_number))))
        if citation.title:
            describe((cited, DCTERMS.title, self.text(citation.title.strip().strip("《》"))))
        if cited != self.notice:
            add((self.notice, ELI.cites, cited))
        add((occurrence, RDF.type, GOVKG.CitationOccurrence))
        add((occurrence, GOVKG.citedDocument, cited))
        add((occurrence, GOVKG.inNotice, self.notice))
        if citation.item is not None:
            item = iris.item_iri(self.notice, citation.item)
            add((occurrence, GOVKG.inItem, item))
            if cited != self.notice:
                add((item, ELI.cites, cited))
        self.add_span(occurrence, citation.span)

    def add_provenance(self, ingested_at: datetime) -> None:
        add, source, node = self.add, self.doc.source, self.graph_name
        source_node = iris.source_iri(self.base, source.sha256)
        add((node, RDF.type, GOVKG.NoticeGraph))
        add((node, RDF.type, PROV.Entity))
        add((node, PROV.wasDerivedFrom, source_node))
        add((node, PROV.generatedAtTime, Literal(_utc(ingested_at), datatype=XSD.dateTime)))
        add((node, GOVKG.parserVersion, Literal(parser_version())))
        add((source_node, RDF.type, GOVKG.Source))
        add((source_node, RDF.type, PROV.Entity))
        add((source_node, GOVKG.sourceName, Literal(source.name)))
        add((source_node, GOVKG.sha256, Literal(source.sha256.lower())))
        add((source_node, GOVKG.encoding, Literal(source.encoding)))


def _part(add: Callable[[Triple], None], whole: URIRef, part: URIRef) -> None:
    """Structure is materialised both ways so queries never need inverse paths."""
    add((whole, ELI.has_part, part))
    add((part, ELI.is_part_of, whole))


@lru_cache(maxsize=4096)
def _integer(value: int) -> Literal:
    """Numbers and offsets repeat across a notice; rdflib literals are immutable, so they are shared."""
    return Literal(value)


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
