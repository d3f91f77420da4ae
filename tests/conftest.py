"""Fixtures every test package shares: the bundled sample and the shared corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "corpus" / "hainan-2017-ipr-enforcement-plan.txt"
SHARED_CORPUS = REPO.parent / "shared" / "corpus" / "govcn-2019"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    """The 55 State Council documents, read from ../shared; skipped where absent."""
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {SHARED_CORPUS} (it stays outside the repo)")
    return SHARED_CORPUS
