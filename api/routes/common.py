"""Parameters every list route shares: pagination with a cap."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query

from api.deps import SettingsDep
from api.schemas import ErrorBody

MAX_LIMIT = 1000
ERRORS: dict[int | str, dict[str, object]] = {
    404: {"model": ErrorBody, "description": "No such entity"},
    503: {"model": ErrorBody, "description": "All query workers busy"},
    504: {"model": ErrorBody, "description": "Query time limit reached"},
}


class Pagination:
    def __init__(self, offset: int, limit: int) -> None:
        self.offset = offset
        self.limit = limit


def pagination(
    settings: SettingsDep,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip")] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows to return (capped)")] = 50,
) -> Pagination:
    return Pagination(offset, min(limit, settings.page_limit))


PageDep = Annotated[Pagination, Depends(pagination)]
