"""The human pages: the query page at ``/`` and an offline API overview at ``/docs``."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import SettingsDep
from api.pages import query_page, render

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, settings: SettingsDep) -> HTMLResponse:
    return query_page(request, settings, query=request.query_params.get("query"))


@router.get("/docs", response_class=HTMLResponse)
async def docs(request: Request) -> HTMLResponse:
    schema = request.app.openapi()
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            params = ", ".join(p["name"] for p in operation.get("parameters", []))
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "params": params,
                }
            )
    return render(request, "docs.html", operations=operations, version=schema.get("openapi", ""))
