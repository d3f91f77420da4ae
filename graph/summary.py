"""The summary graph: coordination totals over every stored notice, kept current by each write.

A question about one notice reads its few hundred assignments; a question about the whole
store would join every assignment with every other one. The summary graph ``{base}graph/summary``
holds those sums once: a ``govkg:AgencyPair`` per agency pair (with its role-pair
counts) and a ``govkg:AgencyLoad`` per agency, so its size follows the number of agencies,
not of notices. Each write adds what the new notices count (computed from the parsed
document, where it is parsed) and subtracts what the notices it replaces counted
(recomputed from their stored assignments).

The graph also states how many notices it sums and an XOR digest of their fingerprints. A
write stopped between the notices and the summary, or two writers at once, leave a digest
that disagrees with the stored notices; :func:`ensure_current` then rebuilds the summary
from the per-notice counts.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from rdflib import RDF, XSD, Literal, URIRef

from graph.coordination_counts import ROLE_ORDER, CoordinationCounts, count_tasks, role_pair_key
from graph.iris import normalise_base
from graph.ntriples import term
from graph.rdf import ROLE_IRIS
from graph.stores.terms import Row
from ingest.model import Role
from ontology import ELI, GOVKG, PROV

#: The per-agency counts of a load, as ``govkg:`` property names.
LOAD_FIELDS = ("leadTasks", "responsibleTasks", "cooperatingTasks", "leadItems", "involvedTasks")
#: Role-pair keys a pair can have (``""`` is the pair over every role).
ROLE_PAIRS = tuple(role_pair_key(x, y) for i, x in enumerate(ROLE_ORDER) for y in ROLE_ORDER[i:])
_CHUNK = 200  # notice graphs per VALUES block
_DATA_CHUNK = 10000  # statements or counts per update

PairKey = tuple[str, str, str]  # agency A, agency B, role pair ("" = any role)


class Updatable(Protocol):
    """What the summary needs of a store: SELECT and SPARQL Update."""

    def select(self, sparql: str) -> list[Row]: ...

    def update(self, sparql: str) -> None: ...


def summary_iri(base: str) -> URIRef:
    """The summary graph of the notices under ``base``.

    >>> summary_iri("https://w3id.org/govkg/id/")
    rdflib.term.URIRef('https://w3id.org/govkg/id/graph/summary')
    """
    return URIRef(f"{normalise_base(base)}graph/summary")


def fingerprint(graph: str, sha256: str | None, version: str) -> int:
    """A notice's share of the digest: XOR-ing it in and out keeps the digest order-free."""
    text = f"{graph}\t{sha256 or ''}\t{version}".encode()
    return int.from_bytes(hashlib.sha256(text).digest()[:16], "big")


@dataclass(slots=True)
class Totals:
    """Counts over a set of notices; adding and subtracting sets is adding and subtracting counts."""

    tasks: Counter[PairKey] = field(default_factory=Counter)
    pair_notices: Counter[PairKey] = field(default_factory=Counter)
    loads: Counter[tuple[str, str]] = field(default_factory=Counter)  # (agency, field or "notices")
    notices: int = 0
    digest: int = 0

    def add(self, other: Totals, sign: int = 1) -> None:
        """Add (``sign=1``) or subtract (``sign=-1``) ``other``'s counts; digests are XOR-ed."""
        for key, value in other.tasks.items():
            self.tasks[key] += sign * value
        for key, value in other.pair_notices.items():
            self.pair_notices[key] += sign * value
        for load_key, value in other.loads.items():
            self.loads[load_key] += sign * value
        self.notices += sign * other.notices
        self.digest ^= other.digest

    def pairs(self) -> set[tuple[str, str]]:
        return {(a, b) for a, b, _ in self.tasks}

    def agencies(self) -> set[str]:
        return {agency for agency, _ in self.loads}


_ASSIGNMENTS = f"""
SELECT ?g ?item ?task ?agency ?role WHERE {{
  VALUES ?g {{ #graphs }}
  GRAPH ?g {{
    ?item <{ELI.has_part}> ?task .
    ?task <{PROV.qualifiedAssociation}> ?assignment .
    ?assignment <{PROV.agent}> ?agency ; <{PROV.hadRole}> ?role .
  }}
}}"""


def counted(store: Updatable, graphs: Iterable[str]) -> Totals:
    """What the stored notices in ``graphs`` count, recomputed from their assignments."""
    totals = Totals()
    names = list(dict.fromkeys(graphs))
    roles = {str(iri): role for role, iri in ROLE_IRIS.items()}
    for start in range(0, len(names), _CHUNK):
        values = " ".join(f"<{g}>" for g in names[start : start + _CHUNK])
        tasks: dict[str, dict[tuple[str, str], list[tuple[str, Role]]]] = {}
        for row in store.select(_ASSIGNMENTS.replace("#graphs", values)):
            role = roles.get(str(row["role"]))
            if role is not None:
                by_task = tasks.setdefault(str(row["g"]), {})
                key = (str(row["item"]), str(row["task"]))
                by_task.setdefault(key, []).append((str(row["agency"]), role))
        for by_task in tasks.values():
            counts = count_tasks((item, task, members) for (item, task), members in by_task.items())
            totals.add(of_counts(counts, str))
    return totals


def _integer(value: int) -> str:
    """An ``xsd:integer`` literal in N-Triples (rdflib's ``Literal`` costs more than the write)."""
    return f'"{value}"^^<{XSD.integer}>'


def _int(value: object) -> int:
    return int(value.toPython()) if isinstance(value, Literal) else int(str(value))


def of_counts(counts: CoordinationCounts, iri: Callable[[str], str]) -> Totals:
    """What one notice counts, with each agency key of ``counts`` turned into its IRI by ``iri``."""
    totals = Totals()
    for (a, b), pair in counts.pairs.items():
        key_a, key_b = iri(a), iri(b)
        totals.tasks[key_a, key_b, ""] += len(pair.tasks)
        totals.pair_notices[key_a, key_b, ""] += 1
        for role_pair, tasks in pair.role_pairs.items():
            totals.tasks[key_a, key_b, role_pair] += tasks
            totals.pair_notices[key_a, key_b, role_pair] += 1
    for agency, load in counts.loads.items():
        key = iri(agency)
        values = (*(load.tasks[role] for role in ROLE_ORDER), len(load.lead_items), len(load.involved), 1)
        for name, value in zip((*LOAD_FIELDS, "notices"), values, strict=True):
            totals.loads[key, name] += value
    return totals


# -- the nodes of the summary graph ---------------------------------------------------------------
def _local(agency: str) -> str:
    return agency.rsplit("/", 1)[-1]


def _pair_node(graph: URIRef, a: str, b: str) -> str:
    return f"{graph}/pair/{_local(a)}/{_local(b)}"


def _load_node(graph: URIRef, agency: str) -> str:
    return f"{graph}/load/{_local(agency)}"


def _shape(graph: URIRef, totals: Totals) -> list[str]:
    """The statements of the nodes ``totals`` touches that never change (types, agencies, role keys)."""
    kind, rolepair = term(RDF.type), term(GOVKG.rolePair)
    lines: list[str] = []
    for a, b, key in sorted(totals.tasks):
        node = f"<{_pair_node(graph, a, b)}>"
        if not key:
            lines += [
                f"{node} {kind} {term(GOVKG.AgencyPair)} .",
                f"{node} {term(GOVKG.agencyA)} <{a}> .",
                f"{node} {term(GOVKG.agencyB)} <{b}> .",
            ]
        else:
            role_node = f"<{_pair_node(graph, a, b)}/roles/{key}>"
            lines.append(f"{node} {term(GOVKG.rolePairCount)} {role_node} .")
            lines.append(f'{role_node} {rolepair} "{key}" .')
    for agency in sorted(totals.agencies()):
        node = f"<{_load_node(graph, agency)}>"
        lines.append(f"{node} {kind} {term(GOVKG.AgencyLoad)} .")
        lines.append(f"{node} {term(GOVKG.loadAgency)} <{agency}> .")
    return lines


def _additions(graph: URIRef, totals: Totals) -> list[tuple[str, str, int]]:
    """(node, property, amount) for every count ``totals`` holds (zeros too: a count is never absent)."""
    shared, notices = term(GOVKG.sharedTasks), term(GOVKG.noticeCount)
    rows: list[tuple[str, str, int]] = []
    for (a, b, key), tasks in sorted(totals.tasks.items()):
        node = f"<{_pair_node(graph, a, b)}/roles/{key}>" if key else f"<{_pair_node(graph, a, b)}>"
        rows.append((node, shared, tasks))
        rows.append((node, notices, totals.pair_notices[a, b, key]))
    for (agency, name), value in sorted(totals.loads.items()):
        prop = notices if name == "notices" else term(GOVKG[name])
        rows.append((f"<{_load_node(graph, agency)}>", prop, value))
    return rows


def _add_counts(store: Updatable, graph: URIRef, rows: list[tuple[str, str, int]]) -> None:
    """Adds each amount to its stored count (absent counts are 0): one read, one data update.

    Oxigraph evaluates an ``OPTIONAL`` as a hash join over the whole summary graph, and an
    update's later operations read through its uncommitted writes; a plain read joined on a
    ``VALUES`` block and ``DELETE DATA`` / ``INSERT DATA`` of the exact statements stay
    proportional to the counts that change.
    """
    values = "\n".join(f"({node} {prop})" for node, prop, _ in rows)
    found = store.select(
        f"SELECT ?node ?prop ?old WHERE {{ VALUES (?node ?prop) {{\n{values}\n}}"
        f" GRAPH <{graph}> {{ ?node ?prop ?old }} }}"
    )
    old = {(f"<{r['node']}>", f"<{r['prop']}>"): _int(r["old"]) for r in found}
    removed = [f"{n} {p} {_integer(old[n, p])} ." for n, p, _ in rows if (n, p) in old]
    added = [f"{n} {p} {_integer(old.get((n, p), 0) + amount)} ." for n, p, amount in rows]
    body = f"INSERT DATA {{ GRAPH <{graph}> {{\n" + "\n".join(added) + "\n} }"
    if removed:
        body = f"DELETE DATA {{ GRAPH <{graph}> {{\n" + "\n".join(removed) + "\n} } ;\n" + body
    store.update(body)


def _drop_empty(graph: URIRef) -> str:
    """Removes totals that fell to zero (their notices were replaced or removed), and links to them."""
    return (
        f"DELETE {{ GRAPH <{graph}> {{ ?node ?p ?o . ?owner <{GOVKG.rolePairCount}> ?node }} }}\n"
        f"WHERE {{ GRAPH <{graph}> {{\n"
        f"  {{ ?node <{GOVKG.sharedTasks}> 0 }} UNION {{ ?node <{GOVKG.noticeCount}> 0 }}\n"
        f"  ?node ?p ?o .\n  OPTIONAL {{ ?owner <{GOVKG.rolePairCount}> ?node }}\n}} }}"
    )


def statements(base: str, totals: Totals) -> str:
    """N-Triples of a summary graph holding exactly ``totals`` (what a store writes for them)."""
    graph = summary_iri(base)
    head = [
        f"<{graph}> {term(RDF.type)} {term(GOVKG.CoordinationSummary)} .",
        f"<{graph}> {term(GOVKG.noticeCount)} {term(Literal(totals.notices))} .",
        f'<{graph}> {term(GOVKG.digest)} "{totals.digest:032x}" .',
    ]
    counts = [f"{node} {prop} {_integer(amount)} ." for node, prop, amount in _additions(graph, totals)]
    return "\n".join([*head, *_shape(graph, totals), *counts]) + "\n"


def apply(store: Updatable, base: str, change: Totals) -> None:
    """Add ``change`` (new notices' counts minus replaced notices' counts) to the stored totals.

    The summary's own count and digest are written last: a write stopped before them leaves
    a digest that no longer matches the stored notices, which :func:`ensure_current` repairs.
    """
    graph = summary_iri(base)
    head = stored_digest(store, base)
    notices, digest = head[0] + change.notices, head[1] ^ change.digest
    if notices == 0:  # nothing left to sum: no summary, as in a store that never held a notice
        store.update(f"DROP SILENT GRAPH <{graph}>")
        return
    shape = _shape(graph, change)
    for start in range(0, len(shape), _DATA_CHUNK):
        body = "\n".join(shape[start : start + _DATA_CHUNK])
        store.update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}")
    rows = _additions(graph, change)
    for start in range(0, len(rows), _DATA_CHUNK):
        _add_counts(store, graph, rows[start : start + _DATA_CHUNK])
    if any(amount <= 0 for _, _, amount in rows):  # a summed change may also net to zero
        store.update(_drop_empty(graph))
    head_pattern = f"<{graph}> <{GOVKG.noticeCount}> ?n ; <{GOVKG.digest}> ?d"
    store.update(
        f"DELETE WHERE {{ GRAPH <{graph}> {{ {head_pattern} }} }} ;\n"
        f"INSERT DATA {{ GRAPH <{graph}> {{\n"
        f"<{graph}> {term(RDF.type)} {term(GOVKG.CoordinationSummary)} .\n"
        f"<{graph}> {term(GOVKG.noticeCount)} {term(Literal(notices))} .\n"
        f'<{graph}> {term(GOVKG.digest)} "{digest:032x}" .\n}} }}'
    )


def stored_digest(store: Updatable, base: str) -> tuple[int, int]:
    """The (notice count, digest) the summary graph states; ``(0, 0)`` when there is none."""
    graph = summary_iri(base)
    head = f"<{graph}> <{GOVKG.noticeCount}> ?n ; <{GOVKG.digest}> ?d"
    rows = store.select(f"SELECT ?n ?d WHERE {{ GRAPH <{graph}> {{ {head} }} }}")
    if not rows:
        return 0, 0
    return _int(rows[0]["n"]), int(str(rows[0]["d"]), 16)


def expected_digest(records: Iterable[tuple[str, str | None, str]]) -> tuple[int, int]:
    """(count, digest) the summary should state for these (graph, sha256, version) notices."""
    count, digest = 0, 0
    for graph, sha256, version in records:
        count += 1
        digest ^= fingerprint(graph, sha256, version)
    return count, digest


def rebuild(store: Updatable, base: str, records: list[tuple[str, str | None, str]]) -> None:
    """Recompute the summary from the per-notice counts of ``records`` (the notices under ``base``)."""
    totals = counted(store, [graph_iri for graph_iri, _, _ in records])
    totals.notices, totals.digest = expected_digest(records)
    store.update(f"DROP SILENT GRAPH <{summary_iri(base)}>")
    if records:
        apply(store, base, totals)


def ensure_current(store: Updatable, base: str, records: list[tuple[str, str | None, str]]) -> bool:
    """Rebuild the summary when it does not sum exactly ``records``; ``True`` when it was rebuilt."""
    if stored_digest(store, base) == expected_digest(records):
        return False
    rebuild(store, base, records)
    return True
