"""Two small notices built by hand, with the counts every view must show for them.

Spans are found in the text, so the fixtures stay right when the text is edited.
The second notice is in Simplified script and cites the same document as the first.
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

EVIL = '<img src=x onerror="window.__pwned=1">'
POLICE = Agency(
    "test-police", "省公安厅", "省公安廳", "Provincial Public Security Department", AgencyKind.DEPARTMENT
)
COMMERCE = Agency("test-commerce", "省工商局", "省工商局", None, AgencyKind.DEPARTMENT)
QUALITY = Agency(
    "test-quality", "省质监局", "省質監局", "Provincial Quality Supervision Bureau", AgencyKind.DEPARTMENT
)
PROPAGANDA = Agency("test-propaganda", "省委宣传部", "省委宣傳部", "Publicity Department", AgencyKind.PARTY)
OFFICE = Agency("test-office", "省“双打”办", "省“雙打”辦", "Office against counterfeiting", AgencyKind.OFFICE)
EVIL_AGENCY = Agency("x-evil", EVIL, EVIL, EVIL, AgencyKind.UNKNOWN)

TEXT_ONE = (
    "海南省人民政府辦公廳關于印發測試方案的通知\n"
    "瓊府辦〔2017〕89號\n"
    "各市、縣人民政府:\n"
    "請貫徹國發〔2017〕14號。\n"
    "海南省人民政府辦公廳\n"
    "2017年5月27日\n"
    "一、第一部分\n"
    "(一)加強監管。開展專項行動(省公安廳牽頭,省工商局、省質監局配合)落實責任(省工商局負責)\n"
    "(二)保護版權。依照《中華人民共和國著作權法》和《國務院關于加強打擊侵權的意見》(國發〔2017〕14號)整治"
    "(省委宣傳部、省“雙打”辦牽頭負責,省公安廳按職責分工分別負責)\n"
    "二、第二部分\n"
    f"(三)宣傳教育。2017年6月底前完成({EVIL}負責)\n"
)

TEXT_TWO = (
    "海南省人民政府办公厅关于印发另一方案的通知\n"
    "琼府办〔2018〕1号\n"
    "一、总体要求\n"
    "(一)深化合作。贯彻国发〔2017〕14号(省公安厅、省质监局按职责分工分别负责)\n"
)


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def _line_span(text: str, first: str) -> tuple[int, int]:
    start = text.index(first)
    return start, text.index("\n", start)


def _task(text: str, number: int, body: str, paren: str, agents: list[tuple[Agency, Role, str]]) -> Task:
    start = text.index(body)
    p_start, p_end = _span(text, paren, start)
    assignments = [
        Assignment(agency, role, surface, _span(text, surface, p_start)) for agency, role, surface in agents
    ]
    return Task(number, text[start:p_end], (start, p_end), (p_start, p_end), assignments)


def _document(
    name: str, text: str, script: str, header: Header, sections: list[Section], citations: list[Citation]
) -> Document:
    agencies = {
        a.agency.id: a.agency for s in sections for i in s.items for t in i.tasks for a in t.assignments
    }
    source = Source(name, hashlib.sha256(text.encode()).hexdigest())
    return Document(source, text, script, header, sections, citations, list(agencies.values()), [])


def notice_one() -> Document:
    t = TEXT_ONE
    i1 = Item(
        1,
        "(一)",
        "加強監管",
        _line_span(t, "(一)加強監管"),
        1,
        [
            _task(
                t,
                1,
                "開展專項行動",
                "(省公安廳牽頭,省工商局、省質監局配合)",
                [
                    (POLICE, Role.LEAD, "省公安廳"),
                    (COMMERCE, Role.COOPERATING, "省工商局"),
                    (QUALITY, Role.COOPERATING, "省質監局"),
                ],
            ),
            _task(t, 2, "落實責任", "(省工商局負責)", [(COMMERCE, Role.RESPONSIBLE, "省工商局")]),
        ],
    )
    i2 = Item(
        2,
        "(二)",
        "保護版權",
        _line_span(t, "(二)保護版權"),
        1,
        [
            _task(
                t,
                1,
                "依照《中華",
                "(省委宣傳部、省“雙打”辦牽頭負責,省公安廳按職責分工分別負責)",
                [
                    (PROPAGANDA, Role.LEAD, "省委宣傳部"),
                    (OFFICE, Role.LEAD, "省“雙打”辦"),
                    (POLICE, Role.RESPONSIBLE, "省公安廳"),
                ],
            ),
        ],
    )
    i3 = Item(
        3,
        "(三)",
        "宣傳教育",
        _line_span(t, "(三)宣傳教育"),
        2,
        [
            _task(t, 1, "2017年6月底前完成", f"({EVIL}負責)", [(EVIL_AGENCY, Role.RESPONSIBLE, EVIL)]),
        ],
    )
    sections = [
        Section(1, "第一部分", _span(t, "一、第一部分"), [i1, i2]),
        Section(2, "第二部分", _span(t, "二、第二部分"), [i3]),
    ]
    citations = [
        Citation("国发〔2017〕14号", None, None, _span(t, "國發〔2017〕14號")),
        Citation(None, "《中華人民共和國著作權法》", 2, _span(t, "《中華人民共和國著作權法》")),
        Citation(
            "国发〔2017〕14号",
            "《國務院關于加強打擊侵權的意見》",
            2,
            _span(t, "《國務院關于加強打擊侵權的意見》(國發〔2017〕14號)"),
        ),
    ]
    header = Header(
        "海南省人民政府辦公廳關于印發測試方案的通知",
        "琼府办〔2017〕89号",
        None,
        "2017-05-27",
        ("各市、縣人民政府",),
        "測試方案",
    )
    return _document("notice-one.txt", t, "hant", header, sections, citations)


def notice_two() -> Document:
    t = TEXT_TWO
    i1 = Item(
        1,
        "(一)",
        "深化合作",
        _line_span(t, "(一)深化合作"),
        1,
        [
            _task(
                t,
                1,
                "贯彻国发",
                "(省公安厅、省质监局按职责分工分别负责)",
                [
                    (POLICE, Role.RESPONSIBLE, "省公安厅"),
                    (QUALITY, Role.RESPONSIBLE, "省质监局"),
                ],
            ),
        ],
    )
    sections = [Section(1, "总体要求", _span(t, "一、总体要求"), [i1])]
    citations = [Citation("国发〔2017〕14号", None, 1, _span(t, "国发〔2017〕14号"))]
    header = Header("海南省人民政府办公厅关于印发另一方案的通知", "琼府办〔2018〕1号", None, None, (), None)
    return _document("notice-two.txt", t, "hans", header, sections, citations)


# (nodes, edges) each page must draw for both notices together, by filter; worked out by
# reading the two texts above (see the tasks: pairs of agencies sharing a task).
EXPECTED = {
    ("coordination", "any", None, None): (6, 6),
    ("coordination", "lead", None, None): (3, 1),  # 公安 / 宣傳部 / 雙打辦 lead; only the last two co-lead
    ("coordination", "any", None, 2): (1, 0),  # the damaged-name agency alone in section 2
    ("coordination", "any", "琼府办〔2018〕1号", None): (2, 1),
    ("bipartite", "any", None, None): (10, 9),  # 6 agencies + 4 items
    ("bipartite", "lead", None, None): (5, 3),
    ("bipartite", "any", "琼府办〔2018〕1号", None): (3, 2),
    ("citations", "any", None, None): (4, 3),
    ("citations", "any", "琼府办〔2018〕1号", None): (2, 1),
}
