"""The source view: a notice's text with every extracted fact marked where it was read.

Agencies (by role), cited documents, document numbers and dates are highlighted;
each task links to its item's list of facts, and each fact links back to the text.
The text is escaped, marks may nest or overlap, and the page runs no script.

>>> from graph.marks import Mark, SourceText
>>> src = SourceText("n", "a<b>c", "zh-Hans", None, None, (Mark(1, 4, "date", "x"),))
>>> str(render_text(src.text, src.marks))
'a<span class="mark mark-date" title="x">&lt;b&gt;</span>c'
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from markupsafe import Markup

from graph.marks import Mark, SourceText, fact_anchor
from viz.assets import data, environment, inline_style, strings, template_text
from viz.labels import Lang

ROLES = ("lead", "responsible", "cooperating")
_NESTING = {"item": 0, "task": 1, "citation": 2, "docnumber": 2, "date": 2, "lead": 3, "responsible": 3}


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    return {kind: re.compile(pattern) for kind, pattern in data("patterns").items()}


def recognised_marks(text: str, existing: Iterable[Mark] = ()) -> list[Mark]:
    """Dates and document numbers found in the text, except where a citation already sits.

    >>> [(m.kind, m.label) for m in recognised_marks("瓊府辦〔2017〕89號 2017年6月底前")]
    [('docnumber', '瓊府辦〔2017〕89號'), ('date', '2017年6月底')]
    """
    taken = [(m.start, m.end) for m in existing if m.kind in ("citation", "docnumber", "date")]
    found = []
    for kind, pattern in _patterns().items():
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            found.append(Mark(start, end, kind, match.group()))
    return sorted(found, key=lambda m: m.start)


def _order(mark: Mark) -> tuple[int, int, int]:
    return (mark.start, -mark.end, _NESTING.get(mark.kind, 3))


def render_text(text: str, marks: Sequence[Mark]) -> Markup:
    """The text as escaped HTML with each mark a ``span`` (or a link), split where marks overlap."""
    ordered = sorted((m for m in marks if 0 <= m.start < m.end <= len(text)), key=_order)
    bounds = sorted({0, len(text), *(m.start for m in ordered), *(m.end for m in ordered)})
    out: list[str] = []
    stack: list[Mark] = []
    opened: set[int] = set()
    for start, end in itertools.pairwise(bounds):
        active = [m for m in ordered if m.start <= start and m.end >= end]
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep] is active[keep]:
            keep += 1
        for mark in reversed(stack[keep:]):
            out.append(_close(mark, stack))
            stack.pop()
        for mark in active[keep:]:
            out.append(_open(mark, first=id(mark) not in opened, inside_link=any(m.link for m in stack)))
            opened.add(id(mark))
            stack.append(mark)
        out.append(html.escape(text[start:end], quote=False))
    for mark in reversed(stack):
        out.append(_close(mark, stack))
    return Markup("".join(out))


def _is_link(mark: Mark, stack: Sequence[Mark]) -> bool:
    depth = next((i for i, m in enumerate(stack) if m is mark), len(stack))
    below = stack[:depth]
    return bool(mark.link) and not any(m.link for m in below)


def _open(mark: Mark, *, first: bool, inside_link: bool) -> str:
    title = f"{mark.label} · {mark.kind}" if mark.kind in ROLES else mark.label
    attrs = [f'class="mark mark-{html.escape(mark.kind)}"', f'title="{html.escape(title)}"']
    if first and mark.anchor:
        attrs.insert(0, f'id="{html.escape(mark.anchor)}"')
    if mark.link and not inside_link:
        return f'<a href="{html.escape(mark.link)}" {" ".join(attrs)}>'
    return f"<span {' '.join(attrs)}>"


def _close(mark: Mark, stack: Sequence[Mark]) -> str:
    return "</a>" if _is_link(mark, stack) else "</span>"


@dataclass
class _TaskFacts:
    anchor: str
    label: str
    agencies: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _ItemFacts:
    anchor: str
    fact_anchor: str
    label: str
    tasks: list[_TaskFacts] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)


def facts(marks: Sequence[Mark]) -> list[_ItemFacts]:
    """Per item, its tasks with their agencies by role and its citations, read from the marks."""
    items = []
    for item in (m for m in marks if m.kind == "item"):
        anchor = item.anchor or ""
        number = int(anchor.removeprefix("item-")) if anchor.startswith("item-") else 0
        entry = _ItemFacts(anchor, fact_anchor(number) if number else "", item.label)
        inside = [m for m in marks if item.start <= m.start and m.end <= item.end and m is not item]
        for task in (m for m in inside if m.kind == "task"):
            agencies = [
                (m.kind, m.label)
                for m in inside
                if m.kind in ROLES and task.start <= m.start and m.end <= task.end
            ]
            entry.tasks.append(_TaskFacts(task.anchor or "", task.label, agencies))
        entry.citations = [m.label for m in inside if m.kind == "citation"]
        items.append(entry)
    return items


def render_source(source: SourceText, *, lang: Lang = "zh-Hant") -> str:
    """The source view page of one notice."""
    marks = list(source.marks)
    marks += recognised_marks(source.text, marks)
    text = strings(lang)
    heading = source.title or source.number or source.notice
    legend = [(kind, text[kind]) for kind in (*ROLES, "citation", "docnumber", "date")]
    return (
        environment()
        .get_template("source.html")
        .render(
            lang=lang,
            script=source.script,
            heading=heading,
            number=source.number or "",
            strings=text,
            role_names={role: text[role] for role in ROLES},
            legend=legend,
            body=render_text(source.text, marks),
            items=facts(sorted(marks, key=_order)),
            css=inline_style(template_text("source.css")),
        )
    )
