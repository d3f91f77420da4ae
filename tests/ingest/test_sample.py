"""The bundled sample, pinned down by counts and by facts read off the text."""

from __future__ import annotations

import pytest

from ingest import Document, Role, parse
from ingest.script import to_simplified

OFFICE = "hainan-anti-counterfeiting-office"  # 省“雙打”辦
PBOC = "pboc-haikou"  # 人行海口中心支行, damaged in the sample
CUSTOMS = "haikou-customs"  # 海口海關, damaged in the sample

# (item, task, agency id, role), chosen across the whole document.
FACTS = [
    (1, 1, "hainan-public-security", "responsible"),
    (1, 1, CUSTOMS, "responsible"),
    (1, 2, "hainan-ipo", "responsible"),
    (2, 3, "hainan-forestry", "responsible"),
    (2, 4, "hainan-ciq", "responsible"),
    (4, 4, "hainan-health-family-planning", "responsible"),
    (4, 5, "hainan-sasac", "responsible"),
    (7, 1, "hainan-ecology-environment", "lead"),
    (7, 1, OFFICE, "cooperating"),
    (10, 1, "hainan-industry-commerce", "lead"),
    (12, 1, "hainan-culture-media-sports", "lead"),
    (12, 1, "hainan-guoguanwei", "responsible"),
    (12, 2, "hainan-copyright", "responsible"),
    (16, 1, "hainan-high-court", "lead"),
    (16, 1, "hainan-public-security", "cooperating"),
    (16, 1, "hainan-procuratorate", "cooperating"),
    (16, 1, "hainan-food-drug", "cooperating"),
    (16, 2, "hainan-high-court", "responsible"),
    (17, 1, OFFICE, "lead"),
    (17, 1, CUSTOMS, "responsible"),
    (18, 1, OFFICE, "lead"),
    (18, 1, "hainan-procuratorate", "lead"),
    (18, 1, "hainan-high-court", "responsible"),
    (19, 1, PBOC, "responsible"),
    (20, 1, "hainan-communications", "responsible"),
    (22, 1, "hainan-financial-office", "lead"),
    (22, 1, PBOC, "lead"),
    (22, 2, OFFICE, "lead"),
    (23, 1, "hainan-comprehensive-governance-office", "responsible"),
    (26, 1, OFFICE, "lead"),
    (26, 1, "hainan-anti-counterfeiting-members", "responsible"),
    (27, 2, CUSTOMS, "responsible"),
    (28, 1, "hainan-propaganda", "lead"),
    (28, 1, OFFICE, "lead"),
    (28, 1, "hainan-justice", "responsible"),
]

CITATIONS = [
    ("国发〔2017〕14号", None),
    (None, 4),
    ("政府令第263号", 4),
    ("琼府办〔2013〕162号", 5),
    ("国邮发〔2016〕107号", 6),
    ("琼办发〔2017〕12号", 11),
    ("琼高法联〔2016〕6号", 16),
    (None, 16),
    (None, 16),
    (None, 21),
    (None, 21),
    ("琼府办〔2015〕238号", 27),
]


@pytest.fixture(scope="module")
def sample(sample_text: str) -> Document:
    return parse(sample_text, source="sample.txt")


@pytest.fixture(scope="module")
def simplified(sample_text: str) -> Document:
    return parse(to_simplified(sample_text), source="sample-hans.txt")


def facts(doc: Document) -> set[tuple[int, int, str, str]]:
    return {
        (item.number, task.number, a.agency.id, a.role.value)
        for item in doc.items
        for task in item.tasks
        for a in task.assignments
    }


def test_counts(sample: Document) -> None:
    assert len(sample.sections) == 7
    assert len(sample.items) == 28
    assert [item.number for item in sample.items] == list(range(1, 29))
    assert len(sample.tasks) == 50
    assert sum(len(t.assignments) for t in sample.tasks) == 184
    assert len(sample.agencies) == 33
    assert len(sample.citations) == 12
    assert [len(s.items) for s in sample.sections] == [3, 5, 5, 3, 4, 3, 5]
    assert [len(item.tasks) for item in sample.items[:4]] == [3, 4, 1, 6]


def test_header(sample: Document) -> None:
    header = sample.header
    assert header.doc_number == "琼府办〔2017〕89号"
    assert header.date == "2017-05-27"
    assert header.issuer == "海南省人民政府辦公廳"
    assert header.issuer_agency is not None and header.issuer_agency.id == "hainan-government-general-office"
    assert header.addressees == ("各市、縣、自治縣人民政府", "省政府直屬有關單位")
    assert header.plan_title == "2017年海南省打擊侵犯知識產權和制售假冒偽劣商品工作要點及任務分工方案"
    assert header.title is not None and header.title.endswith("任務分工方案的通知")
    assert sample.script == "hant"


@pytest.mark.parametrize("fact", FACTS, ids=[f"{f[0]}.{f[1]}-{f[2]}-{f[3]}" for f in FACTS])
def test_fact(sample: Document, fact: tuple[int, int, str, str]) -> None:
    assert fact in facts(sample)


def test_ipo_never_leads(sample: Document) -> None:
    roles = {a.role for t in sample.tasks for a in t.assignments if a.agency.id == "hainan-ipo"}
    assert roles == {Role.RESPONSIBLE}
    items = sorted(
        {
            i.number
            for i in sample.items
            for t in i.tasks
            for a in t.assignments
            if a.agency.id == "hainan-ipo"
        }
    )
    assert items == [1, 2, 3, 9, 12, 17, 18, 20, 24, 25]


def test_sections_and_items(sample: Document) -> None:
    assert sample.sections[0].title == "持續推進三大重點領域專項治理"
    assert sample.sections[6].title == "積極推進社會共治"
    item = sample.items[15]
    assert (item.label, item.title, item.section) == ("(十六)", "加大司法保護力度", 4)
    assert sample.text[item.span[0] : item.span[1]].startswith("(十六)加大司法保護力度。")


def test_damaged_names_are_resolved_and_reported(sample: Document) -> None:
    surfaces = {a.surface for t in sample.tasks for a in t.assignments if a.agency.id in (PBOC, CUSTOMS)}
    assert surfaces == {"??诤jP", "人行??谥行闹?", "人行??谥行闹袪款^"}
    damaged = [w for w in sample.warnings if w.code == "W006"]
    assert len(damaged) == 12
    assert all(not a.agency.id.startswith("x-") for t in sample.tasks for a in t.assignments)


def test_spans_index_the_source(sample: Document) -> None:
    for item in sample.items:
        for task in item.tasks:
            assert item.span[0] <= task.span[0] < task.span[1] <= item.span[1]
            assert sample.text[task.parenthetical[0]] == "("
            assert task.text in sample.text[task.span[0] : task.span[1]]
            for a in task.assignments:
                assert sample.text[a.span[0] : a.span[1]] == a.surface
                assert task.parenthetical[0] < a.span[0] < a.span[1] < task.parenthetical[1]


def test_citations(sample: Document) -> None:
    assert [(c.doc_number, c.item) for c in sample.citations] == CITATIONS
    first = sample.citations[0]
    assert first.title == "國務院關于新形勢下加強打擊侵犯知識產權和制售假冒偽劣商品工作的意見"
    assert sample.text[first.span[0] : first.span[1]].endswith("(國發〔2017〕14號)")
    titles = {c.title for c in sample.citations}
    assert "中華人民共和國種子法" in titles
    assert all(c.doc_number != "琼府办〔2017〕89号" for c in sample.citations)
    assert sample.header.plan_title not in titles


def test_simplified_version_gives_the_same_facts(sample: Document, simplified: Document) -> None:
    assert simplified.script == "hans"
    assert facts(simplified) == facts(sample)
    assert [(c.doc_number, c.item) for c in simplified.citations] == CITATIONS
    assert [a.id for a in simplified.agencies] == [a.id for a in sample.agencies]
    assert simplified.header.doc_number == sample.header.doc_number
    assert simplified.header.date == sample.header.date


def test_no_unexpected_warnings(sample: Document) -> None:
    assert {w.code for w in sample.warnings} == {"W006"}
