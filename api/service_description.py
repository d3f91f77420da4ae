"""The SPARQL 1.1 Service Description of the endpoint, in any RDF format the table offers."""

from __future__ import annotations

from api.negotiation import table

_FORMAT_IRIS = {
    "application/sparql-results+json": "SPARQL_Results_JSON",
    "application/sparql-results+xml": "SPARQL_Results_XML",
    "text/csv": "SPARQL_Results_CSV",
    "text/tab-separated-values": "SPARQL_Results_TSV",
    "text/turtle": "Turtle",
    "application/n-triples": "N-Triples",
    "application/ld+json": "JSON-LD",
    "application/rdf+xml": "RDF_XML",
}


def service_description(endpoint: str, serializer: str = "TURTLE") -> bytes:
    """What a client needs to know before querying: language, formats, the union default graph."""
    import pyoxigraph as ox

    formats = " , ".join(
        f"<http://www.w3.org/ns/formats/{_FORMAT_IRIS[row.media_type]}>"
        for row in table()
        if row.media_type in _FORMAT_IRIS
    )
    turtle = f"""
@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
[] a sd:Service ;
   sd:endpoint <{endpoint}> ;
   sd:supportedLanguage sd:SPARQL11Query ;
   sd:feature sd:UnionDefaultGraph ;
   sd:resultFormat {formats} ;
   dcterms:title "govkg: Chinese government task-division plans as a knowledge graph"@en ;
   sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] .
"""
    triples = list(ox.parse(turtle.encode("utf-8"), format=ox.RdfFormat.TURTLE))
    prefixes = {"sd": "http://www.w3.org/ns/sparql-service-description#"}
    use_prefixes = prefixes if serializer in {"TURTLE", "RDF_XML", "JSON_LD"} else None
    return ox.serialize(triples, format=getattr(ox.RdfFormat, serializer), prefixes=use_prefixes) or b""
