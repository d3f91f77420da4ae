"""Where queries run, chosen once from the settings.

- ``oxigraph`` (a directory): a :class:`~api.workers.WorkerPool` of processes that
  open the store read-only; a query past its time limit is killed with its process.
- in-memory stores (``oxigraph:``, ``memory:``) and ``sparql+http``: calls run in
  threads of this process over one opened :class:`graph.store.Store`. The request
  still gets its 504 at the time limit, but the work itself cannot be stopped: for ``sparql+http`` the remote
  server's own limits apply, for ``memory`` (tests and demos) nothing does.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from api.errors import QueryTimeoutError
from api.settings import Settings
from api.workers import ReadOnlyOxigraph, WorkerPool
from graph.store import Backend

T = TypeVar("T")


class Executor(Protocol):
    """Runs ``function(store, *args)`` somewhere, within the query time limit."""

    timeout: float

    async def call(self, function: Callable[..., T], *args: Any) -> T: ...

    def start(self) -> None: ...

    def close(self) -> None: ...

    def pids(self) -> list[int]: ...


class ProcessExecutor:
    """Calls in worker processes over a read-only on-disk store."""

    def __init__(self, path: str, settings: Settings) -> None:
        self.timeout = settings.query_timeout
        memory = settings.worker_memory_mb * 2**20
        self.pool = WorkerPool(ReadOnlyOxigraph(path), settings.query_workers, memory)

    def start(self) -> None:
        self.pool.start()

    def close(self) -> None:
        self.pool.close()

    def pids(self) -> list[int]:
        return self.pool.pids()

    async def call(self, function: Callable[..., T], *args: Any) -> T:
        return await self.pool.call(self.timeout, function, *args)


class ThreadExecutor:
    """Calls in threads over one opened store (backends without a killable worker)."""

    def __init__(self, store: Any, settings: Settings) -> None:
        self.timeout = settings.query_timeout
        self.store = store
        self._slots = asyncio.Semaphore(max(2, settings.query_workers))

    def start(self) -> None:
        return None

    def close(self) -> None:
        self.store.close()

    def pids(self) -> list[int]:
        return []

    async def call(self, function: Callable[..., T], *args: Any) -> T:
        async with self._slots:
            try:
                return await asyncio.wait_for(asyncio.to_thread(function, self.store, *args), self.timeout)
            except TimeoutError:
                raise QueryTimeoutError(f"the query ran longer than {self.timeout:g} s") from None


def build_executor(settings: Settings) -> Executor:
    """The executor for the configured backend (the store must exist: see :mod:`api.bootstrap`)."""
    from graph.store import open_store

    location = settings.location
    if location.backend is Backend.OXIGRAPH and location.target:
        return ProcessExecutor(location.target, settings)
    return ThreadExecutor(open_store(location), settings)
