"""Text -> plain document model. Knows nothing about RDF.

>>> doc = parse("(一)加强监管。开展检查。(海关总署负责)")
>>> doc.tasks[0].assignments[0].agency.name
'海关总署'
"""

from ingest.agencies import registry
from ingest.errors import GovkgError, IngestError
from ingest.export import to_json
from ingest.model import Agency, AgencyKind, Assignment, Citation, Document, Item, Role, Section, Task
from ingest.parse import parse, parser_version, read_file

__all__ = [
    "Agency",
    "AgencyKind",
    "Assignment",
    "Citation",
    "Document",
    "GovkgError",
    "IngestError",
    "Item",
    "Role",
    "Section",
    "Task",
    "parse",
    "parser_version",
    "read_file",
    "registry",
    "to_json",
]
