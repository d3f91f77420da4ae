"""The vocabulary page: every term shown in three languages, text escaped, nothing fetched."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from api.cli import main
from ontology import GOVKG, ONTOLOGY_TTL
from viz.vocabulary import vocabulary_html


def test_every_term_has_a_section_with_three_languages():
    page = vocabulary_html()
    for term in GOVKG.__annotations__:
        match = re.search(rf'<section class="term" id="{term}">(.*?)</section>', page, re.S)
        assert match, term
        assert all(f'lang="{lang}"' in match.group(1) for lang in ("zh-hans", "zh-hant", "en")), term
    assert "<script" not in page and "http-equiv" not in page
    assert not re.search(r'(src|href)="https?://', page)


def test_text_from_the_turtle_is_escaped(tmp_path: Path):
    hostile = ONTOLOGY_TTL.read_text(encoding="utf-8").replace(
        '"Notice"@en', '"<script>alert(1)</script> & Notice"@en'
    )
    ttl = tmp_path / "hostile.ttl"
    ttl.write_text(hostile, encoding="utf-8")
    page = vocabulary_html(ttl)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Notice" in page


def test_cli_writes_the_page(tmp_path: Path, capsys):
    out = tmp_path / "site" / "vocabulary.html"
    assert main(["vocab", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == vocabulary_html()
    assert str(out) in capsys.readouterr().out


def test_console_script_prints_the_page_to_stdout():
    result = subprocess.run(
        [sys.executable, "-m", "api.cli", "vocab"],
        capture_output=True,
        text=True,
        check=True,
        encoding="utf-8",
    )
    assert result.stdout.startswith("<!DOCTYPE html>")


@pytest.mark.browser
def test_the_page_renders_in_chromium(browser, tmp_path: Path):
    out = tmp_path / "vocabulary.html"
    out.write_text(vocabulary_html(), encoding="utf-8")
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(out.as_uri())
    assert page.locator("section.term").count() == len(GOVKG.__annotations__)
    assert page.locator("#leadAgency").inner_text().count("牵头单位") == 1
    page.click('a[href="#Agency"] >> nth=0')
    assert page.evaluate("location.hash") == "#Agency"
    assert requests == [out.as_uri()]
    page.close()
