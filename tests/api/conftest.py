"""A real govkg server on loopback, over a temporary on-disk store holding the sample.

The store gets the bundled sample (read by the real parser), a notice whose text
holds ``<script>`` (parsed), and the same notice built by hand with an agency
named ``省<script>alert(1)</script>局`` (the parser rightly refuses to invent it).
The server runs as ``govkg serve`` in a subprocess with a short query time limit.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

BASE = "https://w3id.org/govkg/id/"
# Long enough that simple queries answer on a busy 2-core machine; the pathological query never ends.
TIMEOUT_SECONDS = 5
# Room enough that the time limit, not the memory limit, stops the pathological sorted cross join.
WORKER_MEMORY_MB = 8192


@dataclass(frozen=True)
class Server:
    url: str
    store: Path
    process: subprocess.Popen[bytes]

    @property
    def sparql(self) -> str:
        return self.url + "/sparql"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fill_store(directory: Path, sample_path: Path) -> None:
    import ingest
    from api.bootstrap import ingest_document
    from graph.store import open_store
    from tests.api.notices import HOSTILE_TEXT, hostile_document

    with open_store(str(directory)) as store:
        ingest_document(store, ingest.read_file(sample_path), BASE)
        ingest_document(store, ingest.parse(HOSTILE_TEXT, source="hostile.txt"), BASE)
        ingest_document(store, hostile_document(), BASE)


def start_server(store: Path, **env: str) -> Server:
    port = free_port()
    environment = {
        **os.environ,
        "GOVKG_BASE": BASE,
        "GOVKG_QUERY_TIMEOUT": str(TIMEOUT_SECONDS),
        "GOVKG_WORKER_MEMORY_MB": str(WORKER_MEMORY_MB),
        "GOVKG_MAX_REQUEST_BYTES": "16384",
        **env,
    }
    command = [
        sys.executable,
        "-c",
        "import sys; from api.cli import main; sys.exit(main())",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--store",
        str(store),
        "--workers",
        "2",
    ]
    log = store.parent / f"server-{port}.log"
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=environment, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text(errors='replace')}")
        try:
            if httpx.get(url + "/sparql", params={"query": "ASK {}"}, timeout=5).status_code == 200:
                return Server(url, store, process)
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"server did not start within 180 s: {log.read_text(errors='replace')}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, sample_path: Path) -> Iterator[Server]:
    store = tmp_path_factory.mktemp("store") / "oxigraph"
    fill_store(store, sample_path)
    running = start_server(store)
    yield running
    stop_server(running)


@pytest.fixture
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        yield http
