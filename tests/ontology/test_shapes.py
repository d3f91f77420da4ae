"""One conforming / violating pair per SHACL shape, checking the report's focus node.

The conforming graph is the mapping of a small hand-built notice; each violating graph is the
same graph with one triple removed or corrupted.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pyshacl import validate
from rdflib import RDF, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH

from graph.rdf import notice_graph, notice_iri
from ontology import DCTERMS, ELI, GOVKG, ORG, PROV, SHAPES_TTL, SKOS
from tests.ontology.documents import INGESTED_AT, small_document

SHAPE = Namespace("https://w3id.org/govkg/shapes#")
BASE = "https://w3id.org/govkg/id/"
NOTICE = notice_iri(small_document(), BASE)
GRAPH = URIRef(f"{NOTICE}/graph")
SECTION = URIRef(f"{NOTICE}/section/1")
ITEM = URIRef(f"{NOTICE}/item/1")
TASK = URIRef(f"{ITEM}/task/1")
ASSIGNMENT = URIRef(f"{TASK}/assignment/1")
CITATION = URIRef(f"{NOTICE}/citation/2")
CITED = URIRef(f"{BASE}doc/琼府办〔2013〕162号")
SOURCE = URIRef(f"{BASE}source/{'ab' * 32}")
CULTURE = URIRef(f"{BASE}agency/hainan-culture")
POLICE = URIRef(f"{BASE}agency/hainan-public-security")

Mutation = Callable[[Graph], None]


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_TTL, format="turtle")


def build() -> Graph:
    return notice_graph(small_document(), base=BASE, ingested_at=INGESTED_AT)


def results(data: Graph, shapes: Graph) -> list[tuple[URIRef, set[URIRef]]]:
    """(focus node, shapes the result belongs to: its source shape and the node shapes that use it)."""
    conforms, report, _ = validate(data, shacl_graph=shapes, inference="none", advanced=True)
    assert isinstance(report, Graph)
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        source = report.value(result, SH.sourceShape)
        owners = {source, *shapes.subjects(SH.property, source)}
        found.append((focus, owners))
    assert conforms == (not found)
    return found


def replace(subject: URIRef, predicate: URIRef, value: object) -> Mutation:
    def mutate(graph: Graph) -> None:
        graph.set((subject, predicate, value))  # type: ignore[arg-type]

    return mutate


def remove(subject: URIRef, predicate: URIRef, value: object = None) -> Mutation:
    def mutate(graph: Graph) -> None:
        assert (subject, predicate, value) in graph or value is None
        graph.remove((subject, predicate, value))  # type: ignore[arg-type]

    return mutate


def add(subject: URIRef, predicate: URIRef, value: object) -> Mutation:
    def mutate(graph: Graph) -> None:
        graph.add((subject, predicate, value))  # type: ignore[arg-type]

    return mutate


def remove_lang(subject: URIRef, predicate: URIRef, lang: str) -> Mutation:
    def mutate(graph: Graph) -> None:
        for value in list(graph.objects(subject, predicate)):
            if isinstance(value, Literal) and value.language and value.language.lower() == lang.lower():
                graph.remove((subject, predicate, value))

    return mutate


CASES: list[tuple[str, Mutation, URIRef, URIRef]] = [
    ("notice-without-source-text", remove(NOTICE, GOVKG.sourceText), SHAPE.Notice, NOTICE),
    ("notice-with-bad-script", replace(NOTICE, GOVKG.script, Literal("zh-TW")), SHAPE.Notice, NOTICE),
    ("notice-without-provenance", remove(GRAPH, GOVKG.parserVersion), SHAPE.Notice, NOTICE),
    (
        "graph-with-untyped-time",
        replace(GRAPH, PROV.generatedAtTime, Literal("yesterday")),
        SHAPE.NoticeGraph,
        GRAPH,
    ),
    ("graph-without-source", remove(GRAPH, PROV.wasDerivedFrom), SHAPE.NoticeGraph, GRAPH),
    ("source-with-bad-digest", replace(SOURCE, GOVKG.sha256, Literal("not-a-digest")), SHAPE.Source, SOURCE),
    ("section-without-title", remove(SECTION, DCTERMS.title), SHAPE.Section, SECTION),
    ("section-part-of-one-way", remove(NOTICE, ELI.has_part, SECTION), SHAPE.Section, SECTION),
    ("item-without-label", remove(ITEM, GOVKG.label), SHAPE.WorkItem, ITEM),
    ("item-with-span-reversed", replace(ITEM, GOVKG.start, Literal(10_000)), SHAPE.WorkItem, ITEM),
    ("task-outside-its-item", replace(TASK, GOVKG.end, Literal(10_000)), SHAPE.Task, TASK),
    ("task-without-text", remove(TASK, GOVKG.text), SHAPE.Task, TASK),
    ("shortcut-without-assignment", add(TASK, GOVKG.leadAgency, POLICE), SHAPE.Task, TASK),
    ("assignment-without-shortcut", remove(TASK, GOVKG.leadAgency, CULTURE), SHAPE.Task, TASK),
    ("assignment-with-two-agents", add(ASSIGNMENT, PROV.agent, POLICE), SHAPE.Assignment, ASSIGNMENT),
    ("assignment-without-agent", remove(ASSIGNMENT, PROV.agent), SHAPE.Assignment, ASSIGNMENT),
    (
        "assignment-with-two-roles",
        add(ASSIGNMENT, PROV.hadRole, GOVKG.CooperatingRole),
        SHAPE.Assignment,
        ASSIGNMENT,
    ),
    (
        "assignment-with-a-kind-as-role",
        replace(ASSIGNMENT, PROV.hadRole, GOVKG.Department),
        SHAPE.Assignment,
        ASSIGNMENT,
    ),
    ("assignment-without-surface", remove(ASSIGNMENT, GOVKG.surface), SHAPE.Assignment, ASSIGNMENT),
    (
        "assignment-with-empty-span",
        replace(ASSIGNMENT, GOVKG.end, Literal(122)),
        SHAPE.Assignment,
        ASSIGNMENT,
    ),
    (
        "assignment-with-string-start",
        replace(ASSIGNMENT, GOVKG.start, Literal("122", datatype=XSD.string)),
        SHAPE.Assignment,
        ASSIGNMENT,
    ),
    (
        "agency-without-simplified-label",
        remove_lang(CULTURE, SKOS.prefLabel, "zh-Hans"),
        SHAPE.Agency,
        CULTURE,
    ),
    (
        "agency-with-two-simplified-labels",
        add(CULTURE, SKOS.prefLabel, Literal("别名", lang="zh-Hans")),
        SHAPE.Agency,
        CULTURE,
    ),
    ("agency-without-kind", remove(CULTURE, ORG.classification), SHAPE.Agency, CULTURE),
    ("agency-with-unknown-kind", replace(CULTURE, ORG.classification, GOVKG.LeadRole), SHAPE.Agency, CULTURE),
    ("citation-without-notice", remove(CITATION, GOVKG.inNotice), SHAPE.CitationOccurrence, CITATION),
    ("citation-item-does-not-cite", remove(ITEM, ELI.cites, CITED), SHAPE.CitationOccurrence, CITATION),
    ("citation-without-span", remove(CITATION, GOVKG.start), SHAPE.CitationOccurrence, CITATION),
    ("cited-document-without-number-or-title", remove(CITED, ELI.id_local), SHAPE.CitedDocument, CITED),
    ("cited-document-untyped", remove(CITED, RDF.type), SHAPE.CitedDocument, CITED),
    (
        "assignment-without-task",
        remove(TASK, PROV.qualifiedAssociation, ASSIGNMENT),
        SHAPE.Assignment,
        ASSIGNMENT,
    ),
    ("anonymous-agency-node", replace(ASSIGNMENT, PROV.agent, BNode()), SHAPE.Assignment, ASSIGNMENT),
]


def test_the_unmutated_graph_conforms(shapes):
    assert results(build(), shapes) == []


def test_every_shape_has_a_violating_case(shapes):
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    assert node_shapes == {case[2] for case in CASES}


@pytest.mark.parametrize(
    ("mutation", "shape", "focus"), [case[1:] for case in CASES], ids=[c[0] for c in CASES]
)
def test_violation_names_the_shape_and_focus_node(shapes, mutation, shape, focus):
    graph = build()
    mutation(graph)
    assert set(graph) != set(build())
    found = results(graph, shapes)
    assert any(node == focus and shape in owners for node, owners in found), found
