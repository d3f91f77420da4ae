"""What replacing stored notices costs on the default store, against writing new ones.

A changed file, or every file after a parser upgrade, replaces a stored notice: its old graph
is dropped and the new one inserted in one transaction, so readers never see it missing or
half-written. New notices go through the bulk loader instead. This script writes a generated
corpus into a fresh store, then writes it again with every file's bytes changed (so every
notice is replaced), and prints the milliseconds per notice of both runs and their ratio.

It then times the transaction itself at several sizes (notices per SPARQL update, each a
``DROP GRAPH`` and an ``INSERT DATA``) on the same store, which is why govkg gives each
replaced notice a transaction of its own.

    python benchmarks/replace.py --notices 96 --work /tmp/replace-bench
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import write_corpus
from graph.iris import normalise_base
from graph.load import ingest_paths, prepare
from graph.store import NoticePayload, open_store
from graph.stores.oxigraph import OxigraphStore


def _touch_all(folder: Path, suffix: str) -> None:
    """Change every notice's bytes (a trailing line), so each is written again."""
    for path in sorted(folder.glob("*.txt")):
        with path.open("a", encoding="utf-8") as handle:
            handle.write(suffix)


def _ingest_ms(store_dir: Path, corpus: Path, jobs: int) -> tuple[float, int]:
    """Milliseconds per notice of one ``ingest_paths`` run, and the notices it wrote."""
    store = open_store(str(store_dir))
    try:
        start = time.perf_counter()
        report = ingest_paths(store, [corpus], jobs=jobs)
        seconds = time.perf_counter() - start
    finally:
        store.close()
    written = report.count("written")
    return seconds * 1000 / max(1, written), written


def _update(graph: str, payload: NoticePayload) -> str:
    return f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{payload.ntriples}\n}} }}"


def _transaction_sizes(store_dir: Path, corpus: Path, sizes: list[int]) -> list[tuple[int, float]]:
    """Milliseconds per replaced notice when ``size`` notices share one SPARQL update."""
    base = normalise_base(None)
    now = datetime.now(UTC)
    payloads = [prepare(path, base, now).payload for path in sorted(corpus.glob("*.txt"))]
    ready = [p for p in payloads if p is not None]
    store = open_store(str(store_dir))
    assert isinstance(store, OxigraphStore)
    results = []
    try:
        for size in sizes:
            chunks = [ready[i : i + size] for i in range(0, len(ready), size)]
            start = time.perf_counter()
            for chunk in chunks:
                store.inner.update(" ;\n".join(_update(p.graph_iri, p) for p in chunk))
            results.append((size, (time.perf_counter() - start) * 1000 / len(ready)))
    finally:
        store.close()
    return results


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--notices", type=int, default=96)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=2, help="parsing processes, as `govkg ingest --jobs`")
    parser.add_argument("--sizes", default="1,8,64", help="notices per transaction to time")
    parser.add_argument("--work", type=Path, required=True, help="scratch folder (emptied first)")
    args = parser.parse_args()

    shutil.rmtree(args.work, ignore_errors=True)
    corpus, store_dir = args.work / "corpus", args.work / "store"
    write_corpus(corpus, args.notices, args.seed)

    new_ms, new = _ingest_ms(store_dir, corpus, args.jobs)
    _touch_all(corpus, "\n")
    replaced_ms, replaced = _ingest_ms(store_dir, corpus, args.jobs)
    print(f"{args.notices} generated notices (seed {args.seed}), govkg ingest --jobs {args.jobs}")
    print(f"  new notices       {new_ms:7.1f} ms per notice ({new} written)")
    print(f"  replaced notices  {replaced_ms:7.1f} ms per notice ({replaced} written)")
    print(f"  ratio             {replaced_ms / new_ms:7.2f}x")

    _touch_all(corpus, " \n")
    sizes = [int(x) for x in args.sizes.split(",")]
    print("replacing every notice again, SPARQL updates of N notices each (DROP GRAPH + INSERT DATA):")
    timed = _transaction_sizes(store_dir, corpus, sizes)
    alone = timed[0][1]
    for size, ms in timed:
        print(f"  N = {size:3d}  {ms:7.1f} ms per notice  {ms / alone:5.2f}x N = {sizes[0]}")


if __name__ == "__main__":
    main()
