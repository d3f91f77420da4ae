"""Bytes -> text for the encodings Chinese government text arrives in.

UTF-8 (with or without BOM) is tried first because it rarely decodes by accident;
GB18030 (a superset of GBK) and Big5 both accept much of each other's byte space,
so between them the one yielding more common CJK characters wins.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from ingest.errors import (
    BinaryInputError,
    EmptyInputError,
    IngestError,
    Msg,
    UndecodableInputError,
)
from ingest.script import to_traditional

_LEGACY = ("gb18030", "big5")
# Characters frequent in notices of either script; a wrong decoding rarely yields many.
_COMMON_HANS = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种"
    "面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本"
    "去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比"
    "或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总"
    "次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做"
    "必战先回则任取据处理世车"
)


def sha256(data: bytes) -> str:
    """Hex digest that identifies a source; unchanged bytes mean an unchanged notice."""
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding name; raises an :class:`IngestError` subclass with a reason.

    >>> decode("（省林業廳負責）".encode("big5"))
    ('（省林業廳負責）', 'big5')
    >>> decode("\\ufeff方案".encode("utf-8"))
    ('方案', 'utf-8-sig')
    """
    if not data.strip():
        raise EmptyInputError(Msg.E001.format())
    if b"\x00" in data[:8192]:
        raise BinaryInputError(Msg.E002.format())
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data, "utf-8-sig"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = [(text, name) for name in _LEGACY if (text := _try(data, name)) is not None]
    if not candidates:
        raise UndecodableInputError(Msg.E003.format())
    text, name = max(candidates, key=lambda c: _plausibility(c[0]))
    if _looks_binary(text):
        raise BinaryInputError(Msg.E002.format())
    return text, name


def read_bytes(path: Path) -> bytes:
    """The file's bytes; an unreadable path becomes an :class:`IngestError`, not a traceback."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise IngestError(Msg.E005.format(reason=error.strerror or str(error)), code="E005") from error


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise UndecodableInputError(Msg.E003.format()) from error


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _plausibility(text: str) -> int:
    """Frequent CJK characters score; private-use and control characters, typical of a wrong guess, cost."""
    common = _common()
    score = 0
    for ch in text:
        if ch in common:
            score += 2
        elif "\ue000" <= ch <= "\uf8ff" or (ord(ch) < 32 and ch not in "\r\n\t"):
            score -= 10
    return score


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    return frozenset(_COMMON_HANS + to_traditional(_COMMON_HANS) + "省廳局辦負責牽頭配合號")


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f\v")
    return controls > max(2, len(text) // 100)
