"""What the public endpoint refuses to run, decided by parsing the request.

The query operation never writes: SPARQL Update (INSERT, DELETE, LOAD, CLEAR,
DROP, CREATE, ...) is recognised by parsing the text as an update, and refused
with its own message. Federation (``SERVICE``) is found in the parse tree and
refused unless its IRI is on the allow-list; a ``SERVICE ?var`` is always
refused, since its target is unknown before it runs.

rdflib's parser is a recursive descent one and gives up on very long queries
(RecursionError) or, rarely, on valid syntax oxigraph accepts. Such queries are
not refused for that alone: oxigraph's parser (which cannot run updates through
the query operation) decides on syntax, and a lexer-level scan that skips
strings, IRIs and comments still finds any ``SERVICE`` keyword.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

from api.errors import MalformedQueryError, QueryRefusedError

QUERY_FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}

# Tokens that cannot hold a keyword: strings (long and short), IRIs, comments.
_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*",
    re.DOTALL,
)
_SERVICE = re.compile(r"(?<![\w:?$-])SERVICE(?![\w:-])", re.IGNORECASE)


def check_query(text: str, allowlist: tuple[str, ...] = ()) -> str | None:
    """The query form (``SELECT``…) of a query the endpoint may run, else an error.

    Returns ``None`` when rdflib cannot parse the text but it is not an update and
    holds no ``SERVICE``: the store's own parser then has the last word.

    >>> check_query("SELECT * WHERE { ?s ?p ?o }")
    'SELECT'
    >>> check_query("DROP ALL")
    Traceback (most recent call last):
    ...
    api.errors.QueryRefusedError: updates (DROP) are not accepted here: this endpoint is read-only
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = _deep(parseQuery, text)
    except ParseException as error:
        _refuse_update(text)
        _refuse_service_lexically(text, allowlist)
        if _looks_like_query(text):
            return None
        raise MalformedQueryError(f"malformed query: {_explain(error)}") from None
    except RecursionError:
        _refuse_service_lexically(text, allowlist)
        return None
    for service, silent in _services(tree):
        _allow_service(service, allowlist, silent)
    return QUERY_FORMS.get(tree[1].name)


def _deep(function: Any, text: str) -> Any:
    """Run rdflib's parser with room for nesting, but bounded."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 4000))
    try:
        return function(text)
    finally:
        sys.setrecursionlimit(limit)


def _refuse_update(text: str) -> None:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        update = _deep(parseUpdate, text)
    except (ParseException, RecursionError):
        return
    operations = [getattr(op, "name", "update") for op in update.get("request", [])]
    names = ", ".join(sorted({_operation_name(name) for name in operations})) or "update"
    raise QueryRefusedError(f"updates ({names}) are not accepted here: this endpoint is read-only")


def _operation_name(name: str) -> str:
    words = {"InsertData": "INSERT DATA", "DeleteData": "DELETE DATA", "DeleteWhere": "DELETE WHERE"}
    return words.get(name, "INSERT/DELETE" if name == "Modify" else name.upper())


def _looks_like_query(text: str) -> bool:
    """Whether the text starts (after its prologue) with a query keyword; else it is not SPARQL."""
    stripped = _OPAQUE.sub(" ", text)
    return re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", stripped, re.IGNORECASE) is not None


def _refuse_service_lexically(text: str, allowlist: tuple[str, ...]) -> None:
    if _SERVICE.search(_OPAQUE.sub(" ", text)):
        detail = " (the allow-list cannot be checked on this query)" if allowlist else ""
        raise QueryRefusedError(f"SERVICE (federated query) is not allowed on this endpoint{detail}")


def _services(node: Any) -> Iterator[tuple[str | None, bool]]:
    """Every SERVICE in a parse tree: its IRI (``None`` for a variable) and SILENT flag."""
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import URIRef

    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, CompValue):
            if current.name == "ServiceGraphPattern":
                term = current.get("term")
                yield (str(term) if isinstance(term, URIRef) else None), bool(current.get("silent"))
            stack.extend(current.values())
        elif isinstance(current, list | tuple) or type(current).__name__ == "ParseResults":
            stack.extend(current)


def _allow_service(iri: str | None, allowlist: tuple[str, ...], silent: bool) -> None:
    del silent  # SILENT only hides failures; it does not make a call safe
    if iri is None:
        raise QueryRefusedError("SERVICE with a variable endpoint is not allowed on this endpoint")
    if iri not in allowlist:
        allowed = f"allowed: {', '.join(allowlist)}" if allowlist else "no SERVICE endpoint is allowed"
        raise QueryRefusedError(f"SERVICE <{iri}> is not allowed on this endpoint ({allowed})")


def _explain(error: Exception) -> str:
    """pyparsing's message, shortened to what a person needs: where and what."""
    line = getattr(error, "lineno", None)
    column = getattr(error, "col", None)
    message = str(getattr(error, "msg", error))
    where = f" at line {line}, column {column}" if line is not None else ""
    return f"{message}{where}"
