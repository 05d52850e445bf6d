"""Answer one SPARQL protocol request: checks, dataset, formats, limits of rows and bytes.

:func:`answer_query` answers one request on an open store; the worker processes that run it
under a time limit are :mod:`kg.sparql.pool`'s. Answers are capped at a number of rows (or
triples) and of bytes: a result over either is refused with 403 and a message, never sent cut
short as if it were whole.

Relative IRIs in a query are resolved against :data:`BASE`. The protocol's
``default-graph-uri`` and ``named-graph-uri`` are honoured: they make the query's dataset
(kg's graphs hold everything in the default graph, so naming any graph queries an empty one).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from typing import Any

import pyoxigraph as ox

from kg.sparql.guard import (
    MAX_DEPTH,
    MAX_OPERATORS,
    expand_escapes,
    federated,
    nesting_depth,
    operator_count,
)
from kg.sparql.named import NamedQuery, named_queries
from kg.sparql.results import (
    GRAPH_TYPES,
    RESULT_TYPES,
    negotiate,
    serialize_boolean,
    serialize_solutions,
)
from kg.store.oxigraph import OX_PREFIXES, OxTerm, Substitutions, from_ox

PREFIXES = OX_PREFIXES
"""kg's prefixes, declared in every query."""
BASE = "https://w3id.org/kg/id/"
"""The base IRI of every query: ``<entity/ibm>`` is ``ent:ibm``."""
MAX_ANSWER_BYTES = 64 << 20
"""Largest answer body sent (64 MiB); a larger answer is refused with 403."""

_UPDATE_WORDS = re.compile(
    r"^\s*(?:(?:PREFIX|BASE)\b[^{]*?)?\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE | re.DOTALL,
)
_TURTLE_PREFIXES = "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in PREFIXES.items())
_BINDING_SUBJECT = "<urn:kg:binding> <urn:kg:value>"


@dataclass(frozen=True, slots=True)
class QueryRequest:
    """A query to answer: its text, the client's Accept header, and variable bindings.

    ``bindings`` maps a variable name to a term in Turtle syntax with kg's prefixes
    (``ent:japan``, ``"2023-01-01"^^xsd:date``), as RDF4J's ``$name`` request parameters do.
    """

    query: str
    accept: str = ""
    bindings: dict[str, str] = field(default_factory=dict)
    format: str = ""
    """The ``format=`` or ``output=`` parameter: a short name read by the query's form
    (``xml`` is SPARQL XML results for SELECT and ASK, RDF/XML for CONSTRUCT and DESCRIBE)."""
    default_graphs: tuple[str, ...] = ()
    """The ``default-graph-uri`` parameters: the query's default graph is their merge."""
    named_graphs: tuple[str, ...] = ()
    """The ``named-graph-uri`` parameters: the only graphs ``GRAPH`` sees."""


@dataclass(frozen=True, slots=True)
class Answer:
    """An HTTP answer: status, media type, body, extra headers."""

    status: int
    media_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


def refusal(status: int, message: str) -> Answer:
    """A plain-text error answer.

    >>> refusal(403, "read-only").body
    b'read-only\\n'
    """
    return Answer(status, "text/plain; charset=utf-8", f"{message}\n".encode())


def answer_query(
    store: ox.Store, request: QueryRequest, limit: int, max_bytes: int = MAX_ANSWER_BYTES
) -> Answer:
    """Run ``request`` on ``store`` and serialise at most ``limit`` rows in the format asked;
    an answer over ``max_bytes`` bytes is refused (403) instead.

    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("https://x.test/a"), ox.NamedNode("https://x.test/p"),
    ...                   ox.Literal("b")))
    >>> answer_query(store, QueryRequest("SELECT ?o { ?s ?p ?o }", "text/csv"), 10).body
    b'o\\r\\nb\\r\\n'
    >>> answer_query(store, QueryRequest("INSERT DATA { <a:b> <a:c> <a:d> }"), 10).status
    403
    """
    refused = _refused(request.query)
    if refused is not None:
        return refused
    try:
        terms = {name: parse_term(text) for name, text in request.bindings.items()}
    except ValueError as error:
        return refusal(400, str(error))
    query, substitutions = _bound(request.query, terms)
    try:
        default_graph, named_graphs = _dataset(request)
    except ValueError as error:
        return refusal(400, str(error))
    try:
        result = store.query(
            query,
            base_iri=BASE,
            prefixes=PREFIXES,
            substitutions=substitutions,
            default_graph=default_graph,
            named_graphs=named_graphs,
        )
        if isinstance(result, ox.QuerySolutions):
            accept = _accept(request, RESULT_FORMATS)
            return _solutions(result, accept, limit, max_bytes, _star_order(request.query))
        if substitutions:
            return refusal(400, "bindings ($name) work only in SELECT queries that project them")
        if isinstance(result, ox.QueryBoolean):
            return _boolean(bool(result), _accept(request, RESULT_FORMATS))
        return _triples(result, _accept(request, GRAPH_FORMATS), limit, max_bytes)
    except SyntaxError as error:
        if _UPDATE_WORDS.match(request.query):
            return refusal(403, "this endpoint is read-only: SPARQL Update is refused")
        return refusal(400, f"malformed query: {error}")
    except RuntimeError as error:  # e.g. a binding for a variable the SELECT does not project
        return refusal(400, f"cannot run the query: {error}")


RESULT_FORMATS: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
"""``format=``/``output=`` names for SELECT and ASK results."""
GRAPH_FORMATS: dict[str, str] = {
    "xml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
    "rdfxml": "application/rdf+xml",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "n3": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "json-ld": "application/ld+json",
    "jsonld": "application/ld+json",
    "json": "application/ld+json",
}
"""``format=``/``output=`` names for CONSTRUCT and DESCRIBE graphs (SPARQLWrapper asks
``format=xml`` for them, meaning RDF/XML)."""


def _accept(request: QueryRequest, names: dict[str, str]) -> str:
    """The Accept header to negotiate with: the ``format`` hint read for this query's form
    when it names one, else the client's header."""
    return names.get(request.format.strip().lower(), request.accept)


def _dataset(
    request: QueryRequest,
) -> tuple[
    list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] | None,
    list[ox.NamedNode | ox.BlankNode] | None,
]:
    """Oxigraph's default graph and named graphs for the request's ``default-graph-uri`` and
    ``named-graph-uri`` (None: the store's); ValueError for one that is no IRI."""
    try:
        default: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph]
        default = [ox.NamedNode(iri) for iri in request.default_graphs]
        named: list[ox.NamedNode | ox.BlankNode]
        named = [ox.NamedNode(iri) for iri in request.named_graphs]
    except ValueError as error:
        raise ValueError(f"a graph URI is not an IRI: {error}") from error
    return default or None, named or None


_STAR = re.compile(r"\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?\*", re.IGNORECASE)
_VARIABLE = re.compile(r"[?$]([\w\u00b7\u0300-\u036f\u203f-\u2040]+)")


def _star_order(query: str) -> list[str] | None:
    """For ``SELECT *``, the variables in the order they first appear in the query (Oxigraph
    gives them in another order); None for a query that names its columns.

    >>> _star_order("SELECT * WHERE { ?s ?p ?o . ?o rdfs:label ?label }")
    ['s', 'p', 'o', 'label']
    """
    if not _STAR.search(query):
        return None
    order: dict[str, None] = {}
    for name in _VARIABLE.findall(expand_escapes(query)):
        order.setdefault(name, None)
    return list(order)


def _refused(query: str) -> Answer | None:
    """Why ``query`` is not run (too deeply nested, federated), as an answer; None to run it.

    >>> _refused("ASK {" * 200 + "}" * 200).status
    400
    """
    depth = nesting_depth(query)
    if depth > MAX_DEPTH:
        return refusal(400, f"query nested {depth} deep; this endpoint takes up to {MAX_DEPTH}")
    operators = operator_count(query)
    if operators > MAX_OPERATORS:
        return refusal(
            400, f"query with {operators} operators; this endpoint takes up to {MAX_OPERATORS}"
        )
    calls = federated(query)
    if calls:
        return refusal(
            403, "federated queries (SERVICE) are refused: this endpoint sends no requests"
        )
    if calls is None:
        return refusal(
            400,
            "malformed query (it mentions SERVICE, and federated queries are refused, "
            "but it cannot be parsed to tell)",
        )
    return None


def _bound(query: str, terms: dict[str, OxTerm]) -> tuple[str, Substitutions]:
    """The query to run and the substitutions to give Oxigraph for ``terms``.

    A named query's own text gets its bindings as a leading ``VALUES`` block, which Oxigraph
    evaluates first (:meth:`kg.sparql.named.NamedQuery.with_values`); any other query gets
    Oxigraph's substitutions, which are applied after evaluation and so are slower on large
    graphs.
    """
    named = _named_by_text().get(query)
    if named is None or not terms:
        return query, {ox.Variable(name): term for name, term in terms.items()}
    return named.with_values({name: from_ox(term) for name, term in terms.items()}), {}


@cache
def _named_by_text() -> dict[str, NamedQuery]:
    return {query.text: query for query in named_queries().values()}


def parse_term(text: str) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The one RDF term that ``text`` writes in Turtle (kg's prefixes declared).

    >>> parse_term('"2023-01-01"^^xsd:date')
    <Literal value=2023-01-01 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#date>>
    >>> parse_term("ent:japan . <a:x> <a:y> <a:z>")
    Traceback (most recent call last):
    ValueError: not one RDF term: 'ent:japan . <a:x> <a:y> <a:z>'
    """
    document = f"{_TURTLE_PREFIXES}{_BINDING_SUBJECT} {text}\n."
    try:
        triples = list(ox.parse(document, format=ox.RdfFormat.TURTLE))
    except SyntaxError:
        triples = []
    if len(triples) != 1 or isinstance(triples[0].object, ox.Triple):
        raise ValueError(f"not one RDF term: {text!r}")
    return triples[0].object


def _solutions(
    result: ox.QuerySolutions,
    accept: str,
    limit: int,
    max_bytes: int,
    order: list[str] | None = None,
) -> Answer:
    media = negotiate(accept, list(RESULT_TYPES))
    if media is None:
        return _not_acceptable(RESULT_TYPES)
    variables = [variable.value for variable in result.variables]
    if order is not None:  # SELECT *: the query's order, anything else after
        rank = {name: index for index, name in enumerate(order)}
        variables.sort(key=lambda name: rank.get(name, len(rank)))
    rows = _within(islice(result, limit + 1), max_bytes)
    if rows is None:
        return _too_big(max_bytes)
    if len(rows) > limit:
        return _too_many(limit)
    if order is not None:
        rows = [[row[name] for name in variables] for row in rows]
    body = serialize_solutions(RESULT_TYPES[media], variables, rows)
    if len(body) > max_bytes:
        return _too_big(max_bytes)
    return Answer(200, f"{media}; charset=utf-8", body)


def _boolean(answer: bool, accept: str) -> Answer:
    media = negotiate(accept, list(RESULT_TYPES))
    if media is None:
        return _not_acceptable(RESULT_TYPES)
    return Answer(200, f"{media}; charset=utf-8", serialize_boolean(RESULT_TYPES[media], answer))


def _triples(result: ox.QueryTriples, accept: str, limit: int, max_bytes: int) -> Answer:
    media = negotiate(accept, list(GRAPH_TYPES))
    if media is None:
        # A client that takes only result-set types (rdflib's SPARQLStore in json or csv mode
        # asking a CONSTRUCT) reads the type of what it gets: Turtle, rather than 406.
        if negotiate(accept, list(RESULT_TYPES)) is None:
            return _not_acceptable(GRAPH_TYPES)
        media = "text/turtle"
    triples = _within(islice(result, limit + 1), max_bytes)
    if triples is None:
        return _too_big(max_bytes)
    if len(triples) > limit:
        return _too_many(limit)
    body = ox.serialize(triples, format=GRAPH_TYPES[media], prefixes=PREFIXES) or b""
    if len(body) > max_bytes:
        return _too_big(max_bytes)
    return Answer(200, f"{media}; charset=utf-8", body)


def _within(rows: Iterable[Any], max_bytes: int) -> list[Any] | None:
    """``rows`` (solutions or triples) as a list, or None as soon as the text of their terms
    alone passes ``max_bytes`` characters: the answer would be larger still."""
    kept, size = [], 0
    for row in rows:
        size += sum(len(str(term)) for term in row if term is not None)
        if size > max_bytes:
            return None
        kept.append(row)
    return kept


def _too_big(max_bytes: int) -> Answer:
    return refusal(
        403,
        f"the answer would be larger than {max_bytes:,} bytes, the most this endpoint sends; "
        "ask for fewer rows (LIMIT) or shorter values",
    )


def _too_many(limit: int) -> Answer:
    return refusal(
        403,
        f"the answer holds more than {limit:,} rows (or triples), the most this endpoint sends; "
        f"add LIMIT {limit} or less (and OFFSET to page on)",
    )


def _not_acceptable(offered: dict) -> Answer:
    return refusal(406, f"cannot answer in the types accepted; offered: {', '.join(offered)}")
