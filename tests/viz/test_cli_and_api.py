"""``govkg viz`` writing pages, and the same pages served by a real server under /viz."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import httpx
import pytest

from api.cli import main
from graph.store import open_store
from tests.api.conftest import Server, start_server, stop_server
from tests.viz.conftest import load
from tests.viz.fixtures import EVIL, EXPECTED

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def viz_server(tmp_path_factory, small_docs) -> Iterator[Server]:
    directory = tmp_path_factory.mktemp("vizstore") / "oxigraph"
    with open_store(str(directory)) as store:
        load(store, small_docs)
    running = start_server(directory, GOVKG_QUERY_TIMEOUT="120")
    yield running
    stop_server(running)


@pytest.mark.parametrize("page_name", ["coordination", "bipartite", "citations"])
def test_served_pages_draw_the_store(viz_server, open_page, page_name):
    url = f"{viz_server.url}/viz/{page_name}"
    loaded = open_page(url)
    assert loaded.counts() == EXPECTED[page_name, "any", None, None]
    assert all(request.startswith(viz_server.url) for request in loaded.requests)
    assert loaded.requests == [url]
    assert loaded.errors == []


def test_served_page_takes_initial_filters(viz_server, open_page):
    loaded = open_page(f"{viz_server.url}/viz/coordination?role=lead&lang=en")
    assert loaded.counts() == EXPECTED["coordination", "lead", None, None]
    loaded = open_page(f"{viz_server.url}/viz/coordination?notice={quote('瓊府辦〔2018〕1號')}")
    assert loaded.counts() == EXPECTED["coordination", "any", "琼府办〔2018〕1号", None]


def test_served_source_view(viz_server, open_page):
    url = f"{viz_server.url}/viz/source/{quote('琼府办〔2017〕89号')}?lang=en"
    loaded = open_page(url, settle=False)
    assert loaded.page.locator("#source-text .mark-responsible").all_text_contents()[-1] == EVIL
    assert loaded.page.locator("img").count() == 0
    assert loaded.requests == [url]


def test_unknown_notice_is_a_client_error(viz_server):
    with httpx.Client(base_url=viz_server.url, timeout=60) as client:
        for response in (
            client.get("/viz/source/" + quote("国发〔1999〕1号")),
            client.get("/viz/coordination", params={"notice": "nope"}),
        ):
            assert 400 <= response.status_code < 500  # the API's error table decides which (E012)
            assert "E012" in response.text
        assert client.get("/viz/coordination", params={"lang": "fr"}).status_code == 422


def test_cli_writes_pages_from_a_file(sample_path, tmp_path, open_page, capsys):
    out = tmp_path / "coordination.html"
    assert main(["viz", "coordination", str(sample_path), "--out", str(out), "--role", "lead"]) == 0
    loaded = open_page(out.as_uri())
    assert loaded.viz("state().role") == "lead"
    lead = loaded.counts()
    loaded.page.select_option("#govkg-role", "any")
    assert loaded.counts()[0] > lead[0]
    source = tmp_path / "source.html"
    assert main(["viz", "source", str(sample_path), "--out", str(source), "--lang", "zh-Hans"]) == 0
    page = open_page(source.as_uri(), settle=False).page
    assert page.locator("#source-text a.mark-task").count() > 28
    assert main(["viz", "citations", str(sample_path), "--out", str(out), "--notice", "nope"]) == 1
    assert "E012" in capsys.readouterr().err
