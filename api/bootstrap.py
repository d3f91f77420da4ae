"""A new, empty store gets the bundled sample notice, so a first ``govkg serve`` shows something."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ingest.model import Document

log = logging.getLogger("govkg.api")
SAMPLE_NAME = "hainan-2017-ipr-enforcement-plan.txt"


def sample_path() -> Path | None:
    """The bundled sample: beside the packages in a checkout, or installed with ``api``."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "corpus" / SAMPLE_NAME, here / "data" / "corpus" / SAMPLE_NAME):
        if candidate.is_file():
            return candidate
    return None


def ingest_document(store: Any, document: Document, base: str) -> bool:
    """Write one parsed notice into ``store`` as its named graph; ``False`` if already there."""
    from graph.iris import graph_iri
    from graph.rdf import notice_graph, parser_version

    graph = notice_graph(document, base=base)
    return bool(
        store.replace_notice(str(graph_iri(document, base)), graph, document.source.sha256, parser_version())
    )


def ensure_sample(store: Any, base: str) -> bool:
    """Ingest the sample when ``store`` holds no notice; ``True`` if it did."""
    if store.notices():
        return False
    path = sample_path()
    if path is None:
        log.warning("the store is empty and the bundled sample notice was not found")
        return False
    import ingest

    read_file = getattr(ingest, "read_file", None)
    if read_file is None:
        log.warning("the store is empty and this build has no parser to read the sample with")
        return False
    ingest_document(store, read_file(path), base)
    log.info("the store was empty: ingested the sample notice %s", path.name)
    return True
