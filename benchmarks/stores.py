"""Store backends compared on load and on the competency queries (ontology/queries/*.rq).

Baseline, measured in the same run: rdflib's in-memory ``Dataset`` (the ``memory:``
backend). Against it: pyoxigraph in memory (``oxigraph:``) and on disk (the default).
Notices are parsed once; the same payloads are loaded into every store. The corpus is
the bundled sample, the 55 shared documents when present, and ``--copies`` renumbered
copies of the sample (distinct notices sharing agencies), so sizes are comparable.

    python benchmarks/stores.py [--copies 20] [--seconds 1.0]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from graph.iris import normalise_base
from graph.load import notice_files, prepare
from graph.store import NoticePayload, Store, open_store
from ontology import QUERIES_DIR

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "corpus" / "hainan-2017-ipr-enforcement-plan.txt"
SHARED = REPO.parent / "shared" / "corpus" / "govcn-2019"
EXTRA = {
    "count_all": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "lead_counts": "SELECT ?a (COUNT(?t) AS ?n) WHERE { "
    "?t <https://w3id.org/govkg/ontology#leadAgency> ?a } GROUP BY ?a ORDER BY DESC(?n)",
}


def payloads(copies: int, workdir: Path) -> list[NoticePayload]:
    """Parse every benchmark notice once."""
    files = [SAMPLE, *(notice_files([SHARED]) if SHARED.is_dir() else [])]
    text = SAMPLE.read_text(encoding="utf-8")
    for k in range(copies):
        path = workdir / f"copy{k:03}.txt"
        path.write_text(text.replace("〔2017〕89", f"〔2017〕{2000 + k}"), encoding="utf-8")
        files.append(path)
    base, now = normalise_base(None), datetime.now(UTC)
    prepared = [prepare(path, base, now) for path in files]
    return [p.payload for p in prepared if p.payload is not None]


def timed(work: Callable[[], object], seconds: float) -> float:
    """Median seconds per call over at least ``seconds`` (at least 3 calls, after a warm-up).

    A call slower than ``seconds`` is measured once: the slow baseline would take minutes.
    """
    t0 = time.perf_counter()
    work()
    first = time.perf_counter() - t0
    if first > seconds:
        return first
    samples: list[float] = []
    start = time.perf_counter()
    while len(samples) < 3 or time.perf_counter() - start < seconds:
        t0 = time.perf_counter()
        work()
        samples.append(time.perf_counter() - t0)
        if len(samples) >= 200:
            break
    return statistics.median(samples)


def measure(stores: dict[str, Store], work: Callable[[Store], object], seconds: float) -> dict[str, float]:
    """Seconds per call of ``work`` on each store."""
    return {label: timed(lambda s=store: work(s), seconds) for label, store in stores.items()}


def queries() -> dict[str, str]:
    found = {path.stem: path.read_text(encoding="utf-8") for path in sorted(QUERIES_DIR.glob("*.rq"))}
    return {**found, **EXTRA}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--copies", type=int, default=20, help="renumbered copies of the sample to add")
    parser.add_argument("--seconds", type=float, default=1.0, help="minimum time per measurement")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        batch = payloads(args.copies, work)
        locations = {"rdflib-memory": "memory:", "oxigraph-memory": "oxigraph:"}
        locations["oxigraph-disk"] = str(work / "ox")
        stores: dict[str, Store] = {}
        load: dict[str, float] = {}
        for name, location in locations.items():
            store = open_store(location)
            t0 = time.perf_counter()
            store.replace_notices(batch)
            load[name] = time.perf_counter() - t0
            stores[name] = store
        info = stores["oxigraph-disk"].info()
        print(f"{len(batch)} notices, {info.triples} statements, {info.agencies} agencies\n")
        labels = list(locations)
        print_header(labels)
        print_row("load (all notices)", load, labels)
        for name, sparql in queries().items():
            print_row(name, measure(stores, lambda s, q=sparql: s.select(q), args.seconds), labels)
        raw = EXTRA["lead_counts"]
        times = measure(stores, lambda s: s.query_raw(raw, "json"), args.seconds)
        print_row("query_raw json (lead_counts)", times, labels)
        for store in stores.values():
            store.close()
    print(f"\nratios: {labels[0]} time / backend time (higher = faster than the rdflib baseline)")


def print_header(labels: list[str]) -> None:
    header = f"{'measure':32}" + "".join(f"{label:>18}" for label in labels)
    header += "".join(f"{'x ' + label:>20}" for label in labels[1:])
    print(header)
    print("-" * len(header), flush=True)


def print_row(measure: str, times: dict[str, float], labels: list[str]) -> None:
    cells = "".join(f"{times[label] * 1000:>16.2f}ms" for label in labels)
    ratios = "".join(f"{times[labels[0]] / times[label]:>19.1f}x" for label in labels[1:])
    print(f"{measure:32}{cells}{ratios}", flush=True)


if __name__ == "__main__":
    main()
