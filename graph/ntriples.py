"""N-Triples text written straight from rdflib terms, without building an rdflib ``Graph``.

Ingest writes every notice as N-Triples; going through ``Graph.add`` and rdflib's serializer
costs more than parsing the notice. This writes the same statements (the tests compare
both ways) from plain ``(subject, predicate, object)`` tuples of ``URIRef``/``BNode``/``Literal``.

>>> from rdflib import Literal, URIRef
>>> a, p = URIRef("https://e.org/a"), URIRef("https://e.org/p")
>>> print(ntriples([(a, p, Literal('say "hi"\\n', lang="en"))]), end="")
<https://e.org/a> <https://e.org/p> "say \\"hi\\"\\n"@en .
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

Triple = tuple[Node, Node, Node]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
# N-Triples IRIREF may not hold these; percent-free IRIs from graph.iris never do, foreign ones might.
_IRI_ESCAPES = {ord(ch): f"\\u{ord(ch):04X}" for ch in '<>"{}|^`\\ '} | {
    code: f"\\u{code:04X}" for code in range(0x21)
}
_STRING_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r"}
_NEEDS_IRI_ESCAPE = re.compile(r'[<>"{}|^`\\\x00-\x20]')
_NEEDS_STRING_ESCAPE = re.compile(r'[\\"\n\r]')


def term(node: Node) -> str:
    """One term in N-Triples syntax.

    >>> from rdflib import XSD
    >>> term(Literal(3)), term(Literal("2017-05-27", datatype=XSD.date))
    ('"3"^^<http://www.w3.org/2001/XMLSchema#integer>', '"2017-05-27"^^<http://www.w3.org/2001/XMLSchema#date>')
    """
    if isinstance(node, URIRef):
        return _iri(str(node))
    if isinstance(node, Literal):
        value = str(node)
        if _NEEDS_STRING_ESCAPE.search(value):
            value = value.translate(_STRING_ESCAPES)
        if node.language:
            return f'"{value}"@{node.language}'
        if node.datatype is not None and str(node.datatype) != XSD_STRING:
            return f'"{value}"^^{_iri(str(node.datatype))}'
        return f'"{value}"'
    if isinstance(node, BNode):
        return f"_:{node}"
    raise TypeError(f"not an RDF term: {node!r}")


@lru_cache(maxsize=65536)
def _iri(value: str) -> str:
    """IRIs repeat within and across notices (predicates, agencies, types), so they are cached."""
    return f"<{value.translate(_IRI_ESCAPES) if _NEEDS_IRI_ESCAPE.search(value) else value}>"


def ntriples(triples: Iterable[Triple]) -> str:
    """The statements as N-Triples text, each once, in first-seen order."""
    lines = dict.fromkeys(f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in triples)
    return "".join(lines)


def nquads(triples: Iterable[Triple], graph: Node) -> str:
    """The statements as N-Quads text in ``graph``, each once (what a bulk loader reads)."""
    name = term(graph)
    lines = dict.fromkeys(f"{term(s)} {term(p)} {term(o)} {name} .\n" for s, p, o in triples)
    return "".join(lines)
