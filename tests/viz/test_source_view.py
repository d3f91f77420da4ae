"""The source view: marks from a parsed document and from a store, and the page in Chromium."""

from __future__ import annotations

import doctest

import pytest

import viz.labels
import viz.source
from graph.iris import notice_iri
from graph.marks import Mark, marks_from_document, source_text
from tests.viz.conftest import ARTIFACTS
from tests.viz.fixtures import EVIL, notice_one
from viz.source import recognised_marks, render_source, render_text


@pytest.mark.parametrize("module", [viz.source, viz.labels])
def test_doctests(module):
    assert doctest.testmod(module).failed == 0


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        ([], "a&lt;b&gt;&amp;c"),
        (
            [Mark(0, 6, "lead", 'q"<')],
            '<span class="mark mark-lead" title="q&quot;&lt; · lead">a&lt;b&gt;&amp;c</span>',
        ),
        (  # overlapping marks: the later one is split and reopened, its anchor kept on the first piece
            [Mark(0, 3, "task", "t", anchor="t1", link="#f"), Mark(2, 5, "date", "d", anchor="d1")],
            '<a href="#f" id="t1" class="mark mark-task" title="t">a&lt;<span id="d1" class="mark mark-date" '
            'title="d">b</span></a><span class="mark mark-date" title="d">&gt;&amp;</span>c',
        ),
        (  # a link inside a link becomes a span
            [Mark(0, 6, "task", "t", link="#a"), Mark(1, 2, "task", "u", link="#b")],
            '<a href="#a" class="mark mark-task" title="t">a'
            '<span class="mark mark-task" title="u">&lt;</span>b&gt;&amp;c</a>',
        ),
    ],
)
def test_render_text_table(marks, expected):
    assert str(render_text("a<b>&c", marks)) == expected


def test_store_marks_equal_document_marks(small_store):
    doc = notice_one()
    from_doc = marks_from_document(doc)
    from_store = source_text(small_store, str(notice_iri(doc)))
    assert from_store is not None
    assert from_store.text == doc.text

    def key(mark: Mark):
        return (mark.start, mark.end, mark.kind, mark.anchor, mark.link)

    store_marks = sorted(from_store.marks, key=key)
    doc_marks = sorted(from_doc.marks, key=key)
    assert [key(m) for m in store_marks] == [key(m) for m in doc_marks]
    for in_store, in_doc in zip(store_marks, doc_marks, strict=True):
        if in_doc.kind == "citation":  # the store knows a document's number and title from every citation
            assert set(in_doc.label.split()) <= set(in_store.label.split())
        else:
            assert in_store.label == in_doc.label
    assert source_text(small_store, "https://w3id.org/govkg/id/doc/none") is None


def test_recognised_marks_skip_citations():
    doc = notice_one()
    source = marks_from_document(doc)
    found = {(m.kind, doc.text[m.start : m.end]) for m in recognised_marks(doc.text, source.marks)}
    assert found == {("docnumber", "瓊府辦〔2017〕89號"), ("date", "2017年5月27日"), ("date", "2017年6月底")}


@pytest.mark.browser
def test_source_page_in_browser(open_page, tmp_path):
    doc = notice_one()
    path = tmp_path / "source.html"
    path.write_text(render_source(marks_from_document(doc), lang="en"), encoding="utf-8")
    loaded = open_page(path.as_uri(), settle=False)
    page = loaded.page
    assert loaded.requests == [path.as_uri()]
    assert page.text_content("#source-text") == doc.text  # every character shown, as text
    assert page.locator("#source-text .mark-lead").all_text_contents() == [
        "省公安廳",
        "省委宣傳部",
        "省“雙打”辦",
    ]
    assert page.locator("#source-text .mark-cooperating").all_text_contents() == ["省工商局", "省質監局"]
    assert page.locator("#source-text .mark-responsible").all_text_contents() == [
        "省工商局",
        "省公安廳",
        EVIL,
    ]
    assert page.locator("#source-text .mark-citation").count() == 3
    assert page.locator("#source-text .mark-date").all_text_contents() == ["2017年5月27日", "2017年6月底"]
    tasks = page.locator("#source-text a.mark-task")
    assert tasks.count() == len(doc.tasks) == 4
    for href in [tasks.nth(i).get_attribute("href") for i in range(tasks.count())]:
        assert page.locator(href).count() == 1  # each task reaches its item's facts
    tasks.nth(3).click()
    assert page.evaluate("() => location.hash") == "#facts-3"
    assert EVIL in page.text_content("#facts-3")
    page.click("#facts-3 a[href='#task-3-1']")
    assert page.evaluate("() => document.querySelector(':target').textContent").startswith("2017年6月底")
    assert page.locator("img").count() == 0
    assert page.evaluate("() => window.__pwned") is None
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "viz-source.png"), full_page=True)
    assert loaded.errors == []
