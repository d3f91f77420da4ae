"""Which jurisdiction a notice belongs to, so short provincial names resolve correctly."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _codes() -> tuple[tuple[str, str], ...]:
    with resources.files("ingest").joinpath("data", "jurisdictions.csv").open(encoding="utf-8") as handle:
        rows = [(row["code"], row["jurisdiction"]) for row in csv.DictReader(handle)]
    return tuple(sorted(rows, key=lambda row: -len(row[0])))


def jurisdiction_of(doc_number: str | None, issuer: str | None) -> str | None:
    """The jurisdiction named by the document number's code, else by the issuer's name.

    >>> jurisdiction_of("琼府办〔2017〕89号", None), jurisdiction_of("国发〔2018〕38号", None)
    ('海南省', '国家')
    >>> jurisdiction_of(None, "广东省人民政府办公厅")
    '广东省'
    """
    if doc_number:
        for code, name in _codes():
            if doc_number.startswith(code):
                return name
    if issuer:
        if issuer.startswith(("国务院", "中共中央", "中央")):
            return "国家"
        for _, name in _codes():
            if issuer.startswith(name) or (len(name) > 2 and issuer.startswith(name.rstrip("省市"))):
                return name
    return None
