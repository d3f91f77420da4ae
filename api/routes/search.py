"""``/search?q=``: tasks whose text holds a phrase, in either script."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api import rest
from api.deps import ExecutorDep, SettingsDep
from api.routes.common import ERRORS, PageDep
from api.schemas import Page, TaskHit, page

router = APIRouter(prefix="/search", tags=["search"], responses=ERRORS)


@router.get("", response_model=Page[TaskHit], summary="Tasks mentioning a phrase (电子商务 finds 電子商務)")
async def search(
    executor: ExecutorDep,
    settings: SettingsDep,
    paging: PageDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="Phrase in either script")],
) -> dict[str, Any]:
    rows, total = await executor.call(rest.search_tasks, settings.base_iri, q, paging.offset, paging.limit)
    return page(rows, paging.offset, paging.limit, total)
