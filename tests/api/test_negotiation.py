"""Content negotiation as a table: Accept header (and format) -> media type chosen."""

from __future__ import annotations

import pytest

from api.negotiation import choose, parse_accept

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
CASES = [
    # accept, kinds, format, expected media type (None: 406)
    (None, ["results"], None, "application/sparql-results+json"),
    ("", ["graph"], None, "text/turtle"),
    ("*/*", ["results"], None, "application/sparql-results+json"),
    ("application/json", ["results"], None, "application/sparql-results+json"),
    ("application/json", ["graph"], None, "application/ld+json"),
    ("text/csv;q=0.5, text/tab-separated-values", ["results"], None, "text/tab-separated-values"),
    ("text/*", ["results"], None, "application/sparql-results+xml"),  # its alias text/xml comes first
    ("text/*;q=0.2, text/xml;q=0, text/csv;q=0", ["results"], None, "text/tab-separated-values"),
    ("application/xml", ["graph"], None, "application/rdf+xml"),
    ("application/xml", ["results"], None, "application/sparql-results+xml"),
    (BROWSER, ["results", "page"], None, "text/html"),
    (BROWSER, ["graph", "page"], None, "text/html"),
    ("*/*", ["graph", "page"], None, "text/turtle"),
    ("image/png", ["results"], None, None),
    ("text/turtle;q=abc", ["graph"], None, None),
    ("nonsense, text/turtle", ["graph"], None, "text/turtle"),
    ("text/html", ["results"], "csv", "text/csv"),
    (None, ["results"], "json", "application/sparql-results+json"),
    (None, ["graph"], "json", "application/ld+json"),
    (None, ["graph"], "xml", "application/rdf+xml"),
    (None, ["graph"], "nt", "application/n-triples"),
    (None, ["results"], "turtle", None),
]


@pytest.mark.parametrize(("accept", "kinds", "fmt", "expected"), CASES)
def test_choose(accept, kinds, fmt, expected):
    chosen = choose(accept, kinds, fmt)
    assert (chosen.media_type if chosen else None) == expected


@pytest.mark.parametrize(
    ("header", "ranges"),
    [
        (None, [("*", "*", 1.0)]),
        ("text/turtle;q=0.5,*/*;q=0.1", [("text", "turtle", 0.5), ("*", "*", 0.1)]),
        ("*/*, text/*, text/csv", [("text", "csv", 1.0), ("text", "*", 1.0), ("*", "*", 1.0)]),
        ("TEXT/CSV ; Q=0.7", [("text", "csv", 0.7)]),
        ("*/csv, text", []),
        ("text/csv;q=2", [("text", "csv", 0.0)]),
    ],
)
def test_parse_accept(header, ranges):
    assert [(r.type, r.subtype, r.q) for r in parse_accept(header)] == ranges
