"""The govkg vocabulary as one self-contained HTML page for people, generated from ``govkg.ttl``.

The Turtle file is the only source: the page lists what it finds there (classes, properties,
concept schemes and their individuals) with labels and definitions in zh-Hans, zh-Hant and en.
Every text from the Turtle is HTML-escaped; the page loads nothing from the network.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from ontology import GOVKG, ONTOLOGY_IRI, ONTOLOGY_TTL, PREFIXES, SKOS

LANGUAGES = (("zh-hans", "简体"), ("zh-hant", "繁體"), ("en", "English"))
SECTIONS = (
    ("classes", "Classes · 类 · 類", OWL.Class),
    ("object-properties", "Object properties · 对象属性 · 物件屬性", OWL.ObjectProperty),
    ("datatype-properties", "Datatype properties · 数据属性 · 資料屬性", OWL.DatatypeProperty),
    ("schemes", "Concept schemes · 概念体系 · 概念體系", SKOS.ConceptScheme),
    ("individuals", "Roles and kinds · 角色与类别 · 角色與類別", OWL.NamedIndividual),
)
FACTS = (
    ("rdf:type", RDF.type),
    ("subclass of", RDFS.subClassOf),
    ("subproperty of", RDFS.subPropertyOf),
    ("domain", RDFS.domain),
    ("range", RDFS.range),
    ("in scheme", SKOS.inScheme),
    ("notation", SKOS.notation),
)
STYLE = """
body{font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;margin:2rem auto;max-width:60rem;
line-height:1.5;color:#1b1b1b;padding:0 1rem}
h1{font-size:1.6rem}h2{border-bottom:2px solid #c33;padding-bottom:.2rem;margin-top:2.5rem}
section.term{border:1px solid #ddd;border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
section.term h3{margin:.2rem 0;font-family:monospace;font-size:1.1rem}
table{border-collapse:collapse;width:100%}td,th{text-align:left;vertical-align:top;padding:.15rem .5rem}
th{width:8rem;color:#555;font-weight:normal}code{background:#f4f4f4;padding:0 .2rem}
nav a{margin-right:1rem}
"""


def vocabulary_html(ttl: Path = ONTOLOGY_TTL) -> str:
    """The whole page for the vocabulary in ``ttl``."""
    graph = Graph().parse(ttl, format="turtle")
    title = _text(graph, ONTOLOGY_IRI, "en", prop=URIRef("http://purl.org/dc/terms/title")) or "govkg"
    version = graph.value(ONTOLOGY_IRI, OWL.versionInfo)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p>Namespace <code>{escape(str(GOVKG._NS))}</code>"
        + (f" · version {escape(str(version))}" if version else "")
        + "</p>",
        _languages_block(graph, ONTOLOGY_IRI, URIRef("http://purl.org/dc/terms/description")),
        "<nav>" + "".join(f'<a href="#{key}">{escape(name)}</a>' for key, name, _ in SECTIONS) + "</nav>",
    ]
    for key, name, kind in SECTIONS:
        terms = sorted(t for t in graph.subjects(RDF.type, kind) if isinstance(t, URIRef) and _is_govkg(t))
        parts.append(f'<h2 id="{key}">{escape(name)}</h2>')
        parts.extend(_term_block(graph, term) for term in terms)
    parts.append("</body></html>")
    return "\n".join(parts)


def write_vocabulary(out: Path, ttl: Path = ONTOLOGY_TTL) -> Path:
    """Write the page to ``out`` (parents created) and return it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(vocabulary_html(ttl), encoding="utf-8")
    return out


def _is_govkg(node: Node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(str(GOVKG._NS))


def _term_block(graph: Graph, term: URIRef) -> str:
    local = str(term)[len(str(GOVKG._NS)) :]
    rows = [
        f"<tr><th>{escape(label)}</th><td>{', '.join(_render(graph, value) for value in values)}</td></tr>"
        for label, prop in FACTS
        if (values := sorted(graph.objects(term, prop), key=str))
    ]
    return (
        f'<section class="term" id="{escape(local)}"><h3>govkg:{escape(local)}</h3>'
        f"{_languages_block(graph, term, SKOS.definition)}"
        f"<table>{''.join(rows)}</table></section>"
    )


def _languages_block(graph: Graph, node: URIRef, definition: URIRef) -> str:
    rows = []
    for lang, name in LANGUAGES:
        label = _text(graph, node, lang, prop=RDFS.label) or _text(graph, node, lang, prop=SKOS.prefLabel)
        text = _text(graph, node, lang, prop=definition) or _text(graph, node, lang, prop=RDFS.comment)
        if label or text:
            rows.append(
                f'<tr lang="{escape(lang)}"><th>{escape(name)}</th>'
                f"<td><strong>{escape(label or '')}</strong> {escape(text or '')}</td></tr>"
            )
    return f'<table class="labels">{"".join(rows)}</table>'


def _text(graph: Graph, node: URIRef, lang: str, *, prop: URIRef) -> str | None:
    for value in graph.objects(node, prop):
        if isinstance(value, Literal) and (value.language or "").lower() == lang:
            return str(value)
    return None


def _render(graph: Graph, value: Node) -> str:
    """A term as a CURIE (linked when it is govkg's own), a union as 'A or B', a literal as text."""
    if isinstance(value, URIRef):
        curie = _curie(value)
        if _is_govkg(value):
            return f'<a href="#{escape(str(value)[len(str(GOVKG._NS)) :])}"><code>{escape(curie)}</code></a>'
        return f"<code>{escape(curie)}</code>"
    if isinstance(value, Literal):
        return escape(str(value))
    members = graph.value(value, OWL.unionOf)
    if members is not None:
        return " or ".join(_render(graph, member) for member in Collection(graph, members))
    return escape(str(value))


def _curie(iri: URIRef) -> str:
    for prefix, namespace in {**PREFIXES, "owl": str(OWL)}.items():
        if str(iri).startswith(namespace):
            return f"{prefix}:{str(iri)[len(namespace) :]}"
    return str(iri)
