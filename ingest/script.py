"""Traditional/Simplified conversion that keeps character offsets intact.

Every span govkg reports indexes the text as written, so any converted copy used
for matching must have exactly the same length as its original.
"""

from __future__ import annotations

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
    changed = sum(1 for a, b in zip(head, to_simplified(head), strict=True) if a != b)
    return "hant" if changed >= max(1, len(head) // 100) else "hans"
