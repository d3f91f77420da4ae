"""Punctuation normalisation and repairable stretches of text.

``punctuation`` maps one character to one character, so offsets in the result are
offsets in the source. ``Stretch`` is a piece of text prepared for recognition
(Simplified script, damaged forms repaired) that remembers where each of its
characters came from, so spans found in it map back to the source.
"""

from __future__ import annotations

import bisect
import csv
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ingest.script import to_simplified, to_simplified_many

_PUNCTUATION = tuple(
    {
        "（": "(",
        "）": ")",
        "［": "[",
        "］": "]",
        "，": ",",
        "；": ";",
        "：": ":",
        "“": '"',
        "”": '"',
        "「": '"',
        "」": '"',
        "『": '"',
        "』": '"',
        "＂": '"',
        "‘": "'",
        "’": "'",
        "\u3000": " ",
        "\ufeff": " ",
        "\u00a0": " ",
        "\t": " ",
        **{chr(0xFF10 + d): str(d) for d in range(10)},
    }.items()
)


def punctuation(text: str) -> str:
    """Same-length copy with ASCII brackets, commas, colons, quotes; CR becomes a line break or space.

    >>> punctuation("（省“雙打”辦牽頭，省林業廳配合）\\r\\n")
    '(省"雙打"辦牽頭,省林業廳配合) \\n'
    """
    text = text.replace("\r\n", " \n").replace("\r", "\n")
    for old, new in _PUNCTUATION:  # str.replace per character beats str.translate's per-character lookup
        if old in text:
            text = text.replace(old, new)
    return text


@lru_cache(maxsize=1)
def repairs() -> tuple[tuple[str, str], ...]:
    """Known damaged forms (from ``data/repairs.csv``), normalised like the text they are sought in."""
    with resources.files("ingest").joinpath("data", "repairs.csv").open(encoding="utf-8") as handle:
        rows = [(to_simplified(punctuation(r["damaged"])), r["repaired"]) for r in csv.DictReader(handle)]
    return tuple(sorted(rows, key=lambda row: -len(row[0])))


@lru_cache(maxsize=1)
def _repair_table() -> dict[str, str]:
    return dict(repairs())


@lru_cache(maxsize=1)
def _repair_pattern() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(damaged) for damaged, _ in repairs()) or "(?!)")


def _damaged_pieces(texts: list[str]) -> set[int]:
    """Indexes of the texts holding a damaged form, from one search of them all joined.

    No damaged form holds a line break, so no match found in the joined texts crosses
    from one text into the next, and each text holding a form holds a match.
    """
    pattern = _repair_pattern()
    if any("\n" in damaged for damaged, _ in repairs()):
        return {i for i, text in enumerate(texts) if pattern.search(text)}
    joined = "\n".join(texts)
    found: set[int] = set()
    matches = pattern.finditer(joined)
    if (first := next(matches, None)) is None:
        return found
    starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
    for match in itertools.chain((first,), matches):
        found.add(bisect.bisect_right(starts, match.start()) - 1)
    return found


@dataclass(frozen=True, slots=True)
class Repair:
    """A damaged form found in a stretch: where it was and what it stood for."""

    start: int
    end: int
    damaged: str
    repaired: str


class Stretch:
    """Text prepared for recognition, with a map back to source offsets.

    >>> s = Stretch.of("(??诤jP負責)", 10)
    >>> s.text
    '(海口海关负责)'
    >>> s.source_span(1, 5)
    (11, 16)
    """

    __slots__ = ("_origin", "offset", "repaired", "text")

    def __init__(self, text: str, origin: list[int] | None, offset: int, repaired: list[Repair]) -> None:
        self.text = text
        self._origin = origin  # None: nothing repaired, offsets map one to one
        self.offset = offset
        self.repaired = repaired

    @classmethod
    def of(cls, analysis: str, offset: int) -> Stretch:
        """The stretch of ``analysis`` (punctuation-normalised) starting at source ``offset``."""
        return cls._prepared(analysis, to_simplified(analysis), offset)

    @classmethod
    def many(cls, analysis: str, spans: list[tuple[int, int]]) -> list[Stretch]:
        """``[Stretch.of(analysis[s:e], s) for s, e in spans]``, converted to Simplified in one call.

        >>> [s.text for s in Stretch.many("(省林業廳負責)(??诤jP)", [(1, 7), (9, 14)])]
        ['省林业厅负责', '海口海关']
        """
        pieces = [analysis[start:end] for start, end in spans]
        converted = to_simplified_many(pieces)
        damaged = _damaged_pieces(converted)
        return [
            cls._prepared(piece, simplified, start) if i in damaged else cls(simplified, None, start, [])
            for i, (piece, simplified, (start, _)) in enumerate(zip(pieces, converted, spans, strict=True))
        ]

    @classmethod
    def _prepared(cls, analysis: str, simplified: str, offset: int) -> Stretch:
        """``simplified`` (the Simplified copy of ``analysis``) with damaged forms repaired."""
        pattern = _repair_pattern()
        if pattern.search(simplified) is None:
            return cls(simplified, None, offset, [])
        pieces: list[str] = []
        origin: list[int] = []
        found: list[Repair] = []
        done = 0
        for match in pattern.finditer(simplified):
            pieces.append(simplified[done : match.start()])
            origin.extend(range(done, match.start()))
            repaired = _repair_table()[match.group()]
            found.append(
                Repair(
                    offset + match.start(),
                    offset + match.end(),
                    analysis[match.start() : match.end()],
                    repaired,
                )
            )
            pieces.append(repaired)
            origin.extend([match.start()] * len(repaired))
            done = match.end()
        pieces.append(simplified[done:])
        origin.extend(range(done, len(simplified) + 1))
        return cls("".join(pieces), origin, offset, found)

    @property
    def maps_one_to_one(self) -> bool:
        """Whether nothing was repaired, so ``text[i]`` is source character ``offset + i``."""
        return self._origin is None

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets of ``text[start:end]``; a span inside a repair covers the whole damaged form."""
        origin = self._origin
        if origin is None:
            return self.offset + start, self.offset + max(start, end)
        src_start = origin[start]
        if end <= start:
            return self.offset + src_start, self.offset + src_start
        last = origin[end - 1]
        src_end = origin[end] if origin[end] != last else last + 1
        for repair in self.repaired:
            if repair.start - self.offset <= last < repair.end - self.offset:
                src_end = max(src_end, repair.end - self.offset)
        return self.offset + src_start, self.offset + src_end
