"""Every competency question on the default store and on an in-memory copy of it, side by side.

Says whether the store's medium is what keeps the large whole-corpus answers over the
200 ms target: the questions are bound with the runner's inputs (``benchmarks/run.py``,
derived from the first ``--notices`` notices of the seed's generated corpus, which the store
must hold) and asked through the same ``Store.select`` call, first of the on-disk store opened
read-only, then of a pyoxigraph in-memory store holding a copy of every quad. Each time is
the median of ``--repeat`` calls after one untimed call; the ratio is disk over memory.

    python benchmarks/rq_in_memory.py STORE_DIR --notices 400 [--seed 7] [--repeat 5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import Corpus, questions
from benchmarks.timing import median_after_warm_up
from graph.store import Store, parse_location
from graph.stores.oxigraph import OxigraphStore

TARGET = 0.2  # seconds, the competency-question target at 1M statements


def _asking(ask: Callable[[Store], int], store: Store) -> Callable[[], int]:
    return lambda: ask(store)


def _in_memory(disk: ox.Store) -> ox.Store:
    """A copy of every quad, through one N-Quads dump and the bulk loader (the quickest path)."""
    copy = ox.Store()
    copy.bulk_load(input=disk.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS, lenient=True)
    return copy


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("store", help="an on-disk store directory built from the generated corpus")
    parser.add_argument("--notices", type=int, required=True, help="how many generated notices it holds")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        corpus = Corpus(args.seed, Path(folder))
        corpus.extend(args.notices)
        inputs = corpus.inputs()
    location = parse_location(args.store)
    disk = ox.Store.read_only(args.store)
    start = time.perf_counter()
    memory = _in_memory(disk)
    print(f"{args.store}: {len(disk):,} quads, copied into memory in {time.perf_counter() - start:.1f} s")
    stores: dict[str, Store] = {
        "disk": OxigraphStore(location, disk),
        "memory": OxigraphStore(location, memory),
    }
    asked = [(name, ask) for name, ask in questions(inputs) if name.startswith("rq:")]
    print(f"{'question':28s} {'rows':>7s} {'disk ms':>9s} {'memory ms':>10s} {'ratio':>7s}  <= 200 ms")
    for name, ask in asked:
        seconds: dict[str, float] = {}
        rows = 0
        for kind, store in stores.items():
            seconds[kind], rows = median_after_warm_up(_asking(ask, store), args.repeat)
        verdict = " ".join(kind for kind, s in seconds.items() if s <= TARGET) or "neither"
        ratio = seconds["disk"] / max(seconds["memory"], 1e-9)
        print(
            f"{name.removeprefix('rq:'):28s} {rows:7,d} {seconds['disk'] * 1000:9.1f}"
            f" {seconds['memory'] * 1000:10.1f} {ratio:6.1f}x  {verdict}"
        )


if __name__ == "__main__":
    main()
