"""The competency questions as SPARQL files, and safe binding of their inputs.

Each ``queries/NAME.rq`` starts with comment lines: the question it answers, then one
``# input NAME: KIND, required|optional. description`` line per input. In the body an input
appears once as ``VALUES ?NAME { UNDEF }``; :meth:`Query.bind` replaces that block with
literals rendered by rdflib (so quotes and backslashes are escaped, never spliced), which works
on any SPARQL engine. An input left unbound stays ``UNDEF``: the query then ignores it.

A line ending in ``# when NAME is given`` is kept only when NAME is bound. Such lines repeat a
bound input inside an ``OPTIONAL`` (or other group an engine evaluates on its own): engines
such as Oxigraph evaluate those groups over the whole store before joining, so naming the
input there again turns a store-wide read into a few lookups. Unbound, the line would narrow
the group wrongly (to notices with a number), so it goes.

Kinds: ``name`` (an agency name in either script, full or short: matched by its key against the
agency's zh-Hans labels), ``phrase`` (text searched in either script: both spellings are bound),
``docnumber`` (a document number in any script or bracket style: bound normalised), ``text``,
``integer`` and ``iri`` (a full IRI or a ``govkg:``-style prefixed name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from rdflib import Literal, URIRef

from ingest.errors import GovkgError
from ontology import PREFIXES, QUERIES_DIR
from ontology.script import document_number_key, name_key, to_simplified, to_traditional

__all__ = ["Input", "Query", "QueryInputError", "bind_query", "load_query", "query_names"]

KINDS = frozenset({"name", "phrase", "docnumber", "text", "integer", "iri"})
_INPUT_LINE = re.compile(r"^#\s*input\s+(\w+)\s*:\s*(\w+)\s*,\s*(required|optional)\.?\s*(.*)$")
_CONDITION = re.compile(r"#\s*when\s+(\w+)\s+is\s+given\s*$")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
InputValue = str | int | URIRef | None


class QueryInputError(GovkgError, ValueError):
    """A query input that is missing, unknown or not of its declared kind, or an unknown query."""

    code = "E030"


@dataclass(frozen=True, slots=True)
class Input:
    name: str
    kind: str
    required: bool
    description: str


@dataclass(frozen=True, slots=True)
class Query:
    """One competency question: its text with ``UNDEF`` placeholders, and its declared inputs."""

    name: str
    question: str
    inputs: tuple[Input, ...]
    text: str

    def bind(self, values: Mapping[str, InputValue] | None = None, **named: InputValue) -> str:
        """The query text with each given input bound; required inputs must be given."""
        given = {**(values or {}), **named}
        declared = {entry.name: entry for entry in self.inputs}
        unknown = set(given) - set(declared)
        if unknown:
            known = sorted(declared)
            raise QueryInputError(f"{self.name}: unknown input(s) {sorted(unknown)}; known: {known}")
        text = self.text
        for entry in self.inputs:
            value = given.get(entry.name)
            if value is None or value == "":
                if entry.required:
                    raise QueryInputError(f"{self.name}: input {entry.name!r} is required")
                continue
            terms = " ".join(_render(entry, value))
            text = text.replace(_placeholder(entry.name), f"VALUES ?{entry.name} {{ {terms} }}")
        unbound = {entry.name for entry in self.inputs if given.get(entry.name) in (None, "")}
        return "".join(line for line in text.splitlines(keepends=True) if _condition(line) not in unbound)


def query_names() -> list[str]:
    """Every competency query shipped in ``ontology/queries``."""
    return sorted(path.stem for path in QUERIES_DIR.glob("*.rq"))


@cache
def load_query(name: str) -> Query:
    """The query ``queries/NAME.rq`` with its header parsed; unknown names raise ``QueryInputError``."""
    if name not in query_names():
        raise QueryInputError(f"no query named {name!r}; known: {', '.join(query_names())}")
    text = (QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    question = header[0].lstrip("# ").strip() if header else name
    inputs = tuple(_parse_input(name, line) for line in header if _INPUT_LINE.match(line))
    for entry in inputs:
        if _placeholder(entry.name) not in text:
            raise QueryInputError(f"{name}: input {entry.name!r} has no '{_placeholder(entry.name)}' block")
    declared = {entry.name for entry in inputs}
    for line in text.splitlines():
        if (condition := _condition(line)) is not None and condition not in declared:
            raise QueryInputError(f"{name}: a line depends on undeclared input {condition!r}")
    return Query(name, question, inputs, text)


def bind_query(name: str, **values: InputValue) -> str:
    """Shorthand: ``load_query(name).bind(**values)``."""
    return load_query(name).bind(values)


def _parse_input(query: str, line: str) -> Input:
    match = _INPUT_LINE.match(line)
    assert match is not None
    name, kind, presence, description = match.groups()
    if kind not in KINDS:
        raise QueryInputError(f"{query}: input {name!r} has unknown kind {kind!r}")
    return Input(name, kind, presence == "required", description.strip())


def _condition(line: str) -> str | None:
    """The input a ``# when NAME is given`` line depends on, if it is one."""
    match = _CONDITION.search(line)
    return match.group(1) if match else None


def _placeholder(name: str) -> str:
    return f"VALUES ?{name} {{ UNDEF }}"


def _render(entry: Input, value: InputValue) -> Iterable[str]:
    """SPARQL terms for one input value, escaped by rdflib."""
    if entry.kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).strip().isdigit():
            raise QueryInputError(f"input {entry.name!r} must be a non-negative integer, not {value!r}")
        return [Literal(int(str(value).strip())).n3()]
    if entry.kind == "iri":
        return [_iri(entry.name, str(value)).n3()]
    text = str(value).strip()
    if entry.kind == "name":
        return [Literal(name_key(text)).n3()]
    if entry.kind == "docnumber":
        return [Literal(document_number_key(text)).n3()]
    if entry.kind == "phrase":
        spellings = dict.fromkeys([text, to_simplified(text), to_traditional(text)])
        return [Literal(spelling).n3() for spelling in spellings]
    return [Literal(text).n3()]


def _iri(name: str, value: str) -> URIRef:
    prefix, _, local = value.partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        value = PREFIXES[prefix] + local
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value) or _IRI_FORBIDDEN.search(value):
        raise QueryInputError(f"input {name!r} must be an absolute IRI or a known prefixed name: {value!r}")
    return URIRef(value)
