"""Errors the graph layer raises on purpose; the CLI and the API turn them into one line."""

from __future__ import annotations

from enum import StrEnum

from ingest.errors import GovkgError, UnknownAgencyError


class GraphMsg(StrEnum):
    """Message templates of the graph layer, keyed by code (``E`` = error)."""

    E010 = "no agency is named {name!r} (searched preferred and alternative labels in both scripts)"
    E011 = "agency name {name!r} is ambiguous: {candidates}"
    E012 = "no notice {notice!r} in the graph"
    E013 = "unknown role {role!r}: expected lead, responsible, cooperating or any"

    def format(self, **values: object) -> str:  # type: ignore[override]
        """The message with its placeholders filled in, prefixed by its code."""
        return f"{self.name}: {self.value.format(**values)}"


class GraphError(GovkgError):
    """A request the graph cannot answer as asked."""


class UnknownAgencyNameError(UnknownAgencyError):
    """A user-given agency name that matches no label in the graph."""

    code = GraphMsg.E010.name

    def __init__(self, name: str) -> None:
        super().__init__(GraphMsg.E010.format(name=name))
        self.name = name


class AmbiguousAgencyNameError(GraphError):
    """A user-given agency name that matches several agencies; ``candidates`` lists them."""

    code = GraphMsg.E011.name

    def __init__(self, name: str, candidates: list[str]) -> None:
        super().__init__(GraphMsg.E011.format(name=name, candidates="; ".join(candidates)))
        self.name = name
        self.candidates = candidates


class UnknownNoticeError(GraphError):
    """A notice filter naming neither a notice IRI nor the number of an ingested notice."""

    code = GraphMsg.E012.name

    def __init__(self, notice: str) -> None:
        super().__init__(GraphMsg.E012.format(notice=notice))


class UnknownRoleError(GraphError):
    """A role filter outside lead / responsible / cooperating / any."""

    code = GraphMsg.E013.name

    def __init__(self, role: str) -> None:
        super().__init__(GraphMsg.E013.format(role=role))
