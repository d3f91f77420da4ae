"""What one index lookup costs on the default store: the floor under the large `.rq` answers.

A competency answer of a few thousand rows is a few tens of thousands of lookups (a subject
and predicate given, the objects wanted). This script times such lookups on an on-disk store
built by ``govkg ingest`` and on an in-memory copy of it, in the order the engine would meet
them when it walks a sorted scan (neighbouring keys) and in random order (keys scattered over
the store, as when a join jumps from assignments to their tasks). Lookups are timed in batches
and the median batch is reported, so a slow stretch of the host does not decide the numbers.

    python benchmarks/lookup_cost.py STORE_DIR [--lookups 4000] [--repeat 7]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable

import pyoxigraph as ox

_TEXT = ox.NamedNode("https://w3id.org/govkg/ontology#text")
_NUMBER = ox.NamedNode("https://w3id.org/govkg/ontology#number")


def _subjects(store: ox.Store, count: int) -> list[ox.NamedNode | ox.BlankNode]:
    """Task and item subjects in the store's own key order (a scan of one predicate)."""
    found: list[ox.NamedNode | ox.BlankNode] = []
    for quad in store.quads_for_pattern(None, _TEXT, None, None):
        subject = quad.subject
        if isinstance(subject, ox.NamedNode | ox.BlankNode):
            found.append(subject)
        if len(found) >= count:
            break
    return found


def _per_lookup(store: ox.Store, subjects: list[ox.NamedNode | ox.BlankNode], repeat: int) -> float:
    """Median seconds per lookup over ``repeat`` passes."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for subject in subjects:
            for _quad in store.quads_for_pattern(subject, _NUMBER, None, None):
                pass
        times.append((time.perf_counter() - start) / len(subjects))
    return statistics.median(times)


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("store", help="an on-disk store directory (govkg ingest --store DIR)")
    parser.add_argument("--lookups", type=int, default=4000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    disk = ox.Store.read_only(args.store)
    start = time.perf_counter()
    memory = ox.Store()
    memory.extend(disk.quads_for_pattern(None, None, None, None))
    print(f"in-memory copy: {len(memory):,} quads in {time.perf_counter() - start:.1f} s")

    in_order = _subjects(disk, args.lookups)
    scattered = in_order[:]
    random.Random(args.seed).shuffle(scattered)
    print(f"{len(in_order):,} lookups of (subject, govkg:number, ?) per pass, median of {args.repeat} passes")
    rows: list[tuple[str, Callable[[], float]]] = [
        ("disk, key order", lambda: _per_lookup(disk, in_order, args.repeat)),
        ("disk, random order", lambda: _per_lookup(disk, scattered, args.repeat)),
        ("memory, key order", lambda: _per_lookup(memory, in_order, args.repeat)),
        ("memory, random order", lambda: _per_lookup(memory, scattered, args.repeat)),
    ]
    found = {name: measure() for name, measure in rows}
    base = found["memory, random order"]
    for name, seconds in found.items():
        ratio = seconds / base
        print(f"  {name:<22} {seconds * 1e6:7.1f} µs per lookup  {ratio:5.1f}x memory (random order)")


if __name__ == "__main__":
    main()
