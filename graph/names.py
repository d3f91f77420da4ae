"""Agency names typed by people -> agencies in the graph, in either script or by alias.

A user may write 省知識產權局, 省知识产权局 or 海南省知识产权局 and means one agency.
Names are compared by :func:`ontology.script.name_key` (Simplified script, no quote
marks, no spaces), against every ``skos:prefLabel`` and ``skos:altLabel`` the graph
holds, and case-insensitively against English names. An exact match wins; only when
there is none does a name match the labels it is part of (``知识产权局``).
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.errors import AmbiguousAgencyNameError, UnknownAgencyNameError
from graph.network_scope import Source, agency_attributes
from graph.projection_cache import CACHE
from graph.selectable import Selectable, as_selectable, query, text
from ontology.script import name_key

__all__ = ["AgencyMatch", "find_agencies", "resolve_agency"]

_MIN_PARTIAL = 2
"""A partial name must keep at least this many characters, so 局 alone matches nothing."""


@dataclass(frozen=True, slots=True)
class AgencyMatch:
    """An agency a name resolved to, and the label it matched (``exact`` when whole)."""

    iri: str
    label_hans: str | None
    label_hant: str | None
    english: str | None
    kind: str
    matched: str
    exact: bool

    @property
    def label(self) -> str:
        return self.label_hans or self.label_hant or self.iri

    def describe(self) -> str:
        """One line naming the agency in both scripts and English, for lists of candidates."""
        names = [n for n in (self.label_hans, self.label_hant, self.english) if n]
        unique = list(dict.fromkeys(names))
        return f"{' / '.join(unique) or self.iri} <{self.iri}>"


def _key(label: str) -> str:
    return name_key(label).casefold()


def _labels(store: Selectable) -> list[tuple[str, str, str]]:
    """(agency IRI, label, its key) for every preferred and alternative label: the keys are made
    once per store version, not once per search (script conversion of every label)."""
    rows = store.select(query("agency_labels"))
    pairs = [(text(r.get("agency")), text(r.get("label"))) for r in rows]
    return [(a, label, _key(label)) for a, label in sorted({(a, label) for a, label in pairs if a and label})]


def find_agencies(source: Source, name: str) -> list[AgencyMatch]:
    """Every agency ``name`` may denote: exact label matches, else partial ones; sorted by label.

    The agency IRI, or its last path segment (``hainan-ipo``), also matches exactly.
    An empty list means no agency has such a name.
    """
    store = as_selectable(source)
    wanted = _key(name)
    if not wanted:
        return []
    labels = CACHE.get(source, ("agency-labels",), lambda: _labels(store))
    exact: dict[str, str] = {}
    partial: dict[str, str] = {}
    for agency, label, key in labels:
        if key == wanted or name.strip() in (agency, agency.rsplit("/", 1)[-1]):
            exact.setdefault(agency, label)
        elif len(wanted) >= _MIN_PARTIAL and wanted in key:
            partial.setdefault(agency, label)
    found, is_exact = (exact, True) if exact else (partial, False)
    attributes = CACHE.get(source, ("agency-attributes",), lambda: agency_attributes(store))
    matches = []
    for agency, label in found.items():
        meta = attributes.get(agency, {})
        matches.append(
            AgencyMatch(
                iri=agency,
                label_hans=meta.get("label_hans"),
                label_hant=meta.get("label_hant"),
                english=meta.get("english"),
                kind=meta.get("kind", "unknown"),
                matched=label,
                exact=is_exact,
            )
        )
    return sorted(matches, key=lambda m: (m.label, m.iri))


def resolve_agency(source: Source, name: str) -> AgencyMatch:
    """The one agency ``name`` denotes.

    Raises :class:`~graph.errors.UnknownAgencyNameError` when none matches and
    :class:`~graph.errors.AmbiguousAgencyNameError` (listing candidates) when several do.
    """
    matches = find_agencies(source, name)
    if not matches:
        raise UnknownAgencyNameError(name)
    if len(matches) > 1:
        raise AmbiguousAgencyNameError(name, [m.describe() for m in matches])
    return matches[0]
