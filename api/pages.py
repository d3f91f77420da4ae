"""HTML pages: Jinja2 with autoescaping, and a strict Content-Security-Policy.

Every value from the graph (agency names, task text) reaches HTML only through
autoescaped templates; data handed to scripts goes through :func:`script_json`,
which cannot close a ``<script>`` element. The CSP allows nothing but this
server, so a page can make no request elsewhere even if something slipped through.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from api.examples import examples
from api.settings import Settings

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'self'"
)


def script_json(value: Any) -> Markup:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>``, ``&`` left raw.

    >>> str(script_json({"name": "</script><script>alert(1)</script>"}))
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)  # escaped above for the script-data context


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("api", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["script_json"] = script_json
    return env


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page from ``api/templates``, with the CSP and the app's navigation."""
    html = environment().get_template(template).render(request=request, **context)
    headers = {"Content-Security-Policy": CSP, "Vary": "Accept"}
    return HTMLResponse(html, status_code=status_code, headers=headers)


def query_page(request: Request, settings: Settings, query: str | None = None) -> HTMLResponse:
    """The SPARQL editor with the competency questions as examples."""
    config = {
        "endpoint": request.scope.get("root_path", "") + "/sparql",
        "base": settings.base_iri,
        "examples": [
            {"name": e.name, "title": e.title, "description": e.description, "query": e.query}
            for e in examples()
        ],
        "query": query,
    }
    return render(request, "query.html", config=config, examples=examples())
