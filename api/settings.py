"""Everything the query service can be told, in one typed object that fails fast.

Values come from ``GOVKG_*`` environment variables, overridden by command-line
options; :meth:`Settings.from_env` validates them all before anything is served,
so a contradiction (a remote-store backend without a URL, a wildcard CORS origin
mixed with named ones) stops the server at start instead of surfacing later.
The defaults are those of a public read-only endpoint; docs/api.md lists them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from platformdirs import user_data_dir
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from api.errors import SettingsError
from graph.store import Backend, Location, parse_location
from ingest.errors import GovkgError

DEFAULT_BASE_IRI = "https://w3id.org/govkg/id/"


def default_store() -> str:
    """The per-user data directory, so ``govkg serve`` works with no option at all."""
    return str(Path(user_data_dir("govkg")) / "store")


def _split(value: str) -> tuple[str, ...]:
    return tuple(part for part in value.replace(",", " ").split() if part)


class Settings(BaseModel):
    """The service's settings; see docs/api.md for what each one protects."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    store: str = Field(default_factory=default_store)
    base_iri: str = DEFAULT_BASE_IRI
    query_timeout: float = Field(10.0, gt=0, le=3600)
    max_rows: int = Field(10_000, ge=1, le=10_000_000)
    max_request_bytes: int = Field(64 * 1024, ge=1024, le=64 * 1024 * 1024)
    page_limit: int = Field(500, ge=1, le=100_000)
    query_workers: int = Field(2, ge=1, le=64)
    worker_memory_mb: int = Field(2048, ge=64, le=1024 * 1024)
    cors_origins: tuple[str, ...] = ("*",)
    service_allowlist: tuple[str, ...] = ()
    ingest_sample: bool = True

    @model_validator(mode="after")
    def _consistent(self) -> Settings:
        try:
            parse_location(self.store)
        except GovkgError as error:
            raise ValueError(str(error)) from None
        parts = urlsplit(self.base_iri)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise ValueError(f"base IRI must be an absolute http(s) IRI, not {self.base_iri!r}")
        if not self.base_iri.endswith(("/", "#")):
            raise ValueError(f"base IRI must end with '/' or '#': {self.base_iri!r}")
        if "*" in self.cors_origins and len(self.cors_origins) > 1:
            raise ValueError("CORS origins: '*' allows every origin and cannot be mixed with named ones")
        for iri in self.service_allowlist:
            if urlsplit(iri).scheme not in {"http", "https"}:
                raise ValueError(f"SERVICE allow-list entries must be http(s) IRIs, not {iri!r}")
        return self

    @property
    def location(self) -> Location:
        """The parsed store location (backend and directory or URL)."""
        return parse_location(self.store)

    @property
    def backend(self) -> Backend:
        """The store backend in force, named by the store location."""
        return self.location.backend

    @property
    def base_path(self) -> str:
        """The path part of the base IRI, under which the server also resolves IRIs."""
        return urlsplit(self.base_iri).path or "/"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from ``GOVKG_*`` variables, then ``overrides`` (``None`` values ignored)."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for field, variable in _ENVIRONMENT.items():
            if variable in env:
                raw = env[variable]
                values[field] = _split(raw) if field in _LISTS else raw
        values.update({key: value for key, value in overrides.items() if value is not None})
        if "ingest_sample" in values and isinstance(values["ingest_sample"], str):
            values["ingest_sample"] = values["ingest_sample"].lower() not in {"0", "false", "no", "off"}
        try:
            return cls(**values)
        except ValidationError as error:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'settings'}: {e['msg']}" for e in error.errors()
            )
            raise SettingsError(f"invalid settings: {problems}") from None


_ENVIRONMENT = {
    "store": "GOVKG_STORE",
    "base_iri": "GOVKG_BASE",
    "query_timeout": "GOVKG_QUERY_TIMEOUT",
    "max_rows": "GOVKG_MAX_ROWS",
    "max_request_bytes": "GOVKG_MAX_REQUEST_BYTES",
    "page_limit": "GOVKG_PAGE_LIMIT",
    "query_workers": "GOVKG_QUERY_WORKERS",
    "worker_memory_mb": "GOVKG_WORKER_MEMORY_MB",
    "cors_origins": "GOVKG_CORS_ORIGINS",
    "service_allowlist": "GOVKG_SERVICE_ALLOWLIST",
    "ingest_sample": "GOVKG_INGEST_SAMPLE",
}
_LISTS = {"cors_origins", "service_allowlist"}
