"""SPARQL over a kg graph, with kg's prefixes pre-declared and results as plain Python values."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from rdflib import Graph, Literal
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result
from rdflib.term import Identifier, Node

from kg.errors import QueryError
from kg.rdf.namespace import PREFIXES

__all__ = ["PREFIXES", "QueryResult", "run_query"]

_SLASHED_NAME = re.compile(r"\bkgr:([\w-]+/[\w-]+)")


@dataclass(frozen=True, slots=True)
class QueryResult:
    """What a query returned: named columns and rows of plain values.

    IRIs and blank nodes are ``str``, literals their Python value (``int``, ``Decimal``,
    ``datetime.date``, ``str`` ...), unbound variables ``None``. ASK gives one column ``ask``;
    CONSTRUCT and DESCRIBE give their triples as rows and the graph itself as ``graph``.
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    graph: Graph | None = None


def run_query(
    graph: Graph, sparql: str, bindings: Mapping[str, object] | None = None
) -> QueryResult:
    """Run the read-only SPARQL query ``sparql`` on ``graph``.

    ``bindings`` gives variables values before the query runs (rdflib's ``initBindings``, never
    text pasted into the query): an rdflib term as it is, any other value as a literal, so pass
    IRIs as ``URIRef`` (for instance :func:`kg.rdf.namespace.entity_iri`).
    Raises :class:`~kg.errors.QueryError` for malformed SPARQL.

    >>> from rdflib import Graph
    >>> from kg.rdf.namespace import KG, entity_iri
    >>> graph = Graph()
    >>> graph.add((entity_iri("Rapidus"), KG.partnersWith, entity_iri("IBM")))  # doctest: +ELLIPSIS
    <Graph ...>
    >>> run_query(graph, "SELECT ?x WHERE { ?x kg:partnersWith ?y }",
    ...           {"y": entity_iri("IBM")}).rows
    (('https://w3id.org/kg/id/entity/rapidus',),)
    """
    try:
        query = prepareQuery(sparql, initNs=PREFIXES)
    # rdflib reports a bad token as pyparsing's ParseException (which says line and column)
    # and an undeclared prefix as a bare Exception.
    except Exception as error:
        raise QueryError(f"malformed SPARQL: {error}{_hint(sparql)}") from error
    initial = {name: _term(value) for name, value in (bindings or {}).items()}
    return _result(graph.query(query, initBindings=initial))


def _hint(sparql: str) -> str:
    """Advice for a likely slip: a ``/`` in a prefixed name, which SPARQL reads as a path."""
    match = _SLASHED_NAME.search(sparql)
    if not match:
        return ""
    iri = PREFIXES["kgr"] + match.group(1)
    kind, _, name = match.group(1).partition("/")
    short = f"ent:{name}, " if kind == "entity" else ""
    return f"; {match.group(0)!r} is not a SPARQL name: write {short}<{iri}> or bind a parameter"


def _term(value: object) -> Identifier:
    return value if isinstance(value, Identifier) else Literal(value)


def _result(result: Result) -> QueryResult:
    if result.type == "ASK":
        return QueryResult(("ask",), ((bool(result.askAnswer),),))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        graph = result.graph
        assert graph is not None  # rdflib always sets it for these query types
        triples = tuple(tuple(_value(term) for term in triple) for triple in sorted(graph))
        return QueryResult(("subject", "predicate", "object"), triples, graph)
    variables = result.vars or ()
    rows = tuple(tuple(_value(row.get(name)) for name in variables) for row in result.bindings)
    return QueryResult(tuple(str(name) for name in variables), rows)


def _value(term: Node | None) -> object:
    """A plain Python value for an RDF term, ``None`` for unbound."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        # toPython() hands back the Literal itself for unknown datatypes and ill-typed values.
        return str(value) if isinstance(value, Literal) else value
    return str(term)
