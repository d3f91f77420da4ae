"""SHACL validation time for the bundled sample: the current shapes against a baseline.

The baseline is ``ontology/shapes.ttl`` as of an older commit (by default the first version,
whose SPARQL constraints pyshacl runs once per focus node), read from git history in the same
run and validated against the same data graph. Also prints the time per node shape and the
effect of pyshacl's options.

    python benchmarks/shacl.py                       # sample, baseline, options
    python benchmarks/shacl.py --copies 20 --baseline none --split
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pyshacl import validate
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SH

import ingest
from graph.rdf import notice_graph
from ontology import GOVKG, SHAPES_TTL

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "hainan-2017-ipr-enforcement-plan.txt"
FIRST_SHAPES = "1d5786d"  # the commit that added ontology/shapes.ttl (one query per focus node)


def sample_union(copies: int) -> Graph:
    """The sample as ``copies`` distinct notices in one graph (numbers 琼府办〔2017〕1000号 and up)."""
    doc = ingest.read_file(SAMPLE)
    union = Graph()
    for i in range(copies):
        if copies > 1:
            number = f"琼府办〔2017〕{1000 + i}号"
            header = dataclasses.replace(doc.header, doc_number=number)
            source = dataclasses.replace(doc.source, sha256=hashlib.sha256(number.encode()).hexdigest())
            doc = dataclasses.replace(doc, header=header, source=source)
        union += notice_graph(doc)
    return union


def shapes_at(revision: str) -> Graph:
    text = subprocess.run(
        ["git", "show", f"{revision}:ontology/shapes.ttl"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return Graph().parse(data=text, format="turtle")


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


REPEAT = 3


def run(data: Graph, shapes: Graph, repeat: int | None = None, **options: Any) -> tuple[float, bool]:
    """The fastest of ``repeat`` validations (seconds) and the verdict."""
    settings: dict[str, Any] = {"inference": "none", "advanced": True, **options}
    best, conforms = float("inf"), False
    for _ in range(repeat or REPEAT):
        seconds, (verdict, _, _) = timed(lambda: validate(data, shacl_graph=shapes, **settings))
        best, conforms = min(best, seconds), bool(verdict)
    return best, conforms


def split(data: Graph, shapes: Graph, label: str, repeat: int | None = None) -> None:
    """Time each node shape alone (pyshacl's use_shapes), slowest first."""
    rows = []
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)):
        assert isinstance(shape, URIRef)
        seconds, _ = run(data, shapes, repeat, use_shapes=[shape])
        rows.append((seconds, shape.split("#")[-1], sum(1 for _ in shapes.objects(shape, SH.sparql))))
    print(f"  {label}: per node shape (each run alone; includes pyshacl's fixed start-up)")
    for seconds, name, sparql in sorted(rows, reverse=True):
        print(f"    {seconds:8.3f} s  {name:22} {sparql} SPARQL constraint(s)")


def corrupted(data: Graph) -> Graph:
    """The data with one task's lead shortcut removed: an assignment without its shortcut."""
    broken = Graph()
    broken += data
    task, _, agency = next(iter(broken.triples((None, GOVKG.leadAgency, None))))
    broken.remove((task, GOVKG.leadAgency, agency))
    return broken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1, help="notices in the validated union (default 1)")
    parser.add_argument(
        "--baseline", default=FIRST_SHAPES, help="git revision of the baseline shapes, or 'none'"
    )
    parser.add_argument("--split", action="store_true", help="also time each node shape alone")
    args = parser.parse_args()

    data = sample_union(args.copies)
    current = Graph().parse(SHAPES_TTL, format="turtle")
    print(f"data: {args.copies} notice(s), {len(data)} triples; best of {REPEAT} runs after a warm-up run")
    run(data, current, repeat=1)  # imports, SPARQL grammar and caches
    seconds, conforms = run(data, current)
    print(f"  current shapes           {seconds:8.3f} s  conforms={conforms}")
    if args.baseline != "none":
        base_seconds, base_conforms = run(data, shapes_at(args.baseline), repeat=1)
        print(f"  baseline ({args.baseline})       {base_seconds:8.3f} s  conforms={base_conforms}")
        print(f"  speed-up                 {base_seconds / seconds:8.1f} x")

    print("  pyshacl options, current shapes:")
    for label, options in [
        ("advanced=False (no data graph clone)", {"advanced": False}),
        ("meta_shacl=True (shapes checked too)", {"meta_shacl": True}),
    ]:
        seconds, conforms = run(data, current, **options)
        print(f"    {seconds:8.3f} s  {label}  conforms={conforms}")
    broken = corrupted(data)
    for label, options in [
        ("one violation", {}),
        ("one violation, abort_on_first", {"abort_on_first": True}),
    ]:
        seconds, conforms = run(broken, current, **options)
        print(f"    {seconds:8.3f} s  {label}  conforms={conforms}")

    if args.split:
        split(data, current, "current")
        if args.baseline != "none":
            split(data, shapes_at(args.baseline), f"baseline {args.baseline} (one run each)", repeat=1)


if __name__ == "__main__":
    main()
