"""govkg's exception tree and its coded message table.

Every error and warning has a code, so that the CLI, the API, the ingest report
and the tests refer to the same thing. The base class lives here, in the lowest
layer, so that ``graph``, ``api`` and ``viz`` can subclass it without reaching up.
"""

from __future__ import annotations

from enum import StrEnum


class Msg(StrEnum):
    """Message templates, keyed by code; ``E`` codes are errors, ``W`` warnings."""

    E001 = "empty input"
    E002 = "binary data, not text"
    E003 = "cannot decode as UTF-8, GB18030 or Big5"
    E004 = "no plan found: no numbered sections, items or responsibility parentheticals"
    E005 = "cannot read file: {reason}"
    W001 = "unresolved agency name {name!r}: not in the registry and not an agency pattern"
    W002 = "parenthetical looks like an assignment but did not parse: {text!r}"
    W003 = "text after the item's last assignment is not part of any task: {text!r}"
    W004 = "agency {name!r} is not in the registry; recognised by pattern (kind 'unknown')"
    W005 = "no task assignments found"
    W006 = "damaged text {text!r} resolved to {name!r}"
    W007 = "no document number found in the header"
    W008 = "skipped: {what}"

    def format(self, **values: object) -> str:  # type: ignore[override]
        """The message with its placeholders filled in, prefixed by its code."""
        return f"{self._name_}: {self._value_.format(**values)}"  # not the slower name/value properties


class GovkgError(Exception):
    """Base of every error govkg raises on purpose; the edges turn it into one line."""

    code: str = "E000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


class IngestError(GovkgError):
    """Input that cannot become a document."""


class EmptyInputError(IngestError):
    code = Msg.E001.name


class BinaryInputError(IngestError):
    code = Msg.E002.name


class UndecodableInputError(IngestError):
    code = Msg.E003.name


class NotAPlanError(IngestError):
    code = Msg.E004.name


class UnknownAgencyError(GovkgError):
    """A name given by a user (not a document) that matches no known agency."""

    code = "E010"
