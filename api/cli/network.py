"""``govkg stats`` and ``govkg agency``: who leads most, who is central, what does X lead.

Both take ``--store PATH_OR_URL`` (else ``$GOVKG_STORE``); see :mod:`graph.settings`.
The work happens in :mod:`graph.metrics`, :mod:`graph.names` and
:mod:`graph.agency_tasks`; these handlers only open the store and print.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from typing import Any

from rich.console import Console
from rich.table import Table

from graph.agency_tasks import AgencyInvolvement, agency_involvement
from graph.errors import AmbiguousAgencyNameError
from graph.metrics import centralities, communities, lead_load
from graph.names import resolve_agency
from graph.network import coordination_network
from graph.settings import Settings
from ingest.model import Role

ROLE_CHOICES = ("lead", "responsible", "cooperating", "any")
_ROLE_NAMES = {"lead": "牵头 lead", "responsible": "负责 responsible", "cooperating": "配合 cooperating"}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``stats`` and ``agency`` to the ``govkg`` parser."""
    stats = subparsers.add_parser(
        "stats", help="agencies with the most lead roles, and the most central ones"
    )
    stats.add_argument("--top", type=int, default=10, metavar="N", help="rows per table (default 10)")
    stats.add_argument("--format", choices=("table", "json"), default="table")
    _store_option(stats)
    stats.set_defaults(func=run_stats)

    agency = subparsers.add_parser(
        "agency", help="which items and tasks an agency leads (or has any role in)"
    )
    agency.add_argument("name", help="agency name in either script, an alias, or its English name")
    agency.add_argument("--role", choices=ROLE_CHOICES, default="lead", help="role to list (default lead)")
    agency.add_argument("--format", choices=("table", "json"), default="table")
    _store_option(agency)
    agency.set_defaults(func=run_agency)


def _store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", metavar="PATH_OR_URL", help="store location (default: $GOVKG_STORE)")


def run_stats(args: argparse.Namespace) -> int:
    """Print the lead-load and centrality rankings of the coordination network."""
    with Settings.resolve(store=args.store).open_store() as store:
        network = coordination_network(store)
    top = max(args.top, 0)
    loads = lead_load(network)[:top]
    central = centralities(network)[:top]
    groups = communities(network)
    if args.format == "json":
        summary = {
            "agencies": network.number_of_nodes(),
            "links": network.number_of_edges(),
            "communities": len(groups),
            "lead_load": [vars_of(load) for load in loads],
            "centrality": [vars_of(value) for value in central],
        }
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return 0
    console = Console()
    console.print(
        f"{network.number_of_nodes()} agencies, {network.number_of_edges()} pairs sharing tasks, "
        f"{len(groups)} communities",
        highlight=False,
    )
    leads = Table(title="Lead load (tasks led)")
    for column in ("#", "agency", "English", "lead tasks", "lead items", "all tasks"):
        text_column = column in ("agency", "English")
        leads.add_column(column, justify="left" if text_column else "right", overflow="fold")
    for rank, load in enumerate(loads, 1):
        english = network.nodes[load.agency].get("english") or ""
        leads.add_row(
            str(rank), load.label, english, str(load.lead_tasks), str(load.lead_items), str(load.tasks)
        )
    console.print(leads)
    table = Table(title="Centrality (weighted by shared tasks)")
    for column in ("#", "agency", "partners", "shared tasks", "betweenness", "eigenvector"):
        table.add_column(column, justify="left" if column == "agency" else "right", overflow="fold")
    for rank, value in enumerate(central, 1):
        table.add_row(
            str(rank),
            value.label,
            str(value.degree),
            str(value.strength),
            f"{value.betweenness:.3f}",
            f"{value.eigenvector:.3f}",
        )
    console.print(table)
    return 0


def vars_of(record: Any) -> dict[str, Any]:
    """A slotted dataclass as a dict."""
    return {name: getattr(record, name) for name in record.__slots__}


def run_agency(args: argparse.Namespace) -> int:
    """Print the items and tasks an agency has in the asked role; exit 1 on an unknown or ambiguous name."""
    with Settings.resolve(store=args.store).open_store() as store:
        try:
            agency = resolve_agency(store, args.name)
        except AmbiguousAgencyNameError as error:
            print(
                f"govkg: error: {error.code}: agency name {args.name!r} is ambiguous; candidates:",
                file=sys.stderr,
            )
            for candidate in error.candidates:
                print(f"  {candidate}", file=sys.stderr)
            return 1
        involvement = agency_involvement(store, agency, roles=args.role)
    if args.format == "json":
        print(json.dumps(involvement.as_dict(), ensure_ascii=False, indent=2))
    else:
        print_involvement(Console(), involvement)
    return 0


def print_involvement(console: Console, involvement: AgencyInvolvement) -> None:
    """Items first (with task counts per role), then every task with its partners."""
    agency = involvement.agency
    names = " / ".join(dict.fromkeys(n for n in (agency.label_hans, agency.label_hant, agency.english) if n))
    counts = Counter(task.role.value for task in involvement.tasks)
    asked = (
        "in any role"
        if len(involvement.roles) == len(Role)
        else "as " + ", ".join(role.value for role in Role if role in involvement.roles)
    )
    found = ", ".join(f"{role.value} {counts[role.value]}" for role in Role if counts[role.value])
    items = involvement.items()
    console.print(
        f"{names} ({agency.kind}): {len(items)} items, {len(involvement.tasks)} tasks {asked}"
        + (f" ({found})" if found else ""),
        highlight=False,
    )
    if not involvement.tasks:
        return
    table = Table(show_lines=False)
    for column in ("notice", "item", "task", "role", "with", "text"):
        table.add_column(column, overflow="fold")
    for task in involvement.tasks:
        partners = "、".join(f"{label}({role.value[0]})" for label, role in task.partners)
        table.add_row(
            task.notice_number or task.notice,
            f"{task.item_number} {task.item_title or ''}".strip(),
            str(task.task_number),
            _ROLE_NAMES[task.role.value],
            partners,
            _shorten(task.text or "", 60),
        )
    console.print(table)


def _shorten(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
