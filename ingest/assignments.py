"""Responsibility parentheticals -> (agency, role) assignments.

Two shapes occur. Keyword form: agency lists each closed by a role keyword,
``省生态环保厅牵头负责、省"双打"办配合``. Label form: ``负责部门:X、Y;适用范围:…``.
A declared convention (``排在第一位的部门为牵头部门,下同``) makes the first-listed
agency the lead here and, with ``下同``, in every later parenthetical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.agencies import looks_like_agency, registry, unseen
from ingest.errors import Msg
from ingest.model import Agency, Assignment, Role, Warning
from ingest.names import name_matcher
from ingest.normalize import Stretch
from ingest.patterns import PATTERNS
from ingest.recognisers import AGENCY

_KEYWORD = re.compile("|".join(re.escape(k) for k in [*PATTERNS.role_keywords, PATTERNS.jointly_keyword]))
_LABEL = re.compile(r"\s*(?P<label>[\u4e00-\u9fff]{2,6})\s*:")
_FIELD = re.compile(r"(?:^|[,;。])\s*(?P<label>[\u4e00-\u9fff]{2,6})\s*:")
_FILLER = "|".join(re.escape(f) for f in PATTERNS.fillers)
_LEADING_FILLERS = re.compile(rf"(?:\s|{_FILLER})+")
_TRAILING_FILLERS = re.compile(rf"(?:\s|{_FILLER})+$")
_SEPARATOR = re.compile(f"[{re.escape(PATTERNS.separators)}]")
_FIRST_SEPARATOR, _OTHER_SEPARATORS = PATTERNS.separators[0], PATTERNS.separators[1:]
# A filler run can only start with a filler's first character or a space and end with a
# last one: checking those first spares the regex searches for nearly every name.
_SPACES = frozenset(ch for ch in map(chr, range(0x3001)) if ch.isspace())  # all of \s lies below U+3001
_TRIM_FIRSTS = _SPACES | {filler[0] for filler in PATTERNS.fillers}
_TRIM_LASTS = _SPACES | {filler[-1] for filler in PATTERNS.fillers}


# Assignment is a frozen dataclass: its __init__ sets each field through object.__setattr__,
# which costs more than the rest of reading a name. The slot descriptors set them directly.
_SET_ASSIGNMENT_FIELDS = tuple(
    vars(Assignment)[name].__set__ for name in ("agency", "role", "surface", "span")
)


def _new_assignment(agency: Agency, role: Role, surface: str, span: tuple[int, int]) -> Assignment:
    """``Assignment(agency, role, surface, span)``, built faster."""
    new: Assignment = object.__new__(Assignment)
    set_agency, set_role, set_surface, set_span = _SET_ASSIGNMENT_FIELDS
    set_agency(new, agency)
    set_role(new, role)
    set_surface(new, surface)
    set_span(new, span)
    return new


@dataclass(slots=True)
class Conventions:
    """Conventions a notice declares once and relies on afterwards."""

    first_listed_leads: bool = False


@dataclass(slots=True)
class Reading:
    """What one parenthetical yielded; ``assignment_like`` means it used the genre's vocabulary."""

    assignments: list[Assignment] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    assignment_like: bool = False


def looks_like_assignment(content: str) -> bool:
    """Cheap pre-check on Simplified text: a role keyword or a role label occurs.

    >>> looks_like_assignment("省林业厅负责"), looks_like_assignment("IP地址")
    (True, False)
    """
    return bool(_KEYWORD.search(content)) or any(label in content for label in PATTERNS.role_labels)


def read(
    stretch: Stretch,
    source: str,
    jurisdiction: str | None,
    conventions: Conventions,
    *,
    assignment_like: bool = False,
) -> Reading:
    """The assignments of one parenthetical's content (``stretch``).

    A name the registry resolves needs nothing more; a name it does not is split at
    conjunctions into known names (exact matcher), and where those do not explain it
    the stretch goes through the spaCy pipeline before the name is taken as unseen.
    ``assignment_like`` says the caller found :func:`looks_like_assignment` true of the
    stretch's text already.
    """
    text = _mask_convention(stretch.text, conventions)
    local_first_leads = conventions.first_listed_leads or text != stretch.text
    reading = Reading([], [], (assignment_like and text is stretch.text) or looks_like_assignment(text))
    if not reading.assignment_like:
        return reading
    context = _Context(stretch, source, jurisdiction, reading)
    if (match := _LABEL.match(text)) and match["label"] in PATTERNS.role_labels:
        _read_labels(text, context)
    else:
        _read_keywords(text, context)
    if (
        local_first_leads
        and reading.assignments
        and all(a.role is not Role.LEAD for a in reading.assignments)
    ):
        first = reading.assignments[0]
        reading.assignments[0] = Assignment(first.agency, Role.LEAD, first.surface, first.span)
    reading.assignments = _unique(reading.assignments)
    if not reading.assignments:
        span = stretch.source_span(0, len(stretch.text))
        reading.warnings.append(Warning("W002", Msg.W002.format(text=source[span[0] : span[1]]), span))
    for repair in stretch.repaired:
        name = repair.repaired
        reading.warnings.append(
            Warning("W006", Msg.W006.format(text=repair.damaged, name=name), (repair.start, repair.end))
        )
    return reading


def _mask_convention(text: str, conventions: Conventions) -> str:
    """Blank out a first-listed-leads declaration, recording it when it applies below too."""
    phrase = PATTERNS.first_listed_leads
    at = text.find(phrase)
    if at < 0:
        return text
    end = at + len(phrase)
    if text.startswith(PATTERNS.applies_below, end) or text.startswith("," + PATTERNS.applies_below, end):
        conventions.first_listed_leads = True
        end = text.index(PATTERNS.applies_below, end) + len(PATTERNS.applies_below)
    return text[:at] + " " * (end - at) + text[end:]


@dataclass(slots=True)
class _Context:
    stretch: Stretch
    source: str
    jurisdiction: str | None
    reading: Reading
    recognised: list[tuple[int, int]] | None = None  # spaCy's AGENCY spans, once asked for

    def spacy_agencies(self) -> list[tuple[int, int]]:
        """AGENCY spans from the spaCy pipeline, one Doc per stretch at most."""
        if self.recognised is None:
            from ingest.nlp import recognise  # spaCy loads when a name first needs it

            marks = recognise([self.stretch.text])[0]
            self.recognised = [(m.start, m.end) for m in marks if m.label == AGENCY]
        return self.recognised


def _read_labels(text: str, context: _Context) -> None:
    """``label:list`` fields, separated by ``;`` or ``,`` before the next label."""
    starts = list(_FIELD.finditer(text))
    for i, match in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        role = PATTERNS.role_labels.get(match["label"])
        if role is not None:
            _read_list(match.end(), end, role, context)
            continue
        span = context.stretch.source_span(match.start("label"), end)
        context.reading.warnings.append(
            Warning("W008", Msg.W008.format(what=context.source[span[0] : span[1]]), span)
        )


def _read_keywords(text: str, context: _Context) -> None:
    start = 0
    jointly = False
    for match in _KEYWORD.finditer(text):
        keyword = match.group()
        if keyword == PATTERNS.jointly_keyword:
            _read_list(start, match.start(), Role.LEAD, context)
            jointly = True
        else:
            role = Role.COOPERATING if jointly else PATTERNS.role_keywords[keyword]
            _read_list(start, match.start(), role, context)
            jointly = False
        start = match.end()
    rest = text[start:]
    if rest and _strip_fillers(_SEPARATOR.sub(" ", rest)).strip():
        span = context.stretch.source_span(start, len(text))
        context.reading.warnings.append(
            Warning("W002", Msg.W002.format(text=context.source[span[0] : span[1]]), span)
        )


def _read_list(start: int, end: int, role: Role, context: _Context) -> None:
    """Every agency named in ``text[start:end]`` gets ``role``."""
    stretch = context.stretch
    text = stretch.text
    resolve = registry().resolve
    jurisdiction = context.jurisdiction
    source = context.source
    found = context.reading.assignments
    # Without repairs a stretch maps one to one onto the source: spans need no lookup.
    offset = stretch.offset if stretch.maps_one_to_one else None
    position = start
    for part in _split(text[start:end]):
        seg_start, seg_end = position, position + len(part)
        position = seg_end + 1
        if part and (part[0] in _TRIM_FIRSTS or part[-1] in _TRIM_LASTS):
            seg_start, seg_end = _trim(text, seg_start, seg_end)
            part = text[seg_start:seg_end]
        if seg_end <= seg_start:
            continue
        agency = resolve(part, jurisdiction)
        if agency is None:
            _read_unknown(seg_start, seg_end, role, context)
            continue
        if offset is None:
            span = stretch.source_span(seg_start, seg_end)
        else:
            span = (offset + seg_start, offset + seg_end)
        found.append(_new_assignment(agency, role, source[span[0] : span[1]], span))


def _split(names: str) -> list[str]:
    """``_SEPARATOR.split(names)``: every separator is one character, so str.split serves."""
    for separator in _OTHER_SEPARATORS:
        if separator in names:
            names = names.replace(separator, _FIRST_SEPARATOR)
    return names.split(_FIRST_SEPARATOR)


def _read_unknown(start: int, end: int, role: Role, context: _Context) -> None:
    """A name the registry does not resolve: known names joined by conjunctions, or an unseen agency."""
    name = context.stretch.text[start:end]
    parts = _split_conjunction(start, end, name_matcher().spans(context.stretch.text, start, end), context)
    if not parts:
        spans = [(s, e) for s, e in context.spacy_agencies() if start <= s and e <= end]
        parts = _split_conjunction(start, end, spans, context)
    if parts:
        for (s, e), found in parts:
            _assign(found, role, s, e, context)
        return
    span = context.stretch.source_span(start, end)
    surface = context.source[span[0] : span[1]]
    if looks_like_agency(name):
        agency = unseen(name, context.jurisdiction)
        context.reading.warnings.append(Warning("W004", Msg.W004.format(name=surface), span))
        _assign(agency, role, start, end, context)
    else:
        context.reading.warnings.append(Warning("W001", Msg.W001.format(name=surface), span))


def _split_conjunction(
    start: int, end: int, spans: list[tuple[int, int]], context: _Context
) -> list[tuple[tuple[int, int], Agency]]:
    """Known agencies joined by 和/及/与 (``财政部和税务总局``), read from the agency ``spans``."""
    found: list[tuple[tuple[int, int], Agency]] = []
    position = start
    text = context.stretch.text
    for s, e in spans:
        if s < position:
            continue
        gap = text[position:s].strip()
        if gap and gap not in PATTERNS.conjunctions:
            return []
        agency = registry().resolve(text[s:e], context.jurisdiction)
        if agency is None:
            return []
        found.append(((s, e), agency))
        position = e
    return found if len(found) > 1 and not text[position:end].strip() else []


def _assign(agency: Agency, role: Role, start: int, end: int, context: _Context) -> None:
    span = context.stretch.source_span(start, end)
    context.reading.assignments.append(Assignment(agency, role, context.source[span[0] : span[1]], span))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow ``[start, end)`` to the name: no spaces, no fillers such as 按职责分工 or 等."""
    if start < end and text[start] in _TRIM_FIRSTS and (match := _LEADING_FILLERS.match(text, start, end)):
        start = match.end()
    if end > start and text[end - 1] in _TRIM_LASTS and (match := _TRAILING_FILLERS.search(text, start, end)):
        end = match.start()
    return start, max(start, end)


def _strip_fillers(text: str) -> str:
    for filler in PATTERNS.fillers:
        text = text.replace(filler, "")
    return text


def _unique(assignments: list[Assignment]) -> list[Assignment]:
    if len(assignments) < 2 or len({a.agency.id for a in assignments}) == len(assignments):
        return assignments
    seen: set[tuple[str, Role]] = set()
    result = []
    for assignment in assignments:
        key = (assignment.agency.id, assignment.role)
        if key not in seen:
            seen.add(key)
            result.append(assignment)
    return result
