"""The genre's patterns, loaded once from ``data/patterns.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

from ingest.model import Role


@dataclass(frozen=True, slots=True)
class Patterns:
    """Keywords and word lists; see the data file for what each one holds."""

    role_keywords: dict[str, Role]
    jointly_keyword: str
    role_labels: dict[str, Role]
    separators: str
    conjunctions: tuple[str, ...]
    fillers: tuple[str, ...]
    first_listed_leads: str
    applies_below: str
    agency_suffixes: tuple[str, ...]
    not_in_agency_names: str
    max_agency_name: int
    plan_title_suffixes: tuple[str, ...]
    notice_title_suffixes: tuple[str, ...]
    doc_number_code_prefixes: tuple[str, ...]
    decree_codes: dict[str, str]


def _by_length(words: list[str]) -> tuple[str, ...]:
    """Longest first, so that a longer keyword wins over its own prefix."""
    return tuple(sorted(words, key=len, reverse=True))


def _load() -> Patterns:
    raw = json.loads(resources.files("ingest").joinpath("data", "patterns.json").read_text(encoding="utf-8"))
    return Patterns(
        role_keywords={
            k: Role(v) for k, v in sorted(raw["role_keywords"].items(), key=lambda kv: -len(kv[0]))
        },
        jointly_keyword=raw["jointly_keyword"],
        role_labels={k: Role(v) for k, v in raw["role_labels"].items()},
        separators=raw["separators"],
        conjunctions=tuple(raw["conjunctions"]),
        fillers=_by_length(raw["fillers"]),
        first_listed_leads=raw["first_listed_leads"],
        applies_below=raw["applies_below"],
        agency_suffixes=_by_length(raw["agency_suffixes"]),
        not_in_agency_names=raw["not_in_agency_names"],
        max_agency_name=int(raw["max_agency_name"]),
        plan_title_suffixes=tuple(raw["plan_title_suffixes"]),
        notice_title_suffixes=tuple(raw["notice_title_suffixes"]),
        doc_number_code_prefixes=_by_length(raw["doc_number_code_prefixes"]),
        decree_codes={k: v for k, v in raw["decree_codes"].items() if not k.startswith("_")},
    )


PATTERNS = _load()
