"""Text -> :class:`~ingest.model.Document`: the one entry point of the ingest layer."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ingest import assignments, citations
from ingest.agencies import name_key, registry
from ingest.decode import decode, read_bytes, sha256
from ingest.errors import EmptyInputError, IngestError, Msg, NotAPlanError
from ingest.jurisdiction import jurisdiction_of
from ingest.model import Agency, Citation, Document, Header, Item, Section, Source, Task, Warning
from ingest.normalize import Stretch, punctuation
from ingest.patterns import PATTERNS
from ingest.recognisers import DATE, DOC_NUMBER, TITLE, Mark, fast_recognise, iso_date, normalise_doc_number
from ingest.script import detect_script, to_simplified
from ingest.structure import (
    Block,
    HeaderLines,
    Line,
    blocks,
    header,
    issuer_from_title,
    lines,
    parentheticals,
    plan_title_from_title,
)


def parser_version() -> str:
    """The installed govkg version; provenance records which parser produced a graph."""
    try:
        return metadata.version("govkg")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def read_file(path: str | Path) -> Document:
    """Decode and parse one file; every failure is an :class:`IngestError` naming the problem.

    >>> from tests.conftest import SAMPLE
    >>> read_file(SAMPLE).header.doc_number
    '琼府办〔2017〕89号'
    """
    path = Path(path)
    data = read_bytes(path)
    text, encoding = decode(data)
    return parse(text, source=path.name, digest=sha256(data), encoding=encoding)


def parse(
    text: str, source: str = "<text>", *, digest: str | None = None, encoding: str = "utf-8"
) -> Document:
    """Parse a notice's text.

    >>> doc = parse("一、加强执法\\n(一)加强监管。开展检查。(财政部牵头,商务部配合)")
    >>> [(a.agency.name, a.role.value) for a in doc.tasks[0].assignments]
    [('财政部', 'lead'), ('商务部', 'cooperating')]
    """
    if not isinstance(text, str):
        raise IngestError(f"expected text, got {type(text).__name__}")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text or text.isspace():
        raise EmptyInputError(Msg.E001.format())
    return _Parser(text, source, digest or sha256(text.encode("utf-8")), encoding).run()


@dataclass(slots=True)
class _Pending:
    """A parenthetical closing a task of ``item``; ``stretch`` is its content."""

    item: Item
    block: Block
    open: int
    close: int
    stretch: Stretch


class _Parser:
    def __init__(self, text: str, source: str, digest: str, encoding: str) -> None:
        self.text = text
        self.analysis = punctuation(text)
        self.source = Source(source, digest, encoding)
        self.warnings: list[Warning] = []

    def run(self) -> Document:
        all_lines = lines(self.analysis)
        found = header(all_lines)
        meta = self._header(found)
        jurisdiction = jurisdiction_of(meta.doc_number, meta.issuer)
        if meta.issuer and jurisdiction:
            meta = _with_issuer_agency(meta, jurisdiction)
        plan_end = self._plan_end(found)
        found_blocks = blocks(
            self.analysis[:plan_end], [ln for ln in all_lines if ln.start < plan_end], found.body_start
        )
        brackets = [
            [(child, list(parentheticals(self.analysis, child.body_start, child.end))) for child in group]
            for group in (block.children or [block] for block in found_blocks)
        ]
        contents = [(o + 1, c - 1) for group in brackets for _, found_ in group for o, c in found_]
        windows = list(citations.candidate_windows(self.analysis, _citations_start(found), plan_end))
        stretches = Stretch.many(self.analysis, contents + windows)
        sections, pending = self._structure(found_blocks, brackets, iter(stretches[: len(contents)]))
        self._tasks(pending, jurisdiction)
        exclude = {n for n in (meta.doc_number,) if n}
        exclude |= {name_key(t) for t in (meta.plan_title,) if t}
        sentences = stretches[len(contents) :]
        marks = fast_recognise([s.text for s in sentences], (DOC_NUMBER, TITLE))
        cited = self._citations(sentences, marks, sections, exclude)
        if not any(item.tasks for section in sections for item in section.items):
            if not sections and meta.doc_number is None and meta.title is None:
                raise NotAPlanError(Msg.E004.format())
            self.warnings.append(Warning("W005", Msg.W005.format(), None))
        if meta.doc_number is None:
            self.warnings.append(Warning("W007", Msg.W007.format(), None))
        return Document(
            source=self.source,
            text=self.text,
            script=detect_script(self.text),
            header=meta,
            sections=sections,
            citations=cited,
            agencies=_agencies(sections),
            warnings=sorted(self.warnings, key=lambda w: (w.span or (-1, -1), w.code)),
        )

    def _header(self, found: HeaderLines) -> Header:
        source = self.text
        title = source[found.title[0] : found.title[1]].replace("\n", "").strip() if found.title else None
        number_doc, date_doc = fast_recognise(
            [self._simplified(found.number), self._simplified(found.date)], (DOC_NUMBER, DATE)
        )
        number = _first(number_doc, DOC_NUMBER, found.number)
        date = _first(date_doc, DATE, found.date)
        issuer = _text(source, found.issuer) or (issuer_from_title(title) if title else None)
        plan_title = _text(source, found.plan_title) or (plan_title_from_title(title) if title else None)
        addressees: tuple[str, ...] = ()
        if found.addressees is not None:
            raw = self.analysis[found.addressees.start : found.addressees.end].rstrip(":")
            parts, position = [], found.addressees.start
            for piece in raw.replace(";", ",").split(","):
                if piece.strip():
                    parts.append(source[position : position + len(piece)].strip())
                position += len(piece) + 1
            addressees = tuple(parts)
        return Header(
            title=title,
            doc_number=self._decree_number(found) or (normalise_doc_number(number) if number else None),
            issuer=issuer,
            date=iso_date(date) if date else None,
            addressees=addressees,
            plan_title=plan_title,
        )

    def _decree_number(self, found: HeaderLines) -> str | None:
        """A decree's number whose serial stands on a line of its own, under its heading
        (中华人民共和国国务院令 / 第707号): the heading's code from the data file, else the
        heading itself, then the serial (国令第707号)."""
        if found.decree is None or found.number is None:
            return None
        heading = "".join(self._simplified(found.decree).split())
        # the line is 第, the serial's digits and 号 (DECREE_SERIAL_LINE), spaces aside
        serial = int("".join(ch for ch in found.number.text if ch.isdecimal()))
        return f"{PATTERNS.decree_codes.get(heading, heading)}第{serial}号"

    def _simplified(self, line: Line | None) -> str:
        """A header line in Simplified script, for the recognisers."""
        return to_simplified(self.analysis[line.start : line.end]) if line else ""

    def _plan_end(self, found: HeaderLines) -> int:
        """The plan stops where the closing signature (issuer, date) starts, if it comes after it."""
        end = len(self.text)
        if found.date is not None and found.date.start > found.body_start:
            end = (
                found.issuer.start
                if found.issuer and found.issuer.start > found.body_start
                else found.date.start
            )
        return end

    def _structure(
        self,
        found_blocks: list[Block],
        brackets: list[list[tuple[Block, list[tuple[int, int]]]]],
        contents: Iterator[Stretch],
    ) -> tuple[list[Section], list[_Pending]]:
        """Sections and items; ``brackets`` holds each item's parentheticals, ``contents`` their text.

        A parenthetical closes a task when its content uses the genre's role words; a
        section without items becomes an item of its own only if one of its does.
        """
        sections: list[Section] = []
        pending: list[_Pending] = []
        item_number = 0
        for number, (block, group) in enumerate(zip(found_blocks, brackets, strict=True), 1):
            section = Section(number, self._heading(block), (block.start, block.end))
            for child, spans in group:
                found = [
                    (o, c, stretch)
                    for (o, c), stretch in zip(spans, contents, strict=False)  # contents runs on
                    if assignments.looks_like_assignment(stretch.text)
                ]
                if child is block and not found:
                    continue
                item_number += 1
                item = Item(
                    item_number,
                    self.text[child.start : child.body_start].strip(),
                    self._heading(child),
                    (child.start, child.end),
                    number,
                )
                pending.extend(_Pending(item, child, o, c, stretch) for o, c, stretch in found)
                section.items.append(item)
            sections.append(section)
        return sections, pending

    def _heading(self, block: Block) -> str:
        return self.text[block.heading[0] : block.heading[1]].strip()

    def _tasks(self, pending: list[_Pending], jurisdiction: str | None) -> None:
        conventions = assignments.Conventions()
        cursors: dict[int, int] = {}
        for entry in pending:
            reading = assignments.read(
                entry.stretch, self.text, jurisdiction, conventions, assignment_like=True
            )
            self.warnings.extend(reading.warnings)
            if not reading.assignments:
                continue
            item = entry.item
            start = cursors.get(item.number, entry.block.body_start)
            heading_end = entry.block.heading[1]
            if (
                not item.tasks
                and heading_end < entry.open
                and _has_text(self.text, heading_end + 1, entry.open)
            ):
                start = heading_end + 1
            start = _skip_space(self.text, start, entry.open)
            item.tasks.append(
                Task(
                    len(item.tasks) + 1,
                    self.text[start : entry.open].strip(),
                    (start, entry.close),
                    (entry.open, entry.close),
                    reading.assignments,
                )
            )
            cursors[item.number] = entry.close
        self._trailing_text(pending, cursors)

    def _trailing_text(self, pending: list[_Pending], cursors: dict[int, int]) -> None:
        blocks_by_item = {p.item.number: p for p in pending}
        for number, cursor in cursors.items():
            end = blocks_by_item[number].block.end
            rest = self.text[cursor:end]
            if rest.strip(" \n。.;；"):
                start = _skip_space(self.text, cursor, end)
                self.warnings.append(Warning("W003", Msg.W003.format(text=_clip(rest.strip())), (start, end)))

    def _citations(
        self, sentences: list[Stretch], docs: list[list[Mark]], sections: list[Section], exclude: set[str]
    ) -> list[Citation]:
        item_at = _item_finder([item for section in sections for item in section.items])
        result: list[Citation] = []
        for stretch, doc in zip(sentences, docs, strict=True):
            result.extend(citations.read(stretch, doc, self.text, item_at(stretch.offset), exclude))
        return result


def _item_finder(items: list[Item]) -> Callable[[int], int | None]:
    """The number of the first item whose span holds an offset: by bisection when the spans
    follow one another without overlapping, as blocks make them."""
    starts = [item.span[0] for item in items]
    if any(a.span[1] > b.span[0] for a, b in itertools.pairwise(items)) or any(
        start > end for start, end in (item.span for item in items)
    ):
        return lambda at: next((i.number for i in items if i.span[0] <= at < i.span[1]), None)

    def find(at: int) -> int | None:
        index = bisect.bisect_right(starts, at) - 1
        return items[index].number if index >= 0 and at < items[index].span[1] else None

    return find


def _citations_start(found: HeaderLines) -> int:
    """Citations are sought after the title and number lines (the covering text cites too)."""
    if found.number is not None:
        return found.number.end
    return found.title[1] if found.title else 0


def _first(marks: list[Mark], label: str, line: Line | None) -> str | None:
    """The text of the first mark with ``label`` on a header line."""
    if line is None:
        return None
    return next((line.text[m.start : m.end] for m in marks if m.label == label), None)


def _text(source: str, line: Line | None) -> str | None:
    return source[line.start : line.end].strip() if line else None


def _has_text(text: str, start: int, end: int) -> bool:
    """``bool(text[start:end].strip())`` without the stripped copy."""
    return start < end and not text[start:end].isspace()


def _skip_space(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _with_issuer_agency(meta: Header, jurisdiction: str) -> Header:
    agency = registry().resolve(meta.issuer or "", jurisdiction)
    if agency is None:
        return meta
    return Header(
        meta.title, meta.doc_number, meta.issuer, meta.date, meta.addressees, meta.plan_title, agency
    )


def _agencies(sections: list[Section]) -> list[Agency]:
    seen: dict[str, Agency] = {}
    for section in sections:
        for item in section.items:
            for task in item.tasks:
                for assignment in task.assignments:
                    seen.setdefault(assignment.agency.id, assignment.agency)
    return list(seen.values())


__all__ = ["decode", "parse", "parser_version", "read_file"]
