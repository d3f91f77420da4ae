"""``govkg stats`` and ``govkg agency`` against a real oxigraph directory holding the sample."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import ingest
from api.cli import main
from graph.rdf import graph_iri, notice_graph, parser_version
from graph.store import open_store

COURT = "https://w3id.org/govkg/id/agency/hainan-high-court"
IPO = "https://w3id.org/govkg/id/agency/hainan-ipo"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory, sample_path) -> str:
    directory = tmp_path_factory.mktemp("store")
    doc = ingest.read_file(sample_path)
    with open_store(str(directory)) as store:
        store.replace_notice(str(graph_iri(doc)), notice_graph(doc), doc.source.sha256, parser_version())
    return str(directory)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_stats_json(capsys, store_dir):
    code, out, _ = run(capsys, "stats", "--store", store_dir, "--top", "3", "--format", "json")
    summary = json.loads(out)
    assert code == 0
    assert (summary["agencies"], summary["links"]) == (33, 202)
    assert [row["lead_tasks"] for row in summary["lead_load"]] == [6, 2, 2]
    assert summary["lead_load"][0]["label"] == "海南省打击侵犯知识产权和制售假冒伪劣商品工作领导小组办公室"
    assert summary["centrality"][0]["label"] == "海南省工商行政管理局" and len(summary["centrality"]) == 3


def test_stats_table(capsys, store_dir, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _ = run(capsys, "stats", "--store", store_dir, "--top", "2")
    assert code == 0
    assert "33 agencies, 202 pairs sharing tasks" in out
    assert "Lead load" in out and "Centrality" in out and "海南省工商行政管理局" in out


@pytest.mark.parametrize(
    "name", ["省高級法院", "省高级法院", "海南省高级人民法院", "Hainan Provincial Higher People's Court"]
)
def test_agency_in_either_script_or_alias(capsys, store_dir, name):
    code, out, _ = run(capsys, "agency", name, "--store", store_dir, "--format", "json")
    answer = json.loads(out)
    assert code == 0 and answer["agency"]["iri"] == COURT
    assert [(t["item_number"], t["task_number"], t["role"]) for t in answer["tasks"]] == [(16, 1, "lead")]
    partners = answer["tasks"][0]["partners"]
    assert {p["role"] for p in partners} == {"cooperating"} and len(partners) == 3


def test_agency_role_any_and_table(capsys, store_dir, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _ = run(
        capsys, "agency", "省知識產權局", "--role", "any", "--store", store_dir, "--format", "json"
    )
    answer = json.loads(out)
    assert code == 0 and answer["agency"]["iri"] == IPO
    assert [t["item_number"] for t in answer["tasks"]] == [1, 2, 3, 9, 12, 17, 18, 20, 24, 25]
    assert {t["role"] for t in answer["tasks"]} == {"responsible"}
    code, out, _ = run(capsys, "agency", "海南省知识产权局", "--store", store_dir)
    assert code == 0 and "0 items, 0 tasks as lead" in out
    code, out, _ = run(capsys, "agency", "省高級法院", "--role", "any", "--store", store_dir)
    assert code == 0 and "3 items, 4 tasks in any role (lead 1, responsible 3)" in out  # items 2, 16, 18
    assert "牵头 lead" in out and "负责 responsible" in out


def test_unknown_agency_is_one_line_and_exit_1(store_dir):
    result = subprocess.run(
        [str(Path(sys.executable).with_name("govkg")), "agency", "省不存在局", "--store", store_dir],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "E010" in result.stderr and "省不存在局" in result.stderr


def test_ambiguous_agency_lists_candidates(capsys, store_dir):
    code, out, err = run(capsys, "agency", "税务局", "--store", store_dir)
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert "ambiguous" in lines[0]
    assert sorted(line.split(" / ")[0].strip() for line in lines[1:]) == [
        "海南省国家税务局",
        "海南省地方税务局",
    ]
