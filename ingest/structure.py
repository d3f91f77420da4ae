"""Header lines, sections, items and the parentheticals that close tasks.

Works on the punctuation-normalised text (same offsets as the source), with
patterns that accept both scripts, so no script conversion of the whole notice is
needed: only the stretches sent for recognition are converted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ingest.patterns import PATTERNS
from ingest.script import to_simplified

_NUMERALS = "一二三四五六七八九十百零〇两"
_BLOCK_FIRSTS = frozenset(_NUMERALS + "( \t")  # what a SECTION or ITEM line can start with
SECTION = re.compile(rf"^[ \t]*([{_NUMERALS}]+)、")
ITEM = re.compile(rf"^[ \t]*\(([{_NUMERALS}]+)\)")
DOC_NUMBER_LINE = re.compile(
    r"^\s*(?:[\u4e00-\u9fff]{1,10}\s*[〔\[【(]\s*\d{4}\s*[〕\]】)]\s*第?\s*\d{1,5}\s*[号號]"
    r"|[\u4e00-\u9fff]{0,6}令\s*第\s*\d{1,6}\s*[号號])\s*$"
)
#: A decree's serial alone on its line, under the heading that names the decree.
DECREE_SERIAL_LINE = re.compile(r"^\s*第\s*\d{1,6}\s*[号號]\s*$")
_CN = "〇零一二三四五六七八九十"
DATE_LINE = re.compile(
    rf"^\s*(?:\d{{4}}|[{_CN}]{{4}})\s*年\s*(?:\d{{1,2}}|[{_CN}]{{1,2}})\s*月\s*(?:\d{{1,2}}|[{_CN}]{{1,3}})\s*日\s*$"
)
_ABOUT = re.compile(r"(关于|關于|關於)")
_PRINTED_PLAN = re.compile(r"(?:关于|關于|關於)(?:印发|印發|转发|轉發)《?(.+?)》?的(?:通知|函)$")


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class HeaderLines:
    """Where the header's parts were found; ``body_start`` is where the plan may begin."""

    title: tuple[int, int] | None = None
    number: Line | None = None
    decree: Line | None = None  # the heading line above a decree's number that stands alone (第707号)
    addressees: Line | None = None
    date: Line | None = None
    issuer: Line | None = None
    plan_title: Line | None = None
    body_start: int = 0


@dataclass(slots=True)
class Block:
    """A section or item: its label, heading, and extent in the text."""

    label: str
    start: int
    end: int
    heading: tuple[int, int]
    body_start: int
    children: list[Block] = field(default_factory=list)


def lines(text: str) -> list[Line]:
    """Non-blank lines with their offsets (trailing spaces excluded)."""
    result = []
    position = 0
    for raw in text.split("\n"):
        if stripped := raw.rstrip():  # ends in a non-space, so lstrip() strips it fully
            content = stripped.lstrip()
            result.append(Line(position + len(stripped) - len(content), position + len(stripped), content))
        position += len(raw) + 1
    return result


def header(all_lines: list[Line]) -> HeaderLines:
    """Title, number, addressees, date, issuer and plan title, as far as the text has them."""
    found = HeaderLines()
    head = all_lines[:8]
    number_at = next((i for i, line in enumerate(head) if DOC_NUMBER_LINE.match(line.text)), None)
    if number_at is None:
        number_at = _decree_serial_at(head)
        if number_at is not None:
            found.decree = head[number_at - 1]
    if number_at is not None:
        found.number = head[number_at]
        if number_at > 0:
            found.title = (head[0].start, head[number_at - 1].end)
    elif head and _is_notice_title(head[0].text):
        found.title = (head[0].start, head[0].end)
    after = (number_at + 1) if number_at is not None else (1 if found.title else 0)
    cursor = after
    if cursor < len(all_lines) and all_lines[cursor].text.endswith(":") and len(all_lines[cursor].text) < 200:
        found.addressees = all_lines[cursor]
        cursor += 1
    first_block = next((i for i, line in enumerate(all_lines) if i >= cursor and _is_block(line.text)), None)
    date_at = next((i for i, line in enumerate(all_lines) if DATE_LINE.match(line.text)), None)
    if date_at is not None:
        found.date = all_lines[date_at]
        before = all_lines[date_at - 1] if date_at > 0 else None
        if before is not None and len(before.text) <= 40 and not re.search(r"[。,;:(《]", before.text):
            found.issuer = before
        if first_block is None or date_at < first_block:
            cursor = max(cursor, date_at + 1)
            found.plan_title = _plan_title_line(all_lines, date_at + 1, first_block)
            if found.plan_title is not None:
                cursor = all_lines.index(found.plan_title) + 1
    found.body_start = (
        all_lines[cursor].start if cursor < len(all_lines) else (all_lines[-1].end if all_lines else 0)
    )
    return found


def _decree_serial_at(head: list[Line]) -> int | None:
    """Where a decree's number stands alone under the heading naming the decree, as in
    ``中华人民共和国国务院令`` / ``第707号``."""
    return next(
        (
            i
            for i, line in enumerate(head)
            if i > 0 and DECREE_SERIAL_LINE.match(line.text) and head[i - 1].text.endswith("令")
        ),
        None,
    )


def _is_block(text: str) -> bool:
    return bool(SECTION.match(text) or ITEM.match(text))


def _is_notice_title(text: str) -> bool:
    simple = to_simplified(text)
    return len(simple) < 150 and simple.endswith(PATTERNS.notice_title_suffixes) and "。" not in simple


def _plan_title_line(all_lines: list[Line], start: int, stop: int | None) -> Line | None:
    for line in all_lines[start : stop if stop is not None else start + 3]:
        simple = to_simplified(line.text)
        if simple.startswith("(") and simple.endswith(")"):
            continue
        if len(simple) < 100 and not simple.endswith("。") and simple.endswith(PATTERNS.plan_title_suffixes):
            return line
        return None
    return None


def issuer_from_title(title: str) -> str | None:
    """The issuing body named before ``关于`` in a notice title.

    >>> issuer_from_title("国务院办公厅关于印发某方案的通知")
    '国务院办公厅'
    """
    match = _ABOUT.search(title)
    return title[: match.start()].strip() or None if match else None


def plan_title_from_title(title: str) -> str | None:
    """The plan a ``关于印发…的通知`` forwards.

    >>> plan_title_from_title("国务院关于印发《国务院工作规则》的通知")
    '国务院工作规则'
    """
    match = _PRINTED_PLAN.search(title)
    return match.group(1).strip("《》") if match else None


def blocks(analysis: str, all_lines: list[Line], body_start: int) -> list[Block]:
    """Sections holding items; items before any section fall into an unlabelled section."""
    sections: list[Block] = []
    for line in all_lines:
        if line.start < body_start or line.text[:1] not in _BLOCK_FIRSTS:
            continue
        if match := SECTION.match(line.text):
            sections.append(_block(line, match))
        elif match := ITEM.match(line.text):
            if not sections:
                sections.append(Block("", line.start, line.start, (line.start, line.start), line.start))
            sections[-1].children.append(_block(line, match))
    end = _trimmed_end(analysis, len(analysis))
    for i, section in enumerate(sections):
        section.end = sections[i + 1].start if i + 1 < len(sections) else end
        for j, item in enumerate(section.children):
            item.end = section.children[j + 1].start if j + 1 < len(section.children) else section.end
            item.end = _trimmed_end(analysis, item.end)
        section.end = _trimmed_end(analysis, section.end)
    return sections


def _trimmed_end(text: str, end: int) -> int:
    """``len(text[:end].rstrip())`` without copying the text before ``end``.

    >>> _trimmed_end("ab \\n c", 4)
    2
    """
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _block(line: Line, match: re.Match[str]) -> Block:
    body_start = line.start + match.end()
    rest = line.text[match.end() :]
    stop = rest.find("。")
    heading_end = body_start + (stop if stop >= 0 else len(rest))
    return Block(match.group().strip(), line.start, line.end, (body_start, heading_end), body_start)


def parentheticals(analysis: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Outermost balanced ``( … )`` groups within one line each, as ``(open, close + 1)``.

    >>> list(parentheticals("a(b(c)d)e(f\\n)(g)", 0, 16))
    [(1, 8), (13, 16)]
    """
    depth = 0
    opened = -1
    for at in offsets(analysis, "()\n", start, end):
        ch = analysis[at]
        if ch == "(":
            if depth == 0:
                opened = at
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                yield opened, at + 1
        elif ch == "\n":
            depth = 0


def offsets(text: str, chars: str, start: int, end: int) -> list[int]:
    """Sorted offsets of any of ``chars`` in ``text[start:end]``.

    ``str.find`` scans CJK text several times faster than a regex character class,
    and the characters sought here are rare.

    >>> offsets("a(b)\\n(", "()", 0, 6)
    [1, 3, 5]
    """
    found: list[int] = []
    for ch in chars:
        at = text.find(ch, start, end)
        while at >= 0:
            found.append(at)
            at = text.find(ch, at + 1, end)
    found.sort()
    return found
