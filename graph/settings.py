"""Where the graph lives and how its IRIs start, resolved once from arguments and environment.

Precedence: an explicit argument (``--store``, ``--base``), then the environment
(``GOVKG_STORE``, ``GOVKG_BASE``, ``GOVKG_SPARQL_QUERY``, ``GOVKG_SPARQL_UPDATE``,
``GOVKG_SPARQL_STORE``), then defaults (an oxigraph directory in the per-user data
directory). Contradictory settings stop the program before anything is opened.

>>> settings = Settings.resolve(store="memory:", env={})
>>> settings.location.backend.value, settings.base
('memory', 'https://w3id.org/govkg/id/')
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from platformdirs import user_data_dir

from graph.iris import is_absolute_iri
from graph.store import Backend, Location, Store, StoreError, open_store, parse_location

DEFAULT_BASE = "https://w3id.org/govkg/id/"
_ENDPOINT_ENV = {
    "query": "GOVKG_SPARQL_QUERY",
    "update": "GOVKG_SPARQL_UPDATE",
    "store": "GOVKG_SPARQL_STORE",
}


class SettingsError(StoreError):
    """Settings that contradict each other or cannot work."""

    code = "E025"


def default_store_path() -> Path:
    """The per-user oxigraph directory used when no store is named."""
    return Path(user_data_dir("govkg")) / "store"


@dataclass(frozen=True, slots=True)
class Settings:
    """The store location, its endpoint overrides (SPARQL servers only) and the data base IRI."""

    store: str
    base: str = DEFAULT_BASE
    query_url: str | None = None
    update_url: str | None = None
    store_url: str | None = None

    @classmethod
    def resolve(
        cls,
        store: str | None = None,
        base: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> Settings:
        """Settings from explicit values, else the environment, else defaults; checked at once."""
        environ = os.environ if env is None else env
        settings = cls(
            store=store or environ.get("GOVKG_STORE") or str(default_store_path()),
            base=base or environ.get("GOVKG_BASE") or DEFAULT_BASE,
            query_url=environ.get(_ENDPOINT_ENV["query"]) or None,
            update_url=environ.get(_ENDPOINT_ENV["update"]) or None,
            store_url=environ.get(_ENDPOINT_ENV["store"]) or None,
        )
        settings.check()
        return settings

    @property
    def location(self) -> Location:
        """The parsed store location."""
        return parse_location(self.store)

    def endpoint_options(self) -> dict[str, str]:
        """Endpoint URL overrides to pass to the SPARQL server backend."""
        urls = {"query": self.query_url, "update": self.update_url, "store": self.store_url}
        return {name: url for name, url in urls.items() if url}

    def check(self) -> None:
        """Raise :class:`SettingsError` on a base IRI or endpoint settings that cannot work."""
        base = urlsplit(self.base)
        if (
            base.scheme not in ("http", "https")
            or not base.netloc
            or not self.base.endswith(("/", "#"))
            or not is_absolute_iri(self.base)
        ):
            raise SettingsError(
                f"E025: base IRI {self.base!r} must be an absolute http(s) IRI ending in '/' or '#'"
            )
        location = self.location
        overrides = self.endpoint_options()
        if overrides and location.backend is not Backend.SPARQL_HTTP:
            names = ", ".join(_ENDPOINT_ENV[name] for name in overrides)
            raise SettingsError(
                f"E025: {names} set, but store {self.store!r} is not a SPARQL server (use an http:// URL)"
            )
        for name, url in overrides.items():
            if urlsplit(url).scheme not in ("http", "https"):
                raise SettingsError(f"E025: {_ENDPOINT_ENV[name]}={url!r} is not an http(s) URL")

    def open_store(self) -> Store:
        """Open the configured store."""
        return open_store(self.location, **self.endpoint_options())
