"""Parse throughput on the bundled sample (both scripts) and, if present, the 55-document corpus.

Baselines measured in the same run: a regex pass that only finds parentheticals (a floor
no real parser reaches), and spaCy's blank ``zh`` pipeline over every character of the
notice (what sending the whole text to spaCy would cost).

    python benchmarks/parse_throughput.py [--seconds 3]
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from ingest import parse
from ingest.script import to_simplified

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "corpus" / "hainan-2017-ipr-enforcement-plan.txt"
SHARED = REPO.parent / "shared" / "corpus" / "govcn-2019"


def rate(work: Callable[[], object], seconds: float, per_call: int = 1) -> float:
    """Calls per second over at least ``seconds`` (after one warm-up call)."""
    work()
    calls = 0
    start = time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        work()
        calls += 1
    return calls * per_call / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    sample = SAMPLE.read_text(encoding="utf-8")
    simplified = to_simplified(sample)
    blank = spacy.blank("zh")
    rows = [
        ("govkg parse, sample (zh-Hant)", rate(lambda: parse(sample), args.seconds)),
        ("govkg parse, sample (zh-Hans)", rate(lambda: parse(simplified), args.seconds)),
        (
            "baseline: regex finds parentheticals",
            rate(lambda: re.findall(r"[(（][^()（）]*[)）]", sample), 1),
        ),
        ("baseline: blank zh spaCy over whole text", rate(lambda: blank(sample), args.seconds)),
    ]
    if SHARED.is_dir():
        texts = [p.read_text(encoding="utf-8") for p in sorted(SHARED.glob("*.txt"))]
        rows.append(
            (
                f"govkg parse, {len(texts)} State Council documents",
                rate(lambda: [parse(t) for t in texts], args.seconds, len(texts)),
            )
        )
    else:
        print(f"(no {SHARED}: corpus row skipped)")
    reference = rows[0][1]
    print(f"{'what':48} {'notices/s':>10} {'vs parse':>9}")
    for name, value in rows:
        print(f"{name:48} {value:10.1f} {value / reference:8.2f}x")
    print(f"sample: {len(sample)} characters; target: >= 300 notices/s on one core")


if __name__ == "__main__":
    main()
