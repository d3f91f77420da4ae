"""What every page carries inline: vis-network from the pyvis package, our own script,
styles and UI strings. Pages are single files that work offline, so nothing is linked.
"""

from __future__ import annotations

import json
import re
import secrets
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import pyvis
from markupsafe import Markup

VIS_VERSION = "9.1.2"
_SCRIPT_END = re.compile(r"</script|<!--", re.IGNORECASE)
_STYLE_END = re.compile(r"</style", re.IGNORECASE)


def _package_text(*parts: str) -> str:
    return resources.files("viz").joinpath(*parts).read_text(encoding="utf-8")


@cache
def vis_file(name: str) -> str:
    """A file of the vis-network build that pyvis ships (``vis-network.min.js`` / ``.css``)."""
    path = Path(pyvis.__file__).parent / "lib" / f"vis-{VIS_VERSION}" / name
    return path.read_text(encoding="utf-8")


def inline_script(source: str) -> Markup:
    """Script text safe to place between ``<script>`` tags; refuses text that would end them."""
    if _SCRIPT_END.search(source):
        raise ValueError("script text contains '</script' or '<!--' and cannot be inlined")
    return Markup(source)


def inline_style(source: str) -> Markup:
    """Style text safe to place between ``<style>`` tags."""
    if _STYLE_END.search(source):
        raise ValueError("style text contains '</style' and cannot be inlined")
    return Markup(source)


@cache
def data(name: str) -> Any:
    """A JSON data file from ``viz/data``."""
    return json.loads(_package_text("data", f"{name}.json"))


@cache
def template_text(name: str) -> str:
    return _package_text("templates", name)


@cache
def environment() -> jinja2.Environment:
    """Templates from ``viz/templates`` with HTML autoescaping always on."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("viz", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def nonce() -> str:
    """A fresh script nonce for the page's Content-Security-Policy."""
    return secrets.token_urlsafe(18)


def strings(lang: str) -> dict[str, str]:
    """The UI strings in one language (English where a string lacks that language)."""
    table: dict[str, dict[str, str]] = data("strings")
    return {key: entry.get(lang) or entry["en"] for key, entry in table.items()}
