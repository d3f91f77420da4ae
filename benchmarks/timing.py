"""Timing a call the way the small benchmark scripts report it."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def median_after_warm_up(call: Callable[[], T], repeat: int) -> tuple[float, T]:
    """The median seconds of ``repeat`` timed calls, and what the untimed first call returned:
    a script that also prints the answer's size need not ask a slow question once more for it."""
    answer = call()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times), answer
