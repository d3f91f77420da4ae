"""The first page of the listings read from the task index, and the detail routes, on a store of any size.

Times the ``api.rest`` functions behind ``/agencies/{id}/tasks``, ``/search``,
``/citations?cites=`` and ``/documents?cites=`` (50-row first page, called in-process) on an
on-disk store built by ``govkg ingest``, median and slowest of ``--repeat`` runs after one
untimed run, then those behind ``/agencies/{id}``, ``/documents/{id}`` and ``/documents``.
Then the search alone, two ways on the same index: counted and paged inside SQLite (what govkg does
when every spelling can use the trigram index) against the ids collected in Python and handed
back to SQLite as a JSON list (what it does for phrases under three characters), with the ratio.

The defaults fit the seed-7 corpus of ``benchmarks/generate.py``.

    python benchmarks/rest_pages.py STORE_DIR [--agency hainan-public-security]
        [--keyword 电子商务] [--cites 国办函〔2015〕23号] [--repeat 7]
"""

from __future__ import annotations

import argparse
import inspect
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import api.rest as rest
from graph.iris import default_base
from graph.store import open_store
from graph.task_index import _LISTED, TaskIndex, current_index
from ontology.script import to_simplified, to_traditional

PAGE = 50


def _timed(call: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """Median and slowest milliseconds of ``repeat`` calls, after one untimed call."""
    call()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def _collected_in_python(index: TaskIndex, spellings: list[str]) -> int:
    """The search's first page with the hits gathered in Python, then ordered by SQLite."""
    with index._lock:
        hits = index._scanned(spellings)
        chosen = index._in_order(_LISTED, json.dumps(sorted(hits)), 0, PAGE)
        index._tasks(chosen)
    return len(hits)


def _documents_page(store: Any, base: str) -> Any:
    """``/documents``' work for its first page (before govkg 0.2.1: the whole list, which the
    route then cut, so the script measures either version)."""
    if "limit" in inspect.signature(rest.list_documents).parameters:
        return rest.list_documents(store, base, False, 0, PAGE)
    return rest.list_documents(store, base, False)


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("store", help="an on-disk store directory (govkg ingest --store DIR)")
    parser.add_argument("--agency", default="hainan-public-security", help="an agency id")
    parser.add_argument("--keyword", default="电子商务")
    parser.add_argument("--cites", default="国办函〔2015〕23号", help="a cited document number")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    store = open_store(args.store)
    base = default_base()
    start = time.perf_counter()
    index = current_index(store)
    checked = time.perf_counter() - start
    print(f"{args.store}: {len(index.notices()):,} notices; index checked in {checked:.1f} s")
    pages: list[tuple[str, Callable[[], Any]]] = [
        (
            f"agency tasks {args.agency} (lead)",
            lambda: rest.agency_tasks(store, base, args.agency, ("lead",), 0, PAGE),
        ),
        (f"search {args.keyword}", lambda: rest.search_tasks(store, base, args.keyword, 0, PAGE)),
        (f"citing {args.cites}", lambda: rest.citing(store, base, args.cites, 0, PAGE)),
    ]
    if "cites" in inspect.signature(rest.list_documents).parameters:  # absent in older checkouts
        pages.append(
            (
                f"documents citing {args.cites}",
                lambda: rest.list_documents(store, base, False, 0, PAGE, cites=args.cites),
            )
        )
    print(f"first page ({PAGE} rows), median and slowest of {args.repeat}:")
    for name, call in pages:
        listing = call()
        total = listing[1] if listing is not None else 0
        median, slowest = _timed(call, args.repeat)
        print(f"  {name:44s} {median:8.1f} {slowest:8.1f} ms   total {total:,}")
    details: list[tuple[str, Callable[[], Any]]] = [
        (f"agency detail {args.agency}", lambda: rest.agency_detail(store, base, args.agency)),
        (f"document detail {args.cites}", lambda: rest.document_detail(store, base, args.cites)),
        ("documents, first page", lambda: _documents_page(store, base)),
    ]
    print("details, median and slowest:")
    for name, call in details:
        median, slowest = _timed(call, args.repeat)
        print(f"  {name:44s} {median:8.1f} {slowest:8.1f} ms")

    spellings = list(dict.fromkeys([args.keyword, to_simplified(args.keyword), to_traditional(args.keyword)]))
    in_sql, _ = _timed(lambda: index.search(spellings, 0, PAGE), args.repeat)
    in_python, _ = _timed(lambda: _collected_in_python(index, spellings), args.repeat)
    hits = index.search(spellings, 0, 0)[0]
    print(f"search in the index alone, {len(spellings)} spellings, {hits:,} hits:")
    print(f"  counted and paged in SQLite                  {in_sql:8.1f} ms")
    print(f"  ids collected in Python, ordered by SQLite   {in_python:8.1f} ms   {in_python / in_sql:5.2f}x")
    store.close()


if __name__ == "__main__":
    main()
