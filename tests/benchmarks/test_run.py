"""The runner's store plumbing: replicas are renamed notices, the baseline holds the same graphs."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.generate import notice_number, write_corpus
from benchmarks.parse_throughput import Rate
from benchmarks.run import (
    BASE,
    Growth,
    Latency,
    SizeResult,
    _renamed,
    load_baseline,
    measure,
    percentile,
    print_targets,
)
from graph.iris import document_iri
from graph.load import ingest_paths, prepare
from graph.store import open_store

SEED = 5


def test_a_replica_is_the_template_under_the_missing_notice_number(tmp_path: Path) -> None:
    [path] = write_corpus(tmp_path, 1, SEED)
    prepared = prepare(path, BASE, datetime.now(UTC))
    assert prepared.payload is not None
    old, _ = notice_number(SEED, 0)
    new, _ = notice_number(SEED, 9)
    replica = _renamed(prepared.payload, old, new, 9)
    with open_store(str(tmp_path / "store")) as store:  # on disk: the bulk loader path
        store.replace_notices([prepared.payload, replica])
        assert len(store.notices()) == 2
        for number in (old, new):
            notice = document_iri(BASE, number=number)
            rows = store.select(
                f"SELECT ?n WHERE {{ <{notice}> <http://data.europa.eu/eli/ontology#id_local> ?n }}"
            )
            assert [str(r["n"]) for r in rows] == [number]
        sizes = [
            store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")[0]["n"].toPython()
            for g in (prepared.payload.graph_iri, replica.graph_iri)
        ]
        assert sizes[0] == sizes[1] > 1000
        assert store.summaries_current()


def test_the_baseline_store_holds_the_default_store_graphs(tmp_path: Path) -> None:
    files = write_corpus(tmp_path, 2, SEED)
    with open_store("oxigraph:") as store, open_store("memory:") as memory:
        ingest_paths(store, files)
        load_baseline(store, memory)
        assert memory.triple_count() == store.triple_count() > 0
        assert [r.graph for r in memory.notices()] == [r.graph for r in store.notices()]


def test_latency_is_reported_as_percentiles() -> None:
    latency = measure(lambda: 3, repeat=4, budget=5.0)
    assert latency.rows == 3 and len(latency.times) == 4
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 50) == 3.0


def test_targets_say_which_are_met(capsys) -> None:
    def latency(*seconds: float) -> Latency:
        return Latency(times=list(seconds))

    results = [
        SizeResult(Growth(40, pipeline=40, parse_rate=350.0, ingest_seconds=2.0), 100_000, 1.0, 1.0),
        SizeResult(Growth(10_000, pipeline=9_960, ingest_seconds=700.0), 1_000_000, 1.0, 1.0),
    ]
    aggregates = ("rq:coordination_pairs", "rq:lead_load", "rq:agency_load_by_notice", "rq:co_leads")
    stopped = Latency(times=[20.0], skipped="timeout (> 20 s)", timed_out=True)
    results[0].latencies = {
        "oxigraph": {name: latency(0.01, 0.01) for name in aggregates},
        "memory": {name: latency(0.5, 0.5) for name in aggregates} | {"rq:co_leads": stopped},
    }
    results[1].latencies = {
        "oxigraph": {
            "rq:lead_load": latency(0.05, 0.3),
            "rest:agencies": latency(0.001, 0.002),
            "rest:search (after a write)": latency(2.0, 2.0),
        }
    }
    print_targets(results, jobs=2, sample_rate=Rate(mean=340.0, median=350.0, best=400.0, drift=1.1))
    out = capsys.readouterr().out
    assert "350/s at host drift 1.10x" in out
    lines = [line.strip() for line in out.splitlines() if "] " in line]
    verdicts = {line.split("] ")[1].split(":")[0]: line.split("]")[0].strip("[") for line in lines}
    assert verdicts == {
        "parse >= 300 notices/s on one core (the bundled sample, per CPU second, median call)": "met",
        "10,000 notices ingested with --jobs 2 (10,000 in < 600 s)": "NOT met",
        "every REST answer p95 <= 50 ms at 1,000,000 triples": "met",
        "every competency .rq p95 <= 200 ms at 1,000,000 triples": "NOT met",
        ">= 20x rdflib on aggregate questions at 100,000 triples": "met",
    }
    assert "lead_load 50x" in out and "co_leads >= 2000x" in out  # a stopped baseline is a bound

    del results[0].latencies["memory"]["rq:lead_load"]  # a baseline not measured: not met
    print_targets(results, jobs=2, sample_rate=Rate(mean=340.0, median=350.0, best=400.0, drift=1.1))
    [line] = [line for line in capsys.readouterr().out.splitlines() if ">= 20x rdflib" in line]
    assert line.strip().startswith("[NOT met]") and "not measured: lead_load" in line


def test_a_run_past_the_timeout_is_stopped_and_kept_as_a_lower_bound() -> None:
    latency = measure(lambda: int(time.sleep(5) or 1), repeat=3, budget=10.0, timeout=0.2)
    assert latency.timed_out and latency.times == [0.2] and latency.p50 is None
    assert not measure(lambda: 1, repeat=2, budget=5.0, timeout=5.0).timed_out
