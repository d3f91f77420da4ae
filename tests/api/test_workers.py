"""Query workers: what a worker prepares before it says ready, seen from inside a real worker process."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from api.workers import ReadOnlyOxigraph, WorkerPool
from tests.api.conftest import fill_store


def prepared(store: Any) -> dict[str, Any]:
    """Run inside the worker: what its caches hold for the store's current version."""
    from graph.network_scope import agency_names
    from graph.projection_cache import CACHE

    attributes = CACHE.peek(store, ("agency-attributes",))
    ids = sorted(attributes)[:3] if attributes else []
    return {"attributes": len(attributes or {}), "names": agency_names(store, ids), "ids": ids}


def test_a_worker_builds_the_agency_names_before_it_says_ready(tmp_path: Path, sample_path: Path) -> None:
    directory = tmp_path / "store"
    fill_store(directory, sample_path)

    async def ask() -> dict[str, Any]:
        pool = WorkerPool(ReadOnlyOxigraph(str(directory)), size=1, memory_limit=4 << 30)
        pool.start()
        try:
            return await pool.call(120, prepared)
        finally:
            pool.close()

    with ThreadPoolExecutor(1) as thread:  # a loop of its own: the browser tests may hold this thread's
        seen = thread.submit(asyncio.run, ask()).result()
    assert seen["attributes"] > 20  # every agency of the sample, built at warm-up, not by this call
    assert seen["ids"] and set(seen["names"]) == set(seen["ids"])
    assert all(name and name != iri for iri, name in seen["names"].items())  # labels, not IRIs
