"""Labels in the reader's choice of script or English, and the colours of agency kinds."""

from __future__ import annotations

import re
from typing import Literal, cast

from ingest.script import to_simplified, to_traditional
from viz.assets import data

Lang = Literal["zh-Hant", "zh-Hans", "en"]
LANGS: tuple[Lang, ...] = ("zh-Hant", "zh-Hans", "en")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def parse_lang(value: str | None, default: Lang = "zh-Hant") -> Lang:
    """A supported language tag from user input, case-insensitively; ``default`` if absent.

    >>> parse_lang("zh-hans"), parse_lang(None), parse_lang("EN")
    ('zh-Hans', 'zh-Hant', 'en')
    """
    if not value:
        return default
    for lang in LANGS:
        if value.lower() == lang.lower():
            return lang
    raise ValueError(f"unknown label language {value!r}: expected one of {', '.join(LANGS)}")


def kind_key(kind: str | None) -> str:
    """The key of ``viz/data/kinds.json`` for a kind value or kind concept IRI.

    >>> kind_key("https://w3id.org/govkg/ontology#CentralBranch"), kind_key("judicial"), kind_key(None)
    ('central-branch', 'judicial', 'unknown')
    """
    local = (kind or "unknown").rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    key = _CAMEL.sub("-", local).lower().removesuffix("-kind")
    return key if key in data("kinds") else "unknown"


def kind_color(kind: str) -> str:
    return cast(str, data("kinds")[kind_key(kind)]["color"])


def kind_label(kind: str) -> dict[str, str]:
    """The kind's name in every language, keyed by language tag."""
    entry = data("kinds")[kind_key(kind)]
    return {lang: entry[lang] for lang in LANGS}


def both_scripts(text: str) -> tuple[str, str]:
    """``(Simplified, Traditional)`` forms of a Chinese text written in either script."""
    return to_simplified(text), to_traditional(text)


def pick(hans: str, hant: str, english: str | None, lang: Lang) -> str:
    """The label in ``lang``; English falls back to Simplified Chinese."""
    if lang == "en":
        return english or hans
    return hans if lang == "zh-Hans" else hant


def shorten(text: str, limit: int = 14) -> str:
    """A display label no longer than ``limit`` characters (full text goes in the tooltip).

    >>> shorten("加大互聯網領域侵權假冒治理力度", 8)
    '加大互聯網領域…'
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"
