"""What the bulk loader costs per statement, and how much of it the size of each load decides.

``govkg ingest`` hands oxigraph's bulk loader a batch of notices at a time (``--batch``,
64 notices of about 2,300 statements). Every load adds files that RocksDB compacts in the
background, so fewer, larger loads mean less compaction, at the price of the loader's memory.
This script copies the first ``--quads`` statements of a store into an N-Quads file, then
loads that file into an empty on-disk store in loads of each ``--chunks`` size, each size in a
process of its own: the wall time, the CPU time of every thread (the loader's and the
compaction's, counted until the compaction has settled) per statement, and the peak memory.
The first size is the baseline of the ratio.

    python benchmarks/load_chunks.py STORE_DIR [--quads 4600000] [--chunks 147000,2300000]
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing
import resource
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

_SETTLED = 0.3  # CPU seconds in a 3-second pause below which compaction is taken as done


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _copy(store: str, quads: int, path: Path) -> int:
    """The store's first ``quads`` statements as N-Quads in ``path``; how many there were."""
    counted = 0

    def counting(taken: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
        nonlocal counted
        for quad in taken:
            counted += 1
            yield quad

    source = ox.Store.read_only(store)
    ox.serialize(counting(itertools.islice(source, quads)), output=str(path), format=ox.RdfFormat.N_QUADS)
    return counted


def _load(path: str, chunk: int, target: str) -> tuple[float, float, float, int]:
    """(wall s, CPU s when the loads returned, CPU s once compaction settled, peak RSS MB)."""
    store = ox.Store(target)
    start, cpu = time.perf_counter(), _cpu()
    with Path(path).open("rb") as lines:
        while part := b"".join(itertools.islice(lines, chunk)):
            store.bulk_load(input=part, format=ox.RdfFormat.N_QUADS, lenient=True)
    loaded = _cpu() - cpu
    last = _cpu()
    while True:
        time.sleep(3)
        if _cpu() - last < _SETTLED:
            break
        last = _cpu()
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return wall, loaded, _cpu() - cpu, peak


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("store", help="an on-disk store directory (govkg ingest --store DIR)")
    parser.add_argument("--quads", type=int, default=4_600_000, help="statements copied and loaded")
    parser.add_argument("--chunks", default="147000,2300000", help="statements per load, comma-separated")
    args = parser.parse_args()
    chunks = [int(size) for size in args.chunks.split(",")]

    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "quads.nq"
        count = _copy(args.store, args.quads, source)
        print(f"{count:,} statements of {args.store}; each size loaded into an empty store")
        print(
            f"{'per load':>10s} {'loads':>6s} {'wall s':>8s} {'CPU s':>8s} {'settled':>8s}"
            f" {'µs/stmt':>8s} {'ratio':>6s} {'peak MB':>8s}"
        )
        baseline: float | None = None
        for chunk in chunks:
            with context.Pool(1) as pool:
                wall, loaded, settled, peak = pool.apply(_load, (str(source), chunk, f"{work}/store-{chunk}"))
            baseline = baseline or settled
            loads = -(-count // chunk)
            print(
                f"{chunk:>10,} {loads:>6,} {wall:>8.1f} {loaded:>8.1f} {settled:>8.1f}"
                f" {settled / count * 1e6:>8.1f} {settled / baseline:>5.2f}x {peak:>8,}"
            )


if __name__ == "__main__":
    main()
