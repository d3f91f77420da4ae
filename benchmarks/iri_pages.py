"""What an entity's HTML page (``/id/…``) costs to list what refers to it, on a store of any size.

A busy agency is referred to by every task and assignment naming it, a much-cited document by
every occurrence: the page lists the first ``api.routes.resources.INCOMING_SHOWN`` references
the store holds (the route's own function, run through a thread executor as for an in-process
store) and links the query for all of them. The baseline, measured in the same run, is that
query: every reference, ordered, as the page listed them before (grouped, ordered, cut at 500).
Median of ``--repeat`` calls after one untimed call.

    python benchmarks/iri_pages.py STORE_DIR [--agency hainan-public-security]
        [--cites 国办函〔2015〕23号] [--repeat 5]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from api.execution import ThreadExecutor
from api.routes.resources import _ALL_INCOMING, INCOMING_SHOWN, _references
from api.settings import Settings
from benchmarks.timing import median_after_warm_up
from graph.iris import default_base, document_iri
from graph.store import Store, open_store


def _shown(store: Store, iri: str, base: str) -> Callable[[], int]:
    executor = ThreadExecutor(store, Settings())
    return lambda: len(asyncio.run(_references(executor, iri, base))[0])


def _all(store: Store, iri: str) -> Callable[[], int]:
    return lambda: len(store.select(_ALL_INCOMING.format(iri=iri)))


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("store", help="an on-disk store directory (govkg ingest --store DIR)")
    parser.add_argument("--agency", default="hainan-public-security", help="an agency id")
    parser.add_argument("--cites", default="国办函〔2015〕23号", help="a cited document number")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    base = default_base()
    store = open_store(args.store)
    entities = {
        f"/id/agency/{args.agency}": f"{base}agency/{args.agency}",
        f"/id/doc/{args.cites}": str(document_iri(base, number=args.cites)),
    }
    print(f"{args.store}: references listed on an entity's page, median of {args.repeat} (ms)")
    print(f"  {'page':44s} {'references':>10s} {'shown':>6s} {'page ms':>8s} {'all ms':>9s} {'ratio':>7s}")
    for page, iri in entities.items():
        page_s, shown = median_after_warm_up(_shown(store, iri, base), args.repeat)
        all_s, every = median_after_warm_up(_all(store, iri), args.repeat)
        print(
            f"  {page:44s} {every:>10,} {shown:>6,} {page_s * 1000:8.1f} {all_s * 1000:9.1f}"
            f" {all_s / max(page_s, 1e-9):6.1f}x"
        )
    print(f"  (a page shows at most {INCOMING_SHOWN:,} references)")
    store.close()


if __name__ == "__main__":
    main()
