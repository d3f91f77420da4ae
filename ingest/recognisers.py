"""The pattern recognisers: document numbers, 《titles》 and dates, and the marks they yield.

One definition of each pattern serves both the spaCy components (:mod:`ingest.nlp`)
and the fast pass (:func:`fast_recognise`), so the two cannot drift apart. Where a
pattern alone gives the answer (header lines, citation windows) the parser calls
the fast pass and builds no spaCy Doc.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass

from ingest.names import name_matcher
from ingest.normalize import punctuation
from ingest.patterns import PATTERNS
from ingest.script import to_simplified
from ingest.structure import offsets

AGENCY = "AGENCY"
DOC_NUMBER = "DOC_NUMBER"
TITLE = "TITLE"
DATE = "DATE"
LABELS = (AGENCY, DOC_NUMBER, TITLE, DATE)  # the order the spaCy pipeline adds them in

# The code is taken possessively ({1,8}+): giving back a character could only leave a
# CJK character before the bracket, which never matches, so the matches are those of
# the plain greedy form, found without retrying every shorter code.
_BRACKETED_NUMBER = re.compile(
    r"(?P<code>[\u4e00-\u9fff]{1,8}+)\s*[〔\[【(]\s*(?P<year>\d{4})\s*[〕\]】)]\s*第?\s*(?P<serial>\d{1,5})\s*号"
)
# A decree's issuer never holds 号 or a conjunction (共和国 aside): "…14号和政府令第263号" names 政府令.
_DECREE_NUMBER = re.compile(
    r"(?P<code>(?:(?![号及与]|和(?!国))[\u4e00-\u9fff]){0,6}令)\s*第\s*(?P<serial>\d{1,6})\s*号"
)
_TITLE = re.compile(r"《[^《》\n]{1,300}》")
_CN_DIGITS = "〇零一二三四五六七八九"
_CN_VALUE = {ch: max(i - 1, 0) for i, ch in enumerate(_CN_DIGITS)}  # 〇 and 零 are both 0
_DATE = re.compile(
    rf"(?P<y>\d{{4}}|[{_CN_DIGITS}]{{4}})\s*年\s*(?P<m>\d{{1,2}}|[十{_CN_DIGITS}]{{1,2}})\s*月"
    rf"\s*(?P<d>\d{{1,2}}|[十{_CN_DIGITS}]{{1,3}})\s*日"
)


@dataclass(frozen=True, slots=True)
class Mark:
    """A recognised span, in characters of the stretch it was found in."""

    start: int
    end: int
    label: str


def doc_number_spans(text: str) -> Iterator[tuple[int, int]]:
    """Document numbers (``国发〔2017〕14号``, any bracket style), then decrees (``政府令第263号``).

    >>> list(doc_number_spans("依据国发〔2017〕14号,政府令第263号"))
    [(2, 13), (14, 22)]
    >>> list(doc_number_spans("国发〔2017〕14号和政府令第263号"))
    [(0, 11), (12, 20)]
    """
    if "号" in text:  # every match holds it; str.find is far cheaper than the scan
        for match in _anchored(_BRACKETED_NUMBER, text, _OPENING_BRACKETS, _bracket_starts, alike=True):
            yield match.start() + trimmed_code_offset(match.group("code")), match.end()
        for match in _anchored(_DECREE_NUMBER, text, "令", _decree_starts):
            yield decree_start(text, match), match.end()


def decree_start(text: str, match: re.Match[str]) -> int:
    """Where a decree number matched in ``text`` starts: at a heading the data file lists, which may
    be longer than a matched code (中华人民共和国国务院令第707号), else after the running text
    before its code.

    >>> text = "依据中华人民共和国国务院令第707号"
    >>> text[decree_start(text, _DECREE_NUMBER.search(text)) :]
    '中华人民共和国国务院令第707号'
    """
    heading = decree_heading(text, match.end("code"))
    if heading is not None:
        return match.end("code") - len(heading)
    return match.start() + trimmed_code_offset(match.group("code"))


#: Decree headings with a code of their own in the data file, longest first.
_DECREE_HEADINGS = sorted(PATTERNS.decree_codes, key=len, reverse=True)


def decree_heading(text: str, end: int) -> str | None:
    """The listed decree heading (``中华人民共和国国务院令``, ``国务院令``) that ``text`` holds just before
    ``end``, if any: its number is written with the heading's code (国令第707号)."""
    return next((heading for heading in _DECREE_HEADINGS if text.endswith(heading, 0, end)), None)


_OPENING_BRACKETS = "〔[【("


def _bracket_starts(text: str, bracket: int) -> tuple[int, int]:
    """Where a bracketed number whose year opens at ``bracket`` may start: its code, 1 to 8
    CJK characters, ends where the spaces before the bracket begin. What follows the code
    is the same from each of these starts, so they all match or all fail."""
    end = bracket
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start, stop = end, max(end - 8, 0)
    while start > stop and "\u4e00" <= text[start - 1] <= "\u9fff":
        start -= 1
    return start, end


def _decree_starts(_text: str, decree: int) -> tuple[int, int]:
    """Where a decree number whose issuer code ends at ``decree`` (its 令) may start."""
    return decree - 6, decree + 1


def _anchored(
    pattern: re.Pattern[str],
    text: str,
    anchors: str,
    starts: Callable[[str, int], tuple[int, int]],
    *,
    alike: bool = False,
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose every match starting at ``p`` holds one of
    ``anchors`` at an offset ``a`` with ``p`` in ``range(*starts(text, a))``.

    Only those starts are tried, in increasing order, each at most once (only the first
    when ``alike``: the starts of one anchor all match or all fail): the matches and their
    order are finditer's, without trying the pattern at every character.

    >>> [m.group() for m in _anchored(re.compile(r"a?b"), "abcbab", "b", lambda t, b: (b - 1, b + 1))]
    ['ab', 'b', 'ab']
    """
    position = 0  # where the next match may start: past the last match and every start tried
    for anchor in offsets(text, anchors, 0, len(text)):
        low, high = starts(text, anchor)
        tried = range(max(position, low), high)
        for start in tried[:1] if alike else tried:
            if match := pattern.match(text, start):
                yield match
                position = match.end()
                break
        else:
            position = max(position, high)


def title_spans(text: str) -> Iterator[tuple[int, int]]:
    """《Titles》, brackets included."""
    if "《" not in text:
        return
    for match in _TITLE.finditer(text):
        yield match.span()


def date_spans(text: str) -> Iterator[tuple[int, int]]:
    """Full dates (``2017年5月27日``)."""
    if "日" not in text:
        return
    for match in _DATE.finditer(text):
        yield match.span()


_FINDERS = {DOC_NUMBER: doc_number_spans, TITLE: title_spans, DATE: date_spans}


def fast_recognise(texts: list[str], labels: Collection[str] = LABELS) -> list[list[Mark]]:
    """The marks :func:`ingest.nlp.recognise` gives, without building a spaCy Doc.

    Same contract: the patterns run over the stretches joined by line breaks, a mark
    that would cross a stretch boundary is dropped, marks are in (start, end) order
    with ties in pipeline order. Registry names are found by the exact matcher of
    :mod:`ingest.names`, which finds what the PhraseMatcher finds. ``labels`` limits
    the work to the labels a caller reads.

    >>> fast_recognise(["财政部负责", "国发〔2017〕14号"])
    [[Mark(start=0, end=3, label='AGENCY')], [Mark(start=0, end=11, label='DOC_NUMBER')]]
    """
    marks: list[list[Mark]] = [[] for _ in texts]
    if AGENCY in labels:
        matcher = name_matcher()
        for text, found in zip(texts, marks, strict=True):
            found.extend(Mark(s, e, AGENCY) for s, e in matcher.spans(text))
    finders = [(label, _FINDERS[label]) for label in LABELS if label in labels and label != AGENCY]
    if finders:
        joined = "\n".join(texts)
        starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
        for label, finder in finders:
            for start, end in finder(joined):
                index = bisect.bisect_right(starts, start) - 1
                offset = starts[index]
                if end <= offset + len(texts[index]):
                    marks[index].append(Mark(start - offset, end - offset, label))
    for found in marks:
        found.sort(key=lambda m: (m.start, m.end))
    return marks


def trimmed_code_offset(code: str) -> int:
    """How many leading characters of a matched issuer code are running text, not code.

    >>> trimmed_code_offset("依据国发"), trimmed_code_offset("琼府办")
    (2, 0)
    """
    offset = 0
    while len(code) - offset > 1:
        for prefix in _PREFIXES_BY_FIRST.get(code[offset], ()):
            if code.startswith(prefix, offset) and len(code) - offset > len(prefix):
                offset += len(prefix)
                break
        else:
            break
    return offset


_PREFIXES_BY_FIRST: dict[str, tuple[str, ...]] = {
    first: tuple(p for p in PATTERNS.doc_number_code_prefixes if p[0] == first)
    for first in {p[0] for p in PATTERNS.doc_number_code_prefixes}
}  # the prefixes in their order (longest first), by first character


def normalise_doc_number(text: str) -> str | None:
    """The canonical form of a document number: Simplified, 〔〕 brackets, no spaces.

    >>> normalise_doc_number("國發[2017] 14號")
    '国发〔2017〕14号'
    >>> normalise_doc_number("政府令第263號"), normalise_doc_number("依据省政府令第3号")
    ('政府令第263号', '省政府令第3号')
    >>> normalise_doc_number("中華人民共和國國務院令第707號"), normalise_doc_number("国务院令第76号")
    ('国令第707号', '国令第76号')
    """
    simple = to_simplified(punctuation(text))
    if match := _BRACKETED_NUMBER.search(simple):
        code = match.group("code")[trimmed_code_offset(match.group("code")) :]
        return f"{code}〔{match.group('year')}〕{int(match.group('serial'))}号"
    if match := _DECREE_NUMBER.search(simple):
        if heading := decree_heading(simple, match.end("code")):
            code = PATTERNS.decree_codes[heading]
        else:
            code = match.group("code")[trimmed_code_offset(match.group("code")) :]
        return f"{code}第{int(match.group('serial'))}号"
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
