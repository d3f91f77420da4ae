"""The serialisation formats a store speaks, read from ``formats.tsv``.

One table serves the SPARQL endpoint's content negotiation, ``query_raw``, ``dump``
and the CLI's ``--format`` choices, so a format is added in one place.

>>> find_format("text/turtle").name
'ttl'
>>> find_format("srj").media_type
'application/sparql-results+json'
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib.resources import files

from ingest.errors import GovkgError


class FormatKind(StrEnum):
    """What a format can hold: query solutions, triples, or quads (which also hold triples)."""

    RESULTS = "results"
    GRAPH = "graph"
    DATASET = "dataset"


@dataclass(frozen=True, slots=True)
class Format:
    """One serialisation: short name, kind, media type, file extension, rdflib plugin name."""

    name: str
    kind: FormatKind
    media_type: str
    extension: str
    rdflib: str
    aliases: tuple[str, ...]

    @property
    def holds_triples(self) -> bool:
        """Whether a CONSTRUCT result or a graph can be written in this format."""
        return self.kind is not FormatKind.RESULTS


class UnknownFormatError(GovkgError):
    """A format name or media type not in the table."""

    code = "E024"


@cache
def formats() -> tuple[Format, ...]:
    """Every known format, in table order."""
    text = files(__package__).joinpath("formats.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    return tuple(
        Format(
            name=row["name"],
            kind=FormatKind(row["kind"]),
            media_type=row["media_type"],
            extension=row["extension"],
            rdflib=row["rdflib"],
            aliases=tuple(a for a in (row["aliases"] or "").split(",") if a),
        )
        for row in rows
    )


def find_format(key: str, kinds: tuple[FormatKind, ...] | None = None) -> Format:
    """The format named ``key`` (name, alias, extension or media type), optionally of given kinds."""
    wanted = key.strip().lower().split(";")[0].strip()
    for fmt in formats():
        if kinds is not None and fmt.kind not in kinds:
            continue
        if wanted in (fmt.name, fmt.media_type, fmt.extension, *fmt.aliases):
            return fmt
    known = ", ".join(f.name for f in formats() if kinds is None or f.kind in kinds)
    raise UnknownFormatError(f"E024: unknown format {key!r} (known: {known})")


RESULT_KINDS = (FormatKind.RESULTS,)
TRIPLE_KINDS = (FormatKind.GRAPH, FormatKind.DATASET)
