"""``/viz/...``: the interactive network pages and the source view, as offline HTML."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from api.deps import ExecutorDep
from api.routes.common import ERRORS
from viz.labels import Lang
from viz.pages import network_page, source_page

router = APIRouter(prefix="/viz", tags=["viz"], responses=ERRORS)
LangQuery = Annotated[Lang, Query(description="label language")]
RoleQuery = Annotated[Literal["any", "lead"], Query(description="initial role filter")]
NoticeQuery = Annotated[str | None, Query(description="initial notice filter: IRI or document number")]
SectionQuery = Annotated[int | None, Query(ge=1, description="initial section filter")]


async def _network(
    executor: ExecutorDep, page: str, lang: Lang, role: str, notice: str | None, section: int | None
) -> HTMLResponse:
    html = await executor.call(_network_page, page, lang, role, notice, section)
    return HTMLResponse(html)


def _network_page(
    store: object, page: str, lang: Lang, role: str, notice: str | None, section: int | None
) -> str:
    return network_page(store, page, lang=lang, role=role, notice=notice, section=section)  # type: ignore[arg-type]


def _source_page(store: object, notice: str, lang: Lang) -> str:
    return source_page(store, notice, lang=lang)


@router.get("/coordination", response_class=HTMLResponse, summary="Agency coordination network page")
async def coordination(
    executor: ExecutorDep,
    lang: LangQuery = "zh-Hant",
    role: RoleQuery = "any",
    notice: NoticeQuery = None,
    section: SectionQuery = None,
) -> HTMLResponse:
    return await _network(executor, "coordination", lang, role, notice, section)


@router.get("/bipartite", response_class=HTMLResponse, summary="Agency–work item network page")
async def bipartite(
    executor: ExecutorDep,
    lang: LangQuery = "zh-Hant",
    role: RoleQuery = "any",
    notice: NoticeQuery = None,
    section: SectionQuery = None,
) -> HTMLResponse:
    return await _network(executor, "bipartite", lang, role, notice, section)


@router.get("/citations", response_class=HTMLResponse, summary="Citation network page")
async def citations(
    executor: ExecutorDep,
    lang: LangQuery = "zh-Hant",
    notice: NoticeQuery = None,
    section: SectionQuery = None,
) -> HTMLResponse:
    return await _network(executor, "citations", lang, "any", notice, section)


@router.get(
    "/source/{notice:path}", response_class=HTMLResponse, summary="A notice's text with its facts marked"
)
async def source(executor: ExecutorDep, notice: str, lang: LangQuery = "zh-Hant") -> HTMLResponse:
    return HTMLResponse(await executor.call(_source_page, notice, lang))
