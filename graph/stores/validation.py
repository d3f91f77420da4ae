"""SHACL validation of a whole store against ``ontology/shapes.ttl``.

The union graph is validated without inference: the shapes hold for one notice graph or
the union of many, and the notice mapping materialises every type a shape targets.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SH

from graph.store import Store, StoreError
from ontology import SHAPES_TTL


class ShapeViolationError(StoreError):
    """The store holds data that breaks the SHACL shapes."""

    code = "E026"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """pyshacl's verdict and its readable report."""

    conforms: bool
    violations: int
    text: str


def validate_store(store: Store, shapes: Path = SHAPES_TTL) -> ValidationReport:
    """Validate the union of every notice graph; never raises for violations, only reports them."""
    from pyshacl import validate  # slow to import; only this command needs it

    if not shapes.is_file():
        raise StoreError(f"E020: shapes file {shapes} not found")
    shapes_graph = Graph().parse(shapes, format="turtle")
    data = Graph()
    data.parse(data=store.dump("nt"), format="nt")
    # ``data`` is a throw-away copy of the store: pyshacl need not copy it again.
    conforms, results, text = validate(
        data, shacl_graph=shapes_graph, inference="none", advanced=True, inplace=True
    )
    violations = len(list(results.subjects(predicate=SH.resultSeverity))) if isinstance(results, Graph) else 0
    return ValidationReport(bool(conforms), violations, str(text))
