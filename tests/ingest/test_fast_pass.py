"""The fast pass gives what spaCy and the plain patterns give; spaCy still reads unknown names.

Each fast path is held against the slower definition it replaces: the spaCy
pipeline for marks, one OpenCC call per text for script conversion, a regex
scan for brackets and citation candidates, the plain greedy number pattern.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from ingest import assignments, citations, parse, registry
from ingest.names import NameMatcher, name_matcher
from ingest.nlp import nlp, recognise
from ingest.normalize import Stretch, repairs
from ingest.patterns import PATTERNS
from ingest.recognisers import (
    _BRACKETED_NUMBER,
    _DECREE_NUMBER,
    decree_start,
    doc_number_spans,
    fast_recognise,
    normalise_doc_number,
    trimmed_code_offset,
)
from ingest.script import to_simplified, to_simplified_many
from ingest.structure import offsets, parentheticals

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KEYS = sorted(registry().keys())
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
PIECES = st.one_of(
    st.sampled_from(KEYS),
    st.sampled_from(KEYS).map(lambda key: key[1:] or key),  # a name cut short
    st.sampled_from(list("()、,;:。 \n和及与等")),
    st.sampled_from(["牵头", "负责", "配合", "按职责分工分别负责", "会同", '"双打"']),
    st.sampled_from(["国发〔2017〕14号", "琼府办[2013] 162号", "依据国办发(2016)5号", "政府令第263号"]),
    st.sampled_from(["《中华人民共和国种子法》", "《某办法》", "2017年5月27日", "二〇一七年五月二十七日"]),
    st.sampled_from([damaged for damaged, _ in repairs()]),
    st.text(CJK, min_size=1, max_size=4),
    st.text(st.sampled_from("〔〕[]【】()《》0123456789号令第年月日 "), min_size=1, max_size=6),
)
STRETCH = st.lists(PIECES, max_size=14).map("".join)
TRADITIONAL = st.lists(
    st.one_of(
        st.sampled_from(
            ["乾隆", "乾坤", "乾", "著急", "著作", "皇后", "後", "於", "發", "髮", "瞭解", "\n", " "]
        ),
        st.sampled_from(["省知識產權局牽頭", "國發〔2017〕14號", "「雙打」辦", "人行??谥行闹?"]),
        st.text(CJK, min_size=1, max_size=6),
        st.text(max_size=4),
    ),
    max_size=12,
).map("".join)


@SETTINGS
@given(st.lists(STRETCH, min_size=1, max_size=6))
def test_fast_marks_are_the_spacy_marks(texts: list[str]) -> None:
    assert fast_recognise(texts) == recognise(texts)


def test_fast_marks_cover_every_registry_name() -> None:
    """Each name, alone and inside a list, is found by both, with its overlapping shorter names."""
    texts = [*KEYS, "、".join(KEYS), "和".join(reversed(KEYS))]
    marks = fast_recognise(texts)
    assert marks == recognise(texts)
    alone = marks[: len(KEYS)]
    assert all(
        any(m.start == 0 and m.end == len(k) for m in found) for k, found in zip(KEYS, alone, strict=True)
    )


def test_name_matcher_finds_overlapping_names() -> None:
    matcher = NameMatcher(["省公安厅", "公安厅", "公安", "公安部"])
    assert matcher.spans("海南省公安厅和公安部") == [(2, 6), (3, 5), (3, 6), (7, 9), (7, 10)]
    assert matcher.spans("海南省公安厅和公安部", 3, 9) == [(3, 5), (3, 6), (7, 9)]
    assert name_matcher().spans("财政部和税务总局") == [(0, 3), (4, 8)]


@SETTINGS
@given(st.lists(TRADITIONAL, max_size=8))
@example(["乾", "隆"])  # 乾隆 is one phrase, kept as is; 乾 alone becomes 干
def test_one_conversion_converts_each_text_as_alone(texts: list[str]) -> None:
    assert to_simplified_many(texts) == [to_simplified(text) for text in texts]


@SETTINGS
@given(TRADITIONAL, st.data())
def test_stretches_made_together_are_made_as_alone(text: str, data: st.DataObject) -> None:
    bounds = sorted(data.draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=8)))
    spans = list(zip(bounds[::2], bounds[1::2], strict=False))
    for (start, end), made in zip(spans, Stretch.many(text, spans), strict=True):
        alone = Stretch.of(text[start:end], start)
        assert (made.text, made.offset, made.repaired) == (alone.text, alone.offset, alone.repaired)
        for i in range(len(made.text) + 1):
            for j in range(i, len(made.text) + 1):
                assert made.source_span(i, j) == alone.source_span(i, j)


BRACKET_OR_BREAK = re.compile(r"[()\n]")


def _regex_parentheticals(analysis: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The regex scan the ``str.find`` scan replaced, kept as its definition."""
    depth = 0
    opened = -1
    for match in BRACKET_OR_BREAK.finditer(analysis, start, end):
        ch = match.group()
        if ch == "(":
            if depth == 0:
                opened = match.start()
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                yield opened, match.end()
        elif ch == "\n":
            depth = 0


BRACKETY = st.text(st.sampled_from("()\n省厅负责《》〔〕[]【】令第号號2017 "), max_size=80)


@SETTINGS
@given(BRACKETY, st.data())
def test_bracket_scan_is_the_regex_scan(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert list(parentheticals(text, start, end)) == list(_regex_parentheticals(text, start, end))
    expected = [m.start() for m in re.compile(r"[(\n]").finditer(text, start, end)]
    assert offsets(text, "(\n", start, end) == expected


@SETTINGS
@given(BRACKETY, st.data())
def test_citation_candidates_are_the_regex_matches(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    found = [m.span() for m in citations._candidates(text, start, end)]
    assert found == [m.span() for m in citations.CANDIDATE.finditer(text, start, end)]


GREEDY_NUMBER = re.compile(
    r"(?P<code>[\u4e00-\u9fff]{1,8})\s*[〔\[【(]\s*(?P<year>\d{4})\s*[〕\]】)]\s*第?\s*(?P<serial>\d{1,5})\s*号"
)
NUMBERISH = st.lists(
    st.one_of(
        st.text(CJK, max_size=10), st.sampled_from(["〔2017〕", "[2016]", "(2015)", "14号", "第5号", " "])
    ),
    max_size=8,
).map("".join)


@SETTINGS
@given(NUMBERISH)
def test_possessive_issuer_code_matches_what_the_greedy_one_matched(text: str) -> None:
    greedy = [(m.span(), m.groupdict()) for m in GREEDY_NUMBER.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in _BRACKETED_NUMBER.finditer(text)] == greedy


NUMBERS_IN_TEXT = st.lists(
    st.one_of(
        st.sampled_from(
            ["国发〔2017〕14号", "琼府办[2013] 162号", "(2015)", "【2016】第5号", "政府令第263号"]
        ),
        st.sampled_from(["令第7号", "国令 第707号", "和", "及", "共和国", "号", "〔", "令", " ", "\n", "，"]),
        st.sampled_from(["中华人民共和国国务院令", "国务院令", "海南省人民政府令", "人民政府令", "政府"]),
        st.text(CJK, max_size=9),
        st.text(st.sampled_from("〔〕[]【】()0123456789号令第 "), max_size=5),
    ),
    max_size=10,
).map("".join)


@SETTINGS
@given(NUMBERS_IN_TEXT)
def test_numbers_tried_only_at_their_anchors_are_the_plain_scan(text: str) -> None:
    """The anchored search (brackets, 令) finds exactly what scanning from every character finds."""
    plain = [
        (m.start() + trimmed_code_offset(m.group("code")), m.end()) for m in _BRACKETED_NUMBER.finditer(text)
    ]
    plain += [(decree_start(text, m), m.end()) for m in _DECREE_NUMBER.finditer(text)]
    assert list(doc_number_spans(text)) == plain


def test_possessive_issuer_code_keeps_the_last_eight_characters() -> None:
    assert normalise_doc_number("十个汉字组成的一串文字〔2017〕1号") == "字组成的一串文字〔2017〕1号"
    assert normalise_doc_number("依据国发〔2017〕14号") == "国发〔2017〕14号"


# Documents built here; the readings were produced by the parser before the fast pass
# existed, so these pin "same assignments as before" for the spaCy-backed path.
HAINAN = "海南省人民政府办公厅关于印发某工作方案的通知\n琼府办〔2018〕1号\n各市、县人民政府:\n一、加强执法\n"
UNKNOWN = "省海洋厅牵头,省公安厅、省林业厅和省农业厅配合"
BODY = (
    f"(一)加强监管。开展检查。({UNKNOWN})\n"
    "(二)强化宣传。开展宣传。(省委宣传部负责)\n"
    "(三)落实。推进落实。(财政部和税务总局负责)\n"
)
EXPECTED = [
    [
        ("x-e78ce1a75951", "lead", "省海洋厅", (66, 70)),
        ("hainan-public-security", "cooperating", "省公安厅", (73, 77)),
        ("hainan-forestry", "cooperating", "省林业厅", (78, 82)),
        ("hainan-agriculture", "cooperating", "省农业厅", (83, 87)),
    ],
    [("hainan-propaganda", "responsible", "省委宣传部", (105, 110))],
    [("mof", "responsible", "财政部", (126, 129)), ("sat", "responsible", "税务总局", (130, 134))],
]

_SEEN: list[str] = []


@Language.component("govkg_test_seen")
def _seen(doc: Doc) -> Doc:
    """Records each Doc the pipeline reads (a real component, appended for one test)."""
    _SEEN.append(doc.text)
    return doc


@pytest.fixture
def seen() -> Iterator[list[str]]:
    pipeline = nlp()
    pipeline.add_pipe("govkg_test_seen", last=True)
    _SEEN.clear()
    try:
        yield _SEEN
    finally:
        pipeline.remove_pipe("govkg_test_seen")


def test_an_unregistered_name_goes_through_spacy(seen: list[str]) -> None:
    doc = parse(HAINAN + BODY)
    assert seen == [UNKNOWN]
    assert [
        [(a.agency.id, a.role.value, a.surface, a.span) for a in task.assignments] for task in doc.tasks
    ] == EXPECTED
    assert doc.tasks[0].assignments[0].agency.name == "海南省海洋厅"
    assert [(w.code, w.span) for w in doc.warnings] == [("W004", (66, 70))]


def test_registered_names_and_their_conjunctions_need_no_spacy(seen: list[str], sample_text: str) -> None:
    parse(HAINAN + BODY.replace("省海洋厅", "省林业厅"))
    parse(sample_text)
    assert seen == []


def _plain_trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The trim before its character guards: both regexes tried on every name."""
    if match := assignments._LEADING_FILLERS.match(text, start, end):
        start = match.end()
    if end > start and (match := assignments._TRAILING_FILLERS.search(text, start, end)):
        end = match.start()
    return start, max(start, end)


FILLERY = st.lists(
    st.one_of(
        st.sampled_from([*PATTERNS.fillers, "\n", "\u3000", "\t", "省林业厅", "等"]),
        st.text(CJK, min_size=1, max_size=3),
    ),
    max_size=6,
).map("".join)


@SETTINGS
@given(FILLERY)
def test_trimming_skips_only_names_without_fillers(text: str) -> None:
    plain = _plain_trim(text, 0, len(text))
    assert assignments._trim(text, 0, len(text)) == plain
    if text and text[0] not in assignments._TRIM_FIRSTS and text[-1] not in assignments._TRIM_LASTS:
        assert plain == (0, len(text))


def test_spacy_loads_only_for_a_name_that_needs_it(sample_path: Path) -> None:
    """A fresh process parsing the sample never imports spaCy; an unregistered name makes it."""
    script = (
        "import sys, ingest\n"
        f"ingest.read_file({str(sample_path)!r})\n"
        "print('spacy' in sys.modules)\n"
        f"ingest.parse({HAINAN + BODY!r})\n"
        "print('spacy' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.split() == ["False", "True"]
