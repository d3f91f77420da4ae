"""Where an ingest's CPU goes: seconds per thread of the writing process, and of the parsers.

Runs ``govkg ingest DIR --store STORE --jobs J --batch B --quiet`` and reads ``/proc`` once a
second: each thread's CPU time by name (``rocksdb:low`` are RocksDB's compaction threads,
``govkg`` the writer's own and its loader's), the parsing processes' together, and the
writer's peak resident memory. Linux only.

    python benchmarks/ingest_threads.py DIR --batch 64 --store /tmp/threads-store
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(stat_path: Path) -> tuple[str, float] | None:
    """(name, user + system seconds) from a ``/proc/.../stat`` file, or ``None`` once it is gone."""
    try:
        stat = stat_path.read_text()
    except OSError:
        return None
    name = stat[stat.index("(") + 1 : stat.rindex(")")]
    fields = stat[stat.rindex(")") + 2 :].split()
    return name, (int(fields[11]) + int(fields[12])) / _TICK


def _descendants(pid: int) -> list[int]:
    try:
        children = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
    return children + [d for child in children for d in _descendants(child)]


def _peak_rss_mb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("corpus", type=Path, help="folder of notices")
    parser.add_argument("--store", type=Path, default=Path("/tmp/govkg-threads-store"), help="replaced first")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--batch", type=int, default=64)
    args = parser.parse_args()
    shutil.rmtree(args.store, ignore_errors=True)
    Path(f"{args.store}.tasks.sqlite").unlink(missing_ok=True)
    govkg = Path(sys.executable).with_name("govkg")
    command = [str(govkg), "ingest", str(args.corpus), "--store", str(args.store), "--quiet"]
    command += ["--jobs", str(args.jobs), "--batch", str(args.batch)]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    seen: dict[str, tuple[str, float]] = {}  # last reading per thread or process
    peak = 0
    while process.poll() is None:
        for task in Path(f"/proc/{process.pid}/task").glob("*"):
            reading = _cpu_seconds(task / "stat")
            if reading is not None:
                seen[f"t{task.name}"] = reading
        for pid in _descendants(process.pid):
            reading = _cpu_seconds(Path(f"/proc/{pid}/stat"))
            if reading is not None:
                seen[f"p{pid}"] = ("parsing processes", reading[1])
        peak = max(peak, _peak_rss_mb(process.pid))
        time.sleep(1.0)
    wall = time.perf_counter() - start
    totals: dict[str, float] = defaultdict(float)
    for name, seconds in seen.values():
        totals[name] += seconds
    print(f"exit {process.returncode}; wall {wall:.1f} s; writer peak RSS {peak:,} MB (batch {args.batch})")
    for name, seconds in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"  {name:20s} {seconds:8.1f} CPU s")


if __name__ == "__main__":
    main()
