"""The 55 State Council documents (read from ../shared, never copied into the repo)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.corpus

# Files with responsibility parentheticals: (tasks, assignments) they must yield.
PLANS = {"57_gf2018-38.txt": (53, 85), "37_gbf2018-117.txt": (30, 50), "07_gbf2018-128.txt": (39, 108)}


@pytest.fixture(scope="module")
def extracted(shared_corpus: Path) -> dict[str, dict[str, object]]:
    files = sorted(shared_corpus.glob("*.txt"))
    result = subprocess.run(
        [sys.executable, "-m", "api.cli", "extract", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    payload = json.loads(result.stdout)
    return {doc["source"]["name"]: doc for doc in payload}


def _tasks(doc: dict[str, object]) -> list[dict[str, object]]:
    return [t for s in doc["sections"] for i in s["items"] for t in i["tasks"]]  # type: ignore[attr-defined,index]


def test_every_document_goes_through(extracted: dict[str, dict[str, object]], shared_corpus: Path) -> None:
    assert len(extracted) == 55 == len(list(shared_corpus.glob("*.txt")))


def test_manifest_numbers_and_dates_match(
    extracted: dict[str, dict[str, object]], shared_corpus: Path
) -> None:
    rows = (shared_corpus / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]
    matched = 0
    for row in rows:
        name, _, _, _, number, date, *_ = row.split("\t")
        document = extracted[name]["document"]
        assert document["doc_number"] == number, name  # type: ignore[index]
        matched += 1  # bracketed numbers and decrees (国令第707号, its serial on a line of its own)
        # The text of 24 is dated 二〇〇四年四月二十七日; its manifest row says 2004-04-17.
        assert document["date"] == ("2004-04-27" if name == "24_gbh2004-36.txt" else date), name  # type: ignore[index]
    assert matched == 55


@pytest.mark.parametrize(("name", "cited"), [("33_gl707.txt", "国令第142号"), ("58_gl706.txt", "国令第76号")])
def test_decrees_cite_earlier_decrees_by_their_numbers(
    extracted: dict[str, dict[str, object]], name: str, cited: str
) -> None:
    """Both decrees name the decree they revise in running text (中华人民共和国国务院令第76号发布),
    under the number that decree's own header gets."""
    numbers = [c["doc_number"] for c in extracted[name]["citations"]]  # type: ignore[attr-defined,index]
    assert cited in numbers and not any(n and n.startswith("共和国") for n in numbers)


@pytest.mark.parametrize(("name", "counts"), PLANS.items())
def test_plans_yield_tasks(
    extracted: dict[str, dict[str, object]], name: str, counts: tuple[int, int]
) -> None:
    tasks = _tasks(extracted[name])
    assert (len(tasks), sum(len(t["assignments"]) for t in tasks)) == counts  # type: ignore[arg-type]


def test_label_form_in_57(extracted: dict[str, dict[str, object]]) -> None:
    first = _tasks(extracted["57_gf2018-38.txt"])[0]
    assert [(a["agency"], a["role"]) for a in first["assignments"]] == [  # type: ignore[attr-defined]
        ("人力资源和社会保障部", "responsible"),
        ("住房和城乡建设部", "responsible"),
        ("商务部", "responsible"),
    ]


def test_documents_without_assignments_say_so(extracted: dict[str, dict[str, object]]) -> None:
    quiet = [name for name, doc in extracted.items() if not _tasks(doc)]
    assert len(quiet) == 55 - len(PLANS)
    for name in quiet:
        codes = [w["code"] for w in extracted[name]["warnings"]]  # type: ignore[attr-defined]
        assert "W005" in codes, name
