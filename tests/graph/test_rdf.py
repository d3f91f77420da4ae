"""Document -> RDF: shapes, determinism, shared IRIs, spans, language tags and provenance."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone
from importlib import metadata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pyshacl import validate
from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

import ingest
from graph import iris
from graph.ntriples import as_nquads, iri_term, ntriples, string_term
from graph.rdf import KIND_IRIS, graph_iri, notice_graph, notice_iri, notice_ntriples
from ingest.model import AgencyKind, Citation, Document, Header, Source
from ontology import DCTERMS, ELI, GOVKG, PROV, SHAPES_TTL, SKOS
from tests.ontology.documents import INGESTED_AT, POLICE, TEXT, small_document

BASE = "https://w3id.org/govkg/id/"


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_TTL, format="turtle")


def conforms(data: Graph, shapes: Graph) -> tuple[bool, str]:
    ok, _, text = validate(data, shacl_graph=shapes, inference="none", advanced=True)
    return bool(ok), str(text)


def other_notice() -> Document:
    """A second notice in Simplified script naming the same agency and citing the same documents."""
    doc = small_document()
    text = doc.text.replace("瓊府辦〔2017〕89號", "琼府办〔2018〕7号")
    header = dataclasses.replace(doc.header, doc_number="琼府办〔2018〕7号", date="2018-01-05")
    citations = [
        Citation("國發[2017]14號", None, None, doc.citations[0].span),  # brackets and script vary
        Citation("瓊府辦【2017】89號", None, 2, doc.citations[1].span),  # cites the first notice
    ]
    return dataclasses.replace(
        doc,
        text=text,
        script="hans",
        header=header,
        citations=citations,
        source=Source("other.txt", "cd" * 32, "gb18030"),
    )


def test_the_graph_of_a_document_conforms_to_the_shapes(shapes):
    ok, report = conforms(notice_graph(small_document(), ingested_at=INGESTED_AT), shapes)
    assert ok, report


def test_the_union_of_two_notices_conforms(shapes):
    union = Graph()
    for doc in (small_document(), other_notice()):
        union += notice_graph(doc, base=BASE, ingested_at=INGESTED_AT)
    ok, report = conforms(union, shapes)
    assert ok, report


@pytest.mark.parametrize(
    "triple_pattern",
    [
        (None, PROV.agent, None),
        (None, GOVKG.surface, None),
        (None, PROV.generatedAtTime, None),
        (None, SKOS.prefLabel, None),
        (None, ELI.is_part_of, None),
        (None, GOVKG.cooperatingAgency, None),
    ],
    ids=["agent", "surface", "time", "prefLabel", "is_part_of", "shortcut"],
)
def test_removing_triples_breaks_conformance(shapes, triple_pattern):
    graph = notice_graph(small_document(), ingested_at=INGESTED_AT)
    assert next(iter(graph.triples(triple_pattern)), None) is not None
    graph.remove(triple_pattern)
    ok, _ = conforms(graph, shapes)
    assert not ok


def test_same_document_same_graph():
    first = notice_graph(small_document(), ingested_at=INGESTED_AT)
    second = notice_graph(small_document(), ingested_at=INGESTED_AT)
    assert set(first) == set(second)
    assert first.identifier == second.identifier == graph_iri(small_document(), BASE)


def test_only_the_ingest_time_differs_between_runs():
    later = INGESTED_AT + timedelta(hours=1)
    first = notice_graph(small_document(), ingested_at=INGESTED_AT)
    second = notice_graph(small_document(), ingested_at=later)
    assert {(s, p) for s, p, _ in set(first) ^ set(second)} == {(first.identifier, PROV.generatedAtTime)}


def test_iris_follow_the_contract():
    doc = small_document()
    notice = notice_iri(doc, BASE)
    graph = notice_graph(doc, base=BASE, ingested_at=INGESTED_AT)
    assert notice == URIRef(f"{BASE}doc/琼府办〔2017〕89号")
    assert graph.identifier == URIRef(f"{notice}/graph")
    for node in (
        f"{notice}/section/2",
        f"{notice}/item/2",
        f"{notice}/item/1/task/2",
        f"{notice}/item/1/task/2/assignment/2",
        f"{notice}/citation/1",
        f"{BASE}source/{'ab' * 32}",
        f"{BASE}agency/hainan-ipr",
        f"{BASE}doc/国发〔2017〕14号",
    ):
        assert (URIRef(node), None, None) in graph, node


def test_agencies_and_cited_documents_are_shared_across_notices():
    first = notice_graph(small_document(), base=BASE, ingested_at=INGESTED_AT)
    second = notice_graph(other_notice(), base=BASE, ingested_at=INGESTED_AT)
    police = iris.agency_iri(BASE, POLICE.id)
    assert (None, GOVKG.responsibleAgency, police) in first
    assert (None, GOVKG.responsibleAgency, police) in second
    cited_first = set(first.objects(notice_iri(small_document(), BASE), ELI.cites))
    cited_second = set(second.objects(notice_iri(other_notice(), BASE), ELI.cites))
    assert URIRef(f"{BASE}doc/国发〔2017〕14号") in cited_first & cited_second
    # the second notice cites the first by number: the same node as the first notice itself
    assert notice_iri(small_document(), BASE) in cited_second


def test_a_notice_citing_itself_keeps_the_title_its_header_gives():
    doc = small_document()
    own = Citation(doc.header.doc_number, "另一个标题", None, (0, 1))
    doc = dataclasses.replace(doc, citations=[*doc.citations, own])
    graph = notice_graph(doc, base=BASE, ingested_at=INGESTED_AT)
    notice = notice_iri(doc, BASE)
    assert doc.header.title and [str(t) for t in graph.objects(notice, DCTERMS.title)] == [doc.header.title]
    assert (notice, ELI.cites, notice) not in graph
    assert (None, GOVKG.citedDocument, notice) in graph  # the occurrence is still recorded


def test_the_base_comes_from_the_argument_or_the_environment(monkeypatch):
    monkeypatch.setenv("GOVKG_BASE", "http://127.0.0.1:8000/kg")
    assert notice_iri(small_document()) == URIRef("http://127.0.0.1:8000/kg/doc/琼府办〔2017〕89号")
    assert notice_iri(small_document(), "urn:x:") == URIRef("urn:x:/doc/琼府办〔2017〕89号")
    monkeypatch.delenv("GOVKG_BASE")
    assert str(notice_iri(small_document())).startswith(iris.DEFAULT_BASE)


def test_a_notice_without_number_is_named_by_its_digest():
    doc = dataclasses.replace(small_document(), header=Header(None, None, None, None, (), None))
    assert notice_iri(doc, BASE) == URIRef(f"{BASE}doc/sha256/{'ab' * 8}")


@pytest.mark.parametrize(
    "written",
    [
        "国发〔2017〕14号",
        "國發〔2017〕14號",
        "国发[2017]14号",
        "国发［2017］14号",
        "国发【2017】14号",
        "国发(2017)14号",
        "国发（2017）14号",
        " 国发〔２０１７〕14号 ",
        "國發〔2017〕14号",
    ],
)
def test_document_numbers_in_any_style_give_one_iri(written):
    assert iris.document_iri(BASE, number=written) == URIRef(f"{BASE}doc/国发〔2017〕14号")


def test_titles_key_cited_documents_without_number():
    a = iris.document_iri(BASE, title="《中華人民共和國種子法》")
    b = iris.document_iri(BASE, title="中华人民共和国种子法")
    assert a == b == URIRef(f"{BASE}doc/title/中华人民共和国种子法")


def test_characters_not_allowed_in_iris_are_percent_encoded():
    iri = iris.document_iri(BASE, title="《甲/乙<丙>丁%》")
    assert str(iri) == f"{BASE}doc/title/甲%2F乙%3C丙%3E丁%25"
    assert iris.iri_segment('a b"{x}') == "a%20b%22%7Bx%7D"


def test_spans_point_at_the_text_they_came_from():
    doc = small_document()
    graph = notice_graph(doc, ingested_at=INGESTED_AT)
    text = str(graph.value(notice_iri(doc), GOVKG.sourceText))
    assert text == TEXT
    checked = 0
    for node in set(graph.subjects(GOVKG.start, None)):
        start = graph.value(node, GOVKG.start).toPython()
        end = graph.value(node, GOVKG.end).toPython()
        for prop in (GOVKG.surface, GOVKG.text):
            value = graph.value(node, prop)
            if value is not None and (node, RDF.type, GOVKG.WorkItem) not in graph:
                assert text[start:end] == str(value), node
                checked += 1
    assert checked == 3 + 5  # three tasks, five assignments


def test_text_literals_carry_the_script_of_the_document():
    hant = notice_graph(small_document(), ingested_at=INGESTED_AT)
    hans = notice_graph(dataclasses.replace(small_document(), script="hans"), ingested_at=INGESTED_AT)
    for graph, tag in ((hant, "zh-Hant"), (hans, "zh-Hans")):
        for prop in (GOVKG.text, GOVKG.surface, GOVKG.sourceText, GOVKG.addressee):
            languages = {lit.language for lit in graph.objects(None, prop)}
            assert languages == {tag}, prop
        assert set(graph.objects(None, GOVKG.script)) == {Literal(tag)}


def test_agency_labels_in_three_languages_and_aliases_in_both_scripts():
    graph = notice_graph(small_document(), ingested_at=INGESTED_AT)
    ipr = iris.agency_iri(BASE, "hainan-ipr")
    pref = {(str(v), v.language) for v in graph.objects(ipr, SKOS.prefLabel)}
    assert pref == {
        ("海南省知识产权局", "zh-Hans"),
        ("海南省知識產權局", "zh-Hant"),
        ("Hainan Intellectual Property Office", "en"),
    }
    alt = {(str(v), v.language) for v in graph.objects(ipr, SKOS.altLabel)}
    assert alt == {("省知识产权局", "zh-Hans"), ("省知識產權局", "zh-Hant")}


def test_every_agency_kind_maps_to_a_concept_with_its_notation():
    vocabulary = Graph().parse(SHAPES_TTL.with_name("govkg.ttl"))
    assert set(KIND_IRIS) == set(AgencyKind)
    for kind, concept in KIND_IRIS.items():
        assert (concept, SKOS.notation, Literal(kind.value)) in vocabulary


def test_header_metadata_and_provenance():
    doc = small_document()
    graph = notice_graph(doc, ingested_at=datetime(2024, 1, 2, 11, 4, 5, tzinfo=timezone(timedelta(hours=8))))
    notice = notice_iri(doc)
    assert graph.value(notice, ELI.id_local) == Literal("琼府办〔2017〕89号")
    assert graph.value(notice, ELI.date_document).toPython().isoformat() == "2017-05-27"
    assert graph.value(notice, DCTERMS.title) == Literal(doc.header.title, lang="zh-Hant")
    assert graph.value(notice, ELI.passed_by) == iris.agency_iri(BASE, "hainan-gov-office")
    source = graph.value(graph.identifier, PROV.wasDerivedFrom)
    assert graph.value(source, GOVKG.sha256) == Literal("ab" * 32)
    assert graph.value(source, GOVKG.encoding) == Literal("utf-8")
    assert graph.value(source, GOVKG.sourceName) == Literal("small-notice.txt")
    assert graph.value(graph.identifier, GOVKG.parserVersion) == Literal(metadata.version("govkg"))
    assert graph.value(graph.identifier, PROV.generatedAtTime).toPython() == INGESTED_AT.astimezone(UTC)


def test_an_issuer_outside_the_registry_still_becomes_an_agency(shapes):
    doc = small_document()
    doc = dataclasses.replace(
        doc, header=dataclasses.replace(doc.header, issuer_agency=None, issuer="某某辦公室")
    )
    graph = notice_graph(doc, ingested_at=INGESTED_AT)
    issuer = graph.value(notice_iri(doc), ELI.passed_by)
    assert str(issuer).startswith(f"{BASE}agency/x-")
    assert graph.value(issuer, SKOS.prefLabel) is not None
    ok, report = conforms(graph, shapes)
    assert ok, report


def test_round_trip_through_trig_is_isomorphic():
    graph = notice_graph(small_document(), ingested_at=INGESTED_AT)
    dataset = Dataset()
    named = dataset.graph(graph.identifier)
    for triple in graph:
        named.add(triple)
    again = Dataset()
    again.parse(data=dataset.serialize(format="trig"), format="trig")
    assert isomorphic(again.graph(graph.identifier), graph)


@pytest.fixture(scope="module")
def sample_graph(sample_text: str) -> Graph:
    if not hasattr(ingest, "parse"):
        pytest.skip("ingest.parse is not available yet")
    return notice_graph(ingest.parse(sample_text, source="hainan-2017-ipr-enforcement-plan.txt"))


def test_the_sample_notice_conforms(sample_graph, shapes):
    ok, report = conforms(sample_graph, shapes)
    assert ok, report


def test_the_sample_notice_has_its_plan(sample_graph):
    notice = URIRef(f"{BASE}doc/琼府办〔2017〕89号")
    assert (notice, RDF.type, GOVKG.Notice) in sample_graph
    assert len(set(sample_graph.objects(notice, ELI.has_part))) == 7
    assert len(set(sample_graph.subjects(RDF.type, GOVKG.WorkItem))) == 28


def _split(graph: Graph) -> tuple[set[tuple], set[tuple]]:
    """The stores' rule: agencies and cited documents (not the notice) are shared descriptions."""
    shared = set(graph.subjects(RDF.type, GOVKG.Agency)) | (
        set(graph.subjects(RDF.type, ELI.LegalResource)) - set(graph.subjects(RDF.type, GOVKG.Notice))
    )
    return {t for t in graph if t[0] not in shared}, {t for t in graph if t[0] in shared}


@pytest.mark.parametrize("source", ["small", "sample"])
def test_ntriples_text_states_exactly_the_graph(source: str, sample_path):
    doc = small_document() if source == "small" else ingest.read_file(sample_path)
    graph = notice_graph(doc, ingested_at=INGESTED_AT)
    triples = notice_ntriples(doc, ingested_at=INGESTED_AT)
    parsed_own = Graph().parse(data=triples.own, format="nt")
    parsed_shared = Graph().parse(data=triples.shared, format="nt")
    assert set(parsed_own) | set(parsed_shared) == set(graph)
    assert (set(parsed_own), set(parsed_shared)) == _split(graph)
    assert len(parsed_shared) > 0 and triples.registry == iris.registry_iri(iris.default_base())
    assert len(triples.own.splitlines()) == len(parsed_own)  # every statement written once
    assert len(triples.shared.splitlines()) == len(parsed_shared)


@given(value=st.text(), language=st.sampled_from([None, "zh-Hans", "zh-Hant", "en"]))
def test_any_text_literal_reads_back_as_itself(value: str, language: str | None):
    node = URIRef("https://example.org/a")
    line = f"{iri_term(str(node))} {iri_term(str(GOVKG.text))} {string_term(value, language)} .\n"
    assert set(Graph().parse(data=line, format="nt")) == {(node, GOVKG.text, Literal(value, lang=language))}


#: Text with what N-Triples escapes and what ``str.splitlines`` (but not N-Triples) ends lines at.
_ODD_CHARACTERS = st.sampled_from('\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"\\ .')
_ODD_TEXT = st.text(alphabet=st.one_of(st.characters(), _ODD_CHARACTERS))


@given(values=st.lists(_ODD_TEXT, max_size=6))
def test_any_texts_survive_the_move_into_a_named_graph(values: list[str]):
    """N-Triples -> N-Quads as the bulk loader reads them: every text, and only the skipped line gone."""
    import pyoxigraph as ox

    stated = [(f"https://example.org/t{k}", value) for k, value in enumerate(values)]
    marker = f"{iri_term('https://example.org/g')} {iri_term(str(GOVKG.parserVersion))} "
    lines = [f"{iri_term(s)} {iri_term(str(GOVKG.text))} {string_term(v)} .\n" for s, v in stated]
    text = marker + '"1" .\n' + "".join(lines)
    quads = as_nquads(text, iri_term("https://example.org/g"), skip=marker)
    for lenient in (False, True):
        read = list(ox.parse(quads, format=ox.RdfFormat.N_QUADS, lenient=lenient))
        assert sorted((q.subject.value, q.object.value) for q in read) == sorted(stated)
        assert {q.graph_name.value for q in read} <= {"https://example.org/g"}


def test_ntriples_escape_what_n_triples_cannot_hold():
    odd = Literal('a "quoted"\nline\\ with \r return', lang="zh-Hant")
    node = URIRef("https://example.org/a b<c>")
    text = ntriples([(node, GOVKG.text, odd), (node, GOVKG.number, Literal(7))])
    expected = {(node, GOVKG.text, odd), (node, GOVKG.number, Literal(7))}
    assert set(Graph().parse(data=text, format="nt")) == expected
