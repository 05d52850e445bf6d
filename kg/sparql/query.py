"""SPARQL over a kg graph, with kg's prefixes pre-declared and results as plain Python values.

A graph held in memory is queried with rdflib's engine; a graph over an Oxigraph store
(:mod:`kg.store.disk`) with Oxigraph's, which is many times faster on large graphs. Named
queries (:mod:`kg.sparql.named`) take parameters that are bound to variables, never pasted
into the query text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result
from rdflib.term import Identifier, Node

from kg.errors import QueryError
from kg.rdf.namespace import PREFIXES
from kg.store.oxigraph import OX_PREFIXES, Substitutions, from_ox, oxigraph_of, to_ox

if TYPE_CHECKING:
    import pandas

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

    def to_frame(self) -> pandas.DataFrame:
        """The rows as a pandas DataFrame, one column per variable.

        >>> QueryResult(("who",), (("Rapidus",), ("IBM",))).to_frame()["who"].tolist()
        ['Rapidus', 'IBM']
        """
        import pandas

        return pandas.DataFrame(list(self.rows), columns=list(self.columns))


def run_query(
    graph: Graph, sparql: str, bindings: Mapping[str, object] | None = None
) -> QueryResult:
    """Run the read-only SPARQL query ``sparql`` on ``graph``.

    ``bindings`` gives variables values before the query runs (never text pasted into the
    query): an rdflib term as it is, any other value as a literal, so pass IRIs as ``URIRef``
    (for instance :func:`kg.rdf.namespace.entity_iri`). On an Oxigraph store, Oxigraph runs
    the query when it can bind every given variable (SELECT queries that project them); other
    queries with bindings go through rdflib's engine over the same store.
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
    initial = {name: _term(value) for name, value in (bindings or {}).items()}
    store = oxigraph_of(graph)
    if store is not None:
        result = _run_oxigraph(store, sparql, initial)
        if result is not None:
            return result
    try:
        query = prepareQuery(sparql, initNs=PREFIXES)
    # rdflib reports a bad token as pyparsing's ParseException (which says line and column)
    # and an undeclared prefix as a bare Exception.
    except Exception as error:
        raise QueryError(f"malformed SPARQL: {error}{_hint(sparql)}") from error
    return _result(graph.query(query, initBindings=initial))


def _run_oxigraph(
    store: ox.Store, sparql: str, bindings: Mapping[str, Identifier]
) -> QueryResult | None:
    """The query's result from Oxigraph, or ``None`` if Oxigraph cannot bind ``bindings``."""
    substitutions: Substitutions = {
        ox.Variable(name): to_ox(value) for name, value in bindings.items()
    }
    try:
        answer = store.query(sparql, prefixes=OX_PREFIXES, substitutions=substitutions)
        if isinstance(answer, ox.QuerySolutions):
            columns = tuple(variable.value for variable in answer.variables)
            rows = tuple(tuple(_ox_value(term) for term in solution) for solution in answer)
            return QueryResult(columns, rows)
    except SyntaxError as error:
        raise QueryError(f"malformed SPARQL: {error}{_hint(sparql)}") from error
    except RuntimeError:  # a bound variable that a SELECT does not project
        return None
    # Oxigraph ignores substitutions in CONSTRUCT and ASK; rdflib's engine applies them.
    if bindings:
        return None
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(("ask",), ((bool(answer),),))
    graph = Graph()
    for triple in answer:
        graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
    return _triples_result(graph)


def _ox_value(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> object:
    return None if term is None else _value(from_ox(term))


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
        assert result.graph is not None  # rdflib always sets it for these query types
        return _triples_result(result.graph)
    variables = result.vars or ()
    rows = tuple(tuple(_value(row.get(name)) for name in variables) for row in result.bindings)
    return QueryResult(tuple(str(name) for name in variables), rows)


def _triples_result(graph: Graph) -> QueryResult:
    triples = tuple(tuple(_value(term) for term in triple) for triple in sorted(graph))
    return QueryResult(("subject", "predicate", "object"), triples, graph)


def _value(term: Node | None) -> object:
    """A plain Python value for an RDF term, ``None`` for unbound."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        # toPython() hands back the Literal itself for unknown datatypes and ill-typed values.
        return str(value) if isinstance(value, Literal) else value
    return str(term)
