"""A request-size limit applied before any route: long URLs and bodies stop at the door."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Receive, Scope, Send


class RequestSizeLimit:
    """413 for a query string or declared body longer than ``limit`` bytes.

    Bodies without a Content-Length are counted by the routes that read them
    (:func:`api.sparql._read_body`).
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            declared = dict(scope["headers"]).get(b"content-length", b"0")
            too_long = len(scope.get("query_string", b"")) > self.limit
            if too_long or (declared.isdigit() and int(declared) > self.limit):
                await _refuse(send, self.limit)
                return
        await self.app(scope, receive, send)


async def _refuse(send: Send, limit: int) -> None:
    body = json.dumps(
        {"error": "E047", "message": f"the request is larger than the {limit}-byte limit"}
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
