"""``/network/coordination``: agencies sharing tasks, weighted, with centralities."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from api import rest
from api.deps import ExecutorDep, SettingsDep
from api.routes.common import ERRORS
from api.schemas import Network

router = APIRouter(prefix="/network", tags=["network"], responses=ERRORS)


@router.get("/coordination", response_model=Network, summary="The weighted coordination network")
async def coordination(
    executor: ExecutorDep,
    settings: SettingsDep,
    role: Annotated[list[Literal["lead", "responsible", "cooperating"]] | None, Query()] = None,
) -> dict[str, Any]:
    roles = tuple(dict.fromkeys(role)) if role else ("lead", "responsible", "cooperating")
    return await executor.call(rest.coordination, settings.base_iri, roles)
