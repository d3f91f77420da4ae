"""Exact matching of registry names, the fast pass before spaCy.

Every registry name key is found wherever it occurs, overlapping occurrences
included, exactly as the spaCy PhraseMatcher over one-character tokens finds it
(a test holds the two to the same answers). Candidates are indexed by first
character, so a stretch costs one dictionary lookup per character.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from ingest.agencies import registry


class NameMatcher:
    """Finds every occurrence of a fixed set of names.

    >>> NameMatcher(["省公安厅", "公安厅", "公安部"]).spans("省公安厅和公安部")
    [(0, 4), (1, 4), (5, 8)]
    """

    __slots__ = ("_by_first",)

    def __init__(self, names: Iterable[str]) -> None:
        by_first: dict[str, list[str]] = {}
        for name in sorted(set(names), key=len):
            if name:
                by_first.setdefault(name[0], []).append(name)
        self._by_first = {first: tuple(found) for first, found in by_first.items()}

    def spans(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """``(start, end)`` of every name inside ``text[start:end]``, by start, then end."""
        stop = len(text) if end is None else end
        by_first = self._by_first
        found: list[tuple[int, int]] = []
        for at in range(start, stop):
            candidates = by_first.get(text[at])
            if candidates is None:
                continue
            for name in candidates:
                after = at + len(name)
                if after <= stop and text.startswith(name, at):
                    found.append((at, after))
        return found


@lru_cache(maxsize=1)
def name_matcher() -> NameMatcher:
    """The matcher over every registry name key (both scripts fold to the one key)."""
    return NameMatcher(registry().keys())
