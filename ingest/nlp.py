"""The spaCy pipeline that marks agencies, document numbers, 《titles》 and dates.

A blank ``zh`` pipeline with its default character segmenter needs no model
download. The recognisers are registered components, assembled in :func:`nlp`;
each adds labelled spans to ``doc.spans["govkg"]``. spaCy costs about a
millisecond per thousand characters, so the parser builds a Doc only where the
fast pass (:mod:`ingest.names`, :mod:`ingest.recognisers`) leaves a stretch
unexplained: a parenthetical naming an agency the registry does not know. This
module, and spaCy with it, is imported only then: a process that parses notices
naming registered agencies alone never loads spaCy (whose tens of thousands of
objects each full garbage collection would otherwise walk).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ingest.agencies import registry
from ingest.recognisers import (
    AGENCY,
    DATE,
    DOC_NUMBER,
    TITLE,
    Mark,
    date_spans,
    doc_number_spans,
    title_spans,
)

SPANS = "govkg"


def _text(doc: Doc) -> str:
    """``doc.text`` joins every token on each access; components share one copy."""
    text: str = doc.user_data.get("govkg_text") or doc.text
    doc.user_data["govkg_text"] = text
    return text


def _add_all(doc: Doc, spans: Iterable[tuple[int, int]], label: str) -> Doc:
    if SPANS not in doc.spans:
        doc.spans[SPANS] = []
    for start, end in spans:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            doc.spans[SPANS].append(span)
    return doc


class KnownAgencies:
    """Marks every registry name (any alias, either script) as an AGENCY span.

    Overlapping matches are kept: the parser decides which reading fits its segment.
    """

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab)
        keys = sorted(registry().keys())
        self.matcher.add(AGENCY, [nlp.make_doc(key) for key in keys if key])

    def __call__(self, doc: Doc) -> Doc:
        if SPANS not in doc.spans:
            doc.spans[SPANS] = []
        for _, start, end in self.matcher(doc):
            doc.spans[SPANS].append(Span(doc, start, end, label=AGENCY))
        return doc


@Language.factory("govkg_known_agencies")
def make_known_agencies(nlp: Language, name: str) -> KnownAgencies:  # noqa: ARG001
    """Factory for :class:`KnownAgencies` (spaCy passes the component name)."""
    return KnownAgencies(nlp)


@Language.component("govkg_doc_numbers")
def doc_numbers(doc: Doc) -> Doc:
    """Marks document numbers (``国发〔2017〕14号``, any bracket style) and decrees (``政府令第263号``)."""
    return _add_all(doc, doc_number_spans(_text(doc)), DOC_NUMBER)


@Language.component("govkg_titles")
def titles(doc: Doc) -> Doc:
    """Marks 《titles》, brackets included."""
    return _add_all(doc, title_spans(_text(doc)), TITLE)


@Language.component("govkg_dates")
def dates(doc: Doc) -> Doc:
    """Marks full dates (``2017年5月27日``)."""
    return _add_all(doc, date_spans(_text(doc)), DATE)


def recognise(texts: list[str]) -> list[list[Mark]]:
    """Marks for each stretch, from one pass of the pipeline over all of them.

    The stretches are joined by line breaks into one Doc: a Doc per stretch would
    pay spaCy's per-Doc cost for each. The Doc is segmented the way the ``char``
    segmenter segments it (one token per character), built directly, since the
    segmenter's per-character alignment pass costs more than the recognisers.
    Marks that would cross a stretch boundary are dropped.

    >>> recognise(["财政部负责", "国发〔2017〕14号"])
    [[Mark(start=0, end=3, label='AGENCY')], [Mark(start=0, end=11, label='DOC_NUMBER')]]
    """
    pipeline = nlp()
    joined = "\n".join(texts)
    doc = Doc(pipeline.vocab, words=list(joined), spaces=[False] * len(joined))
    doc.user_data["govkg_text"] = joined
    for _, component in pipeline.pipeline:
        doc = component(doc)
    starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
    marks: list[list[Mark]] = [[] for _ in texts]
    for span in doc.spans.get(SPANS, []):
        index = bisect.bisect_right(starts, span.start_char) - 1
        offset = starts[index]
        if span.end_char <= offset + len(texts[index]):
            marks[index].append(Mark(span.start_char - offset, span.end_char - offset, span.label_))
    for found in marks:
        found.sort(key=lambda m: (m.start, m.end))
    return marks


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The one pipeline every parse uses: blank ``zh`` (character segmenter) and the recognisers."""
    pipeline = spacy.blank("zh")
    for component in ("govkg_known_agencies", "govkg_doc_numbers", "govkg_titles", "govkg_dates"):
        pipeline.add_pipe(component)
    return pipeline
