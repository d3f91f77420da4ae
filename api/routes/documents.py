"""``/documents``: notices and the documents they cite."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from api import rest
from api.deps import ExecutorDep, SettingsDep
from api.errors import NotFoundError
from api.routes.common import ERRORS, PageDep
from api.schemas import Document, DocumentDetail, Page, page

router = APIRouter(prefix="/documents", tags=["documents"], responses=ERRORS)


@router.get("", response_model=Page[Document], summary="Notices and cited documents")
async def list_documents(
    executor: ExecutorDep,
    settings: SettingsDep,
    paging: PageDep,
    notices: Annotated[bool, Query(description="Only ingested notices")] = False,
    cites: Annotated[
        str | None,
        Query(max_length=500, description="Only notices citing this document (id or number)"),
    ] = None,
) -> dict[str, Any]:
    rows, total = await executor.call(
        rest.list_documents, settings.base_iri, notices, paging.offset, paging.limit, cites
    )
    return page(rows, paging.offset, paging.limit, total)


@router.get("/{document_id:path}", response_model=DocumentDetail, summary="One document (id or number)")
async def get_document(
    executor: ExecutorDep,
    settings: SettingsDep,
    document_id: Annotated[str, Path(max_length=500, description="e.g. 琼府办〔2017〕89号")],
) -> dict[str, Any]:
    if any(c in document_id for c in '<>"{}|^`\\') or not document_id.strip():
        raise NotFoundError(f"no document with id {document_id!r}")
    detail = await executor.call(rest.document_detail, settings.base_iri, document_id)
    if detail is None:
        raise NotFoundError(f"no document with id {document_id!r}")
    return detail
