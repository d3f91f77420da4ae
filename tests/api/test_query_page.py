"""The query page in headless Chromium: an example runs, the right rows show, nothing leaves the machine."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.server]
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}


def test_an_example_query_runs_offline_and_shows_agency_links(browser, server):
    context = browser.new_context()
    outside: list[str] = []

    def guard(route):
        host = urlsplit(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOOPBACK:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server.url + "/")
    page.wait_for_selector(".CodeMirror")
    page.click("button.example[data-example='lead_load']")
    page.wait_for_selector("table.results tbody tr")
    rows = page.locator("table.results tbody tr")
    assert rows.count() > 5
    headers = page.locator("table.results th").all_inner_texts()
    assert "agencyLabel" in headers
    first_label = page.locator("table.results tbody tr").first.locator("td").nth(headers.index("agencyLabel"))
    href = first_label.locator("a").get_attribute("href")
    assert href and href.startswith("/id/agency/")
    share = page.locator("#share").get_attribute("href")
    assert share and "query=" in share
    page.goto(server.url + share)  # a shared link runs its query again
    page.wait_for_selector("table.results tbody tr")
    assert page.locator("table.results tbody tr").count() == rows.count() or rows.count() > 0
    assert outside == []
    assert errors == []
    context.close()
