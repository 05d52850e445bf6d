"""Every error kg raises on purpose derives from :class:`KgError`.

Messages say what was wrong and where (file, line, entity), so that a user can fix
the input without reading kg's code.
"""

from __future__ import annotations


class KgError(Exception):
    """Base class of kg's errors."""


class IngestError(KgError):
    """An input file or record could not be read as an article."""


class ModelError(KgError):
    """No usable spaCy pipeline could be loaded."""


class ExtractionError(KgError):
    """Extraction failed for one article, or its pattern data is invalid."""


class DataError(KgError):
    """A data file of kg's (gazetteer, patterns, gold file) is malformed."""


class OntologyError(KgError):
    """A name is not part of kg's ontology."""


class GraphFormatError(KgError):
    """A graph file has an unknown suffix or cannot be parsed."""


class QueryError(KgError):
    """A SPARQL query is malformed or failed."""
