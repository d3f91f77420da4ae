"""Cited documents: numbers, 《titles》, and a title followed by its number as one document."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.agencies import name_key
from ingest.model import Citation
from ingest.nlp import DOC_NUMBER, TITLE, Mark, normalise_doc_number
from ingest.normalize import Stretch

CANDIDATE = re.compile(
    r"《|[〔\[【(]\s*\d{4}\s*[〕\]】)]\s*第?\s*\d{1,5}\s*[号號]|令\s*第\s*\d{1,6}\s*[号號]"
)
_SENTENCE_END = re.compile(r"[。\n;]")


def candidate_sentences(analysis: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentences in ``[start, end)`` that may hold a citation; only these go through spaCy."""
    position = start
    for match in CANDIDATE.finditer(analysis, start, end):
        if match.start() < position:
            continue
        left = max(analysis.rfind("。", start, match.start()), analysis.rfind("\n", start, match.start()))
        sentence_start = max(left + 1, position, start)
        stop = _SENTENCE_END.search(analysis, match.end(), end)
        sentence_end = stop.end() if stop else end
        yield sentence_start, sentence_end
        position = sentence_end


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
        follower = next((n for n in numbers if re.fullmatch(r"\s*\(\s*", text[e : n[0]])), None)
        number = None
        end = e
        if follower is not None and re.match(r"\s*\)", text[follower[1] :]):
            used.add(follower)
            number = normalise_doc_number(text[follower[0] : follower[1]])
            end = follower[1] + len(re.match(r"\s*\)", text[follower[1] :]).group())  # type: ignore[union-attr]
        if name_key(title) in exclude or (number is not None and number in exclude):
            continue
        result.append(Citation(number, title, item, stretch.source_span(s, end)))
    for s, e in numbers:
        number = normalise_doc_number(text[s:e])
        if (s, e) in used or number is None or number in exclude:
            continue
        result.append(Citation(number, None, item, stretch.source_span(s, e)))
    return sorted(result, key=lambda c: c.span)


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)
