"""Parse throughput on the bundled sample (both scripts) and, if present, the 55-document corpus.

Baselines measured in the same run: a regex pass that only finds parentheticals (a floor
no real parser reaches), and spaCy's blank ``zh`` pipeline over every character of the
notice (what sending the whole text to spaCy would cost).

Rates are per second of this process's CPU time, i.e. on one core: on a machine shared
with other work, wall-clock rates mostly measure the other work. Other work still slows
each CPU second (shared caches, a busy sibling hyper-thread, a neighbour on the same host):
on a virtual machine the same parse can take 2.5 ms for a stretch of calls and 5 ms for the
next. So each call is timed on its own and three rates are shown: the mean over the whole
run, the median call (the verdict: what a typical call costs, unmoved by the slow stretches)
and the best short batch. A fixed pure-Python loop is timed between the calls; its median
over its fastest call says how much slower than its quiet state the host ran meanwhile.

The parser imports spaCy only for a parenthetical naming an unregistered agency, and the
sample names none, so the sample rows run first, in a process without spaCy. Once spaCy
is loaded (one corpus document needs it; the baseline needs it) every full garbage
collection walks its objects too; the last row measures the sample again in that state.

    python benchmarks/parse_throughput.py [--seconds 3]
"""

from __future__ import annotations

import argparse
import importlib
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ingest import parse
from ingest.script import to_simplified

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "corpus" / "hainan-2017-ipr-enforcement-plan.txt"
SHARED = REPO.parent / "shared" / "corpus" / "govcn-2019"
TARGET = 300.0  # notices per second on one core, for notices the size of the sample


@dataclass(frozen=True, slots=True)
class Rate:
    """Calls per CPU second: over the whole run, at the median call, and in the best short batch;
    ``drift`` is the calibration loop's median time over its fastest (1.0 on a quiet host)."""

    mean: float
    median: float
    best: float
    drift: float


def rate(work: Callable[[], object], seconds: float, per_call: int = 1) -> Rate:
    """``work``'s rates over at least ``seconds`` of CPU time (after one warm-up call), with the
    calibration loop timed after every call; batches are about a fiftieth of the run."""
    work()
    times: list[float] = []
    drift: list[float] = []
    spent = 0.0
    while spent < seconds:
        start = time.process_time()
        work()
        middle = time.process_time()
        _calibration()
        drift.append(time.process_time() - middle)
        times.append(middle - start)
        spent += time.process_time() - start
    return Rate(
        mean=len(times) * per_call / sum(times),
        median=per_call / statistics.median(times),
        best=_best_batch(times, seconds / 50) * per_call,
        drift=statistics.median(drift) / min(drift),
    )


def _best_batch(times: list[float], length: float) -> float:
    """The highest calls per second over consecutive calls adding up to at least ``length``."""
    best, calls, spent = len(times) / sum(times), 0, 0.0
    for seconds in times:
        calls, spent = calls + 1, spent + seconds
        if spent >= length:
            best, calls, spent = max(best, calls / spent), 0, 0.0
    return best


def _calibration() -> int:
    """A fixed piece of pure-Python work (about half a millisecond), to watch the host's speed."""
    total = 0
    for number in range(20_000):
        total += number * number
    return total


def spacy_loaded() -> str:
    return "yes" if "spacy" in sys.modules else "no"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    sample = SAMPLE.read_text(encoding="utf-8")
    simplified = to_simplified(sample)
    rows: list[tuple[str, Rate, str]] = []

    def measure(name: str, work: Callable[[], object], seconds: float, per_call: int = 1) -> None:
        rows.append((name, rate(work, seconds, per_call), spacy_loaded()))  # loaded by the end

    measure("govkg parse, sample (zh-Hant)", lambda: parse(sample), args.seconds)
    measure("govkg parse, sample (zh-Hans)", lambda: parse(simplified), args.seconds)
    if SHARED.is_dir():
        texts = [p.read_text(encoding="utf-8") for p in sorted(SHARED.glob("*.txt"))]
        measure(
            f"govkg parse, {len(texts)} State Council documents",
            lambda: [parse(t) for t in texts],
            args.seconds,
            len(texts),
        )
    else:
        print(f"(no {SHARED}: corpus row skipped)")
    measure("baseline: regex finds parentheticals", lambda: re.findall(r"[(（][^()（）]*[)）]", sample), 1)
    blank = importlib.import_module("spacy").blank("zh")
    measure("baseline: blank zh spaCy over whole text", lambda: blank(sample), args.seconds)
    measure("govkg parse, sample (zh-Hant), spaCy in process", lambda: parse(sample), args.seconds)
    reference = rows[0][1].median
    print(
        f"{'what':50} {'median/s':>9} {'vs parse':>9} {'mean/s':>8} {'best batch':>11} "
        f"{'host drift':>11} {'spaCy loaded':>13}"
    )
    for name, r, loaded in rows:
        print(
            f"{name:50} {r.median:9.1f} {r.median / reference:8.2f}x {r.mean:8.1f} {r.best:11.1f} "
            f"{r.drift:10.2f}x {loaded:>13}"
        )
    print(f"sample: {len(sample)} characters; target: >= {TARGET:.0f} notices/s on one core")
    for name, r, _ in (rows[0], rows[1], rows[-1]):
        verdict = "met" if r.median >= TARGET else "NOT met"
        print(
            f"{name}: {r.median:.1f} notices/s at the median call ({1000 / r.median:.2f} ms), "
            f"mean {r.mean:.1f}, best batch {r.best:.1f}, host drift {r.drift:.2f}x: target {verdict}"
        )


if __name__ == "__main__":
    main()
