"""Deterministic IRIs for everything govkg puts in a graph; the only place that mints them.

IRIs are a public contract (see ``notes``/VOCAB and ``ontology/govkg.ttl``): the same input
gives the same IRI on every run, and the same agency or cited document named by two notices
gives one IRI, whatever script or bracket style each notice writes it in. IRIs are Unicode
IRIs: only characters that an IRI may not hold are percent-encoded.

>>> base = "https://w3id.org/govkg/id/"
>>> document_iri(base, number="瓊府辦[2017]89號")
rdflib.term.URIRef('https://w3id.org/govkg/id/doc/琼府办〔2017〕89号')
>>> document_iri(base, number="琼府办〔2017〕89号") == document_iri(base, number="瓊府辦【2017】89號")
True
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache

import pyoxigraph
from rdflib import URIRef

from ingest.errors import GovkgError
from ingest.model import Document
from ontology.script import document_number_key, to_simplified

DEFAULT_BASE = "https://w3id.org/govkg/id/"
BASE_ENV = "GOVKG_BASE"

_TITLE_MARKS = re.compile(r"^[《〈<]+|[》〉>]+$")
_TITLE_QUOTES = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})
# ASCII characters an IRI path segment may hold as they are (RFC 3987 iunreserved + sub-delims + ":@").
_ASCII_KEEP = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@")
_UCSCHAR = (
    (0xA0, 0xD7FF),
    (0xF900, 0xFDCF),
    (0xFDF0, 0xFFEF),
    *((plane + 0x0000, plane + 0xFFFD) for plane in range(0x10000, 0xE0000, 0x10000)),
    (0xE1000, 0xEFFFD),
)


def default_base() -> str:
    """The data base IRI: ``$GOVKG_BASE`` when set, else :data:`DEFAULT_BASE`."""
    return normalise_base(os.environ.get(BASE_ENV) or DEFAULT_BASE)


def normalise_base(base: str | None) -> str:
    """``base`` ending in ``/`` or ``#`` so that paths append cleanly; ``None`` means the default."""
    if base is None:
        return default_base()
    base = base.strip()
    return base if base.endswith(("/", "#")) else base + "/"


class IriError(GovkgError):
    """An IRI that is not absolute: a base no minted IRI would be valid on, or a graph name."""

    code = "E028"


def check_absolute(iri: str, what: str) -> str:
    """``iri`` if it is an absolute IRI, else :class:`IriError` naming ``what`` it was meant to be.

    Writers check the base or a graph name once: every IRI minted here extends the base with
    percent-encoded segments, so it is valid when they are.

    >>> check_absolute("notices of 2017/", "base IRI")
    Traceback (most recent call last):
    ...
    graph.iris.IriError: E028: base IRI 'notices of 2017/' is not an absolute IRI: Invalid IRI code point ' '
    """
    try:
        pyoxigraph.NamedNode(iri)
    except ValueError as error:
        raise IriError(f"E028: {what} {iri!r} is not an absolute IRI: {error}") from error
    return iri


def is_absolute_iri(iri: str) -> bool:
    """Whether ``iri`` is an absolute IRI (RFC 3987): what a graph name or a base must be.

    >>> is_absolute_iri("https://example.org/notices/"), is_absolute_iri("https://example.org/my notices/")
    (True, False)
    """
    try:
        check_absolute(iri, "IRI")
    except IriError:
        return False
    return True


def absolute_base(base: str | None) -> str:
    """:func:`normalise_base`, refused unless it is an absolute IRI."""
    return check_absolute(normalise_base(base), "base IRI")


def iri_segment(text: str) -> str:
    """``text`` as one IRI path segment: percent-encode only what an IRI may not hold.

    >>> iri_segment("国发〔2017〕14号")
    '国发〔2017〕14号'
    >>> iri_segment("a/b c%")
    'a%2Fb%20c%25'
    """
    return "".join(ch if _allowed(ch) else _percent(ch) for ch in unicodedata.normalize("NFC", text))


def _allowed(ch: str) -> bool:
    code = ord(ch)
    if code < 0x80:
        return ch in _ASCII_KEEP
    return any(low <= code <= high for low, high in _UCSCHAR)


def _percent(ch: str) -> str:
    return "".join(f"%{byte:02X}" for byte in ch.encode("utf-8"))


def title_key(title: str) -> str:
    """The canonical form of a cited title: NFC, Simplified, no outer 《》, uniform quotes, no spaces.

    >>> title_key("《中華人民共和國種子法》")
    '中华人民共和国种子法'
    """
    text = "".join(unicodedata.normalize("NFC", title).split())
    text = _TITLE_MARKS.sub("", text).translate(_TITLE_QUOTES)
    return to_simplified(text).translate(_TITLE_QUOTES)


@lru_cache(maxsize=8192)
def document_iri(base: str, *, number: str | None = None, title: str | None = None) -> URIRef:
    """A notice or cited document: keyed by its number when it has one, else by its title.

    Cached: notices cite the same documents again and again, and each is keyed twice (the
    graph and the task index).
    """
    base = normalise_base(base)
    if number and document_number_key(number):
        return URIRef(f"{base}doc/{iri_segment(document_number_key(number))}")
    if title and title_key(title):
        return URIRef(f"{base}doc/title/{iri_segment(title_key(title))}")
    raise ValueError("a document IRI needs a number or a title")


def notice_iri(doc: Document, base: str | None = None) -> URIRef:
    """The notice's own document node: by its number, else by the start of its source's SHA-256."""
    base = normalise_base(base)
    if doc.header.doc_number and document_number_key(doc.header.doc_number):
        return document_iri(base, number=doc.header.doc_number)
    return URIRef(f"{base}doc/sha256/{iri_segment(doc.source.sha256[:16].lower())}")


def graph_iri(doc: Document, base: str | None = None) -> URIRef:
    """The named graph that holds every triple of one notice."""
    return graph_iri_of(notice_iri(doc, base))


def graph_iri_of(notice: URIRef) -> URIRef:
    """The named graph of the notice with IRI ``notice``."""
    return URIRef(f"{notice}/graph")


def registry_iri(base: str) -> URIRef:
    """The shared named graph of descriptions many notices repeat (agencies, cited documents).

    Kept once per store, so the union default graph returns one copy of each label.

    >>> registry_iri("https://w3id.org/govkg/id/")
    rdflib.term.URIRef('https://w3id.org/govkg/id/graph/registry')
    """
    return URIRef(f"{normalise_base(base)}graph/registry")


def base_of_graph(graph: str) -> str:
    """The data base IRI a notice graph IRI was minted under (the part before ``doc/``).

    >>> base_of_graph("https://w3id.org/govkg/id/doc/琼府办〔2017〕89号/graph")
    'https://w3id.org/govkg/id/'
    """
    notice = graph.removesuffix("/graph")
    head, marker, _ = notice.rpartition("doc/sha256/" if "/doc/sha256/" in notice else "doc/")
    return head if marker else default_base()


def section_iri(notice: URIRef, number: int) -> URIRef:
    return URIRef(f"{notice}/section/{number}")


def item_iri(notice: URIRef, number: int) -> URIRef:
    """A work item by its plan-wide number."""
    return URIRef(f"{notice}/item/{number}")


def task_iri(notice: URIRef, item: int, number: int) -> URIRef:
    return URIRef(f"{item_iri(notice, item)}/task/{number}")


def assignment_iri(task: URIRef, number: int) -> URIRef:
    """The ``number``-th assignment (from 1) of the task with IRI ``task``."""
    return URIRef(f"{task}/assignment/{number}")


def citation_iri(notice: URIRef, number: int) -> URIRef:
    """The ``number``-th citation occurrence (from 1) in the notice, in text order."""
    return URIRef(f"{notice}/citation/{number}")


@lru_cache(maxsize=8192)
def agency_iri(base: str, agency_id: str) -> URIRef:
    """An agency by its registry id (or ``x-<hash>`` id): one node across every notice."""
    return URIRef(f"{normalise_base(base)}agency/{iri_segment(agency_id)}")


def source_iri(base: str, sha256: str) -> URIRef:
    return URIRef(f"{normalise_base(base)}source/{iri_segment(sha256.lower())}")
