"""Traditional/Simplified conversion that keeps character offsets intact.

Every span govkg reports indexes the text as written, so any converted copy used
for matching must have exactly the same length as its original.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from functools import lru_cache

import opencc


@lru_cache(maxsize=2)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Simplified-script copy of ``text`` with the same length.

    >>> to_simplified("省知識產權局牽頭")
    '省知识产权局牵头'
    """
    converted: str = _converter("t2s").convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(_per_char(ch) for ch in text)


def to_simplified_many(texts: Sequence[str]) -> list[str]:
    """``[to_simplified(t) for t in texts]`` from one OpenCC call.

    OpenCC's phrases never hold a line break, so converting the texts joined by
    line breaks converts each exactly as on its own; a call costs more than the
    characters it converts, and a notice sends dozens of short stretches.

    >>> to_simplified_many(["省林業廳負責", "", "國發\\n14號"])
    ['省林业厅负责', '', '国发\\n14号']
    """
    if not texts:
        return []
    pieces = _converter("t2s").convert("\n".join(texts)).split("\n")
    if len(pieces) != len(texts):  # some texts hold line breaks: regroup their lines
        grouped: list[str] = []
        at = 0
        for text in texts:
            lines = text.count("\n") + 1
            grouped.append("\n".join(pieces[at : at + lines]))
            at += lines
        pieces = grouped
    return [
        converted if len(converted) == len(text) else "".join(_per_char(ch) for ch in text)
        for text, converted in zip(texts, pieces, strict=True)
    ]


def _per_char(ch: str) -> str:
    converted: str = _converter("t2s").convert(ch)
    return converted if len(converted) == 1 else ch


def to_traditional(text: str) -> str:
    """Traditional-script copy of ``text`` (length may differ; for labels only).

    >>> to_traditional("海南省公安厅")
    '海南省公安廳'
    """
    converted: str = _converter("s2t").convert(text)
    return converted


def detect_script(text: str, *, probe: int = 400) -> str:
    """``"hant"`` when converting to Simplified changes the text, else ``"hans"``.

    Only the first ``probe`` characters are read: a notice does not switch script.

    >>> detect_script("工作要點及任務分工方案"), detect_script("工作要点及任务分工方案")
    ('hant', 'hans')
    """
    head = text[:probe]
    needed = max(1, len(head) // 100)
    # The first line (the title) usually settles it. OpenCC's phrases never hold a line
    # break, so the lines convert as they do within the whole head, unless a conversion
    # changes a length: to_simplified then converts the whole head character by character.
    first, newline, rest = head.partition("\n")
    changed = 0
    for piece in (first, rest) if newline else (first,):
        converted: str = _converter("t2s").convert(piece)
        if len(converted) != len(piece):
            changed = sum(map(operator.ne, head, to_simplified(head)))
            break
        changed += sum(map(operator.ne, piece, converted))
        if changed >= needed:
            break
    return "hant" if changed >= needed else "hans"
