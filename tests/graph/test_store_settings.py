"""Store locations and settings: one string picks the backend; contradictions stop at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.settings import DEFAULT_BASE, Settings, SettingsError, default_store_path
from graph.store import Backend, StoreError, UnknownBackendError, open_store, parse_location

LOCATIONS = [
    ("/var/lib/govkg", Backend.OXIGRAPH, "/var/lib/govkg"),
    ("data/store", Backend.OXIGRAPH, "data/store"),
    ("oxigraph:/tmp/x", Backend.OXIGRAPH, "/tmp/x"),
    ("oxigraph:", Backend.OXIGRAPH, ""),
    ("file:///tmp/x", Backend.OXIGRAPH, "/tmp/x"),
    ("memory:", Backend.MEMORY, ""),
    ("memory", Backend.OXIGRAPH, "memory"),
    ("http://127.0.0.1:7878", Backend.SPARQL_HTTP, "http://127.0.0.1:7878"),
    ("sparql+http://127.0.0.1:7878/", Backend.SPARQL_HTTP, "http://127.0.0.1:7878/"),
    ("sparql+https://example.org/ds", Backend.SPARQL_HTTP, "https://example.org/ds"),
]


@pytest.mark.parametrize(("text", "backend", "target"), LOCATIONS)
def test_location_names_backend(text: str, backend: Backend, target: str):
    location = parse_location(text)
    assert (location.backend, location.target) == (backend, target)


@pytest.mark.parametrize("text", ["", "  ", "memory:/tmp/x"])
def test_unusable_locations(text: str):
    with pytest.raises(StoreError):
        parse_location(text)


def test_unknown_backend_is_named():
    with pytest.raises(UnknownBackendError, match="fuseki"):
        parse_location("fuseki:/x")


def test_explicit_beats_environment_beats_default():
    env = {"GOVKG_STORE": "memory:", "GOVKG_BASE": "https://example.org/id/"}
    assert Settings.resolve(env=env).store == "memory:"
    assert Settings.resolve(env=env).base == "https://example.org/id/"
    assert Settings.resolve(store="/tmp/s", base="https://e.org/", env=env).store == "/tmp/s"
    defaults = Settings.resolve(env={})
    assert Path(defaults.store) == default_store_path()
    assert defaults.base == DEFAULT_BASE
    assert defaults.location.backend is Backend.OXIGRAPH


@pytest.mark.parametrize("base", ["w3id.org/govkg/", "https://w3id.org/govkg", "ftp://x/"])
def test_bad_base_fails_fast(base: str):
    with pytest.raises(SettingsError, match="E025"):
        Settings.resolve(store="memory:", base=base, env={})


def test_endpoint_urls_need_a_sparql_server():
    with pytest.raises(SettingsError, match="GOVKG_SPARQL_QUERY"):
        Settings.resolve(store="/tmp/store", env={"GOVKG_SPARQL_QUERY": "http://127.0.0.1:1/q"})
    with pytest.raises(SettingsError, match="not an http"):
        Settings.resolve(store="http://127.0.0.1:1", env={"GOVKG_SPARQL_UPDATE": "ftp://x"})
    settings = Settings.resolve(
        store="http://127.0.0.1:1", env={"GOVKG_SPARQL_QUERY": "http://127.0.0.1:1/q"}
    )
    assert settings.endpoint_options() == {"query": "http://127.0.0.1:1/q"}


def test_a_file_is_not_a_store(tmp_path: Path):
    path = tmp_path / "plain.txt"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="not a directory"):
        open_store(str(path))


def test_an_open_store_directory_is_refused_to_a_second_opener(tmp_path: Path):
    with open_store(str(tmp_path / "s")), pytest.raises(StoreError, match="E020"):
        open_store(str(tmp_path / "s"))


def test_unreachable_server_is_one_clear_error():
    with pytest.raises(StoreError, match="cannot reach"):
        open_store("http://127.0.0.1:9/")
