"""The spaCy pipeline that marks agencies, document numbers, 《titles》 and dates.

A blank ``zh`` pipeline with its default character segmenter needs no model
download. The recognisers are registered components, assembled in :func:`nlp`;
each adds labelled spans to ``doc.spans["govkg"]``. The parser sends only the
stretches that need recognition (parentheticals, header lines, sentences with a
citation), never the whole notice: spaCy costs about a millisecond per thousand
characters.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ingest.agencies import registry
from ingest.normalize import punctuation
from ingest.patterns import PATTERNS
from ingest.script import to_simplified

SPANS = "govkg"
AGENCY = "AGENCY"
DOC_NUMBER = "DOC_NUMBER"
TITLE = "TITLE"
DATE = "DATE"

_BRACKETED_NUMBER = re.compile(
    r"(?P<code>[\u4e00-\u9fff]{1,8})\s*[〔\[【(]\s*(?P<year>\d{4})\s*[〕\]】)]\s*第?\s*(?P<serial>\d{1,5})\s*号"
)
_DECREE_NUMBER = re.compile(r"(?P<code>[\u4e00-\u9fff]{0,6}令)\s*第\s*(?P<serial>\d{1,6})\s*号")
_TITLE = re.compile(r"《[^《》\n]{1,300}》")
_CN_DIGITS = "〇零一二三四五六七八九"
_CN_VALUE = {ch: max(i - 1, 0) for i, ch in enumerate(_CN_DIGITS)}  # 〇 and 零 are both 0
_DATE = re.compile(
    rf"(?P<y>\d{{4}}|[{_CN_DIGITS}]{{4}})\s*年\s*(?P<m>\d{{1,2}}|[十{_CN_DIGITS}]{{1,2}})\s*月"
    rf"\s*(?P<d>\d{{1,2}}|[十{_CN_DIGITS}]{{1,3}})\s*日"
)


def _text(doc: Doc) -> str:
    """``doc.text`` joins every token on each access; components share one copy."""
    text: str = doc.user_data.get("govkg_text") or doc.text
    doc.user_data["govkg_text"] = text
    return text


def _add(doc: Doc, start: int, end: int, label: str, kb_id: str = "") -> None:
    span = doc.char_span(start, end, label=label, kb_id=kb_id, alignment_mode="expand")
    if span is not None:
        doc.spans[SPANS].append(span)


def _ensure_group(doc: Doc) -> None:
    if SPANS not in doc.spans:
        doc.spans[SPANS] = []


class KnownAgencies:
    """Marks every registry name (any alias, either script) as an AGENCY span.

    Overlapping matches are kept: the parser decides which reading fits its segment.
    """

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab)
        keys = sorted(registry().keys())
        self.matcher.add(AGENCY, [nlp.make_doc(key) for key in keys if key])

    def __call__(self, doc: Doc) -> Doc:
        _ensure_group(doc)
        for _, start, end in self.matcher(doc):
            span = Span(doc, start, end, label=AGENCY)
            doc.spans[SPANS].append(span)
        return doc


@Language.factory("govkg_known_agencies")
def make_known_agencies(nlp: Language, name: str) -> KnownAgencies:  # noqa: ARG001
    """Factory for :class:`KnownAgencies` (spaCy passes the component name)."""
    return KnownAgencies(nlp)


@Language.component("govkg_doc_numbers")
def doc_numbers(doc: Doc) -> Doc:
    """Marks document numbers (``国发〔2017〕14号``, any bracket style) and decrees (``政府令第263号``)."""
    _ensure_group(doc)
    for pattern in (_BRACKETED_NUMBER, _DECREE_NUMBER):
        for match in pattern.finditer(_text(doc)):
            start = match.start() + trimmed_code_offset(match.group("code"))
            _add(doc, start, match.end(), DOC_NUMBER)
    return doc


@Language.component("govkg_titles")
def titles(doc: Doc) -> Doc:
    """Marks 《titles》, brackets included."""
    _ensure_group(doc)
    for match in _TITLE.finditer(_text(doc)):
        _add(doc, match.start(), match.end(), TITLE)
    return doc


@Language.component("govkg_dates")
def dates(doc: Doc) -> Doc:
    """Marks full dates (``2017年5月27日``)."""
    _ensure_group(doc)
    for match in _DATE.finditer(_text(doc)):
        _add(doc, match.start(), match.end(), DATE)
    return doc


def trimmed_code_offset(code: str) -> int:
    """How many leading characters of a matched issuer code are running text, not code.

    >>> trimmed_code_offset("依据国发"), trimmed_code_offset("琼府办")
    (2, 0)
    """
    offset = 0
    changed = True
    while changed and len(code) - offset > 1:
        changed = False
        for prefix in PATTERNS.doc_number_code_prefixes:
            if code.startswith(prefix, offset) and len(code) - offset > len(prefix):
                offset += len(prefix)
                changed = True
                break
    return offset


def normalise_doc_number(text: str) -> str | None:
    """The canonical form of a document number: Simplified, 〔〕 brackets, no spaces.

    >>> normalise_doc_number("國發[2017] 14號")
    '国发〔2017〕14号'
    >>> normalise_doc_number("政府令第263號")
    '政府令第263号'
    """
    simple = to_simplified(punctuation(text))
    if match := _BRACKETED_NUMBER.search(simple):
        code = match.group("code")[trimmed_code_offset(match.group("code")) :]
        return f"{code}〔{match.group('year')}〕{int(match.group('serial'))}号"
    if match := _DECREE_NUMBER.search(simple):
        return f"{match.group('code')}第{int(match.group('serial'))}号"
    return None


def iso_date(text: str) -> str | None:
    """``2017年5月27日`` (or ``二〇〇四年八月十二日``) as ISO; ``None`` when it is not a valid date.

    >>> iso_date("2017年5月27日"), iso_date("2017年2月30日"), iso_date("一九八一年五月二十三日")
    ('2017-05-27', None, '1981-05-23')
    """
    match = _DATE.search(text)
    if match is None:
        return None
    try:
        year = int("".join(str(_CN_VALUE.get(ch, ch)) for ch in match["y"]))
        return datetime.date(year, _number(match["m"]), _number(match["d"])).isoformat()
    except ValueError:
        return None


def _number(text: str) -> int:
    """``12``, ``十二``, ``二十三`` or ``三十`` as an integer (up to 99).

    >>> [_number(t) for t in ("7", "十", "十二", "二十", "二十三")]
    [7, 10, 12, 20, 23]
    """
    if text.isdigit():
        return int(text)
    tens, _, ones = text.partition("十")
    if "十" not in text:
        return _CN_VALUE.get(text, -1) if len(text) == 1 else -1
    return (_CN_VALUE[tens] if tens else 1) * 10 + (_CN_VALUE[ones] if ones else 0)


@dataclass(frozen=True, slots=True)
class Mark:
    """A recognised span, in characters of the stretch it was found in."""

    start: int
    end: int
    label: str


def recognise(texts: list[str]) -> list[list[Mark]]:
    """Marks for each stretch, from one pass of the pipeline over all of them.

    The stretches are joined by line breaks into one Doc: a Doc per stretch would
    pay spaCy's per-Doc cost dozens of times per notice. The Doc is segmented the
    way the ``char`` segmenter segments it (one token per character), built
    directly, since the segmenter's per-character alignment pass costs more than
    the recognisers. Marks that would cross a stretch boundary are dropped.

    >>> recognise(["财政部负责", "国发〔2017〕14号"])
    [[Mark(start=0, end=3, label='AGENCY')], [Mark(start=0, end=11, label='DOC_NUMBER')]]
    """
    pipeline = nlp()
    joined = "\n".join(texts)
    doc = Doc(pipeline.vocab, words=list(joined), spaces=[False] * len(joined))
    doc.user_data["govkg_text"] = joined
    for _, component in pipeline.pipeline:
        doc = component(doc)
    starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
    marks: list[list[Mark]] = [[] for _ in texts]
    for span in doc.spans.get(SPANS, []):
        index = bisect.bisect_right(starts, span.start_char) - 1
        offset = starts[index]
        if span.end_char <= offset + len(texts[index]):
            marks[index].append(Mark(span.start_char - offset, span.end_char - offset, span.label_))
    for found in marks:
        found.sort(key=lambda m: (m.start, m.end))
    return marks


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The one pipeline every parse uses: blank ``zh`` (character segmenter) and the recognisers."""
    pipeline = spacy.blank("zh")
    for component in ("govkg_known_agencies", "govkg_doc_numbers", "govkg_titles", "govkg_dates"):
        pipeline.add_pipe(component)
    return pipeline
