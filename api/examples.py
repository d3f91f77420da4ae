"""The competency questions (``ontology/queries/*.rq``) as one-click examples on the query page.

A query file's leading ``#`` comment lines are its title (first line) and
description; the files live in the ontology package, so they ship with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable


@dataclass(frozen=True, slots=True)
class Example:
    name: str
    title: str
    description: str
    query: str


@cache
def examples() -> tuple[Example, ...]:
    """Every competency query, in the order of the questions; empty if the ontology ships none."""
    try:
        folder = files("ontology").joinpath("queries")
    except ModuleNotFoundError:
        return ()
    if not folder.is_dir():
        return ()
    found = [_example(entry) for entry in folder.iterdir() if entry.name.endswith(".rq")]
    return tuple(sorted(found, key=_question_order))


def _question_order(example: Example) -> tuple[int, str]:
    """Examples in the order of the domain's competency questions, then by name."""
    match = _QUESTION.search(example.title)
    return (int(match.group(1)) if match else 99, example.name)


_QUESTION = re.compile(r"competency question (\d+)")

#: Values filled into a question's required inputs, by input kind, so each example answers something.
SAMPLE_INPUTS: dict[str, str | int] = {
    "name": "省公安厅",
    "phrase": "电子商务",
    "docnumber": "国发〔2017〕14号",
    "integer": 16,
    "iri": "https://w3id.org/govkg/id/doc/琼府办〔2017〕89号/item/16",
}


def _bound(name: str, text: str) -> str:
    """The query with its required inputs set to sample values (unchanged if it cannot be bound)."""
    try:
        from ontology.queries import load_query

        query = load_query(name)
        wanted = [i for i in query.inputs if i.required and i.kind in SAMPLE_INPUTS]
        values = {i.name: SAMPLE_INPUTS[i.kind] for i in wanted}
        return query.bind(values)
    except Exception:
        return text


def _example(entry: Traversable) -> Example:
    text = _bound(entry.name.removesuffix(".rq"), entry.read_text(encoding="utf-8"))
    comments = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        comments.append(stripped.lstrip("#").strip())
    name = entry.name.removesuffix(".rq")
    title = comments[0] if comments else name.replace("_", " ").replace("-", " ")
    return Example(name, title, " ".join(comments[1:]), text)
