"""The synthetic corpus: same seed, same bytes; the parser reads back exactly what was generated."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import ingest
from benchmarks.generate import generate_notice, main, write_corpus
from ingest.agencies import registry

SEED = 11
#: Enough notices to hold both scripts and all three kinds of jurisdiction with seed 11.
SPREAD = range(40)


def read_back(text: str) -> dict[str, Any]:
    """What the parser found, in the ground truth's shape."""
    doc = ingest.parse(text)
    return {
        "script": doc.script,
        "header": {
            "title": doc.header.title,
            "doc_number": doc.header.doc_number,
            "issuer": doc.header.issuer,
            "date": doc.header.date,
            "addressees": list(doc.header.addressees),
            "plan_title": doc.header.plan_title,
        },
        "items": [
            {
                "number": item.number,
                "label": item.label,
                "title": item.title,
                "section": item.section,
                "span": list(item.span),
                "tasks": [
                    {
                        "number": task.number,
                        "text": task.text,
                        "span": list(task.span),
                        "parenthetical": list(task.parenthetical),
                        "assignments": [
                            {
                                "agency": a.agency.id,
                                "role": a.role.value,
                                "surface": a.surface,
                                "span": list(a.span),
                            }
                            for a in task.assignments
                        ],
                    }
                    for task in item.tasks
                ],
            }
            for item in doc.items
        ],
        "citations": [
            {"doc_number": c.doc_number, "title": c.title, "item": c.item, "span": list(c.span)}
            for c in doc.citations
        ],
        "warnings": sorted({w.code for w in doc.warnings}),
    }


@pytest.fixture(scope="module")
def notices() -> list[Any]:
    return [generate_notice(SEED, i) for i in SPREAD]


def test_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    first = write_corpus(tmp_path / "a", 6, SEED)
    second = write_corpus(tmp_path / "b", 6, SEED)
    other = write_corpus(tmp_path / "c", 6, SEED + 1)
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()
        assert a.with_suffix(".json").read_bytes() == b.with_suffix(".json").read_bytes()
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]


def test_a_smaller_corpus_is_a_prefix_of_a_larger_one(tmp_path: Path) -> None:
    small = write_corpus(tmp_path / "small", 3, SEED)
    large = write_corpus(tmp_path / "large", 5, SEED)
    assert [p.read_bytes() for p in small] == [p.read_bytes() for p in large[:3]]


def test_the_command_line_writes_text_and_truth(tmp_path: Path) -> None:
    assert main(["--notices", "2", "--seed", str(SEED), "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "notice-000000.json", "notice-000000.txt", "notice-000001.json", "notice-000001.txt",
    ]  # fmt: skip
    truth = json.loads((tmp_path / "notice-000001.json").read_text(encoding="utf-8"))
    assert truth == generate_notice(SEED, 1).truth


@pytest.mark.parametrize("index", SPREAD)
def test_the_parser_reads_back_exactly_what_was_generated(notices: list[Any], index: int) -> None:
    notice = notices[index]
    found = read_back(notice.text)
    truth = notice.truth
    assert found["header"] == truth["header"]
    assert found["script"] == truth["script"]
    assert found["items"] == truth["items"]
    assert found["citations"] == truth["citations"]
    # unseen agencies are reported (W004) only where the registry has no names: other provinces
    expected = ["W004"] if truth["jurisdiction"] not in ("海南省", "国家") else []
    assert found["warnings"] == expected


def test_the_corpus_mixes_scripts_jurisdictions_and_roles(notices: list[Any]) -> None:
    scripts = Counter(n.truth["script"] for n in notices)
    kinds = Counter(n.truth["jurisdiction"] for n in notices)
    roles = Counter(
        a["role"] for n in notices for i in n.truth["items"] for t in i["tasks"] for a in t["assignments"]
    )
    assert scripts["hans"] and scripts["hant"]
    assert kinds["海南省"] and kinds["国家"] and len(kinds) > 2
    assert roles["lead"] and roles["responsible"] and roles["cooperating"]
    assert any(n.text.startswith("國務院辦公廳") for n in notices)


def test_agencies_respect_the_notice_jurisdiction(notices: list[Any]) -> None:
    known = registry()
    for notice in notices:
        ids = {a["agency"] for i in notice.truth["items"] for t in i["tasks"] for a in t["assignments"]}
        if notice.truth["jurisdiction"] in ("海南省", "国家"):
            assert {known.jurisdiction_of[x] for x in ids} == {notice.truth["jurisdiction"]}
        else:
            assert all(x.startswith("x-") for x in ids)


def test_popularity_is_skewed_and_cited_documents_are_shared(notices: list[Any]) -> None:
    agencies = Counter(
        a["agency"] for n in notices for i in n.truth["items"] for t in i["tasks"] for a in t["assignments"]
    )
    counts = sorted(agencies.values(), reverse=True)
    assert counts[0] > 5 * counts[len(counts) // 2]
    cited = Counter(c["doc_number"] for n in notices for c in n.truth["citations"] if c["doc_number"])
    assert cited.most_common(1)[0][1] > 10


def test_notices_have_the_size_of_the_sample(notices: list[Any]) -> None:
    chars = sum(len(n.text) for n in notices) / len(notices)
    items = sum(len(n.truth["items"]) for n in notices) / len(notices)
    tasks = sum(len(i["tasks"]) for n in notices for i in n.truth["items"]) / len(notices)
    assert 8000 < chars < 13000
    assert 24 < items < 32
    assert 40 < tasks < 60
