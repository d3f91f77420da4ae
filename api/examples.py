"""The competency questions (``ontology/queries/*.rq``) as one-click examples on the query page.

A query file's leading ``#`` comment lines are its title (first line) and
description; the files live in the ontology package, so they ship with it.
"""

from __future__ import annotations

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
    """Every competency query, in file-name order; empty if the ontology ships none."""
    try:
        folder = files("ontology").joinpath("queries")
    except ModuleNotFoundError:
        return ()
    if not folder.is_dir():
        return ()
    found = [_example(entry) for entry in folder.iterdir() if entry.name.endswith(".rq")]
    return tuple(sorted(found, key=lambda example: example.name))


def _example(entry: Traversable) -> Example:
    text = entry.read_text(encoding="utf-8")
    comments = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        comments.append(stripped.lstrip("#").strip())
    name = entry.name.removesuffix(".rq")
    title = comments[0] if comments else name.replace("_", " ").replace("-", " ")
    return Example(name, title, " ".join(comments[1:]), text)
