"""Cited documents: numbers, 《titles》, and a title followed by its number as one document."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.agencies import name_key
from ingest.model import Citation
from ingest.normalize import Stretch
from ingest.recognisers import DOC_NUMBER, TITLE, Mark, normalise_doc_number
from ingest.structure import offsets

CANDIDATE = re.compile(
    r"《|[〔\[【(]\s*\d{4}\s*[〕\]】)]\s*第?\s*\d{1,5}\s*[号號]|令\s*第\s*\d{1,6}\s*[号號]"
)
_CANDIDATE_FIRSTS = "《〔[【(令"  # every CANDIDATE match starts with one of these
_FOLLOWING_NUMBER = re.compile(r"\s*\((?:[^()\n]|\([^()\n]{0,8}\)){1,30}\)")
_OPENING = re.compile(r"\s*\(\s*")
_CLOSING = re.compile(r"\s*\)")
_CODE_REACH = 10  # characters an issuer code may take before the number's bracket


def candidate_windows(analysis: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Stretches in ``[start, end)`` that may hold a citation; only these are searched for citations.

    A window is a 《title》 with the parenthesised number that may follow it, or a
    number with the few characters its issuer code may occupy before it.

    >>> text = "落实《某办法》(国发〔2017〕14号)和国办发〔2016〕5号。"
    >>> [text[s:e] for s, e in candidate_windows(text, 0, len(text))]
    ['《某办法》(国发〔2017〕14号)', '和国办发〔2016〕5号']
    """
    windows: list[tuple[int, int]] = []
    for match in _candidates(analysis, start, end):
        if windows and match.end() <= windows[-1][1]:
            continue
        if match.group() == "《":
            close = analysis.find("》", match.end(), end)
            if close < 0 or "\n" in analysis[match.start() : close]:
                continue
            stop = close + 1
            if following := _FOLLOWING_NUMBER.match(analysis, stop, end):
                stop = following.end()
            window = (match.start(), stop)
        else:
            line_start = analysis.rfind("\n", start, match.start()) + 1
            previous_end = windows[-1][1] if windows else start
            window = (max(line_start, previous_end, match.start() - _CODE_REACH), match.end())
        if windows and window[0] < windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], window[1]))
        else:
            windows.append(window)
    return iter(windows)


def _candidates(analysis: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """``CANDIDATE.finditer(analysis, start, end)``, trying only where a match can start."""
    position = start
    for at in offsets(analysis, _CANDIDATE_FIRSTS, start, end):
        if at >= position and (match := CANDIDATE.match(analysis, at, end)):
            position = match.end()
            yield match


def read(
    stretch: Stretch, found: list[Mark], source: str, item: int | None, exclude: set[str]
) -> list[Citation]:
    """Citations in one sentence; numbers or titles in ``exclude`` (the notice's own) are dropped."""
    marks = [(m.start, m.end, m.label) for m in found if m.label in (TITLE, DOC_NUMBER)]
    titles = [(s, e) for s, e, label in marks if label == TITLE]
    numbers = [(s, e) for s, e, label in marks if label == DOC_NUMBER and not _inside(s, e, titles)]
    text = stretch.text
    used: set[tuple[int, int]] = set()
    result: list[Citation] = []
    for s, e in titles:
        title = source[slice(*stretch.source_span(s + 1, e - 1))]
        follower = next((n for n in numbers if _OPENING.fullmatch(text, e, n[0])), None)
        number = None
        end = e
        if follower is not None and (closing := _CLOSING.match(text, follower[1])):
            used.add(follower)
            number = normalise_doc_number(text[follower[0] : follower[1]])
            end = closing.end()
        if name_key(title) in exclude or (number is not None and number in exclude):
            continue
        result.append(Citation(number, title, item, stretch.source_span(s, end)))
    for s, e in numbers:
        if (s, e) in used:
            continue
        number = normalise_doc_number(text[s:e])
        if number is None or number in exclude:
            continue
        result.append(Citation(number, None, item, stretch.source_span(s, e)))
    return sorted(result, key=lambda c: c.span)


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)
