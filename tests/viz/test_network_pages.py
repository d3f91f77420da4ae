"""The network pages, loaded in headless Chromium: what the page itself reports it drew."""

from __future__ import annotations

import pytest

from graph.marks import involvements, notices, occurrences
from graph.network import bipartite_network, citation_network, coordination_network
from tests.viz.conftest import ARTIFACTS, is_local
from tests.viz.fixtures import EXPECTED
from viz.networks import render_network
from viz.views import bipartite_view, citation_view, coordination_view

pytestmark = pytest.mark.browser


def build(store, page: str):
    if page == "coordination":
        return coordination_view(coordination_network(store), involvements(store), notices(store))
    if page == "bipartite":
        return bipartite_view(bipartite_network(store), involvements(store), notices(store))
    return citation_view(citation_network(store), occurrences(store), notices(store))


def projection(store, page: str, role: str, notice: str | None):
    if page == "coordination":
        return coordination_network(store, roles=role, notice=notice)
    if page == "bipartite":
        return bipartite_network(store, roles=role, notice=notice)
    return citation_network(store, notice=notice)


@pytest.fixture
def write_page(tmp_path):
    def writer(html: str, name: str = "page.html"):
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        return path.as_uri()

    return writer


@pytest.mark.parametrize("key", sorted(EXPECTED, key=str), ids=lambda k: "-".join(str(p) for p in k))
def test_page_draws_expected_counts_and_filters(small_store, open_page, write_page, key):
    page_name, role, notice, section = key
    view = build(small_store, page_name)
    full = open_page(write_page(render_network(view)))
    unfiltered = full.counts()
    assert unfiltered == EXPECTED[page_name, "any", None, None]
    index = view.notice_index(notice)
    full.page.evaluate(
        "(f) => window.govkgViz.setFilter(f)", {"role": role, "notice": index, "section": section}
    )
    assert full.counts() == EXPECTED[key]
    if section is None:  # the projections filter by role and notice themselves: a second opinion
        graph = projection(small_store, page_name, role, notice)
        assert full.counts() == (graph.number_of_nodes(), graph.number_of_edges())
    assert full.errors == []


@pytest.mark.parametrize("page_name", ["coordination", "bipartite", "citations"])
def test_initial_filter_from_arguments(small_store, open_page, write_page, page_name):
    html = render_network(build(small_store, page_name), notice="瓊府辦〔2018〕1號", lang="zh-Hans")
    loaded = open_page(write_page(html))
    assert loaded.counts() == EXPECTED[page_name, "any", "琼府办〔2018〕1号", None]
    assert (
        loaded.page.eval_on_selector("#govkg-notice", "s => s.selectedOptions[0].textContent")
        == "琼府办〔2018〕1号"
    )


def test_controls_in_page_change_counts(small_store, open_page, write_page):
    loaded = open_page(write_page(render_network(build(small_store, "coordination"))))
    page = loaded.page
    page.select_option("#govkg-role", "lead")
    assert loaded.counts() == EXPECTED["coordination", "lead", None, None]
    page.select_option("#govkg-role", "any")
    page.select_option("#govkg-section", "2")
    assert loaded.counts() == EXPECTED["coordination", "any", None, 2]
    assert page.text_content("#govkg-counts").startswith("1 ")


def test_search_matches_either_script_and_english(small_store, open_page, write_page):
    loaded = open_page(write_page(render_network(build(small_store, "coordination"))))
    police = "https://w3id.org/govkg/id/agency/test-police"
    for query in ("公安厅", "公安廳", "public security"):
        assert loaded.page.evaluate("(q) => window.govkgViz.search(q)", query) == [police]
    loaded.page.fill("#govkg-search", "質監")
    assert loaded.viz("matches") == ["https://w3id.org/govkg/id/agency/test-quality"]
    assert loaded.page.evaluate("() => window.govkgViz.search('无此机构')") == []


def test_labels_follow_the_chosen_language(small_store, open_page, write_page):
    police = "https://w3id.org/govkg/id/agency/test-police"
    commerce = "https://w3id.org/govkg/id/agency/test-commerce"
    view = build(small_store, "coordination")
    loaded = open_page(write_page(render_network(view, lang="zh-Hans")))
    assert loaded.page.evaluate("(id) => window.govkgViz.label(id)", police) == "省公安厅"
    loaded.page.select_option("#govkg-lang", "en")
    assert (
        loaded.page.evaluate("(id) => window.govkgViz.label(id)", police)
        == "Provincial Public Security Department"
    )
    assert (
        loaded.page.evaluate("(id) => window.govkgViz.label(id)", commerce) == "省工商局"
    )  # no English name
    loaded.page.select_option("#govkg-lang", "zh-Hant")
    assert loaded.page.evaluate("(id) => window.govkgViz.label(id)", police) == "省公安廳"
    legend = loaded.page.locator("#govkg-legend li").all_text_contents()
    assert "政府部門" in legend and "黨委機構" in legend


def test_page_requests_nothing_but_itself(small_store, open_page, write_page):
    for page_name in ("coordination", "bipartite", "citations"):
        html = render_network(build(small_store, page_name))
        assert "http://" not in html.replace("http://www.w3.org/2000/svg", "").split("<script nonce")[0]
        url = write_page(html, f"{page_name}.html")
        loaded = open_page(url)
        assert loaded.requests == [url]
        assert all(is_local(u) for u in loaded.requests)


def test_hostile_name_is_text_in_label_and_tooltip(small_store, open_page, write_page):
    from tests.viz.fixtures import EVIL

    evil = "https://w3id.org/govkg/id/agency/x-evil"
    loaded = open_page(write_page(render_network(build(small_store, "coordination"))))
    page = loaded.page
    assert page.evaluate("(id) => window.govkgViz.label(id)", evil) == EVIL
    position = page.evaluate("(id) => window.govkgViz.domPosition(id)", evil)
    box = page.locator("#govkg-network").bounding_box()
    page.mouse.move(box["x"] + position["x"], box["y"] + position["y"])
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert EVIL in tooltip.text_content()
    page.mouse.click(box["x"] + position["x"], box["y"] + position["y"])
    assert EVIL in page.text_content("#govkg-details")
    assert page.locator("img").count() == 0
    assert page.evaluate("() => window.__pwned") is None
    assert loaded.errors == []


def test_sample_pages_match_projection_and_screenshot(sample_store, open_page, write_page):
    ARTIFACTS.mkdir(exist_ok=True)
    for page_name in ("coordination", "bipartite", "citations"):
        loaded = open_page(write_page(render_network(build(sample_store, page_name)), f"{page_name}.html"))
        graph = projection(sample_store, page_name, "any", None)
        assert loaded.counts() == (graph.number_of_nodes(), graph.number_of_edges())
        if page_name != "citations":
            loaded.page.select_option("#govkg-role", "lead")
            lead = projection(sample_store, page_name, "lead", None)
            assert loaded.counts() == (lead.number_of_nodes(), lead.number_of_edges())
            loaded.page.select_option("#govkg-role", "any")
        loaded.page.screenshot(path=str(ARTIFACTS / f"viz-{page_name}.png"))
        assert loaded.errors == []
