"""``govkg viz``: write a network page or a source view as one offline HTML file.

With notice files the page is built from them alone (parsed, held in memory);
otherwise from the store (``--store``, else ``$GOVKG_STORE``). The work happens in
:mod:`viz.pages`; this handler only gathers the inputs and writes the file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph.iris import graph_iri
from graph.network import clear_cache
from graph.rdf import notice_graph, parser_version
from graph.settings import Settings
from graph.store import Store, open_store
from ingest import read_file
from ingest.errors import GovkgError
from viz.labels import LANGS, parse_lang
from viz.pages import PAGES, document_source_page, network_page, source_page


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``viz`` to the ``govkg`` parser."""
    viz = subparsers.add_parser("viz", help="write an interactive network page or a source view (HTML)")
    viz.add_argument("page", choices=(*PAGES, "source"), help="which page to write")
    viz.add_argument(
        "files", nargs="*", type=Path, help="notice files to show instead of the store's notices"
    )
    viz.add_argument("--out", required=True, type=Path, metavar="FILE.html", help="where to write the page")
    viz.add_argument("--store", metavar="PATH_OR_URL", help="store location (default: $GOVKG_STORE)")
    viz.add_argument("--role", choices=("any", "lead"), default="any", help="initial role filter")
    viz.add_argument("--section", type=int, metavar="N", help="initial section filter")
    viz.add_argument("--notice", metavar="IRI|NUMBER", help="initial notice filter (the notice, for source)")
    viz.add_argument("--lang", choices=LANGS, default="zh-Hant", help="label language (default zh-Hant)")
    viz.set_defaults(func=run_viz)


def _memory_store(files: list[Path]) -> Store:
    store = open_store("oxigraph:")
    for path in files:
        doc = read_file(path)
        store.replace_notice(str(graph_iri(doc)), notice_graph(doc), doc.source.sha256, parser_version())
    clear_cache()
    return store


def render(args: argparse.Namespace) -> str:
    """The page the arguments ask for."""
    lang = parse_lang(args.lang)
    if args.page == "source" and len(args.files) == 1 and args.notice is None:
        return document_source_page(read_file(args.files[0]), lang=lang)
    store = _memory_store(args.files) if args.files else Settings.resolve(store=args.store).open_store()
    with store:
        if args.page == "source":
            if args.notice is None:
                raise GovkgError("govkg viz source: give one notice file, or --notice IRI|NUMBER")
            return source_page(store, args.notice, lang=lang)
        return network_page(
            store, args.page, lang=lang, role=args.role, notice=args.notice, section=args.section
        )


def run_viz(args: argparse.Namespace) -> int:
    """Write the page and say where it went."""
    html = render(args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(html, encoding="utf-8")
    print(f"wrote {args.out} ({len(html.encode()) // 1024} KiB)", file=sys.stderr)
    return 0
