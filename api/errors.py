"""Errors the query service raises on purpose, each with the HTTP status it becomes.

They subclass :class:`ingest.errors.GovkgError`, so the CLI prints them as one
line too; :mod:`api.app` registers one handler that turns any ``GovkgError``
into ``{"error": code, "message": ...}`` with ``status_for(error)``. Errors
cross the worker-process boundary by pickling, so they carry nothing but the
message (the code and status are class attributes).
"""

from __future__ import annotations

from http import HTTPStatus

from ingest.errors import GovkgError, UnknownAgencyError


class ApiError(GovkgError):
    """Base of the service's own errors; ``status`` is the HTTP status code."""

    code = "E040"
    status = HTTPStatus.INTERNAL_SERVER_ERROR


class MalformedQueryError(ApiError):
    """The SPARQL text does not parse."""

    code = "E041"
    status = HTTPStatus.BAD_REQUEST


class QueryRefusedError(ApiError):
    """A well-formed request the service will not run: an update, a SERVICE call."""

    code = "E042"
    status = HTTPStatus.FORBIDDEN


class QueryTimeoutError(ApiError):
    """The query ran past the time limit and its worker was stopped."""

    code = "E043"
    status = HTTPStatus.GATEWAY_TIMEOUT


class OverloadedError(ApiError):
    """Every query worker stayed busy for longer than the time limit."""

    code = "E044"
    status = HTTPStatus.SERVICE_UNAVAILABLE


class NotAcceptableError(ApiError):
    """No media type the client accepts can carry this kind of result."""

    code = "E045"
    status = HTTPStatus.NOT_ACCEPTABLE


class UnsupportedMediaTypeError(ApiError):
    """A request body in a media type the protocol does not define."""

    code = "E046"
    status = HTTPStatus.UNSUPPORTED_MEDIA_TYPE


class PayloadTooLargeError(ApiError):
    """A request body or query text longer than the configured limit."""

    code = "E047"
    status = HTTPStatus.REQUEST_ENTITY_TOO_LARGE


class BadRequestError(ApiError):
    """A request missing what the protocol requires, or with contradictory parameters."""

    code = "E048"
    status = HTTPStatus.BAD_REQUEST


class NotFoundError(ApiError):
    """No entity with that id or IRI in the graph."""

    code = "E049"
    status = HTTPStatus.NOT_FOUND


class UpstreamError(ApiError):
    """The remote SPARQL endpoint (the ``sparql+http`` backend) failed."""

    code = "E050"
    status = HTTPStatus.BAD_GATEWAY


class SettingsError(ApiError):
    """Settings that contradict each other or cannot work; raised before serving."""

    code = "E051"


#: Errors of other layers by code: a bad query or format is the client's, a store failure is ours.
_OTHER_LAYERS = {"E020": 503, "E021": 500, "E022": 503, "E023": 400, "E024": 400, "E027": 503, "E010": 404}


def status_for(error: GovkgError) -> int:
    """The HTTP status of any govkg error; errors from other layers map by code or kind."""
    if isinstance(error, ApiError):
        return int(error.status)
    if isinstance(error, UnknownAgencyError):
        return int(HTTPStatus.NOT_FOUND)
    return _OTHER_LAYERS.get(error.code, int(HTTPStatus.UNPROCESSABLE_ENTITY))
