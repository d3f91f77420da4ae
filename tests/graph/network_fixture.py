"""Small hand-built notices for the network tests, turned into RDF by :mod:`graph.rdf`."""

from __future__ import annotations

import hashlib

from rdflib import Dataset, URIRef

from graph.rdf import graph_iri, notice_graph, parser_version
from graph.store import Store
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

BASE = "https://w3id.org/govkg/id/"
DEPT, JUDICIAL, BRANCH = AgencyKind.DEPARTMENT, AgencyKind.JUDICIAL, AgencyKind.CENTRAL_BRANCH


def agency(id_: str, name: str, hant: str, english: str | None, kind: AgencyKind, *aliases: str) -> Agency:
    return Agency(id_, name, hant, english, kind, aliases)


POLICE = agency("hainan-public-security", "海南省公安厅", "海南省公安廳", "Public Security", DEPT, "省公安厅")
AIC = agency(
    "hainan-industry-commerce", "海南省工商行政管理局", "海南省工商行政管理局", "AIC", DEPT, "省工商局"
)
IPO = agency("hainan-ipo", "海南省知识产权局", "海南省知識產權局", "IP Office", DEPT, "省知识产权局")
COURT = agency(
    "hainan-high-court", "海南省高级人民法院", "海南省高級人民法院", "Higher Court", JUDICIAL, "省高级法院"
)
PROC = agency(
    "hainan-procuratorate", "海南省人民检察院", "海南省人民檢察院", "Procuratorate", JUDICIAL, "省检察院"
)
FOREST = agency("hainan-forestry", "海南省林业厅", "海南省林業廳", None, DEPT, "省林业厅")
TAX = agency("hainan-state-tax", "海南省国家税务局", "海南省國家稅務局", "State Tax", BRANCH, "省国税局")
LOCAL_TAX = agency("hainan-local-tax", "海南省地方税务局", "海南省地方稅務局", "Local Tax", DEPT, "省地税局")


def task(number: int, *assignments: tuple[Agency, Role]) -> Task:
    made = [Assignment(a, r, a.aliases[0], (0, 1)) for a, r in assignments]
    return Task(number, f"任务{number}", (0, 1), (0, 1), made)


def notice(number: str, sections: list[Section], citations: list[Citation]) -> Document:
    agencies = sorted(
        {a.agency for s in sections for i in s.items for t in i.tasks for a in t.assignments},
        key=lambda a: a.id,
    )
    return Document(
        source=Source(number, hashlib.sha256(number.encode()).hexdigest()),
        text="",
        script="hans",
        header=Header("通知", number, None, None, (), None),
        sections=sections,
        citations=citations,
        agencies=agencies,
        warnings=[],
    )


R, L, C = Role.RESPONSIBLE, Role.LEAD, Role.COOPERATING

FIRST = notice(
    "琼府办〔2017〕89号",
    [
        Section(
            1,
            "第一部分",
            (0, 1),
            [
                Item(
                    1,
                    "(一)",
                    "加大治理力度",
                    (0, 1),
                    1,
                    [
                        task(1, (POLICE, R), (AIC, R), (IPO, R)),
                        task(2, (POLICE, R), (AIC, R)),
                    ],
                ),
            ],
        ),
        Section(
            2,
            "第二部分",
            (0, 1),
            [
                Item(
                    2,
                    "(二)",
                    "加大司法保护力度",
                    (0, 1),
                    2,
                    [
                        task(1, (COURT, L), (POLICE, C), (PROC, C), (AIC, C)),
                        task(2, (COURT, R)),
                    ],
                ),
                Item(3, "(三)", "加强植物新品种保护", (0, 1), 2, [task(1, (FOREST, R))]),
            ],
        ),
    ],
    [
        Citation("国发〔2017〕14号", "国务院关于新形势下加强打击侵犯知识产权工作的意见", None, (0, 1)),
        Citation("琼高法联〔2016〕6号", None, 2, (0, 1)),
        Citation("琼高法联〔2016〕6号", None, 2, (0, 1)),
    ],
)

SECOND = notice(
    "琼府办〔2018〕1号",
    [
        Section(
            1,
            "一",
            (0, 1),
            [
                Item(1, "(一)", "加强商标执法", (0, 1), 1, [task(1, (AIC, L), (POLICE, R))]),
                Item(2, "(二)", "涉税案件", (0, 1), 1, [task(1, (TAX, R), (LOCAL_TAX, R))]),
            ],
        ),
    ],
    [Citation("国发〔2017〕14号", None, 1, (0, 1))],
)


def doc_iri(number: str) -> URIRef:
    return URIRef(f"{BASE}doc/{number}")


def agency_iri(a: Agency) -> URIRef:
    return URIRef(f"{BASE}agency/{a.id}")


def dataset(*docs: Document) -> Dataset:
    """The notices as named graphs of one rdflib dataset, written by :mod:`graph.rdf`."""
    ds = Dataset()
    for doc in docs:
        graph = ds.graph(graph_iri(doc, BASE))
        for triple in notice_graph(doc, base=BASE):
            graph.add(triple)
    return ds


def fill(store: Store, *docs: Document) -> Store:
    """Write the notices into a real store, as ``govkg ingest`` does."""
    for doc in docs:
        store.replace_notice(
            str(graph_iri(doc, BASE)), notice_graph(doc, base=BASE), doc.source.sha256, VERSION
        )
    return store


VERSION = parser_version()
