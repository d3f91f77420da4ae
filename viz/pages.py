"""Whole pages from a store or a parsed document: what the CLI writes and the API serves.

Each function takes the store first, so the API can run it in a query worker.
"""

from __future__ import annotations

from typing import Any, Literal

from graph.errors import UnknownNoticeError
from graph.marks import NoticeInfo, involvements, marks_from_document, notices, occurrences, source_text
from graph.network import bipartite_network, citation_network, coordination_network
from ingest.model import Document
from ontology.script import document_number_key
from viz.labels import Lang
from viz.networks import render_network
from viz.source import render_source
from viz.views import NetworkView, bipartite_view, citation_view, coordination_view

Page = Literal["coordination", "bipartite", "citations"]
PAGES: tuple[Page, ...] = ("coordination", "bipartite", "citations")


def network_view(store: Any, page: Page) -> NetworkView:
    """The full (unfiltered) view of one network page; the page filters itself."""
    infos = notices(store)
    if page == "coordination":
        return coordination_view(coordination_network(store), involvements(store), infos)
    if page == "bipartite":
        return bipartite_view(bipartite_network(store), involvements(store), infos)
    if page == "citations":
        return citation_view(citation_network(store), occurrences(store), infos)
    raise ValueError(f"unknown network page {page!r}: expected one of {', '.join(PAGES)}")


def network_page(
    store: Any,
    page: Page,
    *,
    lang: Lang = "zh-Hant",
    role: str = "any",
    notice: str | None = None,
    section: int | None = None,
) -> str:
    """A network page; ``notice`` (IRI or number) must name an ingested notice when given."""
    view = network_view(store, page)
    if notice is not None and view.notice_index(notice) is None:
        raise UnknownNoticeError(notice)
    return render_network(view, lang=lang, role=role, notice=notice, section=section)


def find_notice(infos: list[NoticeInfo], wanted: str) -> NoticeInfo:
    """The notice named by IRI, by the last part of its IRI, or by number in either script."""
    key = document_number_key(wanted)
    for info in infos:
        if wanted in (info.iri, info.iri.rsplit("/doc/", 1)[-1]):
            return info
        if info.number and document_number_key(info.number) == key:
            return info
    raise UnknownNoticeError(wanted)


def source_page(store: Any, notice: str, *, lang: Lang = "zh-Hant") -> str:
    """The source view of an ingested notice, from the store."""
    info = find_notice(notices(store), notice)
    source = source_text(store, info.iri)
    if source is None:
        raise UnknownNoticeError(notice)
    return render_source(source, lang=lang)


def document_source_page(doc: Document, *, lang: Lang = "zh-Hant") -> str:
    """The source view of a parsed document, without any store."""
    return render_source(marks_from_document(doc), lang=lang)
