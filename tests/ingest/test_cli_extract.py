"""``govkg extract`` as a user runs it: a real process, its stdout, stderr and exit code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

GOVKG = [sys.executable, "-m", "api.cli"]


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*GOVKG, *map(str, args)], capture_output=True, text=True, timeout=120, check=False)


def test_json_contract(sample_path: Path) -> None:
    result = run("extract", sample_path)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert set(payload) == {"source", "document", "sections", "citations", "agencies", "warnings"}
    assert payload["source"]["name"] == sample_path.name and len(payload["source"]["sha256"]) == 64
    assert payload["document"]["doc_number"] == "琼府办〔2017〕89号"
    assert set(payload["document"]) >= {"title", "doc_number", "issuer", "date", "addressees", "plan_title"}
    items = [i for s in payload["sections"] for i in s["items"]]
    assert len(payload["sections"]) == 7 and len(items) == 28
    task = items[6]["tasks"][0]
    assert set(task) == {"number", "text", "span", "assignments"}
    assert task["assignments"][0] == {
        "agency": "海南省生态环境保护厅",
        "agency_id": "hainan-ecology-environment",
        "surface": "省生態環保廳",
        "role": "lead",
        "span": task["assignments"][0]["span"],
    }
    assert {"doc_number", "title", "item", "span"} == set(payload["citations"][0])
    assert {"name", "aliases", "english", "kind"} <= set(payload["agencies"][0])
    assert all(set(w) == {"code", "message", "span"} for w in payload["warnings"])


def test_table_format(sample_path: Path) -> None:
    result = run("extract", "--format", "table", sample_path)
    assert result.returncode == 0, result.stderr
    assert "28 items" in result.stdout and "50 tasks" in result.stdout
    assert "海南省高级人民法院" in result.stdout


def test_bad_files_are_reported_and_the_rest_processed(tmp_path: Path, sample_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    prose = tmp_path / "prose.txt"
    prose.write_text("just some words", encoding="utf-8")
    result = run("extract", empty, sample_path, binary, prose, tmp_path / "missing.txt")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 4, result.stderr
    assert "Traceback" not in result.stderr
    for line, name in zip(lines, ["empty.txt", "image.png", "prose.txt", "missing.txt"], strict=True):
        assert line.startswith(f"govkg: {tmp_path / name}: E00"), line
    payload = json.loads(result.stdout)
    assert [p["source"]["name"] for p in payload] == [sample_path.name]
