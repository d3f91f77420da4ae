"""What the network projections share: roles, scopes, and the rows every projection reads.

A :class:`Scope` says which assignments count (roles, one notice, one section) and
renders itself as SPARQL patterns spliced into the queries of ``network_queries/``.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rdflib import Graph

from graph.coordination_counts import ROLE_ORDER
from graph.errors import UnknownNoticeError, UnknownRoleError
from graph.projection_cache import CACHE
from graph.rdf import KIND_IRIS, ROLE_IRIS
from graph.selectable import Selectable, integer, language, query, text
from ingest.model import AgencyKind, Role
from ontology.script import to_simplified

_ROLE_OF = {str(iri): role for role, iri in ROLE_IRIS.items()}
_KINDS = {str(iri).rsplit("#", 1)[-1]: kind for kind, iri in KIND_IRIS.items()}
_IRI_FORBIDDEN = set('<>"{}|^`\\ \t\n\r')

RoleFilter = Role | str | Iterable[Role | str] | None
Source = Selectable | Graph


def parse_roles(roles: RoleFilter) -> frozenset[Role]:
    """The roles a filter admits; ``None`` and ``"any"`` admit all three.

    >>> [role.value for role in parse_roles("lead")], len(parse_roles("any"))
    (['lead'], 3)
    """
    if roles is None or roles == "any":
        return frozenset(ROLE_ORDER)
    items = [roles] if isinstance(roles, str) else list(roles)
    parsed = set()
    for role in items:
        if role == "any":
            return frozenset(ROLE_ORDER)
        try:
            parsed.add(Role(role))
        except ValueError:
            raise UnknownRoleError(str(role)) from None
    return frozenset(parsed)


def role_of(iri: str | None) -> Role | None:
    """The model role a role IRI stands for."""
    return _ROLE_OF.get(iri) if iri else None


def kind_of(iri: str | None) -> str:
    """The :class:`AgencyKind` value of a kind concept IRI; ``"unknown"`` when absent."""
    if not iri:
        return AgencyKind.UNKNOWN.value
    local = iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return _KINDS.get(local, AgencyKind.UNKNOWN).value


@dataclass(frozen=True, slots=True)
class Scope:
    """Which assignments a projection counts: roles, and optionally one notice / section."""

    roles: frozenset[Role]
    notice: str | None = None
    section: int | None = None

    def filters(self, *role_vars: str) -> str:
        """Graph patterns restricting ``?notice``, ``?section`` and the given role variables."""
        parts = []
        if self.roles != frozenset(ROLE_ORDER):
            values = " ".join(f"<{ROLE_IRIS[r]}>" for r in ROLE_ORDER if r in self.roles)
            parts += [f"VALUES ?{var} {{ {values} }}" for var in role_vars]
        if self.notice is not None:
            parts.append(f"VALUES ?notice {{ <{self.notice}> }}")
        if self.section is not None:
            parts.append(f"?section govkg:number ?section_n . FILTER(?section_n = {int(self.section)})")
        return "\n  ".join(parts)

    @property
    def key(self) -> Hashable:
        return (tuple(sorted(self.roles)), self.notice, self.section)


_BRACKETS = str.maketrans({"[": "〔", "]": "〕", "［": "〔", "］": "〕", "【": "〔", "】": "〕"})


def resolve_notice(source: Selectable, notice: str | None) -> str | None:
    """A notice IRI from an IRI or a document number in either script and bracket style."""
    if notice is None:
        return None
    rows = source.select(query("notices"))
    iris = {text(row.get("notice")) for row in rows}
    if notice in iris:
        return notice
    wanted = to_simplified(notice.strip()).translate(_BRACKETS)
    for row in rows:
        number = text(row.get("number"))
        if number is not None and to_simplified(number).translate(_BRACKETS) == wanted:
            return text(row.get("notice"))
    if "://" in notice and not _IRI_FORBIDDEN & set(notice):
        return notice  # a notice not typed as such still filters correctly
    raise UnknownNoticeError(notice)


def make_scope(source: Selectable, roles: RoleFilter, notice: str | None, section: int | None) -> Scope:
    """The scope a projection's keyword arguments ask for, with the notice resolved to its IRI."""
    return Scope(parse_roles(roles), resolve_notice(source, notice), section)


def agency_attributes(source: Selectable) -> dict[str, dict[str, Any]]:
    """Labels, English name and kind of every agency, keyed by agency IRI.

    When a label repeats with different spellings (two notices, two scripts), the
    smallest wins, so the result does not depend on the order the store returns.
    """
    labels: dict[str, dict[str, set[str]]] = {}
    for row in source.select(query("agencies")):
        iri = text(row.get("agency"))
        if iri is None:
            continue
        found = labels.setdefault(iri, {"zh-hans": set(), "zh-hant": set(), "en": set(), "kind": set()})
        label, kind = row.get("label"), text(row.get("kind"))
        tag = language(label)
        if label is not None and tag is not None:
            found.setdefault("en" if tag.startswith("en") else tag, set()).add(str(text(label)))
        if kind is not None:
            found["kind"].add(kind)
    attributes = {}
    for iri, found in labels.items():
        attributes[iri] = {
            "label_hans": min(found["zh-hans"], default=None),
            "label_hant": min(found["zh-hant"], default=None),
            "english": min(found["en"], default=None),
            "label": _shown_name(found, iri),
            "kind": kind_of(min(found["kind"], default=None)),
        }
    return attributes


def default_agency(iri: str) -> dict[str, Any]:
    """Attributes of an agency the graph states no labels for."""
    return {"label_hans": None, "label_hant": None, "english": None, "label": iri, "kind": "unknown"}


def item_attributes(source: Selectable, scope: Scope) -> dict[str, dict[str, Any]]:
    """Number, label, heading, section and notice of every work item in scope."""
    items = {}
    every_role = Scope(frozenset(ROLE_ORDER), scope.notice, scope.section)
    for row in source.select(query("items", every_role.filters())):
        iri = text(row.get("item"))
        if iri is None:
            continue
        number = integer(row.get("number"))
        title = text(row.get("title"))
        items[iri] = {
            "notice": text(row.get("notice")),
            "number": number,
            "label": text(row.get("label")),
            "title": title,
            "section": integer(row.get("section_number")),
            "name": f"{number} {title}" if title else str(number),
        }
    return items


def involvement(source: Selectable, scope: Scope) -> list[tuple[str, str, Role, int]]:
    """(agency, item, role, tasks) rows in scope."""
    rows = []
    for row in source.select(query("involvement", scope.filters("role"))):
        agency, item, role = text(row.get("agency")), text(row.get("item")), role_of(text(row.get("role")))
        if agency and item and role:
            rows.append((agency, item, role, integer(row.get("tasks"))))
    return rows


def agency_names(source: Selectable, agencies: Iterable[str]) -> dict[str, str]:
    """The name a listing shows for each of ``agencies``: as in :func:`agency_attributes` (the
    smallest zh-Hans label, else zh-Hant, else the IRI), read for these agencies alone.

    A page names a few dozen agencies: every agency's attributes are read from the cache when
    they are built for the store's version, and the page's agencies looked up (a few
    milliseconds) when not, rather than building them all (tens to hundreds of milliseconds
    after each write).
    """
    wanted = sorted(set(agencies))
    if not wanted:
        return {}
    built = CACHE.peek(source, ("agency-attributes",))
    if isinstance(built, dict):
        return {iri: str(built.get(iri, {}).get("label", iri)) for iri in wanted}
    values = "VALUES ?agency { " + " ".join(f"<{iri}>" for iri in wanted) + " }"
    found: dict[str, dict[str, set[str]]] = {}
    for row in source.select(query("agency_labels_of", values)):
        iri, label = text(row.get("agency")), row.get("label")
        tag = language(label)
        if iri is not None and label is not None and tag in ("zh-hans", "zh-hant"):
            found.setdefault(iri, {}).setdefault(tag, set()).add(str(text(label)))
    return {iri: _shown_name(found.get(iri, {}), iri) for iri in wanted}


def _shown_name(labels: Mapping[str, set[str]], iri: str) -> str:
    """The smallest zh-Hans label, else the smallest zh-Hant one, else the IRI: the smallest, so
    the name does not depend on the order a store returns labels in."""
    return min(labels.get("zh-hans") or labels.get("zh-hant") or {iri})
