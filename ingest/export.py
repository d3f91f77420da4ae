"""The ``govkg extract`` JSON contract: a stable, documented view of a Document.

Field names and shapes here are a public contract (docs/extract-json.md); the
model may grow, this view only by adding fields.
"""

from __future__ import annotations

from typing import Any

from ingest.model import Agency, Document, Item, Task


def to_json(doc: Document) -> dict[str, Any]:
    """The contract's dictionary for one document (``json.dumps`` it with ``ensure_ascii=False``).

    >>> from ingest.parse import parse
    >>> to_json(parse("(一)加强监管。开展检查。(省林业厅负责)"))["sections"][0]["items"][0]["label"]
    '(一)'
    """
    header = doc.header
    return {
        "source": {"name": doc.source.name, "sha256": doc.source.sha256, "encoding": doc.source.encoding},
        "document": {
            "title": header.title,
            "doc_number": header.doc_number,
            "issuer": header.issuer,
            "date": header.date,
            "addressees": list(header.addressees),
            "plan_title": header.plan_title,
            "script": doc.script,
        },
        "sections": [
            {
                "number": section.number,
                "title": section.title,
                "span": list(section.span),
                "items": [_item(item) for item in section.items],
            }
            for section in doc.sections
        ],
        "citations": [
            {"doc_number": c.doc_number, "title": c.title, "item": c.item, "span": list(c.span)}
            for c in doc.citations
        ],
        "agencies": [_agency(agency) for agency in doc.agencies],
        "warnings": [
            {"code": w.code, "message": w.message, "span": list(w.span) if w.span else None}
            for w in doc.warnings
        ],
    }


def _item(item: Item) -> dict[str, Any]:
    return {
        "number": item.number,
        "label": item.label,
        "title": item.title,
        "span": list(item.span),
        "tasks": [_task(task) for task in item.tasks],
    }


def _task(task: Task) -> dict[str, Any]:
    return {
        "number": task.number,
        "text": task.text,
        "span": list(task.span),
        "assignments": [
            {
                "agency": a.agency.name,
                "agency_id": a.agency.id,
                "surface": a.surface,
                "role": a.role.value,
                "span": list(a.span),
            }
            for a in task.assignments
        ],
    }


def _agency(agency: Agency) -> dict[str, Any]:
    return {
        "id": agency.id,
        "name": agency.name,
        "name_hant": agency.name_hant,
        "aliases": list(agency.aliases),
        "english": agency.english,
        "kind": agency.kind.value,
    }
