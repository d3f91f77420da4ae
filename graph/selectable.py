"""Anything that answers SPARQL SELECT, seen through one narrow interface.

The projections, metrics and name lookups only ever ask SELECT queries, so they
accept any object with ``select(sparql) -> list[dict]`` (every store backend) and,
through :func:`as_selectable`, a plain rdflib ``Graph`` or ``Dataset``. Backends
return row values in their own types (rdflib terms, pyoxigraph terms, strings,
SPARQL-JSON dicts); :func:`text` and :func:`integer` read all of them alike.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping
from functools import cache
from importlib import resources
from typing import Any, Protocol, runtime_checkable

from rdflib import Dataset, Graph
from rdflib.graph import ConjunctiveGraph

Row = Mapping[str, Any]


@runtime_checkable
class Selectable(Protocol):
    """The one capability a projection needs from a store."""

    def select(self, sparql: str) -> list[dict[str, Any]]: ...


class RdflibSelectable:
    """Lets an in-memory rdflib graph stand in for a store.

    A ``Dataset`` is queried over the union of its named graphs, as the stores do.
    It has no version, so projections built from it are never cached.
    """

    def __init__(self, graph: Graph) -> None:
        if isinstance(graph, Dataset | ConjunctiveGraph) and not graph.default_union:
            graph = Dataset(store=graph.store, default_union=True)
        self.graph = graph

    def select(self, sparql: str) -> list[dict[str, Any]]:
        return [{str(k): v for k, v in row.asdict().items()} for row in self.graph.query(sparql)]  # type: ignore[union-attr]

    def version(self) -> Hashable | None:
        return None


def as_selectable(source: Selectable | Graph) -> Selectable:
    """The source itself when it can ``select``; an adapter around an rdflib graph.

    >>> as_selectable(Graph()).select("SELECT ?s WHERE { ?s ?p ?o }")
    []
    """
    if isinstance(source, Graph):
        return RdflibSelectable(source)
    if isinstance(source, Selectable):
        return source
    raise TypeError(f"expected a store with select() or an rdflib Graph, got {type(source).__name__}")


def version_of(source: object) -> Hashable | None:
    """The store's data version, or ``None`` when it cannot tell (then nothing is cached)."""
    version = getattr(source, "version", None)
    if not callable(version):
        return None
    value = version()
    return value if isinstance(value, Hashable) else None


def text(value: object) -> str | None:
    """The lexical form of a row value (IRI or literal) from any backend.

    >>> from rdflib import Literal, URIRef
    >>> text(URIRef("https://example.org/a")), text(Literal(3)), text(None)
    ('https://example.org/a', '3', None)
    """
    if value is None:
        return None
    if isinstance(value, Mapping):
        inner = value.get("value")
        return None if inner is None else str(inner)
    if isinstance(value, str):
        return str(value)
    inner = getattr(value, "value", None)
    return str(inner) if inner is not None else str(value)


def integer(value: object, default: int = 0) -> int:
    """A count or number from a row value; ``default`` when unbound."""
    lexical = text(value)
    return default if lexical is None else int(float(lexical))


def language(value: object) -> str | None:
    """The language tag of a literal row value, lower-cased, when the backend keeps it."""
    tag = value.get("xml:lang") if isinstance(value, Mapping) else getattr(value, "language", None)
    return str(tag).lower() if tag else None


@cache
def query_text(name: str) -> str:
    """A SPARQL query kept as a data file in ``graph/network_queries``."""
    return resources.files("graph").joinpath("network_queries", f"{name}.rq").read_text(encoding="utf-8")


_FILTERS = re.compile(r"^[ \t]*#\{filters\}[ \t]*$", re.MULTILINE)


def query(name: str, filters: str = "") -> str:
    """The named query with its ``#{filters}`` line replaced by extra graph patterns."""
    return _FILTERS.sub(lambda _: filters, query_text(name))
