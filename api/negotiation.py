"""Content negotiation: the media-type table (``data/media_types.json``) and one pure chooser.

The rules are RFC 9110's: each offered type gets the q-value of the most specific
Accept range that matches it; the highest q wins, ties go to the table's order
(the server's preference), and q=0 excludes. A ``format`` parameter, when given,
overrides the Accept header, as on most public SPARQL endpoints.

>>> choose("text/csv;q=0.5, application/sparql-results+xml", ["results"]).media_type
'application/sparql-results+xml'
>>> choose("*/*", ["graph"]).media_type
'text/turtle'
>>> choose("text/turtle", ["results"]) is None
True
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files


@dataclass(frozen=True, slots=True)
class MediaType:
    """One row of the table: what a kind of answer can be written as."""

    kind: str
    media_type: str
    formats: tuple[str, ...]
    aliases: tuple[str, ...]
    serializer: str

    @property
    def content_type(self) -> str:
        """The Content-Type header value; every textual type here is UTF-8."""
        return f"{self.media_type}; charset=utf-8"


@dataclass(frozen=True, slots=True)
class MediaRange:
    """One entry of an Accept header, e.g. ``text/*;q=0.5``."""

    type: str
    subtype: str
    q: float

    @property
    def specificity(self) -> int:
        """2 for ``a/b``, 1 for ``a/*``, 0 for ``*/*``."""
        return (self.type != "*") + (self.subtype != "*")

    def matches(self, media_type: str) -> bool:
        """Whether this range covers ``media_type`` (a bare ``type/subtype``)."""
        kind, _, sub = media_type.partition("/")
        return self.type in {"*", kind} and self.subtype in {"*", sub}


@cache
def table() -> tuple[MediaType, ...]:
    """Every media type the service writes, in preference order."""
    raw = json.loads(files("api").joinpath("data/media_types.json").read_text(encoding="utf-8"))
    return tuple(
        MediaType(
            kind=row["kind"],
            media_type=row["media_type"],
            formats=tuple(row["formats"]),
            aliases=tuple(row["aliases"]),
            serializer=row["serializer"],
        )
        for row in raw["media_types"]
    )


def parse_accept(header: str | None) -> list[MediaRange]:
    """The ranges of an Accept header, best first; a missing or empty header means ``*/*``.

    Malformed entries are skipped, a malformed q counts as 0 (never as a preference).

    >>> [(r.type, r.subtype, r.q) for r in parse_accept("text/*;q=0.3, text/turtle, */*;q=0.1")]
    [('text', 'turtle', 1.0), ('text', '*', 0.3), ('*', '*', 0.1)]
    """
    if header is None or not header.strip():
        return [MediaRange("*", "*", 1.0)]
    ranges: list[MediaRange] = []
    for entry in header.split(","):
        name, *params = (part.strip() for part in entry.split(";"))
        kind, slash, sub = name.lower().partition("/")
        if not slash or not kind or not sub or (kind == "*" and sub != "*"):
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                q = _q_value(value.strip())
        ranges.append(MediaRange(kind, sub, q))
    return sorted(ranges, key=lambda r: (-r.q, -r.specificity))


def _q_value(text: str) -> float:
    try:
        q = float(text)
    except ValueError:
        return 0.0
    return q if 0.0 <= q <= 1.0 else 0.0


def quality(ranges: list[MediaRange], media_type: str) -> float:
    """The q the client gives ``media_type``: that of the most specific matching range."""
    matching = [r for r in ranges if r.matches(media_type)]
    if not matching:
        return 0.0
    return max(matching, key=lambda r: (r.specificity, r.q)).q


def choose(accept: str | None, kinds: Iterable[str], fmt: str | None = None) -> MediaType | None:
    """The best media type of the given kinds for this request, or ``None`` (a 406).

    ``kinds`` are tried in order, so on a tie the earlier kind wins.
    """
    candidates = [row for kind in kinds for row in table() if row.kind == kind]
    if fmt:
        wanted = fmt.strip().lower()
        for row in candidates:
            if wanted in row.formats or wanted == row.media_type or wanted in row.aliases:
                return row
        return None
    ranges = parse_accept(accept)
    best: MediaType | None = None
    best_q = 0.0
    for row in candidates:
        q = max(quality(ranges, name) for name in (row.media_type, *row.aliases))
        if q > best_q:
            best, best_q = row, q
    return best


def by_serializer(kind: str, serializer: str) -> MediaType:
    """The table row of a kind written by a serializer (e.g. results ``JSON``)."""
    for row in table():
        if row.kind == kind and row.serializer == serializer:
            return row
    raise KeyError((kind, serializer))


def offered(kind: str) -> list[str]:
    """The media types of a kind, for 406 messages and the service description."""
    return [row.media_type for row in table() if row.kind == kind]
