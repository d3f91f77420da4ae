"""govkg.ttl against the namespace constants and the agreed contract."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from ontology import DCTERMS, ELI, GOVKG, ONTOLOGY_TTL, ORG, PROV, ROLE_SHORTCUTS, SHAPES_TTL, SKOS

LANGS = {"zh-hans", "zh-hant", "en"}


@pytest.fixture(scope="module")
def vocabulary() -> Graph:
    return Graph().parse(ONTOLOGY_TTL, format="turtle")


def ttl_terms(vocabulary: Graph) -> set[str]:
    ns = str(GOVKG._NS)
    return {
        str(s)[len(ns) :] for s in vocabulary.subjects() if isinstance(s, URIRef) and str(s).startswith(ns)
    }


def test_every_constant_is_defined_in_the_turtle_and_vice_versa(vocabulary):
    constants = set(GOVKG.__annotations__)
    assert constants == ttl_terms(vocabulary)


def test_a_misspelt_term_fails_at_once():
    with pytest.raises(AttributeError):
        _ = GOVKG.Notcie
    with pytest.raises(AttributeError):
        _ = ELI.has_parts


def test_no_term_is_used_in_the_turtle_without_being_defined(vocabulary):
    ns = str(GOVKG._NS)
    used = {str(t)[len(ns) :] for triple in vocabulary for t in triple if str(t).startswith(ns)}
    assert used <= ttl_terms(vocabulary)


@pytest.mark.parametrize("term", sorted(GOVKG.__annotations__))
def test_every_term_has_labels_and_definitions_in_three_languages(vocabulary, term):
    node = GOVKG[term]
    labels = {lit.language.lower() for lit in vocabulary.objects(node, RDFS.label) if lit.language}
    definitions = {
        lit.language.lower()
        for prop in (SKOS.definition, RDFS.comment)
        for lit in vocabulary.objects(node, prop)
        if lit.language
    }
    assert labels == LANGS, term
    assert definitions == LANGS, term


@pytest.mark.parametrize(
    ("child", "parent"),
    [
        (GOVKG.Notice, ELI.LegalResource),
        (GOVKG.Section, ELI.LegalResourceSubdivision),
        (GOVKG.WorkItem, ELI.LegalResourceSubdivision),
        (GOVKG.Task, ELI.LegalResourceSubdivision),
        (GOVKG.Assignment, PROV.Association),
        (GOVKG.Agency, ORG.Organization),
        (GOVKG.Role, PROV.Role),
        (GOVKG.Source, PROV.Entity),
        (GOVKG.NoticeGraph, PROV.Entity),
    ],
)
def test_classes_specialise_the_reused_vocabularies(vocabulary, child, parent):
    assert (child, RDF.type, OWL.Class) in vocabulary
    assert (child, RDFS.subClassOf, parent) in vocabulary


def test_each_role_is_an_individual_with_its_shortcut_under_involved_agency(vocabulary):
    roles = set(vocabulary.subjects(RDF.type, GOVKG.Role))
    assert roles == set(ROLE_SHORTCUTS) == {GOVKG.LeadRole, GOVKG.ResponsibleRole, GOVKG.CooperatingRole}
    for shortcut in ROLE_SHORTCUTS.values():
        assert (shortcut, RDFS.subPropertyOf, GOVKG.involvedAgency) in vocabulary
        assert (shortcut, RDFS.range, GOVKG.Agency) in vocabulary
    assert (GOVKG.involvedAgency, RDFS.subPropertyOf, PROV.wasAssociatedWith) in vocabulary


def test_agency_kinds_form_one_concept_scheme(vocabulary):
    kinds = set(vocabulary.subjects(SKOS.inScheme, GOVKG.AgencyKinds))
    assert kinds == {
        GOVKG.Department,
        GOVKG.CentralBranch,
        GOVKG.Judicial,
        GOVKG.Party,
        GOVKG.Office,
        GOVKG.Government,
        GOVKG.Collective,
        GOVKG.UnknownKind,
    }
    for kind in kinds:
        assert (kind, RDF.type, SKOS.Concept) in vocabulary
        assert {lit.language.lower() for lit in vocabulary.objects(kind, SKOS.prefLabel)} == LANGS


def test_ontology_header_names_itself(vocabulary):
    ontologies = list(vocabulary.subjects(RDF.type, OWL.Ontology))
    assert ontologies == [URIRef("https://w3id.org/govkg/ontology")]
    assert vocabulary.value(ontologies[0], OWL.versionInfo) is not None
    assert len(list(vocabulary.objects(ontologies[0], DCTERMS.title))) == 3


def test_shapes_file_parses():
    shapes = Graph().parse(SHAPES_TTL, format="turtle")
    assert len(shapes) > 100
