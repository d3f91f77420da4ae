"""``govkg vocab --out FILE.html``: the vocabulary page for people, generated from ontology/govkg.ttl."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from viz.vocabulary import vocabulary_html, write_vocabulary


def register(subparsers: Any) -> None:
    """Add ``vocab`` to the ``govkg`` command."""
    parser = subparsers.add_parser(
        "vocab",
        help="write the govkg vocabulary as a self-contained HTML page",
        description="Render ontology/govkg.ttl (classes, properties, domains and ranges, labels and "
        "definitions in zh-Hans, zh-Hant and en) as one HTML page that loads nothing from the network.",
    )
    parser.add_argument(
        "--out", type=Path, metavar="FILE.html", help="where to write the page (default: standard output)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.out is None:
        sys.stdout.write(vocabulary_html())
        return 0
    print(write_vocabulary(args.out))
    return 0
