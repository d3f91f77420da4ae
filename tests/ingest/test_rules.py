"""The genre's rules (DOMAIN.md) on variations constructed here, as tables."""

from __future__ import annotations

import pytest

from ingest import Document, parse
from ingest.recognisers import doc_number_spans

HAINAN = "海南省人民政府办公厅关于印发某工作方案的通知\n琼府办〔2018〕1号\n各市、县人民政府:\n"
NATIONAL = "国务院办公厅关于印发某分工方案的通知\n国办发〔2018〕1号\n各省、自治区、直辖市人民政府:\n"


def roles(doc: Document) -> list[list[tuple[str, str]]]:
    """Per task, (canonical agency name, role) in order."""
    return [[(a.agency.name, a.role.value) for a in task.assignments] for task in doc.tasks]


# (case id, header, body, expected roles per task)
ROLE_CASES = [
    (
        "one-responsible",
        HAINAN,
        "(一)加强监管。开展检查。(省林业厅负责)",
        [[("海南省林业厅", "responsible")]],
    ),
    (
        "lead-and-cooperating-fullwidth",
        HAINAN,
        "（一）加强监管。开展检查。（省高级法院牵头，省公安厅、省检察院配合）",
        [
            [
                ("海南省高级人民法院", "lead"),
                ("海南省公安厅", "cooperating"),
                ("海南省人民检察院", "cooperating"),
            ]
        ],
    ),
    (
        "traditional-script",
        HAINAN,
        "(一)加強監管。開展檢查。(省生態環保廳牽頭負責、省「雙打」辦配合)",
        [
            [
                ("海南省生态环境保护厅", "lead"),
                ("海南省打击侵犯知识产权和制售假冒伪劣商品工作领导小组办公室", "cooperating"),
            ]
        ],
    ),
    (
        "co-leads-then-rest",
        HAINAN,
        '(一)加强宣传。开展宣传。(省委宣传部、省"双打"办牵头负责,省司法厅按职责分工分别负责)',
        [
            [
                ("中共海南省委宣传部", "lead"),
                ("海南省打击侵犯知识产权和制售假冒伪劣商品工作领导小组办公室", "lead"),
                ("海南省司法厅", "responsible"),
            ]
        ],
    ),
    (
        "collective",
        HAINAN,
        "(一)发挥作用。整合力量。(省“双打”办牵头负责,“双打”办各成员单位按职能分工负责)",
        [
            [
                ("海南省打击侵犯知识产权和制售假冒伪劣商品工作领导小组办公室", "lead"),
                ("海南省打击侵犯知识产权和制售假冒伪劣商品工作领导小组成员单位", "responsible"),
            ]
        ],
    ),
    (
        "participate-and-assist",
        NATIONAL,
        "一、总体要求\n(一)建立体系。制定指标。(生态环境部牵头,国家发展改革委参与,财政部协助)",
        [[("生态环境部", "lead"), ("国家发展和改革委员会", "cooperating"), ("财政部", "cooperating")]],
    ),
    (
        "semicolon-and-comma-separators",
        NATIONAL,
        "(一)推进改革。落实措施。(商务部牵头;海关总署,税务总局配合)",
        [[("商务部", "lead"), ("海关总署", "cooperating"), ("国家税务总局", "cooperating")]],
    ),
    (
        "conjunction-between-names",
        NATIONAL,
        "(一)推进改革。落实措施。(财政部和税务总局负责)",
        [[("财政部", "responsible"), ("国家税务总局", "responsible")]],
    ),
    (
        "names-with-he-stay-whole",
        NATIONAL,
        "(一)推进改革。落实措施。(工业和信息化部、文化和旅游部负责)",
        [[("工业和信息化部", "responsible"), ("文化和旅游部", "responsible")]],
    ),
    (
        "etc-suffix",
        NATIONAL,
        "(一)推进改革。落实措施。(财政部、人民银行等部门负责)",
        [[("财政部", "responsible"), ("中国人民银行", "responsible")]],
    ),
    (
        "jointly-with",
        NATIONAL,
        "(一)推进改革。落实措施。(国家发展改革委会同财政部负责)",
        [[("国家发展和改革委员会", "lead"), ("财政部", "cooperating")]],
    ),
    (
        "label-form",
        NATIONAL,
        "(一)放宽限制。(负责部门:人力资源社会保障部、住房城乡建设部;适用范围:所有自贸试验区)",
        [[("人力资源和社会保障部", "responsible"), ("住房和城乡建设部", "responsible")]],
    ),
    (
        "label-form-lead-and-cooperating",
        NATIONAL,
        "(一)放宽限制。(牵头部门:商务部;配合部门:海关总署、外汇局)",
        [[("商务部", "lead"), ("海关总署", "cooperating"), ("国家外汇管理局", "cooperating")]],
    ),
    (
        "collectives-national",
        NATIONAL,
        "(一)推进改革。落实措施。(各省级人民政府负责,国务院各有关部门配合)",
        [[("各省级人民政府", "responsible"), ("国务院各有关部门", "cooperating")]],
    ),
    (
        "first-listed-leads-below",
        NATIONAL,
        "(一)推进改革。落实措施。(税务总局、财政部、海关总署负责,排在第一位的部门为牵头部门,下同)\n"
        "(二)加快建设。落实措施。(商务部、财政部负责)\n"
        "(三)加强监管。落实措施。(公安部牵头,司法部配合)",
        [
            [("国家税务总局", "lead"), ("财政部", "responsible"), ("海关总署", "responsible")],
            [("商务部", "lead"), ("财政部", "responsible")],
            [("公安部", "lead"), ("司法部", "cooperating")],
        ],
    ),
    (
        "first-listed-leads-here-only",
        NATIONAL,
        "(一)推进改革。落实措施。(税务总局、财政部负责,排在第一位的部门为牵头部门)\n(二)加快建设。落实措施。(商务部、财政部负责)",
        [
            [("国家税务总局", "lead"), ("财政部", "responsible")],
            [("商务部", "responsible"), ("财政部", "responsible")],
        ],
    ),
]


@pytest.mark.parametrize(
    ("header", "body", "expected"), [c[1:] for c in ROLE_CASES], ids=[c[0] for c in ROLE_CASES]
)
def test_roles(header: str, body: str, expected: list[list[tuple[str, str]]]) -> None:
    assert roles(parse(header + body)) == expected


def test_restarting_item_numbers_are_numbered_plan_wide() -> None:
    text = NATIONAL + (
        "一、第一部分\n(一)甲。做甲。(财政部负责)\n(二)乙。做乙。(商务部负责)\n"
        "二、第二部分\n(一)丙。做丙。(公安部负责)\n(二)丁。做丁。(司法部负责)\n"
    )
    doc = parse(text)
    assert [(i.number, i.label, i.section) for i in doc.items] == [
        (1, "(一)", 1),
        (2, "(二)", 1),
        (3, "(一)", 2),
        (4, "(二)", 2),
    ]
    assert [s.title for s in doc.sections] == ["第一部分", "第二部分"]


def test_sections_without_items_become_items() -> None:
    text = (
        NATIONAL
        + "一、对成效显著的地区给予支持。(市场监管总局负责)\n二、对外贸增长的省份优先支持。(商务部负责)\n"
    )
    doc = parse(text)
    assert [(i.number, i.label) for i in doc.items] == [(1, "一、"), (2, "二、")]
    assert roles(doc) == [[("国家市场监督管理总局", "responsible")], [("商务部", "responsible")]]


def test_several_tasks_in_one_item_split_at_each_parenthetical() -> None:
    doc = parse(HAINAN + "(一)加强监管。开展检查甲。(省林业厅负责)开展检查乙。(省公安厅负责)")
    assert [t.text for t in doc.tasks] == ["开展检查甲。", "开展检查乙。"]
    assert [t.number for t in doc.tasks] == [1, 2]


@pytest.mark.parametrize(
    "aside",
    [
        "(IP地址)",
        "(此件主动公开)",
        "(国发〔2017〕14号)",
        "(白皮书)",
        "(政府令第263号)",
        "(以下简称自贸试验区)",
    ],
)
def test_non_assignment_parentheticals_are_not_tasks(aside: str) -> None:
    doc = parse(HAINAN + f"(一)加强监管。开展检查{aside}等工作。(省林业厅负责)")
    assert len(doc.tasks) == 1
    assert doc.tasks[0].text == f"开展检查{aside}等工作。"


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("国发〔2017〕14号", "国发〔2017〕14号"),
        ("国发[2017]14号", "国发〔2017〕14号"),
        ("国发［2017］14号", "国发〔2017〕14号"),
        ("国发【2017】14号", "国发〔2017〕14号"),
        ("国发(2017)14号", "国发〔2017〕14号"),
        ("國發〔2017〕14號", "国发〔2017〕14号"),
    ],
)
def test_citation_bracket_styles(written: str, normalised: str) -> None:
    doc = parse(HAINAN + f"(一)加强监管。贯彻《某某意见》({written})要求。(省林业厅负责)")
    assert [(c.doc_number, c.title, c.item) for c in doc.citations] == [(normalised, "某某意见", 1)]


def test_title_alone_and_number_alone_are_citations() -> None:
    doc = parse(HAINAN + "(一)加强监管。落实《中华人民共和国种子法》和国办发〔2016〕5号。(省林业厅负责)")
    assert [(c.doc_number, c.title) for c in doc.citations] == [
        (None, "中华人民共和国种子法"),
        ("国办发〔2016〕5号", None),
    ]


def test_a_number_and_a_decree_joined_by_a_conjunction_are_two_citations() -> None:
    doc = parse(HAINAN + "(一)加强监管。落实国发〔2017〕14号和政府令第263号。(省林业厅负责)")
    assert [c.doc_number for c in doc.citations] == ["国发〔2017〕14号", "政府令第263号"]
    text = "国发〔2017〕14号和政府令第263号及中华人民共和国国务院令第707号"
    assert [text[a:b] for a, b in doc_number_spans(text)] == [
        "国发〔2017〕14号",
        "政府令第263号",
        "中华人民共和国国务院令第707号",
    ]


@pytest.mark.parametrize(
    ("written", "surface", "number"),
    [
        ("依据中华人民共和国国务院令第76号", "中华人民共和国国务院令第76号", "国令第76号"),
        ("依據中華人民共和國國務院令第76號", "中華人民共和國國務院令第76號", "国令第76号"),
        ("根据国务院令第707号", "国务院令第707号", "国令第707号"),
        ("落实海南省人民政府令第263号", "海南省人民政府令第263号", "海南省人民政府令第263号"),
        ("落实省政府令第3号", "省政府令第3号", "省政府令第3号"),  # a heading not listed: its own words
    ],
)
def test_a_decree_cited_in_running_text_is_numbered_as_its_heading_is(
    written: str, surface: str, number: str
) -> None:
    """The heading a decree is cited by is read whole and written with its code, as the decree's
    own header is read (中华人民共和国国务院令 / 第707号 is 国令第707号)."""
    text = HAINAN + f"(一)加强监管。{written},开展检查。(省林业厅负责)"
    doc = parse(text)
    assert [(text[slice(*c.span)], c.doc_number) for c in doc.citations] == [(surface, number)]


@pytest.mark.parametrize(
    ("heading", "serial", "number"),
    [
        ("中华人民共和国国务院令", "第707号", "国令第707号"),
        ("中華人民共和國國務院令", "第 707 號", "国令第707号"),
        ("海南省人民政府令", "第263号", "海南省人民政府令第263号"),  # not in the data file: its own words
    ],
)
def test_a_decree_number_standing_under_its_heading_is_read(heading: str, serial: str, number: str) -> None:
    body = "现公布《某条例》,自2019年1月1日起施行。\n总理 某某\n2018年12月18日\n"
    doc = parse(f"{heading}\n{serial}\n{body}")
    assert (doc.header.doc_number, doc.header.title) == (number, heading)
    assert "W007" not in [w.code for w in doc.warnings]


def test_a_serial_under_a_heading_that_is_no_decree_is_no_number() -> None:
    doc = parse("海南省人民政府办公厅通知\n第7号\n各市、县人民政府:\n(一)加强监管。(省林业厅负责)\n")
    assert doc.header.doc_number is None and "W007" in [w.code for w in doc.warnings]


def test_unseen_agency_is_recognised_qualified_and_warned() -> None:
    doc = parse(HAINAN + "(一)加强监管。开展检查。(省海洋厅负责)")
    agency = doc.tasks[0].assignments[0].agency
    assert (agency.name, agency.kind.value) == ("海南省海洋厅", "unknown")
    assert [w.code for w in doc.warnings] == ["W004"]


def test_same_short_name_in_another_province_is_another_agency() -> None:
    guangdong = "广东省人民政府办公厅关于印发某方案的通知\n粤府办〔2018〕1号\n各市人民政府:\n"
    guangdong += "(一)甲。做甲。(省公安厅负责)"
    hainan = parse(HAINAN + "(一)甲。做甲。(省公安厅负责)").tasks[0].assignments[0].agency
    other = parse(guangdong).tasks[0].assignments[0].agency
    assert hainan.id == "hainan-public-security"
    assert (other.name, other.kind.value) == ("广东省公安厅", "unknown")


def test_unresolvable_name_is_reported_not_invented() -> None:
    doc = parse(HAINAN + "(一)加强监管。开展检查。(省林业厅、由有关的负责)")
    assert roles(doc) == [[("海南省林业厅", "responsible")]]
    assert "W001" in [w.code for w in doc.warnings]


def test_text_after_last_assignment_is_warned() -> None:
    doc = parse(HAINAN + "(一)加强监管。开展检查。(省林业厅负责)另行部署检查工作。")
    warning = next(w for w in doc.warnings if w.code == "W003")
    assert warning.span is not None
    assert doc.text[warning.span[0] : warning.span[1]] == "另行部署检查工作。"


def test_assignment_like_parenthetical_that_does_not_parse_is_warned() -> None:
    doc = parse(HAINAN + "(一)加强监管。开展检查(由有关的负责)。(省林业厅负责)")
    assert len(doc.tasks) == 1
    assert "W002" in [w.code for w in doc.warnings]


def test_document_without_assignments_warns() -> None:
    doc = parse(NATIONAL + "一、总体要求\n坚持稳中求进。\n二、保障措施\n加强组织领导。\n")
    assert doc.tasks == []
    assert [w.code for w in doc.warnings] == ["W005"]
