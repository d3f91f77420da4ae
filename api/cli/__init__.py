"""The ``govkg`` command: a thin dispatcher over one module per command group.

Each module in this package exposes ``register(subparsers)``, adding its commands
with ``set_defaults(func=...)``; the handler returns an exit code. Modules are
discovered, so adding a command group never edits this file.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Callable, Sequence

from ingest.errors import GovkgError

Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    """The full parser, with every command group found in this package."""
    parser = argparse.ArgumentParser(
        prog="govkg",
        description="Knowledge graph of Chinese government task-division plans.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; a govkg error becomes one line and exit 1."""
    args = build_parser().parse_args(argv)
    handler: Handler = args.func
    try:
        return handler(args)
    except GovkgError as error:
        print(f"govkg: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
