"""``/items/{id}``: a work item with its text, tasks, assignments, citations and span."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from api import rest
from api.deps import ExecutorDep, SettingsDep
from api.errors import NotFoundError
from api.routes.common import ERRORS
from api.schemas import Item

router = APIRouter(prefix="/items", tags=["items"], responses=ERRORS)


@router.get("/{item_id:path}", response_model=Item, summary="One work item (id: {document id}/item/{n})")
async def get_item(
    executor: ExecutorDep,
    settings: SettingsDep,
    item_id: Annotated[str, Path(max_length=500, description="e.g. 琼府办〔2017〕89号/item/3")],
) -> dict[str, Any]:
    if "/item/" not in item_id or any(c in item_id for c in '<>"{}|^`\\ '):
        raise NotFoundError(f"no item with id {item_id!r} (ids look like 琼府办〔2017〕89号/item/3)")
    detail = await executor.call(rest.item_detail, settings.base_iri, item_id)
    if detail is None:
        raise NotFoundError(f"no item with id {item_id!r}")
    return detail
