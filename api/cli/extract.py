"""``govkg extract FILE...``: parse notices and print the JSON contract or a summary table."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from ingest import Document, read_file, to_json
from ingest.errors import GovkgError


def register(subparsers: Any) -> None:
    """Add ``extract`` to the ``govkg`` command."""
    parser = subparsers.add_parser(
        "extract",
        help="parse notices into the document model (JSON contract or a table)",
        description="Parse task-division notices. Files that fail are reported on stderr, one line each; "
        "the others are still processed, and the exit code is 1 if any failed.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--format", choices=("json", "table"), default="json")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Parse every file; JSON is one object for one file, a list for several."""
    documents: list[Document] = []
    failed = 0
    for path in args.files:
        try:
            documents.append(read_file(path))
        except GovkgError as error:
            failed += 1
            print(f"govkg: {path}: {error}", file=sys.stderr)
    if args.format == "json":
        payload: Any = [to_json(d) for d in documents]
        if len(args.files) == 1:
            payload = payload[0] if payload else None
        if payload is not None:
            json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
    else:
        console = Console(width=None if sys.stdout.isatty() else 200)
        for document in documents:
            print_table(document, console)
    return 1 if failed else 0


def print_table(document: Document, console: Console) -> None:
    """A person's summary: header, one row per task with its agencies by role, warnings."""
    header = document.header
    console.print(f"[bold]{header.title or document.source.name}[/bold]", soft_wrap=True)
    console.print(
        f"{header.doc_number or '-'}  {header.issuer or '-'}  {header.date or '-'}  "
        f"{len(document.sections)} sections, {len(document.items)} items, {len(document.tasks)} tasks, "
        f"{len(document.citations)} citations, {len(document.agencies)} agencies",
        soft_wrap=True,
    )
    table = Table(show_lines=False)
    for column in ("item", "task", "lead", "responsible", "cooperating"):
        table.add_column(column)
    for item in document.items:
        for task in item.tasks:
            by_role: dict[str, list[str]] = {"lead": [], "responsible": [], "cooperating": []}
            for assignment in task.assignments:
                by_role[assignment.role.value].append(assignment.agency.name)
            table.add_row(
                f"{item.label} {item.title}" if task.number == 1 else "",
                str(task.number),
                *("、".join(by_role[role]) for role in ("lead", "responsible", "cooperating")),
            )
    console.print(table)
    for citation in document.citations:
        console.print(
            f"cites {citation.doc_number or ''} {('《' + citation.title + '》') if citation.title else ''}"
            f" (item {citation.item or '-'})"
        )
    for warning in document.warnings:
        console.print(f"[yellow]{warning.message}[/yellow] {list(warning.span) if warning.span else ''}")
