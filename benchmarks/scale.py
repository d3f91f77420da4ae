"""Ingest throughput and question latency at scale, on copies of the bundled sample.

The sample notice (~2,900 triples) is copied N times with its document number renumbered
(so each copy is its own notice), written as files and ingested through the real pipeline
(``graph.load.ingest_paths``, ``--jobs`` processes) into the default on-disk oxigraph store.
Then, per size, every competency query (``ontology/queries``), every REST question
(``api.rest``) and the coordination network with centralities are timed (p50/p95 over
``--repeat`` runs; projections rebuilt from the store each run). rdflib's in-memory store,
filled with the same notices, is the baseline up to ``--baseline-max`` copies; the ratio
is printed in the same run. Each question runs in a child process with a timeout, so a
question that takes minutes is reported as such instead of stalling the run.

    python benchmarks/scale.py --sizes 35,350 --jobs 2
    python benchmarks/scale.py --sizes 35 --baseline-max 35 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SAMPLE = Path(__file__).resolve().parent.parent / "corpus" / "hainan-2017-ipr-enforcement-plan.txt"
NUMBER = "瓊府辦〔2017〕89號"
QUERY_INPUTS: dict[str, dict[str, Any]] = {
    "agency_load_by_notice": {"agencyName": "省知识产权局"},
    "agency_tasks": {"agencyName": "省知识产权局"},
    "citing_notices": {"documentNumber": "国发〔2017〕14号"},
    "co_leads": {},
    "coordination_pairs": {},
    "deadline_tasks": {"year": 2017},
    "item_detail": {"itemNumber": 16},
    "keyword_tasks": {"keyword": "电子商务"},
    "lead_load": {},
    "notice_citations": {"noticeNumber": "琼府办〔2017〕1000号"},
    "trace_fact": {"node": "https://w3id.org/govkg/id/doc/琼府办〔2017〕1000号/item/16"},
}


def write_copies(folder: Path, start: int, stop: int) -> list[Path]:
    """Copies ``start``..``stop - 1`` of the sample, numbered 瓊府辦〔2017〕(1000 + i)號."""
    text = SAMPLE.read_text(encoding="utf-8")
    assert NUMBER in text
    files = []
    for index in range(start, stop):
        path = folder / f"notice-{index:05d}.txt"
        path.write_text(text.replace(NUMBER, f"瓊府辦〔2017〕{1000 + index}號", 1), encoding="utf-8")
        files.append(path)
    return files


# -- the questions, run in a child process -------------------------------------------------------
def questions(base: str) -> dict[str, Callable[[Any], Any]]:
    """Every question by name: competency queries, REST answers and the network."""
    from api import rest
    from graph.metrics import centralities, lead_load
    from graph.network import clear_cache, coordination_network
    from ontology.queries import bind_query

    def competency(name: str) -> Callable[[Any], Any]:
        sparql = bind_query(name, **QUERY_INPUTS[name])
        return lambda store: store.select(sparql)

    def network(store: Any, roles: Any = None, notice: str | None = None) -> Any:
        clear_cache()
        graph = coordination_network(store, roles=roles, notice=notice)
        return centralities(graph), lead_load(graph)

    def rest_coordination(store: Any) -> Any:
        clear_cache()
        return rest.coordination(store, base, ("lead", "responsible", "cooperating"))

    notice = f"{base}doc/琼府办〔2017〕1000号"
    found: dict[str, Callable[[Any], Any]] = {f"rq {name}": competency(name) for name in QUERY_INPUTS}
    found.update(
        {
            "rest agencies": lambda s: rest.list_agencies(s, base, None),
            "rest agencies?q": lambda s: rest.list_agencies(s, base, "知识产权"),
            "rest agency": lambda s: rest.agency_detail(s, base, "hainan-ipo"),
            "rest agency tasks": lambda s: rest.agency_tasks(s, base, "hainan-ipo", ("lead",)),
            "rest item": lambda s: rest.item_detail(s, base, "琼府办〔2017〕1000号/item/16"),
            "rest documents": lambda s: rest.list_documents(s, base, False),
            "rest document": lambda s: rest.document_detail(s, base, "琼府办〔2017〕1000号"),
            "rest citing": lambda s: rest.citing(s, base, "国发〔2017〕14号"),
            "rest search": lambda s: rest.search_tasks(s, base, "电子商务"),
            "rest coordination": rest_coordination,
            "network": network,
            "network lead": lambda s: network(s, roles="lead"),
            "network notice": lambda s: network(s, notice=notice),
        }
    )
    return found


def _child(location: str, baseline_copies: int, names: list[str], repeat: int, out: Any) -> None:
    """Times each named question; one JSON line per question on ``out`` (a pipe)."""
    from graph.iris import default_base
    from graph.store import open_store

    base = default_base()
    table = questions(base)
    store = open_store(location)
    if baseline_copies:
        _fill(store, baseline_copies)
    for name in names:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            result = table[name](store)
            times.append(time.perf_counter() - start)
        size = len(result) if hasattr(result, "__len__") else 1
        out.send(json.dumps({"name": name, "times": times, "rows": size}))
    store.close()
    out.send(json.dumps({"done": True}))


def _fill(store: Any, copies: int) -> None:
    """The baseline store: the same notices, built in this process."""
    import dataclasses
    import hashlib

    from graph.rdf import graph_iri, notice_graph, parser_version
    from ingest import read_file

    doc = read_file(SAMPLE)
    for index in range(copies):
        number = f"瓊府辦〔2017〕{1000 + index}號"
        header = dataclasses.replace(doc.header, doc_number=number)
        source = dataclasses.replace(doc.source, sha256=hashlib.sha256(number.encode()).hexdigest())
        copy = dataclasses.replace(doc, header=header, source=source)
        store.replace_notice(str(graph_iri(copy)), notice_graph(copy), copy.source.sha256, parser_version())


def time_questions(
    location: str, repeat: int, timeout: float, baseline_copies: int = 0, only: str = ""
) -> dict[str, Any]:
    """``{name: {"p50", "p95", "rows"} | {"timeout": s}}``; a question past ``timeout`` is skipped."""
    from graph.iris import default_base

    pending = [name for name in questions(default_base()) if name.startswith(only)]
    results: dict[str, Any] = {}
    context = multiprocessing.get_context("spawn")
    while pending:
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_child, args=(location, baseline_copies, pending, repeat, send))
        child.start()
        setup = 600.0 if baseline_copies else 60.0
        deadline = time.perf_counter() + setup
        while pending:
            if not receive.poll(max(0.0, deadline - time.perf_counter())):
                results[pending.pop(0)] = {"timeout": timeout}
                child.kill()
                break
            message = json.loads(receive.recv())
            if message.get("done"):
                pending = []
                break
            name = pending.pop(0)
            assert message["name"] == name
            times = sorted(message["times"])
            results[name] = {
                "p50": statistics.median(times),
                "p95": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
                "rows": message["rows"],
            }
            deadline = time.perf_counter() + timeout
        child.join()
    return results


def _ms(entry: dict[str, Any] | None) -> str:
    if entry is None:
        return "-"
    if "timeout" in entry:
        return f">{entry['timeout']:.0f}s"
    return f"{entry['p50'] * 1000:.1f}/{entry['p95'] * 1000:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="35,350", help="copies of the sample (350 ~ 1M triples)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per question and size")
    parser.add_argument("--baseline-max", type=int, default=35, help="largest baseline size")
    parser.add_argument("--baseline-only", default="rq ", help="baseline questions: names starting so")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()

    from graph.load import ingest_paths
    from graph.store import open_store

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="govkg-scale-"))
    files_dir = workdir / "notices"
    files_dir.mkdir(parents=True, exist_ok=True)
    location = str(workdir / "store")
    shutil.rmtree(location, ignore_errors=True)
    have = 0
    print(f"# store {location}, jobs {args.jobs}, repeat {args.repeat}; times p50/p95 in ms")
    for size in sorted(int(s) for s in args.sizes.split(",")):
        files = write_copies(files_dir, have, size)
        with open_store(location) as store:
            start = time.perf_counter()
            report = ingest_paths(store, files, jobs=args.jobs)
            seconds = time.perf_counter() - start
            triples = store.triple_count()
        have = size
        assert not report.failed, report.failed[:3]
        print(
            f"\n## {size} notices, {triples:,} triples: ingested {len(files)} in {seconds:.1f} s "
            f"= {len(files) / seconds:.1f} notices/s (jobs={args.jobs})"
        )
        default = time_questions(location, args.repeat, args.timeout)
        baseline = (
            time_questions("memory:", 1, args.timeout, size, args.baseline_only)
            if size <= args.baseline_max
            else {}
        )
        print(f"{'question':28} {'oxigraph disk':>16} {'rdflib memory':>16} {'ratio p50':>10} rows")
        for name, entry in default.items():
            base_entry = baseline.get(name)
            ratio = "-"
            if base_entry and "p50" in base_entry and "p50" in entry:
                ratio = f"{base_entry['p50'] / max(entry['p50'], 1e-9):.1f}x"
            print(f"{name:28} {_ms(entry):>16} {_ms(base_entry):>16} {ratio:>10} {entry.get('rows', '')}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
