"""``govkg ingest | store info | export | query | validate`` as a user runs them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from api.cli import main
from graph.store import open_store
from ingest import read_file

GOVKG = "https://w3id.org/govkg/ontology#"
LEADS = f"SELECT ?task ?agency WHERE {{ ?task <{GOVKG}leadAgency> ?agency }}"


def govkg() -> list[str]:
    script = Path(sys.executable).with_name("govkg")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from api.cli import main; sys.exit(main())"]


@pytest.fixture(scope="module")
def sample_store(sample_path: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    location = str(tmp_path_factory.mktemp("cli") / "store")
    assert main(["ingest", str(sample_path), "--store", location, "--quiet"]) == 0
    return location


def test_ingest_then_info(sample_store: str, capsys: pytest.CaptureFixture[str]):
    assert main(["store", "info", "--store", sample_store, "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["notices"] == 1 and info["agencies"] > 10 and info["backend"] == "oxigraph"


def test_store_comes_from_the_environment(sample_store: str, monkeypatch: pytest.MonkeyPatch, capsys):
    monkeypatch.setenv("GOVKG_STORE", sample_store)
    assert main(["store", "info"]) == 0
    assert sample_store in capsys.readouterr().out


def test_query_json_is_sparql_results_json(sample_store: str, capsys: pytest.CaptureFixture[str]):
    assert main(["query", LEADS, "--store", sample_store, "--format", "json"]) == 0
    out = capsys.readouterr().out
    document = json.loads(out)
    assert document["head"]["vars"] == ["task", "agency"]
    bindings = document["results"]["bindings"]
    assert bindings and all(b["agency"]["type"] == "uri" for b in bindings)
    parsed = list(ox.parse_query_results(out, format=ox.QueryResultsFormat.JSON))
    assert len(parsed) == len(bindings)


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv"])
def test_query_other_formats(sample_store: str, tmp_path: Path, fmt: str, capsys):
    query_file = tmp_path / "q.rq"
    query_file.write_text(LEADS, encoding="utf-8")
    assert main(["query", "--file", str(query_file), "--store", sample_store, "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "agency" in out and out.count("\n") > 5


def test_construct_query_prints_turtle(sample_store: str, capsys: pytest.CaptureFixture[str]):
    assert main(["query", f"CONSTRUCT WHERE {{ ?t <{GOVKG}leadAgency> ?a }}", "--store", sample_store]) == 0
    assert len(Graph().parse(data=capsys.readouterr().out, format="turtle")) > 5


def test_bad_query_is_one_line_error(sample_store: str, capsys: pytest.CaptureFixture[str]):
    assert main(["query", "SELECT WHERE {", "--store", sample_store]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("govkg: error: E023") and "\n" not in err


def test_export_files_reparse(sample_store: str, tmp_path: Path):
    for fmt in ("ttl", "nq", "jsonld", "graphml", "gexf", "csv"):
        out = tmp_path / f"export.{fmt}"
        assert main(["export", "--format", fmt, "--out", str(out), "--store", sample_store]) == 0
        assert out.stat().st_size > 100
    assert len(Graph().parse(tmp_path / "export.ttl", format="turtle")) > 1000
    assert nx.read_graphml(tmp_path / "export.graphml").number_of_edges() > 0


def test_validate_passes_on_notices_and_fails_on_broken_data(sample_store: str, tmp_path: Path, capsys):
    assert main(["validate", "--store", sample_store]) == 0
    broken = str(tmp_path / "broken")
    graph = Graph()
    task = URIRef("https://w3id.org/govkg/id/doc/x/item/1/task/1")
    graph.add((task, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(f"{GOVKG}Task")))
    graph.add((task, URIRef(f"{GOVKG}start"), Literal("not a number")))
    with open_store(broken) as store:
        store.replace_notice("https://w3id.org/govkg/id/doc/x/graph", graph, "0" * 64, "test")
    capsys.readouterr()
    assert main(["validate", "--store", broken]) == 1
    captured = capsys.readouterr()
    assert "Violation" in captured.out and "E026" in captured.err


def test_a_failed_file_makes_ingest_exit_1(tmp_path: Path, sample_path: Path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    store = str(tmp_path / "store")
    assert main(["ingest", str(empty), str(sample_path), "--store", store, "--quiet"]) == 1
    err = capsys.readouterr().err
    assert f"{empty}: E001" in err and "1 written" in err


@pytest.mark.parametrize(
    "base", ["my notices", "https://example.org/my notices/", "https://example.org/%zz/"]
)
def test_a_base_that_is_not_an_iri_stops_ingest_before_it_writes(
    tmp_path: Path, sample_path: Path, base: str, capsys
):
    store = str(tmp_path / "store")
    assert main(["ingest", str(sample_path), "--store", store, "--base", base, "--quiet"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"govkg: error: E025: base IRI {base!r} must be an absolute") and "\n" not in err
    assert not Path(store).exists()


@pytest.mark.server
def test_killed_ingest_leaves_no_half_notice(tmp_path: Path, sample_path: Path):
    text = sample_path.read_text(encoding="utf-8")
    folder = tmp_path / "notices"
    folder.mkdir()
    total = 24
    for k in range(total):
        numbered = text.replace("〔2017〕89", f"〔2017〕{1000 + k}")
        (folder / f"n{k:03}.txt").write_text(numbered, encoding="utf-8")
    expected_tasks = len(read_file(folder / "n000.txt").tasks)
    store = str(tmp_path / "store")
    env = {**os.environ, "GOVKG_STORE": store}
    command = [*govkg(), "ingest", str(folder), "--batch", "2"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env, text=True)
    assert process.stderr is not None
    written = 0
    for line in process.stderr:
        written += line.startswith("written")
        if written >= 4:
            break
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    with open_store(store) as opened:
        counts = opened.select(
            f"SELECT ?g (COUNT(?t) AS ?n) WHERE {{ GRAPH ?g {{ ?t a <{GOVKG}Task> }} }} GROUP BY ?g"
        )
        stored = len(opened.notices())
    assert 4 <= stored < total
    assert len(counts) == stored
    assert all(int(row["n"].toPython()) == expected_tasks for row in counts)  # type: ignore[attr-defined]

    resumed = subprocess.run([*command, "--quiet"], env=env, capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{total - stored} written, {stored} unchanged" in resumed.stderr
    with open_store(store) as opened:
        assert opened.summaries_current()
        assert opened.info().notices == total
