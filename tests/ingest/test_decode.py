"""Encodings and bad input: one clear error per problem, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import read_file
from ingest.decode import decode
from ingest.errors import BinaryInputError, EmptyInputError, IngestError, NotAPlanError, UndecodableInputError

SNIPPET = (
    "國務院辦公廳關于印發某方案的通知\n國辦發〔2018〕1號\n(一)加強監管。開展檢查。(財政部牽頭,商務部配合)\n"
)


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("big5", "big5")],
)
def test_encodings_decode_to_the_same_text(encoding: str, expected: str) -> None:
    text, found = decode(SNIPPET.encode(encoding))
    assert (text, found) == (SNIPPET, expected)


def test_gbk_simplified_is_read_as_gb18030() -> None:
    simplified = "国务院办公厅关于印发某方案的通知\n(一)加强监管。(财政部负责)"
    assert decode(simplified.encode("gbk")) == (simplified, "gb18030")


def test_sample_in_every_encoding_gives_the_same_document(tmp_path: Path, sample_text: str) -> None:
    from ingest.script import to_simplified

    # Big5 cannot hold the Simplified characters of the sample's damaged names: use their repaired forms.
    text = sample_text.replace("??诤jP", "海口海關").replace("人行??谥行闹袪款^", "人行海口中心支行牽頭")
    text = text.replace("人行??谥行闹?", "人行海口中心支行")
    baseline = read_file(_write(tmp_path, "utf8.txt", text.encode("utf-8")))
    variants = {
        "bom.txt": text.encode("utf-8-sig"),
        "crlf.txt": text.replace("\n", "\r\n").encode("utf-8"),
        "big5.txt": text.encode("big5"),
        "gb.txt": to_simplified(text).encode("gb18030"),
    }
    for name, data in variants.items():
        doc = read_file(_write(tmp_path, name, data))
        assert len(doc.items) == 28, name
        assert len(doc.tasks) == len(baseline.tasks), name
        assert doc.header.doc_number == baseline.header.doc_number, name
        assert [a.agency.id for t in doc.tasks for a in t.assignments] == [
            a.agency.id for t in baseline.tasks for a in t.assignments
        ], name


def test_crlf_keeps_spans_on_the_source(sample_text: str) -> None:
    from ingest import parse

    text = sample_text.replace("\n", "\r\n")
    doc = parse(text)
    for task in doc.tasks:
        for a in task.assignments:
            assert text[a.span[0] : a.span[1]] == a.surface
    assert doc.items[0].title == "加大互聯網領域侵權假冒治理力度"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyInputError),
        (b"   \n\r\n ", EmptyInputError),
        (b"\x00\x01\x02binary\x00", BinaryInputError),
        (bytes(range(256)) * 4, IngestError),
        (b"\x81\x30\xff\xfe\xfd", UndecodableInputError),
    ],
)
def test_bad_bytes_raise_clear_errors(data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error) as raised:
        decode(data)
    assert str(raised.value).startswith("E00")


def test_text_without_a_plan_is_refused() -> None:
    from ingest import parse

    with pytest.raises(NotAPlanError, match="E004"):
        parse("hello world, this is not a notice")


def test_missing_file_is_an_ingest_error(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="E005"):
        read_file(tmp_path / "absent.txt")


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path
