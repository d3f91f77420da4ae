# ruff: noqa: N815  (term names are the vocabulary's camelCase IRIs)
"""The govkg vocabulary (``govkg.ttl``), its SHACL shapes, competency queries and namespace constants.

Terms are class attributes of :class:`GOVKG` with ``_fail = True``, so a misspelt term
raises at import time of the code using it instead of minting a stray IRI. A test keeps
this list and ``govkg.ttl`` equal in both directions.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, SKOS, DefinedNamespace

__all__ = [
    "DCTERMS",
    "ELI",
    "GOVKG",
    "ONTOLOGY_IRI",
    "ONTOLOGY_TTL",
    "ORG",
    "PREFIXES",
    "PROV",
    "QUERIES_DIR",
    "ROLE_SHORTCUTS",
    "SHAPES_TTL",
    "SKOS",
]

_HERE = Path(__file__).resolve().parent
ONTOLOGY_TTL = _HERE / "govkg.ttl"
SHAPES_TTL = _HERE / "shapes.ttl"
QUERIES_DIR = _HERE / "queries"
ONTOLOGY_IRI = URIRef("https://w3id.org/govkg/ontology")


class GOVKG(DefinedNamespace):
    """Every term of ``govkg.ttl``; nothing else resolves."""

    _NS = Namespace("https://w3id.org/govkg/ontology#")
    _fail = True

    # classes
    Notice: URIRef
    Section: URIRef
    WorkItem: URIRef
    Task: URIRef
    Assignment: URIRef
    Agency: URIRef
    Role: URIRef
    CitationOccurrence: URIRef
    Source: URIRef
    NoticeGraph: URIRef
    AgencyPair: URIRef
    RolePairCount: URIRef
    AgencyLoad: URIRef
    CoordinationSummary: URIRef
    # concept schemes and individuals
    Roles: URIRef
    LeadRole: URIRef
    ResponsibleRole: URIRef
    CooperatingRole: URIRef
    AgencyKinds: URIRef
    Department: URIRef
    CentralBranch: URIRef
    Judicial: URIRef
    Party: URIRef
    Office: URIRef
    Government: URIRef
    Collective: URIRef
    UnknownKind: URIRef
    # structure and text
    number: URIRef
    label: URIRef
    text: URIRef
    start: URIRef
    end: URIRef
    # notice metadata
    sourceText: URIRef
    script: URIRef
    addressee: URIRef
    planTitle: URIRef
    # assignments
    surface: URIRef
    involvedAgency: URIRef
    leadAgency: URIRef
    responsibleAgency: URIRef
    cooperatingAgency: URIRef
    # citations
    citedDocument: URIRef
    inItem: URIRef
    inNotice: URIRef
    # coordination aggregates (materialised per notice)
    agencyA: URIRef
    agencyB: URIRef
    sharedTasks: URIRef
    rolePairCount: URIRef
    rolePair: URIRef
    loadAgency: URIRef
    leadTasks: URIRef
    responsibleTasks: URIRef
    cooperatingTasks: URIRef
    leadItems: URIRef
    involvedTasks: URIRef
    noticeCount: URIRef
    digest: URIRef
    # provenance
    parserVersion: URIRef
    sourceName: URIRef
    sha256: URIRef
    encoding: URIRef


class ELI(DefinedNamespace):
    """The ELI terms govkg uses or is likely to use; others fail loudly rather than silently."""

    _NS = Namespace("http://data.europa.eu/eli/ontology#")
    _fail = True

    LegalResource: URIRef
    LegalResourceSubdivision: URIRef
    LegalExpression: URIRef
    Format: URIRef
    Agent: URIRef
    has_part: URIRef
    is_part_of: URIRef
    cites: URIRef
    cited_by: URIRef
    id_local: URIRef
    date_document: URIRef
    date_publication: URIRef
    passed_by: URIRef
    title: URIRef
    title_short: URIRef
    number: URIRef
    type_document: URIRef
    is_about: URIRef
    based_on: URIRef
    responsibility_of: URIRef
    is_realized_by: URIRef
    realizes: URIRef
    language: URIRef


ROLE_SHORTCUTS: dict[URIRef, URIRef] = {
    GOVKG.LeadRole: GOVKG.leadAgency,
    GOVKG.ResponsibleRole: GOVKG.responsibleAgency,
    GOVKG.CooperatingRole: GOVKG.cooperatingAgency,
}
"""Each role individual and the task -> agency shortcut property that mirrors it."""

PREFIXES: dict[str, str] = {
    "govkg": str(GOVKG._NS),
    "eli": str(ELI._NS),
    "org": str(ORG),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}
"""Prefixes every govkg query and serialisation binds."""
