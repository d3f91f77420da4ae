"""Property-based: no input crashes the parser, and what it returns is consistent."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import Document, parse
from ingest.decode import decode
from ingest.errors import GovkgError

ALPHABET = st.sampled_from(
    list(
        "()（）、，,;；:：。\n 一二三十省市局厅部委办"
        '牵头负责配合参与协助分别按职责分工《》〔〕[]号號年月日0123456789"“”「」?'
    )
)
GENRE_TEXT = st.text(ALPHABET, max_size=400)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(doc: Document) -> None:
    text = doc.text
    for item in doc.items:
        assert 0 <= item.span[0] <= item.span[1] <= len(text)
        for task in item.tasks:
            assert task.assignments
            for a in task.assignments:
                assert text[a.span[0] : a.span[1]] == a.surface
    for citation in doc.citations:
        assert 0 <= citation.span[0] < citation.span[1] <= len(text)
    for warning in doc.warnings:
        if warning.span is not None:
            assert 0 <= warning.span[0] <= warning.span[1] <= len(text)


def parse_or_error(text: str) -> None:
    try:
        doc = parse(text)
    except GovkgError as error:
        assert str(error)
        return
    check(doc)


@SETTINGS
@given(st.text(max_size=300))
def test_arbitrary_text(text: str) -> None:
    parse_or_error(text)


@SETTINGS
@given(GENRE_TEXT)
def test_genre_shaped_text(text: str) -> None:
    parse_or_error(text)


@SETTINGS
@given(st.binary(max_size=300))
def test_arbitrary_bytes(data: bytes) -> None:
    try:
        text, _ = decode(data)
    except GovkgError as error:
        assert str(error)
        return
    parse_or_error(text)


@SETTINGS
@given(st.data())
def test_random_edits_of_the_sample(sample_text: str, data: st.DataObject) -> None:
    text = sample_text
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(text)))
        length = data.draw(st.integers(0, 40))
        insert = data.draw(GENRE_TEXT.map(lambda s: s[:20]))
        text = text[:at] + insert + text[at + length :]
    parse_or_error(text)
