"""Projection and centrality time on the bundled sample replicated N times.

Compares, in the same run and on the same store, the coordination network built
with pairs aggregated by the store (GROUP BY pair; what ``graph.network`` does) and
the baseline that pulls every assignment row and pairs them in Python.

    python benchmarks/network.py --copies 1,10,50 --backends oxigraph,memory
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ingest
from graph.metrics import centralities, communities
from graph.network import clear_cache, coordination_network
from graph.network_baseline import coordination_network_from_rows
from graph.network_scope import Scope, parse_roles
from graph.rdf import graph_iri, notice_graph, parser_version
from graph.selectable import query
from graph.store import Store, open_store

SAMPLE = Path(__file__).resolve().parent.parent / "corpus" / "hainan-2017-ipr-enforcement-plan.txt"


def copies(n: int) -> list[ingest.Document]:
    """The sample as ``n`` distinct notices (numbers 琼府办〔2017〕1000号 and up)."""
    doc = ingest.read_file(SAMPLE)
    made = []
    for i in range(n):
        number = f"琼府办〔2017〕{1000 + i}号"
        header = dataclasses.replace(doc.header, doc_number=number)
        source = dataclasses.replace(doc.source, sha256=hashlib.sha256(number.encode()).hexdigest())
        made.append(dataclasses.replace(doc, header=header, source=source))
    return made


def fill(store: Store, docs: list[ingest.Document]) -> None:
    version = parser_version()
    for doc in docs:
        store.replace_notice(str(graph_iri(doc)), notice_graph(doc), doc.source.sha256, version)


def best_of(repeat: int, action: Callable[[], Any]) -> tuple[float, Any]:
    """The fastest of ``repeat`` runs (seconds) and the last result; the cache is cleared each time."""
    best, result = float("inf"), None
    for _ in range(repeat):
        clear_cache()
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--copies", default="1,10,50", help="comma-separated replication factors")
    parser.add_argument("--backends", default="oxigraph,memory", help="oxigraph and/or memory")
    parser.add_argument(
        "--memory-max", type=int, default=10, help="largest N tried on the slow rdflib backend"
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(
        f"{'backend':9} {'N':>4} {'tasks':>6} {'assign rows':>11} {'pair rows':>9} "
        f"{'aggregated s':>12} {'python s':>9} {'speedup':>7} {'metrics s':>9} {'cached s':>9}"
    )
    everything = Scope(parse_roles("any"))
    for backend in args.backends.split(","):
        for n in (int(x) for x in args.copies.split(",")):
            if backend == "memory" and n > args.memory_max:
                continue
            with open_store(f"{backend}:") as store:
                fill(store, copies(n))
                rows = len(store.select(query("assignments", everything.filters("role"))))
                pairs = len(store.select(query("pairs", everything.filters("role_a", "role_b"))))
                aggregated, network = best_of(args.repeat, lambda s=store: coordination_network(s))
                python, baseline = best_of(args.repeat, lambda s=store: coordination_network_from_rows(s))
                assert network.number_of_edges() == baseline.number_of_edges()
                metrics, _ = best_of(args.repeat, lambda g=network: (centralities(g), communities(g)))
                coordination_network(store)
                start = time.perf_counter()
                coordination_network(store)
                cached = time.perf_counter() - start
                tasks = 50 * n
            print(
                f"{backend:9} {n:>4} {tasks:>6} {rows:>11} {pairs:>9} {aggregated:>12.3f} {python:>9.3f} "
                f"{python / aggregated:>7.2f} {metrics:>9.3f} {cached:>9.4f}"
            )


if __name__ == "__main__":
    main()
