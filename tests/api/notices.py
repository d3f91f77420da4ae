"""Small notices for the API tests, as text for the parser or, until it reads them, built by hand.

The hostile notice names an agency ``省<script>alert(1)</script>局`` in a
parenthetical, so every HTML page can be checked for escaping.
"""

from __future__ import annotations

import hashlib

from ingest.model import (
    Agency,
    AgencyKind,
    Assignment,
    Citation,
    Document,
    Header,
    Item,
    Role,
    Section,
    Source,
    Task,
)

HOSTILE_NAME = "省<script>alert(1)</script>局"
HOSTILE_TEXT = (
    "海南省人民政府辦公廳關于印發測試工作方案的通知\n"
    "瓊府辦〔2099〕1號\n"
    "各市、縣人民政府:\n"
    "測試工作方案\n"
    "一、測試\n"
    "(一)加強<script>alert(2)</script>測試。開展電子商務檢查(" + HOSTILE_NAME + "負責)。\n"
    "(二)加強執法。開展檢查(省公安廳負責)。\n"
)


def _task(text: str, doc_text: str, agencies: list[tuple[Agency, Role]]) -> Task:
    start = doc_text.index(text)
    assignments = [
        Assignment(agency, role, agency.name_hant, (start, start + len(text))) for agency, role in agencies
    ]
    return Task(1, text, (start, start + len(text)), (start, start + len(text)), assignments)


def hostile_document() -> Document:
    """The ``<script>`` notice, built by hand the way the parser reads it."""
    text = HOSTILE_TEXT
    agency = Agency("x-hostile", HOSTILE_NAME, HOSTILE_NAME, None, AgencyKind.UNKNOWN)
    task = _task("開展電子商務檢查(" + HOSTILE_NAME + "負責)", text, [(agency, Role.RESPONSIBLE)])
    start = text.index("(一)")
    item = Item(1, "(一)", "加強<script>alert(2)</script>測試。", (start, len(text)), 1, [task])
    section = Section(1, "測試", (text.index("一、"), len(text)), [item])
    header = Header(
        "海南省人民政府辦公廳關于印發測試工作方案的通知",
        "琼府办〔2099〕2号",
        "海南省人民政府辦公廳",
        "2099-01-01",
        ("各市、縣人民政府",),
        "測試工作方案",
    )
    sha = hashlib.sha256(b"by hand" + text.encode()).hexdigest()
    return Document(Source("hostile.txt", sha), text, "hant", header, [section], [], [agency], [])


def small_document() -> Document:
    """Two items, three tasks, lead / responsible / cooperating roles and one citation."""
    text = (
        "海南省人民政府辦公廳關于印發小方案的通知\n瓊府辦〔2017〕89號\n各市人民政府:\n"
        "根據《國務院關于新形勢下加強打擊侵犯知識產權和制售假冒偽劣商品工作的意見》(國發〔2017〕14號)。\n"
        "小方案\n一、打擊\n"
        "(一)加強電子商務領域執法。開展網絡市場監管(省工商局牽頭,省公安廳配合)。\n"
        "(二)加強林業執法。2017年6月底前完成檢查(省林業廳負責)。嚴厲打擊(省公安廳、省林業廳按職責分工分別負責)。\n"
    )
    saic = Agency(
        "hainan-saic", "海南省工商局", "海南省工商局", "Hainan AIC", AgencyKind.DEPARTMENT, ("省工商局",)
    )
    police = Agency(
        "hainan-public-security",
        "海南省公安厅",
        "海南省公安廳",
        "Hainan Public Security",
        AgencyKind.DEPARTMENT,
        ("省公安厅",),
    )
    forestry = Agency(
        "hainan-forestry", "海南省林业厅", "海南省林業廳", "Hainan Forestry", AgencyKind.DEPARTMENT
    )
    t1 = _task(
        "開展網絡市場監管(省工商局牽頭,省公安廳配合)", text, [(saic, Role.LEAD), (police, Role.COOPERATING)]
    )
    t2 = _task("2017年6月底前完成檢查(省林業廳負責)", text, [(forestry, Role.RESPONSIBLE)])
    t3 = _task(
        "嚴厲打擊(省公安廳、省林業廳按職責分工分別負責)",
        text,
        [(police, Role.RESPONSIBLE), (forestry, Role.RESPONSIBLE)],
    )
    t3.number = 2
    i1_start, i2_start = text.index("(一)"), text.index("(二)")
    item1 = Item(1, "(一)", "加強電子商務領域執法。", (i1_start, i2_start), 1, [t1])
    item2 = Item(2, "(二)", "加強林業執法。", (i2_start, len(text)), 1, [t2, t3])
    section = Section(1, "打擊", (text.index("一、"), len(text)), [item1, item2])
    cite_start = text.index("《")
    citation = Citation(
        "国发〔2017〕14号",
        "国务院关于新形势下加强打击侵犯知识产权和制售假冒伪劣商品工作的意见",
        None,
        (cite_start, text.index("號)") + 2),
    )
    header = Header(
        "海南省人民政府辦公廳關于印發小方案的通知",
        "琼府办〔2017〕89号",
        "海南省人民政府辦公廳",
        "2017-05-27",
        ("各市人民政府",),
        "小方案",
    )
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Document(
        Source("small.txt", sha), text, "hant", header, [section], [citation], [saic, police, forestry], []
    )
