"""One conforming / violating pair per SHACL shape, checking the report names the offending node.

The conforming graph is the mapping of a small hand-built notice; each violating graph is the
same graph with one triple removed or corrupted. Core shapes name the offender as the focus
node; the whole-graph SPARQL shapes (sh:targetNode of a class) name the class as the focus node
and each offending instance as sh:value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import pytest
from pyshacl import validate
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH

from graph.coordination_counts import coordination_counts
from graph.iris import agency_iri
from graph.rdf import notice_graph, notice_iri
from graph.summary import of_counts, statements, summary_iri
from ingest.model import Document
from ontology import DCTERMS, ELI, GOVKG, ORG, PROV, SHAPES_TTL, SKOS
from tests.ontology.documents import INGESTED_AT, small_document

SHAPE = Namespace("https://w3id.org/govkg/shapes#")
BASE = "https://w3id.org/govkg/id/"
NOTICE = notice_iri(small_document(), BASE)
GRAPH = URIRef(f"{NOTICE}/graph")
SECTION = URIRef(f"{NOTICE}/section/1")
ITEM = URIRef(f"{NOTICE}/item/1")
ITEM2 = URIRef(f"{NOTICE}/item/2")
TASK = URIRef(f"{ITEM}/task/1")
ASSIGNMENT = URIRef(f"{TASK}/assignment/1")
CITATION = URIRef(f"{NOTICE}/citation/2")
CITED = URIRef(f"{BASE}doc/琼府办〔2013〕162号")
SOURCE = URIRef(f"{BASE}source/{'ab' * 32}")
CULTURE = URIRef(f"{BASE}agency/hainan-culture")
POLICE = URIRef(f"{BASE}agency/hainan-public-security")
PAIR = URIRef(f"{summary_iri(BASE)}/pair/hainan-culture/hainan-public-security")
ROLE_PAIR = URIRef(f"{PAIR}/roles/lead-cooperating")
LOAD = URIRef(f"{summary_iri(BASE)}/load/hainan-public-security")

Mutation = Callable[[Graph], None]


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_TTL, format="turtle")


def with_summary(doc: Document) -> Graph:
    """The notice's graph and the summary graph a store holding only it would keep."""
    graph = notice_graph(doc, base=BASE, ingested_at=INGESTED_AT)
    totals = of_counts(coordination_counts(doc), lambda agency: str(agency_iri(BASE, agency)))
    return graph.parse(data=statements(BASE, totals), format="nt")


def build() -> Graph:
    return with_summary(small_document())


class Result(NamedTuple):
    focus: URIRef
    value: object
    owners: set[URIRef]  # its source shape and constraint, and the node shapes using the source shape
    message: str


def results(data: Graph, shapes: Graph) -> list[Result]:
    conforms, report, _ = validate(data, shacl_graph=shapes, inference="none", advanced=True)
    assert isinstance(report, Graph)
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        source = report.value(result, SH.sourceShape)
        constraint = report.value(result, SH.sourceConstraint)
        found.append(
            Result(
                report.value(result, SH.focusNode),  # type: ignore[arg-type]
                report.value(result, SH.value),
                {source, constraint, *shapes.subjects(SH.property, source)} - {None},  # type: ignore[arg-type]
                " ".join(str(m) for m in report.objects(result, SH.resultMessage)),
            )
        )
    assert conforms == (not found)
    return found


def names(result: Result, shape: URIRef, node: URIRef) -> bool:
    return shape in result.owners and node in (result.focus, result.value)


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
    ("notice-without-provenance", remove(GRAPH, GOVKG.parserVersion), SHAPE.hasProvenance, NOTICE),
    ("notice-with-a-wrong-graph", replace(GRAPH, RDF.type, PROV.Entity), SHAPE.hasProvenance, NOTICE),
    (
        "graph-with-untyped-time",
        replace(GRAPH, PROV.generatedAtTime, Literal("yesterday")),
        SHAPE.NoticeGraph,
        GRAPH,
    ),
    ("graph-without-source", remove(GRAPH, PROV.wasDerivedFrom), SHAPE.NoticeGraph, GRAPH),
    ("source-with-bad-digest", replace(SOURCE, GOVKG.sha256, Literal("not-a-digest")), SHAPE.Source, SOURCE),
    ("section-without-title", remove(SECTION, DCTERMS.title), SHAPE.Section, SECTION),
    ("section-part-of-one-way", remove(NOTICE, ELI.has_part, SECTION), SHAPE.bothWays, SECTION),
    ("notice-has-part-one-way", remove(SECTION, ELI.is_part_of, NOTICE), SHAPE.bothWays, SECTION),
    ("section-has-part-one-way", remove(ITEM, ELI.is_part_of, SECTION), SHAPE.bothWays, ITEM),
    ("item-has-part-one-way", remove(TASK, ELI.is_part_of, ITEM), SHAPE.bothWays, TASK),
    ("task-part-of-a-second-item", add(TASK, ELI.is_part_of, ITEM2), SHAPE.bothWays, TASK),
    ("item-without-label", remove(ITEM, GOVKG.label), SHAPE.WorkItem, ITEM),
    ("item-with-span-reversed", replace(ITEM, GOVKG.start, Literal(10_000)), SHAPE.WorkItem, ITEM),
    ("item-outside-its-section", replace(ITEM, GOVKG.end, Literal(10_000)), SHAPE.WorkItems, ITEM),
    ("task-outside-its-item", replace(TASK, GOVKG.end, Literal(10_000)), SHAPE.Tasks, TASK),
    ("task-starting-before-its-item", replace(TASK, GOVKG.start, Literal(0)), SHAPE.withinWhole, TASK),
    ("task-without-text", remove(TASK, GOVKG.text), SHAPE.Task, TASK),
    (
        "shortcut-without-assignment",
        add(TASK, GOVKG.leadAgency, POLICE),
        SHAPE.shortcutsMatchAssignments,
        TASK,
    ),
    (
        "shortcut-with-another-role",
        add(TASK, GOVKG.responsibleAgency, CULTURE),
        SHAPE.shortcutsMatchAssignments,
        TASK,
    ),
    (
        "assignment-without-shortcut",
        remove(TASK, GOVKG.leadAgency, CULTURE),
        SHAPE.shortcutsMatchAssignments,
        TASK,
    ),
    (
        "assignment-with-a-shortcut-in-another-role",
        replace(ASSIGNMENT, PROV.hadRole, GOVKG.ResponsibleRole),
        SHAPE.shortcutsMatchAssignments,
        TASK,
    ),
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
    ("citation-item-does-not-cite", remove(ITEM, ELI.cites, CITED), SHAPE.citedByWhole, CITATION),
    ("citation-notice-does-not-cite", remove(NOTICE, ELI.cites, CITED), SHAPE.citedByWhole, CITATION),
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
    ("pair-sharing-no-task", replace(PAIR, GOVKG.sharedTasks, Literal(0)), SHAPE.AgencyPair, PAIR),
    ("pair-counted-twice", add(PAIR, GOVKG.noticeCount, Literal(2)), SHAPE.AgencyPair, PAIR),
    ("pair-in-no-notice", replace(PAIR, GOVKG.noticeCount, Literal(0)), SHAPE.AgencyPair, PAIR),
    ("pair-of-one-agency", replace(PAIR, GOVKG.agencyB, CULTURE), SHAPE.AgencyPair, PAIR),
    (
        "pair-with-a-third-agency",
        add(PAIR, GOVKG.agencyB, URIRef(f"{BASE}agency/hainan-ipr")),
        SHAPE.AgencyPair,
        PAIR,
    ),
    (
        "role-pair-of-unknown-roles",
        replace(ROLE_PAIR, GOVKG.rolePair, Literal("boss-lead")),
        SHAPE.RolePairCount,
        ROLE_PAIR,
    ),
    ("load-without-agency", remove(LOAD, GOVKG.loadAgency), SHAPE.AgencyLoad, LOAD),
    ("load-with-negative-count", replace(LOAD, GOVKG.leadTasks, Literal(-1)), SHAPE.AgencyLoad, LOAD),
    ("role-pair-without-count", remove(ROLE_PAIR, GOVKG.noticeCount), SHAPE.RolePairCount, ROLE_PAIR),
]


def test_the_unmutated_graph_conforms(shapes):
    assert results(build(), shapes) == []


def test_every_shape_and_named_constraint_has_a_violating_case(shapes):
    named = {
        *shapes.subjects(RDF.type, SH.NodeShape),
        *shapes.subjects(RDF.type, SH.SPARQLConstraint),
        *(node for node in shapes.subjects(RDF.type, SH.PropertyShape) if isinstance(node, URIRef)),
    }
    expected = {case[2] for case in CASES}
    users = {user for part in expected for p in (SH.sparql, SH.property) for user in shapes.subjects(p, part)}
    assert named - {SHAPE.start, SHAPE.end, SHAPE.number} <= expected | users
    assert expected <= named


@pytest.mark.parametrize(
    ("mutation", "shape", "focus"), [case[1:] for case in CASES], ids=[c[0] for c in CASES]
)
def test_violation_names_the_shape_and_focus_node(shapes, mutation, shape, focus):
    graph = build()
    mutation(graph)
    assert set(graph) != set(build())
    found = results(graph, shapes)
    assert any(names(result, shape, focus) for result in found), found


def test_a_whole_graph_check_names_the_class_as_focus_and_the_offender_as_value(shapes):
    graph = build()
    replace(TASK, GOVKG.end, Literal(10_000))(graph)
    [result] = [r for r in results(graph, shapes) if SHAPE.withinWhole in r.owners]
    assert (result.focus, result.value) == (GOVKG.Task, TASK)
    assert result.message == f"span of {TASK} lies outside the span of its whole {ITEM}"


@pytest.mark.parametrize(
    ("mutation", "agency", "only"),
    [
        (add(TASK, GOVKG.leadAgency, POLICE), POLICE, "shortcut property"),
        (remove(TASK, GOVKG.leadAgency, CULTURE), CULTURE, "assignments"),
    ],
    ids=["shortcut-only", "assignment-only"],
)
def test_shortcut_and_assignment_mismatch_says_which_side_states_it(shapes, mutation, agency, only):
    graph = build()
    mutation(graph)
    [result] = [r for r in results(graph, shapes) if SHAPE.shortcutsMatchAssignments in r.owners]
    assert (result.focus, result.value) == (GOVKG.Task, TASK)
    assert result.message == (
        f"{TASK} has {agency} as {GOVKG.LeadRole} only in its {only}; shortcuts and assignments must agree"
    )


def test_a_whole_graph_check_reports_every_offender(shapes):
    graph = build()
    tasks = list(graph.subjects(RDF.type, GOVKG.Task))
    for task in tasks:
        graph.add((task, GOVKG.cooperatingAgency, POLICE))
    offenders = {r.value for r in results(graph, shapes) if SHAPE.shortcutsMatchAssignments in r.owners}
    cooperating = {t for t in tasks if (t, GOVKG.cooperatingAgency, POLICE) not in build()}
    assert len(tasks) > 1 and offenders == cooperating


def test_a_whole_graph_check_covers_instances_of_subclasses_as_target_class_does(shapes):
    graph = build()
    special = Namespace("https://example.org/")
    graph.add((special.UrgentTask, RDFS.subClassOf, GOVKG.Task))
    graph.set((TASK, RDF.type, special.UrgentTask))
    graph.add((TASK, GOVKG.leadAgency, POLICE))
    found = results(graph, shapes)
    assert any(names(r, SHAPE.shortcutsMatchAssignments, TASK) for r in found), found


def test_the_bundled_sample_conforms(shapes, sample_path):
    import ingest

    data = with_summary(ingest.read_file(sample_path))
    assert results(data, shapes) == []
