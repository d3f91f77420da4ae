"""Load on the query service from a second process: p50/p95 latency, errors, server memory.

Starts ``govkg serve`` on loopback over a temporary store holding the sample, then
runs N concurrent clients for D seconds (bounded), each cycling through the REST
routes and the competency queries over SPARQL. A baseline (one client, same
requests) is measured first in the same run.

    python benchmarks/api_load.py --clients 50 --seconds 20
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx
import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ontology.queries import load_query  # noqa: E402
from tests.api.conftest import fill_store, start_server, stop_server  # noqa: E402

SAMPLE = REPO / "corpus" / "hainan-2017-ipr-enforcement-plan.txt"


def requests() -> list[tuple[str, str, dict[str, str]]]:
    """(label, path, params) for every request a client cycles through."""
    sparql = {
        "lead_load": load_query("lead_load").bind(),
        "agency_tasks": load_query("agency_tasks").bind(agencyName="省公安厅"),
        "item_detail": load_query("item_detail").bind(itemNumber=16),
        "keyword_tasks": load_query("keyword_tasks").bind(keyword="电子商务"),
        "citing_notices": load_query("citing_notices").bind(documentNumber="國發〔2017〕14號"),
    }
    rest = [
        ("rest /agencies?q", "/agencies", {"q": "公安"}),
        ("rest /agencies/{id}/tasks", "/agencies/hainan-public-security/tasks", {"role": "any"}),
        ("rest /items/{id}", "/items/琼府办〔2017〕89号/item/16", {}),
        ("rest /citations", "/citations", {"cites": "国发〔2017〕14号"}),
        ("rest /search", "/search", {"q": "電子商務"}),
        ("rest /network/coordination", "/network/coordination", {}),
    ]
    return rest + [(f"sparql {name}", "/sparql", {"query": query}) for name, query in sparql.items()]


async def client(
    url: str, deadline: float, latencies: dict[str, list[float]], errors: dict[str, int]
) -> None:
    plan = requests()
    async with httpx.AsyncClient(base_url=url, timeout=60) as http:
        index = 0
        while time.monotonic() < deadline:
            label, path, params = plan[index % len(plan)]
            index += 1
            started = time.perf_counter()
            try:
                response = await http.get(path, params=params)
                ok = response.status_code == 200
            except httpx.HTTPError:
                ok = False
            latencies[label].append(time.perf_counter() - started)
            if not ok:
                errors[label] += 1


async def run(url: str, clients: int, seconds: float) -> tuple[dict[str, list[float]], dict[str, int]]:
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    deadline = time.monotonic() + seconds
    await asyncio.gather(*(client(url, deadline, latencies, errors) for _ in range(clients)))
    return latencies, errors


def report(title: str, latencies: dict[str, list[float]], errors: dict[str, int], seconds: float) -> None:
    total = sum(len(v) for v in latencies.values())
    print(
        f"\n{title}: {total} requests in {seconds:g} s ({total / seconds:.0f}/s), "
        f"errors {sum(errors.values())}"
    )
    print(f"{'request':32} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
    for label in sorted(latencies):
        values = sorted(latencies[label])
        p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
        print(
            f"{label:32} {len(values):6} {statistics.median(values) * 1000:8.1f} "
            f"{p95 * 1000:8.1f} {errors[label]:7}"
        )


def server_rss(pid: int) -> int:
    process = psutil.Process(pid)
    return process.memory_info().rss + sum(c.memory_info().rss for c in process.children(recursive=True))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    clients, seconds = min(args.clients, 500), min(args.seconds, 300.0)
    with tempfile.TemporaryDirectory() as directory:
        store = Path(directory) / "store"
        fill_store(store, SAMPLE)
        server = start_server(store, GOVKG_QUERY_TIMEOUT="30")
        try:
            print(
                f"server {server.url}, RSS at rest "
                f"{server_rss(server.process.pid) / 2**20:.0f} MiB (with workers)"
            )
            baseline = asyncio.run(run(server.url, 1, min(seconds, 5.0)))
            report("baseline, 1 client", *baseline, min(seconds, 5.0))
            loaded = asyncio.run(run(server.url, clients, seconds))
            report(f"load, {clients} clients", *loaded, seconds)
            print(f"\nserver RSS after load: {server_rss(server.process.pid) / 2**20:.0f} MiB (with workers)")
        finally:
            stop_server(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
