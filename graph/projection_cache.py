"""Projections are cached per store and per store version, so repeated requests don't recompute."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from graph.selectable import version_of

T = TypeVar("T")


class ProjectionCache:
    """Built projections, per store object and per its ``version()``.

    Entries of older versions are dropped as soon as a newer version is seen, so a
    long-running service holds one generation per store. Stores are held weakly.
    """

    def __init__(self, per_store: int = 64) -> None:
        self.per_store = per_store
        self._entries: weakref.WeakKeyDictionary[object, dict[Hashable, Any]] = weakref.WeakKeyDictionary()
        self.builds = 0

    def get(self, source: object, key: Hashable, build: Callable[[], T]) -> T:
        version = version_of(source)
        if version is None:
            self.builds += 1
            return build()
        try:
            entries = self._entries.setdefault(source, {})
        except TypeError:  # not weak-referenceable: never cached
            self.builds += 1
            return build()
        if entries.get("version") != version:
            entries.clear()
            entries["version"] = version
        if key not in entries:
            if len(entries) > self.per_store:
                entries.pop(next(k for k in entries if k != "version"))
            self.builds += 1
            entries[key] = build()
        result: T = entries[key]
        return result

    def peek(self, source: object, key: Hashable) -> Any | None:
        """The projection under ``key`` if one is built for ``source``'s current version, else ``None``
        (nothing is built)."""
        version = version_of(source)
        try:
            entries = self._entries.get(source)
        except TypeError:  # not weak-referenceable: never cached
            return None
        if version is None or entries is None or entries.get("version") != version:
            return None
        return entries.get(key)

    def clear(self) -> None:
        self._entries.clear()


CACHE = ProjectionCache()


def clear_cache() -> None:
    """Forget every cached projection (tests, or after changing an unversioned store)."""
    CACHE.clear()
