"""The agency registry: one canonical entry per real agency, found by any of its names.

Provincial bodies are written short (``省公安厅``): the same short name means a
different agency in another province, so aliases are scoped to a jurisdiction and
looked up in the notice's own jurisdiction first, then nationally. Names the
registry does not know are recognised by pattern, qualified with the notice's
province, and reported, so a new document's agencies are found without editing
the registry.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ingest.model import Agency, AgencyKind
from ingest.normalize import punctuation
from ingest.patterns import PATTERNS
from ingest.script import to_simplified, to_traditional

NATIONAL = "国家"
_RESOLVED_LIMIT = 16384  # remembered (name, jurisdiction) answers; forgotten all at once past this


@lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """The form names are compared in: Simplified, ASCII quotes and brackets, no spaces.

    >>> name_key("省「雙打」辦") == name_key("省“双打”办")
    True
    """
    return to_simplified(punctuation(name)).replace(" ", "").strip()


@dataclass(slots=True)
class Registry:
    """Agencies by id and by (jurisdiction, name key)."""

    by_id: dict[str, Agency] = field(default_factory=dict)
    by_key: dict[tuple[str, str], Agency] = field(default_factory=dict)
    jurisdiction_of: dict[str, str] = field(default_factory=dict)
    # A notice names the same few agencies dozens of times: each name as written is keyed once.
    _resolved: dict[tuple[str, str | None], Agency | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def add(self, agency: Agency, jurisdiction: str) -> None:
        self._resolved.clear()
        self.by_id[agency.id] = agency
        self.jurisdiction_of[agency.id] = jurisdiction
        for name in (agency.name, agency.name_hant, *agency.aliases):
            self.by_key.setdefault((jurisdiction, name_key(name)), agency)

    def keys(self) -> Iterator[str]:
        """Every known name key, for building matchers."""
        return iter({key for _, key in self.by_key})

    def resolve(self, name: str, jurisdiction: str | None) -> Agency | None:
        """The registry agency ``name`` denotes in ``jurisdiction``, else nationally.

        >>> registry().resolve("省知識產權局", "海南省").id
        'hainan-ipo'
        >>> registry().resolve("省知识产权局", "广东省") is None
        True
        """
        try:
            return self._resolved[name, jurisdiction]
        except KeyError:
            pass
        key = name_key(name)
        found = None
        for scope in (jurisdiction, NATIONAL):
            if scope and (found := self.by_key.get((scope, key))):
                break
        resolved = self._resolved
        if len(resolved) >= _RESOLVED_LIMIT:
            resolved.clear()
        resolved[name, jurisdiction] = found
        return found

    def find(self, name: str) -> list[Agency]:
        """Every agency, in any jurisdiction, that ``name`` may denote (for user queries)."""
        key = name_key(name)
        return sorted({a.id: a for (_, k), a in self.by_key.items() if k == key}.values(), key=lambda a: a.id)


def unseen(name: str, jurisdiction: str | None) -> Agency:
    """An agency the registry does not know, named as precisely as the text allows.

    A short provincial name gets the province in front, so ``省某局`` in a Hainan
    notice and in a Guangdong notice stay two agencies.

    >>> unseen("省海洋厅", "海南省").name
    '海南省海洋厅'
    """
    simplified = name_key(name)
    if simplified.startswith("省") and jurisdiction and jurisdiction.endswith("省"):
        simplified = jurisdiction + simplified[1:]
    digest = hashlib.sha1(simplified.encode("utf-8")).hexdigest()[:12]
    return Agency(
        id=f"x-{digest}",
        name=simplified,
        name_hant=to_traditional(simplified),
        english=None,
        kind=AgencyKind.UNKNOWN,
        aliases=tuple(sorted({name, name_key(name)} - {simplified})),
    )


def looks_like_agency(name: str) -> bool:
    """Whether an unknown name has the shape of an agency name (for unseen agencies).

    >>> looks_like_agency("省海洋厅"), looks_like_agency("由人社部门负责的")
    (True, False)
    """
    key = name_key(name)
    if not 2 <= len(key) <= PATTERNS.max_agency_name:
        return False
    if any(ch in PATTERNS.not_in_agency_names for ch in key):
        return False
    if not all("\u4e00" <= ch <= "\u9fff" or ch == '"' for ch in key):
        return False
    return any(key.endswith(suffix) and len(key) > len(suffix) for suffix in PATTERNS.agency_suffixes)


@lru_cache(maxsize=1)
def registry() -> Registry:
    """The registry loaded from ``data/agencies.csv`` (canonical name, aliases, English, kind)."""
    result = Registry()
    with resources.files("ingest").joinpath("data", "agencies.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            aliases = [a for a in row["aliases"].split("|") if a]
            variants = {form for alias in aliases for form in (alias, to_traditional(alias))}
            agency = Agency(
                id=row["id"],
                name=row["name"],
                name_hant=to_traditional(row["name"]),
                english=row["english"] or None,
                kind=AgencyKind(row["kind"]),
                aliases=tuple(sorted(variants - {row["name"]})),
            )
            result.add(agency, row["jurisdiction"])
    return result
