"""RDF terms across the three libraries a store touches: pyoxigraph, rdflib, SPARQL JSON.

Callers of a store only ever see rdflib terms, whatever the backend.

>>> term_from_json({"type": "literal", "value": "海关", "xml:lang": "zh-Hans"})
rdflib.term.Literal('海关', lang='zh-Hans')
>>> from_ox(ox.NamedNode("https://w3id.org/govkg/id/agency/customs"))
rdflib.term.URIRef('https://w3id.org/govkg/id/agency/customs')
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

Row = dict[str, Node]
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def language_tag(tag: str) -> str:
    """BCP 47 case (``zh-Hans``, ``en-GB``): oxigraph lower-cases tags, rdflib keeps them as written.

    >>> language_tag("zh-hans"), language_tag("EN-gb")
    ('zh-Hans', 'en-GB')
    """
    parts = tag.split("-")
    fixed = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            fixed.append(part.title())
        elif len(part) == 2 and part.isalpha():
            fixed.append(part.upper())
        else:
            fixed.append(part.lower())
    return "-".join(fixed)


def with_language_case(graph: Graph) -> Graph:
    """``graph`` with every language tag in BCP 47 case (rdflib compares and hashes tags as written)."""
    fixed = Graph(namespace_manager=graph.namespace_manager)
    for s, p, o in graph:
        if isinstance(o, Literal) and o.language:
            o = Literal(str(o), lang=language_tag(o.language))
        fixed.add((s, p, o))
    return fixed


def from_ox(term: Any) -> Node:
    """An rdflib term for a pyoxigraph term."""
    kind = type(term)
    if kind is ox.NamedNode:
        return _iri(term.value)
    if kind is ox.Literal:
        language, value = term.language, term.value
        datatype = None if language else term.datatype.value
        if len(value) > _CACHED_LENGTH:  # texts: rarely repeated, and too big to keep
            return _literal.__wrapped__(value, language, datatype)
        return _literal(value, language, datatype)
    if kind is ox.BlankNode:
        return BNode(term.value)
    raise TypeError(f"unsupported term {term!r}")


_CACHED_LENGTH = 200


@lru_cache(maxsize=262144)
def _iri(value: str) -> URIRef:
    """Results repeat the same IRIs row after row; building an rdflib term costs more than the lookup."""
    return URIRef(value)


@lru_cache(maxsize=262144)
def _literal(value: str, language: str | None, datatype: str | None) -> Literal:
    """Literals repeat too (counts, roles, labels); rdflib parses each one it builds."""
    if language:
        return Literal(value, lang=language_tag(language))
    return Literal(value, datatype=None if datatype == XSD_STRING else URIRef(datatype or XSD_STRING))


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """A pyoxigraph term for an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term {term!r}")


def rows_from_ox(solutions: ox.QuerySolutions) -> list[Row]:
    """SELECT solutions as dicts of rdflib terms; unbound variables are left out."""
    names = [variable.value for variable in solutions.variables]
    rows: list[Row] = []
    for solution in solutions:
        row: Row = {}
        for index, name in enumerate(names):
            value = solution[index]
            if value is not None:
                row[name] = from_ox(value)
        rows.append(row)
    return rows


def term_from_json(binding: dict[str, str]) -> Node:
    """An rdflib term for one SPARQL 1.1 Results JSON binding."""
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    language = binding.get("xml:lang")
    datatype = binding.get("datatype")
    if language:
        return Literal(value, lang=language_tag(language))
    if datatype and datatype not in (XSD_STRING, RDF_LANG_STRING):
        return Literal(value, datatype=URIRef(datatype))
    return Literal(value)


def rows_from_json(payload: bytes) -> tuple[list[str], list[Row]]:
    """Variables and rows of a SPARQL 1.1 Results JSON document."""
    document = json.loads(payload)
    names = list(document["head"].get("vars", []))
    rows = [
        {name: term_from_json(binding) for name, binding in solution.items()}
        for solution in document["results"]["bindings"]
    ]
    return names, rows


def term_to_json(term: Node) -> dict[str, str]:
    """One SPARQL 1.1 Results JSON binding for an rdflib term."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        binding = {"type": "literal", "value": str(term)}
        if term.language:
            binding["xml:lang"] = term.language
        elif term.datatype is not None:
            binding["datatype"] = str(term.datatype)
        return binding
    raise TypeError(f"unsupported term {term!r}")


def rows_to_json(names: Iterable[str], rows: Iterable[Mapping[str, Node | None]]) -> bytes:
    """A SPARQL 1.1 Results JSON document (variables in the given order)."""
    bindings = [
        {name: term_to_json(value) for name, value in row.items() if value is not None} for row in rows
    ]
    document = {"head": {"vars": list(names)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False).encode("utf-8")
