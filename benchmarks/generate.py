"""Synthetic task-division notices, deterministic by seed, with their ground truth.

Each notice is written the way the genre is: a ``…关于印发…工作要点及任务分工方案的通知``
title, a document number whose code names the jurisdiction, addressees, the issuing
office and date, the plan title, a preamble, sections ``一、`` and items ``(一)`` whose
tasks close with responsibility parentheticals in the real styles. Agencies come from
``ingest/data/agencies.csv`` (Hainan short names in 琼 notices, national names in 国
notices, provincial short names read as unseen agencies elsewhere) with a Zipf-like
popularity; cited documents come from one pool shared by the whole corpus, also with
Zipf popularity. A fraction of notices is converted to Traditional script (opencc s2t).

Notice ``i`` depends only on ``(seed, i)``: a corpus of 100 is the first 100 notices of a
corpus of 1,000, so a benchmark can grow one store size after another.

    python benchmarks/generate.py --notices 1000 --seed 7 --out /tmp/corpus

writes ``notice-000000.txt`` … and, beside each, ``notice-000000.json``: the header,
items, tasks, assignments (agency id, role, surface, span) and citations the parser
must read back.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import Any

from ingest.agencies import unseen
from ingest.script import to_traditional

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "ingest" / "data"

HAINAN = "海南省"
NATIONAL = "国家"
#: Share of notices per kind of jurisdiction; the rest are other provinces.
HAINAN_SHARE, NATIONAL_SHARE = 0.55, 0.35
TRADITIONAL_SHARE = 0.3
ZIPF = 1.1

SECTION_VERBS = ("持续推进", "深入推进", "着力加强", "进一步完善", "全面深化", "大力推动", "切实强化")
SECTION_FIELDS = (
    "重点领域专项治理", "刑事司法打击", "行政执法监管", "信用体系建设", "法规制度建设", "社会共治格局",
    "宣传教育培训", "组织保障", "区域协作机制", "监管能力建设", "电子商务监管", "质量安全监管",
)  # fmt: skip
VERBS = ("加大", "持续开展", "深入开展", "加强", "完善", "健全", "推进", "强化", "严厉打击", "规范", "深化")
OBJECTS = (
    "互联网领域侵权假冒治理", "农村和城乡结合部市场治理", "进出口环节监管", "重点产品质量监管",
    "侵权假冒犯罪打击", "行政执法与刑事司法衔接", "执法信息公开", "信用监管", "软件正版化工作",
    "商标专用权保护", "专利执法维权", "版权保护", "食品药品安全监管", "农资市场秩序整治",
    "寄递渠道监管", "跨部门协作机制建设", "举报投诉处理机制建设", "执法人员培训", "知识产权保护宣传",
    "企业主体责任落实", "重点市场整治", "检验检测能力建设", "风险监测预警", "案件督办",
)  # fmt: skip
OPENERS = ("围绕重点商品", "以消费品为重点", "针对侵权假冒易发多发领域", "坚持问题导向", "按照属地管理原则")
KEYWORDS = ("电子商务", "跨境电子商务", "网络交易", "食品安全", "农资")
TOPICS = (
    "打击侵犯知识产权和制售假冒伪劣商品", "推进政务公开", "深化“放管服”改革优化营商环境",
    "食品安全重点", "知识产权保护", "质量提升行动", "电子商务发展", "安全生产",
)  # fmt: skip
PLAN_SUFFIXES = ("工作要点及任务分工方案", "重点工作任务分工方案", "工作要点及任务分工方案")
LAWS = (
    "中华人民共和国种子法", "中华人民共和国商标法", "中华人民共和国专利法", "中华人民共和国著作权法",
    "中华人民共和国食品安全法", "中华人民共和国产品质量法", "中华人民共和国电子商务法",
    "中华人民共和国反不正当竞争法", "中华人民共和国消费者权益保护法", "中华人民共和国农产品质量安全法",
)  # fmt: skip
NATIONAL_ISSUERS = (("国发", "国务院"), ("国办发", "国务院办公厅"), ("国办函", "国务院办公厅"))
CITED_KINDS = ("意见", "通知", "实施方案", "决定")
#: Written forms never used for an agency: too generic, or holding a list separator.
SKIPPED_FORMS = frozenset({"有关部门", "各有关部门", "相关部门", "人行", "央行", "各地"})
CHINESE_DIGITS = "零一二三四五六七八九"
#: The agencies real plans name most, in popularity order; the rest follow in seeded order.
POPULAR = (
    "hainan-public-security", "hainan-industry-commerce", "hainan-quality-supervision", "hainan-food-drug",
    "hainan-anti-counterfeiting-office", "hainan-ipo", "hainan-commerce", "hainan-culture-media-sports",
    "ndrc", "mof", "samr", "miit", "mofcom", "mps", "mohrss", "sat", "cnipa", "moj",
)  # fmt: skip
ENDINGS = (
    "提升监管效能", "形成工作合力", "切实维护公平竞争的市场秩序", "保护权利人和消费者合法权益",
    "建立健全长效机制", "提高执法办案水平", "推动形成共建共治共享格局",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class RegistryAgency:
    id: str
    name: str
    jurisdiction: str
    kind: str
    forms: tuple[str, ...]


@dataclass(slots=True)
class Pools:
    """What every notice of one seed draws from."""

    hainan: list[RegistryAgency]
    national: list[RegistryAgency]
    provincial_forms: list[str]
    hainan_members: RegistryAgency
    national_collectives: list[RegistryAgency]
    cited: list[tuple[str | None, str]]
    provinces: list[tuple[str, str]]


@dataclass(slots=True)
class GeneratedNotice:
    """One notice: its file name, its text and the facts the parser must read back."""

    name: str
    text: str
    truth: dict[str, Any]


@dataclass(slots=True)
class _Builder:
    """Text assembled from Simplified fragments, each converted on its own, with offsets kept."""

    traditional: bool
    written: str = ""

    @property
    def length(self) -> int:
        return len(self.written)

    def add(self, fragment: str) -> tuple[int, int]:
        start = len(self.written)
        self.written += to_traditional(fragment) if self.traditional and fragment else fragment
        return start, len(self.written)

    def text(self) -> str:
        return self.written

    def slice(self, span: tuple[int, int]) -> str:
        return self.written[span[0] : span[1]]


def chinese_number(n: int) -> str:
    """1..99 in Chinese numerals as written in labels.

    >>> chinese_number(1), chinese_number(10), chinese_number(16), chinese_number(28)
    ('一', '十', '十六', '二十八')
    """
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CHINESE_DIGITS[tens] + "十")
    return head + (CHINESE_DIGITS[ones] if ones else "")


def zipf_weights(n: int) -> list[float]:
    return [1.0 / (rank**ZIPF) for rank in range(1, n + 1)]


def curly(name: str) -> str:
    """``省"双打"办`` as printed: ``省“双打”办``."""
    out, opening = [], True
    for ch in name:
        if ch == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


@cache
def pools(seed: int) -> Pools:
    rng = random.Random(f"{seed}:pools")
    hainan: list[RegistryAgency] = []
    national: list[RegistryAgency] = []
    collectives: list[RegistryAgency] = []
    members: RegistryAgency | None = None
    with (DATA / "agencies.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            aliases = [a for a in row["aliases"].split("|") if a]
            agency = RegistryAgency(
                row["id"], row["name"], row["jurisdiction"], row["kind"], _forms(row, aliases)
            )
            if row["kind"] == "collective":
                if row["jurisdiction"] == HAINAN:
                    members = agency
                else:
                    collectives.append(agency)
            elif row["id"] in ("hainan-government", "state-council", "state-council-general-office"):
                continue
            elif row["jurisdiction"] == HAINAN:
                hainan.append(agency)
            elif row["jurisdiction"] == NATIONAL:
                national.append(agency)
    assert members is not None
    for agencies in (hainan, national):
        rng.shuffle(agencies)
        agencies.sort(key=lambda a: POPULAR.index(a.id) if a.id in POPULAR else len(POPULAR))
    # one plain short form per Hainan agency, e.g. 省公安厅, read as that province's own agency
    provincial = [
        next(form for form in agency.forms if form.startswith("省") and "“" not in form)
        for agency in hainan
        if any(form.startswith("省") and "“" not in form for form in agency.forms)
    ]
    with (DATA / "jurisdictions.csv").open(encoding="utf-8") as handle:
        provinces = [
            (row["code"], row["jurisdiction"])
            for row in csv.DictReader(handle)
            if row["jurisdiction"].endswith("省") and row["jurisdiction"] != HAINAN
        ]
    return Pools(hainan, national, provincial, members, collectives, _cited_pool(rng), provinces)


def _forms(row: dict[str, str], aliases: list[str]) -> tuple[str, ...]:
    """The ways a notice writes this agency: short provincial forms, or national short forms."""
    if row["jurisdiction"] == HAINAN:
        short = [a for a in aliases if a.startswith(("省", '"'))] or aliases or [row["name"]]
        return tuple(curly(a) for a in short)
    usable = [a for a in aliases if a not in SKIPPED_FORMS and len(a) >= 3 and "、" not in a]
    return (row["name"], *usable)


def _cited_pool(rng: random.Random) -> list[tuple[str | None, str]]:
    """Numbered documents (national and Hainan) and laws, most popular first."""
    pool: list[tuple[str | None, str]] = []
    seen: set[str] = set()
    while len(pool) < 400:
        year = rng.randint(2010, 2019)
        if rng.random() < 0.7:
            code, issuer = rng.choice(NATIONAL_ISSUERS)
        else:
            code, issuer = rng.choice((("琼府", "海南省人民政府"), ("琼府办", "海南省人民政府办公厅")))
        number = f"{code}〔{year}〕{rng.randint(1, 180)}号"
        if number in seen:
            continue
        seen.add(number)
        subject = (
            f"{rng.choice(('进一步', '新形势下', '全面', '切实'))}{rng.choice(VERBS)}{rng.choice(OBJECTS)}"
        )
        pool.append((number, f"{issuer}关于{subject}的{rng.choice(CITED_KINDS)}"))
    pool.extend((None, law) for law in LAWS)
    rng.shuffle(pool)
    return pool


def _weighted(rng: random.Random, population: Sequence[Any], weights: list[float], k: int) -> list[Any]:
    """``k`` distinct members, each drawn with Zipf-like weight."""
    k = min(k, len(population))
    chosen: list[Any] = []
    taken: set[int] = set()
    cumulative = list(accumulate(weights[: len(population)]))
    while len(chosen) < k:
        index = rng.choices(range(len(population)), cum_weights=cumulative)[0]
        if index not in taken:
            taken.add(index)
            chosen.append(population[index])
    return chosen


@dataclass(slots=True)
class _Style:
    """One notice's typographic habits."""

    ascii: bool
    across: bool

    @property
    def open(self) -> str:
        return "(" if self.ascii else "（"

    @property
    def close(self) -> str:
        return ")" if self.ascii else "）"

    @property
    def comma(self) -> str:
        return "," if self.ascii else "，"

    @property
    def colon(self) -> str:
        return ":" if self.ascii else "："

    @property
    def semicolon(self) -> str:
        return ";" if self.ascii else "；"


@dataclass(slots=True)
class _Named:
    """An agency as one notice writes it, and the id the parser must give it."""

    id: str
    form: str


class _Notice:
    """Writes one notice into a builder while recording the truth."""

    def __init__(self, seed: int, index: int) -> None:
        self.rng = random.Random(f"{seed}:notice:{index}")
        self.pools = pools(seed)
        self.index = index
        rng = self.rng
        found = _issuer(rng, self.pools)
        self.kind, self.jurisdiction, self.place = found.kind, found.jurisdiction, found.place
        self.code, self.issuer, self.approver = found.code, found.issuer, found.approver
        self.addressees = found.addressees
        self.style = _Style(ascii=rng.random() < 0.5, across=rng.random() < 0.6)
        self.builder = _Builder(traditional=rng.random() < TRADITIONAL_SHARE)
        # unique per index whatever the code: the year and serial together encode it
        self.year = _year(index)
        self.number = _number(self.code, index)
        self.convention = False
        self.agencies = self._agencies()
        self.citations: list[dict[str, Any]] = []

    def _agencies(self) -> list[_Named]:
        """This notice's agencies, most popular first, each in one written form."""
        rng = self.rng
        if self.kind == "province":
            return [_Named("", form) for form in self.pools.provincial_forms]
        registry = self.pools.hainan if self.kind == "hainan" else self.pools.national
        return [_Named(agency.id, rng.choice(agency.forms)) for agency in registry]

    # -- text -------------------------------------------------------------------------
    def write(self) -> GeneratedNotice:
        rng, b, s = self.rng, self.builder, self.style
        topic = rng.choice(TOPICS)
        plan = f"{self.year}年{self.place}{topic}{rng.choice(PLAN_SUFFIXES)}"
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        title_span = b.add(f"{self.issuer}关于印发{plan}的通知")
        b.add("\n")
        b.add(f"{self.number}\n")
        addressee_spans = []
        for i, addressee in enumerate(self.addressees):
            if i:
                b.add(s.comma)
            addressee_spans.append(b.add(addressee))
        b.add(f"{s.colon}\n")
        b.add(f"《{plan}》已经{self.approver}同意{s.comma}现印发给你们{s.comma}请认真贯彻执行。\n")
        issuer_span = b.add(self.issuer)
        b.add(f"\n{self.year}年{month}月{day}日\n")
        b.add(f"{s.open}此件主动公开{s.close}\n")
        plan_span = b.add(plan)
        b.add("\n")
        self._preamble()
        items = self._plan()
        text = b.text()
        truth = {
            "name": self.name,
            "script": "hant" if b.traditional else "hans",
            "jurisdiction": self.jurisdiction,
            "header": {
                "title": b.slice(title_span),
                "doc_number": self.number,
                "issuer": b.slice(issuer_span),
                "date": f"{self.year}-{month:02d}-{day:02d}",
                "addressees": [b.slice(span) for span in addressee_spans],
                "plan_title": b.slice(plan_span),
            },
            "items": items,
            "citations": self.citations,
        }
        return GeneratedNotice(self.name, text, truth)

    @property
    def name(self) -> str:
        return f"notice-{self.index:06d}"

    def _preamble(self) -> None:
        b, s = self.builder, self.style
        b.add(f"{self.year}年{s.comma}{self.place or '各地区、各部门'}要认真贯彻")
        self._cite(None, paired=True)
        b.add(f"精神{s.comma}推进供给侧结构性改革{s.comma}依法严厉打击侵权假冒违法犯罪行为。\n")

    def _plan(self) -> list[dict[str, Any]]:
        rng, b, s = self.rng, self.builder, self.style
        sections = rng.randint(5, 8)
        total_items = rng.randint(22, 34)
        per_section = _split(rng, total_items, sections)
        items: list[dict[str, Any]] = []
        fields = rng.sample(SECTION_FIELDS, sections)
        for number, (count, topic) in enumerate(zip(per_section, fields, strict=True), 1):
            b.add(f"{chinese_number(number)}、{rng.choice(SECTION_VERBS)}{topic}\n")
            for local in range(1, count + 1):
                label_number = len(items) + 1 if s.across else local
                items.append(self._item(len(items) + 1, label_number, number))
                b.add("\n")
        return items

    def _item(self, number: int, label_number: int, section: int) -> dict[str, Any]:
        rng, b, s = self.rng, self.builder, self.style
        start = b.length
        label_span = b.add(f"{s.open}{chinese_number(label_number)}{s.close}")
        title_span = b.add(f"{rng.choice(VERBS)}{rng.choice(OBJECTS)}")
        b.add("。")
        tasks = []
        for task_number in range(1, rng.choices((1, 2, 3), weights=(4, 4, 2))[0] + 1):
            tasks.append(self._task(number, task_number))
        return {
            "number": number,
            "label": b.slice(label_span),
            "title": b.slice(title_span),
            "section": section,
            "span": [start, b.length],
            "tasks": tasks,
        }

    def _task(self, item: int, number: int) -> dict[str, Any]:
        rng, b = self.rng, self.builder
        start = b.length
        for _ in range(rng.randint(3, 6)):
            self._sentence(item)
        text_end = b.length
        open_at = b.length
        assignments = self._parenthetical()
        return {
            "number": number,
            "text": b.text()[start:text_end],
            "span": [start, b.length],
            "parenthetical": [open_at, b.length],
            "assignments": assignments,
        }

    def _sentence(self, item: int) -> None:
        rng, b, s = self.rng, self.builder, self.style
        draw = rng.random()
        first, second = rng.sample(OBJECTS, 2)
        action = (
            f"{rng.choice(VERBS)}{first}{s.comma}{rng.choice(VERBS)}{second}{s.comma}{rng.choice(ENDINGS)}"
        )
        if draw < 0.12:
            month = rng.randint(3, 12)
            b.add(f"{self.year}年{month}月底前完成{rng.choice(OBJECTS)}。")
        elif draw < 0.2:
            b.add(f"年内{action}{s.comma}确保取得实效。")
        elif draw < 0.3:
            b.add(f"加强{rng.choice(KEYWORDS)}领域{rng.choice(OBJECTS)}。")
        elif draw < 0.38:
            b.add("认真落实")
            self._cite(item, paired=True)
            b.add(f"{s.comma}{action}。")
        elif draw < 0.43:
            b.add("严格执行")
            self._cite(item, paired=False)
            b.add(f"{s.comma}{action}。")
        elif draw < 0.45:
            b.add(f"加强网站备案、网际协议地址{s.open}IP地址{s.close}、域名等基础管理。")
        elif draw < 0.65:
            b.add(f"{rng.choice(OPENERS)}{s.comma}{action}。")
        else:
            b.add(f"{action}。")

    def _cite(self, item: int | None, *, paired: bool) -> None:
        """A cited document: ``《title》(number)`` from the shared pool, or a law by title alone."""
        rng, b, s = self.rng, self.builder, self.style
        pool = self.pools.cited
        candidates = [d for d in pool if (d[0] is not None) == paired and d[0] != self.number]
        number, title = _weighted(rng, candidates, zipf_weights(len(candidates)), 1)[0]
        start = b.length
        b.add("《")
        title_span = b.add(title)
        b.add("》")
        if number is not None:
            b.add(f"{s.open}{number}{s.close}")
        self.citations.append(
            {"doc_number": number, "title": b.slice(title_span), "item": item, "span": [start, b.length]}
        )

    # -- responsibility parentheticals --------------------------------------------------
    def _pick(self, k: int, taken: set[str]) -> list[_Named]:
        pool = [a for a in self.agencies if a.form not in taken]
        chosen: list[_Named] = _weighted(self.rng, pool, zipf_weights(len(pool)), k)
        taken.update(a.form for a in chosen)
        return chosen

    def _size(self) -> int:
        return self.rng.choices((1, 2, 3, 4, 5, 6, 7, 9), weights=(6, 4, 3, 2, 2, 1, 1, 1))[0]

    def _parenthetical(self) -> list[dict[str, Any]]:
        """Writes one parenthetical; returns its assignments as the parser must read them."""
        rng, b, s = self.rng, self.builder, self.style
        taken: set[str] = set()
        groups: list[tuple[list[_Named], str, str]] = []  # agencies, keyword, role
        form = rng.random()
        labelled = False
        declares = False
        if self.kind == "national" and not self.convention and rng.random() < 0.08:
            declares = True
            groups.append((self._pick(max(2, self._size()), taken), "负责", "responsible"))
        elif form < 0.25:
            groups.append((self._pick(1, taken), "负责", "responsible"))
        elif form < 0.5:
            keyword = rng.choice(("按职责分工分别负责", "分别负责", "按职责分工负责", "共同负责"))
            groups.append((self._pick(max(2, self._size()), taken), keyword, "responsible"))
        elif form < 0.65:
            lead = self._pick(1, taken)
            keyword = rng.choice(("配合", "参与", "参加", "协助"))
            groups.append((lead, rng.choice(("牵头负责", "牵头")), "lead"))
            groups.append((self._pick(self._size(), taken), keyword, "cooperating"))
        elif form < 0.75:
            groups.append((self._pick(2, taken), "牵头负责", "lead"))
            groups.append((self._pick(self._size(), taken), "按职责分工分别负责", "responsible"))
        elif form < 0.82:
            groups.append((self._pick(1, taken), "牵头", "lead"))
            groups.append((self._pick(self._size(), taken), "负责", "responsible"))
            groups.append((self._pick(1, taken), "配合", "cooperating"))
        elif form < 0.9:
            labelled = True
            if rng.random() < 0.5:
                groups.append((self._pick(self._size(), taken), "负责部门", "responsible"))
            else:
                groups.append((self._pick(1, taken), "牵头单位", "lead"))
                groups.append((self._pick(self._size(), taken), "配合单位", "cooperating"))
        else:
            groups.append((self._pick(1, taken), "牵头负责", "lead"))
            groups.append(([self._collective()], rng.choice(("按职能分工负责", "负责")), "responsible"))
        b.add(s.open)
        assignments: list[dict[str, Any]] = []
        for g, (agencies, keyword, role) in enumerate(groups):
            if g:
                b.add(s.semicolon if labelled else rng.choice((s.comma, "、", s.comma, s.semicolon)))
            if labelled:
                b.add(f"{keyword}{s.colon}")
            for a, agency in enumerate(agencies):
                if a:
                    b.add("、")
                span = b.add(agency.form)
                assignments.append(
                    {"agency": self._id(agency, b.slice(span)), "role": role, "surface": b.slice(span),
                     "span": list(span)}
                )  # fmt: skip
            if not labelled:
                if len(agencies) > 1 and role == "responsible" and rng.random() < 0.15:
                    b.add("等")
                b.add(keyword)
        if declares:
            b.add(f"{s.comma}排在第一位的部门为牵头部门{s.comma}下同")
        b.add(s.close)
        if (declares or self.convention) and all(a["role"] != "lead" for a in assignments):
            assignments[0]["role"] = "lead"
        self.convention = self.convention or declares
        return assignments

    def _collective(self) -> _Named:
        if self.kind == "national":
            agency = self.rng.choice(self.pools.national_collectives)
            return _Named(agency.id, agency.name if "、" not in agency.name else agency.forms[-1])
        if self.kind == "hainan":
            forms = [f for f in self.pools.hainan_members.forms if "双打" in f]
            return _Named(self.pools.hainan_members.id, self.rng.choice(forms))
        return _Named("", self.rng.choice(("省直各有关部门", "各市县人民政府")))

    def _id(self, agency: _Named, written: str) -> str:
        if agency.id:
            return agency.id
        return unseen(written, self.jurisdiction).id


@dataclass(frozen=True, slots=True)
class _Issuer:
    kind: str
    jurisdiction: str
    place: str
    code: str
    issuer: str
    approver: str
    addressees: tuple[str, ...]


def _issuer(rng: random.Random, pools: Pools) -> _Issuer:
    """Who issues notice ``i``: the first draws of its generator, so cheap to repeat."""
    draw = rng.random()
    if draw < HAINAN_SHARE:
        return _Issuer(
            "hainan", HAINAN, "海南省", "琼府办", "海南省人民政府办公厅", "省政府",
            ("各市、县、自治县人民政府", "省政府直属有关单位"),
        )  # fmt: skip
    if draw < HAINAN_SHARE + NATIONAL_SHARE:
        return _Issuer(
            "national", NATIONAL, "", "国办发", "国务院办公厅", "国务院",
            ("各省、自治区、直辖市人民政府", "国务院各部委、各直属机构"),
        )  # fmt: skip
    code, province = rng.choice(pools.provinces)
    return _Issuer(
        "province", province, province, f"{code}府办", f"{province}人民政府办公厅", "省政府",
        ("各市、县人民政府", "省政府各部门、各直属机构"),
    )  # fmt: skip


def _year(index: int) -> int:
    return 2013 + index % 8


def _number(code: str, index: int) -> str:
    """Unique per index whatever the code: the year and the serial together encode it."""
    return f"{code}〔{_year(index)}〕{index // 8 + 1}号"


def notice_number(seed: int, index: int) -> tuple[str, str]:
    """Notice ``index``'s document number and jurisdiction, without writing the notice.

    >>> notice_number(11, 0) == (generate_notice(11, 0).truth["header"]["doc_number"],
    ...                          generate_notice(11, 0).truth["jurisdiction"])
    True
    """
    found = _issuer(random.Random(f"{seed}:notice:{index}"), pools(seed))
    return _number(found.code, index), found.jurisdiction


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` items over ``parts`` sections, each at least two."""
    counts = [2] * parts
    for _ in range(total - 2 * parts):
        counts[rng.randrange(parts)] += 1
    return counts


def generate_notice(seed: int, index: int) -> GeneratedNotice:
    """Notice number ``index`` of the corpus of ``seed``, with its ground truth."""
    return _Notice(seed, index).write()


def write_corpus(out: Path, notices: int, seed: int, start: int = 0) -> list[Path]:
    """Writes notices ``start``..``notices - 1`` as ``NAME.txt`` + ``NAME.json``; returns the text files."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(start, notices):
        notice = generate_notice(seed, index)
        path = out / f"{notice.name}.txt"
        path.write_text(notice.text, encoding="utf-8")
        truth = json.dumps(notice.truth, ensure_ascii=False, indent=1)
        (out / f"{notice.name}.json").write_text(truth + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--notices", type=int, required=True, help="how many notices to write")
    parser.add_argument("--seed", type=int, default=0, help="same seed, same bytes")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    args = parser.parse_args(argv)
    paths = write_corpus(args.out, args.notices, args.seed)
    print(f"wrote {len(paths)} notices (+ ground truth .json) to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
