"""SPARQL results as the SPARQL 1.1 formats (JSON, XML, CSV, TSV), and content negotiation.

kg writes results itself rather than with pyoxigraph's serialisers so that an endpoint can cap
the number of rows it sends: pyoxigraph serialises a whole result or nothing.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Row = Sequence[Term | None]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
# Characters XML 1.0 cannot carry at all, not even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

RESULT_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
"""Media types for SELECT and ASK results, by the format name kg uses for each."""

GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
"""Media types for CONSTRUCT and DESCRIBE results."""


def negotiate(accept: str, offered: Sequence[str]) -> str | None:
    """The media type of ``offered`` that ``accept`` (an HTTP Accept header) likes best.

    The first offered type wins ties and answers an empty header or ``*/*``; ``None`` when
    nothing offered is acceptable.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", ["text/csv",
    ...           "application/sparql-results+xml"])
    'application/sparql-results+xml'
    >>> negotiate("", ["text/turtle"]), negotiate("image/png", ["text/turtle"])
    ('text/turtle', None)
    """
    ranges = _accept_ranges(accept) or [("*/*", 1.0)]
    best, best_q = None, 0.0
    for media in offered:
        q = max((q for pattern, q in ranges if _covers(pattern, media)), default=0.0)
        if q > best_q:
            best, best_q = media, q
    return best


def _accept_ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    return ranges


def _covers(pattern: str, media: str) -> bool:
    if pattern in ("*/*", media):
        return True
    return pattern.endswith("/*") and media.startswith(pattern[:-1])


def serialize_solutions(fmt: str, variables: Sequence[str], rows: Iterable[Row]) -> bytes:
    """SELECT results in the format ``fmt`` (``json``, ``xml``, ``csv`` or ``tsv``).

    >>> rows = [[ox.NamedNode("https://x.test/a"), ox.Literal("Japan")]]
    >>> serialize_solutions("tsv", ["x", "label"], rows).decode()
    '?x\\t?label\\n<https://x.test/a>\\t"Japan"\\n'
    """
    return _SOLUTION_WRITERS[fmt](variables, rows).encode("utf-8")


def serialize_boolean(fmt: str, answer: bool) -> bytes:
    """An ASK result in the format ``fmt``. CSV and TSV (whose specification has no booleans)
    give a table of one column ``_askResult`` and one row, as Jena does, which table readers
    such as rdflib's parse (a bare ``true`` they could not).

    >>> serialize_boolean("json", True)
    b'{"head": {}, "boolean": true}'
    >>> serialize_boolean("csv", False)
    b'_askResult\\r\\nfalse\\r\\n'
    """
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": answer}).encode()
    if fmt == "xml":
        return (
            f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{str(answer).lower()}</boolean></sparql>\n"
        ).encode()
    if fmt == "tsv":
        return f"?_askResult\n{str(answer).lower()}\n".encode()
    return f"_askResult\r\n{str(answer).lower()}\r\n".encode()


def _json(variables: Sequence[str], rows: Iterable[Row]) -> str:
    bindings = [
        {name: _json_term(term) for name, term in zip(variables, row, strict=True) if term}
        for row in rows
    ]
    return json.dumps(
        {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}, ensure_ascii=False
    )


def _json_term(term: Term) -> dict[str, object]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


def _xml(variables: Sequence[str], rows: Iterable[Row]) -> str:
    out = [
        '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
        "<head>",
        *(f"<variable name={quoteattr(name)}/>" for name in variables),
        "</head><results>",
    ]
    for row in rows:
        out.append("<result>")
        for name, term in zip(variables, row, strict=True):
            if term is not None:
                out.append(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
        out.append("</result>")
    out.append("</results></sparql>\n")
    return "\n".join(out)


def _xml_text(text: str) -> str:
    return escape(_NOT_XML.sub("\ufffd", text))


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{_xml_text(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            attribute = f" xml:lang={quoteattr(term.language)}"
        elif term.datatype.value not in (_XSD_STRING, _RDF_LANG_STRING):
            attribute = f" datatype={quoteattr(term.datatype.value)}"
        else:
            attribute = ""
        return f"<literal{attribute}>{_xml_text(term.value)}</literal>"
    return f"<literal>{_xml_text(str(term))}</literal>"


def _csv(variables: Sequence[str], rows: Iterable[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow(["" if term is None else _plain(term) for term in row])
    return buffer.getvalue()


def _plain(term: Term) -> str:
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


def _tsv(variables: Sequence[str], rows: Iterable[Row]) -> str:
    # Terms in N-Triples syntax (str() of a pyoxigraph term), which escapes tabs and newlines.
    lines = ["\t".join(f"?{name}" for name in variables)]
    lines += ["\t".join("" if term is None else str(term) for term in row) for row in rows]
    return "\n".join(lines) + "\n"


_SOLUTION_WRITERS = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}
