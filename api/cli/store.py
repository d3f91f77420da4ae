"""``govkg ingest | store info | export | query | validate``: fill, inspect and read a store.

Every command takes ``--store PATH_OR_URL`` (else ``$GOVKG_STORE``, else the per-user
data directory) and ``--base IRI`` (else ``$GOVKG_BASE``); see :mod:`graph.settings`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.term import Node
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from graph.load import FileResult, ingest_paths
from graph.settings import Settings
from graph.store import query_form
from graph.stores.formats import RESULT_KINDS, TRIPLE_KINDS, find_format
from ontology import PREFIXES

EXPORT_FORMATS = ("ttl", "nq", "jsonld", "graphml", "gexf", "csv")
NETWORK_NAMES = ("coordination", "bipartite", "citation")
QUERY_FORMATS = ("table", "json", "csv", "tsv", "xml", "ttl", "nt", "jsonld", "rdfxml")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the store commands to the ``govkg`` parser."""
    ingest = subparsers.add_parser("ingest", help="parse notices and store their graphs")
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="notice files or folders")
    ingest.add_argument("--jobs", "-j", type=int, default=1, help="parsing processes (0 = one per CPU)")
    ingest.add_argument(
        "--batch", type=int, default=64, help="notices per write: more load faster, each holds ~6 MB"
    )
    ingest.add_argument("--quiet", "-q", action="store_true", help="no progress bar, failures only")
    _store_options(ingest)
    ingest.set_defaults(func=run_ingest)

    store = subparsers.add_parser("store", help="inspect the store")
    store_commands = store.add_subparsers(dest="store_command", required=True, metavar="COMMAND")
    info = store_commands.add_parser("info", help="notices, statements and agencies in the store")
    info.add_argument("--json", action="store_true", help="print JSON")
    _store_options(info)
    info.set_defaults(func=run_info)

    export = subparsers.add_parser("export", help="write the store as RDF or as a network file")
    export.add_argument("--format", "-f", required=True, choices=EXPORT_FORMATS)
    export.add_argument("--network", default="coordination", choices=NETWORK_NAMES)
    export.add_argument("--out", "-o", type=Path, help="file to write (default: standard output)")
    _store_options(export)
    export.set_defaults(func=run_export)

    query = subparsers.add_parser("query", help="run a SPARQL query over the union of all notices")
    source = query.add_mutually_exclusive_group(required=True)
    source.add_argument("sparql", nargs="?", help="the query text")
    source.add_argument("--file", type=Path, help="read the query from a .rq file")
    query.add_argument("--format", "-f", default="table", choices=QUERY_FORMATS)
    _store_options(query)
    query.set_defaults(func=run_query)

    validate = subparsers.add_parser("validate", help="check the store against the SHACL shapes")
    _store_options(validate)
    validate.set_defaults(func=run_validate)


def _store_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", metavar="PATH_OR_URL", help="store location (default: $GOVKG_STORE)")
    parser.add_argument("--base", metavar="IRI", help="base IRI of the data (default: $GOVKG_BASE)")


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.resolve(store=args.store, base=args.base)


def run_ingest(args: argparse.Namespace) -> int:
    """Ingest files and folders; exit 1 when any file failed (the others are stored)."""
    settings = _settings(args)
    err = Console(stderr=True)
    with settings.open_store() as store:
        if args.quiet or not err.is_terminal:
            log = _print_failure(err) if args.quiet else _print_result(err)
            report = ingest_paths(
                store, args.paths, base=settings.base, jobs=args.jobs, batch=args.batch, on_result=log
            )
        else:
            with Progress(
                TextColumn("[bold]ingest"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}"),
                console=err,
            ) as progress:
                task = progress.add_task("", total=None)

                def started(total: int) -> None:
                    progress.update(task, total=total)

                def done(result: FileResult) -> None:
                    _print_failure(progress.console)(result)
                    progress.update(task, advance=1, description=result.path.name)

                report = ingest_paths(
                    store,
                    args.paths,
                    base=settings.base,
                    jobs=args.jobs,
                    batch=args.batch,
                    on_start=started,
                    on_result=done,
                )
        info = store.info()
    err.print(
        f"{report.count('written')} written, {report.count('unchanged')} unchanged, "
        f"{report.count('failed')} failed; store {info.location}: {info.notices} notices, "
        f"{info.triples} statements, {info.agencies} agencies",
        highlight=False,
        soft_wrap=True,
    )
    return 1 if report.failed else 0


def _print_failure(console: Console) -> Callable[[FileResult], None]:
    def show(result: FileResult) -> None:
        if result.error is not None:
            _say(console, f"govkg: {result.path}: {result.error}")
        elif result.note and result.note.startswith("same notice"):
            _say(console, f"govkg: {result.path}: {result.note}")

    return show


def _print_result(console: Console) -> Callable[[FileResult], None]:
    """One line per file, for logs (standard error is not a terminal)."""

    def show(result: FileResult) -> None:
        detail = result.error or result.note or f"{result.tasks} tasks"
        _say(console, f"{result.status:9} {result.path}: {detail}")

    return show


def _say(console: Console, line: str) -> None:
    """One plain line: no markup, no colouring, no wrapping (file names may hold brackets)."""
    console.print(line, markup=False, highlight=False, soft_wrap=True)


def run_info(args: argparse.Namespace) -> int:
    """Print what the store holds."""
    with _settings(args).open_store() as store:
        info = store.info()
    if args.json:
        print(json.dumps(asdict(info), ensure_ascii=False, indent=2))
    else:
        for name, value in asdict(info).items():
            print(f"{name:10} {value}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Write the store (or one of its networks) to a file or standard output."""
    from graph.export import export  # networkx and the projections load only for this command

    with _settings(args).open_store() as store:
        data = export(store, args.format, network=args.network)
    if args.out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        args.out.write_bytes(data)
    return 0


def run_query(args: argparse.Namespace) -> int:
    """Run one query and print its result in the chosen format."""
    sparql = args.file.read_text(encoding="utf-8") if args.file else args.sparql
    graph_result = query_form(sparql) in ("CONSTRUCT", "DESCRIBE")
    fmt_name = args.format
    if fmt_name == "table":
        fmt_name = "ttl" if graph_result else "table"
    elif fmt_name == "json" and graph_result:
        fmt_name = "jsonld"
    with _settings(args).open_store() as store:
        if fmt_name == "table":
            if query_form(sparql) == "ASK":
                print("true" if store.ask(sparql) else "false")
            else:
                names, rows = store.select_with_vars(sparql)
                _print_table(names, rows)
            return 0
        kinds = TRIPLE_KINDS if graph_result else RESULT_KINDS
        data = store.query_raw(sparql, find_format(fmt_name, kinds))
    sys.stdout.buffer.write(data if data.endswith(b"\n") else data + b"\n")
    sys.stdout.buffer.flush()
    return 0


def _print_table(names: list[str], rows: list[dict[str, Node]]) -> None:
    table = Table(*names, show_lines=False)
    for row in rows:
        table.add_row(*(_display(row.get(name)) for name in names))
    console = Console()
    console.print(table)
    console.print(f"{len(rows)} rows", style="dim")


def _display(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, namespace in PREFIXES.items():
            if term.startswith(namespace):
                return f"{prefix}:{term[len(namespace) :]}"
        return str(term)
    if isinstance(term, Literal):
        return str(term)
    return term.n3()


def run_validate(args: argparse.Namespace) -> int:
    """Exit 0 when the store conforms to the shapes; print the report and exit 1 when not."""
    from graph.stores.validation import validate_store

    with _settings(args).open_store() as store:
        report = validate_store(store)
    if report.conforms:
        print("conforms: every shape holds")
        return 0
    print(report.text)
    print(f"govkg: error: E026: {report.violations} SHACL violations", file=sys.stderr)
    return 1
