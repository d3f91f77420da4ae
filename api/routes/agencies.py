"""``/agencies``: find agencies by name in either script; one agency's counts and tasks."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query

from api import rest
from api.deps import ExecutorDep, SettingsDep
from api.errors import NotFoundError
from api.routes.common import ERRORS, PageDep
from api.schemas import Agency as AgencyOut
from api.schemas import AgencyDetail, AgencyTask, Page, page

router = APIRouter(prefix="/agencies", tags=["agencies"], responses=ERRORS)
AgencyId = Annotated[str, Path(pattern=r"^[A-Za-z0-9._~-]{1,200}$", description="Agency slug")]
ALL_ROLES = ("lead", "responsible", "cooperating")


@router.get("", response_model=Page[AgencyOut], summary="Agencies, optionally searched by name")
async def list_agencies(
    executor: ExecutorDep,
    settings: SettingsDep,
    paging: PageDep,
    q: Annotated[str | None, Query(max_length=200, description="Name, either script")] = None,
) -> dict[str, Any]:
    rows, total = await executor.call(rest.list_agencies, settings.base_iri, q, paging.offset, paging.limit)
    return page(rows, paging.offset, paging.limit, total)


@router.get("/{agency_id}", response_model=AgencyDetail, summary="One agency: names, kind, counts by role")
async def get_agency(executor: ExecutorDep, settings: SettingsDep, agency_id: AgencyId) -> dict[str, Any]:
    detail = await executor.call(rest.agency_detail, settings.base_iri, agency_id)
    if detail is None:
        raise NotFoundError(f"no agency with id {agency_id!r}")
    return detail


@router.get("/{agency_id}/tasks", response_model=Page[AgencyTask], summary="The agency's tasks in a role")
async def agency_tasks(
    executor: ExecutorDep,
    settings: SettingsDep,
    paging: PageDep,
    agency_id: AgencyId,
    role: Annotated[Literal["lead", "responsible", "cooperating", "any"], Query()] = "lead",
) -> dict[str, Any]:
    roles = ALL_ROLES if role == "any" else (role,)
    found = await executor.call(
        rest.agency_tasks, settings.base_iri, agency_id, roles, paging.offset, paging.limit
    )
    if found is None:
        raise NotFoundError(f"no agency with id {agency_id!r}")
    rows, total = found
    return page(rows, paging.offset, paging.limit, total)
