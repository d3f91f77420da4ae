"""A small hand-built notice, the shape of the real sample, for RDF and SHACL tests.

Spans are computed from the text, so the fixture stays consistent when the text changes.
"""

from __future__ import annotations

from datetime import UTC, datetime

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

INGESTED_AT = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)

CULTURE = Agency(
    "hainan-culture",
    "海南省文化广电出版体育厅",
    "海南省文化廣電出版體育廳",
    "Hainan Department of Culture, Radio, Television, Publishing and Sports",
    AgencyKind.DEPARTMENT,
    ("省文化广电出版体育厅", "省文化廣電出版體育廳"),
)
POLICE = Agency(
    "hainan-public-security",
    "海南省公安厅",
    "海南省公安廳",
    "Hainan Public Security Department",
    AgencyKind.DEPARTMENT,
    ("省公安厅",),
)
IPR = Agency(
    "hainan-ipr",
    "海南省知识产权局",
    "海南省知識產權局",
    "Hainan Intellectual Property Office",
    AgencyKind.DEPARTMENT,
    ("省知识产权局",),
)
OFFICE = Agency(
    "hainan-gov-office",
    "海南省人民政府办公厅",
    "海南省人民政府辦公廳",
    "Hainan Government General Office",
    AgencyKind.OFFICE,
)

TITLE = "海南省人民政府辦公廳關于印發測試方案的通知"
NUMBER_WRITTEN = "瓊府辦〔2017〕89號"
PREAMBLE_CITATION = "國發〔2017〕14號"
ITEM_CITATION = "瓊府辦〔2013〕162號"
TEXT = (
    f"{TITLE}\n{NUMBER_WRITTEN}\n各市、縣人民政府:\n海南省人民政府辦公廳\n2017年5月27日\n"
    f"貫徹《國務院意見》({PREAMBLE_CITATION})精神。\n"
    "一、加強版權保護\n"
    "(一)加大版權保護力度。查處侵權盜版。(省文化廣電出版體育廳牽頭,省公安廳配合)"
    f"依據({ITEM_CITATION})開展電子商務檢查。(省公安廳、省知識產權局按職責分工分別負責)\n"
    "二、推進社會共治\n"
    "(二)推進信息公開。2017年6月前公開案件信息。(省知識產權局負責)\n"
)


def span(text: str, start_at: int = 0) -> tuple[int, int]:
    """The half-open span of the first ``text`` in :data:`TEXT` at or after ``start_at``."""
    start = TEXT.index(text, start_at)
    return start, start + len(text)


def _assignment(agency: Agency, role: Role, surface: str, after: int) -> Assignment:
    return Assignment(agency, role, surface, span(surface, after))


def small_document() -> Document:
    """Two sections, two items, three tasks, lead/responsible/cooperating, two citations."""
    s1 = span("一、加強版權保護\n(一)")[0]
    s2 = span("二、推進社會共治")[0]
    i1 = span("(一)")[0]
    i2 = span("(二)")[0]
    t1_end = span("省公安廳配合)")[1]
    t2_end = span("分別負責)")[1]
    t3_start = span("推進信息公開")[0]
    t3_end = span("(省知識產權局負責)", t3_start)[1]
    task1 = Task(
        1,
        TEXT[span("加大版權保護力度")[0] : t1_end],
        (span("加大版權保護力度")[0], t1_end),
        span("(省文化廣電出版體育廳牽頭,省公安廳配合)"),
        [
            _assignment(CULTURE, Role.LEAD, "省文化廣電出版體育廳", i1),
            _assignment(POLICE, Role.COOPERATING, "省公安廳", i1),
        ],
    )
    task2 = Task(
        2,
        TEXT[t1_end:t2_end],
        (t1_end, t2_end),
        span("(省公安廳、省知識產權局按職責分工分別負責)"),
        [
            _assignment(POLICE, Role.RESPONSIBLE, "省公安廳", t1_end),
            _assignment(IPR, Role.RESPONSIBLE, "省知識產權局", t1_end),
        ],
    )
    task3 = Task(
        1,
        TEXT[t3_start:t3_end],
        (t3_start, t3_end),
        span("(省知識產權局負責)", t3_start),
        [_assignment(IPR, Role.RESPONSIBLE, "省知識產權局", t3_start)],
    )
    item1 = Item(1, "(一)", "加大版權保護力度。", (i1, t2_end), 1, [task1, task2])
    item2 = Item(2, "(二)", "推進信息公開。", (i2, t3_end), 2, [task3])
    sections = [
        Section(1, "加強版權保護", (s1, t2_end), [item1]),
        Section(2, "推進社會共治", (s2, t3_end), [item2]),
    ]
    citations = [
        Citation("国发〔2017〕14号", "國務院意見", None, span("《國務院意見》(國發〔2017〕14號)")),
        Citation("琼府办〔2013〕162号", None, 1, span(ITEM_CITATION)),
    ]
    header = Header(
        title=TITLE,
        doc_number="琼府办〔2017〕89号",
        issuer="海南省人民政府辦公廳",
        date="2017-05-27",
        addressees=("各市、縣人民政府",),
        plan_title=None,
        issuer_agency=OFFICE,
    )
    return Document(
        source=Source("small-notice.txt", "ab" * 32, "utf-8"),
        text=TEXT,
        script="hant",
        header=header,
        sections=sections,
        citations=citations,
        agencies=[CULTURE, POLICE, IPR, OFFICE],
        warnings=[],
    )
