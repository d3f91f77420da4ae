"""The small benchmark scripts run end to end on small stores and print every number they promise."""

from __future__ import annotations

import re
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from benchmarks import iri_pages, load_chunks, replace, rest_pages, rq_in_memory
from benchmarks.generate import write_corpus
from graph.load import ingest_paths
from graph.store import open_store
from ontology.queries import query_names


@pytest.fixture
def sample_store(tmp_path: Path, sample_path: Path) -> Path:
    """An on-disk store holding the bundled sample (about 3,000 statements)."""
    store = tmp_path / "store"
    with open_store(str(store)) as opened:
        ingest_paths(opened, [sample_path])
    return store


def test_rest_pages_times_every_listing_and_detail(
    sample_store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = ["--agency", "hainan-high-court", "--keyword", "電子商務", "--repeat", "1"]
    argv += ["--cites", "国发〔2017〕14号"]
    monkeypatch.setattr(sys, "argv", ["rest_pages.py", str(sample_store), *argv])
    rest_pages.main()
    out = capsys.readouterr().out
    for label in (
        "agency tasks hainan-high-court (lead)",
        "search 電子商務",
        "citing 国发〔2017〕14号",
        "documents citing 国发〔2017〕14号",
        "agency detail hainan-high-court",
        "document detail 国发〔2017〕14号",
        "documents, first page",
        "counted and paged in SQLite",
        "ids collected in Python, ordered by SQLite",
    ):
        assert re.search(re.escape(label) + r"\s+\d+\.\d", out), label
    assert len(re.findall(r"total [1-9]", out)) == 4  # each listing found something


def test_replace_times_new_and_replaced_notices_and_transaction_sizes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = ["--notices", "2", "--jobs", "1", "--sizes", "1,2", "--work", str(tmp_path / "work")]
    monkeypatch.setattr(sys, "argv", ["replace.py", *argv])
    replace.main()
    out = capsys.readouterr().out
    assert "(2 written)" in out and re.search(r"replaced notices\s+\d+\.\d ms per notice \(2 written\)", out)
    assert re.search(r"ratio\s+\d+\.\d\dx", out)
    assert re.search(r"N =   1 .*1\.00x", out) and re.search(r"N =   2 ", out)


def test_rq_in_memory_times_every_question_on_disk_and_in_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    files = write_corpus(tmp_path / "corpus", 3, 7, 0)
    store = tmp_path / "store"
    with open_store(str(store)) as opened:
        assert not ingest_paths(opened, files, jobs=1).failed
    monkeypatch.setattr(sys, "argv", ["rq_in_memory.py", str(store), "--notices", "3", "--repeat", "1"])
    rq_in_memory.main()
    out = capsys.readouterr().out
    assert re.search(r"[1-9][\d,]* quads, copied into memory in \d+\.\d s", out)
    for name in query_names():
        row = re.search(
            re.escape(name)
            + r"\s+([\d,]+)\s+\d+\.\d\s+\d+\.\d\s+\d+\.\dx  (disk memory|memory|disk|neither)$",
            out,
            re.M,
        )
        assert row, name
    answered = re.findall(r"^\S+\s+([\d,]+)\s", out.split("<= 200 ms", 1)[1], re.M)
    assert len(answered) == len(query_names()) and any(rows != "0" for rows in answered)


def test_load_chunks_loads_the_same_statements_in_each_size_of_load(
    sample_store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = ["load_chunks.py", str(sample_store), "--quads", "1500", "--chunks", "500,1500"]
    monkeypatch.setattr(sys, "argv", argv)
    load_chunks.main()
    out = capsys.readouterr().out
    assert "1,500 statements of" in out
    rows = re.findall(
        r"^\s+([\d,]+)\s+(\d+)\s+\d+\.\d\s+\d+\.\d\s+\d+\.\d\s+\d+\.\d\s+(\d\.\d\d)x\s+[\d,]+$", out, re.M
    )
    assert rows == [("500", "3", "1.00"), (rows[1][0], "1", rows[1][2])] and rows[1][0] == "1,500"


def test_iri_pages_times_the_references_shown_against_all_of_them(
    sample_store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = ["iri_pages.py", str(sample_store), "--cites", "国发〔2017〕14号", "--repeat", "1"]
    monkeypatch.setattr(sys, "argv", argv)
    with ThreadPoolExecutor(1) as thread:  # its event loops run apart from any the browser tests left here
        thread.submit(iri_pages.main).result()
    out = capsys.readouterr().out
    rows = re.findall(r"^  (/id/\S+)\s+([\d,]+)\s+([\d,]+)\s+\d+\.\d\s+\d+\.\d\s+\d+\.\dx$", out, re.M)
    assert [page for page, _, _ in rows] == ["/id/agency/hainan-public-security", "/id/doc/国发〔2017〕14号"]
    assert all(int(every) == int(shown) > 0 for _, every, shown in rows)  # under the cap: every one shown
