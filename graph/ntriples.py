"""N-Triples text written without building an rdflib ``Graph``, or rdflib terms at all.

Ingest writes every notice as N-Triples; going through ``Graph.add`` and rdflib's serializer,
or even building ``Literal`` objects, costs more than parsing the notice. :func:`iri_term` and
:func:`string_term` render terms from plain strings (what :mod:`graph.rdf` writes notices
with); :func:`ntriples` writes ``(subject, predicate, object)`` tuples of rdflib terms.

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
        return iri_term(str(node))
    if isinstance(node, Literal):
        datatype = None if node.datatype is None else str(node.datatype)
        return string_term(str(node), node.language, datatype)
    if isinstance(node, BNode):
        return f"_:{node}"
    raise TypeError(f"not an RDF term: {node!r}")


def string_term(value: str, language: str | None = None, datatype: str | None = None) -> str:
    """A literal in N-Triples syntax from its lexical form (what ingest writes, without rdflib objects).

    >>> print(string_term('say "hi"', "zh-Hans"), string_term("7", datatype=XSD_STRING))
    "say \\"hi\\""@zh-Hans "7"
    """
    if _NEEDS_STRING_ESCAPE.search(value):
        value = value.translate(_STRING_ESCAPES)
    if language:
        return f'"{value}"@{language}'
    if datatype is not None and datatype != XSD_STRING:
        return f'"{value}"^^{iri_term(datatype)}'
    return f'"{value}"'


@lru_cache(maxsize=65536)
def iri_term(value: str) -> str:
    """An IRI in N-Triples syntax; IRIs repeat within and across notices (predicates, agencies, types)."""
    return f"<{value.translate(_IRI_ESCAPES) if _NEEDS_IRI_ESCAPE.search(value) else value}>"


def ntriples(triples: Iterable[Triple]) -> str:
    """The statements as N-Triples text, each once, in first-seen order."""
    lines = dict.fromkeys(f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in triples)
    return "".join(lines)


def as_nquads(ntriples: str, graph: str, skip: str = "") -> str:
    """N-Triples text as N-Quads in ``graph`` (an N-Triples IRI), less lines starting with ``skip``.

    Only ``\\n`` ends a line: literals keep U+2028, U+0085 or a form feed unescaped, which
    ``str.splitlines`` would take for line ends, cutting a statement in two.

    >>> as_nquads("<a> <p> <b> .\\n<a> <q> <c> .\\n", "<g>", skip="<a> <q>")
    '<a> <p> <b> <g> .\\n'
    >>> as_nquads('<a> <p> "x\\u2028y" .', "<g>") == '<a> <p> "x\\u2028y" <g> .\\n'
    True
    """
    text = "\n" + (ntriples if ntriples.endswith("\n") else ntriples + "\n")
    if skip:
        text = _without_lines(text, "\n" + skip)
    # every statement line ends " .": the graph goes before that end
    return "" if text.isspace() else text[1:].replace(" .\n", f" {graph} .\n")


def _without_lines(text: str, start: str) -> str:
    """``text`` less the lines that begin with ``start`` (which begins with the LF before them)."""
    kept: list[str] = []
    done = 0
    while (found := text.find(start, done)) >= 0:
        kept.append(text[done:found])
        done = text.index("\n", found + 1)
    kept.append(text[done:])
    return "".join(kept)
