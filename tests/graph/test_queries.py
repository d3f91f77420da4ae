"""The competency queries: they parse, bind inputs safely, and answer on rdflib and Oxigraph alike.

Facts about the sample were read off corpus/hainan-2017-ipr-enforcement-plan.txt by hand.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

import pyoxigraph
import pytest
from rdflib import Graph, Literal
from rdflib.plugins.sparql import prepareQuery

import ingest
from graph.rdf import notice_graph
from ontology import GOVKG
from ontology.queries import QueryInputError, bind_query, load_query, query_names
from tests.ontology.documents import INGESTED_AT, small_document

Rows = list[dict[str, Any]]
Runner = Callable[[str], Rows]
EXPECTED = {
    "agency_tasks", "item_detail", "coordination_pairs", "lead_load", "notice_citations", "citing_notices",
    "keyword_tasks", "deadline_tasks", "agency_load_by_notice", "co_leads", "trace_fact",
}  # fmt: skip


def rdflib_runner(graph: Graph) -> Runner:
    def run(query: str) -> Rows:
        return [
            {str(k): (v.toPython() if isinstance(v, Literal) else str(v)) for k, v in row.asdict().items()}
            for row in graph.query(query)
        ]

    return run


def oxigraph_runner(graph: Graph) -> Runner:
    store = pyoxigraph.Store()
    store.load(
        graph.serialize(format="nt", encoding="utf-8"),
        format=pyoxigraph.RdfFormat.N_TRIPLES,
        to_graph=pyoxigraph.NamedNode(str(graph.identifier)),
    )

    def run(query: str) -> Rows:
        solutions = store.query(query, use_default_graph_as_union=True)
        names = [v.value for v in solutions.variables]
        rows = []
        for solution in solutions:
            row = {}
            for name in names:
                term = solution[name]
                if term is None:
                    continue
                if isinstance(term, pyoxigraph.Literal):
                    row[name] = Literal(term.value, datatype=term.datatype.value).toPython()
                    if term.language:
                        row[name] = term.value
                else:
                    row[name] = term.value
            rows.append(row)
        return rows

    return run


def test_every_competency_query_is_shipped():
    assert set(query_names()) == EXPECTED


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_query_parses_on_both_engines_and_documents_its_inputs(name):
    query = load_query(name)
    assert query.text.startswith("# ") and len(query.question) > 20
    prepareQuery(query.text)
    pyoxigraph.Store().query(query.text)
    for entry in query.inputs:
        assert entry.description, entry


def test_binding_escapes_literals_instead_of_splicing_them():
    hostile = '省公安廳" } } ; DROP ALL ; #\\'
    text = bind_query("agency_tasks", agencyName=hostile)
    prepareQuery(text)
    pyoxigraph.Store().query(text)
    assert "DROP" in text and rdflib_runner(Graph())(text) == []


@pytest.mark.parametrize(
    ("name", "inputs"),
    [
        ("agency_tasks", {}),
        ("agency_tasks", {"agencyName": "x", "colour": "red"}),
        ("agency_tasks", {"agencyName": "x", "role": "http://a b"}),
        ("agency_tasks", {"agencyName": "x", "role": "<http://a>"}),
        ("item_detail", {"itemNumber": "1; DROP"}),
        ("no_such_query", {}),
    ],
)
def test_bad_inputs_are_refused(name, inputs):
    with pytest.raises(QueryInputError):
        bind_query(name, **inputs)


def test_prefixed_role_names_expand():
    text = bind_query("agency_tasks", agencyName="x", role="govkg:LeadRole")
    assert f"<{GOVKG.LeadRole}>" in text


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def small(request) -> Runner:
    graph = notice_graph(small_document(), ingested_at=INGESTED_AT)
    return rdflib_runner(graph) if request.param == "rdflib" else oxigraph_runner(graph)


def test_small_document_answers_on_both_engines(small):
    rows = small(bind_query("agency_tasks", agencyName="省知识产权局"))
    assert {(r["itemNumber"], r["taskNumber"]) for r in rows} == {(1, 2), (2, 1)}
    rows = small(bind_query("item_detail", itemNumber=1, noticeNumber="瓊府辦[2017]89號"))
    assert {(r["taskNumber"], r["role"].rsplit("#")[1], r["agencyLabel"]) for r in rows} == {
        (1, "LeadRole", "海南省文化广电出版体育厅"),
        (1, "CooperatingRole", "海南省公安厅"),
        (2, "ResponsibleRole", "海南省公安厅"),
        (2, "ResponsibleRole", "海南省知识产权局"),
    }
    assert small(bind_query("item_detail", itemNumber=1, noticeNumber="国发〔2017〕14号")) == []
    rows = small(bind_query("deadline_tasks"))
    assert [(r["itemNumber"], r["mention"]) for r in rows] == [(2, "2017年6月前公")]


# --- the bundled sample, parsed by the real parser ------------------------------------------------------


@pytest.mark.parametrize("engine", [rdflib_runner, oxigraph_runner])
def test_a_task_without_assignments_is_found_by_keyword_with_no_agency(engine):
    doc = small_document()
    unassigned = doc.sections[0].items[0].tasks[1]
    unassigned.assignments = []
    run = engine(notice_graph(doc, ingested_at=INGESTED_AT))
    rows = run(bind_query("keyword_tasks", keyword="電子商務"))
    assert [(r["taskNumber"], "agency" in r, "role" in r) for r in rows] == [(2, False, False)]
    # the other tasks keep their agencies, one row per assignment
    rows = run(bind_query("keyword_tasks", keyword="省"))
    assert sorted((r["itemNumber"], r["taskNumber"], r.get("agencyLabel")) for r in rows) == [
        (1, 1, "海南省公安厅"),
        (1, 1, "海南省文化广电出版体育厅"),
        (1, 2, None),
        (2, 1, "海南省知识产权局"),
    ]


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def sample(request, sample_text) -> Runner:
    if not hasattr(ingest, "parse"):
        pytest.skip("ingest.parse is not available yet")
    graph = notice_graph(ingest.parse(sample_text, source="hainan-2017-ipr-enforcement-plan.txt"))
    return rdflib_runner(graph) if request.param == "rdflib" else oxigraph_runner(graph)


def roles_by_item(rows: Rows) -> dict[str, set[int]]:
    found: dict[str, set[int]] = defaultdict(set)
    for row in rows:
        found[row["role"].rsplit("#")[1]].add(row["itemNumber"])
    return found


@pytest.mark.parametrize("name", ["省知識產權局", "省知识产权局", "海南省知识产权局", "海南省知識產權局"])
def test_ipr_office_leads_nothing_but_is_responsible_in_many_items(sample, name):
    found = roles_by_item(sample(bind_query("agency_tasks", agencyName=name)))
    assert "LeadRole" not in found
    assert found["ResponsibleRole"] == {1, 2, 3, 9, 12, 17, 18, 20, 24, 25}


@pytest.mark.parametrize("name", ['省"雙打"辦', "省“雙打”辦", "省「雙打」辦", "省双打办"])
def test_quote_styles_in_names_do_not_matter(sample, name):
    found = roles_by_item(sample(bind_query("agency_tasks", agencyName=name, role="govkg:LeadRole")))
    assert {17, 18, 22, 24, 26, 28} <= found["LeadRole"]


def test_item_16_is_led_by_the_high_court(sample):
    rows = sample(bind_query("item_detail", itemNumber=16, noticeNumber="瓊府辦〔2017〕89號"))
    first = {(r["role"].rsplit("#")[1], r["agencyLabel"]) for r in rows if r["taskNumber"] == 1}
    assert first == {
        ("LeadRole", "海南省高级人民法院"),
        ("CooperatingRole", "海南省公安厅"),
        ("CooperatingRole", "海南省人民检察院"),
        ("CooperatingRole", "海南省食品药品监督管理局"),
    }
    assert {r["itemLabel"] for r in rows} == {"(十六)"}
    assert all("司法保護" in r["itemText"] for r in rows)


def test_item_7_first_task(sample):
    rows = sample(bind_query("item_detail", itemNumber=7))
    first = {(r["role"].rsplit("#")[1], r["surface"]) for r in rows if r["taskNumber"] == 1}
    assert first == {("LeadRole", "省生態環保廳"), ("CooperatingRole", "省“雙打”辦")}


def test_item_28_has_two_co_leads(sample):
    rows = sample(bind_query("co_leads"))
    pairs = {frozenset((r["labelA"], r["labelB"])) for r in rows}
    assert (
        frozenset(("中共海南省委宣传部", "海南省打击侵犯知识产权和制售假冒伪劣商品工作领导小组办公室"))
        in pairs
    )


def test_citations_of_the_sample_by_item(sample):
    rows = sample(bind_query("notice_citations", noticeNumber="琼府办〔2017〕89号"))
    by_number = {r["documentNumber"]: r.get("itemNumber") for r in rows if "documentNumber" in r}
    assert by_number["国发〔2017〕14号"] is None  # the preamble, outside any item
    assert by_number["琼府办〔2013〕162号"] == 5
    assert by_number["国邮发〔2016〕107号"] == 6
    assert by_number["琼办发〔2017〕12号"] == 11
    assert by_number["琼高法联〔2016〕6号"] == 16
    assert by_number["琼府办〔2015〕238号"] == 27
    for row in rows:
        assert row["end"] - row["start"] == len(row["quote"])


@pytest.mark.parametrize("number", ["國發〔2017〕14號", "国发[2017]14号", "国发【2017】14号"])
def test_which_notices_cite_a_number(sample, number):
    rows = sample(bind_query("citing_notices", documentNumber=number))
    assert [(r["noticeNumber"], r.get("itemNumber")) for r in rows] == [("琼府办〔2017〕89号", None)]


@pytest.mark.parametrize("keyword", ["電子商務", "电子商务"])
def test_keyword_in_either_script(sample, keyword):
    rows = sample(bind_query("keyword_tasks", keyword=keyword))
    assert {r["itemNumber"] for r in rows} == {1, 3, 14, 26}
    assert all("電子商務" in r["taskText"] for r in rows)


def test_tasks_with_a_year(sample):
    rows = sample(bind_query("deadline_tasks", year=2017))
    mentions = {(r["itemNumber"], r["mention"]) for r in rows}
    assert (12, "2017年內完成省") in mentions
    assert (13, "2017年6月完成") in mentions
    assert (18, "2017年年內完成") in mentions


def test_lead_load_and_coordination(sample):
    lead = {r["agencyLabel"]: r for r in sample(bind_query("lead_load"))}
    assert lead["海南省知识产权局"]["leadTasks"] == 0
    assert lead["海南省知识产权局"]["involvedTasks"] >= 10
    assert lead["海南省高级人民法院"]["leadItems"] == 1
    pairs = sample(bind_query("coordination_pairs"))
    assert pairs and pairs[0]["sharedTasks"] >= max(r["sharedTasks"] for r in pairs)


def test_agency_load_by_notice(sample):
    rows = sample(bind_query("agency_load_by_notice", agencyName="省高級法院"))
    by_role = {r["role"].rsplit("#")[1]: r["tasks"] for r in rows}
    assert by_role["LeadRole"] == 1
    assert by_role["ResponsibleRole"] >= 2  # items 16 and 18 at least


def test_trace_a_fact_to_its_span(sample):
    rows = sample(bind_query("agency_tasks", agencyName="省高級法院", role="govkg:LeadRole"))
    (row,) = rows
    (trace,) = sample(bind_query("trace_fact", node=row["task"]))
    assert trace["itemNumber"] == 16
    assert trace["quote"].endswith("(省高級法院牽頭,省公安廳、省檢察院、省食品藥品監管局配合)")
    assert trace["sourceName"] == "hainan-2017-ipr-enforcement-plan.txt"
    assert len(trace["sha256"]) == 64


# --- lines kept only when an input is given ---------------------------------------------------------------


def test_a_pin_line_is_kept_only_when_its_input_is_given():
    pin = "?notice eli:id_local ?noticeNumber ; eli:has_part/eli:has_part ?item ."
    pin += "  # when noticeNumber is given"
    assert pin in bind_query("item_detail", itemNumber=16, noticeNumber="瓊府辦〔2017〕89號")
    unbound = bind_query("item_detail", itemNumber=16)
    assert "when noticeNumber is given" not in unbound
    prepareQuery(unbound)


def test_a_condition_on_an_undeclared_input_is_refused(tmp_path, monkeypatch):
    import ontology.queries as queries

    text = load_query("item_detail").text.replace("when noticeNumber is given", "when noticeNumbr is given")
    (tmp_path / "item_detail.rq").write_text(text, encoding="utf-8")
    monkeypatch.setattr(queries, "QUERIES_DIR", tmp_path)
    load_query.cache_clear()
    try:
        with pytest.raises(QueryInputError, match="noticeNumbr"):
            load_query("item_detail")
    finally:
        load_query.cache_clear()


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def three(request, sample_text) -> Runner:
    """The sample, a copy under another number, and a copy without any number (so no eli:id_local)."""
    if not hasattr(ingest, "parse"):
        pytest.skip("ingest.parse is not available yet")
    lines = sample_text.splitlines()
    assert lines[1] == "瓊府辦〔2017〕89號"
    texts = {
        "sample.txt": sample_text,
        "copy.txt": sample_text.replace("瓊府辦〔2017〕89號", "瓊府辦〔2017〕90號", 1),
        "unnumbered.txt": "\n".join(lines[:1] + lines[2:]),
    }
    union = Graph(identifier="https://example.org/three")
    for name, text in texts.items():
        for triple in notice_graph(ingest.parse(text, source=name), ingested_at=INGESTED_AT):
            union.add(triple)
    return rdflib_runner(union) if request.param == "rdflib" else oxigraph_runner(union)


@pytest.mark.parametrize(
    ("name", "inputs"),
    [
        ("item_detail", {"itemNumber": 16}),
        ("keyword_tasks", {"keyword": "電子商務"}),
        ("deadline_tasks", {"year": 2017}),
        ("notice_citations", {}),
    ],
)
def test_one_notices_answer_is_that_notices_part_of_every_notices_answer(three, name, inputs):
    """Lines kept only when noticeNumber is given narrow the reading, never the answer."""

    def key(row):
        return tuple(sorted((k, str(v)) for k, v in row.items()))

    every = three(bind_query(name, **inputs))
    assert len({row["notice"] for row in every}) == 3  # the unnumbered notice's rows too
    if name in ("item_detail", "keyword_tasks"):
        unnumbered = [row for row in every if "noticeId" not in row]
        assert unnumbered and all("agency" in row for row in unnumbered)
    for number in ("瓊府辦〔2017〕89號", "琼府办〔2017〕90号"):
        one = three(bind_query(name, **inputs, noticeNumber=number))
        assert len({row["notice"] for row in one}) == 1
        expected = [row for row in every if row["notice"] == one[0]["notice"]]
        assert sorted(map(key, one)) == sorted(map(key, expected))
        assert len(one) > 4
