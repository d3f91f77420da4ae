"""``/citations?cites=``: which notices cite a document, and from which items."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api import rest
from api.deps import ExecutorDep, SettingsDep
from api.routes.common import ERRORS, PageDep
from api.schemas import CitationOccurrence, Page, page

router = APIRouter(prefix="/citations", tags=["citations"], responses=ERRORS)


@router.get("", response_model=Page[CitationOccurrence], summary="Citations of a document number")
async def citations(
    executor: ExecutorDep,
    settings: SettingsDep,
    paging: PageDep,
    cites: Annotated[
        str, Query(min_length=1, max_length=200, description="Number, any script: 國發〔2017〕14號")
    ],
) -> dict[str, Any]:
    rows, total = await executor.call(rest.citing, settings.base_iri, cites, paging.offset, paging.limit)
    return page(rows, paging.offset, paging.limit, total)
