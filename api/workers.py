"""Query workers: one process each, so a runaway query is stopped by ending its process.

pyoxigraph cannot interrupt a query from another thread, and a thread cannot be
killed; a process can. Each worker opens the on-disk store read-only (reopening
when the store's files change, so ingests made meanwhile become visible), runs
one call at a time, and sends back a picklable result. The pool hands calls to
idle workers; a call that outlives its time limit, or grows past the memory
limit, gets its worker killed and replaced while the other workers go on.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import multiprocessing
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, TypeVar

import psutil

from api.errors import ApiError, OverloadedError, QueryTimeoutError
from ingest.errors import GovkgError

T = TypeVar("T")
_CONTEXT = multiprocessing.get_context("spawn")
_MEMORY_CHECK_SECONDS = 0.25
_START_SECONDS = 300


@dataclass
class ReadOnlyOxigraph:
    """Opens an oxigraph directory read-only inside a worker, again whenever its files change."""

    path: str
    _store: Any = field(default=None, repr=False, compare=False)
    _signature: tuple[tuple[str, int, int], ...] = field(default=(), repr=False, compare=False)

    def __call__(self) -> Any:
        signature = _signature(Path(self.path))
        if self._store is None or signature != self._signature:
            import pyoxigraph

            from graph.store import parse_location
            from graph.stores.oxigraph import OxigraphStore

            self._store = OxigraphStore(parse_location(self.path), pyoxigraph.Store.read_only(self.path))
            self._signature = signature
        return self._store

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.path = state["path"]
        self._store = None
        self._signature = ()


def _signature(directory: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and times of the files RocksDB changes on every write."""
    entries = []
    for path in sorted(directory.iterdir()):
        name = path.name
        if name == "CURRENT" or name.startswith("MANIFEST-") or name.endswith((".log", ".sst")):
            with contextlib.suppress(FileNotFoundError):
                info = path.stat()
                entries.append((name, info.st_size, info.st_mtime_ns))
    return tuple(entries)


def _settle(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


def _warm_up(opener: Callable[[], Any]) -> None:
    """Import and open everything before saying ready, so no query pays for a cold start.

    The coordination network the REST API serves, with its centralities, is built here
    too: each worker caches projections per store version, and building them for a large
    store takes seconds that no request should wait for. So is the task index brought up to
    date (:mod:`graph.task_index`), which a store filled without it needs once, and so are the
    agency names its pages show (after a write, a page looks its own agencies up instead).
    """
    import importlib

    for module in _WARM_MODULES:
        importlib.import_module(module)
    store = opener()
    from graph.metrics import centralities
    from graph.network import coordination_network
    from graph.network_scope import agency_attributes
    from graph.projection_cache import CACHE
    from graph.task_index import current_index

    try:
        centralities(coordination_network(store, items=False))  # what api.rest.coordination serves
    except Exception as error:  # a store that cannot answer yet still serves everything else
        logging.getLogger("govkg.api").warning("coordination network not prepared: %s", error)
    try:
        current_index(store)  # search and agency task lists read it; a store never indexed is read here
        CACHE.get(store, ("agency-attributes",), lambda: agency_attributes(store))  # names on pages
    except Exception as error:
        logging.getLogger("govkg.api").warning("task index not prepared: %s", error)
    gc.freeze()  # the long-lived modules and caches: later collections need not walk them


_WARM_MODULES = ("api.querying", "api.rest", "rdflib.plugins.sparql.parser", "graph.network", "graph.metrics")


def _serve(connection: Connection, opener: Callable[[], Any]) -> None:
    """A worker's life: receive ``(function, args)``, answer ``(ok, value or error)``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _warm_up(opener)
    except Exception as error:
        connection.send((False, ApiError(f"query worker cannot start: {error}")))
        return
    connection.send((True, "ready"))
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        function, args = message
        try:
            reply: tuple[bool, Any] = (True, function(opener(), *args))
        except GovkgError as error:
            reply = (False, error)
        except Exception as error:
            reply = (False, ApiError(f"query failed: {type(error).__name__}: {error}"))
        try:
            connection.send(reply)
        except Exception as error:
            connection.send((False, ApiError(f"result could not be sent back: {error}")))


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    connection: Connection

    @classmethod
    def spawn(cls, opener: Callable[[], Any]) -> _Worker:
        parent, child = _CONTEXT.Pipe()
        process = _CONTEXT.Process(target=_serve, args=(child, opener), daemon=True, name="govkg-query")
        process.start()
        child.close()
        return cls(process, parent)

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
            self.process.join(timeout=5)
        with contextlib.suppress(Exception):
            self.connection.close()

    def rss(self) -> int:
        pid = self.process.pid
        if pid is None:
            return 0
        try:
            return int(psutil.Process(pid).memory_info().rss)
        except psutil.Error:
            return 0


class WorkerPool:
    """A fixed number of query processes shared by every request."""

    def __init__(self, opener: Callable[[], Any], size: int, memory_limit: int) -> None:
        self.opener = opener
        self.size = size
        self.memory_limit = memory_limit
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
        self._admissions: set[asyncio.Task[None]] = set()
        self.stopped = 0  # workers killed for time or memory, for /status and tests

    def start(self) -> None:
        for _ in range(self.size):
            self._add()

    def _add(self) -> None:
        worker = _Worker.spawn(self.opener)
        self._all.add(worker)
        task = asyncio.get_running_loop().create_task(self._admit(worker))
        self._admissions.add(task)
        task.add_done_callback(self._admissions.discard)

    async def _admit(self, worker: _Worker) -> None:
        """Hand the worker out only once it has started; a worker that cannot start is retried."""
        if await self._wait(worker, time.monotonic() + _START_SECONDS, check_memory=False) == "ready":
            try:
                ok, _ = await asyncio.to_thread(worker.connection.recv)
            except (EOFError, OSError):
                ok = False
            if ok:
                self._idle.put_nowait(worker)
                return
        self._all.discard(worker)
        worker.kill()
        await asyncio.sleep(5)
        self._add()

    def _replace(self, worker: _Worker) -> None:
        self._all.discard(worker)
        worker.kill()
        self.stopped += 1
        self._add()

    def close(self) -> None:
        for worker in list(self._all):
            with contextlib.suppress(Exception):
                worker.connection.send(None)
        for worker in list(self._all):
            worker.process.join(timeout=2)
            worker.kill()
        self._all.clear()

    def pids(self) -> list[int]:
        """Process ids of the live workers (the load benchmark sums their memory)."""
        return [w.process.pid for w in self._all if w.process.pid is not None]

    async def call(self, timeout: float, function: Callable[..., T], *args: Any) -> T:
        """``function(store, *args)`` in a worker; waiting for a worker counts against ``timeout``."""
        deadline = time.monotonic() + timeout
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout)
        except TimeoutError:
            raise OverloadedError(
                f"every query worker stayed busy for {timeout:g} s; try again later"
            ) from None
        try:
            worker.connection.send((function, args))
            ready = await self._wait(worker, deadline)
        except BaseException:
            self._replace(worker)  # cancelled (client gone) or broken: stop the work it was doing
            raise
        if ready == "timeout":
            self._replace(worker)
            raise QueryTimeoutError(f"the query ran longer than {timeout:g} s and was stopped")
        if ready == "memory":
            self._replace(worker)
            raise OverloadedError(
                f"the query needed more than {self.memory_limit // 2**20} MiB of memory and was stopped"
            )
        try:
            ok, value = await asyncio.to_thread(worker.connection.recv)
        except (EOFError, OSError):
            self._replace(worker)
            raise ApiError("the query worker died while answering") from None
        self._idle.put_nowait(worker)
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    async def _wait(self, worker: _Worker, deadline: float, check_memory: bool = True) -> str:
        """``"ready"``, ``"timeout"`` or ``"memory"``: whichever comes first."""
        loop = asyncio.get_running_loop()
        readable = loop.create_future()
        descriptor = worker.connection.fileno()
        loop.add_reader(descriptor, _settle, readable)
        try:
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return "timeout"
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(asyncio.shield(readable), min(remaining, _MEMORY_CHECK_SECONDS))
                    return "ready"
                if check_memory and self.memory_limit and worker.rss() > self.memory_limit:
                    return "memory"
        finally:
            loop.remove_reader(descriptor)
            if not readable.done():
                readable.cancel()
