"""The sample and the 55 State Council documents in one store: it passes the SHACL shapes."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.load import ingest_paths
from graph.store import open_store
from graph.stores.validation import validate_store

pytestmark = pytest.mark.corpus


def test_the_whole_corpus_conforms(tmp_path: Path, sample_path: Path, shared_corpus: Path) -> None:
    with open_store(str(tmp_path / "store")) as store:
        report = ingest_paths(store, [sample_path, shared_corpus], jobs=2)
        assert not report.failed and len(store.notices()) == 56
        result = validate_store(store)
        assert result.conforms, result.text
