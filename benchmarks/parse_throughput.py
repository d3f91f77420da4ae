"""Parse throughput on the bundled sample (both scripts) and, if present, the 55-document corpus.

Baselines measured in the same run: a regex pass that only finds parentheticals (a floor
no real parser reaches), and spaCy's blank ``zh`` pipeline over every character of the
notice (what sending the whole text to spaCy would cost).

Rates are per second of this process's CPU time, i.e. on one core: on a machine shared
with other work, wall-clock rates mostly measure the other work. Other work still slows
each CPU second (shared caches, a busy sibling hyper-thread), so beside the mean over the
whole run the best rate over short batches is shown: what the code does on a quiet core.

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
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ingest import parse
from ingest.script import to_simplified

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "corpus" / "hainan-2017-ipr-enforcement-plan.txt"
SHARED = REPO.parent / "shared" / "corpus" / "govcn-2019"
TARGET = 300.0  # notices per second on one core, for notices the size of the sample


def rate(work: Callable[[], object], seconds: float, per_call: int = 1) -> tuple[float, float]:
    """Calls per CPU second over at least ``seconds`` of CPU time (after one warm-up call),
    as the mean over the whole run and the best over batches of about a fiftieth of it."""
    work()
    calls = 0
    start = batch_start = time.process_time()
    batch_calls = 0
    best = 0.0
    while (elapsed := (now := time.process_time()) - start) < seconds:
        if now - batch_start >= seconds / 50:
            best = max(best, batch_calls / (now - batch_start))
            batch_start, batch_calls = now, 0
        work()
        calls += 1
        batch_calls += 1
    return calls * per_call / elapsed, max(best, calls / elapsed) * per_call


def spacy_loaded() -> str:
    return "yes" if "spacy" in sys.modules else "no"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    sample = SAMPLE.read_text(encoding="utf-8")
    simplified = to_simplified(sample)
    rows: list[tuple[str, float, float, str]] = []

    def measure(name: str, work: Callable[[], object], seconds: float, per_call: int = 1) -> None:
        mean, best = rate(work, seconds, per_call)
        rows.append((name, mean, best, spacy_loaded()))  # loaded by the end of the run

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
    reference = rows[0][1]
    print(f"{'what':50} {'notices/s':>10} {'vs parse':>9} {'best batch':>11} {'spaCy loaded':>13}")
    for name, value, best, loaded in rows:
        print(f"{name:50} {value:10.1f} {value / reference:8.2f}x {best:11.1f} {loaded:>13}")
    print(f"sample: {len(sample)} characters; target: >= {TARGET:.0f} notices/s on one core")
    for name, value, best, _ in (rows[0], rows[1], rows[-1]):
        verdict = "met" if value >= TARGET else "NOT met"
        print(
            f"{name}: {value:.1f} notices/s ({1000 / value:.2f} ms per notice), "
            f"best batch {best:.1f}: target {verdict} on the mean"
        )


if __name__ == "__main__":
    main()
