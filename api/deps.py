"""Typed dependencies every route declares: the settings and the query executor."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request

from api.execution import Executor
from api.settings import Settings


def get_settings(request: Request) -> Settings:
    """The settings the app was built with."""
    settings: Settings = request.app.state.settings
    return settings


def get_executor(request: Request) -> Executor:
    """Where queries run (worker processes or threads); see :mod:`api.execution`."""
    executor: Executor = request.app.state.executor
    return executor


SettingsDep = Annotated[Settings, Depends(get_settings)]
ExecutorDep = Annotated[Executor, Depends(get_executor)]
StoreDep = ExecutorDep  # routes reach the store only through the executor, which enforces limits


async def select(executor: Executor, sparql: str) -> list[dict[str, Any]]:
    """Rows of a trusted SELECT, run like any query (time limit included)."""
    from api.querying import select_rows

    return await executor.call(select_rows, sparql)
