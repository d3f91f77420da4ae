"""How long the largest network page takes to settle in headless Chromium.

Builds every network page for the bundled sample (the baseline) and for the sample
plus the 55 State Council notices in ../shared/corpus/govcn-2019 (skipped when
absent), then loads the largest in Debian Chromium and waits for vis-network's
``stabilizationIterationsDone``. Prints one line per corpus.

    /work/venv/bin/python benchmarks/viz_settle.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from graph.iris import graph_iri
from graph.network import clear_cache
from graph.rdf import notice_graph, parser_version
from graph.store import Store, open_store
from ingest import read_file
from viz.networks import render_network
from viz.pages import PAGES, network_view

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "corpus" / "hainan-2017-ipr-enforcement-plan.txt"
SHARED = REPO.parent / "shared" / "corpus" / "govcn-2019"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def load(files: list[Path]) -> Store:
    store = open_store("oxigraph:")
    for path in files:
        doc = read_file(path)
        store.replace_notice(str(graph_iri(doc)), notice_graph(doc), doc.source.sha256, parser_version())
    clear_cache()
    return store


def largest_page(store: Store) -> tuple[str, str, int, int, float]:
    """(page name, html, nodes, edges, build seconds) of the page with the most nodes + edges."""
    best = None
    for page in PAGES:
        started = time.perf_counter()
        view = network_view(store, page)
        html = render_network(view)
        seconds = time.perf_counter() - started
        size = len(view.nodes) + len(view.edges)
        if best is None or size > best[0]:
            best = (size, page, html, len(view.nodes), len(view.edges), seconds)
    assert best is not None
    return best[1], best[2], best[3], best[4], best[5]


def settle(html: str, runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock ms from navigation to settled, and the page's own settle ms, per run."""
    from playwright.sync_api import sync_playwright

    walls, own = [], []
    with tempfile.TemporaryDirectory() as directory, sync_playwright() as playwright:
        path = Path(directory) / "page.html"
        path.write_text(html, encoding="utf-8")
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            started = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_function("() => window.govkgViz && window.govkgViz.stabilized", timeout=600_000)
            walls.append((time.perf_counter() - started) * 1000)
            own.append(float(page.evaluate("() => window.govkgViz.settleMs")))
            page.close()
        browser.close()
    return walls, own


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    corpora = {"sample (baseline)": [SAMPLE]}
    if SHARED.is_dir():
        corpora["sample + govcn-2019"] = [SAMPLE, *sorted(SHARED.glob("*.txt"))]
    else:
        print(f"skipped: {SHARED} not found")
    for name, files in corpora.items():
        with load(files) as store:
            page, html, nodes, edges, build = largest_page(store)
        walls, own = settle(html, args.runs)
        print(
            f"{name}: {len(files)} notices, largest page {page!r} {nodes} nodes {edges} edges, "
            f"{len(html.encode()) // 1024} KiB, built in {build:.2f} s; settle median "
            f"{statistics.median(walls):.0f} ms wall (page's own {statistics.median(own):.0f} ms), "
            f"runs {args.runs}"
        )


if __name__ == "__main__":
    main()
