"""Script conversion shared by IRI keys and query inputs: one text may arrive in either script.

OpenCC converters are built once; conversion is a pure function of the text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import opencc

QUOTES = "“”‘’「」『』\"'＂＇"
"""Quote marks that vary inside agency names (“雙打” "雙打" 「雙打」); keys drop them."""

_FULLWIDTH_DIGITS = {ord("０") + i: ord("0") + i for i in range(10)}
_YEAR_BRACKETS = re.compile(r"[\[［【(（〔〖]\s*(\d{4})\s*[\]］】)）〕〗]")


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Traditional -> Simplified, after NFC; Simplified text passes through unchanged."""
    converted: str = _converter("t2s").convert(unicodedata.normalize("NFC", text))
    return converted


def to_traditional(text: str) -> str:
    """Simplified -> Traditional, after NFC; only used to offer a second spelling of a name."""
    converted: str = _converter("s2t").convert(unicodedata.normalize("NFC", text))
    return converted


def strip_quotes(text: str) -> str:
    """The text without any of the quote marks in :data:`QUOTES`."""
    return text.translate({ord(mark): None for mark in QUOTES})


def name_key(name: str) -> str:
    """A spelling-independent key of an agency name: NFC, Simplified, no quotes, no spaces."""
    return "".join(strip_quotes(to_simplified(name)).split())


@lru_cache(maxsize=8192)
def document_number_key(number: str) -> str:
    """The canonical form of a document number: NFC, Simplified script, 〔year〕, ASCII digits, no spaces.

    >>> document_number_key(" 國發（２０１７）14號 ")
    '国发〔2017〕14号'
    >>> document_number_key("政府令第263號")
    '政府令第263号'
    """
    text = unicodedata.normalize("NFC", number).translate(_FULLWIDTH_DIGITS)
    text = "".join(to_simplified(text).split())
    text = _YEAR_BRACKETS.sub(r"〔\1〕", text)
    return text.replace("號", "号")
